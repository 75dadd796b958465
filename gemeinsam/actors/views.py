import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gemeinsam.core.errors import DomainError, StaleEdit
from gemeinsam.core.views import breadcrumbs_for, municipality_view, redirect_back
from gemeinsam.meetings import selectors as meetings_selectors

from . import selectors, services
from .forms import (
    ActorForm,
    ConversationForm,
    DepartmentForm,
    EraseForm,
    FilterForm,
    HandOverForm,
    MergeForm,
    MoveForm,
    PositionForm,
    RatingForm,
    RelationForm,
    SectorForm,
)
from .models import ActorKind, Conversation, Department, Erasure, Relation, Stage


def _actors_crumbs(municipality, *rest):
    return breadcrumbs_for(municipality, (_("Actors"), reverse("actors:list",
                                                                args=[municipality.slug])), *rest)


def _actor_crumbs(municipality, actor, *rest):
    return _actors_crumbs(municipality, (actor.name, reverse("actors:detail",
                                                             args=[municipality.slug, actor.pk])),
                          *rest)


def _get_actor(request, municipality, pk, permission="actors.view_actor"):
    actor = selectors.actor_get(municipality=municipality, user=request.user, pk=pk)
    if not request.user.has_perm(permission, actor if permission == "actors.view_actor"
                                 else municipality):
        raise PermissionDenied
    return actor



# --- Public ----------------------------------------------------------------------------------


@municipality_view()
def alliance(request, municipality):
    return render(request, "actors/alliance.html", {
        "municipality": municipality,
        "sectors": selectors.allies_public(municipality=municipality),
        "breadcrumbs": breadcrumbs_for(municipality, (_("Alliance"), None)),
    })


# --- Actors ----------------------------------------------------------------------------------


@municipality_view("actors.view_actors")
def actor_list(request, municipality):
    services.sectors_ensure_defaults(municipality=municipality)
    form = FilterForm(request.GET or None, municipality=municipality)
    filters = form.cleaned_data if form.is_valid() else {}
    actors = selectors.actor_list(
        municipality=municipality, user=request.user, kind=filters.get("kind", ""),
        sector=filters.get("sector"), stage=filters.get("stage", ""),
        query=filters.get("query", ""),
    )
    page = Paginator(actors, 100).get_page(request.GET.get("seite"))
    query = request.GET.copy()
    query.pop("seite", None)
    return render(request, "actors/actor_list.html", {
        "municipality": municipality, "form": form, "page": page, "query": query.urlencode(),
        "may_edit": request.user.has_perm("actors.change_actors", municipality),
        "may_manage": request.user.has_perm("actors.manage_sectors", municipality),
        "open_changes": selectors.position_changes_open(municipality=municipality),
        "breadcrumbs": breadcrumbs_for(municipality, (_("Actors"), None)),
    })


@municipality_view("actors.change_actors")
def actor_create(request, municipality, kind):
    if kind not in ActorKind.values:
        raise Http404
    services.sectors_ensure_defaults(municipality=municipality)
    form = ActorForm(request.POST or None, municipality=municipality, kind=kind,
                     initial={"owner": request.user})
    duplicates = []
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("version", None)
        confirmed = data.pop("confirm_duplicate")
        duplicates = services.duplicates_of(
            municipality=municipality, kind=kind, name=data["name"], email=data.get("email", ""),
            parent=data.get("parent"),
        )
        if not duplicates or confirmed:
            try:
                actor = services.actor_create(municipality=municipality, kind=kind,
                                              created_by=request.user, **data)
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("“%(name)s” has been added.") % {"name": actor.name})
                return redirect("actors:detail", municipality.slug, actor.pk)
    title = _("New person") if kind == ActorKind.PERSON else _("New organisation")
    return render(request, "actors/actor_form.html", {
        "municipality": municipality, "form": form, "title": title, "duplicates": duplicates,
        "breadcrumbs": _actors_crumbs(municipality, (title, None)),
    }, status=409 if duplicates else 200)


