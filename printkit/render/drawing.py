"""WeasyPrint's painting, taken apart for the fast letter path (the other internals module).

Like render/weasy.py, this module reaches into WeasyPrint's private parts, here its
drawing: it paints a laid-out page into content-stream operators while recording each
marked-content sequence (a line of text, or an artifact such as a rule), and it lays
out and paints a single line of text again with another text in the style, width and
place of a line of a laid-out page. Everything it returns is plain data (bytes,
numbers, names), so that render/compose.py can share and assemble it without WeasyPrint.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import pydyf
from weasyprint.draw import draw_page
from weasyprint.draw.text import draw_text
from weasyprint.formatting_structure import boxes
from weasyprint.pdf.stream import Stream
from weasyprint.text.ffi import FROM_UNITS, pango
from weasyprint.text.line_break import create_layout, line_size, split_first_line, strut

from printkit.errors import NotComposable
from printkit.render.relaying import TOLERANCE, Line

SCALE = 0.75  # PDF points per CSS pixel
LAYOUTS_KEPT = 512  # one per style of a line that varies, in the shapes a worker keeps
Seen = Callable[[Any], None]  # shown a re-laid line's text box as soon as it is painted
Checkpoint = dict[str, tuple[int, int, int]]  # by font: glyphs in its widths, map, missing


@dataclass(frozen=True)
class Mark:
    """A marked-content sequence of a painted page: operators [start, end), its text box."""

    start: int
    end: int
    box: Any  # the TextBox of a line, or None for an artifact


class _Recorder(Stream):  # type: ignore[misc]
    """A WeasyPrint stream that records its marked sequences and never lets state leak.

    WeasyPrint skips setting a colour or font that is already set; once sequences are
    cut apart into shared pieces that no longer holds, so each sequence sets its own.
    """

    def __init__(self, fonts: dict[str, Any], states: dict[str, Any], rectangle: Any) -> None:
        resources = {"ExtGState": states, "XObject": {}, "Pattern": {}, "Shading": {}}
        super().__init__(fonts, rectangle, resources, {}, {}, {}, None, compress=False)
        self.marks: list[Mark] = []
        self.depth = 0

    def _forget(self) -> None:
        self._current_color = self._current_color_stroke = None
        self._current_alpha = self._current_alpha_stroke = None
        self._current_font = self._old_font = None

    @contextlib.contextmanager
    def _recorded(self, box: Any, inner: Any) -> Iterator[None]:
        start, self.depth = len(self.stream), self.depth + 1
        with inner:
            self._forget()
            yield
        self._forget()
        self.depth -= 1
        if not self.depth:
            self.marks.append(Mark(start, len(self.stream), box))

    def marked(self, box: Any, tag: str) -> Any:
        if not isinstance(box, boxes.TextBox):
            raise NotComposable("pictures are not composed")
        self._tags.pop(box, None)  # one box may be painted again (a re-laid line)
        return self._recorded(box, super().marked(box, tag))

    def artifact(self) -> Any:
        return self._recorded(None, super().artifact())

    def add_group(self, *args: Any) -> Any:
        raise NotComposable("transparency groups are not composed")

    def add_image(self, *args: Any) -> Any:
        raise NotComposable("images are not composed")

    def add_pattern(self, *args: Any) -> Any:
        raise NotComposable("patterns are not composed")

    def add_shading(self, *args: Any) -> Any:
        raise NotComposable("gradients are not composed")

    def operators(self, start: int = 0, end: int | None = None) -> list[bytes]:
        """The recorded operators as bytes."""
        return [pydyf._to_bytes(item) for item in self.stream[start:end]]


@dataclass
class Painted:
    """A page painted into operators, with its marked sequences in painting order."""

    operators: list[bytes]
    marks: list[Mark]
    width: float  # PDF points
    height: float


def _keep(*_args: Any) -> None:
    """Stands in for a layout's reactivate() and deactivate(): the layout stays as it is."""


class _Context:
    """The part of WeasyPrint's layout context that breaking a line uses: hyphenation."""

    def __init__(self) -> None:
        self.dictionaries: dict[Any, Any] = {}


