"""Glyph coverage: which characters the bundled fonts, or the system's, can draw."""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from fontTools.ttLib import TTCollection, TTFont

from printkit.render.weasy import system_font_files
from printkit.resources import asset_path

# What to install, by the first code point of a range: Debian and Ubuntu package names.
PACKAGES = (
    (0x0000, "fonts-noto-core"),
    (0x2E80, "fonts-noto-cjk"),  # Chinese, Japanese, Korean
    (0xA000, "fonts-noto-core"),
    (0xAC00, "fonts-noto-cjk"),  # Hangul syllables
    (0xD7B0, "fonts-noto-core"),
    (0xF900, "fonts-noto-cjk"),
    (0xFB00, "fonts-noto-core"),
    (0x1F000, "fonts-noto-color-emoji"),
    (0x1FB00, "fonts-noto-core"),
)


@functools.cache
def bundled() -> frozenset[int]:
    """The code points printkit's own fonts draw, read once per process."""
    covered: set[int] = set()
    for path in sorted(asset_path("fonts").rglob("*.woff2")):
        covered.update(_cmap(path))
    return frozenset(covered)


def _cmap(path: Path) -> set[int]:
    """The code points of one font file (every font of a collection); empty if unreadable."""
    try:
        if path.suffix.lower() == ".ttc":
            with TTCollection(str(path), lazy=True) as collection:
                return {code for font in collection.fonts for code in font.getBestCmap() or {}}
        with TTFont(str(path), lazy=True, fontNumber=0) as font:
            return set(font.getBestCmap() or {})
    except Exception:  # a broken font on the system is not the user's problem here
        return set()


class Coverage:
    """Which characters some font can draw: printkit's fonts first, the system's when needed."""

    def __init__(self) -> None:
        self.known = set(bundled())
        self.unread = list(system_font_files())

    def draws(self, char: str) -> bool:
        code = ord(char)
        while code not in self.known and self.unread:
            self.known.update(_cmap(self.unread.pop()))
        return code in self.known


@functools.cache
def coverage() -> Coverage:
    """The one Coverage of this process: system fonts are read only as far as needed."""
    return Coverage()


def undrawable(text: str) -> list[str]:
    """The visible characters of `text`, in order and once each, that no font can draw."""
    seen: dict[str, None] = {}
    for char in unicodedata.normalize("NFC", text):
        if char in seen or char.isspace() or unicodedata.category(char) in ("Cc", "Cf", "Mn"):
            continue
        if not coverage().draws(char):
            seen[char] = None
    return list(seen)


def describe(char: str) -> str:
    """`'𓀀' (U+13000 EGYPTIAN HIEROGLYPH A001)`."""
    name = unicodedata.name(char, "unnamed character")
    return f"{char!r} (U+{ord(char):04X} {name})"


def package_for(char: str) -> str:
    """The Debian/Ubuntu font package most likely to draw `char`."""
    code, package = ord(char), PACKAGES[0][1]
    for start, name in PACKAGES:
        if code >= start:
            package = name
    return package


def message(chars: Iterable[str]) -> str:
    """What cannot be printed, and what to install."""
    chars = list(chars)
    packages = sorted({package_for(char) for char in chars})
    return (
        f"no font can draw {', '.join(describe(c) for c in chars)}: it would print as an "
        f"empty box; install a font that has it (on Debian or Ubuntu: apt install "
        f"{' '.join(packages)}) or change the text"
    )
