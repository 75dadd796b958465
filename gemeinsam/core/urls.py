from django.urls import path

from . import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("impressum/", views.site_page, {"key": "impressum"}, name="impressum"),
    path("datenschutz/", views.site_page, {"key": "datenschutz"}, name="datenschutz"),
    path("impressum/bearbeiten/", views.site_page_edit, {"key": "impressum"},
         name="impressum_edit"),
    path("datenschutz/bearbeiten/", views.site_page_edit, {"key": "datenschutz"},
         name="datenschutz_edit"),
    path("einladung/<str:token>/", views.invitation, name="invitation"),
    path("einladung/<str:token>/neu-anfragen/", views.invitation_request_renewal,
         name="invitation_request_renewal"),
    path("plattform/kommunen/neu/", views.space_create_search, name="space_create_search"),
    path("plattform/kommunen/neu/<str:ags>/", views.space_create, name="space_create"),
    path("plattform/verzeichnis/", views.directory_import, name="directory_import"),
    path("<slug:slug>/", views.overview, name="overview"),
    path("<slug:slug>/beitreten/", views.join, name="join"),
    path("<slug:slug>/verlassen/", views.leave, name="leave"),
    path("<slug:slug>/einstellungen/", views.municipality_settings, name="settings"),
    path("<slug:slug>/mitglieder/", views.members, name="members"),
    path("<slug:slug>/mitglieder/einladen/", views.invite, name="invite"),
    path("<slug:slug>/mitglieder/<int:pk>/rolle/", views.member_role_change, name="member_role"),
    path("<slug:slug>/mitglieder/<int:pk>/entfernen/", views.member_remove, name="member_remove"),
    path("<slug:slug>/einladungen/<int:pk>/zurueckziehen/", views.invitation_revoke,
         name="invitation_revoke"),
    path("<slug:slug>/einladungen/<int:pk>/erneuern/", views.invitation_renew,
         name="invitation_renew"),
    path("<slug:slug>/beitrittsanfragen/<int:pk>/", views.join_request_decide,
         name="join_request_decide"),
]
