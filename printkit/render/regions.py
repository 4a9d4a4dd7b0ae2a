"""The named regions of laid-out pages, as the preflight read them: how much of each is used.

Copy-fitting sizes type by how much of a region (a leaflet side, the poster) its words
take; it reads the same pages as the preflight (render/weasy.py reads them from the
layout): each line where the layout set it and, in a region that is a physical bound
(`data-bound="ink"`), where its ink reaches too, as the preflight holds it there by its ink
(an Arabic descender reaches well below the band Latin type is set in).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from printkit.render.preflight import TOLERANCE, Page


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
        """Whether the content lies inside, as near as the preflight measures."""
        return self.over <= TOLERANCE and self.wide <= TOLERANCE

    @property
    def free(self) -> float:
        """The height left under the content (0 when it overflows)."""
        return max(0.0, self.height - self.used)


def spaces(pages: Iterable[Page]) -> dict[str, Space]:
    """Each named region of the pages; the tightest copy when a name repeats."""
    found: dict[str, Space] = {}
    for page in pages:
        for space in _page_spaces(page):
            known = found.get(space.name)
            if known is None or _tightness(space) > _tightness(known):
                found[space.name] = space
    return found


def _tightness(space: Space) -> tuple[float, float, float]:
    return (space.over, space.wide, space.used)


def _page_spaces(page: Page) -> Iterator[Space]:
    for key, region in page.regions.items():
        box = region.box
        drawn = [
            line.setting.union(line.ink) if region.ink else line.setting
            for line in page.lines
            if key in line.regions
        ]
        lowest = max((line.bottom for line in drawn), default=box.y)
        right = max((line.right for line in drawn), default=box.right)
        left = min((line.x for line in drawn), default=box.x)
        yield Space(
            region.name,
            height=box.height,
            used=lowest - box.y,
            over=max(0.0, lowest - box.bottom),
            wide=max(0.0, right - box.right, box.x - left),
            width=box.width,
        )
