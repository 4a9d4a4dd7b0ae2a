"""The same supporter twice: exact duplicates become rejects, near ones a warning."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from printkit.errors import Location, Problem
from printkit.names import plain


@dataclass(frozen=True)
class Person:
    """Who a row is, as duplicates are compared: name, postcode and first address line."""

    name: str  # folded: case, accents, spaces and punctuation ignored
    postcode: str  # normalised: `SW1A 1AA`
    street: str  # the first address line, folded like the name


def person(name: str, postcode: str, lines: Sequence[str]) -> Person:
    """The Person of a row whose sender has `name`, `postcode` and postal `lines`."""
    street = lines[0] if len(lines) > 1 else ""  # the last line is always the postcode
    return Person(plain(name), postcode, plain(street))


@dataclass(frozen=True)
class Found:
    """Each later row that repeats an earlier one: duplicates and near-duplicates."""

    duplicates: dict[int, int]  # row number -> the row it repeats
    near: list[tuple[int, int]]  # (earlier row, later row): same name and postcode only


def find(people: Iterable[tuple[int, Person]]) -> Found:
    """Compare every row with the rows before it, in the order given."""
    first: dict[Person, int] = {}
    by_name: dict[tuple[str, str], list[tuple[int, str]]] = {}
    found = Found({}, [])
    for number, who in people:
        if who in first:
            found.duplicates[number] = first[who]
            continue
        first[who] = number
        seen = by_name.setdefault((who.name, who.postcode), [])
        found.near.extend((earlier, number) for earlier, street in seen if street != who.street)
        seen.append((number, who.street))
    return found


def near_warnings(found: Found, path: Path) -> list[Problem]:
    """A warning naming both rows of each near-duplicate, so the organiser can check them."""
    where = Location(path=path)
    return [
        Problem(
            f"rows {earlier} and {later} have the same name and postcode but different "
            "addresses: both are printed",
            where,
            "if they are one person who moved, delete the row with the old address",
        )
        for earlier, later in found.near
    ]
