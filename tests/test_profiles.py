"""Print profiles: what size the type is on every page, and what the large letter keeps."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import PdfView
from products.test_letter import fold_ticks, inside_window

from printkit import api
from printkit.profiles import CAPTIONS, Look

PRODUCTS = ("letter", "leaflet", "poster", "signup")


def make(product: str, profile: str, folder: Path) -> PdfView:
    target = folder / f"{product}-{profile}.pdf"
    getattr(api, product)(None, target, look=Look(profile))
    return PdfView(target.read_bytes())


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str, str], PdfView]:
    folder, cache = tmp_path_factory.mktemp("profiles"), {}

    def get(product: str, profile: str) -> PdfView:
        if (product, profile) not in cache:
            cache[product, profile] = make(product, profile, folder)
        return cache[product, profile]

    return get


def sizes(view: PdfView) -> set[float]:
    """The size of every visible character on every page, in pt."""
    return {
        round(char["size"], 1) for page in view.pages for char in page.chars if char["text"].strip()
    }


@pytest.mark.parametrize("product", PRODUCTS)
def test_large_print_has_nothing_under_16pt(rendered, product: str) -> None:
    found = sizes(rendered(product, "large"))
    assert min(found) >= 16, sorted(found)


@pytest.mark.parametrize("product", PRODUCTS)
def test_clear_print_is_12pt_except_named_captions(rendered, product: str) -> None:
    small = {size for size in sizes(rendered(product, "clear")) if size < 12}
    allowed = {*CAPTIONS.values(), 11.0}  # 11 pt: the window address, 5 lines
    assert small <= allowed, sorted(small)


def test_large_letter_body_is_18pt_and_page_numbers_as_large(rendered) -> None:
    view = rendered("letter", "large")
    assert len(view.pages) >= 2  # may run to more pages than the clear letter
    header = [c for c in view.pages[1].chars if c["top"] < 30 * 72 / 25.4 and c["text"].strip()]
    assert header and {round(c["size"]) for c in header} == {18}
    assert 18.0 in sizes(view)


def test_large_letter_keeps_its_window_and_folds(rendered) -> None:
    view = rendered("letter", "large")
    assert fold_ticks(view) == pytest.approx([99, 198], abs=0.3)
    for line in ("House of Commons", "LONDON", "SW1A 0AA"):
        assert inside_window(view.find(line)), line


def test_large_letter_writing_lines_grow(rendered) -> None:
    def spacing(view: PdfView) -> float:
        return view.find("Your address")["top"] - view.find("Your name")["top"]

    # taller lines and larger captions (each caption has room of its own in both profiles)
    assert spacing(rendered("letter", "large")) > spacing(rendered("letter", "clear")) * 1.35


def test_dyslexia_profile_tints_the_page_cream(rendered) -> None:
    page = rendered("leaflet", "dyslexia").pages[0]
    fills = [r for r in page.rects if r["width"] > page.width * 0.9 and r.get("fill")]
    colours = {tuple(round(v, 2) for v in r["non_stroking_color"]) for r in fills}
    assert (0.98, 0.96, 0.89) in colours, colours


def test_dyslexia_letter_has_short_lines_and_wide_spacing(rendered) -> None:
    view = rendered("letter", "dyslexia")
    lines = [w for w in view.words(0) if w["top"] > 100]
    widest = max(w["x1"] - w["x0"] for w in lines)
    assert widest < 150  # the clear letter's lines run 168 mm
    body = [c for c in view.pdf.pages[0].chars if c["top"] * 25.4 / 72 > 100 and c["size"] > 11]
    tops = sorted({round(c["top"] * 25.4 / 72, 1) for c in body})  # the captions left out
    gaps = [b - a for a, b in itertools.pairwise(tops) if 4 < b - a < 8]
    assert gaps and min(gaps) >= 12 * 1.5 * 25.4 / 72 - 0.2  # 1.5 line spacing at 12 pt


def test_profile_option_on_the_command_line(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from printkit.cli import main

    result = CliRunner().invoke(
        main, ["poster", "--profile", "large", "-o", str(tmp_path / "p.pdf")]
    )
    assert result.exit_code == 0, result.output
    wrong = CliRunner().invoke(main, ["poster", "--profile", "huge"])
    assert wrong.exit_code == 2 and "huge" in wrong.output


@pytest.mark.parametrize("profile", ["clear", "large", "dyslexia"])
def test_signup_sheet_fits_one_page_in_every_profile(tmp_path: Path, profile: str) -> None:
    import pypdf

    outcome = api.signup(None, tmp_path / "s.pdf", look=Look(profile=profile))
    assert len(pypdf.PdfReader(tmp_path / "s.pdf").pages) == 1
    assert not [w for w in map(str, outcome.warnings) if "too long" in w or "cut off" in w]
    assert outcome.written[0].pages == 1
