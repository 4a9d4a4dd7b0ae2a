"""The one module that reaches into WeasyPrint's internals: laid-out boxes and fontconfig.

WeasyPrint's public API renders documents; reading the layout tree (for overflow checks
and the preflight) and asking fontconfig for the system's fonts use private parts that
may change between its versions, so they are kept here, behind small functions.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from weasyprint.formatting_structure import boxes


def descendants(page: Any) -> Iterator[Any]:
    """Every box laid out on a page of a rendered document, the page's margin boxes included."""
    yield from page._page_box.descendants(placeholders=True)


def is_drawn_content(box: Any) -> bool:
    """Whether a box is words or a picture (not a background or a border)."""
    return isinstance(box, (boxes.TextBox, boxes.ReplacedBox))


@functools.cache
def system_font_files() -> tuple[Path, ...]:
    """The font files fontconfig knows on this machine (Pango falls back to them), once."""
    from weasyprint.text.ffi import ffi, fontconfig

    config = fontconfig.FcInitLoadConfigAndFonts()
    try:
        fonts = fontconfig.FcConfigGetFonts(config, fontconfig.FcSetSystem)
        found = []
        for index in range(fonts.nfont if fonts != ffi.NULL else 0):
            name = ffi.new("FcChar8 **")
            if fontconfig.FcPatternGetString(fonts.fonts[index], b"file", 0, name) == 0:
                found.append(Path(ffi.string(name[0]).decode("utf-8", "replace")))
        return tuple(dict.fromkeys(found))
    finally:
        fontconfig.FcConfigDestroy(config)


@dataclass(frozen=True)
class Rect:
    """A laid-out box's rectangle in CSS pixels from the page's top-left corner."""

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


def marked(page: Any, attribute: str) -> Iterator[tuple[str, Rect, list[Rect]]]:
    """Each element on a page carrying `attribute`: its value, its content box, and the
    border boxes of the words and pictures inside it (blank text left out)."""
    for box in descendants(page):
        element = getattr(box, "element", None)
        if element is None or box.element_tag != element.tag or not element.get(attribute):
            continue
        region = Rect(box.content_box_x(), box.content_box_y(), box.width, box.height)
        drawn = [
            Rect(inner.border_box_x(), inner.border_box_y(), inner.border_width(),
                 inner.border_height())
            for inner in box.descendants(placeholders=True)
            if is_drawn_content(inner) and not _blank(inner)
        ]  # fmt: skip
        yield element.get(attribute), region, drawn


def _blank(box: Any) -> bool:
    """A text box holding only spaces: it draws nothing."""
    return isinstance(box, boxes.TextBox) and not box.text.strip()
