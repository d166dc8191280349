"""PNG chart images placed in the PDF as they are, without decoding and compressing them again.

A PNG's pixel data is zlib-compressed with per-row predictors, which PDF reads natively
(FlateDecode with /Predictor 15). So the PNG's own compressed bytes become the image stream:
reportlab's usual way decodes every chart and compresses it again, most of the PDF's time.
Opaque 8-bit PNGs only (the report's charts are flattened to RGB when rendered, lib/charts/export.py); anything else
is left to reportlab's ordinary image.
"""

from __future__ import annotations

import hashlib
import struct

from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFName, PDFObject, PDFStream
from reportlab.platypus import Flowable

COLOURS = {0: (1, "DeviceGray"), 2: (3, "DeviceRGB")}  # PNG colour type -> PDF components


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
    """The PDF image object of one PNG, its stream the PNG's own compressed data."""

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
        entries["Filter"] = PDFName("FlateDecode")
        entries["DecodeParms"] = PDFDictionary(
            {"Predictor": 15, "Colors": components, "BitsPerComponent": 8, "Columns": self.width}
        )
        return stream.format(document)


class PngPicture(Flowable):
    """A PNG drawn at the given size; see the module's docstring."""

    def __init__(self, data: bytes, width: float, height: float) -> None:
        super().__init__()
        parts = png_parts(data)
        if parts is None:
            raise ValueError("not an opaque 8-bit PNG")
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
