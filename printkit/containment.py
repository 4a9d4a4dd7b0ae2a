"""One containment rule for what a campaign names or holds: a campaign folder is someone
else's file, so every path it names or holds is resolved (links included) and must lie
inside the folder."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

from printkit.errors import Location, OutsideError, Problem

KEEP_INSIDE = (
    "printkit only uses files inside the campaign folder, so a folder handed on cannot read "
    "anything else on this computer: copy the file into the folder and name it relative to "
    "campaign.yaml"
)
NOT_A_FILE = (  # what a target may not be: printkit writes only regular files it makes
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISLNK, "a link"),
    (stat.S_ISFIFO, "a pipe (FIFO)"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


def real(path: Path | str) -> Path:
    """`path` absolute, with every link along it resolved."""
    return Path(os.path.realpath(path))


def inside(path: Path | str, roots: Iterable[Path]) -> bool:
    """Whether `path`, its links resolved, lies inside one of `roots` (resolved too)."""
    target = real(path)
    return any(target.is_relative_to(real(root)) for root in roots)


def outside_reason(root: Path, name: str | Path, what: str) -> str | None:
    """Why `name`, which `what` names relative to the campaign folder `root`, may not be used."""
    shown = f"{what} {str(name)!r}"
    if Path(name).is_absolute():
        return f"{shown} is an absolute path, so it may lie outside the campaign folder"
    joined = Path(root) / name
    if not Path(os.path.normpath(joined)).is_relative_to(os.path.normpath(root)):
        return f"{shown} is outside the campaign folder"
    if not inside(joined, [root]):
        return f"{shown} is a link to a file outside the campaign folder"
    return None


def contained(root: Path, name: str | Path, what: str) -> Path:
    """The real path of `name` inside the campaign folder `root`; OutsideError when it is not."""
    reason = outside_reason(root, name, what)
    if reason:
        raise OutsideError(Problem(reason, hint=KEEP_INSIDE))
    return real(Path(root) / name)


def held_files(root: Path, folder: str, pattern: str) -> tuple[list[Path], list[Problem]]:
    """The files matching `pattern` in the campaign's `folder` (real paths), and the problems:
    a match that is a folder, or that lies outside the campaign folder."""
    found: list[Path] = []
    problems: list[Problem] = []
    for path in sorted((Path(root) / folder).glob(pattern)):
        where = Location(path)
        if not inside(path, [root]):
            message = "this is a link to a file outside the campaign folder"
            problems.append(Problem(message, where, KEEP_INSIDE))
        elif path.is_dir() and pattern != "**/*":
            message = f"this is a folder, but a name ending in {path.suffix} is read as a file"
            problems.append(Problem(message, where, "rename or remove it"))
        elif path.is_file():
            found.append(real(path))
    return found, problems


def not_a_file(path: Path) -> str | None:
    """What is at `path` when it is not a regular file ("a folder", "a link", ...); else None."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return None
    except OSError as error:
        return f"unusable ({error.strerror})"
    return next((name for test, name in NOT_A_FILE if test(mode)), None)
