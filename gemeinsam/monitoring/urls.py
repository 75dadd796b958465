from django.urls import path

from . import urls_exchange, views

app_name = "monitoring"
urlpatterns = [
    path("plan/", views.dashboard, name="dashboard"),
    path("plan/einrichten/", views.plan_settings, name="plan_settings"),
    path("plan/massnahmen/", views.measure_list, name="measures"),
    path("plan/massnahmen/neu/", views.measure_create, name="measure_create"),
    path("plan/massnahmen/<int:pk>/", views.measure_detail, name="measure"),
    path("plan/massnahmen/<int:pk>/bearbeiten/", views.measure_edit, name="measure_edit"),
    path("plan/massnahmen/<int:pk>/bericht/", views.report_create, name="report_create"),
    path("plan/massnahmen/<int:pk>/hindernis/", views.blocker_create, name="blocker_create"),
    path("plan/massnahmen/<int:pk>/veroeffentlichen/", views.measure_publish,
         name="measure_publish"),
    path("plan/massnahmen/<int:pk>/verlauf/", views.measure_history, name="measure_history"),
    path("plan/berichte/<int:pk>/zustimmen/", views.report_agree, name="report_agree"),
    path("plan/hindernisse/<int:pk>/geloest/", views.blocker_resolve, name="blocker_resolve"),
    path("plan/stockt/", views.stuck, name="stuck"),
    path("plan/vorschlaege/", views.suggestions, name="suggestions"),
    path("plan/indikatoren/", views.indicator_manage, name="indicators"),
]
urlpatterns += urls_exchange.urlpatterns
