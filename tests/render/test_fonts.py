"""The bundled fonts: what their character maps really hold, and fonts.css agreeing with them."""

from __future__ import annotations

import re
import unicodedata

import pytest
from fontTools.ttLib import TTFont

from printkit.render import fontfaces, fonts
from printkit.resources import asset_path

WELSH = "ŵŷŴŶẁẃẅỳẀẂẄỲ"
BLOCKS = {
    "Latin Extended-A": (0x0100, 0x017F),
    "Latin Extended-B": (0x0180, 0x024F),
    "Latin Extended Additional": (0x1E00, 0x1EFF),
    "Cyrillic": (0x0400, 0x04FF),
    "Greek Extended": (0x1F00, 0x1FFF),
}
FACE = re.compile(r"src: url\(([^)]+)\).*?unicode-range: ([^;]+);", re.S)


def _assigned(first: int, last: int) -> list[int]:
    return [c for c in range(first, last + 1) if unicodedata.category(chr(c)) != "Cn"]


def _parse_range(text: str) -> set[int]:
    codes: set[int] = set()
    for part in text.split(","):
        first, _, last = part.strip().removeprefix("U+").partition("-")
        codes.update(range(int(first, 16), int(last or first, 16) + 1))
    return codes


def test_fonts_css_is_the_one_generated_from_the_files() -> None:
    written = (asset_path("fonts") / "fonts.css").read_text(encoding="utf-8")
    assert written == fontfaces.stylesheet(), "run: python -m printkit.render.fontfaces"


def test_every_declared_range_is_exactly_the_files_character_map() -> None:
    css = (asset_path("fonts") / "fonts.css").read_text(encoding="utf-8")
    faces = FACE.findall(css)
    assert len(faces) == len(list(asset_path("fonts").rglob("*.woff2")))
    for url, declared in faces:
        with TTFont(str(asset_path("fonts") / url)) as font:
            real = set(font.getBestCmap())
        assert _parse_range(declared) == real, url


@pytest.mark.parametrize("char", WELSH)
def test_welsh_letters_are_in_a_bundled_atkinson_file(char: str) -> None:
    atkinson = fontfaces.files(fontfaces.FAMILIES[0])
    assert any(ord(char) in fontfaces.code_points(path) for path in atkinson), char


@pytest.mark.parametrize("block", BLOCKS)
def test_bundled_fonts_draw_every_letter_of_the_block(block: str) -> None:
    missing = [hex(c) for c in _assigned(*BLOCKS[block]) if c not in fonts.bundled()]
    assert missing == []


def test_greek_is_bundled_but_for_the_coptic_letters() -> None:
    coptic = set(range(0x03E2, 0x03F0))
    missing = {c for c in _assigned(0x0370, 0x03FF) if c not in fonts.bundled()}
    assert missing <= coptic


def test_every_family_has_its_licence_beside_it() -> None:
    for family in fontfaces.FAMILIES:
        licence = asset_path("fonts") / family.folder / "OFL.txt"
        assert "SIL Open Font License" in licence.read_text(encoding="utf-8"), family.folder


def test_the_font_stack_names_every_file_once_atkinson_first() -> None:
    css = (asset_path("fonts") / "fonts.css").read_text(encoding="utf-8")
    declared = re.findall(r'font-family: "([^"]+)"', css)
    stack = re.search(r"html \{ font-family: ([^;]+);", css)
    assert stack is not None
    names = [name.strip().strip('"') for name in stack.group(1).split(",")]
    assert names[: len(set(declared))] == list(dict.fromkeys(declared))
    assert names[0] == "Atkinson Hyperlegible Next latin"
    # one name a file and weight pair: WeasyPrint would merge two files under one name
    faces = re.findall(r'font-family: "([^"]+)";\n  font-weight: (\d+)', css)
    assert len(faces) == len(set(faces))


def test_invisible_format_characters_are_never_undrawable() -> None:
    invisible = "\u2066\u2067\u2068\u2069\u200d\u200c\u00ad\u200e\u200f\ufeff"
    assert fonts.undrawable(f"Siân{invisible}Llŷr") == []
