"""Deterministic example pools with the self-selection bias of real invitation rounds.

A synthetic town is drawn from census-like shares with some correlation (older people own
their homes more often and have less formal education); then invited people answer with a
probability that favours the old, the highly educated and the climate-concerned, as in real
recruitment. Quotas follow the town's shares with a small tolerance, widened only where the
pool cannot meet them. Same arguments, same instance: everything comes from one seeded
`random.Random`. Used by the benchmark, the tests and `python -m gemeinsam.sortition example`.
"""

from __future__ import annotations

import math
import random

from .model import Quota, Respondent

# (feature, [(value, population share, response factor)])
FEATURES = [
    ("gender", [("female", 0.505, 1.0), ("male", 0.48, 1.1), ("diverse", 0.015, 1.0)]),
    ("age", [("16-24", 0.12, 0.55), ("25-34", 0.15, 0.7), ("35-49", 0.22, 0.9),
             ("50-64", 0.26, 1.25), ("65+", 0.25, 1.4)]),
    ("education", [("low", 0.30, 0.45), ("middle", 0.36, 0.9), ("high", 0.34, 1.9)]),
    ("district", [("Altstadt", 0.18, 1.3), ("Nord", 0.27, 0.9), ("Süd", 0.24, 1.0),
                  ("West", 0.31, 0.85)]),
    ("climate concern", [("low", 0.27, 0.4), ("medium", 0.41, 1.0), ("high", 0.32, 2.2)]),
    ("migration background", [("yes", 0.27, 0.55), ("no", 0.73, 1.0)]),
    ("housing", [("owner", 0.46, 1.2), ("tenant", 0.54, 0.85)]),
]


def _draw_person(rng: random.Random, features) -> dict[str, str]:
    person: dict[str, str] = {}
    for name, values in features:
        weights = [share for _, share, _ in values]
        labels = [label for label, _, _ in values]
        if name == "education" and "age" in person:
            # older cohorts: fewer degrees
            shift = {"16-24": 0.9, "25-34": 1.2, "35-49": 1.1, "50-64": 0.9, "65+": 0.7}
            weights = [weights[0] / shift[person["age"]], weights[1],
                       weights[2] * shift[person["age"]]]
        if name == "housing" and "age" in person:
            own = {"16-24": 0.4, "25-34": 0.6, "35-49": 1.0, "50-64": 1.3, "65+": 1.4}
            weights = [weights[0] * own[person["age"]], weights[1]]
        if name == "climate concern" and "education" in person:
            concern = {"low": 0.75, "middle": 1.0, "high": 1.35}[person["education"]]
            weights = [weights[0] / concern, weights[1], weights[2] * concern]
        person[name] = rng.choices(labels, weights)[0]
    return person


def generate_instance(n: int, k: int, n_features: int = 6, seed: int = 1,
                      tolerance: float = 0.15, households: float = 0.0):
    """Return (respondents, quotas) for a pool of `n` respondents and panels of `k`.

    `households` is the share of respondents who live with another respondent (they get a
    shared household key). Quotas are feasible (checked with the MIP) when this returns.
    """
    if not 1 <= n_features <= len(FEATURES):
        raise ValueError(f"n_features must be between 1 and {len(FEATURES)}")
    rng = random.Random(f"gemeinsam-sortition-example:{n}:{k}:{n_features}:{seed}")
    features = FEATURES[:n_features]
    pool: list[dict[str, str]] = []
    top = max(math.prod(max(f for _, _, f in values) for _, values in features), 1.0)
    while len(pool) < n:
        person = _draw_person(rng, features)
        factor = math.prod(dict((label, f) for label, _, f in values)[person[name]]
                           for name, values in features)
        if rng.random() < factor / top * 4:  # accept ∝ response factor
            pool.append(person)
    respondents: list[Respondent] = []
    household_no = 0
    for index, person in enumerate(pool):
        household = f"h{household_no:05d}"
        if not (households and respondents and rng.random() < households):
            household_no += 1  # a new address; otherwise the same as the previous one
            household = f"h{household_no:05d}"
        respondents.append(Respondent(id=f"r{index + 1:05d}", features=person,
                                      household=household if households else None))
    counts: dict[tuple[str, str], int] = {}
    for person in pool:
        for name, value in person.items():
            counts[name, value] = counts.get((name, value), 0) + 1
    quotas = []
    for name, values in features:
        for label, share, _ in values:
            target = share * k
            slack = max(1.0, target * tolerance)
            low = max(0, round(target - slack))
            high = max(1, round(target + slack))
            available = counts.get((name, label), 0)
            low = min(low, available)
            quotas.append(Quota(feature=name, value=label, min=low, max=max(high, low)))
    from .solver import find_any_panel  # late: keeps this module light

    widen = 0
    while find_any_panel(respondents, quotas, k) is None:
        widen += 1
        quotas = [Quota(q.feature, q.value, max(0, q.min - 1), q.max + 1) for q in quotas]
        if widen > k:
            raise RuntimeError("could not make the example quotas feasible")
    return respondents, quotas
