"""The module that reaches into WeasyPrint's internals: laid-out boxes, glyphs, fontconfig.

WeasyPrint's public API renders documents; reading the layout tree (for the preflight),
the glyphs Pango chose for each line and the system's fonts use private parts that may
change between its versions (printkit pins WeasyPrint below its next major), so they are
kept here, behind small functions that return printkit's own data (render/preflight.py).
The fast letter path has four such modules of its own, and no other module may reach
in: render/drawing.py (painting pages into pieces, re-laying single lines),
render/relaying.py (which lines can be re-laid), render/structure.py (the tags and
regions of laid-out lines) and render/fontdata.py (WeasyPrint's font embedding, once a
file).
"""

from __future__ import annotations

import dataclasses
import functools
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from weasyprint.formatting_structure import boxes
from weasyprint.text.ffi import FROM_UNITS, TO_UNITS, ffi, pango

from printkit.paper import Box as Rect
from printkit.render import preflight
from printkit.render.preflight import Line, Region

PX_TO_MM = 25.4 / 96
PX_TO_PT = 0.75
REGION_ATTRIBUTE = "data-region"
MARGIN_REGIONS = {"top": "running header", "bottom": "running footer"}  # by @page box side


@dataclass
class _Reader:
    """Walks one page's boxes, gathering lines and regions."""

    zones: Mapping[str, Rect]
    lines: list[Line] = field(default_factory=list)
    regions: dict[str, Region] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    keys: dict[int, str] = field(default_factory=dict)  # id(element) -> its region's key
    line_boxes: dict[int, int] = field(default_factory=dict)  # id(LineBox) -> line number
    texts: dict[int, int] = field(default_factory=dict)  # id(TextBox) -> index in `lines`

    def region(self, box: Any, name: str) -> str:
        """Note a named region (numbered when its name repeats) and return its key.

        An element laid out in several boxes on the page (anonymous wrappers, fragments)
        is one region, the union of its boxes.
        """
        owner = id(getattr(box, "element", None) or box)
        key = self.keys.get(owner)
        box_mm = _content_box(box)
        if key is None:
            self.counts[name] = self.counts.get(name, 0) + 1
            key = name if self.counts[name] == 1 else f"{name} {self.counts[name]}"
            self.keys[owner] = key
        else:
            box_mm = self.regions[key].box.union(box_mm)
        element = getattr(box, "element", None)
        ref = str(element.get("data-ref") or "") if element is not None else ""
        ink = element is not None and element.get("data-bound") == "ink"
        self.regions[key] = Region(key, name, box_mm, self.zones.get(name), ref, ink)
        return key

    def line_of(self, line_box: Any) -> int:
        return self.line_boxes.setdefault(id(line_box), len(self.line_boxes))

    def walk(self, box: Any, held: tuple[str, ...], line_box: Any) -> None:
        box = getattr(box, "_box", box)  # an absolutely positioned box's placeholder
        name = _region_name(box)
        if name:
            key = self.region(box, name)
            held = held if key in held else (*held, key)
        if isinstance(box, boxes.LineBox):
            line_box = box
        if isinstance(box, boxes.TextBox):
            drawn = _text_line(box, line_box)
            if drawn is not None:
                self.texts[id(box)] = len(self.lines)
                ink, advance, missing = drawn
                baseline = (box.position_y + box.baseline) * PX_TO_MM
                set_in = (
                    (line_box.position_y * PX_TO_MM, line_box.height * PX_TO_MM)
                    if line_box is not None else (0.0, 0.0)
                )  # fmt: skip
                self.lines.append(
                    Line(box.text, ink, self.line_of(line_box), held, missing,
                         box.style["font_size"] * PX_TO_PT, baseline, advance, set_in)
                )  # fmt: skip
        elif isinstance(box, boxes.ReplacedBox) and box.style["visibility"] == "visible":
            picture = Rect(*(v * PX_TO_MM for v in (box.content_box_x(), box.content_box_y(),
                                                     box.width, box.height)))  # fmt: skip
            self.lines.append(Line("picture", picture, self.line_of(box), held))
        for child in getattr(box, "children", ()):
            self.walk(child, held, line_box)


def read_page(page: Any, number: int, zones: Mapping[str, Rect], safe: float) -> preflight.Page:
    """One laid-out WeasyPrint page as the preflight sees it.

    `zones` are where named regions must lie (mm on the page); `safe` is the margin kept
    clear inside the sheet, or inside the trim when the page has a bleed.
    """
    return read_indexed(page, number, zones, safe)[0]


