"""The public page of a panel: purpose, timeline, how the lottery works, and after the draw
the quota table, the probability profile and the audit file anyone can check. Never a name."""

import json

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from gemeinsam.core.views import breadcrumbs_for, municipality_view

from . import report, selectors
from .models import Panel, Selection
from .rules import may


def _published(panel):
    """Every computed lottery, newest first: its SHA-256 was published before the seed was
    known, so each one stays listed, the drawn ones, the one waiting for its draw and the
    cancelled ones with the reason."""
    return list(Selection.objects.filter(panel=panel).exclude(audit={})
                .select_related("job").order_by("-created_at"))


@municipality_view()
def public_list(request, municipality):
    panels = Panel.objects.filter(municipality=municipality, public=True)
    return render(request, "panels/public_list.html", {
        "municipality": municipality, "panels": panels,
        "can_view_internal": may(request.user, "panels.view_internal", municipality),
        "breadcrumbs": breadcrumbs_for(municipality, (_("Citizens' panels"), None)),
    })


@municipality_view()
def public_detail(request, municipality, pk):
    panel = selectors.panel_get(municipality=municipality, pk=pk)
    if not panel.public:
        raise Http404
    lotteries = []
    for selection in _published(panel):
        context = report.report_context(selection=selection)
        context["audit_url"] = reverse("panels:audit", args=[municipality.slug, selection.pk])
        lotteries.append(context)
    return render(request, "panels/public_detail.html", {
        "municipality": municipality, "panel": panel, "lotteries": lotteries,
        "features": selectors.features_with_values(panel=panel),
        "breadcrumbs": breadcrumbs_for(municipality, (_("Citizens' panels"), reverse(
            "panels:public_list", args=[municipality.slug])), (panel.title, None)),
    })


@municipality_view()
def audit(request, municipality, pk):
    """The pseudonymous audit record: public for a public panel, else for the internal team."""
    selection = get_object_or_404(Selection.objects.select_related("panel"), pk=pk,
                                  panel__municipality=municipality)
    if not selection.panel.public and not may(request.user, "panels.view_aggregates",
                                                selection.panel):
        raise Http404
    if not selection.is_computed:
        raise Http404
    body = json.dumps(selection.audit, indent=1, ensure_ascii=False) + "\n"
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{report.audit_filename(selection)}"'
    return response
