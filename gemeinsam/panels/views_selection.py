"""The respondents of a panel, the lottery (compute, publish the SHA-256, draw with the seed or
cancel with a reason), its report, notifications, drop-outs and replacements, and each
person's own data (export and erasure)."""

import io
import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from gemeinsam import sortition
from gemeinsam.core import tables
from gemeinsam.core.errors import DomainError
from gemeinsam.core.views import municipality_view

from . import exports, report, selectors
from . import selection as services
from .forms_selection import CancelForm, RespondentActionForm, SeedForm
from .models import Respondent, Selection, SelectionState
from .rules import may
from .views_shared import panel_context, panel_crumbs, panel_for

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _selection(request, municipality, pk, permission="panels.view_aggregates"):
    selection = get_object_or_404(Selection.objects.select_related("panel__municipality", "job"),
                                  pk=pk, panel__municipality=municipality)
    if not may(request.user, permission, selection.panel):
        raise PermissionDenied
    return selection


def _respondent(request, municipality, pk):
    person = get_object_or_404(Respondent.objects.select_related("panel__municipality"),
                               pk=pk, panel__municipality=municipality)
    if not may(request.user, "panels.view_personal_data", person.panel):
        raise PermissionDenied
    return person


def _download(body, content_type, filename):
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- Respondents (managers only: names) -------------------------------------------------------


@never_cache
@municipality_view("panels.view_internal")
def respondents(request, municipality, pk):
    panel = panel_for(request, municipality, pk, "panels.view_personal_data")
    people = list(panel.respondents.order_by("last_name", "first_name", "pk"))
    to_phone = [r for r in people
                if r.state in (SelectionState.SELECTED, SelectionState.NOT_SELECTED)
                and not r.email and r.notified_at is None]
    return render(request, "panels/respondents.html", panel_context(
        request, municipality, panel, respondents=people, to_phone=to_phone,
        counts=selectors.panel_counts(panel=panel),
        breadcrumbs=panel_crumbs(municipality, panel, (_("Respondents"), None))))


def _people_rows(panel):
    features = selectors.features_with_values(panel=panel)
    quotas = services.quotas_of(panel=panel, features=features)
    respondents = list(panel.respondents.order_by("pk"))
    people = []
    for r, person in zip(respondents, services.people_of(panel=panel, respondents=respondents,
                                                         features=features)):
        cells = {"first_name": r.first_name, "last_name": r.last_name, "email": r.email,
                 "phone": r.phone, "needs": r.needs}
        extra = {name: tables.guard(value, exports.HARMLESS) for name, value in cells.items()}
        extra.update({"available": "yes" if r.available else "no", "state": r.state})
        people.append(sortition.Respondent(id=person.id, features=person.features,
                                           household=person.household, extra=extra))
    return people, quotas


@never_cache
@municipality_view("panels.view_internal")
def respondents_csv(request, municipality, pk):
    """The respondents in sortition-algorithms' people format (id = pseudonym, comma
    separated), with names, contact details and needs as extra columns: to check the lottery
    with that tool, never for publication. The organisers' lists are respondents_list and
    members_list."""
    panel = panel_for(request, municipality, pk, "panels.view_personal_data")
    people, quotas = _people_rows(panel)
    buffer = io.StringIO()
    sortition.write_people(people, quotas, buffer, "sortition-algorithms")
    return _download(buffer.getvalue(), "text/csv; charset=utf-8",
                     f"respondents-{panel.pk}.csv")


def _table_download(request, municipality, pk, file_format, *, selected_only):
    if file_format not in ("csv", "xlsx"):
        raise Http404
    panel = panel_for(request, municipality, pk, "panels.view_personal_data")
    header, rows = exports.respondents_table(panel=panel, selected_only=selected_only)
    stem = "ausgeloste" if selected_only else "angemeldete"
    filename = f"{stem}-{panel.pk}-{timezone.localdate():%Y-%m-%d}.{file_format}"
    if file_format == "csv":
        return _download(exports.write_csv(header, rows), "text/csv; charset=utf-8", filename)
    title = _("Selected members") if selected_only else _("Respondents")
    return _download(exports.write_xlsx(header, rows, title=title), XLSX, filename)


