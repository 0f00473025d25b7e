"""A per-gazetteer memo of name lookups shared by recognition and resolution.

News repeats a few thousand names ("U.S.", "Texas", "Police"); fetching and building their
Place lists once per process instead of twice per document roughly halves the time spent
in the gazetteer.  The memo is bounded, so a corpus of millions of documents cannot grow it
without limit.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable
from typing import Any

from .model import Place

_MAX = 200_000
_memos: "weakref.WeakKeyDictionary[Any, dict[str, list[Place]]]" = weakref.WeakKeyDictionary()


def lookup(gazetteer: Any, keys: Iterable[str]) -> dict[str, list[Place]]:
    """Like ``gazetteer.lookup(keys)`` (only found keys), memoised per gazetteer object."""
    try:
        memo = _memos.setdefault(gazetteer, {})
    except TypeError:  # an object that cannot be weakly referenced: no memo
        return gazetteer.lookup(keys)
    keys = set(keys)
    missing = [k for k in keys if k not in memo]
    if missing:
        if len(memo) > _MAX:
            memo.clear()
        got = gazetteer.lookup(missing)
        for k in missing:
            memo[k] = got.get(k, [])
    return {k: memo[k] for k in keys if memo.get(k)}


_dmemos: "weakref.WeakKeyDictionary[Any, dict[str, str | None]]" = weakref.WeakKeyDictionary()


def demonyms(gazetteer: Any, words: Iterable[str]) -> dict[str, str]:
    """Like ``gazetteer.demonyms(words)`` ({word: cc} for the demonyms), memoised."""
    try:
        memo = _dmemos.setdefault(gazetteer, {})
    except TypeError:
        return gazetteer.demonyms(words)
    words = set(words)
    missing = [w for w in words if w not in memo]
    if missing:
        if len(memo) > _MAX:
            memo.clear()
        got = gazetteer.demonyms(missing)
        for w in missing:
            memo[w] = got.get(w)
    return {w: memo[w] for w in words if memo.get(w)}
