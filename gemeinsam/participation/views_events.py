"""The Termintipps: the public list, month and map of events, each also an iCalendar feed
with exactly its filters; an event's page with schema.org data and "add to calendar";
proposals and the proposer's edit link; for the team and the administration creating, editing
and deleting events directly (the moderation queue is shared with the Mitmachkarte)."""

import copy
import datetime
import json

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django_ratelimit.decorators import ratelimit

from gemeinsam.core.errors import DomainError, StaleEdit
from gemeinsam.core.views import breadcrumbs_for, municipality_view
from gemeinsam.meetings.forms import rhythm_in_words

from . import calendar, selectors, selectors_events, selectors_initiatives, services
from .forms_events import EventFilterForm, EventForm, EventLinkForm, EventProposeForm
from .forms_initiatives import is_spam
from .models import EntryStatus, Event
from .views_entries import add_service_error, save_posted, too_many

PAGE_SIZE = 50
# The list beside the map stays readable; the list view pages through the rest.
MAP_LIST_LIMIT = 300
# Per address of the sender, as for initiatives: a club evening may share one address.
PROPOSE_RATE = "10/h"
EDIT_LINK_RATE = "30/h"
TEMPLATES = "participation/events/"
FEED_MAX_AGE = 15 * 60


def _crumbs(municipality, *rest):
    return breadcrumbs_for(municipality, (_("Events"), reverse(
        "participation:events", args=[municipality.slug])), *rest)


def _event_crumbs(municipality, event, *rest):
    return _crumbs(municipality, (event.title, reverse(
        "participation:event", args=[municipality.slug, event.pk])), *rest)


def _map_settings(center, zoom):
    return {"tiles": settings.MAP_TILE_URL, "attribution": settings.MAP_ATTRIBUTION,
            "center": f"{center[0]:.5f},{center[1]:.5f}", "zoom": zoom}


def _filter_form(request, municipality):
    return EventFilterForm(
        request.GET, categories=selectors.categories_of(municipality=municipality),
        organisers=selectors_events.organisers_for_filter(municipality=municipality))


def _query(request, *, drop=("seite",), **changes):
    """The page's query string without `drop`, with `changes` (None removes a parameter)."""
    query = request.GET.copy()
    for name in drop:
        query.pop(name, None)
    for name, value in changes.items():
        query.pop(name, None)
        if value is not None:
            query[name] = value
    return query.urlencode()


def _with_query(url, query):
    return f"{url}?{query}" if query else url


def _absolute(request, municipality):
    """event_url(event), initiative_url(pk) as absolute addresses, without reversing once per
    event."""
    origin = request.build_absolute_uri("/").rstrip("/")
    event_path = selectors_initiatives.url_builder("event")
    initiative_path = selectors_initiatives.url_builder("initiative")
    slug = municipality.slug
    return (lambda event: origin + event_path(slug, event.pk),
            lambda pk: origin + initiative_path(slug, pk))


def _view_links(request, municipality, form):
    """The addresses of the list, the month and the map with the same filters, and of the
    feed with exactly the page's query."""
    slug = municipality.slug
    month = form.month if form.month_view else (
        form.filters().first_day.replace(day=1))
    list_query = _query(request, drop=("seite", "ansicht", "monat"))
    month_query = _query(request, drop=("seite", "von", "bis"), ansicht="monat",
                         monat=f"{month:%Y-%m}")
    feed_path = _with_query(reverse("participation:events_feed", args=[slug]), _query(request))
    return {
        "list_url": _with_query(reverse("participation:events", args=[slug]), list_query),
        "month_url": _with_query(reverse("participation:events", args=[slug]), month_query),
        "map_url": _with_query(reverse("participation:events_map", args=[slug]), list_query),
        "feed_url": request.build_absolute_uri(feed_path),
        "webcal_url": f"webcal://{request.get_host()}{feed_path}",
    }


def _listing(request, municipality, form, filters, **extra):
    return {
        "municipality": municipality, "form": form, "filters": filters,
        "filtered": form.chosen(),
        "may_moderate": request.user.has_perm("participation.moderate", municipality),
        **_view_links(request, municipality, form), **extra,
    }


# --- List, month, map and feed ---------------------------------------------------------------


