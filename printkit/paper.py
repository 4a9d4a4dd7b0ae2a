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
}


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
