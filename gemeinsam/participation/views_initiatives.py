"""The Mitmachkarte: the public map and list of initiatives, their pages and contact form,
proposals and the proposer's edit link; for the team and the administration the moderation of
initiatives and events, direct editing and the categories."""

import copy
import json

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from gemeinsam.core.errors import DomainError, StaleEdit
from gemeinsam.core.views import breadcrumbs_for, municipality_view

from . import exports, selectors, selectors_initiatives, services
from .forms_initiatives import (
    CategoryForm,
    ContactForm,
    DecisionForm,
    InitiativeForm,
    ProposeForm,
    is_spam,
)
from .models import Category, EntryStatus, Initiative
from .views_entries import save_posted, too_many

PAGE_SIZE = 50
# Per address of the sender; a club evening may share one address, a spam robot must not get
# far.
PROPOSE_RATE = "10/h"
EDIT_LINK_RATE = "30/h"
CONTACT_RATE = "5/h"
TEMPLATES = "participation/initiatives/"


def _crumbs(municipality, *rest):
    return breadcrumbs_for(municipality, (_("Mitmachkarte"), reverse(
        "participation:map", args=[municipality.slug])), *rest)


def _initiative_crumbs(municipality, initiative, *rest):
    return _crumbs(municipality, (initiative.name, reverse(
        "participation:initiative", args=[municipality.slug, initiative.pk])), *rest)


def _map_settings(center, zoom):
    return {"tiles": settings.MAP_TILE_URL, "attribution": settings.MAP_ATTRIBUTION,
            "center": f"{center[0]:.5f},{center[1]:.5f}", "zoom": zoom}


def _filters(request, categories):
    """The categories (known slugs only) and the search text the visitor chose."""
    known = {category.slug for category in categories}
    chosen = [slug for slug in request.GET.getlist("kategorie") if slug in known]
    return chosen, request.GET.get("q", "").strip()[:200]


# --- The map, the list and the data ---------------------------------------------------------


@municipality_view()
def initiative_map(request, municipality):
    categories = selectors_initiatives.categories_with_names(municipality=municipality)
    chosen, q = _filters(request, categories)
    initiatives = selectors.initiatives_published(municipality=municipality, categories=chosen,
                                                  q=q)
    page = Paginator(initiatives, PAGE_SIZE).get_page(request.GET.get("seite"))
    filter_query = urlencode([("kategorie", slug) for slug in chosen] + ([("q", q)] if q else []))
    may_moderate = request.user.has_perm("participation.moderate", municipality)
    center, zoom = selectors_initiatives.map_center(municipality=municipality)
    return render(request, TEMPLATES + "map.html", {
        "municipality": municipality, "categories": categories, "chosen": chosen, "q": q,
        "page": page, "filter_query": filter_query, "filtered": bool(chosen or q),
        "geojson_url": reverse("participation:initiatives_geojson", args=[municipality.slug])
        + (f"?{filter_query}" if filter_query else ""),
        "map": _map_settings(center, zoom),
        "may_moderate": may_moderate,
        "may_manage_categories": request.user.has_perm("participation.manage_categories",
                                                       municipality),
        "waiting": (selectors_initiatives.moderation_count(municipality=municipality)
                    if may_moderate else 0),
        "breadcrumbs": breadcrumbs_for(municipality, (_("Mitmachkarte"), None)),
    })


@gzip_page  # public data, large for big towns: about a tenth of the size
@municipality_view()
def initiatives_geojson(request, municipality):
    """All published initiatives with a place, unpaginated, for the map: name, page, category
    and colour only."""
    data = selectors_initiatives.map_geojson(
        municipality=municipality,
        categories=[slug for slug in request.GET.getlist("kategorie") if slug],
        q=request.GET.get("q", "").strip()[:200])
    return HttpResponse(json.dumps(data, ensure_ascii=False, separators=(",", ":")),
                        content_type="application/geo+json")


@gzip_page
@municipality_view()
def initiatives_csv(request, municipality):
    content = exports.initiatives_csv(municipality=municipality,
                                      absolute=request.build_absolute_uri)
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    filename = f"initiativen-{municipality.slug}-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- An initiative's page and contact form ---------------------------------------------------


