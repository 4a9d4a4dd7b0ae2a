"""Many documents rendered over the process pool and streamed into one PDF: memory stays flat.

A long run (thousands of labels or envelopes) is cut into documents of a few pages each;
workers render them, and each finished part is copied into the output and forgotten.
"""

from __future__ import annotations

from collections.abc import Generator, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from printkit.profiles import CLEAR, Look
from printkit.render import pool
from printkit.render.join import PdfStream
from printkit.render.pdf import Document, Renderer, viewer_preferences
from printkit.render.preflight import Finding


@dataclass(frozen=True)
class Part:
    """One rendered part of a long document: its PDF, pages, warnings and what the preflight
    found on its pages."""

    data: bytes
    pages: int
    warnings: tuple[str, ...]
    findings: tuple[Finding, ...]


_renderer: Renderer | None = None  # this process's renderer, set up once


def start_worker(root: Path | None, look: Look) -> None:
    """Load fonts and CSS once in this process, for every part it renders."""
    global _renderer
    _renderer = Renderer(root, look)


def render_part(document: Document) -> Part:
    """One part, rendered by this process's renderer."""
    assert _renderer is not None, "start_worker() sets up each process first"
    result = _renderer.render(document)
    return Part(result.data, result.pages, result.warnings, result.findings)


def render_parts(
    root: Path | None, look: Look, documents: Iterable[Document], jobs: int
) -> Generator[Part, None, None]:
    """The parts in order, rendered over `jobs` processes; documents are made as they are taken."""
    return pool.in_order(render_part, documents, jobs, start_worker, (root, look))


def write_joined(
    target: Path, parts: Iterable[bytes], finishing: Document, look: Look = CLEAR
) -> None:
    """Stream PDFs into one at `target` (a staged output), finished as `finishing` says."""
    with Path(target).open("wb") as stream:
        joined = PdfStream(stream)
        for data in parts:
            joined.add(data)
        preferences = viewer_preferences(finishing, look)
        ua = look.pdf_variant == "pdf/ua-1"
        joined.close(finishing.title, finishing.language, preferences, ua)


@dataclass
class Tally:
    """What the parts of a run said, gathered while they stream past."""

    pages: int = 0
    warnings: tuple[str, ...] = ()
    findings: tuple[Finding, ...] = ()

    def take(self, parts: Iterable[Part]) -> Iterator[bytes]:
        """Each part's PDF, noting its pages, warnings and findings on the way."""
        for part in parts:
            self.pages += part.pages
            self.warnings += part.warnings
            self.findings += part.findings
            yield part.data
