"""Every write of bodies and meetings."""

import datetime
import secrets
import smtplib

from dateutil.rrule import rrulestr
from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from gemeinsam.core.errors import DomainError, StaleEdit

from . import calendar, selectors
from .models import (
    ActionItem,
    ActionItemStatus,
    AgendaItem,
    Body,
    BodyMember,
    CalendarToken,
    Decision,
    Invitation,
    Meeting,
    MeetingStatus,
    Rsvp,
)

MEETING_FIELDS = {"starts_at", "ends_at", "place", "online_url", "focus_topic", "links"}
# Changes that the invited must hear about (RFC 5546: a new SEQUENCE).
CALENDAR_FIELDS = {"starts_at", "ends_at", "place", "online_url"}


class RsvpNotUsable(DomainError):
    """The RSVP link is unknown, its meeting cancelled, or the invitation withdrawn."""

    def __init__(self, reason, invitation=None):
        messages = {
            "unknown": _("This link is not valid. Please check that you copied it completely."),
            "cancelled": _("This meeting has been cancelled."),
            "withdrawn": _("This invitation has been withdrawn: you are no longer invited."),
            "past": _("This meeting has taken place already."),
        }
        super().__init__(messages[reason])
        self.reason, self.invitation = reason, invitation


RSVP_SALT = "gemeinsam.meetings.rsvp"


def rsvp_token(invitation):
    return signing.Signer(salt=RSVP_SALT).sign(str(invitation.pk))


def _check_municipality(municipality, *objects):
    for obj in objects:
        if obj is not None and obj.municipality_id != municipality.pk:
            raise DomainError(_("“%(object)s” belongs to another municipality.") % {"object": obj})


def _check_measure(municipality, measure):
    if measure is not None and measure.plan.municipality_id != municipality.pk:
        raise DomainError(_("“%(object)s” belongs to another municipality.") % {"object": measure})


# --- Bodies ----------------------------------------------------------------------------------


def body_create(*, municipality, name, kind, **fields):
    body = Body(municipality=municipality, name=name, kind=kind, **fields)
    body.full_clean()
    body.save()
    return body


def body_update(*, body, version, **fields):
    """Change a body; a save based on an outdated version is refused."""
    with transaction.atomic():
        saved = Body.objects.select_for_update().get(pk=body.pk)
        if saved.version != version:
            raise StaleEdit()
        for name, value in fields.items():
            setattr(saved, name, value)
        saved.full_clean()
        saved.version += 1
        saved.save()
    body.refresh_from_db()
    return body


def body_member_add(*, body, actor=None, position=None, role="member"):
    _check_municipality(body.municipality, actor, position)
    member = BodyMember(body=body, actor=actor, position=position, role=role)
    member.full_clean()
    member.save()
    return member


def body_member_remove(*, member):
    """Remove a member; their open invitations are withdrawn, so their RSVP link says so.
    Returns the meetings whose withdrawals are to be sent (the person had been invited)."""
    with transaction.atomic():
        person = member.actor
        if member.position_id:
            holding = member.position.holdings.filter(ended_on__isnull=True).first()
            person = holding.person if holding else None
        to_tell = []
        if person is not None:
            withdrawn = Invitation.objects.filter(
                actor=person, meeting__body=member.body, withdrawn_at__isnull=True,
                meeting__starts_at__gte=timezone.now())
            to_tell = list(withdrawn.filter(sent_at__isnull=False)
                           .values_list("meeting_id", flat=True))
            withdrawn.update(withdrawn_at=timezone.now(), send_error="")
        member.delete()
    return list(Meeting.objects.filter(pk__in=to_tell))


def next_dates(body, *, after=None, count=5):
    """The next start times the body's rhythm proposes."""
    if not (body.recurrence and body.first_date and body.start_time):
        return []
    start = timezone.make_aware(datetime.datetime.combine(body.first_date, body.start_time))
    try:
        rule = rrulestr(body.recurrence, dtstart=start)
    except (ValueError, TypeError):
        return []  # a rule the form let through but dateutil cannot combine with the start
    after = after or timezone.now()
    taken = set(body.meetings.values_list("starts_at", flat=True))
    dates, current = [], after
    while len(dates) < count:
        current = rule.after(current)
        if current is None:
            break
        if current not in taken:
            dates.append(current)
    return dates


