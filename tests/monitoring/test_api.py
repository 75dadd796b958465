"""The action plan over the JSON API: public reads, drafts for insiders, writes by voice."""

import datetime

import pytest
from django.utils import translation
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from gemeinsam.actors.models import Department
from gemeinsam.monitoring import services
from gemeinsam.monitoring.models import Measure, ProgressReport

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 5, 4)
BASE = "/api/municipalities/ruesselsheim-am-main/plan/"


@pytest.fixture
def api():
    """A client; `api(user)` sends that person's token."""

    def make(user=None):
        client = APIClient()
        if user is not None:
            token, _created = Token.objects.get_or_create(user=user)
            client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return make


@pytest.fixture
def plan(municipality):
    return services.plan_create(municipality=municipality, title="Klimaschutzkonzept 2035",
                                target_year=2035)


@pytest.fixture
def measures(plan):
    strom = plan.fields.get(name="Strom")
    group = services.measure_create(plan=plan, code="E", title="Energie", field=strom,
                                    published=True)
    pv = services.measure_create(plan=plan, code="E1", title="PV auf Schuldächern",
                                 parent=group, field=strom, status="in_progress", progress=40,
                                 planned_end=DAY, published=True)
    draft = services.measure_create(plan=plan, code="E2", title="Geheimer Windpark",
                                    parent=group, field=strom, status="planned")
    hidden_group = services.measure_create(plan=plan, code="V", title="Verkehr (Entwurf)")
    bus = services.measure_create(plan=plan, code="V1", title="Busspur", parent=hidden_group,
                                  status="completed", published=True)
    return {"group": group, "pv": pv, "draft": draft, "hidden_group": hidden_group, "bus": bus}


def _report(measure, person, voice, **kwargs):
    return services.report_create(measure=measure, voice=voice, author=person, reported_on=DAY,
                                  status=kwargs.pop("status", "in_progress"),
                                  text=kwargs.pop("text", "Ausschreibung läuft."), **kwargs)


# --- Reading ---------------------------------------------------------------------------------


def test_the_public_sees_the_plan_with_its_progress(api, measures):
    data = api().get(BASE).json()
    assert data["title"] == "Klimaschutzkonzept 2035"
    assert data["target_year"] == 2035
    assert data["measure_count"] == 2  # E1 and V1; the draft E2 does not count
    assert 0 <= data["progress"] <= 100
    strom = next(f for f in data["fields_of_action"] if f["name"] == "Strom")
    assert strom["measure_count"] == 1
    assert data["statuses"]["in_progress"] == 1 and data["statuses"]["completed"] == 1
    assert data["measures"].endswith(f"{BASE}measures/")
    assert data["indicators"].endswith(f"{BASE}indicators/")


def test_the_public_sees_only_published_measures(api, measures):
    rows = api().get(f"{BASE}measures/").json()["results"]
    assert [(r["code"], r["depth"], r["parent"]) for r in rows] == [
        ("E", 0, None), ("E1", 1, "E"), ("V1", 0, None)]  # the draft group V stays unnamed
    assert all(r["published"] for r in rows)
    pv = rows[1]
    assert pv["field"] == "Strom"
    assert (pv["effective_status"], pv["effective_progress"]) == ("in_progress", 40)
    assert rows[0]["effective_progress"] == 40  # rolled up from the published part only
    assert api().get(f"{BASE}measures/{measures['draft'].pk}/").status_code == 404
    assert api().get(f"{BASE}measures/{measures['hidden_group'].pk}/").status_code == 404
    detail = api().get(f"{BASE}measures/{measures['bus'].pk}/").json()
    assert detail["parent"] is None


def test_an_insider_sees_drafts_marked_as_such(api, measures, member):
    rows = api(member).get(f"{BASE}measures/").json()["results"]
    assert [r["code"] for r in rows] == ["E", "E1", "E2", "V", "V1"]
    draft = next(r for r in rows if r["code"] == "E2")
    assert draft["published"] is False
    assert next(r for r in rows if r["code"] == "V1")["parent"] == "V"
    detail = api(member).get(f"{BASE}measures/{measures['draft'].pk}/")
    assert detail.status_code == 200 and detail.json()["published"] is False
    assert api(member).get(BASE).json()["measure_count"] == 3


def test_the_list_filters_by_field_status_and_text(api, measures, plan):
    url = f"{BASE}measures/"
    strom = plan.fields.get(name="Strom")
    assert [r["code"] for r in api().get(url, {"field": strom.pk}).json()["results"]] == [
        "E", "E1"]
    assert [r["code"] for r in api().get(url, {"field": "strom"}).json()["results"]] == [
        "E", "E1"]
    assert [r["code"] for r in api().get(url, {"status": "completed"}).json()["results"]] == [
        "V1"]
    assert [r["code"] for r in api().get(url, {"q": "schuldä"}).json()["results"]] == ["E1"]
    assert api().get(url, {"q": "Windpark"}).json()["results"] == []
    assert api().get(url, {"status": "kaputt"}).status_code == 400
    assert api().get(url, {"field": "Raumfahrt"}).status_code == 400


