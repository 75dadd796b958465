"""iCalendar feeds: public ones per body and municipality hold only public bodies and nobody's
personal data; the private one behind a secret, renewable address holds all of a person's
meetings."""

import datetime

import pytest
from django.utils import timezone
from icalendar import Calendar

from gemeinsam.core.models import Membership
from gemeinsam.meetings import services
from tests.actors.factories import PersonFactory

SLUG = "ruesselsheim-am-main"


def _start(days):
    return (timezone.now() + datetime.timedelta(days=days)).replace(second=0, microsecond=0)


@pytest.fixture
def bodies(municipality, other_municipality):
    public = services.body_create(municipality=municipality, name="Runder Tisch Klimaschutz",
                                  kind="round_table", public=True, place="Stadtbücherei")
    internal = services.body_create(municipality=municipality, name="Jour fixe Umweltamt",
                                    kind="jour_fixe", place="Rathaus, Zimmer 301")
    elsewhere = services.body_create(municipality=other_municipality, name="Klimabeirat Konstanz",
                                     kind="advisory_board", public=True)
    services.body_member_add(body=public, actor=PersonFactory(
        municipality=municipality, name="Sabine Berger", email="sabine@beispiel.example",
        phone="06142 555-1234"))
    for days, topic in [(-30, "Wärmeplanung"), (10, "Radverkehr"), (52, "Photovoltaik")]:
        services.meeting_schedule(body=public, starts_at=_start(days), focus_topic=topic)
    services.meeting_schedule(body=internal, starts_at=_start(5), focus_topic="Haushalt 2027")
    services.meeting_schedule(body=elsewhere, starts_at=_start(7), focus_topic="Seeufer")
    coming = public.meetings.get(focus_topic="Radverkehr")
    services.invitations_create(meeting=coming,
                                guests=[("gast@beispiel.example", "Aylin Demir")])
    invitation = coming.invitations.get(email="sabine@beispiel.example")
    services.rsvp_answer(token=services.rsvp_token(invitation), answer="yes",
                         note="Bringe Zahlen der Stadtwerke mit")
    services.meeting_cancel(meeting=public.meetings.get(focus_topic="Photovoltaik"))
    return public, internal, elsewhere


