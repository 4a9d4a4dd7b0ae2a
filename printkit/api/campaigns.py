"""Checking a campaign and its spreadsheet, starting a new campaign, finding MPs."""

from __future__ import annotations

import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from printkit import containment, files
from printkit.api import checks, common, preflight
from printkit.api.common import Outcome, Written, load, renderer
from printkit.errors import OutputError, PrintkitError, Problem, ServiceError
from printkit.mail import outcomes as mailing_module
from printkit.mail import spreadsheet
from printkit.mail.status import rejection
from printkit.profiles import CLEAR, Look
from printkit.resources import example_campaign


@dataclass(frozen=True)
class Checked:
    """What `printkit check` found: errors, warnings, and how many rows would print."""

    errors: tuple[Problem, ...]
    warnings: tuple[Problem, ...] = ()
    summary: str = ""


def check(
    location: Path | None = None,
    data: Path | None = None,
    mapping: Mapping[str, str] | None = None,
    rows: range | None = None,
    look: Look = CLEAR,
    *,
    strict: bool = False,
) -> tuple[list[Problem], str]:
    """Every problem with a campaign (and its spreadsheet), and the summary (see check_all)."""
    checked = check_all(location, data, mapping, rows, look)
    errors = [*checked.errors, *(checked.warnings if strict else ())]
    return errors, checked.summary


def check_all(
    location: Path | None = None,
    data: Path | None = None,
    mapping: Mapping[str, str] | None = None,
    rows: range | None = None,
    look: Look = CLEAR,
    jobs: int = 1,
) -> Checked:
    """The same preflight as every command, with layout but no PDF written.

    Each product the campaign builds is laid out and checked; with `data`, the letter
    of every row is too, and the summary says how many would print and why the others
    would not.
    """
    try:
        campaign, look = load(location, look, "check")
        pdf = renderer(campaign, look)
        errors, warnings = checks.products(campaign, pdf)
        if data is None or errors:
            return Checked(tuple(errors), tuple(warnings))
        table = spreadsheet.read_table(data, mapping)
        mailing = mailing_module.prepare(campaign, table, rows)
        errors += preflight.check_letter(campaign, pdf, look)
        if errors:
            return Checked(tuple(errors), tuple(warnings))
        mailing = checks.rows(campaign, look, mailing, jobs)
    except PrintkitError as error:
        return Checked(error.problems)
    problems = [
        Problem(reject.reason, mailing.table.where(reject.row, reject.column))
        for reject in mailing.rejects
    ]
    return Checked(tuple(problems), tuple(warnings), checks.summary(mailing))


def init(folder: Path) -> Outcome:
    """A new campaign folder to edit, copied from the example: all of it, or nothing."""
    kind = containment.not_a_file(folder)
    if kind not in (None, "a folder") or (folder.exists() and any(folder.iterdir())):
        raise OutputError(
            Problem(
                f"{folder} already exists and is not empty",
                hint="choose a new folder name; printkit never overwrites a campaign",
            )
        )
    source = example_campaign()
    names = sorted(p.relative_to(source) for p in source.rglob("*") if p.is_file())
    try:
        with files.outputs() as staged:
            for name in names:
                shutil.copyfile(source / name, staged.path(folder / name))
    except OutputError as error:
        raise OutputError([*error.problems, Problem(f"no campaign was made in {folder}")]) from None
    return Outcome(
        written=tuple(Written(folder / name, 0) for name in names),
        summary=f"new campaign in {folder}: edit campaign.yaml and letter.md, "
        "then run printkit build",
    )


def lookup(
    data: Path,
    output: Path | None = None,
    location: Path | None = None,
    *,
    mapping: dict[str, str] | None = None,
    use_cache: bool = True,
    overwrite: bool = False,
) -> Outcome:
    """A copy of the supporters' CSV with each row's MP (or councillor) found from the postcode.

    The only call that uses the network. The input is never changed, and a lookup that
    fails part of the way writes nothing.
    """
    from printkit.lookup import fill as lookup_module  # the network: only here

    campaign, _ = load(location)
    table = spreadsheet.read_table(data, mapping)
    who = "councillor" if campaign.letter.to == "councillor" else "MP"
    target = output or Path.cwd() / f"{Path(data).stem}-{who.lower()}s.csv"
    with common.outputs(campaign, data, overwrite=overwrite) as staged:
        staged.claim([target])  # before asking the services anything
        try:
            filled, counts = lookup_module.fill_table(
                table, recipient=campaign.letter.to, campaign_root=campaign.root,
                use_cache=use_cache,
            )  # fmt: skip
        except ServiceError as error:
            unchanged = Problem(f"nothing was written, and {data} is unchanged")
            raise ServiceError([*error.problems, unchanged]) from None
        lookup_module.write_table(staged.path(target), filled)
    warnings = tuple(
        Problem(reason, table.where(row))
        for row in filled.rows
        if (reason := rejection(filled, row))
    )
    return Outcome((Written(target, 0),), warnings, counts.summary(who))
