from django.urls import path

from . import views, views_invitations, views_public, views_registration, views_selection

app_name = "panels"
urlpatterns = [
    # The project, its managers, features and quotas (internal).
    path("buergerraete/", views.panel_list, name="list"),
    path("buergerraete/neu/", views.panel_create, name="create"),
    path("buergerraete/<int:pk>/", views.panel_detail, name="detail"),
    path("buergerraete/<int:pk>/bearbeiten/", views.panel_edit, name="edit"),
    path("buergerraete/<int:pk>/verantwortliche/", views.panel_managers, name="managers"),
    path("buergerraete/<int:pk>/merkmale/", views.features, name="features"),
    path("buergerraete/<int:pk>/merkmale/import/", views.features_import,
         name="features_import"),
    path("buergerraete/merkmale/<int:pk>/", views.feature_edit, name="feature_edit"),
    path("buergerraete/merkmale/<int:pk>/entfernen/", views.feature_delete,
         name="feature_delete"),
    path("buergerraete/<int:pk>/quoten/", views.quotas, name="quotas"),
    path("buergerraete/<int:pk>/quoten/aus-anteilen/", views.quotas_from_shares,
         name="quotas_from_shares"),
    path("buergerraete/<int:pk>/daten-loeschen/", views.erase, name="erase"),
    # The letters drawn from the register extract.
    path("buergerraete/<int:pk>/einladungen/", views_invitations.invitations,
         name="invitations"),
    path("buergerraete/<int:pk>/einladungen/briefe.pdf", views_invitations.letters_pdf,
         name="letters_pdf"),
    path("buergerraete/<int:pk>/einladungen/serienbrief.csv", views_invitations.letters_csv,
         name="letters_csv"),
    path("buergerraete/<int:pk>/einladungen/adressen-loeschen/",
         views_invitations.addresses_erase, name="addresses_erase"),
    # Respondents, the lottery, notifications and replacements.
    path("buergerraete/<int:pk>/angemeldete/", views_selection.respondents, name="respondents"),
    path("buergerraete/<int:pk>/angemeldete.csv", views_selection.respondents_csv,
         name="respondents_csv"),
    path("buergerraete/angemeldete/<int:pk>/", views_selection.respondent, name="respondent"),
    path("buergerraete/<int:pk>/losverfahren/", views_selection.selection, name="selection"),
    path("buergerraete/<int:pk>/nachruecken/", views_selection.replace, name="replace"),
    path("buergerraete/<int:pk>/benachrichtigen/", views_selection.notify, name="notify"),
    path("buergerraete/auswahl/<int:pk>/", views_selection.selection_report,
         name="selection_report"),
    path("buergerraete/auswahl/<int:pk>/status/", views_selection.selection_status,
         name="selection_status"),
    path("buergerraete/auswahl/<int:pk>/ziehen/", views_selection.selection_draw,
         name="selection_draw"),
    # Public: the panel's page with its verifiable lottery, and the registration by code.
    path("buergerrat/", views_public.public_list, name="public_list"),
    path("buergerrat/<int:pk>/", views_public.public_detail, name="public_detail"),
    path("buergerrat/auswahl/<int:pk>/audit.json", views_public.audit, name="audit"),
    path("buergerrat-anmeldung/", views_registration.code_entry, name="register"),
    path("buergerrat-anmeldung/fragebogen/", views_registration.questionnaire,
         name="register_form"),
    path("buergerrat-anmeldung/danke/", views_registration.done, name="register_done"),
]
