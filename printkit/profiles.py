"""Print profiles (clear, large, dyslexia) and the Look a product is made with: data, not code."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Profile:
    """A reading profile: CSS variables for the shared styles and one stylesheet of its own."""

    name: str
    guidance: str  # whose guidance it follows, for help texts and the README
    smallest: float  # pt: no text is smaller, except the captions named in CAPTIONS
    variables: Mapping[str, str] = field(default_factory=dict)
    stylesheet: str | None = None  # loaded after the product's own styles
    # The recipient's block in an envelope window: the type sizes tried, largest first, and
    # the line height; a personalised letter's address is checked against these.
    window_sizes: tuple[float, ...] = (11, 10)
    window_line_height: float = 1.4

    @property
    def body_size(self) -> float:
        """The body text's size in pt (the `body-size` variable; 12 pt by default)."""
        return float(self.variables.get("body-size", "12pt").removesuffix("pt"))


# Small print that clear print allows below 12 pt: the labels under
# writing lines, "tick if yes" under a consent heading, and the address in an envelope
# window, which Royal Mail reads rather than the supporter.
CAPTIONS = {"writing-line label": 7.5, "consent hint": 10.0, "window address": 10.0}

PROFILES: dict[str, Profile] = {
    profile.name: profile
    for profile in (
        Profile(
            "clear",
            "RNIB clear print: body 12 pt or more, left-aligned, no italics, strong contrast",
            smallest=12,
        ),
        Profile(
            "large",
            "UKAAF large print: 18 pt body, nothing under 16 pt, generous line spacing",
            smallest=16,
            variables={"body-size": "18pt", "line-height": "1.5", "caption-size": "16pt"},
            stylesheet="profile-large.css",
            # Royal Mail reads the window, not the supporter: a long address steps down.
            window_sizes=(16, 14, 12, 11, 10),
            window_line_height=1.15,  # .recipient in profile-large.css
        ),
        Profile(
            "dyslexia",
            "British Dyslexia Association style guide: cream page, 1.5 line spacing, short lines",
            smallest=12,
            variables={
                "line-height": "1.5",
                "page-tint": "#fbf5e2",
                "letter-spacing": "0.02em",
                "word-spacing": "0.16em",
            },
            stylesheet="profile-dyslexia.css",
        ),
    )
}
DEFAULT_PROFILE = "clear"
PDF_VARIANTS = ("pdf/ua-1", "tagged")  # tagged: a tagged PDF 1.7 that claims no standard
DEFAULT_VARIANT = "pdf/ua-1"  # it costs nothing measurable (benchmarks/variants.py)


@dataclass(frozen=True)
class Look:
    """How a product is made for its readers: the profile, the language(s) and the PDF variant."""

    profile: str = DEFAULT_PROFILE
    lang: str | None = None  # "cy", or "cy+en" for a bilingual leaflet; None: the campaign's own
    pdf_variant: str | None = DEFAULT_VARIANT  # None: a tagged PDF 1.7

    @property
    def spec(self) -> Profile:
        return PROFILES[self.profile]


CLEAR = Look()
