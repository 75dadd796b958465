"""Conflicting quotas are explained with the smallest relaxation; replacements keep quotas."""

import pytest

from gemeinsam.sortition import (
    InfeasibleQuotas,
    Quota,
    Respondent,
    explain_infeasibility,
    replace,
    select,
    verify_audit,
)
from gemeinsam.sortition.examples import generate_instance

from .instances import meets_quotas


def _pool():
    # 10 respondents: gender and age are tied together, so "5 women and 4 young" in a
    # panel of 6 is impossible: only 1 woman is young.
    people = []
    for i in range(10):
        woman = i < 5
        young = i in (0, 5, 6, 7, 8)
        people.append(Respondent(f"p{i}", {"gender": "woman" if woman else "man",
                                           "age": "young" if young else "old"}))
    return people


def test_conflicting_quotas_are_explained_with_the_smallest_relaxation():
    quotas = [Quota("gender", "woman", 5, 6), Quota("gender", "man", 0, 6),
              Quota("age", "young", 4, 6), Quota("age", "old", 0, 6)]
    report = explain_infeasibility(_pool(), quotas, 6)
    assert report is not None
    assert "not all together" in report.conflicts[0]
    assert "gender = woman" in report.conflicts[0] or "age = young" in report.conflicts[0]
    # 5 women (1 of them young) and 3 more young men need 8 seats: 2 too many
    assert sum(abs(r.new - r.old) for r in report.relaxations) == 2
    assert all(r.bound == "min" for r in report.relaxations)
    result = select(_pool(), report.relaxed_quotas, 6)  # the proposal works
    assert result.minimum > 0
    assert "lower the minimum" in report.message


def test_direct_reasons_are_named():
    quotas = [Quota("gender", "woman", 6, 6), Quota("gender", "man", 0, 3),
              Quota("age", "young", 0, 6), Quota("age", "old", 0, 6)]
    with pytest.raises(InfeasibleQuotas) as info:
        select(_pool(), quotas, 6)
    assert any("only 5 respondents" in c for c in info.value.conflicts)
    # The facts come apart too, for applications that speak another language.
    assert any(c.kind == "too_few_with_value" and c.facts["available"] == 5
               for c in info.value.conflicts)
    assert info.value.relaxations[0].describe().startswith(
        "lower the minimum for gender = woman from 6 to 5 (only 5 respondents have it)")


def test_flex_limits_can_make_relaxation_impossible():
    quotas = [Quota("gender", "woman", 6, 6, min_flex=6, max_flex=6),
              Quota("gender", "man", 0, 0, min_flex=0, max_flex=0),
              Quota("age", "young", 0, 6), Quota("age", "old", 0, 6)]
    report = explain_infeasibility(_pool(), quotas, 6)
    assert report.relaxed_quotas is None and "min_flex" in report.message


def test_feasible_quotas_need_no_explanation():
    people, quotas = generate_instance(40, 6, 3, seed=1)
    assert explain_infeasibility(people, quotas, 6) is None


def test_replacements_keep_the_quotas_and_the_kept_members():
    people, quotas = generate_instance(120, 15, 5, seed=7, households=0.1)
    first = select(people, quotas, 15, seed="first draw", pseudonym_key="fixed for the test")
    panel = sorted(first.panel)
    dropped = panel[:3]
    result = replace(people, quotas, 15, panel=panel, dropped=dropped, seed="second draw",
                     pseudonyms=first.pseudonyms)
    by_id = {p.id: p for p in people}
    new_panel = result.panel
    assert len(new_panel) == 15
    assert set(panel[3:]) <= new_panel and not set(dropped) & new_panel
    assert meets_quotas([by_id[pid] for pid in new_panel], quotas)
    homes = [by_id[pid].household for pid in new_panel]
    assert len(homes) == len(set(homes))
    for completed, _ in result.distribution:
        assert set(panel[3:]) <= completed
        assert meets_quotas([by_id[pid] for pid in completed], quotas)
    # the replacement draw is verifiable and names what was kept and dropped
    assert verify_audit(result.audit).ok
    assert result.audit["replacement"]["dropped"] == sorted(first.pseudonyms[p] for p in dropped)
    again = replace(people, quotas, 15, panel=panel, dropped=dropped, seed="second draw",
                    pseudonyms=first.pseudonyms)
    assert again.panel == new_panel
