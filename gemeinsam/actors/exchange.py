"""Reading and writing actor lists as files: CSV, vCard and XLSX. Pure parsing and formatting,
no database; the import's checks and writes are in imports.py.

The column headers and the values of kind and legal basis are part of the file format, so they
are German in every language of the interface; the import also understands English ones.
"""

import datetime
import re
from dataclasses import dataclass, field

import vobject
from django.utils.translation import gettext as _

from gemeinsam.core import tables
from gemeinsam.core.errors import ImportFailed
from gemeinsam.core.tables import DATE_FORMATS, FORMULA_START, MAX_UPLOAD_BYTES  # noqa: F401

from .models import ActorKind, LegalBasis

# Field → header of the export; the import reads these and the aliases below.
HEADERS = {
    "name": "Name",
    "kind": "Art",
    "organisation": "Organisation",
    "function": "Funktion",
    "email": "E-Mail",
    "phone": "Telefon",
    "sector": "Sektor",
    "website": "Website",
    "address": "Adresse",
    "legal_basis": "Rechtsgrundlage",
    "consent_given_on": "Einwilligung am",
    "consent_wording": "Wortlaut der Einwilligung",
    "notes": "Notizen",
}
ALIASES = {
    "name": ["fullname", "vollständigername"],
    "kind": ["kind", "typ", "type"],
    "organisation": ["organization", "org", "firma", "company"],
    "function": ["function", "position", "title", "titel"],
    "email": ["mail", "emailadresse", "emailaddress"],
    "phone": ["phone", "telephone", "tel", "telefonnummer"],
    "sector": ["sector"],
    "website": ["webseite", "homepage", "url", "web"],
    "address": ["address", "anschrift"],
    "legal_basis": ["legalbasis"],
    "consent_given_on": ["consentgivenon", "consentdate", "datumdereinwilligung"],
    "consent_wording": ["wordingoftheconsent", "consentwording"],
    "notes": ["notes", "note", "internalnotes", "internenotizen", "bemerkungen"],
}
KIND_WORDS = {"organisation": ActorKind.ORGANISATION, "organization": ActorKind.ORGANISATION,
              "org": ActorKind.ORGANISATION, "person": ActorKind.PERSON}
KIND_EXPORT = {ActorKind.ORGANISATION: "Organisation", ActorKind.PERSON: "Person"}
# Prefixes, so that the full labels ("Einwilligung (Art. 6 …)") are understood too.
LEGAL_BASIS_WORDS = {"einwilligung": LegalBasis.CONSENT, "consent": LegalBasis.CONSENT,
                     "öffentlichesamt": LegalBasis.LEGITIMATE_INTEREST,
                     "oeffentlichesamt": LegalBasis.LEGITIMATE_INTEREST,
                     "publicoffice": LegalBasis.LEGITIMATE_INTEREST,
                     "berechtigtesinteresse": LegalBasis.LEGITIMATE_INTEREST,
                     "legitimateinterest": LegalBasis.LEGITIMATE_INTEREST}
LEGAL_BASIS_EXPORT = {LegalBasis.CONSENT: "Einwilligung",
                      LegalBasis.LEGITIMATE_INTEREST: "öffentliches Amt"}
COLUMNS = {tables.key(header): name for name, header in HEADERS.items()}
COLUMNS.update({alias: name for name, aliases in ALIASES.items() for alias in aliases})


@dataclass
class Row:
    """One actor as the file describes it; `errors` are what is wrong with the row itself."""

    line: int
    kind: str = ""
    name: str = ""
    organisation: str = ""
    function: str = ""
    email: str = ""
    phone: str = ""
    sector: str = ""
    website: str = ""
    address: str = ""
    legal_basis: str = ""
    consent_given_on: datetime.date | None = None
    consent_wording: str = ""
    notes: str = ""
    errors: list = field(default_factory=list)

    @property
    def is_person(self):
        return self.kind == ActorKind.PERSON


@dataclass
class Upload:
    format: str  # "csv" or "vcard"
    rows: list
    ignored_columns: list = field(default_factory=list)


