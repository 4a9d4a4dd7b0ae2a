"""The preflight: what every laid-out page must hold before a byte of it is written.

A page is described as plain data (its lines of text with their ink boxes and glyphs,
its named regions, its printable area), whoever laid it out: render/weasy.py reads
WeasyPrint's boxes into it, and a faster letter path can describe its composed pages
the same way. `check()` knows nothing about any product: products name their regions
in their templates (`data-region="window block"`) and give the zones those must lie in.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from printkit.paper import Box as Rect

TOLERANCE = 0.1  # mm: ink measured to this is inside; rounding stays well below it
HOME_SAFE = 5.0  # mm from each sheet edge that a home printer can be trusted to print
# The band a line of type owns, in em about its baseline: capitals above, descenders below.
# Lines whose bands cross print into one another's space, whether or not their ink touches.
CAP_BAND, DESCENDER_BAND = 0.72, 0.24
PT_TO_MM = 25.4 / 72

MISSING, UNPRINTABLE, OUTSIDE, OUT_OF_ZONE, OVERLAP = (
    "missing glyph", "outside the printable area", "outside its region", "outside its zone",
    "overlap",
)  # fmt: skip


@dataclass(frozen=True)
class Line:
    """A run of text as drawn on one line (or a picture): where its ink is, what it lacks."""

    text: str
    ink: Rect  # where its glyphs' ink is: it must lie in the printable area and in zones
    line: int  # the line it is set on: runs of one line are never compared with each other
    regions: tuple[str, ...] = ()  # keys of the named regions holding it, outermost first
    missing: tuple[str, ...] = ()  # characters drawn without a glyph (as empty boxes)
    size: float = 0.0  # type size in pt; 0 for a picture
    baseline: float = 0.0  # mm from the page's top
    advance: tuple[float, float] = (0.0, 0.0)  # where the layout set it across: x, width (mm)
    set_in: tuple[float, float] = (0.0, 0.0)  # the line box it is set in, down: y, height (mm)

    @property
    def band(self) -> Rect:
        """The space the line owns: its ink across, its type's band down (a picture: its box)."""
        if not self.size:
            return self.ink
        em = self.size * PT_TO_MM
        top = self.baseline - CAP_BAND * em
        return Rect(self.ink.x, top, self.ink.width, (CAP_BAND + DESCENDER_BAND) * em)

    @property
    def setting(self) -> Rect:
        """Where the layout set the line: its advance across; down, its band within its line box.

        A line must be set inside its region; its ink may overhang by a side bearing or an
        accent (a 'j', an Arabic descender), as long as it stays printable and in its zone.
        """
        if not self.size:
            return self.ink
        band = self.band
        top, bottom = band.y, band.bottom
        if self.set_in[1]:
            top = max(top, self.set_in[0])
            bottom = max(top, min(bottom, self.set_in[0] + self.set_in[1]))
        return Rect(self.advance[0], top, self.advance[1], bottom - top)


@dataclass(frozen=True)
class Region:
    """A named part of a page: the box laid out for it and the zone it must lie in."""

    key: str  # unique on its page: the name, numbered when it repeats
    name: str  # as the template names it: "window block", "label cell"
    box: Rect
    zone: Rect | None = None  # where the product requires it to be (paper.py)
    ref: str = ""  # what the product put in it (`data-ref`: the row of a label, say)
    ink: bool = False  # a physical bound (`data-bound="ink"`): the ink must stay inside it


@dataclass(frozen=True)
class Page:
    """One laid-out page, as the preflight sees it."""

    number: int  # from 1, within its document
    width: float
    height: float
    printable: Rect  # sheet (or trim box) minus the safe margin
    lines: tuple[Line, ...]
    regions: Mapping[str, Region] = field(default_factory=dict)


