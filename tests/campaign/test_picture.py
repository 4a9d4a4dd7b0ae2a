"""A picture (`image:`) on the leaflet's front and the poster: checked, cropped, sharp enough."""

from __future__ import annotations

import os
from pathlib import Path

import pypdf
import pytest
from conftest import rasterise
from PIL import Image, ImageDraw

from printkit import api, paper
from printkit.errors import CampaignError
from printkit.profiles import Look

MAGENTA = (228, 0, 124)
LETTER = "Dear [MP name],\n\nPlease keep the pool open for everyone in the town.\n\n[Your name]\n"
CAMPAIGN = """\
title: Save Parkside Pool
summary: The council wants to close the only public pool in town.
action:
  url: https://pool.example.org
  steps: [Sign the petition, Come to the meeting on Friday]
letter: {{text: letter.md}}
image:
{image}
"""


def alt_texts(path: Path) -> list[str]:
    """Every /Alt text in a tagged PDF's structure tree: what a screen reader says for a figure."""
    found: list[str] = []

    def walk(node: object) -> None:
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, pypdf.generic.ArrayObject):
            for item in node:
                walk(item)
        elif isinstance(node, pypdf.generic.DictionaryObject):
            if "/Alt" in node:
                found.append(str(node["/Alt"]))
            if "/K" in node:
                walk(node["/K"])

    walk(pypdf.PdfReader(path).trailer["/Root"]["/StructTreeRoot"])
    return found


