"""HTML to PDF with WeasyPrint: fonts and CSS loaded once, a safe URL fetcher, PDF finishing."""

from __future__ import annotations

import contextlib
import functools
import logging
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

import pydyf
from weasyprint import CSS, HTML
from weasyprint.formatting_structure import boxes
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from printkit.files import atomic_path
from printkit.resources import asset_path

# The PDF's /ViewerPreferences /Duplex names, by how the sheet turns over.
DUPLEX_MODES = {"long-edge": "/DuplexFlipLongEdge", "short-edge": "/DuplexFlipShortEdge"}


@dataclass(frozen=True)
class Document:
    """What to render: HTML, the built-in stylesheets it uses, and how the PDF is finished."""

    html: str
    stylesheets: tuple[str, ...]
    variables: Mapping[str, str] = field(default_factory=dict)  # CSS custom properties
    actual_size: bool = False  # ask viewers to print at 100%, never "fit to page"
    duplex: str | None = None  # "long-edge" | "short-edge"
    name: str = "document"  # shown in warnings


@dataclass(frozen=True)
class Rendered:
    """A finished PDF: its bytes, its page count and what WeasyPrint warned about."""

    data: bytes
    pages: int
    warnings: tuple[str, ...]
    overflows: tuple[str, ...] = ()  # regions marked `data-fit` whose content does not fit


class SafeFetcher(URLFetcher):  # type: ignore[misc]
    """Fetches only files inside the allowed folders and `data:` URLs; refuses the network."""

    def __init__(self, roots: Sequence[Path]) -> None:
        super().__init__(allowed_protocols={"file", "data"})
        self.roots = tuple(root.resolve() for root in roots)

    def fetch(self, url: str, headers: Any = None) -> Any:
        scheme = urlparse(url).scheme.lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme != "file":
            raise ValueError(
                f"refused {url}: printkit never fetches from the network while printing"
            )
        path = Path(unquote(urlparse(url).path)).resolve()
        if not any(path.is_relative_to(root) for root in self.roots):
            raise ValueError(f"refused {url}: only files inside the campaign folder can be used")
        return super().fetch(url, headers)


@functools.cache
def font_config() -> FontConfiguration:
    """The one font configuration of this process."""
    return FontConfiguration()


@functools.cache
def _builtin_fetcher() -> SafeFetcher:
    return SafeFetcher([asset_path("styles"), asset_path("fonts")])


@functools.cache
def builtin_css(name: str) -> CSS:
    """A built-in stylesheet (or the bundled fonts), parsed once per process."""
    path = asset_path("fonts") / name if name == "fonts.css" else asset_path("styles") / name
    with capture_warnings() as caught:
        css = CSS(filename=str(path), font_config=font_config(), url_fetcher=_builtin_fetcher())
    if caught:  # a broken built-in stylesheet is our bug, not the user's problem
        raise RuntimeError(f"{name}: {'; '.join(caught)}")
    return css


@functools.cache
def _campaign_css(path: Path, roots: tuple[Path, ...]) -> tuple[CSS, tuple[str, ...]]:
    """A campaign's own stylesheet, parsed once per process, with what was wrong in it."""
    with capture_warnings() as caught:
        css = CSS(filename=str(path), font_config=font_config(), url_fetcher=SafeFetcher(roots))
    return css, tuple(f"{path.name}: {message}" for message in caught)


@functools.cache
def _variables_css(variables: tuple[tuple[str, str], ...]) -> CSS:
    body = "; ".join(f"--{name}: {value}" for name, value in variables)
    return CSS(string=f":root {{ {body} }}", font_config=font_config())


