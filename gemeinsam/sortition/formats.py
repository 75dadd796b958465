"""Reading and writing the files of the two established tools, so that users can switch.

Quota (features) files
    sortition-algorithms (PyPI): ``feature,value,min,max`` with optional ``min_flex,max_flex``.
    It also accepts the older ``category,name,min,max``, which is the Sortition Foundation's
    stratification app's ``categories.csv``. The replication data of Flanigan et al. (2021)
    use ``category,feature,min,max`` (there "feature" is the value). We read all of them and
    write the first two; ``gemeinsam`` is the sortition-algorithms layout.

People (respondents) files
    One row per respondent: an id column and one column per feature, plus any other columns.
    sortition-algorithms names the id column in its settings (``id_column``); the
    stratification app uses ``nationbuilder_id`` and checks households on the columns
    ``primary_address1`` and ``zip_royal_mail``. We take the household key from one or more
    columns (compared ignoring case and blanks); people with all of them empty have no
    household, unlike sortition-algorithms, which treats all empty addresses as one.

Names are matched ignoring case and surrounding blanks, as sortition-algorithms does; a
person's value is stored with the spelling of the quota file. Files are UTF-8 (a BOM is
fine) with ``,`` or ``;`` as delimiter. Every bad line is reported, with its line number.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from .model import InputError, Quota, Respondent, fold

DIALECTS = ("sortition-algorithms", "stratification-app", "gemeinsam")
STRATIFICATION_ID = "nationbuilder_id"
STRATIFICATION_ADDRESS = ("primary_address1", "zip_royal_mail")
ID_CANDIDATES = ("id", STRATIFICATION_ID, "person_id", "respondent_id")
HOUSEHOLD_CANDIDATES = ("household",)

_FEATURE_NAMES = ("feature", "category")
_VALUE_NAMES = ("value", "name", "category value", "category_value", "category-value")


@dataclass
class Table:
    header: list[str]
    rows: list[tuple[int, dict[str, str]]]  # (line number, folded header -> stripped cell)
    source: str


def _text(source) -> tuple[str, str]:
    """(text, name) from a path (str or Path) or an open file (text or binary)."""
    if hasattr(source, "read"):
        text = source.read()
        name = str(getattr(source, "name", "input"))
        if isinstance(text, bytes):
            try:
                text = text.decode("utf-8-sig")
            except UnicodeDecodeError as error:
                line = text[: error.start].count(b"\n") + 1
                raise InputError([(line, "the file is not UTF-8 encoded text")],
                                 name) from error
        return text.lstrip("\ufeff"), name
    path = Path(source)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise InputError([(None, f"cannot read the file: {error.strerror}")],
                         str(path)) from error
    try:
        return raw.decode("utf-8-sig"), str(path)
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise InputError([(line, "the file is not UTF-8 encoded text")], str(path)) from error


def read_table(source) -> Table:
    text, name = _text(source)
    if not text.strip():
        raise InputError([(None, "the file is empty")], name)
    first = text.splitlines()[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = [cell.strip() for cell in next(reader)]
        folded = [fold(h) for h in header]
        problems = []
        for h in set(folded):
            if h and folded.count(h) > 1:
                problems.append((1, f"the column '{h}' appears {folded.count(h)} times"))
        if problems:
            raise InputError(problems, name)
        rows = []
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) > len(header) and any(cell.strip() for cell in row[len(header):]):
                raise InputError([(line, f"{len(row)} cells, but the header has "
                                         f"{len(header)} columns")], name)
            cells = {folded[i]: (row[i].strip() if i < len(row) else "")
                     for i in range(len(header))}
            rows.append((line, cells))
    except csv.Error as error:
        raise InputError([(reader.line_num, f"malformed CSV: {error}")], name) from error
    return Table(header=header, rows=rows, source=name)


# --- quotas ---------------------------------------------------------------------------------


def _int_cell(cells, column, line, problems, what) -> int | None:
    text = cells.get(column, "")
    if text == "":
        problems.append((line, f"no {column} given for {what}"))
        return None
    try:
        value = int(text)
    except ValueError:
        problems.append((line, f"{column} '{text}' for {what} is not a whole number"))
        return None
    if value < 0:
        problems.append((line, f"{column} {value} for {what} is negative"))
        return None
    return value


def read_quotas(source) -> list[Quota]:
    """Read a quota file in any of the layouts in the module docstring."""
    table = read_table(source)
    folded = [fold(h) for h in table.header]
    feature_col = next((c for c in _FEATURE_NAMES if c in folded), None)
    value_col = next((c for c in _VALUE_NAMES if c in folded), None)
    if value_col is None and "category" in folded and "feature" in folded:
        # replication data of Flanigan et al.: category = feature, feature = value
        feature_col, value_col = "category", "feature"
    problems: list[tuple[int | None, str]] = []
    if feature_col is None:
        problems.append((1, "no 'feature' (or 'category') column"))
    if value_col is None:
        problems.append((1, "no 'value' (or 'name') column"))
    for column in ("min", "max"):
        if column not in folded:
            problems.append((1, f"no '{column}' column"))
    if problems:
        raise InputError(problems, table.source)
    has_flex = {c: c in folded for c in ("min_flex", "max_flex")}
    quotas: list[Quota] = []
    seen: dict[tuple[str, str], int] = {}
    for line, cells in table.rows:
        feature, value = cells[feature_col], cells[value_col]
        if not feature:
            if value:
                problems.append((line, f"value '{value}' has no feature"))
            continue
        if not value:
            problems.append((line, f"empty value for feature '{feature}'"))
            continue
        what = f"{feature} = {value}"
        key = (fold(feature), fold(value))
        if key in seen:
            problems.append((line, f"{what} is listed twice (also on line {seen[key]})"))
            continue
        seen[key] = line
        low = _int_cell(cells, "min", line, problems, what)
        high = _int_cell(cells, "max", line, problems, what)
        flex = {}
        for column, present in has_flex.items():
            flex[column] = (_int_cell(cells, column, line, problems, what)
                            if present and cells.get(column, "") != "" else None)
        if low is None or high is None:
            continue
        if low > high:
            problems.append((line, f"the minimum {low} for {what} is above its maximum {high}"))
            continue
        if flex["min_flex"] is not None and flex["min_flex"] > low:
            problems.append((line, f"min_flex {flex['min_flex']} for {what} is above its "
                                   f"minimum {low}"))
            continue
        if flex["max_flex"] is not None and flex["max_flex"] < high:
            problems.append((line, f"max_flex {flex['max_flex']} for {what} is below its "
                                   f"maximum {high}"))
            continue
        quotas.append(Quota(feature=feature, value=value, min=low, max=high,
                            min_flex=flex["min_flex"], max_flex=flex["max_flex"]))
    if not quotas and not problems:
        problems.append((None, "no quotas in the file"))
    if problems:
        raise InputError(problems, table.source)
    return quotas


def write_quotas(quotas: Sequence[Quota], target: IO[str] | Path | str,
                 dialect: str = "gemeinsam") -> None:
    """Write quotas as sortition-algorithms (= gemeinsam) or stratification-app file."""
    if dialect not in DIALECTS:
        raise ValueError(f"unknown dialect {dialect!r}; use one of {', '.join(DIALECTS)}")
    names = ["category", "name"] if dialect == "stratification-app" else ["feature", "value"]
    flex = any(q.min_flex is not None or q.max_flex is not None for q in quotas)
    header = names + ["min", "max"] + (["min_flex", "max_flex"] if flex else [])
    rows = []
    for q in quotas:
        row = [q.feature, q.value, str(q.min), str(q.max)]
        if flex:
            # sortition-algorithms wants both; its defaults are 0 and "no limit" (a large max)
            row += [str(q.min_flex if q.min_flex is not None else 0),
                    str(q.max_flex if q.max_flex is not None else _flex_max(quotas))]
        rows.append(row)
    _write_rows(target, header, rows)


def _flex_max(quotas: Sequence[Quota]) -> int:
    by_feature: dict[str, int] = {}
    for q in quotas:
        by_feature[fold(q.feature)] = by_feature.get(fold(q.feature), 0) + q.max
    return max(by_feature.values(), default=0)


# --- people ---------------------------------------------------------------------------------


def household_key(parts: Iterable[str]) -> str | None:
    """One key from the address columns; None when they are all empty."""
    parts = [" ".join(p.split()) for p in parts]
    if not any(parts):
        return None
    return "|".join(parts).rstrip("|")


def read_people(source, quotas: Sequence[Quota], *, id_column: str | None = None,
                household_columns: Sequence[str] | None = None,
                generate_ids: bool = False) -> list[Respondent]:
    """Read respondents; every feature of `quotas` must be a column.

    `id_column` defaults to the first of id, nationbuilder_id, person_id, respondent_id that
    exists; with `generate_ids` a file without id gets ids "row-<line>". Household columns
    default to ``household`` if present, else the stratification app's address columns if
    both are present, else none (no household rule).
    """
    table = read_table(source)
    folded = [fold(h) for h in table.header]
    original = dict(zip(folded, table.header))
    problems: list[tuple[int | None, str]] = []
    if id_column is None:
        id_col = next((c for c in ID_CANDIDATES if c in folded), None)
        if id_col is None and not generate_ids:
            problems.append((1, "no id column (looked for: " + ", ".join(ID_CANDIDATES)
                             + "); name it with --id-column"))
    else:
        id_col = fold(id_column)
        if id_col not in folded:
            problems.append((1, f"no id column '{id_column}'"))
    if household_columns is None:
        if "household" in folded:
            household_cols = ["household"]
        elif all(c in folded for c in STRATIFICATION_ADDRESS):
            household_cols = list(STRATIFICATION_ADDRESS)
        else:
            household_cols = []
    else:
        household_cols = [fold(c) for c in household_columns]
        for column in household_cols:
            if column not in folded:
                problems.append((1, f"no household column '{column}'"))
    values_by_feature: dict[str, dict[str, str]] = {}
    feature_names: dict[str, str] = {}
    for q in quotas:
        feature_names.setdefault(fold(q.feature), q.feature)
        values_by_feature.setdefault(fold(q.feature), {})[fold(q.value)] = q.value
    for feature in feature_names:
        if feature not in folded:
            problems.append((1, f"no column for the feature '{feature_names[feature]}'"))
    if problems:
        raise InputError(problems, table.source)
    reserved = set(feature_names) | set(household_cols) | ({id_col} if id_col else set())
    respondents: list[Respondent] = []
    first_line: dict[str, int] = {}
    for line, cells in table.rows:
        pid = cells[id_col] if id_col else f"row-{line}"
        row_problems = []
        if not pid:
            row_problems.append("empty id")
        elif pid in first_line:
            row_problems.append(f"the id '{pid}' is used twice (also on line {first_line[pid]})")
        features = {}
        for feature, allowed in values_by_feature.items():
            value = cells[feature]
            name = feature_names[feature]
            if not value:
                row_problems.append(f"no value for '{name}'")
            elif fold(value) not in allowed:
                row_problems.append(f"'{value}' is not a value of '{name}' (known: "
                                    + ", ".join(allowed.values()) + ")")
            else:
                features[name] = allowed[fold(value)]
        if row_problems:
            problems.extend((line, f"{pid or '(no id)'}: {p}") for p in row_problems)
            continue
        first_line[pid] = line
        household = household_key(cells[c] for c in household_cols) if household_cols else None
        extra = {original[c]: v for c, v in cells.items() if c not in reserved}
        respondents.append(Respondent(id=pid, features=features, household=household,
                                      extra=extra))
    if not respondents and not problems:
        problems.append((None, "no respondents in the file"))
    if problems:
        raise InputError(problems, table.source)
    return respondents


def write_people(respondents: Sequence[Respondent], quotas: Sequence[Quota],
                 target: IO[str] | Path | str, dialect: str = "gemeinsam", *,
                 id_column: str | None = None, household_column: str | None = None,
                 extra: bool = True, columns: Sequence[tuple[str, dict[str, str]]] = ()) -> None:
    """Write respondents in a dialect's layout.

    gemeinsam and sortition-algorithms: ``id`` (or `id_column`), the features, ``household``
    if anyone has one (list it in sortition-algorithms' ``check_same_address_columns``).
    stratification-app: ``nationbuilder_id``, the features, ``primary_address1`` (the
    household key) and an empty ``zip_royal_mail``. `columns` adds (name, {id: cell}) columns.
    """
    if dialect not in DIALECTS:
        raise ValueError(f"unknown dialect {dialect!r}; use one of {', '.join(DIALECTS)}")
    features = list(dict.fromkeys(q.feature for q in quotas))
    strat = dialect == "stratification-app"
    id_col = id_column or (STRATIFICATION_ID if strat else "id")
    any_household = any(r.household for r in respondents)
    header = [id_col] + features
    if strat:
        header += list(STRATIFICATION_ADDRESS)
    elif any_household or household_column:
        header.append(household_column or "household")
    extra_columns: list[str] = []
    if extra:
        taken = {fold(h) for h in header}
        for r in respondents:
            for name in r.extra:
                if fold(name) not in taken:
                    taken.add(fold(name))
                    extra_columns.append(name)
    header += extra_columns + [name for name, _ in columns]
    rows = []
    for r in respondents:
        by_feature = {fold(k): v for k, v in r.features.items()}
        row = [r.id] + [by_feature.get(fold(f), "") for f in features]
        if strat:
            row += [r.household or "", ""]
        elif len(header) > len(features) + 1 and (any_household or household_column):
            row.append(r.household or "")
        extra_folded = {fold(k): v for k, v in r.extra.items()}
        row += [extra_folded.get(fold(name), "") for name in extra_columns]
        row += [cells.get(r.id, "") for _, cells in columns]
        rows.append(row)
    _write_rows(target, header, rows)


def _write_rows(target, header, rows) -> None:
    if isinstance(target, (str, Path)):
        with open(target, "w", encoding="utf-8", newline="") as handle:
            _write_rows(handle, header, rows)
        return
    writer = csv.writer(target, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)


def read_id_list(source) -> list[str]:
    """Ids from a file: a CSV with an id column (as read_people guesses it), or one per line."""
    text, name = _text(source)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        return []
    table = read_table(io.StringIO(text))
    table.source = name
    folded = [fold(h) for h in table.header]
    column = next((c for c in ID_CANDIDATES if c in folded), None)
    if column is not None:
        return [cells[column] for _, cells in table.rows if cells[column]]
    if len(table.header) == 1 and "," not in lines[0] and ";" not in lines[0]:
        return lines
    raise InputError([(1, "no id column (looked for: " + ", ".join(ID_CANDIDATES) + ")")],
                     name)
