"""Spreadsheets of a panel's respondents for its managers: everyone who registered, and the
list of the selected members the organisers work with (contact and what they need to take
part). CSV with semicolons and a byte order mark, or XLSX, through gemeinsam.core.tables, so
that Excel in German opens them and no cell runs as a formula.

Personal data: only for the panel's managers (views_selection checks that). The files name
people, so they are never published; the public audit file is the pseudonymous one.
"""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from gemeinsam.core import tables

from . import selectors
from .models import SelectionState

# Numbers and phone numbers are no formulas, even when they start with + or -.
HARMLESS = r"[+\-]?[\d\s()/.\-]+"


def _columns():
    return [("last_name", _("Last name")), ("first_name", _("First name")),
            ("email", _("E-mail")), ("phone", _("Phone")), ("state", _("State")),
            ("available", _("Can attend all dates")),
            ("needs", _("What they need to take part")),
            ("form_variant", _("Form used")), ("pseudonym", _("Pseudonym")),
            ("registered", _("Registered at")), ("notified", _("Told the result at"))]


def _local_date(moment):
    return timezone.localtime(moment).date() if moment else None


def _record(respondent, features):
    answers = {feature.pk: getattr(respondent.chosen_value(feature), "name", "")
               for feature in features}
    return {
        "last_name": respondent.last_name, "first_name": respondent.first_name,
        "email": respondent.email, "phone": respondent.phone,
        "state": str(respondent.get_state_display()),
        "available": _("yes") if respondent.available else _("no"),
        "needs": respondent.needs,
        "form_variant": str(respondent.get_form_variant_display()),
        "pseudonym": respondent.pseudonym,
        "registered": _local_date(respondent.created_at),
        "notified": _local_date(respondent.notified_at),
        "answers": answers,
    }


def respondents_table(*, panel, selected_only=False):
    """(header, records) of the panel's respondents, or of its selected members only, ordered
    by name; each record holds the columns by key and `answers` by feature pk."""
    features = selectors.features_with_values(panel=panel)
    people = panel.respondents.order_by("last_name", "first_name", "pk")
    if selected_only:
        people = people.filter(state=SelectionState.SELECTED)
    columns = _columns()
    header = [label for _key, label in columns] + [feature.name for feature in features]
    keys = [key for key, _label in columns]
    rows = []
    for respondent in people:
        record = _record(respondent, features)
        rows.append([record[key] for key in keys]
                    + [record["answers"][feature.pk] for feature in features])
    return header, rows


def _csv_cell(value):
    if isinstance(value, datetime.date):
        return value.strftime("%d.%m.%Y")
    return tables.guard(value if value is not None else "", HARMLESS)


def write_csv(header, rows):
    return tables.write_csv(header, ([_csv_cell(value) for value in row] for row in rows))


def write_xlsx(header, rows, *, title):
    wide = {_("What they need to take part"), _("E-mail")}
    return tables.write_xlsx(header, rows, title=title[:31], freeze="C2",
                             widths=[36 if label in wide else 18 for label in header])