@never_cache
@municipality_view("panels.view_internal")
def respondents_list(request, municipality, pk, file_format):
    """Everyone who registered, with state, contact and needs, as CSV or XLSX."""
    return _table_download(request, municipality, pk, file_format, selected_only=False)


@never_cache
@municipality_view("panels.view_internal")
def members_list(request, municipality, pk, file_format):
    """The selected members with contact and needs, for the organisers of the meetings."""
    return _table_download(request, municipality, pk, file_format, selected_only=True)


_ACTIONS = {"withdraw": services.respondent_withdraw,
            "drop_out": services.respondent_drop_out,
            "notified": services.respondent_mark_notified,
            "erase": services.respondent_erase}


@never_cache
@municipality_view("panels.view_internal")
def respondent(request, municipality, pk):
    person = _respondent(request, municipality, pk)
    panel = person.panel
    form = RespondentActionForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if not may(request.user, "panels.manage", panel):
            raise PermissionDenied
        if form.is_valid():
            action = form.cleaned_data["action"]
            try:
                _ACTIONS[action](respondent=person)
            except DomainError as error:
                messages.error(request, error.message)
                status = 400
            else:
                messages.success(request, _("The person's data has been erased.")
                                 if action == "erase" else _("The change has been saved."))
                return redirect("panels:respondent", municipality.slug, person.pk)
        else:
            status = 400
    answers = services.people_of(panel=panel, respondents=[person],
                                 features=selectors.features_with_values(panel=panel))[0].features
    erased = services.respondent_is_erased(person)
    return render(request, "panels/respondent.html", panel_context(
        request, municipality, panel, person=person, answers={} if erased else answers,
        erased=erased, form=form,
        breadcrumbs=panel_crumbs(municipality, panel, (_("Respondents"), reverse(
            "panels:respondents", args=[municipality.slug, panel.pk])), (person.pseudonym, None))),
        status=status)


@never_cache
@municipality_view("panels.view_internal")
def respondent_export(request, municipality, pk):
    """Everything stored about one person as a JSON file, for their request (GDPR Art. 15)."""
    person = _respondent(request, municipality, pk)
    data = services.respondent_export(respondent=person)
    body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2) + "\n"
    return _download(body, "application/json; charset=utf-8",
                     f"buergerrat-daten-{person.pseudonym}.json")


# --- The lottery -------------------------------------------------------------------------------


# The lottery's actions are buttons on its page. Someone who opens an action's address (a
# bookmark, the back button after a draw) lands on that page instead of a blank error.
post_or_back_to_lottery = require_http_methods(["GET", "HEAD", "POST"])


def _to_lottery(municipality, panel):
    return redirect("panels:selection", municipality.slug, panel.pk)


def _selection_page(request, municipality, panel, *, seed_form=None, cancel_form=None,
                    status=200):
    """The lottery page, after a GET or with the errors of a draw or cancel form."""
    selections = list(Selection.objects.filter(panel=panel).select_related("job")
                      .order_by("-created_at"))
    for s in selections:
        s.state_code, s.state_label = services.lottery_state(s)
    newest = selections[0] if selections else None
    current = newest if newest and newest.state_code not in ("drawn", "cancelled") else None
    drawn = any(s.state_code == "drawn" and s.kind == Selection.Kind.PANEL for s in selections)
    busy = any(s.state_code in ("computing", "computed") for s in selections)
    return render(request, "panels/selection.html", panel_context(
        request, municipality, panel, selections=selections, current=current,
        panel_drawn=drawn, busy=busy, registration_open=(
            timezone.localdate() <= panel.registration_deadline),
        open_dropouts=drawn and not busy and panel.respondents.filter(
            state=SelectionState.DROPPED_OUT).exists(),
        seed_form=seed_form or SeedForm(), cancel_form=cancel_form or CancelForm(),
        counts=selectors.panel_counts(panel=panel),
        breadcrumbs=panel_crumbs(municipality, panel, (_("Lottery"), None))), status=status)


