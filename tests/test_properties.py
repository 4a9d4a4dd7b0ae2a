"""Campaigns and rows printkit has never seen: each ends as pages that read back right, or as
a reject or an error that says why. Never a silently wrong page.

Hypothesis makes the campaigns (recipient addresses of 1-8 lines of 1-60 characters,
short and long titles and summaries, letters with placeholders inline, alone in a
paragraph, at the start and end of lines, before and after sign-offs of many shapes) and
the rows (names and address lines of 1-120 characters in Latin, Welsh, Greek, Cyrillic,
Arabic, Hebrew, Chinese, emoji, combining marks and bidi controls). The fast tier runs a
few examples; the full suite runs more (`slow`).
"""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

import pytest
import readback
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from printkit import api, paper, postal
from printkit.errors import PrintkitError

FAST, FULL = 4, 20  # examples: the fast tier, the full suite
WINDOW = paper.WINDOWS["dl"]
ZONE = (WINDOW.left, WINDOW.top, WINDOW.width, WINDOW.height)
SCRIPTS = {
    "latin": "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'-. ",
    "welsh": "âêîôûŵŷÂÊÎÔÛŴŶẁẃẅỳẀẂẄỲäëïöüÿ Llŷr Siân Tŷ",
    "greek": "αβγδεζηθικλμνξοπρστυφχψωΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩάέήίόύώ ",
    "cyrillic": "абвгдежзийклмнопрстуфхцчшщъыьэюяАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЭЮЯ ",
    "arabic": "ابتثجحخدذرزسشصضطظعغفقكلمنهوي ",
    "hebrew": "אבגדהוזחטיכלמנסעפצקרשת ",
    "cjk": "王小明李张刘陈杨黄赵吴周",
    "emoji": "🙂😀👍🏽🎉❤",
    "marks": "e\u0301a\u0308o\u0302n\u0303",
    "bidi": "\u2066\u2067\u2068\u2069\u200e\u200f\u200d\u200c\u00ad",
}
POSTCODES = ["LS1 1AA", "ll61 5yh", "SW1A 1AA", "cf10 1ep", "BT1 5GS", "LS1 XYZ", ""]
SIGN_OFFS = [
    "Yours sincerely,\n\n[Your name]", "Yours faithfully,\n\n\n[Your name]",
    "Kind regards, [Your name]", "Yn gywir,\n[Your name]", "Cofion,\n\n[Your name].",
    "[Your name]", "Best wishes\n\n[Your name]\n",
]  # fmt: skip

words = st.text(st.sampled_from("abcdefghij klmnop qrstuv wxyz,."), min_size=1, max_size=80)
placeholder = st.sampled_from(["[MP name]", "[Ward]", "[Your name]", "[Number of years]"])


@st.composite
def paragraph(draw: st.DrawFn) -> str:
    """Words with placeholders at the start, in the middle or at the end of lines."""
    parts = draw(st.lists(st.one_of(words, placeholder), min_size=1, max_size=5))
    return draw(st.sampled_from([" ", "\n"])).join(parts)


@st.composite
def letter(draw: st.DrawFn) -> str:
    body = draw(st.lists(paragraph(), min_size=1, max_size=4))
    if draw(st.booleans()):
        body.insert(draw(st.integers(0, len(body))), "[In your own words: why does it matter?]")
    salutation = draw(st.sampled_from(["Dear [MP name],", "Annwyl [MP name],", "To [MP name]"]))
    return "\n\n".join([salutation, *body, draw(st.sampled_from(SIGN_OFFS))]) + "\n"


address_line = st.text(st.sampled_from(SCRIPTS["latin"] + "0123456789,"), min_size=1, max_size=60)


@st.composite
def campaign(draw: st.DrawFn) -> dict[str, object]:
    title = st.text(st.sampled_from(SCRIPTS["latin"] + "ŵŷ"), min_size=1, max_size=90)
    lines = st.lists(address_line.filter(str.strip), min_size=1, max_size=8)
    return {
        "title": draw(title.filter(str.strip)),
        "summary": draw(st.text(st.sampled_from(SCRIPTS["latin"]), max_size=400)),
        "letter": {
            "to": "mp",
            "text": "letter.md",
            "window": "dl",
            "recipient_address": draw(lines),
        },
        "outputs": ["letter", "leaflet"],
        "_letter": draw(letter()),
    }


