"""Writing incidents to files analysts open, and reading them back.

One table shape serves every tabular format (CSV, DataFrame, GeoParquet, GeoPackage): ACLED's
columns first, with ACLED's meaning (``geo_precision`` and ``time_precision`` are its 1/2/3
codes, ``country`` is a name, ``source`` the publisher), then incidentmap's own columns
(:data:`OUR_COLUMNS`), then any ``extra`` keys (datasets add ``n_sources``, ``sources`` ...).
Lists (actors, evidence, sources) sit in a tabular cell as JSON text.

GeoJSON (RFC 7946, longitude first) and JSONL carry :meth:`Incident.to_record` unchanged (plus
``extra``); in GeoJSON a movement (an incident with an ``origin``) is a LineString from the
origin to the destination, everything else a Point.

The format follows the file extension (:data:`FORMATS`); every file is written through
:func:`incidentmap._io.atomic_path`, so a reader never sees half of one.

pandas, geopandas, pyarrow and pyogrio are imported inside the functions that need them.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import math
import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from ._io import atomic_path
from .errors import InputError, OutputError
from .model import GEO_PRECISIONS, Incident

if TYPE_CHECKING:  # pragma: no cover
    import pandas

__all__ = [
    "write_incidents",
    "read_incidents",
    "to_dataframe",
    "to_geojson",
    "dataframe_to_incidents",
    "flat_row",
    "row_to_record",
    "format_of",
    "check_format",
    "ACLED_COLUMNS",
    "OUR_COLUMNS",
    "FORMATS",
]

#: ACLED's column names, in ACLED's order, with ACLED's meaning.
ACLED_COLUMNS = (
    "event_date",
    "event_type",
    "sub_event_type",
    "actor1",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "time_precision",
    "fatalities",
    "notes",
    "source",
)

#: incidentmap's columns, after ACLED's.  ``place_precision`` is our geo precision word
#: (site, town, region, country): ``geo_precision`` is taken by ACLED's number.
OUR_COLUMNS = (
    "id",
    "doc_id",
    "type",
    "subtype",
    "date_precision",
    "place_precision",
    "place_kind",
    "place_text",
    "place_id",
    "geonameid",
    "country_code",
    "movement",
    "origin_name",
    "origin_id",
    "origin_lat",
    "origin_lon",
    "origin_country_code",
    "origin_kind",
    "fatalities_exact",
    "fatalities_phrase",
    "injured",
    "injured_exact",
    "injured_phrase",
    "arrested",
    "arrested_exact",
    "arrested_phrase",
    "actors",
    "evidence_offsets",
    "evidence",
    "source_title",
    "source_publisher",
    "source_url",
    "source_published",
    "confidence",
)

COLUMNS = ACLED_COLUMNS + OUR_COLUMNS

#: File extension -> format name.
FORMATS = {
    ".csv": "csv",
    ".geojson": "geojson",
    ".json": "geojson",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".parquet": "parquet",
    ".geoparquet": "parquet",
    ".gpkg": "gpkg",
}

_INT_COLUMNS = ("geo_precision", "time_precision", "fatalities", "injured", "arrested", "geonameid")
_FLOAT_COLUMNS = ("latitude", "longitude", "origin_lat", "origin_lon", "confidence")
_BOOL_COLUMNS = ("movement", "fatalities_exact", "injured_exact", "arrested_exact")
_JSON_COLUMNS = ("actors", "evidence")
_INT_TEXT = re.compile(r"^(0|-?[1-9][0-9]{0,17})$")
_GEO_PRECISION_OF_ACLED = {1: "town", 2: "region", 3: "country"}
_DATE_PRECISION_OF_ACLED = {1: "day", 2: "week", 3: "month"}
_GEO_HINT = "install the GeoParquet/GeoPackage support with `pip install incidentmap[geo]`"


# --------------------------------------------------------------------------- helpers


def format_of(path: str | os.PathLike[str], fmt: str | None = None) -> str:
    """The format name for ``path`` (from ``fmt`` when given, else from the extension)."""
    if fmt:
        f = fmt.lower().lstrip(".")
        if f in FORMATS.values():
            return f
        if "." + f in FORMATS:
            return FORMATS["." + f]
        raise OutputError(f"unknown format {fmt!r}; use one of: {', '.join(sorted(set(FORMATS.values())))}.")
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise OutputError(
            f"cannot tell the format of {path}: use one of the extensions "
            f"{', '.join(sorted(FORMATS))}."
        )
    return FORMATS[suffix]


@functools.lru_cache(maxsize=512)
def country_name(cc: str | None) -> str | None:
    """The country's name (ACLED's ``country`` column) from the gazetteer; the code when
    the gazetteer cannot say."""
    if not cc:
        return None
    try:
        from .gazetteer import load_gazetteer

        place = load_gazetteer().country(cc)
        if place is not None and place.name:
            return str(place.name)
    except Exception:  # the gazetteer is optional here: a code is still a usable answer
        pass
    return cc


def _record_keys() -> frozenset[str]:
    from .model import Source

    probe = Incident(
        id="x", type="x", subtype=None, event_type="", sub_event_type="", date=None,
        date_precision="unknown", place=None, geo_precision="country", source=Source("x"),
    )
    return frozenset(probe.to_record())


_RECORD_KEYS = _record_keys()


def _jsonable(v: Any) -> Any:
    """Scalars as they are; anything else as JSON text (tabular cells)."""
    if v is None or isinstance(v, (str, int, float, bool)):
        return v
    return json.dumps(v, sort_keys=True, ensure_ascii=False, default=str)


def _record_with_extra(inc: Incident) -> dict[str, Any]:
    rec = inc.to_record()
    for k, v in sorted(inc.extra.items()):
        if k not in rec and not k.startswith("_"):
            rec[k] = v
    return rec


def flat_row(inc: Incident) -> dict[str, Any]:
    """The tabular row of ``inc``: :data:`ACLED_COLUMNS`, :data:`OUR_COLUMNS`, then the
    ``extra`` keys in sorted order (lists and dicts as JSON text)."""
    r = inc.to_record()
    src = inc.source
    extra_sources = inc.extra.get("sources")
    if isinstance(extra_sources, list) and extra_sources:
        # A deduplicated event: ACLED's source column lists every publisher.
        names = []
        for s in extra_sources:
            name = (s.get("publisher") or s.get("doc_id") or "") if isinstance(s, dict) else str(s)
            if name and name not in names:
                names.append(name)
        source_col = "; ".join(names)
    else:
        source_col = src.publisher or src.doc_id
    row: dict[str, Any] = {
        "event_date": r["date"],
        "event_type": r["event_type"],
        "sub_event_type": r["sub_event_type"],
        "actor1": inc.actors[0].text if inc.actors else None,
        "country": country_name(r["country_code"]),
        "admin1": r["admin1"],
        "location": r["place_name"],
        "latitude": r["lat"],
        "longitude": r["lon"],
        "geo_precision": r["acled_geo_precision"],
        "time_precision": r["time_precision"],
        "fatalities": r["fatalities"],
        "notes": " ".join(e.text.strip() for e in inc.evidence if e.text.strip()) or None,
        "source": source_col,
        "id": r["id"],
        "doc_id": r["doc_id"],
        "type": r["type"],
        "subtype": r["subtype"],
        "date_precision": r["date_precision"],
        "place_precision": r["geo_precision"],
        "place_kind": r["place_kind"],
        "place_text": r["place_text"],
        "place_id": r["place_id"],
        "geonameid": r["geonameid"],
        "country_code": r["country_code"],
        "movement": inc.origin is not None,
        "origin_name": r["origin_name"],
        "origin_id": r["origin_id"],
        "origin_lat": r["origin_lat"],
        "origin_lon": r["origin_lon"],
        "origin_country_code": r["origin_country_code"],
        "origin_kind": r["origin_kind"],
        "fatalities_exact": r["fatalities_exact"],
        "fatalities_phrase": r["fatalities_phrase"],
        "injured": r["injured"],
        "injured_exact": r["injured_exact"],
        "injured_phrase": r["injured_phrase"],
        "arrested": r["arrested"],
        "arrested_exact": r["arrested_exact"],
        "arrested_phrase": r["arrested_phrase"],
        "actors": _jsonable(r["actors"]),
        "evidence_offsets": ";".join(f"{e.start}-{e.end}" for e in inc.evidence) or None,
        "evidence": _jsonable(r["evidence"]),
        "source_title": src.title,
        "source_publisher": src.publisher,
        "source_url": src.url,
        "source_published": src.published.isoformat() if src.published else None,
        "confidence": r["confidence"],
    }
    for k, v in sorted(inc.extra.items()):
        if k not in row and not k.startswith("_"):
            row[k] = _jsonable(v)
    return row


def _is_missing(v: Any) -> bool:
    if v is None:
        return True
    if isinstance(v, float) and math.isnan(v):
        return True
    if isinstance(v, str) and v.strip() == "":
        return True
    pd = sys.modules.get("pandas")  # pandas.NA / NaT exist only if pandas is loaded
    return pd is not None and (v is pd.NA or v is pd.NaT)


def _clean(v: Any) -> Any:
    """A cell as a plain Python value: missing -> None, numpy scalars -> Python."""
    if _is_missing(v):
        return None
    if hasattr(v, "item") and not isinstance(v, (str, bytes)):
        try:
            return v.item()
        except (AttributeError, ValueError):
            return v
    return v


def _as_bool(v: Any) -> bool | None:
    v = _clean(v)
    if v is None:
        return None
    if isinstance(v, bool):
        return v
    if isinstance(v, (int, float)) and v in (0, 1):  # GeoPackage stores booleans as numbers
        return bool(v)
    s = str(v).strip().lower()
    if s in ("true", "1", "yes", "y", "t"):
        return True
    if s in ("false", "0", "no", "n", "f"):
        return False
    raise ValueError(f"{v!r} is not true or false")


def _as_int(v: Any) -> int | None:
    v = _clean(v)
    if v is None:
        return None
    if isinstance(v, bool):
        return int(v)
    try:
        f = float(str(v).replace(",", "").strip()) if not isinstance(v, (int, float)) else float(v)
    except ValueError:
        raise ValueError(f"{v!r} is not a number") from None
    return int(f)


def _as_float(v: Any) -> float | None:
    v = _clean(v)
    if v is None:
        return None
    try:
        f = float(v)
    except (TypeError, ValueError):
        raise ValueError(f"{v!r} is not a number") from None
    if math.isnan(f):
        return None
    return f


def _as_json(v: Any, name: str) -> Any:
    v = _clean(v)
    if v is None:
        return None
    if isinstance(v, (list, dict)):
        return v
    if hasattr(v, "tolist"):  # numpy arrays from parquet list columns
        return v.tolist()
    try:
        return json.loads(v)
    except (TypeError, ValueError):
        raise ValueError(f"column {name!r} is not valid JSON: {str(v)[:60]!r}") from None


def row_to_record(row: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Turn a tabular row (our columns, ACLED's, or a record) into an
    :meth:`Incident.from_record` record and the ``extra`` dict.

    Missing optional columns are tolerated: a hand-made CSV with ACLED's columns only is
    enough.  Raises ``ValueError``/``KeyError`` with a message naming the bad column.
    """
    g = {k: _clean(v) for k, v in row.items() if k is not None}

    def first(*names: str) -> Any:
        for n in names:
            if g.get(n) is not None:
                return g[n]
        return None

    typ = first("type")
    if typ is None:
        et = first("sub_event_type", "event_type")
        if et is None:
            raise KeyError("type")
        typ = str(et).strip().lower().replace(" ", "_").replace("/", "_")
    geo = first("place_precision")
    if geo is None:
        gp = g.get("geo_precision")
        if gp is not None and str(gp).strip().lower() in GEO_PRECISIONS:
            geo = str(gp).strip().lower()
        elif gp is not None:
            geo = _GEO_PRECISION_OF_ACLED.get(_as_int(gp) or 0)
    date_prec = first("date_precision")
    if date_prec is None and g.get("time_precision") is not None:
        date_prec = _DATE_PRECISION_OF_ACLED.get(_as_int(g["time_precision"]) or 0)
    cc = first("country_code")
    if cc is None and isinstance(g.get("country"), str) and len(g["country"].strip()) == 2:
        cc = g["country"].strip().upper()

    actors = _as_json(g.get("actors"), "actors")
    if actors is None and g.get("actor1") is not None:
        actors = [{"text": str(g["actor1"]), "category": "other"}]
    evidence = _as_json(g.get("evidence"), "evidence")
    if evidence is None and g.get("notes") is not None:
        offs = str(g.get("evidence_offsets") or "").split(";")
        first_off = offs[0].split("-") if offs and offs[0] else ["0", "0"]
        evidence = [{"start": int(first_off[0]), "end": int(first_off[-1]), "text": str(g["notes"])}]

    src = g.get("source")
    if isinstance(src, str) and src.strip().startswith("{"):
        src = _as_json(src, "source")
    if isinstance(src, dict):
        source = dict(src)
        source.setdefault("doc_id", g.get("doc_id"))
    else:
        source = {
            "doc_id": first("doc_id") or "",
            "title": first("source_title"),
            # ACLED's `source` column names the publisher only in files without our own
            # source_publisher column: ours falls back to the document id there.
            "publisher": first("source_publisher") if "source_publisher" in g
            else (str(src) if src is not None else None),
            "url": first("source_url"),
            "published": first("source_published"),
        }

    lat = _as_float(first("lat", "latitude"))
    lon = _as_float(first("lon", "longitude"))
    if (lat is None) != (lon is None):
        raise ValueError("latitude and longitude must both be given or both be empty")
    if lat is not None and not (-90 <= lat <= 90 and -180 <= lon <= 180):  # type: ignore[operator]
        raise ValueError(f"latitude {lat} / longitude {lon} out of range")
    for n in ("origin_lat", "origin_lon"):
        if g.get(n) is not None:
            g[n] = _as_float(g[n])

    rec: dict[str, Any] = {
        "id": first("id"),
        "doc_id": first("doc_id"),
        "type": str(typ),
        "subtype": first("subtype"),
        "event_type": first("event_type"),
        "sub_event_type": first("sub_event_type"),
        "date": first("date", "event_date"),
        "date_precision": date_prec,
        "place_name": first("place_name", "location"),
        "place_text": first("place_text"),
        "place_id": first("place_id"),
        "geonameid": _as_int(g.get("geonameid")),
        "country_code": cc,
        "admin1": first("admin1"),
        "lat": lat,
        "lon": lon,
        "place_kind": first("place_kind"),
        "geo_precision": geo,
        "origin_name": g.get("origin_name"),
        "origin_id": g.get("origin_id"),
        "origin_lat": g.get("origin_lat"),
        "origin_lon": g.get("origin_lon"),
        "origin_country_code": g.get("origin_country_code"),
        "origin_kind": g.get("origin_kind"),
        "actors": actors or [],
        "evidence": evidence or [],
        "source": source,
        "confidence": _as_float(g.get("confidence")),
    }
    for c in ("fatalities", "injured", "arrested"):
        rec[c] = _as_int(g.get(c))
        rec[f"{c}_exact"] = _as_bool(g.get(f"{c}_exact"))
        rec[f"{c}_phrase"] = g.get(f"{c}_phrase")
    if rec["date"] is not None:
        import datetime as _dt

        d = rec["date"]
        if isinstance(d, (_dt.date, _dt.datetime)):
            rec["date"] = d.isoformat()[:10]
        else:
            try:
                _dt.date.fromisoformat(str(d).strip()[:10])
            except ValueError:
                raise ValueError(f"date {d!r} is not YYYY-MM-DD") from None
            rec["date"] = str(d).strip()[:10]

    known = set(COLUMNS) | _RECORD_KEYS | {"geometry", "latitude", "longitude"}
    extra: dict[str, Any] = {}
    for k, v in g.items():
        if k in known or v is None:
            continue
        if isinstance(v, str) and v[:1] in "[{":
            try:
                v = json.loads(v)
            except ValueError:
                pass
        elif isinstance(v, str) and _INT_TEXT.match(v):
            v = int(v)  # CSV cells are text; counts such as n_sources come back as numbers
        elif hasattr(v, "tolist"):
            v = v.tolist()
        extra[k] = v
    return rec, extra


