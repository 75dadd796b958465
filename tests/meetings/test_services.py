import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from gemeinsam.core.errors import DomainError, StaleEdit
from gemeinsam.meetings import selectors, services
from gemeinsam.meetings.forms import rhythm_in_words
from gemeinsam.meetings.models import ActionItemStatus, Body, MeetingStatus
from tests.meetings import factories
from tests.meetings.factories import (
    jour_fixe,
    meeting,
    organisation,
    person,
    position_held_by,
    round_table,
)

pytestmark = pytest.mark.django_db
BERLIN = timezone.get_default_timezone()


def _at(day, hour=17):
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=BERLIN)


# --- The rhythm -----------------------------------------------------------------------------


def test_every_six_weeks_on_tuesday_at_five_also_across_daylight_saving(municipality):
    body = jour_fixe(municipality, first_date=datetime.date(2026, 1, 6))
    dates = services.next_dates(body, after=_at(datetime.date(2026, 1, 1)), count=4)
    assert dates == [_at(datetime.date(2026, 1, 6)), _at(datetime.date(2026, 2, 17)),
                     _at(datetime.date(2026, 3, 31)), _at(datetime.date(2026, 5, 12))]
    assert {timezone.localtime(date).hour for date in dates} == {17}  # before and after March 29


def test_dates_taken_by_a_meeting_are_not_proposed_again(municipality):
    body = jour_fixe(municipality, first_date=datetime.date(2026, 1, 6))
    services.meeting_schedule(body=body, starts_at=_at(datetime.date(2026, 1, 6)))
    assert services.next_dates(body, after=_at(datetime.date(2026, 1, 1)), count=1) == [
        _at(datetime.date(2026, 2, 17))]


def test_a_body_without_rhythm_proposes_nothing_and_needs_a_date(municipality):
    body = round_table(municipality)
    assert services.next_dates(body) == []
    with pytest.raises(DomainError):
        services.meeting_schedule(body=body)


@pytest.mark.parametrize(("rule", "words"), [
    ("FREQ=WEEKLY;INTERVAL=6;BYDAY=TU", "every 6 weeks on Tuesday at 5 p.m."),
    ("FREQ=WEEKLY;BYDAY=MO,TH", "every week on Monday, Thursday at 5 p.m."),
    ("FREQ=MONTHLY;BYDAY=1WE", "every month on the first Wednesday at 5 p.m."),
    ("FREQ=MONTHLY;INTERVAL=3;BYDAY=-1FR", "every 3 months on the last Friday at 5 p.m."),
    ("FREQ=MONTHLY;BYMONTHDAY=15", "FREQ=MONTHLY;BYMONTHDAY=15"),
    ("", ""),
])
def test_the_rhythm_in_words(rule, words):
    body = Body(recurrence=rule, start_time=datetime.time(17, 0))
    with translation.override("en"):
        assert rhythm_in_words(body) == words
    with translation.override("de"):
        assert not rule or "17:00" in rhythm_in_words(body) or "=" in rhythm_in_words(body)


# --- Meetings -------------------------------------------------------------------------------


def test_the_next_meeting_starts_with_the_open_action_items(municipality):
    body = jour_fixe(municipality)
    earlier = meeting(body, days=-20)
    owner = organisation(municipality, "Stadtwerke")
    services.action_item_add(meeting=earlier, what="Förderantrag prüfen", owner_actor=owner)
    done = services.action_item_add(meeting=earlier, what="Erledigt", owner_actor=owner)
    services.action_item_set_status(item=done, status=ActionItemStatus.DONE)
    proposed = services.next_dates(body, count=1)[0]
    upcoming = services.meeting_schedule(body=body)
    assert upcoming.starts_at == proposed > timezone.now()
    assert [item.action_item.what for item in upcoming.agenda.all()] == ["Förderantrag prüfen"]
    assert upcoming.place == body.place


