"""A campaign's look: its logo file and accent colour, checked before anything is printed."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

DEFAULT_ACCENT = "#1f4e79"  # a dark blue: white text on it reads at 8.6:1
MIN_CONTRAST = 4.5  # WCAG AA for white text on the accent colour
LOGO_KINDS = (".png", ".svg")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


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
    path = (root / name).resolve()
    if not path.is_relative_to(root.resolve()):
        return f"the logo file {name!r} is outside the campaign folder: copy it into the folder"
    kind = path.suffix.lower()
    if kind not in LOGO_KINDS:
        return f"the logo file {name!r} must be an SVG or PNG image"
    try:
        head = path.read_bytes()[:4096]
    except FileNotFoundError:
        return f"the logo file {name!r} does not exist: put it beside campaign.yaml"
    except OSError as error:
        return f"cannot read the logo file {name!r}: {error.strerror}"
    readable = head.startswith(PNG_SIGNATURE) if kind == ".png" else b"<svg" in head
    if not readable:
        return f"the logo file {name!r} is not a readable {kind[1:].upper()} image"
    return None
