"""Invitations, updates and cancellations through a real SMTP server on localhost, with the
received .ics parsed by the icalendar library; failing addresses are reported and retried."""

import datetime
import socket
from email import message_from_bytes, policy

import environ
import pytest
from aiosmtpd.controller import Controller
from django.utils import timezone
from icalendar import Calendar

from gemeinsam.jobs.models import BackgroundJob
from gemeinsam.jobs.services import job_start
from gemeinsam.meetings import jobs, selectors, services
from gemeinsam.meetings.models import Invitation
from tests.actors.factories import PersonFactory

RSVP_PREFIX = "https://gemeinsam.example/ruesselsheim-am-main/antwort/"


class Inbox:
    """Accepts everything except the addresses in `refused` (550, as for an unknown user)."""

    def __init__(self):
        self.messages = []
        self.refused = set()
        self.attempts = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        self.attempts.append(address)
        if address in self.refused:
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 Message accepted for delivery"

    def take(self):
        """The messages received since the last call, parsed, by recipient."""
        received = {envelope.rcpt_tos[0]: message_from_bytes(envelope.content,
                                                             policy=policy.default)
                    for envelope in self.messages}
        self.messages = []
        return received


@pytest.fixture
def smtp(settings):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    for name, value in environ.Env.email_url_config(f"smtp://127.0.0.1:{port}").items():
        setattr(settings, name, value)
    yield inbox
    controller.stop()


@pytest.fixture
def meeting(municipality):
    body = services.body_create(municipality=municipality, name="Jour fixe Umweltamt",
                                kind="jour_fixe", place="Rathaus, Zimmer 301")
    for name, email in [("Sabine Berger", "sabine@beispiel.example"),
                        ("Tobias Krämer", "tobias@beispiel.example")]:
        services.body_member_add(body=body, actor=PersonFactory(
            municipality=municipality, name=name, email=email))
    starts = (timezone.now() + datetime.timedelta(days=14)).replace(second=0, microsecond=0)
    meeting = services.meeting_schedule(body=body, starts_at=starts, focus_topic="Radverkehr")
    services.agenda_item_add(meeting=meeting, title="Fahrradstraßen im Zentrum",
                             duration_minutes=30)
    services.invitations_create(meeting=meeting, guests=[("gast@beispiel.example", "Aylin Demir")])
    return meeting


ADDRESSES = {"sabine@beispiel.example", "tobias@beispiel.example", "gast@beispiel.example"}


def _send(meeting):
    meeting.refresh_from_db()
    return services.invitations_send(meeting=meeting,
                                     build_url=lambda token: f"{RSVP_PREFIX}{token}/")


def _ics(message):
    parts = [part for part in message.walk() if part.get_content_type() == "text/calendar"]
    assert len(parts) == 1
    assert parts[0].get_filename().endswith(".ics")
    calendar = Calendar.from_ical(parts[0].get_payload(decode=True))
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    return calendar, events[0], parts[0].get_param("method")


def _text(message):
    return message.get_body(preferencelist=("plain",)).get_content()


@pytest.mark.django_db(transaction=True)
def test_invitation_update_and_cancellation_as_itip_messages(smtp, meeting):
    result = _send(meeting)
    assert result == {"sent": 3, "failed": []}
    received = smtp.take()
    assert set(received) == ADDRESSES
    uids = set()
    for address, message in received.items():
        calendar, event, method = _ics(message)
        assert str(calendar["METHOD"]) == "REQUEST" and method == "REQUEST"
        assert int(event["SEQUENCE"]) == 0
        assert event.decoded("DTSTART") == meeting.starts_at
        assert event.decoded("DTEND") == meeting.ends_at
        assert str(event["ATTENDEE"]).lower() == f"mailto:{address}"
        assert str(event["STATUS"]) == "CONFIRMED"
        uids.add(str(event["UID"]))
        invitation = Invitation.objects.get(email=address)
        text = _text(message)
        assert f"{RSVP_PREFIX}{services.rsvp_token(invitation)}/" in text
        for fact in ["Jour fixe Umweltamt", "Rathaus, Zimmer 301", "Radverkehr",
                     "Fahrradstraßen im Zentrum"]:
            assert fact in text
        assert "Jour fixe Umweltamt" in message["Subject"]
        # Nobody sees who else is invited.
        assert not [other for other in ADDRESSES - {address}
                    if other in text or other in message.as_string()]
        assert message["To"] == address
    assert len(uids) == 1
    assert _send(meeting) == {"sent": 0, "failed": []}  # nothing new, nothing sent
    assert smtp.take() == {}

    moved = meeting.starts_at + datetime.timedelta(days=1)
    services.meeting_update(meeting=meeting, version=meeting.version, starts_at=moved,
                            ends_at=moved + datetime.timedelta(hours=2))
    assert _send(meeting)["sent"] == 3
    for address, message in smtp.take().items():
        calendar, event, method = _ics(message)
        assert str(calendar["METHOD"]) == "REQUEST"
        assert str(event["UID"]) in uids
        assert int(event["SEQUENCE"]) == 1
        assert event.decoded("DTSTART") == moved
        assert str(event["ATTENDEE"]).lower() == f"mailto:{address}"

    services.meeting_cancel(meeting=meeting)
    assert _send(meeting)["sent"] == 3
    received = smtp.take()
    assert set(received) == ADDRESSES
    for address, message in received.items():
        calendar, event, method = _ics(message)
        assert str(calendar["METHOD"]) == "CANCEL" and method == "CANCEL"
        assert str(event["STATUS"]) == "CANCELLED"
        assert str(event["UID"]) in uids
        assert int(event["SEQUENCE"]) == 2
        assert event.decoded("DTSTART") == moved
        assert "Jour fixe Umweltamt" in _text(message)


