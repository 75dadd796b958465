"""Reads of the Termintipps beside `selectors`: the visitor's filters as a time span, the
events and dates they select (the same for the list, the month, the map and the calendar
feed), the choices of the forms, and what an event page tells search engines and calendar
programs.

Lists, map and feed read the events in one query plus one for their categories, however many
there are; recurring events are expanded in Python.
"""

import calendar as stdlib_calendar
import datetime
import json
import re
from dataclasses import dataclass, field
from itertools import groupby
from urllib.parse import urlencode

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.html import _json_script_escapes
from django.utils.safestring import mark_safe

from gemeinsam.actors.models import Actor, ActorKind

from . import selectors
from .models import EntryStatus, Event, Initiative
from .selectors_initiatives import DEFAULT_COLOR, category_name

# Without dates the list shows the next 90 days; a chosen span is at most a year long, which
# keeps the list, the map and the feed bounded.
DEFAULT_DAYS = 90
MAX_DAYS = 366
GOOGLE_CALENDAR = "https://calendar.google.com/calendar/render"
OUTLOOK_CALENDAR = "https://outlook.live.com/calendar/0/deeplink/compose"
COORDINATE_DIGITS = 6


@dataclass(frozen=True)
class EventFilter:
    """What the visitor chose: categories (slugs), the organising initiative, a search text and
    the span from `start` (inclusive) to `end` (exclusive), both aware datetimes."""

    start: datetime.datetime
    end: datetime.datetime
    categories: tuple = field(default=())
    organiser: str | None = None
    q: str = ""

    def selector_arguments(self):
        return {"categories": self.categories, "organiser": self.organiser, "q": self.q,
                "start": self.start, "end": self.end}

    @property
    def last_day(self):
        return timezone.localtime(self.end - datetime.timedelta(microseconds=1)).date()

    @property
    def first_day(self):
        return timezone.localtime(self.start).date()


def day_start(day):
    """Midnight at the beginning of `day`, local time (Europe/Berlin)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def span(first_day, last_day):
    """`first_day` to `last_day` (both inclusive) as an aware start and exclusive end."""
    return day_start(first_day), day_start(last_day + datetime.timedelta(days=1))


# What lists, map and feed read of an event: values, not model instances, because a city's
# year may hold 20,000 events and a model instance costs ten times as much.
ROW_FIELDS = ["pk", "uid", "sequence", "title", "starts_at", "ends_at", "all_day",
              "recurrence", "description", "address", "latitude", "longitude", "online_url",
              "registration_url", "cost", "accessibility", "updated_at"]
ORGANISER_FIELDS = ["organiser_name", "organiser_initiative_id", "organiser_initiative__name",
                    "organiser_initiative__status", "organiser_actor__name",
                    "organiser_actor__kind", "organiser_actor__shown_as_ally",
                    "organiser_actor__erased_at", "organiser_actor__website"]


@dataclass(slots=True)
class EventRow:
    """The public values of an event, its organiser as far as it may be shown ({"name",
    "url"} or None) and its categories as (slug, name, colour)."""

    pk: int
    uid: object
    sequence: int
    title: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime | None
    all_day: bool
    recurrence: str
    description: str
    address: str
    latitude: float | None
    longitude: float | None
    online_url: str
    registration_url: str
    cost: str
    accessibility: str
    updated_at: datetime.datetime
    organiser: dict | None = None
    categories: list = field(default_factory=list)
    first_occurrence: object = None

    @property
    def has_place(self):
        return self.latitude is not None and self.longitude is not None

    @classmethod
    def of(cls, event, *, initiative_url):
        """The row of a model instance (with its organisers and categories loaded)."""
        row = cls(*(getattr(event, name) for name in ROW_FIELDS))
        row.organiser = organiser_public(event, initiative_url=initiative_url)
        row.categories = category_labels(event)
        return row


def _organiser(values, initiative_url):
    (name, initiative_id, initiative_name, initiative_status, actor_name, actor_kind,
     actor_ally, actor_erased, actor_website) = values
    if initiative_id is not None and initiative_status == EntryStatus.PUBLISHED:
        return {"name": initiative_name, "url": initiative_url(initiative_id)}
    if actor_name is not None and actor_kind == ActorKind.ORGANISATION and actor_ally \
            and actor_erased is None:
        return {"name": actor_name, "url": actor_website or ""}
    if name:
        return {"name": name, "url": ""}
    return None


def organiser_public(event, *, initiative_url):
    """Who organises `event` as far as it may be shown: {"name", "url"} or None. An initiative
    only while it is published (with its page), an organisation only while it agrees to be
    shown as an ally (with its website), otherwise the typed name. Never a person."""
    initiative, actor = event.organiser_initiative, event.organiser_actor
    return _organiser((
        event.organiser_name, initiative.pk if initiative else None,
        initiative and initiative.name, initiative and initiative.status,
        actor and actor.name, actor and actor.kind, actor and actor.shown_as_ally,
        actor.erased_at if actor else None, actor and actor.website), initiative_url)


def category_labels(event):
    """The event's (prefetched) categories as (slug, name in the page's language, colour)."""
    return [(category.slug, category_name(category.name, category.name_en), category.color)
            for category in event.categories.all()]


def _categories_by_event(events):
    """{event id: [(slug, name, colour)]} for the queryset `events`, in one query; one tuple
    per category, however many events share it."""
    through = Event.categories.through
    found, shared = {}, {}
    for event_id, *category in (
            through.objects.filter(event_id__in=events.order_by().values("pk"))
            .order_by("category__order", "category__name")
            .values_list("event_id", "category__slug", "category__name", "category__name_en",
                         "category__color")):
        key = tuple(category)
        if key not in shared:
            slug, name, name_en, color = key
            shared[key] = (slug, category_name(name, name_en), color)
        found.setdefault(event_id, []).append(shared[key])
    return found


def event_rows(events, *, initiative_url):
    """The queryset `events` (of `selectors.events_published`) as EventRows, in two
    queries. `initiative_url(pk)` is the address of an organising initiative's page."""
    events = events.prefetch_related(None).select_related(None)
    categories = _categories_by_event(events)
    rows = []
    width = len(ROW_FIELDS)
    for values in events.values_list(*ROW_FIELDS, *ORGANISER_FIELDS):
        row = EventRow(*values[:width])
        row.organiser = _organiser(values[width:], initiative_url)
        row.categories = categories.get(row.pk, [])
        rows.append(row)
    return rows


