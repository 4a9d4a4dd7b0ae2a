"""The preflight's checks on pages described as data, and on pages WeasyPrint lays out."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import assume, event, given, settings
from hypothesis import strategies as st

from printkit.paper import Box
from printkit.profiles import CLEAR
from printkit.render import preflight
from printkit.render.pdf import Document, Renderer
from printkit.render.preflight import Line, Page, Region

A4 = Box(0, 0, 210, 297)


def line(text: str, x: float, baseline: float, width: float = 40, size: float = 12, **kw) -> Line:
    """A line of `size` pt type whose ink and advance run `width` mm from `x`."""
    em = size * 25.4 / 72
    ink = Box(x, baseline - 0.7 * em, width, 0.9 * em)
    return Line(text, ink, kw.pop("number", round(baseline)), size=size, baseline=baseline,
                advance=(x, width), set_in=(baseline - em, 1.3 * em), **kw)  # fmt: skip


def page(*lines: Line, regions: dict[str, Region] | None = None) -> Page:
    return Page(1, 210, 297, A4.inset(preflight.HOME_SAFE), lines, regions or {})


def kinds(found: list[preflight.Finding]) -> list[tuple[str, str | None]]:
    return [(f.kind, f.region) for f in found]


def test_a_clean_page_has_no_findings() -> None:
    assert preflight.check(page(line("Dear Jo,", 22, 100), line("Thank you.", 22, 106))) == []


def test_a_glyph_drawn_as_an_empty_box_is_found_with_its_characters() -> None:
    found = preflight.check(page(line("王 小明", 22, 100, missing=("王", "小", "明"))))
    assert kinds(found) == [(preflight.MISSING, None)]
    assert found[0].chars == ("王", "小", "明")
    assert "'王' (U+738B)" in found[0].message()


def test_ink_within_5_mm_of_the_sheet_edge_is_unprintable() -> None:
    found = preflight.check(page(line("Bartholomew", 180, 100, width=28)))
    assert kinds(found) == [(preflight.UNPRINTABLE, None)]
    assert found[0].side == "right" and found[0].over == pytest.approx(3.0)


def test_a_line_set_past_its_region_is_found_with_the_shortfall() -> None:
    sender = Region("sender block", "sender block", Box(114, 14, 76, 40))
    long_name = line("Bartholomew Fitzwilliam", 114, 20, width=88.5, regions=("sender block",))
    found = preflight.check(page(long_name, regions={"sender block": sender}))
    assert kinds(found) == [(preflight.OUTSIDE, "sender block")]
    assert found[0].over == pytest.approx(12.5)
    assert found[0].message().endswith("runs 12.5 mm past the right edge of the sender block")


def test_the_window_block_must_lie_in_its_zone_whatever_its_box() -> None:
    zone = Box(22, 52, 76, 30)
    window = Region("window block", "window block", Box(22, 52, 76, 40), zone)
    postcode = line("LL77 7TW", 22, 85, width=16, regions=("window block",))
    found = preflight.check(page(postcode, regions={"window block": window}))
    assert kinds(found) == [(preflight.OUT_OF_ZONE, "window block")]
    assert found[0].side == "bottom"


def test_a_caption_printed_into_the_line_below_is_an_overlap() -> None:
    caption = line("Ward", 37, 111.1, width=6, size=7.5)
    below = line("library in our town", 22, 113.6, width=120)
    found = preflight.check(page(caption, below))
    assert kinds(found) == [(preflight.OVERLAP, None)]
    assert {found[0].text, found[0].other} == {"Ward", "library in our town"}


def test_runs_of_one_line_are_not_overlaps_of_each_other() -> None:
    runs = [line("Dear ", 22, 100, width=10, number=7), line("Jo", 31.9, 100, width=5, number=7)]
    assert preflight.check(page(*runs)) == []


def test_a_line_answers_to_its_innermost_region() -> None:
    regions = {
        "window block": Region("window block", "window block", Box(22, 52, 76, 30)),
        "window caption": Region("window caption", "window caption", Box(22, 47, 20, 4)),
    }
    caption = line(
        "MP name", 22, 50, width=10, size=7.5, regions=("window block", "window caption")
    )
    assert preflight.check(page(caption, regions=regions)) == []


def test_the_fit_policy_steps_the_failing_region_until_it_fits() -> None:
    tried: list[dict[str, int]] = []

    def lay_out(steps: preflight.Steps) -> tuple[str, list[preflight.Finding]]:
        tried.append(dict(steps))
        fits = steps.get("window block", 0) >= 2
        failing = preflight.Finding(preflight.OUT_OF_ZONE, 1, "window block", "LL77 7TW", 1.0,
                                    held=("window block",))  # fmt: skip
        return "laid", [] if fits else [failing]

    laid, findings, steps = preflight.fitted(lay_out, {"window block": 4, "sender block": 2})
    assert (laid, findings, steps) == ("laid", [], {"window block": 2})
    assert tried == [{}, {"window block": 1}, {"window block": 2}]


def test_the_fit_policy_gives_up_with_the_findings_when_no_step_is_left() -> None:
    failing = preflight.Finding(
        preflight.OUTSIDE, 1, "sender block", "x", 3.0, held=("sender block",)
    )
    _, findings, steps = preflight.fitted(lambda steps: (None, [failing]), {"sender block": 2})
    assert findings == [failing] and steps == {"sender block": 2}


def _laid(html: str, css: str = "", **kw: object) -> list[preflight.Finding]:
    renderer = Renderer(None, CLEAR)
    style = f"<style>@page {{ size: A4; margin: 20mm }} {css}</style>"
    return list(renderer.layout(Document(style + html, ("base.css",), **kw)).findings)  # type: ignore[arg-type]


def test_weasyprint_pages_welsh_draws_and_an_unknown_script_does_not() -> None:
    assert _laid("<p>Siân Llŷr, Tŷ Gwyn, Ŵ Ŷ ẁ ẃ ẅ ỳ</p>") == []
    found = _laid("<p>Ra 𓀀</p>")
    assert [(f.kind, f.chars) for f in found] == [(preflight.MISSING, ("𓀀",))]


def test_weasyprint_pages_invisible_format_characters_never_count_as_missing() -> None:
    assert _laid("<p>\u2068Siân\u2069 \u2066Jo\u2069 a\u200db\u200cc so\u00adft</p>") == []


def test_weasyprint_pages_a_named_region_too_small_for_its_text() -> None:
    html = '<div data-region="label cell" style="width: 30mm">Featherstonehaugh</div>'
    (found,) = _laid(html)
    assert (found.kind, found.region, found.side) == (preflight.OUTSIDE, "label cell", "right")
    assert 3 < found.over < 10  # 36 mm of name in 30 mm


def test_weasyprint_pages_a_fit_step_that_makes_it_fit_is_taken() -> None:
    html = '<div data-region="box" style="width: 30mm; white-space: nowrap">Llanfairpwllgwyn</div>'
    fits = {"box": ("& { font-size: 9pt }",)}
    renderer = Renderer(None, CLEAR)
    laid = renderer.layout(Document(html, ("base.css",), fits=fits))
    assert laid.findings == () and laid.steps == {"box": 1}


REGIONS = {"sender block": Region("sender block", "sender block", Box(114, 14, 76, 40),
                                  Box(110, 10, 86, 50))}  # fmt: skip
placed = st.builds(
    line,
    st.sampled_from(["Jo", "Bartholomew Fitzwilliam", "王 小明", "Dear Ann,"]),
    st.floats(0, 190), st.floats(1, 300), st.floats(1, 120), st.sampled_from([10.0, 12.0, 16.0]),
    regions=st.sampled_from([(), ("sender block",)]),
    missing=st.sampled_from([(), ("王",)]),
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(placed, min_size=1, max_size=12), st.data())
def test_checking_only_the_lines_set_again_finds_what_checking_every_line_does(
    lines: list[Line], data: st.DataObject
) -> None:
    # The fast path's pages: a shape's page passed, then some of its lines are set again
    # with a row's text. Whatever they are, checking those lines (and what they overprint)
    # finds what checking the whole page does.
    kept = [one for one in lines if not preflight.check(page(one, regions=REGIONS))]
    shape = page(*kept, regions=REGIONS)
    assume(kept and not preflight.check(shape))
    changed = data.draw(st.sets(st.sampled_from(range(len(kept))), min_size=1))
    again = list(kept)
    for index in changed:
        made = data.draw(placed)
        again[index] = dataclasses.replace(made, line=1000 + index)  # a line of its own
    relaid = preflight.relaid([shape], {(0, n): again[n] for n in changed})
    assert relaid is not None
    found = preflight.check(relaid[0])
    event("found something" if found else "found nothing")
    assert preflight.check_changed(relaid, [(0, n) for n in changed]) == found
