"""Every write of the action-plan monitoring."""

import csv
from functools import cache
from pathlib import Path

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from gemeinsam.core.errors import DomainError, StaleEdit

from .models import ActionPlan, Blocker, Field, Indicator, IndicatorValue, Measure, ProgressReport

DATA = Path(__file__).resolve().parent / "data"

MEASURE_FIELDS = {
    "parent", "field", "code", "title", "teaser", "description", "department", "position",
    "planned_start", "planned_end", "actual_start", "actual_end", "status", "progress", "weight",
    "cost", "funding_amount", "funding_programme", "priority", "focus_criteria", "source", "tags",
    "model_measure", "administration_statement", "team_assessment", "published",
}


class StaleMeasure(StaleEdit):
    """Someone saved the measure first; `current` is what they saved, for the comparison."""

    def __init__(self, current):
        super().__init__()
        self.current = current


@cache
def default_fields():
    with open(DATA / "SectorList.csv", encoding="utf-8") as file:
        return [row["title"] for row in csv.DictReader(file)]


@cache
def model_measures():
    """GermanZero's 64 model measures, by code."""
    with open(DATA / "BluePrintList.csv", encoding="utf-8") as file:
        return {
            row["code"]: {**row, "priority": int(row["priority"]),
                          "description": row["description"].replace("[NEWLINE]", "\n")}
            for row in csv.DictReader(file)
        }


def plan_create(*, municipality, title, adopted_on=None, target_year=None, source_url="",
                introduction=""):
    if ActionPlan.objects.filter(municipality=municipality).exists():
        raise DomainError(_("%(name)s has an action plan already.") % {"name": municipality})
    plan = ActionPlan(municipality=municipality, title=title, adopted_on=adopted_on,
                      target_year=target_year, source_url=source_url, introduction=introduction)
    plan.full_clean()
    with transaction.atomic():
        plan.save()
        Field.objects.bulk_create(Field(plan=plan, name=name, order=index * 10)
                                  for index, name in enumerate(default_fields()))
    return plan


def plan_update(*, plan, version, **fields):
    for name, value in fields.items():
        setattr(plan, name, value)
    plan.full_clean()
    with transaction.atomic():
        if not ActionPlan.objects.filter(pk=plan.pk, version=version).update(
                version=F("version") + 1, **fields):
            raise StaleEdit()
    plan.refresh_from_db()
    return plan


def field_create(*, plan, name):
    order = (plan.fields.order_by("-order").values_list("order", flat=True).first() or 0) + 10
    field = Field(plan=plan, name=name.strip(), order=order)
    field.full_clean()
    field.save()
    return field


def _check_plan(plan, measure_fields):
    for key in ("parent", "field"):
        related = measure_fields.get(key)
        if related is not None and related.plan_id != plan.pk:
            raise DomainError(_("“%(object)s” belongs to another plan.") % {"object": related})
    for key in ("department", "position"):
        related = measure_fields.get(key)
        if related is not None and related.municipality_id != plan.municipality_id:
            raise DomainError(_("“%(object)s” belongs to another municipality.")
                              % {"object": related})


def measure_create(*, plan, code, title, **fields):
    unknown = set(fields) - MEASURE_FIELDS
    if unknown:
        raise TypeError(f"unknown measure fields: {sorted(unknown)}")
    _check_plan(plan, fields)
    measure = Measure(plan=plan, code=code.strip(), title=title.strip(), **fields)
    measure.full_clean()
    measure.save()
    return measure


def measure_update(*, measure, version, **fields):
    """Change a measure; if someone saved since `version`, refuse and hand back their state."""
    unknown = set(fields) - MEASURE_FIELDS
    if unknown:
        raise TypeError(f"unknown measure fields: {sorted(unknown)}")
    _check_plan(measure.plan, fields)
    with transaction.atomic():
        saved = _locked(measure)
        if saved.version != version:
            raise StaleMeasure(saved)
        if any(name in fields and fields[name] != getattr(saved, name)
               for name in ("status", "progress")):
            # A status changed by hand is no longer the one both sides agreed to.
            fields["status_agreed"] = False
        for name, value in fields.items():
            setattr(saved, name, value)
        saved.full_clean()
        _save(saved, fields)
    measure.refresh_from_db()
    return measure


