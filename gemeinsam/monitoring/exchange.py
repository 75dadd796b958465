"""Reading and writing a municipality's action plan as files: CSV, XLSX and JSON (our own export
and LocalZero Monitoring's task tree). Pure parsing and formatting, no database; the import's
checks and writes are in imports.py. The format is documented in docs/plan-import.md.

The column headers and the words for status, source and yes/no are part of the file format, so
they are German in every language of the interface; the import also understands the English
headers and the status and source codes.

Every problem has a place: (line, column, reason). The line is the line of a CSV file, the row of
a workbook or the path of an object in a JSON file ("measures[0].children[2]"); the column is the
header as the file writes it, or the JSON key.
"""

import csv
import datetime
import io
import json
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import partial

from django.utils.translation import gettext as _
from openpyxl import load_workbook

from gemeinsam.core import tables
from gemeinsam.core.errors import ImportFailed
from gemeinsam.core.tables import DATE_FORMATS, FORMULA_START, MAX_UPLOAD_BYTES  # noqa: F401

from .models import Source, Status, Voice

JSON_FORMAT = "gemeinsam.action-plan"
JSON_VERSION = 1

# Field → header of the export, in the order of the columns; the import reads these and the
# aliases below, in any order.
HEADERS = {
    "code": "Code",
    "parent": "Übergeordnet",
    "field": "Handlungsfeld",
    "title": "Titel",
    "teaser": "Kurzbeschreibung",
    "description": "Beschreibung",
    "department": "Organisationseinheit",
    "position": "Position",
    "status": "Status",
    "progress": "Fortschritt",
    "weight": "Gewicht",
    "planned_start": "Geplanter Beginn",
    "planned_end": "Geplanter Abschluss",
    "actual_start": "Tatsächlicher Beginn",
    "actual_end": "Tatsächlicher Abschluss",
    "cost": "Kosten",
    "funding_amount": "Fördersumme",
    "funding_programme": "Förderprogramm",
    "priority": "Priorität",
    "focus_criteria": "Fokuskriterien",
    "source": "Quelle",
    "tags": "Schlagworte",
    "model_measure": "Mustermaßnahme",
    "administration_statement": "Stellungnahme Verwaltung",
    "team_assessment": "Einschätzung Team",
    "published": "Veröffentlicht",
}
ALIASES = {
    "code": ["number", "nr", "nummer", "maßnahmennummer"],
    "parent": ["parent", "parent code", "part of", "teil von", "übergeordneter Code"],
    "field": ["field of action", "field", "sector", "Sektor"],
    "title": ["title", "Maßnahme", "measure"],
    "teaser": ["teaser", "summary", "short description", "Kurztext"],
    "description": ["description"],
    "department": ["department", "responsible department", "Amt", "Fachbereich",
                   "zuständige Organisationseinheit"],
    "position": ["position", "responsible position", "Stelle", "zuständige Stelle"],
    "status": ["Umsetzungsstand"],
    "progress": ["progress", "completion", "completion in percent", "Fortschritt in Prozent"],
    "weight": ["weight"],
    "planned_start": ["planned start", "geplanter Start"],
    "planned_end": ["planned completion", "planned end", "geplantes Ende"],
    "actual_start": ["actual start", "tatsächlicher Start"],
    "actual_end": ["actual completion", "actual end", "tatsächliches Ende"],
    "cost": ["cost", "costs", "cost in euros", "Kosten in Euro"],
    "funding_amount": ["funding", "funding amount", "funding in euros", "Förderung"],
    "funding_programme": ["funding programme", "funding program"],
    "priority": ["priority", "Prio"],
    "focus_criteria": ["focus criteria"],
    "source": ["source", "Herkunft"],
    "tags": ["tags", "Schlagwörter", "Stichworte"],
    "model_measure": ["model measure", "GermanZero model measure"],
    "administration_statement": ["administration statement",
                                 "statement of the administration",
                                 "Stellungnahme der Verwaltung"],
    "team_assessment": ["team assessment", "assessment of the local team",
                        "Einschätzung des Teams"],
    "published": ["published", "öffentlich"],
}
STATUS_EXPORT = {
    Status.UNKNOWN: "unbekannt",
    Status.PLANNED: "geplant",
    Status.PREPARATION: "in Vorbereitung",
    Status.IN_PROGRESS: "in Umsetzung",
    Status.COMPLETED: "abgeschlossen",
    Status.DELAYED: "verzögert",
    Status.FAILED: "gescheitert",
    Status.ABANDONED: "aufgegeben",
}
STATUS_ALIASES = {
    Status.UNKNOWN: ["unknown"],
    Status.PLANNED: ["planned"],
    Status.PREPARATION: ["in preparation", "Vorbereitung"],
    Status.IN_PROGRESS: ["in progress", "in Arbeit", "läuft"],
    Status.COMPLETED: ["completed", "umgesetzt", "erledigt"],
    Status.DELAYED: ["delayed", "verzögert / fehlt"],
    Status.FAILED: ["failed", "fehlgeschlagen"],
    Status.ABANDONED: ["abandoned", "verworfen", "eingestellt"],
}
SOURCE_EXPORT = {
    Source.ACTION_PLAN: "Aktionsplan",
    Source.COUNCIL: "Ratsbeschluss",
    Source.TEAM: "Vorschlag des Teams",
    Source.WORKSHOP: "Workshop",
}
SOURCE_ALIASES = {
    Source.ACTION_PLAN: ["action plan", "Klimaaktionsplan", "KAP"],
    Source.COUNCIL: ["council decision", "council", "Rat"],
    Source.TEAM: ["team proposal", "team", "Vorschlag", "Lokalteam"],
    Source.WORKSHOP: ["workshop"],
}
YES, NO = ("ja", "yes", "true", "wahr", "x", "1", "j", "y"), ("nein", "no", "false", "falsch",
                                                               "0", "n", "")
