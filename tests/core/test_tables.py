"""The spreadsheet helpers both imports and exports share: encoding, dialect, formula guard."""

import datetime

import pytest

from gemeinsam.core import tables


class NotUtf8(Exception):
    pass


@pytest.mark.parametrize("data", ["Name;Ort\nMüller;Köln\n".encode(),
                                  "\ufeffName;Ort\nMüller;Köln\n".encode()])
def test_decode_reads_utf8_with_or_without_byte_order_mark(data):
    assert tables.decode(data, NotUtf8) == "Name;Ort\nMüller;Köln\n"


def test_decode_raises_what_the_caller_makes_of_the_first_bad_byte():
    with pytest.raises(NotUtf8) as raised:
        tables.decode("Name;Ort\nMüller;Köln\n".encode("cp1252"), NotUtf8)
    assert raised.value.args == (len("Name;Ort\nM") + 1,)  # the “ü”, counted from 1


@pytest.mark.parametrize(("header", "delimiter"), [
    ("Name;Art;E-Mail", ";"), ("Name,Art,E-Mail", ","), ("Name\tArt\tE-Mail", "\t"),
    ("Name", ","),  # nothing to tell by: a comma
])
def test_delimiter_is_sniffed_from_the_header(header, delimiter):
    assert tables.delimiter(header) == delimiter


def test_csv_reader_uses_the_delimiter_of_the_first_line():
    rows = list(tables.csv_reader('Name;Notiz\nMüller;"eins, zwei"\n'))
    assert rows == [["Name", "Notiz"], ["Müller", "eins, zwei"]]


PHONE = r"[+\-]?[\d\s()/.\-]+"


@pytest.mark.parametrize("value", ["=1+2", "+SUM(A1)", "-HYPERLINK(x)", "@cmd", "\tx", "\rx"])
def test_formulas_are_guarded_and_the_import_takes_the_guard_off(value):
    guarded = tables.guard(value, PHONE)
    assert guarded == "'" + value
    assert tables.unguard(guarded) == value


@pytest.mark.parametrize("value", ["+49 30 1234-5", "-12", "Müller", "'Zitat", "", None, 7])
def test_harmless_values_stay_as_they_are(value):
    assert tables.guard(value, PHONE) == value
    if isinstance(value, str):
        assert tables.unguard(value) == value


def test_guarded_csv_survives_the_round_trip():
    values = ["=1+2", "+49 30 123", "Müller; Sohn", "@home"]
    text = tables.write_csv(["A", "B", "C", "D"], [[tables.guard(v, PHONE) for v in values]])
    assert text.startswith("\ufeffA;B;C;D\r\n")
    assert "'=1+2" in text and "'@home" in text
    _header, row = list(tables.csv_reader(tables.decode(text.encode(), NotUtf8)))
    assert [tables.unguard(cell) for cell in row] == values


def test_parse_date_knows_the_common_formats():
    for text in ["01.02.2024", "2024-02-01", "1.2.24", " 01.02.2024 "]:
        assert tables.parse_date(text) == datetime.date(2024, 2, 1)
    assert tables.parse_date("Februar") is None

