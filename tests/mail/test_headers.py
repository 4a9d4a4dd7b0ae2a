"""Header names as real exports write them: each platform's CSV fills the sender's fields."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from printkit import campaign
from printkit.mail import outcomes, spreadsheet
from printkit.mail.headers import SENDER_FIELDS


@pytest.fixture(scope="module")
def example() -> campaign.Campaign:
    return campaign.load(None)


def export(path: Path, rows: list[list[str]], encoding: str = "utf-8", newline: str = "\n",
           delimiter: str = ",") -> Path:  # fmt: skip
    """Write `rows` (headers first) as a platform would: its encoding and line ends."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator=newline).writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def first_letter(example: campaign.Campaign, path: Path) -> outcomes.Addressed:
    mailing = outcomes.prepare(example, spreadsheet.read_table(path))
    assert not mailing.rejects, [r.reason for r in mailing.rejects]
    return mailing.letters[0]


# Each export as its platform writes it: the headers, the kind of values, the encoding.
EXPORTS = {
    # Google Forms -> Sheets -> File > Download > CSV: UTF-8 without BOM, the questions
    # as the organiser wrote them, a Timestamp first.
    "google-forms": ("utf-8", "\r\n", [
        ["Timestamp", "Email address", "First name", "Surname", "Address line 1",
         "Address line 2", "Town/City", "Postcode", "MP name"],
        ["01/12/2026 10:31:02", "jo@example.org", "Siân", "Bloggs", "12 Heol y Frenhines",
         "", "Caerdydd", "cf10 1aa", "Jo Stevens"],
    ]),
    # Microsoft Forms -> Open in Excel -> Save As CSV on Windows: cp1252, CRLF.
    "microsoft-forms": ("cp1252", "\r\n", [
        ["ID", "Start time", "Completion time", "Email", "Name", "Street address", "City",
         "Post code", "MP name"],
        ["1", "12/1/26 10:31:02", "12/1/26 10:33:40", "jo@example.org", "Siân Bloggs",
         "12 Queen’s Road", "Cardiff", "CF10 1AA", "Jo Stevens"],
    ]),
    # Action Network report download: its own field names.
    "action-network": ("utf-8", "\n", [
        ["uuid", "first_name", "last_name", "email", "zip_code", "can2_user_address",
         "can2_user_city", "can2_state_abbreviated", "can2_country", "MP name"],
        ["a1b2", "Siân", "Bloggs", "jo@example.org", "CF10 1AA", "12 Queen's Road",
         "Cardiff", "", "GB", "Jo Stevens"],
    ]),
    # NationBuilder people export: the home address as address_address1, _city, _zip.
    "nationbuilder": ("utf-8", "\n", [
        ["nationbuilder_id", "first_name", "last_name", "email", "address_address1",
         "address_address2", "address_city", "address_zip", "address_country_code",
         "MP name"],
        ["101", "Siân", "Bloggs", "jo@example.org", "12 Queen's Road", "Flat 3", "Cardiff",
         "CF10 1AA", "GB", "Jo Stevens"],
    ]),
    # CiviCRM contact export: field labels as headers, privacy flags as 1 or 0.
    "civicrm": ("utf-8", "\n", [
        ["Contact ID", "First Name", "Last Name", "Street Address", "Supplemental Address 1",
         "City", "Postal Code", "Do Not Mail", "MP name"],
        ["7", "Siân", "Bloggs", "12 Queen's Road", "Flat 3", "Cardiff", "CF10 1AA", "0",
         "Jo Stevens"],
    ]),
    # Mailchimp audience export: the address in one cell, parts two spaces apart.
    "mailchimp": ("utf-8", "\n", [
        ["Email Address", "First Name", "Last Name", "Address", "Phone Number", "Postcode",
         "MEMBER_RATING", "OPTIN_TIME", "MP name"],
        ["jo@example.org", "Siân", "Bloggs", "12 Queen's Road  Cardiff    CF10 1AA  GB", "",
         "CF10 1AA", "2", "2026-01-02 10:00:00", "Jo Stevens"],
    ]),
}  # fmt: skip


@pytest.mark.parametrize("platform", EXPORTS)
def test_each_platform_export_fills_the_sender(example, tmp_path: Path, platform: str) -> None:
    encoding, newline, rows = EXPORTS[platform]
    letter = first_letter(example, export(tmp_path / f"{platform}.csv", rows, encoding, newline))
    assert letter.sender.name == "Siân Bloggs"
    assert letter.sender.postcode == "CF10 1AA"
    town = letter.sender.lines[-2].upper()  # Mailchimp's cell has no town of its own
    assert (town, letter.sender.lines[-1]) in (("CARDIFF", "CF10 1AA"), ("CAERDYDD", "CF10 1AA"))
    assert letter.sender.lines[0] in ("12 Queen's Road", "12 Queen’s Road", "12 Heol y Frenhines")
    assert "GB" not in letter.sender.lines
    assert letter.recipient == "Jo Stevens MP"


