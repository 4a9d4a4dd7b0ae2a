"""What the preflight found, as problems: the campaign's (file and line) or a row's (a reject)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from printkit import postal
from printkit.campaign.model import Campaign
from printkit.errors import CampaignError, Location, Problem
from printkit.mail.outcomes import Sender
from printkit.names import fold
from printkit.products import letter as letter_product
from printkit.profiles import Look
from printkit.render.fonts import package_for
from printkit.render.pdf import Renderer
from printkit.render.preflight import MISSING, Finding

# What a user can do about each kind of finding in the campaign's own text.
HINTS = {
    MISSING: "install a font that has it (on Debian or Ubuntu: apt install {package}) "
    "or change the text",
    "window block": "shorten the address in letter.recipient_address (a DL window holds 6 "
    "lines at 10 pt in clear print, 4 in large print), or use window: none and print "
    "envelopes or labels",
}
DEFAULT_HINT = "shorten the text, or choose a larger size"


def locate(campaign: Campaign, key: str | None, text: str = "") -> Location:
    """Where a campaign key's text is written: its line in the letter file, or in the YAML."""
    if key == "letter.text" and campaign.letter.source != campaign.source:
        line = _line_of(campaign.letter.source, text)
        return Location(campaign.letter.source, line)
    return campaign.where(key) if key else Location(campaign.translation or campaign.source)


def _line_of(path: Path, text: str) -> int | None:
    """The first line of `path` holding the start of `text` (its first few words)."""
    words = " ".join(text.replace("…", " ").split()[:4])
    if not words:
        return None
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except OSError:
        return None
    for number, line in enumerate(lines, start=1):
        if words in " ".join(line.split()):
            return number
    return None


def hint(finding: Finding) -> str:
    """How to fix a finding in the campaign's text."""
    if finding.kind == MISSING:
        packages = " ".join(sorted({package_for(c) for c in finding.chars}))
        return HINTS[MISSING].format(package=packages)
    return HINTS.get(finding.region or "", DEFAULT_HINT)


def campaign_problems(
    campaign: Campaign,
    product: str,
    findings: Iterable[Finding],
    sources: Mapping[str, str | None],
) -> list[Problem]:
    """Each finding on a product made from the campaign alone, at the text it comes from."""
    problems = []
    for finding in findings:
        key = next((sources[n] for n in reversed(finding.held) if sources.get(n)), None)
        page = f", page {finding.page}" if finding.page > 1 else ""
        problems.append(
            Problem(
                f"{product}{page}: {finding.message()}",
                locate(campaign, key, finding.text),
                hint(finding),
            )
        )
    return problems


def row_reason(finding: Finding) -> str:
    """A row's reject reason: what does not fit where and by how much, or the glyph."""
    if finding.kind != MISSING:
        return finding.message()
    packages = " ".join(sorted({package_for(c) for c in finding.chars}))
    return f"{finding.message()}; a font that draws it: apt install {packages}"


SAMPLE = "A"  # the shortest value: what fails with it is the campaign's, not a row's


def sample_fill(campaign: Campaign) -> letter_product.Fill:
    """A letter filled with one-letter values, to check the campaign's own text in it."""
    labels = letter_product.LetterTemplate(campaign).labels
    recipient = postal.recipient_lines(
        campaign.letter.to, SAMPLE, campaign.letter.recipient_address
    )
    sender = Sender(SAMPLE, (SAMPLE, "SW1A 1AA"), "SW1A 1AA")
    values = {fold(label): SAMPLE for label in labels}
    return letter_product.Fill(values, sender, recipient, "1 January 2030")


def check_letter(campaign: Campaign, renderer: Renderer, look: Look) -> list[Problem]:
    """What the preflight finds on a filled letter that is down to the campaign's text."""
    template = letter_product.LetterTemplate(campaign, look.spec)
    laid = renderer.layout(template.document(sample_fill(campaign), "letters"))
    sources = {region: key for region, (key, _) in letter_product.REGION_SOURCES.items()}
    return campaign_problems(campaign, "personalised letter", laid.findings, sources)


def require_letter(campaign: Campaign, renderer: Renderer, look: Look) -> None:
    """CampaignError when the campaign's own text fails the preflight in every letter."""
    problems = check_letter(campaign, renderer, look)
    if problems:
        raise CampaignError(problems)
