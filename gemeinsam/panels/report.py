"""The report of a lottery: the quota table and the profile of the selection probabilities.

Everything here comes from the selection's stored quota table and its pseudonymous audit
record, so the report stays complete after the personal data has been erased, and nothing in
it names a person.
"""

import math
from itertools import groupby

from django.utils import formats
from django.utils.translation import gettext as _

CHART_WIDTH = 640
CHART_HEIGHT = 240
_LEFT, _RIGHT, _TOP, _BOTTOM = 56, 16, 16, 40


def quota_rows(*, selection):
    """The quota table with a flag on every value whose selected count is outside its quota
    (possible only when quotas were changed by hand after the draw — or to show a bug)."""
    rows = []
    for row in selection.quota_table:
        selected = row.get("selected")
        outside = selected is not None and not (row["min"] <= selected <= row["max"])
        rows.append({**row, "outside": outside})
    return rows


def _n(number):
    """A coordinate for the SVG: a plain string, never localised with a decimal comma."""
    return f"{number:.2f}"


def _number(value):
    return formats.number_format(value, 4)


def _scale(value, top):
    return _TOP + (CHART_HEIGHT - _TOP - _BOTTOM) * (1 - value / top)


def probability_profile(*, selection):
    """The sorted selection probabilities as an SVG chart and an equivalent table.

    Returns None before the lottery is computed. `groups` lists each distinct probability
    (rounded to 4 places) with how many people have it and their ranks in the sorted order:
    the same information as the chart, for people who do not see it.
    """
    audit = selection.audit or {}
    published = audit.get("probabilities")
    if not published:
        return None
    values = sorted(float(p) for p in published.values())
    positive = [p for p in values if p > 0]
    n = len(values)
    top = max(0.1, math.ceil(max(values) * 10) / 10) if values else 1.0
    plot_width = CHART_WIDTH - _LEFT - _RIGHT
    bar = plot_width / n if n else plot_width
    bars = [{"x": _n(_LEFT + i * bar), "y": _n(_scale(p, top)),
             "width": _n(max(bar - (1 if bar > 3 else 0), 0.5)),
             "height": _n(_scale(0, top) - _scale(p, top))} for i, p in enumerate(values)]
    ticks = []
    steps = 4
    for i in range(steps + 1):
        value = top * i / steps
        ticks.append({"y": _n(_scale(value, top)), "label": formats.number_format(value, 2),
                      "label_x": str(_LEFT - 6)})
    mean = sum(positive) / len(positive) if positive else 0.0
    groups = []
    rank = 0
    for value, members in groupby(values, key=lambda p: round(p, 4)):
        count = len(list(members))
        groups.append({"probability": value, "count": count, "first": rank + 1,
                       "last": rank + count})
        rank += count
    certificate = audit.get("certificate") or {}
    fair_share = audit.get("panel_size", 0) / len(positive) if positive else 0.0
    summary = _("%(count)s people, sorted from the lowest to the highest selection "
                "probability. Lowest %(min)s, highest %(max)s, mean %(mean)s.") % {
        "count": n, "min": _number(min(positive) if positive else 0.0),
        "max": _number(max(values) if values else 0.0), "mean": _number(mean)}
    return {
        "width": CHART_WIDTH, "height": CHART_HEIGHT, "bars": bars, "ticks": ticks,
        "plot_left": _LEFT, "plot_right": CHART_WIDTH - _RIGHT,
        "plot_bottom": _n(_scale(0, top)), "label_y": CHART_HEIGHT - 12,
        "mean_y": _n(_scale(mean, top)),
        "count": n, "eligible": len(positive), "excluded": n - len(positive),
        "min": min(positive) if positive else 0.0, "max": max(values) if values else 0.0,
        "mean": mean, "fair_share": fair_share, "summary": summary, "groups": groups,
        "bound": certificate.get("upper_bound"), "gap": certificate.get("gap"),
        "certificate_minimum": certificate.get("minimum"),
        "method": certificate.get("method", ""),
    }


def report_context(*, selection):
    """Everything the report pages (internal and public) show about one selection."""
    audit = selection.audit or {}
    job = selection.job if selection.job_id else None
    return {
        "selection": selection,
        "computed_at": job.finished_at if job and job.finished_at else selection.created_at,
        "quota_rows": quota_rows(selection=selection),
        "profile": probability_profile(selection=selection),
        "digest": selection.digest,
        "algorithm": audit.get("algorithm", selection.algorithm),
        "pool_size": audit.get("pool_size"),
        "panel_size": audit.get("panel_size"),
        "replacement": audit.get("replacement"),
        "verify_command": "python -m gemeinsam.sortition verify audit.json",
    }
