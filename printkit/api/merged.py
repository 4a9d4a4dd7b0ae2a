"""Merged letters: bundles with cover sheets, one file per recipient, files of at most N pages."""

from __future__ import annotations

import contextlib
from collections.abc import Generator, Sequence
from dataclasses import dataclass
from pathlib import Path

from printkit import files
from printkit.api.common import Written
from printkit.mail import ordering, outputs
from printkit.mail.outcomes import Addressed
from printkit.products import batch, parts
from printkit.products.cover import Cover, cover_for
from printkit.products.letter import LetterTemplate
from printkit.products.spool import Spool


@dataclass(frozen=True)
class Layout:
    """How the merged output is cut and bundled (the `letter --data` options)."""

    bundle: str | None = None  # "recipient": a cover sheet before each recipient's letters
    split_by: str | None = None  # "recipient": one file per recipient
    max_pages: int = 0  # 0: no limit; else numbered files of at most this many pages


def plan(letters: Sequence[Addressed], layout: Layout) -> list[batch.Chunk]:
    """The letters (and cover sheets) in chunks, each chunk within one output part."""
    if not (layout.bundle or layout.split_by):
        return batch.chunks(letters)
    work: list[batch.Chunk] = []
    taken: set[str] = set()
    for _, group in ordering.by_recipient(letters):
        items: list[batch.Item] = [cover_for(group), *group] if layout.bundle else list(group)
        part = _part_name(group[0].recipient, taken) if layout.split_by else ""
        work += batch.chunks(items, part=part)
    return work


def in_checked_order(layout: Layout) -> bool:
    """Whether the letters go into the file in the order they were checked (not by recipient)."""
    return not (layout.bundle or layout.split_by)


def _part_name(recipient: str, taken: set[str]) -> str:
    """A safe, unique file-name part for a recipient: `Alex-Sobel-MP`, `Alex-Sobel-MP-2`."""
    stem = outputs.safe_name(recipient) or "recipient"
    name, n = stem, 1
    while name.casefold() in taken:
        n += 1
        name = f"{stem}-{n}"
    taken.add(name.casefold())
    return name


def namer(output: Path, layout: Layout) -> parts.Namer:
    """File names: `letters.pdf`, `letters-Alex-Sobel-MP.pdf`, `letters-2.pdf`, ..."""

    def name(part: str, number: int) -> Path:
        stem = output.stem + (f"-{part}" if part else "")
        if layout.max_pages:
            stem += f"-{number}"
        return output.with_name(stem + output.suffix)

    return name


def write(
    job: batch.Job,
    run_jobs: int,
    letters: Sequence[Addressed],
    output: Path,
    layout: Layout,
    staged: files.Outputs,
    listener: batch.Listener | None = None,
    spool: Spool | None = None,
) -> tuple[list[Written], list[tuple[int, str]], int]:
    """Render the letters into `output` (or its parts) with a manifest that adds up.

    With a `spool`, the letters are those the preflight composed, copied from it.
    Also how many letters were laid out in full rather than composed (the fast engine).
    """
    if spool is not None:
        work: Sequence[batch.Chunk] = spool.chunks
        results: Generator[batch.RenderedChunk, None, None] = spool.replay(listener)
    else:
        work = plan(letters, layout)
        results = batch.render_all(job, work, run_jobs, listener)
    finishing = LetterTemplate(job.campaign).settings("letters", duplex=job.duplex)
    writer = parts.Writer(staged, namer(output, layout), finishing, job.look)
    with contextlib.closing(results):  # however the writing stops, the pool stops with it
        places, warnings = parts.write(writer, job, work, results, layout.max_pages)
    items = (item for chunk in work for item in chunk.letters)
    entries = (_entry(item, place) for item, place in zip(items, places, strict=True))  # streamed
    manifest = output.with_name(f"{output.stem}-manifest.csv")
    outputs.write_manifest(staged.path(manifest), entries)
    made = [Written(path, pages) for path, pages in writer.written]
    return [*made, Written(manifest, 0)], warnings, writer.full


def _entry(item: batch.Item, place: parts.Place) -> outputs.Entry:
    if isinstance(item, Cover):
        people = len(item.people)
        return outputs.Entry("", f"cover sheet: {people} letter{'s' if people != 1 else ''}",
                             "", item.recipient, place.path.name, place.first,
                             place.pages)  # fmt: skip
    return outputs.entry(item, place.path.name, place.first, place.pages)
