"""Names and values: folding (`MP name` = `mp_name`), and whether a value would show on paper."""

from __future__ import annotations

import functools
import unicodedata

# Characters that take up a letter's place but draw nothing: Hangul fillers, the braille blank,
# the Mongolian vowel separator and the Khmer inherent vowels.
FILLERS = frozenset("\u115f\u1160\u3164\uffa0\u2800\u180e\u17b4\u17b5")


def without_controls(text: str) -> str:
    """`text` without control characters (C0, DEL, C1); line breaks and tabs are kept."""
    return "".join(c for c in text if c in "\n\t" or unicodedata.category(c) != "Cc")


def shows(text: str) -> bool:
    """Whether anything in `text` would show on paper: not only spaces, controls, format marks,
    combining marks with nothing to sit on, or fillers."""
    return any(
        unicodedata.category(c)[0] not in "CZ"
        and unicodedata.category(c) not in ("Mn", "Me")
        and c not in FILLERS
        for c in text
    )


@functools.lru_cache(maxsize=4096)  # labels and headers, folded for every row
def fold(name: str) -> str:
    """Fold a label or column name so `MP name`, `mp_name` and `MP-Name` compare equal."""
    text = unicodedata.normalize("NFKC", name).casefold()
    return "".join(ch for ch in text if ch.isalnum())


def plain(text: str) -> str:
    """Fold `text` ignoring case, accents, spaces and punctuation: `Siobhán` = `SIOBHAN`."""
    decomposed = unicodedata.normalize("NFKD", text).casefold()
    return "".join(ch for ch in decomposed if ch.isalnum() and not unicodedata.combining(ch))
