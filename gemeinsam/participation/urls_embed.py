"""URLs of the participation's embed, included under /<slug>/ by participation/urls.py."""

urlpatterns = []
