"""A supporters' spreadsheet row by row, as the web page shows it, and the letter's own fields.

`report` says what each row becomes (a letter, or a reject with the reason and the column)
and which column fills each field, the guess `--map` overrides; `fields` lists what a
supporter fills in to make their own letter. Nothing is rendered or written.
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from printkit.api.common import load
from printkit.campaign import placeholders
from printkit.campaign.model import Campaign
from printkit.errors import DataError, Location, Problem
from printkit.mail import outcomes, outputs, spreadsheet, status
from printkit.names import fold
from printkit.profiles import CLEAR, Look

# The sender's fields as a form or the column matching names them, in the letter's order.
SENDER_LABELS = ("Your name", "Address 1", "Address 2", "Address 3", "Town", "Postcode")
REQUIRED = (outcomes.SENDER_NAME, outcomes.POSTCODE)  # with the recipient's name
recipient_label = outcomes.recipient_label
ON_THE_FORM = ("Your name", "Address 1", "Address 2", "Town", "Postcode")  # a supporter's own


@dataclass(frozen=True)
class Match:
    """A field the letter needs and the column that fills it (None: none found)."""

    label: str
    column: str | None
    mapped: bool  # chosen by the organiser, not guessed


@dataclass(frozen=True)
class RowOutcome:
    """One row: who, and whether it makes a letter or why not."""

    number: int
    name: str
    postcode: str
    recipient: str
    reason: str = ""  # empty: a letter
    column: str | None = None  # the column the reason concerns
    warnings: tuple[str, ...] = ()

    @property
    def letter(self) -> bool:
        return not self.reason


@dataclass(frozen=True)
class Report:
    """Every row of a spreadsheet accounted for, the column matching, and what stops it all."""

    headers: tuple[str, ...]
    matches: tuple[Match, ...]
    rows: tuple[RowOutcome, ...]
    summary: str = ""
    problems: tuple[Problem, ...] = ()  # the spreadsheet cannot be read, or cannot fill the letter


@dataclass(frozen=True)
class Field:
    """Something a supporter writes into their letter: a line, or a box for their own words."""

    label: str
    box: bool = False
    required: bool = False


def read_upload(
    name: str, data: bytes, mapping: Mapping[str, str] | None = None
) -> spreadsheet.Table:
    """An uploaded spreadsheet, read as a CSV file named `name` would be; no copy is kept."""
    with tempfile.TemporaryDirectory(prefix="printkit-upload-") as folder:
        path = Path(folder) / (Path(name).name or "supporters.csv")
        path.write_bytes(data)
        table = spreadsheet.read_table(path, mapping)
    return table


def labels(campaign: Campaign) -> tuple[str, ...]:
    """The fields a spreadsheet fills: the letter's placeholders, then the sender's address."""
    seen: dict[str, str] = {}
    for label in (*outcomes.letter_labels(campaign), *SENDER_LABELS):
        seen.setdefault(fold(label), label)
    return tuple(seen.values())


def report(location: Path | None, table: spreadsheet.Table, look: Look = CLEAR) -> Report:
    """What each row of `table` becomes in this campaign's letters."""
    campaign, look = load(location, look, "letter")
    matches = tuple(
        Match(label, table.column_for(label), fold(label) in table.mapping)
        for label in labels(campaign)
    )
    try:
        mailing = outcomes.prepare(campaign, table)
    except DataError as error:
        return Report(table.headers, matches, (), "", error.problems)
    warnings: dict[int, list[str]] = {}
    for problem in (*spreadsheet.table_warnings(table), *mailing.warnings):
        if problem.where and problem.where.row is not None:
            warnings.setdefault(problem.where.row, []).append(
                f"column {problem.where.field!r}: {problem.message}"
            )
    label = outcomes.recipient_label(campaign)
    rejected = {reject.row.number: reject for reject in mailing.rejects}
    rows = []
    for row in table.rows:
        reject = rejected.get(row.number)
        rows.append(
            RowOutcome(row.number, table.value(row, "your name"), table.value(row, "postcode"),
                       table.value(row, label), reject.reason if reject else "",
                       reject.column if reject else None, tuple(warnings.get(row.number, ())))
        )  # fmt: skip
    return Report(table.headers, matches, tuple(rows), outcomes.summary(mailing, "letter", None))


def write_rejects(
    location: Path | None, data: Path, mapping: Mapping[str, str], target: Path
) -> int:
    """The rejects file `printkit letter --data` writes, without making the letters; its rows."""
    campaign, _ = load(location, CLEAR, "letter")
    table = spreadsheet.read_table(data, mapping)
    mailing = outcomes.prepare(campaign, table)
    outputs.write_rejects(target, table, mailing.rejects)
    return len(mailing.rejects)


def fields(location: Path | None) -> tuple[Field, ...]:
    """What a supporter fills in: name and address, the recipient, the letter's own blanks."""
    campaign, _ = load(location, CLEAR, "letter")
    recipient = outcomes.recipient_label(campaign)
    required = {fold(label) for label in (*REQUIRED, recipient)}
    found: dict[str, Field] = {}
    for label in (*ON_THE_FORM, recipient):
        found[fold(label)] = Field(label, required=fold(label) in required)
    for token in placeholders.markdown().parse(campaign.letter.text):
        for item in [token, *(token.children or [])]:
            if item.type in ("placeholder", "placeholder_box"):
                label = str(item.meta["label"])
                found.setdefault(fold(label), Field(label, box=item.type == "placeholder_box"))
    return tuple(found.values())


def looked_up(
    location: Path | None, name: str, data: bytes, mapping: Mapping[str, str], use_cache: bool
) -> tuple[bytes, str]:
    """The spreadsheet with each row's MP (or councillor) found from its postcode, and a summary.

    What `printkit lookup` does, in memory: only the postcodes leave this computer. A
    ServiceError when a service cannot be reached; nothing is kept on disk either way.
    """
    from printkit.lookup import fill  # the network: only here

    campaign, _ = load(location)
    table = read_upload(name, data, mapping)
    filled, counts = fill.fill_table(
        table, recipient=campaign.letter.to, campaign_root=campaign.root, use_cache=use_cache
    )
    with tempfile.TemporaryDirectory(prefix="printkit-lookup-") as folder:
        target = Path(folder) / "looked-up.csv"
        fill.write_table(target, filled)
        result = target.read_bytes()
    who = "councillor" if campaign.letter.to == "councillor" else "MP"
    return result, counts.summary(who)


def recipient_for(location: Path | None, postcode: str) -> str:
    """The name a letter from `postcode` goes to (its MP, or its councillor), asked afresh.

    Only the postcode is sent, and no answer is cached. A DataError says why no one was
    found; a ServiceError that the services cannot be reached.
    """
    from printkit.lookup import fill  # the network: only here

    campaign, _ = load(location)
    label = outcomes.recipient_label(campaign)
    row = spreadsheet.Row(2, {"Postcode": postcode, label: ""})
    table = spreadsheet.Table(Path("the form"), ("Postcode", label), (row,))
    filled, _ = fill.fill_table(
        table, recipient=campaign.letter.to, campaign_root=campaign.root, use_cache=False
    )
    found = filled.rows[0]
    reason = status.rejection(filled, found)
    name = filled.value(found, label)
    if reason or not name:
        raise DataError(Problem(reason or "no one was found for this postcode",
                                Location(field=outcomes.POSTCODE)))  # fmt: skip
    return name