# --- Meetings --------------------------------------------------------------------------------


def meeting_schedule(*, body, starts_at=None, ends_at=None, focus_topic="", place=None,
                     online_url=None, links=""):
    """Plan a meeting, by default at the next date of the body's rhythm.

    Its agenda starts with the body's open action items, so nothing agreed gets lost.
    """
    if starts_at is None:
        proposed = next_dates(body, count=1)
        if not proposed:
            raise DomainError(_("The body has no rhythm; please give a date."))
        starts_at = proposed[0]
    ends_at = ends_at or starts_at + datetime.timedelta(minutes=body.duration_minutes)
    meeting = Meeting(body=body, starts_at=starts_at, ends_at=ends_at, focus_topic=focus_topic,
                      links=links,
                      place=body.place if place is None else place,
                      online_url=body.online_url if online_url is None else online_url)
    meeting.full_clean()
    with transaction.atomic():
        meeting.save()
        open_items = ActionItem.objects.filter(meeting__body=body,
                                               status=ActionItemStatus.OPEN).order_by("due_on")
        AgendaItem.objects.bulk_create(
            AgendaItem(meeting=meeting, order=index, action_item=item,
                       title=_("Open action item: %(what)s") % {"what": item.what[:250]})
            for index, item in enumerate(open_items)
        )
    return meeting


def meeting_update(*, meeting, version, **fields):
    """Change a meeting; date or place changes raise the calendar SEQUENCE (send updates)."""
    unknown = set(fields) - MEETING_FIELDS
    if unknown:
        raise TypeError(f"unknown meeting fields: {sorted(unknown)}")
    if meeting.status == MeetingStatus.CANCELLED:
        raise DomainError(_("A cancelled meeting cannot be changed; schedule a new one."))
    rescheduled = any(getattr(meeting, name) != fields[name]
                      for name in ("starts_at", "ends_at") if name in fields)
    moved = any(getattr(meeting, name) != value for name, value in fields.items()
                if name in CALENDAR_FIELDS)
    for name, value in fields.items():
        setattr(meeting, name, value)
    meeting.full_clean()
    changes = dict(fields, version=F("version") + 1)
    if moved:
        changes["sequence"] = F("sequence") + 1
    with transaction.atomic():
        if not Meeting.objects.filter(pk=meeting.pk, version=version).update(**changes):
            raise StaleEdit()
        if rescheduled:
            # A yes for the old date is no yes for the new one.
            meeting.invitations.update(rsvp=Rsvp.PENDING, answered_at=None)
    meeting.refresh_from_db()
    return meeting


def meeting_cancel(*, meeting):
    if meeting.status == MeetingStatus.CANCELLED:
        raise DomainError(_("The meeting is cancelled already."))
    Meeting.objects.filter(pk=meeting.pk).update(status=MeetingStatus.CANCELLED,
                                                 sequence=F("sequence") + 1,
                                                 version=F("version") + 1)
    meeting.refresh_from_db()
    return meeting


def agenda_item_add(*, meeting, title, owner=None, duration_minutes=None, measures=()):
    _check_municipality(meeting.body.municipality, owner)
    order = (meeting.agenda.order_by("-order").values_list("order", flat=True).first() or 0) + 1
    item = AgendaItem(meeting=meeting, title=title, owner=owner, order=order,
                      duration_minutes=duration_minutes)
    item.full_clean()
    with transaction.atomic():
        item.save()
        item.measures.set(measures)
    return item


def _save_versioned(obj, version, fields):
    """Save `fields` on `obj` unless someone saved it since `version` was read."""
    for name, value in fields.items():
        setattr(obj, name, value)
    obj.full_clean()
    with transaction.atomic():
        changes = {name: getattr(obj, name) for name in fields}
        if not type(obj).objects.filter(pk=obj.pk, version=version).update(
                **changes, version=F("version") + 1):
            raise StaleEdit()
    obj.refresh_from_db()
    return obj


