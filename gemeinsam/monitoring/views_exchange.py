"""Import of an action plan from CSV, XLSX or JSON (upload, preview, confirm) and its export.
The upload is kept in the session between the steps, never on disk."""

import base64

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from gemeinsam.core.errors import DomainError, ImportFailed
from gemeinsam.core.views import municipality_view

from . import exchange, imports
from .forms_exchange import ImportConfirmForm, PlanImportForm
from .views import plan_crumbs, plan_or_404

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json; charset=utf-8",
}


def _session_key(municipality):
    return f"plan_import:{municipality.pk}"


def _problems(error):
    if isinstance(error, exchange.ImportProblems):
        return error.problems
    return [(line, "", reason) for line, reason in error.errors]


@municipality_view("monitoring.import")
def plan_import(request, municipality):
    plan = plan_or_404(municipality)
    form = PlanImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        request.session[_session_key(municipality)] = form.session_value()
        return redirect("monitoring:import_preview", municipality.slug)
    return render(request, "monitoring/import.html", {
        "municipality": municipality, "plan": plan, "form": form,
        "headers": exchange.HEADERS.values(), "statuses": exchange.STATUS_EXPORT.values(),
        "sources": exchange.SOURCE_EXPORT.values(),
        "breadcrumbs": plan_crumbs(municipality, (_("Import"), None)),
    })


@municipality_view("monitoring.import")
def plan_import_preview(request, municipality):
    plan = plan_or_404(municipality)
    upload = request.session.get(_session_key(municipality))
    if not upload:
        messages.info(request, _("Please choose a file to import first."))
        return redirect("monitoring:import", municipality.slug)
    try:
        parsed = exchange.read(base64.b64decode(upload["data"]), filename=upload["filename"])
    except ImportFailed:
        del request.session[_session_key(municipality)]
        messages.error(request, _("The file cannot be read any more; please upload it again."))
        return redirect("monitoring:import", municipality.slug)
    extras = {"plan_data": parsed.plan, "field_names": parsed.fields,
              "problems": parsed.problems}
    preview = imports.plan_import_preview(plan=plan, rows=parsed.rows, **extras)
    form = ImportConfirmForm(request.POST or None, initial={"digest": upload["digest"]})
    failed, status = [], 200
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["digest"] != upload["digest"]:
            messages.warning(request, _("Another file was uploaded in the meantime; please check "
                                        "its preview."))
            return redirect("monitoring:import_preview", municipality.slug)
        try:
            result = imports.plan_import(plan=plan, rows=parsed.rows, user=request.user,
                                         **extras)
        except ImportFailed as error:
            failed, status = _problems(error), 400
        except DomainError as error:
            failed, status = [(None, "", error.message)], 400
        else:
            del request.session[_session_key(municipality)]
            messages.success(request, _(
                "Import finished: %(create)s measures created, %(update)s updated, "
                "%(fields)s fields of action and %(reports)s progress reports added.") % result)
            return redirect("monitoring:dashboard", municipality.slug)
    return render(request, "monitoring/import_preview.html", {
        "municipality": municipality, "plan": plan, "form": form, "preview": preview,
        "failed": failed, "upload": upload, "parsed": parsed,
        "breadcrumbs": plan_crumbs(municipality, (_("Import"), reverse(
            "monitoring:import", args=[municipality.slug])), (_("Preview"), None)),
    }, status=status)


@never_cache
@municipality_view()
def plan_export(request, municipality, file_format):
    """The plan as a file; the public gets its published measures, members everything."""
    if file_format not in CONTENT_TYPES:
        raise Http404
    plan = plan_or_404(municipality)
    public = not request.user.has_perm("monitoring.view_drafts", municipality)
    if file_format == "json":
        data = imports.plan_export_data(plan=plan, public=public)
        content = exchange.write_json(plan=data["plan"], fields=data["fields"],
                                      records=data["records"])
    else:
        records = imports.plan_export_rows(plan=plan, public=public)
        content = (exchange.write_csv(records) if file_format == "csv"
                   else exchange.write_xlsx(records, title=_("Action plan")))
    response = HttpResponse(content, content_type=CONTENT_TYPES[file_format])
    filename = f"aktionsplan-{municipality.slug}-{timezone.localdate():%Y-%m-%d}.{file_format}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
