"""The seeded draw: deterministic, seed-dependent, reproducible from the audit file."""

import copy

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gemeinsam.sortition import draw, select, verify_audit
from gemeinsam.sortition.examples import generate_instance
from gemeinsam.sortition.lottery import TOTAL, Lottery, integer_weights


@pytest.fixture(scope="module")
def lottery_result():
    people, quotas = generate_instance(60, 8, 4, seed=9)
    return select(people, quotas, 8, pseudonym_key="test key")


@settings(max_examples=30, deadline=None)
@given(seed=st.text(min_size=1).filter(lambda s: s.strip()))
def test_same_seed_same_panel_and_verify_reproduces_it(lottery_result, seed):
    from gemeinsam.sortition import draw_selection

    first = draw_selection(lottery_result, seed)
    second = draw_selection(lottery_result, seed)
    assert first.panel == second.panel
    assert first.audit == second.audit
    check = verify_audit(first.audit)
    assert check.ok, check.lines
    assert set(check.panel) == {first.pseudonyms[pid] for pid in first.panel}


def test_different_seeds_draw_different_panels(lottery_result):
    from gemeinsam.sortition import draw_selection

    panels = {draw_selection(lottery_result, f"{i}").panel for i in range(40)}
    assert len(panels) > 5


def test_seed_is_normalised_but_otherwise_exact(lottery_result):
    from gemeinsam.sortition import draw_selection

    assert draw_selection(lottery_result, " 12 ").panel == \
        draw_selection(lottery_result, "12").panel
    numbers = {draw_selection(lottery_result, seed).audit["draw"]["random_number"]
               for seed in ("12", "1 2", "12.")}
    assert len(numbers) == 3


def test_tampering_is_detected(lottery_result):
    from gemeinsam.sortition import draw_selection

    audit = draw_selection(lottery_result, "5").audit
    changed = copy.deepcopy(audit)
    changed["lottery"]["compositions"][0]["weight"] += 1
    changed["lottery"]["compositions"][1]["weight"] -= 1
    result = verify_audit(changed)
    assert not result.ok and "SHA-256" in result.lines[0]
    changed = copy.deepcopy(audit)
    changed["lottery"]["types"][0], changed["lottery"]["types"][1] = \
        changed["lottery"]["types"][1], changed["lottery"]["types"][0]
    assert not verify_audit(changed).ok
    changed = copy.deepcopy(audit)
    changed["draw"]["panel"] = sorted(changed["probabilities"])[:8]
    if changed["draw"]["panel"] != audit["draw"]["panel"]:
        assert not verify_audit(changed).ok
    changed = copy.deepcopy(audit)
    member = next(iter(changed["probabilities"]))
    changed["probabilities"][member] = "0.999"
    assert not verify_audit(changed).ok


def test_integer_weights_add_up_and_follow_the_probabilities():
    weights = integer_weights([1 / 3, 1 / 3, 1 / 3])
    assert sum(weights) == TOTAL and max(weights) - min(weights) <= 1
    assert weights[0] >= weights[2]  # ties go to the earlier panel
    lottery = Lottery.of_panels([({"b", "a"}, 0.25), ({"c", "a"}, 0.75)])
    assert lottery.probabilities() == {"a": 1.0, "b": 0.25, "c": 0.75}
    assert lottery.panels() == [(("a", "b"), 0.25), (("a", "c"), 0.75)]


def test_types_share_their_probability_exactly():
    # one type of 3 of whom 2 are taken, one of 5 of whom 1 is taken
    lottery = Lottery.build([["a", "b", "c"], ["p", "q", "r", "s", "t"]], ["z"],
                            [[2, 1]], [1.0])
    probabilities = lottery.probabilities()
    assert [probabilities[m] for m in "abc"] == [pytest.approx(2 / 3)] * 3
    assert [probabilities[m] for m in "pqrst"] == [pytest.approx(1 / 5)] * 5
    panels = lottery.panels()
    assert len(panels) == 7  # cuts at 1/3, 2/3, 1/5, 2/5, 3/5, 4/5
    marginal = {}
    for panel, p in panels:
        assert len(panel) == 4 and "z" in panel
        for m in panel:
            marginal[m] = marginal.get(m, 0) + p
    for m, p in probabilities.items():
        assert marginal[m] == pytest.approx(p, abs=1e-12)
    drawn = {lottery.draw(str(i)).panel for i in range(200)}
    assert drawn <= {panel for panel, _ in panels} and len(drawn) == 7


def test_draw_follows_the_probabilities():
    counts = {}
    for i in range(2000):
        panel = draw([({"x"}, 0.2), ({"y"}, 0.8)], f"seed {i}").panel
        counts[panel] = counts.get(panel, 0) + 1
    assert 300 < counts[("x",)] < 500
