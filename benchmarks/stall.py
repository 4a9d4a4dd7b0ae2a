"""Time the fitted leaflets and posters: trial layouts and wall time for each product.

    python benchmarks/stall.py                    # the example campaign
    python benchmarks/stall.py my-campaign --profile large

Copy-fitting lays each side out at a few candidate sizes before the final layout; this
prints, for each size and way of printing, how many layouts that took and how long the
product took in all (fonts and styles loaded beforehand, as in a long-running process).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path
from typing import Any

from printkit.api.common import load
from printkit.errors import PrintkitError
from printkit.products import leaflet_fit, poster
from printkit.profiles import Look
from printkit.render.pdf import Renderer

PRODUCTS = [("leaflet", size, shop) for size in ("a5", "a6", "dl") for shop in (False, True)]
PRODUCTS += [("poster", size, False) for size in ("a4", "a3")]


class Counting(Renderer):
    """A renderer that counts the layouts it makes."""

    layouts = 0

    def layout(self, document: Any) -> Any:
        self.layouts += 1
        return super().layout(document)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("campaign", nargs="?", type=Path)
    parser.add_argument("--profile", default="clear")
    parser.add_argument("--lang")
    args = parser.parse_args()
    campaign, look = load(args.campaign, Look(profile=args.profile, lang=args.lang), "leaflet")
    renderer = Counting(campaign.root, look)
    leaflet_fit.fitted(campaign, renderer)  # fonts and styles loaded once, not timed
    print(f"{'product':<22}{'layouts':>8}{'ms':>8}")
    with tempfile.TemporaryDirectory() as folder:
        for kind, size, shop in PRODUCTS:
            renderer.layouts = 0
            start = time.perf_counter()
            try:
                if kind == "poster":
                    document = poster.fitted(campaign, renderer, size)
                else:
                    document = leaflet_fit.fitted(campaign, renderer, size, shop)
                renderer.write(document, Path(folder) / "out.pdf")
            except PrintkitError as error:
                print(f"{kind} {size}: {error.problems[0].message}")
                continue
            took = (time.perf_counter() - start) * 1000
            name = f"{kind} {size.upper()}{' shop' if shop else ''}"
            print(f"{name:<22}{renderer.layouts:>8}{took:>8.0f}")


if __name__ == "__main__":
    main()
