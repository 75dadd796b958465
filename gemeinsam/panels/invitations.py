"""The letters of a panel: reading the extract of the population register, drawing the
residents who get a letter, and what the serial letters need.

The extract is personal data of every resident, and the municipality may use it only to write
to those drawn. So it lives in memory for the length of one call: the rows of the people drawn
become Invitation rows, the rest is dropped, and what stays is the documentation of the draw
(counts per district, weights, method, date — no names). The uploaded file is closed (which
deletes Django's temporary file) before the call returns, whatever happens.
"""

import csv
import datetime
import io
import math
import re
import secrets
from dataclasses import dataclass
from fractions import Fraction

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from gemeinsam.core import tables
from gemeinsam.core.errors import DomainError, ImportFailed

from . import selectors, services
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
    household: str = ""


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
            "Missing column: %(column)s (needed to draw by district)") % {"column": "Stadtteil"})])

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

        def cell(field, cells=cells):
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


WEIGHT_SEPARATORS = re.compile(r"[=;:\t]")


def weight_value(value):
    """A district weight as stored (an int when whole), or None unless it is a finite number
    above zero: the weight multiplies the district's share of the letters."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        value = value.strip().replace(",", ".")
    try:
        weight = float(value)
    except (TypeError, ValueError):
        return None
    if not math.isfinite(weight) or weight <= 0:
        return None
    return int(weight) if weight.is_integer() else weight


def weights_parse(text):
    """The one reader of district weights typed by people: one district per line, the weight
    after "=" or ";" (also ":" or a tab, as copied from a spreadsheet), with a decimal comma or
    point — "Königstädten = 1,5" and "Königstädten; 1,5" both give {"Königstädten": 1.5}.
    Raises DomainError naming every line that is not of this form; "nan", "inf", zero and
    negative numbers are refused."""
    weights, problems = {}, []
    for number, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        separators = list(WEIGHT_SEPARATORS.finditer(line))
        if not separators:
            problems.append(_("Line %(line)s: write the district, then “=” or “;” and its "
                              "weight, e.g. “Königstädten = 1,5” or “Königstädten; 1,5”.")
                            % {"line": number})
            continue
        cut = separators[-1]
        name, value = " ".join(line[:cut.start()].split()), line[cut.end():].strip()
        weight = weight_value(value)
        if not name:
            problems.append(_("Line %(line)s: the district is missing before the weight.")
                            % {"line": number})
        elif weight is None:
            problems.append(_("Line %(line)s: “%(value)s” is not a weight: write a number "
                              "above 0, e.g. 1,5.") % {"line": number, "value": value})
        elif name in weights:
            problems.append(_("Line %(line)s: %(district)s has a weight already.")
                            % {"line": number, "district": name})
        else:
            weights[name] = weight
    if problems:
        raise DomainError(" ".join(problems))
    return weights


def _weights_checked(weights):
    """Weights handed to the service directly: the same rule as for typed ones."""
    checked, bad = {}, []
    for district, value in (weights or {}).items():
        weight = weight_value(value)
        if weight is None:
            bad.append(str(district))
        else:
            checked[str(district)] = weight
    if bad:
        raise DomainError(_("Weights must be numbers above 0: %(districts)s")
                          % {"districts": ", ".join(bad)})
    return checked


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


# --- The waves of letters --------------------------------------------------------------------

# The documentation of round 1 held a single draw at the top level of invitation_report; it is
# read as wave 1 and moved into "waves" when the next wave is drawn.


def _stored_waves(report):
    """The stored documentation of every wave (JSON as stored), oldest first."""
    return [dict(wave) for wave in (report or {}).get("waves", [])]


def _moment(value):
    if not value:
        return None
    moment = datetime.datetime.fromisoformat(value)
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


def waves(panel):
    """The documentation of every wave of letters of the panel, oldest first; [] before the
    first draw. It stays after the personal data are erased. Each wave is a dict with:

    - "wave": 1 for the first letters, 2 for a further draw, ...
    - "drawn_at": when it was drawn (aware datetime)
    - "method": an InvitationMethod value; "weights": {district: weight} used ({} if uniform)
    - "rows_read": rows of the register extract; "rows_excluded": rows skipped because their
      household had a letter of this panel already (0 for the first wave)
    - "letters": letters drawn in this wave
    - "districts": [{"name", "residents" (rows that could be drawn), "excluded", "weight" (None
      if uniform), "letters"}], sorted by name, the rows without a district last
    - "addresses_erased_at": when the names and addresses were erased (datetime or None)

    The dicts are copies; the page and panel_detail read the documentation only through here.
    """
    result = []
    for number, stored in enumerate(_stored_waves(panel.invitation_report), start=1):
        method = stored.get("method", InvitationMethod.UNIFORM)
        districts = [{"name": row.get("name", ""), "residents": row.get("residents", 0),
                      "excluded": row.get("excluded", 0), "weight": row.get("weight"),
                      "letters": row.get("letters", 0)}
                     for row in stored.get("districts", [])]
        weights = stored.get("weights") or {}
        result.append({
            "wave": stored.get("wave", number),
            "drawn_at": _moment(stored.get("drawn_at")),
            "method": method,
            "weights": dict(weights),
            "rows_read": stored.get("rows_read", 0),
            "rows_excluded": stored.get("rows_excluded", 0),
            "letters": stored.get("letters", 0),
            "districts": districts,
            "addresses_erased_at": _moment(stored.get("addresses_erased_at")),
        })
    return result


def waves_drawn(panel):
    """How many waves of letters the panel has (letters made without documentation, as in
    tests and old data, count by their wave number)."""
    documented = len(_stored_waves(panel.invitation_report))
    highest = panel.invitations.aggregate(highest=Max("wave"))["highest"] or 0
    return max(documented, highest)


def wave_refusal(panel, wave):
    """Why wave `wave` of letters cannot be drawn now (a message), or None if it can: the
    personal data must not be erased, the waves before it must be drawn and it not yet; a
    further wave only before a lottery is computed (a computed lottery fixes its pool) and
    while the registration deadline lies ahead (the letter prints it)."""
    if panel.erased_at:
        return _("The personal data of this panel have been erased.")
    drawn = waves_drawn(panel)
    if wave <= drawn:
        return _("Wave %(wave)s of the letters has already been drawn.") % {"wave": wave}
    if wave > drawn + 1:
        return _("Draw wave %(wave)s of the letters first.") % {"wave": drawn + 1}
    if wave > 1 and selectors.lottery_computed(panel=panel):
        return _("A lottery has been computed for this panel: residents written to now could "
                 "not take part in it. Cancel the lottery first if more letters are needed.")
    if wave > 1 and panel.registration_deadline < timezone.localdate():
        return _("The registration deadline has passed. Move it later before writing to more "
                 "residents, so that the new letters give them time to answer.")
    return None


def invitations_draw(*, panel, register_file, count=None, method=None, weights=None, wave=1,
                     progress=None):
    """Draw `count` (default: the letters planned) residents from the register extract and
    create their letters with a new registration code each, as wave `wave` of the panel's
    letters (1 = the first letters; a further wave when too few answered must be the next
    number, which also refuses a form sent twice).

    `method` is uniform or by district (default: the panel's); `weights` map districts to a
    weight (default: the panel's), districts without one count 1; both become the panel's.
    From wave 2 on, every row whose household already received a letter of this panel is
    left out. Returns the documentation of the wave as stored (see `waves`). Raises
    ImportFailed for bad rows and DomainError when the draw is not possible; in both cases
    nothing is created.
    """
    data = _bytes_of(register_file)
    method = method or panel.invitation_method
    if method not in InvitationMethod.values:
        raise DomainError(_("Unknown method: %(method)s") % {"method": method})
    weights = _weights_checked(panel.district_weights if weights is None else weights)
    if method == InvitationMethod.UNIFORM:
        weights = {}
    count = panel.letters_planned if count is None else count
    refusal = wave_refusal(panel, wave)
    if refusal:
        raise DomainError(refusal)
    if count < 1:
        raise DomainError(_("At least one letter must be drawn."))
    if len(data) > MAX_REGISTER_BYTES:
        raise DomainError(_("The file is larger than %(size)s MB.")
                          % {"size": MAX_REGISTER_BYTES // (1024 * 1024)})

    residents, encoding = register_read(data, need_district=method == InvitationMethod.BY_DISTRICT)
    del data
    if progress:
        progress(1, 3)
    written_to = set(panel.invitations.exclude(household="").values_list("household",
                                                                          flat=True))
    rows_read, excluded, eligible = len(residents), {}, []
    for resident in residents:
        resident.household = services.household_key(panel=panel, street=resident.street,
                                                     postcode=resident.postcode)
        if resident.household and resident.household in written_to:
            excluded[resident.district] = excluded.get(resident.district, 0) + 1
        else:
            eligible.append(resident)
    districts = {resident.district for resident in residents}
    del residents
    if count > len(eligible):
        if excluded:
            raise DomainError(_(
                "The extract holds %(residents)s residents whose household has not had a "
                "letter yet; %(count)s letters cannot be drawn from it.")
                % {"residents": len(eligible), "count": count})
        raise DomainError(_("The extract holds %(residents)s residents; %(count)s letters "
                            "cannot be drawn from it.") % {"residents": len(eligible),
                                                           "count": count})
    by_district = {district: [] for district in districts}
    for resident in eligible:
        by_district[resident.district].append(resident)
    sizes = {district: len(people) for district, people in by_district.items()}
    unknown = sorted(set(weights) - districts)
    if unknown:
        raise DomainError(_("These districts have a weight but do not appear in the extract: "
                            "%(districts)s") % {"districts": ", ".join(unknown)})

    random = secrets.SystemRandom()
    if method == InvitationMethod.BY_DISTRICT:
        allocation = letters_allocate(sizes=sizes, weights=weights, count=count)
        drawn = [resident for district, people in by_district.items()
                 for resident in random.sample(people, allocation[district])]
    else:
        drawn = random.sample(eligible, count)
        allocation = dict.fromkeys(sizes, 0)
        for resident in drawn:
            allocation[resident.district] += 1
    del eligible, by_district
    if progress:
        progress(2, 3)

    documentation = {
        "wave": wave,
        "drawn_at": timezone.now().isoformat(timespec="seconds"),
        "method": method,
        "weights": weights,
        "rows_read": rows_read,
        "rows_excluded": sum(excluded.values()),
        "letters": len(drawn),
        "encoding": encoding,
        "districts": [{"name": district, "residents": sizes[district],
                       "excluded": excluded.get(district, 0),
                       "weight": weights.get(district, 1) if method != "uniform" else None,
                       "letters": allocation[district]}
                      for district in sorted(sizes, key=lambda d: (d == "", d.casefold()))],
    }
    with transaction.atomic():
        locked = Panel.objects.select_for_update().get(pk=panel.pk)
        refusal = wave_refusal(locked, wave)
        if refusal:
            raise DomainError(refusal)
        codes = _unique_codes(len(drawn))
        letters = []
        for resident, code in zip(drawn, codes):
            letter = Invitation(
                panel=locked, code=code, wave=wave, salutation=resident.salutation,
                first_name=resident.first_name, last_name=resident.last_name,
                street=resident.street, postcode=resident.postcode, city=resident.city,
                district=resident.district, household=resident.household)
            letter.full_clean(exclude=["panel", "code"], validate_unique=False)
            letters.append(letter)
        Invitation.objects.bulk_create(letters, batch_size=500)
        report = dict(locked.invitation_report)
        report["waves"] = _stored_waves(locked.invitation_report) + [documentation]
        # The method and weights used become the panel's (and are locked from now on).
        Panel.objects.filter(pk=panel.pk).update(
            invitation_report=report, invitation_method=method,
            district_weights=weights if method == InvitationMethod.BY_DISTRICT
            else locked.district_weights,
            version=locked.version + 1)
    panel.refresh_from_db()
    if progress:
        progress(3, 3)
    return documentation


# --- After the draw --------------------------------------------------------------------------


def letters_of(*, panel, wave=None):
    """The letters in print order (by district, then by name), of one wave or all."""
    letters = panel.invitations.all() if wave is None else panel.invitations.filter(wave=wave)
    return letters.order_by("district", "last_name", "first_name", "pk")


def newest_wave(panel):
    """The number of the panel's newest wave of letters, or None before the first."""
    return waves_drawn(panel) or None


def waves_with_addresses(panel):
    """The numbers of the waves whose letters still have names and addresses to print."""
    return set(panel.invitations.exclude(last_name="").order_by().values_list("wave", flat=True)
               .distinct())


def addresses_present(*, panel, wave=None):
    """Whether the names and addresses are still there to print letters (of one wave)."""
    return letters_of(panel=panel, wave=wave).exclude(last_name="").exists()


def letters_addresses_erase(*, panel):
    """Forget names and addresses once the letters are sent (see
    services.invitation_addresses_erase) and note when in the documentation of each wave
    whose addresses were still there."""
    with transaction.atomic():
        locked = Panel.objects.select_for_update().get(pk=panel.pk)
        present = waves_with_addresses(locked)
        erased = locked.invitations.exclude(last_name="").count()
        services.invitation_addresses_erase(panel=locked)
        now = timezone.now().isoformat(timespec="seconds")
        report = dict(locked.invitation_report)
        stored = _stored_waves(locked.invitation_report)
        for wave in stored:
            if wave.get("wave") in present and not wave.get("addresses_erased_at"):
                wave["addresses_erased_at"] = now
        if stored:
            report["waves"] = stored
        report["addresses_erased_at"] = now
        Panel.objects.filter(pk=panel.pk).update(invitation_report=report)
    panel.refresh_from_db()
    return erased