@municipality_view("actors.view_actors")
def actor_detail(request, municipality, pk):
    actor = _get_actor(request, municipality, pk)
    may_edit = request.user.has_perm("actors.change_actors", municipality)
    context = {
        "municipality": municipality, "actor": actor, "may_edit": may_edit,
        "may_erase": actor.is_person and request.user.has_perm("actors.erase_person",
                                                               municipality),
        "breadcrumbs": _actors_crumbs(municipality, (actor.name, None)),
        **selectors.actor_detail(actor=actor, user=request.user),
        "open_action_items": meetings_selectors.action_items_open_for(
            request.user, municipality=municipality, actor=actor),
    }
    if may_edit:
        context.update(
            rating_form=RatingForm(initial={"power": actor.power or 3,
                                            "interest": actor.interest or 3,
                                            "attitude": actor.attitude or 0}),
            move_form=MoveForm(initial={"stage": actor.stage, "version": actor.version}),
            relation_form=RelationForm(municipality=municipality, actor=actor),
            duplicates=services.duplicates_of(municipality=municipality, kind=actor.kind,
                                              name=actor.name, email=actor.email,
                                              parent=actor.parent, exclude=actor),
        )
    return render(request, "actors/actor_detail.html", context)


@municipality_view("actors.change_actors")
def actor_edit(request, municipality, pk):
    actor = _get_actor(request, municipality, pk)
    form = ActorForm(request.POST or None, instance=actor, municipality=municipality,
                     kind=actor.kind, initial={"version": actor.version})
    status = 200
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.fields
                if name not in ("version", "confirm_duplicate")}
        try:
            services.actor_update(actor=actor, version=form.cleaned_data["version"], **data)
        except StaleEdit as error:
            form.add_error(None, error.message)
            status = 409
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("actors:detail", municipality.slug, actor.pk)
    return render(request, "actors/actor_form.html", {
        "municipality": municipality, "form": form, "actor": actor,
        "title": _("Edit %(name)s") % {"name": actor.name},
        "breadcrumbs": _actor_crumbs(municipality, actor, (_("Edit"), None)),
    }, status=status)


@require_POST
@municipality_view("actors.change_actors")
def actor_rate(request, municipality, pk):
    actor = _get_actor(request, municipality, pk)
    form = RatingForm(request.POST)
    if form.is_valid():
        services.rating_create(actor=actor, rated_by=request.user, **form.cleaned_data)
        messages.success(request, _("The rating has been saved."))
    else:
        messages.error(request, _("The rating could not be saved: %(errors)s")
                       % {"errors": " ".join(e for errs in form.errors.values() for e in errs)})
    return redirect("actors:detail", municipality.slug, actor.pk)


@require_POST
@municipality_view("actors.change_actors")
def actor_move(request, municipality, pk):
    """Move a card on the board: from a plain form, the keyboard or drag and drop."""
    actor = _get_actor(request, municipality, pk)
    form = MoveForm(request.POST)
    error = None
    if form.is_valid():
        try:
            services.actor_move(actor=actor, stage=form.cleaned_data["stage"],
                                version=form.cleaned_data["version"])
        except DomainError as exc:
            error = exc.message
    else:
        error = _("Unknown stage.")
    if request.htmx:
        if error:
            return HttpResponse(error, status=409)
        return HttpResponse(status=204)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("%(name)s is now at “%(stage)s”.")
                         % {"name": actor.name, "stage": actor.get_stage_display()})
    return redirect_back(request, reverse("actors:board", args=[municipality.slug]))


