"""Supporters' rows to addressed letters: who writes, to whom, or why a row is rejected."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from printkit import paper, postal
from printkit.campaign import placeholders
from printkit.campaign.model import Campaign
from printkit.errors import DataError, Problem
from printkit.mail import status
from printkit.mail.spreadsheet import ADDRESS_FIELDS, Row, Table
from printkit.names import fold
from printkit.profiles import PROFILES, Profile
from printkit.render import measure

SENDER_NAME = "Your name"
POSTCODE = "Postcode"


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


def sender_of(table: Table, row: Row) -> Sender:
    """The sender of a row; raises postal.PostcodeError when the postcode is not valid."""
    lines: list[str] = []
    for key in ADDRESS_FIELDS:
        lines.extend(table.value(row, key).splitlines())
    postcode = postal.normalise_postcode(table.value(row, "postcode"))
    address = postal.postal_lines(lines, table.value(row, "town"), postcode)
    return Sender(postal.clean_line(table.value(row, "your name")), address, postcode)


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
    campaign: Campaign, table: Table, rows: range | None = None, profile: Profile = CLEAR_PRINT
) -> Mailing:
    """Address every row in `rows` (all by default), or reject it with the reason.

    `profile` sets the type sizes the recipient's block must fit the envelope window at.
    """
    check_columns(campaign, table)
    chosen = [row for row in table.rows if rows is None or row.number in rows]
    letters: list[Addressed] = []
    rejects: list[Reject] = []
    for row in chosen:
        outcome = address_row(campaign, table, row, profile)
        if isinstance(outcome, Addressed):
            letters.append(outcome)
        else:
            rejects.append(outcome)
    return Mailing(table, tuple(letters), tuple(rejects), len(chosen))


def address_row(
    campaign: Campaign, table: Table, row: Row, profile: Profile = CLEAR_PRINT
) -> Addressed | Reject:
    """One row as an addressed letter, or the first reason it cannot be one."""
    not_found = status.rejection(table, row)  # `printkit lookup` found no one to write to
    if not_found:
        return Reject(row, f"lookup: {not_found}", status.STATUS)
    for label in (recipient_label(campaign), SENDER_NAME, POSTCODE):
        if not table.value(row, label):
            return Reject(row, f"[{label}] is empty", table.column_for(label))
    try:
        sender = sender_of(table, row)
    except postal.PostcodeError as error:
        return Reject(row, error.reason, table.column_for(POSTCODE))
    name = table.value(row, recipient_label(campaign))
    lines = postal.recipient_lines(campaign.letter.to, name, campaign.letter.recipient_address)
    problem = _window_problem(campaign, lines, profile)
    if problem:
        return Reject(row, problem, table.column_for(recipient_label(campaign)))
    values = {fold(label): table.value(row, label) for label in letter_labels(campaign)}
    return Addressed(row, sender, lines, values)


def _window_problem(campaign: Campaign, lines: Iterable[str], profile: Profile) -> str | None:
    """Why the recipient block cannot show through the envelope window, if it cannot."""
    window = paper.WINDOWS[campaign.letter.window]
    if window.name == "none":
        return None
    return measure.window_problem(
        list(lines), window.width, window.height, profile.window_sizes, profile.window_line_height
    )


def summary(mailing: Mailing, made: str, rejects_path: str | None) -> str:
    """`36 letters, 4 rows rejected (see rejects.csv), 1 blank row skipped`."""
    parts = [_count(len(mailing.letters), made)]
    rejected = _count(len(mailing.rejects), "row") + " rejected"
    if mailing.rejects and rejects_path:
        rejected += f" (see {rejects_path})"
    parts.append(rejected)
    if mailing.blank_rows:
        parts.append(_count(mailing.blank_rows, "blank row") + " skipped")
    return ", ".join(parts)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
