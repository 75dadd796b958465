"""Every read of the monitoring. The public sees published measures only; each read takes
`public` and filters accordingly."""

from collections import Counter, defaultdict

from django.db.models import Prefetch
from django.http import Http404
from django.utils import timezone

from gemeinsam.actors.models import Actor
from gemeinsam.actors.selectors import actors_visible

from . import services
from .models import (
    TROUBLED,
    ActionPlan,
    Blocker,
    IndicatorValue,
    Measure,
    ProgressReport,
    Status,
)

# What a status means for progress where no percentage was reported.
STATUS_PROGRESS = {Status.COMPLETED: 100, Status.UNKNOWN: 0, Status.PLANNED: 0,
                   Status.PREPARATION: 10, Status.IN_PROGRESS: 50, Status.DELAYED: 25,
                   Status.FAILED: 0}
DONE = [Status.COMPLETED, Status.ABANDONED]


def plan_get(*, municipality):
    try:
        return ActionPlan.objects.select_related("municipality").get(municipality=municipality)
    except ActionPlan.DoesNotExist:
        return None


def measures_visible(*, plan, public):
    measures = Measure.objects.filter(plan=plan)
    return measures.filter(published=True) if public else measures


def _rolled_up(statuses):
    """A group's status from its parts: done when all are, delayed when any is stuck."""
    counted = [s for s in statuses if s != Status.ABANDONED]
    if not counted:
        return Status.ABANDONED if statuses else Status.UNKNOWN
    if all(s == Status.COMPLETED for s in counted):
        return Status.COMPLETED
    if any(s in TROUBLED for s in counted):
        return Status.DELAYED
    if any(s in (Status.IN_PROGRESS, Status.PREPARATION, Status.COMPLETED) for s in counted):
        return Status.IN_PROGRESS
    if all(s == Status.PLANNED for s in counted):
        return Status.PLANNED
    return Status.UNKNOWN


def tree(measures):
    """Measures in tree order with `depth`, `effective_status` and `effective_progress`.

    A measure with children rolls both up from them, progress weighted by `weight`; an explicit
    status on a group overrides the rolled-up status. Abandoned measures do not count.
    """
    measures = list(measures)
    by_id = {m.pk: m for m in measures}
    children = defaultdict(list)
    for measure in measures:
        parent = measure.parent_id if measure.parent_id in by_id else None
        children[parent].append(measure)
    ordered = []

    def visit(measure, depth):
        measure.depth = depth
        measure.child_count = len(children[measure.pk])
        ordered.append(measure)
        parts = [visit(child, depth + 1) for child in children[measure.pk]]
        if parts:
            counted = [(m.effective_progress, m.weight) for m in parts
                       if m.effective_status != Status.ABANDONED]
            total = sum(weight for _p, weight in counted)
            rolled_progress = (round(sum(p * w for p, w in counted) / total) if total else 0)
            rolled_status = _rolled_up([m.effective_status for m in parts])
            measure.effective_status = measure.status or rolled_status
            measure.effective_progress = (measure.progress if measure.progress is not None
                                          and measure.status else rolled_progress)
        else:
            measure.effective_status = measure.status or Status.UNKNOWN
            measure.effective_progress = (
                measure.progress if measure.progress is not None
                else STATUS_PROGRESS.get(measure.effective_status, 0))
        return measure

    for root in sorted(children[None], key=lambda m: m.code):
        visit(root, 0)
    return ordered


def _overall(roots):
    counted = [(m.effective_progress, m.weight) for m in roots
               if m.effective_status != Status.ABANDONED]
    total = sum(weight for _p, weight in counted)
    return round(sum(p * w for p, w in counted) / total) if total else 0


def is_overdue(measure, today):
    return (measure.planned_end is not None and measure.planned_end < today
            and measure.effective_status not in DONE)


