"""The letters of a panel: reading the extract of the population register, drawing the
residents who get a letter, and what the serial letters need.

The extract is personal data of every resident, and the municipality may use it only to write
to those drawn. So it lives in memory for the length of one call: the rows of the people drawn
become Invitation rows, the rest is dropped, and what stays is the documentation of the draw
(counts per district, weights, method, date — no names). The uploaded file is closed (which
deletes Django's temporary file) before the call returns, whatever happens.
"""

import csv
import io
import math
import re
import secrets
from dataclasses import dataclass
from fractions import Fraction

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gemeinsam.core import tables
from gemeinsam.core.errors import DomainError, ImportFailed

from . import services
from .models import Invitation, InvitationMethod, Panel, new_registration_code

# Register extracts of a large town run to a few MB; anything far above is not an extract.
MAX_REGISTER_BYTES = 20 * 1024 * 1024

# Field → the header names understood (compared after tables.key: no case, blanks, punctuation;
# note that casefold turns ß into ss).
HEADER_ALIASES = {
    "salutation": ["Anrede", "Briefanrede", "Salutation", "Title", "Titel"],
    "first_name": ["Vorname", "Vornamen", "Rufname", "First name", "Firstname", "Given name",
                   "Forename"],
    "last_name": ["Nachname", "Familienname", "Name", "Last name", "Lastname", "Surname",
                  "Family name"],
    "address": ["Straße und Hausnummer", "Straße Hausnummer", "Straße mit Hausnummer",
                "Anschrift", "Adresse", "Wohnanschrift", "Address", "Street address",
                "Street and number", "Address line"],
    "street": ["Straße", "Strasse", "Str", "Straßenname", "Street", "Street name"],
    "house_number": ["Hausnummer", "Hausnr", "Haus-Nr.", "Nr", "Nummer", "House number",
                     "Housenumber", "Number", "No"],
    "house_number_suffix": ["Hausnummerzusatz", "Zusatz", "Adresszusatz", "Suffix",
                            "House number suffix"],
    "postcode": ["PLZ", "Postleitzahl", "Postcode", "Post code", "Postal code", "ZIP",
                 "ZIP code"],
    "city": ["Ort", "Wohnort", "Stadt", "Gemeinde", "City", "Town", "Place"],
    "district": ["Ortsteil", "Stadtteil", "Bezirk", "Stadtbezirk", "Ortsbezirk", "Wohnbezirk",
                 "District", "Quarter", "Neighbourhood", "Neighborhood"],
}
COLUMNS = {tables.key(alias): field
           for field, aliases in HEADER_ALIASES.items() for alias in aliases}
FIELD_LIMITS = {field.name: field.max_length for field in Invitation._meta.get_fields()
                if getattr(field, "max_length", None)}
POSTCODE = re.compile(r"\d{5}")


@dataclass
class Resident:
    """One row of the extract, as far as the letter needs it."""

    line: int
    salutation: str
    first_name: str
    last_name: str
    street: str
    postcode: str
    city: str
    district: str


# --- Reading the extract ---------------------------------------------------------------------


def _bytes_of(register_file):
    """The content of bytes, a str or an (uploaded) file; the file is closed afterwards, which
    deletes a TemporaryUploadedFile from the disk."""
    if isinstance(register_file, bytes):
        return register_file
    if isinstance(register_file, str):
        return register_file.encode("utf-8")
    try:
        if hasattr(register_file, "seek"):
            register_file.seek(0)
        data = register_file.read()
    finally:
        close = getattr(register_file, "close", None)
        if close:
            close()
    return data.encode("utf-8") if isinstance(data, str) else data


def register_decode(data):
    """The text of the extract and the encoding it was in: UTF-8 (with or without byte order
    mark) or, as older register software writes it, Windows-1252."""
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as error:
        raise ImportFailed([(None, _(
            "The file is neither UTF-8 nor Windows-1252 encoded (byte %(position)s). Save it "
            "as CSV UTF-8.") % {"position": error.start + 1})]) from None


