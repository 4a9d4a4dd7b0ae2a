"""A supporters' spreadsheet as organisers really send them, written in several encodings."""

from __future__ import annotations

from pathlib import Path

HEADERS = ["First name", "Last name", "Address 1", "Address 2", "Town", "Postcode", "MP name"]


def supporters(count: int = 40) -> list[list[str]]:
    """`count` rows: row 7 has a bad postcode, row 12 no MP name, row 21 HTML in its address."""
    rows = []
    for n in range(count):
        rows.append(
            [
                f"Sam{n}",
                f"O’Brien{n}",
                f"{n + 1} Church Lane",
                "",
                "Leeds",
                f"ls{n % 9 + 1}{n % 10}ab",
                f"Alex Sobel{n}",
            ]
        )
    marks = {(5, 5): "LS1 XYZ", (10, 6): "", (18, 2): "<b>Flat 2</b> <img src=x>"}
    # spreadsheet rows 7, 12 and 21 (the blank row is 17)
    for (index, column), value in marks.items():
        if index < count:
            rows[index][column] = value
    return rows


def write(path: Path, rows: list[list[str]], encoding: str = "cp1252", delimiter: str = ",",
          blank_after: int = 14) -> Path:  # fmt: skip
    """Write like Excel: CRLF line ends, a blank row among the data."""
    lines = [delimiter.join(HEADERS)]
    for index, row in enumerate(rows):
        lines.append(delimiter.join(row))
        if index == blank_after:
            lines.append(delimiter * (len(HEADERS) - 1))
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path
