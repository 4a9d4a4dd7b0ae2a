"""The letters the preflight composed, kept on disk for the writing pass to copy.

On the fast path the preflight's pass composes every letter to check it. Where the
letters go into one merged file in the order they were checked, the writing pass
copies them from here instead of composing them again. The spool is a temporary file,
gone however the run ends; only the chunks' letters (already in memory) are kept in
memory, so a run of any size stays flat.
"""

from __future__ import annotations

import contextlib
import dataclasses
import pickle
import tempfile
from collections.abc import Generator, Iterator, Sequence
from typing import BinaryIO

from printkit.mail.outcomes import Addressed
from printkit.products.batch import Chunk, Listener, Progress, RenderedChunk


class Spool:
    """Composed chunks in order, each with the letters of it that passed the preflight."""

    def __init__(self, handle: BinaryIO) -> None:
        self.handle = handle
        self.chunks: list[Chunk] = []  # the letters of each chunk kept, in order

    @classmethod
    @contextlib.contextmanager
    def opened(cls) -> Iterator[Spool]:
        with tempfile.TemporaryFile(prefix="printkit-") as handle:
            yield cls(handle)

    def add(self, letters: Sequence[Addressed], result: RenderedChunk) -> None:
        """Keep a checked chunk: `result` holds the letters of `letters` that passed."""
        refused = {reject.row for reject in result.rejects}
        passed = tuple(letter for letter in letters if letter.row.number not in refused)
        assert len(passed) == len(result.letters), "a composed letter for each row that passed"
        if not passed:
            return
        # Rows the preflight refused were laid out in full to be checked; they are not written.
        kept = dataclasses.replace(result, rejects=(), full=result.full - len(refused))
        pickle.dump(kept, self.handle, protocol=pickle.HIGHEST_PROTOCOL)
        self.chunks.append(Chunk(passed))

    def replay(self, listener: Listener | None = None) -> Generator[RenderedChunk, None, None]:
        """The kept chunks in order, as the writing pass would have rendered them."""
        self.handle.flush()
        self.handle.seek(0)
        total = sum(len(chunk.letters) for chunk in self.chunks)
        for _ in self.chunks:
            result: RenderedChunk = pickle.load(self.handle)
            if listener:
                listener(Progress(len(result.pages), total))
            yield result
