"""LEXIMIN and MAXIMIN selection probabilities by column generation over types.

Flanigan, Gölz, Gupta, Hennig, Procaccia: "Fair algorithms for selecting citizens'
assemblies", Nature 596 (2021). Stage s maximises the lowest probability z among the types
not fixed yet, keeping every fixed type at its level:

    max z   s.t.  Σ_P x_P·c_t(P)/n_t ≥ z      for types t not fixed
                  Σ_P x_P·c_t(P)/n_t ≥ f_t    for fixed types t
                  Σ_P x_P = 1,  x ≥ 0

over all feasible compositions P (see solver.py). The restricted master LP holds the
compositions found so far and lives in one HiGHS model across all stages: new columns are
appended and fixing a type only changes its row, so every solve is a warm start of the
primal simplex (which, unlike the dual simplex, keeps its basis after columns are added).
Its row duals y price a composition as Σ_t y_t·c_t/n_t. The pricing problem's LP relaxation
(solver.RelaxedOracle) either proves that nothing prices above the master's ŷ — then the
stage is optimal — or yields columns by diving; a few more come from slightly perturbed
prices, which cuts the number of master solves. Only when diving finds nothing does the
exact pricing MIP run. Once a stage is proven optimal, every type with a positive dual must
sit at that level in every optimal solution (complementary slackness), so it is fixed.

The first stage also gives the Lagrangian bound: with Σ y = 1, no distribution over all
feasible panels can give everyone more than the best price. That bound next to the minimum
reached is the certificate of optimality.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np

from .model import Certificate
from .solver import INF, PanelOracle, Problem, RelaxedOracle, new_highs

PRICE_TOL = 1e-9  # a column is added when it prices above ŷ by more than this
FIX_TOL = 1e-9  # a type whose dual exceeds this is fixed (Σ y = 1 over the free types)
FIX_SLACK = 1e-11  # fixed rows get this much room, so that rounding never cuts them off
# Perturbed pricings per iteration: more when the master LP (one row per type) is the
# expensive part, i.e. for many types; measured on the benchmark's instances.
EXTRA_COLUMNS = None  # None: max(3, min(32, types // 20))
PERTURBATION = 0.2
DONE = 1e-9  # the decomposition stops once every type has (1 - DONE) of its bound


class _Master:
    """The restricted master LP (primal form) in one warm HiGHS model."""

    def __init__(self, problem: Problem, targets: np.ndarray | None = None):
        import highspy

        self.sizes = problem.sizes
        n = self.n = problem.n_types
        h = self.highs = new_highs()
        h.setOptionValue("simplex_strategy", 4)  # primal simplex: stays warm after addCols
        h.setOptionValue("simplex_primal_edge_weight_strategy", 1)  # devex: fastest here
        h.setOptionValue("threads", 1)
        h.setOptionValue("primal_feasibility_tolerance", 1e-10)
        h.setOptionValue("dual_feasibility_tolerance", 1e-10)
        # column 0 is z; rows 0..n-1 are the types, row n is Σ x = 1
        h.addCols(1, np.array([1.0]), np.array([0.0]), np.array([1.0]), 0,
                  np.zeros(1, dtype=np.int32), np.zeros(0, dtype=np.int32), np.zeros(0))
        lower = np.zeros(n + 1)
        upper = np.full(n + 1, INF)
        lower[n] = upper[n] = 1.0
        # with targets, row t reads Σ x_P·c_t(P)/n_t ≥ z·target_t (decomposition mode)
        coefficients = -np.ones(n) if targets is None else -np.asarray(targets, dtype=float)
        h.addRows(n + 1, lower, upper, n, np.arange(n + 1, dtype=np.int32),
                  np.zeros(n, dtype=np.int32), coefficients)
        h.changeObjectiveSense(highspy.ObjSense.kMaximize)
        self.columns: list[np.ndarray] = []
        self._keys: set[bytes] = set()
        self.fixed = np.full(n, np.nan)
        self.solves = 0
        self.relaxed_by = 0.0

    def add(self, compositions) -> int:
        added = 0
        for comp in compositions:
            key = comp.tobytes()
            if key in self._keys:
                continue
            self._keys.add(key)
            self.columns.append(comp)
            rows = np.flatnonzero(comp).astype(np.int32)
            values = np.append(comp[rows] / self.sizes[rows], 1.0)
            rows = np.append(rows, np.int32(self.n))
            self.highs.addCols(1, np.zeros(1), np.zeros(1), np.array([INF]), len(rows),
                               np.zeros(1, dtype=np.int32), rows, values)
            added += 1
        return added

    def fix(self, types, level: float) -> None:
        for t in types:
            self.highs.changeCoeff(int(t), 0, 0.0)
            self.highs.changeRowBounds(int(t), float(level) - FIX_SLACK, INF)
            self.fixed[t] = level

    def solve(self):
        """(z, type duals y, ŷ, column values x)."""
        import highspy

        h = self.highs
        h.run()
        self.solves += 1
        relax = 1e-10
        while h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            # Rounding can leave the fixed levels jointly out of reach by a hair; solve
            # afresh, then lower every fixed level a little (the profile moves far less
            # than the 1e-6 we promise).
            if relax > 1e-7:
                raise RuntimeError("HiGHS could not solve the master LP: "
                                   + h.modelStatusToString(h.getModelStatus()))
            h.clearSolver()
            for t in np.flatnonzero(~np.isnan(self.fixed)):
                h.changeRowBounds(int(t), float(self.fixed[t]) - relax, INF)
            self.relaxed_by = relax
            relax *= 10
            h.run()
        solution = h.getSolution()
        duals = np.maximum(-np.array(solution.row_dual[: self.n]), 0.0)
        return (solution.col_value[0], duals, solution.row_dual[self.n],
                np.array(solution.col_value[1:]))


class _Pricer:
    """Finds columns that price above ŷ, or proves that there are none."""

    def __init__(self, problem: Problem, seed: int = 0):
        self.problem = problem
        self.relaxed = RelaxedOracle(problem)
        self.exact: PanelOracle | None = None
        self.rng = np.random.default_rng(seed)

    @property
    def mips(self) -> int:
        return self.exact.solves if self.exact else 0

    def exact_oracle(self) -> PanelOracle:
        if self.exact is None:
            self.exact = PanelOracle(self.problem)
        return self.exact

    def any_panels(self, rounds: int) -> list[np.ndarray]:
        """Diverse starting columns: multiplicative weights (as in the paper), but priced
        with the cheap relaxation; a MIP only if no relaxation is integral."""
        n = self.problem.n_types
        sizes = self.problem.sizes
        weights = np.ones(n)
        found: list[np.ndarray] = []
        seen: set[bytes] = set()
        for _ in range(rounds):
            noisy = weights * (0.99 + 0.01 * self.rng.random(n)) / sizes
            result = self.relaxed.solve(noisy, dive_above=-INF)
            if not result.feasible:
                return []
            if result.compositions and result.compositions[0].tobytes() not in seen:
                comp = result.compositions[0]
                seen.add(comp.tobytes())
                found.append(comp)
                weights *= 0.8 ** (comp / sizes)
            else:
                weights = 0.9 * weights + 0.1
            weights *= n / weights.sum()
        if not found:
            result = self.exact_oracle().solve(np.ones(n))
            found = result.compositions if result.feasible else []
        return found

    def price(self, weights: np.ndarray, y_hat: float, deadline: float | None):
        """(columns above ŷ, proven upper bound on the best price)."""
        threshold = y_hat + PRICE_TOL
        result = self.relaxed.solve(weights, dive_above=threshold)
        if result.bound <= threshold:
            return [], result.bound
        columns = list(result.compositions)
        if not columns:
            left = None if deadline is None else deadline - time.monotonic()
            exact = self.exact_oracle().solve(weights, time_limit=left)
            columns = [c for c in exact.compositions if float(weights @ c) > threshold]
            return columns, min(result.bound, exact.bound)
        n = len(weights)
        extra = EXTRA_COLUMNS if EXTRA_COLUMNS is not None else max(3, min(32, n // 20))
        for _ in range(extra):
            noisy = weights * np.exp(PERTURBATION * self.rng.standard_normal(n))
            extra = self.relaxed.solve(noisy, dive_above=-INF)
            columns += [c for c in extra.compositions if float(weights @ c) > threshold]
        return columns, result.bound


def relaxed_leximin(problem: Problem) -> tuple[np.ndarray, int]:
    """Leximin over the LP relaxation of the panel polytope: (level per type, stages).

    No column generation: the relaxation is the explicit polytope {c : Σ c = k, quotas,
    households, 0 ≤ c ≤ n}. It contains every achievable expected composition, so its
    leximin profile is an upper bound (in the leximin order) on what any lottery can give.
    """
    import highspy

    from .solver import _panel_model

    h, _ = _panel_model(problem, integral=False)
    h.setOptionValue("primal_feasibility_tolerance", 1e-10)
    h.setOptionValue("dual_feasibility_tolerance", 1e-10)
    n = problem.n_types
    sizes = problem.sizes
    h.addCols(1, np.array([1.0]), np.array([0.0]), np.array([1.0]), 0,
              np.zeros(1, dtype=np.int32), np.zeros(0, dtype=np.int32), np.zeros(0))
    base = h.getNumRow()
    index = np.empty(2 * n, dtype=np.int32)
    index[0::2] = np.arange(n)
    index[1::2] = n
    values = np.empty(2 * n)
    values[0::2] = 1.0 / sizes
    values[1::2] = -1.0
    h.addRows(n, np.zeros(n), np.full(n, INF), 2 * n, np.arange(0, 2 * n, 2, dtype=np.int32),
              index, values)
    costs = np.zeros(n + 1)
    costs[n] = 1.0
    h.changeColsCost(n + 1, np.arange(n + 1, dtype=np.int32), costs)
    levels = np.full(n, np.nan)
    stages = 0
    while np.isnan(levels).any():
        h.run()
        stages += 1
        if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            raise ValueError("no panel meets the quotas")
        solution = h.getSolution()
        z = solution.col_value[n]
        duals = -np.array(solution.row_dual[base:base + n])
        free = np.isnan(levels)
        if z >= 1.0 - 1e-12:
            to_fix = np.flatnonzero(free)
        else:
            to_fix = np.flatnonzero(free & (duals > FIX_TOL))
            if len(to_fix) == 0:
                to_fix = np.flatnonzero(free & (duals >= duals[free].max()))
        for t in to_fix:
            h.changeCoeff(int(base + t), n, 0.0)
            h.changeRowBounds(int(base + t), float(z) - FIX_SLACK, INF)
            levels[t] = z
    return levels, stages


def _minimal_face(problem: Problem, levels: np.ndarray, caps: np.ndarray):
    """Bounds that every composition of a decomposition of `levels` must meet: a quota
    met exactly in expectation is met exactly by every panel, and so are counts at 0 or at
    the type's size (the minimal face of the relaxation containing the target)."""
    expected = levels * problem.sizes
    totals = problem.value_totals(expected)
    row_lower, row_upper = problem.lower.copy(), problem.upper.copy()
    at_lower = np.abs(totals - problem.lower) < 1e-7
    at_upper = ~at_lower & (np.abs(totals - problem.upper) < 1e-7)
    row_upper[at_lower] = problem.lower[at_lower]
    row_lower[at_upper] = problem.upper[at_upper]
    col_lower, col_upper = np.zeros(len(caps)), caps.copy()
    col_upper[expected < 1e-9] = 0
    full = expected > caps - 1e-9
    col_lower[full] = caps[full]
    return col_lower, col_upper, row_lower, row_upper


