"""Work spread over a pool of processes, results taken in order with only a few tasks in flight.

WeasyPrint is not thread-safe, so both cores are used through processes. Each worker is
set up once by `initializer` (fonts, CSS and the campaign loaded once per process); the
caller gets results in the order of its tasks, so they can be streamed into one file.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, TypeVar

Task = TypeVar("Task")
Result = TypeVar("Result")
IN_FLIGHT = 2  # tasks queued per worker: enough to keep it busy, few enough to keep memory flat


def default_jobs() -> int:
    """All the cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def in_order(
    work: Callable[[Task], Result],
    tasks: Iterable[Task],
    jobs: int,
    initializer: Callable[..., None] | None = None,
    initargs: tuple[Any, ...] = (),
) -> Iterator[Result]:
    """`work(task)` for each task, in order, over `jobs` processes (in this one for 1 job)."""
    tasks = list(tasks) if not isinstance(tasks, list) else tasks
    if jobs <= 1 or len(tasks) <= 1:
        if initializer is not None:
            initializer(*initargs)
        yield from map(work, tasks)
        return
    # Workers start from a clean server process rather than a copy of this one, so they
    # do not carry the whole spreadsheet with them.
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(
        max_workers=min(jobs, len(tasks)),
        mp_context=context,
        initializer=initializer,
        initargs=initargs,
    ) as pool:
        try:
            yield from _bounded(pool, work, iter(tasks), IN_FLIGHT * jobs)
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise


def _bounded(
    pool: ProcessPoolExecutor, work: Callable[[Task], Result], tasks: Iterator[Task], limit: int
) -> Iterator[Result]:
    """Results in order, with at most `limit` tasks submitted and not yet taken."""
    pending: deque[Future[Result]] = deque(
        pool.submit(work, task) for task in itertools.islice(tasks, limit)
    )
    while pending:
        result = pending.popleft().result()
        for task in itertools.islice(tasks, 1):
            pending.append(pool.submit(work, task))
        yield result
