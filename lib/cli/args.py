"""Argument types of `python -m lib` whose refusals are Dutch and name what was typed.

argparse's own `type=int` answers "invalid int value: '2014,5'"; these say what is wrong in the
words the rest of the command line uses. A refused argument is a usage error (exit code 2).
"""

from __future__ import annotations

import argparse
from datetime import date


def iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is geen datum (JJJJ-MM-DD)") from None


def year(text: str) -> int:
    """A year as four digits; whether the plan has it is checked later, against the plan."""
    if not (len(text.strip()) == 4 and text.strip().isascii() and text.strip().isdigit()):
        raise argparse.ArgumentTypeError(f"'{text}' is geen jaartal (vier cijfers, bijv. 2014)")
    return int(text)


def whole_number(text: str) -> int:
    """A count of 1 or more."""
    if not (text.strip().isascii() and text.strip().isdigit()) or int(text) < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is geen geheel getal van 1 of meer")
    return int(text)