def decode(data):
    """The text of an uploaded file: UTF-8, with or without byte order mark."""
    return tables.decode(data, lambda position: ImportFailed([(None, _(
        "The file is not UTF-8 encoded. In Excel, save it as “CSV UTF-8”."))]))


def detect_format(text, filename=""):
    if filename.lower().endswith((".vcf", ".vcard")) or text.lstrip().upper().startswith(
            "BEGIN:VCARD"):
        return "vcard"
    return "csv"


def read(text, *, filename="", legal_basis="", consent_given_on=None, consent_wording=""):
    """Parse a CSV or vCard file into rows.

    The legal basis given here applies to every person whose row names none (vCards never
    do). Raises ImportFailed if the file as a whole cannot be read.
    """
    text = text.removeprefix("\ufeff")
    file_format = detect_format(text, filename)
    upload = _read_vcards(text) if file_format == "vcard" else _read_csv(text)
    if not upload.rows:
        raise ImportFailed([(None, _("The file contains no actors."))])
    for row in upload.rows:
        if row.is_person and not row.legal_basis and legal_basis:
            row.legal_basis = legal_basis
            row.consent_given_on = consent_given_on
            row.consent_wording = consent_wording
    return upload


# --- CSV -------------------------------------------------------------------------------------


def _read_csv(text):
    reader = tables.csv_reader(text)
    header = next(reader, None)
    if not header:
        raise ImportFailed([(1, _("The file is empty."))])
    columns = [COLUMNS.get(tables.key(title)) for title in header]
    if "name" not in columns:
        raise ImportFailed([(1, _("missing column: %(column)s") % {"column": HEADERS["name"]})])
    ignored = [title.strip() for title, column in zip(header, columns)
               if column is None and title.strip()]
    rows, last_line = [], reader.line_num
    for values in reader:
        # Line numbers as a text editor shows them; a quoted address may span several lines.
        line, last_line = last_line + 1, reader.line_num
        if not any(value.strip() for value in values):
            continue
        data = {}
        for column, value in zip(columns, values):
            if column and not data.get(column):
                data[column] = tables.unguard(value)
        rows.append(_row(line, data))
    return Upload("csv", rows, ignored)


def _row(line, data):
    row = Row(line=line)
    for name in ("name", "organisation", "function", "email", "phone", "sector", "website",
                 "address", "consent_wording", "notes"):
        setattr(row, name, data.get(name, ""))
    if not row.name:
        row.errors.append(_("The name is empty."))
    kind = data.get("kind", "")
    row.kind = KIND_WORDS.get(tables.key(kind), "")
    if not kind:
        row.errors.append(_("The kind is missing: write Organisation or Person."))
    elif not row.kind:
        row.errors.append(_("Unknown kind “%(value)s”: write Organisation or Person.")
                          % {"value": kind})
    basis = data.get("legal_basis", "")
    if basis:
        row.legal_basis = next((code for word, code in LEGAL_BASIS_WORDS.items()
                                if tables.key(basis).startswith(word)), "")
        if not row.legal_basis:
            row.errors.append(_("Unknown legal basis “%(value)s”: write Einwilligung or "
                                "öffentliches Amt.") % {"value": basis})
    date = data.get("consent_given_on", "")
    if date:
        row.consent_given_on = tables.parse_date(date)
        if row.consent_given_on is None:
            row.errors.append(_("“%(value)s” is not a date; write it as DD.MM.YYYY.")
                              % {"value": date})
    return row


# --- vCard -----------------------------------------------------------------------------------


def _cards(text):
    """Each card's text with the line it starts on."""
    cards, current, start = [], None, 0
    for number, line in enumerate(text.splitlines(), start=1):
        marker = line.strip().upper()
        if marker == "BEGIN:VCARD":
            current, start = [], number
        if current is not None:
            current.append(line)
            if marker == "END:VCARD":
                cards.append((start, "\r\n".join(current) + "\r\n"))
                current = None
    return cards


