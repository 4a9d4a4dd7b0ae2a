"""Households on one label, and the orders letters can be printed in."""

from __future__ import annotations

import pytest

from printkit.mail.households import household_name
from printkit.mail.ordering import postcode_key


@pytest.mark.parametrize(
    ("names", "label"),
    [
        (["Jo Bloggs"], "Jo Bloggs"),
        (["Jo Bloggs", "Sam Bloggs"], "Jo Bloggs and Sam Bloggs"),
        (["Jo Bloggs", "Sam Smith"], "Jo Bloggs and Sam Smith"),
        (["Jo Bloggs", "Sam Bloggs", "Al BLOGGS"], "The Bloggs household"),
        (["Jo Bloggs", "Sam Smith", "Al Jones"], "Jo Bloggs and household"),
        (["Siân Öztürk", "Ali Ozturk", "Cem Öztürk"], "The Öztürk household"),
    ],
)
def test_household_names(names: list[str], label: str) -> None:
    assert household_name(names) == label


def test_postcodes_sort_as_a_sorting_office_reads_them() -> None:
    codes = ["LS10 1AA", "LS2 9ZZ", "B1 1AA", "LS2 1AB", "EC1A 1BB", "LS1 1AA", "E1 6AN"]
    assert sorted(codes, key=postcode_key) == [
        "B1 1AA", "E1 6AN", "EC1A 1BB", "LS1 1AA", "LS2 1AB", "LS2 9ZZ", "LS10 1AA",
    ]  # fmt: skip
