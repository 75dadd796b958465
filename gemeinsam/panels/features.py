"""Writes that change several features or quotas at once, each all-or-nothing, built on the
single-row services in services.py: the quota table, a feature with its values, and the import
of a features file of sortition-algorithms or the Sortition Foundation's stratification app."""

import hashlib
from collections import OrderedDict
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from gemeinsam.core.errors import DomainError, ImportFailed, StaleEdit
from gemeinsam.sortition import InputError, read_quotas
from gemeinsam.sortition.formats import read_table
from gemeinsam.sortition.model import fold

from . import services
from .models import Feature, FeatureValue


def _messages(error):
    if isinstance(error, ValidationError):
        return "; ".join(error.messages)
    return str(error.message)


def quotas_state(*, panel):
    """A fingerprint of all shares and quotas of the panel: the version of the quota table."""
    rows = FeatureValue.objects.filter(feature__panel=panel).order_by("pk").values_list(
        "pk", "population_share", "min", "max")
    return hashlib.sha256(repr(list(rows)).encode()).hexdigest()[:16]


def quotas_update(*, panel, state, quotas):
    """Set share, minimum and maximum of many values at once: quotas = {value pk: (share,
    min, max)}. Refused as a whole if anything is wrong or someone changed the table since
    `state` was read; the errors are {value pk: message}."""
    services.check_quotas_open(panel)
    with transaction.atomic():
        values = {v.pk: v for v in FeatureValue.objects.select_for_update().select_related(
            "feature__panel").filter(feature__panel=panel)}
        if quotas_state(panel=panel) != state:
            raise StaleEdit()
        errors = {}
        for pk, (share, low, high) in quotas.items():
            value = values.get(pk)
            if value is None:
                continue
            if high > panel.seats:
                errors[pk] = _("At most %(seats)s: the panel has %(seats)s seats.") % {
                    "seats": panel.seats}
                continue
            try:
                with transaction.atomic():
                    services.feature_value_update(value=value, min=low, max=high,
                                                  population_share=share)
            except (DomainError, ValidationError) as error:
                errors[pk] = _messages(error)
        if errors:
            transaction.set_rollback(True)
            raise QuotasInvalid(errors)
    return len(quotas)


class QuotasInvalid(DomainError):
    def __init__(self, errors):
        super().__init__(_("Nothing was saved; please correct the marked quotas."))
        self.errors = errors


def feature_with_values_update(*, feature, version, values, **fields):
    """Change a feature and the names of its values: values = {value pk: {"name",
    "name_en"}}. `version` is the feature's version the form showed."""
    with transaction.atomic():
        services.feature_update(feature=feature, version=version, **fields)
        for value in feature.values.select_for_update():
            names = values.get(value.pk)
            if names is None:
                continue
            services.feature_value_update(
                value=value, min=value.min, max=value.max,
                population_share=value.population_share, name=names["name"],
                name_en=names.get("name_en", ""))
    return feature


def parse_value_lines(text, *, seats, slack=1):
    """The values of a new feature as typed, one per line: "Name; share in %" with optional
    "; at least; at most". Without a quota, the share gives one (quota_range with `slack`);
    without a share, 0 to all seats. Returns (values, [(line, reason)])."""
    values, problems, seen = [], [], set()
    for line_no, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = [part.strip() for part in line.split(";")]
        name = parts[0]
        if not name:
            problems.append((line_no, _("The name is missing.")))
            continue
        if fold(name) in seen:
            problems.append((line_no, _("“%(name)s” is listed twice.") % {"name": name}))
            continue
        seen.add(fold(name))
        if len(parts) > 4:
            problems.append((line_no, _("Too many parts: name; share; at least; at most.")))
            continue
        share = None
        if len(parts) > 1 and parts[1]:
            try:
                share = Decimal(parts[1].replace(",", ".").rstrip("%").strip()).quantize(
                    Decimal("0.01"))
            except (InvalidOperation, ValueError):
                problems.append((line_no, _("“%(share)s” is not a percentage.")
                                 % {"share": parts[1]}))
                continue
            if not 0 <= share <= 100:
                problems.append((line_no, _("The share must be between 0 and 100 %.")))
                continue
        if len(parts) > 2:
            try:
                low = int(parts[2]) if parts[2] else 0
                high = int(parts[3]) if len(parts) > 3 and parts[3] else seats
            except ValueError:
                problems.append((line_no, _("At least and at most must be whole numbers.")))
                continue
            if not 0 <= low <= high <= seats:
                problems.append((line_no, _(
                    "At least and at most must lie between 0 and %(seats)s, at least not "
                    "above at most.") % {"seats": seats}))
                continue
        elif share is not None:
            low, high = services.quota_range(seats=seats, share=share, slack=slack)
        else:
            low, high = 0, seats
        value = {"name": name, "min": low, "max": high}
        if share is not None:
            value["population_share"] = share
        values.append(value)
    if not values and not problems:
        problems.append((None, _("Please enter at least one value.")))
    return values, problems


