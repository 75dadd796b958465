"""The public Termintipps: proposing and the proposer's edit link, the list, the month, the
map and its GeoJSON, filters that are the same on every page and in the feed, the event's page
with its schema.org data, privacy and the cost of the pages."""

import datetime
import json
import re

import icalendar
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from gemeinsam.participation import services
from gemeinsam.participation.models import EntryStatus, Event, Initiative
from tests.actors.factories import OrganisationFactory, PersonFactory
from tests.participation.events_factories import (
    PROPOSER,
    category,
    event,
    form_data,
    initiative,
    local,
    proposal,
    url,
)

pytestmark = pytest.mark.django_db
EVENT_LINK = re.compile(r'href="/ruesselsheim-am-main/termine/(\d+)/"')


def listed(response):
    """The ids of the events a list or month page shows (not the links around it)."""
    html = response.content.decode()
    results = html[html.index('class="events-results"'):html.index('class="events-subscribe"')]
    return {int(pk) for pk in EVENT_LINK.findall(results)}


def in_feed(response):
    calendar = icalendar.Calendar.from_ical(response.content)
    uids = {str(component["UID"]) for component in calendar.walk("VEVENT")}
    return {event.pk for event in Event.objects.all() if f"{event.uid}@gemeinsam" in uids}


def propose_data(municipality, **overrides):
    return form_data(**{"categories": [category(municipality, "repair-cafe").pk],
                        "proposer_email": PROPOSER, "consent": "on", "homepage": "",
                        **overrides})


@pytest.fixture
def calendar_2030(municipality, other_municipality):
    """Events of 2030 in every shape the filters must tell apart."""
    repair = initiative(municipality, "Repair-Café Königstädten")
    energy = initiative(municipality, "Energiewende-Stammtisch")
    found = {
        "monthly": event(municipality, "Repair-Café am ersten Samstag",
                         starts_at=local(2030, 3, 2, 10), categories=["repair-cafe"],
                         organiser_initiative=repair,
                         recurrence="FREQ=MONTHLY;BYDAY=1SA;UNTIL=20301231T225959Z"),
        "all_day": event(municipality, "Pflanzentausch im Garten", starts_at=local(2030, 3, 15),
                         ends_at=None, all_day=True, categories=["gemeinschaftsgarten"],
                         organiser_name="Gartenfreunde Haßloch"),
        "online": event(municipality, "Vortrag: Wärmepumpe im Altbau",
                        starts_at=local(2030, 4, 10, 19), categories=["bildung"],
                        address="", latitude=None, longitude=None,
                        online_url="https://video.example.org/waermepumpe",
                        organiser_initiative=energy),
        "june": event(municipality, "Fahrrad-Reparatur am Mainufer",
                      starts_at=local(2030, 6, 20, 15), categories=["repair-cafe"]),
        "ended": event(municipality, "Winter-Stammtisch", starts_at=local(2030, 1, 7, 19),
                       recurrence="FREQ=WEEKLY;BYDAY=MO;UNTIL=20300215T225959Z"),
        "proposed": proposal(municipality, "Noch nicht geprüft", starts_at=local(2030, 3, 20, 18)),
        "other_place": event(other_municipality, "Konstanzer Klimafest",
                             starts_at=local(2030, 3, 20, 18)),
    }
    rejected = proposal(municipality, "Abgelehnter Vorschlag", starts_at=local(2030, 3, 21, 18))
    found["rejected"] = services.entry_reject(entry=rejected, note="Kein Klimabezug",
                                              notify=False)
    found["repair"], found["energy"] = repair, energy
    return found


# --- Proposals and moderation ----------------------------------------------------------------


