#!/usr/bin/env python3
"""Serve the Mitmachkarte and the Termintipps with 50,000 initiatives and 20,000 events.

Generates its data in a throw-away database: initiatives and events spread over Germany's
bounding box (5.87–15.04 E, 47.27–55.06 N), most of them clustered around 44 large cities
(coordinates below; names and population 2021 from the bundled municipality directory, so the
big cities get more), the rest uniformly in the box. Each point belongs to the nearest city's
space. The data is written with bulk_create straight through the models (seeded, a few seconds)
rather than through the services, which validate one entry at a time.

Then it times, through the full Django stack with the test client (middleware, sessions,
templates, DRF), as bench/plan_pages.py does:

- the map GeoJSON of the largest city (participation:initiatives_geojson),
- the API's GeoJSON for a city-sized bbox around it and for all of Germany (api:initiative-list;
  one request with `limit` set to the number of initiatives, and if the API caps `limit`, the
  following pages too, timed together),
- the iCal feed of the city's events for a year (participation:events_feed with von/bis),
- the city's Mitmachkarte page (participation:map),

each next to a static file of the same size served by the same stack (WhiteNoise) in the same
run, and prints the ratios. The static files are written before the timed client starts, so
WhiteNoise indexes them once at start-up as in production (bench/plan_pages.py lets WhiteNoise
look files up on every request, which makes the static side slower and the ratio flatter).

    .venv/bin/python bench/participation.py [--initiatives 50000] [--events 20000] [--repeat 5]
    .venv/bin/python bench/participation.py --quick          # 2,000 / 1,000, three repeats
    .venv/bin/python bench/participation.py --database-url postgres://user@host/name
    .venv/bin/python bench/participation.py --browser        # and the map in Chromium

With --browser, all initiatives are then moved into the largest city's space and its
Mitmachkarte is opened in Debian's Chromium (/usr/bin/chromium) through a live server: it prints
how long the page takes until every marker is clustered on the map, and the longest task that
blocked the browser's main thread while loading and while zooming in and out, the measure of
whether the map stays responsive.

With --database-url (PostgreSQL), Django's test database `test_<name>` is created next to the
named one and dropped afterwards; the named database itself is never written to.
"""

import argparse
import csv
import datetime
import json
import math
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

GERMANY = (5.87, 47.27, 15.04, 55.06)  # west, south, east, north
CITY_BOX = (0.25, 0.15)  # half width and height in degrees around the city: about 35 × 33 km

# AGS, latitude, longitude of large cities (and the two demo places); name and population come
# from gemeinsam/core/data.
CITIES = [
    ("11000000", 52.520, 13.405), ("02000000", 53.551, 9.994), ("09162000", 48.137, 11.575),
    ("05315000", 50.938, 6.960), ("06412000", 50.110, 8.682), ("08111000", 48.776, 9.183),
    ("05111000", 51.227, 6.774), ("14713000", 51.340, 12.375), ("05913000", 51.514, 7.466),
    ("05113000", 51.456, 7.012), ("04011000", 53.079, 8.802), ("14612000", 51.050, 13.738),
    ("03241001", 52.375, 9.732), ("09564000", 49.452, 11.077), ("05112000", 51.434, 6.762),
    ("05911000", 51.481, 7.216), ("05124000", 51.256, 7.151), ("05711000", 52.030, 8.532),
    ("05314000", 50.737, 7.098), ("05515000", 51.960, 7.626), ("08222000", 49.487, 8.466),
    ("08212000", 49.007, 8.404), ("09761000", 48.371, 10.898), ("06414000", 50.078, 8.240),
    ("05116000", 51.185, 6.442), ("05513000", 51.518, 7.086), ("05334002", 50.776, 6.084),
    ("03101000", 52.269, 10.521), ("01002000", 54.323, 10.123), ("14511000", 50.828, 12.921),
    ("15002000", 51.483, 11.970), ("15003000", 52.121, 11.628), ("08311000", 47.999, 7.842),
    ("05114000", 51.339, 6.586), ("07315000", 49.993, 8.247), ("01003000", 53.866, 10.687),
    ("16051000", 50.978, 11.029), ("13003000", 54.092, 12.099), ("06611000", 51.312, 9.480),
    ("10041100", 49.240, 6.997), ("12054000", 52.391, 13.064), ("09362000", 49.013, 12.102),
    ("06433012", 49.990, 8.410), ("08335043", 47.660, 9.175),
]
CLUSTERED = 0.7  # share of the points around cities; the rest is uniform in the box

