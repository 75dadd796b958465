"""Widgets that a municipality's website shows in a frame (the map, the next events, the
action plan's progress), and the page where the team gets the snippets for them.

Only the websites the municipality lists may frame the widgets. That is said with CSP
`frame-ancestors`, which can name origins; X-Frame-Options cannot, so the widgets go without it
(browsers that know CSP ignore it anyway when frame-ancestors is present).
"""

import datetime
from functools import wraps
from urllib.parse import urlencode

from csp.constants import SELF
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt

from gemeinsam.core.views import breadcrumbs_for, municipality_view

from . import selectors, selectors_embed, services
from .forms_pages import DEFAULT_HEIGHTS, EmbedSettingsForm, SnippetForm
from .models import ORIGIN

HOST_SCRIPT = "participation/embed-host.js"


def embeddable(view):
    """Let the municipality's listed websites (and the platform itself) frame the view."""

    @wraps(view)
    def wrapper(request, municipality, *args, **kwargs):
        response = view(request, municipality, *args, **kwargs)
        # django-csp reads `_csp_replace` from the response: only this directive changes.
        response._csp_replace = {"frame-ancestors": [
            SELF, *selectors.embed_origins(municipality=municipality)]}
        return response

    return xframe_options_exempt(wrapper)


def _number(value, *, default, low, high, kind=int):
    """A number from the address, or `default` if it is missing or nonsense: a widget on
    someone else's website should show something rather than an error."""
    try:
        number = kind(value)
    except (TypeError, ValueError):
        return default
    if number != number or not low <= number <= high:  # NaN or out of range
        return default
    return number


def _with_query(url, params):
    return f"{url}?{urlencode(params)}" if params else url


def _categories(request):
    return [slug for slug in request.GET.getlist("kategorie") if slug][:20]


def _embed_page(request, municipality, template, context, *, title, full_url):
    return render(request, template, {
        "municipality": municipality, "title": title, "full_url": full_url, **context,
    })


# --- The widgets -----------------------------------------------------------------------------


def coordinate(value):
    """49.99 rather than 49.990000000001: for addresses and the map's #zoom/lat/lon."""
    return f"{value:.5f}".rstrip("0").rstrip(".")


def map_view_fragment(lat, lon, zoom):
    """The chosen view as the map's permalink (#zoom/lat/lon), so that the full map opened
    from the widget starts where the widget does."""
    return f"#{zoom}/{coordinate(lat)}/{coordinate(lon)}"


@municipality_view()
@embeddable
def embed_map(request, municipality):
    categories = _categories(request)
    lat = _number(request.GET.get("lat"), default=None, low=-90, high=90, kind=float)
    lon = _number(request.GET.get("lon"), default=None, low=-180, high=180, kind=float)
    chosen = lat is not None and lon is not None
    if chosen:
        zoom = 13
    else:
        lat, lon, zoom = selectors_embed.map_center(municipality=municipality)
    zoom = _number(request.GET.get("zoom"), default=zoom, low=1, high=19)
    slug = [municipality.slug]
    filters = [("kategorie", category) for category in categories]
    full_url = _with_query(reverse("participation:map", args=slug), filters)
    return _embed_page(request, municipality, "participation/embed/map.html", {
        "geojson_url": _with_query(reverse("participation:initiatives_geojson", args=slug),
                                   filters),
        "center": f"{coordinate(lat)},{coordinate(lon)}", "zoom": zoom, "permalink": chosen,
        "tile_url": settings.MAP_TILE_URL, "attribution": settings.MAP_ATTRIBUTION,
        **selectors_embed.map_list(municipality=municipality, categories=categories),
    }, title=_("Map of initiatives in %(municipality)s") % {"municipality": municipality},
        full_url=full_url + (map_view_fragment(lat, lon, zoom) if chosen else ""))


@municipality_view()
@embeddable
def embed_events(request, municipality):
    categories = _categories(request)
    organiser = _number(request.GET.get("veranstalter"), default=None, low=1, high=2**31)
    days = _number(request.GET.get("tage"), default=30, low=1, high=365)
    limit = _number(request.GET.get("anzahl"), default=5, low=1, high=50)
    today = timezone.localdate()
    filters = [("kategorie", category) for category in categories]
    if organiser:
        filters.append(("veranstalter", organiser))
    filters += [("von", today.isoformat()),
                ("bis", (today + datetime.timedelta(days=days)).isoformat())]
    return _embed_page(request, municipality, "participation/embed/events.html", {
        "occurrences": selectors_embed.upcoming_events(
            municipality=municipality, categories=categories, organiser=organiser, days=days,
            limit=limit),
        "days": days,
    }, title=_("Events in %(municipality)s") % {"municipality": municipality},
        full_url=_with_query(reverse("participation:events", args=[municipality.slug]),
                             filters))


