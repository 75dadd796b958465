import datetime

import pytest
from django.core.exceptions import ValidationError

from gemeinsam.core.errors import DomainError
from gemeinsam.monitoring import selectors, services
from gemeinsam.monitoring.models import Status

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 5, 4)


@pytest.fixture
def plan(municipality):
    return services.plan_create(municipality=municipality, title="Klimaschutzkonzept 2035",
                                target_year=2035)


def test_a_plan_starts_with_germanzeros_fields_of_action(plan, municipality):
    assert [f.name for f in plan.fields.all()][:3] == ["Strom", "Wärme",
                                                       "Industrie / Wirtschaft"]
    assert plan.fields.count() == 10
    with pytest.raises(DomainError):
        services.plan_create(municipality=municipality, title="Zweiter Plan")


def test_status_and_progress_roll_up_weighted(plan):
    group = services.measure_create(plan=plan, code="E", title="Energie")
    services.measure_create(plan=plan, code="E1", title="PV", parent=group, status="completed",
                            weight=3)
    services.measure_create(plan=plan, code="E2", title="Wind", parent=group,
                            status="in_progress", progress=20, weight=1)
    services.measure_create(plan=plan, code="E3", title="Verworfen", parent=group,
                            status="abandoned", weight=5)
    rows = {m.code: m for m in selectors.tree(plan.measures.all())}
    assert rows["E"].effective_status == Status.IN_PROGRESS
    assert rows["E"].effective_progress == round((100 * 3 + 20 * 1) / 4)
    assert [rows[c].depth for c in ("E", "E1", "E2")] == [0, 1, 1]


def test_an_explicit_status_on_a_group_overrides_the_roll_up(plan):
    group = services.measure_create(plan=plan, code="V", title="Verkehr", status="delayed")
    services.measure_create(plan=plan, code="V1", title="Radweg", parent=group,
                            status="completed")
    rows = {m.code: m for m in selectors.tree(plan.measures.all())}
    assert rows["V"].effective_status == Status.DELAYED
    assert rows["V"].effective_progress == 100


def test_a_stuck_part_makes_the_group_delayed(plan):
    group = services.measure_create(plan=plan, code="W", title="Wärme")
    services.measure_create(plan=plan, code="W1", title="Netz", parent=group, status="failed")
    services.measure_create(plan=plan, code="W2", title="Plan", parent=group,
                            status="completed")
    assert selectors.tree(plan.measures.all())[0].effective_status == Status.DELAYED


def test_reports_set_the_status_and_the_other_side_agrees(plan, member, administration):
    measure = services.measure_create(plan=plan, code="1", title="PV")
    report = services.report_create(measure=measure, voice="team", author=member,
                                    reported_on=DAY, status="delayed", progress=30,
                                    text="Ausschreibung verzögert")
    measure.refresh_from_db()
    assert (measure.status, measure.progress, measure.status_agreed) == ("delayed", 30, False)
    services.report_agree(report=report, user=administration)
    measure.refresh_from_db()
    assert measure.status_agreed
    with pytest.raises(DomainError):
        services.report_agree(report=report, user=administration)
    # An older report, entered later, does not overwrite the current status.
    services.report_create(measure=measure, voice="administration", author=administration,
                           reported_on=DAY - datetime.timedelta(days=365),
                           status="planned", text="Vorjahr")
    measure.refresh_from_db()
    assert (measure.status, measure.status_agreed) == ("delayed", True)


def test_a_stale_save_is_refused_with_the_saved_version(plan):
    measure = services.measure_create(plan=plan, code="1", title="PV")
    services.measure_update(measure=measure, version=1, title="PV auf Schulen")
    with pytest.raises(services.StaleMeasure) as error:
        services.measure_update(measure=measure, version=1, title="PV auf Rathaus")
    assert error.value.current.title == "PV auf Schulen"


def test_bad_dates_and_cycles_are_refused(plan):
    with pytest.raises(ValidationError):
        services.measure_create(plan=plan, code="1", title="X", planned_start=DAY,
                                planned_end=DAY - datetime.timedelta(days=1))
    a = services.measure_create(plan=plan, code="A", title="A")
    b = services.measure_create(plan=plan, code="B", title="B", parent=a)
    with pytest.raises(ValidationError):
        services.measure_update(measure=a, version=a.version, parent=b)


def test_gap_analysis_and_adopting_a_model_measure(plan):
    gaps = selectors.gaps(plan=plan)
    assert gaps and all(g["priority"] == 3 for g in gaps)
    first = gaps[0]
    measure = services.model_measure_adopt(plan=plan, code=first["code"])
    assert not measure.published and measure.source == "team"
    assert measure.field.name == first["sector"]
    assert first["code"] not in {g["code"] for g in selectors.gaps(plan=plan)}
    with pytest.raises(DomainError):
        services.model_measure_adopt(plan=plan, code=first["code"])


def test_target_path_runs_straight_to_the_target_year(plan):
    indicator = services.indicator_create(plan=plan, name="PV", unit="kWp", baseline_year=2020,
                                          baseline_value=1000, target_value=16000)
    services.indicator_value_set(indicator=indicator, year=2023, value=5200)
    item = selectors.indicators(plan=plan, public=True)[0]
    assert item["path"][2020] == 1000 and item["path"][2035] == 16000
    assert item["path"][2023] == 4000
    assert item["chart"]["measured"]


def test_stuck_lists_blocked_and_overdue_by_department(plan, member):
    late = services.measure_create(plan=plan, code="1", title="Spät", status="in_progress",
                                   planned_end=datetime.date(2020, 1, 1), published=True)
    blocked = services.measure_create(plan=plan, code="2", title="Blockiert", published=True)
    services.measure_create(plan=plan, code="3", title="Gut", status="in_progress",
                            published=True)
    services.blocker_create(measure=blocked, description="Haushaltssperre", since=DAY,
                            created_by=member, help_wanted="Wer kennt Fördertöpfe?")
    result = selectors.stuck(plan=plan, public=True)
    assert [m.code for m in result["measures"]] == ["1", "2"]
    assert [b.help_wanted for b in selectors.help_wanted(plan=plan)] == ["Wer kennt Fördertöpfe?"]
    assert [name for name, _rows in result["by_department"]] == [""]
    assert late in result["measures"]
