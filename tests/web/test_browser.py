"""Real-browser tests: Playwright driving Debian's Chromium against a live server on loopback.

Skipped, with the reason, where /usr/bin/chromium is absent (`make browser` installs it on
Debian). Playwright never downloads a browser of its own here. Screenshots of each page go
to $PRINTKIT_SCREENSHOTS when it is set.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin

import pypdfium2
import pytest
import supporters
import uvicorn
from conftest import write_campaign
from webfixtures import BUS_LETTER, pool  # noqa: F401

from printkit import api
from printkit.web.app import create_app
from printkit.web.public import PublicConfig, create_public_app
from printkit.web.rendering import RenderPool
from printkit.web.state import Config

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).is_file(),
                       reason="Chromium is not installed (Debian: apt-get install chromium)"),
]  # fmt: skip
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip
WAIT = 90_000  # ms: proofs of eight products on two shared cores


class Live:
    """A uvicorn server for an app, in a thread, on a free loopback port."""

    def __init__(self, app: object) -> None:
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(16)
        self.port = self.socket.getsockname()[1]
        config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on")  # type: ignore[arg-type]
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.socket]})
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started and time.monotonic() < deadline:
            time.sleep(0.05)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(30)
        self.socket.close()


def campaign(folder: Path) -> Path:
    return write_campaign(folder, """\
        title: Keep the 42 running
        organisation: {name: Llanfair Bus Users, email: buses@example.org}
        summary: The 42 links Llanfair with the hospital.
        action: {text: Write to your MP about the 42, url: https://example.org/42}
        letter: {to: mp, text: letter.md, window: c5}
        outputs: [letter, leaflet, poster]
        """, BUS_LETTER)  # fmt: skip


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield launched
        launched.close()


class Site(str):
    """A workspace's address (with its token), knowing the campaign it edits."""

    campaign: Path


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory, pool: RenderPool) -> Iterator[Site]:
    config = Config(campaign(tmp_path_factory.mktemp("ws") / "buses"))
    live = Live(create_app(config, pool))
    site = Site(f"http://127.0.0.1:{live.port}/?token={config.token}")
    site.campaign = config.campaign  # type: ignore[assignment]
    yield site
    live.stop()


@pytest.fixture(scope="module")
def supporter_page(tmp_path_factory: pytest.TempPathFactory, pool: RenderPool) -> Iterator[str]:
    live = Live(create_public_app(PublicConfig(campaign(tmp_path_factory.mktemp("pub") / "b"),
                                               rate=0), pool))  # fmt: skip
    yield f"http://127.0.0.1:{live.port}/"
    live.stop()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1360, "height": 900}, accept_downloads=True)  # type: ignore[attr-defined]
    opened = context.new_page()
    yield opened
    context.close()


