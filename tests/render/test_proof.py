"""PNG previews of the first pages, made without any external program."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

from printkit import api
from printkit.render import proof


def test_proof_of_one_product_writes_its_first_pages_as_png(tmp_path: Path) -> None:
    outcome = api.proof(None, "leaflet", tmp_path)
    names = [w.path.name for w in outcome.written]
    assert names == ["end-stop-and-scan-leaflet-1.png", "end-stop-and-scan-leaflet-2.png"]
    with Image.open(outcome.written[0].path) as opened:
        image = opened.copy()
        image.format = opened.format
    assert image.format == "PNG" and image.width == proof.PROOF_WIDTH
    assert abs(image.height - proof.PROOF_WIDTH * 210 / 297) <= 1  # the A4 landscape sheet


def test_proof_without_a_product_previews_every_output(tmp_path: Path) -> None:
    outcome = api.proof(None, None, tmp_path)
    products = {
        w.path.stem.rsplit("-", 1)[0].removeprefix("end-stop-and-scan-") for w in outcome.written
    }
    assert products == {"letter", "leaflet", "signup", "poster"}


def test_pngs_stops_at_the_last_page(tmp_path: Path) -> None:
    api.poster(None, tmp_path / "poster.pdf")
    images = proof.pngs((tmp_path / "poster.pdf").read_bytes(), pages=5, width=200)
    assert len(images) == 1
    with Image.open(io.BytesIO(images[0])) as image:
        width, height = image.size
    assert width == 200 and abs(height - 200 * 297 / 210) <= 1