def dashboard(*, plan, public, today=None):
    today = today or timezone.localdate()
    measures = tree(measures_visible(plan=plan, public=public).select_related("field"))
    roots = [m for m in measures if m.depth == 0]
    leaves = [m for m in measures if not m.child_count]
    fields = []
    by_id = {m.pk: m for m in measures}
    for field in plan.fields.all():
        # The topmost measures of the field, wherever their groups sit in the tree.
        field_roots = [m for m in measures if m.field_id == field.pk and (
            m.parent_id not in by_id or by_id[m.parent_id].field_id != field.pk)]
        field_leaves = [m for m in leaves if m.field_id == field.pk]
        if field_leaves:
            fields.append({"field": field, "progress": _overall(field_roots),
                           "count": len(field_leaves),
                           "statuses": Counter(m.effective_status for m in field_leaves)})
    distribution = Counter(m.effective_status for m in leaves)
    return {
        "plan": plan,
        "progress": _overall(roots),
        "measure_count": len(leaves),
        "fields": fields,
        "distribution": [(value, label, distribution.get(value, 0))
                         for value, label in Status.choices],
        "overdue": [m for m in leaves if is_overdue(m, today)][:10],
        "recently_changed": sorted(measures, key=lambda m: m.updated_at, reverse=True)[:8],
        "recent_reports": recent_reports(plan=plan, public=public)[:8],
        "indicators": indicators(plan=plan, public=public),
        "today": today,
    }


def recent_reports(*, plan, public):
    return (ProgressReport.objects.filter(measure__in=measures_visible(plan=plan, public=public))
            .select_related("measure").order_by("-reported_on", "-pk"))


def measure_list(*, plan, public, field=None, status="", query="", tag=""):
    measures = tree(measures_visible(plan=plan, public=public).select_related(
        "field", "department"))
    if field or status or query or tag:
        needle = query.lower()
        measures = [
            m for m in measures
            if (not field or m.field_id == field.pk)
            and (not status or m.effective_status == status)
            and (not tag or tag in m.tag_list)
            and (not needle or any(needle in text.lower() for text in (
                m.code, m.title, m.teaser, m.description, m.tags)))
        ]
    return measures


def measure_get(*, plan, public, pk):
    try:
        return measures_visible(plan=plan, public=public).select_related(
            "field", "department", "position", "parent").get(pk=pk)
    except Measure.DoesNotExist:
        raise Http404 from None


def _blockers_with_helpers(blockers, user, municipality):
    """Blockers with `visible_helpers`: the alliance's actors `user` may see (none in public)."""
    people = (actors_visible(municipality=municipality, user=user) if user is not None
              else Actor.objects.none())
    return blockers.prefetch_related(Prefetch("helpers", people, to_attr="visible_helpers"),
                                     "helper_positions")


def measure_detail(*, measure, public, user=None):
    """Everything a measure's page shows: its parts, reports, blockers and indicators.

    Who could help (the alliance's actors) is internal: pass the `user` to see those names.
    """
    parts = tree(measures_visible(plan=measure.plan, public=public).select_related("field"))
    by_id = {m.pk: m for m in parts}
    this = by_id.get(measure.pk, measure)
    subtree, inside = [], False
    for m in parts:
        if m.pk == measure.pk:
            inside = True
            continue
        if inside:
            if m.depth <= this.depth:
                break
            subtree.append(m)
    measure.effective_status = getattr(this, "effective_status", measure.status)
    measure.effective_progress = getattr(this, "effective_progress", measure.progress)
    reports = list(measure.reports.select_related("author", "agreed_by"))
    by_year = defaultdict(list)
    for report in reports:
        by_year[report.reported_on.year].append(report)
    blockers = _blockers_with_helpers(measure.blockers.all(), None if public else user,
                                      measure.plan.municipality)
    return {
        "parts": subtree,
        "reports": reports,
        "reports_by_year": sorted(by_year.items(), reverse=True),
        "latest": {voice: next((r for r in reports if r.voice == voice), None)
                   for voice in ("administration", "team")},
        "blockers": blockers.filter(resolved_on__isnull=True),
        "resolved_blockers": blockers.filter(resolved_on__isnull=False),
        "indicators": indicators(plan=measure.plan, public=public, measure=measure),
        "model_measure": services.model_measures().get(measure.model_measure),
    }


