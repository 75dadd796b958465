"""Import and export of actors; included into the actors' URLs."""

from django.urls import path

from . import views_exchange

urlpatterns = [
    path("akteure/import/", views_exchange.actor_import, name="import"),
    path("akteure/import/vorschau/", views_exchange.actor_import_preview, name="import_preview"),
    path("akteure/export.<str:file_format>", views_exchange.actor_export, name="export"),
]
