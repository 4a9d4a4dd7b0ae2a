"""Letters: the blank fill-in letter, one filled from the command line, and batches."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from printkit import address, batch, glyphs, records
from printkit import lookup as lookup_module
from printkit import mailing as mailing_module
from printkit.api.common import (
    Outcome,
    Written,
    default_output,
    load,
    renderer,
    today,
)
from printkit.api.mail import account_for
from printkit.campaign import Campaign
from printkit.errors import DataError, Problem
from printkit.products.letter import Fill, LetterTemplate
from printkit.profiles import CLEAR, Look


def letter(location: Path | None = None, output: Path | None = None, look: Look = CLEAR) -> Outcome:
    """The blank fill-in letter."""
    campaign, look = load(location, look, "letter")
    return write_blank_letter(campaign, output or default_output(campaign, "letter"), look=look)


def write_blank_letter(campaign: Campaign, target: Path, *, look: Look = CLEAR) -> Outcome:
    """Render the blank letter of a loaded campaign into `target`."""
    document = LetterTemplate(campaign).document(Fill())
    result = renderer(campaign, look).write(document, target)
    pages = "page" if result.pages == 1 else "pages"
    return Outcome(
        written=(Written(target, result.pages),),
        warnings=(*glyphs.campaign_warnings(campaign), *result.warnings),
        summary=f"blank letter, {result.pages} {pages}",
    )


@dataclass(frozen=True)
class LetterRun:
    """How to make personalised letters from a spreadsheet (the `letter --data` options)."""

    data: Path
    output: Path | None = None
    split: Path | None = None  # a folder: one PDF per row instead of one merged PDF
    name: str = "{row}-{your_name}"  # file names with `split`
    rejects: Path | None = None
    duplex: bool = False
    rows: range | None = None
    mapping: Mapping[str, str] = field(default_factory=dict)
    jobs: int = 0  # 0: every core
    date: str = ""  # printed under the sender's address; default today
    lookup: bool = False  # find each row's MP from the postcode first (uses the network)
    use_cache: bool = True
    look: Look = CLEAR


def letters(
    location: Path | None, run: LetterRun, progress: batch.Progress | None = None
) -> Outcome:
    """One personalised letter per spreadsheet row, merged or one file each, plus rejects."""
    campaign, look = load(location, run.look, "letter")
    table = records.read_table(run.data, run.mapping)
    found = ""
    if run.lookup:
        table, counts = lookup_module.fill_table(
            table, recipient=campaign.letter.to, campaign_root=campaign.root,
            use_cache=run.use_cache,
        )  # fmt: skip
        found = counts.summary(address.RECIPIENT_LABELS[campaign.letter.to].split()[0]) + "; "
    mailing = mailing_module.prepare(campaign, table, run.rows, look.spec)
    output = run.output or default_output(campaign, "letters")
    rejects = run.rejects or (
        run.split / "rejects.csv" if run.split else output.with_name(f"{output.stem}-rejects.csv")
    )
    written, summary = account_for(mailing, "letter", rejects)
    job = batch.Job(campaign.source, run.date or today(), run.duplex, look)
    targets = batch.split_targets(run.split, run.name, mailing.letters) if run.split else []
    work = batch.chunks(mailing.letters, targets)
    jobs = run.jobs or batch.default_jobs()
    rendering: list[str] = []  # what the renderer warned about, row by row
    results = batch.render_all(job, work, jobs, progress, rendering)
    if run.split:
        pages = [n for result in results for n in result.pages]
        made = [Written(t, n) for t, n in zip(targets, pages, strict=True)]
    else:
        finishing = LetterTemplate(campaign).settings("letters", duplex=run.duplex)
        pages = batch.write_merged(output, results, finishing, look)
        manifest = output.with_name(f"{output.stem}-manifest.csv")
        batch.write_manifest(manifest, mailing.letters, pages)
        made = [Written(output, sum(pages)), Written(manifest, 0)]
    warnings = (
        *glyphs.campaign_warnings(campaign),
        *glyphs.table_warnings(mailing.table),
        *rendering,
    )
    return Outcome(tuple(made + written), warnings, summary=found + summary)


def filled_letter(
    location: Path | None,
    fill: Mapping[str, str],
    output: Path | None = None,
    date: str = "",
    look: Look = CLEAR,
) -> Outcome:
    """One letter filled from `--fill LABEL=VALUE` pairs: the same rules as a spreadsheet row."""
    campaign, look = load(location, look, "letter")
    table = records.Table(Path("--fill"), tuple(fill), (records.Row(2, dict(fill)),))
    try:
        mailing = mailing_module.prepare(campaign, table, profile=look.spec)
    except DataError as error:
        raise DataError([Problem(p.message.replace("no column for", "no --fill for"))
                         for p in error.problems[1:]]) from None  # fmt: skip
    if mailing.rejects:
        raise DataError(Problem(f"--fill: {mailing.rejects[0].reason}"))
    document = LetterTemplate(campaign).document(batch.fill_of(mailing.letters[0], date or today()))
    target = output or default_output(campaign, "letter")
    result = renderer(campaign, look).write(document, target)
    warnings = (*glyphs.campaign_warnings(campaign), *glyphs.table_warnings(table))
    return Outcome((Written(target, result.pages),), warnings + result.warnings, "1 letter")
