"""A PDF written object by object as it is made: object streams, a cross-reference stream.

Used by the fast letter path (render/letterfile.py): nothing is read back, and only the
position of each object (and a few numbers per page) is kept until the file is closed.
"""

from __future__ import annotations

import zlib
from array import array
from collections.abc import Mapping
from typing import BinaryIO
from xml.sax.saxutils import escape

OBJECTS_PER_STREAM = 200  # small objects packed and compressed together
_FREE, _PLAIN, _PACKED = 0, 1, 2  # cross-reference entry types

XMP_TEMPLATE = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/"{ua}>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
<dc:language><rdf:Bag><rdf:li>{language}</rdf:li></rdf:Bag></dc:language>
<pdf:Producer>printkit</pdf:Producer>
<xmp:CreatorTool>printkit</xmp:CreatorTool>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="r"?>"""
UA_PART = ' xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" pdfuaid:part="1"'


def xmp(title: str, language: str, ua: bool) -> bytes:
    """The XMP metadata of a PDF: its title and language, and PDF/UA-1 where it is one."""
    packet = XMP_TEMPLATE.format(
        title=escape(title), language=escape(language or "x-default"), ua=UA_PART if ua else ""
    )
    return packet.encode("utf-8")


def text_string(value: str) -> bytes:
    """A PDF text string: UTF-16 with its byte order mark, written in hex."""
    return b"<feff" + value.encode("utf-16-be").hex().encode() + b">"


def dictionary(entries: Mapping[str, bytes]) -> bytes:
    """A PDF dictionary of already-written values."""
    return (
        b"<<"
        + b"".join(b"/%s %s" % (key.encode(), value) for key, value in entries.items())
        + b">>"
    )


class PdfWriter:
    """Writes objects to `stream` as they come; small ones are packed into object streams."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.kinds = array("B", [_FREE])
        self.fields = array("Q", [0])  # offset, or the object stream holding it
        self.indices = array("H", [65535])
        self.packed: list[tuple[int, bytes]] = []
        stream.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")

    def allocate(self) -> int:
        """A new object number."""
        self.kinds.append(_FREE)
        self.fields.append(0)
        self.indices.append(0)
        return len(self.kinds) - 1

    def add(self, number: int, body: bytes) -> None:
        """A small object (no stream): packed with others into an object stream."""
        self.packed.append((number, body))
        if len(self.packed) >= OBJECTS_PER_STREAM:
            self._pack()

    def add_stream(self, number: int, entries: bytes, data: bytes, deflated: bool = True) -> None:
        """A stream object: `entries` are its dictionary's other entries, `data` its bytes."""
        flate = b"/Filter/FlateDecode" if deflated else b""
        self._plain(
            number, b"<<%s%s/Length %d>>\nstream\n%s\nendstream" % (entries, flate, len(data), data)
        )

    def _plain(self, number: int, body: bytes) -> None:
        self.kinds[number] = _PLAIN
        self.fields[number] = self.stream.tell()
        self.stream.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))

    def _pack(self) -> None:
        if not self.packed:
            return
        number = self.allocate()
        header, offset, bodies = [], 0, []
        for index, (packed, body) in enumerate(self.packed):
            self.kinds[packed], self.fields[packed], self.indices[packed] = _PACKED, number, index
            header.append(b"%d %d" % (packed, offset))
            bodies.append(body)
            offset += len(body) + 1
        first = b" ".join(header) + b"\n"
        data = zlib.compress(first + b"\n".join(bodies), 6)
        entries = b"/Type/ObjStm/N %d/First %d" % (len(self.packed), len(first))
        self.packed = []
        self.add_stream(number, entries, data)

    def finish(self, root: int, info: int, identifier: bytes) -> None:
        """Write the cross-reference stream and the trailer; the file is complete."""
        self._pack()
        number = self.allocate()
        self.kinds[number], self.fields[number] = _PLAIN, self.stream.tell()
        rows = bytearray()
        for kind, place, index in zip(self.kinds, self.fields, self.indices, strict=True):
            rows += kind.to_bytes(1, "big") + place.to_bytes(5, "big") + index.to_bytes(2, "big")
        entries = b"/Type/XRef/Size %d/W [1 5 2]/Root %d 0 R/Info %d 0 R/ID [<%s><%s>]" % (
            len(self.kinds),
            root,
            info,
            identifier.hex().encode(),
            identifier.hex().encode(),
        )
        data = zlib.compress(bytes(rows), 6)
        start = self.stream.tell()
        self.stream.write(
            b"%d 0 obj\n<<%s/Filter/FlateDecode/Length %d>>\nstream\n"
            % (number, entries, len(data))
        )
        self.stream.write(data + b"\nendstream\nendobj\n")
        self.stream.write(b"startxref\n%d\n%%%%EOF\n" % start)
