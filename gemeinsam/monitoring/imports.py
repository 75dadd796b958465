"""The action-plan import: a preview that finds every problem, the changes to existing measures
and the fields of action it would create, then an all-or-nothing import; and the rows of the
export. Reading and writing files is exchange.py's job.

A row whose code exists in the plan updates that measure, but only in the columns the file has;
other codes are created. Nothing is deleted. Unknown fields of action are created. Departments
and positions are matched by name in the plan's municipality; an unknown one is a problem. From
our JSON, blockers a measure lacks are added and indicators are matched by name.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import formats
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from gemeinsam.actors.models import Department, Position
from gemeinsam.core.errors import DomainError

from . import exchange
from .exchange import ImportProblems
from .models import (
    ActionPlan,
    Blocker,
    Field,
    Indicator,
    IndicatorValue,
    Measure,
    ProgressReport,
    Source,
    Status,
)
from .services import (
    blocker_create,
    blocker_resolve,
    field_create,
    indicator_create,
    indicator_value_set,
    measure_create,
    measure_update,
    plan_update,
    report_agree,
    report_create,
)

CREATE, UPDATE, UNCHANGED = "create", "update", "unchanged"
FIELD_NAME_LENGTH = Field._meta.get_field("name").max_length


def _display(name, value):
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if name == "status":
        return Status(value).label
    if name == "source":
        return Source(value).label
    if isinstance(value, datetime.date | Decimal):
        return formats.localize(value)
    return value


@dataclass
class Change:
    name: str
    label: str
    old: object
    new: object

    @property
    def old_display(self):
        return _display(self.name, self.old)

    @property
    def new_display(self):
        return _display(self.name, self.new)


@dataclass
class PreviewRow:
    row: object  # exchange.Row
    measure: Measure | None = None  # the existing measure with the row's code
    depth: int = 0
    changes: list = field(default_factory=list)
    new_reports: int = 0
    new_blockers: int = 0
    problems: list = field(default_factory=list)  # (column, reason)

    @property
    def line(self):
        return self.row.line

    @property
    def action(self):
        if self.measure is None:
            return CREATE
        return UPDATE if self.changes or self.new_reports or self.new_blockers else UNCHANGED


@dataclass
class Preview:
    rows: list  # in the order of the file
    tree: list  # the same rows, parents before their parts, with `depth`
    new_fields: list
    plan_changes: list
    file_problems: list = field(default_factory=list)  # (line, column, reason)
    notices: list = field(default_factory=list)
    indicators: list = field(default_factory=list)  # (the file's indicator, existing or None)

    @property
    def problems(self):
        return [*self.file_problems, *((entry.line, column, reason) for entry in self.rows
                                       for column, reason in entry.problems)]

    @property
    def errors(self):
        return ImportProblems(self.problems).errors

    def count(self, action):
        return sum(1 for entry in self.rows if entry.action == action)

    @property
    def counts(self):
        return {action: self.count(action) for action in (CREATE, UPDATE, UNCHANGED)}


def _label(model, name):
    return capfirst(model._meta.get_field(name).verbose_name)


def _messages(error, column):
    """A model's ValidationError as (column, reason); `column(name)` names a field's column."""
    return [("" if name == NON_FIELD_ERRORS else column(name), message)
            for name, messages in error.message_dict.items() for message in messages]


def _current(measure, name):
    if name == "parent":
        return measure.parent.code if measure.parent else ""
    if name == "field":
        return measure.field.name if measure.field else ""
    if name == "department":
        return measure.department.name if measure.department else ""
    if name == "position":
        return measure.position.title if measure.position else ""
    return getattr(measure, name)


def _check_measure(plan, entry):
    """The model's own checks (lengths, choices, dates) on what the measure would become."""
    measure = entry.measure
    candidate = Measure(plan=plan)
    if measure is not None:
        for model_field in Measure._meta.concrete_fields:
            setattr(candidate, model_field.attname, getattr(measure, model_field.attname))
    for name, value in entry.row.values.items():
        if name not in ("parent", "field", "department", "position"):
            setattr(candidate, name, value)
    candidate.parent_id = candidate.field_id = None  # checked here, with the whole file
    try:
        candidate.full_clean(exclude=["plan", "parent", "field", "department", "position"],
                             validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        return _messages(error, entry.row.column)
    return []


def _check_reports(entry):
    problems = []
    for index, report in enumerate(entry.row.reports):
        candidate = ProgressReport(**{key: value for key, value in report.items()
                                      if key != "agreed"})
        try:
            candidate.full_clean(exclude=["measure", "author", "agreed_by"])
        except ValidationError as error:
            problems += _messages(error, lambda name, index=index: f"reports[{index}].{name}")
    return problems


def _report_key(report):
    return (report["voice"], report["reported_on"], report["text"])


def _new_reports(entry):
    if not entry.row.reports:
        return []
    present = set()
    if entry.measure is not None:
        present = {_report_key(report) for report in entry.measure.reports.values(
            "voice", "reported_on", "text")}
    return [report for report in entry.row.reports if _report_key(report) not in present]


def _blocker_key(blocker):
    return (blocker["description"], blocker["since"])


def _check_blockers(entry):
    problems = []
    for index, blocker in enumerate(entry.row.blockers):
        try:
            Blocker(**blocker).full_clean(exclude=["measure", "created_by"])
        except ValidationError as error:
            problems += _messages(error, lambda name, index=index: f"blockers[{index}].{name}")
    return problems


def _new_blockers(entry):
    if not entry.row.blockers:
        return []
    present = set()
    if entry.measure is not None:
        present = {_blocker_key(blocker) for blocker in entry.measure.blockers.values(
            "description", "since")}
    return [blocker for blocker in entry.row.blockers if _blocker_key(blocker) not in present]


def _by_name(queryset, attribute):
    """Departments or positions by name, ignoring case; of two with one name, the older."""
    found = {}
    for item in queryset.order_by("pk"):
        found.setdefault(getattr(item, attribute).casefold(), item)
    return found


def _responsible(municipality):
    return {"department": _by_name(Department.objects.filter(municipality=municipality), "name"),
            "position": _by_name(Position.objects.filter(municipality=municipality), "title")}


def _check_indicators(plan, indicators, parents, problems):
    """Each of the file's indicators with the plan's indicator of the same name, or None."""
    existing = {indicator.name.casefold(): indicator for indicator in plan.indicators.all()}
    checked = []
    for data in indicators:
        line, found = data["line"], existing.get(data["name"].casefold())
        code = data.get("measure")
        if code and code not in parents:
            problems.append((line, "measure", _(
                "There is no measure with the code %(code)s, neither in the file nor in the "
                "plan.") % {"code": code}))
        candidate = Indicator(plan=plan)
        if found is not None:
            for model_field in Indicator._meta.concrete_fields:
                setattr(candidate, model_field.attname, getattr(found, model_field.attname))
        for key, value in data.items():
            if key not in ("line", "measure", "values"):
                setattr(candidate, key, value)
        try:
            candidate.full_clean(exclude=["plan", "measure"], validate_unique=False)
        except ValidationError as error:
            problems += [(line, column, reason)
                         for column, reason in _messages(error, lambda name: name)]
        for index, value in enumerate(data["values"]):
            try:
                IndicatorValue(**value).full_clean(exclude=["indicator"],
                                                   validate_constraints=False)
            except ValidationError as error:
                problems += [(f"{line}.values[{index}]", column, reason)
                             for column, reason in _messages(error, lambda name: name)]
        checked.append((data, found))
    return checked


def _cycles(entries, parents):
    """A problem for every row whose chain of parents leads back to itself."""
    for code, entry in entries.items():
        chain, current = [code], parents.get(code, "")
        while current and current in parents:
            chain.append(current)
            if current == code:
                entry.problems.append((entry.row.column("parent"), _(
                    "The parents run in a circle: %(chain)s.") % {"chain": " → ".join(chain)}))
                break
            if chain.count(current) > 1:
                break  # a circle further up, reported at its own rows
            current = parents.get(current, "")


def _depth(code, parents):
    depth, seen, current = 0, {code}, parents.get(code, "")
    while current and current in parents and current not in seen:
        seen.add(current)
        depth, current = depth + 1, parents.get(current, "")
    return depth


def _tree(entries, unique, parents):
    """The file's rows with their parents before them; siblings in the order of the file."""
    position = {id(entry): index for index, entry in enumerate(entries)}
    children = defaultdict(list)
    placed = set()
    for code, entry in unique.items():
        entry.depth = _depth(code, parents)
        ancestor, seen = parents.get(code, ""), {code}
        while ancestor and ancestor not in unique and ancestor in parents and ancestor not in seen:
            seen.add(ancestor)
            ancestor = parents.get(ancestor, "")
        children[ancestor if ancestor in unique and ancestor not in seen else ""].append(entry)
    ordered = []

    def visit(entry):
        if id(entry) in placed:
            return
        placed.add(id(entry))
        ordered.append(entry)
        for child in sorted(children[entry.row.code], key=lambda e: position[id(e)]):
            visit(child)

    for entry in sorted(children[""], key=lambda e: position[id(e)]):
        visit(entry)
    # Rows in a circle or without a usable code: at the end, as they are.
    ordered += [entry for entry in entries if id(entry) not in placed]
    return ordered


def _plan_changes(plan, plan_data, problems):
    changes = []
    candidate = ActionPlan(pk=plan.pk, municipality_id=plan.municipality_id)
    for model_field in ActionPlan._meta.concrete_fields:
        setattr(candidate, model_field.attname, getattr(plan, model_field.attname))
    for name, value in (plan_data or {}).items():
        if name == "indicators":
            continue
        setattr(candidate, name, value)
        if getattr(plan, name) != value:
            changes.append(Change(name, _label(ActionPlan, name), getattr(plan, name), value))
    if changes:
        try:
            candidate.full_clean(exclude=["municipality"], validate_unique=False)
        except ValidationError as error:
            problems += [("plan", column, reason)
                         for column, reason in _messages(error, lambda name: name)]
    return changes


def plan_import_preview(*, plan, rows, plan_data=None, field_names=(), problems=()):
    """What an import of `rows` into `plan` would do, and every problem that prevents it.

    `plan_data`, `field_names` and `problems` are what exchange.read found besides the rows
    (the plan's own fields, the fields of action and problems outside the rows).
    """
    existing = {measure.code: measure for measure in plan.measures.select_related(
        "parent", "field", "department", "position")}
    fields = {item.name.casefold(): item for item in plan.fields.all()}
    responsible = _responsible(plan.municipality_id)
    unknown = {"department": _("Unknown department “%(name)s”."),
               "position": _("Unknown position “%(name)s”.")}
    entries = [PreviewRow(row=row, measure=existing.get(row.code), problems=list(row.errors))
               for row in rows]
    file_problems = list(problems)

    unique = {}
    for entry in entries:
        code = entry.row.code
        if not code:
            continue
        if code in unique:
            entry.problems.append((entry.row.column("code"), _(
                "The code %(code)s appears in %(line)s already.") % {
                "code": code, "line": exchange.place(unique[code].line)}))
        else:
            unique[code] = entry

    # The parent of every code once imported: the plan's, unless the file says otherwise.
    parents = {code: measure.parent.code if measure.parent else ""
               for code, measure in existing.items()}
    for code, entry in unique.items():
        if entry.measure is None or "parent" in entry.row.values:
            parents[code] = entry.row.parent
    for code, entry in unique.items():
        parent = parents[code]
        if parent and parent not in parents:
            entry.problems.append((entry.row.column("parent"), _(
                "There is no measure with the code %(code)s, neither in the file nor in the "
                "plan.") % {"code": parent}))
    _cycles(unique, parents)

    new_fields = {}
    for name in field_names:
        if len(name) > FIELD_NAME_LENGTH:
            file_problems.append(("fields", "name", _(
                "The name of the field of action “%(name)s” is too long.") % {"name": name}))
        elif name.casefold() not in fields:
            new_fields.setdefault(name.casefold(), name)
    for entry in entries:
        name = entry.row.field_name
        if len(name) > FIELD_NAME_LENGTH:
            entry.problems.append((entry.row.column("field"), _(
                "The name of the field of action is longer than %(length)s characters.")
                % {"length": FIELD_NAME_LENGTH}))
        elif name and name.casefold() not in fields:
            new_fields.setdefault(name.casefold(), name)

    for entry in entries:
        entry.problems += (_check_measure(plan, entry) + _check_reports(entry)
                           + _check_blockers(entry))
        for name, known in responsible.items():
            value = entry.row.values.get(name)
            if value and value.casefold() not in known:
                entry.problems.append((entry.row.column(name), unknown[name] % {"name": value}))
        entry.new_reports = len(_new_reports(entry))
        entry.new_blockers = len(_new_blockers(entry))
        if entry.measure is None:
            continue
        for name, value in entry.row.values.items():
            if name == "code":
                continue
            if name == "field" and value:
                known = fields.get(value.casefold())
                value = known.name if known else value
            if name in responsible and value and value.casefold() in responsible[name]:
                item = responsible[name][value.casefold()]
                value = item.name if name == "department" else item.title
            old = _current(entry.measure, name)
            if old != value:
                entry.changes.append(Change(name, _label(Measure, name), old, value))

    plan_changes = _plan_changes(plan, plan_data, file_problems)
    indicators = _check_indicators(plan, (plan_data or {}).get("indicators") or [], parents,
                                   file_problems)
    return Preview(rows=entries, tree=_tree(entries, unique, parents),
                   new_fields=list(new_fields.values()), plan_changes=plan_changes,
                   file_problems=file_problems, indicators=indicators)


def _import_reports(measure, entry, user):
    """The file's reports the measure lacks, oldest first; then the file's status again."""
    reports = _new_reports(entry)
    # Oldest first, so that the newest sets the status as it did. The export lists the newest
    # first, so on the same day the later entry in the file is the older report.
    ordered = sorted(enumerate(reports), key=lambda pair: (pair[1]["reported_on"], -pair[0]))
    for _index, report in ordered:
        created = report_create(measure=measure, voice=report["voice"], author=user,
                                reported_on=report["reported_on"], status=report["status"],
                                text=report["text"], progress=report["progress"],
                                evidence=report["evidence"])
        if report["agreed"]:
            report_agree(report=created, user=None)
    measure.refresh_from_db()
    restore = {name: entry.row.values[name] for name in ("status", "progress")
               if name in entry.row.values and getattr(measure, name) != entry.row.values[name]}
    if restore:
        measure = measure_update(measure=measure, version=measure.version, **restore)
    return measure, len(reports)


def _import_blockers(measure, entry, user):
    """The file's blockers the measure lacks (same description and start), in file order."""
    blockers = _new_blockers(entry)
    for blocker in blockers:
        created = blocker_create(measure=measure, description=blocker["description"],
                                 since=blocker["since"], help_wanted=blocker["help_wanted"],
                                 created_by=user)
        if blocker["resolved_on"]:
            blocker_resolve(blocker=created, on=blocker["resolved_on"])
    return len(blockers)


def _import_indicators(plan, checked, measures):
    """Create or update the file's indicators, in the keys the file gives; set their values."""
    for data, indicator in checked:
        values = {key: value for key, value in data.items()
                  if key not in ("line", "name", "measure", "values")}
        if "measure" in data:
            values["measure"] = measures[data["measure"]] if data["measure"] else None
        if indicator is None:
            indicator = indicator_create(plan=plan, name=data["name"],
                                         unit=values.pop("unit", ""), **values)
        elif values:
            for key, value in values.items():
                setattr(indicator, key, value)
            indicator.full_clean()
            indicator.save()
        for entry in data["values"]:
            indicator_value_set(indicator=indicator, year=entry["year"], value=entry["value"])
    return len(checked)


def plan_import(*, plan, rows, user, plan_data=None, field_names=(), problems=()):
    """Import `rows` into `plan`, all or nothing; `user` must be allowed to import.

    Returns the counts of created and updated measures, new fields of action, reports,
    blockers and imported indicators.
    Raises ImportProblems with every problem, and then nothing is saved. Imported progress
    reports keep their voice and date; their author is `user`, who imported them, and an
    agreement in the file is imported without the name of who agreed.
    """
    if not user.has_perm("monitoring.import", plan.municipality):
        raise DomainError(_("You may not import into this action plan."))
    with transaction.atomic():
        plan = ActionPlan.objects.select_for_update().select_related("municipality").get(
            pk=plan.pk)
        preview = plan_import_preview(plan=plan, rows=rows, plan_data=plan_data,
                                      field_names=field_names, problems=problems)
        if preview.problems:
            raise ImportProblems(preview.problems)
        counts = {**preview.counts, "fields": len(preview.new_fields), "reports": 0,
                  "blockers": 0, "indicators": 0}
        if preview.plan_changes:
            plan_update(plan=plan, version=plan.version,
                        **{change.name: change.new for change in preview.plan_changes})
        fields = {item.name.casefold(): item for item in plan.fields.all()}
        for name in preview.new_fields:
            fields[name.casefold()] = field_create(plan=plan, name=name)
        measures = {measure.code: measure for measure in plan.measures.all()}
        responsible = _responsible(plan.municipality_id)
        errors = []
        for entry in preview.tree:
            values = dict(entry.row.values)
            code = values.pop("code")
            if "parent" in values:
                values["parent"] = measures[values["parent"]] if values["parent"] else None
            if "field" in values:
                values["field"] = fields[values["field"].casefold()] if values["field"] else None
            for name, known in responsible.items():
                if name in values:
                    values[name] = known[values[name].casefold()] if values[name] else None
            try:
                if entry.measure is None:
                    measure = measure_create(plan=plan, code=code, title=values.pop("title", ""),
                                             **values)
                elif entry.changes:
                    current = measures[code]
                    measure = measure_update(measure=current, version=current.version, **{
                        change.name: values[change.name] for change in entry.changes})
                else:
                    measure = measures[code]
                if entry.new_reports:
                    measure, created = _import_reports(measure, entry, user)
                    counts["reports"] += created
                if entry.new_blockers:
                    counts["blockers"] += _import_blockers(measure, entry, user)
            except ValidationError as error:
                errors += [(entry.line, column, reason)
                           for column, reason in _messages(error, entry.row.column)]
                continue
            except DomainError as error:
                errors.append((entry.line, "", error.message))
                continue
            measures[code] = measure
        if not errors:
            try:
                counts["indicators"] = _import_indicators(plan, preview.indicators, measures)
            except ValidationError as error:
                errors += [("indicators", column, reason)
                           for column, reason in _messages(error, lambda name: name)]
            except DomainError as error:
                errors.append(("indicators", "", error.message))
        if errors:
            raise ImportProblems(errors)
    return counts


# --- Export ----------------------------------------------------------------------------------


def plan_export_rows(*, plan, public):
    """Every measure the reader may see as an export row, parents before their parts.

    The public gets published measures only; a published part of an unpublished group hangs
    on the nearest published ancestor. Each row carries its progress reports and blockers
    (without helpers, which are internal links of the alliance).
    """
    measures = Measure.objects.filter(plan=plan).select_related("field", "department",
                                                                "position")
    if public:
        measures = measures.filter(published=True)
    measures = list(measures.order_by("code"))
    visible = {measure.pk: measure for measure in measures}
    parent_of = dict(Measure.objects.filter(plan=plan).values_list("pk", "parent_id"))
    reports = defaultdict(list)
    for report in ProgressReport.objects.filter(measure__in=measures).order_by(
            "-reported_on", "-pk"):
        reports[report.measure_id].append(exchange.report_record(report))
    blockers = defaultdict(list)
    for blocker in Blocker.objects.filter(measure__in=measures).order_by("since", "pk"):
        blockers[blocker.measure_id].append(exchange.blocker_record(blocker))
    children = defaultdict(list)
    for measure in measures:
        ancestor, seen = parent_of.get(measure.pk), set()
        while ancestor is not None and ancestor not in visible and ancestor not in seen:
            seen.add(ancestor)
            ancestor = parent_of.get(ancestor)
        children[ancestor if ancestor in visible else None].append(measure)
    records = []

    def visit(measure, parent):
        records.append({**exchange.record_of(measure, parent=parent.code if parent else ""),
                        "reports": reports[measure.pk], "blockers": blockers[measure.pk]})
        for child in children[measure.pk]:
            visit(child, measure)

    for root in children[None]:
        visit(root, None)
    return records


def plan_export_indicators(*, plan, public):
    """The plan's indicators with their values; the public gets the published ones, and the
    code of their measure only if that measure is published."""
    indicators = plan.indicators.select_related("measure").prefetch_related("values")
    if public:
        indicators = indicators.filter(published=True)
    return [exchange.indicator_record(indicator, measure=indicator.measure.code if (
        indicator.measure and (indicator.measure.published or not public)) else "")
        for indicator in indicators.order_by("name", "pk")]


def plan_export_data(*, plan, public):
    """The whole plan for the JSON export: its own fields (with its indicators under the key
    "indicators", which exchange.write_json takes out), the fields of action, the rows."""
    return {"plan": {**exchange.plan_record(plan),
                     "indicators": plan_export_indicators(plan=plan, public=public)},
            "fields": list(plan.fields.values_list("name", flat=True)),
            "records": plan_export_rows(plan=plan, public=public)}
