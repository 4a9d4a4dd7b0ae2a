"""Tests for printkit's one HTTP module: timeout, retries with back-off, User-Agent, cache."""

from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from printkit.errors import ServiceError
from printkit.lookup import net


@pytest.fixture(autouse=True)
def offline_only(local_network_only: None) -> None:
    """No test reaches past this machine."""


def client(server: HTTPServer, **settings: Any) -> tuple[net.Client, list[float]]:
    """A client of the local server that records its waits instead of sleeping."""
    waits: list[float] = []
    options: dict[str, Any] = {"timeout": 0.5, "attempts": 3, "backoff": 0.25} | settings
    return net.Client("the test service", server.url_for("/"), sleep=waits.append, **options), waits


def test_get_sends_a_user_agent_naming_printkit(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/thing", query_string="a=1").respond_with_json({"ok": True})
    answer = client(httpserver)[0].get("/thing", {"a": "1"})
    assert answer == net.Response(200, {"ok": True})
    request = httpserver.log[0][0]
    assert request.headers["User-Agent"].startswith("printkit/")
    assert "MPs from postcodes" in request.headers["User-Agent"]
    assert request.headers["Accept"] == "application/json"


def test_post_sends_json(httpserver: HTTPServer) -> None:
    httpserver.expect_request(
        "/bulk", method="POST", json={"postcodes": ["SW1A 1AA"]}
    ).respond_with_json({"status": 200, "result": []})
    answer = client(httpserver)[0].post("/bulk", {"postcodes": ["SW1A 1AA"]})
    assert answer.data == {"status": 200, "result": []}
    assert httpserver.log[0][0].headers["Content-Type"] == "application/json"


def test_a_404_is_an_answer_not_a_failure(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/postcodes/XX").respond_with_json(
        {"status": 404, "error": "Invalid postcode"}, status=404
    )
    answer = client(httpserver)[0].get("/postcodes/XX")
    assert answer == net.Response(404, {"status": 404, "error": "Invalid postcode"})
    assert len(httpserver.log) == 1


def test_a_failing_service_is_retried_with_growing_waits(httpserver: HTTPServer) -> None:
    httpserver.expect_ordered_request("/x").respond_with_json({"status": 500}, status=500)
    httpserver.expect_ordered_request("/x").respond_with_json({"status": 502}, status=502)
    httpserver.expect_ordered_request("/x").respond_with_json({"fine": 1})
    the_client, waits = client(httpserver)
    assert the_client.get("/x").data == {"fine": 1}
    assert waits == [0.25, 0.5]


def test_retry_after_is_honoured_up_to_a_limit(httpserver: HTTPServer) -> None:
    busy = Response("slow down", status=429, headers={"Retry-After": "2"})
    httpserver.expect_ordered_request("/x").respond_with_response(busy)
    very_busy = Response("slow down", status=503, headers={"Retry-After": "3600"})
    httpserver.expect_ordered_request("/x").respond_with_response(very_busy)
    httpserver.expect_ordered_request("/x").respond_with_json({"fine": 1})
    the_client, waits = client(httpserver)
    the_client.get("/x")
    assert waits == [2.0, net.MAX_WAIT]


def test_giving_up_says_which_service_and_what_to_do(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/x").respond_with_json({"status": 500}, status=500)
    the_client, waits = client(httpserver)
    with pytest.raises(ServiceError) as caught:
        the_client.get("/x")
    problem = caught.value.problems[0]
    assert problem.message.startswith("cannot get an answer from the test service (localhost:")
    assert "it answered HTTP 500 (tried 3 times)" in problem.message
    assert problem.hint == "check the internet connection, or try again in a few minutes"
    assert len(httpserver.log) == 3 and len(waits) == 2


def test_a_refused_request_is_not_retried(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/x").respond_with_data("bad", status=400)
    with pytest.raises(ServiceError, match="refused printkit's request: HTTP 400"):
        client(httpserver)[0].get("/x")
    assert len(httpserver.log) == 1


def test_a_reply_that_is_not_json_is_an_error(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/x").respond_with_data("<html>maintenance</html>")
    with pytest.raises(ServiceError, match="not JSON"):
        client(httpserver)[0].get("/x")


def test_a_timeout_is_retried_then_reported(httpserver: HTTPServer) -> None:
    release = threading.Event()

    def slow(request: Request) -> Response:
        release.wait(2)
        return Response("{}", content_type="application/json")

    httpserver.expect_request("/x").respond_with_handler(slow)
    the_client, _ = client(httpserver, timeout=0.05, attempts=2, backoff=0)
    with pytest.raises(ServiceError, match="it did not answer in time \\(tried 2 times\\)"):
        the_client.get("/x")
    release.set()  # let the server finish with both requests before the next test
    deadline = time.monotonic() + 2
    while len(httpserver.log) < 2 and time.monotonic() < deadline:
        time.sleep(0.01)


def test_no_connection_is_reported(unused_port: int) -> None:
    the_client = net.Client("the test service", f"http://127.0.0.1:{unused_port}", attempts=1)
    with pytest.raises(ServiceError, match="connection was refused \\(tried once\\)"):
        the_client.get("/x")


@pytest.fixture
def unused_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def test_only_http_addresses_are_accepted() -> None:
    with pytest.raises(ServiceError, match="must start with https://"):
        net.Client("the test service", "file:///etc/passwd")


# --- The cache ---------------------------------------------------------------------------------


def test_answers_are_cached(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/x").respond_with_json({"n": 1})
    cache = net.Cache(tmp_path)
    the_client, _ = client(httpserver, cache=cache)
    assert the_client.get("/x").data == {"n": 1}
    assert the_client.get("/x").data == {"n": 1}
    assert len(httpserver.log) == 1
    assert the_client.post("/x", {"a": 1}).data == {"n": 1}  # another request: another entry
    assert len(httpserver.log) == 2
    assert len(list(tmp_path.glob("*.json"))) == 2


def test_404_answers_are_cached_too(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/x").respond_with_json({"status": 404}, status=404)
    the_client, _ = client(httpserver, cache=net.Cache(tmp_path))
    assert the_client.get("/x").status == 404
    assert the_client.get("/x").status == 404
    assert len(httpserver.log) == 1


def test_failures_are_not_cached(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/x").respond_with_json({}, status=500)
    the_client, _ = client(httpserver, cache=net.Cache(tmp_path), attempts=1)
    with pytest.raises(ServiceError):
        the_client.get("/x")
    assert list(tmp_path.iterdir()) == []


def test_expired_answers_are_asked_again(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/x").respond_with_json({"n": 1})
    cache = net.Cache(tmp_path, max_age=60)
    the_client, _ = client(httpserver, cache=cache)
    the_client.get("/x")
    (entry,) = tmp_path.glob("*.json")
    old = time.time() - 120
    os.utime(entry, (old, old))
    the_client.get("/x")
    assert len(httpserver.log) == 2


def test_a_damaged_cache_entry_is_ignored(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/x").respond_with_json({"n": 1})
    the_client, _ = client(httpserver, cache=net.Cache(tmp_path))
    the_client.get("/x")
    (entry,) = tmp_path.glob("*.json")
    entry.write_text("{not json")
    assert the_client.get("/x").data == {"n": 1}
    assert len(httpserver.log) == 2


def test_an_unwritable_cache_is_skipped(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/x").respond_with_json({"n": 1})
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    the_client, _ = client(httpserver, cache=net.Cache(blocked / "cache"))
    assert the_client.get("/x").data == {"n": 1}


def test_the_default_cache_is_in_the_users_cache_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(net.CACHE_ENV, raising=False)
    folder = net.default_cache().folder
    assert folder.name == "lookup" and "printkit" in folder.parts
    monkeypatch.setenv(net.CACHE_ENV, "/somewhere")
    assert net.default_cache().folder == Path("/somewhere/lookup")
    assert net.default_cache().max_age == 7 * 24 * 3600
