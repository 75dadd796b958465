"""Import of actors from CSV and vCard files (upload, preview, confirm) and export as CSV or
XLSX. The upload is kept in the session between the steps, never on disk."""

import datetime

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from gemeinsam.core.errors import ImportFailed
from gemeinsam.core.views import breadcrumbs_for, municipality_view

from . import exchange, imports, selectors, services
from .forms import ActorImportForm, ImportPreviewForm


def _session_key(municipality):
    return f"actors_import:{municipality.pk}"


def _crumbs(municipality, *rest):
    return breadcrumbs_for(municipality, (_("Actors"), reverse("actors:list",
                                                                args=[municipality.slug])), *rest)


@municipality_view("actors.change_actors")
def actor_import(request, municipality):
    services.sectors_ensure_defaults(municipality=municipality)
    previous = request.session.get(_session_key(municipality)) or {}
    form = ActorImportForm(request.POST or None, request.FILES or None, initial={
        name: previous.get(name) for name in ("legal_basis", "consent_given_on",
                                              "consent_wording")})
    if request.method == "POST" and form.is_valid():
        request.session[_session_key(municipality)] = form.session_value()
        return redirect("actors:import_preview", municipality.slug)
    return render(request, "actors/import.html", {
        "municipality": municipality, "form": form, "headers": exchange.HEADERS.values(),
        "breadcrumbs": _crumbs(municipality, (_("Import"), None)),
    })


@municipality_view("actors.change_actors")
def actor_import_preview(request, municipality):
    upload = request.session.get(_session_key(municipality))
    if not upload:
        messages.info(request, _("Please choose a file to import first."))
        return redirect("actors:import", municipality.slug)
    consent_given_on = upload["consent_given_on"]
    parsed = exchange.read(upload["text"], filename=upload["filename"],
                           legal_basis=upload["legal_basis"],
                           consent_given_on=(datetime.date.fromisoformat(consent_given_on)
                                             if consent_given_on else None),
                           consent_wording=upload["consent_wording"])
    preview = imports.actors_import_preview(municipality=municipality, rows=parsed.rows)
    form = ImportPreviewForm(request.POST or None, preview=preview,
                             initial={"digest": upload["digest"]})
    failed, status = [], 200
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["digest"] != upload["digest"]:
            messages.warning(request, _("Another file was uploaded in the meantime; please check "
                                        "its preview."))
            return redirect("actors:import_preview", municipality.slug)
        try:
            result = imports.actors_import(municipality=municipality, rows=parsed.rows,
                                           decisions=form.decisions(), created_by=request.user)
        except ImportFailed as error:
            failed, status = error.errors, 400
        else:
            del request.session[_session_key(municipality)]
            messages.success(request, _(
                "Import finished: %(people)s people and %(organisations)s organisations created, "
                "%(skipped)s rows skipped.") % result)
            return redirect("actors:list", municipality.slug)
    return render(request, "actors/import_preview.html", {
        "municipality": municipality, "form": form, "preview": preview, "failed": failed,
        "upload": upload, "ignored_columns": parsed.ignored_columns,
        "breadcrumbs": _crumbs(municipality, (_("Import"), reverse(
            "actors:import", args=[municipality.slug])), (_("Preview"), None)),
    }, status=status)


@never_cache
@municipality_view("actors.view_actors")
def actor_export(request, municipality, file_format):
    if file_format not in ("csv", "xlsx"):
        raise Http404
    actors = (selectors.actors_visible(municipality=municipality, user=request.user)
              .select_related("parent", "sector").order_by("kind", "name", "pk"))
    records = [exchange.record_of(actor) for actor in actors]
    if file_format == "csv":
        response = HttpResponse(exchange.write_csv(records), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            exchange.write_xlsx(records, title=_("Actors")),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    filename = f"akteure-{municipality.slug}-{timezone.localdate():%Y-%m-%d}.{file_format}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
