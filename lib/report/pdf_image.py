"""Chart images placed in the PDF as they are, without decoding and compressing them again.

reportlab's usual way decodes every image and compresses it again: most of the PDF's time. A
JPEG (the report's charts, lib/report/write.py) is a PDF image stream as it is (DCTDecode). An
opaque 8-bit PNG's pixel data is zlib-compressed with per-row predictors, which PDF reads
natively too (FlateDecode with /Predictor 15). Anything else is left to reportlab.
"""

from __future__ import annotations

import hashlib
import struct

from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFName, PDFObject, PDFStream
from reportlab.platypus import Flowable

COLOURS = {0: (1, "DeviceGray"), 2: (3, "DeviceRGB")}  # PNG colour type -> PDF components
JPEG = 2  # a JPEG from Chromium is RGB: stored under the RGB colour type with its own filter


def jpeg_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) of a baseline or progressive JPEG, read from its frame header."""
    if not data.startswith(b"\xff\xd8"):
        return None
    pos = 2
    while pos + 9 < len(data):
        if data[pos] != 0xFF:
            return None
        marker = data[pos + 1]
        (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
        if marker in (0xC0, 0xC1, 0xC2):
            height, width = struct.unpack(">HH", data[pos + 5 : pos + 9])
            return width, height
        pos += 2 + length
    return None


def png_parts(data: bytes) -> tuple[int, int, int, bytes] | None:
    """(width, height, colour type, compressed pixel data) of a PNG PDF can take as it is."""
    if not data.startswith(b"\x89PNG\r\n\x1a\n"):
        return None
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", data[16:29])
    if depth != 8 or colour not in COLOURS or interlace:
        return None
    pos, idat = 8, []
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        if kind == b"IDAT":
            idat.append(data[pos + 8 : pos + 8 + length])
        pos += 12 + length
    return width, height, colour, b"".join(idat)


class _PngXObject(PDFObject):
    """The PDF image object of one JPEG or PNG, its stream the file's own compressed data."""

    def __init__(self, name: str, width: int, height: int, colour: int, idat: bytes) -> None:
        self.name, self.width, self.height = name, width, height
        self.colour, self.idat = colour, idat

    def format(self, document) -> bytes:
        components, space = COLOURS[self.colour]
        stream = PDFStream(content=self.idat)
        entries = stream.dictionary
        entries["Type"], entries["Subtype"] = PDFName("XObject"), PDFName("Image")
        entries["Width"], entries["Height"] = self.width, self.height
        entries["BitsPerComponent"], entries["ColorSpace"] = 8, PDFName(space)
        if self.colour == JPEG:
            entries["Filter"] = PDFName("DCTDecode")
        else:
            entries["Filter"] = PDFName("FlateDecode")
            entries["DecodeParms"] = PDFDictionary(
                {
                    "Predictor": 15,
                    "Colors": components,
                    "BitsPerComponent": 8,
                    "Columns": self.width,
                }
            )
        return stream.format(document)


def image_parts(data: bytes) -> tuple[int, int, int, bytes] | None:
    """(width, height, colour type, stream) of an image the PDF can take as it is, else None."""
    size = jpeg_size(data)
    if size is not None:
        return size[0], size[1], JPEG, data
    return png_parts(data)


class PngPicture(Flowable):
    """A JPEG or PNG drawn at the given size; see the module's docstring."""

    def __init__(self, data: bytes, width: float, height: float) -> None:
        super().__init__()
        parts = image_parts(data)
        if parts is None:
            raise ValueError("not a JPEG or an opaque 8-bit PNG")
        self.parts, self.drawWidth, self.drawHeight = parts, width, height
        self.key = hashlib.sha1(data).hexdigest()

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.drawWidth, self.drawHeight

    def draw(self) -> None:
        canvas = self.canv
        document = canvas._doc
        registered = document.getXObjectName(self.key)
        if registered not in document.idToObject:  # an image used twice is stored once
            document.Reference(_PngXObject(self.key, *self.parts), registered)
        canvas._currentPageHasImages = 1
        canvas.saveState()
        canvas.scale(self.drawWidth, self.drawHeight)
        canvas._code.append(f"/{registered} Do")
        canvas.restoreState()
        canvas._formsinuse.append(self.key)