def _detail(request, municipality, initiative, *, contact_form=None, status=200):
    may_moderate = request.user.has_perm("participation.moderate", municipality)
    return render(request, TEMPLATES + "detail.html", {
        "municipality": municipality, "initiative": initiative,
        "published": initiative.status == EntryStatus.PUBLISHED,
        "social_links": [line.strip() for line in initiative.social_links.splitlines()
                         if line.strip()],
        "contact_form": (contact_form or ContactForm())
        if initiative.contact_email and initiative.status == EntryStatus.PUBLISHED else None,
        "upcoming": selectors_initiatives.upcoming_events(municipality=municipality,
                                                          initiative=initiative),
        "map": _map_settings((initiative.latitude, initiative.longitude), 16)
        if initiative.has_place else None,
        "may_moderate": may_moderate,
        "breadcrumbs": _crumbs(municipality, (initiative.name, None)),
    }, status=status)


@municipality_view()
def initiative_detail(request, municipality, pk):
    # The team and the administration also see what still waits for moderation.
    public = not request.user.has_perm("participation.moderate", municipality)
    initiative = selectors.initiative_get(municipality=municipality, pk=pk, public=public)
    return _detail(request, municipality, initiative)


@ratelimit(key="ip", rate=CONTACT_RATE, method="POST", block=False)
@municipality_view()
def initiative_contact(request, municipality, pk):
    """Relays a visitor's message; the visitor never sees the initiative's address."""
    initiative = selectors.initiative_get(municipality=municipality, pk=pk, public=True)
    if not initiative.contact_email:
        raise Http404
    page = reverse("participation:initiative", args=[municipality.slug, pk])
    if request.method != "POST":
        return redirect(page + "#kontakt")
    form = ContactForm(request.POST)
    status = 400
    if request.limited:
        too_many(form)
        status = 429
    elif is_spam(form):
        messages.success(request, _("Thank you, your message has been passed on."))
        return redirect(page)
    elif form.is_valid():
        try:
            services.contact_relay(initiative=initiative,
                                   sender_name=form.cleaned_data["name"],
                                   sender_email=form.cleaned_data["email"],
                                   message=form.cleaned_data["message"])
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Thank you, your message has been passed on. The "
                                        "initiative answers you by e-mail."))
            return redirect(page)
    return _detail(request, municipality, initiative, contact_form=form, status=status)


# --- Proposals and the proposer's edit link -------------------------------------------------


def _form_page(request, municipality, form, *, title, breadcrumbs, status=200, **extra):
    place = form.instance if form.instance.has_place else None
    if place is not None:
        center, zoom = (place.latitude, place.longitude), 16
    else:
        center, zoom = selectors_initiatives.map_center(municipality=municipality)
    return render(request, TEMPLATES + "form.html", {
        "municipality": municipality, "form": form, "title": title,
        "map": _map_settings(center, zoom), "geocoder_url": settings.GEOCODER_URL,
        "breadcrumbs": breadcrumbs, **extra,
    }, status=status)


@ratelimit(key="ip", rate=PROPOSE_RATE, method="POST", block=False)
@municipality_view()
def initiative_propose(request, municipality):
    services.categories_ensure(municipality=municipality)
    form = ProposeForm(request.POST or None, request.FILES or None, municipality=municipality)
    status = 200
    if request.method == "POST":
        status = 400
        if request.limited:
            too_many(form)
            status = 429
        elif is_spam(form):
            messages.success(request, _("Thank you for your proposal."))
            return redirect("participation:map", municipality.slug)
        elif form.is_valid():
            address = form.cleaned_data["proposer_email"]
            try:
                services.entry_propose(
                    model=Initiative, municipality=municipality, fields=form.entry_fields(),
                    categories=form.categories(), proposer_email=address,
                    edit_url=lambda token: request.build_absolute_uri(reverse(
                        "participation:initiative_edit_link", args=[municipality.slug, token])))
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _(
                    "Thank you for your proposal. It appears on the map once the local team or "
                    "the administration has accepted it.")
                    + (" " + _("We have sent you a link to change it later.") if address
                       else ""))
                return redirect("participation:map", municipality.slug)
    return _form_page(request, municipality, form, title=_("Propose an initiative"),
                      proposal=True, status=status,
                      breadcrumbs=_crumbs(municipality, (_("Propose an initiative"), None)))


