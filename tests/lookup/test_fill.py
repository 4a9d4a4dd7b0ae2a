"""Tests for finding each supporter's MP or councillor, against local replays of the services."""

from __future__ import annotations

import json
import re
import socket
import textwrap
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from printkit import api
from printkit.cli import main
from printkit.errors import DataError, OutputError, ServiceError
from printkit.lookup import fill as lookup
from printkit.lookup import net
from printkit.lookup.services import Services
from printkit.mail import spreadsheet as records
from printkit.mail.status import rejection

# --- Replays shaped as postcodes.io and the Members API document their answers ---------------

PLACES = {  # postcode -> (2024 constituency, its GSS code, ward, ward code, council)
    "SW1A 1AA": ("Cities of London and Westminster", "E14001172", "St James's", "E05013806",
                 "Westminster"),
    "E8 1DY": ("Hackney North and Stoke Newington", "E14001270", "Hackney Central", "E05009372",
               "Hackney"),
    "IV1 1AA": ("Inverness, Skye and West Ross-shire", "S14000100", "Inverness Central",
                "S13002911", "Highland"),
    # postcodes.io spells the Welsh seat without its circumflex; Parliament spells it with one.
    "SY21 7AA": ("Montgomeryshire and Glyndwr", "W07000102", "Welshpool Castle", "W05001039",
                 "Powys"),  # the ward code is only shaped like one
    "BT20 4AA": ("North Down", "N05000012", "Castle", "N08001111", "Ards and North Down"),
}  # fmt: skip
# Before postcodes.io 17.0.0 the unsuffixed fields still held the pre-2024 seats.
LEGACY = {"SY21 7AA": ("Montgomeryshire", "W07000063")}
TERMINATED = {"E1W1UU": (2007, 12)}
MPS = {  # constituency -> (nameDisplayAs, nameFullTitle, nameAddressAs, party) or None: vacant
    "Cities of London and Westminster": ("Alex Sample", "Alex Sample MP", "Ms Sample", "Labour"),
    "Hackney North and Stoke Newington": ("Sam Example", "Rt Hon Sam Example MP", "Mr Example",
                                          "Independent"),
    "Inverness, Skye and West Ross-shire": None,
    "Montgomeryshire and Glyndŵr": ("Steve Witherden", "Steve Witherden MP", "Mr Witherden",
                                    "Labour"),
    "North Down": ("Alex Easton", "Alex Easton MP", "Mr Easton", "Independent"),
}  # fmt: skip


def postcode_result(postcode: str) -> dict[str, Any] | None:
    """A postcodes.io postcode record (the fields printkit reads, among others), or None."""
    if postcode not in PLACES:
        return None
    constituency, code, ward, ward_code, council = PLACES[postcode]
    legacy, legacy_code = LEGACY.get(postcode, (constituency, code))
    return {
        "postcode": postcode,
        "quality": 1,
        "country": "England",
        "outcode": postcode.split()[0],
        "incode": postcode.split()[1],
        "parliamentary_constituency": legacy,
        "parliamentary_constituency_2024": constituency,
        "admin_district": council,
        "admin_ward": ward,
        "codes": {"admin_district": "E09000033", "admin_ward": ward_code,
                  "parliamentary_constituency": legacy_code,
                  "parliamentary_constituency_2024": code},
    }  # fmt: skip


def bulk_postcodes(request: Request) -> Response:
    """POST /postcodes: {"postcodes": [...]} -> {"status": 200, "result": [{query, result}]}."""
    queries = request.get_json()["postcodes"]
    if len(queries) > 100:
        return json_response({"status": 400, "error": "Too many postcodes"}, 400)
    result = [{"query": q, "result": postcode_result(q)} for q in queries]
    return json_response({"status": 200, "result": result})


def terminated(request: Request) -> Response:
    """GET /terminated_postcodes/:postcode: the termination date, or 404."""
    postcode = urllib.parse.unquote(request.path.rsplit("/", 1)[1]).upper()
    if postcode not in TERMINATED:
        return json_response({"status": 404, "error": "Terminated postcode not found"}, 404)
    year, month = TERMINATED[postcode]
    result = {"postcode": "E1W 1UU", "year_terminated": year, "month_terminated": month,
              "longitude": -0.051135, "latitude": 51.508774}  # fmt: skip
    return json_response({"status": 200, "result": result})