def picture(path: Path, size: tuple[int, int]) -> Path:
    """A flat magenta picture with a white cross, so its crop and its edges can be seen."""
    image = Image.new("RGB", size, MAGENTA)
    draw = ImageDraw.Draw(image)
    draw.line([(0, size[1] // 2), (size[0], size[1] // 2)], fill="white", width=4)
    image.save(path)
    return path


def with_picture(make_campaign, image: str, size: tuple[int, int] = (2400, 1600)) -> Path:
    folder = make_campaign(CAMPAIGN.format(image=image), LETTER)
    picture(folder / "pool.jpg", size)
    return folder


GOOD = "  file: pool.jpg\n  alt: Children jumping into Parkside Pool"


def test_the_picture_sits_on_the_front_of_every_copy_cropped_to_its_box(
    make_campaign, tmp_path: Path
) -> None:
    folder = with_picture(make_campaign, GOOD)
    outcome = api.leaflet(folder, tmp_path / "leaflet.pdf", "a6")
    assert not outcome.warnings, outcome.warnings
    front = rasterise((tmp_path / "leaflet.pdf").read_bytes(), 0, dpi=50)
    back = rasterise((tmp_path / "leaflet.pdf").read_bytes(), 1, dpi=50)
    for cell in paper.home_cells(paper.LEAFLETS["a6"]):
        crop = front.crop([round(v * 50 / 25.4) for v in (
            cell.x, cell.y, cell.x + cell.width, cell.y + cell.height)])  # fmt: skip
        rows = [y for y in range(crop.height) if crop.getpixel((crop.width // 2, y)) == MAGENTA]
        assert rows, "the picture is on every front"
        # Cropped, not squeezed: it runs the whole width inside the safe margin.
        middle = rows[len(rows) // 4]
        coloured = [x for x in range(crop.width) if crop.getpixel((x, middle)) == MAGENTA]
        width = (coloured[-1] - coloured[0] + 1) * 25.4 / 50
        assert width == pytest.approx(cell.width - 2 * paper.SAFE, abs=1.5)
    assert MAGENTA not in {colour for _, colour in back.getcolors(1 << 20)}


def test_the_poster_carries_the_picture_and_the_pdf_describes_it(
    make_campaign, tmp_path: Path
) -> None:
    folder = with_picture(make_campaign, GOOD)
    api.poster(folder, tmp_path / "poster.pdf")
    data = (tmp_path / "poster.pdf").read_bytes()
    assert MAGENTA in {colour for _, colour in rasterise(data, 0, dpi=30).getcolors(1 << 20)}
    assert "Children jumping into Parkside Pool" in alt_texts(tmp_path / "poster.pdf")


def test_a_picture_too_small_for_its_printed_size_is_a_warning_naming_the_file(
    make_campaign, tmp_path: Path
) -> None:
    folder = with_picture(make_campaign, GOOD, size=(300, 200))
    outcome = api.leaflet(folder, tmp_path / "leaflet.pdf", "a5")
    (warning,) = [w for w in outcome.warnings if "dpi" in w.message]
    assert "pool.jpg" in warning.message and "under the 200 dpi" in warning.message
    assert warning.where is not None and warning.where.line == 8  # image.file
    assert "pixels" in (warning.hint or "")
    assert (tmp_path / "leaflet.pdf").exists()  # a warning, not an error


def test_an_svg_picture_has_no_resolution_to_warn_about(make_campaign, tmp_path: Path) -> None:
    folder = make_campaign(CAMPAIGN.format(image="  file: pool.svg\n  alt: A pool"), LETTER)
    (folder / "pool.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 30 20">'
        '<rect width="30" height="20" fill="#e4007c"/></svg>',
        encoding="utf-8",
    )
    assert not api.poster(folder, tmp_path / "poster.pdf").warnings


@pytest.mark.parametrize(
    ("image", "message", "line"),
    [
        ("  file: pool.jpg", "missing required key 'image.alt'", 8),
        ('  file: pool.jpg\n  alt: " "', "describe the picture", 9),
        ("  file: pool.gif\n  alt: A pool", "must be a JPEG, PNG or SVG image", 8),
        ("  file: gone.jpg\n  alt: A pool", "'gone.jpg' does not exist", 8),
        ("  file: ../pool.jpg\n  alt: A pool", "outside the campaign folder", 8),
        ("  file: broken.png\n  alt: A pool", "not a readable PNG image", 8),
    ],
)
def test_a_picture_that_cannot_be_used_is_an_error_naming_the_key_and_line(
    make_campaign, image: str, message: str, line: int
) -> None:
    folder = with_picture(make_campaign, image)
    picture(folder.parent / "pool.jpg", (100, 100))
    (folder / "broken.png").write_bytes(b"not a picture")
    with pytest.raises(CampaignError) as caught:
        api.leaflet(folder)
    (problem,) = caught.value.problems
    assert message in problem.message and problem.where.line == line, problem


def test_a_link_to_a_picture_outside_the_folder_is_refused(make_campaign) -> None:
    folder = with_picture(make_campaign, "  file: linked.jpg\n  alt: A pool")
    outside = picture(folder.parent / "elsewhere.jpg", (100, 100))
    os.symlink(outside, folder / "linked.jpg")
    with pytest.raises(CampaignError, match="outside the campaign folder"):
        api.poster(folder)


def test_a_translation_must_say_what_the_picture_shows(make_campaign, tmp_path: Path) -> None:
    folder = with_picture(make_campaign, GOOD)
    (folder / "letter.cy.md").write_text("Annwyl [MP name],\n\nCadwch y pwll ar agor.\n", "utf-8")
    welsh = (
        "title: Achubwch Bwll Parkside\nsummary: Mae'r cyngor am gau'r pwll.\n"
        "letter: {text: letter.cy.md}\n"
    )
    (folder / "campaign.cy.yaml").write_text(
        welsh + "action:\n  steps: [Llofnodwch y ddeiseb, Dewch i'r cyfarfod]\n", "utf-8"
    )
    with pytest.raises(CampaignError) as caught:
        api.poster(folder, tmp_path / "p.pdf", look=Look(lang="cy"))
    assert any("image.alt" in str(p) for p in caught.value.problems)
    (folder / "campaign.cy.yaml").write_text(
        welsh + "action:\n  steps: [Llofnodwch y ddeiseb, Dewch i'r cyfarfod]\n"
        "image: {alt: Plant yn neidio i mewn i Bwll Parkside}\n",
        "utf-8",
    )
    api.poster(folder, tmp_path / "p.pdf", look=Look(lang="cy"))
    assert "Plant yn neidio i mewn i Bwll Parkside" in alt_texts(tmp_path / "p.pdf")
