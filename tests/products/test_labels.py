"""Address labels on paper: where each address sits on the sheet, fitting, rejects, options."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pypdf
import pytest
import supporters
from click.testing import CliRunner
from conftest import PdfView, accent_room

from printkit import api, paper, stationery
from printkit.cli import main
from printkit.errors import CampaignError, PrintkitError

L7160 = stationery.LABEL_SHEETS["L7160"]
INSET = stationery.LABEL_INSET
TOP = INSET + accent_room(stationery.LABEL_TYPE_SIZES[0])  # capitals: Ŵ's circumflex at the inset
NEAR = 0.5  # mm: how close a measured position must be to where it belongs


def clean_rows(count: int, mp: str = "MP{n}") -> list[list[str]]:
    """`count` rows that all make labels, each with its own MP's name."""
    return [
        [f"Sam{n}", "Jones", f"{n + 1} Mill Street", "", "Leeds", "LS1 1AB", mp.format(n=n)]
        for n in range(count)
    ]


def write_rows(path: Path, rows: list[list[str]]) -> Path:
    """A CSV of `rows` under the usual headers, quoted where values need it."""
    with path.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows([supporters.HEADERS, *rows])
    return path


def render(tmp_path: Path, rows: list[list[str]], **options: object) -> tuple[api.Outcome, PdfView]:
    data = write_rows(tmp_path / "supporters.csv", rows)
    target = tmp_path / "labels.pdf"
    outcome = api.labels(None, api.LabelRun(data, target, **options))  # type: ignore[arg-type]
    return outcome, PdfView(target.read_bytes())


def assert_near(actual: float, expected: float) -> None:
    assert abs(actual - expected) <= NEAR, f"{actual:.2f} mm, expected {expected:.2f} mm"


@pytest.fixture(scope="module")
def sheet_of_30(tmp_path_factory: pytest.TempPathFactory) -> tuple[api.Outcome, PdfView]:
    """30 labels on L7160: a full sheet of 21, then 9 on the second."""
    return render(tmp_path_factory.mktemp("labels"), clean_rows(30))


def test_the_first_label_starts_2_mm_inside_the_first_cell(sheet_of_30) -> None:
    _, view = sheet_of_30
    assert view.size_mm(0) == (210.0, 297.0)
    box = view.find("MP0 MP")
    assert_near(box["x0"], 7.2 + INSET)
    assert_near(box["top"], 15.1 + TOP)


def test_label_21_sits_in_the_bottom_right_cell(sheet_of_30) -> None:
    _, view = sheet_of_30
    box = view.find("MP20 MP")
    assert_near(box["x0"], 7.2 + 2 * 66.0 + INSET)  # column 3
    assert_near(box["top"], 15.1 + 6 * 38.1 + TOP)  # row 7
    assert "MP21 MP" not in view.text(0)
    second = view.find("MP21 MP", index=1)  # label 22 starts the next sheet, top left
    assert_near(second["x0"], 7.2 + INSET)
    assert_near(second["top"], 15.1 + TOP)


def test_labels_follow_the_rows_in_order(sheet_of_30) -> None:
    _, view = sheet_of_30
    names = [name for page in range(len(view.pages)) for name in names_in_order(view, page)]
    assert names == [f"MP{n} MP" for n in range(30)]


def names_in_order(view: PdfView, page: int) -> list[str]:
    """The recipients' names on a page, label by label: across, then down."""
    found = view.pdf.pages[page].search(r"MP\d+ MP", regex=True)
    return [f["text"] for f in sorted(found, key=lambda f: (round(f["top"]), f["x0"]))]


def label_lines(view: PdfView, cell: paper.Box, page: int = 0) -> list[str]:
    """The lines of text inside one label (or area, give or take 0.5 mm), top to bottom."""
    mm, slack = 72 / 25.4, 0.5
    left, top = (cell.x - slack) * mm, (cell.y - slack) * mm
    box = (left, top, (cell.x + cell.width + slack) * mm, (cell.y + cell.height + slack) * mm)
    return (view.pdf.pages[page].within_bbox(box).extract_text() or "").splitlines()


def test_each_label_holds_the_whole_address_in_royal_mail_order(sheet_of_30) -> None:
    _, view = sheet_of_30
    assert label_lines(view, L7160.cell(4)) == ["MP4 MP", "House of Commons", "LONDON", "SW1A 0AA"]


@pytest.mark.slow
def test_1000_rows_make_48_sheets(tmp_path: Path) -> None:
    outcome, view = render(tmp_path, clean_rows(1000))
    assert len(view.pages) == 48  # 47 full sheets of 21, and 13 labels on the last
    assert len(names_in_order(view, 47)) == 13
    assert outcome.summary == "1000 labels, 0 rows rejected"


def test_start_5_puts_the_first_address_in_row_2_column_2(tmp_path: Path) -> None:
    _, view = render(tmp_path, clean_rows(18), start=5)
    box = view.find("MP0 MP")
    assert_near(box["x0"], 7.2 + 66.0 + INSET)
    assert_near(box["top"], 15.1 + 38.1 + TOP)
    assert len(view.pages) == 2  # labels 5 to 21 take 17, the 18th goes on a new sheet
    assert names_in_order(view, 1) == ["MP17 MP"]


