"""The published initiatives as a table: public fields only, never contact data."""

from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from gemeinsam.core import tables

from . import selectors_initiatives
from .models import Initiative

COLUMNS = ["id", "name", "categories", "description", "address", "latitude", "longitude",
           "website", "social_links", "opening_hours", "how_to_join", "languages",
           "accessibility", "image", "image_alt", "url", "updated_at"]


def _header(name):
    if name == "id":
        return "ID"
    if name == "url":
        return _("page on the Mitmachkarte")
    if name == "categories":
        return capfirst(_("categories"))
    return capfirst(Initiative._meta.get_field(name).verbose_name)


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, str):
        # Links and texts may start with "-" or "=": a spreadsheet must not run them.
        return tables.guard(value, r"$^") if value.startswith(tables.FORMULA_START) else value
    if isinstance(value, float):
        return f"{value:.6f}".rstrip("0").rstrip(".").replace(".", ",")
    return str(value)


def initiatives_csv(*, municipality, absolute):
    """CSV (semicolons, byte order mark) of the municipality's published initiatives;
    `absolute(path)` makes the page and image links absolute."""
    url_of = selectors_initiatives.url_builder("initiative")
    origin = absolute("/").rstrip("/")  # once, not once per row
    rows = []
    for row in selectors_initiatives.export_rows(municipality=municipality):
        row["url"] = origin + url_of(municipality.slug, row["id"])
        row["image"] = absolute(default_storage.url(row["image"])) if row["image"] else ""
        row["updated_at"] = timezone.localtime(row["updated_at"]).strftime("%d.%m.%Y %H:%M")
        rows.append([_cell(row[name]) for name in COLUMNS])
    return tables.write_csv([_header(name) for name in COLUMNS], rows)
