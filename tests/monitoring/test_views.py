import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gemeinsam.monitoring import services
from gemeinsam.monitoring.models import Measure

pytestmark = pytest.mark.django_db
SLUG = "ruesselsheim-am-main"
DAY = datetime.date(2026, 5, 4)


def url(name, *args):
    return reverse(f"monitoring:{name}", args=[SLUG, *args])


@pytest.fixture
def plan(municipality):
    return services.plan_create(municipality=municipality, title="Klimaschutzkonzept 2035",
                                target_year=2035)


def _grow(plan, author, count, start=0):
    fields = list(plan.fields.all())
    group = None
    for index in range(start, start + count):
        if index % 10 == 0:
            group = services.measure_create(plan=plan, code=f"G{index:04d}", title="Gruppe",
                                            field=fields[index % len(fields)], published=True)
            continue
        measure = services.measure_create(
            plan=plan, code=f"M{index:04d}", title=f"Maßnahme {index}", parent=group,
            field=group.field, published=index % 7 != 0, planned_end=datetime.date(2024, 1, 1),
            status="in_progress")
        services.report_create(measure=measure, voice="team", author=author, reported_on=DAY,
                               status="delayed", text="Verzögert")
        if index % 5 == 0:
            services.blocker_create(measure=measure, description="Personal fehlt", since=DAY,
                                    created_by=author, help_wanted="Wer hilft?")
    indicator = services.indicator_create(plan=plan, name=f"PV {start}", unit="kWp",
                                          baseline_year=2020, baseline_value=10,
                                          target_value=100)
    services.indicator_value_set(indicator=indicator, year=2024, value=40)


@pytest.mark.parametrize("page", ["dashboard", "measures", "stuck"])
@pytest.mark.parametrize("who", [None, "member"])
def test_query_counts_do_not_grow_with_the_plan(page, who, plan, member, client_for, request):
    client = client_for(request.getfixturevalue(who) if who else None)
    _grow(plan, member, 10)
    client.get(url(page))
    with CaptureQueriesContext(connection) as small:
        assert client.get(url(page)).status_code == 200
    _grow(plan, member, 490, start=10)
    with CaptureQueriesContext(connection) as large:
        assert client.get(url(page)).status_code == 200
    # One more indicator only adds to prefetched rows, never a query.
    assert len(large.captured_queries) == len(small.captured_queries)


def test_the_measure_page_query_count_does_not_grow(plan, member, client_for):
    client = client_for(None)
    _grow(plan, member, 10)
    measure = Measure.objects.filter(published=True, parent__isnull=False).first()
    with CaptureQueriesContext(connection) as small:
        client.get(url("measure", measure.pk))
    _grow(plan, member, 490, start=10)
    for index in range(20):
        services.report_create(measure=measure, voice="administration", author=member,
                               reported_on=DAY - datetime.timedelta(days=index * 30),
                               status="in_progress", text=f"Bericht {index}")
    with CaptureQueriesContext(connection) as large:
        assert client.get(url("measure", measure.pk)).status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)


def test_drafts_are_never_public(plan, member, client_for):
    services.measure_create(plan=plan, code="1", title="Öffentliche Maßnahme", published=True)
    draft = services.measure_create(plan=plan, code="2", title="Geheimer Entwurf")
    public = client_for(None)
    for page in ("dashboard", "measures", "stuck"):
        assert "Geheimer Entwurf" not in public.get(url(page)).content.decode()
    assert public.get(url("measure", draft.pk)).status_code == 404
    assert "Geheimer Entwurf" in client_for(member).get(url("measures")).content.decode()


def test_search_and_filters(plan, client_for):
    field = plan.fields.get(name="Verkehr")
    services.measure_create(plan=plan, code="V1", title="Radschnellweg", field=field,
                            published=True, tags="Rad, Pendeln", status="delayed")
    services.measure_create(plan=plan, code="S1", title="Solardächer", published=True)
    client = client_for(None)
    page = client.get(url("measures"), {"q": "pendeln"}).content.decode()
    assert "Radschnellweg" in page and "Solardächer" not in page
    page = client.get(url("measures"), {"field": field.pk, "status": "delayed"}).content.decode()
    assert "Radschnellweg" in page and "Solardächer" not in page


def test_a_stale_edit_shows_both_versions_and_keeps_the_input(plan, member, client_for):
    measure = services.measure_create(plan=plan, code="1", title="PV")
    services.measure_update(measure=measure, version=1, title="PV auf Schulen")
    response = client_for(member).post(url("measure_edit", measure.pk), {
        "version": 1, "code": "1", "title": "PV auf dem Rathaus", "source": "action_plan",
        "weight": 1})
    assert response.status_code == 409
    page = response.content.decode()
    assert "PV auf Schulen" in page and "PV auf dem Rathaus" in page
    assert Measure.objects.get(pk=measure.pk).title == "PV auf Schulen"


