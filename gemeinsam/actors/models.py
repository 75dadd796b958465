"""The alliance: who is who in a municipality, how they stand towards climate action, and how
the team is winning them over. Everything here is internal unless marked as public."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from gemeinsam.core.models import Municipality

# The sectors seed 002 names for an "Allianz der Schlüsselakteure", in its order.
DEFAULT_SECTORS = [
    _("Administration"),
    _("City council"),
    _("Industry and business"),
    _("Utilities"),
    _("Housing"),
    _("Waste and water"),
    _("Education and science"),
    _("Climate initiatives and associations"),
    _("Churches and social organisations"),
    _("Citizens"),
]


class Sector(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE,
                                     related_name="sectors", verbose_name=_("municipality"))
    name = models.CharField(_("name"), max_length=120)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
        ordering = ["order", "name"]
        constraints = [models.UniqueConstraint(fields=["municipality", "name"],
                                               name="sector_unique_name")]

    def __str__(self):
        return self.name


class ActorKind(models.TextChoices):
    ORGANISATION = "organisation", _("organisation")
    PERSON = "person", _("person")


class OrganisationKind(models.TextChoices):
    ADMINISTRATION = "administration", _("administration or public body")
    COUNCIL_GROUP = "council_group", _("council group or party")
    COMPANY = "company", _("company")
    UTILITY = "utility", _("municipal utility")
    HOUSING = "housing", _("housing company")
    EDUCATION = "education", _("school, university or research")
    ASSOCIATION = "association", _("association or initiative")
    CHURCH = "church", _("church or social organisation")
    MEDIA = "media", _("media")
    OTHER = "other", _("other")


class Channel(models.TextChoices):
    EMAIL = "email", _("e-mail")
    PHONE = "phone", _("phone")
    IN_PERSON = "in_person", _("in person")
    MESSENGER = "messenger", _("messenger")
    LETTER = "letter", _("letter")
    VIDEO = "video", _("video call")


class LegalBasis(models.TextChoices):
    CONSENT = "consent", _("consent (Art. 6(1)(a) GDPR)")
    LEGITIMATE_INTEREST = "legitimate_interest", _(
        "legitimate interest: holder of a public office (Art. 6(1)(f) GDPR)")


class Stage(models.TextChoices):
    """The organizing pipeline of seed 002, from easy to hard."""

    IDENTIFIED = "identified", _("identified")
    RESEARCHED = "researched", _("researched")
    FIRST_CONTACT = "first_contact", _("first contact")
    CONVERSATION_HELD = "conversation_held", _("conversation held")
    COMMITTED = "committed", _("committed")
    ACTIVE_ALLY = "active_ally", _("active ally")
    DECLINED = "declined", _("declined")
    PAUSED = "paused", _("paused")


class Attitude(models.IntegerChoices):
    OPPOSED = -2, _("opposed")
    SCEPTICAL = -1, _("sceptical")
    NEUTRAL = 0, _("neutral")
    SUPPORTIVE = 1, _("supportive")
    CHAMPION = 2, _("champion")


SCALE = [MinValueValidator(1), MaxValueValidator(5)]


class Actor(models.Model):
    """An organisation or a person the team works with.

    Both live in one table because everything the team does with an actor (rate, approach, talk
    to, relate) is the same for both, and lists, board and grid then need one query.
    """

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE,
                                     related_name="actors", verbose_name=_("municipality"))
    kind = models.CharField(_("kind"), max_length=16, choices=ActorKind.choices)
    name = models.CharField(_("name"), max_length=200)
    sector = models.ForeignKey(Sector, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="actors", verbose_name=_("sector"))
    parent = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="children",
        limit_choices_to={"kind": ActorKind.ORGANISATION}, verbose_name=_("organisation"),
        help_text=_("For a person: where they work. For an organisation: its parent organisation."),
    )
    notes = models.TextField(_("internal notes"), blank=True)
    shared_with_administration = models.BooleanField(
        _("shared with the administration"), default=False,
        help_text=_("The administration's staff on the platform may see this actor."),
    )

    # Organisations
    organisation_kind = models.CharField(_("kind of organisation"), max_length=20, blank=True,
                                         choices=OrganisationKind.choices)
    website = models.URLField(_("website"), blank=True)
    address = models.TextField(_("address"), blank=True)
    public_description = models.TextField(
        _("public description"), blank=True,
        help_text=_("Shown on the public alliance page if the organisation agreed to be shown."),
    )
    shown_as_ally = models.BooleanField(
        _("may be shown publicly as an ally"), default=False,
        help_text=_("Only tick this once the organisation has agreed."),
    )

    # People
    function = models.CharField(_("function"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    preferred_channel = models.CharField(_("preferred channel"), max_length=16, blank=True,
                                         choices=Channel.choices)
    languages = models.CharField(_("languages"), max_length=200, blank=True)
    legal_basis = models.CharField(_("legal basis"), max_length=24, blank=True,
                                   choices=LegalBasis.choices)
    consent_given_on = models.DateField(_("consent given on"), null=True, blank=True)
    consent_wording = models.TextField(_("wording of the consent"), blank=True)
    named_in_public = models.BooleanField(
        _("may be named publicly"), default=False,
        help_text=_("Only tick this once the person has agreed that their name may appear on "
                    "public pages, for example in the approved minutes of a public body."))
    review_on = models.DateField(
        _("review on"), null=True, blank=True,
        help_text=_("When to check whether the data is still needed and correct."),
    )
    erased_at = models.DateTimeField(_("erased at"), null=True, blank=True, editable=False)

    # The latest power/interest rating, kept here so that grid and lists need no extra query;
    # the history is in Rating.
    power = models.PositiveSmallIntegerField(_("power"), null=True, blank=True, validators=SCALE)
    interest = models.PositiveSmallIntegerField(_("interest"), null=True, blank=True,
                                                validators=SCALE)
    attitude = models.SmallIntegerField(_("attitude"), null=True, blank=True,
                                        choices=Attitude.choices)

    # The organizing pipeline
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices,
                             default=Stage.IDENTIFIED)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                              blank=True, related_name="+", verbose_name=_("owner in the team"))
    next_step = models.CharField(_("next step"), max_length=300, blank=True)
    next_step_due = models.DateField(_("due on"), null=True, blank=True)

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        verbose_name = _("actor")
        verbose_name_plural = _("actors")
        ordering = ["name"]
        indexes = [models.Index(fields=["municipality", "kind", "name"]),
                   models.Index(fields=["municipality", "stage"])]

    def __str__(self):
        return self.name

    @property
    def is_person(self):
        return self.kind == ActorKind.PERSON

    @property
    def is_erased(self):
        return self.erased_at is not None

    def clean(self):
        if self.parent_id and self.parent_id == self.pk:
            raise ValidationError({"parent": _("An organisation cannot be its own parent.")})
        if self.parent and self.parent.municipality_id != self.municipality_id:
            raise ValidationError({"parent": _("The organisation belongs to another municipality.")})
        if self.is_person and not self.is_erased:
            if not self.legal_basis:
                raise ValidationError({"legal_basis": _(
                    "Record why we may keep this person's data: consent or public office.")})
            if self.legal_basis == LegalBasis.CONSENT and not (self.consent_given_on
                                                               and self.consent_wording):
                raise ValidationError({"consent_given_on": _(
                    "With consent as the legal basis, record its date and wording.")})

    @property
    def quadrant(self):
        """The Mendelow quadrant, or None while the actor is not rated."""
        if self.power is None or self.interest is None:
            return None
        high_power, high_interest = self.power >= 3, self.interest >= 3
        if high_power and high_interest:
            return "manage_closely"
        if high_power:
            return "keep_satisfied"
        if high_interest:
            return "keep_informed"
        return "monitor"


class Rating(models.Model):
    """One assessment of an actor's power, interest and attitude; the history is kept."""

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="ratings",
                              verbose_name=_("actor"))
    power = models.PositiveSmallIntegerField(_("power"), validators=SCALE,
                                             help_text=_("1 = little, 5 = decisive"))
    interest = models.PositiveSmallIntegerField(_("interest"), validators=SCALE,
                                                help_text=_("1 = none, 5 = very high"))
    attitude = models.SmallIntegerField(_("attitude towards climate action"),
                                        choices=Attitude.choices, default=Attitude.NEUTRAL)
    reason = models.TextField(_("reason"), blank=True)
    rated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                 related_name="+", verbose_name=_("rated by"))
    rated_at = models.DateTimeField(_("rated at"), auto_now_add=True)

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        ordering = ["-rated_at", "-pk"]


