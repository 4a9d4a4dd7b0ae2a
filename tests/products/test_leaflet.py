"""The leaflet: copies imposed on A4 at home, trim size with bleed for a print shop."""

from __future__ import annotations

import io
from pathlib import Path

import pypdf
import pytest
from conftest import PdfView, mm, rasterise, scan_qr_codes

from printkit import api, paper

URL = "https://www.writetothem.com"
HASHTAG = "#EndStopAndScan"  # once under each front's title, which may take two lines
COPIES = {"a5": 2, "a6": 4, "dl": 3}
SHEETS = {"a5": (297.0, 210.0), "a6": (210.0, 297.0), "dl": (297.0, 210.0)}


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> dict[str, PdfView]:
    """The example campaign's leaflet at every size, for home printing."""
    folder = tmp_path_factory.mktemp("home")
    return {size: PdfView(_render(None, folder / f"{size}.pdf", size)) for size in COPIES}


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> PdfView:
    """The example campaign's A5 leaflet for a print shop."""
    target = tmp_path_factory.mktemp("shop") / "a5.pdf"
    return PdfView(_render(None, target, "a5", print_shop=True))


def _render(campaign: Path | None, target: Path, size: str, print_shop: bool = False) -> bytes:
    outcome = api.leaflet(campaign, target, size, print_shop)
    assert not outcome.warnings, outcome.warnings
    return target.read_bytes()


def boxes(view: PdfView, name: str, index: int) -> list[dict[str, float]]:
    """Page boxes (mm, PDF user space, origin bottom left) by name: TrimBox, BleedBox..."""
    page = pypdf.PdfReader(io.BytesIO(view.data)).pages[index]
    return [round(mm(float(v)), 1) for v in page[f"/{name}"]]


def chars_outside(view: PdfView, index: int, areas: list[paper.Box], height: float) -> list[str]:
    """Characters not inside any of `areas` (mm from the sheet's top-left corner)."""
    outside = []
    for char in view.pages[index].chars:
        x0, x1 = mm(char["x0"]), mm(char["x1"])
        top, bottom = height - mm(char["y1"]), height - mm(char["y0"])
        if char["text"].strip() and not any(
            a.x - 0.05 <= x0
            and x1 <= a.x + a.width + 0.05
            and a.y - 0.05 <= top
            and bottom <= a.y + a.height + 0.05
            for a in areas
        ):
            outside.append(char["text"])
    return outside


def safe_areas(cells: list[paper.Box]) -> list[paper.Box]:
    s = paper.SAFE
    return [paper.Box(c.x + s, c.y + s, c.width - 2 * s, c.height - 2 * s) for c in cells]


@pytest.mark.parametrize("size", list(COPIES))
def test_home_leaflet_is_a_front_sheet_and_a_back_sheet_of_a4(home, size: str) -> None:
    view = home[size]
    assert len(view.pages) == 2
    assert view.size_mm(0) == view.size_mm(1) == SHEETS[size]


@pytest.mark.parametrize("size", list(COPIES))
def test_each_sheet_holds_the_copies_of_one_side(home, size: str) -> None:
    view = home[size]
    assert len(view.pages[0].search(HASHTAG)) == COPIES[size]
    assert len(view.pages[1].search("What you can do")) == COPIES[size]
    assert not view.pages[0].search("What you can do")


def distinct(drawn: list[dict[str, float]]) -> list[dict[str, float]]:
    """pdfplumber may see one hairline as both a rectangle and a line: keep each place once."""
    kept: list[dict[str, float]] = []
    for d in drawn:
        if not any(all(abs(d[k] - e[k]) < 0.3 for k in d) for e in kept):
            kept.append(d)
    return kept


@pytest.mark.parametrize("size", list(COPIES))
def test_cut_marks_extend_every_cut_line_outside_every_trim(home, size: str) -> None:
    leaflet = paper.LEAFLETS[size]
    trims = paper.home_cells(leaflet)
    drawn = [
        d for d in home[size].drawings(0) if min(d["x1"] - d["x0"], d["bottom"] - d["top"]) < 0.5
    ]
    marks = distinct(drawn)
    assert len(marks) == 2 * (leaflet.home.columns + 1) + 2 * (leaflet.home.rows + 1)
    for mark in marks:
        for trim in trims:
            apart = (
                mark["x1"] <= trim.x
                or mark["x0"] >= trim.x + trim.width
                or mark["bottom"] <= trim.y
                or mark["top"] >= trim.y + trim.height
            )
            assert apart, (mark, trim)
    cut_lines = sorted({round(t.x, 1) for t in trims} | {round(t.x + t.width, 1) for t in trims})
    vertical = sorted({round((m["x0"] + m["x1"]) / 2, 1) for m in marks if m["x1"] - m["x0"] < 0.5})
    assert vertical == pytest.approx(cut_lines, abs=0.15)