def constituency_search(request: Request) -> Response:
    """GET /api/Location/Constituency/Search?searchText=: items of {value: Constituency}.

    Like the service, the match is on the name's own letters: "Glyndwr" does not find "Glyndŵr".
    """
    text = request.args["searchText"].casefold()
    items = [
        {"value": constituency(name, 4000 + number), "links": []}
        for number, name in enumerate(MPS)
        if text in name.casefold()
    ]
    if "westminster" in text:  # an abolished seat of the same name: must be skipped
        old = constituency("Cities of London and Westminster", 3000)
        old["endDate"] = "2024-05-30T00:00:00"
        items.insert(0, {"value": old, "links": []})
    body = {"items": items, "totalResults": len(items), "resultContext": text,
            "skip": 0, "take": 20, "links": []}  # fmt: skip
    return json_response(body)


THUMBNAILS = "https://members-api.parliament.uk/api/Members"
ENDED: dict[str, str] = {}  # constituency -> the day its MP's membership ended


def membership(name: str, ident: int, ended: str | None = None) -> dict[str, Any]:
    """A HouseMembership as the Members API's OpenAPI document describes it."""
    status = None if ended else {
        "statusIsActive": True, "statusDescription": "Current Member", "statusNotes": None,
        "statusId": 0, "status": 0, "statusStartDate": "2024-07-04T00:00:00",
    }  # fmt: skip
    return {
        "membershipFrom": name, "membershipFromId": ident, "house": 1,
        "membershipStartDate": "2024-07-04T00:00:00", "membershipEndDate": ended,
        "membershipEndReason": "Resigned" if ended else None, "membershipEndReasonNotes": None,
        "membershipEndReasonId": 6 if ended else None, "membershipStatus": status,
    }  # fmt: skip


def constituency(name: str, ident: int) -> dict[str, Any]:
    """A Members API Constituency with its current representation (null member: vacant)."""
    mp = MPS.get(name)
    ended = ENDED.get(name)
    representation = None
    if mp:
        member = {
            "value": {
                "id": ident + 1, "nameListAs": "Sample, Alex", "nameDisplayAs": mp[0],
                "nameFullTitle": mp[1], "nameAddressAs": mp[2], "gender": "F",
                "latestParty": {"id": 15, "name": mp[3], "abbreviation": mp[3][:3],
                                "backgroundColour": "d50000", "foregroundColour": "ffffff",
                                "isLordsMainParty": True, "isLordsSpiritualParty": False,
                                "governmentType": 0, "isIndependentParty": False},
                "latestHouseMembership": membership(name, ident, ended),
                "thumbnailUrl": f"{THUMBNAILS}/{ident + 1}/Thumbnail",
            },
            "links": [],
        }  # fmt: skip
        representation = {"member": member, "representation": membership(name, ident, ended)}
    return {
        "id": ident,
        "name": name,
        "startDate": "2024-07-04T00:00:00",
        "endDate": None,
        "currentRepresentation": representation,
    }


def json_response(body: object, status: int = 200) -> Response:
    return Response(json.dumps(body), status=status, content_type="application/json")


# --- Fixtures ----------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def offline_only(local_network_only: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test reaches past this machine, and none writes to the user's cache."""
    monkeypatch.setenv(net.CACHE_ENV, str(tmp_path / "cache"))
    monkeypatch.setattr(net, "DEFAULT_TIMEOUT", 0.5)
    monkeypatch.setattr(net, "DEFAULT_BACKOFF", 0.0)


