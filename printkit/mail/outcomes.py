"""Supporters' rows to addressed letters: who writes, to whom, or why a row is rejected."""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from printkit import postal
from printkit.campaign import placeholders
from printkit.campaign.model import Campaign
from printkit.errors import DataError, Problem
from printkit.mail import duplicates, status
from printkit.mail.headers import ADDRESS_FIELDS, OPT_OUT_FIELD, TRUE_VALUES
from printkit.mail.spreadsheet import Row, Table
from printkit.names import fold, shows, without_controls
from printkit.profiles import PROFILES

SENDER_NAME = "Your name"
POSTCODE = "Postcode"
OPTED_OUT = "asked not to be posted to"
# Why rows are rejected, for the summary line: kind -> (one, many).
KINDS: dict[str, tuple[str, str]] = {
    "duplicate": ("duplicate", "duplicates"),
    "opt-out": (OPTED_OUT, OPTED_OUT),
    "empty": ("required field empty", "required fields empty"),
    "postcode": ("postcode not valid", "postcodes not valid"),
    "lookup": ("MP not found", "MPs not found"),
    "window": ("address too long for the window", "addresses too long for the window"),
    "fit": ("address too long to print", "addresses too long to print"),
    # The preflight, on the laid-out page (render/preflight.py):
    "glyph": ("value no font can draw", "values no font can draw"),
    "page": (
        "value that does not fit its place on the page",
        "values that do not fit their places on the page",
    ),
    "other": ("other reason", "other reasons"),
}
_WIDE_GAP = re.compile(r" {2,}")  # Mailchimp's address cells put two spaces between parts
_HOME_COUNTRY = frozenset({"gb", "uk", "united kingdom", "great britain"})


@dataclass(frozen=True)
class Sender:
    """The supporter writing the letter: name, postal lines (postcode last) and postcode."""

    name: str
    lines: tuple[str, ...]
    postcode: str


@dataclass(frozen=True)
class Reject:
    """A row that makes no letter, and why."""

    row: Row
    reason: str
    column: str | None = None
    kind: str = "other"  # a key of KINDS, for the summary line


def sender_of(table: Table, row: Row) -> Sender:
    """The sender of a row; raises postal.PostcodeError when the postcode is not valid."""
    lines: list[str] = []
    for key in ADDRESS_FIELDS:
        lines.extend(address_lines(table.value(row, key)))
    postcode = postal.normalise_postcode(table.value(row, "postcode"))
    address = postal.postal_lines(lines, table.value(row, "town"), postcode)
    return Sender(postal.clean_line(table.value(row, "your name")), address, postcode)


def address_lines(cell: str) -> list[str]:
    """The lines of an address cell: one a line, or Mailchimp's parts two spaces apart."""
    lines = cell.splitlines()
    if len(lines) == 1 and len(parts := [p for p in _WIDE_GAP.split(cell) if p.strip()]) >= 3:
        lines = parts[:-1] if parts[-1].strip().casefold() in _HOME_COUNTRY else parts
    return lines


@dataclass(frozen=True)
class Addressed:
    """One accepted row: who writes, the window block, and the letter's placeholder values."""

    row: Row
    sender: Sender
    recipient_lines: tuple[str, ...]
    values: Mapping[str, str]  # folded placeholder label -> value

    @property
    def recipient(self) -> str:
        return self.recipient_lines[0] if self.recipient_lines else ""


@dataclass(frozen=True)
class Mailing:
    """Every row of a spreadsheet, accounted for: a letter or a reject with its reason."""

    table: Table
    letters: tuple[Addressed, ...]
    rejects: tuple[Reject, ...]
    rows_read: int
    warnings: tuple[Problem, ...] = ()  # near-duplicates, for the organiser to check

    @property
    def blank_rows(self) -> int:
        return self.table.blank_rows


CLEAR_PRINT = PROFILES["clear"]


def recipient_label(campaign: Campaign) -> str:
    """The placeholder naming the recipient: `MP name` for a letter to an MP."""
    return postal.RECIPIENT_LABELS[campaign.letter.to]


def letter_labels(campaign: Campaign) -> tuple[str, ...]:
    """The letter's placeholders plus the fields its layout prints, without repeats."""
    labels = [recipient_label(campaign), SENDER_NAME, *placeholders.find(campaign.letter.text)]
    seen: dict[str, str] = {}
    for label in labels:
        seen.setdefault(fold(label), label)
    return tuple(seen.values())


def check_columns(campaign: Campaign, table: Table) -> None:
    """Raise DataError when the spreadsheet cannot fill the letter at all."""
    needed = (recipient_label(campaign), SENDER_NAME, POSTCODE)
    missing = [label for label in needed if table.column_for(label) is None]
    if not missing:
        return
    found = ", ".join(repr(h) for h in table.headers) or "none"
    problems = [
        Problem(
            f"no column for [{label}]",
            hint=f"columns found: {found}; name a column {label!r}, "
            f'or say which one to use with --map "{label}=COLUMN"',
        )
        for label in missing
    ]
    raise DataError([Problem(f"{table.path.name} cannot fill the letter", hint=None), *problems])