def _first(card, name, preferred=False):
    lines = card.contents.get(name, [])
    if preferred:
        lines = sorted(lines, key=lambda line: not any(
            "pref" in value.lower() for values in line.params.values() for value in values))
    for line in lines:
        value = line.value
        if isinstance(value, list):
            value = next((part for part in value if part.strip()), "")
        if str(value).strip():
            return str(value).strip()
    return ""


def _address(card):
    for line in card.contents.get("adr", []):
        address = line.value
        locality = " ".join(filter(None, [address.code, address.city]))
        parts = [address.box, address.extended, address.street, locality, address.region,
                 address.country]
        text = "\n".join(part.strip() if isinstance(part, str) else ", ".join(part).strip()
                         for part in parts if part)
        if text.strip():
            return text
    return ""


def _read_vcards(text):
    cards = _cards(text)
    if not cards:
        raise ImportFailed([(None, _("The file contains no vCard."))])
    rows = []
    for line, card_text in cards:
        try:
            card = vobject.readOne(card_text)
        except (vobject.base.VObjectError, ValueError) as error:
            # vobject counts lines its own way; the row's line is the card's first.
            reason = re.sub(r"^At line \d+: ", "", str(error))
            rows.append(Row(line=line, errors=[_("The vCard cannot be read: %(error)s")
                                               % {"error": reason}]))
            continue
        rows.append(_card_row(line, card))
    return Upload("vcard", rows)


def _card_row(line, card):
    organisation = _first(card, "org")
    is_organisation = (_first(card, "kind").lower() == "org"
                       or _first(card, "x-abshowas").upper() == "COMPANY")
    name = _first(card, "fn")
    if not name and "n" in card.contents:
        name_parts = card.n.value
        name = " ".join(filter(None, [name_parts.given, name_parts.family])).strip()
    row = Row(
        line=line, kind=ActorKind.ORGANISATION if is_organisation else ActorKind.PERSON,
        name=name or (organisation if is_organisation else ""),
        organisation="" if is_organisation else organisation,
        function=_first(card, "title") or _first(card, "role"),
        email=_first(card, "email", preferred=True),
        phone=re.sub(r"^tel:", "", _first(card, "tel", preferred=True), flags=re.IGNORECASE),
        website=_first(card, "url"), address=_address(card),
        notes="\n".join(note.value.strip() for note in card.contents.get("note", [])
                        if note.value.strip()),
    )
    if not row.name:
        row.errors.append(_("The vCard has no name (FN)."))
    return row


# --- Export ----------------------------------------------------------------------------------


def record_of(actor):
    """An actor as one export row, keyed by field; parent and sector should be selected."""
    return {
        "name": actor.name,
        "kind": KIND_EXPORT.get(actor.kind, actor.kind),
        "organisation": actor.parent.name if actor.parent else "",
        "function": actor.function,
        "email": actor.email,
        "phone": actor.phone,
        "sector": actor.sector.name if actor.sector else "",
        "website": actor.website,
        "address": actor.address,
        "legal_basis": LEGAL_BASIS_EXPORT.get(actor.legal_basis, ""),
        "consent_given_on": actor.consent_given_on,
        "consent_wording": actor.consent_wording,
        "notes": actor.notes,
    }


def _guard(value):
    """Keep a spreadsheet from running a value as a formula; phone numbers stay as they are."""
    return tables.guard(value, r"[+\-]?[\d\s()/.\-]+")


def write_csv(records):
    """Semicolons and a byte order mark, so that Excel in German opens it as it is."""
    return tables.write_csv(HEADERS.values(), (
        [record[name].strftime("%d.%m.%Y") if isinstance(record[name], datetime.date)
         else _guard(record[name] or "") for name in HEADERS] for record in records))


def write_xlsx(records, *, title):
    return tables.write_xlsx(
        HEADERS.values(), ([record[name] for name in HEADERS] for record in records),
        title=title[:31], freeze="A2",
        widths=[40 if name in ("address", "notes", "consent_wording") else 22
                for name in HEADERS])
