"""UK postal rules: postcodes, Royal Mail address lines and forms of address."""

from __future__ import annotations

import re
from collections.abc import Sequence

from printkit.names import without_controls

HOUSE_OF_COMMONS: tuple[str, ...] = ("House of Commons", "LONDON", "SW1A 0AA")

# The letters allowed in each position of a UK postcode (Royal Mail / ONS rules).
_AREA_1 = "ABCDEFGHIJKLMNOPRSTUWYZ"  # first letter: not Q, V, X
_AREA_2 = "ABCDEFGHKLMNOPQRSTUVWXY"  # second letter: not I, J, Z
_DISTRICT_A9A = "ABCDEFGHJKPSTUW"  # the letter ending an A9A district
_DISTRICT_AA9A = "ABEHMNPRVWXY"  # the letter ending an AA9A district
_UNIT = "ABDEFGHJLNPQRSTUWXYZ"  # the two inward letters: not C, I, K, M, O, V

_OUTWARD = re.compile(
    rf"[{_AREA_1}][0-9]{{1,2}}"
    rf"|[{_AREA_1}][{_AREA_2}][0-9]{{1,2}}"
    rf"|[{_AREA_1}][0-9][{_DISTRICT_A9A}]"
    rf"|[{_AREA_1}][{_AREA_2}][0-9][{_DISTRICT_AA9A}]"
)
_INWARD = re.compile(r"[0-9][A-Z]{2}")
_CROWN_DEPENDENCIES = {"JE": "Jersey", "GY": "Guernsey", "IM": "Isle of Man"}
_NO_MP = "the Crown Dependencies (Jersey, Guernsey, Isle of Man) have no MP"

# The placeholder naming the recipient, by who the letter goes to.
RECIPIENT_LABELS = {"mp": "MP name", "councillor": "Councillor name", "other": "Recipient name"}
# Forms of address: the title a recipient's name carries, and where it goes.
_MP_SUFFIX = " MP"
_COUNCILLOR_TITLES = ("cllr", "councillor")


class PostcodeError(ValueError):
    """Raised when a postcode is not a valid UK postcode with an MP; `reason` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def normalise_postcode(raw: str) -> str:
    """The postcode in Royal Mail form, `sw1a1aa` -> `SW1A 1AA`; PostcodeError when invalid."""
    compact = "".join(raw.split()).upper()
    shown = " ".join(raw.split())
    if not compact:
        raise PostcodeError("the postcode is empty")
    if compact.startswith("BFPO"):
        raise PostcodeError(
            f"{shown!r} is a British Forces (BFPO) address: an MP letter needs the home postcode"
        )
    if compact == "GIR0AA":
        return "GIR 0AA"
    outward, inward = compact[:-3], compact[-3:]
    place = _CROWN_DEPENDENCIES.get(outward[:2])
    if place and outward[2:].isdigit():
        raise PostcodeError(f"{shown!r} is a {place} postcode: {_NO_MP}")
    if not (_OUTWARD.fullmatch(outward) and _INWARD.fullmatch(inward)):
        raise PostcodeError(f"{shown!r} is not a valid UK postcode")
    if any(letter not in _UNIT for letter in inward[1:]):
        raise PostcodeError(
            f"{shown!r} is not a valid UK postcode: its last two letters are never"
            " C, I, K, M, O or V (check for a 0 typed as O)"
        )
    return f"{outward} {inward}"


def clean_line(text: str) -> str:
    """One address line with its whitespace collapsed and any control character dropped."""
    return " ".join(without_controls(text).split())


def postal_lines(address: Sequence[str], town: str, postcode: str) -> tuple[str, ...]:
    """Royal Mail order: address lines, the post town in capitals, then the postcode."""
    code = normalise_postcode(postcode)
    post_town = clean_line(town).upper()
    lines = [clean_line(line) for line in address]
    # Drop empty lines, and a town or postcode repeated in the address lines.
    repeated = {post_town.casefold(), code.casefold(), "".join(code.split()).casefold()}
    kept = [line for line in lines if line and line.casefold() not in repeated]
    return (*kept, *([post_town] if post_town else []), code)


def recipient_lines(to: str, name: str, address: Sequence[str]) -> tuple[str, ...]:
    """The recipient block: the name in its form of address, then the address lines."""
    name = clean_line(name)
    lines = tuple(kept for kept in (clean_line(line) for line in address) if kept)
    if to == "mp":
        if name and not name.upper().endswith(_MP_SUFFIX):
            name += _MP_SUFFIX
        lines = lines or HOUSE_OF_COMMONS
    elif to == "councillor":
        first_word = name.split(" ", 1)[0].rstrip(".").casefold()
        if name and first_word not in _COUNCILLOR_TITLES:
            name = f"Cllr {name}"
    elif to != "other":
        raise ValueError(f"unknown recipient kind {to!r}: expected mp, councillor or other")
    return (name, *lines) if name else lines
