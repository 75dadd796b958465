from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("profil/", views.profile, name="profile"),
    path("loeschen/", views.account_delete, name="delete"),
    path("api-token/", views.api_token, name="api_token"),
]
