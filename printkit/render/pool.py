"""Work spread over a pool of processes, results taken in order with only a few tasks in flight.

WeasyPrint is not thread-safe, so both cores are used through processes. Each worker is
set up once by `initializer` (fonts, CSS and the campaign loaded once per process); the
caller gets results in the order of its tasks, so they can be streamed into one file.
Tasks are drawn from the iterable only as workers take them. However the caller stops
(an error, Ctrl-C, SIGTERM), its workers are ended; when it is told to stop, so is the fork
server they came from.
"""

from __future__ import annotations

import contextlib
import itertools
import multiprocessing
import os
import signal
import tempfile
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing.context import ForkServerContext, SpawnContext
from typing import Any, TypeVar

from printkit import files

Task = TypeVar("Task")
Result = TypeVar("Result")
IN_FLIGHT = 2  # tasks queued per worker: enough to keep it busy, few enough to keep memory flat
MAX_JOBS = 64
SOCKET_ROOM = 70  # characters of TMPDIR that leave room for the fork server's socket name
Setup = tuple[int, Any, tuple[Any, ...]]  # jobs, initializer, its arguments


class _Kept:
    """The pool (or this process) kept set up for every in_order() call of the same set-up."""

    def __init__(self, setup: Setup) -> None:
        self.setup = setup
        self.pool: ProcessPoolExecutor | None = None
        self.ready = False  # this process is set up (a run of one job, or of one task)


_kept: _Kept | None = None


@contextlib.contextmanager
def kept(jobs: int, initializer: Callable[..., None], initargs: tuple[Any, ...]) -> Iterator[None]:
    """Within the block, in_order() calls with this set-up share one set of workers.

    Each worker is set up once, and keeps what it learnt (a batch's letter shapes) from
    one call to the next.
    """
    global _kept
    outer, _kept = _kept, _Kept((jobs, initializer, initargs))
    mine = _kept
    try:
        yield
    except BaseException as error:
        if mine.pool is not None:
            stop(mine.pool, server=_told_to_stop(error))
        raise
    else:
        if mine.pool is not None:
            mine.pool.shutdown(wait=True)
    finally:
        _kept = outer


def start_server(preload: Sequence[str]) -> None:
    """Start the process that workers are forked from, importing `preload` into it once.

    Started early (before this process has imported much), it imports alongside this one,
    and every worker starts with those modules already loaded.
    """
    started = context()
    if isinstance(started, ForkServerContext):
        from multiprocessing import forkserver

        started.set_forkserver_preload(list(preload))
        forkserver.ensure_running()


