"""The bundled fonts, unpacked once: WOFF2 files decompressed into the user's cache folder.

WeasyPrint decompresses every WOFF2 font each time a process loads it (about a second
for printkit's fonts, in every worker of a batch). The decompressed fonts are the same
every time, so they are kept in the cache folder (`PRINTKIT_CACHE_DIR`, or the user's
cache folder), named by a digest of the WOFF2 file; fonts.css is then read with their
addresses. Where the folder cannot be written, the WOFF2 files are used as they are.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import re
import tempfile
from pathlib import Path

import platformdirs
from fontTools.ttLib import woff2

CACHE_ENV = "PRINTKIT_CACHE_DIR"
_URL = re.compile(r'url\(([^)"\']+\.woff2)\)\s*format\("woff2"\)')


def folder() -> Path:
    """Where the unpacked fonts are kept."""
    return Path(os.environ.get(CACHE_ENV) or platformdirs.user_cache_dir("printkit")) / "fonts"


def unpacked_css(fonts: Path) -> str | None:
    """fonts.css with each WOFF2 font replaced by its unpacked copy, or None if none can be."""
    css = (fonts / "fonts.css").read_text(encoding="utf-8")
    try:
        replaced = _URL.sub(lambda match: _unpacked(fonts / match.group(1)), css)
    except OSError:
        return None
    return replaced


def _unpacked(source: Path) -> str:
    """The address of `source`'s unpacked copy (written first, if not there yet)."""
    data = source.read_bytes()
    target = folder() / f"{source.stem}-{hashlib.sha256(data).hexdigest()[:16]}.ttf"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        out = io.BytesIO()
        woff2.decompress(io.BytesIO(data), out)
        handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".part")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(out.getvalue())
            os.replace(temporary, target)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
    return f'url("{target.as_uri()}") format("truetype")'
