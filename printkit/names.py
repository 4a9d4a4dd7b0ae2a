"""Name folding: `MP name`, `mp_name` and `MP-Name` are the same name."""

from __future__ import annotations

import unicodedata


def fold(name: str) -> str:
    """Fold a label or column name so `MP name`, `mp_name` and `MP-Name` compare equal."""
    text = unicodedata.normalize("NFKC", name).casefold()
    return "".join(ch for ch in text if ch.isalnum())