def _decompose(problem: Problem, levels: np.ndarray, deadline: float | None,
               rounds: int, progress):
    """Try to write the relaxation's leximin point as a lottery over integer compositions.

    Column generation for max z s.t. Σ_P x_P·c_t(P)/n_t ≥ z·level_t, Σ x = 1, with the
    pricing restricted to the minimal face of the target. z = 1 means the upper bound is
    reached, hence leximin-optimal. Returns (master, x, z, pricer).
    """
    pricer = _Pricer(problem)
    face = _minimal_face(problem, levels, pricer.relaxed.caps)
    pricer.relaxed.set_face(*face)
    pricer.exact_oracle().set_face(*face)
    master = _Master(problem, targets=levels)
    start = pricer.any_panels(rounds)
    if not start:
        return master, None, 0.0, pricer
    master.add(start)
    sizes = problem.sizes
    while True:
        if deadline is not None and time.monotonic() > deadline:
            raise TimeoutError("the selection did not finish within the time limit")
        z, y, y_hat, x = master.solve()
        if progress:
            progress(min(0.99, max(0.0, z)) * 0.9, f"leximin: {z:.6f} of the bound reached")
        if z >= 1.0 - DONE:  # z ≤ 1 by its bound: the upper bound itself is reached
            break
        columns, bound = pricer.price(y / sizes, y_hat, deadline)
        if not columns:
            if bound > y_hat + PRICE_TOL:
                raise TimeoutError("the selection did not finish within the time limit")
            break
        if not master.add(columns):
            break
    return master, x, z, pricer


