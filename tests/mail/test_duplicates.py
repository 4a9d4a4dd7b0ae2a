"""The same person twice, and people who asked not to be posted to."""

from __future__ import annotations

import csv
import io
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from printkit import campaign
from printkit.mail import outcomes, spreadsheet

HEADERS = ["First name", "Surname", "Address 1", "Town", "Postcode", "MP name", "Do not mail"]


@pytest.fixture(scope="module")
def example() -> campaign.Campaign:
    return campaign.load(None)


def table(path: Path, rows: list[list[str]], headers: list[str] = HEADERS) -> spreadsheet.Table:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows([headers, *rows])
    path.write_bytes(buffer.getvalue().encode("utf-8"))
    return spreadsheet.read_table(path)


def row(first: str, last: str, street: str = "1 Church Lane", postcode: str = "LS1 1AA",
        opt_out: str = "") -> list[str]:  # fmt: skip
    return [first, last, street, "Leeds", postcode, "Alex Sobel", opt_out]


def test_the_same_person_twice_is_a_duplicate_of_the_first_row(example, tmp_path) -> None:
    rows = [row("Siobhán", "O’Brien"), row("Jo", "Bloggs"),
            row("SIOBHAN", "o’brien", "1 church  lane", "ls11aa")]  # fmt: skip
    mailing = outcomes.prepare(example, table(tmp_path / "s.csv", rows))
    assert [letter.row.number for letter in mailing.letters] == [2, 3]
    (reject,) = mailing.rejects
    assert (reject.row.number, reject.reason, reject.kind) == (4, "duplicate of row 2", "duplicate")
    assert len(mailing.letters) + len(mailing.rejects) == mailing.rows_read == 3


def test_keep_duplicates_prints_both(example, tmp_path) -> None:
    rows = [row("Jo", "Bloggs"), row("Jo", "Bloggs")]
    mailing = outcomes.prepare(example, table(tmp_path / "s.csv", rows), keep_duplicates=True)
    assert [letter.row.number for letter in mailing.letters] == [2, 3]
    assert not mailing.rejects


def test_a_near_duplicate_is_printed_and_both_rows_named(example, tmp_path) -> None:
    rows = [row("Jo", "Bloggs"), row("Sam", "Smith"), row("Jo", "Bloggs", "2 Mill Road")]
    mailing = outcomes.prepare(example, table(tmp_path / "s.csv", rows))
    assert len(mailing.letters) == 3
    (warning,) = mailing.warnings
    assert "rows 2 and 4 have the same name and postcode but different addresses" in str(warning)
    assert "s.csv" in str(warning)


@pytest.mark.parametrize("header", ["Do not mail", "Opted out", "Unsubscribed", "No post",
                                    "do_not_mail", "NO-POST"])  # fmt: skip
@pytest.mark.parametrize("value", ["yes", "Y", "TRUE", "1", "x", " Yes "])
def test_an_opt_out_column_rejects_the_row(example, tmp_path, header: str, value: str) -> None:
    headers = [*HEADERS[:-1], header]
    rows = [row("Jo", "Bloggs", opt_out=value), row("Sam", "Smith", opt_out="no")]
    mailing = outcomes.prepare(example, table(tmp_path / "s.csv", rows, headers))
    assert [letter.row.number for letter in mailing.letters] == [3]
    (reject,) = mailing.rejects
    assert (reject.row.number, reject.reason, reject.column, reject.kind) == (
        2, "asked not to be posted to", header, "opt-out")  # fmt: skip


@pytest.mark.parametrize("value", ["", "no", "N", "false", "0", "maybe"])
def test_other_values_do_not_opt_out(example, tmp_path, value: str) -> None:
    mailing = outcomes.prepare(example, table(tmp_path / "s.csv", [row("Jo", "B", opt_out=value)]))
    assert len(mailing.letters) == 1


