"""The bundled fonts' @font-face rules, their unicode-range read from each file's real cmap.

`fonts/fonts.css` is made by this module (`python -m printkit.render.fontfaces`), and a test
checks that it still agrees with the font files: a declared range that a file does not
cover would send characters to a font that draws them as empty boxes.

Each file (each subset of a family) is declared under a name of its own, listed in order
in the page's font stack: WeasyPrint keys the fonts it writes by family and weight, so two
files declared under one name would be merged, and a glyph of one drawn from the other.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from fontTools.ttLib import TTFont

from printkit.resources import asset_path


@dataclass(frozen=True)
class Family:
    """A bundled family: its folder under fonts/, its CSS name and what it is there for."""

    folder: str
    name: str
    purpose: str


# In the order the stylesheet tries them (styles/base.css lists the same names).
FAMILIES = (
    Family("atkinson-hyperlegible-next", "Atkinson Hyperlegible Next",
           "drawn by the Braille Institute for low-vision readers; Latin, Welsh included"),
    Family("noto-sans", "Noto Sans",
           "the rest of Latin Extended-A/B and Extended Additional, Greek and Cyrillic"),
    Family("noto-sans-arabic", "Noto Sans Arabic", "Arabic, Urdu and Farsi"),
    Family("noto-sans-hebrew", "Noto Sans Hebrew", "Hebrew and Yiddish"),
    Family("noto-sans-bengali", "Noto Sans Bengali", "Bengali"),
    Family("noto-sans-gurmukhi", "Noto Sans Gurmukhi", "Gurmukhi (Punjabi)"),
)  # fmt: skip
_WEIGHT = re.compile(r"-(\d00)-normal\.woff2$")
FALLBACK = ('"DejaVu Sans"', "sans-serif")  # the system's, after the bundled ones
HEADER = (
    "/* The bundled fonts (SIL OFL 1.1, see OFL.txt in each folder). Made by\n"
    "   `python -m printkit.render.fontfaces` from the files' own character maps:\n"
    "   edit that module, not this file. */\n"
)


def code_points(path: Path) -> frozenset[int]:
    """The characters one font file maps to a glyph."""
    with TTFont(str(path), lazy=True) as font:
        return frozenset(font.getBestCmap() or {})


def ranges(codes: Iterable[int]) -> list[tuple[int, int]]:
    """Code points as sorted, merged (first, last) ranges."""
    merged: list[tuple[int, int]] = []
    for code in sorted(set(codes)):
        if merged and code == merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], code)
        else:
            merged.append((code, code))
    return merged


def unicode_range(codes: Iterable[int]) -> str:
    """`U+0020-007E, U+00A0-00FF` for those code points."""
    return ", ".join(
        f"U+{first:04X}" if first == last else f"U+{first:04X}-{last:04X}"
        for first, last in ranges(codes)
    )


def files(family: Family) -> list[Path]:
    """The family's WOFF2 files, in name order."""
    return sorted((asset_path("fonts") / family.folder).glob("*.woff2"))


def face_name(family: Family, path: Path) -> str:
    """The name a file is declared under: `Noto Sans greek` for noto-sans-greek-400-normal."""
    subset = _WEIGHT.sub("", path.name).removeprefix(family.folder).strip("-")
    return f"{family.name} {subset}"


def stack() -> list[str]:
    """Every declared name, in the order the page tries them."""
    names = (face_name(family, path) for family in FAMILIES for path in files(family))
    return list(dict.fromkeys(names))


def font_faces() -> Iterator[str]:
    """One @font-face rule per bundled file."""
    for family in FAMILIES:
        for path in files(family):
            weight = _WEIGHT.search(path.name)
            if weight is None:
                raise ValueError(f"{path.name}: the file name does not give the weight")
            yield (
                f"@font-face {{\n"
                f'  font-family: "{face_name(family, path)}";\n'
                f"  font-weight: {weight.group(1)};\n"
                f'  src: url({family.folder}/{path.name}) format("woff2");\n'
                f"  unicode-range: {unicode_range(code_points(path))};\n"
                f"}}\n"
            )


def stylesheet() -> str:
    """The whole of fonts/fonts.css: the faces, then the page's font stack."""
    names = ", ".join([*(f'"{name}"' for name in stack()), *FALLBACK])
    return HEADER + "".join(font_faces()) + f"html {{ font-family: {names}; }}\n"


def main() -> None:
    """Write fonts/fonts.css."""
    target = asset_path("fonts") / "fonts.css"
    target.write_text(stylesheet(), encoding="utf-8")
    sys.stdout.write(f"{target}\n")


if __name__ == "__main__":
    main()