def test_moving_a_meeting_raises_its_calendar_sequence_and_stale_edits_fail(municipality):
    upcoming = meeting(jour_fixe(municipality))
    services.meeting_update(meeting=upcoming, version=1, focus_topic="Wärme")
    assert (upcoming.version, upcoming.sequence) == (2, 0)
    services.meeting_update(meeting=upcoming, version=2, place="Online")
    assert (upcoming.version, upcoming.sequence) == (3, 1)
    with pytest.raises(StaleEdit):
        services.meeting_update(meeting=upcoming, version=2, focus_topic="Zu spät")
    with pytest.raises(ValidationError):
        services.meeting_update(meeting=upcoming, version=3, ends_at=upcoming.starts_at)


def test_a_meeting_is_cancelled_once(municipality):
    upcoming = meeting(jour_fixe(municipality))
    services.meeting_cancel(meeting=upcoming)
    assert (upcoming.status, upcoming.sequence) == (MeetingStatus.CANCELLED, 1)
    with pytest.raises(DomainError):
        services.meeting_cancel(meeting=upcoming)
    with pytest.raises(DomainError):
        services.invitations_create(meeting=upcoming)


# --- Invitations ----------------------------------------------------------------------------


def test_members_positions_and_guests_are_invited_once_and_the_unreachable_reported(
        municipality):
    body = jour_fixe(municipality)
    anna = person(municipality, "Anna Privat", email="anna@privat.example")
    services.body_member_add(body=body, actor=anna)
    services.body_member_add(body=body, actor=person(municipality, "Ohne Adresse", email=""))
    services.body_member_add(body=body, position=position_held_by(
        municipality, "Leitung Umweltamt", person(municipality, "Ina Amt",
                                                  email="ina@stadt.example")))
    vacant = position_held_by(municipality, "Vakant", person(municipality, "Weg"))
    from gemeinsam.actors import services as actor_services

    actor_services.position_hand_over(position=vacant, person=None,
                                      on=datetime.date(2026, 1, 1), recorded_by=None)
    services.body_member_add(body=body, position=vacant)
    upcoming = meeting(body)
    result = services.invitations_create(meeting=upcoming, guests=[
        ("ANNA@privat.example", "Doppelt"), ("gast@example.org", "Gustav Gast")])
    assert result["created"] == 3
    assert [str(nobody) for nobody in result["missing"]] == ["Ohne Adresse", "Vakant"]
    assert upcoming.status == MeetingStatus.INVITED
    again = services.invitations_create(meeting=upcoming, guests=[("gast@example.org", "")])
    assert again["created"] == 0


def test_a_cancellation_goes_only_to_those_who_got_the_invitation(municipality):
    body = jour_fixe(municipality)
    services.body_member_add(body=body, actor=person(municipality, "Anna",
                                                     email="anna@privat.example"))
    upcoming = meeting(body)
    services.invitations_create(meeting=upcoming)
    services.invitations_send(meeting=upcoming, build_url=lambda token: f"/antwort/{token}/")
    services.invitations_create(meeting=upcoming, guests=[("spaet@example.org", "Spät")])
    services.meeting_cancel(meeting=upcoming)
    result = services.invitations_send(meeting=upcoming,
                                       build_url=lambda token: f"/antwort/{token}/")
    assert result == {"sent": 1, "failed": []}
    assert [m.to for m in mail.outbox] == [["anna@privat.example"], ["anna@privat.example"]]
    assert not selectors.meeting_detail(meeting=upcoming, public=False)["unsent"]


def test_a_removed_member_is_withdrawn_from_coming_meetings_only(municipality):
    body = jour_fixe(municipality)
    anna = person(municipality, "Anna", email="anna@privat.example")
    member = services.body_member_add(body=body, actor=anna)
    past, upcoming = meeting(body, days=-7), meeting(body, days=7)
    services.invitations_create(meeting=past)
    services.invitations_create(meeting=upcoming)
    services.body_member_remove(member=member)
    assert past.invitations.get().withdrawn_at is None
    assert upcoming.invitations.get().withdrawn_at is not None


def test_members_and_owners_must_belong_to_the_municipality(municipality, other_municipality):
    body = jour_fixe(municipality)
    stranger = person(other_municipality, "Fremd")
    with pytest.raises(DomainError):
        services.body_member_add(body=body, actor=stranger)
    with pytest.raises(DomainError):
        services.action_item_add(meeting=meeting(body), what="x", owner_actor=stranger)


# --- During and after -----------------------------------------------------------------------


