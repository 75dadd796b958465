"""URLs of the participation's initiatives, included under /<slug>/ by participation/urls.py."""

from django.urls import path

from . import views_initiatives as views

urlpatterns = [
    path("mitmachen/", views.initiative_map, name="map"),
    path("mitmachen/initiativen.geojson", views.initiatives_geojson, name="initiatives_geojson"),
    path("mitmachen/initiativen.csv", views.initiatives_csv, name="initiatives_csv"),
    path("mitmachen/initiativen/<int:pk>/", views.initiative_detail, name="initiative"),
    path("mitmachen/initiativen/<int:pk>/kontakt/", views.initiative_contact,
         name="initiative_contact"),
    path("mitmachen/vorschlagen/", views.initiative_propose, name="initiative_propose"),
    path("mitmachen/initiativen/bearbeiten/<str:token>/", views.initiative_edit_link,
         name="initiative_edit_link"),
    path("mitmachen/initiativen/neu/", views.initiative_create, name="initiative_create"),
    path("mitmachen/initiativen/<int:pk>/bearbeiten/", views.initiative_edit,
         name="initiative_edit"),
    path("mitmachen/initiativen/<int:pk>/loeschen/", views.initiative_delete,
         name="initiative_delete"),
    path("mitmachen/moderation/", views.moderation, name="moderation"),
    path("mitmachen/moderation/<str:kind>/<int:pk>/", views.moderation_decide,
         name="moderation_decide"),
    path("mitmachen/kategorien/", views.categories, name="categories"),
    path("mitmachen/kategorien/<int:pk>/", views.category_edit, name="category_edit"),
]