DESCRIPTION = ("Wir treffen uns regelmäßig, um gemeinsam etwas für das **Klima** in unserer "
               "Nachbarschaft zu tun. Alle sind willkommen, Vorkenntnisse braucht niemand. "
               "Werkzeug und Material stellen wir.")
RULES = ["FREQ=WEEKLY", "FREQ=MONTHLY", "FREQ=WEEKLY;INTERVAL=2", "FREQ=WEEKLY;COUNT=6"]


def _directory():
    data = ROOT / "gemeinsam" / "core" / "data"
    names, population = {}, {}
    with open(data / "ags_master.csv", encoding="utf-8-sig") as file:
        for row in csv.DictReader(file):
            names[row["ags"]] = row["description"]
    with open(data / "population_2021.csv", encoding="utf-8-sig") as file:
        for row in csv.DictReader(file):
            population[row["ags"]] = int(row["total"])
    return [(ags, names[ags], population.get(ags, 100_000), lat, lon)
            for ags, lat, lon in CITIES]


class Places:
    """Seeded random points: around a city picked by population (spread growing with its
    size), or uniform in Germany's bounding box; each with the index of the nearest city."""

    def __init__(self, cities, rng):
        self.cities, self.rng = cities, rng
        self.weights = [population for _ags, _name, population, _lat, _lon in cities]

    def nearest(self, lat, lon):
        scale = math.cos(math.radians(lat)) ** 2
        return min(range(len(self.cities)), key=lambda i: (self.cities[i][3] - lat) ** 2
                   + scale * (self.cities[i][4] - lon) ** 2)

    def point(self):
        rng = self.rng
        west, south, east, north = GERMANY
        if rng.random() < CLUSTERED:
            index = rng.choices(range(len(self.cities)), self.weights)[0]
            _ags, _name, population, lat, lon = self.cities[index]
            sigma_km = 3 + 8 * math.sqrt(population / 3_600_000)
            lat = min(max(rng.gauss(lat, sigma_km / 111), south), north)
            lon = min(max(rng.gauss(lon, sigma_km / (111 * math.cos(math.radians(lat)))), west),
                      east)
            return round(lat, 6), round(lon, 6), self.nearest(lat, lon)
        lat, lon = rng.uniform(south, north), rng.uniform(west, east)
        return round(lat, 6), round(lon, 6), self.nearest(lat, lon)


