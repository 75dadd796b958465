import pytest
from django.core.management import call_command

from gemeinsam.core.models import Municipality
from gemeinsam.monitoring import demo, selectors
from gemeinsam.monitoring.models import (
    ActionPlan,
    Blocker,
    Indicator,
    IndicatorValue,
    Measure,
    ProgressReport,
    Source,
    Status,
    Voice,
)


def _counts(plan):
    return [
        Measure.objects.filter(plan=plan).count(),
        ProgressReport.objects.filter(measure__plan=plan).count(),
        Blocker.objects.filter(measure__plan=plan).count(),
        Indicator.objects.filter(plan=plan).count(),
        IndicatorValue.objects.filter(indicator__plan=plan).count(),
    ]


def _walk(specs):
    for spec in specs:
        yield spec
        yield from _walk(spec["children"])


def test_each_status_in_the_data_is_what_its_reports_end_with():
    for _field, group in demo.FIELDS:
        for spec in _walk([group]):
            if spec["reports"]:
                assert spec["reports"][-1]["status"] == spec["status"], spec["code"]
                dates = [report["date"] for report in spec["reports"]]
                assert dates == sorted(dates), spec["code"]


@pytest.mark.django_db(transaction=True)
def test_demo_action_plan_is_plausible_and_loads_once():
    call_command("load_demo")
    ruesselsheim = Municipality.objects.get(slug="ruesselsheim-am-main")
    plan = ActionPlan.objects.get(municipality=ruesselsheim)
    counts = _counts(plan)
    call_command("load_demo")
    assert ActionPlan.objects.filter(municipality=ruesselsheim).count() == 1
    assert _counts(plan) == counts
    assert plan.title == "Klimaschutzkonzept Rüsselsheim am Main 2035"
    assert plan.target_year == 2035 and plan.adopted_on.year == 2022

    measures = list(plan.measures.select_related("department", "position"))
    assert len(measures) >= 60
    assert plan.fields.filter(measures__isnull=False).distinct().count() >= 8
    tree = selectors.tree(measures)
    assert max(m.depth for m in tree) == 2
    roots = [m for m in tree if m.depth == 0 and m.published]
    assert len(roots) >= 8 and all(4 <= m.child_count <= 10 for m in roots)
    assert {m.status for m in measures} >= set(Status.values)
    assert sum(1 for m in measures if m.status == Status.DELAYED) >= 3
    assert {m.source for m in measures} == set(Source.values)
    assert sum(1 for m in measures if m.model_measure) >= 15
    assert sum(1 for m in measures if m.department and m.position) >= 30
    assert any(m.funding_programme == "Kommunalrichtlinie" and m.funding_amount
               for m in measures)

    drafts = [m for m in measures if not m.published]
    assert 3 <= len(drafts) <= 8
    assert all(m.source == Source.TEAM for m in drafts)
    public = selectors.measures_visible(plan=plan, public=True)
    assert not public.filter(pk__in=[m.pk for m in drafts]).exists()

    reports = ProgressReport.objects.filter(measure__plan=plan)
    assert reports.count() >= 120
    for voice in Voice.values:
        years = set(reports.filter(voice=voice).values_list("reported_on__year", flat=True))
        assert len(years) >= 3, voice
    assert reports.filter(reported_on__year=2026).exists()
    assert reports.filter(reported_on__year=2022).exists()
    agreed = reports.filter(agreed_by__isnull=False)
    assert agreed.count() > reports.count() // 2
    assert reports.filter(agreed_by__isnull=True).exists()
    assert all(r.agreed_by_id != r.author_id for r in agreed)
    assert reports.exclude(evidence="").exists()
    latest = selectors.recent_reports(plan=plan, public=True).first()
    assert latest.reported_on.year == 2026

    blockers = Blocker.objects.filter(measure__plan=plan)
    assert blockers.values("measure").distinct().count() >= 6
    assert blockers.filter(resolved_on__isnull=False).exists()
    assert blockers.filter(helpers__isnull=False).exists()
    assert blockers.filter(helper_positions__isnull=False).exists()
    assert selectors.help_wanted(plan=plan).exists()

    indicators = Indicator.objects.filter(plan=plan)
    assert indicators.count() >= 5
    assert indicators.filter(measure__isnull=False).exists()
    for indicator in indicators:
        assert set(indicator.values.values_list("year", flat=True)) >= set(range(2019, 2027))
        assert indicator.baseline_year and indicator.target_value is not None


@pytest.mark.django_db
def test_demo_does_nothing_when_a_plan_exists(municipality, coordinator):
    from gemeinsam.monitoring import services

    services.plan_create(municipality=municipality, title="Eigener Plan")
    assert demo.load_monitoring_demo(municipality, [coordinator], []) is None
    assert not Measure.objects.filter(plan__municipality=municipality).exists()


@pytest.mark.django_db
def test_demo_loads_without_alliance_or_administration(municipality, coordinator):
    plan = demo.load_monitoring_demo(municipality, [coordinator], [])
    assert plan.measures.count() >= 60
    assert not plan.measures.filter(department__isnull=False).exists()
    reports = ProgressReport.objects.filter(measure__plan=plan)
    assert reports.filter(voice=Voice.ADMINISTRATION, author=coordinator).exists()
    assert not reports.filter(agreed_by__isnull=False).exists()
