"""The fast path's shapes: a laid-out document cut into shared pieces and lines that vary.

A shape is made from one full layout. Each marked sequence of its pages that is not in
a region (a paragraph of the body, a rule, a fold mark) becomes a Form XObject, stored
once in the file and drawn on every page of that shape; each line in a region (named by
`data-varies`, or a margin box) is painted again for every row with that row's text, in
the same style and place. Where a row's text needs another number of lines, or other
line metrics, the row does not fit the shape and is laid out in full instead. A region
that cannot be re-laid (a paragraph with a writing line in it) is drawn as it is, and
only rows with the same text in it fit the shape.

A Shape (render/shapedata.py) is plain data, sent from the workers to the process that
writes the file; a LiveShape keeps the laid-out lines that the worker re-lays.
"""

from __future__ import annotations

import functools
import hashlib
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from printkit.paper import Box as Rect
from printkit.render import drawing, preflight, relaying, structure, weasy
from printkit.render.shapedata import Composed, Kid, PageShape, Shape


@dataclass(frozen=True)
class Slot:
    """A line that varies: which region, paragraph and line of it, and its MCID on its page."""

    region: str
    paragraph: int
    line: int
    tag: str
    mcid: int
    original: bytes  # the line as the shape's own row painted it


@dataclass
class LiveShape:
    """A shape in the worker that made it: with the laid-out lines it re-lays for each row."""

    shape: Shape
    slots: tuple[Slot, ...]
    lines: tuple[relaying.Line, ...]  # by slot
    texts: Mapping[str, tuple[str, ...]]  # the region texts of the row it was made from
    read: tuple[preflight.Page, ...] = ()  # its pages as the preflight reads them
    places: tuple[tuple[int, int] | None, ...] = ()  # by slot: (page, line) among `read`
    paragraphs: dict[str, list[list[int]]] = field(default_factory=dict)  # slots by line
    fixed: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # drawn as they are
    layout: Any = None  # the laid-out document, kept alive for its lines

    def __post_init__(self) -> None:
        for index, slot in enumerate(self.slots):
            region = self.paragraphs.setdefault(slot.region, [])
            while len(region) <= slot.paragraph:
                region.append([])
            region[slot.paragraph].append(index)


def _wrap(tag: str, mcid: int, body: bytes) -> bytes:
    if mcid < 0:
        return b"/Artifact BMC\n" + body + b"\nEMC"
    return b"/%s <</MCID %d>> BDC\n%s\nEMC" % (tag.encode(), mcid, body)


def build(
    layout: Any,
    painter: drawing.Painter,
    texts: Mapping[str, tuple[str, ...]],
    zones: Mapping[str, Rect],
    safe: float,
) -> LiveShape:
    """The shape of a laid-out document (a WeasyPrint Document), painted with `painter`.

    `zones` and `safe` are the document's, for the preflight to read its pages.
    """
    painted = [painter.page(page) for page in layout.pages]
    reading = [
        weasy.read_indexed(page, number, zones, safe)
        for number, page in enumerate(layout.pages, start=1)
    ]
    analysis = structure.analyse(layout.pages, painted, texts)
    forms: list[bytes] = []
    slots: list[Slot] = []
    lines: list[relaying.Line] = []
    wheres: list[tuple[int, int]] = []  # (page, mark) of each slot
    pages: list[PageShape] = []
    kids: dict[int, list[tuple[tuple[int, int, int], Kid]]] = {}
    paragraphs = _paragraphs(analysis)
    for number, paint in enumerate(painted):
        program: list[bytes | int] = []
        mcid_nodes: list[int] = []
        position = 0
        for index, mark in enumerate(paint.marks):
            text = analysis.marks[number][index]
            program.append(b"\n".join(paint.operators[position : mark.start]))
            position = mark.end
            skip = 3 if mark.box is not None else 2  # BDC with its tag and MCID, or BMC
            body = b"\n".join(paint.operators[mark.start + skip : mark.end - 1])
            if not body.strip() and (number, index) not in analysis.lines:
                continue  # hidden text: nothing to see, nothing to read
            node = -1 if text is None else text.node
            mcid = -1
            if node >= 0:
                mcid = len(mcid_nodes)
                mcid_nodes.append(node)
                kids.setdefault(node, []).append((text.order, (number, mcid)))  # type: ignore[union-attr]
            tag = analysis.nodes[node].tag if node >= 0 else "Artifact"
            if (number, index) in analysis.lines and _varies(text, texts):
                assert text is not None and text.region is not None
                paragraph, line = paragraphs[(number, index)]
                slots.append(Slot(text.region, paragraph, line, tag, mcid, body))
                lines.append(analysis.lines[(number, index)])
                wheres.append((number, index))
                program.append(len(slots) - 1)
            else:
                program.append(_wrap(tag, mcid, b"/S%d Do" % len(forms)))
                forms.append(body)
        program.append(b"\n".join(paint.operators[position:]))
        pages.append(PageShape(paint.width, paint.height, _joined(program), tuple(mcid_nodes)))
    for node, item in enumerate(analysis.nodes):
        if item.parent >= 0:
            order = (analysis.node_order[node], -1, -1)
            kids.setdefault(item.parent, []).append((order, node))
    shape = _shape(forms, painter, pages, analysis, kids)
    read = tuple(page for page, _index in reading)
    places = tuple(_place(reading, analysis.lines, where) for where in wheres)
    fixed = {region: tuple(texts.get(region, ())) for region in analysis.fixed}
    return LiveShape(
        shape, tuple(slots), tuple(lines), dict(texts), read, places, fixed=fixed, layout=layout
    )


