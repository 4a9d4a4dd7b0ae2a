"""Tests for reading supporters' spreadsheets and writing Excel-safe CSV files."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from printkit.cli.options import parse_map, parse_row_range
from printkit.errors import DataError, Location
from printkit.mail.outcomes import Reject, sender_of
from printkit.mail.outputs import write_csv, write_rejects
from printkit.mail.spreadsheet import Row, Table, read_table
from printkit.postal import PostcodeError

HEADERS = ["Name", "Address 1", "Address 2", "Town", "Postcode", "MP name"]
BLANK_AFTER = 10  # a blank line follows the 10th supporter, as people leave them


def supporters() -> list[list[str]]:
    """Forty supporters, as a typed-up sign-up sheet would have them."""
    rows = []
    for n in range(1, 41):
        name = f"Siobhán O’Brien {n}" if n % 5 == 0 else f"Jo Bloggs {n}"
        street = f"{n} Café Street" if n % 2 else f"Flat {n}\nRiverside House"
        rows.append([name, street, "", "leeds", f"ls{n % 9 + 1}4ap", f"Ann Other {n}"])
    return rows


def sheet_text(delimiter: str = ",", newline: str = "\r\n") -> str:
    """The supporters as CSV text, with one blank row, as a spreadsheet exports them."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=newline)
    writer.writerow(HEADERS)
    for n, row in enumerate(supporters(), start=1):
        writer.writerow(row)
        if n == BLANK_AFTER:
            writer.writerow([""] * len(HEADERS))
    return buffer.getvalue()


def write(tmp_path: Path, name: str, data: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


VARIANTS = {
    "excel-windows.csv": lambda: sheet_text().encode("cp1252"),
    "utf8-bom.csv": lambda: sheet_text(newline="\n").encode("utf-8-sig"),
    "utf16.csv": lambda: sheet_text().encode("utf-16"),
    "utf16-be.csv": lambda: b"\xfe\xff" + sheet_text().encode("utf-16-be"),
    "semicolon.csv": lambda: sheet_text(";").encode("utf-8"),
    "tabs.tsv": lambda: sheet_text("\t", "\n").encode("utf-8"),
}


@pytest.mark.parametrize("name", VARIANTS)
def test_every_export_reads_to_the_same_values(tmp_path: Path, name: str) -> None:
    data = VARIANTS[name]()
    if name == "excel-windows.csv":
        assert b"\x92" in data and b"\r\n" in data  # Excel's curly apostrophe, CRLF
    table = read_table(write(tmp_path, name, data))
    expected = [[value.strip() for value in row] for row in supporters()]
    assert table.headers == tuple(HEADERS)
    assert [[row.values[h] for h in HEADERS] for row in table.rows] == expected
    assert table.blank_rows == 1
    assert table.rows[4].values["Name"] == "Siobhán O’Brien 5"


def test_row_numbers_are_those_the_spreadsheet_shows(tmp_path: Path) -> None:
    table = read_table(write(tmp_path, "s.csv", sheet_text()))
    numbers = [row.number for row in table.rows]
    # Header is row 1; the blank row is row 12; embedded newlines do not count.
    assert numbers == [*range(2, 12), *range(13, 43)]
    assert str(table.where(table.rows[-1], "Postcode")).endswith("row 42, column 'Postcode'")


def test_values_and_headers_are_trimmed_and_blank_rows_counted(tmp_path: Path) -> None:
    path = write(tmp_path, "s.csv", " Name , Postcode \n  Jo  , sw1a1aa \n,\n , \n\nAl,M1 1AE\n")
    table = read_table(path)
    assert table.headers == ("Name", "Postcode")
    assert [row.values for row in table.rows] == [
        {"Name": "Jo", "Postcode": "sw1a1aa"},
        {"Name": "Al", "Postcode": "M1 1AE"},
    ]
    assert [row.number for row in table.rows] == [2, 6]
    assert table.blank_rows == 3


def test_placeholder_labels_match_folded_column_names(tmp_path: Path) -> None:
    table = read_table(write(tmp_path, "s.csv", "mp_name,Your Name\nAnn Other,Jo\n"))
    row = table.rows[0]
    assert table.value(row, "MP name") == "Ann Other"
    assert table.column_for("MP-Name") == "mp_name"
    assert row.get("mp name") == "Ann Other"
    assert table.value(row, "Your name") == "Jo"
    assert table.column_for("Constituency") is None
    assert table.value(row, "Constituency") == ""


@pytest.mark.parametrize(
    ("first", "last"),
    [("First name", "Last name"), ("Forename", "Surname"), ("Given name", "Family name")],
)
def test_sender_name_joins_first_and_last_names(tmp_path: Path, first: str, last: str) -> None:
    path = write(tmp_path, "s.csv", f"{first},{last},Post code\nJo,Bloggs,n1c4aa\n,Cher,M1 1AE\n")
    table = read_table(path)
    assert table.column_for("Your name") == f"{first} + {last}"
    assert [table.value(row, "your name") for row in table.rows] == ["Jo Bloggs", "Cher"]


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Full name", "your name"),
        ("Supporter name", "your name"),
        ("Address line 1", "address 1"),
        ("Address1", "address 1"),
        ("Street", "address 1"),
        ("Address", "address 1"),
        ("Post town", "town"),
        ("City", "town"),
        ("Town/City", "town"),
        ("Zip", "postcode"),
        ("Zip code", "postcode"),
        ("Postal code", "postcode"),
    ],
)
def test_sender_fields_are_found_under_common_names(
    tmp_path: Path, header: str, field: str
) -> None:
    table = read_table(write(tmp_path, "s.csv", f"{header}\nvalue\n"))
    assert table.column_for(field) == header
    assert table.value(table.rows[0], field) == "value"


