"""Small random selection instances for the property tests (no database needed)."""

import itertools
import random

from hypothesis import strategies as st

from gemeinsam.sortition import Quota, Respondent


def make_instance(seed: int, n: int, k: int, n_features: int, households: bool):
    """A feasible instance: the quotas are built around one random panel."""
    rng = random.Random(seed)
    features = {f"f{i}": [f"v{j}" for j in range(rng.randint(2, 3))] for i in range(n_features)}
    people = []
    for i in range(n):
        home = f"h{rng.randint(0, n // 2)}" if households and rng.random() < 0.6 else None
        people.append(Respondent(id=f"p{i}", features={f: rng.choice(v)
                                                       for f, v in features.items()},
                                 household=home))
    # a panel that respects the household rule, to centre the quotas on
    chosen, homes = [], set()
    for person in rng.sample(people, n):
        if len(chosen) == k:
            break
        if person.household is None or person.household not in homes:
            chosen.append(person)
            if person.household:
                homes.add(person.household)
    k = len(chosen)
    quotas = []
    for feature, values in features.items():
        for value in values:
            count = sum(1 for p in chosen if p.features[feature] == value)
            quotas.append(Quota(feature, value, max(0, count - rng.randint(0, 1)),
                                count + rng.randint(0, 1)))
    return people, quotas, k


instances = st.builds(make_instance, seed=st.integers(0, 10**6), n=st.integers(4, 9),
                      k=st.integers(1, 4), n_features=st.integers(1, 3),
                      households=st.booleans())


def feasible_panels(people, quotas, k, households=True):
    """Every feasible panel, by brute force."""
    result = []
    for panel in itertools.combinations(people, k):
        if households:
            homes = [p.household for p in panel if p.household is not None]
            if len(homes) != len(set(homes)):
                continue
        if meets_quotas(panel, quotas):
            result.append(frozenset(p.id for p in panel))
    return result


def meets_quotas(panel, quotas):
    for q in quotas:
        count = sum(1 for p in panel if p.features[q.feature] == q.value)
        if not q.min <= count <= q.max:
            return False
    return True
