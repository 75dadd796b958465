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
    path("tagesordnungspunkte/<int:pk>/", views.agenda_item_edit, name="agenda_item_edit"),
    path("tagesordnungspunkte/<int:pk>/entfernen/", views.agenda_item_remove,
         name="agenda_item_remove"),
    path("tagesordnungspunkte/<int:pk>/verschieben/", views.agenda_item_move,
         name="agenda_item_move"),
    path("sitzungen/<int:pk>/einladen/", views.invite, name="invite"),
    path("einladungen/<int:pk>/zurueckziehen/", views.invitation_withdraw,
         name="invitation_withdraw"),
    path("sitzungen/<int:pk>/senden/", views.send, name="send"),
    path("sitzungen/<int:pk>/anwesenheit/", views.attendance, name="attendance"),
    path("sitzungen/<int:pk>/protokoll/", views.minutes, name="minutes"),
    path("sitzungen/<int:pk>/beschluss/", views.decision_add, name="decision_add"),
    path("beschluesse/<int:pk>/", views.decision_edit, name="decision_edit"),
    path("beschluesse/<int:pk>/entfernen/", views.decision_remove, name="decision_remove"),
    path("sitzungen/<int:pk>/aufgabe/", views.action_item_add, name="action_item_add"),
    path("aufgaben/<int:pk>/bearbeiten/", views.action_item_edit, name="action_item_edit"),
    path("aufgaben/<int:pk>/entfernen/", views.action_item_remove, name="action_item_remove"),
    path("aufgaben/", views.action_items, name="action_items"),
    path("aufgaben/<int:pk>/status/", views.action_item_status, name="action_item_status"),
]
urlpatterns += urls_public.urlpatterns
