"""The copy-fitting search: the largest size that fits, the richest plan, in a few trials."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from printkit.products import copyfit
from printkit.render.regions import Space

HEIGHT = 180.0


def growing(words: float, power: float = 1.8) -> object:
    """A stand-in for a layout: words take `words * size ** power` mm, as set text does."""
    calls: list[tuple[str, float]] = []

    def probe(plan: str, size: float) -> Space:
        calls.append((plan, size))
        used = words * (1.5 if plan == "rich" else 1.0) * size**power
        return Space("side", HEIGHT, used, over=max(0.0, used - HEIGHT), width=120)

    probe.calls = calls  # type: ignore[attr-defined]
    return probe


def test_ladder_runs_from_the_floor_to_the_ceiling_in_small_steps() -> None:
    sizes = copyfit.ladder(12, 21)
    assert sizes[0] == 12 and sizes[-1] <= 21
    assert all(b > a for a, b in itertools.pairwise(sizes))
    assert all(b / a <= 1.1 for a, b in itertools.pairwise(sizes))


def test_short_words_fit_at_the_top_size_in_one_trial() -> None:
    probe = growing(0.1)
    result = copyfit.fit(["plain"], copyfit.ladder(12, 21), probe)
    assert isinstance(result, copyfit.Fitted) and result.size == copyfit.ladder(12, 21)[-1]
    assert result.trials == 1


def test_long_words_get_the_largest_size_that_fits_in_a_few_trials() -> None:
    sizes = copyfit.ladder(12, 21)
    probe = growing(1.2)
    result = copyfit.fit(["plain"], sizes, probe)
    assert isinstance(result, copyfit.Fitted)
    fitting = [s for s in sizes if 1.2 * s**1.8 <= HEIGHT]
    assert result.size == max(fitting)
    assert result.trials <= 4


def test_past_the_floor_is_a_shortfall_saying_by_how_much() -> None:
    result = copyfit.fit(["plain"], copyfit.ladder(12, 21), growing(3.0))
    assert isinstance(result, copyfit.Shortfall) and result.size == 12
    assert result.space.over == pytest.approx(3.0 * 12**1.8 - HEIGHT)


def test_an_optional_plan_must_fit_at_a_comfortable_size_or_give_way() -> None:
    sizes = copyfit.ladder(12, 21)
    words = HEIGHT / 12.5**1.8 / 1.5  # the rich plan fits at 12 pt, not at 13 pt

    def optional(plan: str) -> bool:
        return plan == "rich"

    result = copyfit.fit(["rich", "plain"], sizes, growing(words), optional)
    assert isinstance(result, copyfit.Fitted) and result.plan == "plain"
    kept = copyfit.fit(["rich", "plain"], sizes, growing(words))
    assert isinstance(kept, copyfit.Fitted) and kept.plan == "rich" and kept.size == 12


@given(
    words=st.floats(0.05, 3.0),
    power=st.floats(1.0, 2.5),
    floor=st.sampled_from([12.0, 16.0]),
    stretch=st.floats(1.2, 2.5),
)
def test_the_search_finds_what_trying_every_size_finds(
    words: float, power: float, floor: float, stretch: float
) -> None:
    sizes = copyfit.ladder(floor, floor * stretch)
    result = copyfit.fit(["plain"], sizes, growing(words, power))
    fitting = [s for s in sizes if words * s**power <= HEIGHT + 0.15]
    if fitting:
        assert isinstance(result, copyfit.Fitted) and result.size == max(fitting)
        assert result.trials <= max(4, len(sizes) // 2 + 1)
    else:
        assert isinstance(result, copyfit.Shortfall)
