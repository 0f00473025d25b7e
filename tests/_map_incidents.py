"""Hand-built incidents and a tiny fake gazetteer for the map tests (test_render,
test_cli_render, test_browser).  Places are invented or public coordinates; no article text."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from incidentmap.model import Actor, Count, Evidence, Incident, Place, Source

SRC = Source("doc-1", "Unrest in the capital", "Example Post", "https://example.org/story",
             dt.date(2022, 1, 7))
SRC2 = Source("doc-2", "Second report", "Daily Example", "https://example.net/report",
              dt.date(2022, 1, 8))

ALMATY = Place("geonames:1526384", "Almaty", "city", 43.25667, 76.92861, "KZ", "Almaty")
AIRPORT = Place("airport:ALA", "Almaty International Airport", "site", 43.35207, 77.04051,
                "KZ", "Almaty")
ASTANA = Place("geonames:1526273", "Astana", "city", 51.1801, 71.44598, "KZ", "Astana")
KZ = Place("country:KZ", "Kazakhstan", "country", 48.0, 68.0, "KZ")
RU = Place("country:RU", "Russia", "country", 60.0, 100.0, "RU")

HOSTILE = "<script>alert(1)</script> <img src=x onerror=alert(1)> `${alert(1)}` </script><!--"


def inc(i: Any, type: str, place: Place | None, day: int | None, *, source: Source = SRC,
        **kw: Any) -> Incident:
    return Incident(
        id=f"i{i}", type=type, subtype=kw.pop("subtype", None), event_type="E",
        sub_event_type="S", date=dt.date(2022, 1, day) if day else None,
        date_precision=kw.pop("dp", "day" if day else "unknown"), place=place,
        geo_precision=kw.pop("gp", place.precision if place else "country"), source=source,
        **kw)


def sample() -> list[Incident]:
    """Ten incidents of eight types over five days: points, a site, country-level ones, a
    movement from Russia, an undated one."""
    return [
        inc(1, "arson", ALMATY, 5, evidence=(Evidence(0, 40, "Protesters set fire to the mayor's office."),)),
        inc(2, "arson", ALMATY, 5),
        inc(3, "seizure", AIRPORT, 6, actors=(Actor("security forces", "state forces"),)),
        inc(4, "deployment", KZ, 6, origin=RU,
            actors=(Actor("Russian paratroopers", "external forces"),)),
        inc(5, "emergency_measure", KZ, 5, gp="country"),
        inc(6, "comms_shutdown", KZ, 5, gp="country"),
        inc(7, "protest", ASTANA, 2, source=SRC2),
        inc(8, "casualty_report", ALMATY, 6, fatalities=Count(13, True, "13 security officers"),
            injured=Count(353, True, "353 protesters")),
        inc(9, "protest", ALMATY, 4, fatalities=Count(24, False, "dozens")),
        inc(10, "riot", ALMATY, None),
    ]


def hostile() -> list[Incident]:
    """Incidents whose every text field is an injection attempt."""
    bad_place = Place("user:x", HOSTILE, "city", 43.3, 76.9, "KZ", HOSTILE)
    far_place = Place("user:y", HOSTILE, "city", 51.2, 71.4, "KZ", HOSTILE)
    bad_src = Source("doc-x", HOSTILE, HOSTILE, "javascript:alert(1)", dt.date(2022, 1, 7))
    return [
        inc("x1", "arson", bad_place, 5, source=bad_src, subtype=HOSTILE,
            evidence=(Evidence(0, 10, HOSTILE),), actors=(Actor(HOSTILE, HOSTILE),),
            fatalities=Count(3, False, HOSTILE), place_text=HOSTILE,
            origin=Place("user:o", HOSTILE, "city", 47.0, 80.0, "KZ")),
        inc("x2", HOSTILE, far_place, 6, source=bad_src, evidence=(Evidence(0, 10, HOSTILE),)),
    ]


class FakeGazetteer:
    """Country names and box-shaped 'countries', enough for areas and titles."""

    BOXES = {"KZ": (46.5, 40.5, 87.3, 55.4), "RU": (27.0, 41.2, 179.0, 81.8)}
    NAMES = {"KZ": "Kazakhstan", "RU": "Russia"}

    def country(self, cc: str) -> Place | None:
        if cc not in self.NAMES:
            return None
        w, s, e, n = self.BOXES[cc]
        return Place(f"country:{cc}", self.NAMES[cc], "country", (s + n) / 2, (w + e) / 2, cc)

    def country_shape(self, cc: str):  # type: ignore[no-untyped-def]
        from shapely.geometry import box

        b = self.BOXES.get(cc)
        return box(*b) if b else None

    def countries(self) -> list[Place]:
        return [p for p in (self.country(cc) for cc in sorted(self.NAMES)) if p]


class NoShapes(FakeGazetteer):
    def country_shape(self, cc: str):  # type: ignore[no-untyped-def]
        return None


_DRAW = re.compile(r"incidentmap\.draw\([A-Za-z0-9_]+, (\{.*?\})\);\n", re.S)


def map_data(html: str) -> dict[str, Any]:
    """The data a saved map hands to its script (the JSON is valid JSON, escapes and all)."""
    m = _DRAW.search(html)
    assert m, "no incidentmap.draw(...) call in the page"
    return json.loads(m.group(1))