# LocalZero Monitoring's Task.execution_status and Task.source.
LOCALZERO_STATUS = {0: Status.UNKNOWN, 2: Status.IN_PROGRESS, 4: Status.COMPLETED,
                    6: Status.DELAYED, 8: Status.FAILED}
LOCALZERO_SOURCE = {0: Source.ACTION_PLAN, 1: Source.TEAM}
# Where each of our fields comes from in a LocalZero task, to name the column of a problem.
LOCALZERO_KEYS = {"code": "code", "parent": "children", "field": "title", "title": "title",
                  "teaser": "teaser", "description": "description",
                  "planned_start": "planned_start", "planned_end": "planned_completion",
                  "actual_start": "actual_start", "actual_end": "actual_completion",
                  "status": "execution_status", "progress": "execution_completion",
                  "team_assessment": "plan_assessment", "published": "draft_mode",
                  "source": "source"}
PLAN_KEYS = ["title", "adopted_on", "target_year", "source_url", "introduction"]
REPORT_KEYS = ["voice", "reported_on", "status", "progress", "text", "evidence", "agreed"]
BLOCKER_KEYS = ["description", "since", "help_wanted", "resolved_on"]
INDICATOR_KEYS = ["name", "unit", "source", "measure", "baseline_year", "baseline_value",
                  "target_value", "published"]
DATE_FIELDS = ["planned_start", "planned_end", "actual_start", "actual_end"]
COLUMNS = {tables.key(header): name for name, header in HEADERS.items()}
COLUMNS.update({tables.key(alias): name for name, aliases in ALIASES.items() for alias in aliases})
STATUS_WORDS = {tables.key(word): code for code, word in STATUS_EXPORT.items()}
STATUS_WORDS.update({tables.key(code): code for code in Status.values})
STATUS_WORDS.update({tables.key(word): code for code, words in STATUS_ALIASES.items()
                     for word in words})
SOURCE_WORDS = {tables.key(word): code for code, word in SOURCE_EXPORT.items()}
SOURCE_WORDS.update({tables.key(code): code for code in Source.values})
SOURCE_WORDS.update({tables.key(word): code for code, words in SOURCE_ALIASES.items()
                     for word in words})


class ImportProblems(ImportFailed):
    """An ImportFailed that knows the column of each problem.

    `problems` lists (line, column, reason); `errors` has the same as (line, "column: reason")
    for everything that only knows ImportFailed.
    """

    def __init__(self, problems):
        problems = list(problems)
        super().__init__([(line, f"{column}: {reason}" if column else reason)
                          for line, column, reason in problems])
        self.problems = problems


def place(line):
    """“Line 3” for a line number; a JSON path as it is."""
    return _("Line %(line)s") % {"line": line} if isinstance(line, int) else str(line)