@pytest.mark.parametrize("size", list(COPIES))
def test_all_text_stays_4mm_inside_a_trim(home, size: str) -> None:
    leaflet = paper.LEAFLETS[size]
    for index, back in ((0, False), (1, True)):
        areas = safe_areas(paper.home_cells(leaflet, back))
        assert not chars_outside(home[size], index, areas, SHEETS[size][1])


@pytest.mark.parametrize(
    ("size", "mode"), [("a5", "/DuplexFlipShortEdge"), ("a6", "/DuplexFlipLongEdge")]
)
def test_duplex_mode_is_named_for_the_viewer(home, size: str, mode: str) -> None:
    root = pypdf.PdfReader(io.BytesIO(home[size].data)).trailer["/Root"]
    assert root["/ViewerPreferences"]["/Duplex"] == mode
    assert root["/ViewerPreferences"]["/PrintScaling"] == "/None"


def test_back_copies_line_up_with_their_fronts_when_turned_over() -> None:
    for leaflet in paper.LEAFLETS.values():
        width = leaflet.home.sheet.width
        fronts = paper.home_cells(leaflet)
        backs = paper.home_cells(leaflet, back=True)
        for front, back in zip(fronts, backs, strict=True):
            # Turning the sheet like a book mirrors it left to right.
            assert back.x == pytest.approx(width - front.x - front.width)
            assert back.y == front.y


@pytest.mark.parametrize("size", list(COPIES))
def test_every_qr_code_scans_to_the_action_url_and_is_at_least_20mm(home, size: str) -> None:
    codes = scan_qr_codes(rasterise(home[size].data, 1))
    assert [text for text, _ in codes] == [URL] * COPIES[size]
    assert all(width >= 20 for _, width in codes), codes
    assert "writetothem.com" in home[size].text(1)


def test_back_carries_steps_ask_and_more(home) -> None:
    back = " ".join(home["a5"].text(1).split())
    assert "1. Go to writetothem.com" in back and "2. You can write your own message" in back
    assert "As my MP, I ask that you raise this issue" in back
    assert "Supporter Toolkit" in back


def test_print_shop_pages_are_trim_size_with_3mm_bleed(shop: PdfView) -> None:
    assert len(shop.pages) == 2
    for index in range(2):
        assert boxes(shop, "TrimBox", index) == [0.0, 0.0, 148.0, 210.0]
        assert boxes(shop, "BleedBox", index) == [-3.0, -3.0, 151.0, 213.0]


def test_print_shop_background_runs_into_the_bleed(shop: PdfView) -> None:
    image = rasterise(shop.data, 0, dpi=72)
    corner = image.getpixel((2, 2))  # inside the bleed, above the trim's top-left corner
    assert corner == (0x1F, 0x4E, 0x79)


def test_print_shop_text_stays_4mm_inside_the_trim(shop: PdfView) -> None:
    area = paper.Box(paper.SAFE, paper.SAFE, 148 - 2 * paper.SAFE, 210 - 2 * paper.SAFE)
    for index in range(2):
        assert not chars_outside(shop, index, [area], 210)


def test_print_shop_fonts_are_all_embedded(shop: PdfView) -> None:
    reader = pypdf.PdfReader(io.BytesIO(shop.data))
    fonts = []
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = (
                font.get("/FontDescriptor") or font["/DescendantFonts"][0]["/FontDescriptor"]
            )
            fonts.append(any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")))
    assert fonts and all(fonts)


def test_text_that_cannot_fit_is_a_warning(make_campaign, tmp_path: Path) -> None:
    steps = "\n".join(
        f"    - Step {n} is a long instruction that takes a line or two to say." for n in range(30)
    )
    folder = make_campaign(
        f"title: T\naction:\n  url: https://example.org\n  steps:\n{steps}\n"
        "letter: {text: letter.md}\n",
        "Dear [MP name],\n",
    )
    outcome = api.leaflet(folder, tmp_path / "out.pdf", "a6")
    assert any("the back: too long by" in w for w in map(str, outcome.warnings)), outcome.warnings