def generate(args):
    """Municipalities, categories, initiatives with categories, events; returns the largest
    city's municipality."""
    from django.utils import timezone
    from django.utils.text import slugify

    from gemeinsam.core.models import DirectoryEntry, Municipality
    from gemeinsam.participation import services
    from gemeinsam.participation.models import EntryStatus, Event, Initiative

    rng = random.Random(args.seed)
    cities = _directory()
    municipalities = []
    for ags, name, population, _lat, _lon in cities:
        short = name.split(",")[0]
        entry = DirectoryEntry.objects.create(ags=ags, official_name=name, kind="municipality",
                                              population=population)
        municipalities.append(Municipality.objects.create(
            directory_entry=entry, name=short, slug=slugify(short.replace("ü", "ue")
                                                            .replace("ö", "oe")
                                                            .replace("ä", "ae"))))
    categories = [list(services.categories_ensure(municipality=municipality))
                  for municipality in municipalities]

    places = Places(cities, rng)
    now = timezone.now()
    streets = ["Hauptstraße", "Bahnhofstraße", "Schulstraße", "Gartenweg", "Lindenallee",
               "Marktplatz", "Kirchgasse", "Am Park"]
    initiatives, initiative_categories = [], []
    for number in range(args.initiatives):
        lat, lon, city = places.point()
        initiatives.append(Initiative(
            municipality=municipalities[city], name=f"Initiative {number:05d}",
            description=DESCRIPTION, address=f"{rng.choice(streets)} {rng.randint(1, 120)}",
            latitude=lat, longitude=lon, website=f"https://i{number}.example.org",
            opening_hours="Samstags 10–13 Uhr", how_to_join="Einfach vorbeikommen.",
            languages="Deutsch, English", contact_name="Kontakt",
            contact_email=f"i{number}@example.org",
            status=EntryStatus.PUBLISHED if rng.random() < 0.95 else EntryStatus.PROPOSED,
            published_at=now))
        initiative_categories.append(rng.sample(categories[city], rng.choice((1, 1, 2, 3))))
    Initiative.objects.bulk_create(initiatives, batch_size=2000)
    Through = Initiative.categories.through
    Through.objects.bulk_create(
        [Through(initiative_id=initiative.pk, category_id=category.pk)
         for initiative, chosen in zip(initiatives, initiative_categories, strict=True)
         for category in chosen], batch_size=5000)

    by_city = {}
    for initiative in initiatives:
        by_city.setdefault(initiative.municipality_id, []).append(initiative)
    zone = timezone.get_current_timezone()
    start = timezone.localtime(now, zone).replace(minute=0, second=0, microsecond=0)
    events, event_categories = [], []
    for number in range(args.events):
        lat, lon, city = places.point()
        municipality = municipalities[city]
        starts = start + datetime.timedelta(days=rng.randint(-30, 365), hours=rng.randint(0, 12))
        kind = rng.random()
        online = kind < 0.1
        host = (rng.choice(by_city[municipality.pk])
                if municipality.pk in by_city and rng.random() < 0.5 else None)
        events.append(Event(
            municipality=municipality, title=f"Veranstaltung {number:05d}",
            description=DESCRIPTION, starts_at=starts,
            ends_at=None if 0.1 <= kind < 0.15 else starts + datetime.timedelta(hours=2),
            all_day=0.1 <= kind < 0.15,
            recurrence=rng.choice(RULES) if 0.15 <= kind < 0.25 else "",
            online_url=f"https://meet.example.org/{number}" if online else "",
            latitude=None if online else lat, longitude=None if online else lon,
            address="" if online else f"{rng.choice(streets)} {rng.randint(1, 120)}",
            organiser_initiative=host, organiser_name="" if host else "Nachbarschaftsverein",
            cost=rng.choice(("kostenlos", "5 €", "Spende erbeten", "")),
            status=EntryStatus.PUBLISHED if rng.random() < 0.95 else EntryStatus.PROPOSED,
            published_at=now, uid=uuid.UUID(int=rng.getrandbits(128))))
        event_categories.append(rng.sample(categories[city], rng.choice((1, 2))))
    Event.objects.bulk_create(events, batch_size=2000)
    Through = Event.categories.through
    Through.objects.bulk_create(
        [Through(event_id=event.pk, category_id=category.pk)
         for event, chosen in zip(events, event_categories, strict=True)
         for category in chosen], batch_size=5000)
    return municipalities[0]


def measure_plan(city, total_initiatives):
    """(label, path) of what to time, or (label, None, why) where the URL is not there yet."""
    from django.urls import NoReverseMatch, reverse
    from django.utils import timezone

    lat, lon = CITIES[0][1], CITIES[0][2]
    box = ",".join(f"{value:.3f}" for value in (lon - CITY_BOX[0], lat - CITY_BOX[1],
                                                lon + CITY_BOX[0], lat + CITY_BOX[1]))
    today = timezone.localdate()
    year = f"von={today.isoformat()}&bis={(today + datetime.timedelta(days=365)).isoformat()}"
    wanted = [
        (f"map GeoJSON {city.slug}", "participation:initiatives_geojson", {"slug": city.slug},
         ""),
        (f"API bbox {city.slug}", "api:initiative-list", {},
         f"?bbox={box}&limit={total_initiatives}"),
        ("API all Germany", "api:initiative-list", {}, f"?limit={total_initiatives}"),
        (f"iCal year {city.slug}", "participation:events_feed", {"slug": city.slug},
         f"?{year}"),
        (f"map page {city.slug}", "participation:map", {"slug": city.slug}, ""),
    ]
    plan = []
    for label, name, kwargs, query in wanted:
        try:
            plan.append((label, reverse(name, kwargs=kwargs) + query))
        except NoReverseMatch:
            plan.append((label, None, f"{name} does not resolve yet"))
    return plan