@dataclass(frozen=True)
class Finding:
    """One thing wrong on a page: what, where, and by how much."""

    kind: str
    page: int
    region: str | None  # the region's name; None for the page itself
    text: str  # the line concerned, shortened
    over: float = 0.0  # mm: how far past the edge, or how deep the overlap
    side: str = ""  # the edge run past: left, right, top, bottom
    chars: tuple[str, ...] = ()  # for MISSING: the characters
    other: str = ""  # for OVERLAP: the other line's text
    held: tuple[str, ...] = ()  # names of every region holding the line, outermost first
    ref: str = ""  # the innermost region's reference, when the product gave one

    @property
    def place(self) -> str:
        """`the window block`, or `the page` for a finding about the page itself."""
        return f"the {self.region}" if self.region else "the page"

    def message(self) -> str:
        """What a user is told, without where it is (the caller knows the file or row)."""
        text = repr(self.text)
        if self.kind == MISSING:
            shown = ", ".join(f"{c!r} (U+{ord(c):04X})" for c in self.chars)
            return f"no font can draw {shown} in {text}: it would print as an empty box"
        if self.kind == OVERLAP:
            return f"{text} overprints {self.other!r} in {self.place} by {self.over:.1f} mm"
        edge = {OUTSIDE: self.place, OUT_OF_ZONE: f"{self.place}'s zone on the page",
                UNPRINTABLE: "the printable area"}[self.kind]  # fmt: skip
        return f"{text} runs {self.over:.1f} mm past the {self.side} edge of {edge}"


def check(page: Page, changed: Collection[int] | None = None) -> list[Finding]:
    """Every finding on `page`: missing glyphs, lines out of place, lines overprinting.

    With `changed` (indices of its lines), the page's other lines passed already: only
    the changed lines are checked, and what they overprint, which finds the same.
    """
    lines = page.lines if changed is None else [page.lines[index] for index in sorted(changed)]
    found = [*_glyphs(page, lines), *_places(page, lines), *_overlaps(page, changed)]
    return _worst(found)


def check_changed(pages: Sequence[Page], changed: Collection[tuple[int, int]]) -> list[Finding]:
    """The findings of pages that passed once, with the lines `changed` (page, line) set again."""
    by_page = {n: {i for page, i in changed if page == n} for n, _ in changed}
    return [finding for n, lines in sorted(by_page.items()) for finding in check(pages[n], lines)]


def relaid(
    pages: Sequence[Page], lines: Mapping[tuple[int, int], Line | None]
) -> tuple[Page, ...] | None:
    """`pages` with some lines, by (page index, line index), set again with other text.

    None when a line set again draws nothing (None): the page cannot be described so.
    """
    if any(line is None for line in lines.values()):
        return None
    touched = {page for page, _index in lines}
    return tuple(
        dataclasses.replace(
            page, lines=tuple(lines.get((n, i)) or line for i, line in enumerate(page.lines))
        )
        if n in touched
        else page
        for n, page in enumerate(pages)
    )


def check_all(pages: Iterable[Page]) -> list[Finding]:
    """The findings of every page, in page order."""
    return [finding for page in pages for finding in check(page)]


def _glyphs(page: Page, lines: Iterable[Line]) -> Iterator[Finding]:
    for line in lines:
        if line.missing:
            yield Finding(MISSING, page.number, _innermost(page, line), _short(line.text),
                          chars=line.missing, held=_held(page, line),
                          ref=_ref(page, line))  # fmt: skip


def _places(page: Page, lines: Iterable[Line]) -> Iterator[Finding]:
    """Lines past the printable area, past the region holding them, or past its zone.

    A line answers to its innermost region (its box and zone): a part of a region (the
    caption of a writing line, say) can be named to give it bounds of its own. A region
    that is a physical bound (a leaflet's safe area, a label) holds every line inside it,
    however deep, by its ink.
    """
    for line in lines:
        side, over = line.ink.past(page.printable)
        if over > TOLERANCE:
            yield Finding(UNPRINTABLE, page.number, _innermost(page, line), _short(line.text),
                          over, side, held=_held(page, line), ref=_ref(page, line))  # fmt: skip
        for kind, shape, region, outer in _bounds(page, line):
            side, over = shape.past(outer)
            if over > TOLERANCE:
                yield Finding(kind, page.number, region.name, _short(line.text), over, side,
                              held=_held(page, line), ref=region.ref)  # fmt: skip


