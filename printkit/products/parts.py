"""The merged letters cut into files: one per recipient, or numbered files of at most N pages."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from printkit.errors import PrintkitError, Problem
from printkit.files import Outputs
from printkit.products import batch
from printkit.profiles import CLEAR, Look
from printkit.render.join import PdfStream
from printkit.render.pdf import Document, viewer_preferences


@dataclass(frozen=True)
class Place:
    """Where one letter (or cover sheet) went: its file, its first page there, its pages."""

    path: Path
    first: int
    pages: int


Namer = Callable[[str, int], Path]  # (part, its file number from 1) -> the file to write


@dataclass
class _File:
    path: Path
    handle: BinaryIO
    stream: PdfStream
    pages: int = 0


class Writer:
    """Streams rendered chunks into staged files, starting a new one per part or page limit."""

    def __init__(self, staged: Outputs, name: Namer, finishing: Document, look: Look = CLEAR):
        self.staged, self.name, self.finishing, self.look = staged, name, finishing, look
        self.current: _File | None = None
        self.part, self.number = "", 0
        self.written: list[tuple[Path, int]] = []  # each file and its page count

    def enter(self, part: str) -> None:
        """The next chunks belong to `part`: close the file of any other part."""
        if part != self.part:
            self.close()
            self.number = 0
        self.part = part

    def add(self, data: bytes, pages: Sequence[int]) -> list[Place]:
        """Append a rendered PDF holding letters of `pages` pages each."""
        if self.current is None:
            self.number += 1
            path = self.name(self.part, self.number)
            handle = self.staged.path(path).open("wb")
            self.current = _File(path, handle, PdfStream(handle))
        file = self.current
        file.stream.add(data)
        places = []
        for count in pages:
            places.append(Place(file.path, file.pages + 1, count))
            file.pages += count
        return places

    def abandon(self) -> None:
        """Close the current file unfinished: the run failed, and its staged files go."""
        if self.current is not None:
            self.current.handle.close()
            self.current = None

    def close(self) -> None:
        """Finish the current file, if one is open."""
        if self.current is None:
            return
        preferences = viewer_preferences(self.finishing, self.look)
        self.current.stream.close(self.finishing.title, self.finishing.language, preferences)
        self.current.handle.close()
        self.written.append((self.current.path, self.current.pages))
        self.current = None


def runs(
    pages: Sequence[int], used: int, limit: int, rows: Sequence[int]
) -> list[tuple[int, int, bool]]:
    """Cut letters of `pages` pages each into runs (start, end, starts a new file).

    `used` pages of the current file are taken already; no run holds more than `limit`.
    """
    found, start, filled, new = [], 0, used, False
    for index, count in enumerate(pages):
        if count > limit:
            raise PrintkitError(
                Problem(
                    f"row {rows[index]}: its letter has {count} pages, more than --max-pages "
                    f"{limit}",
                    hint="raise --max-pages: a letter is never split between two files",
                )
            )
        if filled + count > limit:
            if index > start:
                found.append((start, index, new))
            start, filled, new = index, 0, True
        filled += count
    found.append((start, len(pages), new))
    return found


def write(
    writer: Writer,
    job: batch.Job,
    work: Sequence[batch.Chunk],
    results: Iterable[batch.RenderedChunk],
    limit: int = 0,
) -> tuple[list[Place], list[tuple[int, str]]]:
    """Stream the rendered chunks into files: where each item went, and the warnings."""
    try:
        return _write(writer, job, work, results, limit)
    except BaseException:
        writer.abandon()
        raise


def _write(
    writer: Writer,
    job: batch.Job,
    work: Sequence[batch.Chunk],
    results: Iterable[batch.RenderedChunk],
    limit: int,
) -> tuple[list[Place], list[tuple[int, str]]]:
    places: list[Place] = []
    warnings: list[tuple[int, str]] = []
    for chunk, result in zip(work, results, strict=True):
        writer.enter(chunk.part)
        warnings.extend(result.warnings)
        used = writer.current.pages if writer.current else 0
        if not limit or used + sum(result.pages) <= limit:
            places += writer.add(result.data, result.pages)
            continue
        rows = [batch.row_of(item) for item in chunk.letters]
        for start, end, new in runs(result.pages, used, limit, rows):
            if new:
                writer.close()
            data = result.data
            if (start, end) != (0, len(chunk.letters)):
                # A file boundary falls inside this chunk: its two sides are rendered again.
                batch.ensure_worker(job)
                data = batch.render_chunk(batch.Chunk(chunk.letters[start:end])).data
            places += writer.add(data, result.pages[start:end])
    writer.close()
    return places, warnings
