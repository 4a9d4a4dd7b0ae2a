"""Every product, in every profile and language, read back from its PDF or refused with a reason.

Two campaigns: the bundled example with its Welsh and Arabic translations, and the council
campaign (tests/data/campaigns/council, in English and Welsh). Each PDF printkit writes
must pass the independent read-back (tests/readback.py) against the print contract's
zones (paper.py); whatever printkit refuses must say where and why.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import readback

from printkit import api, paper
from printkit.errors import PrintkitError
from printkit.profiles import PROFILES, Look
from printkit.resources import example_campaign

DATA = Path(__file__).parent / "data"
CAMPAIGNS = {
    "example": (example_campaign(), DATA / "translations", ("en", "cy", "ar")),
    "council": (DATA / "campaigns" / "council", None, ("en", "cy")),
}
FAST = {("example", "clear", "en")}  # the rest in the full suite
LEAFLETS = (("a5", False), ("a6", False), ("dl", False), ("a5", True))


def _cases() -> list[object]:
    cases = []
    for name, (_, _, languages) in CAMPAIGNS.items():
        for profile in PROFILES:
            for lang in languages:
                marks = () if (name, profile, lang) in FAST else (pytest.mark.slow,)
                cases.append(pytest.param(name, profile, lang, marks=marks,
                                          id=f"{name}-{profile}-{lang}"))  # fmt: skip
    return cases


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    made = {}
    for name, (source, translations, _) in CAMPAIGNS.items():
        folder = tmp_path_factory.mktemp(name) / "campaign"
        shutil.copytree(source, folder)
        for path in translations.iterdir() if translations else ():
            shutil.copy(path, folder)
        made[name] = folder
    return made


def _box(box: paper.Box, inset: float = 0) -> tuple[float, float, float, float]:
    return (box.x + inset, box.y + inset, box.width - 2 * inset, box.height - 2 * inset)


def _letter_zones(folder: Path, look: Look) -> list[tuple[int, str, tuple, str]]:
    campaign, _ = api.load(folder, look)
    window = paper.WINDOWS[campaign.letter.window]
    zone = (window.left, window.top, window.width, window.height)
    return [(1, line, zone, "the window zone") for line in campaign.letter.recipient_address]


def _leaflet_areas(size: str, shop: bool) -> dict[int, tuple[list, str]]:
    leaflet = paper.LEAFLETS[size]
    if shop:
        return {0: ([_box(paper.Box(0, 0, leaflet.trim.width, leaflet.trim.height), paper.SAFE)],
                    "the trim's safe area")}  # fmt: skip
    front = [_box(cell, paper.SAFE) for cell in paper.home_cells(leaflet)]
    back = [_box(cell, paper.SAFE) for cell in paper.home_cells(leaflet, back=True)]
    return {1: (front, "a copy's safe area"), 2: (back, "a copy's safe area")}


def _margin(page: paper.Size, margin: float) -> dict[int, tuple[list, str]]:
    return {0: ([_box(paper.Box(0, 0, page.width, page.height), margin)], "the page margin")}


def _products(folder: Path, look: Look, out: Path) -> list[tuple[str, Callable[[], object], dict]]:
    signup = paper.SIGNUP_SHEET
    made: list[tuple[str, Callable[[], object], dict]] = [
        ("letter", lambda: api.letter(folder, out / "letter.pdf", look),
         {"expect": _letter_zones(folder, look)}),
        ("signup", lambda: api.signup(folder, out / "signup.pdf", look),
         {"areas": _margin(signup.page, signup.margin)}),
        ("poster", lambda: api.poster(folder, out / "poster.pdf", "a4", look),
         {"areas": _margin(paper.A4, 15)}),
    ]  # fmt: skip
    for size, shop in LEAFLETS:
        name = f"leaflet-{size}{'-shop' if shop else ''}"
        zones = {"areas": _leaflet_areas(size, shop), "safe": paper.SAFE if shop else 5.0}
        made.append((name, lambda size=size, shop=shop, name=name: api.leaflet(
            folder, out / f"{name}.pdf", size, shop, look), zones))  # fmt: skip
    return made


@pytest.mark.parametrize(("campaign", "profile", "lang"), _cases())
def test_every_page_passes_the_read_back_or_is_refused_with_a_reason(
    folders: dict[str, Path], tmp_path: Path, campaign: str, profile: str, lang: str
) -> None:
    look = Look(profile, lang)
    checked = refused = 0
    for name, make, zones in _products(folders[campaign], look, tmp_path):
        target = tmp_path / f"{name}.pdf"
        try:
            make()
        except PrintkitError as error:
            refused += 1
            assert not target.exists()
            for problem in error.problems:
                assert problem.where is not None and problem.where.path is not None, problem
                assert "mm" in problem.message or "no font" in problem.message, problem
            continue
        report = readback.check(target.read_bytes(), **zones)
        assert report, f"{name}: {report.problems}"
        checked += report.pages
    assert checked > 0
    if profile != "large":
        assert refused == 0, "only large print may refuse what will not fit"
