"""Every read of bodies and meetings. `public` readers see public bodies, their dates and
approved minutes, never invitations, answers, notes or private persons' names."""

import re
from collections import Counter

from django.db.models import Case, Count, IntegerField, Prefetch, Q, Value, When
from django.http import Http404
from django.utils import timezone

from gemeinsam.accounts.models import User
from gemeinsam.actors.models import Actor, ActorKind, LegalBasis, PositionHolding
from gemeinsam.actors.rules import sees_only_shared, withheld
from gemeinsam.monitoring.models import Measure

from .models import ActionItem, ActionItemStatus, Body, BodyRole, Meeting, MeetingStatus


def bodies_visible(*, municipality, public):
    bodies = Body.objects.filter(municipality=municipality)
    return bodies.filter(public=True) if public else bodies


def body_list(*, municipality, public):
    now = timezone.now()
    return bodies_visible(municipality=municipality, public=public).annotate(
        # distinct: the join with the action items repeats each meeting once per item.
        meeting_count=Count("meetings", filter=~Q(meetings__status=MeetingStatus.CANCELLED),
                            distinct=True),
        open_items=Count("meetings__action_items",
                         filter=Q(meetings__action_items__status=ActionItemStatus.OPEN),
                         distinct=True),
    ).prefetch_related(Prefetch(
        "meetings", Meeting.objects.filter(starts_at__gte=now).exclude(
            status=MeetingStatus.CANCELLED).order_by("starts_at"), to_attr="upcoming"))


def body_get(*, municipality, public, pk):
    try:
        return bodies_visible(municipality=municipality, public=public).get(pk=pk)
    except Body.DoesNotExist:
        raise Http404 from None


def meetings_of(*, body):
    return body.meetings.annotate(
        invited=Count("invitations", filter=Q(invitations__withdrawn_at__isnull=True),
                      distinct=True),
        coming=Count("invitations", filter=Q(invitations__rsvp="yes",
                                             invitations__withdrawn_at__isnull=True),
                     distinct=True),
    ).order_by("-starts_at")


def meeting_get(*, municipality, public, pk):
    try:
        return Meeting.objects.select_related("body").get(
            pk=pk, body__in=bodies_visible(municipality=municipality, public=public))
    except Meeting.DoesNotExist:
        raise Http404 from None


def body_members(*, body, public):
    """Chair and minute-taker first. The public sees organisations, positions and the persons
    who agreed to be named, never who holds a position."""
    members = body.members.select_related("actor__sector", "position").order_by(
        Case(When(role=BodyRole.CHAIR, then=Value(0)),
             When(role=BodyRole.MINUTE_TAKER, then=Value(1)), default=Value(2),
             output_field=IntegerField()),
        "actor__name", "position__title")
    if public:
        return members.exclude(actor__kind=ActorKind.PERSON, actor__named_in_public=False)
    return members.prefetch_related(Prefetch(
        "position__holdings", PositionHolding.objects.filter(ended_on__isnull=True)
        .select_related("person"), to_attr="current_holdings"))


def mark_withheld(user, municipality, *, invitations=(), agenda=(), action_items=(),
                  members=(), people=()):
    """Marks whom `user` must not see by name: the administration sees only the actors the
    team shares with it, in meetings as in the alliance. Guests invited by address are
    nobody's secret. Uses the loaded rows, no query."""
    if not sees_only_shared(user, municipality):
        return

    def hidden(actor):
        return withheld(user, municipality, actor)

    for invitation in invitations:
        invitation.withheld = hidden(invitation.actor)
    for item in agenda:
        item.owner_withheld = hidden(item.owner)
    for item in action_items:
        item.owner_withheld = hidden(item.owner_actor)
    for member in members:
        member.withheld = hidden(member.actor)
        for holding in getattr(member.position, "current_holdings", ()):
            holding.withheld = hidden(holding.person)
    for person in people:  # actors, and positions, which are no secret
        person.withheld = isinstance(person, Actor) and hidden(person)


def member_addresses(body):
    """(person, e-mail, name) of every member, and who cannot be invited for lack of an
    address (persons, or positions nobody holds); a position invites its current holder."""
    found, missing = [], []
    for member in body.members.select_related("actor", "position").prefetch_related(
            "position__holdings__person"):
        person = member.actor
        if member.position_id:
            holding = next((h for h in member.position.holdings.all() if h.ended_on is None),
                           None)
            person = holding.person if holding else None
            if person is None:
                missing.append(member.position)
                continue
        if person.erased_at or not person.email:
            missing.append(person)
            continue
        found.append((person, person.email, person.name))
    return found, missing


