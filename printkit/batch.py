"""Personalised letters in bulk: chunks over a process pool, merged or one file each."""

from __future__ import annotations

import functools
import itertools
import multiprocessing
import os
import re
import string
import unicodedata
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from printkit import translations
from printkit.files import atomic_path
from printkit.mailing import Addressed
from printkit.pdf import Document, Renderer, join, viewer_preferences
from printkit.pdfjoin import PdfStream
from printkit.placeholders import fold
from printkit.products.letter import Fill, LetterTemplate, Sender
from printkit.profiles import CLEAR, Look
from printkit.records import write_csv

CHUNK = 20  # letters rendered and written together; small enough to keep memory flat

Progress = Callable[[int, int], None]  # (letters just done, letters in all)


@dataclass(frozen=True)
class Job:
    """What every worker needs to know, small enough to send to each process."""

    campaign: Path  # the campaign.yaml
    date: str
    duplex: bool
    look: Look = CLEAR  # profile, language (a translation's campaign.<lang>.yaml), PDF variant


@dataclass(frozen=True)
class Chunk:
    """A run of letters to render together; with `targets`, one file each."""

    letters: tuple[Addressed, ...]
    targets: tuple[Path, ...] = ()


@dataclass(frozen=True)
class Rendered:
    """A rendered chunk: its PDF (unless written as single files), pages per letter."""

    data: bytes
    pages: tuple[int, ...]
    warnings: tuple[str, ...]


@functools.cache
def _worker(job: Job) -> tuple[LetterTemplate, Renderer]:
    """The campaign, its parsed letter and a renderer: loaded once per process."""
    campaign = translations.load(job.campaign, job.look.lang)
    return LetterTemplate(campaign), Renderer(campaign.root, job.look)


def fill_of(letter: Addressed, date: str) -> Fill:
    """The letter layout's view of an addressed row."""
    sender = Sender(letter.sender.name, (letter.sender.name, *letter.sender.lines))
    return Fill(letter.values, sender, letter.recipient_lines, date)


def render_chunk(job: Job, chunk: Chunk) -> Rendered:
    """Lay out each letter of `chunk`; write them as one PDF, or each to its target."""
    template, renderer = _worker(job)
    documents = [
        template.document(fill_of(letter, job.date), f"row {letter.row.number}", job.duplex)
        for letter in chunk.letters
    ]
    laid = [renderer.layout(document) for document in documents]
    warnings = tuple(warning for item in laid for warning in item.warnings)
    pages = tuple(item.pages + item.pages % 2 if job.duplex else item.pages for item in laid)
    if not chunk.targets:
        data = join(laid, documents[0], pad_to_even=job.duplex, look=job.look)
        return Rendered(data, pages, warnings)
    for item, document, target in zip(laid, documents, chunk.targets, strict=True):
        with atomic_path(target) as temporary:
            temporary.write_bytes(join([item], document, pad_to_even=job.duplex, look=job.look))
    return Rendered(b"", pages, warnings)


def chunks(letters: Sequence[Addressed], targets: Sequence[Path] = ()) -> list[Chunk]:
    """`letters` cut into chunks, with their targets when each gets its own file."""
    return [
        Chunk(tuple(letters[i : i + CHUNK]), tuple(targets[i : i + CHUNK]))
        for i in range(0, len(letters), CHUNK)
    ]


def render_all(
    job: Job,
    work: Sequence[Chunk],
    jobs: int,
    progress: Progress | None = None,
    warnings: list[str] | None = None,
) -> Iterator[Rendered]:
    """Rendered chunks in order, over `jobs` processes (in this one when 1 is enough).

    What the renderer warned about is added to `warnings` as each chunk arrives.
    """
    total = sum(len(chunk.letters) for chunk in work)
    if jobs <= 1 or len(work) <= 1:
        results: Iterable[Rendered] = (render_chunk(job, chunk) for chunk in work)
        yield from _reporting(results, total, progress, warnings)
        return
    # Workers start from a clean server process rather than a copy of this one, so they
    # do not carry the whole spreadsheet with them.
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(max_workers=min(jobs, len(work)), mp_context=context) as pool:
        try:
            yield from _reporting(_in_order(pool, job, work, jobs), total, progress, warnings)
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise


def _in_order(
    pool: ProcessPoolExecutor, job: Job, work: Sequence[Chunk], jobs: int
) -> Iterator[Rendered]:
    """Results in order, with only a few chunks in flight: finished PDFs never pile up."""
    chunks = iter(work)
    pending = deque(pool.submit(render_chunk, job, c) for c in itertools.islice(chunks, 2 * jobs))
    while pending:
        result = pending.popleft().result()
        for chunk in itertools.islice(chunks, 1):
            pending.append(pool.submit(render_chunk, job, chunk))
        yield result


def _reporting(
    results: Iterable[Rendered],
    total: int,
    progress: Progress | None,
    warnings: list[str] | None,
) -> Iterator[Rendered]:
    for result in results:
        if progress:
            progress(len(result.pages), total)
        if warnings is not None:
            warnings.extend(result.warnings)
        yield result


def write_merged(
    target: Path, results: Iterable[Rendered], finishing: Document, look: Look = CLEAR
) -> list[int]:
    """Stream rendered chunks into one PDF at `target`; returns the pages of each letter."""
    pages: list[int] = []
    with atomic_path(target) as temporary, temporary.open("wb") as stream:
        joined = PdfStream(stream)
        for result in results:
            joined.add(result.data)
            pages.extend(result.pages)
        preferences = viewer_preferences(finishing, look)
        joined.close(finishing.title, finishing.language, preferences)
    return pages


def default_jobs() -> int:
    """All the cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def split_targets(folder: Path, pattern: str, letters: Sequence[Addressed]) -> list[Path]:
    """One file name per letter from `pattern` (e.g. `{postcode}-{your_name}`): safe, unique."""
    taken: set[str] = set()
    targets = []
    for letter in letters:
        stem = safe_name(format_name(pattern, letter)) or f"row-{letter.row.number}"
        name, n = stem, 1
        while name.casefold() in taken:
            n += 1
            name = f"{stem}-{n}"
        taken.add(name.casefold())
        targets.append(folder / f"{name}.pdf")
    return targets


def name_fields(pattern: str) -> list[str]:
    """The `{fields}` a file-name pattern uses."""
    return [field for _, field, _, _ in string.Formatter().parse(pattern) if field]


def format_name(pattern: str, letter: Addressed) -> str:
    """Fill `pattern` from the letter's row: `{row}`, `{postcode}`, `{your_name}`, any column."""
    values = {"row": str(letter.row.number), "postcode": letter.sender.postcode}
    for field in name_fields(pattern):
        if field not in values:
            values[field] = letter.values.get(fold(field)) or letter.row.get(field)
    return pattern.format_map(values)


def safe_name(text: str) -> str:
    """A file name made only of letters, digits, `-` and `_`: nothing a value can abuse."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9_]+", "-", ascii_text).strip("-_")[:80]


def write_manifest(path: Path, letters: Sequence[Addressed], pages: Sequence[int]) -> None:
    """Which pages of the merged PDF belong to which spreadsheet row."""
    rows, first = [], 1
    for letter, count in zip(letters, pages, strict=True):
        last = first + count - 1
        rows.append([str(letter.row.number), letter.sender.name, letter.sender.postcode,
                     letter.recipient, str(first), str(last), str(count)])  # fmt: skip
        first = last + 1
    headers = ["row", "name", "postcode", "recipient", "first page", "last page", "pages"]
    write_csv(path, headers, rows)
