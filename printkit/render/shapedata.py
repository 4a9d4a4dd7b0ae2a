"""The fast path's plain data: a letter's shape, and a row's letter composed into one.

Workers make them (render/compose.py) and send them to the process that writes the
file (render/letterfile.py); they hold bytes and numbers only.
"""

from __future__ import annotations

from dataclasses import dataclass

Kid = int | tuple[int, int]  # a node's child: another node, or (page, MCID) of its own text


@dataclass(frozen=True)
class PageShape:
    """One page of a shape: its size, how its content is assembled, and its MCIDs' nodes."""

    width: float
    height: float
    program: tuple[bytes | int, ...]  # fixed operators, or the index of a varying line
    mcid_nodes: tuple[int, ...]  # node of each MCID on this page, in order


@dataclass(frozen=True)
class Shape:
    """The shared part of a letter's layout: pieces, pages, and the structure tree."""

    digest: str  # the same layout in any process gives the same digest
    forms: tuple[bytes, ...]  # content of each Form XObject, named /S0, /S1, ...
    states: bytes  # the ExtGState resources dictionary
    pages: tuple[PageShape, ...]
    tags: tuple[str, ...]  # each node's tag
    parents: tuple[int, ...]  # each node's parent (-1: the letter itself)
    kids: tuple[tuple[Kid, ...], ...]  # each node's children in reading order
    tops: tuple[int, ...]  # the nodes whose parent is the letter, in reading order


@dataclass(frozen=True)
class Composed:
    """One row's letter in a shape: the shape's digest and each page's compressed content."""

    digest: str
    contents: tuple[bytes, ...]