@never_cache
@ratelimit(key="ip", rate=EDIT_LINK_RATE, method="POST", block=False)
@municipality_view()
def initiative_edit_link(request, municipality, token):
    try:
        initiative = services.entry_by_token(municipality=municipality, token=token)
        if not isinstance(initiative, Initiative):
            raise DomainError(_("This link is not valid (any more). Please ask the team for a "
                                "new one."))
    except DomainError as error:
        return render(request, TEMPLATES + "link_invalid.html", {
            "municipality": municipality, "error": error.message,
            "breadcrumbs": _crumbs(municipality, (_("Change your entry"), None)),
        }, status=404)
    # Changes that still wait are what the proposer changes further.
    draft = copy.copy(initiative)
    for name, value in services.pending_fields(initiative).items():
        setattr(draft, name, value)
    initial = {"version": initiative.version}
    if initiative.pending_changes and "categories" in initiative.pending_changes:
        initial["categories"] = initiative.pending_changes["categories"]
    form = InitiativeForm(request.POST or None, request.FILES or None, instance=draft,
                          initial=initial, municipality=municipality)
    status = 200
    if request.method == "POST":
        status = 400
        if request.limited:
            too_many(form)
            status = 429
        elif form.is_valid():
            try:
                services.entry_propose_changes(
                    entry=initiative, version=form.cleaned_data["version"],
                    categories=form.categories(), fields=form.entry_fields())
            except DomainError as error:
                form.add_error(None, error.message)
                status = 409 if isinstance(error, StaleEdit) else 400
            else:
                if initiative.status == EntryStatus.PUBLISHED:
                    messages.success(request, _("Thank you. Your changes are shown once the "
                                                "moderation has accepted them."))
                else:
                    messages.success(request, _("Your changes have been saved. The initiative "
                                                "appears on the map once it has been "
                                                "accepted."))
                return redirect(request.path)
    response = _form_page(
        request, municipality, form, title=_("Change “%(name)s”") % {"name": initiative.name},
        initiative=initiative, edit_link=True, status=status, token=token,
        own_events=initiative.events.exclude(status=EntryStatus.REJECTED).order_by("starts_at"),
        waiting=initiative.status == EntryStatus.PROPOSED or bool(initiative.pending_changes),
        breadcrumbs=_crumbs(municipality, (_("Change your entry"), None)))
    response["X-Robots-Tag"] = "noindex"
    return response


# --- The team and the administration --------------------------------------------------------


@municipality_view("participation.moderate")
def initiative_create(request, municipality):
    services.categories_ensure(municipality=municipality)
    form = InitiativeForm(request.POST or None, request.FILES or None, municipality=municipality)
    response, status = save_posted(
        request, form, lambda form: services.entry_create(
            model=Initiative, municipality=municipality, fields=form.entry_fields(),
            categories=form.categories()),
        success=lambda initiative: _("“%(name)s” has been published.")
        % {"name": initiative.name},
        done=lambda initiative: redirect("participation:initiative", municipality.slug,
                                         initiative.pk))
    return response or _form_page(
        request, municipality, form, title=_("New initiative"), status=status,
        breadcrumbs=_crumbs(municipality, (_("New initiative"), None)))


@municipality_view("participation.moderate")
def initiative_edit(request, municipality, pk):
    initiative = selectors.initiative_get(municipality=municipality, pk=pk, public=False)
    form = InitiativeForm(request.POST or None, request.FILES or None,
                          instance=copy.copy(initiative), municipality=municipality,
                          initial={"version": initiative.version})
    response, status = save_posted(
        request, form, lambda form: services.entry_update(
            entry=initiative, version=form.cleaned_data["version"],
            categories=form.categories(), fields=form.entry_fields()),
        success=lambda _initiative: _("The changes have been saved."),
        done=lambda _initiative: redirect("participation:initiative", municipality.slug,
                                          initiative.pk))
    return response or _form_page(
        request, municipality, form, title=_("Edit %(name)s") % {"name": initiative.name},
        initiative=initiative, status=status,
        delete_url=reverse("participation:initiative_delete", args=[municipality.slug, pk]),
        waiting=initiative.status == EntryStatus.PROPOSED or bool(initiative.pending_changes),
        breadcrumbs=_initiative_crumbs(municipality, initiative, (_("Edit"), None)))


