"""Every PDF printkit writes passes the PDF/UA-1 rules of an independent checker, by default."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import page
import pytest

from printkit import api

ROWS = "Name,Address 1,Town,Postcode,MP name\nJo Bloggs,1 Church Lane,Leeds,LS1 1AA,Ann Smith\n"


def data(folder: Path) -> Path:
    path = folder / "supporters.csv"
    path.write_text(ROWS, encoding="utf-8")
    return path


PRODUCTS: dict[str, Callable[[Path], Path]] = {
    "blank letter": lambda f: api.letter(None, f / "o.pdf").written[0].path,
    "leaflet": lambda f: api.leaflet(None, f / "o.pdf").written[0].path,
    "poster": lambda f: api.poster(None, f / "o.pdf").written[0].path,
    "sign-up sheet": lambda f: api.signup(None, f / "o.pdf").written[0].path,
    "labels": lambda f: api.labels(None, api.LabelRun(data(f), f / "o.pdf")).written[0].path,
    "envelopes": lambda f: (
        api.envelopes(None, api.EnvelopeRun(data(f), f / "o.pdf")).written[0].path
    ),
    "merged letters": lambda f: (
        api.letters(None, api.LetterRun(data(f), f / "o.pdf", jobs=1)).written[0].path
    ),
}


@pytest.mark.parametrize("product", PRODUCTS)
def test_every_product_passes_pdf_ua_1_without_being_asked(tmp_path: Path, product: str) -> None:
    report = page.validate_pdf(PRODUCTS[product](tmp_path), profile="ua1")
    assert [f"{f.rule_id}: {f.message}" for f in report.failures] == []
    assert report.rules.total >= 100
