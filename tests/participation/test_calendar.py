"""The Termintipps as iCalendar: the feed of a filtered list and the .ics of one event, read
back with icalendar and expanded with recurring-ical-events as calendar programs do."""

import datetime
import zoneinfo

import icalendar
import pytest
import recurring_ical_events

from gemeinsam.participation import calendar, services
from gemeinsam.participation.models import Event
from gemeinsam.participation.selectors_events import EventRow
from tests.actors.factories import PersonFactory
from tests.participation.events_factories import (
    PROPOSER,
    event,
    form_data,
    initiative,
    local,
    url,
)

pytestmark = pytest.mark.django_db
BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
HALF_YEAR = "?von=2030-01-01&bis=2030-06-30"


def feed(client, query=HALF_YEAR):
    response = client.get(url("events_feed") + query)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content), response.content.decode()


def only(calendar_, title):
    (found,) = [c for c in calendar_.walk("VEVENT") if str(c["SUMMARY"]) == title]
    return found


def test_a_monthly_series_stays_at_10_local_across_daylight_saving(client, municipality):
    event(municipality, "Repair-Café", starts_at=local(2030, 1, 5, 10),
          recurrence="FREQ=MONTHLY;BYDAY=1SA")
    parsed, text = feed(client)
    component = only(parsed, "Repair-Café")
    # Not expanded: one VEVENT with its rule, in Berlin time with the zone's definition.
    assert "RRULE:FREQ=MONTHLY;BYDAY=1SA" in text
    assert "DTSTART;TZID=Europe/Berlin:20300105T100000" in text
    assert [tz["TZID"] for tz in parsed.walk("VTIMEZONE")] == ["Europe/Berlin"]
    assert component.decoded("DTSTART") == datetime.datetime(2030, 1, 5, 10, tzinfo=BERLIN)
    dates = [occurrence.decoded("DTSTART") for occurrence in
             recurring_ical_events.of(parsed).between(datetime.date(2030, 1, 1),
                                                      datetime.date(2030, 7, 1))]
    assert [(d.month, d.day, d.hour) for d in dates] == [
        (1, 5, 10), (2, 2, 10), (3, 2, 10), (4, 6, 10), (5, 4, 10), (6, 1, 10)]
    # Winter time +01:00, summer time (from 31 March 2030) +02:00.
    assert [d.utcoffset() for d in dates] == [datetime.timedelta(hours=h)
                                              for h in (1, 1, 1, 2, 2, 2)]


def test_the_feed_holds_what_a_calendar_needs_and_no_address(client, municipality):
    organiser = initiative(municipality, "Repair-Café Königstädten")
    repair = event(municipality, "Reparieren; gemeinsam, gern", starts_at=local(2030, 3, 2, 10),
                   categories=["repair-cafe", "bildung"], organiser_initiative=organiser,
                   cost="kostenlos", registration_url="https://anmeldung.example.org",
                   online_url="https://video.example.org/repair")
    parsed, text = feed(client)
    assert parsed["X-WR-CALNAME"] == "Termintipps in Rüsselsheim am Main"
    assert parsed["VERSION"] == "2.0" and "PRODID" in parsed
    component = only(parsed, "Reparieren; gemeinsam, gern")
    assert component["UID"] == f"{repair.uid}@gemeinsam"
    assert component["SEQUENCE"] == 0
    assert component["URL"] == f"http://testserver{url('event', repair.pk)}"
    assert component["LOCATION"] == "Ringstraße 40, 65428 Rüsselsheim am Main"
    assert component.decoded("DTEND") == datetime.datetime(2030, 3, 2, 12, tzinfo=BERLIN)
    assert component["CATEGORIES"].cats == ["Repair-Café", "Bildung"]
    description = str(component["DESCRIPTION"])
    assert description.startswith("Wir **reparieren** gemeinsam.")
    assert "https://anmeldung.example.org" in description
    assert "https://video.example.org/repair" in description
    organizer = component["ORGANIZER"]
    assert organizer.params["CN"] == "Repair-Café Königstädten"
    assert str(organizer) == f"http://testserver{url('initiative', organiser.pk)}"
    assert "mailto:" not in text and "@example" not in text.replace("@gemeinsam", "")
    assert "geheim@repair.example" not in text


