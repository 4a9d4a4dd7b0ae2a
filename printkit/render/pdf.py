"""HTML to PDF with WeasyPrint: fonts and CSS loaded once, a safe URL fetcher, PDF finishing."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pydyf
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from printkit import containment, languages
from printkit.errors import CampaignError, Problem
from printkit.paper import Box as Rect
from printkit.profiles import CLEAR, Look
from printkit.render import fontcache, preflight, weasy
from printkit.render.fetch import SafeFetcher, capture_warnings
from printkit.render.preflight import Finding
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
    title: str = ""  # also in the HTML; kept here for PDFs joined outside WeasyPrint
    language: str = ""
    notes: tuple[Problem, ...] = ()  # what the product found while making it, as warnings
    # The preflight: where named regions must lie (mm on the page), the margin kept clear
    # inside the sheet (or the trim, for a print shop), and each variable region's fit
    # steps: CSS declarations tried in turn when its text does not fit (render/preflight).
    zones: Mapping[str, Rect] = field(default_factory=dict)
    safe: float = preflight.HOME_SAFE
    fits: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Rendered:
    """A finished PDF: its bytes, its page count, warnings and what the preflight found."""

    data: bytes
    pages: int
    warnings: tuple[str, ...]
    findings: tuple[Finding, ...] = ()


@dataclass(frozen=True)
class Laid:
    """A document laid out into pages and checked, not yet written: several can share a PDF."""

    pages: int
    warnings: tuple[str, ...]
    layout: Any  # WeasyPrint's Document
    findings: tuple[Finding, ...] = ()  # the preflight's, after every fit step was tried
    steps: Mapping[str, int] = field(default_factory=dict)  # the fit step each region took
    read: tuple[preflight.Page, ...] = ()  # each page as the preflight read it from the boxes


def steps_of(document: Document) -> dict[str, int]:
    """Each variable region of `document` and the number of fit steps it has."""
    return {name: len(steps) for name, steps in document.fits.items()}


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
    unpacked = fontcache.unpacked_css(asset_path("fonts")) if name == "fonts.css" else None
    with capture_warnings() as caught:
        if unpacked is None:
            css = CSS(filename=str(path), font_config=font_config(), url_fetcher=_builtin_fetcher())
        else:  # the fonts, decompressed once into the cache folder
            fetcher = SafeFetcher([asset_path("fonts"), fontcache.folder()])
            css = CSS(string=unpacked, base_url=str(path), font_config=font_config(),
                      url_fetcher=fetcher)  # fmt: skip
    if caught:  # a broken built-in stylesheet is our bug, not the user's problem
        raise RuntimeError(f"{name}: {'; '.join(caught)}")
    return css


@functools.cache
def _campaign_css(
    path: Path, roots: tuple[Path, ...]
) -> tuple[CSS, tuple[str, ...], tuple[str, ...]]:
    """A campaign's own stylesheet, parsed once per process: what was wrong, what was refused."""
    fetcher = SafeFetcher(roots)
    with capture_warnings() as caught:
        css = CSS(filename=str(path), font_config=font_config(), url_fetcher=fetcher)
    refused = tuple(f"{path.name}: {reason}" for reason in fetcher.refused)
    warnings = tuple(
        f"{path.name}: {m}" for m in caught if not any(r in m for r in fetcher.refused)
    )
    return css, warnings, refused


def _step_css(fits: Mapping[str, tuple[str, ...]], steps: Mapping[str, int]) -> CSS | None:
    """The declarations of each region's fit step, over the product's own styles."""
    chosen = tuple((name, fits[name][step - 1]) for name, step in sorted(steps.items()) if step)
    return _rules_css(chosen) if chosen else None


@functools.cache
def _rules_css(chosen: tuple[tuple[str, str], ...]) -> CSS:
    """Each step as CSS: declarations for the region, or rules where `&` is the region."""
    rules = []
    for name, step in chosen:
        region = f'[data-region="{name}"]'
        for rule in (step if "{" in step else f"& {{ {step} }}").split("}"):
            selector, _, body = rule.partition("{")
            declarations = [part.strip() for part in body.split(";") if part.strip()]
            if declarations:
                important = "; ".join(f"{part} !important" for part in declarations)
                rules.append(f"{selector.strip().replace('&', region)} {{ {important} }}")
    return CSS(string="\n".join(rules), font_config=font_config())


@functools.cache
def _variables_css(variables: tuple[tuple[str, str], ...]) -> CSS:
    body = "; ".join(f"--{name}: {value}" for name, value in variables)
    return CSS(string=f":root {{ {body} }}", font_config=font_config())


