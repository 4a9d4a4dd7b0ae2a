"""The sign-up sheet: columns to write in, unticked consent boxes and a data-protection notice."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from markupsafe import Markup

from printkit import paper, templating
from printkit.campaign import Campaign
from printkit.pdf import Document
from printkit.products import common
from printkit.products.letter import blank

STYLESHEETS = ("base.css", "signup.css")


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


def columns(campaign: Campaign) -> list[str]:
    """The columns to write in: name, email, postcode, then any a chosen channel needs."""
    extra = [CHANNELS[c].column for c in campaign.signup.channels if CHANNELS[c].column]
    if "Mobile" in extra and "Phone" in extra:
        extra.remove("Mobile")
    return [*BASE_COLUMNS, *dict.fromkeys(extra)]


def notice(campaign: Campaign) -> list[Markup]:
    """The data-protection notice, sentence by sentence; a blank line for what is not known."""
    org, signup = campaign.organisation, campaign.signup
    who = Markup("{}").format(org.name) if org.name else blank("who collects these details")
    purpose = signup.purpose or f"to keep you up to date with {campaign.title} and how to take part"
    if signup.withdraw:
        withdraw = Markup("{}").format(signup.withdraw)
    elif org.email:
        withdraw = Markup("email {}").format(org.email)
    else:
        withdraw = blank("how to reach us")
    privacy = (
        Markup("{}").format(common.display_url(signup.privacy_url))
        if signup.privacy_url
        else blank("where our privacy notice is")
    )
    return [
        Markup("{} collects these details {}.").format(who, purpose.rstrip(".")),
        Markup(
            "We contact you only in the ways you tick, because you agreed; an empty box means no."
        ),
        Markup("You can withdraw your consent at any time: {}.").format(withdraw),
        Markup("How we look after your details, how long we keep them and your rights: {}.").format(
            privacy
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


def document(campaign: Campaign) -> Document:
    """The sign-up sheet as a Document for the PDF layer."""
    sheet = paper.SIGNUP_SHEET
    mm = "{:g}mm".format
    html = templating.render(
        campaign.root,
        "signup.html",
        **common.context(campaign),
        columns=columns(campaign),
        channels=[CHANNELS[c].heading for c in campaign.signup.channels],
        rows=range(sheet.rows),
        notice=notice(campaign),
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
        variables={**geometry, **common.brand_variables(campaign)},
        name="sign-up sheet",
    )
