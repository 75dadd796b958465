"""The personal RSVP link: no login, answer and change it, and clear words when it no longer
works."""

import datetime

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format

from gemeinsam.meetings import services
from gemeinsam.meetings.models import Invitation, Meeting, Rsvp
from gemeinsam.meetings.services import RsvpNotUsable
from tests.actors.factories import PersonFactory


def _message(reason):
    with translation.override("de"):
        return str(RsvpNotUsable(reason).message)


@pytest.fixture
def round_table(municipality):
    body = services.body_create(municipality=municipality, name="Runder Tisch Klimaschutz",
                                kind="round_table", place="Rathaus, Saal 2")
    for name, email in [("Sabine Berger", "sabine@beispiel.example"),
                        ("Tobias Krämer", "tobias@beispiel.example")]:
        services.body_member_add(body=body, actor=PersonFactory(
            municipality=municipality, name=name, email=email))
    return body


@pytest.fixture
def meeting(round_table):
    starts = timezone.now().replace(microsecond=0) + datetime.timedelta(days=10)
    meeting = services.meeting_schedule(body=round_table, starts_at=starts,
                                        focus_topic="Wärmeplanung",
                                        online_url="https://meet.example/runder-tisch")
    services.agenda_item_add(meeting=meeting, title="Stand der kommunalen Wärmeplanung")
    services.invitations_create(meeting=meeting, guests=[("gast@beispiel.example", "Aylin Demir")])
    return meeting


def _link(invitation, slug="ruesselsheim-am-main"):
    return f"/{slug}/antwort/{services.rsvp_token(invitation)}/"


@pytest.fixture
def sabine(meeting):
    return meeting.invitations.get(email="sabine@beispiel.example")


@pytest.mark.django_db
def test_the_page_shows_the_meeting_without_login_and_nobody_else(client, meeting, sabine):
    response = client.get(_link(sabine))
    html = response.content.decode()
    assert response.status_code == 200
    for fact in ["Runder Tisch Klimaschutz", "Rathaus, Saal 2", "Wärmeplanung",
                 "https://meet.example/runder-tisch", "Stand der kommunalen Wärmeplanung",
                 "Sabine Berger"]:
        assert fact in html
    with translation.override("de"):
        assert date_format(timezone.localtime(meeting.starts_at), "l, j. F Y") in html
    for other in ["Tobias", "tobias@beispiel.example", "Aylin", "gast@beispiel.example"]:
        assert other not in html
    for answer in ["yes", "no", "maybe"]:
        assert f'name="answer" value="{answer}"' in html
    assert response["Cache-Control"].startswith("max-age=0")


@pytest.mark.django_db
def test_answer_and_change_it(client, sabine):
    link = _link(sabine)
    response = client.post(link, {"answer": "yes", "note": "Ich komme etwas später."})
    assert response.status_code == 302 and response["Location"] == link
    sabine.refresh_from_db()
    assert (sabine.rsvp, sabine.note) == (Rsvp.YES, "Ich komme etwas später.")
    assert sabine.answered_at is not None

    html = client.get(link).content.decode()
    assert "Ich komme etwas später." in html
    assert 'value="yes">' in html and 'value="no" class="button--secondary"' in html

    client.post(link, {"answer": "maybe", "note": ""})
    sabine.refresh_from_db()
    assert (sabine.rsvp, sabine.note) == (Rsvp.MAYBE, "")
    others = Invitation.objects.exclude(pk=sabine.pk)
    assert set(others.values_list("rsvp", flat=True)) == {Rsvp.PENDING}


@pytest.mark.django_db
def test_an_answer_must_be_yes_no_or_maybe(client, sabine):
    response = client.post(_link(sabine), {"answer": "pending", "note": "x" * 501})
    assert response.status_code == 400
    sabine.refresh_from_db()
    assert sabine.rsvp == Rsvp.PENDING and sabine.note == ""


@pytest.mark.django_db
def test_a_cancelled_meeting_says_so(client, meeting, sabine):
    services.meeting_cancel(meeting=meeting)
    for response in [client.get(_link(sabine)),
                     client.post(_link(sabine), {"answer": "yes"})]:
        assert response.status_code == 410
        assert _message("cancelled") in response.content.decode()
        assert "Runder Tisch Klimaschutz" in response.content.decode()
    sabine.refresh_from_db()
    assert sabine.rsvp == Rsvp.PENDING


@pytest.mark.django_db
def test_a_removed_member_is_told_the_invitation_was_withdrawn(client, round_table, sabine):
    services.body_member_remove(member=round_table.members.get(actor=sabine.actor))
    response = client.post(_link(sabine), {"answer": "yes"})
    assert response.status_code == 410
    assert _message("withdrawn") in response.content.decode()
    sabine.refresh_from_db()
    assert sabine.rsvp == Rsvp.PENDING
    tobias = Invitation.objects.get(email="tobias@beispiel.example")
    assert client.get(_link(tobias)).status_code == 200


@pytest.mark.django_db
def test_a_past_meeting_says_so(client, meeting, sabine):
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - datetime.timedelta(days=2),
        ends_at=timezone.now() - datetime.timedelta(days=2, hours=-2))
    for response in [client.get(_link(sabine)),
                     client.post(_link(sabine), {"answer": "no"})]:
        assert response.status_code == 410
        assert _message("past") in response.content.decode()
    sabine.refresh_from_db()
    assert sabine.rsvp == Rsvp.PENDING


@pytest.mark.django_db
def test_unknown_and_tampered_links_are_not_found(client, sabine, other_municipality):
    token = services.rsvp_token(sabine)
    forged = f"{sabine.pk + 1}:{token.split(':', 1)[1]}"
    for path in ["/ruesselsheim-am-main/antwort/kaputt/",
                 f"/ruesselsheim-am-main/antwort/{forged}/",
                 f"/ruesselsheim-am-main/antwort/{token}x/"]:
        response = client.get(path)
        assert response.status_code == 404, path
        assert _message("unknown") in response.content.decode()
    # A genuine link under another municipality's address does not work either.
    response = client.post(_link(sabine, slug="konstanz"), {"answer": "yes"})
    assert response.status_code == 404
    assert "Runder Tisch" not in response.content.decode()
    sabine.refresh_from_db()
    assert sabine.rsvp == Rsvp.PENDING
    assert client.get("/gibt-es-nicht/antwort/kaputt/").status_code == 404
