"""People at the same address on one label: `Jo Bloggs and Sam Bloggs`, `The Bloggs household`."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from printkit.mail.outcomes import Addressed
from printkit.names import plain


def address_key(letter: Addressed) -> tuple[str, ...]:
    """The sender's address, folded: the same home however its lines were typed."""
    return tuple(plain(line) for line in letter.sender.lines)


def household_name(names: Sequence[str]) -> str:
    """One name for everyone at an address.

    One or two people are named (`Jo Bloggs and Sam Smith`); past two, a shared surname
    makes `The Bloggs household`; different surnames keep the first row's person and
    say the rest live there too: `Jo Bloggs and household`.
    """
    if len(names) <= 2:
        return " and ".join(names)
    surnames = {plain(name.split()[-1]) for name in names if name.split()}
    if len(surnames) == 1:
        return f"The {names[0].split()[-1]} household"
    return f"{names[0]} and household"


def groups(letters: Sequence[Addressed]) -> list[list[Addressed]]:
    """The letters by household (the same address), in the order of each one's first row."""
    homes: dict[tuple[str, ...], list[Addressed]] = {}
    for letter in letters:
        homes.setdefault(address_key(letter), []).append(letter)
    return list(homes.values())


def one_for(people: Sequence[Addressed]) -> Addressed:
    """The first row's letter, its sender named for everyone in the household."""
    names = list(dict.fromkeys(person.sender.name for person in people))
    first = people[0]
    return dataclasses.replace(
        first, sender=dataclasses.replace(first.sender, name=household_name(names))
    )
