"""Measuring text in the bundled font: line widths, and whether an address block fits a space."""

from __future__ import annotations

import functools
import math
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from fontTools.ttLib import TTFont

from printkit.resources import asset_path

PT_TO_MM = 25.4 / 72
FAMILY = "atkinson-hyperlegible-next"
SUBSETS = ("latin", "latin-ext")  # in order of preference where both have a character
WEIGHTS = (400, 700)


@dataclass(frozen=True)
class FontMetrics:
    """The advance widths of one weight of the bundled font, in font units."""

    units_per_em: int
    advances: Mapping[str, int]
    average: float

    def advance(self, char: str) -> float:
        """The advance of one character; the average advance when the font lacks it."""
        if char in self.advances:
            return self.advances[char]
        return 0.0 if _invisible(char) else self.average


def font_files(weight: int = 400) -> tuple[Path, ...]:
    """The WOFF2 files of one weight of the bundled font, one per subset."""
    if weight not in WEIGHTS:
        raise ValueError(f"the bundled font has weights {WEIGHTS}, not {weight}")
    folder = asset_path("fonts") / FAMILY
    return tuple(folder / f"{FAMILY}-{subset}-{weight}-normal.woff2" for subset in SUBSETS)


@functools.cache
def metrics(weight: int = 400) -> FontMetrics:
    """The merged advance widths of one weight, read once per process."""
    advances: dict[str, int] = {}
    units_per_em = 1000
    for path in font_files(weight):
        font = TTFont(path, lazy=True)
        units_per_em = font["head"].unitsPerEm
        widths = font["hmtx"].metrics
        for code, glyph in font.getBestCmap().items():
            advances.setdefault(chr(code), widths[glyph][0])
        font.close()
    visible = [width for char, width in advances.items() if width and not _invisible(char)]
    return FontMetrics(units_per_em, advances, sum(visible) / len(visible))


def text_width_mm(text: str, size_pt: float, weight: int = 400) -> float:
    """The width in mm of `text` at `size_pt`, without kerning (so never an underestimate)."""
    font = metrics(weight)
    units = sum(font.advance(char) for char in unicodedata.normalize("NFC", text))
    return units / font.units_per_em * size_pt * PT_TO_MM


TALLEST = "ŴŶÅÉÂdl"  # accented capitals and ascenders: the tallest ink of names and addresses


@functools.cache
def cap_drop_em(line_height: float, weight: int = 400) -> float:
    """How far below the top of its line box the tallest letters' ink starts, in em.

    The line box holds the font's ascent and descent plus half the leading on each
    side; capitals, ascenders and even accented capitals (Ŵ, Å) reach a little below the
    ascent. Pulling the first line up by this much starts its ink at the area's edge.
    """
    tallest = 0.0
    for path in font_files(weight):
        font = TTFont(path, lazy=True)
        units, glyphs, cmap = font["head"].unitsPerEm, font["glyf"], font.getBestCmap()
        ascent: float = font["hhea"].ascent / units
        descent: float = -font["hhea"].descent / units
        for char in TALLEST:
            if ord(char) in cmap:
                glyph = glyphs[cmap[ord(char)]]
                glyph.recalcBounds(glyphs)
                tallest = max(tallest, glyph.yMax / units)
        font.close()
    half_leading = (line_height - ascent - descent) / 2
    return half_leading + ascent - tallest


@functools.cache
def cap_height_em(weight: int = 400) -> float:
    """The bundled font's capital height, in em."""
    font = TTFont(font_files(weight)[0], lazy=True)
    height: float = font["OS/2"].sCapHeight / font["head"].unitsPerEm
    font.close()
    return height


def _invisible(char: str) -> bool:
    """True for control and formatting characters, which take no width."""
    return unicodedata.category(char) in ("Cc", "Cf")


def window_problem(
    lines: Sequence[str],
    width_mm: float,
    height_mm: float,
    sizes_pt: Sequence[float] = (11, 10),
    line_height: float = 1.4,
    space: str = "the envelope window",
) -> str | None:
    """None when the block fits the window at one of `sizes_pt`, else why it does not fit.

    `space` names the area in the message: the envelope window, or a label.
    """
    if not sizes_pt:
        raise ValueError("window_problem needs at least one type size")
    problem: str | None = None
    for size in sorted(sizes_pt, reverse=True):
        problem = _fit_problem(lines, width_mm, height_mm, size, line_height, space)
        if problem is None:
            return None
    return problem


def lines_that_fit(height_mm: float, size_pt: float, line_height: float = 1.4) -> int:
    """How many lines of `size_pt` type at `line_height` fit in `height_mm`."""
    pitch = size_pt * line_height * PT_TO_MM
    return math.floor(height_mm / pitch + 1e-9)


def _fit_problem(
    lines: Sequence[str],
    width_mm: float,
    height_mm: float,
    size: float,
    line_height: float,
    space: str,
) -> str | None:
    """Why `lines` do not fit the window at one type size, or None when they do."""
    most = lines_that_fit(height_mm, size, line_height)
    if len(lines) > most:
        return (
            f"the address has {len(lines)} lines; {space} holds at most"
            f" {most} at {_number(size)} pt"
        )
    for line in lines:
        width = math.ceil(text_width_mm(line, size) * 10) / 10
        if width > width_mm:
            shown = line if len(line) <= 40 else line[:37] + "..."
            return (
                f"address line {shown!r} is {_number(width)} mm wide at {_number(size)} pt;"
                f" {space} is {_number(width_mm)} mm"
            )
    return None


def _number(value: float) -> str:
    """A measurement for a message: `76`, `81.3`."""
    return f"{value:.1f}".rstrip("0").rstrip(".")
