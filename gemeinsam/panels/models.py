"""Citizens' panels (Bürgerräte): the project, its features and quotas, the letters drawn from
the population register, the people who registered, and the selections drawn by lottery.

Personal data (names, addresses, contact, answers) lives in Invitation and Respondent only, and
only until the panel's erasure date; everything public is aggregate or pseudonymous.
"""

import math
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gemeinsam.core.models import Municipality
from gemeinsam.sortition import ALGORITHMS

# No 0/O, 1/I/L, 5/S, 2/Z: codes are typed in from paper.
CODE_ALPHABET = "ABCDEFGHJKMNPQRTUVWXY346789"
CODE_LENGTH = 9


def new_registration_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def format_code(code):
    """ABC-DEF-GHJ, as printed in the letter."""
    return "-".join(code[i:i + 3] for i in range(0, len(code), 3))


def normalise_code(typed):
    """What someone typed, in stored form: case, blanks and dashes do not matter."""
    return "".join(ch for ch in typed.upper() if ch.isalnum())


def new_pseudonym_key():
    return secrets.token_hex(16)


class InvitationMethod(models.TextChoices):
    UNIFORM = "uniform", _("uniformly from the whole register extract")
    BY_DISTRICT = "by_district", _("stratified by district")


class Panel(models.Model):
    """A Bürgerrat or a workshop with randomly selected residents, from letter to seated panel."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE,
                                     related_name="panels", verbose_name=_("municipality"))
    title = models.CharField(_("title"), max_length=200)
    purpose = models.TextField(
        _("purpose"), help_text=_("What the panel is to advise on; shown on the public page, "
                                  "in the letter and on the registration form."))
    seats = models.PositiveSmallIntegerField(_("seats"), validators=[MinValueValidator(1)])
    invitation_factor = models.PositiveSmallIntegerField(
        _("letters per seat"), default=10, validators=[MinValueValidator(1)],
        help_text=_("Experience from citizens' assemblies: write to about ten times as many "
                    "residents as there are seats."))
    invitation_method = models.CharField(_("how the letters are drawn"), max_length=16,
                                         choices=InvitationMethod.choices,
                                         default=InvitationMethod.UNIFORM)
    district_weights = models.JSONField(
        _("district weights"), default=dict, blank=True,
        help_text=_("Optional: more letters where fewer people usually answer, e.g. a weight "
                    "of 1.5 for a district. Districts without a weight count 1."))
    meeting_dates = models.TextField(
        _("meeting dates"), blank=True,
        help_text=_("When the panel meets; respondents say whether they can come."))
    registration_deadline = models.DateField(_("registration deadline"))
    selection_date = models.DateField(_("date of the lottery"), null=True, blank=True)
    seed_announcement = models.TextField(
        _("how the seed is chosen"), blank=True,
        help_text=_("Announce this before the lottery, e.g. \"the numbers of the Lotto draw on "
                    "Saturday, 5 December\" or \"three dice rolled at the public council "
                    "meeting\". Anyone can then recompute the panel."))
    algorithm = models.CharField(_("selection algorithm"), max_length=10,
                                 choices=[(a, a) for a in ALGORITHMS], default="leximin")
    one_per_household = models.BooleanField(
        _("at most one person per household"), default=True)
    contact = models.TextField(
        _("contact for questions"),
        help_text=_("Office, phone and e-mail of the administration; printed in the letter."))
    letter_text = models.TextField(
        _("letter text"), blank=True,
        help_text=_("The body of the invitation letter. Name, code, deadline and the address "
                    "of the form are added."))
    public = models.BooleanField(
        _("public page"), default=True,
        help_text=_("Purpose, timeline, quotas and, after the lottery, the audit file are "
                    "public. Never names."))
    erase_on = models.DateField(
        _("erase personal data on"),
        help_text=_("On this date all names, addresses and answers are deleted; only counts "
                    "and the pseudonymous audit file remain."))
    erased_at = models.DateTimeField(_("personal data erased at"), null=True, blank=True,
                                     editable=False)
    managers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="managed_panels", blank=True,
        verbose_name=_("panel managers"),
        help_text=_("Members of the administration who see and handle personal data."))
    invitation_report = models.JSONField(
        _("invitation draw"), default=dict, blank=True, editable=False,
        help_text=_("Counts per district and the weights used: the documentation of the draw."))
    pseudonym_key = models.CharField(max_length=64, default=new_pseudonym_key, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        verbose_name = _("citizens' panel")
        verbose_name_plural = _("citizens' panels")
        ordering = ["-registration_deadline", "title"]

    def __str__(self):
        return self.title

    @property
    def letters_planned(self):
        return self.seats * self.invitation_factor

    def clean(self):
        if self.erase_on and self.registration_deadline and \
                self.erase_on <= self.registration_deadline:
            raise ValidationError({"erase_on": _(
                "The erasure date must come after the registration deadline.")})
        bad = [k for k, v in (self.district_weights or {}).items()
               if not isinstance(v, (int, float)) or isinstance(v, bool)
               or not math.isfinite(v) or v <= 0]
        if bad:
            raise ValidationError({"district_weights": _(
                "Weights must be positive numbers: %(districts)s") % {
                "districts": ", ".join(bad)}})


class Feature(models.Model):
    """A characteristic the panel should mirror, e.g. age group, gender or district."""

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="features",
                              verbose_name=_("panel"))
    name = models.CharField(_("name"), max_length=100,
                            help_text=_("Short, used in tables and files, e.g. \"Alter\"."))
    question = models.CharField(_("question"), max_length=300)
    question_en = models.CharField(_("question in English"), max_length=300, blank=True)
    question_easy = models.CharField(_("question in easy language"), max_length=300,
                                     blank=True)
    source = models.CharField(_("source of the population shares"), max_length=200, blank=True,
                              help_text=_("E.g. \"Zensus 2022, Stadt Rüsselsheim\"."))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        verbose_name = _("feature")
        verbose_name_plural = _("features")
        ordering = ["panel", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["panel", "name"],
                                               name="feature_name_unique_per_panel")]

    def __str__(self):
        return self.name


class FeatureValue(models.Model):
    """One answer to a feature with its share of the population and the quota derived from it."""

    feature = models.ForeignKey(Feature, on_delete=models.CASCADE, related_name="values",
                                verbose_name=_("feature"))
    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(_("name in English"), max_length=100, blank=True)
    population_share = models.DecimalField(
        _("share of the population in %"), max_digits=5, decimal_places=2, null=True,
        blank=True, validators=[MinValueValidator(0), MaxValueValidator(100)])
    min = models.PositiveSmallIntegerField(_("at least"), default=0)
    max = models.PositiveSmallIntegerField(_("at most"), default=0)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("feature value")
        verbose_name_plural = _("feature values")
        ordering = ["feature", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["feature", "name"],
                                    name="feature_value_unique_per_feature"),
            models.CheckConstraint(condition=models.Q(min__lte=models.F("max")),
                                   name="feature_value_min_not_above_max"),
        ]

    def __str__(self):
        return f"{self.feature.name}: {self.name}"


class Invitation(models.Model):
    """A letter to one resident drawn from the register extract, with their registration code.

    Name and address are kept only until the letters are printed (see
    `invitation_addresses_erase`); the household key stays for the one-per-household rule.
    """

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="invitations",
                              verbose_name=_("panel"))
    code = models.CharField(_("registration code"), max_length=CODE_LENGTH, unique=True,
                            default=new_registration_code)
    salutation = models.CharField(_("salutation"), max_length=40, blank=True)
    first_name = models.CharField(_("first name"), max_length=100, blank=True)
    last_name = models.CharField(_("last name"), max_length=100, blank=True)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    district = models.CharField(pgettext_lazy("part of a town", "district"), max_length=100,
                                blank=True)
    household = models.CharField(_("household key"), max_length=64, blank=True,
                                 help_text=_("A keyed hash of the address."))
    wave = models.PositiveSmallIntegerField(
        _("wave"), default=1, help_text=_("1 for the first letters, 2 for a second draw when too "
                                          "few answered, and so on."))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("invitation letter")
        verbose_name_plural = _("invitation letters")
        ordering = ["panel", "district", "last_name", "pk"]

    def __str__(self):
        return format_code(self.code)


class SelectionState(models.TextChoices):
    POOL = "pool", _("registered")
    SELECTED = "selected", _("selected")
    NOT_SELECTED = "not_selected", _("not selected")
    DROPPED_OUT = "dropped_out", _("dropped out")
    WITHDRAWN = "withdrawn", _("withdrew")


class FormVariant(models.TextChoices):
    GERMAN = "de", _("German")
    ENGLISH = "en", _("English")
    EASY = "easy", _("easy language")
    OFFICE = "office", _("entered by the office (reply on paper or by phone)")


class Respondent(models.Model):
    """Someone who answered the letter and registered with its code."""

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="respondents",
                              verbose_name=_("panel"))
    invitation = models.OneToOneField(Invitation, on_delete=models.SET_NULL, null=True,
                                      blank=True, related_name="respondent",
                                      verbose_name=_("invitation letter"))
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    answers = models.JSONField(_("answers"), default=dict,
                               help_text=_("Feature id → value id."))
    available = models.BooleanField(_("can attend all dates"), default=True)
    needs = models.TextField(_("what they need to take part"), blank=True,
                             help_text=_("E.g. childcare, step-free access, an interpreter."))
    household = models.CharField(_("household key"), max_length=64, blank=True)
    form_variant = models.CharField(_("form used"), max_length=8, choices=FormVariant.choices,
                                    default=FormVariant.GERMAN)
    consent_at = models.DateTimeField(_("consent given at"))
    pseudonym = models.CharField(_("pseudonym in the audit file"), max_length=20)
    state = models.CharField(_("state"), max_length=16, choices=SelectionState.choices,
                             default=SelectionState.POOL)
    probability = models.FloatField(_("selection probability"), null=True, blank=True)
    notified_at = models.DateTimeField(_("told the result at"), null=True, blank=True)
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)

    class Meta:
        verbose_name = _("respondent")
        verbose_name_plural = _("respondents")
        ordering = ["panel", "last_name", "first_name", "pk"]
        constraints = [models.UniqueConstraint(fields=["panel", "pseudonym"],
                                               name="respondent_pseudonym_unique_per_panel")]

    def __str__(self):
        return self.pseudonym

    @property
    def language(self):
        return "en" if self.form_variant == FormVariant.ENGLISH else "de"

    def email_template(self, name):
        """The e-mail `name` in the form this person used: easy language has its own texts."""
        suffix = "_easy" if self.form_variant == FormVariant.EASY else ""
        return f"panels/email/{name}{suffix}"

    def chosen_value(self, feature):
        """The value of `feature` this person chose, among its (prefetched) values, or None."""
        chosen = self.answers.get(str(feature.pk))
        return next((value for value in feature.values.all() if str(value.pk) == str(chosen)),
                    None)


class Selection(models.Model):
    """One lottery: first the distribution over panels is computed and published (its SHA-256
    fixes it), then the panel is drawn with the seed announced in advance."""

    class Kind(models.TextChoices):
        PANEL = "panel", _("selection of the panel")
        REPLACEMENT = "replacement", _("replacements")

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="selections",
                              verbose_name=_("panel"))
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.PANEL)
    algorithm = models.CharField(_("algorithm"), max_length=10)
    job = models.ForeignKey("jobs.BackgroundJob", on_delete=models.SET_NULL, null=True,
                            blank=True, related_name="+", verbose_name=_("background job"))
    audit = models.JSONField(_("audit record"), default=dict, blank=True,
                             help_text=_("Pseudonymous: publishable as it is."))
    quota_table = models.JSONField(_("quota table"), default=list, blank=True)
    problem = models.TextField(_("why no lottery could be computed"), blank=True)
    seed = models.CharField(_("seed"), max_length=200, blank=True)
    drawn_at = models.DateTimeField(_("drawn at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancel_reason = models.TextField(
        _("why it was cancelled"), blank=True,
        help_text=_("Shown on the public page beside the lottery's SHA-256."))
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+",
                                   verbose_name=_("started by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("selection")
        verbose_name_plural = _("selections")
        ordering = ["panel", "-created_at"]
        get_latest_by = "created_at"

    def __str__(self):
        return f"{self.panel} – {self.get_kind_display()} ({self.created_at:%Y-%m-%d})"

    @property
    def is_computed(self):
        return bool(self.audit)

    @property
    def is_drawn(self):
        return self.drawn_at is not None

    @property
    def is_cancelled(self):
        return self.cancelled_at is not None

    @property
    def digest(self):
        return (self.audit.get("lottery") or {}).get("sha256", "")
