"""Background work of citizens' panels: computing a lottery and telling people the result."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from gemeinsam.jobs.registry import register

from . import selection as services
from .models import Panel, Selection

COMPUTE_LOTTERY = services.COMPUTE_LOTTERY
COMPUTE_LOTTERY_TITLE = _("Computing the lottery")
REPLACEMENT_TITLE = _("Computing the lottery for replacements")
NOTIFY = services.NOTIFY
NOTIFY_TITLE = _("Telling the respondents the result")
RESULT_LABELS = [gettext_noop("people in the pool"), gettext_noop("lowest probability"),
                 gettext_noop("selected"), gettext_noop("not selected"),
                 gettext_noop("to phone"), gettext_noop("failed")]


@register(COMPUTE_LOTTERY)
def run_compute_lottery(*, report_progress, selection_id):
    selection = Selection.objects.select_related("panel").get(pk=selection_id)
    selection = services.selection_compute(selection=selection, progress=report_progress)
    probabilities = [float(p) for p in selection.audit.get("probabilities", {}).values()]
    positive = [p for p in probabilities if p > 0]
    return {"people in the pool": len(probabilities),
            "lowest probability": f"{min(positive):.4f}" if positive else "–"}


@register(NOTIFY)
def run_notify(*, report_progress, panel_id):
    panel = Panel.objects.select_related("municipality").get(pk=panel_id)
    return services.notifications_send(panel=panel, progress=report_progress)