def agenda_item_update(*, item, version, title, owner=None, duration_minutes=None,
                       measures=()):
    _check_municipality(item.meeting.body.municipality, owner)
    with transaction.atomic():
        _save_versioned(item, version, {"title": title, "owner": owner,
                                        "duration_minutes": duration_minutes})
        item.measures.set(measures)
    return item


def agenda_item_remove(*, item):
    item.delete()


def agenda_item_move(*, item, up):
    """Swap the item with its neighbour above (`up`) or below; numbers the agenda afresh so
    that items created with equal numbers get a definite order."""
    with transaction.atomic():
        items = list(AgendaItem.objects.select_for_update().filter(meeting=item.meeting_id)
                     .order_by("order", "pk"))
        index = next(i for i, other in enumerate(items) if other.pk == item.pk)
        target = index - 1 if up else index + 1
        if 0 <= target < len(items):
            items[index], items[target] = items[target], items[index]
        for order, other in enumerate(items, start=1):
            other.order = order
        AgendaItem.objects.bulk_update(items, ["order"])


def decision_update(*, decision, version, text):
    return _save_versioned(decision, version, {"text": text})


def decision_remove(*, decision):
    decision.delete()


# --- Invitations -----------------------------------------------------------------------------


def _member_addresses(body):
    """(actor, e-mail, name) of every member; a position invites its current holder."""
    return selectors.member_addresses(body)


def invitations_create(*, meeting, guests=()):
    """Invite the body's members and the given guests (e-mail, name); returns who has no
    e-mail address, so that nobody is dropped silently. Someone removed and added again is
    invited again, with the same link."""
    if meeting.status == MeetingStatus.CANCELLED:
        raise DomainError(_("The meeting is cancelled."))
    members, missing = _member_addresses(meeting.body)
    wanted = [(a, e, n, False) for a, e, n in members] + [(None, e, n, True) for e, n in guests]
    known = {i.email.lower(): i for i in meeting.invitations.all()}
    created, renewed = [], []
    with transaction.atomic():
        for actor, email, name, is_guest in wanted:
            previous = known.get(email.lower())
            if previous is not None:
                if previous.withdrawn_at is not None and previous.pk not in renewed:
                    renewed.append(previous.pk)
                continue
            invitation = Invitation(meeting=meeting, actor=actor, email=email, name=name,
                                    is_guest=is_guest)
            invitation.full_clean()
            known[email.lower()] = invitation
            created.append(invitation)
        Invitation.objects.bulk_create(created)
        Invitation.objects.filter(pk__in=renewed).update(
            withdrawn_at=None, withdrawal_sent_at=None, sent_sequence=-1, rsvp=Rsvp.PENDING,
            answered_at=None)
        if meeting.status == MeetingStatus.PLANNED:
            Meeting.objects.filter(pk=meeting.pk).update(status=MeetingStatus.INVITED)
    meeting.refresh_from_db()
    return {"created": len(created) + len(renewed), "missing": missing}


