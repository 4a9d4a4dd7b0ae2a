"""Writing output files safely: staged under temporary names, then renamed into place together."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from printkit.errors import OutputError, Problem


class Outputs:
    """The files one run writes: each staged beside its target, all committed at the end."""

    def __init__(self) -> None:
        self.staged: dict[Path, Path] = {}  # target -> its temporary file

    def path(self, target: Path) -> Path:
        """The temporary path to write `target` into; it becomes `target` at the commit."""
        target = Path(target)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise OutputError(
                Problem(f"cannot create the folder {target.parent}: {error.strerror}")
            ) from None
        if target.is_dir():
            raise OutputError(
                Problem(f"{target} is a folder", hint="give a file name ending in .pdf")
            )
        temporary = target.with_name(f".{target.name}.{os.getpid()}.part")
        self.staged[target] = temporary
        return temporary

    def commit(self) -> None:
        """Rename every staged file to its target."""
        for target, temporary in self.staged.items():
            try:
                os.replace(temporary, target)
            except OSError as error:
                raise OutputError(Problem(f"cannot write {target}: {error.strerror}")) from None

    def discard(self) -> None:
        """Remove whatever staged file is left (all of them, unless committed)."""
        for temporary in self.staged.values():
            temporary.unlink(missing_ok=True)


@contextlib.contextmanager
def outputs() -> Iterator[Outputs]:
    """Stage a run's outputs; they appear together when the block succeeds, else not at all."""
    staged = Outputs()
    try:
        yield staged
        staged.commit()
    except OSError as error:  # writing a staged file failed: a full disk, say
        targets = ", ".join(str(target) for target in staged.staged) or "the output"
        raise OutputError(Problem(f"cannot write {targets}: {error.strerror}")) from None
    finally:
        staged.discard()


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A temporary path beside `target`, renamed to it only when the block succeeds."""
    with outputs() as staged:
        yield staged.path(target)