def events_matching(*, municipality, filters, initiative_url):
    """The published events that may happen in the span (see `selectors.events_published`),
    as EventRows."""
    return event_rows(selectors.events_published(municipality=municipality,
                                                 **filters.selector_arguments()),
                      initiative_url=initiative_url)


def occurrences_matching(*, municipality, filters, initiative_url):
    """Every date of the published events in the span, in order."""
    return selectors.occurrences(
        events_matching(municipality=municipality, filters=filters,
                        initiative_url=initiative_url),
        start=filters.start, end=filters.end)


def events_in_span(*, municipality, filters, initiative_url):
    """The published events with at least one date in the span, each once (with its
    `first_occurrence`), in order of those dates: for the feed and the map. A recurring event
    counts only if one of its dates falls in the span, so the feed holds exactly the events
    the list shows; a single event is in the span already by the query."""
    events = []
    recurring = {}
    for row in events_matching(municipality=municipality, filters=filters,
                               initiative_url=initiative_url):
        if row.recurrence:
            recurring[row.pk] = row
        else:
            row.first_occurrence = selectors.Occurrence(row, row.starts_at, row.ends_at)
            events.append(row)
    for occurrence in selectors.occurrences(recurring.values(), start=filters.start,
                                            end=filters.end):
        row = recurring.pop(occurrence.event.pk, None)
        if row is not None:
            row.first_occurrence = occurrence
            events.append(row)
    events.sort(key=lambda row: (row.first_occurrence.starts_at, row.pk))
    return events


def by_day(occurrences):
    """[(local date, [occurrences])] in order of the dates."""
    return [(day, list(group)) for day, group in groupby(
        occurrences, key=lambda occurrence: timezone.localtime(occurrence.starts_at).date())]


def _last_day_of(occurrence):
    ends = occurrence.ends_at
    if ends is None:
        return timezone.localtime(occurrence.starts_at).date()
    ends = timezone.localtime(ends)
    if occurrence.event.all_day:
        return ends.date()
    # An evening that ends at midnight does not take place on the next day.
    return (ends - datetime.timedelta(microseconds=1)).date()


def month_weeks(occurrences, *, year, month):
    """The month as weeks from Monday to Sunday; each day is (date, in the month, [dates of
    events that take place on it]). Events over several days appear on each of them."""
    days = {}
    for occurrence in occurrences:
        day = timezone.localtime(occurrence.starts_at).date()
        last = _last_day_of(occurrence)
        while day <= last:
            days.setdefault(day, []).append(occurrence)
            day += datetime.timedelta(days=1)
    weeks = stdlib_calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    return [[(day, day.month == month, days.get(day, []) if day.month == month else [])
             for day in week] for week in weeks]


def next_occurrences(event, *, limit=5, now=None):
    """The next dates of `event` within a year of its first one still to come (a single
    event: its date, if still to come)."""
    start = now or timezone.now()
    end = max(start, event.starts_at) + datetime.timedelta(days=366)
    return selectors.occurrences([event], start=start, end=end)[:limit]


