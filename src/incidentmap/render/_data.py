"""Incidents -> the plain data the map's script draws (no folium here).

Every string that comes from an article or an incident file is kept as *text*: the browser
script puts it into the page with ``textContent``/``createTextNode`` only, and the JSON is
escaped for ``<script>`` by :func:`script_json`.  URLs are kept only when they are http(s).
"""

from __future__ import annotations

import datetime as _dt
import json
from collections import Counter
from typing import Any, Iterable, Sequence

from ..model import Article, Count, Incident, Source
from .style import badge_svg, type_style

__all__ = ["build_data", "script_json", "default_title", "default_caption", "safe_url",
           "format_day", "credits", "TILES"]

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")

#: Basemaps: URL, attribution as plain text pieces (text, link or None), max zoom.
TILES: dict[str, dict[str, Any]] = {
    "cartodbpositron": {
        "url": "https://{s}.basemaps.cartocdn.com/light_all/{z}/{x}/{y}{r}.png",
        "credit": [("© OpenStreetMap contributors", "https://www.openstreetmap.org/copyright"),
                   ("© CARTO", "https://carto.com/attributions")],
        "subdomains": "abcd",
        "max_zoom": 20,
    },
    "openstreetmap": {
        "url": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        "credit": [("© OpenStreetMap contributors", "https://www.openstreetmap.org/copyright")],
        "subdomains": "abc",
        "max_zoom": 19,
    },
    "none": {"url": None, "credit": [], "subdomains": "", "max_zoom": 18},
}


