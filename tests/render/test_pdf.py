"""The PDF layer: the safe URL fetcher, warnings as messages, campaign overrides."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from printkit import api
from printkit.errors import CampaignError
from printkit.render import fetch, pdf, templating
from printkit.resources import asset_path

LETTER = "Dear [MP name],\n\nPlease act.\n\nYours sincerely,\n\n[Your name]\n"
YAML = "title: Override test\nletter: {text: letter.md}\n"


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Fail loudly if anything tries to open a network connection."""
    attempts: list[object] = []

    def refuse(self: socket.socket, address: object) -> None:
        attempts.append(address)
        raise AssertionError(f"network connection attempted to {address}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    return attempts


def override(folder: Path, name: str, text: str) -> None:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_fetcher_refuses_files_outside_the_campaign(tmp_path: Path) -> None:
    fetcher = fetch.SafeFetcher([tmp_path])
    (tmp_path / "logo.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    assert fetcher.fetch((tmp_path / "logo.svg").as_uri()).read().startswith(b"<svg")
    with pytest.raises(ValueError, match="only files inside the campaign folder"):
        fetcher.fetch("file:///etc/hostname")
    with pytest.raises(ValueError, match="only files inside the campaign folder"):
        fetcher.fetch((tmp_path / ".." / "elsewhere.css").as_uri())
    assert fetcher.fetch("data:text/plain,hello").read() == b"hello"


def test_fetcher_refuses_the_network_without_connecting(no_network: list[object]) -> None:
    with pytest.raises(ValueError, match="never fetches from the network"):
        fetch.SafeFetcher([]).fetch("http://example.com/tracker.png")
    assert no_network == []


def test_campaign_css_cannot_read_system_files(make_campaign, tmp_path: Path, no_network) -> None:
    folder = make_campaign(YAML, LETTER)
    override(
        folder,
        "styles/extra.css",
        "body { background: url(file:///etc/hostname) }\n"
        ".letter-body { background: url(http://example.com/x.png) }\n",
    )
    with pytest.raises(CampaignError) as caught:
        api.letter(folder, tmp_path / "out.pdf")
    assert "refused 'hostname' (file:///etc/hostname)" in str(caught.value)
    assert "refused http://example.com/x.png" in str(caught.value)
    assert no_network == []
    assert not (tmp_path / "out.pdf").exists()


def test_campaign_template_cannot_embed_system_files(
    make_campaign, tmp_path: Path, no_network
) -> None:
    folder = make_campaign(YAML, LETTER)
    override(
        folder,
        "templates/letter.html",
        '{% extends "base.html" %}{% block body %}<img src="file:///etc/hostname">'
        '<img src="http://example.com/pixel.gif"><p>{{ body }}</p>{% endblock %}',
    )
    with pytest.raises(CampaignError) as caught:
        api.letter(folder, tmp_path / "out.pdf")
    message = str(caught.value)
    assert "letter: " in message and "(file:///etc/hostname)" in message
    assert "refused http://example.com/pixel.gif" in message
    assert not (tmp_path / "out.pdf").exists()


def test_bad_campaign_css_is_a_warning_naming_the_file(make_campaign, tmp_path: Path) -> None:
    folder = make_campaign(YAML, LETTER)
    override(folder, "styles/extra.css", "p { colr: red }\n")
    outcome = api.letter(folder, tmp_path / "out.pdf")
    assert any(w.startswith("extra.css:") and "colr" in w for w in map(str, outcome.warnings))


def test_campaign_template_replaces_the_built_in_one(
    make_campaign, tmp_path: Path, read_pdf
) -> None:
    folder = make_campaign(YAML, LETTER)
    override(
        folder,
        "templates/letter.html",
        '{% extends "base.html" %}{% block body %}<h1>Our own layout</h1>{{ body }}{% endblock %}',
    )
    api.letter(folder, tmp_path / "out.pdf")
    text = read_pdf(tmp_path / "out.pdf").text()
    assert text.startswith("Our own layout")
    assert "House of Commons" not in text


def test_campaign_styles_load_after_the_built_in_ones(
    make_campaign, tmp_path: Path, read_pdf
) -> None:
    folder = make_campaign(YAML, LETTER)
    override(folder, "styles/bigger.css", ".letter-body p { font-size: 15pt }\n")
    api.letter(folder, tmp_path / "out.pdf")
    page = read_pdf(tmp_path / "out.pdf").pages[0]
    body = [c for c in page.chars if c["top"] > 95 * 72 / 25.4 and c["text"].isalpha()]
    sizes = {round(c["size"]) for c in body if c["size"] > 9}  # captions stay small
    assert sizes == {15}


def test_template_search_path_puts_the_campaign_first(tmp_path: Path) -> None:
    assert templating.search_path(tmp_path) == [asset_path("templates")]
    (tmp_path / "templates").mkdir()
    assert templating.search_path(tmp_path) == [tmp_path / "templates", asset_path("templates")]


def test_broken_override_template_names_its_line(make_campaign, tmp_path: Path) -> None:
    from printkit.errors import CampaignError

    folder = make_campaign(YAML, LETTER)
    override(folder, "templates/letter.html", "line one\n{% if %}\n")
    with pytest.raises(CampaignError, match=r"letter.html:2: template error"):
        api.letter(folder, tmp_path / "out.pdf")


def test_fonts_and_styles_are_loaded_once_per_process() -> None:
    assert pdf.font_config() is pdf.font_config()
    assert pdf.builtin_css("letter.css") is pdf.builtin_css("letter.css")


def test_an_interrupted_write_leaves_no_file(make_campaign, tmp_path: Path, monkeypatch) -> None:
    folder = make_campaign(YAML, LETTER)

    def interrupted(self: Path, data: bytes) -> int:
        Path.write_text(self, "half a PDF")
        raise KeyboardInterrupt

    monkeypatch.setattr(Path, "write_bytes", interrupted)
    with pytest.raises(KeyboardInterrupt):
        api.letter(folder, tmp_path / "out" / "letter.pdf")
    assert not (tmp_path / "out").exists()  # the folder made for it is gone too