def test_a_proposal_waits_then_is_listed_and_in_the_feed(client, municipality, mailoutbox):
    response = client.post(url("event_propose"), propose_data(municipality))
    assert response.status_code == 302
    proposed = Event.objects.get(title="Kleidertausch im Stadtteilzentrum")
    assert proposed.status == EntryStatus.PROPOSED
    assert proposed.proposer_email == PROPOSER
    assert proposed.organiser_name == "Nachbarschaftstreff Dicker Busch"
    assert [c.slug for c in proposed.categories.all()] == ["repair-cafe"]
    (mail,) = mailoutbox
    assert mail.to == [PROPOSER]
    link = re.search(r"http://testserver(/ruesselsheim-am-main/termine/bearbeiten/\S+/)",
                     mail.body).group(1)
    assert client.get(link).status_code == 200

    march = "?von=2030-03-01&bis=2030-03-31"
    assert proposed.pk not in listed(client.get(url("events") + march))
    assert proposed.pk not in in_feed(client.get(url("events_feed") + march))
    assert client.get(url("event", proposed.pk)).status_code == 404
    assert client.get(url("event_ics", proposed.pk)).status_code == 404

    services.entry_accept(entry=proposed)
    assert proposed.pk in listed(client.get(url("events") + march))
    assert proposed.pk in listed(client.get(url("events") + "?ansicht=monat&monat=2030-03"))
    assert proposed.pk in in_feed(client.get(url("events_feed") + march))
    geojson = client.get(url("events_geojson") + march).json()
    assert [feature["id"] for feature in geojson["features"]] == [proposed.pk]
    assert client.get(url("event", proposed.pk)).status_code == 200


def test_proposed_rejected_and_foreign_events_are_nowhere_public(client, calendar_2030):
    hidden = {calendar_2030[key].pk for key in ("proposed", "rejected", "other_place")}
    year = "?von=2030-01-01&bis=2030-12-31"
    assert not hidden & listed(client.get(url("events") + year))
    assert not hidden & listed(client.get(url("events") + "?ansicht=monat&monat=2030-03"))
    assert not hidden & in_feed(client.get(url("events_feed") + year))
    geojson = client.get(url("events_geojson") + year).json()
    assert not hidden & {feature["id"] for feature in geojson["features"]}
    map_page = client.get(url("events_map") + year).content.decode()
    for key in ("proposed", "rejected", "other_place"):
        assert calendar_2030[key].title not in map_page
        assert client.get(url("event", calendar_2030[key].pk)).status_code == 404
        assert client.get(url("event_ics", calendar_2030[key].pk)).status_code == 404


# --- The same filters everywhere -------------------------------------------------------------


FILTERS = [
    ("von=2030-03-01&bis=2030-05-31", {"monthly", "all_day", "online"}),
    ("von=2030-03-01&bis=2030-12-31&kategorie=repair-cafe", {"monthly", "june"}),
    ("von=2030-03-01&bis=2030-12-31&kategorie=repair-cafe&kategorie=bildung",
     {"monthly", "online", "june"}),
    ("von=2030-01-01&bis=2030-12-31&q=w%C3%A4rmepumpe", {"online"}),
    ("von=2030-01-01&bis=2030-02-28", {"ended"}),
    ("von=2030-03-16&bis=2030-03-31", set()),
    ("ansicht=monat&monat=2030-04", {"monthly", "online"}),
    ("ansicht=monat&monat=2030-03&kategorie=gemeinschaftsgarten", {"all_day"}),
]


@pytest.mark.parametrize(("query", "expected"), FILTERS)
def test_list_month_and_feed_show_the_same_events(client, calendar_2030, query, expected):
    wanted = {calendar_2030[key].pk for key in expected}
    page = client.get(f"{url('events')}?{query}")
    assert page.status_code == 200
    assert listed(page) == wanted
    feed = client.get(f"{url('events_feed')}?{query}")
    assert feed["Content-Type"] == "text/calendar; charset=utf-8"
    assert in_feed(feed) == wanted
    if "ansicht" not in query:
        geojson = client.get(f"{url('events_geojson')}?{query}").json()
        placed = {pk for pk in wanted if Event.objects.get(pk=pk).has_place}
        assert {feature["id"] for feature in geojson["features"]} == placed


def test_the_organiser_filter(client, calendar_2030):
    query = f"?von=2030-01-01&bis=2030-12-31&veranstalter={calendar_2030['repair'].pk}"
    assert listed(client.get(url("events") + query)) == {calendar_2030["monthly"].pk}
    assert in_feed(client.get(url("events_feed") + query)) == {calendar_2030["monthly"].pk}