def _incident_from_row(row: dict[str, Any], where: str) -> Incident:
    try:
        rec, extra = row_to_record(row)
        inc = Incident.from_record(rec)
    except KeyError as exc:
        raise InputError(f"{where}: the required column {exc.args[0]!r} is missing or empty.") from None
    except (ValueError, TypeError) as exc:
        raise InputError(f"{where}: {exc}.") from None
    if extra:
        inc.extra.update(extra)
    return inc


def _sort_key(inc: Incident) -> tuple:
    return (inc.date.isoformat() if inc.date else "9999", inc.type, inc.id)


# --------------------------------------------------------------------------- public API


def to_dataframe(incidents: Iterable[Incident]) -> "pandas.DataFrame":
    """A pandas DataFrame of the incidents' flat rows (:func:`flat_row`), ACLED's columns
    first, with nullable integer and boolean columns; sorted by date, type and id."""
    import pandas as pd

    rows = [flat_row(i) for i in sorted(incidents, key=_sort_key)]
    cols = list(COLUMNS)
    for r in rows:
        for k in r:
            if k not in cols:
                cols.append(k)
    df = pd.DataFrame(rows, columns=cols)
    for c in _INT_COLUMNS:
        df[c] = pd.array([_as_int(v) for v in df[c]], dtype="Int64")
    for c in _FLOAT_COLUMNS:
        df[c] = pd.to_numeric(df[c], errors="coerce").astype("float64")
    for c in _BOOL_COLUMNS:
        df[c] = pd.array([_as_bool(v) for v in df[c]], dtype="boolean")
    for c in cols:
        if c in COLUMNS and c not in _INT_COLUMNS + _FLOAT_COLUMNS + _BOOL_COLUMNS:
            # Plain strings (object) rather than pandas' new string dtype: GeoPackage and
            # GeoParquet writers handle both, older pandas only the former.
            df[c] = df[c].astype(object).where(df[c].notna(), None)
    return df