@municipality_view()
def event_list(request, municipality):
    form = _filter_form(request, municipality)
    filters = form.filters()
    _event_url, initiative_url = _absolute(request, municipality)
    occurrences = selectors_events.occurrences_matching(
        municipality=municipality, filters=filters, initiative_url=initiative_url)
    if form.month_view:
        month = form.month
        previous = (month - datetime.timedelta(days=1)).replace(day=1)
        following = (month + datetime.timedelta(days=32)).replace(day=1)
        return render(request, TEMPLATES + "month.html", _listing(
            request, municipality, form, filters, month=month, count=len(occurrences),
            weeks=selectors_events.month_weeks(occurrences, year=month.year,
                                               month=month.month),
            today=timezone.localdate(),
            day_link=_day_link(request, municipality),
            previous_url="?" + _query(request, ansicht="monat", monat=f"{previous:%Y-%m}"),
            next_url="?" + _query(request, ansicht="monat", monat=f"{following:%Y-%m}"),
            breadcrumbs=breadcrumbs_for(municipality, (_("Events"), None))))
    page = Paginator(occurrences, PAGE_SIZE).get_page(request.GET.get("seite"))
    return render(request, TEMPLATES + "list.html", _listing(
        request, municipality, form, filters, page=page,
        days=selectors_events.by_day(page.object_list), page_query=_query(request),
        breadcrumbs=breadcrumbs_for(municipality, (_("Events"), None))))


def _day_link(request, municipality):
    """The list's address with the filters, ready for "von=…&bis=…" of one day."""
    query = _query(request, drop=("seite", "ansicht", "monat", "von", "bis"))
    return reverse("participation:events", args=[municipality.slug]) + "?" + (
        f"{query}&" if query else "")


@municipality_view()
def events_map(request, municipality):
    form = _filter_form(request, municipality)
    filters = form.filters()
    _event_url, initiative_url = _absolute(request, municipality)
    events = selectors_events.events_in_span(municipality=municipality, filters=filters,
                                             initiative_url=initiative_url)
    placed = [event for event in events if event.has_place]
    if placed:
        center = (sum(event.latitude for event in placed) / len(placed),
                  sum(event.longitude for event in placed) / len(placed))
        zoom = 13
    else:
        center, zoom = selectors_initiatives.map_center(municipality=municipality)
    geojson_url = _with_query(reverse("participation:events_geojson", args=[municipality.slug]),
                              _query(request))
    return render(request, TEMPLATES + "map.html", _listing(
        request, municipality, form, filters, events=events[:MAP_LIST_LIMIT],
        count=len(events), more=max(0, len(events) - MAP_LIST_LIMIT), geojson_url=geojson_url,
        map=_map_settings(center, zoom),
        breadcrumbs=_crumbs(municipality, (_("Map"), None))))


def _date_labels():
    """label(event): "Sa, 7.3.2026, 10:00" of the event's first date in the span. Each day and
    time is formatted once: Django's formatting is slow, and many events share them."""
    days, times = {}, {}
    more = " " + _("(and more dates)")

    def label(event):
        starts = timezone.localtime(event.first_occurrence.starts_at)
        day = starts.date()
        if day not in days:
            days[day] = f"{formats.date_format(day, 'D')}, " \
                        f"{formats.date_format(day, 'SHORT_DATE_FORMAT')}"
        text = days[day]
        if not event.all_day:
            moment = starts.time()
            if moment not in times:
                times[moment] = formats.time_format(moment, "TIME_FORMAT")
            text = f"{text}, {times[moment]}"
        return text + more if event.recurrence else text

    return label


@municipality_view()
def events_geojson(request, municipality):
    """The events of the map's filters with a place: title, page, categories, first date."""
    form = _filter_form(request, municipality)
    filters = form.filters()
    event_url, initiative_url = _absolute(request, municipality)
    events = selectors_events.events_in_span(municipality=municipality, filters=filters,
                                             initiative_url=initiative_url)
    data = selectors_events.geojson(events, event_url=event_url, date_label=_date_labels())
    return HttpResponse(json.dumps(data, ensure_ascii=False, separators=(",", ":")),
                        content_type="application/geo+json")


def _ics_response(content, filename, *, public=True):
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    if public:
        patch_cache_control(response, public=True, max_age=FEED_MAX_AGE)
    else:  # a moderator's look at an entry that is not published
        patch_cache_control(response, private=True, no_store=True)
    return response


@municipality_view()
def events_feed(request, municipality):
    """The list's events as a calendar to subscribe to: exactly the filters of the query."""
    form = _filter_form(request, municipality)
    filters = form.filters()
    event_url, initiative_url = _absolute(request, municipality)
    events = selectors_events.events_in_span(municipality=municipality, filters=filters,
                                             initiative_url=initiative_url)
    chosen = set(filters.categories)
    names = [label for slug, label in form.fields["kategorie"].choices if slug in chosen]
    content = calendar.ics(events, event_url=event_url, name=calendar.feed_name(
        municipality, categories=names, search=filters.q))
    return _ics_response(content, f"termine-{municipality.slug}.ics")


