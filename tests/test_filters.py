import datetime as dt

import pytest

from incidentmap.errors import InputError
from incidentmap.filters import filter_incidents, parse_bbox, parse_types
from incidentmap.model import Count, Incident, Place, Source

ALMATY = Place("geonames:1526384", "Almaty", "city", 43.25, 76.92, "KZ")
BISHKEK = Place("geonames:1528675", "Bishkek", "city", 42.87, 74.59, "KG")
SUVA = Place("geonames:2198148", "Suva", "city", -18.14, 178.44, "FJ")


def _inc(id, type, date, place, dead=None, publisher="Daily"):
    return Incident(
        id=id, type=type, subtype=None, event_type="", sub_event_type="",
        date=dt.date.fromisoformat(date) if date else None,
        date_precision="day" if date else "unknown", place=place,
        geo_precision="town", source=Source(doc_id=f"doc-{id}", publisher=publisher),
        fatalities=Count(dead, True, f"{dead} killed") if dead is not None else None)


INCS = [
    _inc("a", "arson", "2022-01-05", ALMATY),
    _inc("b", "riot", "2022-01-06", ALMATY, dead=13),
    _inc("c", "protest", "2022-01-02", BISHKEK, publisher="Reuters"),
    _inc("d", "attack", None, BISHKEK, dead=2),
    _inc("e", "fire", "2022-01-06", SUVA),
]


def ids(xs):
    return [x.id for x in xs]


def test_filter_by_types_keeps_order():
    assert ids(filter_incidents(INCS, types="riot,arson")) == ["a", "b"]
    assert ids(filter_incidents(INCS, types=["protest"])) == ["c"]


def test_filter_dates_are_inclusive_and_undated_incidents_drop_out():
    assert ids(filter_incidents(INCS, since="2022-01-05", until="2022-01-06")) == ["a", "b", "e"]
    assert "d" not in ids(filter_incidents(INCS, since="2000-01-01"))


def test_filter_country_bbox_fatalities_source():
    assert ids(filter_incidents(INCS, country="kg")) == ["c", "d"]
    assert ids(filter_incidents(INCS, bbox="70,40,80,45")) == ["a", "b", "c", "d"]
    assert ids(filter_incidents(INCS, bbox="170,-20,-170,-10")) == ["e"]  # across 180°
    assert ids(filter_incidents(INCS, min_fatalities=3)) == ["b"]
    assert ids(filter_incidents(INCS, source="reuters")) == ["c"]


@pytest.mark.parametrize("kw, message", [
    ({"types": "bombardment"}, "unknown incident type"),
    ({"since": "07/01/2022"}, "YYYY-MM-DD"),
    ({"since": "2022-02-01", "until": "2022-01-01"}, "swap"),
    ({"country": "Kazakhstan"}, "alpha-2"),
    ({"bbox": "1,2,3"}, "four numbers"),
    ({"bbox": "0,50,10,40"}, "south <= north"),
    ({"min_fatalities": -1}, "0 or more"),
])
def test_filter_bad_values_say_how_to_fix_them(kw, message):
    with pytest.raises(InputError, match=message):
        filter_incidents(INCS, **kw)


def test_parse_helpers_normalise_spelling():
    assert parse_types("Armed-Clash, emergency measure") == ("armed_clash", "emergency_measure")
    assert parse_bbox([1, 2, 3, 4]) == (1.0, 2.0, 3.0, 4.0)


def test_source_filter_matches_any_source_of_a_merged_event_like_query():
    # A deduplicated event names its first reporter in `source` and every reporter in
    # extra["sources"]; `render --source` must keep it like `query --source` does.
    ev = _inc("m", "riot", "2022-01-06", ALMATY, publisher="Daily")
    ev.extra["sources"] = [{"doc_id": "doc-m", "publisher": "Daily"},
                           {"doc_id": "doc-x", "publisher": "Reuters"}]
    assert ids(filter_incidents([ev], source="reuters")) == ["m"]
    assert ids(filter_incidents([ev], source="nobody")) == []
