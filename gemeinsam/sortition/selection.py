"""The public operations: check, select, draw, replace, explain infeasibility.

Validate, then act: `check_selection` reports every problem of the input at once
(InputError with one entry per problem); `select` calls it first.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict
from dataclasses import replace as dataclass_replace
from typing import Any

import numpy as np

from . import __version__
from .infeasibility import direct_conflicts, smallest_relaxation
from .lottery import Lottery, add_draw, build_audit, make_pseudonyms
from .model import (
    ALGORITHMS,
    Conflict,
    InfeasibleQuotas,
    InputError,
    Quota,
    Respondent,
    SelectionResult,
    SortitionError,
    fold,
)
from .solver import INF, PanelOracle, RelaxedOracle, build_problem

Progress = Callable[[float, str], None]


def check_selection(respondents: Sequence[Respondent], quotas: Sequence[Quota],
                    panel_size: int, *, algorithm: str = "leximin",
                    must_select: Iterable[str] = (), must_not_select: Iterable[str] = (),
                    households: bool = True) -> None:
    """Raise InputError listing every problem of the input; return None if it is usable."""
    problems: list[tuple[int | None, str]] = []
    if algorithm not in ALGORITHMS:
        problems.append((None, f"unknown algorithm '{algorithm}'; use one of "
                               + ", ".join(ALGORITHMS)))
    if not isinstance(panel_size, int) or panel_size < 1:
        problems.append((None, f"the panel size must be a positive whole number, not "
                               f"{panel_size!r}"))
    if not quotas:
        problems.append((None, "there are no quotas"))
    values: dict[str, set[str]] = {}
    seen_quota = set()
    for q in quotas:
        key = (fold(q.feature), fold(q.value))
        if key in seen_quota:
            problems.append((None, f"the quota for {q.feature} = {q.value} is given twice"))
        seen_quota.add(key)
        values.setdefault(fold(q.feature), set()).add(fold(q.value))
        if q.min < 0 or q.max < 0:
            problems.append((None, f"negative bound for {q.feature} = {q.value}"))
        if q.min > q.max:
            problems.append((None, f"the minimum {q.min} for {q.feature} = {q.value} is "
                                   f"above its maximum {q.max}"))
    ids = set()
    for index, person in enumerate(respondents, start=1):
        label = f"respondent {person.id!r}" if person.id else f"respondent number {index}"
        if not person.id:
            problems.append((None, f"{label} has no id"))
        elif person.id in ids:
            problems.append((None, f"the id {person.id!r} is used twice"))
        ids.add(person.id)
        given = {fold(name): value for name, value in person.features.items()}
        for feature, allowed in values.items():
            if feature not in given:
                problems.append((None, f"{label} has no value for '{feature}'"))
            elif fold(given[feature]) not in allowed:
                problems.append((None, f"{label}: '{given[feature]}' is not a value of "
                                       f"'{feature}'"))
    must, must_not = list(must_select), list(must_not_select)
    for pid in must:
        if pid not in ids:
            problems.append((None, f"'{pid}' must be selected but is not in the pool"))
    for pid in must_not:
        if pid not in ids:
            problems.append((None, f"'{pid}' must not be selected but is not in the pool"))
    for pid in sorted(set(must) & set(must_not)):
        problems.append((None, f"'{pid}' must be selected and must not be selected"))
    if households:
        homes: dict[str, str] = {}
        by_id = {p.id: p for p in respondents}
        for pid in must:
            person = by_id.get(pid)
            if person is None or person.household is None:
                continue
            home = fold(person.household)
            if home in homes:
                problems.append((None, f"'{homes[home]}' and '{pid}' must both be selected "
                                       "but share a household"))
            homes[home] = pid
    if problems:
        raise InputError(problems)


def explain_infeasibility(respondents: Sequence[Respondent], quotas: Sequence[Quota],
                          panel_size: int, *, must_select: Iterable[str] = (),
                          must_not_select: Iterable[str] = (),
                          households: bool = True) -> InfeasibleQuotas | None:
    """None if some panel meets the quotas; otherwise why not and the smallest fix."""
    kwargs = dict(forced=list(must_select), excluded=list(must_not_select),
                  households=households)
    problem = build_problem(respondents, quotas, panel_size, **kwargs)
    if _any_composition(problem) is not None:
        return None
    conflicts = direct_conflicts(respondents, quotas, panel_size, **kwargs)
    relaxation = smallest_relaxation(respondents, quotas, panel_size, **kwargs)
    if relaxation is None:
        return InfeasibleQuotas(conflicts, [], None)
    relaxations, relaxed = relaxation
    if not conflicts:
        moved = sorted({f"{r.feature} = {r.value}" for r in relaxations})
        conflicts.append(Conflict(
            "combination", "each quota can be met on its own, but not all together; the "
            "conflict involves " + ", ".join(moved), values=moved))
    return InfeasibleQuotas(conflicts, relaxations, relaxed)


def _any_composition(problem):
    if problem.k < 0 or (problem.upper < 0).any():
        return None
    relaxed = RelaxedOracle(problem).solve(np.zeros(problem.n_types), dive_above=-INF)
    if not relaxed.feasible:
        return None
    if relaxed.compositions:
        return relaxed.compositions[0]
    exact = PanelOracle(problem).solve(np.zeros(problem.n_types))
    return exact.compositions[0] if exact.feasible else None


def select(respondents: Sequence[Respondent], quotas: Sequence[Quota], panel_size: int, *,
           algorithm: str = "leximin", seed: str | None = None, households: bool = True,
           must_select: Iterable[str] = (), must_not_select: Iterable[str] = (),
           pseudonyms: Mapping[str, str] | None = None, pseudonym_key: str | None = None,
           progress: Progress | None = None, time_limit: float | None = None,
           legacy_runs: int = 1000, audit_extra: Mapping[str, Any] | None = None
           ) -> SelectionResult:
    """Compute the selection lottery and, if `seed` is given, draw the panel.

    `households`: at most one person per household key. `must_select` people are on every
    panel; `must_not_select` people on none. `pseudonyms` maps every id to the name used in
    the public audit file (default: HMAC pseudonyms with `pseudonym_key` or a random key).
    `progress(fraction, message)` is called now and then. Raises InputError for bad input,
    InfeasibleQuotas (with the smallest relaxation) when no panel meets the quotas, and
    SortitionError when `time_limit` seconds pass.
    """
    must, must_not = list(dict.fromkeys(must_select)), list(dict.fromkeys(must_not_select))
    check_selection(respondents, quotas, panel_size, algorithm=algorithm, must_select=must,
                    must_not_select=must_not, households=households)
    ids = [r.id for r in respondents]
    if pseudonyms is None:
        pseudonyms = make_pseudonyms(ids, pseudonym_key)
    else:
        missing = [pid for pid in ids if pid not in pseudonyms]
        if missing:
            raise InputError([(None, f"no pseudonym for '{pid}'") for pid in missing])
        if len({pseudonyms[pid] for pid in ids}) != len(ids):
            raise InputError([(None, "two people have the same pseudonym")])
    pseudonyms = {pid: pseudonyms[pid] for pid in ids}
    deadline = None if time_limit is None else time.monotonic() + time_limit
    report = progress or (lambda fraction, message: None)
    report(0.0, "checking the quotas")
    problem = build_problem(respondents, quotas, panel_size, forced=must, excluded=must_not,
                            households=households)
    if _any_composition(problem) is None:
        raise explain_infeasibility(respondents, quotas, panel_size, must_select=must,
                                    must_not_select=must_not, households=households)
    from .leximin import column_generation, leximin
    from .nash import legacy, nash

    try:
        if problem.k == 0:
            probs, compositions, shares, certificate = _trivial(problem)
        elif algorithm == "leximin":
            probs, compositions, shares, certificate = leximin(
                problem, progress=report, deadline=deadline)
        elif algorithm == "maximin":
            probs, compositions, shares, certificate = column_generation(
                problem, stages=False, progress=report, deadline=deadline)
        elif algorithm == "nash":
            probs, compositions, shares, certificate = nash(
                problem, progress=report, deadline=deadline)
        else:
            probs, compositions, shares, certificate = legacy(
                problem, runs=legacy_runs, progress=report, deadline=deadline)
    except TimeoutError as error:
        raise SortitionError(f"The selection did not finish within {time_limit} seconds. "
                             "Try again with more time.") from error
    report(0.95, "writing the lottery")
    back = {name: pid for pid, name in pseudonyms.items()}
    lottery = Lottery.build([[pseudonyms[pid] for pid in members]
                             for members in problem.type_members],
                            [pseudonyms[pid] for pid in problem.forced],
                            compositions, shares)
    probabilities = {pid: 0.0 for pid in ids}
    for t, members in enumerate(problem.type_members):
        for pid in members:
            probabilities[pid] = float(min(1.0, max(0.0, probs[t])))
    for pid in problem.forced:
        probabilities[pid] = 1.0
    cert = asdict(certificate) if certificate else None
    extra = {"households": households,
             "must_select": sorted(pseudonyms[pid] for pid in must),
             "must_not_select": len(must_not)}
    if audit_extra:
        extra.update(audit_extra)
    audit = build_audit(lottery=lottery, algorithm=algorithm, panel_size=panel_size,
                        pool_size=len(respondents), quotas=quotas, certificate=cert,
                        version=__version__, others=[pseudonyms[pid] for pid in ids],
                        extra=extra)
    distribution = []
    if _expanded_size(lottery) <= MAX_LISTED_PANELS:
        distribution = [(frozenset(back[m] for m in panel), p)
                        for panel, p in lottery.panels()]
    result = SelectionResult(
        algorithm=algorithm, panel_size=panel_size, probabilities=probabilities,
        distribution=distribution, panel=None, seed=None,
        lp_bound=certificate.upper_bound if certificate else None,
        certificate=certificate, audit=audit, pseudonyms=pseudonyms)
    if seed is not None:
        result = draw_selection(result, seed)
    report(1.0, "done")
    return result


MAX_LISTED_PANELS = 20000  # SelectionResult.distribution lists panels up to this many


def _expanded_size(lottery) -> int:
    """An upper bound on the number of panels the lottery splits into."""
    size = 0
    for comp in lottery.compositions:
        size += 1 + sum(len(lottery.types[t]) - 1 for t, c in comp
                        if c < len(lottery.types[t]))
    return size


def _trivial(problem):
    from .model import Certificate

    comp = np.zeros(problem.n_types, dtype=np.int64)
    return (np.zeros(problem.n_types), [comp], [1.0],
            Certificate(minimum=1.0, upper_bound=1.0, gap=0.0,
                        method="every seat is taken by people who must be selected"))


def draw_selection(result: SelectionResult, seed: str) -> SelectionResult:
    """Draw the panel of a computed lottery with a seed announced in advance."""
    names = result.pseudonyms
    back = {name: pid for pid, name in names.items()}
    from .lottery import lottery_from_audit

    lottery, problems = lottery_from_audit(result.audit)
    if problems:
        raise SortitionError("the lottery is inconsistent: " + "; ".join(problems))
    drawn = lottery.draw(seed)
    audit = add_draw(result.audit, drawn)
    return dataclass_replace(result, panel=frozenset(back[m] for m in drawn.panel),
                             seed=drawn.seed, audit=audit)


def replace(respondents: Sequence[Respondent], quotas: Sequence[Quota], panel_size: int, *,
            panel: Iterable[str], dropped: Iterable[str], seed: str | None = None,
            algorithm: str = "leximin", households: bool = True,
            must_not_select: Iterable[str] = (), pseudonyms: Mapping[str, str] | None = None,
            pseudonym_key: str | None = None, progress: Progress | None = None,
            time_limit: float | None = None) -> SelectionResult:
    """Draw replacements for the `dropped` members of `panel`.

    The kept members are forced in; the dropped ones and `must_not_select` (e.g. people
    who declined) are left out; the missing seats are filled by a new selection with the
    same algorithm among everyone else, so the quotas hold for the whole panel and the
    replacement probabilities are, e.g., leximin-fair among the remaining pool given the
    kept members. The result's panel is the complete new panel.
    """
    panel, dropped = list(dict.fromkeys(panel)), list(dict.fromkeys(dropped))
    problems = [(None, f"'{pid}' dropped out but is not on the panel")
                for pid in dropped if pid not in panel]
    if len(panel) != panel_size:
        problems.append((None, f"the panel has {len(panel)} members, not {panel_size}"))
    if problems:
        raise InputError(problems)
    kept = [pid for pid in panel if pid not in set(dropped)]
    excluded = list(dict.fromkeys([*dropped, *must_not_select]))
    excluded = [pid for pid in excluded if pid not in set(kept)]
    names = pseudonyms or make_pseudonyms([r.id for r in respondents], pseudonym_key)
    extra = {"replacement": {"kept": sorted(names[pid] for pid in kept),
                             "dropped": sorted(names[pid] for pid in dropped)}}
    return select(respondents, quotas, panel_size, algorithm=algorithm, seed=seed,
                  households=households, must_select=kept, must_not_select=excluded,
                  pseudonyms=names, progress=progress, time_limit=time_limit,
                  audit_extra=extra)