def describe(line, column, reason):
    """A problem as one sentence, for a form's error list."""
    if line is None:
        return f"{column}: {reason}" if column else reason
    where = place(line)
    if column:
        where = _("%(where)s, column %(column)s") % {"where": where, "column": column}
    return f"{where}: {reason}"


@dataclass
class Row:
    """One measure as the file describes it.

    `values` holds only what the file gives, parsed; on an existing measure only those fields
    change. `errors` are what is wrong with the row itself, as (column, reason).
    """

    line: object  # a line number, or the path of the object in a JSON file
    values: dict = field(default_factory=dict)
    columns: dict = field(default_factory=dict)  # field → its column's name in the file
    reports: list = field(default_factory=list)  # progress reports, from our JSON only
    blockers: list = field(default_factory=list)  # blockers, from our JSON only
    errors: list = field(default_factory=list)

    def column(self, name):
        return self.columns.get(name) or HEADERS.get(name, name)

    def error(self, name, reason):
        self.errors.append((self.column(name), reason))

    @property
    def code(self):
        return self.values.get("code", "")

    @property
    def parent(self):
        return self.values.get("parent", "")

    @property
    def field_name(self):
        return self.values.get("field", "")

    @property
    def title(self):
        return self.values.get("title", "")

    @property
    def progress(self):
        return self.values.get("progress")

    @property
    def status_label(self):
        status = self.values.get("status")
        return Status(status).label if status else ""


@dataclass
class Upload:
    format: str  # "csv", "xlsx", "json" (ours) or "localzero"
    rows: list
    # The plan's own fields, from our JSON; with the key "indicators" the plan's indicators
    # (see _indicators), so that they travel to the import wherever the plan's fields go.
    plan: dict = field(default_factory=dict)
    fields: list = field(default_factory=list)  # names of the fields of action, in order
    problems: list = field(default_factory=list)  # (line, column, reason) outside the rows
    ignored_columns: list = field(default_factory=list)
    notices: list = field(default_factory=list)  # (line, column, text): what is left out


# --- Values ----------------------------------------------------------------------------------


def _text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.strftime("%d.%m.%Y")
    # NUL bytes are no text: PostgreSQL refuses them.
    return str(value).replace("\x00", "").strip()


def _integer(value, *, low, high, empty=None):
    if value is None or (isinstance(value, str) and not value.strip()):
        return empty
    if isinstance(value, bool):
        value = str(value)  # not a number, though Python counts it as one
    if isinstance(value, float | Decimal | int):
        number = value
    else:
        text = value.strip().removesuffix("%").strip().replace(",", ".")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValueError(_("“%(value)s” is not a whole number.") % {"value": value}) from None
    try:
        whole = int(number)
    except (ValueError, OverflowError):  # NaN and infinity
        whole = None
    if whole is None or whole != number:
        raise ValueError(_("“%(value)s” is not a whole number.") % {"value": value})
    number = whole
    if not low <= number <= high:
        raise ValueError(_("%(value)s lies outside %(low)s to %(high)s.")
                         % {"value": number, "low": low, "high": high})
    return number


def _amount(value):
    """An amount in euros: 12.500,50 or 12500.50, from a cell, a text or a JSON number."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        value = str(value)  # not a number, though Python counts it as one
    if isinstance(value, int | float | Decimal):
        text = str(value)
    else:
        text = re.sub(r"\s|€|EUR", "", value, flags=re.IGNORECASE)
        if "," in text:  # German: dots group the thousands, the comma starts the cents
            text = text.replace(".", "").replace(",", ".")
        elif re.fullmatch(r"-?\d{1,3}(\.\d{3})+", text):
            text = text.replace(".", "")
    try:
        number = Decimal(text)
        if not number.is_finite():
            raise InvalidOperation
        return number.quantize(Decimal("0.01"))
    except InvalidOperation:
        raise ValueError(_("“%(value)s” is not an amount.") % {"value": value}) from None


def _date(value):
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    date = tables.parse_date(text)
    if date is not None:
        return date
    try:
        return datetime.datetime.fromisoformat(text).date()
    except ValueError:
        raise ValueError(_("“%(value)s” is not a date; write it as DD.MM.YYYY or YYYY-MM-DD.")
                         % {"value": text}) from None


def _number(value):
    """A decimal number such as an indicator's value: 1234.5, "1.234,5" or "1234,5"."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        value = str(value)  # not a number, though Python counts it as one
    if isinstance(value, int | float | Decimal):
        number = float(value)
    else:
        text = re.sub(r"\s", "", value)
        if "," in text:
            text = text.replace(".", "").replace(",", ".")
        try:
            number = float(text)
        except ValueError:
            number = None
    if number is None or not math.isfinite(number):
        raise ValueError(_("“%(value)s” is not a number.") % {"value": value})
    return number


