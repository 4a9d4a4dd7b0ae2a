"""Who represents a postcode: postcodes.io for its constituency and ward, Parliament for its MP."""

from __future__ import annotations

import calendar
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
        by_query = {str(item.get("query", "")): item.get("result") for item in items}
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
    codes = result.get("codes") or {}
    constituency = _text(result.get("parliamentary_constituency")) or _text(
        result.get("parliamentary_constituency_2024")
    )
    if not constituency:
        return f"{postcode!r} has no parliamentary constituency in the postcode directory"
    return Place(
        postcode=_text(result.get("postcode")) or postcode,
        constituency=constituency,
        constituency_code=_text(codes.get("parliamentary_constituency")),
        ward=_text(result.get("admin_ward")),
        ward_code=_text(codes.get("admin_ward")),
        council=_text(result.get("admin_district")),
    )


def _missing(client: net.Client, postcode: str) -> str:
    """Why postcodes.io has no live record of a postcode: terminated, or never existed."""
    path = "/terminated_postcodes/" + urllib.parse.quote(postcode.replace(" ", ""))
    answer = client.get(path)
    result = answer.data.get("result") if isinstance(answer.data, dict) else None
    if answer.status == 200 and isinstance(result, dict):
        month, year = result.get("month_terminated"), result.get("year_terminated")
        when = ""
        if isinstance(month, int) and 1 <= month <= 12:
            when = f" in {calendar.month_name[month]} {year}"
        return (
            f"{postcode!r} is no longer in use (Royal Mail retired it{when}): ask for the new one"
        )
    return f"{postcode!r} is not a postcode Royal Mail uses: check it with the supporter"


def _member(client: net.Client, constituency: str) -> Member | str:
    """The sitting MP for a constituency, by the Members API's constituency search."""
    wanted = fold_name(constituency)
    for page in range(MAX_PAGES):
        params = {"searchText": constituency, "skip": str(page * PAGE), "take": str(PAGE)}
        answer = client.get("/api/Location/Constituency/Search", params)
        items = _expect(client, answer, "items", list)
        for item in items:
            value = item.get("value") if isinstance(item, dict) else None
            if isinstance(value, dict) and _is_current(value, wanted):
                return _sitting(value, constituency)
        total = answer.data.get("totalResults")
        if not isinstance(total, int) or (page + 1) * PAGE >= total:
            break
    return f"Parliament lists no constituency called {constituency!r}"


def _is_current(value: Mapping[str, Any], wanted: str) -> bool:
    """Whether a constituency record is the one named `wanted` and still exists."""
    return fold_name(_text(value.get("name"))) == wanted and not value.get("endDate")


def _sitting(value: Mapping[str, Any], constituency: str) -> Member | str:
    """The MP in a constituency record's current representation, or why there is none."""
    representation = value.get("currentRepresentation") or {}
    member = (representation.get("member") or {}).get("value")
    if not isinstance(member, dict):
        return f"{constituency} has no MP at the moment (the seat is vacant)"
    status = (member.get("latestHouseMembership") or {}).get("membershipStatus") or {}
    if status.get("statusIsActive") is False:
        return f"{constituency}'s MP is not sitting at the moment"
    name = _text(member.get("nameDisplayAs"))
    if not name:
        return f"Parliament gives no name for {constituency}'s MP"
    return Member(
        name=name,
        full_title=_text(member.get("nameFullTitle")) or f"{name} MP",
        salutation=_text(member.get("nameAddressAs")) or name,
        party=_text((member.get("latestParty") or {}).get("name")),
        constituency=_text(value.get("name")) or constituency,
    )


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


def _text(value: object) -> str:
    """A JSON value as clean text; empty for null."""
    return " ".join(str(value).split()) if value is not None else ""


def fold_name(name: str) -> str:
    """A place name for comparison: case, accents' forms, `&`, punctuation and spaces folded."""
    text = unicodedata.normalize("NFKC", name).casefold().replace("&", " and ")
    return " ".join("".join(c if c.isalnum() else " " for c in text).split())
