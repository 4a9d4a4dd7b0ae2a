"""The organiser's workspace through Starlette's test client: token, CSRF, the form, proofs."""

from __future__ import annotations

import re
from pathlib import Path

import pypdfium2
import pytest
import yaml
from webfixtures import bus_campaign, csrf_of, local, pool, section  # noqa: F401

from printkit.campaign import schema
from printkit.campaign.model import Campaign


def pdf_text(data: bytes) -> str:
    document = pypdfium2.PdfDocument(data)
    try:
        text = " ".join(page.get_textpage().get_text_range() for page in document)
        return " ".join(text.split())  # a headline may break across lines
    finally:
        document.close()


def form_of(page: str) -> dict[str, str]:
    """The campaign form's fields as the page fills them (inputs, text areas, selects)."""
    found = {
        m[0]: m[1] for m in re.findall(r'<input id="[^"]+" name="([^"]+)" value="([^"]*)"', page)
    }
    for name, text in re.findall(
        r'<textarea id="[^"]+" name="([^"]+)"[^>]*>(.*?)</textarea>', page, re.S
    ):
        found[name] = text
    for name, body in re.findall(
        r'<select id="[^"]+" name="([^"]+)"[^>]*>(.*?)</select>', page, re.S
    ):
        chosen = re.search(r'<option value="([^"]*)" selected>', body)
        found[name] = chosen.group(1) if chosen else ""
    found["letter.file"] = re.search(r'name="letter.file" value="([^"]*)"', page).group(1)
    found["csrf"] = csrf_of(page)
    return {
        k: v.replace("&#39;", "'").replace("&amp;", "&").replace("&#34;", '"')
        for k, v in found.items()
    }


def leaves(spec: schema.Spec, prefix: str = "") -> list[tuple[str, schema.Spec]]:
    found = []
    for name, inner in spec.fields.items():
        if inner.kind == "mapping":
            found += leaves(inner, f"{prefix}{name}.")
        else:
            found.append((prefix + name, inner))
    return found


@pytest.mark.slow
def test_every_route_is_403_without_the_token(bus_campaign: Path, local) -> None:
    client = local(bus_campaign)
    client.cookies.clear()
    for path in (
        "/",
        "/supporters",
        "/static/app.css",
        "/proofs/saved/letter",
        "/jobs/x",
        "/nothing-here",
    ):
        assert client.get(path).status_code == 403, path
    assert client.post("/save", data={}).status_code == 403
    assert client.get("/?token=wrong").status_code == 403
    answer = client.get(f"/?token={client.token}", follow_redirects=False)
    assert answer.status_code == 303 and "token" not in answer.headers["location"]
    assert client.get("/").status_code == 200


@pytest.mark.slow
def test_pages_carry_a_strict_content_security_policy(bus_campaign: Path, local) -> None:
    headers = local(bus_campaign).get("/").headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert "unsafe-inline" not in headers["content-security-policy"]
    assert headers["referrer-policy"] == "no-referrer"
    assert headers["x-frame-options"] == "DENY"


@pytest.mark.slow
def test_a_form_without_its_csrf_token_is_refused(bus_campaign: Path, local) -> None:
    client = local(bus_campaign)
    form = form_of(client.get("/").text)
    before = (bus_campaign / "campaign.yaml").read_text()
    for token in ("", "123.abc", form["csrf"][:-1] + "x"):
        assert client.post("/save", data={**form, "csrf": token}).status_code == 403
    bad_header = {"x-csrf-token": "1.deadbeef"}
    assert (
        client.post(
            "/draft", data={k: v for k, v in form.items() if k != "csrf"}, headers=bad_header
        ).status_code
        == 403
    )
    assert (bus_campaign / "campaign.yaml").read_text() == before


@pytest.mark.slow
def test_the_form_has_every_campaign_field_with_its_help(bus_campaign: Path, local) -> None:
    page = local(bus_campaign).get("/").text
    for key, spec in leaves(schema.spec_of(Campaign)):
        field_id = "field-" + key.replace(".", "-")
        assert f'name="{key}"' in page, key
        assert f'<label for="{field_id}"' in page, key
        help_text = section(page, f"{field_id}-help")
        assert spec.help.split(",")[0].replace("'", "&#39;") in help_text or key == "letter.text"
    assert "The 42 bus is the only way" in page  # the letter, in its text area


def test_problems_show_beside_their_fields(make_campaign, local) -> None:
    folder = make_campaign(
        """\
        title: Save the lido
        organisation: {email: not-an-address}
        accent: sky blue
        letter: {text: letter.md, window: round}
        """,
        "Dear [MP name],\n\nKeep the lido open.\n\n[Your name]\n",
    )
    page = local(folder).get("/").text
    assert "not an email address" in section(page, "problems-organisation-email")
    assert "not a colour" in section(page, "problems-accent")
    assert "must be one of dl | c5 | none" in section(page, "problems-letter-window")
    assert "not an email address" not in section(page, "problems-accent")


