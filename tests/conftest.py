"""Shared fixtures: campaigns on disk and helpers that read what a PDF shows."""

from __future__ import annotations

import io
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from printkit.resources import example_campaign

MM = 72 / 25.4  # PDF points per millimetre


def mm(points: float) -> float:
    """Points to millimetres."""
    return points / MM


class PdfView:
    """What a PDF shows: pages in mm, text, and where words sit."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pdf = pdfplumber.open(io.BytesIO(data))

    @property
    def pages(self) -> list[pdfplumber.page.Page]:
        return list(self.pdf.pages)

    def size_mm(self, index: int = 0) -> tuple[float, float]:
        page = self.pdf.pages[index]
        return round(mm(page.width), 1), round(mm(page.height), 1)

    def text(self, index: int | None = None) -> str:
        pages = self.pdf.pages if index is None else [self.pdf.pages[index]]
        return "\n".join(page.extract_text() or "" for page in pages)

    def flat_text(self) -> str:
        """All text with whitespace collapsed, for word-for-word comparisons."""
        return " ".join(self.text().split())

    def words(self, index: int = 0) -> list[dict[str, float | str]]:
        """Words with their boxes in mm from the page's top-left corner."""
        found = []
        for word in self.pdf.pages[index].extract_words(keep_blank_chars=True, use_text_flow=True):
            found.append(
                {
                    "text": word["text"],
                    "x0": mm(word["x0"]),
                    "x1": mm(word["x1"]),
                    "top": mm(word["top"]),
                    "bottom": mm(word["bottom"]),
                }
            )
        return found

    def find(self, needle: str, index: int = 0) -> dict[str, float]:
        """The box (mm from the top-left corner) of the first occurrence of `needle`."""
        matches = self.pdf.pages[index].search(needle, regex=False)
        if not matches:
            raise AssertionError(f"{needle!r} not found on page {index + 1}")
        return {k: mm(matches[0][k]) for k in ("x0", "x1", "top", "bottom")}

    def drawings(self, index: int = 0) -> list[dict[str, float]]:
        """Boxes (mm) of everything drawn rather than written: rules, borders, marks."""
        page = self.pdf.pages[index]
        found = {}
        for obj in [*page.rects, *page.lines, *page.curves]:
            box = {k: round(mm(obj[k]), 2) for k in ("x0", "x1", "top", "bottom")}
            found[tuple(box.values())] = box
        return list(found.values())


def chars_outside(view: PdfView, index: int, areas: list[Any], height: float) -> list[str]:
    """Characters not inside any of `areas` (paper.Box, mm from the sheet's top-left corner)."""
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


def safe_areas(cells: list[Any]) -> list[Any]:
    """Each cell (paper.Box) less the safe margin that words keep from its trim."""
    from printkit import paper

    s = paper.SAFE
    return [paper.Box(c.x + s, c.y + s, c.width - 2 * s, c.height - 2 * s) for c in cells]


@pytest.fixture
def read_pdf() -> Callable[[Path | bytes], PdfView]:
    def read(source: Path | bytes) -> PdfView:
        return PdfView(source if isinstance(source, bytes) else Path(source).read_bytes())

    return read


@pytest.fixture(scope="session")
def example() -> Path:
    return example_campaign()


@pytest.fixture(scope="session")
def blank_letter(tmp_path_factory: pytest.TempPathFactory) -> PdfView:
    """The example campaign's blank letter, rendered once for the session."""
    from printkit import api

    target = tmp_path_factory.mktemp("blank") / "letter.pdf"
    api.letter(None, target)
    return PdfView(target.read_bytes())


def write_campaign(folder: Path, yaml_text: str, letter: str | None = None) -> Path:
    """A campaign folder with the given campaign.yaml (dedented) and letter.md."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "campaign.yaml").write_text(textwrap.dedent(yaml_text), encoding="utf-8")
    if letter is not None:
        (folder / "letter.md").write_text(textwrap.dedent(letter), encoding="utf-8")
    return folder


@pytest.fixture
def make_campaign(tmp_path: Path) -> Callable[..., Path]:
    def make(yaml_text: str, letter: str | None = None, name: str = "campaign") -> Path:
        return write_campaign(tmp_path / name, yaml_text, letter)

    return make


COUNCILLOR_YAML = """\
title: Save Elm Road Library and the Community Rooms Above It
slug: save-elm-road-library
language: en-GB
organisation:
  name: Friends of Elm Road Library
  email: friends@example.org
  website: https://elmroadfriends.example.org
hashtag: "#SaveElmRoad"
summary: |
  The council wants to close Elm Road Library in March. Tell your councillor it matters.
action:
  text: Write to your ward councillor before the council votes on 14 March.
  url: https://elmroadfriends.example.org/write
  steps:
    - Find your ward councillor on the council's website.
    - Fill in the letter with your own words about the library.
    - Post it to the Civic Centre, or hand it in at the library desk.
letter:
  to: councillor
  recipient_address: [Town Hall, Springfield Borough Council, 1 Market Square,
                      SPRINGFIELD, SP1 1AA]
  text: letter.md
  window: c5
  ask: Please vote against closing Elm Road Library, and keep the community rooms open.
"""
COUNCILLOR_LETTER = """\
Dear Councillor [Councillor name],

I have used Elm Road Library for [Number of years] years, and the plan to close it
on [Closing date] would leave our ward without a library.

[In your own words: what does the library mean to you?]

