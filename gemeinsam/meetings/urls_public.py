"""Reachable without logging in; included under /<slug>/ by meetings/urls.py."""

from django.urls import path

from . import views_public

urlpatterns = [
    path("antwort/<str:token>/", views_public.rsvp, name="rsvp"),
    path("gremien/<int:pk>/kalender.ics", views_public.body_feed, name="body_feed"),
    path("kalender.ics", views_public.municipality_feed, name="municipality_feed"),
]
