"""Reads of the Mitmachkarte beyond `selectors`: the compact GeoJSON of the map, the public
rows of the API and the CSV export, the view of the map and the moderation's before/after.

The map and the API must stay cheap with tens of thousands of initiatives: they read plain
values (no model instances) and the categories in one second query, never one per row.
"""

import datetime
from collections import defaultdict

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import models
from django.db.models import Avg, Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from . import selectors, services
from .models import Category, EntryStatus, Event, Initiative

DEFAULT_COLOR = "#2f6f4f"
# Fields of an entry that the moderation never compares: bookkeeping, not content.
NOT_CONTENT = {"id", "municipality", "status", "pending_changes", "moderation_note",
               "proposer_email", "edit_token_hash", "created_at", "updated_at", "published_at",
               "version", "uid", "sequence"}
# Rounded to about ten centimetres: enough for a door, and a third shorter as JSON.
COORDINATE_DIGITS = 6


def category_name(name, name_en):
    """The category's name in the language of the page."""
    if name_en and (get_language() or "").startswith("en"):
        return name_en
    return name


def categories_with_names(*, municipality):
    """The municipality's categories (defaults on first use) with `label` in the page's
    language."""
    categories = list(services.categories_ensure(municipality=municipality))
    for category in categories:
        category.label = category_name(category.name, category.name_en)
    return categories


def url_builder(name):
    """`build(slug, pk)` for the page of an entry, without reversing once per row."""
    cache = {}

    def build(slug, pk):
        if slug not in cache:
            cache[slug] = reverse(f"participation:{name}", kwargs={"slug": slug, "pk": 4242}
                                  ).rsplit("4242", 1)
        prefix, suffix = cache[slug]
        return f"{prefix}{pk}{suffix}"

    return build


def categories_by_initiative(initiatives):
    """{initiative id: [(slug, name, English name, colour), ...]} in the categories' order,
    for the initiatives of the queryset `initiatives` (evaluated as a subquery), in one
    query."""
    through = Initiative.categories.through
    rows = (through.objects.filter(initiative_id__in=initiatives.order_by().values("pk"))
            .order_by("category__order", "category__name")
            .values_list("initiative_id", "category__slug", "category__name",
                         "category__name_en", "category__color"))
    found = defaultdict(list)
    shared = {}  # one tuple per category, however many initiatives it has
    for initiative_id, *category in rows:
        category = tuple(category)
        found[initiative_id].append(shared.setdefault(category, category))
    return found


def filtered(*, municipality=None, categories=(), q="", bbox=None):
    """`selectors.initiatives_published` for reading values: without the prefetch."""
    return selectors.initiatives_published(
        municipality=municipality, categories=categories, q=q, bbox=bbox).prefetch_related(None)


def map_geojson(*, municipality, categories=(), q=""):
    """The published initiatives with a place as a compact GeoJSON FeatureCollection (a dict):
    name, page, categories and the marker colour; nothing else, and never contact data."""
    initiatives = filtered(municipality=municipality, categories=categories, q=q).filter(
        latitude__isnull=False, longitude__isnull=False)
    url_of = url_builder("initiative")
    category_rows = categories_by_initiative(initiatives)
    as_property = {}
    features = []
    for pk, name, latitude, longitude in initiatives.order_by().values_list(
            "pk", "name", "latitude", "longitude"):
        own = [as_property.setdefault(row, {
            "slug": row[0], "name": category_name(row[1], row[2]), "color": row[3]})
            for row in category_rows.get(pk, ())]
        features.append({
            "type": "Feature", "id": pk,
            "geometry": {"type": "Point", "coordinates": [
                round(longitude, COORDINATE_DIGITS), round(latitude, COORDINATE_DIGITS)]},
            "properties": {"name": name, "url": url_of(municipality.slug, pk),
                           "categories": own,
                           "color": own[0]["color"] if own else DEFAULT_COLOR},
        })
    return {"type": "FeatureCollection", "features": features}


API_FIELDS = [name for name in selectors.PUBLIC_INITIATIVE_FIELDS
              if name not in ("id", "latitude", "longitude")]


def api_rows(initiatives):
    """The values the API shows, one dict per initiative (no model instances)."""
    return initiatives.values(*selectors.PUBLIC_INITIATIVE_FIELDS, "municipality__slug")