def test_the_organiser_filter_knows_allied_organisations_but_never_persons(client,
                                                                          calendar_2030):
    municipality = calendar_2030["repair"].municipality
    stadtwerke = OrganisationFactory(municipality=municipality, name="Stadtwerke Rüsselsheim",
                                     shown_as_ally=True)
    secret = PersonFactory(municipality=municipality, name="Privatperson Paula")
    by_stadtwerke = event(municipality, "Energiesparberatung", starts_at=local(2030, 5, 6, 18),
                          organiser_actor=stadtwerke)
    event(municipality, "Abendtermin", starts_at=local(2030, 5, 7, 18), organiser_actor=secret)
    page = client.get(url("events") + "?von=2030-01-01&bis=2030-12-31").content.decode()
    assert f'value="organisation-{stadtwerke.pk}"' in page and "Paula" not in page
    query = f"?von=2030-01-01&bis=2030-12-31&veranstalter=organisation-{stadtwerke.pk}"
    assert listed(client.get(url("events") + query)) == {by_stadtwerke.pk}
    assert in_feed(client.get(url("events_feed") + query)) == {by_stadtwerke.pk}
    # A person is no choice: the filter is left out, and the name never shows.
    unknown = f"?von=2030-01-01&bis=2030-12-31&veranstalter=organisation-{secret.pk}"
    assert "Privatperson Paula" not in client.get(url("events") + unknown).content.decode()


def test_the_subscribe_links_carry_the_query(client, calendar_2030):
    query = "von=2030-03-01&bis=2030-12-31&kategorie=repair-cafe"
    html = client.get(f"{url('events')}?{query}").content.decode()
    feed = f"/ruesselsheim-am-main/termine.ics?{query}".replace("&", "&amp;")
    assert f'href="http://testserver{feed}"' in html
    assert f'href="webcal://testserver{feed}"' in html
    month = client.get(f"{url('events')}?ansicht=monat&monat=2030-04").content.decode()
    assert 'termine.ics?ansicht=monat&amp;monat=2030-04"' in month


def test_without_dates_the_list_shows_the_next_90_days(client, municipality):
    today = timezone.localdate()
    soon = event(municipality, "Bald", starts_at=local(today.year, today.month, today.day, 23)
                 + datetime.timedelta(days=10))
    later = event(municipality, "Später", starts_at=local(today.year, today.month, today.day, 12)
                  + datetime.timedelta(days=95))
    past = event(municipality, "Vorbei", starts_at=local(today.year, today.month, today.day, 12)
                 - datetime.timedelta(days=3))
    assert listed(client.get(url("events"))) == {soon.pk}
    assert in_feed(client.get(url("events_feed"))) == {soon.pk}
    assert later.pk and past.pk


def test_nonsense_filters_are_left_out_with_a_message(client, calendar_2030):
    response = client.get(url("events") + "?von=2030-03-01&bis=2030-02-01&kategorie=gibtsnicht")
    assert response.status_code == 200
    html = response.content.decode()
    assert "errorlist" in html
    # The end before the start is ignored: the 90 days from the start are shown.
    assert listed(response) == {calendar_2030[key].pk for key in ("monthly", "all_day", "online")}
    assert client.get(url("events") + "?ansicht=monat&monat=2030-13").status_code == 200
    assert client.get(url("events_feed") + "?von=kaputt&veranstalter=x").status_code == 200
    too_long = client.get(url("events") + "?von=2030-01-01&bis=2032-01-01")
    assert "errorlist" in too_long.content.decode()
    for far in ("?von=9999-12-31", "?bis=9999-12-31", "?ansicht=monat&monat=9999-12"):
        assert client.get(url("events") + far).status_code == 200
        assert client.get(url("events_feed") + far).status_code == 200


# --- Month and map ---------------------------------------------------------------------------


def test_the_month_is_a_table_of_weeks_with_previous_and_next(client, calendar_2030):
    html = client.get(url("events") + "?ansicht=monat&monat=2030-03&kategorie=repair-cafe"
                      ).content.decode()
    assert '<table class="events-month">' in html and "<caption" in html
    assert html.count('<th scope="col">') == 7
    assert 'href="?kategorie=repair-cafe&amp;ansicht=monat&amp;monat=2030-02"' in html
    assert 'href="?kategorie=repair-cafe&amp;ansicht=monat&amp;monat=2030-04"' in html
    # The first Saturday of March 2030 is the 2nd.
    cell = html[html.index(">2<span class=\"visually-hidden\">. März"):]
    assert cell.index("Repair-Café am ersten Samstag") < cell.index(">3<span")


