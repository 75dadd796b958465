"""URLs of the participation's pages, included under /<slug>/ by participation/urls.py."""

urlpatterns = []
