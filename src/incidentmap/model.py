"""The small typed data model that flows through the pipeline.

    Article ──recognize──▶ Mention ──resolve──▶ Toponym(Mention, Place) ──incidents──▶ Incident

Every class is a frozen dataclass: stages build new objects rather than mutate old ones, so a
result can be cached, hashed, compared in a test and sent to another process.  Offsets always
index ``Article.text`` (Python string indices, end exclusive).

Each class has ``to_dict()``; the records that benchmarks and other tools read (the
``places`` JSONL contract and the flat incident record) are built here and nowhere else.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = [
    "Article",
    "Place",
    "Mention",
    "Toponym",
    "Count",
    "Actor",
    "Evidence",
    "Source",
    "Incident",
    "stable_id",
    "PLACE_KINDS",
    "GEO_PRECISIONS",
    "DATE_PRECISIONS",
]

#: What a gazetteer entry is.  ``site`` covers airports, squares, buildings: anything smaller
#: than a town that has a point of its own.
PLACE_KINDS = ("site", "city", "admin2", "admin1", "country", "region")

#: How precisely an incident is placed, finest first (ACLED geo_precision 1, 1, 2, 3, 3).
GEO_PRECISIONS = ("site", "town", "region", "country")

#: How precisely an incident is dated, finest first (ACLED time_precision 1, 2, 3, 3).
DATE_PRECISIONS = ("day", "week", "month", "unknown")


def stable_id(*parts: Any, length: int = 16) -> str:
    """Return a short hex id that depends only on ``parts``.

    The same content always gives the same id, on any machine and in any process, so exports
    and maps can be diffed (the sqlite-utils ``hash_record`` idea).

    >>> stable_id("doc-1", "arson", 120)
    '1d9fa9cba80c488d'
    """
    blob = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha1(blob.encode("utf-8")).hexdigest()[:length]


@dataclass(frozen=True)
class Article:
    """One document: its text and what is known about where it came from.

    ``published`` anchors relative dates ("Thursday", "yesterday"); without it they stay
    unresolved.  ``id`` is the corpus id, or the path the text was read from.
    ``spans``, when given, are place spans found elsewhere: resolution then skips recognition.
    """

    id: str
    text: str
    title: str | None = None
    publisher: str | None = None
    url: str | None = None
    published: _dt.date | None = None
    path: str | None = None
    #: Place spans found by someone else's NER, for resolve-only runs: ((start, end), ...).
    spans: tuple[tuple[int, int], ...] | None = None

    def source(self) -> "Source":
        """The citation an incident found in this article carries."""
        return Source(
            doc_id=self.id,
            title=self.title,
            publisher=self.publisher,
            url=self.url,
            published=self.published,
        )


@dataclass(frozen=True)
class Place:
    """A gazetteer entry (or a geocoder's answer): a named point with its provenance.

    ``id`` is unique across sources: ``geonames:1526384``, ``airport:ALA``, ``user:<slug>``,
    ``nominatim:<osm type><osm id>``.  ``geonameid`` is set only where GeoNames has one.
    ``kind`` is one of :data:`PLACE_KINDS`; ``feature`` is the GeoNames feature code where
    known (PPLA, PCLI, ADM1, AIRP ...).  ``admin1`` is the first-level division's *name*.
    """

    id: str
    name: str
    kind: str
    lat: float
    lon: float
    country_code: str | None = None
    admin1: str | None = None
    feature: str | None = None
    population: int = 0
    geonameid: int | None = None
    source: str = "geonames"

    @property
    def precision(self) -> str:
        """The geo precision an incident placed here has (one of :data:`GEO_PRECISIONS`)."""
        return {
            "site": "site",
            "city": "town",
            "admin2": "region",
            "admin1": "region",
            "region": "region",
            "country": "country",
        }.get(self.kind, "town")

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "feature": self.feature,
            "country_code": self.country_code,
            "admin1": self.admin1,
            "lat": self.lat,
            "lon": self.lon,
            "population": self.population,
            "geonameid": self.geonameid,
            "source": self.source,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Place":
        return cls(
            id=str(d["id"]),
            name=str(d["name"]),
            kind=str(d.get("kind") or "city"),
            lat=float(d["lat"]),
            lon=float(d["lon"]),
            country_code=d.get("country_code"),
            admin1=d.get("admin1"),
            feature=d.get("feature"),
            population=int(d.get("population") or 0),
            geonameid=int(d["geonameid"]) if d.get("geonameid") not in (None, "") else None,
            source=str(d.get("source") or "geonames"),
        )


MentionKind = Literal["place", "demonym"]


@dataclass(frozen=True)
class Mention:
    """A span of ``Article.text`` that names a place (or, with ``kind="demonym"``, a people
    or adjective such as "Kazakh", "Russian-led", which points at ``country_code`` but is
    never drawn as a place of its own).

    ``qualifier`` holds the span of a "City, State" / "City, Country" qualifier that follows
    the name, when recognition saw one; resolution uses it to choose between candidates.
    """

    start: int
    end: int
    text: str
    kind: str = "place"
    country_code: str | None = None
    qualifier: tuple[int, int] | None = None


@dataclass(frozen=True)
class Toponym:
    """A mention and what resolution made of it.

    ``place`` is ``None`` when nothing in the gazetteer (or geocoder) fits; ``candidates``
    are the runners-up, best first, so a user can correct a choice.
    """

    mention: Mention
    place: Place | None
    confidence: float = 0.0
    candidates: tuple[Place, ...] = ()

    @property
    def start(self) -> int:
        return self.mention.start

    @property
    def end(self) -> int:
        return self.mention.end

    @property
    def text(self) -> str:
        return self.mention.text

    @property
    def kind(self) -> str:
        return self.mention.kind

    def to_dict(self) -> dict[str, Any]:
        """The record of the ``places`` JSONL contract (benchmarks read it: keep it stable)."""
        p = self.place
        return {
            "start": self.mention.start,
            "end": self.mention.end,
            "text": self.mention.text,
            "kind": self.mention.kind,
            "name": p.name if p else None,
            "geonameid": p.geonameid if p else None,
            "place_id": p.id if p else None,
            "feature": p.feature if p else None,
            "country_code": p.country_code if p else self.mention.country_code,
            "admin1": p.admin1 if p else None,
            "lat": p.lat if p else None,
            "lon": p.lon if p else None,
            "confidence": round(self.confidence, 3),
            "source": p.source if p else None,
            "candidates": [
                {"place_id": c.id, "name": c.name, "country_code": c.country_code,
                 "admin1": c.admin1, "lat": c.lat, "lon": c.lon}
                for c in self.candidates
            ],
        }


@dataclass(frozen=True)
class Count:
    """A number of people as the text gives it: "353 protesters" is exact; "dozens",
    "more than a dozen" are lower bounds (ACLED's convention: take the smallest value the
    phrase allows, and keep the phrase)."""

    value: int
    exact: bool
    phrase: str

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "exact": self.exact, "phrase": self.phrase}

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> "Count | None":
        if not d:
            return None
        return cls(int(d["value"]), bool(d.get("exact", True)), str(d.get("phrase", "")))


#: Coarse actor categories (ACLED's inter codes, in plain words).
ACTOR_CATEGORIES = (
    "protesters",
    "rioters",
    "state forces",
    "external forces",
    "civilians",
    "unidentified armed group",
    "other",
)


@dataclass(frozen=True)
class Actor:
    """Who acted or was acted upon, as the text says it ("Russian paratroopers"), with a
    coarse ``category`` from :data:`ACTOR_CATEGORIES`."""

    text: str
    category: str

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "category": self.category}


@dataclass(frozen=True)
class Evidence:
    """A sentence of the article that reports the incident, with its offsets."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True)
class Source:
    """Where an incident was reported."""

    doc_id: str
    title: str | None = None
    publisher: str | None = None
    url: str | None = None
    published: _dt.date | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "title": self.title,
            "publisher": self.publisher,
            "url": self.url,
            "published": self.published.isoformat() if self.published else None,
        }