def test_sender_of_builds_royal_mail_lines(tmp_path: Path) -> None:
    table = read_table(write(tmp_path, "s.csv", sheet_text()))
    sender = sender_of(table, table.rows[1])
    assert sender == type(sender)(
        "Jo Bloggs 2", ("Flat 2", "Riverside House", "LEEDS", "LS3 4AP"), "LS3 4AP"
    )


def test_sender_of_lets_a_bad_postcode_through_for_a_reject(tmp_path: Path) -> None:
    table = read_table(write(tmp_path, "s.csv", "Name,Postcode\nJo,JE2 3AB\n"))
    with pytest.raises(PostcodeError, match="Jersey"):
        sender_of(table, table.rows[0])


def test_map_overrides_any_guess(tmp_path: Path) -> None:
    path = write(tmp_path, "s.csv", "Name,Supporter,Zip,Home postcode\nA,Jo,X,m11ae\n")
    table = read_table(path, parse_map(["Your name=supporter", "Postcode = Home postcode"]))
    row = table.rows[0]
    assert table.column_for("Your name") == "Supporter"
    assert table.value(row, "your name") == "Jo"
    assert sender_of(table, row).postcode == "M1 1AE"


def test_map_to_a_missing_column_lists_the_columns_found(tmp_path: Path) -> None:
    path = write(tmp_path, "people.csv", "Name,Postcode\nJo,M1 1AE\n")
    with pytest.raises(DataError) as caught:
        read_table(path, {"Your name": "Supporter"})
    (problem,) = caught.value.problems
    assert problem.where == Location(path=path)
    assert problem.message == "--map Your name=Supporter: there is no column 'Supporter'"
    assert problem.hint == "the columns are: 'Name', 'Postcode'"
    assert "people.csv" in str(caught.value)


def test_parse_map_refuses_an_entry_without_equals() -> None:
    assert parse_map(["MP name = Member"]) == {"MP name": "Member"}
    with pytest.raises(ValueError, match="LABEL=COLUMN"):
        parse_map(["Your name"])


def test_duplicate_headers_are_an_error_naming_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "dup.csv", "Name,Postcode,Post code,name\nJo,a,b,c\n")
    with pytest.raises(DataError) as caught:
        read_table(path)
    same = "columns 'Postcode' and 'Post code' have the same name"
    assert [(p.where, p.message) for p in caught.value.problems] == [
        (Location(path, row=1, field="Post code"), same),
        (Location(path, row=1, field="name"), "columns 'Name' and 'name' have the same name"),
    ]
    assert "dup.csv: row 1, column 'Post code'" in str(caught.value)


