"""The supporters page through Starlette's test client: upload, rows, columns, the mailing."""

from __future__ import annotations

import csv
import html
import io
import time
import zipfile
from pathlib import Path

import pypdfium2
import pytest
import supporters
from webfixtures import bus_campaign, csrf_of, local, pool, section  # noqa: F401

from printkit.lookup import net
from printkit.web.rendering import QueueFull


def upload(client, data: bytes, name: str = "export.csv"):
    csrf = csrf_of(client.get("/supporters").text)
    return client.post("/supporters/upload", data={"csrf": csrf},
                       files={"file": (name, data, "text/csv")})  # fmt: skip


def messy(tmp_path: Path, count: int = 40) -> bytes:
    """Excel's export: cp1252, CRLF, a blank row, a bad postcode (row 7), no MP (row 12)."""
    return supporters.write(tmp_path / "export.csv", supporters.supporters(count)).read_bytes()


def pages_of(data: bytes) -> int:
    document = pypdfium2.PdfDocument(data)
    try:
        return len(document)
    finally:
        document.close()


@pytest.mark.slow
def test_an_excel_export_shows_every_row_and_its_rejects(bus_campaign, local, tmp_path) -> None:
    client = local(bus_campaign)
    answer = upload(client, messy(tmp_path))
    assert answer.status_code == 200
    page = answer.text
    summary = section(page, "summary")
    assert summary.startswith("38 letters, 2 rows rejected") and "1 blank row skipped" in summary
    assert "not a valid UK postcode" in section(page, "row-7") and "(column Postcode)" in section(
        page, "row-7"
    )
    assert "[MP name] is empty" in section(page, "row-12")
    assert "Letter" in section(page, "row-8") and "O’Brien6" in section(page, "row-8")
    assert page.count('class="letter"') == 38 and page.count('class="reject"') == 2
    assert "guessed: First name + Last name" in page


@pytest.mark.slow
def test_a_file_that_is_not_csv_is_refused_clearly(bus_campaign, local) -> None:
    client = local(bus_campaign)
    workbook = upload(client, b"PK\x03\x04" + bytes(200), "export.xlsx")
    assert workbook.status_code == 422
    assert "spreadsheet workbook, not CSV" in workbook.text and "Save As" in workbook.text
    picture = upload(client, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(50), "photo.csv")
    assert picture.status_code == 422 and "not a text file" in picture.text


def test_an_upload_over_the_limit_is_refused(bus_campaign, local) -> None:
    client = local(bus_campaign, max_upload=4096)
    answer = upload(client, b"Name,Postcode\r\n" + b"Jo,LS1 1AA\r\n" * 1000)
    assert answer.status_code == 413 and "larger than" in answer.text
    assert "export.csv" not in client.get("/supporters").text


@pytest.mark.slow
def test_the_columns_can_be_chosen(bus_campaign, local, tmp_path) -> None:
    client = local(bus_campaign)
    page = upload(client, messy(tmp_path)).text
    csrf = csrf_of(page)
    answer = client.post("/supporters/columns", data={"csrf": csrf, "map.Your name": "Last name"})
    assert answer.status_code == 200
    assert "O’Brien0" in section(answer.text, "row-2") and "Sam0" not in section(
        answer.text, "row-2"
    )
    bad = client.post("/supporters/columns", data={"csrf": csrf, "map.MP name": "Ward"})
    assert bad.status_code == 422 and "there is no column 'Ward'" in html.unescape(bad.text)


def test_a_rows_letter_can_be_seen(bus_campaign, local, tmp_path) -> None:
    client = local(bus_campaign)
    upload(client, messy(tmp_path))
    pages = client.get("/supporters/rows/3").json()["pages"]
    assert pages and client.get(pages[0]).content[:4] == b"\x89PNG"
    rejected = client.get("/supporters/rows/7")
    assert rejected.status_code == 422 and "not a valid UK postcode" in rejected.json()["error"][0]


