"""An independent read-back check of a written PDF: what a printer would really put on paper.

It shares no code with printkit's preflight. Character boxes come from PDFium (pypdfium2);
glyphs come from the PDF's own font programs, read with pypdf and fontTools: every glyph
drawn must exist in its embedded font, have an outline, and be that font's glyph for the
character the text says it is. The zones a product's text must keep to are given by the
test, from the print contract (paper.py's tables), not from the product's layout.
"""

from __future__ import annotations

import ctypes
import io
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import pypdfium2
import pypdfium2.raw as pdfium
from fontTools.ttLib import TTFont
from pypdf import PdfReader

MM = 72 / 25.4
HOME_SAFE = 5.0
TOLERANCE = 0.3  # mm: PDFium's boxes and rounding
OVERLAP = 0.2  # mm: deeper than this, two characters print into one another's space
NEIGHBOURS = 3  # characters this close in the text may touch (kerning, marks, joined script)
# A character owns its type's band about its baseline: capitals above, descenders below.
CAP, DESCENDER = 0.7, 0.22


@dataclass(frozen=True)
class Char:
    """One drawn character: its text, its box in mm from the trim's top-left, its index."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    index: int
    baseline: float = 0.0  # mm
    size: float = 0.0  # pt
    font: str = ""

    @property
    def band(self) -> tuple[float, float]:
        """The band (top, bottom) in mm that the character's line of type owns."""
        em = self.size / MM
        return self.baseline - CAP * em, self.baseline + DESCENDER * em

    def inside(self, box: tuple[float, float, float, float], slack: float = TOLERANCE) -> bool:
        x, y, width, height = box
        return (
            self.x0 >= x - slack
            and self.x1 <= x + width + slack
            and self.top >= y - slack
            and self.bottom <= y + height + slack
        )


@dataclass
class PageRead:
    """A page as read back: its size (mm), trim box and characters."""

    number: int
    width: float
    height: float
    trim: tuple[float, float, float, float]  # x, y, width, height in mm from the media's corner
    chars: list[Char] = field(default_factory=list)

    def text(self) -> str:
        return "".join(char.text for char in self.chars)

    def occurrences(self, wanted: str) -> list[list[Char]]:
        """Each run of characters spelling `wanted` (whitespace ignored, lines may wrap)."""
        squeezed = [char for char in self.chars if _spelt(char.text)]
        target = "".join(c for c in unicodedata.normalize("NFC", wanted) if _spelt(c))
        text = "".join(char.text for char in squeezed)
        found, start = [], text.find(target)
        while target and start != -1:
            found.append(squeezed[start : start + len(target)])
            start = text.find(target, start + 1)
        return found


def _spelt(char: str) -> bool:
    """Whether a character is spelt out in the text layer: not a space, not invisible."""
    return not char.isspace() and unicodedata.category(char) not in ("Cf", "Cc")


@dataclass
class Report:
    """What the read-back found wrong, page by page; empty when the PDF is good."""

    problems: list[str] = field(default_factory=list)
    pages: int = 0

    def __bool__(self) -> bool:
        return not self.problems


def read(data: bytes) -> list[PageRead]:
    """Every page's characters (PDFium), boxes in mm from the trim's top-left corner."""
    document = pypdfium2.PdfDocument(data)
    try:
        return [_read_page(document[index], index + 1) for index in range(len(document))]
    finally:
        document.close()


def _read_page(page: pypdfium2.PdfPage, number: int) -> PageRead:
    left, bottom, right, top = page.get_mediabox()
    t_left, t_bottom, t_right, t_top = page.get_trimbox()
    trim = (
        (t_left - left) / MM,
        (top - t_top) / MM,
        (t_right - t_left) / MM,
        (t_top - t_bottom) / MM,
    )
    read = PageRead(number, (right - left) / MM, (top - bottom) / MM, trim)
    textpage = page.get_textpage()
    box = [ctypes.c_double() for _ in range(4)]
    origin = [ctypes.c_double() for _ in range(2)]
    matrix = pdfium.FS_MATRIX()
    name = ctypes.create_string_buffer(256)
    for index in range(pdfium.FPDFText_CountChars(textpage.raw)):
        if pdfium.FPDFText_IsGenerated(textpage.raw, index):
            continue
        char = chr(pdfium.FPDFText_GetUnicode(textpage.raw, index))
        char = "-" if char == "\x02" else char  # PDFium's mark for a hyphen ending a line
        pdfium.FPDFText_GetCharBox(textpage.raw, index, *(ctypes.byref(v) for v in box))
        pdfium.FPDFText_GetCharOrigin(textpage.raw, index, *(ctypes.byref(v) for v in origin))
        # The font size is in text space; the character's matrix scales it onto the page.
        pdfium.FPDFText_GetMatrix(textpage.raw, index, ctypes.byref(matrix))
        size = pdfium.FPDFText_GetFontSize(textpage.raw, index) * abs(matrix.d or matrix.a)
        x0, x1, y0, y1 = (v.value for v in box)
        length = pdfium.FPDFText_GetFontInfo(textpage.raw, index, name, len(name), None)
        font = name.raw[: max(0, length - 1)].decode("utf-8", "replace")
        read.chars.append(Char(char, (x0 - left) / MM - trim[0], (top - y1) / MM - trim[1],
                               (x1 - left) / MM - trim[0], (top - y0) / MM - trim[1], index,
                               (top - origin[1].value) / MM - trim[1], size, font))  # fmt: skip
    textpage.close()
    return read