def _status(value):
    text = _text(value)
    if not text:
        return ""
    code = STATUS_WORDS.get(tables.key(text))
    if code is None:
        raise ValueError(_("Unknown status “%(value)s”; write one of: %(choices)s.") % {
            "value": text, "choices": ", ".join(STATUS_EXPORT.values())})
    return code


def _source(value):
    text = _text(value)
    if not text:
        return Source.ACTION_PLAN
    code = SOURCE_WORDS.get(tables.key(text))
    if code is None:
        raise ValueError(_("Unknown source “%(value)s”; write one of: %(choices)s.") % {
            "value": text, "choices": ", ".join(SOURCE_EXPORT.values())})
    return code


def _yes_no(value):
    if isinstance(value, bool):
        return value
    key = tables.key(_text(value))
    if key in YES:
        return True
    if key in NO:
        return False
    raise ValueError(_("“%(value)s” is neither ja nor nein.") % {"value": value})


PARSERS = {
    "code": _text, "parent": _text, "field": _text, "title": _text, "teaser": _text,
    "description": _text, "department": _text, "position": _text, "status": _status,
    "progress": partial(_integer, low=0, high=100),
    "weight": partial(_integer, low=0, high=100, empty=1),
    "planned_start": _date, "planned_end": _date, "actual_start": _date, "actual_end": _date,
    "cost": _amount, "funding_amount": _amount, "funding_programme": _text,
    "priority": partial(_integer, low=1, high=3), "focus_criteria": _text, "source": _source,
    "tags": _text, "model_measure": _text, "administration_statement": _text,
    "team_assessment": _text, "published": _yes_no,
}
PLAN_PARSERS = {"title": _text, "adopted_on": _date,
                "target_year": partial(_integer, low=0, high=9999), "source_url": _text,
                "introduction": _text}


def _row(line, data, columns):
    row = Row(line=line, columns=columns)
    for name, raw in data.items():
        try:
            row.values[name] = PARSERS[name](raw)
        except ValueError as error:
            row.error(name, str(error))
    return row


# --- Reading ---------------------------------------------------------------------------------


def decode(data):
    """The text of an uploaded file: UTF-8, with or without byte order mark."""
    return tables.decode(data, lambda position: ImportProblems([(None, "", _(
        "The file is not UTF-8 encoded (byte %(position)s). In Excel, save it as “CSV "
        "UTF-8”; in LibreOffice choose the character set Unicode (UTF-8).")
        % {"position": position})]))


def detect_format(data, filename=""):
    name = filename.lower()
    if data[:4] == b"PK\x03\x04" or name.endswith((".xlsx", ".xlsm")):
        return "xlsx"
    if data[:4] == b"\xd0\xcf\x11\xe0" or name.endswith(".xls"):
        return "xls"
    if name.endswith(".json"):
        return "json"
    if name.endswith((".csv", ".txt", ".tsv")):
        return "csv"
    return "json" if data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"[") else "csv"


def read(data, *, filename=""):
    """Parse an uploaded file (bytes) into rows.

    Raises ImportProblems if the file as a whole cannot be read; what is wrong with single rows
    is in their `errors`, and is checked further by imports.plan_import_preview.
    """
    file_format = detect_format(data, filename)
    if file_format == "xls":
        raise ImportProblems([(None, "", _(
            "Old Excel files (.xls) cannot be read; save the file as .xlsx or as “CSV UTF-8”."))])
    if file_format == "xlsx":
        upload = _read_xlsx(data)
    else:
        text = decode(data)
        upload = _read_json(text) if file_format == "json" else _read_csv(text)
    if not upload.rows and not upload.problems:
        raise ImportProblems([(None, "", _("The file contains no measures."))])
    return upload


