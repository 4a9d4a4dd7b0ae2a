"""A campaign the code was not written for, read back from the PDFs: the bugs of issue 12.

The council campaign (tests/data/campaigns/council) has a five-line council address, a
placeholder inline in its first paragraph, an own-words box and `Yours faithfully,`, a
blank line, then `[Your name]`; its spreadsheet is a messy export with Welsh, Greek,
Cyrillic, Hebrew, Arabic and Chinese names, an emoji and an 88-character name.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
import readback
from conftest import write_campaign

from printkit import api, paper
from printkit.profiles import Look
from printkit.render import fonts

COUNCIL = Path(__file__).parent.parent / "data" / "campaigns" / "council"
ADDRESS = ["Member Services", "Isle of Anglesey County Council", "Council Offices",
           "LLANGEFNI", "LL77 7TW"]  # fmt: skip
WINDOW = paper.WINDOWS["dl"]
ZONE = (WINDOW.left, WINDOW.top, WINDOW.width, WINDOW.height)
SENDER = (paper.A4.width - 20 - 76, 14, 76, 180)  # the sender's column, top right
ROOM_TO_SIGN = 14.0  # mm between the sign-off and the name


@pytest.fixture(scope="module")
def council(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("council") / "campaign"
    shutil.copytree(COUNCIL, folder)
    return folder


@pytest.fixture(scope="module")
def filled(council: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, api.Outcome]:
    """Every row of the council spreadsheet as letters, merged, with its rejects."""
    out = tmp_path_factory.mktemp("letters")
    run = api.LetterRun(council / "supporters.csv", out / "letters.pdf", jobs=1,
                        date="1 March 2026")  # fmt: skip
    return out, api.letters(council, run)


def rows_of(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.DictReader(stream))


def window_expectations(page: int, lines: list[str]) -> list[tuple[int, str, tuple, str]]:
    return [(page, line, ZONE, "the DL window zone") for line in lines]


def test_the_five_line_council_address_fits_the_window_of_the_blank_letter(
    council: Path, tmp_path: Path
) -> None:
    api.letter(council, tmp_path / "blank.pdf")
    report = readback.check((tmp_path / "blank.pdf").read_bytes(),
                            expect=window_expectations(1, ADDRESS))  # fmt: skip
    assert report, report.problems


def test_the_council_address_and_name_fit_the_window_of_every_letter(filled) -> None:
    out, _ = filled
    manifest = rows_of(out / "letters-manifest.csv")
    expect = []
    for row in manifest:
        first = int(row["first page"])
        expect += window_expectations(first, [row["recipient"], *ADDRESS])
        expect.append((first, row["name"], SENDER, "the sender's column"))
    report = readback.check((out / "letters.pdf").read_bytes(), expect=expect)
    assert report, report.problems
    assert report.pages == sum(int(row["pages"]) for row in manifest)


def test_every_row_is_a_letter_or_a_reject_with_its_reason(filled) -> None:
    out, outcome = filled
    letters = rows_of(out / "letters-manifest.csv")
    rejects = rows_of(out / "letters-rejects.csv")
    assert len(letters) + len(rejects) == 13  # 14 data lines, one of them blank
    assert outcome.summary.startswith(f"{len(letters)} letters, {len(rejects)} rows rejected (")
    assert "1 required field empty, 1 postcode not valid" in outcome.summary
    assert outcome.summary.endswith("; see letters-rejects.csv), 1 blank row skipped")
    reasons = {row["row"]: row["reason"] for row in rejects}
    assert reasons["10"] == "column 'Councillor name': [Councillor name] is empty"
    assert "'LL65 1OX' is not a valid UK postcode" in reasons["11"]


def test_a_chinese_name_is_rejected_naming_row_column_character_and_font(filled) -> None:
    out, _ = filled
    rejects = {row["row"]: row for row in rows_of(out / "letters-rejects.csv")}
    letters = [row["name"] for row in rows_of(out / "letters-manifest.csv")]
    if fonts.coverage().draws("王"):  # a machine with a CJK font prints the letter instead
        assert "王 小明" in letters
        return
    reason = rejects["5"]["reason"]
    assert reason.startswith("column 'First name + Last name': no font can draw '王' (U+738B)")
    assert "apt install fonts-noto-cjk" in reason
    assert "王 小明" not in letters


def test_welsh_names_print_with_the_bundled_fonts(filled) -> None:
    out, _ = filled
    data = (out / "letters.pdf").read_bytes()
    text = readback.read(data)[0].text()
    for word in ("Siân", "Llŷr", "Tŷ", "Morgan-Ŵyn"):
        assert word in text
    assert readback.glyph_problems(data) == []


def test_yours_faithfully_a_blank_line_then_your_name_is_the_signature(
    council: Path, tmp_path: Path, filled
) -> None:
    api.letter(council, tmp_path / "blank.pdf")
    blank = readback.read((tmp_path / "blank.pdf").read_bytes())
    last = blank[-1]
    sign_off = last.occurrences("Yours faithfully,")[0]
    caption = [run for run in last.occurrences("Your name") if run[0].top > sign_off[0].top]
    assert caption, "the name's writing line and its caption follow the sign-off"
    assert caption[0][0].size < 9  # a caption under a writing line, not an own-words prompt
    assert caption[0][0].top - sign_off[0].bottom >= ROOM_TO_SIGN
    out, _ = filled
    page = readback.read((out / "letters.pdf").read_bytes())[0]
    sign_off = page.occurrences("Yours faithfully,")[0]
    name = [run for run in page.occurrences("Siân Llŷr") if run[0].top > sign_off[0].top]
    assert name and name[0][0].top - sign_off[0].bottom >= ROOM_TO_SIGN


def test_an_inline_writing_line_keeps_its_caption_off_the_line_below(tmp_path: Path) -> None:
    folder = write_campaign(
        tmp_path / "ward",
        "title: Ward\nletter:\n  to: councillor\n"
        "  recipient_address: [Town Hall, SPRINGFIELD, SP1 1AA]\n  text: letter.md\n",
        "Dear [Councillor name],\n\nI live in [Ward] and I am writing to you about the closure"
        " of the library in our town, which many of us rely on every week for books,"
        " computers and a warm place to sit.\n\nYours faithfully,\n\n[Your name]\n",
    )
    api.letter(folder, tmp_path / "ward.pdf")
    data = (tmp_path / "ward.pdf").read_bytes()
    page = readback.read(data)[0]
    ward = next(run for run in page.occurrences("Ward") if run[0].size < 9)
    below = page.occurrences("library")[0]
    assert ward[0].band[1] < below[0].band[0], "the caption ends before the next line begins"
    assert readback.check(data), readback.check(data).problems


def test_mp_and_cllr_sit_on_the_writing_lines_baseline(council: Path, tmp_path: Path) -> None:
    api.letter(council, tmp_path / "blank.pdf")
    page = readback.read((tmp_path / "blank.pdf").read_bytes())[0]
    cllr = page.occurrences("Cllr")[0]
    rules = _rules(tmp_path / "blank.pdf")
    assert any(abs(rule - cllr[0].baseline) < 0.4 for rule in rules), (cllr[0].baseline, rules)


def _rules(path: Path) -> list[float]:
    """The y (mm) of each horizontal rule drawn on page 1."""
    from conftest import PdfView

    return [d["bottom"] for d in PdfView(path.read_bytes()).drawings(0) if d["x1"] - d["x0"] > 20]


def test_a_long_name_is_cut_in_the_running_header_never_over_the_page_number(
    tmp_path: Path,
) -> None:
    name = "Bartholomew Alexander Fitzwilliam-Montgomery Featherstonehaugh-Cholmondeley"
    data = tmp_path / "supporters.csv"
    data.write_text(f"Your name,Address 1,Town,Postcode,MP name\n{name},1 High St,Leeds,"
                    "LS1 1AA,Ann Other\n", encoding="utf-8")  # fmt: skip
    outcome = api.letters(None, api.LetterRun(data, tmp_path / "out.pdf", jobs=1))
    assert outcome.summary.startswith("1 letter, 0 rows rejected"), outcome.summary
    pdf = (tmp_path / "out.pdf").read_bytes()
    pages = readback.read(pdf)
    assert len(pages) == 2
    # The name is cut with an ellipsis before the page number (the ellipsis glyph stands
    # for the rest of the name, which the PDF's text layer still spells out).
    (number,) = pages[1].occurrences("page 2 of 2")
    header = [c for c in pages[1].chars if c.bottom < number[0].bottom + 1 and c not in number
              and c.x1 - c.x0 > 0.05 and not c.text.isspace()]  # fmt: skip
    assert header and max(c.x1 for c in header) < number[0].x0 - 2
    assert readback.check(pdf, expect=[(1, name, SENDER, "the sender's column")]), readback.check(
        pdf
    ).problems


@pytest.mark.parametrize("profile", ["clear", "large", "dyslexia"])
def test_a_long_council_address_shows_whole_in_the_window_in_every_profile(
    council: Path, tmp_path: Path, profile: str
) -> None:
    # Royal Mail reads the window, not the supporter: large print steps its address down.
    target = tmp_path / f"{profile}.pdf"
    api.letter(council, target, Look(profile))
    expect = [(1, line, ZONE, "the window zone") for line in ADDRESS]
    report = readback.check(target.read_bytes(), expect=expect)
    assert report, report.problems


@pytest.mark.slow
def test_check_reports_what_the_render_would(council: Path) -> None:
    checked = api.check_all(council, council / "supporters.csv")
    rows = {problem.where.row for problem in checked.errors if problem.where}
    expected = {10, 11, 14} | (set() if fonts.coverage().draws("王") else {5})
    if fonts.coverage().draws("🙂"):
        expected.discard(14)
    assert rows == expected
    assert checked.summary.startswith(f"{13 - len(expected)} letters would print, ")
    assert not api.check_all(council, look=Look("large")).errors


def test_a_name_too_long_for_the_window_is_a_reject_saying_by_how_much(
    council: Path, tmp_path: Path
) -> None:
    data = tmp_path / "long.csv"
    text = (council / "supporters.csv").read_text(encoding="utf-8-sig")
    header, first, second = list(csv.reader(text.splitlines()))[:3]
    recipient = next(i for i, name in enumerate(header) if name.lower().startswith("councillor"))
    long = list(second)
    long[recipient] = " ".join(["Councillor Bartholomew Fortescue-Smythe-Wellington"] * 4)
    with data.open("w", newline="", encoding="utf-8") as out:
        csv.writer(out).writerows([header, first, long])
    outcome = api.letters(council, api.LetterRun(data, tmp_path / "l.pdf", jobs=1))
    assert outcome.summary.startswith("1 letter, 1 row rejected (1 address too long for the window")
    rejected = (tmp_path / "l-rejects.csv").read_text(encoding="utf-8").splitlines()
    (reject,) = list(csv.DictReader(rejected))
    assert "window block" in reject["reason"] and " mm " in reject["reason"], reject
