"""The library's entry points: each makes one product or check from a campaign."""

from __future__ import annotations

import dataclasses
import datetime
import shutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from printkit import address, batch, files, glyphs, paper, records, translations
from printkit import campaign as campaign_module
from printkit import lookup as lookup_module
from printkit import mailing as mailing_module
from printkit import proof as proofs
from printkit.campaign import Campaign
from printkit.errors import CampaignError, DataError, OutputError, PrintkitError, Problem
from printkit.pdf import Document, Renderer
from printkit.products import addressing
from printkit.products import envelopes as envelopes_product
from printkit.products import labels as labels_product
from printkit.products import leaflet as leaflet_product
from printkit.products import poster as poster_product
from printkit.products import signup as signup_product
from printkit.products.letter import Fill, LetterTemplate
from printkit.profiles import CLEAR, Look
from printkit.resources import example_campaign

# Products that can set two languages side by side (`--lang cy+en`); `build` makes those.
BILINGUAL = ("leaflet", "signup", "build", "proof")


@dataclass(frozen=True)
class Written:
    """One output file and what it holds."""

    path: Path
    pages: int
    summary: str = ""


@dataclass(frozen=True)
class Outcome:
    """What a command wrote, and what the user should know about it."""

    written: tuple[Written, ...]
    warnings: tuple[str, ...] = ()
    summary: str = ""
    extra: dict[str, object] = field(default_factory=dict)


def default_output(campaign: Campaign, product: str, folder: Path | None = None) -> Path:
    """`<slug>-<product>.pdf` in `folder` (the current folder by default)."""
    return (folder or Path.cwd()) / f"{campaign.slug}-{product}.pdf"


def load(location: Path | None, look: Look = CLEAR, product: str = "") -> tuple[Campaign, Look]:
    """The campaign in the look's language(s), and the look with that language settled."""
    campaign = translations.load(location, look.lang)
    if campaign.parallel and product not in BILINGUAL:
        raise CampaignError(
            Problem(
                f"--lang {look.lang}: the {product} is made in one language at a time",
                hint=f"make one for each language, e.g. --lang {campaign.language}",
            )
        )
    return campaign, dataclasses.replace(look, lang=campaign.language)


def renderer(campaign: Campaign, look: Look = CLEAR) -> Renderer:
    """A Renderer for the campaign in `look` (its profile, language and PDF variant)."""
    return Renderer(campaign.root, dataclasses.replace(look, lang=campaign.language))


def letter(location: Path | None = None, output: Path | None = None, look: Look = CLEAR) -> Outcome:
    """The blank fill-in letter."""
    campaign, look = load(location, look, "letter")
    return _blank_letter(campaign, output or default_output(campaign, "letter"), look=look)


def _blank_letter(campaign: Campaign, target: Path, *, look: Look = CLEAR) -> Outcome:
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
    written, summary = _accounted(mailing, "letter", rejects)
    job = batch.Job(campaign.source, run.date or today(), run.duplex, look)
    targets = batch.split_targets(run.split, run.name, mailing.letters) if run.split else []
    work = batch.chunks(mailing.letters, targets)
    jobs = run.jobs or batch.default_jobs()
    results = batch.render_all(job, work, jobs, progress)
    if run.split:
        pages = [n for result in results for n in result.pages]
        made = [Written(t, n) for t, n in zip(targets, pages, strict=True)]
    else:
        finishing = LetterTemplate(campaign).document(Fill(), duplex=run.duplex)
        pages = batch.write_merged(output, results, finishing, look)
        manifest = output.with_name(f"{output.stem}-manifest.csv")
        batch.write_manifest(manifest, mailing.letters, pages)
        made = [Written(output, sum(pages)), Written(manifest, 0)]
    warnings = (*glyphs.campaign_warnings(campaign), *glyphs.table_warnings(mailing.table))
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


def _write_rejects(mailing: mailing_module.Mailing, path: Path) -> list[Written]:
    """The rejects file, when there is anything to put in it."""
    if not mailing.rejects:
        return []
    records.write_rejects(path, mailing.table, mailing.rejects)
    return [Written(path, 0)]


