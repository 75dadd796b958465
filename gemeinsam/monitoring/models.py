"""The Klimaaktionsplan as a measure tree kept by administration and team together."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gemeinsam.actors.models import Actor, Department, Position
from gemeinsam.core.models import Municipality

PERCENT = [MinValueValidator(0), MaxValueValidator(100)]


class Status(models.TextChoices):
    UNKNOWN = "unknown", _("unknown")
    PLANNED = "planned", _("planned")
    PREPARATION = "preparation", _("in preparation")
    IN_PROGRESS = "in_progress", _("in progress")
    COMPLETED = "completed", _("completed")
    DELAYED = "delayed", _("delayed")
    FAILED = "failed", pgettext_lazy("status of a measure", "failed")
    ABANDONED = "abandoned", _("abandoned")


# Statuses that count as stuck on the dashboard's "where it is stuck" overview.
TROUBLED = [Status.DELAYED, Status.FAILED]


class Source(models.TextChoices):
    ACTION_PLAN = "action_plan", _("action plan")
    COUNCIL = "council", _("council decision")
    TEAM = "team", _("team proposal")
    WORKSHOP = "workshop", _("workshop")


class Voice(models.TextChoices):
    ADMINISTRATION = "administration", _("administration")
    TEAM = "team", _("local team")


class ActionPlan(models.Model):
    municipality = models.OneToOneField(Municipality, on_delete=models.CASCADE,
                                        related_name="action_plan",
                                        verbose_name=_("municipality"))
    title = models.CharField(_("title"), max_length=200)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    target_year = models.PositiveSmallIntegerField(
        _("target year for climate neutrality"), null=True, blank=True,
        validators=[MinValueValidator(2025), MaxValueValidator(2100)])
    source_url = models.URLField(_("link to the plan document"), blank=True)
    introduction = models.TextField(_("introduction"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")

    def __str__(self):
        return self.title


class Field(models.Model):
    """A field of action (Handlungsfeld), e.g. Strom, Wärme, Verkehr."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="fields",
                             verbose_name=_("action plan"))
    name = models.CharField(_("name"), max_length=120)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("field of action")
        verbose_name_plural = _("fields of action")
        ordering = ["order", "name"]
        constraints = [models.UniqueConstraint(fields=["plan", "name"], name="field_unique_name")]

    def __str__(self):
        return self.name


class Measure(models.Model):
    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="measures",
                             verbose_name=_("action plan"))
    parent = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True,
                               related_name="children", verbose_name=_("part of"))
    field = models.ForeignKey(Field, on_delete=models.PROTECT, null=True, blank=True,
                              related_name="measures", verbose_name=_("field of action"))
    code = models.CharField(_("code"), max_length=30,
                            help_text=_("The measure's number in the plan, e.g. M 3.2."))
    title = models.CharField(_("title"), max_length=300)
    teaser = models.CharField(_("teaser"), max_length=500, blank=True)
    description = models.TextField(_("description"), blank=True,
                                   help_text=_("Markdown: **bold**, lists, links."))
    department = models.ForeignKey(Department, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="measures",
                                   verbose_name=_("responsible department"))
    position = models.ForeignKey(Position, on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="measures", verbose_name=_("responsible position"))
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    planned_end = models.DateField(_("planned completion"), null=True, blank=True)
    actual_start = models.DateField(_("actual start"), null=True, blank=True)
    actual_end = models.DateField(_("actual completion"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, blank=True,
        help_text=_("Leave empty on a group to roll it up from its parts."),
    )
    progress = models.PositiveSmallIntegerField(_("completion in percent"), null=True,
                                                blank=True, validators=PERCENT)
    status_agreed = models.BooleanField(
        _("status agreed"), default=False,
        help_text=_("Administration and team agree on the current status."),
    )
    weight = models.PositiveSmallIntegerField(_("weight"), default=1,
                                              validators=[MaxValueValidator(100)])
    cost = models.DecimalField(_("cost in euros"), max_digits=14, decimal_places=2, null=True,
                               blank=True)
    funding_amount = models.DecimalField(_("funding in euros"), max_digits=14,
                                         decimal_places=2, null=True, blank=True)
    funding_programme = models.CharField(_("funding programme"), max_length=200, blank=True)
    priority = models.PositiveSmallIntegerField(
        _("priority"), null=True, blank=True, validators=[MinValueValidator(1),
                                                          MaxValueValidator(3)],
        help_text=_("1 = low, 3 = high, as in GermanZero's catalogue."))
    focus_criteria = models.CharField(_("focus criteria"), max_length=300, blank=True)
    source = models.CharField(_("source"), max_length=16, choices=Source.choices,
                              default=Source.ACTION_PLAN)
    tags = models.CharField(_("tags"), max_length=300, blank=True,
                            help_text=_("Separated by commas."))
    model_measure = models.CharField(
        _("GermanZero model measure"), max_length=10, blank=True,
        help_text=_("The number of the model measure this measure implements."))
    administration_statement = models.TextField(_("statement of the administration"),
                                                blank=True)
    team_assessment = models.TextField(_("assessment of the local team"), blank=True)
    published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="measure_unique_code"),
            models.CheckConstraint(condition=~models.Q(parent=models.F("id")),
                                   name="measure_not_its_own_parent"),
        ]
        indexes = [models.Index(fields=["plan", "published", "status"])]

    def __str__(self):
        return f"{self.code} {self.title}"

    def clean(self):
        errors = {}
        if self.planned_start and self.planned_end and self.planned_end < self.planned_start:
            errors["planned_end"] = _("The planned completion lies before the planned start.")
        if self.actual_start and self.actual_end and self.actual_end < self.actual_start:
            errors["actual_end"] = _("The completion lies before the start.")
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk and self.pk is not None:
                errors["parent"] = _("A measure cannot be part of itself.")
                break
            ancestor = ancestor.parent
        if self.parent and self.parent.plan_id != self.plan_id:
            errors["parent"] = _("That measure belongs to another plan.")
        if errors:
            raise ValidationError(errors)

    @property
    def tag_list(self):
        return [tag.strip() for tag in self.tags.split(",") if tag.strip()]


