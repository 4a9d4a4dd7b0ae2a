"""Find printkit's bundled templates, styles, fonts and example campaign."""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path

ASSET_DIRS = ("templates", "styles", "fonts", "examples")


@functools.cache
def asset_path(name: str) -> Path:
    """The folder of a bundled asset kind: inside the installed package, or the source checkout."""
    if name not in ASSET_DIRS:
        raise ValueError(f"unknown asset folder {name!r}")
    packaged = Path(str(resources.files("printkit") / name))
    if packaged.is_dir():
        return packaged
    # A source checkout (editable install): the folders sit beside the package.
    return Path(__file__).resolve().parent.parent / name


def example_campaign() -> Path:
    """The folder of the example campaign that ships with printkit."""
    return asset_path("examples") / "write-to-your-mp"