class Renderer:
    """Renders documents for one campaign: its folder, its extra styles, the shared fonts."""

    def __init__(self, campaign_root: Path | None) -> None:
        roots = [asset_path(kind) for kind in ("styles", "fonts", "templates", "examples")]
        self.root = campaign_root
        self.fetcher = SafeFetcher([*roots, *([campaign_root] if campaign_root else [])])
        self.extra_css = sorted((campaign_root / "styles").glob("*.css")) if campaign_root else []

    def stylesheets(self, document: Document) -> tuple[list[CSS], list[str]]:
        """Built-in styles, then geometry variables, then the campaign's own styles."""
        sheets = [builtin_css("fonts.css"), *(builtin_css(name) for name in document.stylesheets)]
        if document.variables:
            sheets.append(_variables_css(tuple(sorted(document.variables.items()))))
        warnings: list[str] = []
        for path in self.extra_css:
            css, caught = _campaign_css(path, self.fetcher.roots)
            sheets.append(css)
            warnings.extend(caught)
        return sheets, warnings

    def render(self, document: Document) -> Rendered:
        """The PDF of `document`, with warnings instead of log lines."""
        sheets, warnings = self.stylesheets(document)
        base_url = str(self.root or asset_path("templates")) + "/"
        with capture_warnings() as caught:
            html = HTML(string=document.html, base_url=base_url, url_fetcher=self.fetcher)
            rendered = html.render(stylesheets=sheets, font_config=font_config())
            overflows = _overflows(rendered)  # before writing, which changes the boxes
            data = rendered.write_pdf(finisher=functools.partial(_finish, document), pdf_tags=True)
        warnings.extend(f"{document.name}: {message}" for message in caught)
        return Rendered(data, len(rendered.pages), tuple(warnings), overflows)

    def write(self, document: Document, target: Path) -> Rendered:
        """Render `document` into `target`, atomically."""
        result = self.render(document)
        with atomic_path(target) as temporary:
            temporary.write_bytes(result.data)
        return result


def _finish(document: Document, _rendered: Any, pdf: Any) -> None:
    """Viewer preferences: print at actual size, and the duplex mode where there is one."""
    preferences = {}
    if document.actual_size:
        preferences["PrintScaling"] = "/None"
    if document.duplex:
        preferences["Duplex"] = DUPLEX_MODES[document.duplex]
    if preferences:
        pdf.catalog["ViewerPreferences"] = pydyf.Dictionary(preferences)


def _overflows(rendered: Any) -> tuple[str, ...]:
    """Each `data-fit` region whose content runs past its bottom or right edge, by how much."""
    worst: dict[str, float] = {}
    for page in rendered.pages:
        for box in page._page_box.descendants(placeholders=True):
            element = getattr(box, "element", None)
            if element is None or box.element_tag != element.tag:
                continue
            name = element.get("data-fit")
            if not name:
                continue
            right = box.content_box_x() + box.width
            bottom = box.content_box_y() + box.height
            for inner in box.descendants(placeholders=True):
                if not isinstance(inner, (boxes.TextBox, boxes.ReplacedBox)):
                    continue  # backgrounds may bleed; only words and pictures must fit
                down = inner.border_box_y() + inner.border_height() - bottom
                across = inner.border_box_x() + inner.border_width() - right
                for key, over in ((f"{name}: too long", down), (f"{name}: too wide", across)):
                    if over > 0.5:  # CSS px; rounding stays below this
                        worst[key] = max(worst.get(key, 0.0), over)
    return tuple(f"{key} by {over * 25.4 / 96:.0f} mm" for key, over in worst.items())


class _Collector(logging.Handler):
    def __init__(self, sink: list[str]) -> None:
        super().__init__(logging.WARNING)
        self.sink = sink

    def emit(self, record: logging.LogRecord) -> None:
        self.sink.append(record.getMessage())


@contextlib.contextmanager
def capture_warnings() -> Iterator[list[str]]:
    """Collect what WeasyPrint logs (bad CSS, refused or missing files) while rendering."""
    caught: list[str] = []
    handler = _Collector(caught)
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        yield caught
    finally:
        logger.removeHandler(handler)
