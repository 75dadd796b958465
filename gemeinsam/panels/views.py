"""The panel as a project: list, create, edit, managers, features and quotas, erasure."""


import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from gemeinsam import sortition
from gemeinsam.core.errors import DomainError, ImportFailed, StaleEdit
from gemeinsam.core.views import breadcrumbs_for, municipality_view

from . import features as feature_writes
from . import invitations, letters, selection, selectors, services
from .forms import (
    EraseForm,
    FeatureEditForm,
    FeatureForm,
    FeaturesImportForm,
    ManagersForm,
    PanelForm,
    QuotaForm,
    SlackForm,
)
from .rules import may
from .views_shared import list_crumbs, panel_context, panel_crumbs, panel_for


def _form_page(request, municipality, panel, form, *, title, template="panels/panel_form.html",
               status=200, **extra):
    return render(request, template, {
        **panel_context(request, municipality, panel), "form": form, "title": title,
        "breadcrumbs": (panel_crumbs(municipality, panel, (title, None)) if panel
                        else list_crumbs(municipality, (title, None))),
        **extra,
    }, status=status)


# --- The project -----------------------------------------------------------------------------


@municipality_view("panels.view_internal")
def panel_list(request, municipality):
    return render(request, "panels/panel_list.html", {
        "municipality": municipality,
        "panels": selectors.panel_list(municipality=municipality),
        "may_create": may(request.user, "panels.create", municipality),
        "breadcrumbs": breadcrumbs_for(municipality, (_("Citizens' panels"), None)),
    })


@municipality_view("panels.view_internal")
def panel_create(request, municipality):
    if not may(request.user, "panels.create", municipality):
        raise PermissionDenied
    form = PanelForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            panel = services.panel_create(municipality=municipality, created_by=request.user,
                                          **form.panel_fields())
        except DomainError as error:
            form.add_error(None, error.message)
            status = 400
        else:
            messages.success(request, _("The panel has been created and you manage it. Next, "
                                        "set out the features the panel should mirror."))
            return redirect("panels:features", municipality.slug, panel.pk)
    elif request.method == "POST":
        status = 400
    return _form_page(request, municipality, None, form, title=_("New citizens' panel"),
                      status=status)


def _replies_open(panel, counts):
    """Whether the office may enter a reply on paper: letters are out and no lottery has
    begun (the office may enter replies that arrive after the deadline)."""
    return bool(not panel.erased_at and counts["letters"]
                and not selectors.lottery_begun(panel=panel))


def _next_steps(panel, counts, features, selections, today, addresses):
    """What a manager might do next, as (text, url name or None) pairs."""
    steps = []
    if panel.erased_at:
        return steps
    drawn = [s for s in selections if s.is_drawn and s.kind == "panel"]
    if not features:
        steps.append((_("Set out the features the panel should mirror, with their population "
                        "shares and quotas."), "panels:features"))
    elif not counts["letters"]:
        steps.append((_("Draw the letters from the register extract and print them."),
                      "panels:invitations"))
    elif today <= panel.registration_deadline and not drawn:
        steps.append((_("Registration is open until the deadline; follow who has "
                        "registered."), "panels:respondents"))
    elif not drawn:
        steps.append((_("Registration has closed: compute the lottery and draw the panel with "
                        "the announced seed."), "panels:selection"))
    elif counts["selected"]:
        steps.append((_("Tell the selected and the not selected the result; fill the seats "
                        "of people who drop out."), "panels:selection"))
    if _replies_open(panel, counts):
        steps.append((_("Enter a reply that came on paper or by phone."),
                      "panels:register_on_behalf"))
    if addresses and today <= panel.registration_deadline:
        steps.append((_("The names and addresses on the letters are erased automatically "
                        "after the registration deadline, %(date)s. Print and send the letters "
                        "before; once they are sent you can erase the addresses by hand.") % {
            "date": date_format(panel.registration_deadline, "SHORT_DATE_FORMAT")},
            "panels:invitations"))
    elif addresses:
        steps.append((_("The registration deadline has passed: the names and addresses on the "
                        "letters are erased tonight, or now by hand."), "panels:invitations"))
    if panel.erase_on <= today:
        steps.append((_("The erasure date has come: the personal data are deleted tonight, or "
                        "now by hand."), "panels:erase"))
    return steps


