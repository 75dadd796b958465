"""URLs of the participation's pages, included under /<slug>/ by participation/urls.py."""

from django.urls import path

from . import views_pages

urlpatterns = [
    path("seiten/", views_pages.page_list, name="pages"),
    path("seiten/neu/", views_pages.page_create, name="page_create"),
    path("seiten/<slug:page_slug>/", views_pages.page_detail, name="page"),
    path("seiten/<slug:page_slug>/bearbeiten/", views_pages.page_edit, name="page_edit"),
    path("seiten/<slug:page_slug>/veroeffentlichen/", views_pages.page_publish,
         name="page_publish"),
    path("seiten/<slug:page_slug>/loeschen/", views_pages.page_delete, name="page_delete"),
]