def test_minutes_start_from_the_agenda_and_stale_saves_fail(municipality):
    held = meeting(jour_fixe(municipality), days=-1, focus_topic="Wärmeplanung")
    services.agenda_item_add(meeting=held, title="Bericht aus dem Umweltamt")
    template = services.minutes_template(held)
    assert "Wärmeplanung" in template and "## 1. Bericht aus dem Umweltamt" in template
    services.minutes_save(meeting=held, version=1, minutes=template, approved=True)
    with pytest.raises(StaleEdit):
        services.minutes_save(meeting=held, version=1, minutes="alt")
    assert held.minutes_approved and held.version == 2


def test_open_action_items_of_an_actor_its_people_and_its_positions(municipality):
    stadtwerke = organisation(municipality, "Stadtwerke")
    worker = person(municipality, "Karl Werker", parent=stadtwerke)
    holder = person(municipality, "Ina Amt")
    position = position_held_by(municipality, "Leitung Umweltamt", holder)
    former = person(municipality, "Früher")
    old_position = position_held_by(municipality, "Alt", former,
                                    since=datetime.date(2020, 1, 1))
    from gemeinsam.actors import services as actor_services

    actor_services.position_hand_over(position=old_position, person=holder,
                                      on=datetime.date(2025, 1, 1), recorded_by=None)
    held = meeting(jour_fixe(municipality), days=-1)
    own = services.action_item_add(meeting=held, what="Selbst", owner_actor=stadtwerke,
                                   due_on=datetime.date(2020, 1, 1))
    staff = services.action_item_add(meeting=held, what="Mitarbeiter", owner_actor=worker)
    office = services.action_item_add(meeting=held, what="Amt", owner_position=position)
    handed_over = services.action_item_add(meeting=held, what="Alt", owner_position=old_position)
    services.action_item_set_status(
        item=services.action_item_add(meeting=held, what="Erledigt", owner_actor=stadtwerke),
        status=ActionItemStatus.DONE)

    def open_for(actor):
        return set(selectors.action_items_open(municipality=municipality, actor=actor))

    assert open_for(stadtwerke) == {own, staff}
    assert open_for(holder) == {office, handed_over}
    assert open_for(former) == set()
    assert list(selectors.action_items_overdue(municipality=municipality)) == [own]


def test_public_minutes_drop_private_names_but_not_public_offices_or_parts_of_words(
        municipality, member):
    private = person(municipality, "Eva")
    person(municipality, "Dr. Ilse Amt", legal_basis="legitimate_interest")
    held = meeting(round_table(municipality), days=-1)
    services.minutes_save(meeting=held, version=1, approved=True, minutes=(
        "Eva berichtet über Evakuierungspläne. Dr. Ilse Amt antwortet. Jonas Becker notiert."))
    assert private.name in selectors.private_names(municipality)
    assert member.display_name in selectors.private_names(municipality)
    assert selectors.public_minutes(held) == (
        "[…] berichtet über Evakuierungspläne. Dr. Ilse Amt antwortet. […] notiert.")


def test_reminders_go_two_days_ahead_once_and_not_to_those_who_declined(municipality,
                                                                          mailoutbox):
    body = factories.jour_fixe(municipality)
    coming = factories.person(municipality, "Kommt Gern", email="kommt@example.org")
    declined = factories.person(municipality, "Sagt Ab", email="absage@example.org")
    for actor in (coming, declined):
        services.body_member_add(body=body, actor=actor)
    soon = factories.meeting(body, days=2)
    services.invitations_create(meeting=soon)
    services.invitations_send(meeting=soon, build_url=lambda token: f"/a/{token}/")
    refusal = soon.invitations.get(email="absage@example.org")
    services.rsvp_answer(token=services.rsvp_token(refusal), answer="no")
    mailoutbox.clear()

    def build_url(slug, token):
        return f"/{slug}/antwort/{token}/"

    assert services.meeting_reminders_send(on=timezone.localdate(), build_url=build_url) == 1
    assert [m.to for m in mailoutbox] == [["kommt@example.org"]]
    assert municipality.slug in mailoutbox[0].body
    assert services.meeting_reminders_send(on=timezone.localdate(), build_url=build_url) == 0


