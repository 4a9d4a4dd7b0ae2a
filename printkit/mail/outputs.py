"""What a mailing writes besides its PDFs: the rejects file, the manifest, per-row file names."""

from __future__ import annotations

import csv
import re
import string
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from printkit.mail.outcomes import Addressed, Reject
from printkit.mail.spreadsheet import FORMULA_START, Table
from printkit.names import fold


def neutralise(value: str) -> str:
    """A cell Excel will not run as a formula: `=SUM(A1)` -> `'=SUM(A1)`."""
    return "'" + value if value.startswith(FORMULA_START) else value


def write_csv(path: Path, headers: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
    """Write a CSV that Excel opens safely: UTF-8 with BOM, formulas neutralised.

    `path` is a staged output (files.Outputs): it becomes the real file with the run's others.
    """
    with Path(path).open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow([neutralise(header) for header in headers])
        writer.writerows([neutralise(cell) for cell in row] for row in rows)


def write_rejects(path: Path, table: Table, rejects: Iterable[Reject]) -> None:
    """The rejected rows with their original columns, then their row number and the reason."""
    row_column, reason_column = _unused("row", table.headers), _unused("reason", table.headers)
    lines = []
    for reject in rejects:
        reason = reject.reason
        if reject.column:
            reason = f"column {reject.column!r}: {reason}"
        values = [reject.row.values.get(header, "") for header in table.headers]
        lines.append([*values, str(reject.row.number), reason])
    write_csv(path, [*table.headers, row_column, reason_column], lines)


def _unused(name: str, headers: Sequence[str]) -> str:
    """`name`, or `name (printkit)` when the table already has a column of that name."""
    taken = {fold(header) for header in headers}
    return name if fold(name) not in taken else f"{name} (printkit)"


def split_targets(folder: Path, pattern: str, letters: Sequence[Addressed]) -> list[Path]:
    """One file name per letter from `pattern` (e.g. `{postcode}-{your_name}`): safe, unique."""
    taken: set[str] = set()
    targets = []
    for letter in letters:
        stem = safe_name(format_name(pattern, letter)) or f"row-{letter.row.number}"
        name, n = stem, 1
        while name.casefold() in taken:
            n += 1
            name = f"{stem}-{n}"
        taken.add(name.casefold())
        targets.append(folder / f"{name}.pdf")
    return targets


def name_fields(pattern: str) -> list[str]:
    """The `{fields}` a file-name pattern uses."""
    return [field for _, field, _, _ in string.Formatter().parse(pattern) if field]


def name_problem(pattern: str) -> str | None:
    """Why `--name` cannot name files, or None: only `{row}`, `{postcode}` and `{column}` fields."""
    try:
        parsed = list(string.Formatter().parse(pattern))
    except ValueError as error:
        return f"--name {pattern!r}: {error}: write fields as {{row}} or {{your_name}}"
    for _, field, spec, conversion in parsed:
        if field is None:
            continue
        shown = (
            "{"
            + field
            + (f"!{conversion}" if conversion else "")
            + (f":{spec}" if spec else "")
            + "}"
        )
        if (
            not field.strip()
            or field[0].isdigit()
            or spec
            or conversion
            or _NOT_PLAIN.search(field)
        ):
            return (
                f"--name {pattern!r}: {shown} is not a column name: write only column names in"
                " braces, e.g. {row}-{your_name} or {postcode}"
            )
    return None


_NOT_PLAIN = re.compile(r"[.\[\]{}]")  # attributes and indexes: a file name needs neither


def format_name(pattern: str, letter: Addressed) -> str:
    """Fill `pattern` from the letter's row: `{row}`, `{postcode}`, `{your_name}`, any column."""
    values = {"row": str(letter.row.number), "postcode": letter.sender.postcode}
    for field in name_fields(pattern):
        if field not in values:
            values[field] = letter.values.get(fold(field)) or letter.row.get(field)
    return pattern.format_map(values)


def safe_name(text: str) -> str:
    """A file name made only of letters, digits, `-` and `_`: nothing a value can abuse."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9_]+", "-", ascii_text).strip("-_")[:80]


@dataclass(frozen=True)
class Entry:
    """One line of the manifest: a row's letter (or a cover sheet) and where it went."""

    row: str  # empty for a cover sheet
    name: str
    postcode: str
    recipient: str
    file: str
    first: int  # its first page in that file
    pages: int


def entry(letter: Addressed, file: str, first: int, pages: int) -> Entry:
    """The manifest line of a row's letter."""
    return Entry(str(letter.row.number), letter.sender.name, letter.sender.postcode,
                 letter.recipient, file, first, pages)  # fmt: skip


def write_manifest(path: Path, entries: Iterable[Entry]) -> None:
    """Which file and pages of the merged output belong to which spreadsheet row."""
    rows = ([e.row, e.name, e.postcode, e.recipient, e.file, str(e.first),
             str(e.first + e.pages - 1), str(e.pages)] for e in entries)  # fmt: skip
    headers = ["row", "name", "postcode", "recipient", "file", "first page", "last page", "pages"]
    write_csv(path, headers, rows)
