"""Tests for UK postcodes, Royal Mail address lines, forms of address and the window fit."""

from __future__ import annotations

import pytest

from printkit.postal import (
    HOUSE_OF_COMMONS,
    PostcodeError,
    normalise_postcode,
    postal_lines,
    recipient_lines,
)
from printkit.render import measure as textwidth
from printkit.render.measure import lines_that_fit, window_problem

# The DL window zone (x 22-98, y 52-82 mm on the page), in mm.
WINDOW_WIDTH, WINDOW_HEIGHT = 76, 30


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("sw1a1aa", "SW1A 1AA"),
        (" ec1a 1bb ", "EC1A 1BB"),
        ("GIR0AA", "GIR 0AA"),
        ("gir 0aa", "GIR 0AA"),
        ("M1 1AE", "M1 1AE"),  # A9
        ("b338th", "B33 8TH"),  # A99
        ("CR2 6XH", "CR2 6XH"),  # AA9
        ("DN55 1PT", "DN55 1PT"),  # AA99
        ("W1A 0AX", "W1A 0AX"),  # A9A
        ("n1c4aa", "N1C 4AA"),  # A9A
        ("EC1A1BB", "EC1A 1BB"),  # AA9A
        ("sw1a\u00a00aa", "SW1A 0AA"),  # a no-break space from a web form
        ("  ls1   4ap ", "LS1 4AP"),
    ],
)
def test_normalise_postcode_gives_royal_mail_form(raw: str, expected: str) -> None:
    assert normalise_postcode(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "XYZ 123",
        "SW1A",
        "12345",
        "SW1A 1AAA",
        "QA1 1AA",
        "VA1 1AA",
        "XA1 1AA",
        "AJ1 1AA",
        "A1I 1AA",
        "AA1C 1AA",
        "SW1A-1AA",
    ],
)
def test_invalid_postcodes_say_so(raw: str) -> None:
    with pytest.raises(PostcodeError) as caught:
        normalise_postcode(raw)
    assert caught.value.reason == str(caught.value)
    assert f"{raw!r} is not a valid UK postcode" in caught.value.reason


@pytest.mark.parametrize("letter", list("CIKMOV"))
def test_inward_code_never_uses_c_i_k_m_o_v(letter: str) -> None:
    with pytest.raises(PostcodeError, match="never C, I, K, M, O or V"):
        normalise_postcode(f"SW1A 1A{letter}")
    with pytest.raises(PostcodeError, match="not a valid UK postcode"):
        normalise_postcode(f"SW1A 1{letter}A")


def test_inward_code_allows_the_other_letters() -> None:
    assert normalise_postcode("SW1A 1AB") == "SW1A 1AB"
    assert normalise_postcode("sw1a 1zz") == "SW1A 1ZZ"


@pytest.mark.parametrize(
    ("raw", "place"),
    [("JE2 3AB", "Jersey"), ("gy1 1aa", "Guernsey"), ("IM1 2AB", "Isle of Man")],
)
def test_crown_dependencies_have_no_mp(raw: str, place: str) -> None:
    with pytest.raises(PostcodeError) as caught:
        normalise_postcode(raw)
    assert caught.value.reason == (
        f"{raw!r} is a {place} postcode: the Crown Dependencies"
        " (Jersey, Guernsey, Isle of Man) have no MP"
    )


def test_bfpo_and_empty_postcodes_are_refused_with_a_reason() -> None:
    with pytest.raises(PostcodeError, match="'BFPO 123' is a British Forces"):
        normalise_postcode("BFPO 123")
    with pytest.raises(PostcodeError, match="the postcode is empty"):
        normalise_postcode("   ")


def test_postal_lines_follow_royal_mail_order() -> None:
    lines = postal_lines(["  12  High   Street ", "", "   ", "Flat 2"], " leeds ", "ls14ap")
    assert lines == ("12 High Street", "Flat 2", "LEEDS", "LS1 4AP")


def test_postal_lines_drop_empty_town_and_a_town_repeated_in_the_address() -> None:
    assert postal_lines(["1 Main Road"], "", "m1 1ae") == ("1 Main Road", "M1 1AE")
    assert postal_lines(["1 Main Road", "Leeds", "LS1 4AP"], "Leeds", "LS14AP") == (
        "1 Main Road",
        "LEEDS",
        "LS1 4AP",
    )


def test_postal_lines_refuse_an_invalid_postcode() -> None:
    with pytest.raises(PostcodeError):
        postal_lines(["1 Main Road"], "Leeds", "LS1")