Please vote against the closure.

Yours sincerely,

[Your name]
"""
SHORT_YAML = """\
title: Save the Pool
summary: Keep Parkside Pool open.
action:
  url: https://savethepool.example.org
  steps: [Sign the petition at savethepool.example.org]
letter: {text: letter.md}
"""
SHORT_LETTER = "Dear [MP name],\n\nPlease save Parkside Pool.\n\n[Your name]\n"
LONG_YAML = """\
title: Keep the Riverside Community Centre and Its Library Open
organisation:
  name: Riverside Community Centre Users' Association
  email: hello@riverside.example.org
  website: https://riverside.example.org
hashtag: "#KeepRiversideOpen"
summary: |
  The council plans to close the Riverside Community Centre next spring, to save
  money on its upkeep. It hosts the library, the food bank, toddler groups, the
  over-60s lunch club and English classes, and there is nowhere else nearby for any
  of them. Hundreds of families use it every week.
action:
  text: Ask your councillor to vote against the closure at the full council meeting.
  url: https://riverside.example.org/act/keep-riverside-open?utm_source=leaflet
  steps:
    - Find your councillor's name and email address on the council's website.
    - Write to them in your own words, or fill in the letter we hand out at the centre.
    - Tell them what the centre means to you and your family, and who you meet there.
    - Come to the public meeting at the Town Hall on Thursday the 14th, at 7 pm.
    - Share this leaflet with a neighbour who uses the centre.
more:
  text: Read the council's plans in full, and our answer to every one of them
  url: https://riverside.example.org/plans
letter:
  to: councillor
  recipient_address: [Town Hall, SPRINGFIELD, SP1 1AA]
  text: letter.md
  ask: >-
    I ask you to vote against closing the Riverside Community Centre, to keep its
    library, food bank and groups in the building they have now, and to meet the
    people who use it before any decision about its future is taken.
"""
LONG_LETTER = """\
Dear Councillor [Councillor name],

The Riverside Community Centre is where my family meets the rest of our street. Closing
it would cut hundreds of people off from the library, the food bank and the groups.

[In your own words: what does the centre mean to you?]

Yours sincerely,

[Your name]
"""


@pytest.fixture
def councillor_campaign(tmp_path: Path) -> Path:
    """A campaign the code was not written for: a councillor letter with its own placeholders,
    a long council address and a long title."""
    return write_campaign(tmp_path / "library", COUNCILLOR_YAML, COUNCILLOR_LETTER)


def accent_room(size_pt: float) -> float:
    """mm from the top of the capitals to the top of Ŵ in the bundled font, at `size_pt`.

    Addresses are set so that an accented capital's ink, not the capitals, starts at an
    area's edge: the capitals of a line start this much lower.
    """
    from fontTools.ttLib import TTFont

    folder = example_campaign().parent.parent / "fonts" / "atkinson-hyperlegible-next"
    with TTFont(str(folder / "atkinson-hyperlegible-next-latin-ext-400-normal.woff2")) as font:
        glyphs = font["glyf"]
        glyph = glyphs[font.getBestCmap()[ord("Ŵ")]]
        glyph.recalcBounds(glyphs)
        units = font["head"].unitsPerEm
        cap = font["OS/2"].sCapHeight
        return (glyph.yMax - cap) / units * size_pt / MM


def rasterise(data: bytes, index: int = 0, dpi: int = 150):  # -> PIL.Image.Image
    """One page of a PDF as an image, its whole MediaBox (bleed included)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    try:
        return document[index].render(scale=dpi / 72).to_pil().convert("RGB")
    finally:
        document.close()


@dataclass(frozen=True)
class FoundCode:
    """A QR code a scanner read: its text, its corners' box (pixels) and its width (mm)."""

    text: str
    box: tuple[float, float, float, float]  # left, top, right, bottom
    width: float


def find_qr_codes(image, dpi: int = 150) -> list[FoundCode]:  # image: PIL.Image.Image
    """Every QR code a scanner reads on the image, with where it is."""
    import zxingcpp

    found = []
    for code in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode):
        corners = (
            code.position.top_left,
            code.position.top_right,
            code.position.bottom_left,
            code.position.bottom_right,
        )
        xs, ys = [p.x for p in corners], [p.y for p in corners]
        box = (min(xs), min(ys), max(xs), max(ys))
        found.append(FoundCode(code.text, box, (box[2] - box[0]) / dpi * 25.4))
    return found


def scan_qr_codes(image, dpi: int = 150) -> list[tuple[str, float]]:
    """Every QR code a scanner reads on the image: its text and its symbol width in mm."""
    import zxingcpp

    found = []
    for code in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode):
        xs = [
            code.position.top_left.x,
            code.position.top_right.x,
            code.position.bottom_left.x,
            code.position.bottom_right.x,
        ]
        found.append((code.text, (max(xs) - min(xs)) / dpi * 25.4))
    return found


@pytest.fixture
def local_network_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail any test that tries to reach a host other than this machine."""
    import urllib.parse

    from printkit.lookup import net

    real = net.urllib.request.urlopen

    def local_only(request: Any, *args: Any, **kwargs: Any) -> Any:
        host = urllib.parse.urlsplit(request.full_url).hostname
        assert host in ("localhost", "127.0.0.1", "::1"), f"a test tried to reach {host}"
        return real(request, *args, **kwargs)

    monkeypatch.setattr(net.urllib.request, "urlopen", local_only)
