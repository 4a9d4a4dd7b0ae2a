"""The named regions of laid-out pages (`data-fit`): how much of each its content uses."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from printkit.render import weasy

PX_TO_MM = 25.4 / 96  # WeasyPrint lays out in CSS pixels
ROUNDING = 0.05  # mm: a box this far past an edge is rounding, not overflow
ATTRIBUTE = "data-fit"


@dataclass(frozen=True)
class Space:
    """One region's room and use, in mm: its height, how much its content takes, the excess."""

    name: str
    height: float
    used: float  # from the region's top to the lowest word or picture in it
    over: float = 0.0  # how far content runs past its bottom
    wide: float = 0.0  # how far content runs past its left or right edge
    width: float = 0.0

    @property
    def fits(self) -> bool:
        return self.over <= ROUNDING and self.wide <= ROUNDING

    @property
    def free(self) -> float:
        """The height left under the content (0 when it overflows)."""
        return max(0.0, self.height - self.used)


def spaces(layout: Any, attribute: str = ATTRIBUTE) -> dict[str, Space]:
    """Each region of a laid-out document named by `attribute`; the tightest copy when a
    name repeats."""
    found: dict[str, Space] = {}
    for page in layout.pages:
        for space in _page_spaces(page, attribute):
            known = found.get(space.name)
            if known is None or _tightness(space) > _tightness(known):
                found[space.name] = space
    return found


def _tightness(space: Space) -> tuple[float, float, float]:
    return (space.over, space.wide, space.used)


def _page_spaces(page: Any, attribute: str) -> Iterator[Space]:
    for name, region, drawn in weasy.marked(page, attribute):
        lowest = max((box.bottom for box in drawn), default=region.y)
        right = max((box.right for box in drawn), default=region.right)
        left = min((box.x for box in drawn), default=region.x)
        yield Space(
            name,
            height=region.height * PX_TO_MM,
            used=(lowest - region.y) * PX_TO_MM,
            over=max(0.0, lowest - region.bottom) * PX_TO_MM,
            wide=max(0.0, right - region.right, region.x - left) * PX_TO_MM,
            width=region.width * PX_TO_MM,
        )
