"""Address blocks for labels and envelopes: whose lines, at what size, or why they do not fit."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from printkit import languages
from printkit.mail import households
from printkit.mail.outcomes import Addressed, Mailing, Reject
from printkit.render import measure

ADDRESSEES = ("recipient", "sender")  # the MP or councillor, or the supporter


@dataclass(frozen=True)
class Space:
    """Where an address block must fit: width and height in mm, the type sizes to try."""

    width: float
    height: float
    sizes: tuple[float, ...]
    line_height: float
    name: str  # for messages: "an L7160 label's writing area"


@dataclass(frozen=True)
class Block:
    """Lines of an address set at one type size."""

    lines: tuple[str, ...]
    size: float


def isolated(block: Block) -> Block:
    """The block with each line isolated as a value (languages.isolated), ready for the page."""
    return dataclasses.replace(block, lines=tuple(map(languages.isolated, block.lines)))


def lines_for(letter: Addressed, to: str) -> tuple[str, ...]:
    """The address of a row's recipient (as in the letter's window) or of its sender."""
    if to == "recipient":
        return letter.recipient_lines
    if to == "sender":
        return (letter.sender.name, *letter.sender.lines)
    raise ValueError(f"unknown addressee {to!r}: expected one of {ADDRESSEES}")


def fit(lines: Sequence[str], space: Space) -> Block | str:
    """The lines at the largest size that fits `space`, or why they fit at none."""
    for size in space.sizes:
        if _problem(lines, space, (size,)) is None:
            return Block(tuple(lines), size)
    return _problem(lines, space, space.sizes) or ""


def _problem(lines: Sequence[str], space: Space, sizes: Sequence[float]) -> str | None:
    return measure.window_problem(
        list(lines), space.width, space.height, sizes, space.line_height, space.name
    )


Fitter = Callable[[Addressed], tuple[Block, ...] | str]


def fitted(
    mailing: Mailing, fitter: Fitter, merge_households: bool = False
) -> tuple[Mailing, list[tuple[Block, ...]]]:
    """Each accepted row's blocks; a row whose address cannot fit becomes a reject.

    With `merge_households`, one block for everyone at an address; its rows all stay
    accepted (or are all rejected). The rejects stay in spreadsheet order, so the
    rejects file reads like the letters'.
    """
    kept: list[Addressed] = []
    blocks: list[tuple[Block, ...]] = []
    rejects = list(mailing.rejects)
    people = households.groups(mailing.letters) if merge_households else (
        [letter] for letter in mailing.letters)  # fmt: skip
    for group in people:
        outcome = fitter(households.one_for(group))
        if isinstance(outcome, str):
            rejects += [Reject(letter.row, outcome, kind="fit") for letter in group]
        else:
            kept += group
            blocks.append(outcome)
    rejects.sort(key=lambda reject: reject.row.number)
    return dataclasses.replace(mailing, letters=tuple(kept), rejects=tuple(rejects)), blocks
