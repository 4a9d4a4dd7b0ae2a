"""Rows to letters: every row is a letter or a reject with its reason, never lost."""

from __future__ import annotations

from pathlib import Path

import pytest
import supporters

from printkit import campaign
from printkit.errors import DataError
from printkit.mail import outcomes as mailing
from printkit.mail import spreadsheet as records


@pytest.fixture(scope="module")
def example() -> campaign.Campaign:
    return campaign.load(None)


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [("cp1252", ","), ("utf-8-sig", ","), ("utf-8-sig", ";"), ("utf-16", "\t")],
)
def test_excel_export_gives_38_letters_and_2_rejects(
    example: campaign.Campaign, tmp_path: Path, encoding: str, delimiter: str
) -> None:
    path = supporters.write(tmp_path / "s.csv", supporters.supporters(), encoding, delimiter)
    result = mailing.prepare(example, records.read_table(path))
    assert (len(result.letters), len(result.rejects), result.blank_rows) == (38, 2, 1)
    assert len(result.letters) + len(result.rejects) == result.rows_read == 40
    reasons = {r.row.number: (r.column, r.reason) for r in result.rejects}
    assert reasons[7] == ("Postcode", "'LS1 XYZ' is not a valid UK postcode")
    assert reasons[12] == ("MP name", "[MP name] is empty")
    first = result.letters[0]
    assert first.sender.name == "Sam0 O’Brien0"
    assert first.sender.lines == ("1 Church Lane", "LEEDS", "LS1 0AB")
    assert first.recipient_lines == ("Alex Sobel0 MP", "House of Commons", "LONDON", "SW1A 0AA")
    assert first.values["mpname"] == "Alex Sobel0"


def test_html_in_a_value_is_kept_as_text(example: campaign.Campaign, tmp_path: Path) -> None:
    path = supporters.write(tmp_path / "s.csv", supporters.supporters())
    result = mailing.prepare(example, records.read_table(path))
    row21 = next(letter for letter in result.letters if letter.row.number == 21)
    assert row21.sender.lines[0] == "<b>Flat 2</b> <img src=x>"


def test_rows_range_counts_only_the_rows_asked_for(example, tmp_path: Path) -> None:
    path = supporters.write(tmp_path / "s.csv", supporters.supporters())
    result = mailing.prepare(example, records.read_table(path), range(5, 13))
    assert [letter.row.number for letter in result.letters] == [5, 6, 8, 9, 10, 11]
    assert [reject.row.number for reject in result.rejects] == [7, 12]
    assert result.rows_read == 8


LONG_ADDRESS = "[Room 1, Civic Centre, Town Hall Square, Floor 2, SPRINGFIELD, SP1 1AA]"


def write_csv(path: Path, text: str) -> records.Table:
    path.write_text(text, encoding="utf-8")
    return records.read_table(path)


def test_plain_envelopes_have_no_window_limit(make_campaign, tmp_path) -> None:
    folder = make_campaign(
        "title: T\nletter:\n  to: councillor\n  window: none\n  text: letter.md\n"
        f"  recipient_address: {LONG_ADDRESS}\n",
        "Dear [Councillor name],\n",
    )
    table = write_csv(tmp_path / "s.csv", "Name,Postcode,Councillor name\nJo,LS1 1AA,Smith\n")
    assert len(mailing.prepare(campaign.load(folder), table).letters) == 1


def test_crown_dependency_postcode_is_rejected(example, tmp_path: Path) -> None:
    table = write_csv(tmp_path / "s.csv", "Name,Postcode,MP name\nJo,JE2 3AB,Someone\n")
    (reject,) = mailing.prepare(example, table).rejects
    assert "Jersey" in reject.reason and "no MP" in reject.reason


def test_failed_lookup_rejects_the_row(example, tmp_path: Path) -> None:
    table = write_csv(
        tmp_path / "s.csv",
        "Name,Postcode,MP name,Lookup status\n"
        "Jo,JE2 3AB,,not found: Jersey has no MP\nAl,LS1 1AA,Someone,found\n",
    )
    result = mailing.prepare(example, table)
    assert [r.reason for r in result.rejects] == ["lookup: Jersey has no MP"]
    assert len(result.letters) == 1


def test_a_csv_that_cannot_fill_the_letter_names_what_it_found(example, tmp_path) -> None:
    table = write_csv(tmp_path / "s.csv", "Email,Phone\na@b.c,123\n")
    with pytest.raises(DataError) as caught:
        mailing.prepare(example, table)
    text = str(caught.value)
    assert "s.csv cannot fill the letter" in text
    for label in ("[MP name]", "[Your name]", "[Postcode]"):
        assert f"no column for {label}" in text
    assert "columns found: 'Email', 'Phone'" in text and '--map "MP name=COLUMN"' in text


def test_summary_line(example, tmp_path: Path) -> None:
    path = supporters.write(tmp_path / "s.csv", supporters.supporters())
    result = mailing.prepare(example, records.read_table(path))
    assert mailing.summary(result, "letter", "rejects.csv") == (
        "38 letters, 2 rows rejected (1 postcode not valid, 1 required field empty; see"
        " rejects.csv), 1 blank row skipped"
    )