@pytest.mark.slow
def test_one_click_makes_letters_rejects_and_manifest(bus_campaign, local, tmp_path) -> None:
    client = local(bus_campaign)
    csrf = csrf_of(upload(client, messy(tmp_path)).text)
    letters = client.post("/supporters/make", data={"csrf": csrf, "kind": "letters"})
    assert letters.headers["content-type"] == "application/pdf"
    manifest = client.post("/supporters/make", data={"csrf": csrf, "kind": "manifest"})
    rows = list(csv.DictReader(io.StringIO(manifest.content.decode("utf-8-sig"))))
    assert len(rows) == 38
    assert pages_of(letters.content) == sum(int(row["pages"]) for row in rows)
    rejects = client.post("/supporters/make", data={"csrf": csrf, "kind": "rejects"})
    reasons = {
        r["row"]: r["reason"]
        for r in csv.DictReader(io.StringIO(rejects.content.decode("utf-8-sig")))
    }
    assert reasons == {
        "7": "column 'Postcode': 'LS1 XYZ' is not a valid UK postcode",
        "12": "column 'MP name': [MP name] is empty",
    }


@pytest.mark.slow
def test_all_of_it_zipped_and_the_run_folder_removed(bus_campaign, local, tmp_path) -> None:
    client = local(bus_campaign)
    csrf = csrf_of(upload(client, messy(tmp_path)).text)
    started = client.post(
        "/supporters/make",
        data={"csrf": csrf, "kind": "all"},
        headers={"accept": "application/json"},
    )
    assert started.status_code == 202
    status = client.get(started.json()["status"]).json()
    deadline = time.monotonic() + 120
    while status["state"] == "running" and time.monotonic() < deadline:
        time.sleep(0.3)
        status = client.get(started.json()["status"]).json()
    assert status["state"] == "done", status
    bundle = zipfile.ZipFile(io.BytesIO(client.get(status["download"]).content))
    assert sorted(bundle.namelist()) == sorted(
        f"keep-the-42-running-{name}"
        for name in (
            "letters.pdf",
            "letters-manifest.csv",
            "letters-rejects.csv",
            "labels.pdf",
            "labels-rejects.csv",
            "envelopes.pdf",
            "envelopes-rejects.csv",
        )
    )
    assert client.get(status["download"]).status_code == 404  # sent once, then deleted
    assert not list(client.app.state.workspace.temp.glob("job-*"))


@pytest.mark.slow
def test_a_long_run_shows_progress_and_can_be_cancelled(bus_campaign, local, tmp_path) -> None:
    client = local(bus_campaign)
    csrf = csrf_of(upload(client, messy(tmp_path, 400)).text)
    started = client.post(
        "/supporters/make",
        data={"csrf": csrf, "kind": "letters"},
        headers={"accept": "application/json"},
    ).json()
    status = client.get(started["status"]).json()
    deadline = time.monotonic() + 60
    while not status["done"] and time.monotonic() < deadline:
        time.sleep(0.2)
        status = client.get(started["status"]).json()
    assert 0 < status["done"] < status["total"] == 398
    cancelled = client.post(f"/jobs/{started['job']}/cancel", headers={"x-csrf-token": csrf})
    assert cancelled.json()["state"] == "cancelled"
    assert client.get(started["status"]).status_code == 404
    assert not list(client.app.state.workspace.temp.glob("job-*"))


@pytest.mark.slow
def test_the_lookup_fails_clearly_offline(bus_campaign, local, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("PRINTKIT_POSTCODES_URL", "http://127.0.0.1:9/")
    monkeypatch.setenv("PRINTKIT_MEMBERS_URL", "http://127.0.0.1:9/")
    monkeypatch.setenv(net.CACHE_ENV, str(tmp_path / "cache"))
    monkeypatch.setattr(net, "DEFAULT_BACKOFF", 0.0)
    client = local(bus_campaign)
    no_mps = "Name,Postcode\r\nSiân Owen,LL55 4UR\r\nJo Bloggs,LS1 1AA\r\n".encode("cp1252")
    page = upload(client, no_mps).text
    assert "Only the postcodes leave this computer" in page
    answer = client.post("/supporters/lookup", data={"csrf": csrf_of(page)})
    assert answer.status_code == 502
    assert "Nothing was changed." in answer.text and "postcodes.io" in answer.text
    assert "export.csv" in answer.text  # the spreadsheet is still there, unchanged


def test_a_full_render_queue_answers_503(bus_campaign, local, pool) -> None:
    client = local(bus_campaign)
    busy = pool.busy
    pool.busy = pool.capacity
    try:
        answer = client.get("/proofs/saved/poster", headers={"accept": "application/json"})
    finally:
        pool.busy = busy
    assert answer.status_code == 503 and int(answer.headers["retry-after"]) >= 1
    assert "busy" in answer.json()["error"]
    assert isinstance(QueueFull(3), Exception)