@pytest.mark.slow
def test_a_draft_is_checked_with_the_loader(bus_campaign: Path, local) -> None:
    client = local(bus_campaign)
    form = form_of(client.get("/").text)
    answer = client.post(
        "/draft", data={**form, "title": "", "labels.offset_x": "lots", "organisation.email": "x"}
    )
    problems = answer.json()["problems"]
    assert any("missing required key 'title'" in p for p in problems["title"])
    assert any("must be a number" in p for p in problems["labels.offset_x"])
    assert any("not an email address" in p for p in problems["organisation.email"])


@pytest.mark.slow
def test_saving_writes_a_checked_campaign_and_keeps_the_old_one(bus_campaign: Path, local) -> None:
    client = local(bus_campaign)
    form = form_of(client.get("/").text)
    old_yaml = (bus_campaign / "campaign.yaml").read_text()
    answer = client.post(
        "/save",
        data={
            **form,
            "title": "Keep the 42 and the 43 running",
            "letter.text": form["letter.text"] + "\nP.S. Diolch.\n",
        },
    )
    assert answer.status_code == 200 and "Saved." in answer.text
    saved = yaml.safe_load((bus_campaign / "campaign.yaml").read_text())
    assert saved["title"] == "Keep the 42 and the 43 running"
    assert saved["letter"]["text"] == "letter.md"
    assert (bus_campaign / "letter.md").read_text().endswith("P.S. Diolch.\n")
    assert (bus_campaign / "campaign.yaml.previous").read_text() == old_yaml
    assert "Diolch" not in (bus_campaign / "letter.md.previous").read_text()


@pytest.mark.slow
def test_a_campaign_with_problems_is_not_saved(bus_campaign: Path, local) -> None:
    client = local(bus_campaign)
    form = form_of(client.get("/").text)
    before = (bus_campaign / "campaign.yaml").read_text()
    answer = client.post("/save", data={**form, "action.url": "example.org"})
    assert answer.status_code == 422
    assert "not a web address" in section(answer.text, "problems-action-url")
    assert (bus_campaign / "campaign.yaml").read_text() == before
    assert not (bus_campaign / "campaign.yaml.previous").exists()


@pytest.mark.slow
def test_the_example_is_saved_into_a_new_folder(local, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    client = local(None)
    page = client.get("/").text
    assert "example campaign" in page and "Write to your MP" in page
    form = form_of(page)
    refused = client.post("/save", data={**form, "title": "Our MP"})
    assert refused.status_code == 422 and "name a new folder" in refused.text
    answer = client.post("/save", data={**form, "title": "Our MP", "folder": "ours"})
    assert answer.status_code == 200
    assert yaml.safe_load((tmp_path / "ours" / "campaign.yaml").read_text())["title"] == "Our MP"
    assert "Campaign folder" in client.get("/").text


@pytest.mark.slow
def test_proofs_follow_the_draft(bus_campaign: Path, local) -> None:
    client = local(bus_campaign)
    form = form_of(client.get("/").text)
    draft = client.post("/draft", data={**form, "title": "Save the 42 bus"}).json()["draft"]
    proof = client.get(f"/proofs/{draft}/poster").json()
    assert len(proof["pages"]) == 1 and proof["warnings"] == []
    picture = client.get(proof["pages"][0])
    assert picture.headers["content-type"] == "image/png" and picture.content[:4] == b"\x89PNG"
    assert "Save the 42 bus" in pdf_text(client.get(proof["pdf"]).content)
    assert "Keep the 42 running" in pdf_text(client.get("/proofs/saved/poster.pdf").content)


@pytest.mark.slow
def test_every_product_has_a_proof(bus_campaign: Path, local) -> None:
    client = local(bus_campaign)
    pages = {}
    for kind in (
        "letter",
        "leaflet-a5",
        "leaflet-a6",
        "leaflet-dl",
        "poster",
        "signup",
        "labels",
        "envelopes",
    ):
        answer = client.get(f"/proofs/saved/{kind}?profile=large").json()
        assert "error" not in answer, (kind, answer)
        pages[kind] = len(answer["pages"])
    assert pages["leaflet-a5"] == pages["leaflet-a6"] == 2 and pages["poster"] == 1
    assert client.get("/proofs/saved/letter?profile=huge").status_code == 400
    assert client.get("/proofs/saved/banner").status_code == 404


@pytest.mark.slow
def test_a_new_campaign_starts_from_the_example(bus_campaign: Path, local, tmp_path: Path) -> None:
    client = local(bus_campaign)
    csrf = csrf_of(client.get("/").text)
    answer = client.post("/new", data={"csrf": csrf, "folder": str(tmp_path / "fresh")})
    assert answer.status_code == 200 and "Write to your MP" in answer.text
    assert (tmp_path / "fresh" / "letter.md").is_file()
    again = client.post("/new", data={"csrf": csrf, "folder": str(tmp_path / "fresh")})
    assert again.status_code == 422 and "not empty" in again.text