def invitations_send(*, meeting, build_url, progress=None):
    """Send what each invited person has not yet received: the invitation, an update or the
    cancellation, with a fresh personal RSVP link and the .ics attached.

    Failures are kept on the invitation and reported, and a later run retries them.
    """
    unsent = meeting.invitations.filter(withdrawn_at__isnull=True,
                                        sent_sequence__lt=meeting.sequence)
    if meeting.status == MeetingStatus.CANCELLED:
        # Who never got the invitation needs no cancellation either.
        unsent = unsent.filter(sent_sequence__gte=0)
    pending = list(unsent.order_by("pk")) + list(selectors.withdrawals_unsent(meeting=meeting))
    sent, failed = 0, []
    for index, invitation in enumerate(pending, start=1):
        withdrawn = invitation.withdrawn_at is not None
        # Claim the row first: a second sending job (a double click, two workers) skips it.
        claimed = (Invitation.objects.filter(pk=invitation.pk, withdrawal_sent_at__isnull=True)
                   .update(withdrawal_sent_at=timezone.now()) if withdrawn else
                   Invitation.objects.filter(pk=invitation.pk,
                                             sent_sequence=invitation.sent_sequence)
                   .update(sent_sequence=meeting.sequence))
        if not claimed:
            continue
        try:
            _send_invitation(meeting, invitation, build_url(rsvp_token(invitation)))
        except (smtplib.SMTPException, OSError, ValueError) as error:
            # Unclaimed again, so that the next run retries it.
            unclaim = ({"withdrawal_sent_at": None} if withdrawn
                       else {"sent_sequence": invitation.sent_sequence})
            Invitation.objects.filter(pk=invitation.pk).update(
                **unclaim, send_error=str(error)[:300] or error.__class__.__name__)
            failed.append((invitation.email, str(error)))
        else:
            Invitation.objects.filter(pk=invitation.pk).update(sent_at=timezone.now(),
                                                                send_error="")
            sent += 1
        if progress:
            progress(index, len(pending))
    return {"sent": sent, "failed": failed}


def _send_invitation(meeting, invitation, url):
    cancelled = meeting.status == MeetingStatus.CANCELLED
    update = invitation.sent_sequence >= 0 and not cancelled
    template = ("withdrawal" if invitation.withdrawn_at else "cancellation" if cancelled
                else "update" if update else "invitation")
    _send(meeting, invitation, url, f"meetings/email/{template}")


def _send(meeting, invitation, url, template):
    cancelled = meeting.status == MeetingStatus.CANCELLED or invitation.withdrawn_at
    # People of the alliance have no account and so no language setting: the platform's own.
    with translation.override(settings.LANGUAGE_CODE):
        context = {"meeting": meeting, "invitation": invitation, "url": url,
                   "platform_name": settings.PLATFORM_NAME}
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}.txt", context)
    message = EmailMessage(subject=" ".join(subject.split()), body=body, to=[invitation.email])
    method = "CANCEL" if cancelled else "REQUEST"
    message.attach("einladung.ics", calendar.invitation_ics(meeting, invitation),
                   f"text/calendar; charset=utf-8; method={method}")
    message.send()


def meeting_reminders_send(*, on, days_ahead=2, build_url):
    """Remind everyone who has not declined, `days_ahead` days before a meeting, once.

    Returns how many reminders went out; failures are kept like those of the invitations.
    """
    day = on + datetime.timedelta(days=days_ahead)
    due = (Invitation.objects.filter(
        meeting__starts_at__date=day, withdrawn_at__isnull=True, reminded_at__isnull=True,
        sent_at__isnull=False,
    ).exclude(meeting__status=MeetingStatus.CANCELLED).exclude(rsvp=Rsvp.NO)
        .select_related("meeting__body__municipality"))
    sent = 0
    for invitation in due:
        meeting = invitation.meeting
        url = build_url(meeting.body.municipality.slug, rsvp_token(invitation))
        try:
            _send(meeting, invitation, url, "meetings/email/reminder")
        except (smtplib.SMTPException, OSError, ValueError) as error:
            Invitation.objects.filter(pk=invitation.pk).update(
                send_error=str(error)[:300] or error.__class__.__name__)
        else:
            Invitation.objects.filter(pk=invitation.pk).update(reminded_at=timezone.now())
            sent += 1
    return sent


def invitation_get_by_token(*, token):
    try:
        pk = signing.Signer(salt=RSVP_SALT).unsign(token)
    except signing.BadSignature:
        raise RsvpNotUsable("unknown") from None
    invitation = (Invitation.objects.select_related("meeting__body__municipality")
                  .filter(pk=pk).first())
    if invitation is None:
        raise RsvpNotUsable("unknown")
    if invitation.withdrawn_at:
        raise RsvpNotUsable("withdrawn", invitation)
    if invitation.meeting.status == MeetingStatus.CANCELLED:
        raise RsvpNotUsable("cancelled", invitation)
    return invitation


