"""Personalised letters in bulk: chunks over the process pool, merged or one file each."""

from __future__ import annotations

import contextlib
import dataclasses
import functools
from collections.abc import Callable, Generator, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from printkit.campaign.model import Campaign
from printkit.errors import NotComposable
from printkit.mail.outcomes import Addressed, Mailing, Reject
from printkit.products import cover
from printkit.products.cover import Cover
from printkit.products.letter import Fill, LetterTemplate
from printkit.products.shapes import Row, Shapes
from printkit.profiles import CLEAR, Look
from printkit.render import fontdata, pool, shapedata
from printkit.render.fontdata import FontData
from printkit.render.pdf import Document, Renderer, join

CHUNK = 20  # letters rendered and written together; small enough to keep memory flat
ENGINES = ("fast", "full")  # compose letters from shared shapes, or lay each out whole
Item = Addressed | Cover  # a letter, or the cover sheet before a recipient's bundle


@dataclass(frozen=True)
class Progress:
    """An event of a run: `done` more letters rendered, of `total`."""

    done: int
    total: int


Listener = Callable[[Progress], None]


@dataclass(frozen=True)
class Job:
    """What every worker needs to know: the checked campaign and how its letters are made."""

    campaign: Campaign
    date: str
    duplex: bool
    look: Look = CLEAR  # profile, language and PDF variant
    engine: str = "fast"  # one of ENGINES


@dataclass(frozen=True)
class RowReject:
    """A row whose letter failed the preflight: why, and the placeholder whose value did it."""

    row: int
    reason: str
    label: str | None  # a placeholder label or sender field; None when no one value is to blame
    kind: str  # a key of mail.outcomes.KINDS: "glyph" or "page"


@dataclass(frozen=True)
class Chunk:
    """A run of letters to render together; with `targets` (staged outputs), one file each.

    `part` names the output file the chunk belongs to when the output is one file per
    recipient (`--split-by recipient`); chunks never straddle two parts.
    """

    letters: tuple[Item, ...]
    targets: tuple[Path, ...] = ()
    part: str = ""


@dataclass(frozen=True)
class RenderedChunk:
    """A rendered chunk: its PDF or its composed letters, pages per letter, warnings.

    The full engine gives the chunk's PDF (`data`, empty when written as single files);
    the fast engine gives each letter composed into its shape, the shapes it used and
    the fonts painted with so far, and how many of its letters were laid out in full.
    """

    data: bytes
    pages: tuple[int, ...]
    warnings: tuple[tuple[int, str], ...]  # (spreadsheet row, what the renderer said)
    rejects: tuple[RowReject, ...] = ()  # from check_chunk: letters the preflight found wrong
    letters: tuple[shapedata.Composed, ...] = ()
    shapes: tuple[shapedata.Shape, ...] = ()
    fonts: tuple[FontData, ...] = ()
    full: int = 0

    @property
    def composed(self) -> bool:
        """Whether the fast engine composed this chunk (its letters, not a PDF)."""
        return bool(self.letters)


@dataclass
class _Worker:
    job: Job
    template: LetterTemplate
    renderer: Renderer
    shapes: Shapes
    fonts_sent: set[str]


_worker: _Worker | None = None  # this process's letter template and renderer, set up once


def start_worker(job: Job) -> None:
    """Parse the letter and load fonts and CSS once in this process, for every chunk it renders."""
    global _worker
    template = LetterTemplate(job.campaign, job.look.spec)
    renderer = Renderer(job.campaign.root, job.look)
    _worker = _Worker(job, template, renderer, Shapes(template, renderer), set())


def render_chunk(chunk: Chunk) -> RenderedChunk:
    """The letters of `chunk`: composed (the fast engine), or laid out and written whole."""
    assert _worker is not None, "start_worker() sets up each process first"
    if composes(_worker.job, chunk):
        return _compose_chunk(_worker, chunk)
    job, template, renderer = _worker.job, _worker.template, _worker.renderer
    documents = [_document(job, template, item) for item in chunk.letters]
    laid = [renderer.layout(document) for document in documents]
    warnings = tuple(
        (row_of(letter), warning)
        for letter, item in zip(chunk.letters, laid, strict=True)
        for warning in item.warnings
    )
    pages = tuple(item.pages + item.pages % 2 if job.duplex else item.pages for item in laid)
    if not chunk.targets:
        data = join(laid, documents[0], pad_to_even=job.duplex, look=job.look)
        return RenderedChunk(data, pages, warnings)
    for item, document, target in zip(laid, documents, chunk.targets, strict=True):
        target.write_bytes(join([item], document, pad_to_even=job.duplex, look=job.look))
    return RenderedChunk(b"", pages, warnings)


def check_chunk(chunk: Chunk, keep: bool = False) -> RenderedChunk:
    """Lay out and check each letter of `chunk`, writing nothing: the rows that fail.

    The preflight's pass over a batch, before anything is rendered for writing: a
    letter it finds wrong is never written, and its row becomes a reject. With `keep`,
    a composed chunk also holds the letters that passed, for the writing pass to copy.
    """
    assert _worker is not None, "start_worker() sets up each process first"
    job, template, renderer = _worker.job, _worker.template, _worker.renderer
    rejects: list[RowReject] = []
    pages: list[int] = []
    passed: list[tuple[Addressed, Row]] = []
    full = 0
    for item in chunk.letters:
        if isinstance(item, Cover):
            continue
        fill = Fill.addressed(item, job.date)
        if composes(job, chunk):  # composed and checked, or laid out and checked in full
            row = _row(_worker, item)
            findings, count, full = row.findings, len(row.shape.pages), full + row.full
            passed += [] if findings else [(item, row)]
        else:
            laid = renderer.layout(template.document(fill, f"row {item.row.number}", job.duplex))
            findings, count, full = laid.findings, laid.pages, full + 1
        if findings:
            reason, label, kind = template.reject(findings[0], fill)
            rejects.append(RowReject(item.row.number, reason, label, kind))
        else:
            pages.append(count)
    if keep and composes(job, chunk):
        made = _composed(_worker, passed)
        return dataclasses.replace(made, rejects=tuple(rejects), full=full)
    return RenderedChunk(b"", tuple(pages), (), tuple(rejects), full=full)