def features_import(*, panel, source):
    """Create or update features and quotas from a file (feature,value,min,max or
    category,name,min,max). Existing values get the new quotas; new features and values are
    added while nobody has registered yet. All or nothing: ImportFailed lists every bad row.
    Returns {"created": features created, "updated": values updated}."""
    if hasattr(source, "seek"):
        source.seek(0)
    raw = source.read()
    name = getattr(source, "name", "input")
    try:
        table = read_table(_Named(raw, name))
    except InputError as error:
        raise ImportFailed(error.problems) from error
    too_many = [(line, _("at most %(max)s, but the panel has %(seats)s seats.") % {
        "max": cells["max"], "seats": panel.seats}) for line, cells in table.rows
        if cells.get("max", "").isdigit() and int(cells["max"]) > panel.seats]
    try:
        quotas = read_quotas(_Named(raw, name))
    except InputError as error:
        raise ImportFailed(sorted(error.problems + too_many,
                                  key=lambda p: (p[0] is None, p[0] or 0))) from error
    line_of = {}
    folded = [fold(h) for h in table.header]
    feature_col = "feature" if "feature" in folded else "category"
    value_col = next(c for c in ("value", "name", "category value", "category_value",
                                 "category-value", "feature") if c in folded and c != feature_col)
    for line, cells in table.rows:
        line_of.setdefault((fold(cells[feature_col]), fold(cells[value_col])), line)

    grouped = OrderedDict()
    for quota in quotas:
        grouped.setdefault(fold(quota.feature), (quota.feature, []))[1].append(quota)
    existing = {fold(f.name): f for f in panel.features.prefetch_related("values")}
    problems, created, updated = [], 0, 0
    with transaction.atomic():
        for key, (feature_name, rows) in grouped.items():
            for quota in rows:
                if quota.max > panel.seats:
                    problems.append((line_of.get((key, fold(quota.value))), _(
                        "%(feature)s = %(value)s: at most %(max)s, but the panel has "
                        "%(seats)s seats.") % {"feature": quota.feature, "value": quota.value,
                                               "max": quota.max, "seats": panel.seats}))
            feature = existing.get(key)
            try:
                with transaction.atomic():
                    if feature is None:
                        services.feature_create(
                            panel=panel, name=feature_name, question=feature_name,
                            values=[{"name": q.value, "min": q.min, "max": q.max}
                                    for q in rows])
                        created += 1
                        continue
                    values = {fold(v.name): v for v in feature.values.all()}
                    for quota in rows:
                        value = values.get(fold(quota.value))
                        line = line_of.get((key, fold(quota.value)))
                        if value is None:
                            if panel.respondents.exists():
                                problems.append((line, _(
                                    "%(feature)s = %(value)s is not a value of this feature, "
                                    "and people have already answered.") % {
                                    "feature": quota.feature, "value": quota.value}))
                                continue
                            new = FeatureValue(feature=feature, name=quota.value,
                                               min=quota.min, max=quota.max,
                                               order=len(values))
                            new.full_clean()
                            new.save()
                            values[fold(quota.value)] = new
                            # An edit form of the feature shown before lacks this value.
                            Feature.objects.filter(pk=feature.pk).update(
                                version=F("version") + 1)
                        else:
                            services.feature_value_update(
                                value=value, min=quota.min, max=quota.max,
                                population_share=value.population_share)
                        updated += 1
            except (DomainError, ValidationError) as error:
                problems.append((line_of.get((key, fold(rows[0].value))),
                                 f"{feature_name}: {_messages(error)}"))
        if problems:
            transaction.set_rollback(True)
            raise ImportFailed(sorted(problems, key=lambda p: (p[0] is None, p[0] or 0)))
    return {"created": created, "updated": updated}


class _Named:
    """The uploaded bytes again, as a file with a name, for each reader."""

    def __init__(self, data, name):
        self._data, self.name = data, name

    def read(self):
        return self._data