def api_features(rows, *, absolute):
    """GeoJSON Features of `api_rows`; `absolute(path)` makes the links absolute. Initiatives
    without a place have no geometry (RFC 7946, 3.2)."""
    url_of = url_builder("initiative")
    category_rows = categories_by_initiative(Initiative.objects.filter(
        pk__in=[row["id"] for row in rows]))
    features = []
    for row in rows:
        properties = {name: row[name] for name in API_FIELDS}
        properties["image"] = (absolute(default_storage.url(row["image"])) if row["image"]
                               else None)
        properties["updated_at"] = row["updated_at"].isoformat()
        properties["municipality"] = row["municipality__slug"]
        properties["categories"] = [
            {"slug": slug, "name": name, "name_en": name_en, "color": color}
            for slug, name, name_en, color in category_rows.get(row["id"], ())]
        properties["url"] = absolute(url_of(row["municipality__slug"], row["id"]))
        has_place = row["latitude"] is not None and row["longitude"] is not None
        features.append({
            "type": "Feature", "id": row["id"],
            "geometry": {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]}
            if has_place else None,
            "properties": properties,
        })
    return features


def export_rows(*, municipality):
    """The published initiatives for the CSV export: public values and category names."""
    initiatives = filtered(municipality=municipality)
    category_rows = categories_by_initiative(initiatives)
    for row in initiatives.values(*selectors.PUBLIC_INITIATIVE_FIELDS):
        row["categories"] = ", ".join(category_name(name, name_en)
                                      for _slug, name, name_en, _color
                                      in category_rows.get(row["id"], ()))
        yield row


def map_center(*, municipality):
    """Where the municipality's initiatives are, on average, or the middle of Germany."""
    center = selectors.initiatives_published(municipality=municipality).filter(
        latitude__isnull=False).aggregate(latitude=Avg("latitude"), longitude=Avg("longitude"))
    if center["latitude"] is None:
        return settings.MAP_DEFAULT_CENTER, 6
    return (center["latitude"], center["longitude"]), 13


def moderation_count(*, municipality):
    waiting = Q(status=EntryStatus.PROPOSED) | Q(pending_changes__isnull=False)
    return (Initiative.objects.filter(waiting, municipality=municipality).count()
            + Event.objects.filter(waiting, municipality=municipality).count())


def upcoming_events(*, municipality, initiative, days=90, limit=10):
    """The next dates of the events the initiative organises."""
    start = timezone.now()
    end = start + datetime.timedelta(days=days)
    events = selectors.events_published(municipality=municipality, organiser=initiative,
                                        start=start, end=end)
    return selectors.occurrences(events, start=start, end=end)[:limit]


# --- Moderation ------------------------------------------------------------------------------


def content_fields(model):
    """The fields of an entry that its author writes, in the model's order."""
    return [field for field in model._meta.get_fields()
            if field.concrete and not field.auto_created and field.name not in NOT_CONTENT
            and not field.many_to_many]


def _shown(field, value):
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime.datetime):
        local = timezone.localtime(value)
        return f"{formats.date_format(local, 'SHORT_DATE_FORMAT')} " \
               f"{formats.time_format(local, 'TIME_FORMAT')}"
    if isinstance(field, models.FileField):
        return getattr(value, "name", value) or ""
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    return str(value)


def moderation_items(*, municipality):
    """What waits, as {"kind", "entry", "new", "rows"}: for a new proposal every filled field
    (label, value); for changes to a published entry each changed field (label, before,
    after)."""
    queue = selectors.moderation_queue(municipality=municipality)
    pending_ids = {pk for entries in queue.values() for entry in entries
                   for pk in (entry.pending_changes or {}).get("categories", [])}
    names = dict(Category.objects.filter(pk__in=pending_ids, municipality=municipality)
                 .values_list("pk", "name")) if pending_ids else {}
    items = []
    for kind, entries in (("initiative", queue["initiatives"]), ("event", queue["events"])):
        for entry in entries:
            fields = content_fields(type(entry))
            current = ", ".join(sorted(category.name for category in entry.categories.all()))
            new = entry.status == EntryStatus.PROPOSED
            rows = []
            if new:
                for field in fields:
                    value = getattr(entry, field.name)
                    if value not in (None, "", False):
                        rows.append((field.verbose_name, _shown(field, value), None))
                if current:
                    rows.append((_("categories"), current, None))
            else:
                pending = services.pending_fields(entry)
                for field in fields:
                    if field.name not in pending:
                        continue
                    before = _shown(field, getattr(entry, field.name))
                    after = _shown(field, pending[field.name])
                    if before != after:
                        rows.append((field.verbose_name, before, after))
                if "categories" in (entry.pending_changes or {}):
                    after = ", ".join(sorted(names.get(pk, "?")
                                             for pk in entry.pending_changes["categories"]))
                    if after != current:
                        rows.append((_("categories"), current, after))
            items.append({"kind": kind, "entry": entry, "new": new, "rows": rows})
    return items
