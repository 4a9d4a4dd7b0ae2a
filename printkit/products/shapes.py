"""A worker's letter shapes: each row composed into a shape it fits, or laid out in full.

A shape is keyed by what decides a letter's layout apart from its regions' text (the
number of address lines, a filled own-words box: LetterTemplate.shape_key). A row is
tried against the shapes of its key; where its text does not fit any of them (a name
that wraps, a fallback font with other line metrics) or WeasyPrint has something to
say about it, the row is laid out in full, and that layout becomes a shape too.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from printkit.products.letter import Fill, LetterTemplate
from printkit.render import compose, drawing, preflight, shapedata
from printkit.render.fetch import capture_warnings
from printkit.render.pdf import Document, Renderer
from printkit.render.preflight import Finding

Said = tuple[tuple[bool, str], ...]  # a layout's warnings, and which ones name the row
KEYS_KEPT = 32  # shape keys a worker remembers (the most recently used)
SHAPES_PER_KEY = 4  # shapes tried for one key before laying a row out in full


@dataclass(frozen=True)
class Row:
    """A row's letter as the batch writes it: its shape, its pages, how it was made."""

    shape: shapedata.Shape
    letter: shapedata.Composed
    full: bool  # laid out in full (the fallback), rather than composed into a known shape
    warnings: tuple[str, ...] = ()
    findings: tuple[Finding, ...] = ()  # the preflight's, on the letter laid out in full


@dataclass
class Shapes:
    """The shapes one worker has made, by key, most recently used last."""

    template: LetterTemplate
    renderer: Renderer
    painter: drawing.Painter = field(default_factory=drawing.Painter)
    known: OrderedDict[tuple[object, ...], list[tuple[compose.LiveShape, Said]]] = field(
        default_factory=OrderedDict
    )

    def row(self, fill: Fill, document: Callable[[], Document], name: str) -> Row:
        """The letter of one row: composed into a shape it fits, or laid out in full.

        A composed row is told what its shape's layout was told (a stylesheet's missing
        image, say), as if it had been laid out itself. Its pages pass the preflight, or
        it is laid out in full, where the preflight's fit steps are tried and a letter
        that still fails has findings (the row becomes a reject).
        """
        texts = self.template.regions(fill)
        key = self.template.shape_key(fill)
        checkpoint = self.painter.checkpoint()
        for live, said in self.known.get(key, []):
            with capture_warnings() as caught:
                composed = compose.compose(live, self.painter, texts)
            # The shape's pages passed: only the lines set again can fail, or overprint.
            if composed and not caught and not preflight.check_changed(*composed[1:]):
                self.known.move_to_end(key)
                warnings = tuple(f"{name}: {text}" if mine else text for mine, text in said)
                return Row(live.shape, composed[0], full=False, warnings=warnings)
        row = self._full(key, texts, document, name)
        if row.findings:  # a reject: what its letter painted is never written
            self.painter.forget_since(checkpoint)
        return row

    def _full(
        self,
        key: tuple[object, ...],
        texts: Mapping[str, tuple[str, ...]],
        document: Callable[[], Document],
        name: str,
    ) -> Row:
        made = document()
        laid = self.renderer.layout(made)
        with capture_warnings():
            live = compose.build(laid.layout, self.painter, texts, made.zones, made.safe)
        composed = compose.compose(live, self.painter, texts)
        assert composed is not None, "a shape always fits the row it was made from"
        row = Row(live.shape, composed[0], True, laid.warnings, laid.findings)
        if laid.findings or any(laid.steps.values()):
            return row  # a shape only for this row: others are laid out at the first step
        prefix = f"{name}: "
        said = tuple(
            (True, text.removeprefix(prefix)) if text.startswith(prefix) else (False, text)
            for text in laid.warnings
        )
        shapes = self.known.setdefault(key, [])
        shapes.insert(0, (live, said))
        del shapes[SHAPES_PER_KEY:]
        self.known.move_to_end(key)
        while len(self.known) > KEYS_KEPT:
            self.known.popitem(last=False)
        return row
