"""The filters analysts use, with one meaning everywhere (extract, render, query).

``filter_incidents`` works on lists of :class:`~incidentmap.model.Incident`;
``incidentmap.dataset`` applies the same rules to DataFrames.  The option parsers here
(``parse_types``, ``parse_bbox``, ``parse_day``) give the CLI and the library the same
validation and the same error messages.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, Iterable, Sequence

from .errors import InputError
from .model import Incident

__all__ = ["filter_incidents", "parse_types", "parse_bbox", "parse_day"]

def _known_types() -> tuple[str, ...]:
    # The taxonomy is the one authority on type names (docs/taxonomy.md).
    from .incidents.taxonomy import TYPES

    return tuple(TYPES)


def parse_types(value: str | Sequence[str] | None) -> tuple[str, ...] | None:
    """``"arson,riot"`` or ``["arson", "riot"]`` -> ``("arson", "riot")``, checked against
    the taxonomy (hyphens and spaces may stand for underscores)."""
    if value is None or value == "" or value == []:
        return None
    items = value.split(",") if isinstance(value, str) else [
        part for v in value for part in str(v).split(",")]
    known = _known_types()
    out = []
    for raw in items:
        t = raw.strip().lower().replace("-", "_").replace(" ", "_")
        if not t:
            continue
        if t not in known:
            raise InputError(f"unknown incident type {raw.strip()!r}; known types: "
                             f"{', '.join(known)}.")
        out.append(t)
    return tuple(out) or None


def parse_bbox(value: str | Sequence[float] | None) -> tuple[float, float, float, float] | None:
    """``"W,S,E,N"`` in degrees -> a tuple; checked for order and range."""
    if value is None or value == "":
        return None
    try:
        parts = [float(v) for v in (value.split(",") if isinstance(value, str) else value)]
    except ValueError:
        raise InputError(f"--bbox {value!r}: expected four numbers W,S,E,N in degrees.") from None
    if len(parts) != 4:
        raise InputError(f"--bbox {value!r}: expected four numbers W,S,E,N in degrees.")
    w, s, e, n = parts
    if not (-180 <= w <= 180 and -180 <= e <= 180 and -90 <= s <= n <= 90):
        raise InputError(f"--bbox {value!r}: west/east must lie in -180..180, south/north "
                         "in -90..90 with south <= north.")
    return (w, s, e, n)


def parse_day(value: Any, what: str = "date") -> _dt.date | None:
    """``YYYY-MM-DD`` (or a ``date``) -> ``date``; a clear error otherwise."""
    if value is None or value == "":
        return None
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    try:
        return _dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise InputError(f"{what} {value!r} is not a date; write it as YYYY-MM-DD.") from None


def _in_bbox(lat: float, lon: float, bbox: tuple[float, float, float, float]) -> bool:
    w, s, e, n = bbox
    if not s <= lat <= n:
        return False
    # A box whose west edge is east of its east edge crosses the antimeridian.
    return w <= lon <= e if w <= e else (lon >= w or lon <= e)


def filter_incidents(
    incidents: Iterable[Incident],
    *,
    types: str | Sequence[str] | None = None,
    since: Any = None,
    until: Any = None,
    country: str | Sequence[str] | None = None,
    bbox: str | Sequence[float] | None = None,
    min_fatalities: int | None = None,
    source: str | None = None,
) -> list[Incident]:
    """Keep the incidents that pass every filter given (``None`` means no filter).

    - ``types``: incident types (``"arson,riot"`` or a list).
    - ``since``/``until``: inclusive dates; an undated incident is left out by either.
    - ``country``: ISO 3166-1 alpha-2 codes (``"KZ"`` or ``"KZ,KG"``), of the place.
    - ``bbox``: ``W,S,E,N``; an incident without coordinates is left out.
    - ``min_fatalities``: at least this many deaths (a lower bound counts as its value).
    - ``source``: a substring of the source's publisher, URL, title or document id.

    >>> filter_incidents([], types="arson", since="2022-01-01")
    []
    """
    type_set = set(parse_types(types) or ())
    since_d = parse_day(since, "--since")
    until_d = parse_day(until, "--until")
    if since_d and until_d and since_d > until_d:
        raise InputError(f"--since {since_d} is after --until {until_d}; swap them.")
    countries: set[str] = set()
    if country:
        items = country.split(",") if isinstance(country, str) else list(country)
        countries = {c.strip().upper() for c in items if c.strip()}
        bad = [c for c in countries if len(c) != 2 or not c.isalpha()]
        if bad:
            raise InputError(f"--country {', '.join(sorted(bad))}: give ISO 3166-1 alpha-2 "
                             "codes such as KZ or US.")
    box = parse_bbox(bbox)
    if min_fatalities is not None and min_fatalities < 0:
        raise InputError("--min-fatalities must be 0 or more.")
    needle = source.lower() if source else None

    out = []
    for inc in incidents:
        if type_set and inc.type not in type_set:
            continue
        if since_d and (inc.date is None or inc.date < since_d):
            continue
        if until_d and (inc.date is None or inc.date > until_d):
            continue
        if countries and (inc.place is None or (inc.place.country_code or "").upper()
                          not in countries):
            continue
        if box and (inc.place is None or not _in_bbox(inc.place.lat, inc.place.lon, box)):
            continue
        if min_fatalities is not None and (
                (inc.fatalities.value if inc.fatalities else 0) < min_fatalities):
            continue
        if needle:
            s = inc.source
            fields = [s.publisher, s.url, s.title, s.doc_id]
            # A deduplicated event lists every reporter in extra["sources"]: any may match,
            # as in incidentmap.dataset.filter_frame.
            for other in inc.extra.get("sources") or ():
                if isinstance(other, dict):
                    fields += [other.get(k) for k in ("publisher", "url", "title", "doc_id")]
            hay = " ".join(str(x) for x in fields if x).lower()
            if needle not in hay:
                continue
        out.append(inc)
    return out
