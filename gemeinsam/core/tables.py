"""Reading and writing the spreadsheets people exchange: CSV in any common dialect and encoding
check, XLSX, and protection against formula injection."""

import csv
import datetime
import io
import re
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
DATE_FORMATS = ["%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y"]
# A spreadsheet runs a cell starting with these as a formula (CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def key(text):
    """A header or word reduced to what matters: no case, spaces or punctuation."""
    return re.sub(r"[\W_]+", "", str(text).casefold())


# --- Reading ---------------------------------------------------------------------------------


def decode(data, failure):
    """The text of an uploaded file: UTF-8, with or without byte order mark.

    Any other encoding raises `failure(position)`, the position (from 1) of the first byte that
    is not UTF-8.
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise failure(error.start + 1) from None


def delimiter(header_line):
    """The delimiter a CSV header line uses: semicolon, comma or tab; a comma if unclear."""
    try:
        return csv.Sniffer().sniff(header_line, delimiters=";,\t").delimiter
    except csv.Error:
        return ","


def csv_reader(text):
    """A csv.reader over the text, with the delimiter of its first line."""
    return csv.reader(io.StringIO(text), delimiter=delimiter(text.split("\n", 1)[0]))


def unguard(value):
    """Undo the apostrophe the export puts before formula-like values."""
    value = value.strip()
    if value.startswith("'") and value[1:2] in FORMULA_START:
        return value[1:]
    return value


def parse_date(text):
    """A date written in one of DATE_FORMATS, or None."""
    for date_format in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text.strip(), date_format).date()
        except ValueError:
            continue
    return None


# --- Writing ---------------------------------------------------------------------------------


def guard(value, harmless):
    """Keep a spreadsheet from running a value as a formula: an apostrophe before it, which
    unguard takes away again. Values that match the pattern `harmless` as a whole (numbers,
    phone numbers) stay as they are."""
    if (isinstance(value, str) and value.startswith(FORMULA_START)
            and not re.fullmatch(harmless, value)):
        return "'" + value
    return value


def write_csv(header, rows):
    """Semicolons and a byte order mark, so that Excel in German opens it as it is; `rows` are
    the cells as they shall be written (guarded)."""
    output = io.StringIO()
    output.write("\ufeff")
    writer = csv.writer(output, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return output.getvalue()


def write_xlsx(header, rows, *, title, freeze, widths):
    """A workbook of one sheet, `title`, with the header in bold and the panes frozen at
    `freeze`; `widths` are those of the columns. Texts never become formulas; dates and amounts
    are shown the German way, and empty cells stay empty."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for number, values in enumerate(rows, start=2):
        for column, value in enumerate(values, start=1):
            if isinstance(value, str):
                value = ILLEGAL_CHARACTERS_RE.sub("", value)
            cell = sheet.cell(row=number, column=column,
                              value=None if value is None or value == "" else value)
            if isinstance(value, datetime.date):
                cell.number_format = "DD.MM.YYYY"
            elif isinstance(value, Decimal):
                cell.number_format = "#,##0.00"
            elif isinstance(value, str) and value:
                cell.data_type = "s"  # never a formula
    sheet.freeze_panes = freeze
    for column, width in zip(sheet.columns, widths):
        sheet.column_dimensions[column[0].column_letter].width = width
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
