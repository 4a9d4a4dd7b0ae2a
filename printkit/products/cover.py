"""The cover sheet before each recipient's bundle of letters: who, how many, from whom."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from printkit.campaign.model import Campaign
from printkit.mail.outcomes import Addressed
from printkit.render import templating
from printkit.render.pdf import Document

STYLESHEETS = ("base.css", "cover.css")


@dataclass(frozen=True)
class Cover:
    """One recipient's bundle: their address block, and each constituent's name and postcode."""

    recipient_lines: tuple[str, ...]
    people: tuple[tuple[str, str], ...]

    @property
    def recipient(self) -> str:
        return self.recipient_lines[0] if self.recipient_lines else ""


def cover_for(letters: Sequence[Addressed]) -> Cover:
    """The cover sheet of a bundle of letters to one recipient."""
    people = tuple((letter.sender.name, letter.sender.postcode) for letter in letters)
    return Cover(letters[0].recipient_lines, people)


def document(campaign: Campaign, cover: Cover) -> Document:
    """The cover sheet as a Document (A4, as many pages as the list of names needs)."""
    title = f"{campaign.title}: letters for {cover.recipient}"
    html = templating.render(
        campaign.root,
        "cover.html",
        language=campaign.language,
        document_title=title,
        author=campaign.organisation.name,
        campaign_title=campaign.title,
        recipient_lines=cover.recipient_lines,
        count=len(cover.people),
        people=cover.people,
    )
    return Document(html=html, stylesheets=STYLESHEETS, name=f"cover sheet for "
                    f"{cover.recipient}", title=title, language=campaign.language)  # fmt: skip