def _accounted(
    mailing: mailing_module.Mailing, made: str, rejects: Path
) -> tuple[list[Written], str]:
    """Write the rejects file and the summary line; DataError when no row is left to make."""
    written = _write_rejects(mailing, rejects)
    summary = mailing_module.summary(mailing, made, rejects.name if written else None)
    if not mailing.letters:
        raise DataError(Problem(f"no {made}s made: {summary}", hint=f"see {rejects}"))
    return written, summary


@dataclass(frozen=True)
class MailRun:
    """Labels or envelopes for a spreadsheet: the same rows as its letters, in their order."""

    data: Path
    output: Path | None = None
    to: str = "recipient"  # the MP or councillor; "sender": the supporter
    rejects: Path | None = None
    rows: range | None = None
    mapping: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class LabelRun(MailRun):
    """The `labels` options: sheet, first label, a printer's offset, an outline test print."""

    sheet: str | None = None  # default: the campaign's labels.sheet, else L7160
    start: int = 1
    offset_x: float | None = None  # mm; default: the campaign's labels.offset_x
    offset_y: float | None = None
    outline: bool = False


@dataclass(frozen=True)
class EnvelopeRun(MailRun):
    """The `envelopes` options: size and the small return address."""

    size: str | None = None  # default: the campaign's envelopes.size, else dl
    return_address: bool = False


def _mail_run(
    campaign: Campaign, run: MailRun, product: str, fitter: addressing.Fitter
) -> tuple[list[tuple[addressing.Block, ...]], Path, list[Written], str]:
    """The rows as letters would take them, fitted to the product: blocks, target, rejects."""
    mailing = mailing_module.prepare(campaign, records.read_table(run.data, run.mapping), run.rows)
    mailing, blocks = addressing.fitted(mailing, fitter)
    output = run.output or default_output(campaign, product)
    rejects = run.rejects or output.with_name(f"{output.stem}-rejects.csv")
    written, summary = _accounted(mailing, product.rstrip("s"), rejects)
    return blocks, output, written, summary


def labels(location: Path | None, run: LabelRun) -> Outcome:
    """One address label per accepted row, in the letters' order, on A4 label sheets."""
    campaign = campaign_module.load(location)
    sheet = labels_product.choose_sheet(campaign, run.sheet)
    labels_product.check_start(sheet, run.start)
    offset_x = campaign.labels.offset_x if run.offset_x is None else run.offset_x
    offset_y = campaign.labels.offset_y if run.offset_y is None else run.offset_y
    placement = labels_product.Placement(sheet, run.start, offset_x, offset_y, run.outline)
    fitter = labels_product.fitter(sheet, run.to)
    blocks, output, written, summary = _mail_run(campaign, run, "labels", fitter)
    document = labels_product.document(campaign, [b[0] for b in blocks], placement)
    pages = labels_product.sheet_count(len(blocks), placement)
    outcome = _write(campaign, document, output, summary, pages=pages)
    return Outcome(outcome.written + tuple(written), outcome.warnings, summary)


def envelopes(location: Path | None, run: EnvelopeRun) -> Outcome:
    """One envelope-sized page per accepted row, in the letters' order."""
    campaign = campaign_module.load(location)
    envelope = paper.ENVELOPES[run.size or campaign.envelopes.size]
    options = envelopes_product.Options(envelope, run.to, run.return_address)
    fitter = envelopes_product.fitter(campaign, options)
    blocks, output, written, summary = _mail_run(campaign, run, "envelopes", fitter)
    document = envelopes_product.document(campaign, blocks, envelope)
    outcome = _write(campaign, document, output, summary, pages=len(blocks))
    return Outcome(outcome.written + tuple(written), outcome.warnings, summary)


def today() -> str:
    """Today's date as a British letter writes it: `29 November 2026`."""
    now = datetime.date.today()
    return f"{now.day} {now:%B %Y}"


