"""What WeasyPrint may read while printing, and what it says: the fetcher that keeps a
campaign inside its folder (and off the network), and its log lines caught as warnings."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from weasyprint.urls import URLFetcher

from printkit import containment


class SafeFetcher(URLFetcher):  # type: ignore[misc]
    """Fetches only files inside the allowed folders and `data:` URLs; refuses the network.

    What it refuses is kept in `refused`, so that a render can fail instead of printing
    without it.
    """

    def __init__(self, roots: Sequence[Path]) -> None:
        super().__init__(allowed_protocols={"file", "data"})
        self.roots = tuple(containment.real(root) for root in roots)
        self.refused: list[str] = []

    def fetch(self, url: str, headers: Any = None) -> Any:
        reason = refusal(url, self.roots)
        if reason:
            self.refused.append(reason)
            raise ValueError(reason)
        return super().fetch(url, headers)


def refusal(url: str, roots: Sequence[Path]) -> str | None:
    """Why `url` may not be fetched while printing, or None: only `data:` and files in `roots`."""
    parts = urlparse(url)
    scheme = parts.scheme.lower()
    if scheme == "data":
        return None
    if scheme != "file":
        return f"refused {url}: printkit never fetches from the network while printing"
    path = Path(unquote(parts.path))
    if parts.netloc not in ("", "localhost") or not containment.inside(path, roots):
        return (
            f"refused {path.name!r} ({url}): only files inside the campaign folder can be used"
            " (links resolved)"
        )
    return None


class _Collector(logging.Handler):
    def __init__(self, sink: list[str]) -> None:
        super().__init__(logging.WARNING)
        self.sink = sink

    def emit(self, record: logging.LogRecord) -> None:
        self.sink.append(_message(record))


def _message(record: logging.LogRecord) -> str:
    """What WeasyPrint logged; an error with no words of its own says what caused it."""
    args = record.args if isinstance(record.args, tuple) else ()
    if not any(isinstance(arg, BaseException) and not str(arg) for arg in args):
        return record.getMessage()
    said = tuple(_reason(arg) if isinstance(arg, BaseException) else arg for arg in args)
    return str(record.msg) % said


def _reason(error: BaseException) -> str:
    """The words of an exception or of what caused it; else what kind of failure it was."""
    chain: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and current not in chain:
        chain.append(current)
        current = current.__cause__ or current.__context__
    kinds = " from ".join(type(e).__name__ for e in chain)
    if type(error).__name__ == "ImageLoadingError":
        return f"the file is not a picture that can be read: damaged or unfinished? ({kinds})"
    return next((str(e) for e in chain if str(e)), kinds)


@contextlib.contextmanager
def capture_warnings() -> Iterator[list[str]]:
    """Collect what WeasyPrint logs (bad CSS, refused or missing files) while rendering."""
    caught: list[str] = []
    handler = _Collector(caught)
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        yield caught
    finally:
        logger.removeHandler(handler)