def _read_csv(text):
    reader = tables.csv_reader(text)

    def lines():
        last_line = reader.line_num
        for values in reader:
            # Line numbers as a text editor shows them; a quoted text may span several lines.
            line, last_line = last_line + 1, reader.line_num
            yield line, [tables.unguard(value) for value in values]

    try:
        header = next(reader, None)
        return _read_table("csv", header, lines())
    except csv.Error as error:
        raise ImportProblems([(reader.line_num or None, "", _(
            "The CSV file cannot be read: %(error)s") % {"error": error})]) from None


def _read_xlsx(data):
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - openpyxl fails in many ways on what is no workbook
        raise ImportProblems([(None, "", _(
            "The file cannot be read as an Excel workbook (.xlsx)."))]) from None
    try:
        sheet = workbook.worksheets[0]
        values = sheet.iter_rows(values_only=True)
        header = next(values, None)
        return _read_table("xlsx", header, ((number, list(cells))
                                            for number, cells in enumerate(values, start=2)))
    finally:
        workbook.close()


def _read_table(file_format, header, lines):
    """Rows of a CSV file or a worksheet; `lines` yields (line number, cell values)."""
    titles = [_text(title) for title in header or []]
    if not any(titles):
        raise ImportProblems([(1, "", _("The file is empty."))])
    columns = [COLUMNS.get(tables.key(title)) for title in titles]
    problems = []
    if "code" not in columns:
        problems.append((1, "", _("missing column: %(column)s") % {"column": HEADERS["code"]}))
    for name in set(columns) - {None}:
        if columns.count(name) > 1:
            problems.append((1, HEADERS[name], _("The column appears more than once.")))
    if problems:
        raise ImportProblems(problems)
    ignored = [title for title, column in zip(titles, columns) if column is None and title]
    rows = []
    for line, values in lines:
        if not any(_text(value) for value in values):
            continue
        data, names = {}, {}
        for index, column in enumerate(columns):
            if column:
                data[column] = values[index] if index < len(values) else None
                names[column] = titles[index]
        row = _row(line, data, names)
        if any(_text(value) for value in values[len(columns):]):
            row.errors.append(("", _("The row has more cells than there are columns.")))
        rows.append(row)
    return Upload(file_format, rows, ignored_columns=ignored)


def _read_json(text):
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportProblems([(error.lineno, _("character %(number)s") % {
            "number": error.colno}, _("The JSON cannot be read: %(error)s") % {
            "error": error.msg})]) from None
    if isinstance(data, dict) and (data.get("format") == JSON_FORMAT or "measures" in data):
        return _read_ours(data)
    if isinstance(data, dict) and isinstance(data.get("tasks"), list):
        data = data["tasks"]
    if isinstance(data, list):
        return _read_localzero(data)
    raise ImportProblems([(None, "", _(
        "The JSON file is neither an export of this platform nor a task list of LocalZero "
        "Monitoring."))])


def _read_ours(data):
    upload = Upload("json", [])
    version = data.get("version", JSON_VERSION)
    if not isinstance(version, int) or version > JSON_VERSION:
        raise ImportProblems([(None, "version", _(
            "The file was written by a newer version of the platform."))])
    plan = data.get("plan") or {}
    if not isinstance(plan, dict):
        upload.problems.append(("plan", "", _("The plan must be a JSON object.")))
        plan = {}
    for key in PLAN_KEYS:
        if key in plan:
            try:
                upload.plan[key] = PLAN_PARSERS[key](plan[key])
            except ValueError as error:
                upload.problems.append(("plan", key, str(error)))
    fields = data.get("fields") or []
    if not isinstance(fields, list):
        upload.problems.append(("fields", "", _("The fields of action must be a JSON list.")))
        fields = []
    for index, entry in enumerate(fields):
        name = _text(entry.get("name") if isinstance(entry, dict) else entry)
        if name:
            upload.fields.append(name)
        else:
            upload.problems.append((f"fields[{index}]", "name", _("The name is empty.")))
    measures = data.get("measures")
    if not isinstance(measures, list):
        upload.problems.append(("measures", "", _("The measures must be a JSON list.")))
        measures = []
    ignored = set()

    def walk(items, path, parent):
        for index, item in enumerate(items):
            here = f"{path}[{index}]"
            if not isinstance(item, dict):
                upload.problems.append((here, "", _("A measure must be a JSON object.")))
                continue
            ignored.update(set(item) - set(HEADERS) - {"reports", "blockers", "children"})
            values = {name: item[name] for name in HEADERS if name in item}
            if parent is not None:
                values["parent"] = parent
            row = _row(here, values, {name: name for name in HEADERS})
            row.reports = _reports(row, item.get("reports") or [])
            row.blockers = _blockers(row, item.get("blockers") or [])
            upload.rows.append(row)
            children = item.get("children") or []
            if isinstance(children, list):
                walk(children, f"{here}.children", row.code)
            else:
                row.error("children", _("The parts must be a JSON list."))

    walk(measures, "measures", None)
    upload.ignored_columns = sorted(ignored)
    if "indicators" in data:
        upload.plan["indicators"] = _indicators(upload, data["indicators"])
    return upload