def _finish(master: _Master, x: np.ndarray, problem: Problem):
    x = np.maximum(x, 0.0)
    keep = np.flatnonzero(x > 1e-13)
    shares = x[keep] / x[keep].sum()
    compositions = [master.columns[j] for j in keep]
    probs = np.zeros(problem.n_types)
    for comp, share in zip(compositions, shares):
        probs += share * comp
    return probs / problem.sizes, compositions, list(shares)


def leximin(problem: Problem, *, progress: Callable[[float, str], None] | None = None,
            deadline: float | None = None, initial_rounds: int | None = None):
    """Leximin probabilities per type, lottery over compositions, certificate.

    First the fast path: the relaxation's leximin point (an upper bound) decomposed into
    panels. If it cannot be (the bound is not reachable), the exact staged column
    generation runs, starting from the panels already found.
    """
    started = time.monotonic()
    n = problem.n_types
    rounds = initial_rounds if initial_rounds is not None else min(100, 2 * n)
    levels, lp_stages = relaxed_leximin(problem)
    master, x, z, pricer = _decompose(problem, levels, deadline, max(rounds, 1), progress)
    if x is not None and z >= 1.0 - 1e-8:
        probs, compositions, shares = _finish(master, x, problem)
        certificate = Certificate(
            minimum=float(probs.min()), upper_bound=float(levels.min()),
            gap=max(0.0, float(levels.min() - probs.min())), iterations=master.solves,
            stages=lp_stages, pricing_mips=pricer.mips, panels_generated=len(master.columns),
            seconds=time.monotonic() - started)
        certificate.method = ("the leximin profile of the LP relaxation (an upper bound) is "
                              f"reached within {float(np.abs(probs - levels).max()):.1e}")
        certificate.profile_gap = float(np.abs(probs - levels).max())
        return probs, compositions, shares, certificate
    known = list(master.columns)
    # Types the relaxation cannot give any probability cannot get any in a lottery either.
    probs, compositions, shares, certificate = column_generation(
        problem, stages=True, progress=progress, deadline=deadline,
        initial_rounds=rounds, initial_columns=known,
        zero_types=np.flatnonzero(levels < 1e-9))
    certificate.seconds = time.monotonic() - started
    return probs, compositions, shares, certificate


