"""Every read of the Mitmachkarte, the Termintipps and pages. Public readers get published
entries only, and never an e-mail address, a contact person or the proposer."""

import datetime
from dataclasses import dataclass

import recurring_ical_events
from django.db.models import Prefetch, Q
from django.http import Http404
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as IcsEvent
from icalendar import vRecur

from .models import Category, EmbedSettings, EntryStatus, Event, Initiative, Page

# The fields a public list, map or export may show; everything else stays internal.
PUBLIC_INITIATIVE_FIELDS = ["id", "name", "description", "address", "latitude", "longitude",
                            "website", "social_links", "opening_hours", "how_to_join",
                            "languages", "accessibility", "image", "image_alt", "updated_at"]


@dataclass(frozen=True)
class BoundingBox:
    """west, south, east, north in degrees (WGS 84), as in GeoJSON and Karte von morgen."""

    west: float
    south: float
    east: float
    north: float

    @classmethod
    def parse(cls, text):
        """From "west,south,east,north"; a ValueError says what is wrong."""
        parts = [float(part) for part in text.split(",")]
        if len(parts) != 4:
            raise ValueError("bbox needs four numbers: west,south,east,north")
        box = cls(*parts)
        if not (-180 <= box.west <= 180 and -180 <= box.east <= 180
                and -90 <= box.south <= box.north <= 90):
            raise ValueError("bbox is outside the world or south is above north")
        return box

    def q(self, prefix=""):
        lat, lon = f"{prefix}latitude", f"{prefix}longitude"
        inside = Q(**{f"{lat}__gte": self.south, f"{lat}__lte": self.north})
        if self.west <= self.east:
            return inside & Q(**{f"{lon}__gte": self.west, f"{lon}__lte": self.east})
        # Across the antimeridian.
        return inside & (Q(**{f"{lon}__gte": self.west}) | Q(**{f"{lon}__lte": self.east}))


def categories_of(*, municipality):
    return Category.objects.filter(municipality=municipality)


def _categories():
    return Prefetch("categories", Category.objects.order_by("order", "name"))


def initiatives_published(*, municipality=None, categories=(), q="", bbox=None):
    """Published initiatives, filtered; `municipality=None` means all of them (the API)."""
    initiatives = Initiative.objects.filter(status=EntryStatus.PUBLISHED)
    if municipality is not None:
        initiatives = initiatives.filter(municipality=municipality)
    if categories:
        initiatives = initiatives.filter(categories__slug__in=list(categories)).distinct()
    if q:
        initiatives = initiatives.filter(Q(name__icontains=q) | Q(description__icontains=q)
                                         | Q(address__icontains=q))
    if bbox is not None:
        initiatives = initiatives.filter(bbox.q())
    return initiatives.prefetch_related(_categories()).order_by("name", "pk")


def initiative_get(*, municipality, pk, public):
    initiatives = Initiative.objects.filter(municipality=municipality)
    if public:
        initiatives = initiatives.filter(status=EntryStatus.PUBLISHED)
    try:
        return initiatives.prefetch_related(_categories()).get(pk=pk)
    except Initiative.DoesNotExist:
        raise Http404 from None


def moderation_queue(*, municipality):
    """What waits for the team or the administration: new proposals and changes."""
    waiting = Q(status=EntryStatus.PROPOSED) | Q(pending_changes__isnull=False)
    return {
        "initiatives": list(Initiative.objects.filter(waiting, municipality=municipality)
                            .prefetch_related("categories").order_by("created_at")),
        "events": list(Event.objects.filter(waiting, municipality=municipality)
                       .prefetch_related("categories").order_by("created_at")),
    }


def events_published(*, municipality=None, categories=(), organiser=None, q="", start=None,
                     end=None, bbox=None):
    """Published events that may happen between `start` and `end` (recurring ones whose series
    started before `end`); `occurrences` then says when exactly."""
    events = Event.objects.filter(status=EntryStatus.PUBLISHED)
    if municipality is not None:
        events = events.filter(municipality=municipality)
    if categories:
        events = events.filter(categories__slug__in=list(categories)).distinct()
    if isinstance(organiser, Initiative):
        events = events.filter(organiser_initiative=organiser)
    elif organiser is not None:
        # An initiative's number, or "organisation-<number>" for an organisation of the alliance.
        kind, _sep, pk = str(organiser).rpartition("-")
        events = (events.filter(organiser_actor=pk, organiser_actor__shown_as_ally=True)
                  if kind == "organisation" else events.filter(organiser_initiative=pk))
    if q:
        events = events.filter(Q(title__icontains=q) | Q(description__icontains=q))
    if end is not None:
        events = events.filter(starts_at__lt=end)
    if start is not None:
        events = events.filter(~Q(recurrence="") | Q(ends_at__gte=start)
                               | Q(ends_at__isnull=True, starts_at__gte=start))
    if bbox is not None:
        events = events.filter(bbox.q())
    return (events.select_related("organiser_initiative", "organiser_actor")
            .prefetch_related(_categories()).order_by("starts_at", "pk"))


def event_get(*, municipality, pk, public):
    events = Event.objects.filter(municipality=municipality)
    if public:
        events = events.filter(status=EntryStatus.PUBLISHED)
    try:
        return events.select_related("organiser_initiative", "organiser_actor").prefetch_related(
            _categories()).get(pk=pk)
    except Event.DoesNotExist:
        raise Http404 from None


@dataclass(frozen=True)
class Occurrence:
    event: Event
    starts_at: datetime.datetime
    ends_at: datetime.datetime | None


def occurrences(events, *, start, end):
    """Each time one of `events` takes place between `start` and `end`, in order. Recurrences
    (RFC 5545, in Europe/Berlin, so 18:00 stays 18:00 across daylight saving) are expanded by
    `recurring-ical-events`."""
    found, recurring = [], {}
    for event in events:
        if not event.recurrence:
            ends = event.ends_at or event.starts_at
            if event.starts_at < end and ends >= start:
                found.append(Occurrence(event, event.starts_at, event.ends_at))
        else:
            recurring[str(event.pk)] = event
    if recurring:
        calendar = Calendar()
        zone = timezone.get_current_timezone()
        for key, event in recurring.items():
            component = IcsEvent()
            component.add("uid", key)
            component.add("dtstart", timezone.localtime(event.starts_at, zone))
            if event.ends_at:
                component.add("dtend", timezone.localtime(event.ends_at, zone))
            component.add("rrule", vRecur.from_ical(event.recurrence))
            calendar.add_component(component)
        for component in recurring_ical_events.of(calendar).between(start, end):
            event = recurring[str(component["UID"])]
            starts = component.decoded("DTSTART")
            ends = component.decoded("DTEND") if "DTEND" in component else None
            found.append(Occurrence(event, starts, ends if event.ends_at else None))
    return sorted(found, key=lambda occurrence: (occurrence.starts_at, occurrence.event.pk))


def pages_published(*, municipality):
    return Page.objects.filter(municipality=municipality, published=True)


def page_get(*, municipality, slug, public):
    pages = Page.objects.filter(municipality=municipality)
    if public:
        pages = pages.filter(published=True)
    try:
        return pages.get(slug=slug)
    except Page.DoesNotExist:
        raise Http404 from None


def embed_origins(*, municipality):
    """The origins that may frame the municipality's embeds (CSP frame-ancestors)."""
    embed = EmbedSettings.objects.filter(municipality=municipality).first()
    return embed.origins if embed else []
