"""The panel polytope over respondent *types*, and the pricing MIP that searches it.

Two respondents are interchangeable when they have the same value for every feature and
share an address with nobody else in the pool: swapping them maps every feasible panel to a
feasible panel. They form one *type*. A panel is then a *composition*: how many members of
each type it takes (`c[t]` between 0 and the type's size). Every fair selection rule here
(leximin, maximin, nash) gives interchangeable people the same probability, so it suffices
to work with compositions; the lottery (lottery.py) turns a composition back into panels of
named people, giving every member of a type exactly the same probability.

People in a multi-person household are types of their own, with a constraint "at most one
per household". People who must be selected are taken out of the problem beforehand (their
seats and quota counts are subtracted); people who must not be selected are dropped, and so
are the housemates of the people who must be selected.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from .model import Quota, Respondent, fold

_banner_lock = threading.Lock()
_banner_shown = False


def new_highs():
    """A silent HiGHS instance (HiGHS prints its banner on the first construction in a
    process, straight to file descriptor 1; that would corrupt CSV written to stdout)."""
    from highspy import _core

    global _banner_shown
    with _banner_lock:
        if not _banner_shown:
            _banner_shown = True
            try:
                import sys

                sys.stdout.flush()
                saved = os.dup(1)
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, 1)
                try:
                    highs = _core._Highs()
                finally:
                    os.dup2(saved, 1)
                    os.close(saved)
                    os.close(devnull)
            except OSError:  # no usable file descriptor 1: nothing to protect
                highs = _core._Highs()
        else:
            highs = _core._Highs()
    highs.setOptionValue("output_flag", False)
    return highs


INF = float("inf")


@dataclass
class Problem:
    """A selection reduced to types. Quota rows are per (feature, value), flattened."""

    k: int  # seats to fill from the free pool
    panel_size: int  # seats in total, including the forced people
    features: list[str]
    values: list[list[str]]
    lower: np.ndarray  # per flattened (feature, value): quota min minus forced people
    upper: np.ndarray
    type_values: np.ndarray  # (types, features): flattened value index
    type_members: list[list[str]]  # ids, in canonical (sorted) order
    households: list[list[int]]  # groups of types of which at most one may be chosen
    forced: list[str]
    excluded: list[str]  # excluded people and housemates of forced people
    value_counts: np.ndarray  # free respondents per flattened (feature, value)

    @property
    def sizes(self) -> np.ndarray:
        cached = self.__dict__.get("_sizes")
        if cached is None:
            cached = np.array([len(m) for m in self.type_members], dtype=float)
            self.__dict__["_sizes"] = cached
        return cached

    @property
    def n_types(self) -> int:
        return len(self.type_members)

    def value_label(self, flat: int) -> tuple[str, str]:
        for f, values in enumerate(self.values):
            if flat < len(values):
                return self.features[f], values[flat]
            flat -= len(values)
        raise IndexError(flat)

    def value_totals(self, composition) -> np.ndarray:
        """Panel members per flattened (feature, value) for a composition (or fractional)."""
        return np.bincount(self.type_values.ravel(),
                           weights=np.repeat(np.asarray(composition, dtype=float),
                                             self.type_values.shape[1]),
                           minlength=len(self.lower))

    def check(self, composition: np.ndarray) -> bool:
        """Whether a composition is a feasible panel (used by tests and as a safety net)."""
        comp = np.asarray(composition)
        if comp.sum() != self.k or (comp < 0).any() or (comp > self.sizes).any():
            return False
        counts = self.value_totals(comp)
        if (counts < self.lower - 1e-9).any() or (counts > self.upper + 1e-9).any():
            return False
        return all(comp[group].sum() <= 1 for group in self.households)


def quota_table(quotas: Sequence[Quota]):
    """features, values per feature, and a lookup (folded feature, folded value) -> flat."""
    features: list[str] = []
    values: list[list[str]] = []
    index: dict[tuple[str, str], int] = {}
    feature_pos: dict[str, int] = {}
    for quota in quotas:
        key_f = fold(quota.feature)
        if key_f not in feature_pos:
            feature_pos[key_f] = len(features)
            features.append(quota.feature)
            values.append([])
        values[feature_pos[key_f]].append(quota.value)
    flat = 0
    for f, vals in enumerate(values):
        for v in vals:
            index[fold(features[f]), fold(v)] = flat
            flat += 1
    return features, values, index


def build_problem(respondents: Sequence[Respondent], quotas: Sequence[Quota], k: int, *,
                  forced: Iterable[str] = (), excluded: Iterable[str] = (),
                  households: bool = True) -> Problem:
    """Reduce a (validated) selection to types. See the module docstring."""
    features, values, index = quota_table(quotas)
    n_values = sum(len(v) for v in values)
    lower = np.zeros(n_values)
    upper = np.zeros(n_values)
    for quota in quotas:
        flat = index[fold(quota.feature), fold(quota.value)]
        lower[flat], upper[flat] = quota.min, quota.max
    forced_set = set(forced)
    excluded_set = set(excluded) - forced_set
    flat_of: dict[str, tuple[int, ...]] = {}
    for person in respondents:
        by_feature = {fold(name): value for name, value in person.features.items()}
        flat_of[person.id] = tuple(index[fold(name), fold(by_feature[fold(name)])]
                                   for name in features)
    # forced people take their seats and quota counts out of the problem
    forced_households = set()
    forced_list = []
    for person in respondents:
        if person.id in forced_set:
            forced_list.append(person.id)
            for flat in flat_of[person.id]:
                lower[flat] -= 1
                upper[flat] -= 1
            if households and person.household is not None:
                forced_households.add(fold(person.household))
    lower = np.maximum(lower, 0)
    dropped = []
    free: list[Respondent] = []
    for person in respondents:
        if person.id in forced_set:
            continue
        if person.id in excluded_set or (households and person.household is not None
                                         and fold(person.household) in forced_households):
            dropped.append(person.id)
            continue
        free.append(person)
    housemates: dict[str, list[str]] = {}
    if households:
        for person in free:
            if person.household is not None:
                housemates.setdefault(fold(person.household), []).append(person.id)
    shared = {pid for ids in housemates.values() if len(ids) > 1 for pid in ids}
    groups: dict[tuple, list[str]] = {}
    for person in free:
        key = (flat_of[person.id], person.id if person.id in shared else "")
        groups.setdefault(key, []).append(person.id)
    keys = sorted(groups)
    type_members = [sorted(groups[key]) for key in keys]
    type_of = {pid: t for t, members in enumerate(type_members) for pid in members}
    household_groups = sorted(
        sorted(type_of[pid] for pid in ids) for ids in housemates.values() if len(ids) > 1)
    type_values = np.array([key[0] for key in keys], dtype=np.int64).reshape(
        len(keys), len(features))
    value_counts = np.zeros(n_values)
    for t, members in enumerate(type_members):
        value_counts[type_values[t]] += len(members)
    return Problem(k=k - len(forced_list), panel_size=k, features=features, values=values,
                   lower=lower, upper=upper, type_values=type_values,
                   type_members=type_members, households=household_groups,
                   forced=sorted(forced_list), excluded=sorted(dropped),
                   value_counts=value_counts)


@dataclass
class Pricing:
    value: float  # best objective found
    bound: float  # proven upper bound on the objective
    compositions: list[np.ndarray] = field(default_factory=list)  # best first
    feasible: bool = True


def _panel_model(problem: Problem, integral: bool):
    """HiGHS model of the feasible compositions: Σ c = k, quotas, households."""
    import highspy

    h = new_highs()
    n = problem.n_types
    caps = problem.sizes.copy()
    for group in problem.households:
        caps[group] = np.minimum(caps[group], 1)
    h.addCols(n, np.zeros(n), np.zeros(n), caps, 0, np.zeros(n, dtype=np.int32),
              np.zeros(0, dtype=np.int32), np.zeros(0))
    if integral:
        h.changeColsIntegrality(n, np.arange(n, dtype=np.int32),
                                np.array([highspy.HighsVarType.kInteger] * n))
    rows_lower, rows_upper, starts, indices = [float(problem.k)], [float(problem.k)], [0], []
    indices.extend(range(n))
    members: list[list[int]] = [[] for _ in range(len(problem.lower))]
    for t in range(n):
        for flat in problem.type_values[t]:
            members[flat].append(t)
    for flat, ts in enumerate(members):
        starts.append(len(indices))
        indices.extend(ts)
        rows_lower.append(float(problem.lower[flat]))
        rows_upper.append(float(problem.upper[flat]))
    for group in problem.households:
        starts.append(len(indices))
        indices.extend(group)
        rows_lower.append(-INF)
        rows_upper.append(1.0)
    h.addRows(len(rows_lower), np.array(rows_lower), np.array(rows_upper), len(indices),
              np.array(starts, dtype=np.int32), np.array(indices, dtype=np.int32),
              np.ones(len(indices)))
    h.changeObjectiveSense(highspy.ObjSense.kMaximize)
    h.setOptionValue("threads", 1)
    h.setOptionValue("random_seed", 0)
    return h, caps


def _set_bounds(oracle, col_lower, col_upper, row_lower, row_upper) -> None:
    """Restrict an oracle's model to a face: column bounds and the quota rows' bounds
    (row i of the quota part is model row 1 + i; row 0 is Σ c = k)."""
    h = oracle.highs
    n = oracle.n
    h.changeColsBounds(n, np.arange(n, dtype=np.int32), np.asarray(col_lower, dtype=float),
                       np.asarray(col_upper, dtype=float))
    rows = len(row_lower)
    h.changeRowsBounds(rows, np.arange(1, rows + 1, dtype=np.int32),
                       np.asarray(row_lower, dtype=float), np.asarray(row_upper, dtype=float))
    oracle.col_lower = np.asarray(col_lower, dtype=float).copy()
    oracle.col_upper = np.asarray(col_upper, dtype=float).copy()


class PanelOracle:
    """The pricing MIP: maximise Σ w[t]·c[t] over feasible compositions c, exactly.

    Built once; each call only changes the objective. Improving solutions met during branch
    and bound are kept (HiGHS's solution pool), since each of them is often a useful column.
    """

    def __init__(self, problem: Problem):
        self.problem = problem
        self.highs, self.caps = _panel_model(problem, integral=True)
        self.n = problem.n_types
        h = self.highs
        h.setOptionValue("mip_rel_gap", 0.0)
        h.setOptionValue("mip_abs_gap", 1e-10)
        h.setOptionValue("mip_improving_solution_save", True)
        self._all = np.arange(self.n, dtype=np.int32)
        self.solves = 0

    def set_face(self, col_lower, col_upper, row_lower, row_upper) -> None:
        _set_bounds(self, col_lower, col_upper, row_lower, row_upper)

    def solve(self, weights: np.ndarray, *, time_limit: float | None = None) -> Pricing:
        import highspy

        h = self.highs
        h.changeColsCost(self.n, self._all, np.asarray(weights, dtype=float))
        if time_limit is not None:
            h.setOptionValue("time_limit", max(float(time_limit), 0.01))
        h.run()
        self.solves += 1
        status = h.getModelStatus()
        if status == highspy.HighsModelStatus.kInfeasible:
            return Pricing(value=-INF, bound=-INF, feasible=False)
        if status == highspy.HighsModelStatus.kTimeLimit and \
                h.getInfo().primal_solution_status == 0:
            raise TimeoutError("the pricing MIP found no panel within the time limit")
        info = h.getInfo()
        best = np.rint(np.array(h.getSolution().col_value)).astype(np.int64)
        compositions = [best]
        seen = {best.tobytes()}
        for saved in reversed(h.getSavedMipSolutions()):
            comp = np.rint(np.array(saved.col_value)).astype(np.int64)
            if comp.tobytes() not in seen and self.problem.check(comp):
                seen.add(comp.tobytes())
                compositions.append(comp)
        value = float(np.dot(weights, best))
        bound = float(info.mip_dual_bound)
        if status != highspy.HighsModelStatus.kOptimal:
            bound = max(bound, value)
        else:  # optimal up to the absolute gap
            bound = max(value, min(bound, value + 1e-10))
        return Pricing(value=value, bound=bound, compositions=compositions)


class RelaxedOracle:
    """The pricing problem's LP relaxation, kept warm (dual simplex) across calls.

    Its optimum bounds the MIP from above, which is enough to prove that no column is
    missing; with the structure of quota constraints it is integral surprisingly often.
    When it is not, a dive rounds one fractional count at a time (re-solving warm) until
    the solution is integral: a good composition at a fraction of a MIP's cost.
    """

    def __init__(self, problem: Problem):
        self.problem = problem
        self.highs, self.caps = _panel_model(problem, integral=False)
        self.n = problem.n_types
        self._all = np.arange(self.n, dtype=np.int32)
        self.solves = 0
        self.dive_steps = 0
        self.col_lower = np.zeros(self.n)
        self.col_upper = self.caps.copy()

    def set_face(self, col_lower, col_upper, row_lower, row_upper) -> None:
        _set_bounds(self, col_lower, col_upper, row_lower, row_upper)

    def solve(self, weights: np.ndarray, *, dive_above: float | None = None) -> Pricing:
        """Maximise the relaxation. When its optimum is fractional and above `dive_above`,
        dive; a composition comes back only if it prices above `dive_above`."""
        import highspy

        h = self.highs
        optimal = highspy.HighsModelStatus.kOptimal
        weights = np.asarray(weights, dtype=float)
        h.changeColsCost(self.n, self._all, weights)
        h.run()
        self.solves += 1
        if h.getModelStatus() != optimal:
            if h.getModelStatus() == highspy.HighsModelStatus.kInfeasible:
                return Pricing(value=-INF, bound=-INF, feasible=False)
            raise RuntimeError(f"HiGHS: {h.modelStatusToString(h.getModelStatus())}")
        x = np.array(h.getSolution().col_value)
        value = float(h.getInfo().objective_function_value)
        # the LP's own tolerances: its bound is trusted up to 1e-9 relative
        bound = value + 1e-9 * max(1.0, abs(value))
        rounded = np.rint(x)
        if np.abs(x - rounded).max() < 1e-9:
            comp = rounded.astype(np.int64)
            keep = dive_above is None or float(weights @ comp) > dive_above
            return Pricing(value=value, bound=bound, compositions=[comp] if keep else [])
        result = Pricing(value=value, bound=bound)
        if dive_above is None or value <= dive_above:
            return result
        changed: list[int] = []
        try:
            for _ in range(2 * self.n):
                frac = x - np.floor(x)
                frac[(frac < 1e-9) | (frac > 1 - 1e-9)] = 0
                if not frac.any():
                    comp = np.rint(x).astype(np.int64)
                    if self.problem.check(comp) and float(weights @ comp) > dive_above:
                        result.compositions.append(comp)
                    break
                t = int(np.argmax(frac))
                up = float(np.ceil(x[t]))
                changed.append(t)
                h.changeColBounds(t, up, float(self.col_upper[t]))
                h.run()
                self.dive_steps += 1
                if h.getModelStatus() != optimal:
                    h.changeColBounds(t, float(self.col_lower[t]), up - 1.0)
                    h.run()
                    self.dive_steps += 1
                    if h.getModelStatus() != optimal:
                        break
                if float(h.getInfo().objective_function_value) <= dive_above:
                    break
                x = np.array(h.getSolution().col_value)
        finally:
            for t in changed:
                h.changeColBounds(t, float(self.col_lower[t]), float(self.col_upper[t]))
        return result


def find_any_panel(respondents: Sequence[Respondent], quotas: Sequence[Quota], k: int, *,
                   forced: Iterable[str] = (), excluded: Iterable[str] = (),
                   households: bool = True) -> frozenset[str] | None:
    """Some panel that meets the quotas, or None. Used to check feasibility quickly."""
    problem = build_problem(respondents, quotas, k, forced=forced, excluded=excluded,
                            households=households)
    if problem.k < 0 or (problem.upper < 0).any():
        return None
    relaxed = RelaxedOracle(problem).solve(np.zeros(problem.n_types), dive_above=-INF)
    if not relaxed.feasible:
        return None
    result = relaxed if relaxed.compositions else PanelOracle(problem).solve(
        np.zeros(problem.n_types))
    if not result.feasible:
        return None
    comp = result.compositions[0]
    chosen = list(problem.forced)
    for t, count in enumerate(comp):
        chosen.extend(problem.type_members[t][:count])
    return frozenset(chosen)
