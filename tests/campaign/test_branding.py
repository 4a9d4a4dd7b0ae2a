"""Branding: an optional logo and accent colour, checked when the campaign is loaded."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rasterise

from printkit import api
from printkit.campaign import branding
from printkit.errors import CampaignError

SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
    '<rect width="10" height="10" fill="#e4007c"/></svg>'
)
LETTER = "Dear [MP name],\n"


def campaign(make_campaign, extra: str) -> Path:
    return make_campaign(f"title: T\n{extra}letter: {{text: letter.md}}\n", LETTER)


def test_logo_and_accent_appear_on_every_product(make_campaign, tmp_path: Path) -> None:
    folder = campaign(
        make_campaign, 'logo: logo.svg\naccent: "#5a1a7a"\naction: {url: https://example.org}\n'
    )
    (folder / "logo.svg").write_text(SVG, encoding="utf-8")
    for name, make in (("leaflet", api.leaflet), ("poster", api.poster), ("signup", api.signup)):
        outcome = make(folder, tmp_path / f"{name}.pdf")
        assert not [w for w in map(str, outcome.warnings) if "sign-up sheet: no" not in w]
        image = rasterise((tmp_path / f"{name}.pdf").read_bytes(), 0, dpi=40)
        colours = {colour for _, colour in image.getcolors(maxcolors=1 << 20)}
        assert (0xE4, 0x00, 0x7C) in colours, name  # the logo's own colour is drawn
        assert (0x5A, 0x1A, 0x7A) in colours, name  # the accent colour is used


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "the logo file 'logo.svg' does not exist"),
        ("not an image", "not a readable SVG image"),
    ],
)
def test_missing_or_unreadable_logo_is_an_error_naming_the_file(
    make_campaign, content: str | None, message: str
) -> None:
    folder = campaign(make_campaign, "logo: logo.svg\n")
    if content is not None:
        (folder / "logo.svg").write_text(content, encoding="utf-8")
    with pytest.raises(CampaignError) as caught:
        api.poster(folder)
    problem = caught.value.problems[0]
    assert message in problem.message and problem.where.line == 2


def test_a_light_accent_is_refused_for_white_text() -> None:
    assert "too light" in (branding.check_accent("#ffd700") or "")
    assert branding.check_accent("#1f4e79") is None
    assert "not a colour" in (branding.check_accent("blue") or "")