def _columns(header):
    """Field → column index, and the problems with the header (a list of reasons)."""
    columns, problems = {}, []
    for index, title in enumerate(header):
        field = COLUMNS.get(tables.key(title))
        if field is None:
            continue
        if field in columns:
            problems.append(_("The column %(column)s appears twice.") % {"column": title.strip()})
            continue
        columns[field] = index
    required = [("last_name", "Nachname"), ("first_name", "Vorname"), ("postcode", "PLZ"),
                ("city", "Ort")]
    if "address" not in columns and "street" not in columns:
        required.append(("street", "Straße"))
    for field, name in required:
        if field not in columns:
            problems.append(_("Missing column: %(column)s") % {"column": name})
    return columns, problems


def register_read(data, *, need_district=False):
    """The residents in the extract (bytes) and the encoding; raises ImportFailed with every bad
    row (line number, reason), so that a draw happens only from a clean file."""
    text, encoding = register_decode(data)
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise ImportFailed([(1, _("The file is empty."))])
    reader = csv.reader(io.StringIO(text, newline=""),
                        delimiter=tables.delimiter(text.split("\n", 1)[0]))
    try:
        header = next(reader)
    except csv.Error as error:
        raise ImportFailed([(1, str(error))]) from None
    columns, problems = _columns(header)
    if problems:
        raise ImportFailed([(1, reason) for reason in problems])
    if need_district and "district" not in columns:
        raise ImportFailed([(1, _(
            "Missing column: %(column)s (needed to draw by district)") % {"column": "Ortsteil"})])

    residents, errors, line = [], [], 1
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            errors.append((start, _("The line cannot be read: %(error)s") % {"error": error}))
            break
        line = start
        if not any(cell.strip() for cell in cells):
            continue  # blank lines, e.g. at the end
        row_errors = []
        if len(cells) > len(header) and any(cell.strip() for cell in cells[len(header):]):
            row_errors.append(_("The line has %(cells)s cells, the header %(columns)s "
                                "columns.") % {"cells": len(cells), "columns": len(header)})

        def cell(field):
            index = columns.get(field)
            return " ".join(cells[index].split()) if index is not None and index < len(cells) \
                else ""

        street = cell("address") or " ".join(
            part for part in (cell("street"), cell("house_number") + cell("house_number_suffix"))
            if part)
        resident = Resident(line=line, salutation=cell("salutation"),
                            first_name=cell("first_name"), last_name=cell("last_name"),
                            street=street, postcode=cell("postcode"), city=cell("city"),
                            district=cell("district"))
        for field, name in [("last_name", _("last name")), ("first_name", _("first name")),
                            ("street", _("street and number")), ("postcode", _("postcode")),
                            ("city", _("city"))]:
            if not getattr(resident, field):
                row_errors.append(_("%(field)s is missing.") % {"field": name})
        if need_district and not resident.district:
            row_errors.append(_("The district is missing (needed to draw by district)."))
        if resident.postcode and not POSTCODE.fullmatch(resident.postcode):
            row_errors.append(_("The postcode %(postcode)s does not have five digits.")
                              % {"postcode": resident.postcode})
        for field, limit in FIELD_LIMITS.items():
            value = getattr(resident, field, None)
            if isinstance(value, str) and len(value) > limit:
                row_errors.append(_("%(field)s is longer than %(limit)s characters.") % {
                    "field": Invitation._meta.get_field(field).verbose_name, "limit": limit})
        if row_errors:
            errors.append((line, " ".join(str(reason) for reason in row_errors)))
        else:
            residents.append(resident)
    if errors:
        raise ImportFailed(errors)
    if not residents:
        raise ImportFailed([(None, _("The file contains no residents."))])
    return residents, encoding


# --- Drawing ---------------------------------------------------------------------------------


