"""The letters of a panel: the draw from the register extract, the serial letters as PDF and
CSV, and erasing the addresses once the letters are sent. All of it for the panel's managers
only: it is the personal data of residents."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from gemeinsam.core.errors import DomainError, ImportFailed
from gemeinsam.core.views import breadcrumbs_for, municipality_view

from . import invitations as writes
from . import letters, selectors
from .forms_invitations import AddressesEraseForm, InvitationDrawForm, weights_text
from .rules import may


def _managed_panel(request, municipality, pk):
    panel = selectors.panel_get(municipality=municipality, pk=pk)
    if not may(request.user, "panels.manage", panel):
        raise PermissionDenied  # signed in: municipality_view sent anonymous visitors away
    return panel


def _crumbs(municipality, panel, *rest):
    return breadcrumbs_for(
        municipality,
        (_("Citizens' panels"), reverse("panels:list", args=[municipality.slug])),
        (panel.title, reverse("panels:detail", args=[municipality.slug, panel.pk])), *rest)


def _register_url(request, municipality):
    return request.build_absolute_uri(reverse("panels:register", args=[municipality.slug]))


def _documentation(report):
    """The stored documentation, for the table: weights as text, the empty district named."""
    rows = []
    for district in report.get("districts", []):
        rows.append({**district, "name": district["name"] or _("(no district given)"),
                     "weight": "" if district.get("weight") is None
                     else str(district["weight"]).replace(".", ",")})
    return rows


# Drawing runs in the request: parsing and sampling even a large town's extract takes about a
# second, and a background job would have to store the extract, which must not be kept.
@never_cache
@municipality_view("panels.view_internal")
def invitations(request, municipality, pk):
    panel = _managed_panel(request, municipality, pk)
    report = panel.invitation_report if panel.invitation_report.get("drawn_at") else {}
    drawn = bool(report)
    form, failed, status = None, [], 200
    if not drawn and not panel.erased_at:
        form = InvitationDrawForm(request.POST or None, request.FILES or None, initial={
            "count": panel.letters_planned, "method": panel.invitation_method,
            "weights": weights_text(panel.district_weights)})
        if request.method == "POST":
            if form.is_valid():
                data = form.cleaned_data
                try:
                    report = writes.invitations_draw(
                        panel=panel, register_file=data["register_file"], count=data["count"],
                        method=data["method"], weights=data["weights"])
                except ImportFailed as error:
                    failed = error.errors
                    form.add_error(None, error.message)
                except DomainError as error:
                    form.add_error(None, error.message)
                else:
                    messages.success(request, _(
                        "%(letters)s letters have been drawn from %(rows)s residents.")
                        % {"letters": report["letters"], "rows": report["rows_read"]})
                    return redirect("panels:invitations", municipality.slug, panel.pk)
            status = 400
    return render(request, "panels/invitations.html", {
        "municipality": municipality, "panel": panel, "can_manage": True,
        "form": form, "failed": failed, "report": report,
        "documentation": _documentation(report),
        "drawn_at": (datetime.datetime.fromisoformat(report["drawn_at"])
                     if report.get("drawn_at") else None),
        "addresses_present": drawn and writes.addresses_present(panel=panel),
        "breadcrumbs": _crumbs(municipality, panel, (_("Letters"), None)),
    }, status=status)


def _download(request, municipality, pk):
    panel = _managed_panel(request, municipality, pk)
    if not writes.addresses_present(panel=panel):
        messages.info(request, _("There are no addresses to print: either the letters have not "
                                 "been drawn yet or their addresses have been erased."))
        return panel, redirect("panels:invitations", municipality.slug, panel.pk)
    return panel, None


@never_cache
@municipality_view("panels.view_internal")
def letters_pdf(request, municipality, pk):
    panel, refusal = _download(request, municipality, pk)
    if refusal:
        return refusal
    content = letters.letters_pdf(panel=panel, invitations=writes.letters_of(panel=panel),
                                  register_url=_register_url(request, municipality),
                                  today=timezone.localdate())
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="briefe-buergerrat-{panel.pk}.pdf"'
    return response


@never_cache
@municipality_view("panels.view_internal")
def letters_csv(request, municipality, pk):
    panel, refusal = _download(request, municipality, pk)
    if refusal:
        return refusal
    content = letters.letters_csv(panel=panel, invitations=writes.letters_of(panel=panel),
                                  register_url=_register_url(request, municipality),
                                  today=timezone.localdate())
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="serienbrief-buergerrat-{panel.pk}.csv"')
    return response


@never_cache
@municipality_view("panels.view_internal")
def addresses_erase(request, municipality, pk):
    """Forget names and addresses of the letters, after a confirmation."""
    panel = _managed_panel(request, municipality, pk)
    if not writes.addresses_present(panel=panel):
        messages.info(request, _("There are no addresses to erase."))
        return redirect("panels:invitations", municipality.slug, panel.pk)
    form = AddressesEraseForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            erased = writes.letters_addresses_erase(panel=panel)
            messages.success(request, _(
                "The names and addresses of %(letters)s letters have been erased. The "
                "registration codes still work.") % {"letters": erased})
            return redirect("panels:invitations", municipality.slug, panel.pk)
        status = 400
    return render(request, "panels/invitations_erase.html", {
        "municipality": municipality, "panel": panel, "can_manage": True, "form": form,
        "letters": panel.invitations.count(),
        "breadcrumbs": _crumbs(municipality, panel, (_("Letters"), reverse(
            "panels:invitations", args=[municipality.slug, panel.pk])),
            (_("Erase addresses"), None)),
    }, status=status)
