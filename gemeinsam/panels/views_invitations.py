"""The letters of a panel: the draw from the register extract (a first wave and, when too few
answered, further waves), the serial letters as PDF and CSV per wave, and erasing the
addresses once the letters are sent. All of it for the panel's managers only: it is the
personal data of residents."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from gemeinsam.core.errors import DomainError, ImportFailed
from gemeinsam.core.views import municipality_view

from . import invitations as writes
from . import letters
from .forms_invitations import AddressesEraseForm, InvitationDrawForm, weights_text
from .views_shared import panel_crumbs, panel_for


def _documentation(wave, with_addresses):
    """A wave's documentation for the page: weights as text, the empty district named."""
    rows = [{**district, "name": district["name"] or _("(no district given)"),
             "weight": "" if district.get("weight") is None
             else str(district["weight"]).replace(".", ",")}
            for district in wave["districts"]]
    return {**wave, "rows": rows, "addresses_present": wave["wave"] in with_addresses}


def _draw_initial(panel, wave):
    """The first wave starts from the panel's plan. A further wave starts without a number
    and without weights: how many more letters, and where, follows from who did not answer,
    not from the first wave's numbers; the method stays as before."""
    if wave == 1:
        return {"count": panel.letters_planned, "method": panel.invitation_method,
                "weights": weights_text(panel.district_weights), "wave": wave}
    return {"method": panel.invitation_method, "wave": wave}


# Drawing runs in the request: parsing and sampling even a large town's extract takes about a
# second, and a background job would have to store the extract, which must not be kept.
@never_cache
@municipality_view("panels.view_internal")
def invitations(request, municipality, pk):
    panel = panel_for(request, municipality, pk, "panels.manage")
    next_wave = writes.waves_drawn(panel) + 1
    refusal = writes.wave_refusal(panel, next_wave)
    form, failed, status = None, [], 200
    if refusal is None:
        form = InvitationDrawForm(request.POST or None, request.FILES or None,
                                  initial=_draw_initial(panel, next_wave))
        if request.method == "POST":
            if form.is_valid():
                data = form.cleaned_data
                try:
                    documentation = writes.invitations_draw(
                        panel=panel, register_file=data["register_file"], count=data["count"],
                        method=data["method"], weights=data["weights"], wave=data["wave"])
                except ImportFailed as error:
                    failed = error.errors
                    form.add_error(None, error.message)
                except DomainError as error:
                    form.add_error(None, error.message)
                else:
                    messages.success(request, _(
                        "Wave %(wave)s: %(letters)s letters have been drawn from %(rows)s "
                        "residents.") % {"wave": documentation["wave"],
                                         "letters": documentation["letters"],
                                         "rows": documentation["rows_read"]})
                    return redirect("panels:invitations", municipality.slug, panel.pk)
            status = 400
    elif request.method == "POST":
        messages.error(request, refusal)
        status = 400
    with_addresses = writes.waves_with_addresses(panel)
    return render(request, "panels/invitations.html", {
        "municipality": municipality, "panel": panel, "can_manage": True,
        "form": form, "failed": failed, "refusal": refusal, "next_wave": next_wave,
        "waves": [_documentation(wave, with_addresses) for wave in writes.waves(panel)],
        "addresses_present": bool(with_addresses),
        "registration_address": letters.registration_address(municipality),
        "registrations": panel.respondents.count() if next_wave > 1 else None,
        "breadcrumbs": panel_crumbs(municipality, panel, (_("Letters"), None)),
    }, status=status)


def _download(request, municipality, pk):
    """The panel, the wave asked for (?welle=n, default: the newest) and, if there is nothing
    to print, the redirect to give instead."""
    panel = panel_for(request, municipality, pk, "panels.manage")
    asked = request.GET.get("welle")
    if asked is None:
        wave = writes.newest_wave(panel)
    else:
        try:
            wave = int(asked)
        except ValueError:
            raise Http404 from None
        if not 1 <= wave <= writes.waves_drawn(panel):
            raise Http404
    if wave is None or not writes.addresses_present(panel=panel, wave=wave):
        messages.info(request, _("There are no addresses to print: either the letters have not "
                                 "been drawn yet or their addresses have been erased."))
        return panel, wave, redirect("panels:invitations", municipality.slug, panel.pk)
    return panel, wave, None


@never_cache
@municipality_view("panels.view_internal")
def letters_pdf(request, municipality, pk):
    panel, wave, refusal = _download(request, municipality, pk)
    if refusal:
        return refusal
    content = letters.letters_pdf(panel=panel, invitations=writes.letters_of(panel=panel,
                                                                             wave=wave),
                                  register_url=letters.registration_address(municipality),
                                  today=timezone.localdate(), wave=wave)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="briefe-buergerrat-{panel.pk}-welle-{wave}.pdf"')
    return response


@never_cache
@municipality_view("panels.view_internal")
def letters_csv(request, municipality, pk):
    panel, wave, refusal = _download(request, municipality, pk)
    if refusal:
        return refusal
    content = letters.letters_csv(panel=panel, invitations=writes.letters_of(panel=panel,
                                                                             wave=wave),
                                  register_url=letters.registration_address(municipality),
                                  today=timezone.localdate())
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="serienbrief-buergerrat-{panel.pk}-welle-{wave}.csv"')
    return response


@never_cache
@municipality_view("panels.view_internal")
def addresses_erase(request, municipality, pk):
    """Forget names and addresses of the letters, after a confirmation."""
    panel = panel_for(request, municipality, pk, "panels.manage")
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
        "letters": panel.invitations.exclude(last_name="").count(),
        "breadcrumbs": panel_crumbs(municipality, panel, (_("Letters"), reverse(
            "panels:invitations", args=[municipality.slug, panel.pk])),
            (_("Erase addresses"), None)),
    }, status=status)
