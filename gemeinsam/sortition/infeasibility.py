"""When no panel meets the quotas: say why, and propose the smallest relaxation.

First the reasons that can be read off directly (a minimum above the number of respondents
with that value, minimums adding up to more seats than there are, people who must be
selected already breaking a maximum). Then a MIP over the types finds the smallest total
change of minimums and maximums (in persons) that makes a panel possible; the quotas it
moves are the ones in conflict. min_flex/max_flex from sortition-algorithms' files limit
how far a bound may move.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from .model import Conflict, Quota, Relaxation, Respondent, fold
from .solver import INF, build_problem, new_highs


def direct_conflicts(respondents: Sequence[Respondent], quotas: Sequence[Quota], k: int, *,
                     forced: Iterable[str] = (), excluded: Iterable[str] = (),
                     households: bool = True) -> list[Conflict]:
    problem = build_problem(respondents, quotas, k, forced=forced, excluded=excluded,
                            households=households)
    conflicts = []
    pool = int(problem.sizes.sum())
    if problem.k < 0:
        conflicts.append(Conflict(
            "too_many_forced", f"{len(problem.forced)} people must be selected, more than the "
            f"{k} seats", forced=len(problem.forced), seats=k))
    seats_possible = pool
    if problem.households:
        seats_possible = pool - sum(len(g) - 1 for g in problem.households)
    if seats_possible < problem.k:
        conflicts.append(Conflict(
            "too_few_households", f"only {seats_possible} respondents can be selected (one per "
            f"household), fewer than the {problem.k} free seats", possible=seats_possible,
            seats=problem.k))
    by_flat = {}
    for q in quotas:
        by_flat[(fold(q.feature), fold(q.value))] = q
    flat = 0
    for f, feature in enumerate(problem.features):
        low_sum = high_sum = 0
        for value in problem.values[f]:
            quota = by_flat[fold(feature), fold(value)]
            taken = _forced_count(respondents, problem.forced, feature, value)
            available = int(problem.value_counts[flat])
            if taken > quota.max:
                conflicts.append(Conflict(
                    "forced_above_max", f"{taken} of the people who must be selected have "
                    f"{feature} = {value}, but the maximum is {quota.max}", taken=taken,
                    feature=feature, value=value, max=quota.max))
            elif available + taken < quota.min:
                conflicts.append(Conflict(
                    "too_few_with_value", f"at least {quota.min} panel members must have "
                    f"{feature} = {value}, but only {available + taken} respondents who can be "
                    "selected have it", min=quota.min, feature=feature, value=value,
                    available=available + taken))
            low_sum += quota.min
            high_sum += quota.max
            flat += 1
        if low_sum > k:
            conflicts.append(Conflict(
                "minimums_above_seats", f"the minimums for {feature} add up to {low_sum}, more "
                f"than the {k} seats", feature=feature, sum=low_sum, seats=k))
        if high_sum < k:
            conflicts.append(Conflict(
                "maximums_below_seats", f"the maximums for {feature} add up to {high_sum}, "
                f"fewer than the {k} seats", feature=feature, sum=high_sum, seats=k))
    return conflicts


def _forced_count(respondents, forced, feature, value) -> int:
    forced = set(forced)
    return sum(1 for r in respondents if r.id in forced
               and fold({fold(a): b for a, b in r.features.items()}.get(fold(feature), ""))
               == fold(value))


def smallest_relaxation(respondents: Sequence[Respondent], quotas: Sequence[Quota], k: int,
                        *, forced: Iterable[str] = (), excluded: Iterable[str] = (),
                        households: bool = True) -> tuple[list[Relaxation], list[Quota]] | None:
    """The relaxation of least total change (None if even relaxing cannot help)."""
    import highspy

    problem = build_problem(respondents, quotas, k, forced=forced, excluded=excluded,
                            households=households)
    if problem.k < 0:
        return None
    forced_counts = np.zeros(len(problem.lower))
    flat_of = {}
    flat = 0
    for f, feature in enumerate(problem.features):
        for value in problem.values[f]:
            flat_of[fold(feature), fold(value)] = flat
            forced_counts[flat] = _forced_count(respondents, problem.forced, feature, value)
            flat += 1
    n = problem.n_types
    m = len(problem.lower)
    caps = problem.sizes.copy()
    for group in problem.households:
        caps[group] = np.minimum(caps[group], 1)
    h = new_highs()
    h.setOptionValue("threads", 1)
    h.setOptionValue("mip_rel_gap", 0.0)
    # columns: c_t (n), lower relaxation d_min (m), upper relaxation d_max (m)
    lower_room = np.zeros(m)
    upper_room = np.zeros(m)
    originals = [None] * m
    for q in quotas:
        i = flat_of[fold(q.feature), fold(q.value)]
        originals[i] = q
        floor = q.min_flex if q.min_flex is not None else 0
        ceiling = q.max_flex if q.max_flex is not None else k
        lower_room[i] = max(0, q.min - floor)
        upper_room[i] = max(0, ceiling - q.max)
    # relaxing a minimum of 1 to 0 weighs a little more than other moves, as it drops a group
    costs = np.concatenate([np.zeros(n),
                            np.array([1.0 + (0.01 if q.min == 1 else 0.0) for q in originals]),
                            np.ones(m)])
    lower = np.zeros(n + 2 * m)
    upper = np.concatenate([caps, lower_room, upper_room])
    h.addCols(n + 2 * m, costs, lower, upper, 0, np.zeros(n + 2 * m, dtype=np.int32),
              np.zeros(0, dtype=np.int32), np.zeros(0))
    h.changeColsIntegrality(n + 2 * m, np.arange(n + 2 * m, dtype=np.int32),
                            np.array([highspy.HighsVarType.kInteger] * (n + 2 * m)))
    h.addRow(float(problem.k), float(problem.k), n, np.arange(n, dtype=np.int32), np.ones(n))
    members = [[] for _ in range(m)]
    for t in range(n):
        for i in problem.type_values[t]:
            members[i].append(t)
    for i in range(m):
        q = originals[i]
        base = forced_counts[i]
        idx = members[i]
        # count + base + d_min >= min ;  count + base - d_max <= max
        h.addRow(float(q.min - base), INF, len(idx) + 1,
                 np.array(idx + [n + i], dtype=np.int32), np.ones(len(idx) + 1))
        h.addRow(-INF, float(q.max - base), len(idx) + 1,
                 np.array(idx + [n + m + i], dtype=np.int32),
                 np.array([1.0] * len(idx) + [-1.0]))
    for group in problem.households:
        h.addRow(-INF, 1.0, len(group), np.array(group, dtype=np.int32), np.ones(len(group)))
    h.run()
    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return None
    values = np.rint(np.array(h.getSolution().col_value)).astype(int)
    d_min, d_max = values[n:n + m], values[n + m:]
    relaxations = []
    relaxed = []
    for q in quotas:
        i = flat_of[fold(q.feature), fold(q.value)]
        new_min, new_max = q.min - int(d_min[i]), q.max + int(d_max[i])
        available = int(problem.value_counts[i] + forced_counts[i])
        if new_min != q.min:
            relaxations.append(Relaxation(q.feature, q.value, "min", q.min, new_min, available))
        if new_max != q.max:
            relaxations.append(Relaxation(q.feature, q.value, "max", q.max, new_max, available))
        relaxed.append(Quota(q.feature, q.value, new_min, new_max, q.min_flex, q.max_flex))
    return relaxations, relaxed
