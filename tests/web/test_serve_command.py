"""`printkit serve` on the command line: its usage, a busy port, and a clean stop."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner
from webfixtures import bus_campaign  # noqa: F401

from printkit.cli import main
from printkit.errors import OutputError
from printkit.web import server


def test_public_needs_a_campaign_and_host_needs_public() -> None:
    assert CliRunner().invoke(main, ["serve", "--public"]).exit_code == 2
    assert CliRunner().invoke(main, ["serve", "--host", "0.0.0.0"]).exit_code == 2


def test_a_public_campaign_with_problems_is_refused(make_campaign) -> None:
    folder = make_campaign("title: x\nletter: {text: gone.md}\n")
    result = CliRunner().invoke(main, ["serve", str(folder), "--public"])
    assert result.exit_code == 1 and "gone.md" in result.stderr and "Traceback" not in result.output


def test_a_busy_port_is_a_clear_error() -> None:
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen(1)
    try:
        with pytest.raises(OutputError, match="another program is using it"):
            server.bind("127.0.0.1", taken.getsockname()[1])
    finally:
        taken.close()


@pytest.mark.slow
def test_the_workspace_stops_cleanly(bus_campaign: Path, tmp_path: Path) -> None:
    for stop in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):  # one server at a time
        stopped_cleanly(bus_campaign, tmp_path / stop.name, stop)


def stopped_cleanly(bus_campaign: Path, tmp_path: Path, stop: int) -> None:
    """Start the workspace, open it, stop it with `stop`: exit 0, no file left behind."""
    # A short folder: the process pool's socket path must stay under the 108-byte limit.
    temp = Path(tempfile.mkdtemp(prefix="pk-"))
    tmp_path.mkdir(parents=True)
    command = [sys.executable, "-c", "from printkit.cli import main; main()", "serve",
               str(bus_campaign), "--port", "0", "--jobs", "1"]  # fmt: skip
    errors = (tmp_path / "stderr.txt").open("w")
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=errors, text=True,
                               env={**os.environ, "TMPDIR": str(temp)})  # fmt: skip
    try:
        assert process.stdout is not None
        url = ""
        while not url:
            line = process.stdout.readline()
            assert line, "the server stopped before printing its address"
            url = (re.search(r"http://127\.0\.0\.1:\d+/\?token=\S+", line) or [""])[0]
        base = url.split("?")[0]
        with pytest.raises(urllib.error.HTTPError, match="403"):
            urllib.request.urlopen(base, timeout=30)
        browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
        try:
            assert browser.open(url, timeout=60).status == 200  # the token, then its cookie
        except urllib.error.HTTPError as error:
            errors.flush()
            raise AssertionError(
                error.read().decode() + (tmp_path / "stderr.txt").read_text()
            ) from error
        assert list(temp.glob("printkit-serve-*"))
        process.send_signal(stop)
        assert process.wait(60) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(30)
        if process.stdout is not None:
            process.stdout.close()
        errors.close()
    time.sleep(0.5)
    assert not list(temp.iterdir())
    temp.rmdir()
