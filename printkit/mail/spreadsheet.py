"""Supporters' spreadsheets: reading CSV as Excel and friends write it."""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from printkit.errors import DataError, Location, Problem
from printkit.mail.headers import SENDER_FIELDS
from printkit.names import fold
from printkit.render.fonts import message, undrawable

SAVE_AS_CSV = "save it as CSV from Excel: File > Save As > CSV UTF-8 (Comma delimited)"
DELIMITERS = ",;\t"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # cells Excel would run as formulas
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_WORKBOOKS = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")  # .xlsx/.ods (zip) and old .xls
_CHECK_NAME = "check the file name and folder"

# Folded sender field -> its aliases as folded column names; any alias -> its field.
_ALIASES = {
    fold(key): tuple(tuple(fold(c) for c in alias.split(" + ")) for alias in aliases)
    for key, aliases in SENDER_FIELDS.items()
}
_FIELD_OF = {key: key for key in _ALIASES} | {
    alias[0]: key for key, aliases in _ALIASES.items() for alias in aliases if len(alias) == 1
}


@dataclass(frozen=True)
class Row:
    """One data row: its number as the spreadsheet shows it, and its values by header."""

    number: int
    values: Mapping[str, str]

    def get(self, name: str, default: str = "") -> str:
        """The value of the column whose folded header equals the folded `name`."""
        wanted = fold(name)
        for header, value in self.values.items():
            if fold(header) == wanted:
                return value
        return default


