"""Fixtures for the web pages, imported by each test module: one render pool, campaigns, clients."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import write_campaign
from starlette.testclient import TestClient

from printkit.web.app import create_app
from printkit.web.public import PublicConfig, create_public_app
from printkit.web.rendering import RenderPool
from printkit.web.state import Config

BUS_LETTER = """\
Dear [MP name],

The 42 bus is the only way many of us in Llanfair reach the hospital, the college and
work. The council plans to stop it in [Month the service ends].

[Why the 42 matters to you]

Please ask the council to keep it running.

Yours sincerely,

[Your name]
"""


@pytest.fixture(scope="session")
def pool() -> Iterator[RenderPool]:
    """Two render processes for every app a test process makes."""
    shared = RenderPool(2, 32)
    yield shared
    shared.close()


@pytest.fixture
def bus_campaign(tmp_path: Path) -> Path:
    """A letter to an MP that is not the example: Welsh place names, a C5 window, own words."""
    return write_campaign(
        tmp_path / "buses",
        """\
        title: Keep the 42 running
        organisation: {name: Llanfair Bus Users, email: buses@example.org}
        summary: The 42 links Llanfair with the hospital. Ask your MP to help keep it.
        action:
          text: Write to your MP about the 42
          url: https://example.org/42
        letter:
          to: mp
          text: letter.md
          window: c5
        """,
        BUS_LETTER,
    )


def csrf_of(page: str) -> str:
    """The CSRF token a page's forms carry."""
    found = re.search(r'name="csrf" value="([^"]+)"', page) or re.search(
        r'name="csrf-token" content="([^"]+)"', page
    )
    assert found, "the page has no CSRF token"
    return found.group(1)


def section(page: str, element_id: str) -> str:
    """The text inside the element with `element_id` (up to its closing tag of the same kind)."""
    found = re.search(rf'<(\w+)[^>]*id="{re.escape(element_id)}"[^>]*>(.*?)</\1>', page, re.S)
    assert found, f"no element #{element_id}"
    return re.sub(r"<[^>]+>", "", found.group(2))


@pytest.fixture
def local(pool: RenderPool) -> Callable[..., TestClient]:
    """A workspace client for a campaign, already past the token (its token on `.token`)."""
    clients: list[TestClient] = []

    def make(campaign: Path | None, **options: object) -> TestClient:
        config = Config(campaign, **options)  # type: ignore[arg-type]
        client = TestClient(create_app(config, pool))
        client.__enter__()
        clients.append(client)
        assert client.get(f"/?token={config.token}").status_code == 200
        client.token = config.token  # type: ignore[attr-defined]
        return client

    yield make  # type: ignore[misc]
    for client in clients:
        client.__exit__(None, None, None)


@pytest.fixture
def public(pool: RenderPool) -> Callable[..., TestClient]:
    """A supporter-page client for a campaign."""
    clients: list[TestClient] = []

    def make(campaign: Path, rate: int = 0, **options: object) -> TestClient:
        app = create_public_app(PublicConfig(campaign, rate=rate, **options), pool)  # type: ignore[arg-type]
        client = TestClient(app)
        client.__enter__()
        clients.append(client)
        return client

    yield make  # type: ignore[misc]
    for client in clients:
        client.__exit__(None, None, None)
