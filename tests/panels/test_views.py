"""The panel pages: list, create, detail, edit, managers, features and quotas, erasure."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from gemeinsam.core.models import Membership, Role
from gemeinsam.panels import selectors, services
from gemeinsam.panels.features import quotas_state
from gemeinsam.panels.models import FeatureValue, Panel, Selection, SelectionState

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


def url(name, municipality, *args):
    return reverse(f"panels:{name}", args=[municipality.slug, *args])


def _form_data(**overrides):
    data = {key: ("on" if value is True else value) for key, value in panel_fields().items()
            if value is not False}
    data.update(overrides)
    return data


# --- Permissions -----------------------------------------------------------------------------

VIEWERS = ["member", "coordinator", "administration", "platform_admin"]


@pytest.mark.parametrize("name", ["list", "detail", "features"])
def test_internal_pages_status_by_role(name, municipality, panel, client_for, request,
                                       signed_in_user, outsider):
    args = [] if name == "list" else [panel.pk]
    target = url(name, municipality, *args)
    response = client_for(None).get(target)
    assert response.status_code == 302 and "login" in response["Location"]
    for user in (signed_in_user, outsider):
        assert client_for(user).get(target).status_code == 403
    for role in VIEWERS:
        assert client_for(request.getfixturevalue(role)).get(target).status_code == 200


@pytest.mark.parametrize("name", ["edit", "managers", "quotas", "erase"])
def test_manager_pages_only_for_managers(name, municipality, panel, client_for, member,
                                        coordinator, platform_admin, administration):
    other_admin = administration_member(municipality)
    target = url(name, municipality, panel.pk)
    for user in (member, coordinator, platform_admin, other_admin):
        assert client_for(user).get(target).status_code == 403, user
    assert client_for(administration).get(target).status_code == 200


def test_create_only_for_the_administration(municipality, client_for, member, coordinator,
                                            platform_admin, administration):
    for user in (member, coordinator, platform_admin):
        assert client_for(user).get(url("create", municipality)).status_code == 403
    assert client_for(administration).get(url("create", municipality)).status_code == 200


def test_another_municipalitys_panel_is_not_found(municipality, other_municipality,
                                                  administration, client_for):
    theirs = make_panel(municipality=other_municipality)
    for name in ("detail", "edit", "features", "erase"):
        assert client_for(administration).get(
            url(name, municipality, theirs.pk)).status_code == 404


def test_team_sees_counts_but_no_manager_tabs(municipality, panel, client_for, member,
                                              administration):
    make_standard_features(panel)
    make_respondent(panel=panel, first_name="Annegret", last_name="Zimmermann")
    page = client_for(member).get(url("detail", municipality, panel.pk)).content.decode()
    assert "Annegret" not in page and "Zimmermann" not in page
    assert url("invitations", municipality, panel.pk) not in page
    assert url("edit", municipality, panel.pk) not in page
    page = client_for(administration).get(url("detail", municipality, panel.pk)).content.decode()
    assert url("invitations", municipality, panel.pk) in page
    assert url("respondents", municipality, panel.pk) in page


# --- List ------------------------------------------------------------------------------------


def test_list_shows_counts_and_new_button(municipality, panel, client_for, administration,
                                          member):
    make_standard_features(panel)
    make_respondent(panel=panel, state=SelectionState.SELECTED)
    make_respondent(panel=panel)
    response = client_for(administration).get(url("list", municipality))
    assert panel.title in response.content.decode()
    listed = response.context["panels"][0]
    assert listed.counts == {"letters": 2, "respondents": 2, "pool": 1, "selected": 1,
                             "not_selected": 0, "dropped_out": 0, "withdrawn": 0}
    assert url("create", municipality) in response.content.decode()
    assert url("create", municipality) not in client_for(member).get(
        url("list", municipality)).content.decode()


def test_list_query_count_does_not_grow(municipality, administration, client_for,
                                        django_assert_num_queries):
    client = client_for(administration)
    make_panel(municipality=municipality, created_by=administration)
    client.get(url("list", municipality))  # warm up session and caches
    with django_assert_num_queries(7) as first:
        client.get(url("list", municipality))
    for _n in range(3):
        other = make_panel(municipality=municipality, created_by=administration)
        make_standard_features(other)
        for state in (SelectionState.POOL, SelectionState.SELECTED, SelectionState.WITHDRAWN):
            make_respondent(panel=other, state=state)
        for _letter in range(4):
            make_invitation(panel=other)
    with django_assert_num_queries(len(first.captured_queries)):
        response = client.get(url("list", municipality))
    assert len(response.context["panels"]) == 4
    assert response.context["panels"][-1].counts == {
        "letters": 7, "respondents": 3, "pool": 1, "selected": 1, "not_selected": 0,
        "dropped_out": 0, "withdrawn": 1}


def test_erased_panel_lists_the_counts_of_the_erasure(municipality, panel, administration,
                                                      client_for):
    make_respondent(panel=panel, state=SelectionState.SELECTED)
    services.panel_personal_data_erase(panel=panel)
    listed = client_for(administration).get(url("list", municipality)).context["panels"][0]
    assert listed.counts["letters"] == 1 and listed.counts["selected"] == 1


# --- Create and edit -------------------------------------------------------------------------


def test_create(municipality, administration, client_for):
    response = client_for(administration).post(url("create", municipality),
                                               _form_data(title="Bürgerrat Mobilität"))
    panel = Panel.objects.get(title="Bürgerrat Mobilität")
    assert response.status_code == 302
    assert response["Location"] == url("features", municipality, panel.pk)
    assert list(panel.managers.all()) == [administration]
    assert panel.municipality == municipality


def test_create_refuses_erasure_before_deadline_and_keeps_input(municipality, administration,
                                                                client_for):
    deadline = timezone.localdate() + datetime.timedelta(days=20)
    response = client_for(administration).post(url("create", municipality), _form_data(
        title="Mein Titel", registration_deadline=deadline.isoformat(),
        erase_on=(deadline - datetime.timedelta(days=1)).isoformat()))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Mein Titel" in page and 'role="alert"' in page
    assert not Panel.objects.exists()


def test_create_requires_erasure_date(municipality, administration, client_for):
    data = _form_data()
    del data["erase_on"]
    response = client_for(administration).post(url("create", municipality), data)
    assert response.status_code == 400
    assert "erase_on" in response.context["form"].errors
    assert not Panel.objects.exists()


def test_edit_and_stale_edit(municipality, panel, administration, client_for):
    client = client_for(administration)
    form = client.get(url("edit", municipality, panel.pk)).context["form"]
    # How the letters are drawn is chosen in the draw form only.
    assert not {"invitation_method", "weights", "district_weights"} & set(form.fields)
    response = client.post(url("edit", municipality, panel.pk),
                           _form_data(title="Erster Titel", version=1,
                                      invitation_method="by_district",
                                      weights="Innenstadt; nan"))
    assert response.status_code == 302
    panel.refresh_from_db()
    assert panel.title == "Erster Titel"
    assert (panel.invitation_method, panel.district_weights) == ("uniform", {})
    response = client.post(url("edit", municipality, panel.pk),
                           _form_data(title="Veralteter Titel", version=1))
    assert response.status_code == 409
    assert "Veralteter Titel" in response.content.decode()
    panel.refresh_from_db()
    assert panel.title == "Erster Titel"
    # The input kept now carries the current version: saving again replaces knowingly.
    assert response.context["form"]["version"].value() == 2
    assert client.post(url("edit", municipality, panel.pk), _form_data(
        title="Veralteter Titel", version=2)).status_code == 302


def test_edit_refuses_to_move_promised_dates(municipality, panel, administration, client_for):
    make_respondent(panel=panel)  # with a letter, and a promise of the erasure date
    client = client_for(administration)
    day = datetime.timedelta(days=1)
    for field, date in (("erase_on", panel.erase_on + day),
                        ("registration_deadline", panel.registration_deadline - day)):
        response = client.post(url("edit", municipality, panel.pk),
                               _form_data(version=1, title="Neuer Titel",
                                          **{field: date.isoformat()}))
        assert response.status_code == 400, field
        assert "Neuer Titel" in response.content.decode()
        assert 'role="alert"' in response.content.decode()
    panel.refresh_from_db()
    assert (panel.title, panel.version) == (panel_fields()["title"], 1)
    response = client.post(url("edit", municipality, panel.pk), _form_data(
        version=1, erase_on=(panel.erase_on - day).isoformat(),
        registration_deadline=(panel.registration_deadline + day).isoformat()))
    assert response.status_code == 302


def test_edit_refuses_locked_fields(municipality, panel, administration, client_for):
    make_invitation(panel=panel)
    response = client_for(administration).post(url("edit", municipality, panel.pk),
                                               _form_data(invitation_factor=20, version=1))
    assert response.status_code == 400
    panel.refresh_from_db()
    assert panel.invitation_factor == 10


# --- Managers --------------------------------------------------------------------------------


def test_managers_choose_among_the_administration(municipality, panel, administration,
                                                  client_for, member):
    colleague = administration_member(municipality, display_name="Tobias Schäfer")
    client = client_for(administration)
    response = client.get(url("managers", municipality, panel.pk))
    choices = list(response.context["form"].fields["managers"].queryset)
    assert set(choices) == {administration, colleague} and member not in choices
    state = response.context["form"]["state"].value()
    response = client.post(url("managers", municipality, panel.pk),
                           {"managers": [administration.pk, colleague.pk], "state": state})
    assert response.status_code == 302
    assert set(panel.managers.all()) == {administration, colleague}
    state = selectors.managers_state(panel=panel)
    response = client.post(url("managers", municipality, panel.pk),
                           {"managers": [member.pk], "state": state})
    assert response.status_code == 400 and set(panel.managers.all()) == {administration,
                                                                         colleague}


def test_a_stale_managers_form_is_refused_with_the_choice_kept(municipality, panel,
                                                                administration, client_for):
    colleague = administration_member(municipality, display_name="Tobias Schäfer")
    third = administration_member(municipality, display_name="Jana Roth")
    client = client_for(administration)
    shown = client.get(url("managers", municipality, panel.pk)).context["form"]
    services.panel_managers_set(panel=panel, managers=[administration, third])  # meanwhile
    response = client.post(url("managers", municipality, panel.pk), {
        "managers": [administration.pk, colleague.pk], "state": shown["state"].value()})
    assert response.status_code == 409
    assert set(panel.managers.all()) == {administration, third}
    kept = response.context["form"]
    assert {int(pk) for pk in kept["managers"].value()} == {administration.pk, colleague.pk}
    response = client.post(url("managers", municipality, panel.pk), {
        "managers": [administration.pk, colleague.pk], "state": kept["state"].value()})
    assert response.status_code == 302
    assert set(panel.managers.all()) == {administration, colleague}


def test_when_every_manager_left_the_administration_names_new_ones(
        municipality, panel, administration, client_for):
    colleague = administration_member(municipality)
    target = url("managers", municipality, panel.pk)
    assert client_for(colleague).get(target).status_code == 403
    Membership.objects.filter(user=administration).update(role=Role.MEMBER)
    assert client_for(colleague).post(target, {
        "managers": [colleague.pk],
        "state": selectors.managers_state(panel=panel)}).status_code == 302
    assert list(panel.managers.all()) == [colleague]


# --- Features and quotas ---------------------------------------------------------------------


def test_add_feature_with_values_as_lines(municipality, panel, administration, client_for):
    response = client_for(administration).post(url("features", municipality, panel.pk), {
        "name": "Alter", "question": "Wie alt sind Sie?", "source": "Zensus 2022",
        "values": "16 bis 29 Jahre; 18,5\n30 bis 59; 47.5 %\n60 und älter; 34\n"
                  "\nohne Angabe; ; 0; 1\n"})
    assert response.status_code == 302
    feature = panel.features.get()
    values = [(v.name, v.population_share, v.min, v.max) for v in feature.values.all()]
    assert [v[0] for v in values] == ["16 bis 29 Jahre", "30 bis 59", "60 und älter",
                                      "ohne Angabe"]
    assert values[0][1:] == (Decimal("18.50"), 0, 3)  # 1.85 seats, give or take one
    assert str(values[1][1]) == "47.50" and values[3][1:] == (None, 0, 1)


def test_bad_value_lines_are_all_reported(municipality, panel, administration, client_for):
    response = client_for(administration).post(url("features", municipality, panel.pk), {
        "name": "Alter", "question": "?", "values": "jung; viel\nalt; 120\njung\n; 3"})
    assert response.status_code == 400
    errors = response.context["feature_form"].errors["values"]
    assert len(errors) == 4
    assert [error.split(":")[0][-1] for error in errors] == ["1", "2", "3", "4"]
    assert not panel.features.exists()
    assert "jung; viel" in response.content.decode()  # input kept


def test_features_page_for_the_team_has_no_forms(municipality, panel, member, client_for):
    make_standard_features(panel)
    response = client_for(member).get(url("features", municipality, panel.pk))
    page = response.content.decode()
    assert "weiblich" in page and url("quotas", municipality, panel.pk) not in page
    assert client_for(member).post(url("features", municipality, panel.pk),
                                   {"name": "X"}).status_code == 403


def test_edit_feature_and_names(municipality, panel, administration, client_for):
    feature = make_feature(panel=panel, name="Geschlecht", values=["w", "m"])
    w, m = feature.values.all()
    response = client_for(administration).post(url("feature_edit", municipality, feature.pk), {
        "version": 1, "name": "Geschlecht", "question": "Ihr Geschlecht?",
        "question_en": "Your gender?", "question_easy": "", "source": "",
        f"name_{w.pk}": "weiblich", f"name_en_{w.pk}": "female",
        f"name_{m.pk}": "männlich", f"name_en_{m.pk}": "male"})
    assert response.status_code == 302
    w.refresh_from_db()
    feature.refresh_from_db()
    assert (w.name, w.name_en, feature.question_en) == ("weiblich", "female", "Your gender?")


def test_renaming_after_answers_is_refused_and_nothing_changes(municipality, panel,
                                                               administration, client_for):
    feature = make_feature(panel=panel, name="Geschlecht", values=["w", "m"])
    make_respondent(panel=panel)
    w, m = feature.values.all()
    response = client_for(administration).post(url("feature_edit", municipality, feature.pk), {
        "version": 1, "name": "Geschlecht", "question": "Neu?", f"name_{w.pk}": "weiblich",
        f"name_{m.pk}": "m"})
    assert response.status_code == 400
    feature.refresh_from_db()
    assert feature.question == "Geschlecht?"


def test_a_stale_feature_edit_is_refused_with_the_input_kept(municipality, panel,
                                                             administration, client_for):
    feature = make_feature(panel=panel, name="Geschlecht", values=["w", "m"])
    w, m = feature.values.all()
    client = client_for(administration)
    shown = client.get(url("feature_edit", municipality, feature.pk)).context["form"]
    assert shown["version"].value() == 1
    services.feature_update(feature=feature, version=1, name="Geschlecht",
                            question="Welches Geschlecht?")  # a colleague, meanwhile
    data = {"version": 1, "name": "Geschlecht", "question": "Ihr Geschlecht?",
            f"name_{w.pk}": "weiblich", f"name_{m.pk}": "männlich"}
    response = client.post(url("feature_edit", municipality, feature.pk), data)
    assert response.status_code == 409
    assert "Ihr Geschlecht?" in response.content.decode()
    feature.refresh_from_db()
    w.refresh_from_db()
    assert (feature.question, w.name) == ("Welches Geschlecht?", "w")
    data["version"] = response.context["form"]["version"].value()
    assert data["version"] == 2
    assert client.post(url("feature_edit", municipality, feature.pk), data).status_code == 302
    feature.refresh_from_db()
    assert (feature.question, feature.version) == ("Ihr Geschlecht?", 3)


def test_delete_feature(municipality, panel, administration, client_for, member):
    feature = make_feature(panel=panel)
    target = url("feature_delete", municipality, feature.pk)
    assert client_for(member).post(target).status_code == 403
    assert client_for(administration).post(target).status_code == 302
    assert not panel.features.exists()


def test_quota_table_saves_all_at_once(municipality, panel, administration, client_for):
    gender, _age = make_standard_features(panel)
    client = client_for(administration)
    response = client.get(url("quotas", municipality, panel.pk))
    form = response.context["form"]
    data = {name: (field.initial if field.initial is not None else "")
            for name, field in form.fields.items()}
    data["state"] = form.initial["state"]
    first = gender.values.first()
    data[f"min_{first.pk}"], data[f"max_{first.pk}"] = 4, 6
    assert client.post(url("quotas", municipality, panel.pk), data).status_code == 302
    first.refresh_from_db()
    assert (first.min, first.max) == (4, 6)


def test_quota_table_refuses_wrong_and_stale_input_and_changes_nothing(
        municipality, panel, administration, client_for):
    gender, _age = make_standard_features(panel)
    first, second = list(gender.values.all())[:2]
    state = quotas_state(panel=panel)
    client = client_for(administration)

    def post(**values):
        data = {"state": state}
        for value in FeatureValue.objects.filter(feature__panel=panel):
            data.update({f"share_{value.pk}": "", f"min_{value.pk}": value.min,
                         f"max_{value.pk}": value.max})
        data.update(values)
        return client.post(url("quotas", municipality, panel.pk), data)

    response = post(**{f"min_{first.pk}": 7, f"max_{first.pk}": 5, f"min_{second.pk}": 3})
    assert response.status_code == 400
    second.refresh_from_db()
    assert second.min == 0
    services.feature_value_update(value=second, min=1, max=2)
    response = post(**{f"min_{first.pk}": 2})
    assert response.status_code == 409
    first.refresh_from_db()
    assert first.min == 0


def test_quota_table_is_settled_once_a_lottery_is_computed(municipality, panel,
                                                            administration, client_for):
    gender, _age = make_standard_features(panel)
    client = client_for(administration)
    form = client.get(url("quotas", municipality, panel.pk)).context["form"]
    data = {name: (field.initial if field.initial is not None else "")
            for name, field in form.fields.items()}
    data["state"] = form.initial["state"]
    first = gender.values.first()
    data[f"min_{first.pk}"] = 2
    Selection.objects.create(panel=panel, algorithm="leximin", audit={"lottery": {}})
    response = client.post(url("quotas", municipality, panel.pk), data)
    assert response.status_code == 400 and 'role="alert"' in response.content.decode()
    first.refresh_from_db()
    assert first.min == 0
    page = client.get(url("features", municipality, panel.pk)).content.decode()
    assert url("quotas", municipality, panel.pk) not in page


def test_quotas_from_shares_button(municipality, panel, administration, client_for):
    feature = make_feature(panel=panel, values=[("A", 23.4, 0, 10), ("B", 76.6, 0, 10)])
    response = client_for(administration).post(
        url("quotas_from_shares", municipality, panel.pk), {"slack": 0})
    assert response.status_code == 302
    assert [(v.min, v.max) for v in feature.values.all()] == [(2, 3), (7, 8)]


SORTITION_ALGORITHMS = b"feature,value,min,max\nAlter,jung,2,5\nAlter,alt,3,6\nGeschlecht,w,4,6\n"
STRATIFICATION_APP = b"category;name;min;max\nGeschlecht;w;5;5\nGeschlecht;m;4;6\n"


def _upload(content, name="quotas.csv"):
    file = io.BytesIO(content)
    file.name = name
    return file


def test_import_features_file(municipality, panel, administration, client_for):
    client = client_for(administration)
    response = client.post(url("features_import", municipality, panel.pk),
                           {"file": _upload(SORTITION_ALGORITHMS)})
    assert response.status_code == 302
    assert [f.name for f in panel.features.all()] == ["Alter", "Geschlecht"]
    young = FeatureValue.objects.get(feature__panel=panel, name="jung")
    assert (young.min, young.max) == (2, 5)
    # The stratification app's layout updates the existing feature and adds a value.
    response = client.post(url("features_import", municipality, panel.pk),
                           {"file": _upload(STRATIFICATION_APP)})
    assert response.status_code == 302
    w = FeatureValue.objects.get(feature__panel=panel, name="w")
    assert (w.min, w.max) == (5, 5)
    assert FeatureValue.objects.filter(feature__name="Geschlecht").count() == 2


@pytest.mark.parametrize("dialect", ["sortition-algorithms", "stratification-app"])
def test_features_file_goes_to_the_other_tools_and_back(municipality, panel, administration,
                                                        member, client_for, dialect):
    make_standard_features(panel)
    FeatureValue.objects.filter(feature__panel=panel, name="weiblich").update(min=2, max=4)
    # The team may take the quotas along too: they are no personal data.
    response = client_for(member).get(reverse("panels:features_file", args=[
        municipality.slug, panel.pk, dialect]))
    assert response.status_code == 200
    text = response.content.decode()
    assert text.splitlines()[0].startswith(
        "feature,value" if dialect == "sortition-algorithms" else "category,name")
    other = make_panel(municipality=municipality, created_by=administration)
    back = client_for(administration).post(url("features_import", municipality, other.pk),
                                           {"file": _upload(response.content)})
    assert back.status_code == 302
    quotas = sorted(FeatureValue.objects.filter(feature__panel=other)
                    .values_list("feature__name", "name", "min", "max"))
    assert quotas == sorted(FeatureValue.objects.filter(feature__panel=panel)
                            .values_list("feature__name", "name", "min", "max"))
    assert ("Geschlecht", "weiblich", 2, 4) in quotas
    assert client_for(member).get(reverse("panels:features_file", args=[
        municipality.slug, panel.pk, "excel"])).status_code == 404


def test_import_reports_every_bad_row_and_changes_nothing(municipality, panel, administration,
                                                          client_for):
    content = (b"feature,value,min,max\nAlter,jung,2,50\nAlter,alt,x,6\n"
               b"Geschlecht,w,6,4\nGeschlecht,m,1,2\n")
    response = client_for(administration).post(url("features_import", municipality, panel.pk),
                                               {"file": _upload(content)})
    assert response.status_code == 400
    lines = [line for line, _reason in response.context["import_errors"]]
    assert lines == [2, 3, 4]  # every bad row; nothing imported
    assert not panel.features.exists()
    content = b"feature,value,min,max\nAlter,jung,2,50\nAlter,alt,1,6\nGeschlecht,w,1,4\n"
    response = client_for(administration).post(url("features_import", municipality, panel.pk),
                                               {"file": _upload(content)})
    assert response.status_code == 400
    assert [line for line, _r in response.context["import_errors"]] == [2]
    assert not panel.features.exists()
    assert "Zeile 2" in response.content.decode() or "Line 2" in response.content.decode()


# --- Detail, erasure -------------------------------------------------------------------------


def test_detail_shows_counts_timeline_and_next_step(municipality, panel, administration,
                                                    client_for):
    response = client_for(administration).get(url("detail", municipality, panel.pk))
    page = response.content.decode()
    assert response.context["counts"]["letters"] == 0
    assert url("features", municipality, panel.pk) in page  # next step: the features
    assert url("public_detail", municipality, panel.pk) in page
    assert len(response.context["timeline"]) >= 3


def test_detail_shows_the_registration_address_as_printed_in_the_letters(
        municipality, panel, administration, client_for, settings):
    settings.BASE_URL = "https://beteiligung.example.org/"
    page = client_for(administration).get(url("detail", municipality, panel.pk)).content.decode()
    address = f"https://beteiligung.example.org/{municipality.slug}/buergerrat-anmeldung/"
    assert f'<a href="{address}">{address}</a>' in page


def test_the_tab_and_the_page_of_the_respondents_have_one_name(municipality, panel,
                                                                administration, client_for):
    client = client_for(administration)
    tabs = client.get(url("detail", municipality, panel.pk)).content.decode()
    respondents_url = url("respondents", municipality, panel.pk)
    label = tabs.split(f'href="{respondents_url}"')[1].split(">", 1)[1].split("<", 1)[0]
    page = client.get(respondents_url).content.decode()
    assert f"<h1>{label}: {panel.title}</h1>" in page


def test_detail_shows_the_response_by_district_to_the_team(municipality, panel, member,
                                                           client_for):
    make_standard_features(panel)
    for district, letters, registered in (("Innenstadt", 4, 1), ("Haßloch", 2, 2)):
        for n in range(letters):
            letter = make_invitation(panel=panel, district=district,
                                     last_name=f"Quastenberg{n}")
            if n < registered:
                make_respondent(panel=panel, invitation=letter)
    response = client_for(member).get(url("detail", municipality, panel.pk))
    table = response.context["response"]
    assert [(row["district"], row["letters"], row["registrations"], row["rate"])
            for row in table["districts"]] == [("Haßloch", 2, 2, 100), ("Innenstadt", 4, 1, 25)]
    assert (table["letters"], table["registrations"]) == (6, 3) and table["rate"] == 50
    assert table["waves"] == []
    page = response.content.decode()
    assert "Haßloch" in page and "25,0 %" in page and "Quastenberg" not in page


def test_response_by_district_per_wave(municipality, panel, administration, client_for):
    make_standard_features(panel)
    first = make_invitation(panel=panel, district="Innenstadt")
    make_respondent(panel=panel, invitation=first)
    make_invitation(panel=panel, district="Innenstadt", wave=2)
    make_invitation(panel=panel, district="", wave=2)
    response = client_for(administration).get(url("detail", municipality, panel.pk))
    table = response.context["response"]
    assert [(row["district"], row["letters"]) for row in table["districts"]] == [
        ("Innenstadt", 2), ("", 1)]
    assert [(wave["wave"], wave["letters"], wave["registrations"])
            for wave in table["waves"]] == [(1, 1, 1), (2, 2, 0)]
    assert table["waves"][1]["rate"] == 0


def test_next_steps_during_registration(municipality, panel, administration, member,
                                        client_for):
    make_standard_features(panel)
    make_invitation(panel=panel)
    on_behalf = url("register_on_behalf", municipality, panel.pk)
    response = client_for(administration).get(url("detail", municipality, panel.pk))
    steps = response.context["next_steps"]
    assert "panels:register_on_behalf" in [name for _text, name in steps]
    assert on_behalf in response.content.decode()
    # The letters' addresses are erased after the deadline; the hint says when.
    deadline = date_format(panel.registration_deadline, "SHORT_DATE_FORMAT")
    assert any(deadline in str(text) for text, name in steps if name == "panels:invitations")
    assert on_behalf not in client_for(member).get(
        url("detail", municipality, panel.pk)).content.decode()
    services.invitation_addresses_erase(panel=panel)
    steps = client_for(administration).get(url("detail", municipality, panel.pk)).context[
        "next_steps"]
    assert not [name for _text, name in steps if name == "panels:invitations"]


def test_erase_needs_confirmation_and_a_manager(municipality, panel, administration, member,
                                                client_for):
    make_standard_features(panel)
    make_respondent(panel=panel, state=SelectionState.SELECTED)
    target = url("erase", municipality, panel.pk)
    assert client_for(member).post(target, {"confirm": "on"}).status_code == 403
    client = client_for(administration)
    assert client.post(target, {}).status_code == 400
    assert panel.respondents.count() == 1
    assert client.post(target, {"confirm": "on"}).status_code == 302
    panel.refresh_from_db()
    assert panel.erased_at and not panel.respondents.exists()
    page = client.get(url("detail", municipality, panel.pk))
    assert page.context["counts"]["selected"] == 1


def test_erase_command(municipality, administration):
    today = timezone.localdate()
    due = make_panel(municipality=municipality, created_by=administration,
                     registration_deadline=today - datetime.timedelta(days=60),
                     erase_on=today - datetime.timedelta(days=1))
    make_respondent(panel=due)
    kept = make_panel(municipality=municipality, created_by=administration)
    make_respondent(panel=kept)
    make_invitation(panel=kept)
    out = io.StringIO()
    call_command("erase_panel_data", stdout=out)
    assert "of 1 panel" in out.getvalue() and "of 0 letter" in out.getvalue()
    assert not due.respondents.exists() and kept.respondents.exists()
    out = io.StringIO()
    after_deadline = kept.registration_deadline + datetime.timedelta(days=1)
    call_command("erase_panel_data", today=after_deadline.isoformat(), stdout=out)
    assert "of 0 panel" in out.getvalue() and "of 2 letter" in out.getvalue()
    assert kept.respondents.exists() and not kept.invitations.exclude(last_name="").exists()
    out = io.StringIO()
    call_command("erase_panel_data", today=kept.erase_on.isoformat(), stdout=out)
    assert not kept.respondents.exists()