def test_the_map_page_follows_the_map_contract(client, calendar_2030):
    html = client.get(url("events_map") + "?von=2030-03-01&bis=2030-05-31").content.decode()
    assert 'class="participation-map"' in html
    assert ('data-geojson="/ruesselsheim-am-main/termine/termine.geojson?'
            'von=2030-03-01&amp;bis=2030-05-31"') in html
    assert 'data-tiles=""' in html and "data-center=" in html and "data-zoom=" in html
    assert "vendor/leaflet/leaflet.js" in html and "participation/map.js" in html
    # The list beside the map names the same events, also those without a place.
    for key in ("monthly", "all_day", "online"):
        assert calendar_2030[key].title in html


def test_the_geojson_has_name_url_and_categories(client, calendar_2030):
    data = client.get(url("events_geojson") + "?von=2030-03-01&bis=2030-03-31").json()
    assert data["type"] == "FeatureCollection"
    feature = next(f for f in data["features"] if f["id"] == calendar_2030["monthly"].pk)
    assert feature["geometry"] == {"type": "Point", "coordinates": [8.4473, 49.9712]}
    properties = feature["properties"]
    assert properties["name"] == "Repair-Café am ersten Samstag"
    assert properties["url"] == f"http://testserver{url('event', calendar_2030['monthly'].pk)}"
    assert properties["categories"] == [{"slug": "repair-cafe", "name": "Repair-Café",
                                         "color": "#8d4a00"}]
    assert set(properties) == {"name", "url", "categories", "color", "subtitle"}


# --- The event's page ------------------------------------------------------------------------


def json_ld(response):
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>',
                      response.content.decode(), re.S)
    return json.loads(found.group(1))


def test_the_event_page_has_schema_org_event_data(client, municipality, calendar_2030):
    page = client.get(url("event", calendar_2030["monthly"].pk))
    data = json_ld(page)
    assert data["@context"] == "https://schema.org" and data["@type"] == "Event"
    assert data["name"] == "Repair-Café am ersten Samstag"
    assert data["startDate"] == "2030-03-02T10:00:00+01:00"
    assert data["endDate"] == "2030-03-02T12:00:00+01:00"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["location"]["@type"] == "Place"
    assert data["location"]["geo"] == {"@type": "GeoCoordinates", "latitude": 49.9712,
                                       "longitude": 8.4473}
    assert data["organizer"] == {
        "@type": "Organization", "name": "Repair-Café Königstädten",
        "url": f"http://testserver{url('initiative', calendar_2030['repair'].pk)}"}
    assert data["url"] == f"http://testserver{url('event', calendar_2030['monthly'].pk)}"
    assert data["eventSchedule"]["repeatFrequency"] == "P1M"
    # FREQ=MONTHLY;BYDAY=1SA: the first Saturday of the month.
    assert data["eventSchedule"]["byDay"] == ["https://schema.org/Saturday"]
    assert data["eventSchedule"]["byMonthWeek"] == 1

    online = json_ld(client.get(url("event", calendar_2030["online"].pk)))
    assert online["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert online["location"] == {"@type": "VirtualLocation",
                                  "url": "https://video.example.org/waermepumpe"}
    all_day = json_ld(client.get(url("event", calendar_2030["all_day"].pk)))
    assert all_day["startDate"] == "2030-03-15"
    assert all_day["organizer"]["name"] == "Gartenfreunde Haßloch"


def test_json_ld_offers_and_image_and_cannot_end_the_script(client, municipality):
    sneaky = event(municipality, "</script><script>alert(1)</script> & Co",
                   starts_at=local(2030, 5, 1, 18), cost="5 €",
                   registration_url="https://anmeldung.example.org")
    page = client.get(url("event", sneaky.pk))
    html = page.content.decode()
    assert "<script>alert(1)" not in html
    data = json_ld(page)
    assert data["name"] == "</script><script>alert(1)</script> & Co"
    assert data["offers"] == {"@type": "Offer", "url": "https://anmeldung.example.org",
                              "description": "5 €", "price": "5", "priceCurrency": "EUR"}


