"""select(): quotas, households, probabilities, and leximin against brute force."""

import highspy
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings

from gemeinsam.sortition import InfeasibleQuotas, InputError, Quota, Respondent, select
from gemeinsam.sortition.examples import generate_instance

from .instances import feasible_panels, instances, meets_quotas

FAST = settings(max_examples=25, deadline=None,
                suppress_health_check=[HealthCheck.too_slow])


def _by_id(people):
    return {p.id: p for p in people}


def exhaustive_leximin(people, quotas, k):
    """Leximin over *all* feasible panels with one plain LP per stage (no column
    generation, no types): an independent check of the fast implementation."""
    panels = feasible_panels(people, quotas, k)
    ids = [p.id for p in people]
    row_of = {pid: i for i, pid in enumerate(ids)}
    n, m = len(ids), len(panels)
    h = highspy.Highs()
    h.silent()
    inf = highspy.kHighsInf
    # columns: x_P (m), z; rows: person i: Σ_{P∋i} x_P - z ≥ 0 (or ≥ fixed); Σ x = 1
    h.addVars(m + 1, np.zeros(m + 1), np.r_[np.full(m, inf), 1.0])
    h.changeColsCost(m + 1, np.arange(m + 1, dtype=np.int32), np.r_[np.zeros(m), 1.0])
    h.changeObjectiveSense(highspy.ObjSense.kMaximize)
    for i in range(n):
        cols = [j for j, panel in enumerate(panels) if ids[i] in panel] + [m]
        vals = [1.0] * (len(cols) - 1) + [-1.0]
        h.addRow(0.0, inf, len(cols), np.array(cols, dtype=np.int32), np.array(vals))
    h.addRow(1.0, 1.0, m, np.arange(m, dtype=np.int32), np.ones(m))
    fixed = {}
    while len(fixed) < n:
        h.run()
        solution = h.getSolution()
        z = solution.col_value[m]
        duals = -np.array(solution.row_dual[:n])
        free = [i for i in range(n) if i not in fixed]
        to_fix = [i for i in free if duals[i] > 1e-9] or free
        if z >= 1 - 1e-12:
            to_fix = free
        for i in to_fix:
            h.changeCoeff(i, m, 0.0)
            h.changeRowBounds(i, z - 1e-12, inf)
            fixed[i] = z
    return sorted(fixed.values()), row_of


@FAST
@given(instances)
def test_every_panel_of_the_lottery_and_the_drawn_one_meet_quotas_and_households(instance):
    people, quotas, k = instance
    result = select(people, quotas, k, seed="dice: 3 1 4 1 5 9")
    by_id = _by_id(people)
    for panel, prob in result.distribution + [(result.panel, 1.0)]:
        members = [by_id[pid] for pid in panel]
        assert len(members) == k
        assert meets_quotas(members, quotas)
        homes = [p.household for p in members if p.household is not None]
        assert len(homes) == len(set(homes))
        assert prob > 0
    assert sum(p for _, p in result.distribution) == pytest.approx(1.0, abs=1e-9)
    assert sum(result.probabilities.values()) == pytest.approx(k, abs=1e-6)
    assert all(-1e-9 <= p <= 1 + 1e-9 for p in result.probabilities.values())


@FAST
@given(instances)
def test_leximin_equals_brute_force_leximin(instance):
    people, quotas, k = instance
    expected, _ = exhaustive_leximin(people, quotas, k)
    result = select(people, quotas, k)
    got = sorted(result.probabilities.values())
    assert got == pytest.approx(expected, abs=1e-6)
    # the lottery's own marginals are the reported probabilities
    marginals = {pid: 0.0 for pid in result.probabilities}
    for panel, prob in result.distribution:
        for pid in panel:
            marginals[pid] += prob
    for pid, prob in result.probabilities.items():
        assert marginals[pid] == pytest.approx(prob, abs=1e-6)


