"""Reads of the pages' management and of the embeddable widgets. Widgets are public: they
show published entries only, whoever looks, and no personal data."""

import datetime

from django.conf import settings
from django.db.models import Avg, Count
from django.utils import timezone

from gemeinsam.actors.models import ActorKind
from gemeinsam.monitoring import selectors as monitoring_selectors

from . import selectors
from .models import EntryStatus, Initiative, Page

# The list beside the embedded map stays readable; the full Mitmachkarte has the rest.
MAP_LIST_LIMIT = 300


def pages_all(*, municipality):
    """Every page of the municipality, published or not (for the team and the
    administration)."""
    return Page.objects.filter(municipality=municipality)


def public_organiser(event):
    """Who organises `event`, as far as it may be shown: an initiative only when it is
    published, an entry of the alliance only when it is an organisation that agreed to be
    shown, never a person."""
    initiative = event.organiser_initiative
    if initiative is not None and initiative.status == EntryStatus.PUBLISHED:
        return initiative.name
    actor = event.organiser_actor
    if actor is not None and actor.kind == ActorKind.ORGANISATION and actor.shown_as_ally:
        return actor.name
    return event.organiser_name


def upcoming_events(*, municipality, categories=(), organiser=None, days=30, limit=5,
                    now=None):
    """The next `limit` dates of published events within `days`, recurring ones expanded."""
    start = now or timezone.now()
    end = start + datetime.timedelta(days=days)
    events = selectors.events_published(municipality=municipality, categories=categories,
                                        organiser=organiser, start=start, end=end)
    found = selectors.occurrences(events, start=start, end=end)[:limit]
    for occurrence in found:
        occurrence.event.public_organiser = public_organiser(occurrence.event)
    return found


def map_list(*, municipality, categories=()):
    """The initiatives the embedded map shows, as a list for those who do not use the map;
    `more` says that the list was cut."""
    initiatives = list(selectors.initiatives_published(
        municipality=municipality, categories=categories).only(
            "id", "name", "address", "municipality_id")[:MAP_LIST_LIMIT + 1])
    return {"initiatives": initiatives[:MAP_LIST_LIMIT],
            "more": len(initiatives) > MAP_LIST_LIMIT}


def map_center(*, municipality):
    """(latitude, longitude, zoom) where the embedded map starts when the snippet does not
    say: the middle of the municipality's initiatives, else the middle of Germany."""
    found = Initiative.objects.filter(
        municipality=municipality, status=EntryStatus.PUBLISHED, latitude__isnull=False,
        longitude__isnull=False).aggregate(lat=Avg("latitude"), lon=Avg("longitude"),
                                           count=Count("id"))
    if not found["count"]:
        lat, lon = settings.MAP_DEFAULT_CENTER
        return lat, lon, 6
    return round(found["lat"], 5), round(found["lon"], 5), 12


def initiative_choices(*, municipality):
    """Published initiatives by name, for choosing an organiser."""
    return (Initiative.objects.filter(municipality=municipality, status=EntryStatus.PUBLISHED)
            .only("id", "name").order_by("name", "pk"))


def plan_summary(*, municipality):
    """The public dashboard's progress and counts by status, or None without a plan."""
    plan = monitoring_selectors.plan_get(municipality=municipality)
    if plan is None:
        return None
    dashboard = monitoring_selectors.dashboard(plan=plan, public=True)
    return {"plan": plan, "progress": dashboard["progress"],
            "measure_count": dashboard["measure_count"],
            "distribution": [row for row in dashboard["distribution"] if row[2]]}