@municipality_view("panels.view_internal")
def selection(request, municipality, pk):
    """GET: the state of the lottery. POST (managers): start computing it."""
    panel = panel_for(request, municipality, pk, "panels.view_aggregates")
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
    return _selection_page(request, municipality, panel)


@municipality_view("panels.view_internal")
def selection_status(request, municipality, pk):
    """The progress of the computation; polled by htmx, a page of its own without JS."""
    current = _selection(request, municipality, pk)
    template = ("panels/selection_status.html" if request.htmx
                else "panels/selection_status_page.html")
    current.state_code, current.state_label = services.lottery_state(current)
    return render(request, template, panel_context(
        request, municipality, current.panel, current=current, job=current.job,
        breadcrumbs=panel_crumbs(municipality, current.panel, (_("Lottery"), reverse(
            "panels:selection", args=[municipality.slug, current.panel.pk])),
            (_("Progress"), None))))


@municipality_view("panels.view_internal")
@post_or_back_to_lottery
def selection_draw(request, municipality, pk):
    if request.method != "POST":
        return _to_lottery(municipality, _selection(request, municipality, pk).panel)
    current = _selection(request, municipality, pk, "panels.manage")
    form = SeedForm(request.POST)
    if form.is_valid():
        try:
            services.selection_draw(selection=current, seed=form.cleaned_data["seed"])
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The panel has been drawn."))
            return redirect("panels:selection_report", municipality.slug, current.pk)
    return _selection_page(request, municipality, current.panel, seed_form=form, status=400)


@municipality_view("panels.view_internal")
@post_or_back_to_lottery
def selection_cancel(request, municipality, pk):
    """Cancel a computed lottery instead of drawing it; the reason is published."""
    if request.method != "POST":
        return _to_lottery(municipality, _selection(request, municipality, pk).panel)
    current = _selection(request, municipality, pk, "panels.manage")
    form = CancelForm(request.POST)
    if form.is_valid():
        try:
            services.selection_cancel(selection=current, reason=form.cleaned_data["reason"])
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The lottery has been cancelled. Its SHA-256 and the "
                                        "reason stay on the public page."))
            return redirect("panels:selection", municipality.slug, current.panel.pk)
    return _selection_page(request, municipality, current.panel, cancel_form=form, status=400)


@never_cache
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
    return render(request, "panels/selection_report.html", panel_context(
        request, municipality, panel, members=members,
        audit_url=reverse("panels:audit", args=[municipality.slug, current.pk]),
        **report.report_context(selection=current),
        breadcrumbs=panel_crumbs(municipality, panel, (_("Lottery"), reverse(
            "panels:selection", args=[municipality.slug, panel.pk])), (_("Report"), None))))


@municipality_view("panels.view_internal")
@post_or_back_to_lottery
def notify(request, municipality, pk):
    if request.method != "POST":
        return _to_lottery(municipality, panel_for(request, municipality, pk,
                                                   "panels.view_aggregates"))
    panel = panel_for(request, municipality, pk, "panels.manage")
    try:
        job = services.notifications_start(panel=panel, started_by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("panels:selection", municipality.slug, panel.pk)
    return redirect("jobs:detail", job.pk)


@municipality_view("panels.view_internal")
@post_or_back_to_lottery
def replace(request, municipality, pk):
    if request.method != "POST":
        return _to_lottery(municipality, panel_for(request, municipality, pk,
                                                   "panels.view_aggregates"))
    panel = panel_for(request, municipality, pk, "panels.manage")
    try:
        services.selection_start(panel=panel, started_by=request.user,
                                 kind=Selection.Kind.REPLACEMENT)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The lottery for the replacements is being computed."))
    return redirect("panels:selection", municipality.slug, panel.pk)