@pytest.fixture
def server(httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> Iterator[HTTPServer]:
    """Both services replayed on one local server, named by the environment variables."""
    httpserver.expect_request("/postcodes", method="POST").respond_with_handler(bulk_postcodes)
    httpserver.expect_request(re.compile(r"^/terminated_postcodes/.+")).respond_with_handler(
        terminated
    )
    httpserver.expect_request("/api/Location/Constituency/Search").respond_with_handler(
        constituency_search
    )
    monkeypatch.setenv("PRINTKIT_POSTCODES_URL", httpserver.url_for("/"))
    monkeypatch.setenv("PRINTKIT_MEMBERS_URL", httpserver.url_for("/"))
    yield httpserver


@pytest.fixture
def services(server: HTTPServer) -> Services:
    return Services.default(use_cache=False, timeout=0.5, attempts=2, backoff=0)


@pytest.fixture
def many() -> Iterator[list[str]]:
    """250 different postcodes, all in one constituency."""
    codes = [f"N{o} {n}A{c}" for o in (1, 2) for n in range(10) for c in "ABDEFGHJLNPQRSTUWXYZ"]
    codes = codes[:250]
    PLACES.update({code: PLACES["SW1A 1AA"] for code in codes})
    yield codes
    for code in codes:
        del PLACES[code]


@pytest.fixture
def write_csv(tmp_path: Path) -> Callable[[str], Path]:
    def write(text: str, name: str = "supporters.csv") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write


SUPPORTERS = """\
    Name,Address 1,Town,Postcode,MP name,Party
    Jo Bloggs,1 Acacia Avenue,London,sw1a1aa,,
    Ann Other,2 Mare Street,London,E8 1DY,,
    Kept Person,3 High Street,London,SW1A 1AA,Dr Own Choice,
    Partly Kept,4 High Street,London,E8 1DY,,Their party
    Jersey Person,5 Rue,St Helier,JE2 3AB,,
    Old Code,6 Wapping Lane,London,E1W 1UU,,
    No Such,7 Nowhere,London,SW9 9ZZ,,
    Typo Person,8 Lane,London,SW1A 1AO,,
    Vacant Seat,9 Road,Inverness,IV1 1AA,,
    """


def values(table: records.Table, number: int) -> dict[str, str]:
    return dict(next(row for row in table.rows if row.number == number).values)


# --- Filling a table ---------------------------------------------------------------------------


def test_fills_mp_columns_from_postcode(write_csv: Callable[..., Path], services: Services) -> None:
    table, counts = lookup.fill_table(records.read_table(write_csv(SUPPORTERS)), services=services)
    assert table.headers[-4:] == ("MP full title", "MP salutation", "Constituency", "Lookup status")
    row = values(table, 2)
    assert row["MP name"] == "Alex Sample"
    assert row["MP full title"] == "Alex Sample MP"
    assert row["MP salutation"] == "Ms Sample"
    assert row["Constituency"] == "Cities of London and Westminster"
    assert row["Party"] == "Labour"
    assert row["Lookup status"] == "found"
    assert values(table, 3)["MP full title"] == "Rt Hon Sam Example MP"
    assert counts == lookup.LookupCounts(filled=3, kept=1, not_found=5)
    assert counts.summary() == "MPs for 9 rows: 3 filled, 1 kept, 5 not found"


def test_the_organisers_values_are_kept(write_csv: Callable[..., Path], services: Services) -> None:
    table, _ = lookup.fill_table(records.read_table(write_csv(SUPPORTERS)), services=services)
    kept = values(table, 4)
    assert (kept["MP name"], kept["Lookup status"], kept.get("Party")) == (
        "Dr Own Choice",
        "kept",
        "",
    )
    partly = values(table, 5)
    assert partly["MP name"] == "Sam Example"  # filled
    assert partly["Party"] == "Their party"  # the organiser's word wins


@pytest.mark.parametrize(
    ("number", "reason"),
    [
        (6, "Jersey postcode: the Crown Dependencies (Jersey, Guernsey, Isle of Man) have no MP"),
        (7, "'E1W 1UU' is no longer in use (Royal Mail retired it in December 2007)"),
        (8, "'SW9 9ZZ' is not a postcode Royal Mail uses: check it with the supporter"),
        (9, "'SW1A 1AO' is not a valid UK postcode"),
        (10, "Inverness, Skye and West Ross-shire has no MP at the moment (the seat is vacant)"),
    ],
)
def test_a_row_without_an_mp_says_why(
    write_csv: Callable[..., Path], services: Services, number: int, reason: str
) -> None:
    table, _ = lookup.fill_table(records.read_table(write_csv(SUPPORTERS)), services=services)
    row = next(row for row in table.rows if row.number == number)
    assert row.values["Lookup status"].startswith("not found: ")
    assert reason in row.values["Lookup status"]
    assert reason in (rejection(table, row) or "")
    assert row.values["MP name"] == ""


def test_rejection_is_none_for_found_and_kept_rows(
    write_csv: Callable[..., Path], services: Services
) -> None:
    table, _ = lookup.fill_table(records.read_table(write_csv(SUPPORTERS)), services=services)
    assert [rejection(table, row) for row in table.rows[:4]] == [None] * 4


def test_existing_columns_are_filled_under_their_own_names(
    write_csv: Callable[..., Path], services: Services
) -> None:
    path = write_csv("name,post_code,mp_name,lookup-status\nJo,SW1A 1AA,,old\n")
    table, _ = lookup.fill_table(
        records.read_table(path, {"Postcode": "post_code"}), services=services
    )
    assert table.headers[:4] == ("name", "post_code", "mp_name", "lookup-status")
    assert values(table, 2)["mp_name"] == "Alex Sample"
    assert values(table, 2)["lookup-status"] == "found"


def test_the_abolished_seat_of_the_same_name_is_skipped(
    write_csv: Callable[..., Path], services: Services
) -> None:
    table, _ = lookup.fill_table(
        records.read_table(write_csv("Name,Postcode\nJo,SW1A 1AA\n")), services=services
    )
    assert values(table, 2)["MP name"] == "Alex Sample"


def test_more_than_100_postcodes_go_in_batches_of_100(
    write_csv: Callable[..., Path], server: HTTPServer, services: Services, many: list[str]
) -> None:
    rows = "".join(f"P{n},{code}\n" for n, code in enumerate(many))
    table, counts = lookup.fill_table(
        records.read_table(write_csv("Name,Postcode\n" + rows)), services=services
    )
    sizes = [
        len(json.loads(request.data)["postcodes"])
        for request, _ in server.log
        if request.path == "/postcodes"
    ]
    assert sizes == [100, 100, 50]
    assert counts.filled == 250
    assert {row.values["MP name"] for row in table.rows} == {"Alex Sample"}


def test_only_postcodes_leave_the_machine(
    write_csv: Callable[..., Path], server: HTTPServer, services: Services
) -> None:
    path = write_csv(SUPPORTERS)
    lookup.fill_table(records.read_table(path), services=services)
    sent = " ".join(
        request.get_data(as_text=True) + " " + urllib.parse.unquote(request.full_path)
        for request, _ in server.log
    ).casefold()
    private = ["Bloggs", "Ann Other", "Acacia", "Mare Street", "Wapping", "St Helier", "Nowhere"]
    for secret in private:
        assert secret.casefold() not in sent
    assert "je2" not in sent  # a Crown Dependency postcode is answered locally
    assert "dr own choice" not in sent and "their party" not in sent
    for request, _ in server.log:
        if request.path == "/postcodes":
            assert set(request.get_json()) == {"postcodes"}
        elif request.path.startswith("/api/"):
            assert set(request.args) == {"searchText", "skip", "take"}  # constituency names only


def test_rows_with_the_mp_already_named_are_not_looked_up(
    write_csv: Callable[..., Path], server: HTTPServer, services: Services
) -> None:
    path = write_csv("Name,Postcode,MP name\nJo,SW1A 1AA,Dr Own Choice\n")
    _, counts = lookup.fill_table(records.read_table(path), services=services)
    assert counts == lookup.LookupCounts(kept=1)
    assert server.log == []


def test_a_missing_postcode_column_says_how_to_name_it(
    write_csv: Callable[..., Path], services: Services
) -> None:
    with pytest.raises(DataError) as caught:
        lookup.fill_table(records.read_table(write_csv("Name,Town\nJo,Leeds\n")), services=services)
    assert "there is no postcode column" in str(caught.value)
    assert '--map "Postcode=<column>"' in str(caught.value)


# --- Failures: nothing written, the input untouched ------------------------------------------


def test_service_down_after_the_first_batch_writes_nothing(
    write_csv: Callable[..., Path], httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path, many: list[str],
) -> None:  # fmt: skip
    calls = []

    def first_then_fail(request: Request) -> Response:
        calls.append(request)
        return bulk_postcodes(request) if len(calls) == 1 else json_response({"status": 500}, 500)

    httpserver.expect_request("/postcodes", method="POST").respond_with_handler(first_then_fail)
    monkeypatch.setenv("PRINTKIT_POSTCODES_URL", httpserver.url_for("/"))
    monkeypatch.setenv("PRINTKIT_MEMBERS_URL", httpserver.url_for("/"))
    rows = "".join(f"P{n},{code}\n" for n, code in enumerate(many[:150]))
    path = write_csv("Name,Postcode\n" + rows)
    before = path.read_bytes()
    target = tmp_path / "out.csv"
    with pytest.raises(ServiceError) as caught:
        api.lookup(path, target)
    message = str(caught.value)
    assert "postcodes.io" in message and "HTTP 500" in message
    assert "nothing was written" in message
    assert len(calls) == 1 + net.DEFAULT_ATTEMPTS  # one batch answered, then every retry failed
    assert not target.exists()
    assert [p.name for p in tmp_path.glob("*.csv")] == ["supporters.csv"]
    assert list(tmp_path.glob(".*.part")) == []
    assert path.read_bytes() == before


def test_a_timeout_is_a_clear_error(write_csv: Callable[..., Path], httpserver: HTTPServer) -> None:
    release = threading.Event()

    def slow(request: Request) -> Response:
        release.wait(2)
        return bulk_postcodes(request)

    httpserver.expect_request("/postcodes", method="POST").respond_with_handler(slow)
    services = Services.default(
        use_cache=False, postcodes_url=httpserver.url_for("/"), members_url=httpserver.url_for("/"),
        timeout=0.1, attempts=1,
    )  # fmt: skip
    with pytest.raises(ServiceError, match="did not answer in time"):
        lookup.fill_table(
            records.read_table(write_csv("Name,Postcode\nJo,SW1A 1AA\n")), services=services
        )
    release.set()  # let the server finish the request before the next test
    deadline = time.monotonic() + 2
    while not httpserver.log and time.monotonic() < deadline:
        time.sleep(0.01)


def test_offline_is_a_clear_error(write_csv: Callable[..., Path], tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port that nothing listens on
        probe.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{probe.getsockname()[1]}"
    path = write_csv("Name,Postcode\nJo,SW1A 1AA\n")
    with pytest.raises(ServiceError) as caught:
        lookup.fill_table(
            records.read_table(path),
            services=Services.default(
                use_cache=False, postcodes_url=url, members_url=url, attempts=2
            ),
        )
    assert "cannot get an answer from postcodes.io (127.0.0.1" in str(caught.value)
    assert "tried 2 times" in str(caught.value)


def test_output_may_not_be_the_input(write_csv: Callable[..., Path], server: HTTPServer) -> None:
    path = write_csv(SUPPORTERS)
    before = path.read_bytes()
    with pytest.raises(OutputError, match="is one of this run's inputs"):
        api.lookup(path, path)
    assert path.read_bytes() == before


# --- The library call and the command ------------------------------------------------------


def test_api_lookup_writes_an_excel_safe_copy(
    write_csv: Callable[..., Path], server: HTTPServer, tmp_path: Path
) -> None:
    path = write_csv(SUPPORTERS)
    before = path.read_bytes()
    outcome = api.lookup(path, tmp_path / "with-mps.csv")
    assert outcome.summary == "MPs for 9 rows: 3 filled, 1 kept, 5 not found"
    assert len(outcome.warnings) == 5 and "row 6" in str(outcome.warnings[0])
    assert path.read_bytes() == before
    written = (tmp_path / "with-mps.csv").read_bytes()
    assert written.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, as Excel wants
    again = records.read_table(tmp_path / "with-mps.csv")
    assert again.value(again.rows[0], "MP name") == "Alex Sample"
    assert again.value(again.rows[0], "Lookup status") == "found"


def test_cli_lookup(write_csv: Callable[..., Path], server: HTTPServer, tmp_path: Path) -> None:
    path = write_csv(SUPPORTERS)
    target = tmp_path / "out.csv"
    result = CliRunner().invoke(main, ["lookup", "--data", str(path), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert str(target) in result.stdout
    assert "3 filled, 1 kept, 5 not found" in result.stdout
    assert "Jersey" in result.output


def test_cli_lookup_service_down(
    write_csv: Callable[..., Path], httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:  # fmt: skip
    httpserver.expect_request("/postcodes").respond_with_json({"status": 503}, status=503)
    monkeypatch.setenv("PRINTKIT_POSTCODES_URL", httpserver.url_for("/"))
    monkeypatch.setenv("PRINTKIT_MEMBERS_URL", httpserver.url_for("/"))
    target = tmp_path / "out.csv"
    result = CliRunner().invoke(
        main, ["lookup", "--data", str(write_csv(SUPPORTERS)), "-o", str(target)]
    )
    assert result.exit_code == 1
    assert "error: cannot get an answer from postcodes.io" in result.output
    assert "Traceback" not in result.output
    assert not target.exists()


def test_cli_help_names_the_licence_and_what_is_sent() -> None:
    result = CliRunner().invoke(main, ["lookup", "--help"])
    assert "Contains Parliamentary information licensed under the" in result.output
    assert "Open Parliament Licence v3.0" in result.output
    assert "Only the postcodes leave this computer" in result.output


def test_cli_bad_map(write_csv: Callable[..., Path]) -> None:
    result = CliRunner().invoke(
        main, ["lookup", "--data", str(write_csv(SUPPORTERS)), "--map", "x"]
    )
    assert result.exit_code == 2
    assert "LABEL=COLUMN" in result.output


# --- Councillors -----------------------------------------------------------------------------

COUNCILLOR_CAMPAIGN = """\
    title: Save Elm Road Library
    letter:
      to: councillor
      recipient_address: [Town Hall, 1 Market Square, SPRINGFIELD, SP1 1AA]
      text: "Dear [Councillor name], [Your name]"
    """


@pytest.fixture
def councillor_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "library"
    folder.mkdir()
    (folder / "campaign.yaml").write_text(textwrap.dedent(COUNCILLOR_CAMPAIGN), encoding="utf-8")
    (folder / "councillors.csv").write_text(
        "Ward,Council,Councillor name,Councillor email\n"
        "St James's,Westminster,Cllr Pat Ward,pat@example.org\n"
        "St James's,Westminster,Cllr Second,second@example.org\n"
        "St James's,Elsewhere,Wrong Council,\n",
        encoding="utf-8",
    )
    return folder


def test_councillors_come_from_the_campaigns_file_by_ward(
    write_csv: Callable[..., Path], services: Services, councillor_folder: Path
) -> None:
    path = write_csv("Name,Postcode\nJo,SW1A 1AA\nAnn,E8 1DY\n")
    table, counts = lookup.fill_table(
        records.read_table(path), recipient="councillor", campaign_root=councillor_folder,
        services=services,
    )  # fmt: skip
    first = values(table, 2)
    assert first["Councillor name"] == "Cllr Pat Ward"  # the first row for the ward
    assert first["Councillor email"] == "pat@example.org"
    assert (first["Ward"], first["Council"], first["Lookup status"]) == (
        "St James's", "Westminster", "found"
    )  # fmt: skip
    assert "MP name" not in table.headers
    assert rejection(table, table.rows[1]) == (
        "ward 'Hackney Central' (Hackney) is not in councillors.csv: add a row for it"
    )
    assert counts == lookup.LookupCounts(filled=1, not_found=1)


def test_councillor_lookup_asks_parliament_nothing(
    write_csv: Callable[..., Path], server: HTTPServer, services: Services, councillor_folder: Path
) -> None:
    lookup.fill_table(
        records.read_table(write_csv("Name,Postcode\nJo,SW1A 1AA\n")), recipient="councillor",
        campaign_root=councillor_folder, services=services,
    )  # fmt: skip
    assert [request.path for request, _ in server.log] == ["/postcodes"]


def test_api_lookup_for_a_councillor_campaign(
    write_csv: Callable[..., Path], server: HTTPServer, councillor_folder: Path, tmp_path: Path
) -> None:
    outcome = api.lookup(
        write_csv("Name,Postcode\nJo,SW1A 1AA\n"), tmp_path / "o.csv", councillor_folder
    )
    assert outcome.summary == "councillors for 1 row: 1 filled, 0 kept, 0 not found"


def test_a_missing_councillors_file_says_what_to_make(
    write_csv: Callable[..., Path], services: Services, tmp_path: Path
) -> None:
    with pytest.raises(DataError) as caught:
        lookup.fill_table(
            records.read_table(write_csv("Name,Postcode\nJo,SW1A 1AA\n")), recipient="councillor",
            campaign_root=tmp_path, services=services,
        )  # fmt: skip
    assert "there is no councillors file" in str(caught.value)
    assert "Ward, Council and Councillor name" in str(caught.value)


def test_councillors_by_ward_code(
    write_csv: Callable[..., Path], services: Services, tmp_path: Path
) -> None:
    (tmp_path / "councillors.csv").write_text("Ward,Councillor name\ne05009372,Cllr Code\n")
    table, _ = lookup.fill_table(
        records.read_table(write_csv("Name,Postcode\nAnn,E8 1DY\n")), recipient="councillor",
        campaign_root=tmp_path, services=services,
    )  # fmt: skip
    assert values(table, 2)["Councillor name"] == "Cllr Code"


def test_other_recipients_have_no_one_to_look_up(
    write_csv: Callable[..., Path], services: Services
) -> None:
    with pytest.raises(DataError, match="there is no one to look up"):
        lookup.fill_table(
            records.read_table(write_csv("Name,Postcode\nJo,SW1A 1AA\n")), recipient="other",
            services=services,
        )  # fmt: skip


def test_letter_lookup_fills_mps_then_prints_and_rejects_with_reasons(
    write_csv: Callable[..., Path], server: HTTPServer, tmp_path: Path
) -> None:
    data = write_csv(SUPPORTERS)
    result = CliRunner().invoke(main, ["letter", "--data", str(data), "--lookup", "--jobs", "1",
                                       "-o", str(tmp_path / "letters.pdf")])  # fmt: skip
    assert result.exit_code == 0, result.output
    summary = result.stdout.splitlines()[-1]
    assert summary.startswith("MPs for 9 rows: 3 filled, 1 kept, 5 not found; 4 letters, 5 rows")
    manifest = (tmp_path / "letters-manifest.csv").read_text(encoding="utf-8-sig")
    assert "Alex Sample MP" in manifest and "Dr Own Choice MP" in manifest
    rejects = (tmp_path / "letters-rejects.csv").read_text(encoding="utf-8-sig")
    assert "Jersey" in rejects and "lookup: " in rejects
    assert data.read_text(encoding="utf-8") == textwrap.dedent(SUPPORTERS)  # input untouched


# --- The services as they really answer --------------------------------------------------------


def test_the_2024_constituency_is_read_before_the_old_one(
    write_csv: Callable[..., Path], services: Services
) -> None:
    table, _ = lookup.fill_table(
        records.read_table(write_csv("Name,Postcode\nSiân,SY21 7AA\n")), services=services
    )
    row = values(table, 2)
    assert row["Constituency"] == "Montgomeryshire and Glyndŵr"  # Parliament's spelling
    assert row["MP name"] == "Steve Witherden"
    assert row["Lookup status"] == "found"


def test_accents_do_not_split_a_welsh_seat(services: Services) -> None:
    from printkit.lookup.services import fold_name, members

    assert fold_name("Montgomeryshire and Glyndŵr") == fold_name("Montgomeryshire and Glyndwr")
    found = members(services.members, ["Montgomeryshire and Glyndwr"])
    assert getattr(found["Montgomeryshire and Glyndwr"], "name", None) == "Steve Witherden"


def test_a_member_whose_membership_ended_is_a_vacancy(
    write_csv: Callable[..., Path], services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(ENDED, "North Down", "2025-01-31T00:00:00")
    table, counts = lookup.fill_table(
        records.read_table(write_csv("Name,Postcode\nJo,BT20 4AA\n")), services=services
    )
    assert counts.not_found == 1
    assert rejection(table, table.rows[0]) == (
        "North Down has no MP at the moment: its MP left the House of Commons on 31 January 2025"
        " (the seat is vacant)"
    )
    assert values(table, 2).get("MP name", "") == ""


@pytest.mark.parametrize(
    ("postcode", "code", "ward"),
    [("IV1 1AA", "S13002911", "Inverness Central"), ("BT20 4AA", "N08001111", "Castle")],
)  # fmt: skip
def test_scottish_and_northern_irish_ward_codes_find_their_councillor(
    write_csv: Callable[..., Path], services: Services, tmp_path: Path,
    postcode: str, code: str, ward: str,
) -> None:  # fmt: skip
    (tmp_path / "councillors.csv").write_text(f"Ward,Councillor name\n{code.lower()},Cllr Code\n")
    table, _ = lookup.fill_table(
        records.read_table(write_csv(f"Name,Postcode\nAnn,{postcode}\n")),
        recipient="councillor", campaign_root=tmp_path, services=services,
    )  # fmt: skip
    assert values(table, 2)["Councillor name"] == "Cllr Code"
    assert values(table, 2)["Ward"] == ward