def screenshot(page: object, name: str, tmp_path: Path) -> Path:
    folder = Path(os.environ.get("PRINTKIT_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)  # type: ignore[attr-defined]
    return folder / f"{name}.png"


def pdf_pages(data: bytes) -> tuple[int, str]:
    document = pypdfium2.PdfDocument(data)
    try:
        text = " ".join(p.get_textpage().get_text_range() for p in document)
        return len(document), " ".join(text.split())
    finally:
        document.close()


def proofs_ready(page: object) -> None:
    page.locator("#proof-status", has_text="up to date").wait_for(timeout=WAIT)  # type: ignore[attr-defined]


def test_an_organiser_edits_the_title_and_sees_the_proof_change(workspace, page, tmp_path) -> None:
    from playwright.sync_api import expect

    page.goto(workspace)
    proofs_ready(page)
    poster = page.locator("#proof-poster .pages img")
    before = poster.get_attribute("src")
    screenshot(page, "workspace", tmp_path)
    page.get_by_label("Title").fill("Keep the 42 and the X4 running")
    expect(poster).not_to_have_attribute("src", before, timeout=WAIT)
    proofs_ready(page)
    href = page.locator("#proof-poster a.pdf").get_attribute("href")
    pages, text = pdf_pages(page.request.get(urljoin(page.url, href)).body())
    assert pages == 1 and "Keep the 42 and the X4 running" in text
    expect(page.locator("#proof-leaflet-a6 .pages img")).to_have_count(2)
    expect(page.locator("#proof-envelopes .pages img").first).to_be_visible()


def test_a_problem_in_the_form_is_shown_beside_its_field(workspace, page, tmp_path) -> None:
    from playwright.sync_api import expect

    page.goto(workspace)
    page.get_by_label("Email").fill("buses-at-example")
    slot = page.locator("#problems-organisation-email")
    expect(slot).to_contain_text("not an email address", timeout=WAIT)
    expect(page.locator("#check-status")).to_contain_text("1 problem")
    expect(page.locator(".field.has-problem #field-organisation-email")).to_have_count(1)
    slot.scroll_into_view_if_needed()
    screenshot(page, "workspace-problem", tmp_path)


def test_an_excel_export_is_dropped_in_and_its_rejects_shown(workspace, page, tmp_path) -> None:
    from playwright.sync_api import expect

    export = supporters.write(tmp_path / "export.csv", supporters.supporters(40))
    page.goto(workspace)
    page.get_by_role("link", name="Supporters and mailing").click()
    transfer = page.evaluate_handle(
        "([name, bytes]) => { const t = new DataTransfer();"
        " t.items.add(new File([new Uint8Array(bytes)], name, {type: 'text/csv'})); return t; }",
        ["export.csv", list(export.read_bytes())],
    )
    page.dispatch_event("#upload-form", "drop", {"dataTransfer": transfer})
    expect(page.locator("#summary")).to_contain_text("38 letters, 2 rows rejected", timeout=WAIT)
    expect(page.locator("#summary")).to_contain_text("1 blank row skipped")
    expect(page.locator("#row-7")).to_contain_text("not a valid UK postcode (column Postcode)")
    expect(page.locator("#row-12")).to_contain_text("[MP name] is empty (column MP name)")
    page.get_by_role("link", name="Show row 8's letter").click()
    expect(page.locator("#row-preview img").first).to_be_visible(timeout=WAIT)
    screenshot(page, "supporters", tmp_path)


def test_the_letters_download_opens_with_the_right_page_count(workspace, page, tmp_path) -> None:
    export = supporters.write(tmp_path / "export.csv", supporters.supporters(40))
    page.goto(workspace.replace("/?", "/supporters?"))
    page.set_input_files("#file", str(export))
    page.get_by_role("button", name="Upload").click()
    page.locator("#summary").wait_for(timeout=WAIT)
    with page.expect_download(timeout=WAIT) as download:
        page.get_by_role("button", name="Letters (PDF)").click()
    data = Path(download.value.path()).read_bytes()
    reference = tmp_path / "reference.pdf"
    api.letters(workspace.campaign, api.LetterRun(export, reference))
    pages, text = pdf_pages(data)
    assert pages == pdf_pages(reference.read_bytes())[0] and pages >= 38
    assert "Sam0 O’Brien0" in text and "Sam39 O’Brien39" in text
    assert download.value.suggested_filename == "keep-the-42-running-letters.pdf"
    screenshot(page, "supporters-made", tmp_path)


def test_a_supporter_fills_in_the_form_and_gets_their_letter(
    supporter_page, page, tmp_path
) -> None:
    from playwright.sync_api import expect

    page.goto(supporter_page)
    screenshot(page, "supporter-form", tmp_path)
    page.get_by_label("Your name").fill("Siân Ap Rhys-Lloyd")
    page.get_by_label("Address 1").fill("2 Heol y Bont")
    page.get_by_label("Town").fill("Llanfair")
    page.get_by_label("Postcode").fill("LL55 4UR")
    page.get_by_label("MP name").fill("Jo Example")
    page.get_by_label("Why the 42 matters to you").fill("I take it to the hospital every week.")
    page.get_by_role("button", name="Make my letter (PDF)").click()
    expect(page.get_by_role("heading", name="Your letter is ready")).to_be_visible(timeout=WAIT)
    expect(page.locator(".howto li")).to_have_count(3)
    screenshot(page, "supporter-letter", tmp_path)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download your letter").click()
    pages, text = pdf_pages(Path(download.value.path()).read_bytes())
    assert pages >= 1 and "Siân Ap Rhys-Lloyd" in text and "Jo Example MP" in text
    assert "I take it to the hospital every week." in text


def test_the_supporter_page_needs_no_javascript(browser, supporter_page, tmp_path) -> None:
    from playwright.sync_api import expect

    context = browser.new_context(java_script_enabled=False)  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(supporter_page)
    page.get_by_label("Your name").fill("Jo Bloggs")
    page.get_by_label("Postcode").fill("LS1 XYZ")
    page.get_by_label("MP name").fill("Jo Example")
    page.get_by_label("MP name").press("Enter")  # the default button makes the letter
    problem = page.locator(".has-problem .field-problems").first
    expect(problem).to_contain_text("not a valid UK postcode", timeout=WAIT)
    screenshot(page, "supporter-problem", tmp_path)
    context.close()


def test_the_pages_are_usable_at_200_percent_zoom(workspace, supporter_page, browser) -> None:
    context = browser.new_context(viewport={"width": 640, "height": 800})  # type: ignore[attr-defined]
    page = context.new_page()
    for url in (workspace, supporter_page, workspace.replace("/?", "/supporters?")):
        page.goto(url)
        width = page.evaluate("() => [document.documentElement.scrollWidth, innerWidth]")
        assert width[0] <= width[1], url
        page.keyboard.press("Tab")
        assert (
            page.evaluate("() => document.activeElement.textContent") == "Skip to the main content"
        )
        assert page.evaluate(CONTRAST) == [], url
    context.close()


# Every text's colour against the background it is drawn on: WCAG AA needs 4.5:1.
CONTRAST = """() => {
  const rgb = (text) => (text.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => { const f = (c) => { c /= 255;
    return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const background = (element) => { for (let e = element; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0)) return c.slice(0, 3); }
    return [255, 255, 255]; };
  const failing = [];
  for (const element of document.querySelectorAll("body *")) {
    const own = Array.from(element.childNodes)
      .some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!own || !element.getClientRects().length) continue;
    const [a, b] = [lum(rgb(getComputedStyle(element).color)), lum(background(element))];
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    const text = element.textContent.trim().slice(0, 30);
    if (ratio < 4.5) failing.push(element.tagName + ": " + text + " " + ratio.toFixed(2));
  }
  return failing;
}"""