def test_every_labels_text_stays_inside_its_label(tmp_path: Path) -> None:
    long_names = clean_rows(25, mp="Dame Philippa Featherstone-Smith{n}")  # 9 pt fits
    _, view = render(tmp_path, long_names, sheet="L7159", to="recipient")
    sheet = stationery.LABEL_SHEETS["L7159"]
    cells = [sheet.cell(i) for i in range(sheet.per_sheet)]
    for page in range(len(view.pages)):
        for word in view.words(page):
            inside = [c for c in cells if within(word, c, INSET - 0.3)]
            assert inside, f"{word['text']!r} on page {page + 1} is not inside a label"


def within(word: dict, cell: paper.Box, margin: float) -> bool:
    return (
        cell.x + margin <= word["x0"]
        and word["x1"] <= cell.x + cell.width - margin
        and cell.y + margin <= word["top"]
        and word["bottom"] <= cell.y + cell.height - margin
    )


def sizes_of(view: PdfView, text: str, page: int = 0) -> set[float]:
    box = view.pdf.pages[page].search(text, regex=False)[0]
    chars = view.pdf.pages[page].within_bbox((box["x0"], box["top"], box["x1"], box["bottom"]))
    return {round(char["size"], 1) for char in chars.chars}


def test_long_addresses_shrink_then_are_rejected_with_the_reason(tmp_path: Path) -> None:
    rows = clean_rows(4)
    rows[1][2] = "Flat 12, The Old Printworks, Hunslet"  # 60.2 mm at 11 pt, 54.7 at 10
    rows[2][2] = "Flat 12, The Old Printworks, Hunslet Road"  # 63.7 mm at 10 pt, 57.3 at 9
    rows[3][2] = "Apartment 1204, The Former Yorkshire Post Printing Works"  # 82.8 at 9 pt
    outcome, view = render(tmp_path, rows, to="sender")
    assert sizes_of(view, "Sam0 Jones") == {11.0}
    assert sizes_of(view, "Sam1 Jones") == {10.0}
    assert sizes_of(view, "Sam2 Jones") == {9.0}
    assert outcome.summary == (
        "3 labels, 1 row rejected (1 address too long to print; see labels-rejects.csv)"
    )
    rejects = read_rejects(tmp_path / "labels-rejects.csv")
    assert [r["row"] for r in rejects] == ["5"]
    assert rejects[0]["reason"] == (
        "address line 'Apartment 1204, The Former Yorkshire ...' is 82.8 mm wide at 9 pt;"
        " an L7160 label's writing area is 59.5 mm"
    )


