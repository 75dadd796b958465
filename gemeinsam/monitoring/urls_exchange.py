"""Import and export of the action plan; included into the monitoring's URLs."""

from django.urls import path

from . import views_exchange

urlpatterns = [
    path("plan/import/", views_exchange.plan_import, name="import"),
    path("plan/import/vorschau/", views_exchange.plan_import_preview, name="import_preview"),
    path("plan/export.<str:file_format>", views_exchange.plan_export, name="export"),
]
