"""Copy-fitting: the largest type size at which a region's words fit, by a few trial layouts.

A region (a leaflet side, the poster) is laid out at candidate sizes from a ladder between
the profile's floor and the product's ceiling, and the largest that fits is kept. Plans
are the region's content, richest first, each tried in turn: a plan whose extra is only
optional (a pull quote) must fit at a comfortable size; any other may go down to the floor.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from printkit.render.regions import Space

Plan = TypeVar("Plan")
STEP = 1.08  # each size on the ladder is about 8% above the one below
COMFORTABLE = 1  # rungs above the floor: optional content must fit at this size or larger
POWER = 1.8  # used height grows about as the size to this power (more lines, each taller)


def ladder(floor: float, ceiling: float, step: float = STEP) -> tuple[float, ...]:
    """Type sizes from `floor` up to `ceiling` (pt), each about `step` times the last, to 0.5."""
    sizes = [floor]
    while True:
        following = max(math.floor(sizes[-1] * step * 2 + 0.5) / 2, sizes[-1] + 0.5)
        if following > ceiling + 1e-9:
            return tuple(sizes)
        sizes.append(following)


@dataclass(frozen=True)
class Fitted(Generic[Plan]):
    """The plan and size chosen, how the region's space was used at it, and how many trials."""

    plan: Plan
    size: float
    space: Space
    trials: int


@dataclass(frozen=True)
class Shortfall(Generic[Plan]):
    """Nothing fits: the barest plan at the floor, and how its content ran over."""

    plan: Plan
    size: float
    space: Space
    trials: int


def fit(
    plans: Sequence[Plan],
    sizes: Sequence[float],
    probe: Callable[[Plan, float], Space],
    optional: Callable[[Plan], bool] = lambda _: False,
) -> Fitted[Plan] | Shortfall[Plan]:
    """The first plan that fits at its least size (comfortable if `optional`), at its largest.

    The first plan is tried at the top size first, as short words fit there at once;
    later ones at their least size first, as the plan before did not fit.
    """
    trials: dict[tuple[int, int], Space] = {}
    for number, plan in enumerate(plans):

        def trial(rung: int, number: int = number, plan: Plan = plan) -> Space:
            if (number, rung) not in trials:
                trials[(number, rung)] = probe(plan, sizes[rung])
            return trials[(number, rung)]

        least = min(COMFORTABLE, len(sizes) - 1) if optional(plan) else 0
        start = len(sizes) - 1 if number == 0 else least
        rung = _largest_fitting(trial, sizes, least, start)
        if rung is not None:
            return Fitted(plan, sizes[rung], trial(rung), len(trials))
    last = (len(plans) - 1, 0)
    if last not in trials:  # an optional plan last: how far it is from fitting at the floor
        trials[last] = probe(plans[-1], sizes[0])
    return Shortfall(plans[-1], sizes[0], trials[last], len(trials))


def _largest_fitting(
    trial: Callable[[int], Space], sizes: Sequence[float], least: int, start: int
) -> int | None:
    """The highest rung from `least` up whose trial fits, or None; a few trials.

    Each next guess comes from how the used height grows with the size, as the trials so
    far show it, so two or three trials usually settle it.
    """
    top = len(sizes) - 1
    tried: dict[int, Space] = {}
    rung = start
    while True:
        tried[rung] = trial(rung)
        fits = max((r for r, space in tried.items() if space.fits), default=None)
        over = min((r for r, space in tried.items() if not space.fits), default=None)
        if fits == top:
            return top
        if over == least:
            return None
        if fits is not None and over is not None and over - fits == 1:
            return fits
        low = least if fits is None else fits + 1
        high = top if over is None else over - 1
        rung = _guess(sizes, tried, low, high)


def _guess(sizes: Sequence[float], tried: dict[int, Space], low: int, high: int) -> int:
    """The rung from `low` to `high` where the used height should just fill the region.

    Used height grows about as a power of the size; the power comes from the two trials
    nearest the edge between fitting and not, or is assumed when there is one trial.
    """
    near = sorted(tried, key=lambda rung: min(abs(rung - low), abs(rung - high)))[:2]
    base = near[0]
    power = POWER
    if len(near) == 2:
        one, two = sorted(near)
        grown = tried[two].used / max(tried[one].used, 1e-6)
        power = max(0.5, math.log(max(grown, 1.0001)) / math.log(sizes[two] / sizes[one]))
    space = tried[base]
    target = sizes[base] * (space.height / max(space.used, 1e-6)) ** (1 / power)
    for rung, wide in tried.items():  # too wide: a word widens with the size
        if wide.wide > 0:
            target = min(target, sizes[rung] * wide.width / (wide.width + wide.wide))
    below = [rung for rung in range(low, high + 1) if sizes[rung] <= target]
    return below[-1] if below else low
