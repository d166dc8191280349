"""Argument types of `python -m lib` whose refusals are Dutch and name what was typed, and the
parser that gives the command line's help and errors in Dutch.

argparse's own `type=int` answers "invalid int value: '2014,5'"; these say what is wrong in the
words the rest of the command line uses. A refused argument is a usage error (exit code 2).
"""

from __future__ import annotations

import argparse
import re
import sys
from datetime import date

from lib import fmt
from lib.plan.schema import MAX_NUMBER

# The help of every --editor: the name is what the history records.
EDITOR_HELP = "uw naam als redacteur; zo komt het in de geschiedenis"


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
    """A count of 1 or more, at most MAX_NUMBER, the largest figure a row may hold (a database
    refuses a bigger one with a traceback)."""
    if not (text.strip().isascii() and text.strip().isdigit()) or int(text) < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is geen geheel getal van 1 of meer")
    if int(text) > MAX_NUMBER:
        raise argparse.ArgumentTypeError(f"'{text}' is groter dan {fmt.number(MAX_NUMBER)}")
    return int(text)


# argparse's own words in Dutch: its messages (Python 3.11-3.13 wording), the usage line, the
# group titles, and the placeholders (metavars) it would make from argument names, which help
# and errors both show ("deze argumenten ontbreken: JAAR").
_MESSAGES = [
    (r"the following arguments are required: (.+)", r"deze argumenten ontbreken: \1"),
    (r"one of the arguments (.+) is required", r"geef een van deze argumenten: \1"),
    (r"unrecognized arguments: (.+)", r"onbekende argumenten: \1"),
    (r"ambiguous option: (\S+) could match (.+)", r"onduidelijke optie \1: bedoelt u \2?"),
    (r"invalid choice: (.+) \(choose from (.+)\)", r"ongeldige keuze \1 (kies uit \2)"),
    (r"expected one argument", "hier hoort een waarde bij"),
    (r"expected at most one argument", "hier hoort hoogstens een waarde bij"),
    (r"expected at least one argument", "hier hoort minstens een waarde bij"),
    (r"not allowed with argument (.+)", r"niet samen met \1"),
    (r"ignored explicit argument (.+)", r"neemt geen waarde, maar kreeg \1"),
    (r"invalid \S+ value: (.+)", r"ongeldige waarde \1"),
]
METAVARS = {
    "file": "BESTAND",
    "name": "NAAM",
    "day": "DATUM",
    "targets": "PLAN",
    "year": "JAAR",
    "district": "WIJK",
    "as_of": "DATUM",
    "since": "DATUM",
    "actuals": "CSV",
    "seed": "CSV",
    "out": "UITVOER",
    "editor": "NAAM",
    "reason": "REDEN",
    "limit": "AANTAL",
    "text": "TEKST",
    "measures": "TEKST",
    "title": "TITEL",
}


def dutch_message(message: str) -> str:
    """An argparse error in Dutch; 'argument --year: ...' becomes 'bij --year: ...'."""
    prefix = ""
    if found := re.fullmatch(r"argument (\S+): (.+)", message, flags=re.DOTALL):
        prefix, message = f"bij {found[1]}: ", found[2]
    for pattern, dutch in _MESSAGES:
        if re.fullmatch(pattern, message, flags=re.DOTALL):
            return prefix + re.sub(pattern, dutch, message, flags=re.DOTALL)
    return prefix + message  # our own types' refusals are Dutch already


class DutchFormatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, "gebruik: " if prefix is None else prefix)


class DutchParser(argparse.ArgumentParser):
    """argparse with Dutch help and Dutch errors; subcommands get the same class."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", DutchFormatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "argumenten"
        self._optionals.title = "opties"
        self.add_argument(
            "-h", "--help", action="help", default=argparse.SUPPRESS, help="deze uitleg tonen"
        )

    def _add_action(self, action):
        # Every argument passes here, also those of a group; one given its own metavar keeps it.
        if action.metavar is None and action.dest in METAVARS:
            action.metavar = METAVARS[action.dest]
        return super()._add_action(action)

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: {dutch_message(message)}\n")