@pytest.mark.parametrize("algorithm", ["maximin", "nash", "legacy"])
def test_other_algorithms_give_valid_lotteries(algorithm):
    people, quotas = generate_instance(60, 10, 4, seed=3)
    result = select(people, quotas, 10, algorithm=algorithm, seed="7", legacy_runs=200)
    by_id = _by_id(people)
    for panel, _ in result.distribution:
        assert meets_quotas([by_id[pid] for pid in panel], quotas)
    assert sum(result.probabilities.values()) == pytest.approx(10, abs=1e-6)
    leximin = select(people, quotas, 10)
    if algorithm != "legacy":  # maximin reaches the same minimum; nash at most that
        assert result.minimum <= leximin.minimum + 1e-7
    if algorithm == "maximin":
        assert result.minimum == pytest.approx(leximin.minimum, abs=1e-7)


def test_leximin_certificate_on_a_generated_pool():
    people, quotas = generate_instance(150, 20, 6, seed=2)
    result = select(people, quotas, 20)
    certificate = result.certificate
    assert certificate.minimum == pytest.approx(result.minimum, abs=1e-8)
    assert certificate.upper_bound >= result.minimum - 1e-9
    assert certificate.gap < 1e-7
    assert result.lp_bound == certificate.upper_bound


def test_interchangeable_people_get_the_same_probability():
    people, quotas = generate_instance(200, 20, 3, seed=5)
    result = select(people, quotas, 20)
    by_features = {}
    for person in people:
        key = tuple(sorted(person.features.items()))
        by_features.setdefault(key, set()).add(round(result.probabilities[person.id], 9))
    assert all(len(levels) == 1 for levels in by_features.values())


def test_must_select_and_must_not_select():
    people, quotas = generate_instance(80, 12, 4, seed=4)
    result = select(people, quotas, 12, must_select=["r00001", "r00002"],
                    must_not_select=["r00003"], seed="x")
    assert result.probabilities["r00001"] == 1.0
    assert result.probabilities["r00003"] == 0.0
    for panel, _ in result.distribution:
        assert {"r00001", "r00002"} <= panel and "r00003" not in panel


def test_households_exclude_housemates_of_people_who_must_be_selected():
    quotas = [Quota("g", "a", 1, 2), Quota("g", "b", 1, 2)]
    people = [Respondent("1", {"g": "a"}, "home"), Respondent("2", {"g": "b"}, "home"),
              Respondent("3", {"g": "b"}), Respondent("4", {"g": "a"})]
    result = select(people, quotas, 2, must_select=["1"])
    assert result.probabilities["2"] == 0.0
    assert result.probabilities["3"] == pytest.approx(1.0)


def test_bad_input_lists_every_problem():
    quotas = [Quota("g", "a", 3, 1), Quota("g", "a", 0, 1)]
    people = [Respondent("1", {"g": "x"}), Respondent("1", {}), Respondent("", {"g": "a"})]
    with pytest.raises(InputError) as info:
        select(people, quotas, 0, must_select=["9"])
    text = info.value.message
    for fragment in ["panel size", "given twice", "above its maximum", "'x' is not a value",
                     "used twice", "has no value", "has no id", "'9' must be selected"]:
        assert fragment in text
    assert len(info.value.problems) >= 8


def test_infeasible_quotas_raise_with_explanation():
    quotas = [Quota("g", "a", 3, 3), Quota("g", "b", 0, 3)]
    people = [Respondent(str(i), {"g": "a" if i < 2 else "b"}) for i in range(6)]
    with pytest.raises(InfeasibleQuotas) as info:
        select(people, quotas, 3)
    assert info.value.relaxations[0].new == 2


def test_progress_is_reported_and_time_limit_is_kept():
    from gemeinsam.sortition import SortitionError

    people, quotas = generate_instance(150, 20, 5, seed=6)
    seen = []
    select(people, quotas, 20, progress=lambda fraction, message: seen.append((fraction,
                                                                                message)))
    assert seen[0][0] == 0.0 and seen[-1] == (1.0, "done")
    assert all(0.0 <= f <= 1.0 and isinstance(m, str) for f, m in seen)
    with pytest.raises(SortitionError, match="did not finish within"):
        select(people, quotas, 20, time_limit=0.0)