@municipality_view("panels.view_internal")
def panel_detail(request, municipality, pk):
    panel = panel_for(request, municipality, pk, "panels.view_aggregates")
    counts = selectors.panel_counts(panel=panel)
    features = selectors.features_with_values(panel=panel)
    selections = selectors.selections_of(panel=panel)
    today = timezone.localdate()
    context = panel_context(request, municipality, panel)
    return render(request, "panels/panel_detail.html", {
        **context,
        "counts": counts, "features": features, "selections": selections, "today": today,
        "managers": list(panel.managers.all()),
        "response": selectors.response_by_district(panel=panel),
        "replies_open": context["can_manage"] and _replies_open(panel, counts),
        "next_steps": _next_steps(panel, counts, features, selections, today,
                                  invitations.addresses_present(panel=panel))
        if context["can_manage"] else [],
        "timeline": _timeline(panel, selections, today),
        "may_name_managers": _may_name_managers(request, panel),
        "registration_address": letters.registration_address(municipality),
        "breadcrumbs": list_crumbs(municipality, (panel.title, None)),
    })


def _timeline(panel, selections, today):
    """[(date, what, done)] in order."""
    events = [(timezone.localdate(panel.created_at), _("Panel set up"), True)]
    for wave in invitations.waves(panel):
        if wave.get("drawn_at"):
            label = (_("Letters drawn from the register extract") if wave["wave"] == 1 else
                     _("Letters of wave %(wave)s drawn") % {"wave": wave["wave"]})
            events.append((timezone.localdate(wave["drawn_at"]), label, True))
    events.append((panel.registration_deadline, _("Registration deadline"),
                   panel.registration_deadline < today))
    lottery = next((s for s in selections if s.kind == "panel" and s.is_drawn), None)
    if lottery:
        events.append((timezone.localdate(lottery.drawn_at), _("Panel drawn by lottery"), True))
    elif panel.selection_date:
        events.append((panel.selection_date, _("Lottery"), False))
    if panel.erased_at:
        events.append((timezone.localdate(panel.erased_at), _("Personal data erased"), True))
    else:
        events.append((panel.erase_on, _("Personal data are erased"), False))
    return sorted(events, key=lambda event: event[0])


@municipality_view("panels.view_internal")
def panel_edit(request, municipality, pk):
    panel = panel_for(request, municipality, pk, "panels.manage")
    form = PanelForm(request.POST or None, instance=selectors.panel_get(
        municipality=municipality, pk=pk), initial={"version": panel.version})
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.panel_update(panel=panel, version=form.cleaned_data["version"],
                                  **form.panel_fields())
        except StaleEdit as error:
            form.add_error(None, error.message)
            _rebase(form, "version", selectors.panel_get(municipality=municipality,
                                                          pk=panel.pk).version)
            status = 409
        except DomainError as error:
            form.add_error(None, error.message)
            status = 400
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("panels:detail", municipality.slug, panel.pk)
    elif request.method == "POST":
        status = 400
    return _form_page(request, municipality, panel, form,
                      title=_("Edit %(title)s") % {"title": panel.title}, status=status)


def _rebase(form, field, current):
    """After a stale save the input stays in the form; saving it again now knowingly replaces
    what the other person saved."""
    form.data = form.data.copy()
    form.data[field] = current


def _may_name_managers(request, panel):
    """Managers name managers; if none of them is still in the administration, any member of
    the administration may, so that no panel is left without one."""
    user = request.user
    if may(user, "panels.manage", panel):
        return True
    return may(user, "panels.create", panel.municipality) and \
        selectors.has_manager_left(panel=panel)


@municipality_view("panels.view_internal")
def panel_managers(request, municipality, pk):
    panel = panel_for(request, municipality, pk, "panels.view_aggregates")
    if not _may_name_managers(request, panel):
        raise PermissionDenied
    candidates = selectors.administration_members(municipality=municipality)
    form = ManagersForm(request.POST or None, candidates=candidates, initial={
        "managers": list(panel.managers.all()),
        "state": selectors.managers_state(panel=panel)})
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.panel_managers_set(panel=panel, managers=form.cleaned_data["managers"],
                                        state=form.cleaned_data["state"])
        except StaleEdit as error:
            form.add_error(None, error.message)
            _rebase(form, "state", selectors.managers_state(panel=panel))
            status = 409
        except DomainError as error:
            form.add_error(None, error.message)
            status = 400
        else:
            messages.success(request, _("The panel managers have been saved."))
            return redirect("panels:detail", municipality.slug, panel.pk)
    elif request.method == "POST":
        status = 400
    return _form_page(request, municipality, panel, form, title=_("Panel managers"),
                      status=status, lead=_(
                          "Managers see and handle the personal data of this panel: letters, "
                          "registrations, the lottery and the notifications. The rest of the "
                          "team sees counts only."))


