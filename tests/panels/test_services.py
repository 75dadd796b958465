"""services.py: the project, its managers, features and quotas, and the erasure."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from gemeinsam.core.errors import DomainError, StaleEdit
from gemeinsam.panels import services
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


@pytest.fixture
def panel(municipality, administration):
    return make_panel(municipality=municipality, created_by=administration)


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


def test_unknown_fields_are_refused(municipality, administration):
    with pytest.raises(TypeError):
        services.panel_create(municipality=municipality, created_by=administration,
                              **panel_fields(), erased_at=timezone.now())


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
    with pytest.raises(DomainError, match="nicht mehr ändern"):
        services.panel_update(panel=panel, version=1, invitation_factor=20)
    # Unchanged values and other fields may still be saved.
    services.panel_update(panel=panel, version=1, invitation_factor=10, title="Anders")
    assert panel.title == "Anders"


def test_seats_lock_after_the_lottery(panel):
    Selection.objects.create(panel=panel, algorithm="leximin", drawn_at=timezone.now())
    with pytest.raises(DomainError):
        services.panel_update(panel=panel, version=1, seats=11)
    services.panel_update(panel=panel, version=1, purpose="Noch genauer")


# --- Managers --------------------------------------------------------------------------------


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
    assert feature.values.first().population_share == Decimal("20")
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
    services.feature_update(feature=age, name="Alter", question="Ihr Alter?")
    value.refresh_from_db()
    assert (value.min, value.max) == (1, 4)


def test_quotas_settle_with_the_lottery(panel):
    gender, _age = make_standard_features(panel)
    Selection.objects.create(panel=panel, algorithm="leximin", drawn_at=timezone.now())
    with pytest.raises(DomainError, match="Quoten stehen fest"):
        services.feature_value_update(value=gender.values.first(), min=0, max=3)
    with pytest.raises(DomainError):
        services.quotas_from_shares(panel=panel)


def test_min_above_max_is_refused(panel):
    value = make_feature(panel=panel).values.first()
    with pytest.raises(ValidationError):
        services.feature_value_update(value=value, min=5, max=4)


@pytest.mark.parametrize("seats, share, slack, expected", [
    (40, Decimal("23.4"), 1, (8, 11)),
    (40, Decimal("23.4"), 0, (9, 10)),
    (30, Decimal("50"), 1, (14, 16)),
    (30, Decimal("1"), 1, (0, 2)),
    (30, Decimal("100"), 2, (28, 30)),
    (10, Decimal("0"), 1, (0, 1)),
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
    assert services.panels_erase_due(today=today) == 1
    assert not due.respondents.exists() and later.respondents.count() == 1
    assert services.panels_erase_due(today=today) == 0  # not twice
    assert services.panels_erase_due(today=later.erase_on) == 1