def test_the_event_page_offers_add_to_calendar(client, calendar_2030):
    html = client.get(url("event", calendar_2030["monthly"].pk)).content.decode()
    assert f'href="{url("event_ics", calendar_2030["monthly"].pk)}"' in html
    assert "https://calendar.google.com/calendar/render?action=TEMPLATE" in html
    assert "recur=RRULE%3AFREQ%3DMONTHLY%3BBYDAY%3D1SA" in html
    assert "https://outlook.live.com/calendar/0/deeplink/compose?" in html
    # The next dates of the series, 10:00 in winter and in summer.
    assert "Samstag, 2. März 2030, 10:00" in html and "Samstag, 6. April 2030, 10:00" in html


def test_an_organisation_is_named_only_while_it_agrees(client, municipality):
    ally = OrganisationFactory(municipality=municipality, name="Stadtwerke Rüsselsheim",
                               shown_as_ally=True, website="https://stadtwerke.example")
    shy = OrganisationFactory(municipality=municipality, name="Verschwiegene GmbH")
    named = event(municipality, "Energiesparberatung", starts_at=local(2030, 5, 2, 17),
                  organiser_actor=ally)
    hidden = event(municipality, "Stille Beratung", starts_at=local(2030, 5, 3, 17),
                   organiser_actor=shy)
    assert "Stadtwerke Rüsselsheim" in client.get(url("event", named.pk)).content.decode()
    for response in (client.get(url("event", hidden.pk)), client.get(url("event_ics", hidden.pk)),
                     client.get(url("events") + "?von=2030-05-01&bis=2030-05-31")):
        assert "Verschwiegene GmbH" not in response.content.decode()


def test_the_public_form_offers_initiatives_and_allies_but_no_person(client, municipality):
    initiative(municipality, "Foodsharing Rüsselsheim")
    OrganisationFactory(municipality=municipality, name="BUND Ortsgruppe", shown_as_ally=True)
    OrganisationFactory(municipality=municipality, name="Nicht im Bündnis GmbH")
    PersonFactory(municipality=municipality, name="Petra Privat", shown_as_ally=True)
    html = client.get(url("event_propose")).content.decode()
    assert "Foodsharing Rüsselsheim" in html and "BUND Ortsgruppe" in html
    assert "Nicht im Bündnis GmbH" not in html and "Petra Privat" not in html


# --- Bad input, spam, the edit link ----------------------------------------------------------


