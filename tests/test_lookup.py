"""Regression tests for the per-gazetteer lookup memo (_lookup.py)."""

from incidentmap import _lookup
from incidentmap.model import Place


class _Gaz:
    def __init__(self):
        self.places = {f"town{i}": [Place(f"t:{i}", f"Town{i}", "city", 0.0, float(i))]
                       for i in range(10)}

    def lookup(self, keys):
        return {k: self.places[k] for k in keys if k in self.places}

    def demonyms(self, words):
        return {w: "KZ" for w in words if w.startswith("town")}


def test_lookup_answer_does_not_depend_on_when_the_memo_overflows(monkeypatch):
    # When the memo was cleared to stay bounded, the names of the batch that were memoised
    # before the clear used to drop out of the answer: places vanished mid-corpus.
    monkeypatch.setattr(_lookup, "_MAX", 3)
    gaz = _Gaz()
    keys = [f"town{i}" for i in range(6)]
    for i in range(6):
        _lookup.lookup(gaz, keys[: i + 1])
        _lookup.demonyms(gaz, keys[: i + 1])
    assert sorted(_lookup.lookup(gaz, keys + ["town7"])) == sorted(keys + ["town7"])
    assert sorted(_lookup.demonyms(gaz, keys + ["town7"])) == sorted(keys + ["town7"])
    assert _lookup.lookup(gaz, ["nowhere"]) == {}