def organisers_for_filter(*, municipality):
    """The published initiatives and the allied organisations that organise published events,
    as (filter value, name); an organisation's value is "organisation-<pk>"."""
    initiatives = Initiative.objects.filter(
        municipality=municipality, status=EntryStatus.PUBLISHED,
        events__status=EntryStatus.PUBLISHED).distinct().order_by("name").values_list(
            "pk", "name")
    organisations = allies(municipality=municipality).filter(
        pk__in=Event.objects.filter(municipality=municipality, status=EntryStatus.PUBLISHED)
        .values("organiser_actor")).values_list("pk", "name")
    return sorted([(str(pk), name) for pk, name in initiatives]
                  + [(f"organisation-{pk}", name) for pk, name in organisations],
                  key=lambda choice: choice[1].casefold())


def organiser_choices(*, municipality):
    """Who may be named as an event's organiser: the published initiatives and the
    organisations of the alliance that agreed to be shown in public. Never a person."""
    initiatives = list(Initiative.objects.filter(
        municipality=municipality, status=EntryStatus.PUBLISHED).order_by("name").only(
            "pk", "name", "municipality_id", "status"))
    organisations = list(allies(municipality=municipality).only(
        "pk", "name", "municipality_id", "kind", "shown_as_ally", "website"))
    return initiatives, organisations


def allies(*, municipality):
    return Actor.objects.filter(municipality=municipality, kind=ActorKind.ORGANISATION,
                                shown_as_ally=True, erased_at__isnull=True).order_by("name")


def attendance_mode(event):
    place = bool(event.address or event.has_place)
    if place and event.online_url:
        return "mixed"
    return "online" if event.online_url else "offline"


def geojson(events, *, event_url, date_label):
    """The EventRows with a place as a GeoJSON FeatureCollection (a dict) for the map: title,
    page, categories, colour and the first date in the span; never more."""
    features = []
    shared = {}  # one dict per category, however many events have it
    for event in events:
        if not event.has_place:
            continue
        categories = [shared.setdefault(slug, {"slug": slug, "name": name, "color": color})
                      for slug, name, color in event.categories]
        features.append({
            "type": "Feature", "id": event.pk,
            "geometry": {"type": "Point", "coordinates": [
                round(event.longitude, COORDINATE_DIGITS),
                round(event.latitude, COORDINATE_DIGITS)]},
            "properties": {"name": event.title, "url": event_url(event),
                           "categories": categories,
                           "color": categories[0]["color"] if categories else DEFAULT_COLOR,
                           "subtitle": date_label(event)},
        })
    return {"type": "FeatureCollection", "features": features}


# --- What an event page tells search engines and calendar programs ---------------------------


def _iso(value, all_day):
    local = timezone.localtime(value)
    return local.date().isoformat() if all_day else local.isoformat()


FREQUENCIES = {"DAILY": "D", "WEEKLY": "W", "MONTHLY": "M", "YEARLY": "Y"}
SCHEMA_DAYS = {"MO": "Monday", "TU": "Tuesday", "WE": "Wednesday", "TH": "Thursday",
               "FR": "Friday", "SA": "Saturday", "SU": "Sunday"}
PRICE = re.compile(r"(\d+(?:[.,]\d{1,2})?)\s*(?:€|eur|euro)", re.IGNORECASE)
FREE = re.compile(r"\b(kostenlos|kostenfrei|gratis|frei|free|umsonst)\b", re.IGNORECASE)


def _schedule(event):
    """The recurrence as a schema.org Schedule, as far as it says it (frequency, interval,
    weekdays); the dates themselves come from `startDate`."""
    parts = dict(part.split("=", 1) for part in event.recurrence.split(";") if "=" in part)
    frequency = FREQUENCIES.get(parts.get("FREQ", ""))
    if frequency is None:
        return None
    schedule = {"@type": "Schedule", "scheduleTimezone": timezone.get_default_timezone_name(),
                "repeatFrequency": f"P{parts.get('INTERVAL', '1')}{frequency}",
                "startDate": timezone.localtime(event.starts_at).date().isoformat()}
    days = [SCHEMA_DAYS[code[-2:]] for code in parts.get("BYDAY", "").split(",")
            if code[-2:] in SCHEMA_DAYS]
    if days:
        schedule["byDay"] = [f"https://schema.org/{day}" for day in days]
    # "1SA", "-1FR": the first Saturday, the last Friday of the month.
    weeks = {int(code[:-2]) for code in parts.get("BYDAY", "").split(",")
             if code[:-2].lstrip("+-").isdigit()}
    if len(weeks) == 1:
        schedule["byMonthWeek"] = weeks.pop()
    if parts.get("BYMONTHDAY", "").lstrip("-").isdigit():
        schedule["byMonthDay"] = int(parts["BYMONTHDAY"])
    if not event.all_day:
        schedule["startTime"] = timezone.localtime(event.starts_at).strftime("%H:%M")
        if event.ends_at:
            schedule["endTime"] = timezone.localtime(event.ends_at).strftime("%H:%M")
    if "COUNT" in parts:
        schedule["repeatCount"] = int(parts["COUNT"])
    return schedule


