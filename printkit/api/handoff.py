"""Files for a print-and-post service: one PDF a letter, checked, and its recipients CSV."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from printkit import files
from printkit.api.common import Written
from printkit.campaign.model import Campaign
from printkit.errors import OutputError, Problem
from printkit.mail import handoff, outputs
from printkit.mail.outcomes import Mailing
from printkit.products import batch


def for_service(campaign: Campaign, service: str) -> Campaign:
    """The campaign with its letters' address placed in the service's window zone."""
    # A service's zone is a window campaign.yaml cannot name, hence outside its Literal.
    window: Any = handoff.SERVICES[service].window
    return dataclasses.replace(campaign, letter=dataclasses.replace(campaign.letter, window=window))


def write(
    job: batch.Job,
    jobs: int,
    mailing: Mailing,
    service: str,
    folder: Path,
    pattern: str,
    staged: files.Outputs,
    listener: batch.Listener | None = None,
) -> tuple[list[Written], list[tuple[int, str]]]:
    """One PDF per letter into `folder`, each checked against the service's limits."""
    chosen = handoff.SERVICES[service]
    targets = outputs.split_targets(folder, pattern, mailing.letters)
    work = batch.chunks(mailing.letters, [staged.path(target) for target in targets])
    results = list(batch.render_all(job, work, jobs, listener))
    pages = [n for result in results for n in result.pages]
    problems = []
    for letter, target, count in zip(mailing.letters, targets, pages, strict=True):
        size = staged.path(target).stat().st_size
        if chosen.max_pages and count > chosen.max_pages:
            problems.append(f"row {letter.row.number}: {count} pages; {chosen.name} takes at "
                            f"most {chosen.max_pages} a letter")  # fmt: skip
        if chosen.max_bytes and size > chosen.max_bytes:
            problems.append(f"row {letter.row.number}: {target.name} is {size / handoff.MB:.1f}"
                            f" MB; {chosen.name} takes at most "
                            f"{chosen.max_bytes // handoff.MB} MB a file")  # fmt: skip
    if problems:
        raise OutputError([Problem(p, hint="nothing was written") for p in problems])
    csv_path = folder / "recipients.csv"
    rows = handoff.recipients(chosen, [t.name for t in targets], mailing.letters)
    outputs.write_csv(staged.path(csv_path), chosen.columns, rows)
    made = [Written(t, n) for t, n in zip(targets, pages, strict=True)]
    warnings = [warning for result in results for warning in result.warnings]
    return [*made, Written(csv_path, 0)], warnings
