"""What declaring PDF/UA-1 costs: each product rendered with and without it, CPU time and size.

    python benchmarks/variants.py

Rendered in this process, each several times; the fastest run of each is printed
(CPU time, so that other work on the machine counts for less).
"""

from __future__ import annotations

import time

from printkit import campaign
from printkit.products.letter import LetterTemplate
from printkit.profiles import Look
from printkit.render.pdf import Renderer

RUNS = 8


def main() -> None:
    loaded = campaign.load(None)
    document = LetterTemplate(loaded).document()
    print(f"{'variant':<10}{'ms (cpu)':>10}{'bytes':>8}   the blank letter, fastest of {RUNS}")
    for variant in (None, "pdf/ua-1"):
        renderer = Renderer(loaded.root, Look(pdf_variant=variant))
        renderer.render(document)  # fonts and styles loaded
        times, size = [], 0
        for _ in range(RUNS):
            start = time.process_time()
            size = len(renderer.render(document).data)
            times.append(time.process_time() - start)
        print(f"{variant or 'tagged':<10}{1000 * min(times):>10.1f}{size:>8}")


if __name__ == "__main__":
    main()