def _body(response):
    return b"".join(response) if response.streaming else response.content


def _next_page(response, body):
    """The next page's path of a paginated API answer (JSON "next" or a Link header)."""
    from urllib.parse import urlsplit

    url = None
    if response.get("Content-Type", "").startswith(("application/json",
                                                    "application/geo+json")):
        try:
            url = json.loads(body).get("next")
        except (ValueError, AttributeError):
            url = None
    if not url and 'rel="next"' in response.get("Link", ""):
        url = response["Link"].split(">")[0].lstrip("<")
    if not url:
        return None
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _items(body):
    if body.lstrip().startswith(b"{"):
        try:
            return len(json.loads(body).get("features", []))
        except ValueError:
            return None
    if body.startswith(b"BEGIN:VCALENDAR"):
        return body.count(b"BEGIN:VEVENT")
    return None


def fetch(client, path):
    """Every page of `path`: [(path, bytes, items, status)]."""
    pages = []
    while path and len(pages) < 1000:
        response = client.get(path)
        body = _body(response)
        pages.append((path, len(body), _items(body), response.status_code))
        if response.status_code != 200:
            break
        path = _next_page(response, body)
    return pages


def timed(client, paths, repeat):
    """Median seconds to fetch all of `paths` one after the other."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        for path in paths:
            response = client.get(path)
            _body(response)
            assert response.status_code == 200, (path, response.status_code)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--initiatives", type=int, default=50_000)
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--quick", action="store_true",
                        help="2,000 initiatives, 1,000 events, three repeats")
    parser.add_argument("--browser", action="store_true",
                        help="also open the map with every initiative in Chromium")
    parser.add_argument("--database-url",
                        help="PostgreSQL server to create a throw-away test database on "
                             "(default: a temporary SQLite file)")
    args = parser.parse_args()
    if args.quick:
        args.initiatives, args.events, args.repeat = 2000, 1000, 3

    workdir = Path(tempfile.mkdtemp(prefix="gemeinsam-bench-"))
    static_root = workdir / "static"
    static_root.mkdir()
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["STATIC_ROOT"] = str(static_root)
    os.environ["DJANGO_SETTINGS_MODULE"] = "gemeinsam.settings.test"

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    setup_test_environment()
    postgres = connection.vendor == "postgresql"
    if postgres:
        old_name = connection.settings_dict["NAME"]
        connection.creation.create_test_db(verbosity=0, autoclobber=True)
    else:
        call_command("migrate", verbosity=0)
    try:
        started = time.perf_counter()
        city = generate(args)
        print(f"{args.initiatives} initiatives, {args.events} events in {len(CITIES)} spaces "
              f"({connection.vendor}), generated in {time.perf_counter() - started:.1f} s")
        measured = run(args, city, static_root, Client, CaptureQueriesContext, connection)
        if args.browser:
            browse_map(city)
    finally:
        if postgres:
            connection.creation.destroy_test_db(old_name, verbosity=0)
        connection.close()
        shutil.rmtree(workdir, ignore_errors=True)
    if not measured:
        sys.exit("not everything could be measured")


def run(args, city, static_root, Client, CaptureQueriesContext, connection):
    from gemeinsam.participation.models import Initiative

    plan = measure_plan(city, args.initiatives)
    print(f"city: {city.name}, {Initiative.objects.filter(municipality=city).count()} "
          f"initiatives; bbox ±{CITY_BOX[0]}° lon, ±{CITY_BOX[1]}° lat around it")

    # First pass (also the warm-up): sizes, items and queries of each answer, page by page.
    warm = Client()
    found = []
    for label, path, *why in plan:
        if path is None:
            found.append((label, None, why[0]))
            continue
        with CaptureQueriesContext(connection) as queries:
            pages = fetch(warm, path)
        if any(status != 200 for *_rest, status in pages):
            found.append((label, None, f"HTTP {pages[-1][3]} for {pages[-1][0]}"))
            continue
        found.append((label, pages, len(queries.captured_queries)))
        for page_path, size, _items, _status in pages:
            suffix = Path(page_path.split("?")[0]).suffix or ".html"
            (static_root / f"same-size-{size}{suffix}").write_bytes(b"x" * size)

    # Timed pass: a new client, so WhiteNoise indexes the static files above at start-up.
    client = Client()
    print(f"{'what':<30} {'pages':>5} {'items':>7} {'KB':>8} {'queries':>7} "
          f"{'median ms':>10} {'static ms':>10} {'ratio':>7}")
    for label, pages, detail in found:
        if pages is None:
            print(f"{label:<30} not measured: {detail}")
            continue
        paths = [page_path for page_path, *_rest in pages]
        statics = [f"/static/same-size-{size}{Path(page_path.split('?')[0]).suffix or '.html'}"
                   for page_path, size, *_rest in pages]
        seconds = timed(client, paths, args.repeat)
        static_seconds = timed(client, statics, max(args.repeat, 10))
        size = sum(page[1] for page in pages)
        items = [page[2] for page in pages if page[2] is not None]
        print(f"{label:<30} {len(pages):>5} {sum(items) if items else '':>7} "
              f"{size / 1024:>8.0f} {detail:>7} {seconds * 1000:>10.1f} "
              f"{static_seconds * 1000:>10.2f} {seconds / static_seconds:>7.0f}")
    return all(pages is not None for _label, pages, _detail in found)


# Collects the main thread's long tasks (over 50 ms) from the first moment of the page.
LONG_TASKS = """
window.__longTasks = [];
new PerformanceObserver(list => list.getEntries().forEach(
    entry => window.__longTasks.push(entry.duration))).observe({entryTypes: ["longtask"]});