# --- Features and quotas ---------------------------------------------------------------------


def _features_page(request, municipality, panel, *, feature_form=None, import_form=None,
                   import_errors=None, status=200):
    features = selectors.features_with_values(panel=panel)
    for feature in features:
        for value in feature.values.all():
            value.seats_by_share = (value.population_share * panel.seats / 100
                                    if value.population_share is not None else None)
    context = panel_context(request, municipality, panel)
    has_answers = panel.respondents.exists() if not panel.erased_at else True
    quotas_settled = selectors.lottery_computed(panel=panel)
    if context["can_manage"]:
        feature_form = feature_form or FeatureForm(seats=panel.seats)
        import_form = import_form or FeaturesImportForm()
    return render(request, "panels/features.html", {
        **context, "features": features,
        "seat_total": panel.seats,
        "has_answers": has_answers, "quotas_settled": quotas_settled,
        "feature_form": feature_form, "import_form": import_form,
        "import_errors": import_errors or [],
        "slack_form": SlackForm() if context["can_manage"] else None,
        "breadcrumbs": panel_crumbs(municipality, panel, (_("Features and quotas"), None)),
    }, status=status)


@municipality_view("panels.view_internal")
def features_file(request, municipality, pk, dialect):
    """The features and quotas as a file of sortition-algorithms or of the stratification app,
    so that the panel can move to those tools and back (see features_import)."""
    if dialect not in ("sortition-algorithms", "stratification-app"):
        raise Http404
    panel = panel_for(request, municipality, pk, "panels.view_aggregates")
    buffer = io.StringIO()
    sortition.write_quotas(selection.quotas_of(panel=panel), buffer, dialect)
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="features-{panel.pk}-{dialect}.csv"'
    return response


@municipality_view("panels.view_internal")
def features(request, municipality, pk):
    """The features with values, shares and quotas; managers add a feature here."""
    if request.method == "POST":
        panel = panel_for(request, municipality, pk, "panels.manage")
        form = FeatureForm(request.POST, seats=panel.seats)
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                feature = services.feature_create(panel=panel, **data)
            except DomainError as error:
                form.add_error(None, error.message)
            except ValidationError as error:  # of the model, e.g. a name used twice
                form.add_error(None, "; ".join(error.messages))
            else:
                messages.success(request, _("“%(name)s” has been added.") % {
                    "name": feature.name})
                return redirect("panels:features", municipality.slug, panel.pk)
        return _features_page(request, municipality, panel, feature_form=form, status=400)
    panel = panel_for(request, municipality, pk, "panels.view_aggregates")
    return _features_page(request, municipality, panel)


@require_POST
@municipality_view("panels.view_internal")
def features_import(request, municipality, pk):
    panel = panel_for(request, municipality, pk, "panels.manage")
    form = FeaturesImportForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            result = feature_writes.features_import(panel=panel, source=form.cleaned_data["file"])
        except ImportFailed as error:
            form.add_error(None, error.message)
            return _features_page(request, municipality, panel, import_form=form,
                                  import_errors=error.errors, status=400)
        messages.success(request, _("Imported: %(created)s new features, %(updated)s quotas "
                                    "updated.") % result)
        return redirect("panels:features", municipality.slug, panel.pk)
    return _features_page(request, municipality, panel, import_form=form, status=400)