def prepare(
    campaign: Campaign,
    table: Table,
    rows: range | None = None,
    *,
    keep_duplicates: bool = False,
) -> Mailing:
    """Address every row in `rows` (all by default), or reject it with the reason.

    Whether the recipient's block fits the envelope window is the preflight's to say, on
    the laid-out letter (products/letter.py), not a guess made here. The same person twice
    is rejected as a duplicate of the first row, unless `keep_duplicates`; a person who
    opted out in one row is not written to from another.
    """
    check_columns(campaign, table)
    chosen = [row for row in table.rows if rows is None or row.number in rows]
    letters: list[Addressed] = []
    rejects: list[Reject] = []
    for row in chosen:
        outcome = address_row(campaign, table, row)
        if isinstance(outcome, Addressed):
            letters.append(outcome)
        else:
            rejects.append(outcome)
    return screen(Mailing(table, tuple(letters), tuple(rejects), len(chosen)), keep_duplicates)


def screen(mailing: Mailing, keep_duplicates: bool = False) -> Mailing:
    """Reject repeats of a person and every letter to one who opted out; warn of near ones."""
    table, rejects = mailing.table, list(mailing.rejects)
    opted: dict[duplicates.Person, int] = {}
    for reject in mailing.rejects:
        who = _person_of_row(table, reject.row) if reject.kind == "opt-out" else None
        if who is not None:
            opted.setdefault(who, reject.row.number)
    letters = []
    for letter in mailing.letters:
        out_in = opted.get(_person(letter.sender))
        if out_in is None:
            letters.append(letter)
        else:
            reason = f"{OPTED_OUT} (in row {out_in})"
            rejects.append(Reject(letter.row, reason, table.column_for(OPT_OUT_FIELD), "opt-out"))
    found = duplicates.find((letter.row.number, _person(letter.sender)) for letter in letters)
    kept = []
    for letter in letters:
        first = found.duplicates.get(letter.row.number)
        if first is None or keep_duplicates:
            kept.append(letter)
        else:
            rejects.append(Reject(letter.row, f"duplicate of row {first}", kind="duplicate"))
    rejects.sort(key=lambda reject: reject.row.number)
    warnings = tuple(duplicates.near_warnings(found, table.path))
    return dataclasses.replace(mailing, letters=tuple(kept), rejects=tuple(rejects),
                               warnings=warnings)  # fmt: skip


def _person(sender: Sender) -> duplicates.Person:
    return duplicates.person(sender.name, sender.postcode, sender.lines)


def _person_of_row(table: Table, row: Row) -> duplicates.Person | None:
    """The person of a row that makes no letter, when its name and postcode can be read."""
    try:
        return _person(sender_of(table, row))
    except postal.PostcodeError:
        return None


def opted_out(table: Table, row: Row) -> str | None:
    """The opt-out column (`Do not mail`, `Unsubscribed`...) saying yes for `row`, if any."""
    for column in table.every_column_for(OPT_OUT_FIELD):
        if row.values.get(column, "").strip().casefold() in TRUE_VALUES:
            return column
    return None


def address_row(campaign: Campaign, table: Table, row: Row) -> Addressed | Reject:
    """One row as an addressed letter, or the first reason it cannot be one."""
    said_no = opted_out(table, row)
    if said_no:
        return Reject(row, OPTED_OUT, said_no, "opt-out")
    not_found = status.rejection(table, row)  # `printkit lookup` found no one to write to
    if not_found:
        return Reject(row, f"lookup: {not_found}", status.STATUS, "lookup")
    for label in (recipient_label(campaign), SENDER_NAME, POSTCODE):
        value = table.value(row, label)
        if not shows(value):
            why = " (it holds only spaces, controls or invisible characters)" if value else ""
            return Reject(row, f"[{label}] is empty{why}", table.column_for(label), "empty")
    try:
        sender = sender_of(table, row)
    except postal.PostcodeError as error:
        return Reject(row, error.reason, table.column_for(POSTCODE), "postcode")
    name = table.value(row, recipient_label(campaign))
    lines = postal.recipient_lines(campaign.letter.to, name, campaign.letter.recipient_address)
    values = {
        fold(label): without_controls(table.value(row, label)) for label in letter_labels(campaign)
    }
    return Addressed(row, sender, lines, values)


def summary(mailing: Mailing, made: str, rejects_path: str | None, count: int = -1) -> str:
    """`36 letters, 4 rows rejected (3 duplicates, 1 postcode not valid; see rejects.csv)`.

    `count` is how many were made when that is not one per accepted row (households).
    """
    made_count = len(mailing.letters) if count < 0 else count
    parts = [_count(made_count, made)]
    if made_count != len(mailing.letters):
        parts[0] += f" for {_count(len(mailing.letters), 'row')}"
    rejected = _count(len(mailing.rejects), "row") + " rejected"
    if mailing.rejects:
        why = reasons(mailing.rejects) + (f"; see {rejects_path}" if rejects_path else "")
        rejected += f" ({why})"
    parts.append(rejected)
    if mailing.blank_rows:
        parts.append(_count(mailing.blank_rows, "blank row") + " skipped")
    return ", ".join(parts)


def reasons(rejects: Iterable[Reject]) -> str:
    """How many rejects of each kind, most first: `3 duplicates, 1 postcode not valid`."""
    counts = Counter(reject.kind for reject in rejects)
    return ", ".join(
        f"{n} {KINDS.get(kind, KINDS['other'])[n != 1]}" for kind, n in counts.most_common()
    )


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