def _blockers(row, items):
    if not isinstance(items, list):
        row.errors.append(("blockers", _("The blockers must be a JSON list.")))
        return []
    blockers = []
    for index, item in enumerate(items):
        here = f"blockers[{index}]"
        if not isinstance(item, dict):
            row.errors.append((here, _("A blocker must be a JSON object.")))
            continue
        blocker, problems = {}, []
        for key, parse in (("description", _text), ("since", _date), ("help_wanted", _text),
                           ("resolved_on", _date)):
            try:
                blocker[key] = parse(item.get(key))
            except ValueError as error:
                problems.append((key, str(error)))
        for key in ("description", "since"):
            if key not in dict(problems) and not blocker.get(key):
                problems.append((key, _("This is required.")))
        if not problems and blocker["resolved_on"] and blocker["resolved_on"] < blocker["since"]:
            problems.append(("resolved_on", _("A blocker cannot be resolved before it began.")))
        row.errors += [(f"{here}.{key}", reason) for key, reason in problems]
        if not problems:
            blockers.append(blocker)
    return blockers


def _indicators(upload, items):
    """The plan's indicators with their values; problems go to the upload as a whole."""
    if not isinstance(items, list):
        upload.problems.append(("indicators", "", _("The indicators must be a JSON list.")))
        return []
    indicators = []
    for index, item in enumerate(items):
        here = f"indicators[{index}]"
        if not isinstance(item, dict):
            upload.problems.append((here, "", _("An indicator must be a JSON object.")))
            continue
        indicator, problems = {"line": here}, []
        for key, parse in (("name", _text), ("unit", _text), ("source", _text),
                           ("measure", _text),
                           ("baseline_year", partial(_integer, low=0, high=9999)),
                           ("baseline_value", _number), ("target_value", _number),
                           ("published", _yes_no)):
            if key not in item:
                continue
            try:
                indicator[key] = parse(item[key])
            except ValueError as error:
                problems.append((here, key, str(error)))
        if not indicator.get("name"):
            problems.append((here, "name", _("The name is empty.")))
        values = item.get("values") or []
        if not isinstance(values, list):
            problems.append((here, "values", _("The values must be a JSON list.")))
            values = []
        indicator["values"] = []
        for number, entry in enumerate(values):
            where = f"{here}.values[{number}]"
            if not isinstance(entry, dict):
                problems.append((where, "", _("A value must be a JSON object.")))
                continue
            value = {}
            for key, parse in (("year", partial(_integer, low=0, high=9999)),
                               ("value", _number)):
                try:
                    value[key] = parse(entry.get(key))
                except ValueError as error:
                    problems.append((where, key, str(error)))
                    continue
                if value[key] is None:
                    problems.append((where, key, _("This is required.")))
            if all(value.get(key) is not None for key in ("year", "value")):
                indicator["values"].append(value)
        upload.problems += problems
        if indicator.get("name"):  # checked further by the preview, even with problems here
            indicators.append(indicator)
    return indicators


