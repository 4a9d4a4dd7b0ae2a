"""The merged letters cut into files: one per recipient, or numbered files of at most N pages.

A file is joined from rendered PDFs (the full engine), or written from composed letters
(the fast engine: render/letterfile.py), whose shapes and fonts it stores once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from printkit.errors import PrintkitError, Problem
from printkit.files import Outputs
from printkit.products import batch
from printkit.profiles import CLEAR, Look
from printkit.render.fontdata import FontData
from printkit.render.join import PdfStream
from printkit.render.letterfile import Finishing, LetterFile
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
    stream: PdfStream | LetterFile
    pages: int = 0


class Writer:
    """Streams rendered chunks into staged files, starting a new one per part or page limit."""

    def __init__(self, staged: Outputs, name: Namer, finishing: Document, look: Look = CLEAR):
        self.staged, self.name, self.finishing, self.look = staged, name, finishing, look
        self.current: _File | None = None
        self.part, self.number = "", 0
        self.written: list[tuple[Path, int]] = []  # each file and its page count
        self.fonts: dict[str, FontData] = {}  # what composed letters were painted with
        self.full = 0  # letters laid out in full, rather than composed

    def _open(self, composed: bool) -> _File:
        """The file being written, opened (for rendered PDFs or composed letters) if need be."""
        if self.current is None:
            self.number += 1
            path = self.name(self.part, self.number)
            handle = self.staged.path(path).open("wb")
            stream = LetterFile(handle, self.fonts) if composed else PdfStream(handle)
            self.current = _File(path, handle, stream)
        return self.current

    def enter(self, part: str) -> None:
        """The next chunks belong to `part`: close the file of any other part."""
        if part != self.part:
            self.close()
            self.number = 0
        self.part = part

    def add(self, data: bytes, pages: Sequence[int]) -> list[Place]:
        """Append a rendered PDF holding letters of `pages` pages each."""
        file = self._open(composed=False)
        assert isinstance(file.stream, PdfStream), "one engine a run"
        file.stream.add(data)
        self.full += len(pages)
        return self._placed(file, pages)

    def add_composed(self, result: batch.RenderedChunk, start: int, end: int) -> list[Place]:
        """Append the composed letters [start, end) of `result`."""
        file = self._open(composed=True)
        assert isinstance(file.stream, LetterFile), "one engine a run"
        file.stream.add_fonts(result.fonts)
        shapes = {shape.digest: shape for shape in result.shapes}
        pad = self.finishing.duplex is not None
        for letter in result.letters[start:end]:
            file.stream.add_shape(shapes[letter.digest])
            file.stream.add_letter(shapes[letter.digest], letter, pad)
        return self._placed(file, result.pages[start:end])

    @staticmethod
    def _placed(file: _File, pages: Sequence[int]) -> list[Place]:
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
        title, language = self.finishing.title, self.finishing.language
        ua = self.look.pdf_variant == "pdf/ua-1"
        stream = self.current.stream
        if isinstance(stream, LetterFile):
            stream.close(Finishing(title, language, preferences, ua))
        else:
            stream.close(title, language, preferences, ua)
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
        writer.full += result.full
        used = writer.current.pages if writer.current else 0
        whole = [(0, len(chunk.letters), False)]
        if not limit or used + sum(result.pages) <= limit:
            cuts = whole
        else:
            cuts = runs(result.pages, used, limit, [batch.row_of(item) for item in chunk.letters])
        if result.composed:  # composed letters are cut anywhere: nothing is rendered again
            for start, end, new in cuts:
                if new:
                    writer.close()
                places += writer.add_composed(result, start, end)
            continue
        if cuts == whole:
            places += writer.add(result.data, result.pages)
            continue
        for start, end, new in cuts:
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