def validate_links(text):
    """Every line an http(s) address: a link in a public page must never run a script."""
    check = URLValidator(schemes=["http", "https"])
    for line in filter(None, (line.strip() for line in text.splitlines())):
        try:
            check(line)
        except ValidationError:
            raise ValidationError(_("“%(line)s” is not a web address (http or https)."),
                                  params={"line": line[:100]}) from None


class ProgressReport(models.Model):
    """A dated Sachstandsbericht by the administration or the team; the other side may agree."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="reports",
                                verbose_name=_("measure"))
    voice = models.CharField(_("by"), max_length=16, choices=Voice.choices)
    reported_on = models.DateField(_("as of"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    progress = models.PositiveSmallIntegerField(_("completion in percent"), null=True,
                                                blank=True, validators=PERCENT)
    text = models.TextField(_("report"))
    evidence = models.TextField(_("evidence links"), blank=True, validators=[validate_links],
                                help_text=_("One address per line: council papers, articles."))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                               related_name="+", verbose_name=_("author"))
    agreed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                  null=True, blank=True, related_name="+",
                                  verbose_name=_("agreed by"))
    agreed_at = models.DateTimeField(_("agreed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["-reported_on", "-pk"]

    @property
    def evidence_links(self):
        return [line.strip() for line in self.evidence.splitlines()
                if line.strip().lower().startswith(("http://", "https://"))]


class Blocker(models.Model):
    """What holds a measure up, since when, and who in the alliance could help."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="blockers",
                                verbose_name=_("measure"))
    description = models.TextField(_("what blocks it"))
    since = models.DateField(_("since"))
    helpers = models.ManyToManyField(Actor, blank=True, related_name="+",
                                     verbose_name=_("actors who could help"))
    helper_positions = models.ManyToManyField(Position, blank=True, related_name="+",
                                              verbose_name=_("positions that could help"))
    help_wanted = models.TextField(
        _("help wanted (public)"), blank=True,
        help_text=_("An ask the public can see, e.g. “Who knows a roofer for school roofs?”"))
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, related_name="+", verbose_name=_("created by"))

    class Meta:
        verbose_name = _("blocker")
        verbose_name_plural = _("blockers")
        ordering = ["since", "pk"]


class Indicator(models.Model):
    """A time series such as installed PV in kW, per municipality or per measure."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="indicators",
                             verbose_name=_("action plan"))
    measure = models.ForeignKey(Measure, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="indicators", verbose_name=_("measure"))
    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(_("unit"), max_length=30)
    source = models.CharField(_("source"), max_length=300, blank=True)
    baseline_year = models.PositiveSmallIntegerField(_("base year"), null=True, blank=True)
    baseline_value = models.FloatField(_("base value"), null=True, blank=True)
    target_value = models.FloatField(_("target value in the target year"), null=True,
                                     blank=True)
    published = models.BooleanField(_("published"), default=True)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.unit})"


class IndicatorValue(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values",
                                  verbose_name=_("indicator"))
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.FloatField(_("value"))

    class Meta:
        verbose_name = _("value")
        verbose_name_plural = _("values")
        ordering = ["year"]
        constraints = [models.UniqueConstraint(fields=["indicator", "year"],
                                               name="indicator_value_once_a_year")]
