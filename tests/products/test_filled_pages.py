"""Filled and balanced whatever the words: read back from the rendered pages, not the layout.

For the example, a councillor campaign, a very short and a long campaign, in every size,
both ways of printing, every profile and the Welsh and bilingual versions: no leaflet
panel or poster has an empty horizontal band taller than a fifth of its height, no text
runs past the safe margin, nothing overflows, and every QR code scans inside its panel.
Where the words cannot fit even the smallest type, the error says what to shorten.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import (
    COUNCILLOR_LETTER,
    COUNCILLOR_YAML,
    LONG_LETTER,
    LONG_YAML,
    SHORT_LETTER,
    SHORT_YAML,
    PdfView,
    chars_outside,
    find_qr_codes,
    rasterise,
    safe_areas,
    write_campaign,
)
from whitespace import tallest_empty_band

from printkit import api, paper
from printkit.errors import CampaignError
from printkit.profiles import PROFILES as PROFILES_BY_NAME
from printkit.profiles import Look
from printkit.resources import example_campaign

pytestmark = pytest.mark.xdist_group("fill")  # one worker renders each case once
TRANSLATIONS = Path(__file__).parents[1] / "data" / "translations"
EMPTIEST = 0.20  # the tallest empty band, as a share of a panel's height
DPI = 50  # enough to see a line of 12 pt type; fast to read
SIZES, PROFILES = ("a5", "a6", "dl"), ("clear", "large", "dyslexia")
PROFILES_SMALLEST = {name: PROFILES_BY_NAME[name].smallest for name in PROFILES}
CAMPAIGNS = ("example", "councillor", "short", "long")


@dataclass(frozen=True)
class Case:
    """One product to make: a campaign, leaflet or poster, its size, shop or home, its look."""

    campaign: str
    product: str
    size: str
    print_shop: bool = False
    profile: str = "clear"
    lang: str | None = None

    def __str__(self) -> str:
        mode = "shop" if self.print_shop else "home"
        return f"{self.campaign}-{self.product}-{self.size}-{mode}-{self.profile}-{self.lang}"


# Too many words for the smallest type allowed on the smallest leaflets: these may be an
# error naming what to shorten (which the test then checks) instead of a leaflet.
MAY_NOT_FIT = {
    ("councillor", "a6", "large", None), ("long", "a6", "large", None),
    ("long", "dl", "large", None), ("long", "a6", "dyslexia", None),
    ("translated", "a6", "large", "cy+en"), ("translated", "dl", "large", "cy+en"),
}  # fmt: skip
FAST = [Case(name, "leaflet", "a5") for name in CAMPAIGNS]
FAST += [Case(name, "poster", "a4") for name in CAMPAIGNS]
FAST += [Case("short", "leaflet", "dl", True), Case("councillor", "leaflet", "a6")]
MATRIX = [
    Case(name, "leaflet", size, shop, profile)
    for name in CAMPAIGNS
    for size in SIZES
    for shop in (False, True)
    for profile in PROFILES
]
MATRIX += [
    Case(name, "poster", size, False, profile)
    for name in CAMPAIGNS
    for size in ("a4", "a3")
    for profile in PROFILES
]
MATRIX += [
    Case("translated", "leaflet", size, shop, profile, lang)
    for size in SIZES
    for shop in (False, True)
    for profile in ("clear", "large")
    for lang in ("cy", "cy+en")
]
MATRIX += [Case("translated", "poster", "a4", False, p, "cy") for p in ("clear", "large")]
SLOW = [pytest.param(case, marks=pytest.mark.slow) for case in MATRIX if case not in FAST]


@dataclass(frozen=True)
class Made:
    """What a case made: the PDF and the warnings, or the error instead."""

    view: PdfView | None
    warnings: tuple[str, ...] = ()
    error: CampaignError | None = None


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The campaigns, each written once: the example with its translations beside it."""
    root = tmp_path_factory.mktemp("fill")
    translated = root / "translated"
    shutil.copytree(example_campaign(), translated)
    for path in TRANSLATIONS.iterdir():
        shutil.copy(path, translated)
    return {
        "example": example_campaign(),
        "translated": translated,
        "councillor": write_campaign(root / "councillor", COUNCILLOR_YAML, COUNCILLOR_LETTER),
        "short": write_campaign(root / "short", SHORT_YAML, SHORT_LETTER),
        "long": write_campaign(root / "long", LONG_YAML, LONG_LETTER),
    }


@pytest.fixture(scope="module")
def made(
    folders: dict[str, Path], tmp_path_factory: pytest.TempPathFactory
) -> Callable[[Case], Made]:
    """Each case rendered once for the module, on first use."""
    out, cache = tmp_path_factory.mktemp("made"), {}

    def make(case: Case) -> Made:
        if case not in cache:
            cache[case] = _make(folders[case.campaign], case, out / f"{case}.pdf")
        return cache[case]

    return make