def test_a_measure_shows_its_reports_without_people(api, measures, member, administration,
                                                    coordinator):
    team_report = _report(measures["pv"], member, "team", evidence="https://example.org/a\n\n"
                          "https://example.org/b", progress=50)
    services.report_agree(report=team_report, user=administration)
    _report(measures["pv"], administration, "administration", status="delayed")
    data = api().get(f"{BASE}measures/{measures['pv'].pk}/").json()
    assert data["parent"] == "E" and data["field"] == "Strom"
    assert [r["voice"] for r in data["reports"]] == ["administration", "team"]
    team = data["reports"][1]
    assert team["evidence"] == ["https://example.org/a", "https://example.org/b"]
    assert team["agreed"] is True and team["agreed_on"] is not None
    assert data["reports"][0]["agreed"] is False and data["reports"][0]["agreed_on"] is None
    assert set(team) == {"id", "reported_on", "voice", "status", "progress", "text",
                         "evidence", "agreed", "agreed_on"}
    rows = api().get(f"{BASE}measures/").json()["results"]
    assert next(r for r in rows if r["code"] == "E1")["report_count"] == 2


def test_no_public_response_names_a_person(api, measures, plan, member, administration,
                                           coordinator):
    report = _report(measures["pv"], member, "team")
    services.report_agree(report=report, user=administration)
    _report(measures["bus"], administration, "administration", status="completed")
    services.blocker_create(measure=measures["pv"], description="Dach marode", since=DAY,
                            created_by=coordinator)
    indicator = services.indicator_create(plan=plan, name="PV-Leistung", unit="kWp",
                                          baseline_year=2020, baseline_value=100,
                                          target_value=1000, measure=measures["pv"])
    services.indicator_value_set(indicator=indicator, year=2024, value=300)
    responses = [api().get(url) for url in (
        BASE, f"{BASE}measures/", f"{BASE}measures/{measures['pv'].pk}/",
        f"{BASE}measures/{measures['bus'].pk}/", f"{BASE}indicators/")]
    assert all(r.status_code == 200 for r in responses)
    text = " ".join(r.content.decode() for r in responses)
    for person in (member, administration, coordinator):
        assert person.display_name not in text
        assert person.email not in text
    for key in ("author", "agreed_by", "created_by", "email", "display_name"):
        assert f'"{key}"' not in text


def test_indicators_with_values_and_target_path(api, measures, plan, member):
    indicator = services.indicator_create(plan=plan, name="PV-Leistung", unit="kWp",
                                          baseline_year=2020, baseline_value=100,
                                          target_value=1600, measure=measures["draft"])
    services.indicator_value_set(indicator=indicator, year=2025, value=300)
    services.indicator_create(plan=plan, name="Intern", unit="t", published=False)
    data = api().get(f"{BASE}indicators/").json()
    assert [i["name"] for i in data] == ["PV-Leistung"]
    pv = data[0]
    assert pv["values"] == [{"year": 2025, "value": 300.0}]
    assert pv["target_year"] == 2035
    assert {"year": 2035, "value": 1600.0} in pv["target_path"]
    assert {"year": 2025, "value": 600.0} in pv["target_path"]
    assert pv["measure"] is None  # belongs to a draft measure
    assert len(api(member).get(f"{BASE}indicators/").json()) == 2


def test_without_a_plan_the_answer_is_a_clear_404(api, municipality):
    for url in (BASE, f"{BASE}measures/", f"{BASE}measures/1/", f"{BASE}indicators/"):
        response = api().get(url)
        assert response.status_code == 404
        with translation.override("de"):
            assert response.json()["detail"] == translation.gettext(
                "This municipality has no action plan on the platform yet.")
    assert api().get("/api/municipalities/gibt-es-nicht/plan/").status_code == 404


