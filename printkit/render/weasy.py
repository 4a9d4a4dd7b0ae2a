"""The one module that reaches into WeasyPrint's internals: laid-out boxes and fontconfig.

WeasyPrint's public API renders documents; reading the layout tree (for overflow checks
and the preflight) and asking fontconfig for the system's fonts use private parts that
may change between its versions, so they are kept here, behind small functions.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
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
