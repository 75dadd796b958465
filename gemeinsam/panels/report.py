"""The report of a lottery: the quota table and the profile of the selection probabilities.

Everything here comes from the selection's stored quota table and its pseudonymous audit
record, so the report stays complete after the personal data has been erased, and nothing in
it names a person.
"""

import math
from decimal import ROUND_HALF_UP, Decimal
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


def probability_text(value, places=4):
    """A probability as the report shows it, in the caption, the facts and the table alike:
    rounded half up to `places` decimals and localised (0,7381). Django's number_format alone
    would cut the digits off instead of rounding them."""
    rounded = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
    return formats.number_format(rounded, places)


def audit_filename(selection):
    """The name under which the audit record is downloaded and verified."""
    return f"audit-{selection.pk}.json"


def pool_counts(audit):
    """(registered, excluded): everyone in the lottery's pool and those of them who could not
    be selected (withdrew, cannot attend or dropped out), who have probability 0."""
    probabilities = audit.get("probabilities") or {}
    registered = audit.get("pool_size")
    if registered is None:
        registered = len(probabilities)
    zeros = sum(1 for p in probabilities.values() if float(p) == 0)
    excluded = audit.get("must_not_select")
    if isinstance(excluded, (list, tuple)):
        excluded = len(excluded)
    if not isinstance(excluded, int):
        excluded = zeros  # an older record: whoever has probability 0
    return registered, min(excluded, zeros)


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
    registered, excluded = pool_counts(audit)
    # The people who could not be selected have probability 0 and come first in the sorted
    # order; the chart, its table and the figures are about those who could be selected.
    values = sorted(float(p) for p in published.values())[excluded:]
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
    lowest = values[0] if values else 0.0
    highest = values[-1] if values else 0.0
    mean = sum(values) / n if n else 0.0
    groups = []
    rank = 0
    for text, members in groupby(values, key=probability_text):
        count = len(list(members))
        groups.append({"probability": text, "count": count, "first": rank + 1,
                       "last": rank + count})
        rank += count
    certificate = audit.get("certificate") or {}
    figures = {"count": registered, "eligible": n, "min": probability_text(lowest),
               "max": probability_text(highest), "mean": probability_text(mean)}
    if excluded:
        summary = _("%(eligible)s who can be selected, of %(count)s registered, sorted from the "
                    "lowest to the highest selection probability. Lowest %(min)s, highest "
                    "%(max)s, mean %(mean)s.") % figures
    else:
        summary = _("%(count)s people, sorted from the lowest to the highest selection "
                    "probability. Lowest %(min)s, highest %(max)s, mean %(mean)s.") % figures
    bound, minimum = certificate.get("upper_bound"), certificate.get("minimum")
    return {
        "width": CHART_WIDTH, "height": CHART_HEIGHT, "bars": bars, "ticks": ticks,
        "plot_left": _LEFT, "plot_right": CHART_WIDTH - _RIGHT,
        "plot_bottom": _n(_scale(0, top)), "label_y": CHART_HEIGHT - 12,
        "mean_y": _n(_scale(mean, top)),
        "count": registered, "eligible": n, "excluded": excluded,
        "min": lowest, "max": highest, "mean": mean,
        "min_text": figures["min"], "max_text": figures["max"], "mean_text": figures["mean"],
        "fair_share": audit.get("panel_size", 0) / n if n else 0.0,
        "summary": summary, "groups": groups,
        "bound": bound, "gap": certificate.get("gap"),
        "bound_text": probability_text(bound, 6) if bound is not None else "",
        "certificate_minimum": minimum,
        "certificate_minimum_text": probability_text(minimum, 6) if minimum is not None else "",
        "method": certificate.get("method", ""),
    }


def report_context(*, selection):
    """Everything the report pages (internal and public) show about one selection."""
    audit = selection.audit or {}
    job = selection.job if selection.job_id else None
    registered, excluded = pool_counts(audit)
    filename = audit_filename(selection)
    return {
        "selection": selection,
        "computed_at": job.finished_at if job and job.finished_at else selection.created_at,
        "quota_rows": quota_rows(selection=selection),
        "profile": probability_profile(selection=selection),
        "digest": selection.digest,
        "algorithm": audit.get("algorithm", selection.algorithm),
        "pool_size": registered,
        "pool_eligible": registered - excluded,
        "pool_excluded": excluded,
        "panel_size": audit.get("panel_size"),
        "replacement": audit.get("replacement"),
        "audit_filename": filename,
        "verify_command": f"python -m gemeinsam.sortition verify {filename}",
    }
