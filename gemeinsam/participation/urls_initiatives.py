"""URLs of the participation's initiatives, included under /<slug>/ by participation/urls.py."""

urlpatterns = []
