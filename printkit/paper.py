"""Paper sizes, envelope windows and fold lines, in millimetres: data, not code."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Size:
    """A sheet or envelope, width x height in mm."""

    width: float
    height: float


@dataclass(frozen=True)
class Window:
    """Where the recipient's address must sit on an A4 letter for a window envelope."""

    name: str
    envelope: Size
    left: float  # safe zone on the letter page, from the page's top-left corner
    top: float
    width: float
    height: float
    folds: tuple[float, ...]  # fold lines, from the top of the page


A4 = Size(210, 297)
A3 = Size(297, 420)

# Whichever way the letter slides in the envelope, an address inside this zone shows.
WINDOWS: dict[str, Window] = {
    "dl": Window("dl", Size(220, 110), left=22, top=52, width=76, height=30, folds=(99, 198)),
    "c5": Window("c5", Size(229, 162), left=22, top=52, width=76, height=30, folds=(148.5,)),
    "none": Window("none", Size(0, 0), left=22, top=52, width=76, height=30, folds=()),
    # Print-and-post services place the address where their own envelopes' windows are
    # (mail/handoff.py). Pingen's address area: 22 mm from the left, 60 mm from the top,
    # 85.5 x 25.5 mm; its postage area above it (20 mm from the left, 40 from the top,
    # 89.5 x 20) stays empty (help.pingen.com, "Letter standards"). Folded in thirds.
    "pingen": Window("pingen", Size(229, 114), left=22, top=60, width=85.5, height=25.5,
                     folds=(99, 198)),
}  # fmt: skip


@dataclass(frozen=True)
class LetterPage:
    """The margins of the letter page in mm."""

    top: float = 14
    right: float = 20
    bottom: float = 18
    left: float = 22


LETTER_PAGE = LetterPage()


def letter_geometry(window: Window, page: LetterPage = LETTER_PAGE) -> dict[str, str]:
    """CSS custom properties that place the letter's blocks, relative to the page area."""
    mm = "{:g}mm".format
    values = {
        "page-margin-top": mm(page.top),
        "page-margin-right": mm(page.right),
        "page-margin-bottom": mm(page.bottom),
        "page-margin-left": mm(page.left),
        "window-left": mm(window.left - page.left),
        "window-top": mm(window.top - page.top),
        "window-width": mm(window.width),
        "window-height": mm(window.height),
        "head-height": mm(window.top + window.height + 6 - page.top),
        "fold-left": mm(4 - page.left),
    }
    for number, fold in enumerate(window.folds, start=1):
        values[f"fold-{number}"] = mm(fold - page.top)
    return values


# Leaflets: trim sizes, how copies share an A4 sheet at home, and the QR code's width.
BLEED = 3.0  # print-shop bleed on every side
SAFE = 4.0  # text and QR codes stay this far inside the trim
HOME_MARGIN = 10.0  # sheet edge to the copies: the printer's unprintable edge, then cut marks
MARK_OFFSET = 2.0  # cut marks start this far outside the trim ...
MARK_LENGTH = 5.0  # ... and are this long


@dataclass(frozen=True)
class Imposition:
    """How copies of a leaflet share an A4 sheet for home printing."""

    sheet: Size
    columns: int
    rows: int
    duplex: str  # how the sheet turns over, as the PDF viewer names it


@dataclass(frozen=True)
class LeafletSize:
    """A leaflet size: its trim, its home imposition, and how far its type and QR code grow.

    Type is fitted to the words between the profile's smallest size and `stretch` times
    it; the QR code's symbol grows with the type from `qr` to `qr_largest` mm.
    """

    name: str
    trim: Size
    home: Imposition
    qr: float
    qr_largest: float
    stretch: float
    picture: float = 0.3  # a picture's least height, as a share of the leaflet's height
    stacked: bool = False  # bilingual: each block's languages one above the other, not beside


A4_LANDSCAPE = Size(A4.height, A4.width)
LEAFLETS: dict[str, LeafletSize] = {
    "a5": LeafletSize("a5", Size(148, 210), Imposition(A4_LANDSCAPE, 2, 1, "short-edge"),
                      qr=26, qr_largest=56, stretch=2.4),
    "a6": LeafletSize("a6", Size(105, 148), Imposition(A4, 2, 2, "long-edge"),
                      qr=22, qr_largest=40, stretch=1.9),
    "dl": LeafletSize("dl", Size(99, 210), Imposition(A4_LANDSCAPE, 3, 1, "short-edge"),
                      qr=22, qr_largest=44, stretch=2.0, stacked=True),
}  # fmt: skip