# --- An event's page -------------------------------------------------------------------------


def _may_moderate(request, municipality):
    return request.user.has_perm("participation.moderate", municipality)


@municipality_view()
def event_detail(request, municipality, pk):
    # The team and the administration also see what still waits for moderation.
    may_moderate = _may_moderate(request, municipality)
    event = selectors.event_get(municipality=municipality, pk=pk, public=not may_moderate)
    event_url, initiative_url = _absolute(request, municipality)
    url = event_url(event)
    upcoming = selectors_events.next_occurrences(event)
    organiser = selectors_events.organiser_public(event, initiative_url=initiative_url)
    image_url = request.build_absolute_uri(event.image.url) if event.image else ""
    published = event.status == EntryStatus.PUBLISHED
    return render(request, TEMPLATES + "detail.html", {
        "municipality": municipality, "event": event, "published": published,
        "organiser": organiser, "upcoming": upcoming,
        "categories": selectors_events.category_labels(event),
        "rhythm": _rhythm(event),
        "json_ld": selectors_events.json_ld_script(selectors_events.json_ld(
            event, url=url, image_url=image_url, organiser=organiser,
            occurrence=upcoming[0] if upcoming and event.recurrence else None))
        if published else "",
        "links": selectors_events.add_to_calendar_links(
            event, url=url, occurrence=upcoming[0] if upcoming and event.recurrence else None),
        "attendance": selectors_events.attendance_mode(event),
        "map": _map_settings((event.latitude, event.longitude), 16) if event.has_place
        else None,
        "may_moderate": may_moderate,
        "breadcrumbs": _crumbs(municipality, (event.title, None)),
    })


def _rhythm(event):
    """"every month on the first Saturday, until 31.12.2030", as the meetings say a body's
    rhythm; the page gives the times beside it."""
    if not event.recurrence:
        return ""
    parts = dict(part.split("=", 1) for part in event.recurrence.split(";") if "=" in part)
    until, count = parts.pop("UNTIL", None), parts.pop("COUNT", None)

    class Rhythm:
        recurrence = ";".join(f"{name}={value}" for name, value in parts.items())
        start_time = None

    words = rhythm_in_words(Rhythm)
    initial = EventForm.initial_of(event).get("repeat_until") if until else None
    if initial:
        words += ", " + _("until %(date)s") % {
            "date": formats.date_format(initial, "SHORT_DATE_FORMAT")}
    elif count:
        words += ", " + ngettext("once", "%(count)s times", int(count)) % {"count": count}
    return words


@municipality_view()
def event_ics(request, municipality, pk):
    """One event as an .ics file, for "add to calendar"."""
    event = selectors.event_get(municipality=municipality, pk=pk,
                                public=not _may_moderate(request, municipality))
    event_url, initiative_url = _absolute(request, municipality)
    row = selectors_events.EventRow.of(event, initiative_url=initiative_url)
    response = _ics_response(calendar.ics([row], event_url=event_url), f"termin-{event.pk}.ics",
                             public=event.status == EntryStatus.PUBLISHED)
    response["Content-Disposition"] = f'attachment; filename="termin-{event.pk}.ics"'
    return response


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
def event_propose(request, municipality):
    services.categories_ensure(municipality=municipality)
    form = EventProposeForm(request.POST or None, request.FILES or None,
                            municipality=municipality)
    status = 200
    if request.method == "POST":
        status = 400
        if request.limited:
            too_many(form)
            status = 429
        elif is_spam(form):
            messages.success(request, _("Thank you for your proposal."))
            return redirect("participation:events", municipality.slug)
        elif form.is_valid():
            address = form.cleaned_data["proposer_email"]
            try:
                services.entry_propose(
                    model=Event, municipality=municipality, fields=form.entry_fields(),
                    categories=form.categories(), proposer_email=address,
                    edit_url=lambda token: request.build_absolute_uri(reverse(
                        "participation:event_edit_link", args=[municipality.slug, token])))
            except (DomainError, ValidationError) as error:
                add_service_error(form, error)
            else:
                messages.success(request, _(
                    "Thank you for your proposal. It appears in the events once the local "
                    "team or the administration has accepted it.")
                    + (" " + _("We have sent you a link to change it later.") if address
                       else ""))
                return redirect("participation:events", municipality.slug)
    return _form_page(request, municipality, form, title=_("Propose an event"), proposal=True,
                      status=status,
                      breadcrumbs=_crumbs(municipality, (_("Propose an event"), None)))


def _link_invalid(request, municipality, message):
    return render(request, TEMPLATES + "link_invalid.html", {
        "municipality": municipality, "error": message,
        "breadcrumbs": _crumbs(municipality, (_("Change your event"), None)),
    }, status=404)


