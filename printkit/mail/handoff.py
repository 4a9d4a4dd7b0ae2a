"""Print-and-post services: where each wants the address, its limits, its recipients CSV.

Nothing is uploaded: printkit writes the files, the organiser uploads them.

- Pingen (help.pingen.com/en/templates-and-postal-requirements/letter-standards): A4
  pages, at most 8 MB a file, at most 500 pages a letter to the United Kingdom; the
  address in its address area (paper.WINDOWS["pingen"]), read from the page itself.
- Stannp: its recipients take firstname, lastname, address1..3, city, postcode and
  country (Stannp's recipients API, stannp.com/us/direct-mail-api/recipients). Its letter
  template's address-zone dimensions are shown in its own designer and were not in the
  published material printkit was checked against, so Stannp letters keep the Royal
  Mail DL window zone (paper.WINDOWS["dl"]); check one proof in Stannp's designer first.
- generic: the DL window zone and a plain recipients list, for any other service.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from printkit.mail.outcomes import Addressed

MB = 1024 * 1024


@dataclass(frozen=True)
class Address:
    """A letter's recipient as a service's upload names the parts."""

    name: str
    lines: tuple[str, ...]  # between the name and the town, at most three
    town: str
    postcode: str


def recipient_of(letter: Addressed) -> Address:
    """The recipient's block taken apart: name first, postcode last, post town before it."""
    name, *middle = letter.recipient_lines
    postcode = middle.pop() if middle else ""
    town = middle.pop() if middle else ""
    return Address(name, tuple(middle), town, postcode)


def _split_name(name: str) -> list[str]:
    first, _, rest = name.partition(" ")
    return [first, rest]


def _lines(address: Address, count: int = 3) -> list[str]:
    lines = [*address.lines[: count - 1], ", ".join(address.lines[count - 1 :])]
    return (lines + [""] * count)[:count]


Row = Callable[[str, Address], list[str]]  # (the letter's file name, its address) -> cells


@dataclass(frozen=True)
class Service:
    """A print-and-post service: its window zone, limits and recipients CSV."""

    name: str
    window: str  # a key of paper.WINDOWS
    max_pages: int  # a letter's pages at most
    max_bytes: int  # one file at most; 0: no limit known
    columns: tuple[str, ...]
    row: Row


SERVICES: dict[str, Service] = {
    "pingen": Service(
        "Pingen", "pingen", 500, 8 * MB,
        ("file", "name", "address line 1", "address line 2", "address line 3", "city",
         "postcode", "country"),
        lambda file, a: [file, a.name, *_lines(a), a.town, a.postcode, "GB"],
    ),
    "stannp": Service(
        "Stannp", "dl", 0, 0,
        ("file", "firstname", "lastname", "address1", "address2", "address3", "city",
         "postcode", "country"),
        lambda file, a: [file, *_split_name(a.name), *_lines(a), a.town, a.postcode, "GB"],
    ),
    "generic": Service(
        "generic", "dl", 0, 0,
        ("file", "name", "address 1", "address 2", "address 3", "town", "postcode"),
        lambda file, a: [file, a.name, *_lines(a), a.town, a.postcode],
    ),
}  # fmt: skip


def recipients(
    service: Service, files: Sequence[str], letters: Sequence[Addressed]
) -> list[list[str]]:
    """The recipients CSV's rows: one a letter, in the letters' order."""
    return [
        service.row(file, recipient_of(letter)) for file, letter in zip(files, letters, strict=True)
    ]
