"""A campaign's look: logo, picture and accent colour, checked before anything is printed."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from printkit import containment

DEFAULT_ACCENT = "#1f4e79"  # a dark blue: white text on it reads at 8.6:1
MIN_CONTRAST = 4.5  # WCAG AA for white text on the accent colour
LOGO_KINDS = (".png", ".svg")
PICTURE_KINDS = (".png", ".jpg", ".jpeg", ".svg")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
KIND_NAMES = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".svg": "SVG"}
SIGNATURES: dict[str, Callable[[bytes], bool]] = {
    ".png": lambda head: head.startswith(PNG_SIGNATURE),
    ".jpg": lambda head: head.startswith(b"\xff\xd8\xff"),
    ".jpeg": lambda head: head.startswith(b"\xff\xd8\xff"),
    ".svg": lambda head: b"<svg" in head,
}
EXIF_ORIENTATION = 0x0112  # a camera's "turn me" tag: 5 to 8 mean a quarter turn


@dataclass(frozen=True)
class Brand:
    """The logo (None when the campaign has none) and the accent colour as #rrggbb."""

    logo: Path | None = None
    accent: str = DEFAULT_ACCENT


def check_accent(value: str) -> str | None:
    """None for a dark enough #rgb or #rrggbb colour, else what is wrong."""
    if not re.fullmatch(r"#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})", value):
        return f"{value!r} is not a colour: write it as #rrggbb, e.g. '#1f4e79' (in quotes)"
    ratio = contrast_with_white(value)
    if ratio < MIN_CONTRAST:
        return (
            f"{value} is too light for white text on it (contrast {ratio:.1f}:1, "
            f"needs {MIN_CONTRAST}:1): choose a darker colour"
        )
    return None


def normalise(value: str) -> str:
    """`#abc` -> `#aabbcc`, lower case."""
    digits = value.lstrip("#").lower()
    return "#" + (digits if len(digits) == 6 else "".join(d * 2 for d in digits))


def contrast_with_white(value: str) -> float:
    """The WCAG contrast ratio of white against the colour."""
    digits = normalise(value)[1:]
    channels = [int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)


def logo_problem(root: Path, name: str) -> str | None:
    """None when `name` (relative to the campaign folder) is a readable SVG or PNG logo."""
    return image_problem(root, name, "logo", LOGO_KINDS)


def picture_problem(root: Path, name: str) -> str | None:
    """None when `name` (relative to the campaign folder) is a readable PNG, JPEG or SVG."""
    return image_problem(root, name, "picture", PICTURE_KINDS)


def image_problem(root: Path, name: str, what: str, kinds: tuple[str, ...]) -> str | None:
    """None when `name` is an image of one of `kinds` inside the folder, else what is wrong."""
    outside = containment.outside_reason(root, name, f"the {what} file")
    if outside:
        return f"{outside}: copy it into the folder"
    path = containment.real(root / name)
    kind = path.suffix.lower()
    if kind not in kinds:
        names = sorted({KIND_NAMES[k] for k in kinds})
        either = " or ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)
        return f"the {what} file {name!r} must be a {either} image"
    try:
        head = path.read_bytes()[:4096]
    except FileNotFoundError:
        return f"the {what} file {name!r} does not exist: put it beside campaign.yaml"
    except OSError as error:
        return f"cannot read the {what} file {name!r}: {error.strerror}"
    if not SIGNATURES[kind](head):
        return f"the {what} file {name!r} is not a readable {KIND_NAMES[kind]} image"
    return None


def pixels(path: Path) -> tuple[int, int] | None:
    """A PNG or JPEG's width and height in pixels as it is shown (turned upright); None for
    an SVG, which has no resolution, or a file that cannot be read."""
    if path.suffix.lower() == ".svg":
        return None
    try:
        with Image.open(path) as image:
            width, height = image.size
            turned = image.getexif().get(EXIF_ORIENTATION, 1) in (5, 6, 7, 8)
    except (OSError, Image.DecompressionBombError):
        return None
    return (height, width) if turned else (width, height)