@dataclass(frozen=True)
class Incident:
    """One thing that happened somewhere, as an analyst would enter it in a dataset.

    ``type``/``subtype`` come from incidentmap's taxonomy; ``event_type``/``sub_event_type``
    are the ACLED categories they map to.  ``place`` is where it happened (for a movement,
    the destination, with ``origin`` where it came from).  ``to_record()`` gives the flat
    record that JSONL exports and benchmarks read.
    """

    id: str
    type: str
    subtype: str | None
    event_type: str
    sub_event_type: str
    date: _dt.date | None
    date_precision: str
    place: Place | None
    geo_precision: str
    source: Source
    evidence: tuple[Evidence, ...] = ()
    origin: Place | None = None
    fatalities: Count | None = None
    injured: Count | None = None
    arrested: Count | None = None
    actors: tuple[Actor, ...] = ()
    confidence: float = 0.5
    place_text: str | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def time_precision(self) -> int:
        """ACLED time_precision: 1 day, 2 week, 3 month or vaguer."""
        return {"day": 1, "week": 2}.get(self.date_precision, 3)

    @property
    def acled_geo_precision(self) -> int:
        """ACLED geo_precision: 1 site or town, 2 region, 3 country or vaguer."""
        return {"site": 1, "town": 1, "region": 2}.get(self.geo_precision, 3)

    def to_record(self) -> dict[str, Any]:
        """The flat record: one JSON object per incident, keys sorted on output."""
        p, o = self.place, self.origin
        return {
            "id": self.id,
            "doc_id": self.source.doc_id,
            "type": self.type,
            "subtype": self.subtype,
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "date": self.date.isoformat() if self.date else None,
            "date_precision": self.date_precision,
            "time_precision": self.time_precision,
            "place_name": p.name if p else None,
            "place_text": self.place_text,
            "place_id": p.id if p else None,
            "geonameid": p.geonameid if p else None,
            "country_code": p.country_code if p else None,
            "admin1": p.admin1 if p else None,
            "lat": p.lat if p else None,
            "lon": p.lon if p else None,
            "place_kind": p.kind if p else None,
            "geo_precision": self.geo_precision,
            "acled_geo_precision": self.acled_geo_precision,
            "origin_name": o.name if o else None,
            "origin_id": o.id if o else None,
            "origin_lat": o.lat if o else None,
            "origin_lon": o.lon if o else None,
            "origin_country_code": o.country_code if o else None,
            "origin_kind": o.kind if o else None,
            "fatalities": self.fatalities.value if self.fatalities else None,
            "fatalities_exact": self.fatalities.exact if self.fatalities else None,
            "fatalities_phrase": self.fatalities.phrase if self.fatalities else None,
            "injured": self.injured.value if self.injured else None,
            "injured_exact": self.injured.exact if self.injured else None,
            "injured_phrase": self.injured.phrase if self.injured else None,
            "arrested": self.arrested.value if self.arrested else None,
            "arrested_exact": self.arrested.exact if self.arrested else None,
            "arrested_phrase": self.arrested.phrase if self.arrested else None,
            "actors": [a.to_dict() for a in self.actors],
            "evidence": [e.to_dict() for e in self.evidence],
            "source": self.source.to_dict(),
            "confidence": round(self.confidence, 3),
        }

    @classmethod
    def from_record(cls, r: dict[str, Any]) -> "Incident":
        """Rebuild an incident from :meth:`to_record` output (or a hand-corrected copy)."""

        def _date(v: Any) -> _dt.date | None:
            if v in (None, ""):
                return None
            return v if isinstance(v, _dt.date) else _dt.date.fromisoformat(str(v)[:10])

        def _count(prefix: str) -> Count | None:
            v = r.get(prefix)
            if v in (None, ""):
                return None
            exact = r.get(f"{prefix}_exact")
            return Count(int(float(v)), True if exact in (None, "") else bool(exact),
                         str(r.get(f"{prefix}_phrase") or ""))

        place = None
        if r.get("lat") not in (None, "") and r.get("lon") not in (None, ""):
            place = Place(
                id=str(r.get("place_id") or stable_id(r.get("place_name"), r["lat"], r["lon"])),
                name=str(r.get("place_name") or ""),
                kind=str(r.get("place_kind") or _KIND_FOR_PRECISION.get(
                    str(r.get("geo_precision")), "city")),
                lat=float(r["lat"]),
                lon=float(r["lon"]),
                country_code=r.get("country_code") or None,
                admin1=r.get("admin1") or None,
                geonameid=int(float(r["geonameid"])) if r.get("geonameid") not in (None, "") else None,
                source="record",
            )
        origin = None
        if r.get("origin_lat") not in (None, "") and r.get("origin_lon") not in (None, ""):
            origin = Place(
                id=str(r.get("origin_id") or stable_id(r.get("origin_name"), r["origin_lat"])),
                name=str(r.get("origin_name") or ""),
                # Files written before origin_kind existed: an origin was most often a country.
                kind=str(r.get("origin_kind") or "country"),
                lat=float(r["origin_lat"]),
                lon=float(r["origin_lon"]),
                country_code=r.get("origin_country_code") or None,
                source="record",
            )
        src = r.get("source") or {}
        if isinstance(src, str):
            src = {"doc_id": r.get("doc_id") or "", "publisher": src}
        source = Source(
            doc_id=str(src.get("doc_id") or r.get("doc_id") or ""),
            title=src.get("title"),
            publisher=src.get("publisher"),
            url=src.get("url"),
            published=_date(src.get("published")),
        )
        return cls(
            id=str(r.get("id") or stable_id(r)),
            type=str(r["type"]),
            subtype=r.get("subtype") or None,
            event_type=str(r.get("event_type") or ""),
            sub_event_type=str(r.get("sub_event_type") or ""),
            date=_date(r.get("date")),
            date_precision=str(r.get("date_precision") or "unknown"),
            place=place,
            geo_precision=str(r.get("geo_precision") or (place.precision if place else "country")),
            source=source,
            evidence=tuple(Evidence(int(e.get("start", 0)), int(e.get("end", 0)), str(e.get("text", "")))
                           for e in (r.get("evidence") or []) if isinstance(e, dict)),
            origin=origin,
            fatalities=_count("fatalities"),
            injured=_count("injured"),
            arrested=_count("arrested"),
            actors=tuple(Actor(str(a.get("text", "")), str(a.get("category", "other")))
                         for a in (r.get("actors") or []) if isinstance(a, dict)),
            # A confidence of 0.0 is a value, not a missing one.
            confidence=float(r["confidence"]) if r.get("confidence") not in (None, "") else 0.5,
            place_text=r.get("place_text") or None,
        )


_KIND_FOR_PRECISION = {"site": "site", "town": "city", "region": "admin1", "country": "country"}
