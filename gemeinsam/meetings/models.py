"""Round tables, jour fixes and other bodies: their rhythm, meetings, invitations, minutes,
decisions and action items. People are always the alliance's actors and positions."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from gemeinsam.actors.models import Actor, Position
from gemeinsam.core.models import Municipality
from gemeinsam.monitoring.models import Measure, validate_links


class BodyKind(models.TextChoices):
    ROUND_TABLE = "round_table", _("round table")
    JOUR_FIXE = "jour_fixe", _("jour fixe")
    ADVISORY_BOARD = "advisory_board", _("climate advisory board")
    STEERING_GROUP = "steering_group", _("steering group")
    WORKING_GROUP = "working_group", _("working group")


class Body(models.Model):
    """A Gremium: who meets, why, how often, and whether the public may follow it."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE,
                                     related_name="bodies", verbose_name=_("municipality"))
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=BodyKind.choices)
    purpose = models.TextField(_("purpose"), blank=True)
    public = models.BooleanField(
        _("public"), default=False,
        help_text=_("The public sees the body, its dates and its approved minutes."))
    recurrence = models.CharField(
        _("rhythm (RFC 5545)"), max_length=200, blank=True,
        help_text=_("For example FREQ=WEEKLY;INTERVAL=6;BYDAY=TU for every six weeks on "
                    "Tuesday."))
    first_date = models.DateField(_("first date of the rhythm"), null=True, blank=True)
    start_time = models.TimeField(_("usual start"), null=True, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(_("usual duration in minutes"),
                                                        default=90)
    place = models.CharField(_("usual place"), max_length=300, blank=True)
    online_url = models.URLField(_("usual online link"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        ordering = ["name"]

    def __str__(self):
        return self.name


class BodyRole(models.TextChoices):
    MEMBER = "member", _("member")
    CHAIR = "chair", _("chair")
    MINUTE_TAKER = "minute_taker", _("minute-taker")


class BodyMember(models.Model):
    """A person or organisation of the alliance, or a position, that belongs to a body."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="members",
                             verbose_name=_("body"))
    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, null=True, blank=True,
                              related_name="body_memberships", verbose_name=_("actor"))
    position = models.ForeignKey(
        Position, on_delete=models.CASCADE, null=True, blank=True,
        related_name="body_memberships", verbose_name=_("position"),
        help_text=_("Whoever holds the position is invited, also after a change."))
    role = models.CharField(_("role"), max_length=16, choices=BodyRole.choices,
                            default=BodyRole.MEMBER)

    class Meta:
        verbose_name = _("member of a body")
        verbose_name_plural = _("members of bodies")
        constraints = [models.CheckConstraint(
            condition=(models.Q(actor__isnull=False, position__isnull=True)
                       | models.Q(actor__isnull=True, position__isnull=False)),
            name="body_member_actor_or_position")]

    def __str__(self):
        return str(self.actor or self.position)


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    INVITED = "invited", _("invited")
    HELD = "held", _("held")
    CANCELLED = "cancelled", _("cancelled")


class Meeting(models.Model):
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="meetings",
                             verbose_name=_("body"))
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    focus_topic = models.CharField(_("focus topic"), max_length=300, blank=True)
    links = models.TextField(_("documents and links"), blank=True, validators=[validate_links],
                             help_text=_("One web address per line: papers, slides, the "
                                         "council's documents."))
    status = models.CharField(_("status"), max_length=16, choices=MeetingStatus.choices,
                              default=MeetingStatus.PLANNED)
    minutes = models.TextField(_("minutes"), blank=True, help_text=_("Markdown."))
    minutes_approved = models.BooleanField(
        _("minutes approved"), default=False,
        help_text=_("Approved minutes of a public body are public, without the names of "
                    "private persons who did not agree to be named."))
    # iCalendar: one UID for the meeting's whole life, SEQUENCE counts its changes (RFC 5546).
    uid = models.UUIDField(_("calendar identifier"), default=uuid.uuid4, editable=False,
                           unique=True)
    sequence = models.PositiveIntegerField(_("calendar sequence"), default=0, editable=False)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at"]
        indexes = [models.Index(fields=["body", "starts_at"])]

    def __str__(self):
        return f"{self.body} – {self.starts_at:%d.%m.%Y}"

    def clean(self):
        if self.ends_at and self.starts_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The meeting must end after it starts.")})

    @property
    def link_list(self):
        return [line.strip() for line in self.links.splitlines() if line.strip()]


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda",
                                verbose_name=_("meeting"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("item"), max_length=300)
    owner = models.ForeignKey(Actor, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="+", verbose_name=_("presented by"))
    duration_minutes = models.PositiveSmallIntegerField(_("duration in minutes"), null=True,
                                                        blank=True)
    measures = models.ManyToManyField(Measure, blank=True, related_name="agenda_items",
                                      verbose_name=_("measures of the action plan"))
    action_item = models.ForeignKey("ActionItem", on_delete=models.SET_NULL, null=True,
                                    blank=True, related_name="agenda_items",
                                    verbose_name=_("open action item"))
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["order", "pk"]


class Rsvp(models.TextChoices):
    PENDING = "pending", _("no answer yet")
    YES = "yes", _("yes")
    NO = "no", _("no")
    MAYBE = "maybe", _("maybe")


class Invitation(models.Model):
    """One person's invitation to one meeting, answered through a personal link.

    The link carries the invitation's number signed with the secret key, so every mail about
    the meeting (invitation, update) holds the same working link and nothing secret is stored.
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="invitations",
                                verbose_name=_("meeting"))
    actor = models.ForeignKey(Actor, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="meeting_invitations", verbose_name=_("actor"))
    email = models.EmailField(_("e-mail"))
    name = models.CharField(_("name"), max_length=200, blank=True)
    is_guest = models.BooleanField(_("guest"), default=False)
    rsvp = models.CharField(_("answer"), max_length=8, choices=Rsvp.choices,
                            default=Rsvp.PENDING)
    note = models.CharField(_("note"), max_length=500, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    sent_sequence = models.IntegerField(_("sent for calendar sequence"), default=-1)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    send_error = models.CharField(_("sending failed"), max_length=300, blank=True)
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    # Who had received the invitation hears of the withdrawal too (iTIP CANCEL).
    withdrawal_sent_at = models.DateTimeField(_("withdrawal sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["name", "email"]
        constraints = [models.UniqueConstraint(fields=["meeting", "email"],
                                               name="invitation_once_per_address")]

    def __str__(self):
        return self.name or self.email


class Decision(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions",
                                verbose_name=_("meeting"))
    text = models.TextField(_("decision"))
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["pk"]


class ActionItemStatus(models.TextChoices):
    OPEN = "open", _("open")
    DONE = "done", _("done")
    DROPPED = "dropped", _("dropped")


class ActionItem(models.Model):
    """What was agreed to be done, by whom – a person, an organisation or a position – and when."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="action_items",
                                verbose_name=_("meeting"))
    what = models.TextField(_("what"))
    owner_actor = models.ForeignKey(Actor, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="action_items", verbose_name=_("who"))
    owner_position = models.ForeignKey(Position, on_delete=models.SET_NULL, null=True,
                                       blank=True, related_name="action_items",
                                       verbose_name=_("or which position"))
    due_on = models.DateField(_("due on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=8, choices=ActionItemStatus.choices,
                              default=ActionItemStatus.OPEN)
    measure = models.ForeignKey(Measure, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="action_items",
                                verbose_name=_("measure of the action plan"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering = ["due_on", "pk"]

    @property
    def owner(self):
        return self.owner_actor or self.owner_position


class CalendarToken(models.Model):
    """The secret address of a person's private calendar feed; renewing it revokes the old."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="calendar_token", verbose_name=_("person"))
    token = models.CharField(_("token"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now=True)

    class Meta:
        verbose_name = _("calendar address")
        verbose_name_plural = _("calendar addresses")