"""


def browse_map(city):
    """Every initiative on one map, in Chromium: time to clustered markers, longest blocking
    task while loading and while zooming."""
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.db import connection
    from django.test.testcases import LiveServerThread
    from django.urls import reverse
    from playwright.sync_api import sync_playwright

    from gemeinsam.participation.models import EntryStatus, Initiative

    Initiative.objects.update(municipality=city, status=EntryStatus.PUBLISHED)
    total = Initiative.objects.filter(municipality=city, latitude__isnull=False).count()
    connection.close()  # the server thread opens its own
    server = LiveServerThread("127.0.0.1", StaticFilesHandler, port=0)
    server.daemon = True
    server.start()
    server.is_ready.wait()
    url = f"http://127.0.0.1:{server.port}{reverse('participation:map', args=[city.slug])}"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                                 args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.add_init_script(LONG_TASKS)
            started = time.perf_counter()
            page.goto(url, timeout=300_000)
            page.wait_for_selector(".participation-map[data-count]", state="attached",
                                   timeout=300_000)
            loaded = time.perf_counter() - started
            count = int(page.locator(".participation-map").first.get_attribute("data-count"))
            load_tasks = page.evaluate("window.__longTasks.splice(0)")
            box = page.locator(".participation-map").first.bounding_box()
            page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
            for delta in (-300, -300, -300, 300, 300, 300):
                page.mouse.wheel(0, delta)
                page.wait_for_timeout(700)
            zoom_tasks = page.evaluate("window.__longTasks.splice(0)")
            browser.close()
    finally:
        server.terminate()
    print(f"\nmap in Chromium: {count} of {total} initiatives with a place clustered, "
          f"{loaded:.1f} s until the markers stand")
    print(f"longest main-thread task while loading: {max(load_tasks, default=0):.0f} ms "
          f"({len(load_tasks)} over 50 ms); while zooming six steps: "
          f"{max(zoom_tasks, default=0):.0f} ms ({len(zoom_tasks)} over 50 ms)")


if __name__ == "__main__":
    main()