def leaflet(
    location: Path | None = None,
    output: Path | None = None,
    size: str = "a5",
    print_shop: bool = False,
    look: Look = CLEAR,
) -> Outcome:
    """The double-sided leaflet: n-up on A4 for home printing, or at trim size with bleed."""
    campaign, look = load(location, look, "leaflet")
    target = output or default_output(campaign, "leaflet")
    return _leaflet(campaign, target, size, print_shop, look=look)


def _leaflet(
    campaign: Campaign,
    target: Path,
    size: str = "a5",
    print_shop: bool = False,
    *,
    look: Look = CLEAR,
) -> Outcome:
    document = leaflet_product.document(campaign, size, print_shop)
    summary = leaflet_product.summary(size, print_shop)
    return _write(campaign, document, target, summary, pages=2, look=look)


def poster(
    location: Path | None = None,
    output: Path | None = None,
    size: str = "a4",
    look: Look = CLEAR,
) -> Outcome:
    """The poster for the stall table."""
    campaign, look = load(location, look, "poster")
    return _poster(campaign, output or default_output(campaign, "poster"), size, look=look)


def _poster(campaign: Campaign, target: Path, size: str = "a4", *, look: Look = CLEAR) -> Outcome:
    document = poster_product.document(campaign, size)
    return _write(campaign, document, target, f"poster, {size.upper()}", look=look)


def signup(location: Path | None = None, output: Path | None = None, look: Look = CLEAR) -> Outcome:
    """The sign-up sheet with its data-protection notice and unticked consent boxes."""
    campaign, look = load(location, look, "signup")
    return _signup(campaign, output or default_output(campaign, "signup"), look=look)


def _signup(campaign: Campaign, target: Path, *, look: Look = CLEAR) -> Outcome:
    document = _signup_that_fits(campaign, look)
    outcome = _write(campaign, document, target, "sign-up sheet, A4", look=look)
    notes = tuple(signup_product.notice_warnings(campaign))
    return Outcome(outcome.written, notes + outcome.warnings, outcome.summary)


def _signup_that_fits(campaign: Campaign, look: Look) -> Document:
    """The sign-up sheet with as many rows as fit one page in this profile and language."""
    rows = paper.SIGNUP_SHEET.rows
    document = signup_product.document(campaign, rows)
    render = renderer(campaign, look)
    while rows > paper.SIGNUP_SHEET.fewest_rows and render.render(document).pages > 1:
        rows -= 1
        document = signup_product.document(campaign, rows)
    return document


def _write(
    campaign: Campaign,
    document: Document,
    target: Path,
    summary: str,
    pages: int = 1,
    look: Look = CLEAR,
) -> Outcome:
    """Render a product into `target`; text that does not fit its space is a warning."""
    result = renderer(campaign, look).write(document, target)
    overflows = list(result.overflows)
    if result.pages > pages:
        overflows.append(f"content: too long for {pages} page{'s' if pages > 1 else ''}")
    return Outcome(
        written=(Written(target, result.pages),),
        warnings=(
            *glyphs.campaign_warnings(campaign),
            *result.warnings,
            *_overflow_warnings(document, tuple(overflows)),
        ),
        summary=summary,
    )


def _overflow_warnings(document: Document, overflows: tuple[str, ...]) -> list[str]:
    return [
        f"{document.name}: the {overflow}, so text would be cut off: "
        "shorten the text in campaign.yaml or choose a larger size"
        for overflow in overflows
    ]


# What `build` can make, by the names `outputs:` uses (each takes look= too).
PRODUCTS: dict[str, Callable[..., Outcome]] = {
    "letter": _blank_letter,
    "leaflet": _leaflet,
    "signup": _signup,
    "poster": _poster,
}
# Each product's document with its default options, for proofs.
DOCUMENTS: dict[str, Callable[[Campaign], Document]] = {
    "letter": lambda campaign: LetterTemplate(campaign).document(Fill()),
    "leaflet": leaflet_product.document,
    "signup": signup_product.document,
    "poster": poster_product.document,
}