def test_all_day_events_are_dates(client, municipality):
    event(municipality, "Klimafest", starts_at=local(2030, 3, 28), ends_at=local(2030, 3, 30),
          all_day=True)
    event(municipality, "Aktionstag", starts_at=local(2030, 4, 22), ends_at=None, all_day=True)
    parsed, text = feed(client)
    fest = only(parsed, "Klimafest")
    assert "DTSTART;VALUE=DATE:20300328" in text
    assert fest.decoded("DTSTART") == datetime.date(2030, 3, 28)
    # DTEND of a date is the day after the last one.
    assert fest.decoded("DTEND") == datetime.date(2030, 3, 31)
    assert only(parsed, "Aktionstag").decoded("DTEND") == datetime.date(2030, 4, 23)
    days = [o.decoded("DTSTART") for o in recurring_ical_events.of(parsed).at((2030, 3, 29))]
    assert days == [datetime.date(2030, 3, 28)]
    # Only dates: no VTIMEZONE is needed then.
    assert not parsed.walk("VTIMEZONE")


def test_a_weekly_all_day_series_until_a_date(client, municipality):
    event(municipality, "Markttag", starts_at=local(2030, 5, 4), ends_at=None, all_day=True,
          recurrence="FREQ=WEEKLY;BYDAY=SA;UNTIL=20300525")
    parsed, _text = feed(client)
    dates = [o.decoded("DTSTART") for o in recurring_ical_events.of(parsed).between(
        datetime.date(2030, 5, 1), datetime.date(2030, 7, 1))]
    assert dates == [datetime.date(2030, 5, d) for d in (4, 11, 18, 25)]


def test_the_download_of_one_event(client, municipality):
    single = event(municipality, "Radtour zum Mainufer", starts_at=local(2030, 7, 14, 14))
    response = client.get(url("event_ics", single.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="termin-{single.pk}.ics"'
    parsed = icalendar.Calendar.from_ical(response.content)
    (component,) = parsed.walk("VEVENT")
    assert component["UID"] == f"{single.uid}@gemeinsam"
    assert component.decoded("DTSTART") == datetime.datetime(2030, 7, 14, 14, tzinfo=BERLIN)
    assert component["GEO"].latitude == 49.9712


def test_a_change_keeps_the_uid_and_counts_the_sequence(client, municipality, administration,
                                                        client_for):
    single = event(municipality, "Radtour", starts_at=local(2030, 7, 14, 14))
    data = form_data(title="Radtour, neue Zeit", start_date="2030-07-14", start_time="15:00",
                     end_time="17:00", version=single.version)
    assert client_for(administration).post(url("event_edit", single.pk), data).status_code == 302
    (component,) = icalendar.Calendar.from_ical(
        client.get(url("event_ics", single.pk)).content).walk("VEVENT")
    assert component["UID"] == f"{single.uid}@gemeinsam"
    assert component["SEQUENCE"] == 1
    assert component.decoded("DTSTART").hour == 15


def test_a_person_is_never_the_organiser(client, municipality):
    person = PersonFactory(municipality=municipality, name="Petra Privat",
                           email="petra@privat.example", shown_as_ally=True)
    event(municipality, "Heimlich", starts_at=local(2030, 2, 1, 18), organiser_actor=person)
    _parsed, text = feed(client)
    assert "Petra" not in text and "ORGANIZER" not in text


def test_text_is_escaped_and_long_lines_are_folded(municipality):
    title = "Ä, ö; ü \\ " + "Klimaschutz-Stammtisch mit Umlauten äöü " * 5
    row = EventRow(
        pk=1, uid="abc", sequence=2, title=title, starts_at=local(2030, 1, 1, 18),
        ends_at=None, all_day=False, recurrence="", description="Zeile 1\nZeile 2, mit Komma",
        address="", latitude=None, longitude=None, online_url="", registration_url="", cost="",
        accessibility="", updated_at=local(2029, 12, 1, 9))
    content = calendar.ics([row], event_url=lambda event: "https://example.org/termine/1/")
    assert all(len(line) <= 75 for line in content.split(b"\r\n"))
    (component,) = icalendar.Calendar.from_ical(content).walk("VEVENT")
    assert str(component["SUMMARY"]) == title
    assert str(component["DESCRIPTION"]) == "Zeile 1\nZeile 2, mit Komma"
    assert "DTEND" not in component


def test_the_feed_name_says_what_it_holds(client, municipality):
    event(municipality, "Repair", starts_at=local(2030, 3, 2, 10), categories=["repair-cafe"])
    parsed, _text = feed(client, HALF_YEAR + "&kategorie=repair-cafe&q=repair")
    assert parsed["X-WR-CALNAME"] == "Termintipps in Rüsselsheim am Main (Repair-Café, „repair“)"


def test_proposals_are_not_in_the_feed(client, municipality):
    services.entry_propose(model=Event, municipality=municipality, proposer_email=PROPOSER,
                           fields={"title": "Wartet", "starts_at": local(2030, 3, 3, 10)})
    parsed, text = feed(client)
    assert not parsed.walk("VEVENT") and "Wartet" not in text
