"""The render queue: library calls run in a pool of processes, with a bounded number waiting.

WeasyPrint is not thread-safe and rendering would block the event loop, so every render
goes to a worker process, each set up once (fonts and styles loaded). When every worker
is busy and `waiting` more are queued, the next call is refused at once (QueueFull),
never left to pile up.
"""

from __future__ import annotations

import asyncio
import math
from collections.abc import Callable
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from printkit.api import previews
from printkit.render import pool

Result = TypeVar("Result")


class QueueFull(Exception):
    """Raised when the render queue holds as many calls as it may; try again in `retry_after` s."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"the render queue is full: try again in {retry_after} s")
        self.retry_after = retry_after


class RenderPool:
    """`workers` processes rendering, up to `waiting` more calls queued behind them."""

    def __init__(self, workers: int, waiting: int, executor: Executor | None = None) -> None:
        self.workers = max(1, workers)
        self.capacity = self.workers + max(0, waiting)
        self.busy = 0  # calls running or queued; only the event loop's thread changes it
        self.seconds = 1.0  # a moving average of one call's time, for Retry-After
        self.executor = executor or self._start()

    def _start(self) -> Executor:
        return ProcessPoolExecutor(
            self.workers,
            mp_context=pool.context(),
            initializer=previews.start_worker,
        )

    async def run(self, work: Callable[..., Result], *args: Any) -> Result:
        """`work(*args)` in a worker process; QueueFull when the queue is full."""
        if self.busy >= self.capacity:
            raise QueueFull(self.retry_after())
        self.busy += 1
        loop = asyncio.get_running_loop()
        started = loop.time()
        try:
            return await asyncio.wrap_future(self.executor.submit(work, *args))
        except BrokenProcessPool:  # a worker died: start afresh, and say to try again
            self.executor.shutdown(wait=False, cancel_futures=True)
            self.executor = self._start()
            raise QueueFull(1) from None
        finally:
            self.busy -= 1
            self.seconds = 0.8 * self.seconds + 0.2 * (loop.time() - started)

    def retry_after(self) -> int:
        """Seconds until a place is likely free: the queue ahead, shared by the workers."""
        return max(1, math.ceil(self.seconds * self.busy / self.workers))

    def close(self) -> None:
        """Stop the workers; calls still queued are dropped."""
        self.executor.shutdown(wait=True, cancel_futures=True)