def indicators(*, plan, public, measure=None):
    """Indicators with their values and the straight target path to the target year."""
    found = plan.indicators.prefetch_related(Prefetch("values", IndicatorValue.objects.all()))
    if public:
        found = found.filter(published=True)
    if measure is not None:
        found = found.filter(measure=measure)
    result = []
    for indicator in found:
        values = list(indicator.values.all())
        path = target_path(indicator, plan.target_year, values)
        result.append({"indicator": indicator, "values": values, "path": path,
                       "rows": [(year, next((v.value for v in values if v.year == year), None),
                                 path.get(year))
                                for year in sorted({v.year for v in values} | set(path))],
                       "chart": line_chart(values, path)})
    return result


def line_chart(values, path, width=600, height=220, margin=40):
    """SVG coordinates for the measured values and the target path, drawn on the server so
    that the chart needs neither JavaScript nor a network."""
    points = [(v.year, v.value) for v in values] + list(path.items())
    if not points:
        return None
    years = [year for year, _value in points]
    numbers = [value for _year, value in points] + [0]
    low_year, high_year = min(years), max(years)
    low, high = min(numbers), max(numbers)
    span_years, span = max(high_year - low_year, 1), (high - low) or 1

    def xy(year, value):
        return (round(margin + (year - low_year) / span_years * (width - 2 * margin), 1),
                round(height - margin - (value - low) / span * (height - 2 * margin), 1))

    def line(pairs):
        return " ".join(f"{x},{y}" for x, y in (xy(year, value) for year, value in pairs))

    return {
        "width": width, "height": height,
        "measured": line((v.year, v.value) for v in values),
        "dots": [xy(v.year, v.value) for v in values],
        "target": line(sorted(path.items())),
        "x_labels": [(xy(year, low)[0], year) for year in sorted(set(years))],
        "y_labels": [(xy(low_year, value)[1], round(value, 1)) for value in (low, high)],
        "axis_y": height - margin, "axis_x": margin, "right": width - margin,
    }


def target_path(indicator, target_year, values):
    """{year: value on the straight line from the base value to the target}."""
    if None in (indicator.baseline_year, indicator.baseline_value, indicator.target_value,
                target_year) or target_year <= indicator.baseline_year:
        return {}
    span = target_year - indicator.baseline_year
    step = (indicator.target_value - indicator.baseline_value) / span
    years = sorted({indicator.baseline_year, target_year, *(v.year for v in values)})
    return {year: round(indicator.baseline_value + step * (year - indicator.baseline_year), 2)
            for year in years if indicator.baseline_year <= year <= target_year}


def stuck(*, plan, public, user=None, today=None):
    """Blocked and overdue measures, grouped by department and by field of action."""
    today = today or timezone.localdate()
    measures = tree(measures_visible(plan=plan, public=public).select_related(
        "field", "department"))
    blocked_ids = set(Blocker.objects.filter(measure__plan=plan, resolved_on__isnull=True)
                      .values_list("measure_id", flat=True))
    open_blockers = defaultdict(list)
    for blocker in _blockers_with_helpers(
            Blocker.objects.filter(measure_id__in=blocked_ids, resolved_on__isnull=True),
            None if public else user, plan.municipality):
        open_blockers[blocker.measure_id].append(blocker)
    rows = []
    for m in measures:
        if m.pk in blocked_ids or is_overdue(m, today) or m.effective_status in TROUBLED:
            m.open_blockers = open_blockers.get(m.pk, [])
            m.overdue = is_overdue(m, today)
            rows.append(m)
    by_department, by_field = defaultdict(list), defaultdict(list)
    for m in rows:
        by_department[str(m.department) if m.department else ""].append(m)
        by_field[str(m.field) if m.field else ""].append(m)
    return {"measures": rows, "by_department": sorted(by_department.items()),
            "by_field": sorted(by_field.items())}


def help_wanted(*, plan):
    """Public asks for help on published measures."""
    return (Blocker.objects.filter(measure__plan=plan, measure__published=True,
                                   resolved_on__isnull=True).exclude(help_wanted="")
            .select_related("measure"))


def gaps(*, plan, min_priority=3):
    """High-priority GermanZero model measures the plan does not implement yet."""
    adopted = set(plan.measures.exclude(model_measure="").values_list("model_measure",
                                                                      flat=True))
    return [m for code, m in services.model_measures().items()
            if m["priority"] >= min_priority and code not in adopted]