def script_json(obj: Any) -> str:
    """JSON that is safe inside an HTML ``<script>`` element.

    ``<``, ``>`` and ``&`` become ``\\u003c`` ... so no ``</script>`` or ``<!--`` can end or
    bend the element; U+2028/U+2029 are escaped because older JavaScript engines treat them
    as line ends inside string literals.
    """
    s = json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                   allow_nan=False)
    return (s.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def safe_url(url: Any) -> str | None:
    """``url`` if it is an http(s) URL, else None (no ``javascript:`` links from a file)."""
    if not isinstance(url, str):
        return None
    u = url.strip()
    if u.lower().startswith(("http://", "https://")) and not any(c in u for c in '"<> \n\r\t'):
        return u
    return None


def format_day(d: _dt.date | None, precision: str = "day") -> str:
    """``6 January 2022``; ``January 2022`` for month precision; ``date unknown``."""
    if d is None or precision == "unknown":
        return "date unknown"
    if precision == "month":
        return f"{_MONTHS[d.month - 1]} {d.year}"
    day = f"{d.day} {_MONTHS[d.month - 1]} {d.year}"
    return f"week of {day}" if precision == "week" else day


def _upper_first(s: str) -> str:
    return s[:1].upper() + s[1:]


def _short_day(d: _dt.date) -> str:
    return f"{d.day} {_MONTHS[d.month - 1][:3]} {d.year}"


def date_range_text(days: Sequence[_dt.date]) -> str:
    """``1–6 January 2022``, ``28 December 2021 – 6 January 2022``, ``6 January 2022``."""
    if not days:
        return ""
    a, b = min(days), max(days)
    if a == b:
        return format_day(a)
    if (a.year, a.month) == (b.year, b.month):
        return f"{a.day}–{b.day} {_MONTHS[b.month - 1]} {b.year}"
    if a.year == b.year:
        return f"{a.day} {_MONTHS[a.month - 1]} – {b.day} {_MONTHS[b.month - 1]} {b.year}"
    return f"{format_day(a)} – {format_day(b)}"


_PRECISION_WORDS = {"site": "exact site", "town": "town", "region": "region only",
                    "country": "country only"}
# What follows the date in a popup ("Week of 6 January 2022" says its precision itself).
_DATE_WORDS = {"day": " (exact day)", "week": "", "month": " (month only)", "unknown": ""}


class _Names:
    """Country names from the gazetteer (or the code when there is none)."""

    def __init__(self, gaz: Any) -> None:
        self.gaz = gaz
        self.cache: dict[str, str] = {}

    def country(self, cc: str | None) -> str:
        if not cc:
            return ""
        if cc not in self.cache:
            name = cc
            if self.gaz is not None:
                p = self.gaz.country(cc)
                if p is not None:
                    name = p.name
            self.cache[cc] = name
        return self.cache[cc]


def is_vague(inc: Incident) -> bool:
    """Placed only to a region or a country (drawn hollow or as an area, never as a pin)."""
    if inc.geo_precision in ("region", "country"):
        return True
    return inc.place is not None and inc.place.kind in ("admin1", "admin2", "region", "country")


def _place_label(inc: Incident, names: _Names) -> tuple[str, str]:
    """(full label for the popup, short name for the tooltip)."""
    p = inc.place
    assert p is not None
    country = names.country(p.country_code)
    if p.kind == "country" or inc.geo_precision == "country":
        where = country or p.name
        return f"somewhere in {where}", where
    parts = [p.name]
    if p.kind == "site" and p.admin1 and p.admin1 != p.name:
        parts.append(p.admin1)
    if country and country != p.name:
        parts.append(country)
    label = ", ".join(parts)
    if is_vague(inc):
        return f"somewhere in {label}", p.name
    return label, p.name


def _count_text(what: str, c: Count | None) -> str | None:
    if c is None:
        return None
    if c.exact:
        return f"{what}: {c.value}"
    phrase = " ".join((c.phrase or "").split())
    return f"{what}: at least {c.value}" + (f" (“{phrase}”)" if phrase else "")


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut + " …"


def _source_entry(src: Source | Article) -> dict[str, Any]:
    s = src.source() if isinstance(src, Article) else src
    name = s.publisher or s.title or s.doc_id or "source"
    return {
        "p": " ".join(str(name).split()),
        "t": " ".join(str(s.title).split()) if s.title else None,
        "d": _short_day(s.published) if s.published else None,
        "u": safe_url(s.url),
        "k": s.doc_id,
    }


def _event_sources(inc: Incident) -> list[Source]:
    """The sources a deduplicated event carries in ``extra["sources"]`` (dicts, or JSON text
    when read back from a CSV), as :class:`Source` objects; [] for a single report."""
    raw = inc.extra.get("sources") if inc.extra else None
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except ValueError:
            return []
    out = []
    for d in raw if isinstance(raw, list) else []:
        if isinstance(d, dict) and d.get("doc_id"):
            pub = d.get("published")
            try:
                pub = _dt.date.fromisoformat(str(pub)[:10]) if pub else None
            except ValueError:
                pub = None
            out.append(Source(doc_id=str(d["doc_id"]), title=d.get("title"),
                              publisher=d.get("publisher"), url=d.get("url"), published=pub))
    return out


def _round(x: float) -> float:
    return round(float(x), 5)


def _geojson(geom: Any, tol: float) -> dict[str, Any] | None:
    """A shapely geometry simplified and rounded to ~100 m, as a GeoJSON dict."""
    from shapely import set_precision
    from shapely.geometry import mapping

    g = geom.simplify(tol, preserve_topology=True)
    g = set_precision(g, 0.001)
    if g.is_empty:
        return None
    m = mapping(g)
    return json.loads(json.dumps(m))  # tuples -> lists, for stable JSON


def build_data(
    incidents: Iterable[Incident],
    *,
    gazetteer: Any = None,
    tiles: str = "cartodbpositron",
    sources: Iterable[Source | Article] | None = None,
    timeline: bool = False,
    heatmap: bool = False,
) -> dict[str, Any]:
    """Everything the map script needs, as plain JSON-able data (deterministic order)."""
    incs = sorted(incidents, key=lambda i: (i.date is None, i.date or _dt.date.min,
                                            i.place.name if i.place else "", i.id))
    names = _Names(gazetteer)

    # Sources: those given (the articles read), then any other an incident cites.
    src_list: list[dict[str, Any]] = []
    src_index: dict[str, int] = {}
    for s in list(sources or []) + [i.source for i in incs] + [
            m for i in incs for m in _event_sources(i)]:
        entry = _source_entry(s)
        if entry["k"] not in src_index:
            src_index[entry["k"]] = len(src_list)
            src_list.append(entry)

    drawn = [i for i in incs if i.place is not None]
    type_counts = Counter(type_style(i.type).key for i in drawn)
    styles = sorted({type_style(i.type).key: type_style(i.type) for i in drawn}.values(),
                    key=lambda s: (s.order, s.key))
    types = [{
        "k": s.key, "l": s.label, "f": s.family.key, "fl": s.family.label,
        "c": s.family.color, "n": type_counts[s.key],
        "svg": badge_svg(s), "svgh": badge_svg(s, hollow=True),
    } for s in styles]

    areas: list[dict[str, Any]] = []
    area_index: dict[str, int] = {}
    features: list[dict[str, Any]] = []
    lats: list[float] = []
    lons: list[float] = []
    countries: Counter[str] = Counter()
    for inc in drawn:
        p = inc.place
        assert p is not None
        st = type_style(inc.type)
        vague = is_vague(inc)
        label, short = _place_label(inc, names)
        props: dict[str, Any] = {
            "id": inc.id,
            "t": st.key,
            "v": 1 if vague else 0,
            "d": inc.date.isoformat() if inc.date and inc.date_precision != "unknown" else None,
            "dl": _upper_first(format_day(inc.date, inc.date_precision)) + (
                _DATE_WORDS.get(inc.date_precision, f" ({inc.date_precision})")
                if inc.date else ""),
            "pl": label,
            "pn": short,
            "gp": _PRECISION_WORDS.get(inc.geo_precision, inc.geo_precision),
            "s": src_index.get(inc.source.doc_id),
        }
        # A deduplicated event (incidentmap extract -o) lists every article that reported it.
        members = [src_index[m.doc_id] for m in _event_sources(inc) if m.doc_id in src_index]
        if len(set(members)) > 1:
            props["ss"] = sorted(set(members), key=members.index)
        if inc.subtype:
            props["st"] = " ".join(str(inc.subtype).replace("_", " ").split())
        cas = [t for t in (_count_text("Killed", inc.fatalities),
                           _count_text("Injured", inc.injured),
                           _count_text("Arrested", inc.arrested)) if t]
        if cas:
            props["c"] = cas
        if inc.fatalities is not None:
            props["k"] = inc.fatalities.value
        if inc.actors:
            props["a"] = "; ".join(
                " ".join(a.text.split()) + (f" ({a.category})" if a.category and a.category
                                            not in ("other",) and a.category.lower()
                                            not in a.text.lower() else "")
                for a in inc.actors)
        if inc.evidence:
            props["e"] = _clip(" ".join(e.text for e in inc.evidence[:2]), 420)
        if inc.origin is not None:
            o = inc.origin
            oname = names.country(o.country_code) if o.kind == "country" and o.country_code \
                else o.name
            props["o"] = [_round(o.lat), _round(o.lon), " ".join((oname or o.name).split())]
            lats.append(o.lat)
            lons.append(o.lon)
        if p.country_code:
            countries[p.country_code] += 1
        if vague and (p.kind == "country" or inc.geo_precision == "country") and p.country_code:
            cc = p.country_code.upper()
            if cc not in area_index and gazetteer is not None:
                shape = gazetteer.country_shape(cc)
                gj = _geojson(shape, 0.02) if shape is not None else None
                if gj is not None:
                    area_index[cc] = len(areas)
                    areas.append({"cc": cc, "name": names.country(cc), "g": gj})
            if cc in area_index:
                props["ar"] = area_index[cc]
        lats.append(p.lat)
        lons.append(p.lon)
        features.append({"type": "Feature", "properties": props,
                         "geometry": {"type": "Point",
                                      "coordinates": [_round(p.lon), _round(p.lat)]}})

    bounds = None
    if lats:
        s, w, n, e = min(lats), min(lons), max(lats), max(lons)
        if len(countries) == 1 and gazetteer is not None:
            # A single-country story shows that country (unless the country is huge or
            # straddles the antimeridian, where its box would show half the world).
            shape = gazetteer.country_shape(next(iter(countries)))
            if shape is not None:
                cw, cs, ce, cn = shape.bounds
                if ce - cw <= 60 and cn - cs <= 40:
                    s, w, n, e = min(s, cs), min(w, cw), max(n, cn), max(e, ce)
        bounds = [[_round(s), _round(w)], [_round(n), _round(e)]]

    background: list[dict[str, Any]] = []
    if tiles == "none" and gazetteer is not None:
        background = _background(gazetteer, bounds)

    dates = sorted({f["properties"]["d"] for f in features if f["properties"]["d"]})
    return {
        "types": types,
        "features": {"type": "FeatureCollection", "features": features},
        "areas": areas,
        "sources": src_list,
        "bounds": bounds,
        "background": background,
        "dates": dates,
        "undrawn": len(incs) - len(drawn),
        "options": {"timeline": bool(timeline), "heatmap": bool(heatmap),
                    "offline": tiles == "none"},
    }


def _background(gazetteer: Any, bounds: list[list[float]] | None) -> list[dict[str, Any]]:
    """Country outlines around the incidents, for a map without tiles: clipped to a box
    well beyond the view and simplified to the scale of that box."""
    from shapely.geometry import box

    if bounds is None:
        w, s, e, n = -180.0, -85.0, 180.0, 85.0
    else:
        (s, w), (n, e) = bounds
        # The view's shape depends on the frame (a phone is tall, a desktop wide): leave
        # generous room on every side so no edge of the clip shows.
        dx = max(40.0, (e - w) * 3)
        dy = max(25.0, (n - s) * 3)
        w, e = max(-180.0, w - dx), min(180.0, e + dx)
        s, n = max(-85.0, s - dy), min(85.0, n + dy)
    clip = box(w, s, e, n)
    tol = max(0.01, (e - w) / 2000)
    out = []
    try:
        countries = gazetteer.countries()
    except AttributeError:
        return []
    for c in countries:
        cc = c.country_code or c.id.split(":")[-1]
        shape = gazetteer.country_shape(cc)
        if shape is None or not shape.intersects(clip):
            continue
        gj = _geojson(shape.intersection(clip), tol)
        if gj is not None:
            out.append({"cc": cc, "g": gj})
    out.sort(key=lambda a: a["cc"])
    return out


def default_title(incidents: Sequence[Incident], gazetteer: Any = None) -> str:
    """"Incidents in Kazakhstan, 1–6 January 2022" from the incidents themselves."""
    names = _Names(gazetteer)
    ccs = Counter(i.place.country_code for i in incidents if i.place and i.place.country_code)
    where = ""
    if ccs:
        top = [cc for cc, _ in ccs.most_common()]
        if len(top) == 1:
            where = names.country(top[0])
        elif len(top) == 2:
            where = f"{names.country(top[0])} and {names.country(top[1])}"
        elif ccs[top[0]] >= 0.8 * sum(ccs.values()):
            where = names.country(top[0])
    days = [i.date for i in incidents if i.date and i.date_precision != "unknown"]
    title = "Incidents" + (f" in {where}" if where else "")
    when = date_range_text(days)
    return f"{title}, {when}" if when else title


def default_caption(incidents: Sequence[Incident]) -> str:
    """One line saying what the map shows and how to read a hollow symbol."""
    n = len(incidents)
    k = len({type_style(i.type).key for i in incidents})
    docs = len({i.source.doc_id for i in incidents})
    text = (f"{n:,} incident{'s' if n != 1 else ''} of {k} type{'s' if k != 1 else ''}"
            f" reported in {docs:,} article{'s' if docs != 1 else ''}.")
    if any(is_vague(i) for i in incidents if i.place is not None):
        text += " Hollow symbols and shaded areas are placed only to a region or country."
    return text


def credits(data: dict[str, Any], tiles: str) -> list[list[tuple[str, str | None]]]:
    """The credit line as groups of (text, link) pieces; the caller escapes them."""
    groups: list[list[tuple[str, str | None]]] = []
    srcs: list[tuple[str, str | None]] = []
    # A corpus map may cite thousands of articles: name a few, count the rest (each popup
    # still links its own source).
    shown = data["sources"] if len(data["sources"]) <= 8 else data["sources"][:6]
    for s in shown:
        if srcs:
            srcs.append((";", None))
        text = s["p"] + (f", {s['d']}" if s["d"] else "")
        srcs.append((text, s["u"]))
    rest = len(data["sources"]) - len(shown)
    if rest:
        srcs.append((f"and {rest:,} more articles", None))
    if srcs:
        groups.append([("Sources:", None)] + srcs)
    groups.append([("Map: incidentmap", None)])
    base = TILES[tiles]["credit"]
    if base:
        groups.append([("Basemap:", None)] + list(base))
    if data["background"] or data["areas"]:
        groups.append([("Boundaries: Natural Earth", "https://www.naturalearthdata.com/")])
    groups.append([("Places: GeoNames (CC BY 4.0)", "https://www.geonames.org/")])
    return groups
