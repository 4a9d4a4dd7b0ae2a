"""The poster: headline, hashtag, the ask, a large QR code and the organisation."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import PdfView, rasterise, scan_qr_codes

from printkit import api


@pytest.mark.parametrize(
    ("size", "page", "least"), [("a4", (210.0, 297.0), 35), ("a3", (297.0, 420.0), 50)]
)
def test_poster_page_and_a_large_qr_code_to_the_action(
    tmp_path: Path, size: str, page: tuple[float, float], least: float
) -> None:
    outcome = api.poster(None, tmp_path / "poster.pdf", size)
    assert not outcome.warnings
    view = PdfView((tmp_path / "poster.pdf").read_bytes())
    assert len(view.pages) == 1 and view.size_mm() == page
    codes = scan_qr_codes(rasterise(view.data, 0, dpi=100), dpi=100)
    assert [text for text, _ in codes] == ["https://www.writetothem.com"]
    assert codes[0][1] >= least
    text = view.flat_text()
    assert "Write to your MP" in text and "#EndStopAndScan" in text
    assert "Write to your local MP and Councillors" in text


def test_poster_names_the_organisation(councillor_campaign: Path, tmp_path: Path) -> None:
    api.poster(councillor_campaign, tmp_path / "p.pdf")
    assert "Friends of Elm Road Library" in PdfView((tmp_path / "p.pdf").read_bytes()).text()