def meeting_detail(*, meeting, public):
    """What a meeting's page shows. The public gets the agenda and, once the minutes are
    approved, the decisions and minutes, all without private persons' names; never
    invitations, answers, notes or action items."""
    measures = Measure.objects.order_by("code")
    if public:
        measures = measures.filter(published=True)
    agenda = list(meeting.agenda.select_related("owner", "action_item").prefetch_related(
        Prefetch("measures", measures)))
    context = {"agenda": agenda}
    if public:
        scrub = scrubber(meeting.body.municipality)
        approved = meeting.minutes_approved
        # Carried-over action items are the team's internal business.
        agenda = [item for item in agenda if item.action_item_id is None]
        context["agenda"] = agenda
        for item in agenda:
            item.title = scrub(item.title)
            if item.owner is not None and item.owner.kind == ActorKind.PERSON and not (
                    item.owner.named_in_public):
                item.owner = None
        decisions = list(meeting.decisions.all()) if approved else []
        for decision in decisions:
            decision.text = scrub(decision.text)
        context.update(decisions=decisions, action_items=[],
                       minutes=scrub(meeting.minutes) if approved else "")
        return context
    invitations = list(meeting.invitations.select_related("actor"))
    current = [i for i in invitations if i.withdrawn_at is None]
    cancelled = meeting.status == MeetingStatus.CANCELLED
    withdrawals = [i for i in invitations if i.withdrawn_at and i.sent_at
                   and not i.withdrawal_sent_at
                   and not (cancelled and i.sent_sequence >= meeting.sequence)]
    context.update(
        decisions=meeting.decisions.all(),
        action_items=list(meeting.action_items.select_related("owner_actor", "owner_position",
                                                              "measure")),
        minutes=meeting.minutes,
        invitations=invitations,
        rsvp_counts=Counter(i.rsvp for i in current),
        problems=[i for i in current if i.send_error
                  and not (cancelled and i.sent_sequence < 0)]
        + [i for i in withdrawals if i.send_error],
        # What the next mail-out will send: new invitations, updates, the cancellation, and
        # the withdrawals.
        unsent=[i for i in current if not i.send_error and i.sent_sequence < meeting.sequence
                and not (cancelled and i.sent_sequence < 0)]
        + [i for i in withdrawals if not i.send_error],
    )
    return context


def private_names(municipality):
    """Names of private persons: people of the alliance without a public office, and the
    people working on the platform for the municipality (team and administration), unless
    they agreed to be named."""
    actors = Actor.objects.filter(
        municipality=municipality, kind=ActorKind.PERSON, erased_at__isnull=True,
        named_in_public=False,
    ).exclude(legal_basis=LegalBasis.LEGITIMATE_INTEREST).values_list("name", flat=True)
    users = User.objects.filter(memberships__municipality=municipality,
                                named_in_public=False).values_list("display_name", flat=True)
    return sorted({name.strip() for name in [*actors, *users] if name and name.strip()})


EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Phone numbers as people write them: +49 6142 555-0100, 06142/555 01 00, (06142) 5550100.
PHONE = re.compile(r"(?<![\w.])(?:\+\d{1,3}[ ]?)?\(?0?\d{2,5}\)?[ /-]?\d[\d -]{4,}\d(?![\w.])")


def scrubber(municipality):
    """A function that removes private persons' names from a text for public pages; holders
    of a public office stay named (their legal basis is their office)."""
    names = sorted(private_names(municipality), key=len, reverse=True)
    patterns = [EMAIL, PHONE]
    if names:
        patterns.append(re.compile(r"(?<!\w)(?:" + "|".join(re.escape(name) for name in names)
                                   + r")(?!\w)"))

    def scrub(text):
        for pattern in patterns:
            text = pattern.sub("[…]", text or "")
        return text

    return scrub


def public_minutes(meeting):
    """The minutes without the names of private persons."""
    return scrubber(meeting.body.municipality)(meeting.minutes)


def action_items_open(*, municipality, actor=None, measure=None, body=None):
    items = ActionItem.objects.filter(meeting__body__municipality=municipality,
                                      status=ActionItemStatus.OPEN)
    if actor is not None:
        items = items.filter(Q(owner_actor=actor) | Q(owner_actor__parent=actor)
                             | Q(owner_position__holdings__person=actor,
                                 owner_position__holdings__ended_on__isnull=True))
    if measure is not None:
        items = items.filter(measure=measure)
    if body is not None:
        items = items.filter(meeting__body=body)
    return items.select_related("meeting__body", "owner_actor", "owner_position",
                                "measure").distinct().order_by("due_on", "pk")


def action_items_open_for(user, *, municipality, **filters):
    """The open action items as `user` may see them (see `mark_withheld`)."""
    items = list(action_items_open(municipality=municipality, **filters))
    mark_withheld(user, municipality, action_items=items)
    return items


def action_items_overdue(*, municipality, today=None):
    today = today or timezone.localdate()
    return action_items_open(municipality=municipality).filter(due_on__lt=today)


def withdrawals_unsent(*, meeting):
    """Withdrawn invitations whose person had received the invitation but not yet the
    withdrawal; nobody needs to hear of a cancelled meeting twice."""
    withdrawals = meeting.invitations.filter(withdrawn_at__isnull=False, sent_at__isnull=False,
                                             withdrawal_sent_at__isnull=True)
    if meeting.status == MeetingStatus.CANCELLED:
        withdrawals = withdrawals.filter(sent_sequence__lt=meeting.sequence)
    return withdrawals.order_by("pk")


def invitations_with_problems(*, meeting):
    return meeting.invitations.exclude(send_error="").filter(withdrawn_at__isnull=True)


def public_meetings(*, municipality):
    return (Meeting.objects.filter(body__municipality=municipality, body__public=True)
            .select_related("body").order_by("starts_at"))


def private_feed_meetings(*, user):
    """Meetings of every body in the municipalities where the person works."""
    return (Meeting.objects.filter(body__municipality__memberships__user=user)
            .select_related("body").order_by("starts_at"))


