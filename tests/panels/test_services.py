"""services.py: the project, its managers, features and quotas, and the erasure."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from gemeinsam.core.errors import DomainError, StaleEdit
from gemeinsam.panels import selectors, services
from gemeinsam.panels.models import (
    Feature,
    FeatureValue,
    Invitation,
    Panel,
    Respondent,
    Selection,
    SelectionState,
)

from .factories import (
    administration_member,
    make_feature,
    make_invitation,
    make_panel,
    make_respondent,
    make_standard_features,
    panel_fields,
)

pytestmark = pytest.mark.django_db


# --- The project -----------------------------------------------------------------------------


def test_create_makes_the_creator_manager(municipality, administration):
    panel = services.panel_create(municipality=municipality, created_by=administration,
                                  **panel_fields(title="Bürgerrat Mobilität"))
    assert list(panel.managers.all()) == [administration]
    assert panel.version == 1 and panel.letters_planned == 100
    assert len(panel.pseudonym_key) == 32


@pytest.mark.parametrize("role", ["member", "coordinator", "outsider", "platform_admin"])
def test_only_the_administration_creates(municipality, role, request):
    with pytest.raises(DomainError):
        services.panel_create(municipality=municipality, created_by=request.getfixturevalue(role),
                              **panel_fields())
    assert not Panel.objects.exists()


def test_erasure_date_must_follow_the_deadline(municipality, administration):
    deadline = timezone.localdate() + datetime.timedelta(days=10)
    with pytest.raises(ValidationError) as error:
        services.panel_create(municipality=municipality, created_by=administration,
                              **panel_fields(registration_deadline=deadline, erase_on=deadline))
    assert "erase_on" in error.value.message_dict


@pytest.mark.parametrize("field, value", [
    ("erased_at", timezone.now()),
    # How letters are drawn is chosen in the draw (invitations.invitations_draw) only.
    ("invitation_method", "by_district"),
    ("district_weights", {"Innenstadt": 1.5}),
])
def test_unknown_fields_are_refused(municipality, administration, field, value):
    with pytest.raises(TypeError):
        services.panel_create(municipality=municipality, created_by=administration,
                              **panel_fields(), **{field: value})


@pytest.mark.parametrize("weight", [float("nan"), float("inf"), float("-inf"), 0, -1, "1,5"])
def test_district_weights_must_be_finite_positive_numbers(panel, weight):
    panel.district_weights = {"Innenstadt": 1.5, "Haßloch": weight}
    with pytest.raises(ValidationError) as error:
        panel.full_clean()
    assert "Haßloch" in str(error.value.message_dict["district_weights"])
    panel.district_weights = {"Innenstadt": 1.5, "Haßloch": 2}
    panel.full_clean()


def test_update_counts_the_version(panel):
    services.panel_update(panel=panel, version=1, title="Neuer Titel", seats=12)
    panel.refresh_from_db()
    assert (panel.title, panel.seats, panel.version) == ("Neuer Titel", 12, 2)


def test_a_stale_update_is_refused_and_changes_nothing(panel):
    services.panel_update(panel=panel, version=1, title="Erster")
    with pytest.raises(StaleEdit):
        services.panel_update(panel=panel, version=1, title="Zweiter")
    panel.refresh_from_db()
    assert (panel.title, panel.version) == ("Erster", 2)


def test_letter_settings_lock_once_letters_are_drawn(panel):
    make_invitation(panel=panel)
    with pytest.raises(DomainError, match="Briefe je Platz"):
        services.panel_update(panel=panel, version=1, invitation_factor=20)
    # Unchanged values and other fields may still be saved.
    services.panel_update(panel=panel, version=1, invitation_factor=10, title="Anders")
    assert panel.title == "Anders"


def _computed(panel, **fields):
    return Selection.objects.create(panel=panel, algorithm="leximin",
                                    audit={"lottery": {"sha256": "ab" * 32}}, **fields)


@pytest.mark.parametrize("field, value", [("seats", 11), ("algorithm", "nash"),
                                          ("one_per_household", False)])
def test_seats_and_rules_lock_once_a_lottery_is_computed(panel, field, value):
    running = Selection.objects.create(panel=panel, algorithm="leximin")  # not computed yet
    services.panel_update(panel=panel, version=1, **{field: value})
    services.panel_update(panel=panel, version=2, **{field: panel_fields()[field]})
    computed = _computed(panel)
    with pytest.raises(DomainError):
        services.panel_update(panel=panel, version=3, **{field: value})
    panel.refresh_from_db()
    assert getattr(panel, field) == panel_fields()[field] and panel.version == 3
    services.panel_update(panel=panel, version=3, purpose="Noch genauer")
    # A cancelled lottery settles nothing; the one still standing (here: none) does.
    Selection.objects.filter(pk__in=[running.pk, computed.pk]).update(
        cancelled_at=timezone.now(), cancel_reason="Quoten falsch")
    services.panel_update(panel=panel, version=4, **{field: value})


def test_seats_lock_after_the_draw(panel):
    _computed(panel, drawn_at=timezone.now())
    with pytest.raises(DomainError):
        services.panel_update(panel=panel, version=1, seats=11)


def test_the_deadline_only_moves_later_once_letters_are_out(panel):
    deadline = panel.registration_deadline
    day = datetime.timedelta(days=1)
    services.panel_update(panel=panel, version=1, registration_deadline=deadline - day)
    make_invitation(panel=panel)
    with pytest.raises(DomainError):
        services.panel_update(panel=panel, version=2, registration_deadline=deadline - 2 * day)
    panel.refresh_from_db()
    assert panel.registration_deadline == deadline - day
    services.panel_update(panel=panel, version=2, registration_deadline=deadline + day)
    assert panel.registration_deadline == deadline + day


def test_the_erasure_date_only_moves_earlier_once_people_registered(panel):
    erase_on = panel.erase_on
    day = datetime.timedelta(days=1)
    services.panel_update(panel=panel, version=1, erase_on=erase_on + day)
    make_respondent(panel=panel)
    with pytest.raises(DomainError):
        services.panel_update(panel=panel, version=2, erase_on=erase_on + 2 * day)
    # Earlier is fine, but not on or before the lottery, which needs the data.
    services.panel_update(panel=panel, version=2, erase_on=erase_on)
    with pytest.raises(DomainError):
        services.panel_update(panel=panel, version=3, erase_on=panel.selection_date)
    with pytest.raises(DomainError):
        services.panel_update(panel=panel, version=3, selection_date=erase_on)
    panel.refresh_from_db()
    assert (panel.erase_on, panel.version) == (erase_on, 3)
    services.panel_update(panel=panel, version=3, erase_on=panel.selection_date + day)


def test_dates_of_a_panel_without_people_move_freely(panel):
    later = panel.erase_on + datetime.timedelta(days=30)
    services.panel_update(panel=panel, version=1, erase_on=later, selection_date=None,
                          registration_deadline=panel.registration_deadline
                          - datetime.timedelta(days=5))
    assert panel.erase_on == later


# --- Managers --------------------------------------------------------------------------------


def test_a_stale_managers_save_is_refused(panel, municipality, administration):
    colleague = administration_member(municipality)
    state = selectors.managers_state(panel=panel)
    services.panel_managers_set(panel=panel, managers=[administration, colleague], state=state)
    assert selectors.managers_state(panel=panel) != state
    with pytest.raises(StaleEdit):
        services.panel_managers_set(panel=panel, managers=[administration], state=state)
    assert set(panel.managers.all()) == {administration, colleague}


def test_managers_must_be_administration(panel, municipality, member, outsider):
    colleague = administration_member(municipality)
    services.panel_managers_set(panel=panel, managers=[colleague])
    assert list(panel.managers.all()) == [colleague]
    for wrong in (member, outsider):
        with pytest.raises(DomainError, match="Nur Mitarbeitende der Verwaltung"):
            services.panel_managers_set(panel=panel, managers=[colleague, wrong])
    assert list(panel.managers.all()) == [colleague]
    with pytest.raises(DomainError):
        services.panel_managers_set(panel=panel, managers=[])


# --- Features and quotas ---------------------------------------------------------------------


def test_feature_with_values(panel):
    feature = make_feature(panel=panel, name="Alter", values=[("16–29", 20), ("30+", 80)])
    assert [v.name for v in feature.values.all()] == ["16–29", "30+"]
    assert feature.values.first().population_share == Decimal(20)
    second = make_feature(panel=panel, name="Geschlecht")
    assert (feature.order, second.order) == (0, 1)


def test_a_feature_needs_values_and_a_unique_name(panel):
    with pytest.raises(DomainError):
        services.feature_create(panel=panel, name="Leer", question="?", values=[])
    make_feature(panel=panel, name="Alter")
    with pytest.raises(ValidationError):
        make_feature(panel=panel, name="Alter")
    assert panel.features.count() == 1


def test_features_lock_once_people_answered(panel):
    gender, age = make_standard_features(panel)
    make_respondent(panel=panel)
    with pytest.raises(DomainError, match="schon Menschen diese Fragen beantwortet"):
        make_feature(panel=panel, name="Stadtteil")
    with pytest.raises(DomainError):
        services.feature_delete(feature=gender)
    value = age.values.first()
    with pytest.raises(DomainError, match="nicht mehr umbenannt"):
        services.feature_value_update(value=value, min=0, max=5, name="jung")
    # Quotas and the question's wording may still change until the lottery.
    services.feature_value_update(value=value, min=1, max=4, name=value.name)
    services.feature_update(feature=age, version=1, name="Alter", question="Ihr Alter?")
    value.refresh_from_db()
    assert (value.min, value.max) == (1, 4)


def test_features_and_quotas_settle_once_a_lottery_is_computed(panel):
    gender, _age = make_standard_features(panel)
    lottery = _computed(panel)  # not drawn yet: its quota table names these features
    with pytest.raises(DomainError):
        services.feature_value_update(value=gender.values.first(), min=0, max=3)
    with pytest.raises(DomainError):
        services.quotas_from_shares(panel=panel)
    with pytest.raises(DomainError):
        services.feature_update(feature=gender, version=1, name="Gender", question="?")
    gender.refresh_from_db()
    assert gender.name == "Geschlecht"
    Selection.objects.filter(pk=lottery.pk).update(cancelled_at=timezone.now())
    services.feature_value_update(value=gender.values.first(), min=0, max=3)


def test_a_stale_feature_update_is_refused_and_changes_nothing(panel):
    feature = make_feature(panel=panel, name="Alter")
    services.feature_update(feature=feature, version=1, name="Alter", question="Ihr Alter?")
    assert feature.version == 2
    stale = Feature.objects.get(pk=feature.pk)
    with pytest.raises(StaleEdit):
        services.feature_update(feature=stale, version=1, name="Lebensalter", question="?")
    feature.refresh_from_db()
    assert (feature.name, feature.question, feature.version) == ("Alter", "Ihr Alter?", 2)


def test_min_above_max_is_refused(panel):
    value = make_feature(panel=panel).values.first()
    with pytest.raises(ValidationError):
        services.feature_value_update(value=value, min=5, max=4)


@pytest.mark.parametrize("seats, share, slack, expected", [
    (40, Decimal("23.4"), 1, (8, 11)),
    (40, Decimal("23.4"), 0, (9, 10)),
    (30, Decimal(50), 1, (14, 16)),
    (30, Decimal(1), 1, (0, 2)),
    (30, Decimal(100), 2, (28, 30)),
    (10, Decimal(0), 1, (0, 1)),
])
def test_quota_range(seats, share, slack, expected):
    assert services.quota_range(seats=seats, share=share, slack=slack) == expected


def test_quotas_from_shares(panel):
    feature = make_feature(panel=panel, values=[("A", 23.4, 0, 10), ("B", None, 2, 3)])
    assert services.quotas_from_shares(panel=panel, slack=1) == 1
    a, b = feature.values.all()
    assert (a.min, a.max) == (1, 4)  # 2.34 of 10 seats
    assert (b.min, b.max) == (2, 3)  # no share: untouched


# --- Household and pseudonym -----------------------------------------------------------------


def test_household_key_ignores_spelling_but_not_the_panel(panel, municipality):
    one = services.household_key(panel=panel, street="Hauptstraße 5", postcode="65428")
    assert one == services.household_key(panel=panel, street="hauptstr. 5 ",
                                         postcode="65428")
    assert one != services.household_key(panel=panel, street="Hauptstraße 7", postcode="65428")
    other = make_panel(municipality=municipality)
    assert one != services.household_key(panel=other, street="Hauptstraße 5", postcode="65428")
    assert services.household_key(panel=panel, street="", postcode="") == ""


def test_pseudonym_is_stable_and_reveals_nothing(panel):
    pseudonym = services.pseudonym_for(panel=panel, code="ABCDEFGHJ")
    assert pseudonym == services.pseudonym_for(panel=panel, code="ABCDEFGHJ")
    assert pseudonym.startswith("P") and len(pseudonym) == 13 and "ABC" not in pseudonym


# --- Erasure ---------------------------------------------------------------------------------


def _panel_with_people(panel):
    make_standard_features(panel)
    for state in [SelectionState.SELECTED] * 3 + [SelectionState.NOT_SELECTED] * 2 + [
            SelectionState.WITHDRAWN]:
        make_respondent(panel=panel, state=state, first_name="Annegret", email="a@example.org")
    make_invitation(panel=panel, last_name="Nie-Angemeldet")
    audit = {"lottery": {"sha256": "ab" * 32}, "people": ["P1", "P2"]}
    Selection.objects.create(panel=panel, algorithm="leximin", audit=audit,
                             quota_table=[{"feature": "Alter"}], drawn_at=timezone.now())
    return audit


def test_erasure_deletes_people_and_keeps_counts_and_audit(panel):
    audit = _panel_with_people(panel)
    services.panel_personal_data_erase(panel=panel)
    assert not Respondent.objects.filter(panel=panel).exists()
    assert not Invitation.objects.filter(panel=panel).exists()
    panel.refresh_from_db()
    assert panel.erased_at is not None
    assert panel.invitation_report["erased"] == {
        "letters": 7, "respondents": {"selected": 3, "not_selected": 2, "withdrawn": 1}}
    selection = panel.selections.get()
    assert selection.audit == audit and selection.quota_table == [{"feature": "Alter"}]
    assert Feature.objects.filter(panel=panel).count() == 2
    assert FeatureValue.objects.filter(feature__panel=panel).count() == 6


def test_erasing_the_addresses_keeps_codes_and_households(panel):
    letter = make_invitation(panel=panel)
    services.invitation_addresses_erase(panel=panel)
    letter.refresh_from_db()
    assert (letter.first_name, letter.street, letter.postcode) == ("", "", "")
    assert letter.code and letter.household


def test_panels_erase_due(municipality, administration):
    today = timezone.localdate()
    due = make_panel(municipality=municipality, created_by=administration,
                     registration_deadline=today - datetime.timedelta(days=100),
                     erase_on=today)
    later = make_panel(municipality=municipality, created_by=administration)
    for panel in (due, later):
        make_respondent(panel=panel)
    assert services.panels_erase_due(today=today) == {"panels": 1, "letters": 0}
    assert not due.respondents.exists() and later.respondents.count() == 1
    assert services.panels_erase_due(today=today) == {"panels": 0, "letters": 0}  # not twice
    assert services.panels_erase_due(today=later.erase_on)["panels"] == 1


def test_letters_lose_their_addresses_once_the_deadline_has_passed(municipality,
                                                                   administration):
    panel = make_panel(municipality=municipality, created_by=administration)
    letters = [make_invitation(panel=panel, last_name="Quastenberg") for _n in range(3)]
    registered = make_respondent(panel=panel, invitation=letters[0])
    deadline = panel.registration_deadline
    assert services.panels_erase_due(today=deadline) == {"panels": 0, "letters": 0}
    assert panel.invitations.filter(last_name="Quastenberg").count() == 3
    assert services.panels_erase_due(today=deadline + datetime.timedelta(days=1)) == {
        "panels": 0, "letters": 3}
    assert not panel.invitations.exclude(street="", last_name="", first_name="").exists()
    # Codes, districts and households stay; so does the respondent.
    letters[0].refresh_from_db()
    assert letters[0].code and letters[0].household and letters[0].district == "Innenstadt"
    registered.refresh_from_db()
    assert registered.invitation == letters[0] and registered.last_name == "Quastenberg"
    panel.refresh_from_db()
    assert "addresses_erased_at" in panel.invitation_report
    assert services.panels_erase_due(today=deadline + datetime.timedelta(days=2)) == {
        "panels": 0, "letters": 0}


NAMES = ["Wilhelmine", "Quastenberg", "Annegret", "Zwiebelhuber", "Theodor", "Kranichfeld",
         "zwiebelhuber@example.org", "06142 778899", "Rollstuhl"]


def _everything_stored():
    """The whole database as `dumpdata` writes it, with each session decoded too."""
    from django.contrib.sessions.models import Session

    out = io.StringIO()
    call_command("dumpdata", stdout=out)
    sessions = [str(session.get_decoded()) for session in Session.objects.all()]
    return out.getvalue() + "\n".join(sessions), len(sessions)


def test_erasure_leaves_no_name_in_the_database(municipality, administration, client,
                                                client_for, mailoutbox,
                                                django_capture_on_commit_callbacks):
    from gemeinsam.jobs.models import BackgroundJob
    from gemeinsam.panels import selection

    panel = make_panel(municipality=municipality, created_by=administration)
    gender, age = make_standard_features(panel)
    make_invitation(panel=panel, first_name="Wilhelmine", last_name="Quastenberg")
    letter = make_invitation(panel=panel, first_name="Annegret", last_name="Zwiebelhuber")
    # Registered through the pages, so that the resident's session exists.
    client.post(reverse("panels:register", args=[municipality.slug]),
                {"code": letter.code})
    response = client.post(reverse("panels:register_form", args=[municipality.slug]), {
        f"feature_{gender.pk}": gender.values.first().pk,
        f"feature_{age.pk}": age.values.first().pk, "available": "yes",
        "needs": "Rollstuhl", "first_name": "Annegret", "last_name": "Zwiebelhuber",
        "email": "zwiebelhuber@example.org", "phone": "06142 778899", "consent": "on"})
    assert response.status_code == 302, response.content.decode()[:2000]
    make_respondent(panel=panel, first_name="Theodor", last_name="Kranichfeld", email="",
                    state=SelectionState.NOT_SELECTED)
    panel.respondents.filter(last_name="Zwiebelhuber").update(state=SelectionState.SELECTED)
    Selection.objects.create(panel=panel, algorithm="leximin", drawn_at=timezone.now(),
                             audit={"lottery": {"sha256": "ab" * 32}})
    # A manager looks at the people, and the results go out as a background job.
    manager = client_for(administration)
    assert "Kranichfeld" in manager.get(
        reverse("panels:respondents", args=[municipality.slug, panel.pk])).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        selection.notifications_start(panel=panel, started_by=administration)
    assert BackgroundJob.objects.filter(status=BackgroundJob.Status.SUCCEEDED).exists()
    before, sessions = _everything_stored()
    assert sessions >= 2
    assert all(name in before for name in NAMES)  # the check can fail

    services.panel_personal_data_erase(panel=panel)
    after, _sessions = _everything_stored()
    assert [name for name in NAMES if name in after] == []
    assert panel.title in after and "ab" * 32 in after  # the rest stays