def _reports(row, items):
    if not isinstance(items, list):
        row.errors.append(("reports", _("The reports must be a JSON list.")))
        return []
    reports = []
    for index, item in enumerate(items):
        here = f"reports[{index}]"
        if not isinstance(item, dict):
            row.errors.append((here, _("A report must be a JSON object.")))
            continue
        report, problems = {}, []
        voice = _text(item.get("voice"))
        if voice not in Voice.values:
            problems.append(("voice", _("Unknown voice “%(value)s”; write administration or "
                                        "team.") % {"value": voice}))
        report["voice"] = voice
        for key, parse in (("reported_on", _date), ("status", _status),
                           ("progress", partial(_integer, low=0, high=100)),
                           ("text", _text), ("evidence", _text), ("agreed", _yes_no)):
            try:
                report[key] = parse(item.get(key))
            except ValueError as error:
                problems.append((key, str(error)))
        for key in ("reported_on", "status", "text"):
            if key not in dict(problems) and not report.get(key):
                problems.append((key, _("This is required.")))
        row.errors += [(f"{here}.{key}", reason) for key, reason in problems]
        if not problems:
            reports.append(report)
    return reports


def _read_localzero(tasks):
    """LocalZero Monitoring's task tree.

    Top-level tasks with parts become fields of action and group measures; codes are numbered
    by position ("1", "1.2", "1.2.3"); draft_mode decides about publication. The responsible
    organ goes into the description, the assessment of the plan and the justification of the
    status into the team's assessment. Internal information is not imported.
    """
    upload = Upload("localzero", [])
    columns = dict(LOCALZERO_KEYS)

    def walk(items, path, parent, parent_field):
        if not isinstance(items, list):
            upload.problems.append((path, "", _("The parts must be a JSON list.")))
            return
        for index, task in enumerate(items):
            here = f"{path}[{index}]"
            if not isinstance(task, dict):
                upload.problems.append((here, "", _("A task must be a JSON object.")))
                continue
            children = task.get("children") or []
            code = _text(task.get("code")) or (f"{parent}.{index + 1}" if parent
                                               else str(index + 1))
            title = _text(task.get("title"))
            field_name = parent_field
            if parent is None and children and title:
                field_name = title
                if title.casefold() not in {name.casefold() for name in upload.fields}:
                    upload.fields.append(title)
            data = {"code": code, "parent": parent or "", "field": field_name or "",
                    "title": title, "teaser": task.get("teaser"),
                    "description": _localzero_description(task),
                    "team_assessment": _localzero_assessment(task),
                    "published": not task.get("draft_mode", True)}
            for ours, theirs in (("planned_start", "planned_start"),
                                 ("planned_end", "planned_completion"),
                                 ("actual_start", "actual_start"),
                                 ("actual_end", "actual_completion"),
                                 ("progress", "execution_completion")):
                data[ours] = task.get(theirs)
            row = _row(here, data, columns)
            _localzero_status(row, task, bool(children))
            if task.get("source") is not None:
                if isinstance(task["source"], int) and task["source"] in LOCALZERO_SOURCE:
                    row.values["source"] = LOCALZERO_SOURCE[task["source"]]
                else:
                    row.error("source", _("Unknown source “%(value)s”; LocalZero knows 0 and 1.")
                              % {"value": task["source"]})
            if _text(task.get("internal_information")):
                upload.notices.append((here, "internal_information", _(
                    "Internal information is not imported; everything on a measure is visible "
                    "to the team and the administration.")))
            upload.rows.append(row)
            if children:
                walk(children, f"{here}.children", code, field_name)

    walk(tasks, "", None, None)
    return upload


def _localzero_status(row, task, is_group):
    status = task.get("execution_status") or 0
    try:
        status = int(status)
    except (TypeError, ValueError):
        status = None
    if status not in LOCALZERO_STATUS:
        row.error("status", _("Unknown execution_status “%(value)s”; LocalZero knows 0, 2, 4, 6 "
                              "and 8.") % {"value": task.get("execution_status")})
    elif is_group and status == 0:
        row.values["status"] = ""  # "unknown" on a group: rolled up from its parts
    else:
        row.values["status"] = LOCALZERO_STATUS[status]


def _localzero_description(task):
    parts = [_text(task.get("description"))]
    organ = _text(task.get("responsible_organ"))
    explanation = _text(task.get("responsible_organ_explanation"))
    if organ or explanation:
        parts.append(f"**Verantwortlich:** {organ}".strip())
        parts.append(explanation)
    return "\n\n".join(part for part in parts if part)


def _localzero_assessment(task):
    parts = [_text(task.get("plan_assessment"))]
    justification = _text(task.get("execution_justification"))
    if justification:
        parts.append(f"**Begründung Umsetzungsstand:** {justification}")
    return "\n\n".join(part for part in parts if part)