def _place(
    reading: Sequence[tuple[preflight.Page, dict[int, int]]],
    lines: Mapping[tuple[int, int], relaying.Line],
    where: tuple[int, int],
) -> tuple[int, int] | None:
    """Where a varying line is among its page's lines as read (None: it draws nothing)."""
    index = reading[where[0]][1].get(id(lines[where].box))
    return None if index is None else (where[0], index)


def _varies(text: structure.Text | None, texts: Mapping[str, tuple[str, ...]]) -> bool:
    """Whether a line is in a region: named in the HTML, or a margin box given a text."""
    assert text is not None and text.region is not None
    return not text.region.startswith("@") or text.region in texts


def _paragraphs(analysis: structure.Analysis) -> dict[tuple[int, int], tuple[int, int]]:
    """(paragraph, line) within its region of each varying line, in reading order."""
    found: dict[str, dict[Any, list[tuple[tuple[int, int, int], tuple[int, int]]]]] = {}
    for where in analysis.lines:
        text = analysis.marks[where[0]][where[1]]
        assert text is not None and text.region is not None
        found.setdefault(text.region, {}).setdefault(text.paragraph, []).append((text.order, where))
    places: dict[tuple[int, int], tuple[int, int]] = {}
    for region in found.values():
        ordered = sorted(region.values(), key=lambda lines: min(lines)[0])
        for paragraph, lines in enumerate(ordered):
            for line, (_order, where) in enumerate(sorted(lines)):
                places[where] = (paragraph, line)
    return places


def _joined(program: list[bytes | int]) -> tuple[bytes | int, ...]:
    """Adjacent fixed operators joined into one piece."""
    out: list[bytes | int] = []
    for item in program:
        if isinstance(item, bytes) and out and isinstance(out[-1], bytes):
            out[-1] = out[-1] + b"\n" + item if item else out[-1]
        elif item != b"":
            out.append(item)
    return tuple(out)


def _fixed(pages: list[PageShape]) -> list[bytes]:
    return [item for page in pages for item in page.program if isinstance(item, bytes)]


def _shape(
    forms: list[bytes],
    painter: drawing.Painter,
    pages: list[PageShape],
    analysis: structure.Analysis,
    kids: dict[int, list[tuple[tuple[int, int, int], Kid]]],
) -> Shape:
    ordered = tuple(
        tuple(kid for _order, kid in sorted(kids.get(node, []), key=lambda k: k[0]))
        for node in range(len(analysis.nodes))
    )
    tops = tuple(
        sorted(
            (node for node, item in enumerate(analysis.nodes) if item.parent < 0),
            key=lambda node: analysis.node_order[node],
        )
    )
    states = drawing.states_dictionary(painter.states, (*forms, *_fixed(pages)))
    digest = hashlib.sha256()
    for part in (*forms, states, repr(pages).encode(), repr((ordered, tops)).encode()):
        digest.update(hashlib.sha256(part).digest())
    return Shape(
        digest.hexdigest(),
        tuple(forms),
        states,
        tuple(pages),
        tuple(node.tag for node in analysis.nodes),
        tuple(node.parent for node in analysis.nodes),
        ordered,
        tops,
    )


def compose(
    live: LiveShape, painter: drawing.Painter, texts: Mapping[str, Sequence[str]]
) -> tuple[Composed, tuple[preflight.Page, ...], tuple[tuple[int, int], ...]] | None:
    """A row's letter in `live`'s shape, its pages as the preflight reads them, and which
    of their lines (page index, line index) were set again with this row's text.

    None where its texts do not fit the shape.
    """
    if any(tuple(texts.get(region, ())) != text for region, text in live.fixed.items()):
        return None  # a region drawn as it is, with other text in this row
    painted: list[bytes | None] = [None] * len(live.slots)
    reread: dict[tuple[int, int], preflight.Line | None] = {}  # (page, line) -> line read again

    def seen(slot_lines: Sequence[int], number: int, box: Any) -> None:
        index = slot_lines[number]
        place = live.places[index]
        if place is not None:
            line = live.read[place[0]].lines[place[1]]
            reread[place] = weasy.reread(line, box, live.lines[index].line_box)

    for region, paragraphs in live.paragraphs.items():
        given = texts.get(region)
        if not given or (len(given) != len(paragraphs) and not region.startswith("@")):
            return None
        for number, slot_lines in enumerate(paragraphs):
            text = given[min(number, len(given) - 1)]
            mine = live.texts.get(region, ())
            if number < len(mine) and mine[number] == text:
                for index in slot_lines:
                    painted[index] = live.slots[index].original
                continue
            lines = [live.lines[index] for index in slot_lines]
            relaid = painter.paragraph(lines, text, functools.partial(seen, slot_lines))
            if relaid is None:
                return None
            for index, ops in zip(slot_lines, relaid, strict=True):
                painted[index] = ops
    pages = preflight.relaid(live.read, reread)
    return (_contents(live, painted), pages, tuple(reread)) if pages is not None else None


def _contents(live: LiveShape, painted: Sequence[bytes | None]) -> Composed:
    """The row's letter: each page's program with its lines painted in."""
    contents = []
    for page in live.shape.pages:
        parts = [
            item if isinstance(item, bytes) else _slot(live.slots[item], painted[item])
            for item in page.program
        ]
        contents.append(zlib.compress(b"\n".join(parts), 6))
    return Composed(live.shape.digest, tuple(contents))


def _slot(slot: Slot, ops: bytes | None) -> bytes:
    assert ops is not None
    return _wrap(slot.tag, slot.mcid, ops)
