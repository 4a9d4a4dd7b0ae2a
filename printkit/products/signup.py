"""The sign-up sheet: columns to write in, unticked consent boxes and a data-protection notice."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from markupsafe import Markup, escape

from printkit import languages, paper
from printkit.campaign.model import Campaign
from printkit.languages import Translator
from printkit.products import stall
from printkit.products.letter import blank
from printkit.render import templating
from printkit.render.pdf import Document, Renderer

STYLESHEETS = ("base.css", "signup.css")
SOURCES = {"heading": "title", "notice": "signup.purpose", "sign-up sheet": "signup"}


@dataclass(frozen=True)
class Channel:
    """A way a supporter may agree to be contacted: its tick-box heading and the column it needs."""

    heading: str
    column: str  # a column to write in besides name, email and postcode; "" for none


CHANNELS: dict[str, Channel] = {
    "email": Channel("Email me", ""),
    "text": Channel("Text me", "Mobile"),
    "phone": Channel("Phone me", "Phone"),
    "post": Channel("Post to me", "Address"),
}
BASE_COLUMNS = ("Name", "Email", "Postcode")
ONLY_AS_TICKED = (
    "We contact you only in the ways you tick, because you agreed; an empty box means no."
)


def columns(campaign: Campaign) -> list[str]:
    """The columns to write in: name, email, postcode, then any a chosen channel needs."""
    extra = [CHANNELS[c].column for c in campaign.signup.channels if CHANNELS[c].column]
    if "Mobile" in extra and "Phone" in extra:
        extra.remove("Mobile")
    return [*BASE_COLUMNS, *dict.fromkeys(extra)]


def notice(campaign: Campaign, t: Translator | None = None) -> list[Markup]:
    """The data-protection notice, sentence by sentence; a blank line for what is not known."""
    t = t or languages.translator(campaign.language, campaign.phrases)
    org, signup = campaign.organisation, campaign.signup
    who = Markup("{}").format(org.name) if org.name else blank(t("who collects these details"))
    purpose = signup.purpose or t(
        "to keep you up to date with {title} and how to take part", title=campaign.title
    )
    if signup.withdraw:
        withdraw = Markup("{}").format(signup.withdraw)
    elif org.email:
        withdraw = Markup('<span class="ltr">{}</span>').format(org.email)
        withdraw = _escaped_fill(t("email {address}"), address=withdraw)
    else:
        withdraw = blank(t("how to reach us"))
    privacy = (
        Markup('<span class="url">{}</span>').format(stall.display_url(signup.privacy_url))
        if signup.privacy_url
        else blank(t("where our privacy notice is"))
    )

    def sentence(text: str, **values: Markup | str) -> Markup:
        return _escaped_fill(t(text), **values)

    return [
        sentence("{who} collects these details {purpose}.", who=who, purpose=purpose.rstrip(".")),
        sentence(ONLY_AS_TICKED),
        sentence("You can withdraw your consent at any time: {withdraw}.", withdraw=withdraw),
        sentence(
            "How we look after your details, how long we keep them and your rights: {privacy}.",
            privacy=privacy,
        ),
    ]


def notice_warnings(campaign: Campaign) -> Iterator[str]:
    """What the notice had to leave for writing in by hand, and the key that would fill it."""
    org, signup = campaign.organisation, campaign.signup
    missing = {
        "organisation.name (who collects the details)": not org.name,
        "organisation.email or signup.withdraw (how to withdraw consent)": not (
            org.email or signup.withdraw
        ),
        "signup.privacy_url (where the privacy notice is)": not signup.privacy_url,
    }
    for key, absent in missing.items():
        if absent:
            yield f"sign-up sheet: no {key} in campaign.yaml: the notice leaves a line to fill in"


def document(campaign: Campaign, rows: int = paper.SIGNUP_SHEET.rows) -> Document:
    """The sign-up sheet, with `rows` rows to write in, as a Document for the PDF layer."""
    sheet = paper.SIGNUP_SHEET
    mm = "{:g}mm".format
    context = stall.context(campaign)
    for part in context["parts"]:
        part["notice"] = notice(part["campaign"], part["t"])
    html = templating.render(
        campaign.root,
        "signup.html",
        **context,
        columns=columns(campaign),
        channels=[CHANNELS[c].heading for c in campaign.signup.channels],
        rows=range(rows),
        notice=context["parts"][0]["notice"],
        notice_has_blanks=any(notice_warnings(campaign)),
    )
    geometry = {
        "page-width": mm(sheet.page.width),
        "page-height": mm(sheet.page.height),
        "page-margin": mm(sheet.margin),
        "row-height": mm(sheet.row_height),
        "box-size": mm(sheet.box),
    }
    return Document(
        html=html,
        stylesheets=STYLESHEETS,
        variables={**geometry, **stall.brand_variables(campaign)},
        name="sign-up sheet",
    )


def document_that_fits(campaign: Campaign, renderer: Renderer) -> Document:
    """The sign-up sheet with as many rows as fit one page in this profile and language."""
    rows = paper.SIGNUP_SHEET.rows
    sheet = document(campaign, rows)
    while rows > paper.SIGNUP_SHEET.fewest_rows and renderer.layout_once(sheet).pages > 1:
        rows -= 1
        sheet = document(campaign, rows)
    return sheet


def _escaped_fill(phrase: str, **values: Markup | str) -> Markup:
    """The words escaped, then each `{name}` filled with its value escaped (never str.format)."""
    return Markup(languages.fill_in(escape(phrase), {k: escape(v) for k, v in values.items()}))