class Conversation(models.Model):
    """The log of an organizing conversation (seed 002): what was said and agreed, what follows."""

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="conversations",
                              verbose_name=_("actor"))
    held_on = models.DateField(_("held on"))
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    participants = models.ManyToManyField(
        Actor, blank=True, related_name="conversations_joined", verbose_name=_("participants"),
        help_text=_("People of the alliance who took part."),
    )
    team_participants = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True,
                                               related_name="+",
                                               verbose_name=_("from the team"))
    summary = models.TextField(_("summary"))
    agreements = models.TextField(_("agreements"), blank=True)
    follow_up_on = models.DateField(_("follow up on"), null=True, blank=True)
    follow_up_done = models.BooleanField(_("follow-up done"), default=False)
    logged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                  related_name="+", verbose_name=_("logged by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")
        ordering = ["-held_on", "-pk"]


class RelationKind(models.TextChoices):
    KNOWS = "knows", _("knows")
    INFLUENCES = "influences", _("influences")
    MEMBER_OF = "member_of", _("is a member of")


class Relation(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE,
                                     related_name="+", verbose_name=_("municipality"))
    source = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="relations_out",
                               verbose_name=_("from"))
    kind = models.CharField(_("relation"), max_length=16, choices=RelationKind.choices)
    target = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="relations_in",
                               verbose_name=_("to"))
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("relation")
        verbose_name_plural = _("relations")
        constraints = [
            models.UniqueConstraint(fields=["source", "kind", "target"], name="relation_unique"),
            models.CheckConstraint(condition=~models.Q(source=models.F("target")),
                                   name="relation_not_to_itself"),
        ]