def test_recipient_lines_for_an_mp_default_to_the_house_of_commons() -> None:
    assert HOUSE_OF_COMMONS == ("House of Commons", "LONDON", "SW1A 0AA")
    assert recipient_lines("mp", "Jo Bloggs", []) == ("Jo Bloggs MP", *HOUSE_OF_COMMONS)
    assert recipient_lines("mp", "Jo Bloggs MP", HOUSE_OF_COMMONS)[0] == "Jo Bloggs MP"
    assert recipient_lines("mp", " Jo  Bloggs ", ["Constituency Office", "LEEDS", "LS1 4AP"]) == (
        "Jo Bloggs MP",
        "Constituency Office",
        "LEEDS",
        "LS1 4AP",
    )


def test_recipient_lines_for_councillors_and_others() -> None:
    hall = ["Town Hall", "LEEDS", "LS1 1UR"]
    assert recipient_lines("councillor", "Sam Lee", hall) == ("Cllr Sam Lee", *hall)
    assert recipient_lines("councillor", "Cllr Sam Lee", hall)[0] == "Cllr Sam Lee"
    assert recipient_lines("councillor", "Councillor Sam Lee", hall)[0] == "Councillor Sam Lee"
    assert recipient_lines("other", "The Editor", ["", "Leeds News"]) == (
        "The Editor",
        "Leeds News",
    )
    with pytest.raises(ValueError, match="unknown recipient kind 'mayor'"):
        recipient_lines("mayor", "A", [])


def test_window_holds_five_lines_at_11pt_and_six_at_10pt() -> None:
    assert lines_that_fit(WINDOW_HEIGHT, 11) == 5
    assert lines_that_fit(WINDOW_HEIGHT, 10) == 6


def test_window_fits_a_five_line_block_at_11pt() -> None:
    block = ("Jo Bloggs MP", *HOUSE_OF_COMMONS, "Extra line")
    assert window_problem(block, WINDOW_WIDTH, WINDOW_HEIGHT, sizes_pt=(11,)) is None


def test_window_falls_back_to_10pt_for_six_lines() -> None:
    block = ("A", "B", "C", "D", "E", "F")
    assert window_problem(block, WINDOW_WIDTH, WINDOW_HEIGHT, sizes_pt=(11,)) is not None
    assert window_problem(block, WINDOW_WIDTH, WINDOW_HEIGHT) is None


def test_window_rejects_seven_lines() -> None:
    block = ("A", "B", "C", "D", "E", "F", "G")
    assert window_problem(block, WINDOW_WIDTH, WINDOW_HEIGHT) == (
        "the address has 7 lines; the envelope window holds at most 6 at 10 pt"
    )


def test_window_rejects_a_line_too_wide_even_at_10pt() -> None:
    long_line = "Flat 12, The Very Long Building Name Of Somewhere"
    problem = window_problem(["Jo Bloggs", long_line], WINDOW_WIDTH, WINDOW_HEIGHT)
    width = textwidth.text_width_mm(long_line, 10)
    assert width > WINDOW_WIDTH
    assert problem is not None
    assert problem.startswith("address line 'Flat 12, The Very Long Building Name ...' is ")
    assert problem.endswith(" mm wide at 10 pt; the envelope window is 76 mm")


def test_window_accepts_a_line_that_fits_only_at_10pt() -> None:
    line = "x" * 60
    while textwidth.text_width_mm(line, 10) > WINDOW_WIDTH:
        line = line[:-1]
    assert textwidth.text_width_mm(line, 11) > WINDOW_WIDTH
    assert window_problem([line], WINDOW_WIDTH, WINDOW_HEIGHT) is None
    assert "at 11 pt" in (window_problem([line], WINDOW_WIDTH, WINDOW_HEIGHT, (11,)) or "")


def test_text_width_scales_with_size_and_weight() -> None:
    regular = textwidth.text_width_mm("House of Commons", 10)
    assert 25 < regular < 35
    assert textwidth.text_width_mm("House of Commons", 20) == pytest.approx(2 * regular)
    assert textwidth.text_width_mm("House of Commons", 10, weight=700) > regular
    assert textwidth.text_width_mm("", 10) == 0


def test_text_width_loads_the_font_once() -> None:
    assert textwidth.metrics(400) is textwidth.metrics(400)


def test_a_glyph_missing_from_the_font_is_not_free() -> None:
    average = textwidth.metrics().average / 1000 * 10 * textwidth.PT_TO_MM
    assert textwidth.text_width_mm("東", 10) == pytest.approx(average)


def test_text_width_refuses_a_weight_that_is_not_bundled() -> None:
    with pytest.raises(ValueError, match="not 300"):
        textwidth.font_files(300)
