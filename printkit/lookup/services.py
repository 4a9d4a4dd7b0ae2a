"""Who represents a postcode: postcodes.io for its constituency and ward, Parliament for its MP."""

from __future__ import annotations

import calendar
import datetime
import os
import unicodedata
import urllib.parse
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from printkit.errors import Problem, ServiceError
from printkit.lookup import net

POSTCODES_URL = "https://api.postcodes.io"
MEMBERS_URL = "https://members-api.parliament.uk"
POSTCODES_ENV = "PRINTKIT_POSTCODES_URL"
MEMBERS_ENV = "PRINTKIT_MEMBERS_URL"
BATCH = 100  # postcodes.io's bulk lookup takes at most 100 postcodes a request
PAGE = 20  # the Members API's largest page
CONSTITUENCY_FIELDS = ("parliamentary_constituency_2024", "parliamentary_constituency")
MAX_PAGES = 5  # constituency searches are by exact name: the match is on the first page or two


@dataclass(frozen=True)
class Place:
    """What postcodes.io says about a live postcode: constituency, ward and council."""

    postcode: str
    constituency: str
    constituency_code: str
    ward: str
    ward_code: str
    council: str


@dataclass(frozen=True)
class Member:
    """A sitting MP as the Members API names them."""

    name: str  # nameDisplayAs: "Diane Abbott"
    full_title: str  # nameFullTitle: "Rt Hon Diane Abbott MP"
    salutation: str  # nameAddressAs: "Ms Abbott"
    party: str
    constituency: str


@dataclass(frozen=True)
class Services:
    """The two services lookup asks, each a net.Client."""

    postcodes: net.Client
    members: net.Client

    @classmethod
    def default(
        cls,
        *,
        use_cache: bool = True,
        postcodes_url: str | None = None,
        members_url: str | None = None,
        timeout: float | None = None,
        attempts: int | None = None,
        backoff: float | None = None,
    ) -> Services:
        """The public services (or those the arguments or environment name), cached or not."""
        postcodes = postcodes_url or os.environ.get(POSTCODES_ENV) or POSTCODES_URL
        members = members_url or os.environ.get(MEMBERS_ENV) or MEMBERS_URL
        settings: dict[str, Any] = {  # net's defaults, read now so that tests can shorten them
            "timeout": net.DEFAULT_TIMEOUT if timeout is None else timeout,
            "attempts": net.DEFAULT_ATTEMPTS if attempts is None else attempts,
            "backoff": net.DEFAULT_BACKOFF if backoff is None else backoff,
            "cache": net.default_cache() if use_cache else None,
        }
        return cls(
            net.Client("postcodes.io", postcodes, **settings),
            net.Client("the UK Parliament Members API", members, **settings),
        )


def places(client: net.Client, postcodes: Sequence[str]) -> dict[str, Place | str]:
    """Each postcode's Place, or the reason it has none; bulk requests of up to 100."""
    found: dict[str, Place | str] = {}
    for batch in _batches(list(dict.fromkeys(postcodes)), BATCH):
        answer = client.post("/postcodes", {"postcodes": batch})
        items = _expect(client, answer, "result", list)
        by_query = {_text(_dict(item).get("query")): _dict(item).get("result") for item in items}
        for postcode in batch:
            result = by_query.get(postcode)
            found[postcode] = (
                _place(postcode, result) if isinstance(result, dict) else _missing(client, postcode)
            )
    return found


def members(client: net.Client, constituencies: Iterable[str]) -> dict[str, Member | str]:
    """Each constituency's sitting MP, or the reason there is none."""
    return {name: _member(client, name) for name in dict.fromkeys(constituencies)}


