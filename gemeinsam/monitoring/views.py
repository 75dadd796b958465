from auditlog.models import LogEntry
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gemeinsam.core.errors import DomainError, StaleEdit
from gemeinsam.core.views import breadcrumbs_for, municipality_view
from gemeinsam.meetings import selectors as meetings_selectors

from . import selectors, services
from .forms import (
    BlockerForm,
    IndicatorForm,
    IndicatorValueForm,
    MeasureFilterForm,
    MeasureForm,
    PlanForm,
    ReportForm,
)
from .models import Blocker, ProgressReport
from .rules import voice_of


def plan_or_404(municipality):
    plan = selectors.plan_get(municipality=municipality)
    if plan is None:
        raise Http404(_("This municipality has no action plan on the platform yet."))
    return plan


def _public(request, municipality):
    return not request.user.has_perm("monitoring.view_drafts", municipality)


def plan_crumbs(municipality, *rest):
    return breadcrumbs_for(municipality, (_("Action plan"), reverse(
        "monitoring:dashboard", args=[municipality.slug])), *rest)


def _measure_crumbs(municipality, measure, *rest):
    return plan_crumbs(municipality, (str(measure), reverse(
        "monitoring:measure", args=[municipality.slug, measure.pk])), *rest)


def _get_measure(request, municipality, pk):
    plan = plan_or_404(municipality)
    return selectors.measure_get(plan=plan, public=_public(request, municipality), pk=pk)


# --- Public ----------------------------------------------------------------------------------


@municipality_view()
def dashboard(request, municipality):
    plan = selectors.plan_get(municipality=municipality)
    may_manage = request.user.has_perm("monitoring.manage_plan", municipality)
    if plan is None:
        return render(request, "monitoring/no_plan.html", {
            "municipality": municipality, "may_manage": may_manage,
            "breadcrumbs": breadcrumbs_for(municipality, (_("Action plan"), None)),
        })
    public = _public(request, municipality)
    return render(request, "monitoring/dashboard.html", {
        "municipality": municipality, "public": public, "may_manage": may_manage,
        "help_wanted": selectors.help_wanted(plan=plan),
        **selectors.dashboard(plan=plan, public=public),
        "breadcrumbs": breadcrumbs_for(municipality, (_("Action plan"), None)),
    })


@municipality_view()
def measure_list(request, municipality):
    plan = plan_or_404(municipality)
    form = MeasureFilterForm(request.GET or None, plan=plan)
    filters = form.cleaned_data if form.is_valid() else {}
    return render(request, "monitoring/measure_list.html", {
        "municipality": municipality, "plan": plan, "form": form,
        "filtered": any(filters.values()) if filters else False,
        "measures": selectors.measure_list(
            plan=plan, public=_public(request, municipality), field=filters.get("field"),
            status=filters.get("status", ""), query=filters.get("q", "")),
        "may_edit": request.user.has_perm("monitoring.edit_measure", municipality),
        "may_import": request.user.has_perm("monitoring.import", municipality),
        "breadcrumbs": plan_crumbs(municipality, (_("Measures"), None)),
    })


@municipality_view()
def measure_detail(request, municipality, pk):
    measure = _get_measure(request, municipality, pk)
    public = _public(request, municipality)
    user = request.user
    context = {
        "municipality": municipality, "measure": measure, "public": public,
        "voice": voice_of(user, municipality),
        # A published part may sit in a draft group: then the group stays unnamed in public.
        "parent": measure.parent if measure.parent and (
            measure.parent.published or not public) else None,
        "may_report": user.has_perm("monitoring.report", municipality),
        "may_edit": user.has_perm("monitoring.edit_measure", municipality),
        "may_publish": user.has_perm("monitoring.publish", municipality),
        "today": timezone.localdate(),
        **selectors.measure_detail(measure=measure, public=public, user=user),
        "open_action_items": [] if public else meetings_selectors.action_items_open_for(
            user, municipality=municipality, measure=measure),
        "breadcrumbs": plan_crumbs(municipality, (str(measure), None)),
    }
    context["agreeable"] = {r.pk for r in context["reports"]
                            if user.has_perm("monitoring.agree", r)}
    return render(request, "monitoring/measure_detail.html", context)


@municipality_view()
def stuck(request, municipality):
    plan = plan_or_404(municipality)
    public = _public(request, municipality)
    return render(request, "monitoring/stuck.html", {
        "municipality": municipality, "plan": plan, "public": public,
        **selectors.stuck(plan=plan, public=public, user=request.user),
        "breadcrumbs": plan_crumbs(municipality, (_("Where it is stuck"), None)),
    })