def test_documents_must_be_web_addresses(municipality):
    body = factories.jour_fixe(municipality)
    with pytest.raises(ValidationError):
        factories.meeting(body, links="javascript:alert(1)")
    meeting = factories.meeting(body, links="https://example.org/vorlage.pdf\n")
    assert meeting.link_list == ["https://example.org/vorlage.pdf"]


def test_what_the_public_sees_of_a_meeting(municipality):
    body = factories.round_table(municipality)
    first = factories.meeting(body, days=-30)
    services.action_item_add(meeting=first, what="Interne Absprache mit dem Kämmerer")
    services.minutes_save(meeting=first, version=first.version, approved=True, minutes=(
        "Rückfragen an anna.privat@example.org oder 06142 555-0199."))
    nxt = factories.meeting(body, days=10)
    services.agenda_item_add(meeting=nxt, title="Bericht der Stadtwerke")
    shown = selectors.meeting_detail(meeting=nxt, public=True)
    assert [item.title for item in shown["agenda"]] == ["Bericht der Stadtwerke"]
    first.refresh_from_db()
    minutes = selectors.meeting_detail(meeting=first, public=True)["minutes"]
    assert "anna.privat@example.org" not in minutes and "555-0199" not in minutes


def test_a_rhythm_with_an_end_proposes_dates_or_none_but_never_fails(municipality):
    body = factories.jour_fixe(municipality, recurrence="FREQ=WEEKLY;UNTIL=20271231")
    assert isinstance(services.next_dates(body), list)


def test_rescheduling_asks_again_and_a_cancelled_meeting_stays_as_it_is(municipality):
    body = factories.jour_fixe(municipality)
    services.body_member_add(body=body, actor=factories.person(
        municipality, "Sagt Zu", email="zusage@example.org"))
    meeting = factories.meeting(body, days=10)
    services.invitations_create(meeting=meeting)
    invitation = meeting.invitations.get()
    services.rsvp_answer(token=services.rsvp_token(invitation), answer="yes")
    services.meeting_update(meeting=meeting, version=meeting.version,
                            starts_at=meeting.starts_at + datetime.timedelta(days=1),
                            ends_at=meeting.ends_at + datetime.timedelta(days=1))
    invitation.refresh_from_db()
    assert invitation.rsvp == "pending"
    services.meeting_cancel(meeting=meeting)
    with pytest.raises(DomainError):
        services.meeting_update(meeting=meeting, version=meeting.version, place="Anderswo")


def test_a_member_removed_and_added_again_is_invited_again(municipality):
    body = factories.jour_fixe(municipality)
    actor = factories.person(municipality, "Wieder Da", email="wieder@example.org")
    member = services.body_member_add(body=body, actor=actor)
    meeting = factories.meeting(body, days=10)
    services.invitations_create(meeting=meeting)
    services.body_member_remove(member=member)
    services.body_member_add(body=body, actor=actor)
    assert services.invitations_create(meeting=meeting)["created"] == 1
    invitation = meeting.invitations.get()
    assert invitation.withdrawn_at is None
    assert services.invitation_get_by_token(token=services.rsvp_token(invitation)) == invitation


def test_a_stale_body_edit_is_refused(municipality):
    body = factories.jour_fixe(municipality)
    services.body_update(body=body, version=1, purpose="Neu")
    with pytest.raises(StaleEdit):
        services.body_update(body=body, version=1, purpose="Überschrieben")
    body.refresh_from_db()
    assert body.purpose == "Neu" and body.version == 2


def test_removing_a_position_withdraws_its_holders_invitations(municipality, member):
    from gemeinsam.actors import services as actor_services

    body = factories.jour_fixe(municipality)
    holder = factories.person(municipality, "Amts Leiterin", email="leitung@example.org",
                              legal_basis="legitimate_interest")
    position = actor_services.position_create(municipality=municipality, title="Amtsleitung")
    actor_services.position_hand_over(position=position, person=holder,
                                      on=datetime.date(2025, 1, 1), recorded_by=member)
    seat = services.body_member_add(body=body, position=position)
    meeting = factories.meeting(body, days=10)
    services.invitations_create(meeting=meeting)
    services.body_member_remove(member=seat)
    assert meeting.invitations.get().withdrawn_at is not None