def _geometry(inc: Incident) -> dict[str, Any] | None:
    p, o = inc.place, inc.origin
    if p is None:
        return None
    if o is not None and (o.lon, o.lat) != (p.lon, p.lat):
        return {"type": "LineString", "coordinates": [[o.lon, o.lat], [p.lon, p.lat]]}
    return {"type": "Point", "coordinates": [p.lon, p.lat]}


def to_geojson(incidents: Iterable[Incident]) -> dict[str, Any]:
    """An RFC 7946 FeatureCollection: longitude first, features sorted by date, type and
    id, properties the flat record (:meth:`Incident.to_record`) plus ``movement``.

    A movement (an incident with an origin) is a LineString from origin to destination;
    an incident without a place has a null geometry.
    """
    features = []
    for inc in sorted(incidents, key=_sort_key):
        props = _record_with_extra(inc)
        props["movement"] = inc.origin is not None
        features.append({"type": "Feature", "id": inc.id, "geometry": _geometry(inc), "properties": props})
    return {"type": "FeatureCollection", "features": features}


def _geodataframe(incidents: Iterable[Incident]):  # -> geopandas.GeoDataFrame
    gpd = _require_geo("geopandas")
    from shapely.geometry import Point

    df = to_dataframe(incidents)
    geoms = [
        Point(lon, lat) if lat == lat and lon == lon else None  # NaN != NaN
        for lat, lon in zip(df["latitude"], df["longitude"])
    ]
    return gpd.GeoDataFrame(df, geometry=geoms, crs="EPSG:4326")