def rsvp_answer(*, token, answer, note=""):
    invitation = invitation_get_by_token(token=token)
    if invitation.meeting.ends_at < timezone.now():
        raise RsvpNotUsable("past", invitation)
    if answer not in (Rsvp.YES, Rsvp.NO, Rsvp.MAYBE):
        raise DomainError(_("Please answer yes, no or maybe."))
    invitation.rsvp, invitation.note, invitation.answered_at = answer, note[:500], timezone.now()
    invitation.save(update_fields=["rsvp", "note", "answered_at"])
    return invitation


def invitation_withdraw(*, invitation):
    """Take someone off the list; who had received the invitation is told by the next
    mail-out (iTIP CANCEL), so the meeting leaves their calendar."""
    if invitation.withdrawn_at is None:
        Invitation.objects.filter(pk=invitation.pk).update(withdrawn_at=timezone.now(),
                                                           send_error="")
        invitation.refresh_from_db()
    return invitation


# --- During and after ------------------------------------------------------------------------


def attendance_record(*, meeting, present):
    """Who came: `present` holds invitation ids; everyone else invited did not attend."""
    with transaction.atomic():
        meeting.invitations.update(attended=False)
        meeting.invitations.filter(pk__in=list(present)).update(attended=True)
        Meeting.objects.filter(pk=meeting.pk).exclude(status=MeetingStatus.CANCELLED).update(
            status=MeetingStatus.HELD)
    meeting.refresh_from_db()


def minutes_template(meeting):
    """Markdown minutes to start from: one heading per agenda item."""
    lines = [f"# {meeting}", ""]
    if meeting.focus_topic:
        lines += [f"{_('Focus topic')}: {meeting.focus_topic}", ""]
    for number, item in enumerate(meeting.agenda.all(), start=1):
        lines += [f"## {number}. {item.title}", "", ""]
    return "\n".join(lines)


def minutes_save(*, meeting, version, minutes, approved=False):
    with transaction.atomic():
        if not Meeting.objects.filter(pk=meeting.pk, version=version).update(
                minutes=minutes, minutes_approved=approved, version=F("version") + 1):
            raise StaleEdit()
    meeting.refresh_from_db()
    return meeting


def decision_add(*, meeting, text):
    decision = Decision(meeting=meeting, text=text)
    decision.full_clean()
    decision.save()
    return decision


def action_item_add(*, meeting, what, owner_actor=None, owner_position=None, due_on=None,
                    measure=None):
    municipality = meeting.body.municipality
    _check_municipality(municipality, owner_actor, owner_position)
    _check_measure(municipality, measure)
    item = ActionItem(meeting=meeting, what=what, owner_actor=owner_actor,
                      owner_position=owner_position, due_on=due_on, measure=measure)
    item.full_clean()
    item.save()
    return item


def action_item_update(*, item, version, what, owner_actor=None, owner_position=None,
                       due_on=None, measure=None):
    municipality = item.meeting.body.municipality
    _check_municipality(municipality, owner_actor, owner_position)
    _check_measure(municipality, measure)
    return _save_versioned(item, version, {
        "what": what, "owner_actor": owner_actor, "owner_position": owner_position,
        "due_on": due_on, "measure": measure})


def action_item_remove(*, item):
    """Remove an action item recorded by mistake, and with it its place on later agendas.
    (Done or dropped items keep their status instead.)"""
    with transaction.atomic():
        AgendaItem.objects.filter(action_item=item).delete()
        item.delete()


def action_item_set_status(*, item, status):
    item.status = status
    item.done_on = timezone.localdate() if status == ActionItemStatus.DONE else None
    item.full_clean()
    item.save(update_fields=["status", "done_on"])
    return item


# --- Private calendar ------------------------------------------------------------------------


def calendar_token_renew(*, user):
    """A new secret address for the person's private feed; the old one stops working."""
    token, _created = CalendarToken.objects.update_or_create(
        user=user, defaults={"token": secrets.token_urlsafe(32)})
    return token
