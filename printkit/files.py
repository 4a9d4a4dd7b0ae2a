"""Writing output files safely: to a temporary name first, then renamed into place."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from printkit.errors import OutputError, Problem


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A temporary path beside `target`, renamed to it only when the block succeeds."""
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(
            Problem(f"cannot create the folder {target.parent}: {error.strerror}")
        ) from None
    if target.is_dir():
        raise OutputError(Problem(f"{target} is a folder", hint="give a file name ending in .pdf"))
    temporary = target.with_name(f".{target.name}.{os.getpid()}.part")
    try:
        yield temporary
        os.replace(temporary, target)
    except OSError as error:
        raise OutputError(Problem(f"cannot write {target}: {error.strerror}")) from None
    finally:
        temporary.unlink(missing_ok=True)
