#!/usr/bin/env python3
"""Serve an action plan of 2,000 measures with 20,000 progress reports.

Generates its data in a throw-away SQLite database, then times the public dashboard, the
measure list, the JSON API's measure list and the CSV export through the full Django stack,
each next to a static file of the same size served by the same stack (WhiteNoise) in the same
run, and prints the ratios.

    .venv/bin/python bench/plan_pages.py [--measures 2000] [--reports 20000] [--repeat 3]
"""

import argparse
import datetime
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--measures", type=int, default=2000)
    parser.add_argument("--reports", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="gemeinsam-bench-"))
    static_root = workdir / "static"
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["STATIC_ROOT"] = str(static_root)
    os.environ["DJANGO_SETTINGS_MODULE"] = "gemeinsam.settings.test"

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    settings.WHITENOISE_AUTOREFRESH = True  # so that the files written below are served
    setup_test_environment()
    call_command("migrate", verbosity=0)

    from gemeinsam.core.models import DirectoryEntry, Municipality
    from gemeinsam.monitoring import services
    from gemeinsam.monitoring.models import Measure, ProgressReport, Status

    entry = DirectoryEntry.objects.create(ags="06433012", official_name="Rüsselsheim am Main",
                                          kind="municipality", population=66000)
    municipality = Municipality.objects.create(directory_entry=entry, name="Rüsselsheim am Main",
                                               slug="ruesselsheim-am-main")
    plan = services.plan_create(municipality=municipality, title="Klimaschutzkonzept",
                                target_year=2035)
    fields = list(plan.fields.all())
    statuses = Status.values
    rng = random.Random(7)
    groups = Measure.objects.bulk_create(
        Measure(plan=plan, code=f"G{i:03d}", title=f"Bereich {i}", field=fields[i % len(fields)],
                published=True)
        for i in range(args.measures // 20))
    Measure.objects.bulk_create(
        Measure(plan=plan, code=f"M{i:05d}", title=f"Maßnahme {i}", parent=groups[i % len(groups)],
                field=groups[i % len(groups)].field, status=rng.choice(statuses),
                progress=rng.randint(0, 100), published=i % 10 != 0,
                planned_end=datetime.date(2020 + i % 12, 1 + i % 12, 1),
                description="Ein Absatz **Markdown** über die Maßnahme. " * 5)
        for i in range(args.measures - len(groups)))
    leaves = list(Measure.objects.filter(parent__isnull=False).values_list("pk", flat=True))
    ProgressReport.objects.bulk_create(
        ProgressReport(measure_id=leaves[i % len(leaves)], voice=("team", "administration")[i % 2],
                       reported_on=datetime.date(2022, 1, 1) + datetime.timedelta(days=i % 1500),
                       status=rng.choice(statuses), progress=rng.randint(0, 100),
                       text="Sachstand: es geht voran. " * 4)
        for i in range(args.reports))

    client = Client()
    pages = {
        "dashboard": "/ruesselsheim-am-main/plan/",
        "measure list": "/ruesselsheim-am-main/plan/massnahmen/",
        "JSON API": "/api/municipalities/ruesselsheim-am-main/plan/measures/",
        "CSV export": "/ruesselsheim-am-main/plan/export.csv",
    }

    def body(response):
        return b"".join(response) if response.streaming else response.content

    def timed(path, repeat):
        samples, size = [], 0
        for _ in range(repeat):
            start = time.perf_counter()
            response = client.get(path)
            size = len(body(response))
            samples.append(time.perf_counter() - start)
            assert response.status_code == 200, (path, response.status_code)
        return statistics.median(samples), size

    print(f"{args.measures} measures, {args.reports} progress reports")
    print(f"{'page':<13} {'size KB':>8} {'median ms':>10} {'static ms':>10} {'ratio':>7}")
    static_root.mkdir(parents=True, exist_ok=True)
    for name, path in pages.items():
        seconds, size = timed(path, args.repeat)
        static_file = static_root / f"same-size-{size}.html"
        static_file.write_bytes(b"x" * size)
        static_seconds, _size = timed(f"/static/{static_file.name}", max(args.repeat, 10))
        print(f"{name:<13} {size / 1024:>8.0f} {seconds * 1000:>10.1f} "
              f"{static_seconds * 1000:>10.2f} {seconds / static_seconds:>7.0f}")


if __name__ == "__main__":
    main()