def read_rejects(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def test_too_many_lines_for_a_label_is_a_reject(tmp_path: Path) -> None:
    rows = clean_rows(2)
    rows[0][2] = "\n".join(["Flat 2", "Mill House", "Mill Yard", "Off Mill Street", "Holbeck"])
    outcome, _ = render(tmp_path, rows, to="sender", sheet="L7159")
    assert outcome.summary.startswith("1 label, 1 row rejected")
    reason = read_rejects(tmp_path / "labels-rejects.csv")[0]["reason"]
    assert reason == (
        "the address has 8 lines; an L7159 label's writing area holds at most 7 at 9 pt"
    )


def test_to_sender_addresses_the_supporter(tmp_path: Path) -> None:
    _, view = render(tmp_path, clean_rows(3), to="sender")
    assert label_lines(view, L7160.cell(2)) == ["Sam2 Jones", "3 Mill Street", "LEEDS", "LS1 1AB"]
    assert "House of Commons" not in view.text()


def test_same_rows_rejected_as_letters_with_the_same_summary(tmp_path: Path) -> None:
    data = supporters.write(tmp_path / "supporters.csv", supporters.supporters())
    outcome = api.labels(None, api.LabelRun(data, tmp_path / "labels.pdf"))
    assert outcome.summary == (
        "38 labels, 2 rows rejected (1 postcode not valid, 1 required field empty; see"
        " labels-rejects.csv), 1 blank row skipped"
    )
    assert [w.path.name for w in outcome.written] == ["labels.pdf", "labels-rejects.csv"]
    rejects = read_rejects(tmp_path / "labels-rejects.csv")
    assert [(r["row"], r["reason"]) for r in rejects] == [
        ("7", "column 'Postcode': 'LS1 XYZ' is not a valid UK postcode"),
        ("12", "column 'MP name': [MP name] is empty"),
    ]


def test_the_pdf_asks_to_be_printed_at_actual_size(sheet_of_30) -> None:
    _, view = sheet_of_30
    root = pypdf.PdfReader(io.BytesIO(view.data)).trailer["/Root"]
    assert root["/ViewerPreferences"]["/PrintScaling"] == "/None"


def test_offsets_move_everything_for_an_off_centre_printer(tmp_path: Path) -> None:
    _, view = render(tmp_path, clean_rows(21), offset_x=1.5, offset_y=-1.0)
    assert_near(view.find("MP0 MP")["x0"], 7.2 + INSET + 1.5)
    assert_near(view.find("MP0 MP")["top"], 15.1 + TOP - 1.0)
    assert_near(view.find("MP20 MP")["x0"], 7.2 + 2 * 66.0 + INSET + 1.5)


def test_outline_draws_each_labels_edge(tmp_path: Path, sheet_of_30) -> None:
    _, plain = sheet_of_30
    assert plain.drawings(0) == []
    _, view = render(tmp_path, clean_rows(2), start=3, outline=True)
    edges = view.drawings(0)
    for position in (0, 20):  # unused labels too: the whole sheet, to line the printer up
        cell = L7160.cell(position)
        assert any(abs(e["x0"] - cell.x) < 0.3 and abs(e["top"] - cell.y) < 0.3 for e in edges)
        assert any(abs(e["x1"] - cell.x - cell.width) < 0.3 for e in edges)
        assert any(abs(e["bottom"] - cell.y - cell.height) < 0.3 for e in edges)


def test_other_sheets_from_the_table(tmp_path: Path) -> None:
    _, view = render(tmp_path, clean_rows(16), sheet="L7162")
    box = view.find("MP15 MP")  # label 16: the bottom-right of 2 x 8
    assert_near(box["x0"], 4.65 + 101.6 + INSET)
    assert_near(box["top"], 12.9 + 7 * 33.9 + TOP)


CUSTOM = """\
title: Club labels
letter: {text: "Dear [MP name],\\n\\n[Your name]\\n"}
labels:
  sheet: club
  sheets:
    club: {label_width: 66, label_height: 35, columns: 3, rows: 8, left: 6, top: 6}
"""


def test_a_custom_sheet_from_campaign_yaml(make_campaign, tmp_path: Path) -> None:
    folder = make_campaign(CUSTOM)
    data = write_rows(tmp_path / "supporters.csv", clean_rows(24))
    api.labels(folder, api.LabelRun(data, tmp_path / "club.pdf"))
    view = PdfView((tmp_path / "club.pdf").read_bytes())
    assert_near(view.find("MP0 MP")["x0"], 6 + INSET)
    assert_near(view.find("MP23 MP")["x0"], 6 + 2 * 66 + INSET)
    assert_near(view.find("MP23 MP")["top"], 6 + 7 * 35 + TOP)


def test_custom_sheet_mistakes_are_reported_with_their_lines(make_campaign) -> None:
    folder = make_campaign(
        """\
        title: Club labels
        letter: {text: "Dear [MP name],"}
        labels:
          sheet: clubb
          sheets:
            club: {label_width: 70, label_height: 37, columns: 4, rows: 8, left: 0, top: 0}
            L7160: {label_width: 70, label_height: 37, columns: 1.5, rows: 8, left: 0, top: 0}
        """
    )
    with pytest.raises(CampaignError) as caught:
        api.labels(folder, api.LabelRun(Path("unused.csv")))
    problems = [str(p).replace(str(folder / "campaign.yaml"), "campaign.yaml")
                for p in caught.value.problems]  # fmt: skip
    text = "\n".join(problems)
    assert ":6:" in text and "labels.sheets.club: the labels reach 280 x 296 mm" in text
    assert ":7:" in text and "labels.sheets.L7160.columns: 1.5 must be a whole number" in text
    assert "L7160 is a built-in sheet" in text
    assert ":4:" in text and "labels.sheet: there is no sheet 'clubb'" in text


def test_start_past_the_sheet_and_unknown_sheets_are_user_errors(tmp_path: Path) -> None:
    data = write_rows(tmp_path / "supporters.csv", clean_rows(2))
    with pytest.raises(PrintkitError, match="--start 22: an L7160 sheet has labels 1 to 21"):
        api.labels(None, api.LabelRun(data, start=22))
    with pytest.raises(PrintkitError, match="there is no label sheet 'A4'"):
        api.labels(None, api.LabelRun(data, sheet="A4"))


def test_the_labels_command(tmp_path: Path) -> None:
    data = write_rows(tmp_path / "supporters.csv", clean_rows(3))
    target = tmp_path / "out.pdf"
    args = ["labels", "--data", data, "--sheet", "l7163", "--start", "3", "-o", target]
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [str(target), "3 labels, 0 rows rejected"]
    box = PdfView(target.read_bytes()).find("MP0 MP")
    assert_near(box["top"], 15.15 + 38.1 + TOP)  # label 3 of 2 x 7: row 2, column 1
    bad = CliRunner().invoke(main, ["labels", "--data", str(data), "--start", "40"])
    assert bad.exit_code == 1 and "Traceback" not in bad.output
    assert "--start 40: an L7160 sheet has labels 1 to 21" in bad.stderr
    assert CliRunner().invoke(main, ["labels"]).exit_code == 2  # --data is required
