"""Spreadsheet safety: text that a spreadsheet would run as a formula is made inert on export.

A note such as `=HYPERLINK("http://...")` typed into the app must not become a live formula in
Excel or LibreOffice. Text cells that start with = + - @ tab or carriage return get a leading
apostrophe on export; numbers stay numbers; importing strips that apostrophe again, so a note
does not grow on every round trip.
"""

from __future__ import annotations

DANGEROUS_STARTS = ("=", "+", "-", "@", "\t", "\r")
GUARD = "'"


def neutralise(value: object) -> object:
    """The value to write into a CSV or Excel cell."""
    if isinstance(value, str) and value.startswith(DANGEROUS_STARTS):
        return GUARD + value
    return value


def restore(text: str) -> str:
    """The original text of a cell written by `neutralise`."""
    if text.startswith(GUARD) and text[1:].startswith(DANGEROUS_STARTS):
        return text[1:]
    return text
