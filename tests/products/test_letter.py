"""The blank fill-in letter: what the printed page shows and where."""

from __future__ import annotations

import re
from pathlib import Path

import pypdf
import pytest
from conftest import PdfView

from printkit import api, paper

SEED = Path(__file__).parents[1] / "data" / "write-to-your-mp.txt"
WINDOW = paper.WINDOWS["dl"]


def seed_letter_paragraphs() -> list[str]:
    """The template letter's paragraphs as the campaign published them, whitespace collapsed."""
    text = SEED.read_text(encoding="utf-8")
    letter = text[text.index("Dear [MP name],") : text.index("[Your name].")]
    return [" ".join(p.split()) for p in letter.split("\n\n") if p.strip()]


def inside_window(box: dict[str, float], slack: float = 0.05) -> bool:
    return (
        WINDOW.left - slack <= box["x0"]
        and box["x1"] <= WINDOW.left + WINDOW.width + slack
        and WINDOW.top - slack <= box["top"]
        and box["bottom"] <= WINDOW.top + WINDOW.height + slack
    )


def fold_ticks(view: PdfView) -> list[float]:
    return sorted({round(d["top"] * 2) / 2 for d in view.drawings() if d["x1"] < 15})


def test_blank_letter_is_one_or_two_a4_pages(blank_letter: PdfView) -> None:
    assert 1 <= len(blank_letter.pages) <= 2
    for index in range(len(blank_letter.pages)):
        assert blank_letter.size_mm(index) == (210.0, 297.0)


def test_no_placeholder_is_printed_literally(blank_letter: PdfView) -> None:
    text = blank_letter.text()
    assert "[MP name]" not in text and "[Your name]" not in text
    assert not re.search(r"\[[A-Za-z][^\]]*\]", text)


def test_writing_lines_carry_their_labels(blank_letter: PdfView) -> None:
    text = blank_letter.text()
    for label in ("MP name", "Your name", "Your address", "Postcode", "Date"):
        assert label in text


def test_seed_paragraphs_are_printed_word_for_word(blank_letter: PdfView) -> None:
    pages = [blank_letter.text(index) for index in range(len(blank_letter.pages))]
    body = [line for page in pages for line in page.splitlines() if not line.startswith("From:")]
    printed = " ".join(" ".join(body).split())
    paragraphs = seed_letter_paragraphs()
    assert len(paragraphs) == 6
    for paragraph in paragraphs[1:]:  # the first is "Dear [MP name]," with a writing line
        assert paragraph in printed
    assert "Yours sincerely," in printed


def test_house_of_commons_address_sits_in_the_window(blank_letter: PdfView) -> None:
    for line in ("House of Commons", "LONDON", "SW1A 0AA"):
        box = blank_letter.find(line)
        assert inside_window(box), (line, box)


def test_recipient_name_line_sits_in_the_window(blank_letter: PdfView) -> None:
    # "MP" on the writing line's baseline, inside the window; the caption above, outside it
    suffix = [w for w in blank_letter.words(0) if w["text"].strip() == "MP"]
    assert suffix and inside_window(suffix[0])
    caption = blank_letter.find("MP name")
    assert caption["bottom"] <= WINDOW.top and caption["x0"] >= WINDOW.left - 0.3
    # The writing line is the bottom edge of a box drawn inside the window.
    name_line = [d for d in blank_letter.drawings() if inside_window(d)]
    assert name_line and all(d["x1"] - d["x0"] > 40 for d in name_line)


def test_sender_block_is_top_right_outside_the_window(blank_letter: PdfView) -> None:
    for label in ("Your name", "Postcode", "Date"):
        box = blank_letter.find(label)
        assert box["x0"] > 110, (label, box)
        assert box["bottom"] < 95


def test_fold_marks_at_a_third_and_two_thirds(blank_letter: PdfView) -> None:
    assert fold_ticks(blank_letter) == pytest.approx([99, 198], abs=0.3)


def test_body_text_is_at_least_12pt(blank_letter: PdfView) -> None:
    body = blank_letter.pages[0].filter(
        lambda o: o.get("object_type") == "char" and o["top"] > mm_pt(95)
    )
    sizes = {round(c["size"], 1) for c in body.chars if c["text"].strip()}
    captions = {s for s in sizes if s < 12}
    # Only the small captions under writing lines may be smaller than 12 pt.
    assert captions <= {7.5}
    assert max(sizes) >= 12


def mm_pt(value: float) -> float:
    return value * 72 / 25.4


def test_later_pages_name_the_sender_and_the_page(make_campaign, read_pdf, tmp_path) -> None:
    paragraph = "This paragraph is long enough to take several lines of the letter. " * 6
    folder = make_campaign(
        "title: T\nletter: {text: letter.md}\n",
        "Dear [MP name],\n\n"
        + "\n\n".join([paragraph] * 14)
        + "\n\nYours sincerely,\n\n[Your name]\n",
    )
    view = read_pdf(api.letter(folder, tmp_path / "l.pdf").written[0].path)
    assert len(view.pages) >= 3
    for index in range(1, len(view.pages)):
        header = view.text(index).splitlines()[0]
        assert header.startswith("From:")
        assert header.endswith(f"page {index + 1} of {len(view.pages)}")


def test_pdf_asks_for_actual_size_and_has_title_and_language(blank_letter: PdfView) -> None:
    reader = pypdf.PdfReader(__import__("io").BytesIO(blank_letter.data))
    root = reader.trailer["/Root"]
    assert root["/ViewerPreferences"]["/PrintScaling"] == "/None"
    assert root["/Lang"] == "en-GB"
    assert reader.metadata is not None and reader.metadata.title == "Write to your MP"
    assert "/StructTreeRoot" in root


def test_bundled_font_is_embedded(blank_letter: PdfView) -> None:
    fonts = {c["fontname"].split("+")[-1] for c in blank_letter.pages[0].chars}
    assert any("Atkinson" in f for f in fonts), fonts


@pytest.mark.parametrize(("window", "folds"), [("c5", [148.5]), ("none", [])])
def test_fold_marks_follow_the_envelope(
    make_campaign, read_pdf, tmp_path: Path, window: str, folds: list[int]
) -> None:
    folder = make_campaign(
        f"title: T\nletter: {{text: letter.md, window: {window}}}\n", "Dear [MP name],\n\nHello.\n"
    )
    api.letter(folder, tmp_path / "out.pdf")
    assert fold_ticks(read_pdf(tmp_path / "out.pdf")) == pytest.approx(folds, abs=0.3)


def test_a_campaign_not_seen_before_renders(
    councillor_campaign: Path, read_pdf, tmp_path: Path
) -> None:
    outcome = api.letter(councillor_campaign, tmp_path / "library.pdf")
    view = read_pdf(outcome.written[0].path)
    text = view.text()
    assert "Town Hall" in text and "Cllr" in text
    for label in ("Councillor name", "Number of years", "Closing date", "Your name"):
        assert label in text
    assert "In your own words: what does the library mean to you?" in text
    assert "[" not in text
    assert not outcome.warnings
