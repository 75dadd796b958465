"""NASH (maximal product of selection probabilities) and LEGACY (the old greedy), for
comparison with leximin.

Nash: column generation over types. The restricted master maximises Σ_t n_t·log π_t over
lotteries of the known compositions; this is a mixture likelihood, so the EM update
x_P ← x_P·(Σ_t c_t(P)/π_t)/N increases it monotonically. A composition helps when
Σ_t c_t/π_t > N (the gradient direction); the pricing bound of that quantity minus N is the
Frank–Wolfe duality gap, an upper bound on how far the objective is from optimal.

Legacy: the Sortition Foundation's original sequential greedy, re-implemented: repeatedly
take the feature value whose unmet minimum is hardest to fill (largest need / people left),
pick a random person with it, drop everyone who would break a maximum or shares the
person's household; start over after a dead end. Its probabilities are not known in closed
form: we run it many times with a fixed seed and use the empirical distribution.
"""

from __future__ import annotations

import hashlib
import random
import time
from collections.abc import Callable

import numpy as np

from .leximin import _Pricer, relaxed_leximin
from .model import Certificate
from .solver import Problem

NASH_TOL = 1e-3  # stop when the duality gap per person is below this (sortition-algorithms: 0.1 in total)


def nash(problem: Problem, *, progress: Callable[[float, str], None] | None = None,
         deadline: float | None = None):
    started = time.monotonic()
    n = problem.n_types
    sizes = problem.sizes
    levels, _ = relaxed_leximin(problem)
    active = levels > 1e-9  # types no panel can contain keep probability 0
    total = float(sizes[active].sum())
    pricer = _Pricer(problem)
    columns = pricer.any_panels(min(100, 2 * n))
    covered = np.zeros(n, dtype=bool)
    for comp in columns:
        covered |= comp > 0
    for t in np.flatnonzero(active & ~covered):
        weights = np.zeros(n)
        weights[t] = 1.0
        result = pricer.relaxed.solve(weights, dive_above=0.5)
        if not result.compositions:
            result = pricer.exact_oracle().solve(weights)
        for comp in result.compositions:
            if comp[t] > 0:
                columns.append(comp)
                covered |= comp > 0
    keys = {c.tobytes() for c in columns}
    x = np.full(len(columns), 1.0 / len(columns))
    rounds = 0
    gap = float("inf")
    while True:
        rounds += 1
        if deadline is not None and time.monotonic() > deadline:
            raise TimeoutError("the selection did not finish within the time limit")
        matrix = np.array(columns, dtype=float).T[active] / sizes[active, None]  # (types, m)
        x = _nash_master(matrix, sizes[active], x, NASH_TOL * total * 0.1)
        pi = matrix @ x
        weights = np.zeros(n)
        weights[active] = 1.0 / pi
        found, bound = pricer.price(weights, total + NASH_TOL * total * 0.1, deadline)
        gap = max(0.0, bound - total)
        if progress:
            progress(min(0.9, 0.1 + 0.8 * (NASH_TOL * total / max(gap, 1e-300)) ** 0.5),
                     f"nash: duality gap {gap / total:.2e} per person")
        new = [c for c in found if c.tobytes() not in keys]
        if gap <= NASH_TOL * total or not new:
            break
        for comp in new:
            keys.add(comp.tobytes())
            columns.append(comp)
        x = np.concatenate([x * (1 - 0.05 * len(new) / (len(x) + len(new))),
                            np.full(len(new), 0.05 / (len(x) + len(new)))])
        x /= x.sum()
    x = np.maximum(x, 0.0)
    keep = np.flatnonzero(x > 1e-12)
    shares = x[keep] / x[keep].sum()
    compositions = [columns[j] for j in keep]
    probs = np.zeros(n)
    for comp, share in zip(compositions, shares):
        probs += share * comp
    probs /= sizes
    positive = probs[active]
    objective = float(np.sum(sizes[active] * np.log(positive))) if positive.size else 0.0
    certificate = Certificate(minimum=float(probs.min()), upper_bound=objective + gap,
                              gap=gap, iterations=rounds, stages=1,
                              pricing_mips=pricer.mips, panels_generated=len(columns),
                              seconds=time.monotonic() - started,
                              method=f"Nash welfare Σ log p = {objective:.6f}, at most "
                                     f"{gap:.1e} below the optimum (Frank–Wolfe gap)")
    return probs, compositions, list(shares), certificate