def _locked(measure):
    return Measure.objects.select_for_update().get(pk=measure.pk)


def _save(measure, fields):
    """Save through the model, so that the history (auditlog) records who changed what."""
    measure.version += 1
    measure.save(update_fields=[*fields, "version", "updated_at"])


def measure_publish(*, measure, published):
    with transaction.atomic():
        saved = _locked(measure)
        saved.published = published
        _save(saved, ["published"])
    measure.refresh_from_db()
    return measure


def report_create(*, measure, voice, author, reported_on, status, text, progress=None,
                  evidence=""):
    """A dated progress report; it sets the measure's current status until the next one.

    A new report is not agreed yet: the other side confirms it with `report_agree`.
    """
    report = ProgressReport(measure=measure, voice=voice, author=author, reported_on=reported_on,
                            status=status, progress=progress, text=text, evidence=evidence)
    report.full_clean()
    with transaction.atomic():
        report.save()
        latest = measure.reports.order_by("-reported_on", "-pk").first()
        if latest.pk == report.pk:
            saved = _locked(measure)
            saved.status, saved.status_agreed = status, False
            if progress is not None:
                saved.progress = progress
            _save(saved, ["status", "status_agreed", "progress"])
    measure.refresh_from_db()
    return report


def report_agree(*, report, user):
    if report.agreed_at is not None:
        raise DomainError(_("This report has been agreed already."))
    with transaction.atomic():
        report.agreed_by, report.agreed_at = user, timezone.now()
        report.save(update_fields=["agreed_by", "agreed_at"])
        measure = report.measure
        latest = measure.reports.order_by("-reported_on", "-pk").first()
        if latest.pk == report.pk:
            saved = _locked(measure)
            saved.status_agreed = True
            _save(saved, ["status_agreed"])
    return report


def blocker_create(*, measure, description, since, created_by, helpers=(), helper_positions=(),
                   help_wanted=""):
    for helper in [*helpers, *helper_positions]:
        if helper.municipality_id != measure.plan.municipality_id:
            raise DomainError(_("“%(object)s” belongs to another municipality.")
                              % {"object": helper})
    blocker = Blocker(measure=measure, description=description, since=since,
                      help_wanted=help_wanted, created_by=created_by)
    blocker.full_clean()
    with transaction.atomic():
        blocker.save()
        blocker.helpers.set(helpers)
        blocker.helper_positions.set(helper_positions)
    return blocker


def blocker_resolve(*, blocker, on):
    if on < blocker.since:
        raise DomainError(_("A blocker cannot be resolved before it began."))
    blocker.resolved_on = on
    blocker.save(update_fields=["resolved_on"])
    return blocker


def indicator_create(*, plan, name, unit, **fields):
    measure = fields.get("measure")
    if measure is not None and measure.plan_id != plan.pk:
        raise DomainError(_("“%(object)s” belongs to another plan.") % {"object": measure})
    indicator = Indicator(plan=plan, name=name, unit=unit, **fields)
    indicator.full_clean()
    indicator.save()
    return indicator


def indicator_value_set(*, indicator, year, value):
    entry, _created = IndicatorValue.objects.update_or_create(
        indicator=indicator, year=year, defaults={"value": value})
    return entry


def model_measure_adopt(*, plan, code):
    """Take a GermanZero model measure into the plan as the team's proposal (a draft)."""
    template = model_measures().get(str(code))
    if template is None:
        raise DomainError(_("There is no model measure %(code)s.") % {"code": code})
    if plan.measures.filter(model_measure=str(code)).exists():
        raise DomainError(_("The plan has a measure for this model measure already."))
    field = plan.fields.filter(name=template["sector"]).first()
    code_in_plan = f"GZ-{code}"
    while plan.measures.filter(code=code_in_plan).exists():
        code_in_plan += "*"
    return measure_create(
        plan=plan, code=code_in_plan, title=template["title"], field=field,
        description=template["description"], priority=template["priority"],
        focus_criteria=template["focuses"], source="team", model_measure=str(code),
        status="unknown", published=False,
    )