def _visible(char: str) -> bool:
    return not char.isspace() and unicodedata.category(char) not in ("Cc", "Cf", "Zs", "Mn")


def _one_glyph(char: Char, other: Char) -> bool:
    """Two characters of one glyph (a ligature, or an ellipsis standing for cut text)."""
    return (char.x0, char.x1, char.top, char.bottom) == (
        other.x0,
        other.x1,
        other.top,
        other.bottom,
    )


RTL_FONTS = ("Arabic", "Hebrew")  # PDFium may read their shaped glyphs as other letters


def _rtl(char: Char) -> bool:
    """A character of right-to-left script: by its text, or by the font that draws it."""
    return unicodedata.bidirectional(char.text) in ("R", "AL") or any(
        script in char.font for script in RTL_FONTS
    )


def _joined(char: Char, other: Char) -> bool:
    """Two glyphs of one right-to-left line: joined letters and their marks touch by design.

    PDFium reorders right-to-left text, so their neighbours in the text are not
    neighbours in the index; glyphs on different lines are still compared.
    """
    em = max(char.size, other.size) / MM
    same_line = abs(char.baseline - other.baseline) < 0.4 * em  # marks are raised or lowered
    return same_line and (_rtl(char) or _rtl(other))


def _has_area(char: Char) -> bool:
    return char.x1 - char.x0 > 0.05 and char.bottom - char.top > 0.05


def overlaps(page: PageRead) -> list[str]:
    """Characters printed into the band of characters that are not their neighbours."""
    chars = sorted((c for c in page.chars if _visible(c.text) and _has_area(c)),
                   key=lambda c: c.band[0])  # fmt: skip
    found = []
    for i, char in enumerate(chars):
        for other in chars[i + 1 :]:
            if other.band[0] >= char.band[1] - OVERLAP:
                break
            if abs(other.index - char.index) <= NEIGHBOURS or _one_glyph(char, other):
                continue
            if _joined(char, other):
                continue
            across = min(char.x1, other.x1) - max(char.x0, other.x0)
            down = min(char.band[1], other.band[1]) - max(char.band[0], other.band[0])
            if min(across, down) > OVERLAP:
                found.append(f"page {page.number}: {char.text!r} and {other.text!r} overprint "
                             f"at {char.x0:.1f}, {char.top:.1f} mm")  # fmt: skip
    return found[:5]


def outside(page: PageRead, box: tuple[float, float, float, float], what: str) -> list[str]:
    """Characters whose box is not inside `box`."""
    out = [c for c in page.chars if _visible(c.text) and _has_area(c) and not c.inside(box)]
    return [f"page {page.number}: {c.text!r} at {c.x0:.1f}, {c.top:.1f}-{c.bottom:.1f} mm "
            f"is outside {what}" for c in out[:5]]  # fmt: skip


def inside_one_of(page: PageRead, boxes: Sequence[tuple[float, ...]], what: str) -> list[str]:
    """Characters not inside any of `boxes` (label cells, leaflet copies)."""
    out = [c for c in page.chars if _visible(c.text) and _has_area(c)
           and not any(c.inside(b) for b in boxes)]  # type: ignore[arg-type]  # fmt: skip
    return [f"page {page.number}: {c.text!r} at {c.x0:.1f}, {c.top:.1f} mm is outside {what}"
            for c in out[:5]]  # fmt: skip


def placed(
    page: PageRead, text: str, box: tuple[float, float, float, float], what: str
) -> list[str]:
    """`text` must be printed, whole, inside `box` (the window zone, a label, ...)."""
    # PDFium reads a right-to-left page's left-to-right runs backwards: try those spellings.
    spellings = (text, text[::-1], " ".join(reversed(text.split())))
    runs = [run for spelling in spellings for run in page.occurrences(spelling)]
    if any(all(c.inside(box) for c in run if _has_area(c)) for run in runs):
        return []
    if any(_rtl(c) for c in page.chars) and _all_inside(page, text, box):
        return []  # its digits and words reordered: every character of it is in the box
    where = "nowhere" if not runs else f"at {runs[0][0].x0:.1f}, {runs[0][0].top:.1f} mm"
    return [f"page {page.number}: {text!r} is not wholly inside {what} ({where})"]


def _all_inside(page: PageRead, text: str, box: tuple[float, float, float, float]) -> bool:
    """Every character of `text` is printed inside `box` (counted, in any order)."""
    inside = Counter(c.text for c in page.chars if c.inside(box))
    return not Counter("".join(text.split())) - inside


