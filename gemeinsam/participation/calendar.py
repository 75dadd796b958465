"""The Termintipps as iCalendar (RFC 5545): a feed for every filtered list and one .ics per
event. Recurring events keep their RRULE, so calendar programs expand them; times are in
Europe/Berlin with its VTIMEZONE, all-day events are dates. Nothing names a person: the
organiser is a name with a web address, never an e-mail.

icalendar builds the calendar around the events, its VTIMEZONE, the rules and the organiser's
parameters. The events themselves are written line by line here: icalendar's generic
serialiser needs about 1.5 ms per event (half a minute for a city's 20,000 events a year),
these few lines need a few microseconds. The tests read every feed back with icalendar and
expand it with recurring-ical-events.
"""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Parameters, Timezone, vDuration, vRecur

PRODID = "-//Gemeinsam//Termintipps//DE"
# Calendar programs ask again after this long (RFC 7986 REFRESH-INTERVAL, and the older
# X-PUBLISHED-TTL that Outlook reads).
REFRESH = datetime.timedelta(hours=6)
# Years of daylight-saving rules in the VTIMEZONE after this one, for series without end.
ZONE_YEARS_AHEAD = 15
UTC_FORMAT = "%Y%m%dT%H%M%SZ"


def uid(event):
    return f"{event.uid}@gemeinsam"


def _text(value):
    """TEXT as RFC 5545 3.3.11 escapes it (str.replace is many times faster than translate)."""
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n"))


def _fold(line):
    """The content line as octets, folded after 75 octets (RFC 5545 3.1) without cutting a
    UTF-8 character or an escape in two."""
    data = line.encode()
    if len(data) <= 75:
        return data
    parts, start, limit = [], 0, 75
    while len(data) - start > limit:
        cut = start + limit
        while data[cut] & 0xC0 == 0x80:  # inside a multi-byte character
            cut -= 1
        if data[cut - 1] == 0x5C:  # a backslash stays with what it escapes
            cut -= 1
        parts.append(data[start:cut])
        start, limit = cut, 74  # the space that starts a continuation counts
    parts.append(data[start:])
    return b"\r\n ".join(parts)


class _Writer:
    """Writes VEVENTs; remembers what many events share (rules, organisers)."""

    def __init__(self):
        self.zone = timezone.get_default_timezone()
        self.tzid = timezone.get_default_timezone_name()
        self.labels = {"cost": _("Cost"), "registration": _("Registration"),
                       "accessibility": _("Accessibility"), "online": _("Online")}
        self.rules = {}
        self.organisers = {}

    def rule(self, text):
        if text not in self.rules:
            self.rules[text] = vRecur.from_ical(text).to_ical().decode()
        return self.rules[text]

    def organiser(self, name):
        if name not in self.organisers:
            self.organisers[name] = Parameters({"CN": name}).to_ical().decode()
        return self.organisers[name]

    def description(self, event):
        lines = [event.description.strip()] if event.description.strip() else []
        facts = [(self.labels["cost"], event.cost),
                 (self.labels["registration"], event.registration_url),
                 (self.labels["accessibility"], event.accessibility.strip())]
        if event.online_url and event.address:
            facts.insert(0, (self.labels["online"], event.online_url))
        facts = [f"{label}: {value}" for label, value in facts if value]
        if facts:
            lines.append("\n".join(facts))
        return "\n\n".join(lines)

    def event(self, event, *, url, organiser, categories):
        stamp = event.updated_at.astimezone(datetime.UTC).strftime(UTC_FORMAT)
        lines = ["BEGIN:VEVENT", f"UID:{_text(uid(event))}", f"SEQUENCE:{event.sequence}",
                 f"DTSTAMP:{stamp}", f"LAST-MODIFIED:{stamp}"]
        starts = event.starts_at.astimezone(self.zone)
        if event.all_day:
            first = starts.date()
            last = event.ends_at.astimezone(self.zone).date() if event.ends_at else first
            # DTEND of a date is exclusive (RFC 5545 3.6.1): the day after the last one.
            lines += [f"DTSTART;VALUE=DATE:{first:%Y%m%d}",
                      f"DTEND;VALUE=DATE:{last + datetime.timedelta(days=1):%Y%m%d}"]
        else:
            lines.append(f"DTSTART;TZID={self.tzid}:{starts:%Y%m%dT%H%M%S}")
            if event.ends_at:
                lines.append(f"DTEND;TZID={self.tzid}:"
                             f"{event.ends_at.astimezone(self.zone):%Y%m%dT%H%M%S}")
        if event.recurrence:
            lines.append(f"RRULE:{self.rule(event.recurrence)}")
        lines.append(f"SUMMARY:{_text(event.title)}")
        description = self.description(event)
        if description:
            lines.append(f"DESCRIPTION:{_text(description)}")
        location = event.address or event.online_url
        if location:
            lines.append(f"LOCATION:{_text(location)}")
        if event.latitude is not None and event.longitude is not None:
            lines.append(f"GEO:{event.latitude};{event.longitude}")
        lines.append(f"URL:{url}")
        if categories:
            lines.append("CATEGORIES:" + ",".join(_text(name) for name in categories))
        if organiser:
            # A calendar address must be a URI: the organiser's web page, never a mailbox.
            lines.append(f"ORGANIZER;{self.organiser(organiser['name'])}:"
                         f"{organiser['url'] or url}")
        lines += ["CLASS:PUBLIC", "STATUS:CONFIRMED", "END:VEVENT"]
        return b"\r\n".join(_fold(line) for line in lines) + b"\r\n"


def _frame(name, events, zone):
    """The VCALENDAR without its events, split where they go in."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if name:
        calendar.add("x-wr-calname", name)
        calendar.add("name", name)
        calendar.add("x-wr-timezone", str(zone))
        calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
        calendar["X-PUBLISHED-TTL"] = vDuration(REFRESH)
    timed = [event.starts_at for event in events if not event.all_day]
    if timed:
        this_year = timezone.localdate().year
        first_year = min(min(timed).astimezone(zone).year, this_year)
        calendar.add_component(Timezone.from_tzid(
            str(zone), first_date=datetime.date(first_year, 1, 1),
            last_date=datetime.date(this_year + ZONE_YEARS_AHEAD, 1, 1)))
    head, end, tail = calendar.to_ical().rpartition(b"END:VCALENDAR")
    return head, end + tail


def ics(events, *, name=None, event_url):
    """The calendar of `events` (`selectors_events.EventRow`s) as bytes; `event_url(event)` is
    the absolute address of the event's page."""
    events = list(events)
    writer = _Writer()
    head, tail = _frame(name, events, writer.zone)
    body = b"".join(writer.event(event, url=event_url(event), organiser=event.organiser,
                                 categories=[name for _slug, name, _color in event.categories])
                    for event in events)
    return head + body + tail


def feed_name(municipality, *, categories=(), search=""):
    """The feed's name, with what narrows it: "Events in Rüsselsheim (Repair café, “bike”)"."""
    name = _("Events in %(municipality)s") % {"municipality": municipality.name}
    quoted = [_("“%(search)s”") % {"search": search}] if search else []
    narrower = ", ".join([*categories, *quoted])
    return f"{name} ({narrower})" if narrower else name
