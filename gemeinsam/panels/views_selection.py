"""The respondents of a panel, the lottery (compute, publish the SHA-256, draw with the seed),
its report, notifications, drop-outs and replacements."""

import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gemeinsam import sortition
from gemeinsam.core.errors import DomainError
from gemeinsam.core.views import breadcrumbs_for, municipality_view

from . import report, selectors
from . import selection as services
from .forms_selection import RespondentActionForm, SeedForm
from .models import Respondent, Selection, SelectionState
from .rules import may


def _panel(request, municipality, pk, permission):
    panel = selectors.panel_get(municipality=municipality, pk=pk)
    if not may(request.user, permission, panel):
        raise PermissionDenied
    return panel


def _selection(request, municipality, pk, permission="panels.view_aggregates"):
    selection = get_object_or_404(Selection.objects.select_related("panel__municipality", "job"),
                                  pk=pk, panel__municipality=municipality)
    if not may(request.user, permission, selection.panel):
        raise PermissionDenied
    return selection


def _crumbs(municipality, panel, *rest):
    return breadcrumbs_for(
        municipality, (_("Citizens' panels"), reverse("panels:list", args=[municipality.slug])),
        (panel.title, reverse("panels:detail", args=[municipality.slug, panel.pk])), *rest)


def _context(request, municipality, panel, **extra):
    return {"municipality": municipality, "panel": panel,
            "can_manage": may(request.user, "panels.manage", panel), **extra}


# --- Respondents (managers only: names) -------------------------------------------------------


@municipality_view("panels.view_internal")
def respondents(request, municipality, pk):
    panel = _panel(request, municipality, pk, "panels.view_personal_data")
    people = list(panel.respondents.order_by("last_name", "first_name", "pk"))
    to_phone = [r for r in people
                if r.state in (SelectionState.SELECTED, SelectionState.NOT_SELECTED)
                and not r.email and r.notified_at is None]
    return render(request, "panels/respondents.html", _context(
        request, municipality, panel, respondents=people, to_phone=to_phone,
        counts=selectors.panel_counts(panel=panel),
        breadcrumbs=_crumbs(municipality, panel, (_("Respondents"), None))))


def _cell(text):
    """Typed-in text as a CSV cell that a spreadsheet will not run as a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _people_rows(panel):
    features = selectors.features_with_values(panel=panel)
    quotas = services.quotas_of(panel=panel, features=features)
    people = []
    for r in panel.respondents.order_by("pk"):
        person = services.people_of(panel=panel, respondents=[r], features=features)[0]
        people.append(sortition.Respondent(
            id=person.id, features=person.features, household=person.household,
            extra={"first_name": _cell(r.first_name), "last_name": _cell(r.last_name),
                   "email": _cell(r.email), "phone": _cell(r.phone),
                   "available": "yes" if r.available else "no", "state": r.state}))
    return people, quotas


@municipality_view("panels.view_internal")
def respondents_csv(request, municipality, pk):
    """The respondents in sortition-algorithms' people format (id = pseudonym), with names and
    contact details as extra columns: for the managers' own checks, never for publication."""
    panel = _panel(request, municipality, pk, "panels.view_personal_data")
    people, quotas = _people_rows(panel)
    buffer = io.StringIO()
    sortition.write_people(people, quotas, buffer, "sortition-algorithms")
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="respondents-{panel.pk}.csv"'
    response["Cache-Control"] = "no-store"
    return response


@municipality_view("panels.view_internal")
def respondent(request, municipality, pk):
    person = get_object_or_404(Respondent.objects.select_related("panel__municipality"),
                               pk=pk, panel__municipality=municipality)
    panel = person.panel
    if not may(request.user, "panels.view_personal_data", panel):
        raise PermissionDenied
    form = RespondentActionForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if not may(request.user, "panels.manage", panel):
            raise PermissionDenied
        if form.is_valid():
            action = {"withdraw": services.respondent_withdraw,
                      "drop_out": services.respondent_drop_out,
                      "notified": services.respondent_mark_notified}[form.cleaned_data["action"]]
            try:
                action(respondent=person)
            except DomainError as error:
                messages.error(request, error.message)
                status = 400
            else:
                messages.success(request, _("The change has been saved."))
                return redirect("panels:respondent", municipality.slug, person.pk)
    answers = services.people_of(panel=panel, respondents=[person],
                                 features=selectors.features_with_values(panel=panel))[0].features
    return render(request, "panels/respondent.html", _context(
        request, municipality, panel, person=person, answers=answers, form=form,
        breadcrumbs=_crumbs(municipality, panel, (_("Respondents"), reverse(
            "panels:respondents", args=[municipality.slug, panel.pk])), (person.pseudonym, None))),
        status=status)