# --- Export ----------------------------------------------------------------------------------


RELATED = ("code", "parent", "field", "department", "position")


def record_of(measure, *, parent=""):
    """A measure as one export row, keyed by field; `parent` is the parent's code."""
    return {
        "code": measure.code,
        "parent": parent,
        "field": measure.field.name if measure.field else "",
        "department": measure.department.name if measure.department else "",
        "position": measure.position.title if measure.position else "",
        **{name: getattr(measure, name) for name in HEADERS if name not in RELATED},
    }


def report_record(report):
    return {"voice": report.voice, "reported_on": report.reported_on, "status": report.status,
            "progress": report.progress, "text": report.text, "evidence": report.evidence,
            "agreed": report.agreed_at is not None}


def blocker_record(blocker):
    """A blocker without its helpers, which are internal links of the alliance."""
    return {key: getattr(blocker, key) for key in BLOCKER_KEYS}


def indicator_record(indicator, *, measure=""):
    """An indicator with its values; `measure` is the code of its measure, if the reader may
    know it."""
    return {**{key: getattr(indicator, key) for key in INDICATOR_KEYS if key != "measure"},
            "measure": measure,
            "values": [{"year": entry.year, "value": entry.value}
                       for entry in indicator.values.all()]}


def plan_record(plan):
    return {key: getattr(plan, key) for key in PLAN_KEYS}


def _guard(value):
    """Keep a spreadsheet from running a value as a formula; numbers stay as they are."""
    return tables.guard(value, r"[+\-]?[\d\s()/.,\-]+")


def _word(name, value):
    """A value as the spreadsheet shows it: German words, dates and decimal commas."""
    if name == "status":
        return STATUS_EXPORT.get(value, value)
    if name == "source":
        return SOURCE_EXPORT.get(value, value)
    if name == "published":
        return "ja" if value else "nein"
    return value


def _csv_cell(name, value):
    value = _word(name, value)
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, Decimal):
        return f"{value:.2f}".replace(".", ",")
    return _guard(str(value))


def write_csv(records):
    """Semicolons and a byte order mark, so that Excel in German opens it as it is."""
    return tables.write_csv(HEADERS.values(), ([_csv_cell(name, record[name]) for name in HEADERS]
                                               for record in records))


def write_xlsx(records, *, title):
    return tables.write_xlsx(
        HEADERS.values(),
        ([_word(name, record[name]) for name in HEADERS] for record in records),
        title=re.sub(r"[\\/*?:\[\]]", "", title)[:31] or "Plan", freeze="B2",
        widths=[50 if name in ("description", "administration_statement", "team_assessment")
                else 18 for name in HEADERS])


def _json_value(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)  # at most 14 digits: a float holds them exactly
    return value


def write_json(*, plan, fields, records, indicators=None):
    """The whole plan: its own fields, the fields of action, the measure tree with the
    progress reports and blockers, and the indicators. `records` need their parents before
    them, as plan_export_rows gives. Without `indicators`, they are taken from the key
    "indicators" of `plan`, as imports.plan_export_data gives them."""
    plan = dict(plan)
    if indicators is None:
        indicators = plan.pop("indicators", [])
    plan.pop("indicators", None)
    children = defaultdict(list)
    codes = {record["code"] for record in records}
    for record in records:
        children[record["parent"] if record["parent"] in codes else ""].append(record)

    def nest(record):
        item = {name: _json_value(record[name]) for name in HEADERS if name != "parent"}
        item["reports"] = [{key: _json_value(report[key]) for key in REPORT_KEYS}
                           for report in record.get("reports", [])]
        item["blockers"] = [{key: _json_value(blocker[key]) for key in BLOCKER_KEYS}
                            for blocker in record.get("blockers", [])]
        item["children"] = [nest(child) for child in children[record["code"]]]
        return item

    document = {
        "format": JSON_FORMAT,
        "version": JSON_VERSION,
        "plan": {key: _json_value(value) for key, value in plan.items()},
        "fields": [{"name": name} for name in fields],
        "measures": [nest(record) for record in children[""]],
        "indicators": [{**{key: _json_value(indicator[key]) for key in INDICATOR_KEYS},
                        "values": [{"year": entry["year"], "value": entry["value"]}
                                   for entry in indicator["values"]]}
                       for indicator in indicators],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