def proof(
    location: Path | None = None,
    product: str | None = None,
    folder: Path | None = None,
    look: Look = CLEAR,
) -> Outcome:
    """PNG previews of the first pages of a product, or of every output the campaign lists."""
    campaign, look = load(location, look, product or "proof")
    names = (product,) if product else campaign.outputs
    pdf_renderer = renderer(campaign, look)
    written: list[Written] = []
    warnings: list[str] = []
    for name in names:
        result = pdf_renderer.render(DOCUMENTS[name](campaign))
        warnings.extend(result.warnings)
        for number, png in enumerate(proofs.pngs(result.data), start=1):
            target = (folder or Path.cwd()) / f"{campaign.slug}-{name}-{number}.png"
            with files.atomic_path(target) as temporary:
                temporary.write_bytes(png)
            written.append(Written(target, 1))
    return Outcome(tuple(written), tuple(warnings), f"{len(written)} previews to share")


def build(location: Path | None = None, folder: Path | None = None, look: Look = CLEAR) -> Outcome:
    """Every output the campaign lists, into `folder` (bilingual: those that can be)."""
    campaign, look = load(location, look, "build")
    folder = folder or Path.cwd()
    written: list[Written] = []
    warnings: list[str] = []
    products = [p for p in campaign.outputs if not campaign.parallel or p in BILINGUAL]
    for product in products:
        target = default_output(campaign, product, folder)
        outcome = PRODUCTS[product](campaign, target, look=look)
        written.extend(outcome.written)
        warnings.extend(outcome.warnings)
    return Outcome(tuple(written), tuple(warnings), f"{len(written)} files for {campaign.title!r}")


def check(
    location: Path | None = None,
    data: Path | None = None,
    mapping: Mapping[str, str] | None = None,
    rows: range | None = None,
) -> tuple[list[Problem], str]:
    """Every problem with a campaign (and its spreadsheet), without rendering anything."""
    try:
        campaign = campaign_module.load(location)
        LetterTemplate(campaign).html(Fill())
        if data is None:
            return [], ""
        mailing = mailing_module.prepare(campaign, records.read_table(data, mapping), rows)
    except PrintkitError as error:
        return list(error.problems), ""
    problems = [
        Problem(reject.reason, mailing.table.where(reject.row, reject.column))
        for reject in mailing.rejects
    ]
    return problems, mailing_module.summary(mailing, "letter", None)


def init(folder: Path) -> Outcome:
    """A new campaign folder to edit, copied from the example."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise OutputError(
            Problem(
                f"{folder} already exists and is not empty",
                hint="choose a new folder name; printkit never overwrites a campaign",
            )
        )
    shutil.copytree(example_campaign(), folder, dirs_exist_ok=True)
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    return Outcome(
        written=tuple(Written(p, 0) for p in files),
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
) -> Outcome:
    """A copy of the supporters' CSV with each row's MP (or councillor) found from the postcode.

    The only call that uses the network. The input is never changed, and a lookup that
    fails part of the way writes nothing.
    """
    from printkit import lookup as lookup_module  # loaded only when asked: rendering stays offline
    from printkit import records
    from printkit.errors import ServiceError

    campaign = campaign_module.load(location)
    table = records.read_table(data, mapping)
    who = "councillor" if campaign.letter.to == "councillor" else "MP"
    target = output or Path.cwd() / f"{Path(data).stem}-{who.lower()}s.csv"
    if target.resolve() == Path(data).resolve():
        raise OutputError(
            Problem(f"{target} is the input file", hint="give another file name with -o")
        )
    try:
        filled, counts = lookup_module.fill_table(
            table, recipient=campaign.letter.to, campaign_root=campaign.root, use_cache=use_cache
        )
    except ServiceError as error:
        unchanged = Problem(f"nothing was written, and {data} is unchanged")
        raise ServiceError([*error.problems, unchanged]) from None
    lookup_module.write_table(target, filled)
    warnings = tuple(
        f"{table.where(row)}: {reason}"
        for row in filled.rows
        if (reason := lookup_module.rejection(filled, row))
    )
    return Outcome((Written(target, 0),), warnings, counts.summary(who))
