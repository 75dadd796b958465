import re

import pytest
from django.core.management import call_command
from django.utils import timezone

from gemeinsam.actors.models import Actor, ActorKind, LegalBasis
from gemeinsam.core.models import Municipality
from gemeinsam.meetings import selectors
from gemeinsam.meetings.models import (
    ActionItem,
    ActionItemStatus,
    AgendaItem,
    Body,
    BodyKind,
    BodyRole,
    Invitation,
    Meeting,
    MeetingStatus,
    Rsvp,
)

PRIVATE_PERSON = "Gerhard Wolff"  # moderates the Runder Tisch; no public office


def _counts(municipality):
    return [
        Body.objects.filter(municipality=municipality).count(),
        Meeting.objects.filter(body__municipality=municipality).count(),
        AgendaItem.objects.filter(meeting__body__municipality=municipality).count(),
        Invitation.objects.filter(meeting__body__municipality=municipality).count(),
        ActionItem.objects.filter(meeting__body__municipality=municipality).count(),
    ]


@pytest.mark.django_db(transaction=True)
def test_demo_bodies_are_plausible_and_load_once():
    call_command("load_demo")
    ruesselsheim = Municipality.objects.get(slug="ruesselsheim-am-main")
    counts = _counts(ruesselsheim)
    call_command("load_demo")
    assert _counts(ruesselsheim) == counts
    now, today = timezone.now(), timezone.localdate()

    # The Runder Tisch: nine past meetings since 2021, each with its own focus topic.
    round_table = Body.objects.get(municipality=ruesselsheim, kind=BodyKind.ROUND_TABLE)
    assert round_table.public
    held = list(round_table.meetings.filter(starts_at__lt=now, status=MeetingStatus.HELD)
                .order_by("starts_at"))
    assert len(held) == 9
    assert held[0].starts_at.year == 2021
    assert len({meeting.focus_topic for meeting in held}) == 9
    for meeting in held:
        assert meeting.minutes_approved and meeting.minutes.startswith("# Protokoll")
        assert meeting.agenda.exists() and meeting.decisions.exists()
        assert meeting.invitations.filter(attended=True).exists()
        assert meeting.action_items.filter(measure__isnull=False).exists()
    assert round_table.members.filter(role=BodyRole.CHAIR).exists()
    assert round_table.members.filter(role=BodyRole.MINUTE_TAKER).exists()
    assert round_table.members.filter(position__title="Klimaschutzmanager:in").exists()
    assert round_table.members.filter(actor__kind=ActorKind.ORGANISATION).exists()
    assert Meeting.objects.filter(body__municipality=ruesselsheim,
                                  status=MeetingStatus.CANCELLED).exists()

    # Public minutes name office holders, but not private persons.
    person = Actor.objects.get(municipality=ruesselsheim, name=PRIVATE_PERSON)
    assert person.legal_basis != LegalBasis.LEGITIMATE_INTEREST
    assert any(PRIVATE_PERSON in meeting.minutes for meeting in held)
    surnames = {name.split()[-1] for name in selectors.private_names(ruesselsheim)}
    for body in Body.objects.filter(municipality=ruesselsheim, public=True):
        for meeting in body.meetings.filter(minutes_approved=True):
            public = selectors.public_minutes(meeting)
            assert PRIVATE_PERSON not in public
            for surname in surnames:
                assert not re.search(rf"\b{re.escape(surname)}\b", public), (meeting, surname)
        for text in [*ActionItem.objects.filter(meeting__body=body).values_list("what",
                                                                              flat=True),
                     *body.meetings.values_list("decisions__text", flat=True)]:
            assert PRIVATE_PERSON not in (text or "")
    assert "Ralf Obermeier" in selectors.public_minutes(held[1])  # a public office

    # The jour fixe: every six weeks, with open, overdue and done action items.
    jour_fixe = Body.objects.get(municipality=ruesselsheim, kind=BodyKind.JOUR_FIXE)
    assert not jour_fixe.public
    assert jour_fixe.recurrence == "FREQ=WEEKLY;INTERVAL=6;BYDAY=TU"
    assert jour_fixe.first_date.year == 2025
    past = jour_fixe.meetings.filter(starts_at__lt=now, status=MeetingStatus.HELD)
    assert past.count() >= 6 and all(meeting.minutes for meeting in past)
    items = ActionItem.objects.filter(meeting__body=jour_fixe)
    assert items.filter(status=ActionItemStatus.DONE, done_on__lt=today).exists()
    assert items.filter(status=ActionItemStatus.OPEN, due_on__gte=today).exists()
    overdue = selectors.action_items_overdue(municipality=ruesselsheim).filter(
        meeting__body=jour_fixe)
    assert overdue.exists()

    upcoming = jour_fixe.meetings.filter(starts_at__gt=now)
    assert upcoming.count() == 1
    next_meeting = upcoming.get()
    assert next_meeting.status == MeetingStatus.INVITED
    assert next_meeting.starts_at.weekday() == 1
    assert timezone.localtime(next_meeting.starts_at).hour == 17
    carried = next_meeting.agenda.filter(action_item__isnull=False)
    assert set(carried.values_list("action_item", flat=True)) == set(
        items.filter(status=ActionItemStatus.OPEN).values_list("pk", flat=True))
    assert next_meeting.invitations.count() >= 4
    answers = set(next_meeting.invitations.values_list("rsvp", flat=True))
    assert {Rsvp.YES, Rsvp.NO, Rsvp.PENDING} <= answers

    # The Klimabeirat: two past meetings, one upcoming.
    board = Body.objects.get(municipality=ruesselsheim, kind=BodyKind.ADVISORY_BOARD)
    assert board.public
    assert board.meetings.filter(starts_at__lt=now, status=MeetingStatus.HELD).count() == 2
    assert board.meetings.filter(starts_at__gt=now).count() == 1
