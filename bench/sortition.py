#!/usr/bin/env python3
"""Leximin panel selection: gemeinsam.sortition against sortition-algorithms, in one run.

For each instance, both compute leximin selection probabilities (the peer with its highspy
backend for the pricing MIPs; its leximin needs Gurobi for the dual LP, which the bench extra
installs with its size-limited licence). Printed per instance: the lowest probability of
each, how far the sorted probability profiles are apart, which profile is larger in the
leximin order, both run times and their ratio (peer/ours), and our optimality certificate.
Larger instances run with ours alone.

Generated instances are deterministic (gemeinsam.sortition.examples, seeded): a synthetic
town with census-like shares, invitations answered more often by the old, the highly
educated and the climate-concerned, quotas at the town's shares ± 15 %.

    .venv/bin/pip install -e '.[bench]'
    .venv/bin/python bench/sortition.py --quick              # n=100/k=20 and n=300/k=30
    .venv/bin/python bench/sortition.py                      # + 600/60 with the peer, + 1000/100,
                                                             #   2000/160 (7 features) ours alone
    .venv/bin/python bench/sortition.py --pool-dir data/example_small_20

--pool-dir reads an instance in the layout of the replication data of Flanigan et al.
(2021): a folder NAME_K with categories.csv (category,feature,min,max) and respondents.csv
(one column per category, no id column); K comes from the folder name or --panel-size.
"""

import argparse
import multiprocessing
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np

from gemeinsam.sortition.examples import generate_instance
from gemeinsam.sortition.formats import read_people, read_quotas
from gemeinsam.sortition.leximin import leximin
from gemeinsam.sortition.solver import build_problem

PEER_INSTANCES = [(100, 20, 6), (300, 30, 6), (600, 60, 6)]
OURS_ONLY = [(1000, 100, 7), (2000, 160, 7)]


def ours(people, quotas, k):
    problem = build_problem(people, quotas, k, households=False)
    started = time.perf_counter()
    probs, _, _, certificate = leximin(problem)
    seconds = time.perf_counter() - started
    profile = np.sort(np.repeat(probs, problem.sizes.astype(int)))
    return profile, seconds, certificate, problem.n_types


def _peer_worker(people, quotas, k, queue):
    import logging

    logging.disable(logging.WARNING)
    from requests.structures import CaseInsensitiveDict
    from sortition_algorithms.committee_generation import find_distribution_leximin
    from sortition_algorithms.features import FeatureValueMinMax
    from sortition_algorithms.people import People
    from sortition_algorithms.utils import set_random_provider

    features = CaseInsensitiveDict()
    for q in quotas:
        features.setdefault(q.feature, CaseInsensitiveDict())[q.value] = FeatureValueMinMax(
            min=q.min, max=q.max)
    pool = People([])
    for line, person in enumerate(people, start=2):
        pool.add(person.id, CaseInsensitiveDict(person.features), features, line)
    set_random_provider(1)  # its multiplicative-weights start is random; fix it
    try:
        started = time.perf_counter()
        committees, probabilities, _ = find_distribution_leximin(features, pool, k, [],
                                                                 "highspy")
        seconds = time.perf_counter() - started
    except Exception as error:  # e.g. Gurobi's size-limited licence
        queue.put(("error", f"{type(error).__name__}: {error}"))
        return
    marginals = dict.fromkeys(pool, 0.0)
    for committee, p in zip(committees, probabilities):
        for pid in committee:
            marginals[pid] += p
    queue.put(("ok", (np.sort(np.array(list(marginals.values()))), seconds)))


def peer(people, quotas, k, max_seconds):
    """(profile, seconds) or (None, message); runs in a child process to time it out."""
    try:
        import gurobipy  # noqa: F401
        import sortition_algorithms  # noqa: F401
    except ImportError as error:
        return None, f"peer not installed ({error.name}); pip install -e '.[bench]'"
    # a fresh interpreter: HiGHS's thread pool does not survive fork()
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=_peer_worker, args=(people, quotas, k, queue))
    process.start()
    started = time.perf_counter()
    try:
        status, payload = queue.get(timeout=max_seconds + 30)
    except Exception:
        process.kill()
        process.join()
        return None, f"peer stopped after {time.perf_counter() - started:.0f} s"
    process.join()
    if status == "error":
        return None, payload
    return payload