def column_generation(problem: Problem, *, stages: bool = True,
                      progress: Callable[[float, str], None] | None = None,
                      deadline: float | None = None, initial_rounds: int | None = None,
                      initial_columns=(), zero_types=()):
    """Leximin (`stages=True`) or maximin (`stages=False`) over the types of `problem`.

    Returns (probability per type, compositions, their probabilities, certificate).
    Raises ValueError if no panel is feasible and TimeoutError past `deadline`
    (a `time.monotonic()` value).
    """
    started = time.monotonic()
    n = problem.n_types
    sizes = problem.sizes
    pricer = _Pricer(problem)
    master = _Master(problem)
    rounds = initial_rounds if initial_rounds is not None else min(100, 2 * n)
    start_columns = list(initial_columns) + pricer.any_panels(max(rounds, 1))
    if not start_columns:
        raise ValueError("no panel meets the quotas")
    master.add(start_columns)
    if stages and len(zero_types):
        master.fix(zero_types, 0.0)
    certificate = Certificate(minimum=0.0, upper_bound=1.0, gap=1.0)
    total = float(sizes.sum())
    stage = 0
    while True:
        stage += 1
        while True:
            if deadline is not None and time.monotonic() > deadline:
                raise TimeoutError("the selection did not finish within the time limit")
            z, y, y_hat, x = master.solve()
            columns, bound = pricer.price(y / sizes, y_hat, deadline)
            if stage == 1:  # Lagrangian bound on the maximin value (fixed types are at 0)
                total_dual = float(y[np.isnan(master.fixed)].sum())
                if total_dual > 1e-12:
                    certificate.upper_bound = min(certificate.upper_bound,
                                                  max(bound / total_dual, z))
                if progress:
                    progress(0.0, f"lowest probability: {z:.4f} reached, at most "
                                  f"{certificate.upper_bound:.4f} possible")
            if not columns:
                if bound > y_hat + PRICE_TOL:  # the MIP found nothing but proved nothing
                    raise TimeoutError("the selection did not finish within the time limit")
                break
            if not master.add(columns):
                break  # every column is known already: converged up to the tolerances
        free = np.isnan(master.fixed)
        if stage == 1:
            certificate.minimum = z
            certificate.gap = max(0.0, certificate.upper_bound - z)
        if not stages:
            break
        if z >= 1.0 - 1e-12:
            to_fix = np.flatnonzero(free)  # all in every panel; z is capped at 1
        else:
            to_fix = np.flatnonzero(free & (y > FIX_TOL))
            if len(to_fix) == 0:  # cannot happen with Σ y = 1; guard against a loop
                to_fix = np.flatnonzero(free & (y >= y[free].max()))
        master.fix(to_fix, z)
        fixed_people = float(sizes[~np.isnan(master.fixed)].sum())
        if progress:
            progress(fixed_people / total,
                     f"leximin: {int(fixed_people)} of {int(total)} probabilities fixed")
        if not np.isnan(master.fixed).any():
            break
    z, y, y_hat, x = master.solve()
    probs, compositions, shares = _finish(master, x, problem)
    certificate.method = ("staged column generation, each stage proven optimal by its "
                          "pricing bound")
    certificate.iterations = master.solves
    certificate.stages = stage
    certificate.pricing_mips = pricer.mips
    certificate.panels_generated = len(master.columns)
    certificate.seconds = time.monotonic() - started
    return probs, compositions, list(shares), certificate
