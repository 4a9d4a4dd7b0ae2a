"""Filling a supporters' table with each supporter's MP (or councillor), found from the postcode."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from printkit import containment, postal
from printkit.errors import DataError, Location, Problem
from printkit.lookup.services import Member, Place, Services, fold_name, members, places
from printkit.mail import spreadsheet
from printkit.mail.outputs import write_csv
from printkit.mail.status import FOUND, KEPT, NOT_FOUND, STATUS

MP_COLUMNS = ("MP name", "MP full title", "MP salutation", "Constituency", "Party")
COUNCILLOR_COLUMNS = ("Councillor name", "Ward", "Council")
COUNCILLORS_FILE = "councillors.csv"
# GSS ward codes, as postcodes.io gives them: England and Wales E05/W05, Scotland's
# multi-member wards S13, Northern Ireland's N08.
_WARD_CODE = re.compile(r"(?:E05|W05|S13|N08)\d{6}")
_COUNCILLORS_HINT = (
    f"make a {COUNCILLORS_FILE} beside campaign.yaml with the columns Ward, Council and"
    " Councillor name: one row for each ward, naming the councillor the letters go to"
)


@dataclass(frozen=True)
class LookupCounts:
    """How many rows were filled, kept as the spreadsheet had them, and not found."""

    filled: int = 0
    kept: int = 0
    not_found: int = 0

    def summary(self, who: str = "MP") -> str:
        """`3 filled, 1 kept, 2 not found` with the word for the recipient."""
        rows = self.filled + self.kept + self.not_found
        return (
            f"{who}s for {rows} row{'s' if rows != 1 else ''}: {self.filled} filled,"
            f" {self.kept} kept, {self.not_found} not found"
        )


def fill_table(
    table: spreadsheet.Table,
    *,
    recipient: str = "mp",
    campaign_root: Path | None = None,
    use_cache: bool = True,
    postcodes_url: str | None = None,
    members_url: str | None = None,
    services: Services | None = None,
) -> tuple[spreadsheet.Table, LookupCounts]:
    """A copy of `table` with its recipient columns and `Lookup status` filled; nothing written.

    `recipient` is the campaign's `letter.to` ("mp" or "councillor"). Only the postcodes
    (and the constituency names found for them) are sent; a ServiceError when a service
    cannot be reached or fails, so that the caller writes nothing.
    """
    services = services or Services.default(
        use_cache=use_cache, postcodes_url=postcodes_url, members_url=members_url
    )
    finder = _Finder.make(recipient, campaign_root)
    postcode_column = _postcode_column(table)
    todo: dict[int, str] = {}  # row number -> normalised postcode, for rows to look up
    outcomes: dict[int, Mapping[str, str] | str] = {}  # row number -> values, or a reason
    for row in table.rows:
        if table.value(row, finder.key):
            outcomes[row.number] = {}
            continue
        try:
            todo[row.number] = postal.normalise_postcode(row.values.get(postcode_column, ""))
        except postal.PostcodeError as error:
            outcomes[row.number] = error.reason
    if todo:
        outcomes |= finder.find(services, todo)
    return _filled(table, finder, outcomes)


@dataclass(frozen=True)
class _Finder:
    """Who the letters go to: the columns to fill, and how to find their values."""

    key: str  # the column that names the recipient; non-empty means kept
    columns: tuple[str, ...]
    councillors: Mapping[str, Mapping[str, str]] | None = None  # ward key -> councillors.csv row

    @classmethod
    def make(cls, recipient: str, campaign_root: Path | None) -> _Finder:
        if recipient == "mp":
            return cls("MP name", MP_COLUMNS)
        if recipient == "councillor":
            extra, index = _read_councillors(campaign_root)
            return cls("Councillor name", (*COUNCILLOR_COLUMNS, *extra), index)
        raise DataError(
            Problem(
                f"this campaign's letter goes to {recipient!r}: there is no one to look up",
                hint="lookup finds MPs (letter: to: mp) and councillors (to: councillor)",
            )
        )

    def find(
        self, services: Services, todo: Mapping[int, str]
    ) -> dict[int, Mapping[str, str] | str]:
        """Values (or the reason there are none) for each row number's postcode."""
        found = places(services.postcodes, list(todo.values()))
        if self.councillors is not None:
            return {number: self._councillor(found[code]) for number, code in todo.items()}
        where = {p.constituency for p in found.values() if isinstance(p, Place)}
        mps = members(services.members, sorted(where))
        return {number: _mp(found[code], mps) for number, code in todo.items()}

    def _councillor(self, place: Place | str) -> Mapping[str, str] | str:
        if isinstance(place, str):
            return place
        assert self.councillors is not None
        for key in (place.ward_code, _ward_key(place.ward, place.council), _ward_key(place.ward)):
            if key and key in self.councillors:
                return {"Ward": place.ward, "Council": place.council, **self.councillors[key]}
        return (
            f"ward {place.ward!r} ({place.council}) is not in {COUNCILLORS_FILE}: add a row for it"
        )