def _calendar(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def _summaries(calendar):
    return sorted(str(event["SUMMARY"]) for event in calendar.walk("VEVENT"))


PERSONAL = ["ATTENDEE", "ORGANIZER", "sabine@beispiel.example", "Sabine", "gast@beispiel.example",
            "Aylin", "555-1234", "Bringe Zahlen", "mailto:"]


def _no_personal_data(response):
    text = response.content.decode()
    assert not [item for item in PERSONAL if item in text]


@pytest.mark.django_db
def test_the_municipality_feed_holds_only_public_bodies(client, bodies):
    response = client.get(f"/{SLUG}/kalender.ics")
    calendar = _calendar(response)
    assert _summaries(calendar) == ["Runder Tisch Klimaschutz: Photovoltaik",
                                    "Runder Tisch Klimaschutz: Radverkehr",
                                    "Runder Tisch Klimaschutz: Wärmeplanung"]
    assert "Rüsselsheim am Main" in str(calendar["X-WR-CALNAME"])
    assert "METHOD" not in calendar
    statuses = {str(e["SUMMARY"]): str(e["STATUS"]) for e in calendar.walk("VEVENT")}
    assert statuses["Runder Tisch Klimaschutz: Photovoltaik"] == "CANCELLED"
    event = next(e for e in calendar.walk("VEVENT") if "Radverkehr" in str(e["SUMMARY"]))
    meeting = bodies[0].meetings.get(focus_topic="Radverkehr")
    assert event.decoded("DTSTART") == meeting.starts_at
    assert str(event["UID"]).startswith(str(meeting.uid))
    _no_personal_data(response)
    assert client.get("/gibt-es-nicht/kalender.ics").status_code == 404


@pytest.mark.django_db
def test_body_feeds_public_for_everyone_internal_for_team_and_administration(
        client, client_for, bodies, member, administration, outsider):
    public, internal, elsewhere = bodies
    response = client.get(f"/{SLUG}/gremien/{public.pk}/kalender.ics")
    assert len(_summaries(_calendar(response))) == 3
    _no_personal_data(response)

    internal_url = f"/{SLUG}/gremien/{internal.pk}/kalender.ics"
    assert client.get(internal_url).status_code == 404
    assert client_for(outsider).get(internal_url).status_code == 404
    for person in [member, administration]:
        response = client_for(person).get(internal_url)
        assert _summaries(_calendar(response)) == ["Jour fixe Umweltamt: Haushalt 2027"]
        assert "no-store" in response["Cache-Control"]
    # A body of another municipality is not reachable under this one's address.
    assert client.get(f"/{SLUG}/gremien/{elsewhere.pk}/kalender.ics").status_code == 404
    assert client.get(f"/{SLUG}/gremien/999999/kalender.ics").status_code == 404


@pytest.mark.django_db
def test_the_private_feed_holds_all_meetings_of_the_persons_municipalities(client, bodies,
                                                                          member):
    token = services.calendar_token_renew(user=member).token
    response = client.get(f"/kalender/{token}.ics")
    assert _summaries(_calendar(response)) == ["Jour fixe Umweltamt: Haushalt 2027",
                                               "Runder Tisch Klimaschutz: Photovoltaik",
                                               "Runder Tisch Klimaschutz: Radverkehr",
                                               "Runder Tisch Klimaschutz: Wärmeplanung"]
    assert "no-store" in response["Cache-Control"]
    assert "ATTENDEE" not in response.content.decode()
    assert "Bringe Zahlen" not in response.content.decode()

    # Leaving the municipality takes its meetings out of the feed.
    Membership.objects.filter(user=member).delete()
    assert _summaries(_calendar(client.get(f"/kalender/{token}.ics"))) == []


@pytest.mark.django_db
def test_a_renewed_address_revokes_the_old_one(client, bodies, member):
    old = services.calendar_token_renew(user=member).token
    new = services.calendar_token_renew(user=member).token
    assert new != old
    assert client.get(f"/kalender/{old}.ics").status_code == 404
    assert client.get(f"/kalender/{new}.ics").status_code == 200
    assert client.get("/kalender/unbekannt.ics").status_code == 404
    member.is_active = False
    member.save()
    assert client.get(f"/kalender/{new}.ics").status_code == 404


@pytest.mark.django_db
def test_the_profile_shows_and_renews_the_calendar_address(client_for, bodies, member):
    client = client_for(member)
    html = client.get("/konto/profil/").content.decode()
    assert "/kalender/" not in html

    response = client.post("/konto/profil/", {"calendar": "renew"})
    assert response.status_code == 302
    first = member.calendar_token.token
    html = client.get("/konto/profil/").content.decode()
    assert f"http://testserver/kalender/{first}.ics" in html
    assert client.get(f"/kalender/{first}.ics").status_code == 200

    client.post("/konto/profil/", {"calendar": "renew"})
    member.calendar_token.refresh_from_db()
    second = member.calendar_token.token
    assert second != first
    assert f"/kalender/{second}.ics" in client.get("/konto/profil/").content.decode()
    assert client.get(f"/kalender/{first}.ics").status_code == 404
    # The profile itself was left as it was.
    member.refresh_from_db()
    assert member.display_name == "Jonas Becker"


@pytest.mark.django_db
def test_renewing_needs_a_login(client):
    response = client.post("/konto/profil/", {"calendar": "renew"})
    assert response.status_code == 302 and "/konto/login/" in response["Location"]


def test_a_public_feed_never_carries_the_online_link(client, municipality):
    body = services.body_create(municipality=municipality, name="Klimabeirat",
                                kind="advisory_board", public=True)
    services.meeting_schedule(body=body, starts_at=_start(10), place="Rathaus",
                              online_url="https://video.example.org/geheim-123")
    public = client.get(f"/{municipality.slug}/kalender.ics").content.decode()
    assert "Rathaus" in public and "geheim-123" not in public