@dataclass(frozen=True)
class PosterLayout:
    """The poster, in mm and pt as on A4; larger sheets are the same poster enlarged."""

    margin: float = 15  # inside any home printer's unprintable edge
    title_cap: float = 15  # the headline's capital letters, readable at 5 m
    qr: float = 60  # the QR code's least symbol width ...
    qr_largest: float = 125  # ... and the most it grows into the space left
    qr_tried: tuple[float, ...] = (100, 80)  # larger codes tried first, at a comfortable size
    stretch: float = 1.5  # type grows to this many times its least size for short words
    picture: float = 0.22  # a picture's least height, as a share of the page's


POSTER = PosterLayout()
POSTERS: dict[str, Size] = {"a4": A4, "a3": A3}


@dataclass(frozen=True)
class Box:
    """A rectangle on a sheet, mm from its top-left corner."""

    x: float
    y: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def bottom(self) -> float:
        return self.y + self.height

    def past(self, outer: Box) -> tuple[str, float]:
        """The edge of `outer` this box runs furthest past, and by how many mm (< 0: inside)."""
        sides = {
            "left": outer.x - self.x,
            "right": self.right - outer.right,
            "top": outer.y - self.y,
            "bottom": self.bottom - outer.bottom,
        }
        side = max(sides, key=sides.__getitem__)
        return side, sides[side]

    def overlap(self, other: Box) -> float:
        """How deep two boxes overlap: the smaller of the overlaps across and down, or 0."""
        across = min(self.right, other.right) - max(self.x, other.x)
        down = min(self.bottom, other.bottom) - max(self.y, other.y)
        return max(0.0, min(across, down))

    def inset(self, by: float) -> Box:
        """The box shrunk by `by` on every side."""
        return Box(self.x + by, self.y + by, self.width - 2 * by, self.height - 2 * by)

    def union(self, other: Box) -> Box:
        """The smallest box holding both."""
        x, y = min(self.x, other.x), min(self.y, other.y)
        return Box(x, y, max(self.right, other.right) - x, max(self.bottom, other.bottom) - y)


def home_cells(leaflet: LeafletSize, back: bool = False) -> list[Box]:
    """Where the copies sit on an A4 sheet: abutting, filling the area inside the margin.

    A home printer cannot print to the edge, so copies are a little smaller than the
    trim size. The back sheet is mirrored left to right, so each back lines up with
    its front when the sheet turns over (both duplex modes used here turn it like a book).
    """
    home = leaflet.home
    width = (home.sheet.width - 2 * HOME_MARGIN) / home.columns
    height = (home.sheet.height - 2 * HOME_MARGIN) / home.rows
    cells = []
    for row in range(home.rows):
        for column in range(home.columns):
            place = home.columns - 1 - column if back else column
            x, y = HOME_MARGIN + place * width, HOME_MARGIN + row * height
            cells.append(Box(x, y, width, height))
    return cells


def cut_marks(leaflet: LeafletSize) -> list[Box]:
    """Short lines in the sheet's margin extending every cut line, outside every trim."""
    home = leaflet.home
    inner = Box(
        HOME_MARGIN,
        HOME_MARGIN,
        home.sheet.width - 2 * HOME_MARGIN,
        home.sheet.height - 2 * HOME_MARGIN,
    )
    near, far = MARK_OFFSET, MARK_OFFSET + MARK_LENGTH
    marks = []
    for i in range(home.columns + 1):
        x = inner.x + i * inner.width / home.columns
        marks.append(Box(x, inner.y - far, 0, MARK_LENGTH))
        marks.append(Box(x, inner.y + inner.height + near, 0, MARK_LENGTH))
    for i in range(home.rows + 1):
        y = inner.y + i * inner.height / home.rows
        marks.append(Box(inner.x - far, y, MARK_LENGTH, 0))
        marks.append(Box(inner.x + inner.width + near, y, MARK_LENGTH, 0))
    return marks


@dataclass(frozen=True)
class SignupSheet:
    """The sign-up sheet: A4 landscape, rows tall enough to write in, consent boxes."""

    page: Size = A4_LANDSCAPE
    margin: float = 12
    rows: int = 10  # as many as fit, up to this: fewer in large print or a longer notice
    fewest_rows: int = 3
    row_height: float = 11
    box: float = 6  # the consent tick box's side


SIGNUP_SHEET = SignupSheet()
