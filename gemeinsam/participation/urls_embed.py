"""URLs of the participation's embed, included under /<slug>/ by participation/urls.py."""

from django.urls import path

from . import views_embed

urlpatterns = [
    path("einbetten/", views_embed.embed_settings, name="embed"),
    path("einbettung/karte/", views_embed.embed_map, name="embed_map"),
    path("einbettung/termine/", views_embed.embed_events, name="embed_events"),
    path("einbettung/plan/", views_embed.embed_plan, name="embed_plan"),
]