def test_mailchimp_address_cell_becomes_lines(example, tmp_path: Path) -> None:
    _, _, rows = EXPORTS["mailchimp"]
    letter = first_letter(example, export(tmp_path / "mc.csv", rows))
    assert letter.sender.lines == ("12 Queen's Road", "Cardiff", "CF10 1AA")


def test_a_double_space_typed_by_hand_is_not_a_line_break(example, tmp_path: Path) -> None:
    rows = [["Name", "Address 1", "Town", "Postcode", "MP name"],
            ["Jo Bloggs", "12  Church Lane", "Leeds", "LS1 1AA", "Alex Sobel"]]  # fmt: skip
    letter = first_letter(example, export(tmp_path / "s.csv", rows))
    assert letter.sender.lines == ("12 Church Lane", "LEEDS", "LS1 1AA")


@pytest.mark.parametrize(
    ("first", "last"),
    [("First name", "Surname"), ("Forename", "Surname"), ("Given name", "Family name"),
     ("First name", "Family name"), ("First Name", "Last Name"), ("forename", "last_name")],
)  # fmt: skip
def test_a_british_export_with_first_name_and_surname_works(
    example, tmp_path: Path, first: str, last: str
) -> None:
    rows = [[first, last, "Address line 1", "Post town", "Post code", "MP name"],
            ["Jo", "Bloggs", "1 Church Lane", "Leeds", "ls1 1aa", "Alex Sobel"]]  # fmt: skip
    path = export(tmp_path / "s.csv", rows, "cp1252", "\r\n")
    letter = first_letter(example, path)
    assert letter.sender.name == "Jo Bloggs"
    assert letter.values["yourname"] == "Jo Bloggs"  # [Your name] in the letter text too
    assert letter.sender.lines == ("1 Church Lane", "LEEDS", "LS1 1AA")


@pytest.mark.parametrize("name", ["Full name", "Name", "Your name"])
def test_whole_name_columns(example, tmp_path: Path, name: str) -> None:
    rows = [[name, "Street", "City", "Zip", "MP name"],
            ["Jo Bloggs", "1 Church Lane", "Leeds", "LS1 1AA", "Alex Sobel"]]  # fmt: skip
    assert first_letter(example, export(tmp_path / "s.csv", rows)).sender.name == "Jo Bloggs"


def test_house_number_and_street_make_the_first_line(example, tmp_path: Path) -> None:
    rows = [["Name", "House number", "Street", "Town", "Postcode", "MP name"],
            ["Jo Bloggs", "12", "Church Lane", "Leeds", "LS1 1AA", "Alex Sobel"]]  # fmt: skip
    letter = first_letter(example, export(tmp_path / "s.csv", rows))
    assert letter.sender.lines == ("12 Church Lane", "LEEDS", "LS1 1AA")


def test_a_zip_column_is_still_checked_as_a_uk_postcode(example, tmp_path: Path) -> None:
    rows = [["Name", "Zip", "MP name"], ["Jo", "ls11aa", "Alex Sobel"],
            ["Al", "90210", "Alex Sobel"]]  # fmt: skip
    mailing = outcomes.prepare(example, spreadsheet.read_table(export(tmp_path / "s.csv", rows)))
    assert mailing.letters[0].sender.postcode == "LS1 1AA"
    (reject,) = mailing.rejects
    assert (reject.row.number, reject.column, reject.kind) == (3, "Zip", "postcode")
    assert reject.reason == "'90210' is not a valid UK postcode"


def test_every_alias_the_issue_names_is_in_the_table() -> None:
    needed = {
        "your name": ["Surname", "Family name", "Last name", "Forename", "Given name",
                      "First name", "Full name", "Name"],
        "address 1": ["Street address", "Address line 1", "House number + Street"],
        "address 2": ["Address line 2"],
        "address 3": ["Address line 3"],
        "town": ["City", "Town/City", "Post town"],
        "postcode": ["Post code", "Postcode", "Zip"],
        "do not mail": ["Do not mail", "Opted out", "Unsubscribed", "No post"],
    }  # fmt: skip
    for field, names in needed.items():
        written = " | ".join(SENDER_FIELDS[field])
        for name in names:
            assert name in written, (field, name)