def _nash_master(matrix: np.ndarray, sizes: np.ndarray, x: np.ndarray, tol: float,
                 max_steps: int = 40) -> np.ndarray:
    """max Σ_t n_t·log((A x)_t) over the simplex: active-set Newton steps (on the columns
    in use plus the most promising one), with a ratio test and backtracking."""
    total = float(sizes.sum())

    def objective(v):
        pi = matrix @ v
        return float(np.sum(sizes * np.log(np.maximum(pi, 1e-300)))) if (pi > 0).all() else -np.inf

    value = objective(x)
    for _ in range(max_steps):
        pi = matrix @ x
        gradient = matrix.T @ (sizes / pi)  # Σ_j x_j·gradient_j = total at any x
        support = x > 1e-10
        outside = np.where(support, -np.inf, gradient)
        best = int(np.argmax(outside))
        solid = x > 1e-6
        inside_spread = gradient[solid].max() - gradient[solid].min()
        if outside[best] - total <= tol and inside_spread <= tol:
            break
        if outside[best] - total > tol:
            support[best] = True
        idx = np.flatnonzero(support)
        columns = matrix[:, idx]
        hessian = -(columns.T * (sizes / pi**2)) @ columns
        s = len(idx)
        kkt = np.zeros((s + 1, s + 1))
        kkt[:s, :s] = hessian - 1e-12 * np.eye(s)
        kkt[:s, s] = kkt[s, :s] = 1.0
        rhs = np.concatenate([-gradient[idx], [0.0]])
        try:
            direction = np.linalg.solve(kkt, rhs)[:s]
        except np.linalg.LinAlgError:
            direction = np.linalg.lstsq(kkt, rhs, rcond=None)[0][:s]
        step = 1.0
        shrinking = direction < 0
        if shrinking.any():
            step = min(1.0, float(np.min(-x[idx][shrinking] / direction[shrinking])))
        improved = False
        for _ in range(40):
            candidate = x.copy()
            candidate[idx] = np.maximum(x[idx] + step * direction, 0.0)
            candidate /= candidate.sum()
            new_value = objective(candidate)
            if new_value >= value - 1e-15 * abs(value):
                improved = new_value > value
                x, value = candidate, new_value
                break
            step /= 2
        if not improved and step < 1e-12:
            # fall back to a multiplicative (EM) step, which always improves
            x = x * gradient / total
            x /= x.sum()
            value = objective(x)
    return x


def _legacy_once(problem: Problem, rng: random.Random):
    """One run of the greedy on types; a composition or None after a dead end."""
    tv = problem.type_values
    left = problem.sizes.astype(int).copy()
    for group in problem.households:
        left[group] = np.minimum(left[group], 1)
    household_of = {t: g for g, group in enumerate(problem.households) for t in group}
    counts = np.zeros(len(problem.lower), dtype=int)
    comp = np.zeros(problem.n_types, dtype=int)
    for _ in range(problem.k):
        # nobody whose selection would break a maximum
        full = counts >= problem.upper
        if full.any():
            left[full[tv].any(axis=1)] = 0
        available = problem.value_totals(left)
        need = np.maximum(problem.lower - counts, 0)
        if (need > available).any():
            return None
        urgent = np.flatnonzero(need > 0)
        if len(urgent):
            ratio = need[urgent] / available[urgent]
            best = urgent[np.flatnonzero(ratio >= ratio.max() - 1e-12)]
            flat = int(rng.choice(list(best)))
            candidates = np.flatnonzero((tv == flat).any(axis=1) & (left > 0))
        else:
            candidates = np.flatnonzero(left > 0)
        if len(candidates) == 0:
            return None
        # a uniformly random person among the candidates' members
        weights = left[candidates].astype(float)
        t = int(rng.choices(list(candidates), weights=list(weights))[0])
        comp[t] += 1
        left[t] -= 1
        counts[tv[t]] += 1
        if t in household_of:
            left[problem.households[household_of[t]]] = 0
    if (counts < problem.lower).any():
        return None
    return comp


def legacy(problem: Problem, *, runs: int = 1000, attempts: int = 100,
           progress: Callable[[float, str], None] | None = None,
           deadline: float | None = None):
    """The empirical lottery of `runs` legacy selections (seeded by the problem itself)."""
    started = time.monotonic()
    digest = hashlib.sha256(repr((problem.k, problem.lower.tolist(), problem.upper.tolist(),
                                  problem.type_members, problem.households)).encode())
    rng = random.Random(digest.hexdigest())
    found: dict[bytes, tuple[np.ndarray, int]] = {}
    failures = 0
    for run in range(runs):
        if deadline is not None and time.monotonic() > deadline:
            raise TimeoutError("the selection did not finish within the time limit")
        for _ in range(attempts):
            comp = _legacy_once(problem, rng)
            if comp is not None:
                break
            failures += 1
        else:
            raise ValueError("the legacy greedy found no panel in "
                             f"{attempts} attempts; the quotas are probably infeasible")
        key = comp.tobytes()
        previous = found.get(key)
        found[key] = (comp, (previous[1] if previous else 0) + 1)
        if progress and run % 50 == 0:
            progress(run / runs, f"legacy: {run} of {runs} runs")
    compositions = [comp for comp, _ in found.values()]
    shares = [count / runs for _, count in found.values()]
    probs = np.zeros(problem.n_types)
    for comp, share in zip(compositions, shares):
        probs += share * comp
    probs /= problem.sizes
    certificate = Certificate(minimum=float(probs.min()), upper_bound=None,
                              gap=None, iterations=runs,
                              seconds=time.monotonic() - started,
                              method=f"empirical distribution of {runs} greedy runs "
                                     f"({failures} dead ends restarted); probabilities "
                                     "are estimates")
    return probs, compositions, shares, certificate
