"""Personalised letters: one filled from the command line, and batches from a spreadsheet."""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from printkit import containment, files, postal
from printkit.api import common, handoff, merged, preflight
from printkit.api.common import (
    Outcome,
    Written,
    default_output,
    load,
    renderer,
    said,
    strictly,
    today,
)
from printkit.api.mail import account_for, claim
from printkit.campaign import glyphs
from printkit.errors import DataError, Location, NotComposable, OutputError, Problem
from printkit.mail import ordering, outcomes, outputs, spreadsheet
from printkit.products import batch
from printkit.products.letter import Fill, LetterTemplate
from printkit.products.spool import Spool
from printkit.profiles import CLEAR, Look
from printkit.render import pool


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
    strict: bool = False  # warnings fail the run, and nothing is written
    keep_duplicates: bool = False  # print the same person twice rather than reject the repeat
    sort: str = "row"  # row | recipient | postcode (mail.ordering.SORTS)
    layout: merged.Layout = field(default_factory=merged.Layout)  # bundles, parts, page limit
    service: str | None = None  # a print-and-post service: one PDF a letter and its CSV
    overwrite: bool = False  # replace outputs of an earlier run (never anything else)
    engine: str = "fast"  # "full": lay every letter out whole (the reference, for debugging)
    verbose: bool = False  # the summary says how many letters took each path


def letters(
    location: Path | None, run: LetterRun, listener: batch.Listener | None = None
) -> Outcome:
    """One personalised letter per spreadsheet row, merged or one file each, plus rejects."""
    problem = outputs.name_problem(run.name) if run.split or run.service else None
    if problem:
        raise DataError(Problem(problem, hint="nothing was written"))
    campaign, look = load(location, run.look, "letter")
    if run.service:
        _check_service(run)
        campaign = handoff.for_service(campaign, run.service)
        run = dataclasses.replace(run, split=run.split or Path.cwd() / f"{campaign.slug}-"
                                  f"{run.service}")  # fmt: skip
    if run.split:
        _check_split_folder(run.split)
    table = spreadsheet.read_table(run.data, run.mapping)
    found = ""
    if run.lookup:
        from printkit.lookup import fill as lookup_module  # the network: only when asked

        table, counts = lookup_module.fill_table(
            table, recipient=campaign.letter.to, campaign_root=campaign.root,
            use_cache=run.use_cache,
        )  # fmt: skip
        found = counts.summary(postal.RECIPIENT_LABELS[campaign.letter.to].split()[0]) + "; "
    mailing = outcomes.prepare(campaign, table, run.rows, keep_duplicates=run.keep_duplicates)
    mailing = ordering.ordered(mailing, run.sort, run.layout.bundle or run.layout.split_by)
    output = run.output or default_output(campaign, "letters")
    rejects = run.rejects or (
        run.split / "rejects.csv" if run.split else output.with_name(f"{output.stem}-rejects.csv")
    )
    warnings = strictly(
        (
            *glyphs.campaign_warnings(campaign),
            *spreadsheet.table_warnings(mailing.table),
            *mailing.warnings,
        ),
        run.strict,
    )
    job = batch.Job(campaign, run.date or today(), run.duplex, look, _engine(run))
    try:
        made, said, summary = _passes(job, run, mailing, (output, rejects), listener)
    except NotComposable:  # a picture or a link in the letter: every letter laid out whole
        job = dataclasses.replace(job, engine="full")
        made, said, summary = _passes(job, run, mailing, (output, rejects), listener)
    return Outcome(tuple(made), warnings + said, summary=found + summary)


def _passes(
    job: batch.Job,
    run: LetterRun,
    mailing: outcomes.Mailing,
    where: tuple[Path, Path],
    listener: batch.Listener | None,
) -> tuple[list[Written], tuple[Problem, ...], str]:
    """The preflight's pass, then the letters that passed: what was written, warnings, summary.

    `where` is the merged output and the rejects file. Both passes share their workers,
    so the letter shapes the first makes serve the second; where the letters go into the
    merged file as they were checked, the second copies the first's from a spool. With
    `run.verbose`, the summary says how many letters were composed, how many laid out in
    full (by either pass: some rows are, to be checked; a split, to be written).
    """
    (output, rejects), halves = where, _Halves(listener) if listener else None
    with (
        pool.kept(run.jobs or pool.default_jobs(), batch.start_worker, (job,)),
        common.outputs(job.campaign, run.data, overwrite=run.overwrite) as staged,
        Spool.opened() as spool,
    ):
        named = outputs.split_targets(run.split, run.name, mailing.letters) if run.split else []
        staged.check([*_claimed(run, output, named), rejects])  # before the long passes
        copies = job.engine == "fast" and not run.split and merged.in_checked_order(run.layout)
        kept = spool if copies else None  # the writing pass copies what the preflight made
        mailing, checked_full = _preflighted(job, run, mailing, halves, kept)
        targets = outputs.split_targets(run.split, run.name, mailing.letters) if run.split else []
        claim(staged, mailing, _claimed(run, output, targets), rejects)
        written, summary = account_for(mailing, "letter", rejects, staged)
        done, said_by_rows, full = _render(
            job, run, mailing, (output, targets), staged, halves, kept
        )
        said = strictly(said_by_rows, run.strict)
    if run.verbose:
        full = max(full, checked_full)
        summary += f" ({len(mailing.letters) - full} composed, {full} laid out in full)"
    return [*done, *written], said, summary


def _engine(run: LetterRun) -> str:
    """The engine asked for; cover sheets (`--bundle`) are laid out whole, with their letters."""
    return "full" if run.layout.bundle else run.engine