@dataclass
class Painter:
    """Paints pages and lines for one PDF: the fonts and graphic states they share."""

    fonts: dict[str, Any] = field(default_factory=dict)  # WeasyPrint's Font, by name
    states: dict[str, Any] = field(default_factory=dict)  # ExtGState dictionaries, by name
    context: Any = field(default_factory=lambda: _Context())  # what line breaking asks of layout
    _lines: Any = None  # the stream lines are painted into, one at a time
    _layouts: dict[tuple[int, float], tuple[Any, Any]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._lines = _Recorder(self.fonts, self.states, None)

    def page(self, page: Any) -> Painted:
        """Paint one laid-out page of a WeasyPrint document."""
        if page.links or any(page.forms.values()):
            raise NotComposable("links and form fields are not composed")
        box = page._page_box
        width, height = page.width * SCALE, page.height * SCALE
        if any(page.bleed.values()):
            raise NotComposable("bleed is not composed")
        stream = _Recorder(self.fonts, self.states, (0, 0, page.width, page.height))
        stream.transform(d=-1, f=height)
        with stream.stacked():
            stream.transform(a=SCALE, d=SCALE)
            draw_page(box, stream)
        return Painted(stream.operators(), stream.marks, width, height)

    def checkpoint(self) -> Checkpoint:
        """How many glyphs each font has recorded so far (see forget_since)."""
        return {
            key: (len(font.widths), len(font.to_unicode), len(font.missing))
            for key, font in self.fonts.items()
        }

    def forget_since(self, checkpoint: Checkpoint) -> None:
        """Forget the fonts and glyphs recorded since `checkpoint` (a row that is rejected).

        Its glyphs are never drawn in the file, so they must not be embedded either: a
        character no font has would be mapped to a glyph the font does not hold.
        """
        for key in [key for key in self.fonts if key not in checkpoint]:
            del self.fonts[key]
        for key, sizes in checkpoint.items():
            font = self.fonts[key]
            tables = (font.widths, font.to_unicode, font.missing)
            for table, size in zip(tables, sizes, strict=True):
                for glyph in list(table)[size:]:
                    del table[glyph]

    def line(self, line: Line, text: str, seen: Seen | None = None) -> bytes | None:
        """The operators of `line` painted with `text` instead, or None if it would not fit.

        `seen` is shown the new text box as soon as it is painted (its layout is re-used
        for the next line of its style).
        """
        box = line.box
        measured = self._one_line(text, box.style, line.available)
        if measured is None:
            return None
        layout, width, height, baseline = measured
        if abs(height - box.height) > TOLERANCE:
            return None
        half_leading = (strut(box.style)[0] - height) / 2
        if abs(baseline + half_leading - box.baseline) > TOLERANCE:
            return None
        new = box.copy_with_text(layout.text)
        new.width, new.height, new.pango_layout = width, height, layout
        new.margin_top = new.margin_bottom = half_leading
        new.baseline = baseline + half_leading
        new.position_x = box.position_x + line.align * (box.width - width)
        stream = self._lines
        start = len(stream.stream)
        with stream.marked(new, "Span"):
            draw_text(stream, new, line.offset, line.overflow, line.ellipsis)
        if seen is not None:
            seen(new)
        ops = stream.operators(start + 3, -1)  # without BDC and EMC
        del stream.stream[start:]
        stream.marks.clear()
        stream._tags.clear()
        return b"\n".join(ops)

    def _one_line(self, text: str, style: Any, available: float) -> tuple[Any, ...] | None:
        """A layout of `text` that fits on one line, its width, height and baseline, or None.

        What split_first_line does for a line that fits, with one layout per style kept
        and given each new text: making a layout costs as much as laying the text out,
        and WeasyPrint would make it again to paint the line.
        """
        key = (id(style), available)
        if key not in self._layouts:
            if len(self._layouts) >= LAYOUTS_KEPT:
                self._layouts.clear()  # styles of shapes long gone
            layout = create_layout(text, style, self.context, available, 0)
            pango.pango_layout_set_single_paragraph_mode(layout.layout, True)  # as painted
            layout.reactivate = layout.deactivate = _keep
            self._layouts[key] = (style, layout)
        layout = self._layouts[key][1]
        layout.set_text(text)
        first_line, resume = layout.get_first_line()
        width, height = line_size(first_line, style)
        if resume is not None or width > available:
            return None
        baseline = pango.pango_layout_get_baseline(layout.layout) * FROM_UNITS
        return layout, width, height, baseline

    def paragraph(
        self, lines: Sequence[Line], text: str, seen: Callable[[int, Any], None]
    ) -> list[bytes] | None:
        """`text` laid into exactly as many lines as `lines`, painted in their places.

        `seen(number, box)` is shown each line's new text box as it is painted.
        """
        painted: list[bytes] = []
        rest = text
        for number, line in enumerate(lines):
            shown = functools.partial(seen, number)
            if number == len(lines) - 1:
                last = self.line(line, rest, shown)
                return None if last is None else [*painted, last]
            box = line.box
            _layout, length, resume, *_ = split_first_line(
                rest, box.style, self.context, line.available, 0, True
            )
            if resume is None:
                return None  # fewer lines than the shape has
            encoded = rest.encode()
            ops = self.line(line, encoded[:length].decode().rstrip(" "), shown)
            if ops is None:
                return None
            painted.append(ops)
            rest = encoded[resume:].decode().lstrip(" ")
        return None


def states_dictionary(states: dict[str, Any], operators: Sequence[bytes]) -> bytes:
    """The ExtGState resources that `operators` use, as a PDF dictionary."""
    used = {name for name in states if any(b"/%s gs" % name.encode() in ops for ops in operators)}
    return bytes(pydyf.Dictionary({name: states[name] for name in sorted(used)}).data)