# --- The lottery -------------------------------------------------------------------------------


@municipality_view("panels.view_internal")
def selection(request, municipality, pk):
    """GET: the state of the lottery. POST (managers): start computing it."""
    panel = _panel(request, municipality, pk, "panels.view_aggregates")
    if request.method == "POST":
        if not may(request.user, "panels.manage", panel):
            raise PermissionDenied
        try:
            services.selection_start(panel=panel, started_by=request.user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The lottery is being computed."))
        return redirect("panels:selection", municipality.slug, panel.pk)
    selections = list(Selection.objects.filter(panel=panel).select_related("job")
                      .order_by("-created_at"))
    current = selections[0] if selections and not selections[0].is_drawn else None
    return render(request, "panels/selection.html", _context(
        request, municipality, panel, selections=selections, current=current,
        panel_drawn=any(s.is_drawn and s.kind == Selection.Kind.PANEL for s in selections),
        open_dropouts=panel.respondents.filter(state=SelectionState.DROPPED_OUT).exists(),
        seed_form=SeedForm(), counts=selectors.panel_counts(panel=panel),
        breadcrumbs=_crumbs(municipality, panel, (_("Lottery"), None))))


@municipality_view("panels.view_internal")
def selection_status(request, municipality, pk):
    """The progress of the computation; polled by htmx, a page of its own without JS."""
    current = _selection(request, municipality, pk)
    template = ("panels/selection_status.html" if request.htmx
                else "panels/selection_status_page.html")
    return render(request, template, _context(
        request, municipality, current.panel, current=current, job=current.job,
        breadcrumbs=_crumbs(municipality, current.panel, (_("Lottery"), reverse(
            "panels:selection", args=[municipality.slug, current.panel.pk])),
            (_("Progress"), None))))


@municipality_view("panels.view_internal")
@require_POST
def selection_draw(request, municipality, pk):
    current = _selection(request, municipality, pk, "panels.manage")
    panel = current.panel
    form = SeedForm(request.POST)
    if form.is_valid():
        try:
            services.selection_draw(selection=current, seed=form.cleaned_data["seed"])
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The panel has been drawn."))
            return redirect("panels:selection_report", municipality.slug, current.pk)
    selections = list(Selection.objects.filter(panel=panel).select_related("job")
                      .order_by("-created_at"))
    return render(request, "panels/selection.html", _context(
        request, municipality, panel, selections=selections, current=current,
        panel_drawn=any(s.is_drawn and s.kind == Selection.Kind.PANEL for s in selections),
        open_dropouts=False, seed_form=form, counts=selectors.panel_counts(panel=panel),
        breadcrumbs=_crumbs(municipality, panel, (_("Lottery"), None))), status=400)


@municipality_view("panels.view_internal")
def selection_report(request, municipality, pk):
    current = _selection(request, municipality, pk)
    if not current.is_computed:
        raise Http404
    panel = current.panel
    members = []
    if current.is_drawn and may(request.user, "panels.view_personal_data", panel):
        drawn = set((current.audit.get("draw") or {}).get("panel", []))
        members = list(panel.respondents.filter(pseudonym__in=drawn)
                       .order_by("last_name", "first_name"))
    return render(request, "panels/selection_report.html", _context(
        request, municipality, panel, members=members,
        audit_url=reverse("panels:audit", args=[municipality.slug, current.pk]),
        **report.report_context(selection=current),
        breadcrumbs=_crumbs(municipality, panel, (_("Lottery"), reverse(
            "panels:selection", args=[municipality.slug, panel.pk])), (_("Report"), None))))


@municipality_view("panels.view_internal")
@require_POST
def notify(request, municipality, pk):
    panel = _panel(request, municipality, pk, "panels.manage")
    try:
        job = services.notifications_start(panel=panel, started_by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("panels:selection", municipality.slug, panel.pk)
    return redirect("jobs:detail", job.pk)


@municipality_view("panels.view_internal")
@require_POST
def replace(request, municipality, pk):
    panel = _panel(request, municipality, pk, "panels.manage")
    try:
        services.selection_start(panel=panel, started_by=request.user,
                                 kind=Selection.Kind.REPLACEMENT)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The lottery for the replacements is being computed."))
    return redirect("panels:selection", municipality.slug, panel.pk)

