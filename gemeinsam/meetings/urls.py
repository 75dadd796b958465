from django.urls import path

from . import urls_public, views

app_name = "meetings"
urlpatterns = [
    path("gremien/", views.body_list, name="bodies"),
    path("gremien/neu/", views.body_create, name="body_create"),
    path("gremien/<int:pk>/", views.body_detail, name="body"),
    path("gremien/<int:pk>/bearbeiten/", views.body_edit, name="body_edit"),
    path("gremien/<int:pk>/mitglieder/", views.body_members, name="body_members"),
    path("gremien/mitglieder/<int:pk>/entfernen/", views.body_member_remove,
         name="body_member_remove"),
    path("gremien/<int:pk>/sitzung/neu/", views.meeting_create, name="meeting_create"),
    path("sitzungen/<int:pk>/", views.meeting_detail, name="meeting"),
    path("sitzungen/<int:pk>/bearbeiten/", views.meeting_edit, name="meeting_edit"),
    path("sitzungen/<int:pk>/absagen/", views.meeting_cancel, name="meeting_cancel"),
    path("sitzungen/<int:pk>/tagesordnung/", views.agenda_add, name="agenda"),
    path("sitzungen/<int:pk>/einladen/", views.invite, name="invite"),
    path("sitzungen/<int:pk>/senden/", views.send, name="send"),
    path("sitzungen/<int:pk>/anwesenheit/", views.attendance, name="attendance"),
    path("sitzungen/<int:pk>/protokoll/", views.minutes, name="minutes"),
    path("sitzungen/<int:pk>/beschluss/", views.decision_add, name="decision_add"),
    path("sitzungen/<int:pk>/aufgabe/", views.action_item_add, name="action_item_add"),
    path("aufgaben/", views.action_items, name="action_items"),
    path("aufgaben/<int:pk>/status/", views.action_item_status, name="action_item_status"),
]
urlpatterns += urls_public.urlpatterns
