#!/usr/bin/env python3
"""Render the actor list, the pipeline board and the power/interest grid for 5,000 actors.

Generates its own data in a throw-away SQLite database, then times each page through the full
Django stack (middleware, sessions, templates) next to a static file served by the same stack
(WhiteNoise), and prints the ratio. It also prints the query count at 50 and at 5,000 actors,
which must be equal.

    .venv/bin/python bench/actor_pages.py [--actors 5000] [--repeat 5]
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--actors", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="gemeinsam-bench-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["STATIC_ROOT"] = str(workdir / "static")
    os.environ["DJANGO_SETTINGS_MODULE"] = "gemeinsam.settings.test"

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)

    from gemeinsam.accounts.models import User
    from gemeinsam.actors import services
    from gemeinsam.actors.models import Actor, ActorKind, Stage
    from gemeinsam.core.models import DirectoryEntry, Membership, Municipality, Role

    entry = DirectoryEntry.objects.create(ags="06433012", official_name="Rüsselsheim am Main, Stadt",
                                          kind="municipality", population=66000)
    municipality = Municipality.objects.create(directory_entry=entry, name="Rüsselsheim am Main",
                                               slug="ruesselsheim-am-main")
    user = User.objects.create_user(email="bench@example.org", password="x",
                                    display_name="Bench")
    Membership.objects.create(user=user, municipality=municipality, role=Role.MEMBER)
    services.sectors_ensure_defaults(municipality=municipality)
    sectors = list(municipality.sectors.all())
    stages = Stage.values

    def add_actors(count, offset):
        Actor.objects.bulk_create(
            Actor(municipality=municipality, name=f"Akteur {offset + i:05d}",
                  kind=ActorKind.ORGANISATION if i % 3 else ActorKind.PERSON,
                  legal_basis="legitimate_interest", sector=sectors[i % len(sectors)],
                  power=1 + i % 5, interest=1 + (i // 5) % 5, attitude=i % 5 - 2,
                  stage=stages[i % len(stages)], owner=user, next_step="Anrufen")
            for i in range(count)
        )

    client = Client()
    client.force_login(user)
    pages = {"list": "/ruesselsheim-am-main/akteure/",
             "board": "/ruesselsheim-am-main/akteure/pipeline/",
             "grid": "/ruesselsheim-am-main/akteure/matrix/"}

    def queries(path):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200
        return len(captured.captured_queries)

    add_actors(50, 0)
    few = {name: queries(path) for name, path in pages.items()}
    add_actors(args.actors - 50, 50)
    many = {name: queries(path) for name, path in pages.items()}

    def timed(path, repeat):
        samples = []
        for _ in range(repeat):
            start = time.perf_counter()
            response = client.get(path)
            b"".join(response) if response.streaming else response.content
            samples.append(time.perf_counter() - start)
        return statistics.median(samples)

    static = timed("/static/css/gemeinsam.css", 50)
    print(f"{args.actors} actors; static file (WhiteNoise, same stack): {static * 1000:.2f} ms")
    print(f"{'page':<6} {'median ms':>10} {'ratio to static':>16} {'queries@50':>11} "
          f"{'queries@' + str(args.actors):>14}")
    for name, path in pages.items():
        seconds = timed(path, args.repeat)
        print(f"{name:<6} {seconds * 1000:>10.1f} {seconds / static:>16.0f} {few[name]:>11} "
              f"{many[name]:>14}")
    if few != many:
        sys.exit("query counts grew with the number of actors")


if __name__ == "__main__":
    main()
