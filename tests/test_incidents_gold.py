"""The incident annotations keep ids and offsets only, never document text."""

import json
from pathlib import Path

import pytest

GOLD = Path(__file__).resolve().parent.parent / "bench" / "incidents_gold.jsonl"
TYPES_OK = {"protest", "riot", "arson", "fire", "property_destruction", "looting", "armed_clash",
            "attack", "explosion", "seizure", "deployment", "arrest", "emergency_measure",
            "comms_shutdown", "casualty_report"}


def records():
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()[1:]]


def test_gold_has_enough_documents_and_controls():
    recs = records()
    assert sum(not r["control"] for r in recs) >= 40
    assert sum(r["control"] for r in recs) >= 10


@pytest.mark.parametrize("rec", records(), ids=lambda r: f"{r['corpus']}:{r['doc_id']}")
def test_gold_record_holds_no_text(rec):
    assert set(rec) == {"corpus", "doc_id", "control", "incidents", "split"}
    for inc in rec["incidents"]:
        # "background" (optional, a boolean) marks an older event mentioned in passing.
        assert set(inc) - {"background"} == {"type", "evidence", "lat", "lon", "geonameid", "date"}
        assert inc.get("background", False) in (True, False)
        assert inc["type"] in TYPES_OK
        assert all(isinstance(s, int) and isinstance(e, int) and s < e for s, e in inc["evidence"])
        assert -90 <= inc["lat"] <= 90 and -180 <= inc["lon"] <= 180