def test_each_voice_writes_only_its_own_text(plan, member, administration, client_for):
    measure = services.measure_create(plan=plan, code="1", title="PV", published=True,
                                      administration_statement="Amtlich")
    client_for(member).post(url("measure_edit", measure.pk), {
        "version": measure.version, "code": "1", "title": "PV", "source": "action_plan",
        "weight": 1, "team_assessment": "Zu langsam", "administration_statement": "Gefälscht"})
    measure.refresh_from_db()
    assert (measure.team_assessment, measure.administration_statement) == ("Zu langsam",
                                                                           "Amtlich")
    # A team member leaves the plan's facts of a published measure to the coordinators.
    client_for(member).post(url("measure_edit", measure.pk), {
        "version": measure.version, "code": "1", "title": "Umbenannt", "source": "team",
        "weight": 9, "team_assessment": "Immer noch zu langsam"})
    measure.refresh_from_db()
    assert (measure.title, measure.weight) == ("PV", 1)
    assert measure.team_assessment == "Immer noch zu langsam"


def test_report_agree_and_publish_through_the_pages(plan, member, administration, coordinator,
                                                    client_for):
    measure = services.measure_create(plan=plan, code="1", title="PV auf Schulen")
    client_for(member).post(url("report_create", measure.pk), {
        "reported_on": "2026-11-01", "status": "in_progress", "progress": 40,
        "text": "Drei Dächer sind belegt."})
    report = measure.reports.get()
    assert report.voice == "team"
    assert client_for(member).post(url("report_agree", report.pk)).status_code == 403
    client_for(administration).post(url("report_agree", report.pk))
    assert client_for(member).post(url("measure_publish", measure.pk),
                                   {"published": "1"}).status_code == 403
    client_for(coordinator).post(url("measure_publish", measure.pk), {"published": "1"})
    page = client_for(None).get(url("measure", measure.pk)).content.decode()
    assert "Drei Dächer sind belegt." in page and "abgestimmt" in page


def test_no_plan_yet(municipality, coordinator, client_for):
    assert "noch keinen Klimaaktionsplan" in client_for(None).get(url("dashboard")).content.decode()
    response = client_for(coordinator).post(url("plan_settings"), {
        "title": "KAP 2035", "target_year": 2035})
    assert response.status_code == 302
    assert client_for(None).get(url("measures")).status_code == 200


def test_another_municipalitys_measure_is_not_found(plan, other_municipality, member,
                                                    client_for):
    other = services.plan_create(municipality=other_municipality, title="Konstanz")
    foreign = services.measure_create(plan=other, code="1", title="Fremd", published=True)
    assert client_for(member).get(url("measure", foreign.pk)).status_code == 404
    assert client_for(member).post(url("report_create", foreign.pk), {
        "reported_on": "2026-11-01", "status": "planned", "text": "x"}).status_code == 404


def test_charts_use_numbers_svg_understands_in_german_too(plan, client_for):
    indicator = services.indicator_create(plan=plan, name="Radwege", unit="km",
                                          baseline_year=2019, baseline_value=12.5,
                                          target_value=80)
    for year, value in ((2020, 14.25), (2023, 21.5)):
        services.indicator_value_set(indicator=indicator, year=year, value=value)
    page = client_for(None).get(url("dashboard")).content.decode()
    assert "<svg" in page
    assert not re.search(r'\b(?:x|y|cx|cy)="-?\d+,\d', page), "decimal commas in SVG attributes"


def test_evidence_must_be_web_addresses(plan, member, client_for):
    measure = services.measure_create(plan=plan, code="1", title="PV", published=True)
    response = client_for(member).post(url("report_create", measure.pk), {
        "reported_on": "2026-11-01", "status": "in_progress", "text": "Läuft",
        "evidence": "javascript:alert(document.cookie)"})
    assert response.status_code == 200 and not measure.reports.exists()


def test_a_draft_group_stays_unnamed_above_a_published_part(plan, client_for):
    group = services.measure_create(plan=plan, code="G", title="Geheime Gruppe")
    part = services.measure_create(plan=plan, code="G1", title="Öffentlich", parent=group,
                                   published=True)
    page = client_for(None).get(url("measure", part.pk)).content.decode()
    assert "Öffentlich" in page and "Geheime Gruppe" not in page


def test_saving_again_after_a_conflict_goes_through_and_history_records_it(
        plan, member, coordinator, client_for):
    measure = services.measure_create(plan=plan, code="1", title="PV")
    services.measure_update(measure=measure, version=1, title="PV auf Schulen")
    data = {"version": 1, "code": "1", "title": "PV auf dem Rathaus", "source": "action_plan",
            "weight": 1}
    client = client_for(coordinator)
    conflict = client.post(url("measure_edit", measure.pk), data)
    assert conflict.status_code == 409
    version = re.search(r'name="version" value="(\d+)"', conflict.content.decode())[1]
    assert client.post(url("measure_edit", measure.pk), {**data, "version": version}
                       ).status_code == 302
    assert Measure.objects.get(pk=measure.pk).title == "PV auf dem Rathaus"
    history = client.get(url("measure_history", measure.pk)).content.decode()
    assert "PV auf Schulen" in history and "PV auf dem Rathaus" in history


def test_changing_the_status_by_hand_clears_agreed(plan, member, administration):
    measure = services.measure_create(plan=plan, code="1", title="PV")
    report = services.report_create(measure=measure, voice="team", author=member,
                                    reported_on=DAY, status="in_progress", text="x")
    services.report_agree(report=report, user=administration)
    measure.refresh_from_db()
    assert measure.status_agreed
    measure.status = "completed"  # as a ModelForm leaves it before the service runs
    services.measure_update(measure=measure, version=measure.version, status="completed")
    measure.refresh_from_db()
    assert not measure.status_agreed