@municipality_view("panels.view_internal")
def feature_edit(request, municipality, pk):
    feature = selectors.feature_get(municipality=municipality, pk=pk)
    panel = panel_for(request, municipality, feature.panel_id, "panels.manage")
    values = list(feature.values.all())
    form = FeatureEditForm(request.POST or None, feature=feature, values=values)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            feature_writes.feature_with_values_update(
                feature=feature, version=form.cleaned_data["version"],
                values=form.value_names(), **form.feature_fields())
        except StaleEdit as error:
            form.add_error(None, error.message)
            _rebase(form, "version", selectors.feature_get(municipality=municipality,
                                                            pk=feature.pk).version)
            status = 409
        except DomainError as error:
            form.add_error(None, error.message)
            status = 400
        except ValidationError as error:  # of the model, e.g. a name used twice
            form.add_error(None, "; ".join(error.messages))
            status = 400
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("panels:features", municipality.slug, panel.pk)
    elif request.method == "POST":
        status = 400
    title = _("Edit feature %(name)s") % {"name": feature.name}
    return render(request, "panels/feature_form.html", {
        **panel_context(request, municipality, panel), "feature": feature, "form": form,
        "title": title,
        "breadcrumbs": panel_crumbs(municipality, panel, (_("Features and quotas"), reverse(
            "panels:features", args=[municipality.slug, panel.pk])), (title, None)),
    }, status=status)


@require_POST
@municipality_view("panels.view_internal")
def feature_delete(request, municipality, pk):
    feature = selectors.feature_get(municipality=municipality, pk=pk)
    panel = panel_for(request, municipality, feature.panel_id, "panels.manage")
    try:
        services.feature_delete(feature=feature)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("“%(name)s” has been removed.") % {"name": feature.name})
    return redirect("panels:features", municipality.slug, panel.pk)


@municipality_view("panels.view_internal")
def quotas(request, municipality, pk):
    """All shares and quotas in one table."""
    panel = panel_for(request, municipality, pk, "panels.manage")
    features_ = selectors.features_with_values(panel=panel)
    form = QuotaForm(request.POST or None, features=features_, seats=panel.seats,
                     state=feature_writes.quotas_state(panel=panel))
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            feature_writes.quotas_update(panel=panel, state=form.cleaned_data["state"],
                                         quotas=form.quotas())
        except feature_writes.QuotasInvalid as error:
            form.add_error(None, error.message)
            form.add_value_errors(error.errors)
            status = 400
        except DomainError as error:
            form.add_error(None, error.message)
            status = 409 if isinstance(error, StaleEdit) else 400
        else:
            messages.success(request, _("The quotas have been saved."))
            return redirect("panels:features", municipality.slug, panel.pk)
    elif request.method == "POST":
        status = 400
    return render(request, "panels/quotas.html", {
        **panel_context(request, municipality, panel), "form": form,
        "breadcrumbs": panel_crumbs(municipality, panel, (_("Features and quotas"), reverse(
            "panels:features", args=[municipality.slug, panel.pk])), (_("Quotas"), None)),
    }, status=status)


@require_POST
@municipality_view("panels.view_internal")
def quotas_from_shares(request, municipality, pk):
    panel = panel_for(request, municipality, pk, "panels.manage")
    form = SlackForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please give the leeway as a whole number from 0 to 10."))
        return redirect("panels:features", municipality.slug, panel.pk)
    try:
        count = services.quotas_from_shares(panel=panel, slack=form.cleaned_data["slack"])
    except DomainError as error:
        messages.error(request, error.message)
    else:
        if count:
            messages.success(request, ngettext(
                "%(count)s quota has been calculated from its population share.",
                "%(count)s quotas have been calculated from their population shares.",
                count) % {"count": count})
        else:
            messages.warning(request, _("No value has a population share yet; enter the "
                                        "shares first."))
    return redirect("panels:features", municipality.slug, panel.pk)


# --- Erasure ---------------------------------------------------------------------------------


@municipality_view("panels.view_internal")
def erase(request, municipality, pk):
    """Delete the panel's personal data now, after a confirmation."""
    panel = panel_for(request, municipality, pk, "panels.manage")
    form = EraseForm(request.POST or None)
    status = 200
    if panel.erased_at:
        messages.info(request, _("The personal data of this panel have already been erased."))
        return redirect("panels:detail", municipality.slug, panel.pk)
    if request.method == "POST":
        if form.is_valid():
            services.panel_personal_data_erase(panel=panel)
            messages.success(request, _("All personal data of the panel have been erased. "
                                        "The counts and the audit file remain."))
            return redirect("panels:detail", municipality.slug, panel.pk)
        status = 400
    return render(request, "panels/panel_erase.html", {
        **panel_context(request, municipality, panel), "form": form,
        "counts": selectors.panel_counts(panel=panel),
        "breadcrumbs": panel_crumbs(municipality, panel, (_("Erase personal data"), None)),
    }, status=status)