def _require_geo(module: str):
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise OutputError(f"{module} is needed for this format; {_GEO_HINT}.") from None


def check_format(path: str | os.PathLike[str], fmt: str | None = None) -> str:
    """The format of ``path`` (as :func:`format_of`), after checking that the libraries it
    needs are installed: call it before a long run, not after."""
    f = format_of(path, fmt)
    if f in ("parquet", "gpkg"):
        _require_geo("geopandas")
        _require_geo("pyarrow" if f == "parquet" else "pyogrio")
    return f


def write_incidents(
    incidents: Iterable[Incident],
    path: str | os.PathLike[str],
    *,
    overwrite: bool = False,
    fmt: str | None = None,
) -> Path:
    """Write ``incidents`` to ``path`` in the format of its extension (or ``fmt``).

    ``.csv`` ACLED columns first; ``.geojson`` RFC 7946; ``.jsonl`` one
    :meth:`Incident.to_record` per line, keys sorted; ``.parquet`` GeoParquet; ``.gpkg``
    GeoPackage (layer ``incidents``).  Point geometry in the tabular geo formats (a
    movement's origin is in the ``origin_*`` columns).  Written atomically; an existing file
    is replaced only with ``overwrite=True`` (``--overwrite``).  Returns the path.
    """
    f = check_format(path, fmt)
    items = sorted(incidents, key=_sort_key)
    with atomic_path(path, overwrite) as tmp:
        if f == "jsonl":
            with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
                for inc in items:
                    fh.write(json.dumps(_record_with_extra(inc), sort_keys=True, ensure_ascii=False, default=str))
                    fh.write("\n")
        elif f == "geojson":
            text = json.dumps(to_geojson(items), ensure_ascii=False, indent=1, default=str)
            tmp.write_text(text + "\n", encoding="utf-8")
        elif f == "csv":
            rows = [flat_row(i) for i in items]
            cols = list(COLUMNS)
            for r in rows:
                cols.extend(k for k in r if k not in cols)
            with open(tmp, "w", encoding="utf-8", newline="") as fh:
                w = csv.DictWriter(fh, fieldnames=cols, lineterminator="\n")
                w.writeheader()
                for r in rows:
                    w.writerow({k: _csv_cell(v) for k, v in r.items()})
        elif f == "parquet":
            _geodataframe(items).to_parquet(tmp, index=False)
        elif f == "gpkg":
            gdf = _geodataframe(items)
            import pyogrio

            # GDAL creates the file itself and wants the .gpkg extension on it.
            gpkg_tmp = tmp.with_name(tmp.name + ".gpkg")
            try:
                pyogrio.write_dataframe(gdf, gpkg_tmp, driver="GPKG", layer="incidents",
                                        geometry_type="Point")
                os.replace(gpkg_tmp, tmp)
            finally:
                if gpkg_tmp.exists():
                    gpkg_tmp.unlink()
    return Path(path)


