"""URLs of the participation's events, included under /<slug>/ by participation/urls.py."""

urlpatterns = []