class DepartmentKind(models.TextChoices):
    MAYOR = "mayor", _("mayor's office")
    DEZERNAT = "dezernat", _("Dezernat (division)")
    AMT = "amt", _("Amt or Fachbereich (office)")
    ABTEILUNG = "abteilung", _("Abteilung (department)")
    STABSSTELLE = "stabsstelle", _("Stabsstelle (staff unit)")
    COMPANY = "company", _("municipal company")


class Department(models.Model):
    """A unit of the administration; units form a tree (Dezernat > Amt > Abteilung)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE,
                                     related_name="departments", verbose_name=_("municipality"))
    parent = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True,
                               related_name="children", verbose_name=_("belongs to"))
    kind = models.CharField(_("kind"), max_length=16, choices=DepartmentKind.choices)
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    responsibilities = models.TextField(_("responsibilities"), blank=True)
    team_contact = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("contact in the team"),
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["name"]

    def __str__(self):
        return f"{self.short_name} {self.name}".strip() if self.short_name else self.name

    def clean(self):
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk:
                raise ValidationError({"parent": _("A department cannot belong to itself.")})
            ancestor = ancestor.parent
        if self.parent and self.parent.municipality_id != self.municipality_id:
            raise ValidationError({"parent": _("That department belongs to another municipality.")})


class Position(models.Model):
    """A role that outlives whoever holds it, e.g. "Klimaschutzmanager:in" or "Leitung
    Mobilitätsamt"; relations and open items stay with the position when people change."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE,
                                     related_name="positions", verbose_name=_("municipality"))
    title = models.CharField(_("title"), max_length=200)
    department = models.ForeignKey(Department, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="positions", verbose_name=_("department"))
    organisation = models.ForeignKey(
        Actor, on_delete=models.SET_NULL, null=True, blank=True, related_name="positions",
        limit_choices_to={"kind": ActorKind.ORGANISATION}, verbose_name=_("organisation"),
        help_text=_("For positions outside the administration, e.g. a council group's chair."),
    )
    is_key = models.BooleanField(_("key position"), default=False)
    notes = models.TextField(_("internal notes"), blank=True)

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ["title"]

    def __str__(self):
        return self.title


class PositionHolding(models.Model):
    position = models.ForeignKey(Position, on_delete=models.CASCADE, related_name="holdings",
                                 verbose_name=_("position"))
    person = models.ForeignKey(Actor, on_delete=models.SET_NULL, null=True,
                               related_name="holdings", verbose_name=_("person"),
                               limit_choices_to={"kind": ActorKind.PERSON})
    started_on = models.DateField(_("from"))
    ended_on = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("holder of a position")
        verbose_name_plural = _("holders of positions")
        ordering = ["-started_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="holding_ends_after_start",
            ),
            # One current holder per position.
            models.UniqueConstraint(fields=["position"], condition=models.Q(ended_on__isnull=True),
                                    name="holding_one_current"),
        ]


class PositionChange(models.Model):
    """A notice for the team that a position became vacant or changed hands."""

    position = models.ForeignKey(Position, on_delete=models.CASCADE, related_name="changes",
                                 verbose_name=_("position"))
    happened_on = models.DateField(_("on"))
    became_vacant = models.BooleanField(_("became vacant"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, related_name="+", verbose_name=_("recorded by"))
    acknowledged = models.BooleanField(_("acknowledged"), default=False)

    class Meta:
        verbose_name = _("change of a position")
        verbose_name_plural = _("changes of positions")
        ordering = ["-happened_on", "-pk"]


class Erasure(models.Model):
    """Proof that a person's data was erased on request, holding nothing personal itself."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+",
                                     verbose_name=_("municipality"))
    actor_number = models.PositiveIntegerField(_("number of the erased record"))
    requested_on = models.DateField(_("requested on"))
    erased_at = models.DateTimeField(_("erased at"), auto_now_add=True)
    erased_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                  related_name="+", verbose_name=_("erased by"))
    removed = models.JSONField(_("what was removed"), default=dict,
                               help_text=_("Counts of the removed records, by kind."))

    class Meta:
        verbose_name = _("erasure")
        verbose_name_plural = _("erasures")
        ordering = ["-erased_at"]
