"""What each marked line of a laid-out document is: its tag in the structure tree, its region.

The third module that reads WeasyPrint's laid-out boxes (with render/weasy.py and
render/drawing.py), for the fast letter path. The structure tree is made from the HTML
elements in document order, so a screen reader reads the page as it was written (the
sender, the address, then the letter), whatever order the page was painted in. Text in
a margin box (the running header) or in an `aria-hidden` element is an artifact.
A line belongs to a region when an element above it has a `data-varies` attribute, or
when it is in a margin box (the region is named by the margin, e.g. `@top-left`).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from printkit.errors import NotComposable
from printkit.render import drawing, relaying

# HTML elements that make a node of the structure tree, and the PDF tag of that node.
TAGS = {
    "p": "P", "h1": "H1", "h2": "H2", "h3": "H3", "h4": "H4", "h5": "H5", "h6": "H6",
    "address": "Div", "div": "Div", "header": "Div", "footer": "Div", "main": "Part",
    "section": "Sect", "article": "Art", "blockquote": "BlockQuote", "ul": "L", "ol": "L",
    "li": "LI", "pre": "P", "figcaption": "Caption",
}  # fmt: skip
UNSUPPORTED = {"table", "img", "svg", "a", "input", "select", "textarea", "button", "dl"}


@dataclass(frozen=True)
class Node:
    """An element of the structure tree: its tag and its parent's index (-1: the letter)."""

    tag: str
    parent: int


@dataclass(frozen=True)
class Text:
    """One marked line: its node (-1: an artifact) and its place in reading order."""

    node: int
    order: tuple[int, int, int]  # element in document order, page, place on the page
    region: str | None = None
    paragraph: Any = None  # the region's block this line is in (an element, or a margin box)


@dataclass(frozen=True)
class Analysis:
    """The structure tree of a document and, for every mark of every page, what it is."""

    nodes: tuple[Node, ...]
    node_order: tuple[int, ...]  # each node's element in document order
    marks: tuple[tuple[Text | None, ...], ...]  # None: an artifact (a rule, a border)
    lines: dict[tuple[int, int], relaying.Line]  # (page, mark): a line that may be re-laid
    fixed: frozenset[str] = frozenset()  # regions drawn as they are: only their text fits


class _Elements:
    """The document's elements in order, with their parents and structure nodes."""

    def __init__(self, root: Any) -> None:
        self.order = {element: n for n, element in enumerate(root.iter())}
        self.parent = {child: parent for parent in root.iter() for child in parent}
        self.nodes: list[Node] = []
        self.node_order: list[int] = []
        self.by_key: dict[tuple[Any, str], int] = {}

    def ancestors(self, element: Any) -> list[Any]:
        chain = []
        while element is not None:
            chain.append(element)
            element = self.parent.get(element)
        return chain

    def node(self, element: Any, marker: bool) -> int:
        """The structure node that text of `element` belongs to (-1: an artifact)."""
        chain = self.ancestors(element)
        if any(e.get("aria-hidden") == "true" for e in chain):
            return -1
        if any(_local(e.tag) in UNSUPPORTED for e in chain):
            raise NotComposable("tables, pictures, links and forms are not composed")
        parent = -1
        for e in reversed(chain):
            tag = TAGS.get(_local(e.tag))
            if tag is None:
                continue
            parent = self._get(e, tag, parent)
            if tag == "LI":
                parent = self._get(e, "Lbl" if marker else "LBody", parent)
        return parent

    def _get(self, element: Any, tag: str, parent: int) -> int:
        key = (element, tag)
        if key not in self.by_key:
            self.by_key[key] = len(self.nodes)
            self.nodes.append(Node(tag, parent))
            self.node_order.append(self.order[element])
        return self.by_key[key]

    def region(self, element: Any) -> str | None:
        for e in self.ancestors(element):
            if e.get("data-varies"):
                return str(e.get("data-varies"))
        return None


def _local(tag: Any) -> str:
    return str(tag).rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def analyse(
    pages: list[Any], painted: list[drawing.Painted], given: Collection[str] = ()
) -> Analysis:
    """The structure of a laid-out document and what each mark of its painted pages is.

    `given` names the regions whose text is known as plain text. A region of the HTML not
    given (a paragraph holding a writing line), or with a line that cannot be re-laid
    (justified, or beside a writing line), is fixed: its lines are drawn as they are, and
    only a row with the same text in it fits the shape.
    """
    root = relaying.root_element(pages[0])
    elements = _Elements(root)
    marks: list[tuple[Text | None, ...]] = []
    candidates: dict[tuple[int, int], tuple[str, relaying.Line | None]] = {}
    for number, (page, paint) in enumerate(zip(pages, painted, strict=True)):
        found = _lines(page._page_box)
        page_marks: list[Text | None] = []
        for index, mark in enumerate(paint.marks):
            if mark.box is None:
                page_marks.append(None)
                continue
            block, line_box, margin = found[id(mark.box)]
            text = _text(elements, mark.box, block, margin, (number, index))
            page_marks.append(text)
            if text.region is not None:
                room = None if margin is None else relaying.margin_room(page._page_box, margin)
                relaid = relaying.relayable(block, line_box, mark.box, room)
                candidates[(number, index)] = (text.region, relaid)
        marks.append(tuple(page_marks))
    fixed = frozenset(
        region for region, line in candidates.values()
        if line is None or (region not in given and not region.startswith("@"))
    )  # fmt: skip
    lines = {
        where: line for where, (region, line) in candidates.items()
        if line is not None and region not in fixed
    }  # fmt: skip
    return Analysis(tuple(elements.nodes), tuple(elements.node_order), tuple(marks), lines, fixed)


def _text(elements: _Elements, box: Any, block: Any, margin: Any, where: tuple[int, int]) -> Text:
    if margin is not None:
        return Text(-1, (-1, *where), relaying.margin_keyword(margin), margin)
    element = box.element
    marker = str(box.element_tag).endswith("::marker")
    node = elements.node(element, marker)
    order = (elements.node_order[node] if node >= 0 else -1, *where)
    return Text(node, order, elements.region(element), block.element)


def _lines(page_box: Any) -> dict[int, tuple[Any, Any, Any]]:
    """Each text box of a page by id: its block, its line box and its margin box (or None)."""
    return {
        id(text): (block, line, margin)
        for text, block, line, margin in relaying.text_boxes(page_box)
    }
