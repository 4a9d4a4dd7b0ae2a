"""Every stall product renders for the example and for a campaign unlike it, without overflow."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import MM, PdfView, write_campaign

from printkit import api, paper
from printkit.errors import CampaignError

LONG_TITLE = "Keep the Riverside Community Centre and Its Library Open for Every Family in Our Town"
OTHER = f"""\
title: {LONG_TITLE}
organisation: {{name: Riverside Friends, email: hello@example.org, website: https://example.org}}
summary: |
  The council plans to close the centre next spring. It hosts the library, the food bank,
  toddler groups and the over-60s lunch club, and there is nowhere else nearby for them.
action:
  text: Ask your councillor to vote against the closure at the council meeting.
  url: https://example.org/act/keep-riverside-open?utm_source=leaflet
  steps:
    - Find your councillor's name and email address on the council's website.
    - Write to them in your own words, or sign the letter on the back of this leaflet.
    - Come to the public meeting at the Town Hall on the 14th, at 7 pm.
more: {{text: Read the full plans and our response, url: https://example.org/plans}}
signup: {{channels: [email, text, post], privacy_url: https://example.org/privacy}}
letter:
  to: councillor
  recipient_address: [Town Hall, SPRINGFIELD, SP1 1AA]
  text: letter.md
  ask: The letter asks your councillor to vote against closing the centre.
"""
PRODUCTS: dict[str, Callable[[Path | None, Path], api.Outcome]] = {
    "letter": lambda c, t: api.letter(c, t),
    "leaflet-a5": lambda c, t: api.leaflet(c, t, "a5"),
    "leaflet-a6": lambda c, t: api.leaflet(c, t, "a6"),
    "leaflet-dl": lambda c, t: api.leaflet(c, t, "dl"),
    "leaflet-a5-shop": lambda c, t: api.leaflet(c, t, "a5", True),
    "leaflet-a6-shop": lambda c, t: api.leaflet(c, t, "a6", True),
    "leaflet-dl-shop": lambda c, t: api.leaflet(c, t, "dl", True),
    "poster-a4": lambda c, t: api.poster(c, t, "a4"),
    "poster-a3": lambda c, t: api.poster(c, t, "a3"),
    "signup": lambda c, t: api.signup(c, t),
}


@pytest.fixture(scope="module")
def other(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A long title, no logo, no hashtag, three steps and three contact channels."""
    return write_campaign(
        tmp_path_factory.mktemp("other") / "riverside",
        OTHER,
        "Dear [Councillor name],\n\nPlease.\n",
    )


def first_copy_text(view: PdfView, size: str) -> str:
    cell = paper.home_cells(paper.LEAFLETS[size])[0]
    box = [v * MM for v in (cell.x, cell.y, cell.x + cell.width, cell.y + cell.height)]
    return " ".join((view.pages[0].crop(box).extract_text() or "").split())


@pytest.mark.parametrize("product", [p for p in PRODUCTS if not p.startswith("poster")])
def test_other_campaign_renders_without_overflow(other: Path, tmp_path: Path, product: str) -> None:
    outcome = PRODUCTS[product](other, tmp_path / "out.pdf")
    assert not outcome.warnings, outcome.warnings
    view = PdfView((tmp_path / "out.pdf").read_bytes())
    text = view.flat_text()
    if product in ("leaflet-a5", "leaflet-a6", "leaflet-dl"):  # read one copy, not the row
        text = first_copy_text(view, product.split("-")[1])
    if product != "letter":
        assert LONG_TITLE in text  # the whole title, not cut off
        assert "#" not in text  # no hashtag and no empty hashtag line


def test_a_title_too_long_to_read_across_a_room_stops_the_poster(
    other: Path, tmp_path: Path
) -> None:
    with pytest.raises(CampaignError, match="shorten title"):
        api.poster(other, tmp_path / "out.pdf")
    assert not (tmp_path / "out.pdf").exists()


@pytest.mark.parametrize("product", [p for p in PRODUCTS if p != "signup"])
def test_example_renders_without_overflow(tmp_path: Path, product: str) -> None:
    assert not PRODUCTS[product](None, tmp_path / "out.pdf").warnings


def test_build_makes_what_outputs_lists(other: Path, tmp_path: Path) -> None:
    outcome = api.build(other, tmp_path)
    names = sorted(w.path.name for w in outcome.written)
    slug = "keep-the-riverside-community-centre-and-its-library-open-for-every-family-in-our-town"
    assert names == sorted(f"{slug}-{p}.pdf" for p in ("letter", "leaflet", "signup"))
