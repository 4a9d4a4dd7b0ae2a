"""One PDF of composed letters, streamed: shared shapes once, each letter's pages and tags.

Each shape's pieces are written the first time a letter uses it, under one resources
dictionary of its own; each font once, at the end. Every letter becomes an `Art`
element of the structure tree, holding its own copy of its shape's elements, so a
screen reader reads each letter whole and in order. Pages hang from page-tree nodes
and the parent tree from leaves of a few hundred pages, written as they fill up.
"""

from __future__ import annotations

import os
from array import array
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import BinaryIO

from printkit.render.fontdata import FontData, font_objects
from printkit.render.pdfout import PdfWriter, dictionary, text_string, xmp
from printkit.render.shapedata import Composed, Shape

PER_NODE = 256  # pages under one page-tree node, and pages in one parent-tree leaf
FORM_BOX = b"[-10000 -10000 10000 10000]"  # a form's pieces lie on its page, in CSS px


@dataclass(frozen=True)
class Finishing:
    """How the whole file is finished: title, language, viewer preferences, PDF/UA-1."""

    title: str
    language: str
    preferences: Mapping[str, str]  # /ViewerPreferences entries, values as PDF names
    ua: bool = True


@dataclass
class _Written:
    resources: int
    first_pages: tuple[int, ...]  # for each node, its first page (index in the letter)