def test_an_empty_first_row_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(DataError, match=r"empty\.csv: row 1: the first row is empty"):
        read_table(write(tmp_path, "empty.csv", ",,\nJo,M1 1AE,\n"))


def test_a_value_in_an_unnamed_column_is_an_error_with_its_row(tmp_path: Path) -> None:
    path = write(tmp_path, "s.csv", "Name,Postcode\nJo,M1 1AE\nAl,12 High St,M1 1AE\nBo,M1 1AE,\n")
    with pytest.raises(DataError) as caught:
        read_table(path)
    (problem,) = caught.value.problems
    assert problem.where == Location(path, row=3)
    assert problem.message == "column 3 holds a value but has no name in the first row"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("book.xlsx", b"PK\x03\x04rest-of-zip", "this is a spreadsheet workbook, not CSV"),
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1", "this is a spreadsheet workbook, not CSV"),
        ("image.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "this is not a text file"),
        ("empty.csv", b"  \r\n", "the file is empty"),
    ],
)
def test_unreadable_files_say_what_to_do(
    tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    with pytest.raises(DataError) as caught:
        read_table(write(tmp_path, name, data))
    (problem,) = caught.value.problems
    assert (problem.where, problem.message) == (Location(tmp_path / name), message)
    assert name in str(caught.value)
    assert "File > Save As > CSV UTF-8" in str(caught.value) or name == "empty.csv"


def test_a_missing_file_or_a_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="there is no such file\n    check the file name"):
        read_table(tmp_path / "nope.csv")
    with pytest.raises(DataError, match="this is a folder, not a CSV file"):
        read_table(tmp_path)


def test_excel_safe_writer_neutralises_formulas(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    values = ["=SUM(A1)", "+1", "-1", "@x", "\tTab", "plain", "O’Brien"]
    write_csv(path, ["Value", "n"], [[value, str(n)] for n, value in enumerate(values)])
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM, so Excel shows O’Brien right
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[1:6] == ["'=SUM(A1),0", "'+1,1", "'-1,2", "'@x,3", "'\tTab,4"]
    assert [row.values["Value"] for row in read_table(path).rows] == [
        "=SUM(A1)", "+1", "-1", "@x", "Tab", "plain", "O’Brien",
    ]  # fmt: skip
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]  # no temporary left behind


def test_rejects_keep_the_original_columns_with_row_and_reason(tmp_path: Path) -> None:
    table = Table(
        tmp_path / "in.csv",
        ("Name", "Reason"),
        (Row(2, {"Name": "Jo", "Reason": "=cmd"}), Row(5, {"Name": "Al", "Reason": ""})),
    )
    rejects = [
        Reject(table.rows[0], "'XYZ' is not a valid UK postcode", "Postcode"),
        Reject(table.rows[1], "the MP name is empty"),
    ]
    write_rejects(tmp_path / "rejects.csv", table, rejects)
    back = read_table(tmp_path / "rejects.csv")
    assert back.headers == ("Name", "Reason", "row", "reason (printkit)")
    assert [list(row.values.values()) for row in back.rows] == [
        ["Jo", "=cmd", "2", "column 'Postcode': 'XYZ' is not a valid UK postcode"],
        ["Al", "", "5", "the MP name is empty"],
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("5-40", range(5, 41)), ("7", range(7, 8)), (" 2 - 3 ", range(2, 4)), ("5–9", range(5, 10))],
)
def test_parse_row_range(text: str, expected: range) -> None:
    assert parse_row_range(text) == expected


def test_parse_row_range_open_ended_and_bad_text() -> None:
    open_ended = parse_row_range("5-")
    assert open_ended.start == 5 and 10_000_000 in open_ended and 4 not in open_ended
    with pytest.raises(ValueError, match="'five' is not a row range: write 5-40, 5- or 7"):
        parse_row_range("five")
    with pytest.raises(ValueError, match="row 1 holds the column names"):
        parse_row_range("1-4")
    with pytest.raises(ValueError, match="ends before it starts"):
        parse_row_range("9-3")
