"""The poster: headline, hashtag, the ask, a large QR code and the organisation."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import PdfView, rasterise, scan_qr_codes

from printkit import api
from printkit.errors import CampaignError
from printkit.render import measure


@pytest.fixture(scope="module")
def posters(tmp_path_factory: pytest.TempPathFactory) -> dict[str, PdfView]:
    """The example campaign's poster at A4 and A3."""
    folder = tmp_path_factory.mktemp("posters")
    for size in ("a4", "a3"):
        assert not api.poster(None, folder / f"{size}.pdf", size).warnings
    return {size: PdfView((folder / f"{size}.pdf").read_bytes()) for size in ("a4", "a3")}


@pytest.mark.parametrize(
    ("size", "page", "least"), [("a4", (210.0, 297.0), 60), ("a3", (297.0, 420.0), 84)]
)
def test_poster_page_and_a_large_qr_code_to_the_action(
    posters: dict[str, PdfView], size: str, page: tuple[float, float], least: float
) -> None:
    view = posters[size]
    assert len(view.pages) == 1 and view.size_mm() == page
    codes = scan_qr_codes(rasterise(view.data, 0, dpi=100), dpi=100)
    assert [text for text, _ in codes] == ["https://www.writetothem.com"]
    assert codes[0][1] >= least
    text = view.flat_text()
    assert "Write to your MP" in text and "#EndStopAndScan" in text
    assert "Write to your local MP and Councillors" in text


def test_poster_names_the_organisation(councillor_campaign: Path, tmp_path: Path) -> None:
    api.poster(councillor_campaign, tmp_path / "p.pdf")
    assert "Friends of Elm Road Library" in PdfView((tmp_path / "p.pdf").read_bytes()).text()


def lines(view: PdfView) -> list[tuple[str, float, float]]:
    """Each run of words on a line: its text, left and top, in mm as on A4."""
    scale = view.size_mm()[0] / 210
    return [(str(w["text"]), float(w["x0"]) / scale, float(w["top"]) / scale) for w in view.words()]


def test_the_headline_reads_across_a_room(posters: dict[str, PdfView]) -> None:
    page = posters["a4"].pages[0]
    title = max(char["size"] for char in page.chars)  # pt: the headline is the largest type
    cap_height = title * measure.cap_height_em(700) * 25.4 / 72
    assert cap_height >= 15  # mm: readable at 5 m
    headline = {c["text"] for c in page.chars if c["size"] == title}
    assert set("Write") <= headline


def test_a3_is_the_a4_poster_enlarged(posters: dict[str, PdfView]) -> None:
    a4, a3 = lines(posters["a4"]), lines(posters["a3"])
    assert [text for text, _, _ in a4] == [text for text, _, _ in a3]  # the same line breaks
    for (_, x4, y4), (_, x3, y3) in zip(a4, a3, strict=True):
        assert abs(x4 - x3) < 1.5 and abs(y4 - y3) < 1.5  # mm, once scaled back to A4
    sizes = [max(c["size"] for c in v.pages[0].chars) for v in (posters["a4"], posters["a3"])]
    assert sizes[1] / sizes[0] == pytest.approx(2**0.5, rel=0.01)


def test_a_title_too_long_for_a_headline_is_an_error_naming_it(make_campaign) -> None:
    title = (
        "Keep the Riverside Community Centre, Its Library, Its Food Bank and Its Toddler"
        " Groups Open for Every Family in Town"
    )
    folder = make_campaign(
        f"title: {title}\naction: {{url: https://example.org, text: Write today.}}\n"
        "letter: {text: letter.md}\n",
        "Dear [MP name],\n",
    )
    with pytest.raises(CampaignError) as caught:
        api.poster(folder)
    (problem,) = caught.value.problems
    assert problem.where is not None and problem.where.line == 1
    assert "mm too long for A4" in problem.message and "shorten title" in (problem.hint or "")