# Glyphs: read from the PDF's fonts, independent of PDFium's text layer.
_BFCHAR = re.compile(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>")


def _to_unicode(stream: bytes) -> dict[int, str]:
    mapping: dict[int, str] = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", stream, re.S):
        for code, text in _BFCHAR.findall(block):
            mapping[int(code, 16)] = bytes.fromhex(text.decode()).decode("utf-16-be", "replace")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", stream, re.S):
        for first, last, start in re.findall(rb"<(\w+)>\s*<(\w+)>\s*<(\w+)>", block):
            base = int(start, 16)
            for offset, code in enumerate(range(int(first, 16), int(last, 16) + 1)):
                mapping[code] = chr(base + offset)
    return mapping


def _outline(font: TTFont, name: str) -> bool:
    if "glyf" in font:
        glyph = font["glyf"][name]
        return bool(glyph.numberOfContours)
    if "CFF " in font:
        charstrings = font["CFF "].cff.topDictIndex[0].CharStrings
        return (
            len(charstrings[name].bytecode or b"") > 1
            if hasattr(charstrings[name], "bytecode")
            else True
        )
    return True  # bitmap or colour fonts: drawn as pictures


def _same(text: str, chars: Iterable[str]) -> bool:
    """Whether a glyph for `chars` draws `text`: the same, a compatibility form (a ligature,
    an Arabic presentation form) or a part of its decomposition (alef + hamza for 'أ')."""
    folded, parts = unicodedata.normalize("NFKC", text), unicodedata.normalize("NFD", text)
    return any(unicodedata.normalize("NFKC", c) == folded or c in parts for c in chars)


def _elided(text: str, chars: Iterable[str]) -> bool:
    """An ellipsis glyph standing for the text it cut (a long name in a running header)."""
    return "…" in chars and len(text) > 1


def glyph_problems(data: bytes) -> list[str]:
    """Glyphs that print as nothing, as .notdef boxes, or as another character's glyph."""
    problems: list[str] = []
    seen: set[int] = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        fonts = (page.get("/Resources") or {}).get("/Font") or {}
        for ref in fonts.values():
            font = ref.get_object()
            if id(font) in seen or font.get("/Subtype") != "/Type0":
                continue
            seen.add(id(font))
            problems.extend(_font_problems(font))
    return problems


def _font_problems(font: object) -> list[str]:
    descendant = font["/DescendantFonts"][0].get_object()  # type: ignore[index]
    descriptor = descendant["/FontDescriptor"].get_object()
    program = descriptor.get("/FontFile2") or descriptor.get("/FontFile3")
    mapping = _to_unicode(font["/ToUnicode"].get_object().get_data())  # type: ignore[index]
    name = str(font["/BaseFont"])  # type: ignore[index]
    if program is None:
        return [f"{name}: not embedded"]
    embedded = TTFont(io.BytesIO(program.get_object().get_data()))
    order = embedded.getGlyphOrder()
    reverse: dict[int, list[str]] = {}
    for code, glyph in (embedded.getBestCmap() or {}).items():
        reverse.setdefault(embedded.getGlyphID(glyph), []).append(chr(code))
    problems = []
    for gid, text in mapping.items():
        if not any(_visible(c) for c in text):
            continue
        if gid == 0 or gid >= len(order) or not _outline(embedded, order[gid]):
            problems.append(f"{name}: {text!r} is drawn with no glyph (glyph {gid})")
        elif gid in reverse and not _same(text, reverse[gid]) and not _elided(text, reverse[gid]):
            problems.append(f"{name}: {text!r} is drawn with the glyph of {reverse[gid]!r}")
    return problems


def check(
    data: bytes,
    safe: float = HOME_SAFE,
    expect: Iterable[tuple[int, str, tuple[float, float, float, float], str]] = (),
    areas: dict[int, tuple[Sequence[tuple[float, ...]], str]] | None = None,
) -> Report:
    """The whole read-back of a PDF.

    Every page: no missing or wrong glyphs, every character inside the printable area
    (`safe` mm inside the trim), no two characters over one another. `expect` lists
    (page, text, box, what): the text must be printed whole inside the box. `areas` gives
    pages (0: every page) whose characters must all lie in one of the boxes.
    """
    pages = read(data)
    report = Report(glyph_problems(data), len(pages))
    for page in pages:
        _, _, width, height = page.trim
        printable = (safe, safe, width - 2 * safe, height - 2 * safe)
        report.problems += outside(page, printable, "the printable area")
        report.problems += overlaps(page)
        for number in (page.number, 0):
            if areas and number in areas:
                report.problems += inside_one_of(page, *areas[number])
    for number, text, box, what in expect:
        if number > len(pages):
            report.problems.append(f"page {number}: missing, so {text!r} is not printed")
            continue
        report.problems += placed(pages[number - 1], text, box, what)
    return report
