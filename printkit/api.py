"""The library's entry points: each makes one product or check from a campaign."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from printkit import campaign as campaign_module
from printkit import files
from printkit import proof as proofs
from printkit.campaign import Campaign
from printkit.errors import OutputError, PrintkitError, Problem
from printkit.pdf import Document, Renderer
from printkit.products import leaflet as leaflet_product
from printkit.products import poster as poster_product
from printkit.products import signup as signup_product
from printkit.products.letter import Fill, LetterTemplate
from printkit.resources import example_campaign


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


def letter(location: Path | None = None, output: Path | None = None) -> Outcome:
    """The blank fill-in letter."""
    campaign = campaign_module.load(location)
    return _blank_letter(campaign, output or default_output(campaign, "letter"))


def _blank_letter(campaign: Campaign, target: Path) -> Outcome:
    """Render the blank letter of a loaded campaign into `target`."""
    result = Renderer(campaign.root).write(LetterTemplate(campaign).document(Fill()), target)
    pages = "page" if result.pages == 1 else "pages"
    return Outcome(
        written=(Written(target, result.pages),),
        warnings=result.warnings,
        summary=f"blank letter, {result.pages} {pages}",
    )


def leaflet(
    location: Path | None = None, output: Path | None = None, size: str = "a5",
    print_shop: bool = False,
) -> Outcome:
    """The double-sided leaflet: n-up on A4 for home printing, or at trim size with bleed."""
    campaign = campaign_module.load(location)
    return _leaflet(campaign, output or default_output(campaign, "leaflet"), size, print_shop)


def _leaflet(
    campaign: Campaign, target: Path, size: str = "a5", print_shop: bool = False
) -> Outcome:
    document = leaflet_product.document(campaign, size, print_shop)
    summary = leaflet_product.summary(size, print_shop)
    return _write(campaign, document, target, summary, pages=2)


def poster(location: Path | None = None, output: Path | None = None, size: str = "a4") -> Outcome:
    """The poster for the stall table."""
    campaign = campaign_module.load(location)
    return _poster(campaign, output or default_output(campaign, "poster"), size)


def _poster(campaign: Campaign, target: Path, size: str = "a4") -> Outcome:
    document = poster_product.document(campaign, size)
    return _write(campaign, document, target, f"poster, {size.upper()}")


def signup(location: Path | None = None, output: Path | None = None) -> Outcome:
    """The sign-up sheet with its data-protection notice and unticked consent boxes."""
    campaign = campaign_module.load(location)
    return _signup(campaign, output or default_output(campaign, "signup"))


def _signup(campaign: Campaign, target: Path) -> Outcome:
    outcome = _write(campaign, signup_product.document(campaign), target, "sign-up sheet, A4")
    notes = tuple(signup_product.notice_warnings(campaign))
    return Outcome(outcome.written, notes + outcome.warnings, outcome.summary)


def _write(
    campaign: Campaign, document: Document, target: Path, summary: str, pages: int = 1
) -> Outcome:
    """Render a product into `target`; text that does not fit its space is a warning."""
    result = Renderer(campaign.root).write(document, target)
    overflows = list(result.overflows)
    if result.pages > pages:
        overflows.append(f"content: too long for {pages} page{'s' if pages > 1 else ''}")
    return Outcome(
        written=(Written(target, result.pages),),
        warnings=result.warnings + tuple(_overflow_warnings(document, tuple(overflows))),
        summary=summary,
    )


def _overflow_warnings(document: Document, overflows: tuple[str, ...]) -> list[str]:
    return [
        f"{document.name}: the {overflow}, so text would be cut off: "
        "shorten the text in campaign.yaml or choose a larger size"
        for overflow in overflows
    ]


# What `build` can make, by the names `outputs:` uses.
PRODUCTS: dict[str, Callable[[Campaign, Path], Outcome]] = {
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
    location: Path | None = None, product: str | None = None, folder: Path | None = None
) -> Outcome:
    """PNG previews of the first pages of a product, or of every output the campaign lists."""
    campaign = campaign_module.load(location)
    names = (product,) if product else campaign.outputs
    renderer = Renderer(campaign.root)
    written: list[Written] = []
    warnings: list[str] = []
    for name in names:
        result = renderer.render(DOCUMENTS[name](campaign))
        warnings.extend(result.warnings)
        for number, png in enumerate(proofs.pngs(result.data), start=1):
            target = (folder or Path.cwd()) / f"{campaign.slug}-{name}-{number}.png"
            with files.atomic_path(target) as temporary:
                temporary.write_bytes(png)
            written.append(Written(target, 1))
    return Outcome(tuple(written), tuple(warnings), f"{len(written)} previews to share")


def build(location: Path | None = None, folder: Path | None = None) -> Outcome:
    """Every output the campaign lists, into `folder`."""
    campaign = campaign_module.load(location)
    folder = folder or Path.cwd()
    written: list[Written] = []
    warnings: list[str] = []
    for product in campaign.outputs:
        outcome = PRODUCTS[product](campaign, default_output(campaign, product, folder))
        written.extend(outcome.written)
        warnings.extend(outcome.warnings)
    return Outcome(tuple(written), tuple(warnings), f"{len(written)} files for {campaign.title!r}")


def check(location: Path | None = None) -> list[Problem]:
    """Every problem with a campaign, without rendering anything."""
    try:
        campaign = campaign_module.load(location)
        LetterTemplate(campaign).html(Fill())
    except PrintkitError as error:
        return list(error.problems)
    return []


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