def _bounds(page: Page, line: Line) -> Iterator[tuple[str, Rect, Region, Rect]]:
    """What a line must lie in: (kind, the line's shape, the region, the bound)."""
    for key in line.regions:
        region = page.regions[key]
        innermost = key == line.regions[-1]
        if innermost or region.ink:
            yield OUTSIDE, line.ink if region.ink else line.setting, region, region.box
        if innermost and region.zone is not None:
            yield OUT_OF_ZONE, line.ink, region, region.zone


def _overlaps(page: Page, changed: Collection[int] | None = None) -> Iterator[Finding]:
    """Lines of text printed into one another's band (runs of the same line excepted).

    With `changed`, only pairs of lines one of which is changed.
    """
    chosen = range(len(page.lines)) if changed is None else changed
    bands = [(line.band, n in chosen, line) for n, line in enumerate(page.lines)]
    ordered = sorted(bands, key=lambda item: item[0].y)
    for index, (band, mine, line) in enumerate(ordered):
        for other_band, theirs, other in ordered[index + 1 :]:
            if other_band.y >= band.bottom - TOLERANCE:
                break
            if other.line == line.line or not (mine or theirs):
                continue
            depth = band.overlap(other_band)
            if depth > TOLERANCE:
                yield Finding(OVERLAP, page.number, _innermost(page, other), _short(other.text),
                              depth, other=_short(line.text),
                              held=_held(page, other) + _held(page, line),
                              ref=_ref(page, other) or _ref(page, line))  # fmt: skip


def _worst(findings: list[Finding]) -> list[Finding]:
    """One finding per page, kind and region: the one furthest out, in first-seen order.

    Missing glyphs of one region are gathered into one finding naming all of them.
    """
    kept: dict[tuple[int, str, str | None, str], Finding] = {}
    for finding in findings:
        key = (finding.page, finding.kind, finding.region, finding.ref)
        first = kept.get(key)
        if first is not None and finding.kind == MISSING:
            chars = tuple(dict.fromkeys((*first.chars, *finding.chars)))
            held = tuple(dict.fromkeys((*first.held, *finding.held)))
            kept[key] = Finding(MISSING, first.page, first.region, first.text, chars=chars,
                                held=held, ref=first.ref)  # fmt: skip
        elif first is None or finding.over > first.over:
            kept[key] = finding
    return list(kept.values())


def _ref(page: Page, line: Line) -> str:
    return page.regions[line.regions[-1]].ref if line.regions else ""


def _held(page: Page, line: Line) -> tuple[str, ...]:
    return tuple(page.regions[key].name for key in line.regions)


def _innermost(page: Page, line: Line) -> str | None:
    return page.regions[line.regions[-1]].name if line.regions else None


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


Laid = TypeVar("Laid")
Steps = Mapping[str, int]


def fitted(
    lay_out: Callable[[Steps], tuple[Laid, list[Finding]]], steps_of: Mapping[str, int]
) -> tuple[Laid, list[Finding], dict[str, int]]:
    """The fit policy: lay out, check, and take each failing variable region a step further.

    `steps_of` gives each variable region's number of steps past its own style (smaller
    type within the profile's floor, then tighter leading, then wrapping); `lay_out`
    lays the document out with the steps chosen so far and checks it. It ends when the
    pages pass or no failing region has a step left: the findings then say why.
    """
    steps: dict[str, int] = {}
    while True:
        laid, findings = lay_out(steps)
        after = further(findings, steps, steps_of)
        if after is None:
            return laid, findings, steps
        steps = after


def further(
    findings: Sequence[Finding], steps: Steps, steps_of: Mapping[str, int]
) -> dict[str, int] | None:
    """Each failing variable region a step further; None: it passed, or no step is left."""
    failing = {name for finding in findings if finding.kind != MISSING
               for name in finding.held if name in steps_of}  # fmt: skip
    more = {name: steps.get(name, 0) + 1 for name in failing if steps.get(name, 0) < steps_of[name]}
    return {**steps, **more} if findings and more else None
