"""Join PDFs into one file object by object, so memory stays flat however many pages."""

from __future__ import annotations

import io
from array import array
from collections.abc import Iterator, Mapping
from typing import Any, BinaryIO

from pypdf import PdfReader
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    DictionaryObject,
    EncodedStreamObject,
    IndirectObject,
    NameObject,
    NumberObject,
    StreamObject,
    TextStringObject,
)

from printkit.render.pdfout import xmp

# Object numbers kept for the joined document's own objects.
CATALOG, PAGES, INFO, STRUCT_TREE, PARENT_TREE = 1, 2, 3, 4, 5


def ref(number: int) -> IndirectObject:
    """A reference to object `number` of the joined file."""
    return IndirectObject(number, 0, None)


class PdfStream:
    """Writes a PDF to `stream` part by part: each part is copied in and forgotten.

    The parts' structure trees (the tags screen readers use) are joined too: each
    part's top element becomes a child of one tree, and its pages' keys into the
    parent tree are shifted past the parts before it. Only the page list, the top
    elements and one reference per page are kept until the end.
    """

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.offsets = array("Q", bytes(8 * (PARENT_TREE + 1)))  # by object number: 8 bytes each
        self.kids: list[IndirectObject] = []
        self.struct_kids: list[IndirectObject] = []
        self.namespaces: list[IndirectObject] = []
        self.parents: list[tuple[int, IndirectObject]] = []  # parent-tree key -> its entry
        self.next_key = 0
        self.next_number = PARENT_TREE + 1
        stream.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")

    def add(self, data: bytes) -> int:
        """Append every page of the PDF in `data`; returns how many pages it had."""
        reader = PdfReader(io.BytesIO(data))
        numbers: dict[int, int] = {}
        queue: list[IndirectObject] = []

        def reference(old: IndirectObject) -> IndirectObject:
            if old.idnum not in numbers:
                numbers[old.idnum] = self._allocate()
                queue.append(old)
            return ref(numbers[old.idnum])

        for page in reader.pages:
            assert page.indirect_reference is not None
            self.kids.append(reference(page.indirect_reference))
        offset = self.next_key
        catalog: Any = reader.trailer["/Root"]
        struct = catalog.get("/StructTreeRoot")
        if struct is not None:
            self._add_structure(reader, struct.get_object(), numbers, reference)
        while queue:
            old = queue.pop()
            copied = _copy(old.get_object(), reference)
            if isinstance(copied, DictionaryObject) and copied.get("/Type") == "/Page":
                copied[NameObject("/Parent")] = ref(PAGES)
                if "/StructParents" in copied:
                    key = int(copied["/StructParents"]) + offset  # type: ignore[call-overload]
                    copied[NameObject("/StructParents")] = NumberObject(key)
            self._write(numbers[old.idnum], copied)
        return len(reader.pages)

    def _add_structure(
        self, reader: PdfReader, struct: Any, numbers: dict[int, int], reference: Any
    ) -> None:
        """Take a part's structure tree in: its top elements, namespaces and parent tree."""
        catalog: Any = reader.trailer["/Root"]
        old_root = catalog.raw_get("/StructTreeRoot")
        numbers[old_root.idnum] = STRUCT_TREE  # elements' /P now point at the joined tree
        kids = struct.get("/K", [])
        for kid in kids if isinstance(kids, ArrayObject) else [kids]:
            self.struct_kids.append(_copy(kid, reference))
        self.namespaces.extend(_copy(ns, reference) for ns in struct.get("/Namespaces", []))
        offset, last = self.next_key, -1
        for key, value in _number_tree(struct.get("/ParentTree")):
            number = self._allocate()
            self._write(number, _copy(value, reference))
            self.parents.append((key + offset, ref(number)))
            last = max(last, key)
        self.next_key = offset + last + 1

    def close(
        self, title: str, language: str, preferences: Mapping[str, str], ua: bool = False
    ) -> None:
        """Write the page tree, catalog, metadata, document information and cross-references.

        A tagged PDF shows its title, not its file name, in a viewer's title bar; with `ua`,
        its XMP metadata says it is PDF/UA-1.
        """
        pages = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Pages"),
                NameObject("/Kids"): ArrayObject(self.kids),
                NameObject("/Count"): NumberObject(len(self.kids)),
            }
        )
        viewer: dict[Any, Any] = {
            NameObject(f"/{k}"): NameObject(v) for k, v in preferences.items()
        }
        if self.struct_kids:
            viewer[NameObject("/DisplayDocTitle")] = BooleanObject(True)
        metadata = self._allocate()
        stream = StreamObject()
        stream.set_data(xmp(title, language, ua))
        stream[NameObject("/Type")] = NameObject("/Metadata")
        stream[NameObject("/Subtype")] = NameObject("/XML")
        self._write(metadata, stream)
        root = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Catalog"),
                NameObject("/Pages"): ref(PAGES),
                NameObject("/Lang"): TextStringObject(language),
                NameObject("/ViewerPreferences"): DictionaryObject(viewer),
                NameObject("/Metadata"): ref(metadata),
            }
        )
        if self.struct_kids:
            root[NameObject("/StructTreeRoot")] = ref(STRUCT_TREE)
            root[NameObject("/MarkInfo")] = DictionaryObject(
                {NameObject("/Marked"): BooleanObject(True)}
            )
            self._write_structure()
        info = {"/Title": title, "/Producer": "printkit"}
        self._write(PAGES, pages)
        self._write(CATALOG, root)
        self._write(
            INFO, DictionaryObject({NameObject(k): TextStringObject(v) for k, v in info.items()})
        )
        self._xref()

    def _write_structure(self) -> None:
        """The joined structure tree's root and its parent tree."""
        nums = ArrayObject()
        for key, entry in self.parents:
            nums.extend([NumberObject(key), entry])
        self._write(PARENT_TREE, DictionaryObject({NameObject("/Nums"): nums}))
        tree = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/StructTreeRoot"),
                NameObject("/K"): ArrayObject(self.struct_kids),
                NameObject("/ParentTree"): ref(PARENT_TREE),
                NameObject("/ParentTreeNextKey"): NumberObject(self.next_key),
            }
        )
        if self.namespaces:
            tree[NameObject("/Namespaces")] = ArrayObject(self.namespaces)
        self._write(STRUCT_TREE, tree)

    def _allocate(self) -> int:
        self.next_number += 1
        self.offsets.append(0)
        return self.next_number - 1

    def _write(self, number: int, obj: Any) -> None:
        self.offsets[number] = self.stream.tell()
        self.stream.write(f"{number} 0 obj\n".encode())
        obj.write_to_stream(self.stream)
        self.stream.write(b"\nendobj\n")

    def _xref(self) -> None:
        start = self.stream.tell()
        size = self.next_number
        self.stream.write(f"xref\n0 {size}\n0000000000 65535 f \n".encode())
        for n in range(1, size):
            self.stream.write(b"%010d 00000 n \n" % self.offsets[n])
        trailer = f"trailer\n<< /Size {size} /Root {CATALOG} 0 R /Info {INFO} 0 R >>\n"
        self.stream.write(trailer.encode())
        self.stream.write(f"startxref\n{start}\n%%EOF\n".encode())


def _number_tree(node: Any) -> Iterator[tuple[int, Any]]:
    """The (key, value) pairs of a PDF number tree, leaves in order."""
    if node is None:
        return
    node = node.get_object()
    nums = node.get("/Nums", [])
    for i in range(0, len(nums), 2):
        yield int(nums[i]), nums[i + 1]
    for kid in node.get("/Kids", []):
        yield from _number_tree(kid)


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