def _claimed(run: LetterRun, output: Path, targets: list[Path]) -> list[Path]:
    """The files a run will write that can be named before it starts, checked then.

    A merged run cut into parts (one per recipient, or at most N pages) names its part
    files as it goes; each is checked when it is made, and any problem undoes the run.
    """
    if run.split:
        return [*targets, *([run.split / "recipients.csv"] if run.service else [])]
    manifest = output.with_name(f"{output.stem}-manifest.csv")
    return [manifest] if run.layout.split_by or run.layout.max_pages else [output, manifest]


def _check_split_folder(folder: Path) -> None:
    """`--split` must name a folder, or a new one: not a file, a link or a device."""
    kind = containment.not_a_file(folder)
    if (folder.exists() and kind != "a folder") or kind == "a link":
        what = kind or "a file"
        raise OutputError(
            Problem(f"--split {folder}: it is {what}, not a folder", hint="give a folder name")
        )


class _Halves:
    """Progress over the two passes: each letter counts half when checked, half when made."""

    def __init__(self, listener: batch.Listener) -> None:
        self.listener, self.halves, self.told = listener, 0, 0

    def __call__(self, event: batch.Progress) -> None:
        self.halves += event.done
        done = self.halves // 2
        if done > self.told:
            self.listener(batch.Progress(done - self.told, event.total))
            self.told = done


def _preflighted(
    job: batch.Job,
    run: LetterRun,
    mailing: outcomes.Mailing,
    listener: batch.Listener | None = None,
    spool: Spool | None = None,
) -> tuple[outcomes.Mailing, int]:
    """The mailing once the preflight has checked every letter: those it fails are rejects.

    The campaign's own text is checked first, in a letter filled with one-letter values:
    what fails there is the campaign's error, not every row's reject. Also how many of
    the letters that passed were laid out in full to be checked.
    """
    campaign, look = job.campaign, job.look
    preflight.require_letter(campaign, renderer(campaign, look), look)
    if not mailing.letters:
        return mailing, 0
    jobs = run.jobs or pool.default_jobs()
    keep = spool.add if spool is not None else None
    refused, full = batch.check_all(job, mailing.letters, jobs, listener, keep)
    if listener and refused:  # a rejected letter is never made: its second half is done
        listener(batch.Progress(len(refused), len(mailing.letters)))
    return batch.with_rejects(mailing, refused), full - len(refused)


def _render(
    job: batch.Job,
    run: LetterRun,
    mailing: outcomes.Mailing,
    where: tuple[Path, list[Path]],
    staged: files.Outputs,
    listener: batch.Listener | None = None,
    spool: Spool | None = None,
) -> tuple[list[Written], list[Problem], int]:
    """The letters, merged into `output` with its manifest, or one file each into `run.split`.

    Every file goes through `staged`, so a failed or stopped run leaves none of them.
    Also how many letters were laid out in full (all but those the fast engine composed).
    """
    output, targets = where
    jobs, full = run.jobs or pool.default_jobs(), len(mailing.letters)
    if run.service and run.split:
        made, by_row = handoff.write(job, jobs, mailing, run.service, run.split, run.name,
                                     staged, listener)  # fmt: skip
    elif run.split:
        work = batch.chunks(mailing.letters, [staged.path(target) for target in targets])
        results = batch.render_all(job, work, jobs, listener)
        with contextlib.closing(results):
            chunks = list(results)
        pages = [n for chunk in chunks for n in chunk.pages]
        by_row = [warning for chunk in chunks for warning in chunk.warnings]
        made = [Written(t, n) for t, n in zip(targets, pages, strict=True)]
    else:
        made, by_row, full = merged.write(job, jobs, mailing.letters, output, run.layout,
                                          staged, listener, spool)  # fmt: skip
    problems = [
        Problem(message, Location(path=run.data, row=row or None)) for row, message in by_row
    ]
    return made, problems, full


def _check_service(run: LetterRun) -> None:
    """`--for` writes one file per letter: bundles, per-recipient files and page limits don't."""
    clashing = [name for name, given in (("--bundle", run.layout.bundle),
                ("--split-by", run.layout.split_by), ("--max-pages", run.layout.max_pages))
                if given]  # fmt: skip
    if clashing:
        raise DataError(Problem(f"--for {run.service} writes one PDF per letter: leave out "
                                f"{' and '.join(clashing)}",
                                hint="bundles and cover sheets are for hand-ins"))  # fmt: skip


def filled_letter(
    location: Path | None,
    fill: Mapping[str, str],
    output: Path | None = None,
    date: str = "",
    look: Look = CLEAR,
    *,
    strict: bool = False,
    overwrite: bool = False,
) -> Outcome:
    """One letter filled from `--fill LABEL=VALUE` pairs: the same rules as a spreadsheet row."""
    campaign, look = load(location, look, "letter")
    table = spreadsheet.Table(Path("--fill"), tuple(fill), (spreadsheet.Row(2, dict(fill)),))
    try:
        mailing = outcomes.prepare(campaign, table)
    except DataError as error:
        raise DataError([Problem(p.message.replace("no column for", "no --fill for"))
                         for p in error.problems[1:]]) from None  # fmt: skip
    if mailing.rejects:
        raise DataError(Problem(f"--fill: {mailing.rejects[0].reason}"))
    letter = Fill.addressed(mailing.letters[0], date or today())
    target = output or default_output(campaign, "letter")
    with common.outputs(campaign, overwrite=overwrite) as staged:
        staged.claim([target])
        result = renderer(campaign, look).render(LetterTemplate(campaign).document(letter))
        warnings = strictly(
            (*glyphs.campaign_warnings(campaign), *spreadsheet.table_warnings(table),
             *said(result.warnings)),
            strict,
        )  # fmt: skip
        staged.path(target).write_bytes(result.data)
    return Outcome((Written(target, result.pages),), warnings, "1 letter")