class Renderer:
    """Renders documents for one campaign: its folder, its extra styles, the shared fonts."""

    def __init__(self, campaign_root: Path | None, look: Look = CLEAR) -> None:
        roots = [asset_path(kind) for kind in ("styles", "fonts", "templates", "examples")]
        self.root = campaign_root
        self.look = look
        self.fetcher = SafeFetcher([*roots, *([campaign_root] if campaign_root else [])])
        self.extra_css: list[Path] = []
        if campaign_root is not None:
            self.extra_css, problems = containment.held_files(campaign_root, "styles", "*.css")
            if problems:
                raise CampaignError(problems)

    def stylesheets(self, document: Document) -> tuple[list[CSS], list[str]]:
        """Built-in styles, the profile's, geometry variables, then the campaign's own styles."""
        sheets = [builtin_css("fonts.css"), *(builtin_css(name) for name in document.stylesheets)]
        profile = self.look.spec
        if profile.stylesheet:
            sheets.append(builtin_css(profile.stylesheet))
        variables = {**profile.variables, **document.variables}
        if variables:
            sheets.append(_variables_css(tuple(sorted(variables.items()))))
        warnings: list[str] = []
        refused: list[str] = []
        for path in self.extra_css:
            css, caught, refusals = _campaign_css(path, self.fetcher.roots)
            sheets.append(css)
            warnings.extend(caught)
            refused.extend(refusals)
        _fail_on(refused)
        return sheets, warnings

    def layout(self, document: Document, trials: list[Laid] | None = None) -> Laid:
        """Lay `document` out into checked pages, its variable regions fitted (preflight).

        With `trials`, each layout the fit steps tried is added to it, the last one last.
        """

        def checked(steps: Mapping[str, int]) -> tuple[Laid, list[Finding]]:
            laid, findings = self._checked(document, steps)
            if trials is not None:
                trials.append(dataclasses.replace(laid, findings=tuple(findings), steps=steps))
            return laid, findings

        laid, findings, steps = preflight.fitted(checked, steps_of(document))
        return dataclasses.replace(laid, findings=tuple(findings), steps=steps)

    def _checked(self, document: Document, steps: Mapping[str, int]) -> tuple[Laid, list[Finding]]:
        """One layout with the fit steps given, and the preflight's findings on it."""
        laid = self.layout_once(document, _step_css(document.fits, steps))
        pages = tuple(
            weasy.read_page(page, number, document.zones, document.safe)
            for number, page in enumerate(laid.layout.pages, start=1)
        )
        return dataclasses.replace(laid, read=pages), preflight.check_all(pages)

    def layout_once(self, document: Document, extra: CSS | None = None) -> Laid:
        """Lay `document` out into pages, unchecked, with warnings instead of log lines."""
        sheets, warnings = self.stylesheets(document)
        base_url = str(self.root or asset_path("templates")) + "/"
        self.fetcher.refused.clear()
        with capture_warnings() as caught:
            html = HTML(string=document.html, base_url=base_url, url_fetcher=self.fetcher)
            laid = html.render(stylesheets=[*sheets, *([extra] if extra else [])],
                               font_config=font_config())  # fmt: skip
        _fail_on([f"{document.name}: {reason}" for reason in self.fetcher.refused])
        warnings.extend(
            f"{document.name}: {message}"
            for message in caught
            if not any(reason in message for reason in self.fetcher.refused)
        )
        return Laid(len(laid.pages), tuple(warnings), laid)

    def render(self, document: Document) -> Rendered:
        """The PDF of `document`, with what the preflight found on its pages."""
        laid = self.layout(document)
        data = join([laid], document, look=self.look)
        return Rendered(data, laid.pages, laid.warnings, laid.findings)


def _fail_on(refused: Sequence[str]) -> None:
    """A CampaignError for the files and addresses the fetcher refused, if it refused any."""
    if refused:
        hint = "copy what the campaign uses into its folder; printkit prints from there alone"
        raise CampaignError([Problem(reason, hint=hint) for reason in dict.fromkeys(refused)])


def join(
    laid: Sequence[Laid],
    finishing: Document,
    pad_to_even: bool = False,
    look: Look = CLEAR,
) -> bytes:
    """One tagged PDF of several laid-out documents, in order, fonts shared.

    With `pad_to_even`, a blank page follows any document with an odd page count, so
    each one starts on the front of a sheet when printed double-sided. `look` gives the
    PDF variant (PDF/UA-1) and, from its language, the page direction.
    """
    pages = []
    for item in laid:
        pages.extend(item.layout.pages)
        if pad_to_even and item.pages % 2:
            pages.append(_blank_page())
    combined = laid[0].layout.copy(pages)
    variant = {"pdf_variant": look.pdf_variant} if look.pdf_variant else {}
    with capture_warnings():
        data: bytes = combined.write_pdf(
            finisher=functools.partial(_finish, finishing, look), pdf_tags=True, **variant
        )
    return data


@functools.cache
def _blank_page() -> Any:
    """An empty A4 page, laid out once per process, for duplex padding."""
    css = CSS(string="@page { size: A4; margin: 0 }", font_config=font_config())
    return HTML(string="<!DOCTYPE html><title>blank</title>").render(stylesheets=[css]).pages[0]


def viewer_preferences(document: Document, look: Look = CLEAR) -> dict[str, str]:
    """The PDF's /ViewerPreferences: print at actual size, the duplex mode, the page direction."""
    preferences = {}
    if languages.direction(look.lang or document.language) == "rtl":
        preferences["Direction"] = "/R2L"  # pages follow one another right to left
    if document.actual_size:
        preferences["PrintScaling"] = "/None"
    if document.duplex:
        preferences["Duplex"] = DUPLEX_MODES[document.duplex]
    return preferences


def _finish(document: Document, look: Look, _rendered: Any, pdf: Any) -> None:
    """Add our viewer preferences to those WeasyPrint set (a tagged PDF shows its title)."""
    preferences = viewer_preferences(document, look)
    if preferences:
        existing = dict(pdf.catalog.get("ViewerPreferences") or {})
        pdf.catalog["ViewerPreferences"] = pydyf.Dictionary({**existing, **preferences})
