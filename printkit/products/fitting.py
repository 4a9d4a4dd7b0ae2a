"""How a letter's variable regions give way when text does not fit, and the zones they keep to.

One fit policy for every variable region: step the type down within the profile's floor
(and the named small print of profiles.CAPTIONS), then tighten the leading, then let lines
wrap; only then does the preflight give up, and the row or the campaign is told why. The
steps are CSS declarations, tried in turn by the renderer (`&` stands for the region).
Labels and envelopes step their type down before layout (products/addressing.py); leaflets
and posters are copy-fitted by trial layouts instead (products/copyfit.py).
"""

from __future__ import annotations

from printkit import paper
from printkit.profiles import CAPTIONS, Profile

TIGHTER_LEADING = (1.25, 1.15, 1.05)
SENDER_WIDTH = 76.0  # mm: the sender's block, top right of the letter (styles/letter.css)
WRAP = "white-space: normal; overflow-wrap: anywhere"


def smaller_sizes(size: float, floor: float, step: float = 1.0) -> list[float]:
    """Type sizes below `size`, a step at a time, down to `floor` (pt)."""
    sizes, current = [], size - step
    while current >= floor - 1e-9:
        sizes.append(round(current, 2))
        current -= step
    return sizes


def window_steps(profile: Profile) -> tuple[str, ...]:
    """The recipient's block: smaller type, tighter leading, a shorter name line, then wrapping.

    In clear print the window address may step from 11 to 10 pt (CAPTIONS); large print
    keeps 16 pt and only tightens the leading.
    """
    sizes = [s for s in profile.window_sizes if s >= min(CAPTIONS["window address"], s)]
    smallest, base = sizes[-1], profile.window_line_height
    steps = [f"& {{ font-size: {size:g}pt }}" for size in sizes[1:]]
    for leading in (lh for lh in TIGHTER_LEADING if lh < base):
        short_line = " & .blank { height: 6mm }" if leading < 1.2 else ""
        steps.append(f"& {{ font-size: {smallest:g}pt; line-height: {leading:g} }}{short_line}")
    return (*steps, f"{steps[-1]} & p {{ {WRAP} }}") if steps else (f"& p {{ {WRAP} }}",)


def sender_steps(profile: Profile) -> tuple[str, ...]:
    """The sender's block: down to the profile's smallest type, then lines wrap."""
    sizes = smaller_sizes(profile.body_size, profile.smallest)
    smallest = f"& {{ font-size: {sizes[-1]:g}pt }} " if sizes else ""
    return (
        *(f"& {{ font-size: {size:g}pt }}" for size in sizes),
        f"{smallest}& p {{ white-space: normal }}",
        f"{smallest}& p {{ {WRAP} }}",
    )


def letter_fits(profile: Profile) -> dict[str, tuple[str, ...]]:
    """The letter's variable regions and their steps."""
    return {"window block": window_steps(profile), "sender block": sender_steps(profile)}


def letter_zones(
    window: paper.Window, page: paper.LetterPage = paper.LETTER_PAGE
) -> dict[str, paper.Box]:
    """Where the letter's blocks must lie: the window zone, and the sender's column."""
    left = paper.A4.width - page.right - SENDER_WIDTH
    sender = paper.Box(left, page.top, SENDER_WIDTH, paper.A4.height - page.top - page.bottom)
    zones = {"sender block": sender, "date": sender}
    if window.name != "none":
        zones["window block"] = paper.Box(window.left, window.top, window.width, window.height)
    return zones
