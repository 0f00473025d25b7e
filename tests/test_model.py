"""Regression tests for the data model's records (model.py)."""

import datetime as dt

from incidentmap.model import Incident, Place, Source


def _incident(**kw):
    base = dict(
        id="i1", type="riot", subtype=None, event_type="Riots", sub_event_type="Violent demonstration",
        date=dt.date(2022, 1, 5), date_precision="day",
        place=Place("geonames:1", "Almaty", "city", 43.25, 76.92, "KZ"), geo_precision="town",
        source=Source("doc-1"),
    )
    base.update(kw)
    return Incident(**base)


def test_record_round_trip_keeps_a_zero_confidence():
    inc = _incident(confidence=0.0)
    back = Incident.from_record(inc.to_record())
    assert back.confidence == 0.0
    assert back.to_record() == inc.to_record()
