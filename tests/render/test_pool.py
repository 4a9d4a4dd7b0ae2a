"""The process pool: results in order, tasks drawn only as needed, and a stop that ends it all."""

from __future__ import annotations

import concurrent.futures
import itertools
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from printkit.render import pool


def forked(parent: int) -> list[int]:
    """The fork server processes (and the workers they made) below `parent`, from /proc.

    The whole tree is read first: process numbers wrap, so a worker may have a lower
    number than the server it came from.
    """
    children: dict[int, list[int]] = {}
    servers = set()
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            cmdline = (entry / "cmdline").read_bytes()
            ancestry = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ancestry, []).append(int(entry.name))
        if b"forkserver" in cmdline:
            servers.add(int(entry.name))
    found, todo = [], [parent]
    while todo:
        for child in children.get(todo.pop(), []):
            if child in servers:
                found.append(child)
                todo.append(child)
    return found


def blocks(pid: int, number: int) -> bool:
    """Whether process `pid` holds signal `number` blocked (Linux: SigBlk in /proc/PID/status)."""
    status = Path(f"/proc/{pid}/status").read_text()
    mask = next(line for line in status.splitlines() if line.startswith("SigBlk:"))
    return bool(int(mask.split()[1], 16) >> (number - 1) & 1)


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_results_come_in_order_and_tasks_are_drawn_as_needed() -> None:
    drawn = []

    def tasks():  # an endless supply: only what is taken is drawn
        for n in itertools.count():
            drawn.append(n)
            yield 0.01 * (n % 3)

    results = pool.in_order(time.sleep, tasks(), 2)
    assert [next(results) for _ in range(5)] == [None] * 5
    assert len(drawn) <= 5 + pool.IN_FLIGHT * 2
    results.close()


def test_a_stopped_pool_ends_its_workers_and_fork_server_at_once() -> None:
    results = pool.in_order(time.sleep, [0.5] * 40, 2)
    next(results)
    running = [pid for pid in forked(os.getpid()) if alive(pid)]
    assert len(running) >= 2  # the fork server and its workers
    # They take SIGTERM (a stop signal held while a worker starts must not stay held there).
    assert not [pid for pid in running if blocks(pid, signal.SIGTERM)]
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        results.throw(KeyboardInterrupt)  # Ctrl-C, or SIGTERM or SIGHUP, while it waits
    assert time.monotonic() - started < 3
    time.sleep(0.2)
    assert [pid for pid in running if alive(pid)] == []


def test_a_pool_that_fails_ends_its_workers_but_not_another_pools() -> None:
    # A web server's render queue forks its workers from the same fork server: a run
    # that fails (or whose caller stops reading) must leave that server running.
    with concurrent.futures.ProcessPoolExecutor(1, mp_context=pool.context()) as other:
        assert other.submit(abs, -1).result() == 1
        results = pool.in_order(time.sleep, [0.5] * 40, 2)
        next(results)
        workers = set(forked(os.getpid())) - {os.getpid()}
        started = time.monotonic()
        results.close()  # as an error in the caller would
        assert time.monotonic() - started < 3
        time.sleep(0.2)
        assert other.submit(abs, -2).result(timeout=10) == 2
        assert len([pid for pid in workers if alive(pid)]) == 2  # the server, the other's worker


def test_workers_start_under_a_temporary_folder_too_deep_for_a_fork_server(tmp_path) -> None:
    deep = tmp_path / ("d" * 60) / ("e" * 60)
    deep.mkdir(parents=True)
    script = (
        "from printkit.render import pool\n"
        "print(pool.context().get_start_method(), list(pool.in_order(abs, [-1, -2, -3], 2)))\n"
    )
    env = {**os.environ, "TMPDIR": str(deep)}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("[")[0].strip() == "spawn"
    assert done.stdout.strip().endswith("[1, 2, 3]")