@pytest.mark.django_db(transaction=True)
def test_a_refused_address_is_reported_kept_and_retried_alone(smtp, meeting):
    smtp.refused.add("tobias@beispiel.example")
    result = _send(meeting)
    assert result["sent"] == 2
    assert [address for address, _reason in result["failed"]] == ["tobias@beispiel.example"]
    assert "550" in result["failed"][0][1]
    assert set(smtp.take()) == ADDRESSES - {"tobias@beispiel.example"}
    tobias = Invitation.objects.get(email="tobias@beispiel.example")
    assert "550" in tobias.send_error and tobias.sent_at is None
    assert list(selectors.invitations_with_problems(meeting=meeting)) == [tobias]
    assert not Invitation.objects.exclude(pk=tobias.pk).exclude(send_error="").exists()

    smtp.refused.clear()
    smtp.attempts.clear()
    assert _send(meeting) == {"sent": 1, "failed": []}
    assert smtp.attempts == ["tobias@beispiel.example"]
    assert set(smtp.take()) == {"tobias@beispiel.example"}
    tobias.refresh_from_db()
    assert tobias.send_error == "" and tobias.sent_sequence == 0


@pytest.mark.django_db
def test_an_address_that_breaks_the_header_is_reported(meeting, mailoutbox):
    Invitation.objects.filter(email="gast@beispiel.example").update(
        email="gast@beispiel.example\nBcc: alle@beispiel.example")
    result = _send(meeting)
    assert result["sent"] == 2 and len(result["failed"]) == 1
    assert result["failed"][0][0].startswith("gast@beispiel.example")
    assert len(mailoutbox) == 2
    assert Invitation.objects.exclude(send_error="").get().email.startswith("gast@")


@pytest.mark.django_db(transaction=True)
def test_sending_runs_as_a_background_job_with_progress(smtp, meeting, coordinator, client_for,
                                                        monkeypatch):
    steps = []
    send = services.invitations_send

    def recording(*, progress, **kwargs):
        def report(done, total):
            steps.append((done, total))
            progress(done, total)
        return send(progress=report, **kwargs)

    monkeypatch.setattr(services, "invitations_send", recording)
    smtp.refused.add("gast@beispiel.example")
    job = job_start(kind=jobs.SEND_INVITATIONS, title=str(jobs.SEND_INVITATIONS_TITLE),
                    arguments={"meeting_id": meeting.pk, "rsvp_url_prefix": RSVP_PREFIX},
                    started_by=coordinator, municipality=meeting.body.municipality)
    job.refresh_from_db()
    assert job.status == BackgroundJob.Status.SUCCEEDED
    assert steps == [(1, 3), (2, 3), (3, 3)]
    assert (job.done, job.total) == (3, 3)
    assert job.result == {"sent": 2, "failed": 1, "failed_addresses": ["gast@beispiel.example"]}
    html = client_for(coordinator).get(f"/jobs/{job.pk}/").content.decode()
    assert "3 / 3" in html and "gast@beispiel.example" in html

    # The retry is a second job that sends only what failed.
    smtp.refused.clear()
    smtp.take()
    retry = job_start(kind=jobs.SEND_INVITATIONS, title=str(jobs.SEND_INVITATIONS_TITLE),
                      arguments={"meeting_id": meeting.pk, "rsvp_url_prefix": RSVP_PREFIX},
                      started_by=coordinator, municipality=meeting.body.municipality)
    retry.refresh_from_db()
    assert retry.result == {"sent": 1, "failed": 0, "failed_addresses": []}
    assert (retry.done, retry.total) == (1, 1)
    assert set(smtp.take()) == {"gast@beispiel.example"}


@pytest.mark.django_db(transaction=True)
def test_a_withdrawn_member_and_guest_receive_a_cancel_for_themselves_only(smtp, meeting):
    _send(meeting)
    smtp.take()
    tobias = meeting.body.members.get(actor__name="Tobias Krämer")
    assert [m.pk for m in services.body_member_remove(member=tobias)] == [meeting.pk]
    services.invitation_withdraw(invitation=meeting.invitations.get(is_guest=True))
    assert _send(meeting) == {"sent": 2, "failed": []}
    received = smtp.take()
    assert set(received) == {"tobias@beispiel.example", "gast@beispiel.example"}
    for address, message in received.items():
        calendar, event, method = _ics(message)
        assert str(calendar["METHOD"]) == "CANCEL" and method == "CANCEL"
        assert str(event["STATUS"]) == "CANCELLED"
        assert str(event["ATTENDEE"]).lower() == f"mailto:{address}"
        assert int(event["SEQUENCE"]) == meeting.sequence
        assert "nicht mehr eingeladen" in _text(message)
    assert _send(meeting) == {"sent": 0, "failed": []}

    # Cancelling the meeting later tells only Sabine, who is still invited.
    services.meeting_cancel(meeting=meeting)
    assert _send(meeting)["sent"] == 1
    assert set(smtp.take()) == {"sabine@beispiel.example"}