@municipality_view("participation.moderate")
def initiative_delete(request, municipality, pk):
    initiative = selectors.initiative_get(municipality=municipality, pk=pk, public=False)
    if request.method == "POST":
        services.entry_delete(entry=initiative)
        messages.success(request, _("“%(name)s” has been deleted.") % {"name": initiative.name})
        return redirect("participation:map", municipality.slug)
    return render(request, TEMPLATES + "delete.html", {
        "municipality": municipality, "initiative": initiative,
        "breadcrumbs": _initiative_crumbs(municipality, initiative, (_("Delete"), None)),
    })


@municipality_view("participation.moderate")
def moderation(request, municipality):
    return render(request, "participation/moderation/queue.html", {
        "municipality": municipality,
        "items": selectors_initiatives.moderation_items(municipality=municipality),
        "form": DecisionForm(),
        "breadcrumbs": _crumbs(municipality, (_("Moderation"), None)),
    })


@require_POST
@municipality_view("participation.moderate")
def moderation_decide(request, municipality, kind, pk):
    model = services.ENTRY_MODELS.get(kind)
    if model is None:
        raise Http404
    entry = get_object_or_404(model, municipality=municipality, pk=pk)
    form = DecisionForm(request.POST)
    done = redirect("participation:moderation", municipality.slug)
    if not form.is_valid():
        messages.error(request, _("Please choose to accept or to reject."))
        return done
    new = entry.status == EntryStatus.PROPOSED
    if not new and not entry.pending_changes:
        messages.error(request, _("Nothing waits for moderation here."))
        return done
    try:
        if form.cleaned_data["decision"] == "accept":
            services.entry_accept(entry=entry)
            message = (_("“%(entry)s” has been published.") if new
                       else _("The changes to “%(entry)s” have been published."))
        else:
            services.entry_reject(entry=entry, note=form.cleaned_data["note"])
            message = (_("“%(entry)s” has been rejected.") if new
                       else _("The changes to “%(entry)s” have been discarded."))
    except (DomainError, ValidationError) as error:
        messages.error(request, getattr(error, "message", None) or " ".join(error.messages))
    else:
        messages.success(request, message % {"entry": entry})
    return done


@municipality_view("participation.manage_categories")
def categories(request, municipality):
    form = CategoryForm(request.POST or None, municipality=municipality)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                category = services.category_save(municipality=municipality,
                                                  **form.category_fields())
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("“%(name)s” has been added.")
                                 % {"name": category.name})
                return redirect("participation:categories", municipality.slug)
    return render(request, TEMPLATES + "categories.html", {
        "municipality": municipality, "form": form,
        "categories": selectors_initiatives.categories_with_names(municipality=municipality),
        "breadcrumbs": _crumbs(municipality, (_("Categories"), None)),
    }, status=status)


@municipality_view("participation.manage_categories")
def category_edit(request, municipality, pk):
    category = get_object_or_404(Category, municipality=municipality, pk=pk)
    if request.method == "POST" and "delete" in request.POST:
        services.category_delete(category=category)
        messages.success(request, _("“%(name)s” has been deleted.") % {"name": category.name})
        return redirect("participation:categories", municipality.slug)
    form = CategoryForm(request.POST or None, instance=copy.copy(category),
                        municipality=municipality)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.category_save(municipality=municipality, category=category,
                                       **form.category_fields())
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The changes have been saved."))
                return redirect("participation:categories", municipality.slug)
    return render(request, TEMPLATES + "category_form.html", {
        "municipality": municipality, "form": form, "category": category,
        "breadcrumbs": _crumbs(municipality, (_("Categories"), reverse(
            "participation:categories", args=[municipality.slug])), (category.name, None)),
    }, status=status)