class LetterFile:
    """Letters composed from shapes, appended one by one to a PDF being written."""

    def __init__(self, stream: BinaryIO, fonts: dict[str, FontData] | None = None) -> None:
        """A file on `stream`; `fonts` may be shared with the other files of a run."""
        self.pdf = PdfWriter(stream)
        self.catalog, self.info, self.fonts_number = (self.pdf.allocate() for _ in range(3))
        self.pages_root, self.tree_root, self.document = (self.pdf.allocate() for _ in range(3))
        self.shapes: dict[str, _Written] = {}
        self.fonts: dict[str, FontData] = {} if fonts is None else fonts
        self.articles = array("Q")
        self.page_nodes: list[tuple[int, int]] = []  # page-tree node, pages under it
        self.node_kids: list[int] = []
        self.node = self.pdf.allocate()
        self.leaves: list[tuple[int, int, int]] = []  # leaf, first key, last key
        self.leaf: list[bytes] = []
        self.key = 0
        self.blank = 0

    @property
    def pages(self) -> int:
        return sum(count for _node, count in self.page_nodes) + len(self.node_kids)

    def add_shape(self, shape: Shape) -> None:
        """Write a shape's pieces, unless this file has them already."""
        if shape.digest in self.shapes:
            return
        resources = self.pdf.allocate()
        forms = [self.pdf.allocate() for _ in shape.forms]
        for number, content in zip(forms, shape.forms, strict=True):
            import zlib

            entries = b"/Type/XObject/Subtype/Form/BBox %s/Resources %d 0 R" % (FORM_BOX, resources)
            self.pdf.add_stream(number, entries, zlib.compress(content, 6))
        names = b"".join(b"/S%d %d 0 R" % (index, number) for index, number in enumerate(forms))
        self.pdf.add(
            resources,
            dictionary(
                {
                    "Font": b"%d 0 R" % self.fonts_number,
                    "ExtGState": shape.states,
                    "XObject": b"<<" + names + b">>",
                }
            ),
        )
        self.shapes[shape.digest] = _Written(resources, _first_pages(shape))

    def add_fonts(self, fonts: Iterable[FontData]) -> None:
        """Take in the glyphs some letters used (and any font file not seen before)."""
        for font in fonts:
            if font.hash in self.fonts:
                self.fonts[font.hash].merge(font)
            else:
                self.fonts[font.hash] = font

    def add_letter(self, shape: Shape, letter: Composed, pad_to_even: bool = False) -> int:
        """Append one letter's pages and its structure elements; returns its page count."""
        written = self.shapes[shape.digest]
        art = self.pdf.allocate()
        nodes = [self.pdf.allocate() for _ in shape.tags]
        pages = [self.pdf.allocate() for _ in shape.pages]
        for page, content, number in zip(shape.pages, letter.contents, pages, strict=True):
            self._page(number, page.width, page.height, written.resources, content)
            refs = b" ".join(b"%d 0 R" % nodes[node] for node in page.mcid_nodes)
            self._parent_entry(b"[%s]" % refs)
        for index, tag in enumerate(shape.tags):
            first = written.first_pages[index]
            parent = art if shape.parents[index] < 0 else nodes[shape.parents[index]]
            kids = b" ".join(
                b"%d 0 R" % nodes[kid]
                if isinstance(kid, int)
                else b"%d" % kid[1]
                if kid[0] == first
                else b"<</Type/MCR/Pg %d 0 R/MCID %d>>" % (pages[kid[0]], kid[1])
                for kid in shape.kids[index]
            )
            self.pdf.add(
                nodes[index],
                b"<</Type/StructElem/S/%s/P %d 0 R/Pg %d 0 R/K [%s]>>"
                % (tag.encode(), parent, pages[first], kids),
            )
        tops = b" ".join(b"%d 0 R" % nodes[node] for node in shape.tops)
        self.pdf.add(
            art,
            b"<</Type/StructElem/S/Art/P %d 0 R/Pg %d 0 R/K [%s]>>"
            % (self.document, pages[0], tops),
        )
        self.articles.append(art)
        if pad_to_even and len(pages) % 2:
            self._blank_page(shape.pages[-1].width, shape.pages[-1].height)
            return len(pages) + 1
        return len(pages)

    def _page(
        self, number: int, width: float, height: float, resources: int, content: bytes
    ) -> None:
        contents = self.pdf.allocate()
        self.pdf.add_stream(contents, b"", content)
        self.pdf.add(
            number,
            b"<</Type/Page/Parent %d 0 R/MediaBox [0 0 %s %s]/Contents %d 0 R"
            b"/Resources %d 0 R/StructParents %d/Tabs/S>>"
            % (self.node, _num(width), _num(height), contents, resources, self.key),
        )
        self._kid(number)

    def _blank_page(self, width: float, height: float) -> None:
        if not self.blank:
            self.blank = self.pdf.allocate()
            self.pdf.add_stream(self.blank, b"", b"", deflated=False)
        number = self.pdf.allocate()
        self.pdf.add(
            number,
            b"<</Type/Page/Parent %d 0 R/MediaBox [0 0 %s %s]/Contents %d 0 R"
            b"/Resources <<>>>>" % (self.node, _num(width), _num(height), self.blank),
        )
        self._kid(number)

    def _kid(self, page: int) -> None:
        self.node_kids.append(page)
        if len(self.node_kids) == PER_NODE:
            self._close_node()

    def _close_node(self) -> None:
        kids = b" ".join(b"%d 0 R" % kid for kid in self.node_kids)
        self.pdf.add(
            self.node,
            b"<</Type/Pages/Parent %d 0 R/Kids [%s]/Count %d>>"
            % (self.pages_root, kids, len(self.node_kids)),
        )
        self.page_nodes.append((self.node, len(self.node_kids)))
        self.node_kids = []
        self.node = self.pdf.allocate()

    def _parent_entry(self, entry: bytes) -> None:
        self.leaf.append(b"%d %s" % (self.key, entry))
        self.key += 1
        if len(self.leaf) == PER_NODE:
            self._close_leaf()

    def _close_leaf(self) -> None:
        if not self.leaf:
            return
        number, first = self.pdf.allocate(), self.key - len(self.leaf)
        self.pdf.add(
            number, b"<</Limits [%d %d]/Nums [%s]>>" % (first, self.key - 1, b" ".join(self.leaf))
        )
        self.leaves.append((number, first, self.key - 1))
        self.leaf = []

    def close(self, finishing: Finishing) -> None:
        """Write the fonts, the page and structure trees, the catalog: the file is complete."""
        if self.node_kids or not self.page_nodes:
            self._close_node()
        self._close_leaf()
        objects, fonts = font_objects(self.fonts.values(), self.pdf.allocate)
        for number, body in objects:
            self.pdf._plain(number, body)
        self.pdf.add(self.fonts_number, fonts)
        self._trees()
        self._catalog(finishing)
        self.pdf.finish(self.catalog, self.info, os.urandom(16))

    def _trees(self) -> None:
        kids = b" ".join(b"%d 0 R" % node for node, _count in self.page_nodes)
        self.pdf.add(self.pages_root, b"<</Type/Pages/Kids [%s]/Count %d>>" % (kids, self.pages))
        articles = b" ".join(b"%d 0 R" % art for art in self.articles)
        self.pdf.add(
            self.document,
            b"<</Type/StructElem/S/Document/P %d 0 R/K [%s]>>" % (self.tree_root, articles),
        )
        parent_tree = self.pdf.allocate()
        leaves = b" ".join(b"%d 0 R" % leaf for leaf, _first, _last in self.leaves)
        self.pdf.add(parent_tree, b"<</Kids [%s]>>" % leaves)
        self.pdf.add(
            self.tree_root,
            b"<</Type/StructTreeRoot/K [%d 0 R]/ParentTree %d 0 R"
            b"/ParentTreeNextKey %d>>" % (self.document, parent_tree, self.key),
        )

    def _catalog(self, finishing: Finishing) -> None:
        metadata = self.pdf.allocate()
        self.pdf.add_stream(
            metadata,
            b"/Type/Metadata/Subtype/XML",
            xmp(finishing.title, finishing.language, finishing.ua),
            deflated=False,
        )
        preferences = {
            "DisplayDocTitle": b"true",
            **{k: v.encode() for k, v in finishing.preferences.items()},
        }
        self.pdf.add(
            self.catalog,
            dictionary(
                {
                    "Type": b"/Catalog",
                    "Pages": b"%d 0 R" % self.pages_root,
                    "Lang": text_string(finishing.language),
                    "Metadata": b"%d 0 R" % metadata,
                    "StructTreeRoot": b"%d 0 R" % self.tree_root,
                    "MarkInfo": b"<</Marked true>>",
                    "ViewerPreferences": dictionary(preferences),
                }
            ),
        )
        self.pdf.add(
            self.info,
            dictionary(
                {
                    "Title": text_string(finishing.title),
                    "Producer": text_string("printkit"),
                }
            ),
        )


def _first_pages(shape: Shape) -> tuple[int, ...]:
    """For each node, the page (index in the letter) of the first text it holds."""
    first: dict[int, int] = {}

    def find(node: int) -> int:
        if node not in first:
            pages = [find(kid) if isinstance(kid, int) else kid[0] for kid in shape.kids[node]]
            first[node] = min(pages) if pages else 0
        return first[node]

    return tuple(find(node) for node in range(len(shape.tags)))


def _num(value: float) -> bytes:
    return (b"%.4f" % value).rstrip(b"0").rstrip(b".")