def _offer(event, url):
    offer = {"@type": "Offer", "url": event.registration_url or url, "description": event.cost}
    if FREE.search(event.cost):
        offer.update(price="0", priceCurrency="EUR")
    elif match := PRICE.search(event.cost):
        offer.update(price=match.group(1).replace(",", "."), priceCurrency="EUR")
    return offer


def json_ld(event, *, url, image_url, organiser, occurrence=None):
    """schema.org `Event` as a dict. A recurring event gives the date `occurrence` (the next
    one) as its start and end, and its rhythm as `eventSchedule`."""
    starts = occurrence.starts_at if occurrence else event.starts_at
    ends = occurrence.ends_at if occurrence else event.ends_at
    mode = attendance_mode(event)
    data = {
        "@context": "https://schema.org", "@type": "Event", "name": event.title, "url": url,
        "startDate": _iso(starts, event.all_day),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": {
            "offline": "https://schema.org/OfflineEventAttendanceMode",
            "online": "https://schema.org/OnlineEventAttendanceMode",
            "mixed": "https://schema.org/MixedEventAttendanceMode"}[mode],
    }
    if ends:
        data["endDate"] = _iso(ends, event.all_day)
    locations = []
    if mode != "online":
        place = {"@type": "Place", "name": event.address or event.title}
        if event.address:
            place["address"] = event.address
        if event.has_place:
            place["geo"] = {"@type": "GeoCoordinates", "latitude": event.latitude,
                            "longitude": event.longitude}
        locations.append(place)
    if event.online_url:
        locations.append({"@type": "VirtualLocation", "url": event.online_url})
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    if organiser:
        data["organizer"] = {"@type": "Organization", "name": organiser["name"]}
        if organiser["url"]:
            data["organizer"]["url"] = organiser["url"]
    if event.description:
        data["description"] = event.description
    if image_url:
        data["image"] = [image_url]
    if event.cost:
        data["offers"] = _offer(event, url)
    if event.recurrence and (schedule := _schedule(event)):
        data["eventSchedule"] = schedule
    return data


def json_ld_script(data):
    """`data` as the content of a <script type="application/ld+json">: escaped like Django's
    json_script, so no text in it can end the element."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return mark_safe(text.translate(_json_script_escapes))


def _utc(value):
    return value.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def _days(starts, ends):
    """First day and the day after the last one, as calendars want all-day events."""
    first = timezone.localtime(starts).date()
    last = timezone.localtime(ends).date() if ends else first
    return first, last + datetime.timedelta(days=1)


def add_to_calendar_links(event, *, url, occurrence=None):
    """Plain links that put the event into Google Calendar or Outlook.com; nothing is sent to
    them until the visitor follows a link. Google takes the whole series with its rule;
    Outlook.com takes one date, `occurrence` (the next one) if given."""
    details = "\n\n".join(filter(None, [event.description[:1500], url]))
    location = event.address or event.online_url
    if event.all_day:
        first, after = _days(event.starts_at, event.ends_at)
        dates = f"{first:%Y%m%d}/{after:%Y%m%d}"
    else:
        ends = event.ends_at or event.starts_at + datetime.timedelta(hours=1)
        dates = f"{_utc(event.starts_at)}/{_utc(ends)}"
    google = [("action", "TEMPLATE"), ("text", event.title), ("dates", dates),
              ("details", details), ("location", location),
              ("ctz", timezone.get_default_timezone_name())]
    if event.recurrence:
        google.append(("recur", f"RRULE:{event.recurrence}"))
    starts = occurrence.starts_at if occurrence else event.starts_at
    ends = occurrence.ends_at if occurrence else event.ends_at
    outlook = [("path", "/calendar/action/compose"), ("rru", "addevent"),
               ("subject", event.title), ("body", details), ("location", location)]
    if event.all_day:
        first, after = _days(starts, ends)
        outlook += [("startdt", first.isoformat()), ("enddt", after.isoformat()),
                    ("allday", "true")]
    else:
        ends = ends or starts + datetime.timedelta(hours=1)
        outlook += [("startdt", timezone.localtime(starts).isoformat()),
                    ("enddt", timezone.localtime(ends).isoformat())]
    return {"google": f"{GOOGLE_CALENDAR}?{urlencode(google)}",
            "outlook": f"{OUTLOOK_CALENDAR}?{urlencode(outlook)}"}
