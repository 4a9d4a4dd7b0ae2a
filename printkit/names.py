"""Name folding: `MP name`, `mp_name` and `MP-Name` are the same name."""

from __future__ import annotations

import unicodedata


def fold(name: str) -> str:
    """Fold a label or column name so `MP name`, `mp_name` and `MP-Name` compare equal."""
    text = unicodedata.normalize("NFKC", name).casefold()
    return "".join(ch for ch in text if ch.isalnum())


def plain(text: str) -> str:
    """Fold `text` ignoring case, accents, spaces and punctuation: `Siobhán` = `SIOBHAN`."""
    decomposed = unicodedata.normalize("NFKD", text).casefold()
    return "".join(ch for ch in decomposed if ch.isalnum() and not unicodedata.combining(ch))
