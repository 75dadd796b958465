"""URLs of the participation's events, included under /<slug>/ by participation/urls.py."""

from django.urls import path

from . import views_events as views

urlpatterns = [
    path("termine/", views.event_list, name="events"),
    path("termine/karte/", views.events_map, name="events_map"),
    path("termine/termine.geojson", views.events_geojson, name="events_geojson"),
    path("termine.ics", views.events_feed, name="events_feed"),
    path("termine/<int:pk>/", views.event_detail, name="event"),
    path("termine/<int:pk>.ics", views.event_ics, name="event_ics"),
    path("termine/vorschlagen/", views.event_propose, name="event_propose"),
    path("termine/bearbeiten/<str:token>/", views.event_edit_link, name="event_edit_link"),
    # The events of an initiative, through the initiative's own edit link.
    path("termine/bearbeiten/<str:token>/<int:pk>/", views.event_edit_link,
         name="event_edit_link_of_organiser"),
    path("termine/neu/", views.event_create, name="event_create"),
    path("termine/<int:pk>/bearbeiten/", views.event_edit, name="event_edit"),
    path("termine/<int:pk>/loeschen/", views.event_delete, name="event_delete"),
]