def weights_parse(text):
    """District weights written one per line, "Ortsteil = 1,5" → {"Ortsteil": 1.5}; raises
    DomainError naming every line that is not of this form."""
    weights, problems = {}, []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        name, sep, value = line.rpartition("=")
        name = " ".join(name.split())
        try:
            weight = float(value.strip().replace(",", "."))
        except ValueError:
            weight = None
        if not sep or not name or weight is None or not math.isfinite(weight) or weight <= 0:
            problems.append(_("Line %(line)s: write “district = weight” with a positive number, "
                              "e.g. “Königstädten = 1,5”.") % {"line": number})
        elif name in weights:
            problems.append(_("Line %(line)s: %(district)s has a weight already.")
                            % {"line": number, "district": name})
        else:
            weights[name] = int(weight) if weight.is_integer() else weight
    if problems:
        raise DomainError(" ".join(problems))
    return weights


def letters_allocate(*, sizes, weights, count):
    """How many letters go to each district: proportional to residents × weight, by largest
    remainder, and never more than a district has residents (what a full district cannot
    take is shared among the others in the same proportion). Ties of the remainders go to the
    larger district, then by name, so the documentation can be recomputed."""
    if count > sum(sizes.values()):
        raise DomainError(_("The extract holds %(residents)s residents; %(count)s letters "
                            "cannot be drawn from it.") % {"residents": sum(sizes.values()),
                                                           "count": count})
    weight = {d: Fraction(str(weights.get(d, 1))) for d in sizes}
    allocation, open_districts, left = {}, {d for d, size in sizes.items() if size}, count
    while True:
        total = sum(weight[d] * sizes[d] for d in open_districts)
        ideal = {d: left * weight[d] * sizes[d] / total for d in open_districts} if total else {}
        full = {d for d, share in ideal.items() if share >= sizes[d]}
        if not full:
            break
        for district in full:
            allocation[district] = sizes[district]
            left -= sizes[district]
        open_districts -= full
    for district, share in ideal.items():
        allocation[district] = math.floor(share)
    rest = left - sum(allocation[d] for d in ideal)
    by_remainder = sorted(ideal, key=lambda d: (-(ideal[d] - math.floor(ideal[d])), -sizes[d],
                                                d))
    for district in by_remainder[:rest]:
        allocation[district] += 1
    return {district: allocation.get(district, 0) for district in sizes}


def _unique_codes(count):
    codes = set()
    while len(codes) < count:
        wanted = count - len(codes)
        fresh = {new_registration_code() for _ in range(wanted)} - codes
        taken = set(Invitation.objects.filter(code__in=fresh).values_list("code", flat=True))
        codes |= fresh - taken
    return list(codes)


def _check_open(panel):
    if panel.erased_at:
        raise DomainError(_("The personal data of this panel have been erased."))
    if panel.invitation_report or panel.invitations.exists():
        raise DomainError(_("The letters of this panel have already been drawn. A second draw "
                            "is not possible: it would give some residents two chances."))


