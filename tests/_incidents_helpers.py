"""Hand-built places and toponyms for the incident tests (no gazetteer, no geoparser)."""

from __future__ import annotations

import datetime as dt
import re

from incidentmap.model import Article, Mention, Place, Toponym

KZ = Place("geonames:1522867", "Kazakhstan", "country", 48.0, 68.0, "KZ", feature="PCLI")
RU = Place("geonames:2017370", "Russia", "country", 60.0, 100.0, "RU", feature="PCLI")
ALMATY = Place("geonames:1526384", "Almaty", "city", 43.25, 76.92, "KZ", feature="PPLA")
ASTANA = Place("geonames:1526273", "Astana", "city", 51.18, 71.45, "KZ", feature="PPLC")
ALA_AIRPORT = Place("airport:ALA", "Almaty International Airport", "site", 43.35, 77.04, "KZ",
                    feature="AIRP", source="airportsdata")
FR = Place("geonames:3017382", "France", "country", 46.0, 2.0, "FR", feature="PCLI")
PARIS = Place("geonames:2988507", "Paris", "city", 48.85, 2.35, "FR", feature="PPLC")
LYON = Place("geonames:2996944", "Lyon", "city", 45.75, 4.85, "FR", feature="PPLA")

PLACES = {"Kazakhstan": KZ, "Russia": RU, "Almaty": ALMATY, "Astana": ASTANA, "France": FR,
          "Paris": PARIS, "Lyon": LYON, "Almaty's airport": ALA_AIRPORT}
DEMONYMS = {"Russian": "RU", "Russian-led": "RU", "Kazakh": "KZ", "French": "FR"}


def toponyms(text: str, places: dict | None = None) -> list[Toponym]:
    """Every occurrence of a known name in ``text`` as a resolved toponym; nationality words
    as demonym mentions (what the geoparser gives)."""
    places = PLACES if places is None else places
    out = []
    taken: list[tuple[int, int]] = []
    for name in sorted(places, key=len, reverse=True):
        for m in re.finditer(r"\b" + re.escape(name) + r"\b", text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            p = places[name]
            out.append(Toponym(Mention(m.start(), m.end(), name, "place", p.country_code), p, 0.9))
    for word, cc in DEMONYMS.items():
        for m in re.finditer(r"\b" + re.escape(word) + r"(?![\w-])", text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            out.append(Toponym(Mention(m.start(), m.end(), word, "demonym", cc), None, 0.9))
    return sorted(out, key=lambda t: t.start)


def article(text: str, published: dt.date | None = dt.date(2022, 1, 7), id: str = "t") -> Article:
    return Article(id=id, text=text, published=published)


def run(text: str, published: dt.date | None = dt.date(2022, 1, 7), places: dict | None = None):
    from incidentmap.incidents import find_incidents

    return find_incidents(article(text, published), toponyms(text, places))