@pytest.mark.parametrize(("overrides", "field", "message"), [
    ({"end_time": "09:00"}, "end_time", "The event must end after it starts."),
    ({"end_date": "2030-03-01", "end_time": "12:00"}, "end_date",
     "The event must end after it starts."),
    ({"repeat": "custom", "recurrence": "FREQ=SOMETIMES;BYDAY=SA"}, "recurrence",
     "This is not a valid RFC 5545 rule"),
    ({"repeat": "custom", "recurrence": "FREQ=WEEKLY;INTERVAL=0"}, "recurrence",
     "INTERVAL must be a number from 1 to 1000."),
    ({"repeat": "custom", "recurrence": "FREQ=MINUTELY"}, "recurrence",
     "An event may repeat at most daily."),
    ({"repeat": "custom", "recurrence": "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30"}, "recurrence",
     "This rule gives no date"),
    ({"registration_url": "keine adresse"}, "registration_url", "Enter a valid URL."),
    ({"online_url": "javascript:alert(1)"}, "online_url", "Enter a valid URL."),
    ({"start_time": ""}, "start_time", "Please give the time"),
    ({"start_date": "9999-12-31"}, "start_date", "Please check the year."),
    ({"longitude": ""}, "longitude", "Please give both latitude and longitude"),
])
def test_bad_input_is_refused_and_what_was_typed_stays(client, municipality, settings,
                                                       overrides, field, message):
    settings.LANGUAGE_CODE = "en"
    data = propose_data(municipality, title="Mein getippter Titel", **overrides)
    response = client.post(url("event_propose"), data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    form = response.context["form"]
    assert field in form.errors, form.errors
    assert message in " ".join(form.errors[field])
    html = response.content.decode()
    assert 'value="Mein getippter Titel"' in html
    for value in overrides.values():
        if value:
            assert f'value="{value}"' in html or f">{value}<" in html
    assert not Event.objects.exists()


def test_the_rhythm_presets_and_the_free_rule(client, municipality):
    services.categories_ensure(municipality=municipality)
    # 2030-03-02 is the first Saturday of March.
    client.post(url("event_propose"), propose_data(
        municipality, title="Erster Samstag", repeat="monthly_weekday",
        repeat_until="2030-12-31"))
    client.post(url("event_propose"), propose_data(
        municipality, title="Freie Regel", repeat="custom",
        recurrence="rrule:freq=monthly;byday=-1fr"))
    first = Event.objects.get(title="Erster Samstag")
    assert first.recurrence == "FREQ=MONTHLY;BYDAY=1SA;UNTIL=20301231T225959Z"
    assert Event.objects.get(title="Freie Regel").recurrence == "FREQ=MONTHLY;BYDAY=-1FR"


def test_an_all_day_event_over_several_days(client, municipality):
    client.post(url("event_propose"), propose_data(
        municipality, title="Klimafestival", all_day="on", start_time="", end_time="",
        end_date="2030-03-04"))
    festival = Event.objects.get(title="Klimafestival")
    assert festival.all_day
    assert festival.starts_at == local(2030, 3, 2)
    assert festival.ends_at == local(2030, 3, 4)


def test_the_trap_catches_robots_and_sending_is_limited(client, municipality):
    response = client.post(url("event_propose"), propose_data(
        municipality, homepage="https://spam.example"))
    assert response.status_code == 302
    assert not Event.objects.exists()
    statuses = [client.post(url("event_propose"), {"title": ""}).status_code
                for _ in range(11)]
    assert statuses[:9] == [400] * 9 and statuses[-1] == 429


def _link(municipality, **fields):
    entry, token = services.entry_propose(
        model=Event, municipality=municipality, proposer_email=PROPOSER,
        fields={"title": "Kleidertausch", "starts_at": local(2030, 3, 2, 10), **fields})
    return entry, url("event_edit_link", token)


def test_the_edit_link_changes_a_waiting_proposal_directly(client, municipality):
    entry, link = _link(municipality)
    page = client.get(link)
    assert page.status_code == 200 and page["X-Robots-Tag"] == "noindex"
    response = client.post(link, propose_data(municipality, title="Kleidertausch, neu",
                                              version=entry.version))
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.title == "Kleidertausch, neu" and entry.pending_changes is None


def test_changes_to_a_published_event_wait_for_the_moderation(client, municipality):
    entry, link = _link(municipality)
    services.entry_accept(entry=entry)
    entry.refresh_from_db()
    response = client.post(link, propose_data(municipality, title="Kleidertausch XXL",
                                              version=entry.version))
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.title == "Kleidertausch" and entry.pending_changes["title"] == "Kleidertausch XXL"
    public = client.get(url("event", entry.pk)).content.decode()
    assert "Kleidertausch XXL" not in public
    assert "XXL" not in client.get(url("events_feed") + "?von=2030-03-01").content.decode()
    # The proposer sees the waiting version.
    assert 'value="Kleidertausch XXL"' in client.get(link).content.decode()
    services.entry_accept(entry=entry)
    assert "Kleidertausch XXL" in client.get(url("event", entry.pk)).content.decode()


def test_a_stale_edit_through_the_link_is_refused_and_kept(client, municipality):
    entry, link = _link(municipality)
    old_version = entry.version
    client.post(link, propose_data(municipality, title="Erste Änderung", version=old_version))
    response = client.post(link, propose_data(municipality, title="Zweite Änderung",
                                              version=old_version))
    assert response.status_code == 409
    assert 'value="Zweite Änderung"' in response.content.decode()
    entry.refresh_from_db()
    assert entry.title == "Erste Änderung"


def test_a_wrong_or_foreign_link_is_refused(client, municipality, other_municipality):
    entry, link = _link(municipality)
    assert client.get(link[:-3] + "xy/").status_code == 404
    # An initiative's link does not open the event form.
    _initiative, token = services.entry_propose(model=Initiative, municipality=municipality,
                                                fields={"name": "Garten"})
    assert client.get(url("event_edit_link", token)).status_code == 404
    # Nor does the link work under another municipality's address.
    assert client.get(link.replace("ruesselsheim-am-main", "konstanz")).status_code == 404
    services.entry_reject(entry=entry, notify=False)
    assert client.get(link).status_code == 404


# --- Privacy ---------------------------------------------------------------------------------


def test_no_personal_data_in_any_public_response(client, municipality):
    entry, link = _link(municipality, description="Treffpunkt Rathaus")
    services.entry_accept(entry=entry)
    entry.refresh_from_db()
    client.post(link, propose_data(municipality, title="Geheime Änderung",
                                   version=entry.version))
    entry.refresh_from_db()
    services.entry_reject(entry=entry, note="Notiz der Moderation, intern", notify=False)
    client.post(link, propose_data(municipality, title="Noch eine Änderung",
                                   version=Event.objects.get(pk=entry.pk).version))
    query = "?von=2030-03-01&bis=2030-03-31"
    responses = [client.get(url("events") + query),
                 client.get(url("events") + "?ansicht=monat&monat=2030-03"),
                 client.get(url("events_map") + query), client.get(url("events_geojson") + query),
                 client.get(url("events_feed") + query), client.get(url("event", entry.pk)),
                 client.get(url("event_ics", entry.pk))]
    for response in responses:
        text = response.content.decode()
        assert response.status_code == 200
        for secret in (PROPOSER, "Noch eine Änderung", "Notiz der Moderation", "@example"):
            assert secret not in text, (response.request["PATH_INFO"], secret)
        assert "mailto:" not in text


# --- Cost of the pages -----------------------------------------------------------------------


def _queries(client, path):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


@pytest.mark.parametrize("path", [
    "events", "events?ansicht=monat&monat=2030-03", "events_map", "events_geojson",
    "events_feed"])
def test_the_number_of_queries_does_not_grow_with_the_events(client, municipality, path):
    name, _sep, query = path.partition("?")
    target = url(name) + "?" + (query or "von=2030-03-01&bis=2030-03-31")
    organiser = initiative(municipality)
    ally = OrganisationFactory(municipality=municipality, shown_as_ally=True)

    def add(count):
        for number in range(count):
            event(municipality, f"Termin {number}", starts_at=local(2030, 3, 1 + number % 28, 18),
                  categories=["repair-cafe", "bildung"],
                  organiser_initiative=organiser if number % 3 == 0 else None,
                  organiser_actor=ally if number % 3 == 1 else None,
                  recurrence="FREQ=WEEKLY;BYDAY=TU" if number % 4 == 0 else "")

    add(2)
    few = _queries(client, target)
    add(30)
    assert _queries(client, target) == few


def test_the_rhythm_in_words_with_its_end(client, municipality):
    until = event(municipality, "Bis Jahresende", starts_at=local(2030, 3, 2, 10),
                  recurrence="FREQ=MONTHLY;BYDAY=1SA;UNTIL=20301231T225959Z")
    counted = event(municipality, "Zehnmal", starts_at=local(2030, 3, 4, 18),
                    recurrence="FREQ=WEEKLY;BYDAY=MO;COUNT=10")
    assert "31.12.2030" in client.get(url("event", until.pk)).content.decode()
    html = client.get(url("event", counted.pk)).content.decode()
    assert "10-mal" in html or "10 times" in html
    main = html[html.index("<main"):html.index("</main>")]
    assert "FREQ=" not in main  # the rule itself only in the (encoded) calendar links


def test_an_initiative_edits_its_events_from_its_own_link(client, municipality, mailoutbox):
    host, token = services.entry_propose(
        model=Initiative, municipality=municipality, fields={"name": "Repair-Café"},
        proposer_email="repair@example.org", edit_url=lambda token: token)
    services.entry_accept(entry=host)
    own = event(municipality, "Reparieren", starts_at=local(2030, 3, 2, 10),
                organiser_initiative=host)
    page = client.get(url("initiative_edit_link", token)).content.decode()
    link = url("event_edit_link_of_organiser", token, own.pk)
    assert link in page
    response = client.post(link, form_data(title="Reparieren im Frühling",
                                           version=own.version))
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.status == EntryStatus.PUBLISHED and own.pending_changes["title"] == (
        "Reparieren im Frühling")