def composes(job: Job, chunk: Chunk) -> bool:
    """Whether the fast engine composes `chunk`: letters only, into one merged file."""
    return job.engine == "fast" and not chunk.targets


def _row(worker: _Worker, letter: Addressed) -> Row:
    """One row's letter, composed into a shape (or laid out in full), and checked."""
    fill = Fill.addressed(letter, worker.job.date)
    name = f"row {letter.row.number}"
    return worker.shapes.row(
        fill, functools.partial(worker.template.document, fill, name, worker.job.duplex), name
    )


def _compose_chunk(worker: _Worker, chunk: Chunk) -> RenderedChunk:
    """Each letter of `chunk` composed into a shape, with the shapes and fonts it used."""
    letters = [item for item in chunk.letters if not isinstance(item, Cover)]
    if len(letters) != len(chunk.letters):
        raise NotComposable("cover sheets are laid out whole")
    return _composed(worker, [(letter, _row(worker, letter)) for letter in letters])


def _composed(worker: _Worker, rows: Sequence[tuple[Addressed, Row]]) -> RenderedChunk:
    """Letters composed into their shapes, as a chunk with the shapes and fonts they used."""
    shapes = {row.shape.digest: row.shape for _, row in rows}
    pad = worker.job.duplex
    pages = tuple(
        len(row.shape.pages) + (len(row.shape.pages) % 2 if pad else 0) for _, row in rows
    )
    warnings = tuple(
        (letter.row.number, warning) for letter, row in rows for warning in row.warnings
    )
    fonts = fontdata.sendable(worker.shapes.painter.fonts, worker.fonts_sent)
    composed = tuple(row.letter for _, row in rows)
    full = sum(row.full for _, row in rows)
    return RenderedChunk(b"", pages, warnings, (), composed, tuple(shapes.values()), fonts, full)


def check_all(
    job: Job,
    letters: Sequence[Addressed],
    jobs: int,
    listener: Listener | None = None,
    keep: Callable[[Sequence[Addressed], RenderedChunk], None] | None = None,
) -> tuple[list[RowReject], int]:
    """The rows whose letters fail the preflight, over `jobs` processes.

    Also how many letters were laid out in full to be checked (the others were composed).
    With `keep`, each chunk's letters and its result (the letters composed to be
    checked) are given to it, in order: a spool, for the writing pass to copy.
    """
    total, full = len(letters), 0
    found: list[RowReject] = []
    work = chunks(letters)
    check = functools.partial(check_chunk, keep=keep is not None)
    results = pool.in_order(check, work, jobs, start_worker, (job,))
    for chunk, result in zip(work, results, strict=True):
        if listener:
            listener(Progress(len(result.pages) + len(result.rejects), total))
        if keep is not None:
            keep([item for item in chunk.letters if isinstance(item, Addressed)], result)
        found.extend(result.rejects)
        full += result.full
    return found, full


def with_rejects(mailing: Mailing, refused: Iterable[RowReject]) -> Mailing:
    """The mailing with the rows the preflight refused moved among its rejects, in row order."""
    by_row = {reject.row: reject for reject in refused}
    if not by_row:
        return mailing
    letters, rejects = [], [*mailing.rejects]
    for letter in mailing.letters:
        found = by_row.get(letter.row.number)
        if found is None:
            letters.append(letter)
            continue
        column = mailing.table.column_for(found.label) if found.label else None
        rejects.append(Reject(letter.row, found.reason, column, found.kind))
    rejects.sort(key=lambda reject: reject.row.number)
    return dataclasses.replace(mailing, letters=tuple(letters), rejects=tuple(rejects))


def _document(job: Job, template: LetterTemplate, item: Item) -> Document:
    """A letter's document, or a cover sheet's (duplex-padded like a letter)."""
    if isinstance(item, Cover):
        return cover.document(job.campaign, item)
    return template.document(Fill.addressed(item, job.date), f"row {item.row.number}", job.duplex)


def row_of(item: Item) -> int:
    """The spreadsheet row of a letter; 0 for a cover sheet."""
    return 0 if isinstance(item, Cover) else item.row.number


def chunks(letters: Sequence[Item], targets: Sequence[Path] = (), part: str = "") -> list[Chunk]:
    """`letters` cut into chunks, with their targets when each gets its own file."""
    return [
        Chunk(tuple(letters[i : i + CHUNK]), tuple(targets[i : i + CHUNK]), part)
        for i in range(0, len(letters), CHUNK)
    ]


def ensure_worker(job: Job) -> None:
    """Set this process up to render `job`'s letters, unless it already is."""
    if _worker is None or _worker.job != job:
        start_worker(job)


def render_all(
    job: Job, work: Sequence[Chunk], jobs: int, listener: Listener | None = None
) -> Generator[RenderedChunk, None, None]:
    """Rendered chunks in order, over `jobs` processes, telling `listener` of the progress."""
    total = sum(len(chunk.letters) for chunk in work)
    results = pool.in_order(render_chunk, work, jobs, start_worker, (job,))
    with contextlib.closing(results):  # however this stops, the pool stops with it
        for result in results:
            if listener:
                listener(Progress(len(result.pages), total))
            yield result
