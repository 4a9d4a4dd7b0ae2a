"""Languages: writing direction, `--lang` codes, and printkit's own words in each language."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from typing import Any

import yaml

from printkit.resources import asset_path

# Languages written right to left, by their primary subtag (BCP 47).
RIGHT_TO_LEFT = frozenset({"ar", "ur", "fa", "ps", "sd", "ckb", "ug", "he", "yi", "dv"})
TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
PHRASES_FOLDER = "phrases"  # inside templates/: one <language>.yaml per language printkit speaks


def primary(tag: str) -> str:
    """The language of a BCP 47 tag without its region or script: `en-GB` -> `en`."""
    return tag.split("-")[0].casefold()


def direction(tag: str | None) -> str:
    """`rtl` for a language written right to left, else `ltr`."""
    return "rtl" if tag and primary(tag) in RIGHT_TO_LEFT else "ltr"


def same(one: str, other: str) -> bool:
    """Whether two tags name the same language: `en` and `en-GB` do."""
    return primary(one) == primary(other)


def parse(value: str) -> tuple[str, ...]:
    """`cy` or `cy+en` as language tags, first language first; ValueError when malformed."""
    tags = tuple(part.strip() for part in value.split("+"))
    for tag in tags:
        if not TAG.match(tag):
            raise ValueError(f"{tag!r} is not a language code: use one such as cy, ar or cy+en")
    if len({primary(tag) for tag in tags}) != len(tags):
        raise ValueError(f"{value!r} names a language twice")
    if len(tags) > 2:
        raise ValueError(f"{value!r}: at most two languages side by side, such as cy+en")
    return tags


@functools.cache
def builtin_phrases(language: str) -> Mapping[str, str]:
    """printkit's own words (headings, captions, the notice) in `language`, keyed by the English."""
    path = asset_path("templates") / PHRASES_FOLDER / f"{primary(language)}.yaml"
    if not path.is_file():
        return {}
    data: Any = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {str(key): str(value) for key, value in data.items()}


class Translator:
    """Turns printkit's English words into the campaign's language; unknown words stay English."""

    def __init__(self, language: str, own: Mapping[str, str] | None = None) -> None:
        self.language = language
        english = primary(language) == "en"
        self.phrases = {} if english else {**builtin_phrases(language), **(own or {})}
        self.missing: set[str] = set()
        self.english = english

    def __call__(self, text: str, **values: object) -> str:
        phrase = self.phrases.get(text)
        if phrase is None:
            if not self.english:
                self.missing.add(text)
            phrase = text
        return fill_in(phrase, values) if values else phrase


_FIELD = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


def fill_in(phrase: str, values: Mapping[str, object]) -> str:
    """`phrase` with each `{name}` replaced by its value; nothing else in braces is read.

    Phrases come from campaign files and templates, so they are never given to
    `str.format`, which would let `{x.__class__}` reach into printkit's objects.
    """
    return _FIELD.sub(lambda m: str(values[m[1]]) if m[1] in values else m[0], phrase)


def translator(language: str, own: Mapping[str, str] | None = None) -> Translator:
    """A Translator for `language`, with the campaign's own `phrases:` over printkit's."""
    return Translator(language, own)


# Runs that read left to right even in Arabic, Urdu or Farsi text: web and email addresses,
# hashtags and UK postcodes.
LEFT_TO_RIGHT_RUNS = re.compile(
    r"(?:https?://|www\.)\S+[\w/]"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|uk|gov\.uk|org\.uk|co\.uk)\b(?:/\S*[\w/])?"
    r"|#\w+"
    r"|\b[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}\b",
    re.ASCII,
)
ISOLATE = ("\u2066", "\u2069")  # left-to-right isolate ... pop directional isolate
FIRST_STRONG_ISOLATE, POP_ISOLATE = "\u2068", "\u2069"
# Explicit directional formatting: embeddings, overrides and isolates (LRE ... PDI).
BIDI_CONTROLS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def isolated(value: str) -> str:
    """A value set into printkit's own words, kept from reordering them: its own directional
    controls dropped, the rest wrapped in a first-strong isolate (U+2068 ... U+2069).

    WeasyPrint has no `unicode-bidi`, so the isolate is made of the characters themselves;
    they are format characters (Cf), which draw nothing and need no glyph.
    """
    bare = value.translate(BIDI_CONTROLS)
    return f"{FIRST_STRONG_ISOLATE}{bare}{POP_ISOLATE}" if bare else bare


def isolate_ltr(text: str) -> str:
    """`text` with each web address, hashtag and postcode isolated as left-to-right."""
    start, end = ISOLATE
    return LEFT_TO_RIGHT_RUNS.sub(lambda match: f"{start}{match.group(0)}{end}", text)
