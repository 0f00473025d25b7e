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
    # The answer is built from what was read here, never re-read from the memo: a clear
    # (overflow, or another thread) must not drop names that were memoised before it.
    out: dict[str, list[Place]] = {}
    missing = []
    for k in dict.fromkeys(keys):  # input order: the answer's order is reproducible
        v = memo.get(k)
        if v is None:
            missing.append(k)
        elif v:
            out[k] = v
    if missing:
        if len(memo) > _MAX:
            memo.clear()
        got = gazetteer.lookup(missing)
        for k in missing:
            v = memo[k] = got.get(k, [])
            if v:
                out[k] = v
    return out


_ABSENT: Any = object()
_dmemos: "weakref.WeakKeyDictionary[Any, dict[str, str | None]]" = weakref.WeakKeyDictionary()


def demonyms(gazetteer: Any, words: Iterable[str]) -> dict[str, str]:
    """Like ``gazetteer.demonyms(words)`` ({word: cc} for the demonyms), memoised."""
    try:
        memo = _dmemos.setdefault(gazetteer, {})
    except TypeError:
        return gazetteer.demonyms(words)
    out: dict[str, str] = {}
    missing = []
    for w in dict.fromkeys(words):
        v = memo.get(w, _ABSENT)
        if v is _ABSENT:
            missing.append(w)
        elif v:
            out[w] = v  # type: ignore[assignment]
    if missing:
        if len(memo) > _MAX:
            memo.clear()
        got = gazetteer.demonyms(missing)
        for w in missing:
            v = memo[w] = got.get(w)
            if v:
                out[w] = v
    return out