def _make(folder: Path, case: Case, target: Path) -> Made:
    look = Look(profile=case.profile, lang=case.lang)
    try:
        if case.product == "poster":
            outcome = api.poster(folder, target, case.size, look)
        else:
            outcome = api.leaflet(folder, target, case.size, case.print_shop, look)
    except CampaignError as error:
        return Made(None, error=error)
    return Made(PdfView(target.read_bytes()), tuple(str(w) for w in outcome.warnings))


def panels(case: Case, page: int) -> list[paper.Box]:
    """Each leaflet copy on a page, or the poster's page (mm from the page's top-left)."""
    if case.product == "poster":
        size = paper.POSTERS[case.size]
        return [paper.Box(0, 0, size.width, size.height)]
    leaflet = paper.LEAFLETS[case.size]
    if case.print_shop:  # the trim, inside the bleed
        return [paper.Box(paper.BLEED, paper.BLEED, leaflet.trim.width, leaflet.trim.height)]
    return paper.home_cells(leaflet, back=page == 1)


def _key(case: Case) -> tuple[str, str, str, str | None]:
    return (case.campaign, case.size, case.profile, case.lang)


def _check_the_error(error: CampaignError) -> None:
    """Past the floor: every problem names the file and line, the shortfall and the cure."""
    for problem in error.problems:
        assert problem.where and problem.where.path and problem.where.line, problem
        assert re.search(r"\d+ mm too (long|wide), even in \d+ pt type", problem.message)
        assert re.search(r"shorten \S+ by about \d+ characters|break up", problem.hint or "")


@pytest.mark.parametrize("case", [*FAST, *SLOW], ids=str)
def test_every_panel_is_filled_and_nothing_overflows(made: Callable[[Case], Made], case: Case):
    result = made(case)
    if result.error is not None:
        assert _key(case) in MAY_NOT_FIT, result.error
        _check_the_error(result.error)
        return
    assert result.view is not None
    assert not [w for w in result.warnings if "cut off" in w], result.warnings
    for page in range(len(result.view.pages)):
        image = rasterise(result.view.data, page, dpi=DPI)
        for panel in panels(case, page):
            box = (panel.x, panel.y, panel.width, panel.height)
            band = tallest_empty_band(image, box, DPI)
            assert band.share <= EMPTIEST, f"page {page + 1}: {band}"


@pytest.mark.parametrize("case", [*FAST, *SLOW], ids=str)
def test_words_stay_inside_the_safe_margin(made: Callable[[Case], Made], case: Case) -> None:
    result = made(case)
    if result.view is None or case.product == "poster":
        return  # the poster's margin is the page's: checked by the band test's page box
    leaflet = paper.LEAFLETS[case.size]
    height = leaflet.trim.height if case.print_shop else leaflet.home.sheet.height
    for page in range(2):
        cells = (
            [paper.Box(0, 0, leaflet.trim.width, leaflet.trim.height)]
            if case.print_shop
            else paper.home_cells(leaflet, back=page == 1)
        )
        assert not chars_outside(result.view, page, safe_areas(cells), height)


@pytest.mark.parametrize("case", [*FAST, *SLOW], ids=str)
def test_qr_codes_scan_and_stay_inside_their_panels(made: Callable[[Case], Made], case: Case):
    result = made(case)
    if result.view is None:
        return
    page = 0 if case.product == "poster" else 1
    image = rasterise(result.view.data, page, dpi=150)
    codes = find_qr_codes(image, dpi=150)
    cells = panels(case, page)
    assert len(codes) == len(cells), codes
    for code in codes:
        x0, y0, x1, y1 = (v / 150 * 25.4 for v in code.box)
        assert any(
            c.x + paper.SAFE <= x0 and x1 <= c.x + c.width - paper.SAFE
            and c.y + paper.SAFE <= y0 and y1 <= c.y + c.height - paper.SAFE
            for c in cells
        ), (code, cells)  # fmt: skip
    if case.product == "poster":
        least = paper.POSTER.qr * paper.POSTERS[case.size].width / paper.A4.width
        assert codes[0].width >= least - 1


@pytest.mark.parametrize("case", [*FAST, *SLOW], ids=str)
def test_no_type_is_smaller_than_the_profile_allows(made: Callable[[Case], Made], case: Case):
    result = made(case)
    if result.view is None:
        return
    smallest = PROFILES_SMALLEST[case.profile]
    sizes = {round(char["size"], 2) for page in result.view.pages for char in page.chars}
    assert min(sizes) >= smallest - 0.01, sorted(sizes)[:5]


def body_size(view: PdfView, page: int) -> float:
    """The size most of a page's characters are set in, pt."""
    sizes = [round(char["size"], 1) for char in view.pages[page].chars]
    return max(set(sizes), key=sizes.count)


def test_short_words_are_set_larger_with_a_larger_qr_code(made: Callable[[Case], Made]):
    short, long = made(Case("short", "leaflet", "a5")), made(Case("long", "leaflet", "a5"))
    assert short.view is not None and long.view is not None
    for page in (0, 1):
        assert body_size(short.view, page) >= 1.4 * body_size(long.view, page)
    widths = [find_qr_codes(rasterise(m.view.data, 1, dpi=150))[0].width for m in (short, long)]
    assert widths[0] >= 1.5 * widths[1], widths
