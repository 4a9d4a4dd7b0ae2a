"""The leaflet: copies imposed on A4 at home, trim size with bleed for a print shop."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pypdf
import pytest
from conftest import MM, PdfView, chars_outside, mm, rasterise, safe_areas, scan_qr_codes

from printkit import api, paper
from printkit.errors import CampaignError
from printkit.resources import example_campaign

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


def test_words_that_cannot_fit_even_the_smallest_type_are_an_error_saying_what_to_cut(
    make_campaign, tmp_path: Path
) -> None:
    steps = "\n".join(
        f"    - Step {n} is a long instruction that takes a line or two to say." for n in range(30)
    )
    folder = make_campaign(
        f"title: T\naction:\n  url: https://example.org\n  steps:\n{steps}\n"
        "letter: {text: letter.md}\n",
        "Dear [MP name],\n",
    )
    with pytest.raises(CampaignError) as caught:
        api.leaflet(folder, tmp_path / "out.pdf", "a6")
    (problem,) = caught.value.problems
    assert problem.where is not None and problem.where.line == 5  # action.steps
    assert re.fullmatch(
        r"the back of the A6 leaflet is \d+ mm too long, even in 12 pt type, the smallest"
        r" this profile allows",
        problem.message,
    )
    assert re.fullmatch(
        r"shorten action.steps by about \d+ characters, or make a larger leaflet \(--size a5\)",
        problem.hint or "",
    )
    assert not (tmp_path / "out.pdf").exists()  # nothing written


def copy_text(view: PdfView, size: str, page: int) -> str:
    """The words of the first copy on a home sheet, whitespace collapsed."""
    cell = paper.home_cells(paper.LEAFLETS[size], back=page == 1)[0]
    box = [v * MM for v in (cell.x, cell.y, cell.x + cell.width, cell.y + cell.height)]
    return " ".join((view.pages[page].crop(box).extract_text() or "").split())


def test_the_front_quotes_the_letter_word_for_word_when_the_summary_is_short(home) -> None:
    front = copy_text(home["a5"], "a5", 0)
    assert "From the letter" in front
    opening = (
        "I am gravely concerned about the news that police officers have started to use"
        " mobile fingerprint scanners linked to the Home Office immigration database."
    )
    assert opening in front
    assert opening in " ".join(Path(example_campaign() / "letter.md").read_text().split())


def test_the_ask_goes_to_the_front_when_the_back_has_no_room(home) -> None:
    front, back = (copy_text(home["a6"], "a6", page) for page in (0, 1))
    assert "As my MP, I ask that you raise this issue" in front
    assert "The letter asks" in front and "The letter asks" not in back
    assert "1. Go to writetothem.com" in back


def test_the_back_names_the_organisation(councillor_campaign: Path, tmp_path: Path) -> None:
    outcome = api.leaflet(councillor_campaign, tmp_path / "out.pdf", "a5")
    back = " ".join(PdfView((tmp_path / "out.pdf").read_bytes()).text(1).split())
    for words in ("Friends of Elm Road Library", "friends@example.org", "1. Find your ward"):
        assert words in back
    assert "Please vote against closing Elm Road Library" in back
    assert not outcome.warnings, outcome.warnings