# --- Editing ---------------------------------------------------------------------------------


@municipality_view("monitoring.manage_plan")
def plan_settings(request, municipality):
    plan = selectors.plan_get(municipality=municipality)
    form = PlanForm(request.POST or None, instance=plan,
                    initial={"version": plan.version if plan else 0})
    status = 200
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            if plan is None:
                services.plan_create(municipality=municipality, **data)
            else:
                services.plan_update(plan=plan, version=version, **data)
        except DomainError as error:
            form.add_error(None, error.message)
            if plan is not None:
                form.data = form.data.copy()
                form.data["version"] = selectors.plan_get(municipality=municipality).version
            status = 409
        else:
            messages.success(request, _("The action plan has been saved."))
            return redirect("monitoring:dashboard", municipality.slug)
    return render(request, "monitoring/form.html", {
        "municipality": municipality, "form": form,
        "title": _("Set up the action plan") if plan is None else _("Action plan settings"),
        "breadcrumbs": plan_crumbs(municipality, (_("Settings"), None)),
    }, status=status)


@municipality_view("monitoring.edit_measure")
def measure_create(request, municipality):
    plan = plan_or_404(municipality)
    voice = voice_of(request.user, municipality)
    form = MeasureForm(request.POST or None, plan=plan, voice=voice,
                       initial={"parent": request.GET.get("teil_von"), "source": "team"
                                if voice == "team" else "action_plan"})
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            measure = services.measure_create(plan=plan, **data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The measure has been added as a draft."))
            return redirect("monitoring:measure", municipality.slug, measure.pk)
    return render(request, "monitoring/form.html", {
        "municipality": municipality, "form": form, "title": _("New measure"),
        "breadcrumbs": plan_crumbs(municipality, (_("New measure"), None)),
    })


@municipality_view("monitoring.edit_measure")
def measure_edit(request, municipality, pk):
    measure = _get_measure(request, municipality, pk)
    voice = voice_of(request.user, municipality)
    # Team members change only their assessment of a published measure; their own proposals
    # (drafts) stay theirs to shape until a coordinator publishes them.
    details = (request.user.has_perm("monitoring.edit_measure_details", municipality)
               or not measure.published)
    form = MeasureForm(request.POST or None, instance=measure, plan=measure.plan, voice=voice,
                       details=details, initial={"version": measure.version})
    conflict, status = None, 200
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items()
                if k != "version" and not form.fields[k].disabled}
        try:
            services.measure_update(measure=measure, version=form.cleaned_data["version"],
                                    **data)
        except StaleEdit as error:
            form.add_error(None, error.message)
            conflict = _differences(form, error.current)
            # Saving again now knowingly replaces the other person's version.
            form.data = form.data.copy()
            form.data["version"] = error.current.version
            status = 409
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("monitoring:measure", municipality.slug, measure.pk)
    return render(request, "monitoring/form.html", {
        "municipality": municipality, "form": form, "conflict": conflict,
        "title": _("Edit %(measure)s") % {"measure": measure},
        "breadcrumbs": _measure_crumbs(municipality, measure, (_("Edit"), None)),
    }, status=status)


def _differences(form, current):
    """Rows of (label, what the other person saved, what you typed) where they differ."""
    if current is None:
        return []
    rows = []
    for name, field in form.fields.items():
        if name == "version" or field.disabled:
            continue
        saved = getattr(current, name, None)
        typed = form.cleaned_data.get(name)
        if (saved or None) != (typed or None):
            rows.append((field.label, saved, typed))
    return rows


@require_POST
@municipality_view("monitoring.publish")
def measure_publish(request, municipality, pk):
    measure = _get_measure(request, municipality, pk)
    publish = request.POST.get("published") == "1"
    services.measure_publish(measure=measure, published=publish)
    messages.success(request, _("The measure is public now.") if publish
                     else _("The measure is a draft again."))
    return redirect("monitoring:measure", municipality.slug, measure.pk)


@municipality_view("monitoring.report")
def report_create(request, municipality, pk):
    measure = _get_measure(request, municipality, pk)
    voice = voice_of(request.user, municipality)
    form = ReportForm(request.POST or None, initial={"status": measure.status or "unknown",
                                                     "progress": measure.progress})
    if request.method == "POST" and form.is_valid():
        services.report_create(measure=measure, voice=voice, author=request.user,
                               **form.cleaned_data)
        messages.success(request, _("The progress report has been saved."))
        return redirect("monitoring:measure", municipality.slug, measure.pk)
    return render(request, "monitoring/form.html", {
        "municipality": municipality, "form": form,
        "title": _("Progress report on %(measure)s") % {"measure": measure},
        "lead": (_("You report for the administration.") if voice == "administration"
                 else _("You report for the local team.")),
        "breadcrumbs": _measure_crumbs(municipality, measure, (_("Progress report"), None)),
    })