def _mp(place: Place | str, mps: Mapping[str, Member | str]) -> Mapping[str, str] | str:
    """The MP columns for a place, or the reason there are none."""
    if isinstance(place, str):
        return place
    member = mps[place.constituency]
    if isinstance(member, str):
        return member
    return dict(zip(MP_COLUMNS, _mp_values(member), strict=True))


def _mp_values(member: Member) -> tuple[str, ...]:
    return (member.name, member.full_title, member.salutation, member.constituency, member.party)


def _filled(
    table: spreadsheet.Table, finder: _Finder, outcomes: Mapping[int, Mapping[str, str] | str]
) -> tuple[spreadsheet.Table, LookupCounts]:
    """The table with the outcomes written in; a non-empty cell always keeps its value."""
    headers = {label: _header(table, label) for label in (*finder.columns, STATUS)}
    new_headers = tuple(h for h in headers.values() if h not in table.headers)
    rows, counts = [], {"filled": 0, "kept": 0, "not_found": 0}
    for row in table.rows:
        outcome = outcomes[row.number]
        values = dict(row.values)
        if isinstance(outcome, str):
            status, counted = NOT_FOUND + outcome, "not_found"
        else:
            status, counted = (FOUND, "filled") if outcome else (KEPT, "kept")
            for label, value in outcome.items():
                if not values.get(headers[label]):
                    values[headers[label]] = value
        values[headers[STATUS]] = status
        counts[counted] += 1
        rows.append(spreadsheet.Row(row.number, values))
    all_headers = table.headers + tuple(dict.fromkeys(new_headers))
    filled = spreadsheet.Table(
        table.path, all_headers, tuple(rows), table.blank_rows, table.mapping
    )
    return filled, LookupCounts(**counts)


def write_table(path: Path, table: spreadsheet.Table) -> None:
    """Write a table as CSV (Excel-safe) into `path`, a staged output (files.Outputs)."""
    lines = ([row.values.get(header, "") for header in table.headers] for row in table.rows)
    write_csv(path, table.headers, lines)


def _header(table: spreadsheet.Table, label: str) -> str:
    """The table's column for `label` (same name folded, or mapped), else `label` itself."""
    columns = table.columns_for(label)
    return columns[0] if len(columns) == 1 else label


def _postcode_column(table: spreadsheet.Table) -> str:
    """The postcode column; a DataError saying how to name it when there is none."""
    columns = table.columns_for("postcode")
    if len(columns) != 1:
        found = ", ".join(repr(h) for h in table.headers)
        raise DataError(
            Problem(
                "there is no postcode column: lookup needs each supporter's postcode",
                Location(path=table.path, row=1),
                f'name the column Postcode, or add --map "Postcode=<column>" (columns: {found})',
            )
        )
    return columns[0]


def _read_councillors(root: Path | None) -> tuple[tuple[str, ...], dict[str, dict[str, str]]]:
    """councillors.csv: its extra columns, and its rows by ward code or folded ward (+ council)."""
    folder = root or Path.cwd()
    path = folder / COUNCILLORS_FILE
    outside = containment.outside_reason(folder, COUNCILLORS_FILE, "the councillors file")
    if outside:
        raise DataError(Problem(outside, Location(path=path), containment.KEEP_INSIDE))
    if not path.is_file():
        raise DataError(
            Problem("there is no councillors file", Location(path=path), _COUNCILLORS_HINT)
        )
    table = spreadsheet.read_table(path)
    ward, name = table.column_for("Ward"), table.column_for("Councillor name")
    if ward is None or name is None:
        raise DataError(
            Problem("it needs the columns Ward and Councillor name", Location(path=path, row=1),
                    _COUNCILLORS_HINT)
        )  # fmt: skip
    council = table.column_for("Council")
    extra = tuple(h for h in table.headers if h not in (ward, name, council))
    index: dict[str, dict[str, str]] = {}
    for row in table.rows:
        values = {"Councillor name": row.values.get(name, "")} | {h: row.values[h] for h in extra}
        text = row.values.get(ward, "").strip()
        key = (
            text.upper()
            if _WARD_CODE.fullmatch(text.upper())
            else _ward_key(text, row.values.get(council, "") if council else "")
        )
        index.setdefault(key, values)  # several councillors for a ward: the first is written to
    return extra, index


def _ward_key(ward: str, council: str = "") -> str:
    """A ward's key in the councillors index: its folded name, and its council's when given."""
    return fold_name(ward) + ("|" + fold_name(council) if council.strip() else "")