@municipality_view()
@embeddable
def embed_plan(request, municipality):
    return _embed_page(request, municipality, "participation/embed/plan.html", {
        "summary": selectors_embed.plan_summary(municipality=municipality),
    }, title=_("Action plan of %(municipality)s") % {"municipality": municipality},
        full_url=reverse("monitoring:dashboard", args=[municipality.slug]))


# --- Settings and snippet generator ----------------------------------------------------------


def widget_title(widget, municipality):
    titles = {
        "map": _("Map of initiatives in %(municipality)s"),
        "events": _("Events in %(municipality)s"),
        "plan": _("Action plan of %(municipality)s"),
    }
    return titles[widget] % {"municipality": municipality}


def snippet_for(request, municipality, choice):
    """The widget's address and the HTML to paste into the municipality's website."""
    widget = choice["widget"]
    params = []
    if widget in ("map", "events"):
        params += [("kategorie", slug) for slug in choice.get("kategorie") or []]
    if widget == "events":
        params += [(name, choice[name]) for name in ("veranstalter", "tage", "anzahl")
                   if choice.get(name) is not None]
    fragment = ""
    if widget == "map" and choice.get("lat") is not None:
        zoom = choice.get("zoom") or 13
        params += [("lat", coordinate(choice["lat"])), ("lon", coordinate(choice["lon"])),
                   ("zoom", zoom)]
        fragment = map_view_fragment(choice["lat"], choice["lon"], zoom)
    url = request.build_absolute_uri(_with_query(
        reverse(f"participation:embed_{widget}", args=[municipality.slug]), params)) + fragment
    height = choice.get("hoehe") or DEFAULT_HEIGHTS[widget]
    title = widget_title(widget, municipality)
    # The map's "near me" button needs the host's permission to ask for the position.
    allow = mark_safe(' allow="geolocation"') if widget == "map" else ""
    snippet = format_html('<iframe src="{}" title="{}" width="100%" height="{}" loading="lazy"{} '
                          'class="gemeinsam-embed"></iframe>', url, title, height, allow)
    if choice.get("skript"):
        script = request.build_absolute_uri(settings.STATIC_URL + HOST_SCRIPT)
        snippet += format_html('\n<script src="{}" async></script>', script)
    return {"url": url, "height": height, "title": title, "snippet": snippet}


def _check_origins(text):
    """Every line that is not an origin, so that all mistakes are named at once."""
    bad = [line.strip() for line in text.splitlines()
           if line.strip() and not ORIGIN.fullmatch(line.strip().rstrip("/"))]
    return [_("“%(origin)s” is not an origin like https://www.example.de (scheme and host, "
              "no path).") % {"origin": line[:100]} for line in bad]


@municipality_view("core.view_internal")
def embed_settings(request, municipality):
    may_manage = request.user.has_perm("participation.manage_embedding", municipality)
    origins = selectors.embed_origins(municipality=municipality)
    settings_form = EmbedSettingsForm(request.POST or None,
                                      initial={"allowed_origins": "\n".join(origins)})
    status = 200
    if request.method == "POST":
        if not may_manage:
            raise PermissionDenied
        if settings_form.is_valid():
            text = settings_form.cleaned_data["allowed_origins"]
            problems = _check_origins(text)
            if not problems:
                try:
                    services.embed_settings_save(municipality=municipality,
                                                 allowed_origins=text)
                except ValidationError as error:
                    problems = error.messages
            if not problems:
                messages.success(request, _("The list of websites has been saved."))
                return redirect("participation:embed", municipality.slug)
            for problem in problems:
                settings_form.add_error("allowed_origins", problem)
            status = 400
    categories = selectors.categories_of(municipality=municipality)
    form = SnippetForm(
        request.GET or None, categories=categories,
        initiatives=selectors_embed.initiative_choices(municipality=municipality))
    choice = form.choices()
    return render(request, "participation/embed/settings.html", {
        "municipality": municipality, "may_manage": may_manage, "origins": origins,
        "settings_form": settings_form, "form": form,
        "result": snippet_for(request, municipality, choice) if choice else None,
        "host_script": HOST_SCRIPT,
        "breadcrumbs": breadcrumbs_for(municipality, (_("Embedding"), None)),
    }, status=status)