def read_indexed(
    page: Any, number: int, zones: Mapping[str, Rect], safe: float
) -> tuple[preflight.Page, dict[int, int]]:
    """A page as read_page() reads it, and where each text box is among its lines (by id)."""
    reader = _Reader(zones)
    reader.walk(page._page_box, (), None)
    width, height = page.width * PX_TO_MM, page.height * PX_TO_MM
    printable = Rect(0, 0, width, height).inset(safe)
    read = preflight.Page(number, width, height, printable, tuple(reader.lines), reader.regions)
    return read, reader.texts


def reread(line: Line, box: Any, line_box: Any) -> Line | None:
    """`line` as read again once its text box is `box` (the fast path's re-laid line).

    It fits its line box (the fast path only re-lays text that does), so no ellipsis.
    None: the new text draws nothing.
    """
    drawn = _text_line(box, line_box, ellipsize=False)
    if drawn is None:
        return None
    ink, advance, missing = drawn
    baseline = (box.position_y + box.baseline) * PX_TO_MM
    return dataclasses.replace(
        line, text=box.text, ink=ink, missing=missing, baseline=baseline, advance=advance,
        size=box.style["font_size"] * PX_TO_PT,
    )  # fmt: skip


def _region_name(box: Any) -> str | None:
    """The region a box names: its element's `data-region`, or a running header's side."""
    if isinstance(box, boxes.MarginBox):
        return MARGIN_REGIONS.get(box.at_keyword.split("-")[0].lstrip("@"))
    element = getattr(box, "element", None)
    if element is None or isinstance(box, (boxes.TextBox, boxes.LineBox)):
        return None
    name: str | None = element.get(REGION_ATTRIBUTE)
    return name


def _content_box(box: Any) -> Rect:
    return Rect(*(value * PX_TO_MM for value in (box.content_box_x(), box.content_box_y(),
                                                  box.width, box.height)))  # fmt: skip


def _text_line(
    box: Any, line_box: Any, ellipsize: bool = True
) -> tuple[Rect, tuple[float, float], tuple[str, ...]] | None:
    """A text box as it will be drawn: its ink (mm), its advance, the characters without glyphs.

    The text is shaped again exactly as WeasyPrint's drawing does (draw/text.py), so the
    glyphs read here are the ones that will be written.
    """
    if box.style["visibility"] != "visible" or not box.text.strip() or not box.style["font_size"]:
        return None
    layout = box.pango_layout
    layout.reactivate(box.style)
    try:
        ellipsis = getattr(line_box, "text_overflow", "clip") == "ellipsis"
        if ellipsize and ellipsis and layout.max_width:
            pango.pango_layout_set_width(layout.layout, int(layout.max_width * TO_UNITS))
            pango.pango_layout_set_ellipsize(layout.layout, pango.PANGO_ELLIPSIZE_END)
        line, _ = layout.get_first_line()
        ink, logical = ffi.new("PangoRectangle *"), ffi.new("PangoRectangle *")
        pango.pango_layout_line_get_extents(line, ink, logical)
        x, y = box.position_x, box.position_y + box.baseline
        rect = Rect(
            (x + ink.x * FROM_UNITS) * PX_TO_MM,
            (y + ink.y * FROM_UNITS) * PX_TO_MM,
            ink.width * FROM_UNITS * PX_TO_MM,
            ink.height * FROM_UNITS * PX_TO_MM,
        )
        advance = ((x + logical.x * FROM_UNITS) * PX_TO_MM, logical.width * FROM_UNITS * PX_TO_MM)
        return rect, advance, _missing(line, layout.text)
    finally:
        layout.deactivate()


def _missing(line: Any, text: str) -> tuple[str, ...]:
    """The visible characters of a shaped line that Pango found no glyph for."""
    missing: dict[str, None] = {}
    encoded = text.encode()
    run = line.runs
    while run != ffi.NULL:
        item, run = run.data, run.next
        glyphs = item.glyphs
        for index in range(glyphs.num_glyphs):
            glyph = glyphs.glyphs[index].glyph
            if glyph == pango.PANGO_GLYPH_EMPTY:
                continue
            if glyph & pango.PANGO_GLYPH_UNKNOWN_FLAG:
                char = chr(glyph & ~pango.PANGO_GLYPH_UNKNOWN_FLAG)
            elif glyph == 0:  # .notdef from a font that claims a character it lacks
                start = item.item.offset + glyphs.log_clusters[index]
                char = encoded[start:].decode("utf-8", "replace")[:1]
            else:
                continue
            if char and not _invisible(char):
                missing[char] = None
    return tuple(missing)


def _invisible(char: str) -> bool:
    """Format and control characters and spaces: drawn as nothing, so never missing."""
    return char.isspace() or unicodedata.category(char) in ("Cc", "Cf", "Zs", "Zl", "Zp")


@functools.cache
def system_font_files() -> tuple[Path, ...]:
    """The font files fontconfig knows on this machine (Pango falls back to them), once."""
    from weasyprint.text.ffi import fontconfig

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