@municipality_view("actors.change_actors")
def conversation_create(request, municipality, pk):
    actor = _get_actor(request, municipality, pk)
    form = ConversationForm(request.POST or None, municipality=municipality, actor=actor,
                            initial={"team_participants": [request.user]})
    if request.method == "POST" and form.is_valid():
        services.conversation_create(actor=actor, logged_by=request.user, **form.cleaned_data)
        messages.success(request, _("The conversation has been logged."))
        return redirect("actors:detail", municipality.slug, actor.pk)
    return render(request, "actors/conversation_form.html", {
        "municipality": municipality, "actor": actor, "form": form,
        "breadcrumbs": _actor_crumbs(municipality, actor, (_("Log a conversation"), None)),
    })


@require_POST
@municipality_view("actors.change_actors")
def follow_up_done(request, municipality, pk):
    conversation = get_object_or_404(Conversation, pk=pk, actor__municipality=municipality)
    services.follow_up_done(conversation=conversation)
    messages.success(request, _("The follow-up is marked as done."))
    return redirect_back(request, reverse("actors:follow_ups", args=[municipality.slug]))


@require_POST
@municipality_view("actors.change_actors")
def relation_create(request, municipality, pk):
    actor = _get_actor(request, municipality, pk)
    form = RelationForm(request.POST, municipality=municipality, actor=actor)
    if form.is_valid():
        try:
            services.relation_create(source=actor, **form.cleaned_data)
        except (DomainError, ValidationError):
            messages.error(request, _("This relation is recorded already."))
        else:
            messages.success(request, _("The relation has been added."))
    else:
        messages.error(request, _("Please choose a relation and an actor."))
    return redirect("actors:detail", municipality.slug, actor.pk)


@require_POST
@municipality_view("actors.change_actors")
def relation_delete(request, municipality, pk):
    relation = get_object_or_404(Relation, pk=pk, municipality=municipality)
    source = relation.source
    services.relation_delete(relation=relation)
    messages.success(request, _("The relation has been removed."))
    return redirect("actors:detail", municipality.slug, source.pk)


@municipality_view("actors.change_actors")
def actor_merge(request, municipality, pk):
    actor = _get_actor(request, municipality, pk)
    candidates = selectors.actors_visible(municipality=municipality, user=request.user).filter(
        kind=actor.kind).exclude(pk=actor.pk)
    form = MergeForm(request.POST or None, candidates=candidates,
                     initial={"duplicate": request.GET.get("duplicate")})
    if request.method == "POST" and form.is_valid():
        services.actors_merge(keep=actor, duplicate=form.cleaned_data["duplicate"],
                              merged_by=request.user)
        messages.success(request, _("The records have been merged."))
        return redirect("actors:detail", municipality.slug, actor.pk)
    return render(request, "actors/merge.html", {
        "municipality": municipality, "actor": actor, "form": form,
        "breadcrumbs": _actor_crumbs(municipality, actor, (_("Merge"), None)),
    })