def default_jobs() -> int:
    """All the cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def context() -> ForkServerContext | SpawnContext:
    """How workers start: from the fork server, unless its socket's path would not fit.

    The server listens on a socket under the temporary folder, and a socket's path is at
    most about 107 bytes; under a deeper TMPDIR workers are spawned instead (slower to
    start, the same work).
    """
    if len(tempfile.gettempdir()) > SOCKET_ROOM:
        return multiprocessing.get_context("spawn")
    return multiprocessing.get_context("forkserver")


def in_order(
    work: Callable[[Task], Result],
    tasks: Iterable[Task],
    jobs: int,
    initializer: Callable[..., None] | None = None,
    initargs: tuple[Any, ...] = (),
) -> Generator[Result, None, None]:
    """`work(task)` for each task, in order, over `jobs` processes (in this one for 1 job)."""
    pending = iter(tasks)
    first = list(itertools.islice(pending, 2))
    shared = _kept if _kept is not None and _kept.setup == (jobs, initializer, initargs) else None
    if jobs <= 1 or len(first) <= 1:
        if initializer is not None and not (shared is not None and shared.ready):
            initializer(*initargs)
        if shared is not None:
            shared.ready = True
        yield from map(work, itertools.chain(first, pending))
        return
    if shared is not None:  # ended by kept() when its block ends, however it ends
        shared.pool = shared.pool or _start_pool(jobs, initializer, initargs)
        yield from _bounded(shared.pool, work, itertools.chain(first, pending), IN_FLIGHT * jobs)
        return
    pool = _start_pool(jobs, initializer, initargs)
    try:
        yield from _bounded(pool, work, itertools.chain(first, pending), IN_FLIGHT * jobs)
    except BaseException as error:  # an error, Ctrl-C, SIGTERM, or the caller closing it
        stop(pool, server=_told_to_stop(error))
        raise
    pool.shutdown(wait=True)


def _start_pool(
    jobs: int, initializer: Callable[..., None] | None, initargs: tuple[Any, ...]
) -> ProcessPoolExecutor:
    """A pool of `jobs` workers, each set up once by `initializer`."""
    # Workers start from a clean server process rather than a copy of this one, so they
    # do not carry the whole spreadsheet with them. It is started here, before any submit
    # holds the stop signals, so that it and its workers take them as usual.
    started = context()
    if started.get_start_method() == "forkserver":
        from multiprocessing import forkserver

        forkserver.ensure_running()
    return ProcessPoolExecutor(
        max_workers=min(jobs, MAX_JOBS),
        mp_context=started,
        initializer=_start_worker,
        initargs=(initializer, initargs),
    )


def _start_worker(initializer: Callable[..., None] | None, initargs: tuple[Any, ...]) -> None:
    """Set a worker up; Ctrl-C is left to the parent, which ends the workers itself."""
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGHUP})
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if initializer is not None:
        initializer(*initargs)


def _told_to_stop(error: BaseException) -> bool:
    """Whether the run was stopped (Ctrl-C, SIGTERM, SIGHUP, exit) rather than failed."""
    return isinstance(error, (KeyboardInterrupt, SystemExit))


def stop(pool: ProcessPoolExecutor, *, server: bool = True) -> None:
    """End a pool now: queued work dropped, workers ended and waited for.

    With `server`, the fork server is ended too: the process is being stopped, and nothing
    it started may outlive it. After an error the server is left for the next pool, as
    other pools of this process (a web server's render queue) may have been forked from it.
    """
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        with contextlib.suppress(Exception):
            process.terminate()
    for process in processes:
        with contextlib.suppress(Exception):
            process.join(timeout=5)
            if process.is_alive():
                process.kill()
                process.join(timeout=5)
    if server:
        stop_fork_server()


def stop_fork_server(timeout: float = 5.0) -> None:
    """End the fork server the workers were started from; the next pool starts a new one.

    As multiprocessing's own `_stop`, but it never waits for ever: after `timeout` seconds
    the server is killed.
    """
    from multiprocessing import forkserver

    server: Any = forkserver._forkserver
    pid, alive = getattr(server, "_forkserver_pid", None), server._forkserver_alive_fd
    if pid is None:
        return
    with contextlib.suppress(OSError):
        os.close(alive)  # the server stops when no one holds this pipe open
    deadline = time.monotonic() + timeout
    with contextlib.suppress(ChildProcessError):
        while os.waitpid(pid, os.WNOHANG) == (0, 0):
            if time.monotonic() > deadline:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                break
            time.sleep(0.02)
    address = server._forkserver_address
    if address and not str(address).startswith("\0"):
        with contextlib.suppress(OSError):
            os.unlink(address)
    server._forkserver_pid = server._forkserver_alive_fd = server._forkserver_address = None


def _bounded(
    pool: ProcessPoolExecutor, work: Callable[[Task], Result], tasks: Iterator[Task], limit: int
) -> Iterator[Result]:
    """Results in order, with at most `limit` tasks submitted and not yet taken."""
    pending: deque[Future[Result]] = deque(
        _submit(pool, work, task) for task in itertools.islice(tasks, limit)
    )
    while pending:
        result = pending.popleft().result()
        for task in itertools.islice(tasks, 1):
            pending.append(_submit(pool, work, task))
        yield result


def _submit(
    pool: ProcessPoolExecutor, work: Callable[[Task], Result], task: Task
) -> Future[Result]:
    """Submit a task; a stop signal waits until it is in (a worker it starts is then known)."""
    with files.signals_held():
        return pool.submit(work, task)