@require_POST
@municipality_view("monitoring.report")
def report_agree(request, municipality, pk):
    report = get_object_or_404(ProgressReport.objects.select_related("measure__plan"),
                               pk=pk, measure__plan__municipality=municipality)
    if not request.user.has_perm("monitoring.agree", report):
        raise PermissionDenied
    services.report_agree(report=report, user=request.user)
    messages.success(request, _("You agreed to the report."))
    return redirect("monitoring:measure", municipality.slug, report.measure_id)


@municipality_view("monitoring.report")
def blocker_create(request, municipality, pk):
    measure = _get_measure(request, municipality, pk)
    form = BlockerForm(request.POST or None, municipality=municipality, user=request.user,
                       initial={"since": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        services.blocker_create(measure=measure, created_by=request.user, **form.cleaned_data)
        messages.success(request, _("The blocker has been recorded."))
        return redirect("monitoring:measure", municipality.slug, measure.pk)
    return render(request, "monitoring/form.html", {
        "municipality": municipality, "form": form,
        "title": _("What blocks %(measure)s?") % {"measure": measure},
        "breadcrumbs": _measure_crumbs(municipality, measure, (_("Blocker"), None)),
    })


@require_POST
@municipality_view("monitoring.report")
def blocker_resolve(request, municipality, pk):
    blocker = get_object_or_404(Blocker, pk=pk, measure__plan__municipality=municipality)
    try:
        services.blocker_resolve(blocker=blocker, on=timezone.localdate())
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The blocker is marked as resolved."))
    return redirect("monitoring:measure", municipality.slug, blocker.measure_id)


@municipality_view("monitoring.view_drafts")
def measure_history(request, municipality, pk):
    measure = _get_measure(request, municipality, pk)
    entries = (LogEntry.objects.get_for_object(measure).select_related("actor")
               .order_by("-timestamp"))
    return render(request, "monitoring/history.html", {
        "municipality": municipality, "measure": measure, "entries": entries,
        "field_labels": {f.name: f.verbose_name for f in measure._meta.fields},
        "breadcrumbs": _measure_crumbs(municipality, measure, (_("History"), None)),
    })


@municipality_view("monitoring.view_drafts")
def suggestions(request, municipality):
    plan = plan_or_404(municipality)
    if request.method == "POST":
        if not request.user.has_perm("monitoring.adopt_suggestion", municipality):
            raise PermissionDenied
        try:
            measure = services.model_measure_adopt(plan=plan, code=request.POST.get("code", ""))
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("“%(title)s” is now a proposal of the team (a draft).")
                             % {"title": measure.title})
            return redirect("monitoring:measure", municipality.slug, measure.pk)
    return render(request, "monitoring/suggestions.html", {
        "municipality": municipality, "plan": plan, "gaps": selectors.gaps(plan=plan),
        "may_adopt": request.user.has_perm("monitoring.adopt_suggestion", municipality),
        "breadcrumbs": plan_crumbs(municipality, (_("Suggestions"), None)),
    })


@municipality_view("monitoring.manage_plan")
def indicator_manage(request, municipality):
    plan = plan_or_404(municipality)
    indicator_form = IndicatorForm(request.POST if "name" in request.POST else None, plan=plan)
    value_form = IndicatorValueForm(request.POST if "year" in request.POST else None, plan=plan)
    if request.method == "POST":
        if indicator_form.is_bound and indicator_form.is_valid():
            services.indicator_create(plan=plan, **indicator_form.cleaned_data)
            messages.success(request, _("The indicator has been added."))
            return redirect("monitoring:indicators", municipality.slug)
        if value_form.is_bound and value_form.is_valid():
            services.indicator_value_set(**value_form.cleaned_data)
            messages.success(request, _("The value has been saved."))
            return redirect("monitoring:indicators", municipality.slug)
    return render(request, "monitoring/indicators.html", {
        "municipality": municipality, "plan": plan,
        "indicators": selectors.indicators(plan=plan, public=False),
        "indicator_form": indicator_form, "value_form": value_form,
        "breadcrumbs": plan_crumbs(municipality, (_("Indicators"), None)),
    })