@never_cache
@ratelimit(key="ip", rate=EDIT_LINK_RATE, method="POST", block=False)
@municipality_view()
def event_edit_link(request, municipality, token, pk=None):
    try:
        event = (services.entry_by_token(municipality=municipality, token=token) if pk is None
                 else services.event_by_organiser_token(municipality=municipality, token=token,
                                                        pk=pk))
    except DomainError as error:
        return _link_invalid(request, municipality, error.message)
    if not isinstance(event, Event):
        return _link_invalid(request, municipality, _(
            "This link is not valid (any more). Please ask the team for a new one."))
    # Changes that still wait are what the proposer changes further.
    draft = copy.copy(event)
    for name, value in services.pending_fields(event).items():
        setattr(draft, name, value)
    initial = {"version": event.version}
    if event.pending_changes and "categories" in event.pending_changes:
        initial["categories"] = event.pending_changes["categories"]
    form = EventLinkForm(request.POST or None, request.FILES or None, instance=draft,
                         initial=initial, municipality=municipality)
    status = 200
    if request.method == "POST":
        status = 400
        if request.limited:
            too_many(form)
            status = 429
        elif is_spam(form):
            messages.success(request, _("Thank you. Your changes are shown once the moderation "
                                        "has accepted them."))
            return redirect(request.path)
        elif form.is_valid():
            fields = form.entry_fields()
            try:
                services.entry_propose_changes(
                    entry=event, version=form.cleaned_data["version"],
                    categories=form.categories(), fields=fields)
            except (DomainError, ValidationError) as error:
                add_service_error(form, error)
                status = 409 if isinstance(error, StaleEdit) else 400
            else:
                if event.status == EntryStatus.PUBLISHED:
                    messages.success(request, _("Thank you. Your changes are shown once the "
                                                "moderation has accepted them."))
                else:
                    messages.success(request, _("Your changes have been saved. The event "
                                                "appears once it has been accepted."))
                return redirect(request.path)
    response = _form_page(
        request, municipality, form, title=_("Change “%(title)s”") % {"title": event.title},
        event=event, edit_link=True, status=status,
        breadcrumbs=_crumbs(municipality, (_("Change your event"), None)))
    response["X-Robots-Tag"] = "noindex"
    return response


# --- The team and the administration --------------------------------------------------------


@municipality_view("participation.moderate")
def event_create(request, municipality):
    services.categories_ensure(municipality=municipality)
    form = EventForm(request.POST or None, request.FILES or None, municipality=municipality)
    response, status = save_posted(
        request, form, lambda form: services.entry_create(
            model=Event, municipality=municipality, fields=form.entry_fields(),
            categories=form.categories()),
        success=lambda event: _("“%(name)s” has been published.") % {"name": event.title},
        done=lambda event: redirect("participation:event", municipality.slug, event.pk))
    return response or _form_page(
        request, municipality, form, title=_("New event"), status=status,
        breadcrumbs=_crumbs(municipality, (_("New event"), None)))


@municipality_view("participation.moderate")
def event_edit(request, municipality, pk):
    event = selectors.event_get(municipality=municipality, pk=pk, public=False)
    form = EventForm(request.POST or None, request.FILES or None, instance=copy.copy(event),
                     municipality=municipality, initial={"version": event.version})
    response, status = save_posted(
        request, form, lambda form: services.entry_update(
            entry=event, version=form.cleaned_data["version"], categories=form.categories(),
            fields=form.entry_fields()),
        success=lambda _event: _("The changes have been saved."),
        done=lambda _event: redirect("participation:event", municipality.slug, event.pk))
    return response or _form_page(
        request, municipality, form, title=_("Edit %(name)s") % {"name": event.title},
        event=event, status=status,
        delete_url=reverse("participation:event_delete", args=[municipality.slug, pk]),
        waiting=event.status == EntryStatus.PROPOSED or bool(event.pending_changes),
        breadcrumbs=_event_crumbs(municipality, event, (_("Edit"), None)))


@municipality_view("participation.moderate")
def event_delete(request, municipality, pk):
    event = selectors.event_get(municipality=municipality, pk=pk, public=False)
    if request.method == "POST":
        services.entry_delete(entry=event)
        messages.success(request, _("“%(name)s” has been deleted.") % {"name": event.title})
        return redirect("participation:events", municipality.slug)
    return render(request, TEMPLATES + "delete.html", {
        "municipality": municipality, "event": event,
        "breadcrumbs": _event_crumbs(municipality, event, (_("Delete"), None)),
    })