def mixed(size: int = 120) -> st.SearchStrategy[str]:
    """Text of 1-`size` characters mixing the scripts UK campaigns meet."""
    alphabet = st.sampled_from("".join(SCRIPTS.values()))
    return st.text(alphabet, min_size=1, max_size=size).filter(lambda t: t.strip())


row = st.fixed_dictionaries({
    "Your name": mixed(), "Address 1": mixed(), "Address 2": st.one_of(st.just(""), mixed()),
    "Town": mixed(40), "Postcode": st.sampled_from(POSTCODES), "MP name": mixed(60),
    "Ward": mixed(30),
})  # fmt: skip


def _write(folder: Path, made: dict[str, object], rows: list[dict[str, str]]) -> Path:
    folder.mkdir(parents=True)
    text = made.pop("_letter")
    (folder / "campaign.yaml").write_text(yaml.safe_dump(made, allow_unicode=True), "utf-8")
    (folder / "letter.md").write_text(str(text), "utf-8")
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    data = folder / "supporters.csv"
    data.write_text(buffer.getvalue(), "utf-8")
    return data


def _refused_with_a_reason(error: PrintkitError) -> None:
    for problem in error.problems:
        assert problem.where is not None or problem.message.startswith(("no letters", "no ")), (
            problem
        )
        assert problem.message


def _blank(folder: Path, address: list[str]) -> int:
    """The blank letter reads back right, or is refused with a reason: pages checked."""
    target = folder / "blank.pdf"
    try:
        api.letter(folder, target)
    except PrintkitError as error:
        _refused_with_a_reason(error)
        return 0
    expect = [(1, postal.clean_line(line), ZONE, "the window zone") for line in address]
    report = readback.check(target.read_bytes(), expect=[e for e in expect if e[1]])
    assert report, report.problems
    return report.pages


def _rows(folder: Path, data: Path, count: int) -> int:
    """Every row is a letter that reads back right, or a reject with its reason."""
    target = folder / "letters.pdf"
    try:
        outcome = api.letters(folder, api.LetterRun(data, target, jobs=1))
    except PrintkitError as error:
        _refused_with_a_reason(error)
        return 0

    def rows_of(path: Path) -> list[dict[str, str]]:
        if not path.exists():
            return []
        with path.open(encoding="utf-8-sig", newline="") as stream:
            return list(csv.DictReader(stream))

    letters = rows_of(folder / "letters-manifest.csv")
    rejects = rows_of(folder / "letters-rejects.csv")
    assert len(letters) + len(rejects) == count, outcome.summary
    assert all(reject["reason"] for reject in rejects)
    expect = [(int(r["first page"]), r["recipient"], ZONE, "the window zone") for r in letters]
    report = readback.check(target.read_bytes(), expect=expect)
    assert report, report.problems
    return report.pages


def _case(made: dict[str, object], rows: list[dict[str, str]]) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "campaign"
        address = list(made["letter"]["recipient_address"])  # type: ignore[index]
        data = _write(folder, made, rows)
        _blank(folder, address)
        _rows(folder, data, len(rows))


COMMON = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow],
          "derandomize": True}  # fmt: skip


@settings(max_examples=FAST, **COMMON)  # type: ignore[arg-type]
@given(campaign(), st.lists(row, min_size=1, max_size=3))
def test_any_campaign_and_rows_print_right_or_say_why(made, rows) -> None:
    _case(made, rows)


@pytest.mark.slow
@settings(max_examples=FULL, **COMMON)  # type: ignore[arg-type]
@given(campaign(), st.lists(row, min_size=1, max_size=3))
def test_many_campaigns_and_rows_print_right_or_say_why(made, rows) -> None:
    _case(made, rows)