def invitations_draw(*, panel, register_file, count=None, method=None, weights=None,
                     progress=None):
    """Draw `count` (default: the letters planned) residents from the register extract and
    create their letters with a registration code each.

    `method` is uniform or by district (default: the panel's); `weights` map districts to a
    weight (default: the panel's), districts without one count 1. Returns the documentation
    stored in panel.invitation_report. Raises ImportFailed for bad rows and DomainError when
    the draw is not possible; in both cases nothing is created.
    """
    data = _bytes_of(register_file)
    method = method or panel.invitation_method
    if method not in InvitationMethod.values:
        raise DomainError(_("Unknown method: %(method)s") % {"method": method})
    weights = dict(panel.district_weights if weights is None else weights)
    if method == InvitationMethod.UNIFORM:
        weights = {}
    count = panel.letters_planned if count is None else count
    _check_open(panel)
    if count < 1:
        raise DomainError(_("At least one letter must be drawn."))
    if len(data) > MAX_REGISTER_BYTES:
        raise DomainError(_("The file is larger than %(size)s MB.")
                          % {"size": MAX_REGISTER_BYTES // (1024 * 1024)})

    residents, encoding = register_read(data, need_district=method == InvitationMethod.BY_DISTRICT)
    del data
    if progress:
        progress(1, 3)
    if count > len(residents):
        raise DomainError(_("The extract holds %(residents)s residents; %(count)s letters "
                            "cannot be drawn from it.") % {"residents": len(residents),
                                                           "count": count})
    by_district = {}
    for resident in residents:
        by_district.setdefault(resident.district, []).append(resident)
    sizes = {district: len(people) for district, people in by_district.items()}
    unknown = sorted(set(weights) - set(sizes))
    if unknown:
        raise DomainError(_("These districts have a weight but do not appear in the extract: "
                            "%(districts)s") % {"districts": ", ".join(unknown)})

    random = secrets.SystemRandom()
    if method == InvitationMethod.BY_DISTRICT:
        allocation = letters_allocate(sizes=sizes, weights=weights, count=count)
        drawn = [resident for district, people in by_district.items()
                 for resident in random.sample(people, allocation[district])]
    else:
        drawn = random.sample(residents, count)
        allocation = {district: 0 for district in sizes}
        for resident in drawn:
            allocation[resident.district] += 1
    del residents, by_district
    if progress:
        progress(2, 3)

    report = {
        "drawn_at": timezone.now().isoformat(timespec="seconds"),
        "method": method,
        "rows_read": sum(sizes.values()),
        "letters": len(drawn),
        "encoding": encoding,
        "districts": [{"name": district, "residents": sizes[district],
                       "weight": weights.get(district, 1) if method != "uniform" else None,
                       "letters": allocation[district]}
                      for district in sorted(sizes, key=lambda d: (d == "", d.casefold()))],
    }
    with transaction.atomic():
        locked = Panel.objects.select_for_update().get(pk=panel.pk)
        _check_open(locked)
        codes = _unique_codes(len(drawn))
        letters = []
        for resident, code in zip(drawn, codes):
            letter = Invitation(
                panel=locked, code=code, salutation=resident.salutation,
                first_name=resident.first_name, last_name=resident.last_name,
                street=resident.street, postcode=resident.postcode, city=resident.city,
                district=resident.district,
                household=services.household_key(panel=locked, street=resident.street,
                                                  postcode=resident.postcode))
            letter.full_clean(exclude=["panel", "code"], validate_unique=False)
            letters.append(letter)
        Invitation.objects.bulk_create(letters, batch_size=500)
        # The method and weights used become the panel's (and are locked from now on).
        Panel.objects.filter(pk=panel.pk).update(
            invitation_report=report, invitation_method=method,
            district_weights=weights if method == InvitationMethod.BY_DISTRICT
            else locked.district_weights,
            version=locked.version + 1)
    panel.refresh_from_db()
    if progress:
        progress(3, 3)
    return report


# --- After the draw --------------------------------------------------------------------------


def letters_of(*, panel):
    """The letters in print order: by district, then by name."""
    return panel.invitations.order_by("district", "last_name", "first_name", "pk")


def addresses_present(*, panel):
    """Whether the names and addresses are still there to print letters."""
    return panel.invitations.exclude(last_name="").exists()


def letters_addresses_erase(*, panel):
    """Forget names and addresses once the letters are sent (see
    services.invitation_addresses_erase) and note when in the documentation."""
    with transaction.atomic():
        erased = services.invitation_addresses_erase(panel=panel)
        locked = Panel.objects.select_for_update().get(pk=panel.pk)
        report = dict(locked.invitation_report)
        report["addresses_erased_at"] = timezone.now().isoformat(timespec="seconds")
        Panel.objects.filter(pk=panel.pk).update(invitation_report=report)
    panel.refresh_from_db()
    return erased
