from django.urls import path

from . import urls_exchange, views

app_name = "actors"
urlpatterns = [
    path("buendnis/", views.alliance, name="alliance"),
    path("akteure/", views.actor_list, name="list"),
    path("akteure/neu/<str:kind>/", views.actor_create, name="create"),
    path("akteure/matrix/", views.power_interest_grid, name="grid"),
    path("akteure/pipeline/", views.pipeline_board, name="board"),
    path("akteure/wiedervorlage/", views.follow_ups, name="follow_ups"),
    path("akteure/netzwerk/", views.network, name="network"),
    path("akteure/sektoren/", views.sectors, name="sectors"),
    path("akteure/loeschprotokoll/", views.erasures, name="erasures"),
    path("akteure/<int:pk>/", views.actor_detail, name="detail"),
    path("akteure/<int:pk>/bearbeiten/", views.actor_edit, name="edit"),
    path("akteure/<int:pk>/bewerten/", views.actor_rate, name="rate"),
    path("akteure/<int:pk>/phase/", views.actor_move, name="move"),
    path("akteure/<int:pk>/gespraech/", views.conversation_create, name="conversation_create"),
    path("akteure/<int:pk>/beziehung/", views.relation_create, name="relation_create"),
    path("akteure/<int:pk>/zusammenfuehren/", views.actor_merge, name="merge"),
    path("akteure/<int:pk>/daten.json", views.person_export, name="person_export"),
    path("akteure/<int:pk>/loeschen/", views.person_erase, name="person_erase"),
    path("gespraeche/<int:pk>/erledigt/", views.follow_up_done, name="follow_up_done"),
    path("beziehungen/<int:pk>/entfernen/", views.relation_delete, name="relation_delete"),
    path("verwaltung/", views.structure, name="structure"),
    path("verwaltung/neu/", views.department_create, name="department_create"),
    path("verwaltung/<int:pk>/bearbeiten/", views.department_edit, name="department_edit"),
    path("verwaltung/positionen/neu/", views.position_create, name="position_create"),
    path("verwaltung/positionen/<int:pk>/", views.position_detail, name="position_detail"),
    path("verwaltung/wechsel/<int:pk>/gesehen/", views.position_change_acknowledge,
         name="position_change_acknowledge"),
]
urlpatterns += urls_exchange.urlpatterns
