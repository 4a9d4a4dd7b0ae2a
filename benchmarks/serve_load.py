"""A bounded load test of the supporter page (`printkit serve CAMPAIGN --public`) on loopback.

    python benchmarks/serve_load.py                      # 1 and 2 workers, the example campaign
    python benchmarks/serve_load.py --workers 2 --requests 200

For each worker count it starts the server on 127.0.0.1, then runs two phases, each
bounded in requests and in time: a steady one (as many clients as render processes
times two) for letters per second and latency percentiles, and an overload (many more
clients than the queue holds), counting the 503 answers with Retry-After. Only this
machine is sent anything; the server is stopped at the end.
"""

from __future__ import annotations

import argparse
import html
import http.client
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

HOST = "127.0.0.1"
DETAILS = {"Your name": "Sam Sample", "Address 1": "1 Church Lane", "Town": "Leeds",
           "Postcode": "LS1 1AA", "MP name": "Alex Example"}  # fmt: skip


@dataclass
class Phase:
    """What one phase saw: status counts, latencies of the letters, Retry-After answers."""

    name: str
    clients: int
    statuses: Counter[int] = field(default_factory=Counter)
    latencies: list[float] = field(default_factory=list)
    retry_after: int = 0
    seconds: float = 0.0


def start(campaign: Path, port: int, workers: int) -> subprocess.Popen[bytes]:
    """The supporter page in a process of its own, once it answers."""
    command = [sys.executable, "-c", "from printkit.cli import main; main()", "serve",
               str(campaign), "--public", "--port", str(port), "--workers", str(workers),
               "--rate", "0"]  # fmt: skip
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            if get(port, "/healthz")[0] == 200:
                return server
        except OSError:
            time.sleep(0.3)
    server.kill()
    raise SystemExit("the server did not start within 90 s")


def get(port: int, path: str) -> tuple[int, str]:
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        connection.request("GET", path)
        answer = connection.getresponse()
        return answer.status, answer.read().decode()
    finally:
        connection.close()


def form(port: int) -> bytes:
    """A filled-in form, with the page's CSRF token and its field names."""
    _, page = get(port, "/")
    labels = dict(re.findall(r'<label for="(field-\d+)">(.*?)(?: <span|</label>)', page))
    names = {html.unescape(label): name for name, label in labels.items()}
    values = {names[label]: value for label, value in DETAILS.items() if label in names}
    token = re.search(r'name="csrf" value="([^"]+)"', page)
    assert token, "no CSRF token on the page"
    return urllib.parse.urlencode({**values, "csrf": token.group(1), "action": "letter"}).encode()


def post(port: int, body: bytes, phase: Phase, lock: threading.Lock) -> None:
    started = time.perf_counter()
    connection = http.client.HTTPConnection(HOST, port, timeout=60)
    try:
        connection.request("POST", "/", body, {"Content-Type": "application/x-www-form-urlencoded"})
        answer = connection.getresponse()
        answer.read()
        status, retry = answer.status, answer.getheader("retry-after")
    except OSError:
        status, retry = 0, None
    finally:
        connection.close()
    with lock:
        phase.statuses[status] += 1
        if status == 200:
            phase.latencies.append(time.perf_counter() - started)
        if status == 503 and retry:
            phase.retry_after += 1


def run(port: int, body: bytes, phase: Phase, requests: int, limit: float) -> Phase:
    """`requests` POSTs from `phase.clients` clients, stopping early at `limit` seconds."""
    lock, left = threading.Lock(), [requests]
    deadline = time.monotonic() + limit

    def client() -> None:
        while time.monotonic() < deadline:
            with lock:
                if not left[0]:
                    return
                left[0] -= 1
            post(port, body, phase, lock)

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(phase.clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    phase.seconds = time.perf_counter() - started
    return phase


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000 if ordered else 0.0


def report(workers: int, phase: Phase) -> str:
    letters = phase.statuses[200]
    rate = letters / phase.seconds if phase.seconds else 0.0
    shown = ", ".join(f"{status or 'failed'}: {n}" for status, n in sorted(phase.statuses.items()))
    return (f"{workers:>7} {phase.name:<9} {phase.clients:>7} {letters:>7} {rate:>9.1f}"
            f" {rate / workers:>10.1f} {percentile(phase.latencies, 0.5):>7.0f}"
            f" {percentile(phase.latencies, 0.9):>7.0f} {percentile(phase.latencies, 0.99):>7.0f}"
            f" {phase.statuses[503]:>5} {phase.retry_after:>6}   {shown}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--workers", type=int, nargs="*", default=[1, 2])
    parser.add_argument("--requests", type=int, default=120, help="per phase")
    parser.add_argument("--limit", type=float, default=90.0, help="seconds per phase, at most")
    parser.add_argument("--overload", type=int, default=48, help="clients in the overload phase")
    parser.add_argument("--port", type=int, default=8767)
    parser.add_argument("--campaign", type=Path, help="default: the example campaign")
    options = parser.parse_args()
    from printkit.resources import example_campaign

    campaign = options.campaign or example_campaign()
    print(f"supporter page load test on {HOST}, {options.requests} requests a phase,"
          f" at most {options.limit:g} s each; campaign: {campaign.name}")  # fmt: skip
    print("workers phase     clients letters letters/s per worker  p50 ms  p90 ms  p99 ms"
          "   503 Retry-After   statuses")  # fmt: skip
    for workers in options.workers:
        server = start(campaign, options.port, workers)
        try:
            body = form(options.port)
            run(options.port, body, Phase("warm-up", workers), 4 * workers, options.limit)
            for phase in (Phase("steady", 2 * workers), Phase("overload", options.overload)):
                print(report(workers, run(options.port, body, phase, options.requests,
                                          options.limit)), flush=True)  # fmt: skip
        finally:
            server.send_signal(signal.SIGINT)
            try:
                server.wait(30)
            except subprocess.TimeoutExpired:
                server.kill()


if __name__ == "__main__":
    main()
