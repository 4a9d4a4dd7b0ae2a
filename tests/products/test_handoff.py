"""Files for print-and-post services: one PDF a letter, the address in the zone, a CSV."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pdfplumber
import pytest
import readback

from printkit import api, paper
from printkit.mail import handoff

MM = 72 / 25.4
HEADERS = ["Name", "Address 1", "Town", "Postcode", "MP name"]


def write(path: Path, rows: list[list[str]]) -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows([HEADERS, *rows])
    path.write_bytes(buffer.getvalue().encode("cp1252"))
    return path


def read_csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


ROWS = [["Siân Bloggs", "12 Queen's Road", "Cardiff", "CF10 1AA", "Jo Stevens"],
        ["Sam Kaur", "3 Mill Road", "Leeds", "LS6 2AB", "Alex Sobel"]]  # fmt: skip


def words_in(page: pdfplumber.page.Page, left: float, top: float, right: float,
             bottom: float) -> list[str]:  # fmt: skip
    return [w["text"] for w in page.extract_words()
            if left <= w["x0"] / MM and w["x1"] / MM <= right
            and top <= w["top"] / MM and w["bottom"] / MM <= bottom]  # fmt: skip


def test_pingen_letters_put_the_address_in_its_address_area(tmp_path: Path) -> None:
    data = write(tmp_path / "s.csv", ROWS)
    outcome = api.letters(None, api.LetterRun(data, split=tmp_path / "out", jobs=1,
                                              date="1 May", service="pingen"))  # fmt: skip
    names = [w.path.name for w in outcome.written]
    assert names == ["2-Sian-Bloggs.pdf", "3-Sam-Kaur.pdf", "recipients.csv"]
    zone = paper.WINDOWS["pingen"]  # 22 mm from the left, 60 from the top, 85.5 x 25.5
    assert (zone.left, zone.top, zone.width, zone.height) == (22, 60, 85.5, 25.5)
    with pdfplumber.open(tmp_path / "out" / "2-Sian-Bloggs.pdf") as pdf:
        page = pdf.pages[0]
        assert (round(page.width / MM), round(page.height / MM)) == (210, 297)  # A4
        inside = words_in(page, zone.left - 0.1, zone.top, zone.left + zone.width,
                          zone.top + zone.height)  # fmt: skip
        assert " ".join(inside) == "Jo Stevens MP House of Commons LONDON SW1A 0AA"
        # Pingen's postage area (20 mm from the left, 40 from the top, 89.5 x 20) is empty.
        assert words_in(page, 20, 40, 109.5, 60) == []
    assert read_csv(tmp_path / "out" / "recipients.csv")[0] == {
        "file": "2-Sian-Bloggs.pdf", "name": "Jo Stevens MP",
        "address line 1": "House of Commons", "address line 2": "", "address line 3": "",
        "city": "LONDON", "postcode": "SW1A 0AA", "country": "GB",
    }  # fmt: skip


def test_stannp_recipients_csv_takes_its_field_names(tmp_path: Path) -> None:
    data = write(tmp_path / "s.csv", ROWS)
    api.letters(None, api.LetterRun(data, split=tmp_path / "out", jobs=1, service="stannp"))
    rows = read_csv(tmp_path / "out" / "recipients.csv")
    assert list(rows[1]) == ["file", "firstname", "lastname", "address1", "address2",
                             "address3", "city", "postcode", "country"]  # fmt: skip
    assert (rows[1]["firstname"], rows[1]["lastname"]) == ("Alex", "Sobel MP")
    assert rows[1]["file"] == "3-Sam-Kaur.pdf"


def test_a_six_line_address_shows_whole_in_the_service_zone(make_campaign, tmp_path) -> None:
    address = ["Room 1", "Civic Centre", "Town Hall Square", "SPRINGFIELD", "SP1 1AA"]
    folder = make_campaign(
        "title: T\nletter:\n  to: councillor\n  text: letter.md\n"
        f"  recipient_address: [{', '.join(address)}]\n",
        "Dear [Councillor name],\n",
    )
    data = tmp_path / "c.csv"
    data.write_text("Name,Postcode,Councillor name\nJo,LS1 1AA,Smith\nAl,LS1 1AB,Jones\n")
    # Pingen's address area is 25.5 mm tall: six lines fit it at 10 pt with tight leading.
    run = api.LetterRun(data, split=tmp_path / "p", jobs=1, service="pingen")
    assert api.letters(folder, run).summary == "2 letters, 0 rows rejected"
    zone = paper.WINDOWS["pingen"]
    box = (zone.left, zone.top, zone.width, zone.height)
    for letter in sorted((tmp_path / "p").glob("*.pdf")):
        expect = [(1, line, box, "Pingen's address area") for line in address]
        report = readback.check(letter.read_bytes(), expect=expect)
        assert report, report.problems


def test_a_letter_over_the_service_page_limit_fails_before_anything_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dataclasses

    limited = dataclasses.replace(handoff.SERVICES["pingen"], max_pages=1)
    monkeypatch.setitem(handoff.SERVICES, "pingen", limited)
    data = write(tmp_path / "s.csv", ROWS[:1])
    with pytest.raises(Exception, match="row 2: 2 pages; Pingen takes at most 1 a letter"):
        api.letters(None, api.LetterRun(data, split=tmp_path / "out", jobs=1, service="pingen"))
    assert not list((tmp_path / "out").glob("*.pdf"))
    assert not list((tmp_path / "out").glob("*.csv"))