def test_map_names_the_opt_out_column(example, tmp_path) -> None:
    headers = [*HEADERS[:-1], "Post OK? (tick to refuse)"]
    path = tmp_path / "s.csv"
    table(path, [row("Jo", "Bloggs", opt_out="x")], headers)
    mapped = spreadsheet.read_table(path, {"Do not mail": "Post OK? (tick to refuse)"})
    (reject,) = outcomes.prepare(example, mapped).rejects
    assert reject.reason == "asked not to be posted to"


def test_an_opt_out_in_any_row_covers_every_row_of_that_person(example, tmp_path) -> None:
    rows = [row("Jo", "Bloggs"), row("jo", "BLOGGS", opt_out="yes"), row("Sam", "Smith")]
    mailing = outcomes.prepare(example, table(tmp_path / "s.csv", rows))
    assert [letter.row.number for letter in mailing.letters] == [4]
    assert [(r.row.number, r.reason) for r in mailing.rejects] == [
        (2, "asked not to be posted to (in row 3)"),
        (3, "asked not to be posted to"),
    ]


def test_the_summary_counts_each_reason(example, tmp_path) -> None:
    rows = [row("Jo", "Bloggs"), row("Jo", "Bloggs"), row("Al", "Ng", opt_out="y"),
            row("Bo", "Li", postcode="LS1 XYZ"), row("Cy", "Wu")]  # fmt: skip
    mailing = outcomes.prepare(example, table(tmp_path / "s.csv", rows))
    assert outcomes.summary(mailing, "letter", "rejects.csv") == (
        "2 letters, 3 rows rejected (1 duplicate, 1 asked not to be posted to,"
        " 1 postcode not valid; see rejects.csv)"
    )


# -- properties ---------------------------------------------------------------------------

NAME = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéèáñöüçŵŷ", min_size=1, max_size=12)
ACCENTS = {"e": "é", "a": "á", "o": "ö", "u": "ü", "n": "ñ", "c": "ç", "w": "ŵ", "y": "ŷ"}


def variant(name: str, upper: bool, accent: bool, spaces: bool) -> str:
    """`name` as another person typing it might: other case, accents and spacing."""
    if accent:
        base = "".join(ch for ch in unicodedata.normalize("NFKD", name)
                       if not unicodedata.combining(ch))  # fmt: skip
        name = "".join(ACCENTS.get(ch, ch) for ch in base)
    if upper:
        name = name.upper()
    return f"  {' '.join(name)} " if spaces else name


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(first=NAME, last=NAME, upper=st.booleans(), accent=st.booleans(), spaces=st.booleans())
def test_duplicates_are_found_whatever_the_case_accents_and_spacing(
    example, tmp_path_factory, first, last, upper, accent, spaces
) -> None:
    again = row(variant(first, upper, accent, spaces), variant(last, upper, accent, spaces))
    rows = [row(first, last), row("Zed", "Other"), again]
    path = tmp_path_factory.mktemp("dup") / "s.csv"
    mailing = outcomes.prepare(example, table(path, rows))
    assert [(r.row.number, r.reason) for r in mailing.rejects] == [(4, "duplicate of row 2")]


CELL = st.sampled_from(["", "Jo", "Bloggs", "jo", "BLOGGS", "Siân", "1 Church Lane", "x", "yes"])
POSTCODE = st.sampled_from(["LS1 1AA", "ls11aa", "LS1 XYZ", "", "JE2 3AB", "CF10 1AA"])


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.tuples(CELL, CELL, CELL, POSTCODE, CELL, CELL), min_size=1,
                     max_size=12), keep=st.booleans())  # fmt: skip
def test_every_row_is_a_letter_or_a_reject(example, tmp_path_factory, rows, keep) -> None:
    cells = [[a, b, street, "Leeds", code, mp, out] for a, b, street, code, mp, out in rows]
    path = tmp_path_factory.mktemp("rows") / "s.csv"
    written = table(path, cells)
    mailing = outcomes.prepare(example, written, keep_duplicates=keep)
    numbers = [letter.row.number for letter in mailing.letters]
    numbers += [reject.row.number for reject in mailing.rejects]
    assert len(mailing.letters) + len(mailing.rejects) == mailing.rows_read == len(written.rows)
    assert sorted(numbers) == [r.number for r in written.rows]  # each row exactly once
