"""Fonts of the fast path's PDF: what the workers painted with, embedded once per file.

The workers paint with WeasyPrint's fonts; each tells the writing process which glyphs
it used (and sends each font file once). At the end the writer embeds every font once,
subset to the glyphs the whole file uses, with WeasyPrint's own font embedding, so the
font objects are exactly those WeasyPrint would write. This module uses WeasyPrint's
internals (its Font attributes and pdf.fonts), like render/drawing.py.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from weasyprint.pdf.fonts import Font, build_fonts_dictionary

# What WeasyPrint's font embedding reads of a font, apart from the glyphs used.
_COPIED = (
    "hash", "name", "family", "index", "flags", "ascent", "descent", "upem", "bitmap",
    "italic_angle", "stemv", "stemh", "png", "svg", "colr",
)  # fmt: skip


@dataclass
class FontData:
    """A font as the PDF needs it: its file (sent once), its metrics, the glyphs used."""

    hash: str
    name: bytes
    family: str
    index: int
    flags: int
    ascent: int
    descent: int
    upem: int
    bitmap: bool
    italic_angle: float
    stemv: int
    stemh: int
    png: bool
    svg: bool
    colr: bool
    file_content: bytes = b""
    widths: dict[int, int] = field(default_factory=dict)
    to_unicode: dict[int, str] = field(default_factory=dict)
    missing: dict[int, int] = field(default_factory=dict)
    used_in_forms: bool = False

    @classmethod
    def of(cls, font: Any, with_file: bool = True) -> FontData:
        """The data of one of WeasyPrint's fonts, with its file or without."""
        copied = {name: getattr(font, name) for name in _COPIED}
        return cls(
            **copied, file_content=font.file_content if with_file else b"",
            widths=dict(font.widths), to_unicode=dict(font.to_unicode),
            missing=dict(font.missing),
        )  # fmt: skip

    def merge(self, other: FontData) -> None:
        """Take in the glyphs another process used (and the file, if this has none yet)."""
        self.file_content = self.file_content or other.file_content
        self.widths.update(other.widths)
        self.to_unicode.update(other.to_unicode)
        self.missing.update(other.missing)

    @property
    def type(self) -> str:
        return "otf" if self.file_content[:4] == b"OTTO" else "ttf"

    def clean(self, to_unicode: dict[int, str], hinting: bool) -> None:
        """Subset the font file to the glyphs used, keeping glyph numbers (as WeasyPrint does)."""
        Font._fonttools_subset(self, to_unicode, hinting)


def sendable(fonts: dict[str, Any], sent: set[str]) -> tuple[FontData, ...]:
    """Each font's glyphs used so far; the file only for fonts not sent before."""
    found = tuple(FontData.of(font, font.hash not in sent) for font in fonts.values())
    sent.update(font.hash for font in fonts.values())
    return found


class _Numbered:
    """Stands in for a pydyf PDF: objects take their numbers from the file being written."""

    def __init__(self, allocate: Callable[[], int]) -> None:
        self.allocate = allocate
        self.added: list[Any] = []

    def add_object(self, obj: Any) -> None:
        obj.number = self.allocate()
        self.added.append(obj)


def font_objects(
    fonts: Iterable[FontData], allocate: Callable[[], int]
) -> tuple[list[tuple[int, bytes]], bytes]:
    """Every font's PDF objects as (number, body), and the font resources dictionary."""
    pdf = _Numbered(allocate)
    usable = {font.hash: dataclasses.replace(font) for font in fonts if font.file_content}
    dictionary = build_fonts_dictionary(
        pdf, usable, True, True, {"hinting": False, "pdf_version": "1.7"}
    )
    return [(obj.number, bytes(obj.data)) for obj in pdf.added], bytes(dictionary.data)
