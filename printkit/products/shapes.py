"""A worker's letter shapes: each row composed into a shape it fits, or laid out in full.

A shape is keyed by what decides a letter's layout apart from its regions' text (the
number of address lines, a filled own-words box: LetterTemplate.shape_key). A row is
tried against the shapes of its key; where its text does not fit any of them (a name
that wraps, a fallback font with other line metrics) or WeasyPrint has something to
say about it, the row is laid out in full, and that layout becomes a shape too.

A letter the preflight's fit policy had to step down (a long council address set smaller
in the window) keeps every layout the policy tried: a row goes through them as its own
layout would, composed into each and checked, and ends in the one it passes.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from printkit.products.letter import Fill, LetterTemplate
from printkit.render import compose, drawing, preflight, shapedata
from printkit.render.fetch import capture_warnings
from printkit.render.pdf import Document, Laid, Renderer, steps_of
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


@dataclass(frozen=True)
class _Trial:
    """One layout the fit policy tried for a shape, at its steps; `passed`: its row passed."""

    steps: Mapping[str, int]
    live: compose.LiveShape
    passed: bool


@dataclass(frozen=True)
class _Chain:
    """A shape's layouts in the order the fit policy tried them; the last one passed."""

    trials: tuple[_Trial, ...]
    steps_of: Mapping[str, int]  # each variable region's number of steps
    said: Said


@dataclass
class Shapes:
    """The shapes one worker has made, by key, most recently used last."""

    template: LetterTemplate
    renderer: Renderer
    painter: drawing.Painter = field(default_factory=drawing.Painter)
    known: OrderedDict[tuple[object, ...], list[_Chain]] = field(default_factory=OrderedDict)

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
        for chain in self.known.get(key, []):
            found = self._through(chain, texts)
            if found is not None:
                self.known.move_to_end(key)
                said = tuple(f"{name}: {text}" if mine else text for mine, text in chain.said)
                return Row(found[0].shape, found[1], full=False, warnings=said)
        row = self._full(key, texts, document, name)
        if row.findings:  # a reject: what its letter painted is never written
            self.painter.forget_since(checkpoint)
        return row

    def _through(
        self, chain: _Chain, texts: Mapping[str, tuple[str, ...]]
    ) -> tuple[compose.LiveShape, shapedata.Composed] | None:
        """The row composed as the fit policy would lay it out: at each step its findings
        say which regions go a step further, until it passes. None where it leaves the
        chain (other steps, a text that does not fit, a warning): it is laid out in full.
        """
        steps: Mapping[str, int] | None = {}
        for trial in chain.trials:
            if steps != trial.steps:
                return None
            with capture_warnings() as caught:
                composed = compose.compose(trial.live, self.painter, texts)
            if composed is None or caught:
                return None
            # A layout whose own row passed: only the lines set again can fail, or overprint.
            pages, changed = composed[1:]
            passed = trial.passed and not preflight.check_changed(pages, changed)
            findings = [] if passed else preflight.check_all(pages)
            if not findings:
                return trial.live, composed[0]
            steps = preflight.further(findings, trial.steps, chain.steps_of)
        return None

    def _full(
        self,
        key: tuple[object, ...],
        texts: Mapping[str, tuple[str, ...]],
        document: Callable[[], Document],
        name: str,
    ) -> Row:
        made, trials = document(), list[Laid]()
        laid = self.renderer.layout(made, trials)
        tried = trials if not laid.findings else trials[-1:]  # a reject's is never a shape
        with capture_warnings():
            lives = [compose.build(t.layout, self.painter, texts, made.zones, made.safe)
                     for t in tried]  # fmt: skip
        composed = compose.compose(lives[-1], self.painter, texts)
        assert composed is not None, "a shape always fits the row it was made from"
        row = Row(lives[-1].shape, composed[0], True, laid.warnings, laid.findings)
        if laid.findings:
            return row
        prefix = f"{name}: "
        said = tuple(
            (True, text.removeprefix(prefix)) if text.startswith(prefix) else (False, text)
            for text in laid.warnings
        )
        passed = [not t.findings for t in tried]
        chain = _Chain(
            tuple(
                _Trial(t.steps, live, ok) for t, live, ok in zip(tried, lives, passed, strict=True)
            ),
            steps_of(made),
            said,
        )
        shapes = self.known.setdefault(key, [])
        shapes.insert(0, chain)
        del shapes[SHAPES_PER_KEY:]
        self.known.move_to_end(key)
        while len(self.known) > KEYS_KEPT:
            self.known.popitem(last=False)
        return row