def _batches(items: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _place(postcode: str, result: Mapping[str, Any]) -> Place | str:
    """The Place in a postcodes.io result, or why the postcode has no constituency."""
    codes = _dict(result.get("codes"))
    # `_2024` is the current seat on every postcodes.io; before its 17.0.0 the plain field
    # still named the seat of the old boundaries.
    field = next((f for f in CONSTITUENCY_FIELDS if _text(result.get(f))), CONSTITUENCY_FIELDS[-1])
    constituency = _text(result.get(field))
    if not constituency:
        return f"{postcode!r} has no parliamentary constituency in the postcode directory"
    return Place(
        postcode=_text(result.get("postcode")) or postcode,
        constituency=constituency,
        constituency_code=_text(codes.get(field)),
        ward=_text(result.get("admin_ward")),
        ward_code=_text(codes.get("admin_ward")),
        council=_text(result.get("admin_district")),
    )


def _missing(client: net.Client, postcode: str) -> str:
    """Why postcodes.io has no live record of a postcode: terminated, or never existed."""
    path = "/terminated_postcodes/" + urllib.parse.quote(postcode.replace(" ", ""))
    answer = client.get(path)
    result = _dict(answer.data).get("result")
    if answer.status == 200 and isinstance(result, dict):
        month, year = result.get("month_terminated"), result.get("year_terminated")
        when = ""
        if isinstance(month, int) and 1 <= month <= 12 and isinstance(year, int):
            when = f" in {calendar.month_name[month]} {year}"
        return (
            f"{postcode!r} is no longer in use (Royal Mail retired it{when}): ask for the new one"
        )
    return f"{postcode!r} is not a postcode Royal Mail uses: check it with the supporter"


def _member(client: net.Client, constituency: str) -> Member | str:
    """The sitting MP for a constituency, by the Members API's constituency search.

    Parliament spells some names with accents that postcodes.io leaves out (Glyndŵr,
    Glyndwr): names are compared folded, and when the whole name finds nothing the
    first word is searched for too.
    """
    wanted = fold_name(constituency)
    words = constituency.split()
    for text in dict.fromkeys([constituency, *words[:1]]):
        value = _search(client, text, wanted)
        if value is not None:
            return _sitting(value, constituency)
    return f"Parliament lists no constituency called {constituency!r}"


def _search(client: net.Client, text: str, wanted: str) -> Mapping[str, Any] | None:
    """The current constituency record named `wanted` among those whose names hold `text`."""
    for page in range(MAX_PAGES):
        params = {"searchText": text, "skip": str(page * PAGE), "take": str(PAGE)}
        answer = client.get("/api/Location/Constituency/Search", params)
        for item in _expect(client, answer, "items", list):
            value = _dict(_dict(item).get("value"))
            if _is_current(value, wanted):
                return value
        total = answer.data.get("totalResults")
        if not isinstance(total, int) or (page + 1) * PAGE >= total:
            break
    return None


def _is_current(value: Mapping[str, Any], wanted: str) -> bool:
    """Whether a constituency record is the one named `wanted` and still exists."""
    return (
        bool(value) and fold_name(_text(value.get("name"))) == wanted and not value.get("endDate")
    )


def _sitting(value: Mapping[str, Any], constituency: str) -> Member | str:
    """The MP in a constituency record's current representation, or why there is none."""
    current = _dict(value.get("currentRepresentation"))
    member = _dict(_dict(current.get("member")).get("value"))
    if not member:
        return f"{constituency} has no MP at the moment (the seat is vacant)"
    house = _dict(member.get("latestHouseMembership"))
    for membership in (_dict(current.get("representation")), house):
        ended = _ended(membership)
        if ended:
            return (
                f"{constituency} has no MP at the moment: its MP left the House of Commons"
                f" on {ended} (the seat is vacant)"
            )
    status = _dict(house.get("membershipStatus"))
    if status.get("statusIsActive") is False:
        return f"{constituency}'s MP is not sitting at the moment"
    name = _text(member.get("nameDisplayAs"))
    if not name:
        return f"Parliament gives no name for {constituency}'s MP"
    return Member(
        name=name,
        full_title=_text(member.get("nameFullTitle")) or f"{name} MP",
        salutation=_text(member.get("nameAddressAs")) or name,
        party=_text(_dict(member.get("latestParty")).get("name")),
        constituency=_text(value.get("name")) or constituency,
    )


def _ended(membership: Mapping[str, Any]) -> str:
    """The day a House membership ended ("4 July 2024"), or "" while it lasts."""
    end = membership.get("membershipEndDate")
    if not end:
        return ""
    try:
        day = datetime.datetime.fromisoformat(str(end)).date()
    except ValueError:
        return str(end)  # a date printkit cannot read: not to be taken as still sitting
    if day > datetime.date.today():
        return ""
    return f"{day.day} {day:%B %Y}"


def _expect(client: net.Client, answer: net.Response, key: str, kind: type) -> Any:
    """`answer.data[key]` when it is a `kind`; a ServiceError when the answer has another shape."""
    data = answer.data
    if answer.status == 200 and isinstance(data, dict) and isinstance(data.get(key), kind):
        return data[key]
    raise ServiceError(
        Problem(
            f"{client.name} sent an answer printkit does not understand"
            f" (HTTP {answer.status}, no {key!r} {kind.__name__})",
            hint="the service may have changed: update printkit, or try again later",
        )
    )


def _dict(value: object) -> Mapping[str, Any]:
    """`value` when it is a JSON object, else an empty one: an oddly shaped answer is an absence."""
    return value if isinstance(value, dict) else {}


def _text(value: object) -> str:
    """A JSON string or number as clean text; empty for null and for anything else."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return ""
    return " ".join(str(value).split())


def fold_name(name: str) -> str:
    """A place name for comparison: case, accents (ŵ = w), `&`, punctuation and spaces folded."""
    text = unicodedata.normalize("NFKD", name.replace("&", " and ")).casefold()
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join("".join(c if c.isalnum() else " " for c in text).split())
