"""Memory and time of labels and envelopes: they must stay flat from 1,000 to 100,000 rows.

    python benchmarks/mail.py                              # 1,000 / 10,000 / 100,000 each
    python benchmarks/mail.py --rows 1000,10000 --products labels

Each run is its own process on synthetic rows (every one a valid address); the script
prints wall time, time per row, the peak memory of the process and its workers (shared
pages counted once, as in benchmarks/letters.py) and the PDF's size.
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from letters import run_measured  # the same measure as the letters' benchmark

PRODUCTS = ("labels", "envelopes")


def write_rows(path: Path, count: int) -> None:
    """`count` synthetic supporters, each with a short Welsh or English address."""
    towns = ("Bala", "Leeds", "Caernarfon", "Bradford")
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(["Name", "Address 1", "Town", "Postcode", "MP name"])
        for n in range(count):
            writer.writerow([f"Supporter {n}", f"{n % 300 + 1} Heol y Bont", towns[n % 4],
                             "LL23 7AB", f"Member {n % 650}"])  # fmt: skip


def run_product(product: str, data: Path, out: Path) -> int:
    """Make the product in this process; the PDF's size in bytes."""
    from printkit import api

    target = out / f"{product}.pdf"
    if product == "labels":
        api.labels(None, api.LabelRun(data, target))
    else:
        api.envelopes(None, api.EnvelopeRun(data, target))
    return target.stat().st_size


def measure(product: str, data: Path) -> dict[str, float]:
    """Run one product in a fresh process; wall time and peak memory of its process tree."""
    with tempfile.TemporaryDirectory() as out:
        command = [sys.executable, __file__, "--child", product, "--data", str(data), "--out", out]
        elapsed, peak, stdout = run_measured(command, product)
        return {"seconds": elapsed, "peak_mib": peak / 1024, "bytes": float(stdout.strip() or 0)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", default="1000,10000,100000")
    parser.add_argument("--products", default=",".join(PRODUCTS))
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(run_product(args.child, args.data, args.out))
        return
    print(f"{'product':<11}{'rows':>8}{'wall s':>9}{'ms/row':>8}{'peak MiB':>10}{'PDF MiB':>9}")
    for count in (int(n) for n in args.rows.split(",")):
        with tempfile.TemporaryDirectory() as folder:
            data = Path(folder) / "rows.csv"
            write_rows(data, count)
            for product in args.products.split(","):
                r = measure(product, data)
                print(f"{product:<11}{count:>8}{r['seconds']:>9.1f}"
                      f"{1000 * r['seconds'] / count:>8.2f}{r['peak_mib']:>10.0f}"
                      f"{r['bytes'] / 2**20:>9.1f}", flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
