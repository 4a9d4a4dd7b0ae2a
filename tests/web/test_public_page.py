"""The supporter page through Starlette's test client: one form in, the letter out, nothing kept."""

from __future__ import annotations

import base64
import html
import logging
import re
from pathlib import Path

import pypdfium2
from webfixtures import bus_campaign, csrf_of, pool, public, section  # noqa: F401

from printkit.lookup import net

DETAILS = {
    "Your name": "Siân Ap Rhys-Lloyd",
    "Address 1": "2 Heol y Bont",
    "Town": "Llanfair",
    "Postcode": "ll55 4ur",
    "MP name": "Jo Example",
    "Why the 42 matters to you": "I take it to the hospital every week.\n\nSo does my mum.",
}


def form_names(page: str) -> dict[str, str]:
    """Each field's label -> its input's name, read from the labels."""
    labels = re.findall(r'<label for="(field-\d+)">(.*?)(?: <span|</label>)', page)
    return {html.unescape(label): name for name, label in labels}


def filled(page: str, **changes: str) -> dict[str, str]:
    names = form_names(page)
    values = {
        names[label]: value for label, value in {**DETAILS, **changes}.items() if label in names
    }
    return {**values, "csrf": csrf_of(page), "action": "letter"}


def letter_of(page: str) -> bytes:
    link = re.search(r'href="data:application/pdf;base64,([^"]+)"', page)
    assert link, "no letter on the page"
    return base64.b64decode(link.group(1))


def text_of(data: bytes) -> str:
    document = pypdfium2.PdfDocument(data)
    try:
        return " ".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def test_the_form_asks_for_the_letters_own_fields(bus_campaign: Path, public) -> None:
    page = public(bus_campaign).get("/").text
    assert list(form_names(page)) == [
        "Your name",
        "Address 1",
        "Address 2",
        "Town",
        "Postcode",
        "MP name",
        "Month the service ends",
        "Why the 42 matters to you",
    ]
    assert '<textarea id="field-8"' in page  # the own-words box is a box
    assert "<script" not in page  # works without JavaScript
    assert "Find from my postcode" in page and "Only your postcode is sent" in page


def test_a_supporter_gets_their_letter(bus_campaign: Path, public) -> None:
    client = public(bus_campaign)
    answer = client.post("/", data=filled(client.get("/").text))
    assert answer.status_code == 200, answer.text
    assert answer.headers["cache-control"] == "no-store"
    text = " ".join(text_of(letter_of(answer.text)).split())
    for expected in (
        "Siân Ap Rhys-Lloyd",
        "LLANFAIR",
        "LL55 4UR",
        "Jo Example MP",
        "I take it to the hospital every week.",
        "So does my mum.",
    ):
        assert expected in text
    steps = section(answer.text, "main")
    assert "100%" in steps and "fold" in steps.lower() and "C5 window envelope" in steps


def test_a_problem_is_shown_beside_its_field(bus_campaign: Path, public) -> None:
    client = public(bus_campaign)
    page = client.get("/").text
    names = form_names(page)
    answer = client.post("/", data=filled(page, Postcode="LS1 XYZ"))
    assert answer.status_code == 422
    assert "not a valid UK postcode" in section(answer.text, f"{names['Postcode']}-problem")
    assert 'value="2 Heol y Bont"' in answer.text  # what was typed comes back to be put right
    empty = client.post("/", data=filled(page, **{"MP name": ""}))
    assert "this is needed" in section(empty.text, f"{names['MP name']}-problem")


def test_a_form_without_a_valid_token_is_refused(bus_campaign: Path, public) -> None:
    client = public(bus_campaign)
    answer = client.post("/", data={**filled(client.get("/").text), "csrf": "1.bad"})
    assert answer.status_code == 403 and "expired" in answer.text
    assert "2 Heol y Bont" in answer.text  # nothing is lost: sent back to be sent again


def test_only_the_supporter_page_is_served(bus_campaign: Path, public) -> None:
    client = public(bus_campaign)
    for path in ("/supporters", "/draft", "/proofs/saved/letter", "/jobs/x", "/save"):
        assert client.get(path).status_code == 404, path
    assert client.get("/healthz").text == "ok\n"


def test_requests_over_the_size_limit_are_refused(bus_campaign: Path, public) -> None:
    client = public(bus_campaign)
    page = client.get("/").text
    answer = client.post("/", data=filled(page, **{"Why the 42 matters to you": "x" * 70_000}))
    assert answer.status_code == 413


def test_each_client_is_rate_limited(bus_campaign: Path, public) -> None:
    client = public(bus_campaign, rate=2)
    page = client.get("/").text
    codes = [client.post("/", data=filled(page, Postcode="bad")).status_code for _ in range(3)]
    assert codes == [422, 422, 429]
    answer = client.post("/", data=filled(page))
    assert answer.status_code == 429 and int(answer.headers["retry-after"]) >= 1


def test_a_full_queue_answers_503_with_retry_after(bus_campaign: Path, public, pool) -> None:
    client = public(bus_campaign)
    page = client.get("/").text
    busy, pool.busy = pool.busy, pool.capacity
    try:
        answer = client.post("/", data=filled(page))
    finally:
        pool.busy = busy
    assert answer.status_code == 503 and int(answer.headers["retry-after"]) >= 1
    assert "try again" in answer.text and "2 Heol y Bont" in answer.text


def test_nothing_about_a_supporter_is_kept(bus_campaign: Path, public, caplog, tmp_path) -> None:
    before = {p: p.stat().st_mtime_ns for p in bus_campaign.rglob("*")}
    client = public(bus_campaign)
    with caplog.at_level(logging.DEBUG):
        page = client.get("/").text
        client.post("/", data=filled(page))
        client.post("/", data=filled(page, Postcode="LS1 XYZ"))
    logged = caplog.text + " ".join(str(r.args) for r in caplog.records)
    for value in ("Siân", "Heol y Bont", "hospital", "LS1 XYZ", "ll55"):
        assert value not in logged
    assert {p: p.stat().st_mtime_ns for p in bus_campaign.rglob("*")} == before


def test_the_lookup_fails_clearly_when_offline(
    bus_campaign: Path, public, monkeypatch, tmp_path
) -> None:
    monkeypatch.setenv("PRINTKIT_POSTCODES_URL", "http://127.0.0.1:9/")
    monkeypatch.setenv("PRINTKIT_MEMBERS_URL", "http://127.0.0.1:9/")
    monkeypatch.setenv(net.CACHE_ENV, str(tmp_path / "cache"))
    monkeypatch.setattr(net, "DEFAULT_BACKOFF", 0.0)
    client = public(bus_campaign)
    page = client.get("/").text
    answer = client.post("/", data={**filled(page, **{"MP name": ""}), "action": "lookup"})
    assert answer.status_code == 200
    assert "cannot be reached just now: type the name yourself" in answer.text
    assert not (tmp_path / "cache").exists()  # nothing cached about the postcode
