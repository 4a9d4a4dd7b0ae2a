"""Outputs that clobber nothing: a run's files are staged beside their targets and renamed
into place together at the end; a target that is a folder, a link, a device, a pipe or one
of the run's inputs is refused, and an existing file is replaced only when asked.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
from collections.abc import Iterable, Iterator
from pathlib import Path

from printkit.containment import not_a_file, real
from printkit.errors import OutputError, Problem

_STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}


def _identity(path: Path) -> tuple[int, int] | None:
    """The device and inode of the file at `path` (links followed), None when there is none."""
    try:
        status = os.stat(path)
    except OSError:
        return None
    return (status.st_dev, status.st_ino)


class Outputs:
    """The files one run writes: each checked, staged beside its target, all committed at the end.

    `inputs` are the files the run reads (its spreadsheet, the campaign's files): no output
    may be one of them, by path or by inode. An existing target is replaced only with
    `overwrite`; `stale` companions of an earlier run are then removed with the commit.
    """

    def __init__(self, inputs: Iterable[Path] = (), overwrite: bool = False) -> None:
        self.overwrite = overwrite
        self.staged: dict[Path, Path] = {}  # target (absolute) -> its temporary file
        self.removals: list[Path] = []  # an earlier run's companions that this run replaces
        self.created: list[Path] = []  # folders made for the outputs, removed if left empty
        self.inputs: list[tuple[Path, tuple[int, int] | None]] = []
        self.protect(*inputs)

    def protect(self, *paths: Path | None) -> None:
        """Add files the run reads: no output may be one of them."""
        for path in paths:
            if path is not None:
                self.inputs.append((real(path), _identity(path)))

    def claim(self, targets: Iterable[Path], stale: Iterable[Path] = ()) -> None:
        """Check and stage `targets` before anything is made; every problem is reported at once."""
        named = [_absolute(target) for target in targets]
        wanted = list(dict.fromkeys(named))
        old = [path for path in map(_absolute, stale) if path not in wanted and path.exists()]
        self._refuse([*wanted, *old], named)
        for target in wanted:
            self._stage(target)
        self.removals.extend(old)

    def check(self, targets: Iterable[Path]) -> None:
        """Refuse now what would stop `targets` being written, staging nothing yet: a long
        run checks its outputs before its work, and claims them when it knows them all."""
        named = [_absolute(target) for target in targets]
        self._refuse(list(dict.fromkeys(named)), named)

    def _refuse(self, paths: list[Path], named: list[Path]) -> None:
        """An OutputError with every reason one of `paths` cannot be written, if there is one."""
        problems = [p for path in paths if (p := self._problem(path, named))]
        if problems:
            raise OutputError(problems)

    def path(self, target: Path) -> Path:
        """The temporary path to write `target` into; it becomes `target` at the commit."""
        key = _absolute(target)
        if key not in self.staged:
            self.claim([key])
        return self.staged[key]

    def _problem(self, target: Path, named: list[Path]) -> Problem | None:
        """Why `target` cannot be written, if it cannot."""
        kind = not_a_file(target)
        if kind:
            return Problem(f"{target} is {kind}, not a file", hint=_NEW_NAME)
        if self.is_input(target):
            return Problem(
                f"{target} is one of this run's inputs: writing it would destroy it",
                hint="give the output another name (-o, --rejects or --split)",
            )
        if sum(real(other) == real(target) for other in [*self.staged, *named]) > 1:
            return Problem(f"{target} is named for two outputs of this run", hint=_NEW_NAME)
        if target.exists() and not self.overwrite:
            return Problem(
                f"{target} already exists, and printkit does not replace a file unasked",
                hint="add --overwrite to replace it (with everything this run writes), "
                "or give another name with -o",
            )
        return None

    def is_input(self, target: Path) -> bool:
        """Whether `target` is one of the run's inputs: the same path, or the same file."""
        identity, path = _identity(target), real(target)
        return any(path == known or (identity and identity == ino) for known, ino in self.inputs)

    def _stage(self, target: Path) -> None:
        """Make the folder and an empty temporary file of our own beside `target`."""
        missing = [
            folder for folder in (target.parent, *target.parent.parents) if not folder.exists()
        ]
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise OutputError(
                Problem(f"cannot create the folder {target.parent}: {error.strerror}")
            ) from None
        self.created.extend(reversed(missing))
        temporary = target.with_name(f".{target.name}.{os.getpid()}-{secrets.token_hex(4)}.part")
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
        try:
            os.close(os.open(temporary, flags, 0o666))
        except OSError as error:
            raise OutputError(Problem(f"cannot write {target}: {error.strerror}")) from None
        self.staged[target] = temporary

    def commit(self) -> None:
        """Rename every staged file onto its target: all of them, or (after a failure) none."""
        with signals_held():
            problems = [p for target in self.staged if (p := self._recheck(target))]
            if problems:
                raise OutputError(problems)
            done: list[tuple[Path, bool, Path | None]] = []  # target, placed, its earlier file
            try:
                for target, temporary in self.staged.items():
                    done.append((target, False, _set_aside(target)))
                    os.replace(temporary, target)
                    done[-1] = (target, True, done[-1][2])
                for path in self.removals:
                    done.append((path, False, _set_aside(path)))
            except OSError as error:
                _roll_back(done)
                raise OutputError(Problem(f"cannot write the outputs: {error.strerror}")) from None
            for _, _, kept in done:
                if kept is not None:
                    kept.unlink(missing_ok=True)

    def _recheck(self, target: Path) -> Problem | None:
        """A last look before the rename: the target must still be a file we may replace."""
        kind = not_a_file(target)
        if kind or self.is_input(target) or (target.exists() and not self.overwrite):
            return Problem(f"{target} changed while printkit was writing it: nothing was written")
        return None

    def discard(self) -> None:
        """Remove whatever staged file is left (all of them, unless committed) and new folders."""
        for temporary in self.staged.values():
            temporary.unlink(missing_ok=True)
        for folder in reversed(self.created):
            with contextlib.suppress(OSError):
                folder.rmdir()  # only when it is empty

    def target_of(self, temporary: str | None) -> Path | None:
        """The target whose temporary file is `temporary`."""
        return next((t for t, tmp in self.staged.items() if str(tmp) == temporary), None)


_NEW_NAME = "give the name of a new file (printkit writes only files it makes)"


def _absolute(path: Path) -> Path:
    return Path(os.path.abspath(path))


def _set_aside(path: Path) -> Path | None:
    """Move an existing file out of the way (kept until the commit succeeds); None if none."""
    if not path.exists():
        return None
    kept = path.with_name(f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}.old")
    os.replace(path, kept)
    return kept


def _roll_back(done: list[tuple[Path, bool, Path | None]]) -> None:
    """Undo a commit that failed part of the way: new files out, earlier ones back."""
    for target, placed, kept in reversed(done):
        with contextlib.suppress(OSError):
            if placed:
                target.unlink()
            if kept is not None:
                os.replace(kept, target)


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Hold Ctrl-C, SIGTERM and SIGHUP for a step that must not be cut short (the renames of a
    commit, starting a worker); they arrive when it is done. Threads started meanwhile keep
    them held for good, so only the main thread ever takes them."""
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)


@contextlib.contextmanager
def outputs(inputs: Iterable[Path] = (), *, overwrite: bool = False) -> Iterator[Outputs]:
    """Stage a run's outputs; they appear together when the block succeeds, else not at all."""
    staged = Outputs(inputs, overwrite)
    try:
        yield staged
        staged.commit()
    except OSError as error:  # writing a staged file failed: a full disk, say
        target = staged.target_of(error.filename) or ", ".join(map(str, staged.staged)) or "it"
        raise OutputError(
            Problem(
                f"cannot write {target}: {error.strerror}",
                hint="nothing was written; make room, or write somewhere else with -o",
            )
        ) from None
    finally:
        staged.discard()


@contextlib.contextmanager
def atomic_path(
    target: Path, inputs: Iterable[Path] = (), *, overwrite: bool = False
) -> Iterator[Path]:
    """A temporary path beside `target`, renamed to it only when the block succeeds."""
    with outputs(inputs, overwrite=overwrite) as staged:
        yield staged.path(target)