#: A spreadsheet runs a cell that starts with one of these as a formula (OWASP "CSV
#: injection"); article text can start with anything, so such text cells get a leading "'".
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(v: Any) -> Any:
    if v is None:
        return ""
    if isinstance(v, str) and v.startswith(_FORMULA_START):
        return "'" + v
    return v


def _csv_uncell(v: Any) -> Any:
    # The inverse of _csv_cell, so that a CSV read back gives the text that was written.
    if isinstance(v, str) and v.startswith("'") and v[1:].startswith(_FORMULA_START):
        return v[1:]
    return v


def read_incidents(path: str | os.PathLike[str], *, fmt: str | None = None) -> list[Incident]:
    """Read incidents back from any file :func:`write_incidents` writes, or a hand-made or
    hand-corrected one (missing optional columns are tolerated).

    Raises :class:`~incidentmap.errors.InputError` naming the file and line (or row) of a
    malformed entry.
    """
    p = Path(path)
    if not p.exists():
        raise InputError(f"{p} does not exist.")
    if p.is_dir():
        raise InputError(f"{p} is a directory; give an incident file ({', '.join(sorted(FORMATS))}).")
    try:
        f = format_of(p, fmt)
    except OutputError as exc:
        raise InputError(str(exc)) from None
    if f == "jsonl":
        out = []
        with open(p, encoding="utf-8", errors="strict") as fh:
            try:
                for n, line in enumerate(fh, 1):
                    if not line.strip():
                        continue
                    try:
                        obj = json.loads(line)
                    except ValueError as exc:
                        raise InputError(f"{p}, line {n}: not JSON ({exc.msg}).") from None
                    if not isinstance(obj, dict):
                        raise InputError(f"{p}, line {n}: expected a JSON object.")
                    out.append(_incident_from_row(obj, f"{p}, line {n}"))
            except UnicodeDecodeError:
                raise InputError(f"{p} is not UTF-8 text.") from None
        return out
    if f == "geojson":
        try:
            doc = json.loads(p.read_text(encoding="utf-8"))
        except UnicodeDecodeError:
            raise InputError(f"{p} is not UTF-8 text.") from None
        except ValueError as exc:
            raise InputError(f"{p}, line {exc.lineno}: not valid JSON ({exc.msg}).") from None
        feats = doc.get("features") if isinstance(doc, dict) else None
        if not isinstance(feats, list):
            raise InputError(f"{p}: not a GeoJSON FeatureCollection (no 'features' list).")
        out = []
        for n, feat in enumerate(feats, 1):
            if not isinstance(feat, dict) or not isinstance(feat.get("properties") or {}, dict) \
                    or not isinstance(feat.get("geometry") or {}, dict):
                raise InputError(f"{p}, feature {n}: not a GeoJSON Feature with a properties "
                                 "object.")
            props = dict(feat.get("properties") or {})
            geom = feat.get("geometry") or {}
            # Coordinates from the geometry when the properties lost them (edited in QGIS).
            if props.get("lat") in (None, "") and geom.get("type") == "Point":
                coords = geom.get("coordinates")
                if not isinstance(coords, list) or len(coords) < 2:
                    raise InputError(f"{p}, feature {n}: a Point needs coordinates [lon, lat].")
                props["lon"], props["lat"] = coords[:2]
            props.pop("movement", None)
            out.append(_incident_from_row(props, f"{p}, feature {n}"))
        return out
    if f == "csv":
        try:
            text = p.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            raise InputError(f"{p} is not UTF-8 text; save the CSV as UTF-8.") from None
        reader = csv.DictReader(io.StringIO(text, newline=""))
        if not reader.fieldnames:
            raise InputError(f"{p}: empty CSV file (no header line).")
        out = []
        try:
            for row in reader:
                if None in row:
                    raise InputError(f"{p}, line {reader.line_num}: more cells than header columns.")
                if not any((v or "").strip() for v in row.values()):
                    continue
                row = {k: _csv_uncell(v) for k, v in row.items()}
                out.append(_incident_from_row(row, f"{p}, line {reader.line_num}"))
        except csv.Error as exc:
            raise InputError(f"{p}, line {reader.line_num}: {exc}.") from None
        return out
    # GeoParquet, GeoPackage
    gpd = _require_geo("geopandas")
    try:
        if f == "parquet":
            _require_geo("pyarrow")
            gdf = gpd.read_parquet(p)
        else:
            _require_geo("pyogrio")
            gdf = gpd.read_file(p, engine="pyogrio")
    except InputError:
        raise
    except Exception as exc:
        raise InputError(f"{p}: cannot read it as {f} "
                         f"({' '.join(str(exc).split())}).") from None  # one line
    return dataframe_to_incidents(gdf, str(p))


def dataframe_to_incidents(df: "pandas.DataFrame", where: str = "DataFrame") -> list[Incident]:
    """Incidents from a DataFrame of flat rows (the inverse of :func:`to_dataframe`)."""
    cols = [c for c in df.columns if c != "geometry"]
    geoms = df["geometry"] if "geometry" in df.columns else None
    out = []
    for n, values in enumerate(df[cols].itertuples(index=False, name=None), 1):
        row = dict(zip(cols, values))
        if geoms is not None and _clean(row.get("latitude")) is None:
            g = geoms.iloc[n - 1]
            if g is not None and not g.is_empty and g.geom_type == "Point":
                row["longitude"], row["latitude"] = g.x, g.y
        out.append(_incident_from_row(row, f"{where}, row {n}"))
    return out