@dataclass(frozen=True)
class Table:
    """A supporters' spreadsheet: headers as written, data rows, and the blank rows skipped."""

    path: Path
    headers: tuple[str, ...]
    rows: tuple[Row, ...]
    blank_rows: int = 0
    mapping: Mapping[str, str] = field(default_factory=dict)  # folded label -> header
    _index: dict[str, str] = field(init=False, repr=False, compare=False)
    _columns: dict[str, tuple[str, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", {fold(h): h for h in reversed(self.headers)})
        object.__setattr__(self, "_columns", {})

    def columns_for(self, label: str) -> tuple[str, ...]:
        """The columns that fill `label`: mapped, same folded name, then a sender alias."""
        found = self._columns.get(label)
        if found is None:  # asked for every row: worked out once a label
            found = self._columns[label] = self._find_columns(label)
        return found

    def _find_columns(self, label: str) -> tuple[str, ...]:
        folded = fold(label)
        canonical = _FIELD_OF.get(folded, folded)
        for key in (folded, canonical):
            if key in self.mapping:
                return (self.mapping[key],)
        if folded in self._index:
            return (self._index[folded],)
        for columns in _ALIASES.get(canonical, ()):
            found = tuple(self._index.get(column) for column in columns)
            if all(found):
                return tuple(header for header in found if header)
        return ()

    def every_column_for(self, field: str) -> tuple[str, ...]:
        """Every column under one of `field`'s aliases (the mapped one alone, if mapped)."""
        folded = fold(field)
        if folded in self.mapping:
            return (self.mapping[folded],)
        aliases = {alias[0] for alias in _ALIASES.get(folded, ()) if len(alias) == 1}
        return tuple(header for header in self.headers if fold(header) in aliases | {folded})

    def column_for(self, label: str) -> str | None:
        """The column (or `First name + Last name`) that fills `label`, None when there is none."""
        return " + ".join(self.columns_for(label)) or None

    def value(self, row: Row, label: str) -> str:
        """The value of a placeholder label or sender field in `row`; empty when no column."""
        parts = (row.values.get(column, "") for column in self.columns_for(label))
        return " ".join(part for part in parts if part)

    def where(self, row: Row, column: str | None = None) -> Location:
        """The location of a row (and column) of this table, for a Problem."""
        return Location(path=self.path, row=row.number, field=column)


def read_table(path: Path, mapping: Mapping[str, str] | None = None) -> Table:
    """Read a CSV in any common encoding and delimiter; DataError when it cannot be used."""
    path = Path(path)
    text = _decode(path)
    records = _records(path, text)
    if not records or not any(cell.strip() for cell in records[0]):
        raise DataError(
            Problem(
                "the first row is empty: it must hold the column names",
                Location(path=path, row=1),
                "put the column names (Name, Postcode, ...) in the first row",
            )
        )
    headers = [cell.strip() for cell in records[0]]
    rows, blank, problems = _data_rows(path, headers, records[1:])
    headers = [header for header in headers if header]
    problems += _duplicate_problems(path, headers)
    resolved, map_problems = _resolve_mapping(path, headers, mapping or {})
    if problems or map_problems:
        raise DataError([*problems, *map_problems])
    return Table(path, tuple(headers), tuple(rows), blank, resolved)


def _data_rows(
    path: Path, headers: list[str], records: list[list[str]]
) -> tuple[list[Row], int, list[Problem]]:
    """The non-blank rows (numbered from 2, as Excel does), the blank count, and problems."""
    rows: list[Row] = []
    problems: list[Problem] = []
    blank = 0
    for number, record in enumerate(records, start=2):
        cells = [_unneutralise(cell.strip()) for cell in record]
        if not any(cells):
            blank += 1
            continue
        cells += [""] * (len(headers) - len(cells))
        for column, cell in enumerate(cells):
            if cell and (column >= len(headers) or not headers[column]):
                problems.append(_stray_cell(path, number, column))
                break
        rows.append(Row(number, {h: c for h, c in zip(headers, cells, strict=False) if h}))
    return rows, blank, problems


def _records(path: Path, text: str) -> list[list[str]]:
    """The CSV's records; a DataError naming the row when one cannot be read."""
    records: list[list[str]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        records.extend(reader)
    except csv.Error as error:
        where = Location(path=path, row=len(records) + 1)
        if "field larger than field limit" in str(error):
            limit = csv.field_size_limit()
            message = f"a cell is longer than {limit // 1024} KiB, more than any letter needs"
            hint = "check that this is the supporters' spreadsheet, and that its quotes are paired"
            raise DataError(Problem(message, where, hint)) from None
        raise DataError(
            Problem(f"this row cannot be read as CSV: {error}", where, SAVE_AS_CSV)
        ) from None
    return records


def _stray_cell(path: Path, number: int, column: int) -> Problem:
    """The problem of a value in a column that has no header."""
    return Problem(
        f"column {column + 1} holds a value but has no name in the first row",
        Location(path=path, row=number),
        "name the column in row 1, or put quotes around values that contain the delimiter",
    )


def _duplicate_problems(path: Path, headers: list[str]) -> list[Problem]:
    """A problem for each header whose folded name repeats an earlier one."""
    first: dict[str, int] = {}
    for index, header in enumerate(headers):
        first.setdefault(fold(header), index)
    return [
        Problem(
            f"columns {headers[first[fold(header)]]!r} and {header!r} have the same name",
            Location(path=path, row=1, field=header),
            "rename or delete one of them (names match ignoring case, spaces and _ -)",
        )
        for index, header in enumerate(headers)
        if fold(header) and first[fold(header)] != index
    ]


def _resolve_mapping(
    path: Path, headers: list[str], mapping: Mapping[str, str]
) -> tuple[dict[str, str], list[Problem]]:
    """`--map` entries as folded label -> header as written; a problem for a missing column."""
    by_fold = {fold(header): header for header in headers}
    resolved: dict[str, str] = {}
    problems = []
    for label, column in mapping.items():
        header = column.strip() if column.strip() in headers else by_fold.get(fold(column))
        if header is None:
            found = ", ".join(repr(h) for h in headers)
            problems.append(
                Problem(
                    f"--map {label}={column}: there is no column {column.strip()!r}",
                    Location(path=path),
                    f"the columns are: {found}",
                )
            )
            continue
        folded = fold(label)
        resolved[_FIELD_OF.get(folded, folded)] = header
        resolved[folded] = header
    return resolved, problems


def _decode(path: Path) -> str:
    """The text of a CSV file: UTF-8 (BOM or not), UTF-16 with BOM, or Windows-1252."""
    where = Location(path=path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DataError(Problem("there is no such file", where, _CHECK_NAME)) from None
    except OSError as error:
        reason = "this is a folder, not a CSV file" if path.is_dir() else error.strerror
        raise DataError(Problem(f"cannot read it: {reason}", where, SAVE_AS_CSV)) from None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_as(where, data, encoding)
    if data.startswith(_WORKBOOKS):
        raise DataError(Problem("this is a spreadsheet workbook, not CSV", where, SAVE_AS_CSV))
    if not data.strip():
        raise DataError(Problem("the file is empty", where, "export the supporters' sheet again"))
    try:
        return _decode_as(where, data, "utf-8")
    except DataError:
        return _decode_as(where, data, "cp1252")  # Excel's "CSV" on Windows


def _decode_as(where: Location, data: bytes, encoding: str) -> str:
    """`data` decoded, or a DataError saying it is not text printkit can read."""
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        message = f"byte {error.start + 1} is not text in any encoding printkit reads"
        raise DataError(Problem(message, where, SAVE_AS_CSV)) from None
    if "\x00" in text:
        raise DataError(Problem("this is not a text file", where, SAVE_AS_CSV))
    return text


def _delimiter(text: str) -> str:
    """Comma, semicolon or tab: sniffed, checked against the header line, else counted there."""
    header = text.split("\n", 1)[0]
    sample = text[:65536]
    if len(text) > len(sample) and "\n" in sample:
        sample = sample[: sample.rindex("\n")]
    try:
        sniffed = csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        sniffed = ""
    if sniffed and sniffed in header:
        return sniffed
    return max(DELIMITERS, key=header.count)  # ties (a single column) go to the comma


def _unneutralise(value: str) -> str:
    """Undo `neutralise`, so a rejects file can be fixed and read back as data."""
    if value.startswith("'") and value[1:2] and value[1] in FORMULA_START:
        return value[1:].strip()
    return value


def table_warnings(table: Table) -> Iterator[Problem]:
    """Each spreadsheet cell holding characters no font can draw, by row and column."""
    for row in table.rows:
        for column, value in row.values.items():
            chars = undrawable(value) if value else []
            if chars:
                yield Problem(message(chars), table.where(row, column))
