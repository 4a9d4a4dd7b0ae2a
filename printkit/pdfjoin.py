"""Join PDFs into one file object by object, so memory stays flat however many pages."""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Any, BinaryIO

from pypdf import PdfReader
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    EncodedStreamObject,
    IndirectObject,
    NameObject,
    NumberObject,
    StreamObject,
    TextStringObject,
)

CATALOG, PAGES, INFO = 1, 2, 3  # object numbers kept for the document's own objects


class PdfStream:
    """Writes a PDF to `stream` page by page: parts are copied in and forgotten."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.offsets: dict[int, int] = {}
        self.kids: list[IndirectObject] = []
        self.next_number = INFO + 1
        stream.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")

    def add(self, data: bytes) -> int:
        """Append every page of the PDF in `data`; returns how many pages it had."""
        reader = PdfReader(io.BytesIO(data))
        numbers: dict[int, int] = {}
        queue: list[IndirectObject] = []

        def reference(ref: IndirectObject) -> IndirectObject:
            if ref.idnum not in numbers:
                numbers[ref.idnum] = self._allocate()
                queue.append(ref)
            return IndirectObject(numbers[ref.idnum], 0, None)

        for page in reader.pages:
            assert page.indirect_reference is not None
            self.kids.append(reference(page.indirect_reference))
        while queue:
            ref = queue.pop()
            copied = _copy(ref.get_object(), reference)
            if isinstance(copied, DictionaryObject) and copied.get("/Type") == "/Page":
                copied[NameObject("/Parent")] = IndirectObject(PAGES, 0, None)
                copied.pop(NameObject("/StructParents"), None)
            self._write(numbers[ref.idnum], copied)
        return len(reader.pages)

    def close(self, title: str, language: str, preferences: Mapping[str, str]) -> None:
        """Write the page tree, catalog, document information and cross-reference table."""
        pages = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Pages"),
                NameObject("/Kids"): ArrayObject(self.kids),
                NameObject("/Count"): NumberObject(len(self.kids)),
            }
        )
        viewer = {NameObject(f"/{k}"): NameObject(v) for k, v in preferences.items()}
        root = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Catalog"),
                NameObject("/Pages"): IndirectObject(PAGES, 0, None),
                NameObject("/Lang"): TextStringObject(language),
                NameObject("/ViewerPreferences"): DictionaryObject(viewer),
            }
        )
        info = {"/Title": title, "/Producer": "printkit"}
        self._write(PAGES, pages)
        self._write(CATALOG, root)
        self._write(
            INFO, DictionaryObject({NameObject(k): TextStringObject(v) for k, v in info.items()})
        )
        self._xref()

    def _allocate(self) -> int:
        self.next_number += 1
        return self.next_number - 1

    def _write(self, number: int, obj: Any) -> None:
        self.offsets[number] = self.stream.tell()
        self.stream.write(f"{number} 0 obj\n".encode())
        obj.write_to_stream(self.stream)
        self.stream.write(b"\nendobj\n")

    def _xref(self) -> None:
        start = self.stream.tell()
        size = self.next_number
        lines = [f"xref\n0 {size}\n0000000000 65535 f \n"]
        lines += [f"{self.offsets.get(n, 0):010d} 00000 n \n" for n in range(1, size)]
        trailer = f"trailer\n<< /Size {size} /Root {CATALOG} 0 R /Info {INFO} 0 R >>\n"
        self.stream.write("".join(lines).encode() + trailer.encode())
        self.stream.write(f"startxref\n{start}\n%%EOF\n".encode())


def _copy(obj: Any, reference: Any) -> Any:
    """A copy of `obj` with its references renumbered for the joined file."""
    if isinstance(obj, IndirectObject):
        return reference(obj)
    if isinstance(obj, StreamObject):
        stream = EncodedStreamObject()
        stream._data = obj._data  # the bytes as stored (still compressed), copied untouched
        for key, value in obj.items():
            stream[NameObject(key)] = _copy(value, reference)
        return stream
    if isinstance(obj, DictionaryObject):
        return DictionaryObject(
            {NameObject(k): _copy(v, reference) for k, v in obj.items() if k != "/Parent"}
        )
    if isinstance(obj, ArrayObject):
        return ArrayObject(_copy(item, reference) for item in obj)
    return obj
