"""Editor names that look alike: one person must not get a second account under a name that
reads as another's ('Аnna' with a Cyrillic А beside 'Anna'), or four eyes would be two of theirs.

Two names are confusable when their skeletons (Unicode Technical Standard #39) are equal after
case-folding and NFKC. The prototypes come from Unicode's confusables.txt as the pinned package
confusable-homoglyphs ships it (each character with its look-alikes, both ways); a name that mixes
scripts (Latin with Cyrillic, say) is refused on its own.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import cache

from confusable_homoglyphs import categories, confusables

# Zero-width marks the package puts around right-to-left look-alikes; they are no part of them.
_MARKS = str.maketrans("", "", "\u200e\u200f")


# Japanese writes one name in three scripts (UTS #39 allows these together).
_JAPANESE = {"HAN": "HAN", "HIRAGANA": "HAN", "KATAKANA": "HAN"}


@cache
def _prototypes() -> dict[str, str]:
    """Each character that confusables.txt maps to another: that other (its prototype).

    The package lists a prototype with all its look-alikes and each look-alike with only its
    prototype; where two characters list only each other, the lower one is the prototype."""
    found: dict[str, str] = {}
    for char, entries in confusables.confusables_data.items():
        if len(entries) != 1:
            continue  # a prototype with several look-alikes: it maps to itself
        other = entries[0]["c"].translate(_MARKS)
        back = confusables.confusables_data.get(other, [])
        if len(back) == 1 and back[0]["c"].translate(_MARKS) == char and other < char:
            continue  # a pair of two: the lower one is the prototype
        found[char] = other
    return found


def skeleton(name: str, fold: bool = True) -> str:
    """The form in which confusable names are equal: 'Аnna', 'ANNA' and 'anna' are one."""
    spaced = " ".join(name.split())
    normal = unicodedata.normalize("NFKC", spaced.casefold() if fold else spaced)
    table = _prototypes()
    mapped = "".join(table.get(c, c) for c in unicodedata.normalize("NFD", normal))
    return unicodedata.normalize("NFD", mapped)


def mixed_scripts(name: str) -> bool:
    """Whether a name has letters of more than one script (Latin and Cyrillic, say)."""
    scripts = {
        _JAPANESE.get(script, script)
        for c in unicodedata.normalize("NFKC", name)
        if unicodedata.category(c)[0] == "L" and (script := categories.alias(c))
    }
    return len(scripts) > 1


def lookalike(name: str, known: Iterable[str]) -> str | None:
    """The known name that `name` is confusable with (but not the same name), or None."""
    key = " ".join(name.split()).casefold()
    mine = (skeleton(name), skeleton(name, fold=False))  # folded, 'I' is no longer like 'l'
    for other in sorted(known):
        if " ".join(other.split()).casefold() == key:
            continue  # the same name: the same account
        if skeleton(other) == mine[0] or skeleton(other, fold=False) == mine[1]:
            return other
    return None