@municipality_view("actors.change_actors")
def person_export(request, municipality, pk):
    person = _get_actor(request, municipality, pk)
    try:
        data = services.person_export(person=person)
    except DomainError:
        raise Http404 from None
    response = HttpResponse(json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
                            content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="person-{person.pk}.json"'
    return response


@municipality_view("actors.erase_person")
def person_erase(request, municipality, pk):
    person = _get_actor(request, municipality, pk)
    if not person.is_person or person.is_erased:
        raise Http404
    form = EraseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.person_erase(person=person, erased_by=request.user,
                              requested_on=form.cleaned_data["requested_on"])
        messages.success(request, _("The person's data has been erased."))
        return redirect("actors:erasures", municipality.slug)
    return render(request, "actors/person_erase.html", {
        "municipality": municipality, "actor": person, "form": form,
        "breadcrumbs": _actor_crumbs(municipality, person, (_("Erase"), None)),
    })


@municipality_view("actors.erase_person")
def erasures(request, municipality):
    return render(request, "actors/erasures.html", {
        "municipality": municipality,
        "erasures": Erasure.objects.filter(municipality=municipality).select_related("erased_by"),
        "breadcrumbs": _actors_crumbs(municipality, (_("Erasure log"), None)),
    })


# --- Analysis and organizing -----------------------------------------------------------------


def _sector_filter(request, municipality):
    sector_id = request.GET.get("sektor", "")
    return municipality.sectors.filter(pk=sector_id).first() if sector_id.isdigit() else None


@municipality_view("actors.view_actors")
def power_interest_grid(request, municipality):
    sector = _sector_filter(request, municipality)
    return render(request, "actors/grid.html", {
        "municipality": municipality, "sector": sector, "sectors": municipality.sectors.all(),
        **selectors.grid(municipality=municipality, user=request.user, sector=sector),
        "breadcrumbs": _actors_crumbs(municipality, (_("Power and interest"), None)),
    })


@municipality_view("actors.view_actors")
def pipeline_board(request, municipality):
    sector = _sector_filter(request, municipality)
    mine = request.GET.get("meine") == "1"
    return render(request, "actors/board.html", {
        "municipality": municipality, "sector": sector, "sectors": municipality.sectors.all(),
        "mine": mine, "stages": Stage.choices, "today": timezone.localdate(),
        "columns": selectors.board(municipality=municipality, user=request.user, sector=sector,
                                   owner=request.user if mine else None),
        "may_edit": request.user.has_perm("actors.change_actors", municipality),
        "breadcrumbs": _actors_crumbs(municipality, (_("Organizing pipeline"), None)),
    })


@municipality_view("actors.view_actors")
def follow_ups(request, municipality):
    return render(request, "actors/follow_ups.html", {
        "municipality": municipality,
        **selectors.follow_ups_due(municipality=municipality, user=request.user),
        "today": timezone.localdate(),
        "may_edit": request.user.has_perm("actors.change_actors", municipality),
        "breadcrumbs": _actors_crumbs(municipality, (_("Follow-ups"), None)),
    })


@municipality_view("actors.view_actors")
def network(request, municipality):
    visible = selectors.actors_visible(municipality=municipality, user=request.user)
    start, goal = (visible.filter(pk=value).first() if value.isdigit() else None
                   for value in (request.GET.get("von", ""), request.GET.get("zu", "")))
    path = (selectors.path_to(municipality=municipality, user=request.user, start=start,
                              goal=goal) if start and goal else None)
    edges = selectors.network(municipality=municipality, user=request.user)
    return render(request, "actors/network.html", {
        "municipality": municipality, "actors": visible.order_by("name"), "edges": edges,
        "picture": selectors.network_picture(edges),
        "start": start, "goal": goal, "path": path,
        "breadcrumbs": _actors_crumbs(municipality, (_("Network"), None)),
    })


def _sector(municipality, pk):
    if not pk.isdigit():
        raise Http404
    return get_object_or_404(municipality.sectors, pk=pk)


@municipality_view("actors.manage_sectors")
def sectors(request, municipality):
    services.sectors_ensure_defaults(municipality=municipality)
    form = SectorForm(request.POST or None)
    if request.method == "POST":
        try:
            if "delete" in request.POST:
                services.sector_delete(sector=_sector(municipality, request.POST["delete"]))
                messages.success(request, _("The sector has been removed."))
            elif form.is_valid() and request.POST.get("sector"):
                services.sector_rename(sector=_sector(municipality, request.POST["sector"]),
                                       name=form.cleaned_data["name"])
                messages.success(request, _("The sector has been renamed."))
            elif form.is_valid():
                services.sector_create(municipality=municipality, name=form.cleaned_data["name"])
                messages.success(request, _("The sector has been added."))
            else:
                messages.error(request, _("Please enter a name."))
        except DomainError as error:
            messages.error(request, error.message)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("actors:sectors", municipality.slug)
    return render(request, "actors/sectors.html", {
        "municipality": municipality, "form": form,
        "sectors": selectors.sector_counts(municipality=municipality, user=request.user),
        "breadcrumbs": _actors_crumbs(municipality, (_("Sectors"), None)),
    })


# --- Administration structure ----------------------------------------------------------------


def _structure_crumbs(municipality, *rest):
    return breadcrumbs_for(municipality, (_("Administration"), reverse(
        "actors:structure", args=[municipality.slug])), *rest)


@municipality_view("actors.view_structure")
def structure(request, municipality):
    return render(request, "actors/structure.html", {
        "municipality": municipality,
        "departments": selectors.department_tree(municipality=municipality, user=request.user),
        "positions": selectors.positions_overview(municipality=municipality, user=request.user),
        "open_changes": selectors.position_changes_open(municipality=municipality),
        "may_edit": request.user.has_perm("actors.change_structure", municipality),
        "breadcrumbs": breadcrumbs_for(municipality, (_("Administration"), None)),
    })


@municipality_view("actors.change_structure")
def department_create(request, municipality):
    form = DepartmentForm(request.POST or None, municipality=municipality)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        services.department_create(municipality=municipality, **data)
        messages.success(request, _("The department has been added."))
        return redirect("actors:structure", municipality.slug)
    return render(request, "actors/department_form.html", {
        "municipality": municipality, "form": form, "title": _("New department"),
        "breadcrumbs": _structure_crumbs(municipality, (_("New department"), None)),
    })


@municipality_view("actors.change_structure")
def department_edit(request, municipality, pk):
    department = get_object_or_404(Department, municipality=municipality, pk=pk)
    form = DepartmentForm(request.POST or None, instance=department, municipality=municipality,
                          initial={"version": department.version})
    status = 200
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.department_update(department=department, version=data.pop("version"),
                                       **data)
        except DomainError as error:
            form.add_error(None, error.message)
            status = 409
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("actors:structure", municipality.slug)
    return render(request, "actors/department_form.html", {
        "municipality": municipality, "form": form, "title": str(department),
        "breadcrumbs": _structure_crumbs(municipality, (str(department), None)),
    }, status=status)


@municipality_view("actors.change_structure")
def position_create(request, municipality):
    form = PositionForm(request.POST or None, municipality=municipality, user=request.user,
                        initial={"department": request.GET.get("abteilung")})
    if request.method == "POST" and form.is_valid():
        position = services.position_create(municipality=municipality, **form.cleaned_data)
        messages.success(request, _("The position has been added."))
        return redirect("actors:position_detail", municipality.slug, position.pk)
    return render(request, "actors/department_form.html", {
        "municipality": municipality, "form": form, "title": _("New position"),
        "breadcrumbs": _structure_crumbs(municipality, (_("New position"), None)),
    })


@municipality_view("actors.view_structure")
def position_detail(request, municipality, pk):
    position = selectors.position_get(municipality=municipality, pk=pk)
    may_edit = request.user.has_perm("actors.change_structure", municipality)
    form = HandOverForm(request.POST or None, people=selectors.actors_visible(
        municipality=municipality, user=request.user))
    status = 200
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.position_hand_over(position=position, recorded_by=request.user,
                                            **form.cleaned_data)
            except DomainError as error:
                form.add_error(None, error.message)
                status = 400
            else:
                messages.success(request, _("The change has been recorded."))
                return redirect("actors:position_detail", municipality.slug, position.pk)
    return render(request, "actors/position_detail.html", {
        "municipality": municipality, "position": position, "form": form, "may_edit": may_edit,
        "holdings": selectors.position_holdings(position=position, user=request.user),
        "changes": position.changes.select_related("recorded_by"),
        "breadcrumbs": _structure_crumbs(municipality, (position.title, None)),
    }, status=status)


@require_POST
@municipality_view("actors.change_actors")
def position_change_acknowledge(request, municipality, pk):
    change = get_object_or_404(selectors.position_changes_open(municipality=municipality), pk=pk)
    services.position_change_acknowledge(change=change)
    return redirect_back(request, reverse("actors:list", args=[municipality.slug]))
