"""Characters in a campaign's files that no font can draw, by file and line."""

from __future__ import annotations

from collections.abc import Iterator

from printkit.campaign.model import Campaign
from printkit.errors import Location, Problem
from printkit.render.fonts import message, undrawable


def campaign_warnings(campaign: Campaign) -> Iterator[Problem]:
    """Each line of the campaign's files holding characters no font can draw."""
    sources = [campaign.source, campaign.translation, campaign.letter.source]
    for version in campaign.parallel:
        sources += [version.translation, version.letter.source]
    for path in dict.fromkeys(p for p in sources if p is not None and p.suffix != ".csv"):
        try:
            lines = path.read_text(encoding="utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError):
            continue
        for number, line in enumerate(lines, start=1):
            chars = undrawable(line)
            if chars:
                yield Problem(message(chars), Location(path, number))