def leximin_order(a, b, tolerance=1e-9):
    """Which sorted profile is larger in the leximin order ('=' within rounding)."""
    diff = np.flatnonzero(np.abs(a - b) > tolerance)
    if not len(diff):
        return "="
    i = diff[0]
    return f"{'ours' if a[i] > b[i] else 'peer'} larger from rank {i + 1}"


def read_pool_dir(folder: Path, panel_size):
    quotas = read_quotas(folder / "categories.csv")
    people = read_people(folder / "respondents.csv", quotas, generate_ids=True,
                         household_columns=[])
    if panel_size is None:
        match = re.search(r"_(\d+)$", folder.name)
        if not match:
            raise SystemExit(f"{folder.name}: name the panel size with --panel-size")
        panel_size = int(match.group(1))
    return people, quotas, panel_size


def report(label, people, quotas, k, with_peer, max_peer_seconds):
    profile, seconds, certificate, types = ours(people, quotas, k)
    print(f"\n{label}: n={len(people)}, k={k}, {len({q.feature for q in quotas})} features, "
          f"{types} types")
    print(f"  ours: {seconds:8.2f} s   min {profile.min():.9f}   {certificate.describe()}")
    if not with_peer:
        return None
    result = peer(people, quotas, k, max_peer_seconds)
    if result[0] is None:
        print(f"  peer: {result[1]}")
        return None
    peer_profile, peer_seconds = result
    ratio = peer_seconds / seconds
    print(f"  peer: {peer_seconds:8.2f} s   min {peer_profile.min():.9f}")
    print(f"  ours - peer: min {profile.min() - peer_profile.min():+.2e}, "
          f"largest profile difference {np.abs(profile - peer_profile).max():.2e} "
          f"({leximin_order(profile, peer_profile)}); speed-up {ratio:.1f}x")
    if profile.min() < peer_profile.min() - 1e-6:
        print("  WARNING: our minimum is lower than the peer's")
    return ratio


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="only n=100/k=20 and n=300/k=30 (peer included)")
    parser.add_argument("--max-peer-seconds", type=float, default=600,
                        help="stop the peer after this long (default 600)")
    parser.add_argument("--no-peer", action="store_true")
    parser.add_argument("--no-large", action="store_true",
                        help="skip the ours-only instances n=1000 and n=2000")
    parser.add_argument("--pool-dir", type=Path, action="append", default=[],
                        help="a replication-data folder NAME_K (repeatable)")
    parser.add_argument("--panel-size", type=int, help="panel size for --pool-dir")
    parser.add_argument("--seed", type=int, default=1, help="instance generator seed")
    args = parser.parse_args()

    ratios = []
    if args.pool_dir:
        for folder in args.pool_dir:
            people, quotas, k = read_pool_dir(folder, args.panel_size)
            ratio = report(folder.name, people, quotas, k, not args.no_peer,
                           args.max_peer_seconds)
            ratios += [ratio] if ratio else []
    else:
        instances = PEER_INSTANCES[:2] if args.quick else PEER_INSTANCES
        for n, k, features in instances:
            people, quotas = generate_instance(n, k, features, seed=args.seed)
            ratio = report(f"generated {n}/{k}", people, quotas, k, not args.no_peer,
                           args.max_peer_seconds)
            ratios += [ratio] if ratio else []
        if not args.quick and not args.no_large:
            for n, k, features in OURS_ONLY:
                people, quotas = generate_instance(n, k, features, seed=args.seed)
                report(f"generated {n}/{k} (ours alone)", people, quotas, k, False, 0)
    if ratios:
        print(f"\nspeed-up peer/ours: {', '.join(f'{r:.1f}x' for r in ratios)}")


if __name__ == "__main__":
    main()