@pytest.mark.parametrize("count", [10, 100])
def test_the_measure_list_needs_the_same_queries_for_10_and_100(
        api, plan, member, django_assert_max_num_queries, count):
    fields = list(plan.fields.all())
    department = Department.objects.create(municipality=plan.municipality, kind="amt",
                                           name="Umweltamt")
    groups = Measure.objects.bulk_create(
        Measure(plan=plan, code=f"G{i:03}", title=f"Gruppe {i}", field=fields[i % 3],
                published=True) for i in range(count // 10))
    Measure.objects.bulk_create(
        Measure(plan=plan, code=f"G{i // 9:03}.{i:03}", title=f"Maßnahme {i}",
                parent=groups[i // 9 % len(groups)], field=fields[i % len(fields)],
                department=department, status="in_progress", published=i % 4 != 0)
        for i in range(count - len(groups)))
    for measure in Measure.objects.filter(plan=plan)[:5]:
        _report(measure, member, "team")
    client = api(member)
    with django_assert_max_num_queries(6):
        response = client.get(f"{BASE}measures/")
    assert response.status_code == 200
    assert response.json()["count"] == count
    with django_assert_max_num_queries(4):  # no token, no memberships
        assert api().get(f"{BASE}measures/").status_code == 200


# --- Writing ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("who", "voice"), [("member", "team"),
                                            ("administration", "administration")])
def test_a_report_speaks_for_the_reporters_side(api, measures, request, who, voice):
    person = request.getfixturevalue(who)
    response = api(person).post(f"{BASE}measures/{measures['pv'].pk}/reports/", {
        "status": "delayed", "progress": 45, "text": "Lieferengpass bei Modulen.",
        "evidence": ["https://example.org/drucksache-12", " https://example.org/main-echo "]},
        format="json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["voice"] == voice
    assert data["evidence"] == ["https://example.org/drucksache-12", "https://example.org/main-echo"]
    assert data["agreed"] is False
    report = ProgressReport.objects.get(pk=data["id"])
    assert (report.voice, report.author) == (voice, person)
    assert report.reported_on is not None
    measures["pv"].refresh_from_db()
    assert (measures["pv"].status, measures["pv"].progress) == ("delayed", 45)
    assert person.display_name not in response.content.decode()


def test_a_report_needs_a_status_and_a_text(api, measures, member):
    response = api(member).post(f"{BASE}measures/{measures['pv'].pk}/reports/",
                                {"status": "gut"}, format="json")
    assert response.status_code == 400
    assert set(response.json()) == {"status", "text"}
    assert not ProgressReport.objects.exists()


def test_reports_on_drafts_are_for_insiders(api, measures, member):
    url = f"{BASE}measures/{measures['draft'].pk}/reports/"
    assert api(member).post(url, {"status": "planned", "text": "Gutachten beauftragt."},
                            format="json").status_code == 201


def test_the_other_side_agrees_the_same_side_may_not(api, measures, member, coordinator,
                                                     administration):
    report = _report(measures["pv"], member, "team")
    url = f"{BASE}reports/{report.pk}/agree/"
    assert api(coordinator).post(url).status_code == 403
    report.refresh_from_db()
    assert report.agreed_at is None
    response = api(administration).post(url)
    assert response.status_code == 200
    assert response.json()["agreed"] is True
    report.refresh_from_db()
    assert report.agreed_by == administration
    measures["pv"].refresh_from_db()
    assert measures["pv"].status_agreed
    assert api(administration).post(url).status_code == 409

    official = _report(measures["pv"], administration, "administration")
    url = f"{BASE}reports/{official.pk}/agree/"
    assert api(administration).post(url).status_code == 403
    assert api(member).post(url).status_code == 200


def test_patch_each_side_writes_its_own_text(api, measures, member, administration):
    url = f"{BASE}measures/{measures['pv'].pk}/"
    version = api(member).get(url).json()["version"]
    response = api(member).patch(url, {"version": version, "team_assessment": "Zu langsam."},
                                 format="json")
    assert response.status_code == 200, response.content
    assert response.json()["team_assessment"] == "Zu langsam."
    version = response.json()["version"]
    assert version == measures["pv"].version + 1

    assert api(member).patch(url, {"version": version, "administration_statement": "Alles gut."},
                             format="json").status_code == 403
    assert api(administration).patch(url, {"version": version, "team_assessment": "Anders."},
                                     format="json").status_code == 403
    response = api(administration).patch(url, {
        "version": version, "administration_statement": "Im Zeitplan.", "status": "completed",
        "progress": 100, "actual_end": "2026-04-30"}, format="json")
    assert response.status_code == 200, response.content
    measure = Measure.objects.get(pk=measures["pv"].pk)
    assert (measure.team_assessment, measure.administration_statement) == (
        "Zu langsam.", "Im Zeitplan.")
    assert (measure.status, measure.progress) == ("completed", 100)
    assert measure.actual_end == datetime.date(2026, 4, 30)


def test_patch_refuses_other_fields_and_needs_a_version(api, measures, coordinator):
    url = f"{BASE}measures/{measures['pv'].pk}/"
    client = api(coordinator)
    response = client.patch(url, {"version": 1, "title": "Neu", "published": False},
                            format="json")
    assert response.status_code == 400
    assert set(response.json()) == {"title", "published"}
    assert client.patch(url, {"status": "completed"}, format="json").status_code == 400
    assert client.patch(url, {"version": 1, "progress": 120},
                        format="json").status_code == 400
    measure = Measure.objects.get(pk=measures["pv"].pk)
    assert (measure.title, measure.progress, measure.version) == ("PV auf Schuldächern", 40, 1)


def test_patch_with_a_stale_version_changes_nothing(api, measures, member, coordinator,
                                                    administration):
    url = f"{BASE}measures/{measures['pv'].pk}/"
    version = api(member).get(url).json()["version"]
    assert api(administration).patch(url, {"version": version,
                                           "administration_statement": "Zuerst."},
                                     format="json").status_code == 200
    response = api(coordinator).patch(url, {"version": version, "team_assessment": "Zu spät.",
                                            "status": "failed"}, format="json")
    assert response.status_code == 409
    data = response.json()
    assert data["detail"]
    assert data["current"]["administration_statement"] == "Zuerst."
    assert data["current"]["version"] == version + 1
    measure = Measure.objects.get(pk=measures["pv"].pk)
    assert (measure.team_assessment, measure.status, measure.version) == (
        "", "in_progress", version + 1)


def test_a_team_member_changes_only_the_assessment_of_a_published_measure(api, measures,
                                                                          member):
    url = f"{BASE}measures/{measures['pv'].pk}/"
    version = api(member).get(url).json()["version"]
    assert api(member).patch(url, {"version": version, "status": "completed"},
                             format="json").status_code == 403
    assert api(member).patch(url, {"version": version, "team_assessment": "Gut."},
                             format="json").status_code == 200


def test_a_member_of_another_municipality_cannot_write_nor_see_drafts(
        api, measures, member, outsider):
    report = _report(measures["pv"], member, "team")
    client = api(outsider)
    assert client.post(f"{BASE}measures/{measures['pv'].pk}/reports/",
                       {"status": "failed", "text": "Sabotage"},
                       format="json").status_code == 403
    assert client.post(f"{BASE}reports/{report.pk}/agree/").status_code == 403
    assert client.patch(f"{BASE}measures/{measures['pv'].pk}/",
                        {"version": 1, "team_assessment": "Fremd"},
                        format="json").status_code == 403
    assert client.patch(f"{BASE}measures/{measures['draft'].pk}/",
                        {"version": 1, "status": "failed"}, format="json").status_code == 403
    assert [r["code"] for r in client.get(f"{BASE}measures/").json()["results"]] == [
        "E", "E1", "V1"]
    assert client.get(f"{BASE}measures/{measures['draft'].pk}/").status_code == 404
    assert ProgressReport.objects.count() == 1
    report.refresh_from_db()
    assert report.agreed_at is None
    assert Measure.objects.get(pk=measures["pv"].pk).team_assessment == ""


def test_writes_need_credentials(api, measures, member):
    report = _report(measures["pv"], member, "team")
    assert api().post(f"{BASE}measures/{measures['pv'].pk}/reports/",
                      {"status": "failed", "text": "x"}, format="json").status_code == 401
    assert api().post(f"{BASE}reports/{report.pk}/agree/").status_code == 401
    assert api().patch(f"{BASE}measures/{measures['pv'].pk}/", {"version": 1},
                       format="json").status_code == 401


def test_another_municipalitys_ids_are_unknown_here(api, measures, member, administration,
                                                    other_municipality, outsider):
    other_plan = services.plan_create(municipality=other_municipality, title="Konstanz 2035")
    foreign = services.measure_create(plan=other_plan, code="K1", title="Seewärme",
                                      published=True)
    foreign_report = _report(foreign, outsider, "team")
    client = api(member)
    assert client.get(f"{BASE}measures/{foreign.pk}/").status_code == 404
    assert client.patch(f"{BASE}measures/{foreign.pk}/", {"version": 1, "team_assessment": "x"},
                        format="json").status_code == 404
    assert client.post(f"{BASE}measures/{foreign.pk}/reports/",
                       {"status": "failed", "text": "x"}, format="json").status_code == 404
    # By voice, Rüsselsheim's administration would be the other side of this team report.
    assert api(administration).post(
        f"{BASE}reports/{foreign_report.pk}/agree/").status_code == 404
    foreign.refresh_from_db()
    assert foreign.team_assessment == "" and foreign.reports.count() == 1
    foreign_report.refresh_from_db()
    assert foreign_report.agreed_at is None


def test_the_schema_documents_the_plan(client):
    paths = client.get("/api/schema/?format=json").json()["paths"]
    for path in ("/api/municipalities/{slug}/plan/", "/api/municipalities/{slug}/plan/measures/",
                 "/api/municipalities/{slug}/plan/measures/{id}/",
                 "/api/municipalities/{slug}/plan/measures/{id}/reports/",
                 "/api/municipalities/{slug}/plan/reports/{id}/agree/",
                 "/api/municipalities/{slug}/plan/indicators/"):
        assert path in paths
