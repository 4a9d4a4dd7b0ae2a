"""The order letters are printed in: the spreadsheet's, by recipient or by postcode; bundles."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from typing import Any

from printkit.mail.outcomes import Addressed, Mailing
from printkit.names import plain

_OUTWARD = re.compile(r"([A-Z]+)(\d+)([A-Z]?)")


def postcode_key(postcode: str) -> tuple[Any, ...]:
    """Postcodes in the order a sorting office reads them: `LS2 1AA` before `LS10 1AA`."""
    outward, _, inward = postcode.partition(" ")
    match = _OUTWARD.fullmatch(outward)
    if not match:
        return (postcode, 0, "", inward)
    return (match[1], int(match[2]), match[3], inward)


SORTS: dict[str, Callable[[Addressed], tuple[Any, ...]]] = {
    "row": lambda letter: (letter.row.number,),
    "recipient": lambda letter: (plain(letter.recipient), letter.recipient_lines,
                                 letter.row.number),
    "postcode": lambda letter: (postcode_key(letter.sender.postcode), letter.row.number),
}  # fmt: skip
BUNDLES = ("recipient",)


def ordered(mailing: Mailing, sort: str = "row", bundle: str | None = None) -> Mailing:
    """The mailing's letters sorted, then (with `bundle`) grouped by recipient."""
    letters = sorted(mailing.letters, key=SORTS[sort])
    if bundle:
        letters = [letter for _, group in by_recipient(letters) for letter in group]
    return dataclasses.replace(mailing, letters=tuple(letters))


def by_recipient(
    letters: Sequence[Addressed],
) -> list[tuple[tuple[str, ...], list[Addressed]]]:
    """The letters grouped by their recipient's whole block, groups in order of first letter."""
    groups: dict[tuple[str, ...], list[Addressed]] = {}
    for letter in letters:
        groups.setdefault(letter.recipient_lines, []).append(letter)
    return list(groups.items())
