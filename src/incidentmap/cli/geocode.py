"""``incidentmap geocode NAME`` and ``incidentmap geocode-cache stats|clear``.

``geocode`` shows what the bundled gazetteer knows of a name and, with ``--online``, what the
online geocoder answers: the candidates a user can check before trusting a map.  geopy is
imported only when the geocoder is actually asked.
"""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from ..errors import GazetteerError, GeocodingError, IncidentmapError
from ..model import Place
from . import app
from .common import GazetteerOpt
from .options import GeocodeCacheOpt, GeocoderOpt, GeocoderUrlOpt, geocoder_from_cli

__all__ = ["geocode_cli", "cache_stats_cli", "cache_clear_cli"]


class Format(str, Enum):
    table = "table"
    json = "json"


_COLUMNS = ("source", "id", "name", "kind", "country_code", "admin1", "lat", "lon")


def _table(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> str:
    cells = [[("" if r.get(c) is None else str(r.get(c))) for c in columns] for r in rows]
    heads = [c.replace("_code", "") for c in columns]
    widths = [max([len(h)] + [len(row[i]) for row in cells]) for i, h in enumerate(heads)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(heads, widths)).rstrip()]
    lines += ["  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip() for row in cells]
    return "\n".join(lines)


def _gazetteer_candidates(name: str, countries: set[str], user_entries: Path | None) -> list[Place]:
    from ..gazetteer import load_gazetteer, name_key

    key = name_key(name)
    found = load_gazetteer(user_entries).lookup([key]).get(key, [])
    return [p for p in found if not countries or (p.country_code or "").lower() in countries]


@app.command("geocode")
def geocode_cli(
    name: Annotated[str, typer.Argument(help="The place name to look up.", show_default=False)],
    country: Annotated[Optional[list[str]], typer.Option(
        "--country", "-c", metavar="CC",
        help="Keep places in this country (ISO 3166 alpha-2, e.g. KZ); repeat for several.",
        show_default=False)] = None,
    online: Annotated[Optional[bool], typer.Option(
        "--online/--offline",
        help="Also ask the online geocoder (off unless INCIDENTMAP_GEOCODE=1, the config file, "
        "--geocoder or --geocoder-url say otherwise).", show_default=False)] = None,
    geocoder: GeocoderOpt = None,
    geocoder_url: GeocoderUrlOpt = None,
    geocode_cache: GeocodeCacheOpt = None,
    gazetteer: GazetteerOpt = None,
    no_gazetteer: Annotated[bool, typer.Option(
        "--no-gazetteer", help="Skip the gazetteer: ask only the online geocoder.")] = False,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, max=500,
                                       help="Most candidates from each source.")] = 5,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.table,
) -> None:
    """Look a place name up in the gazetteer, then (with --online) the geocoder, and print the candidates.

    The online service is asked only with --online, --geocoder or --geocoder-url, or when the environment or the config file turn geocoding on; its answers are cached. When it cannot be reached, the command prints what the gazetteer found and exits with status 1.

    Example:

        incidentmap geocode "Republic Square" --country KZ --online
    """
    if not name.strip():
        raise typer.BadParameter("give a place name, e.g. \"Republic Square\".",
                                 param_hint="NAME")
    countries = {c.strip().lower() for c in country or () if c.strip()}
    bad = sorted(c for c in countries if len(c) != 2 or not c.isalpha())
    if bad:
        raise typer.BadParameter(f"{', '.join(bad)}: give ISO 3166 alpha-2 codes such as KZ.",
                                 param_hint="--country")
    rows: list[dict[str, Any]] = []
    notes: list[str] = []
    if not no_gazetteer:
        try:
            places = _gazetteer_candidates(name, countries, gazetteer)
        except GazetteerError as exc:
            places = []
            notes.append(f"Warning: the gazetteer was skipped: {exc}")
        if len(places) > limit:
            notes.append(f"The gazetteer has {len(places)} places called {name!r}; showing "
                         f"{limit} (use --limit or --country).")
        rows += [{**p.to_dict(), "source": p.source or "gazetteer"} for p in places[:limit]]
    failure: IncidentmapError | None = None
    service = None
    geo = geocoder_from_cli(online, geocoder, geocoder_url, geocode_cache)
    if geo is not None:
        service = geo.service
        try:
            with geo:
                # Nominatim answers at most 40 results a query.
                found = geo.candidates(name, sorted(countries), limit=min(limit, 40), strict=True)
        except GeocodingError as exc:
            failure = exc
        else:
            rows += [p.to_dict() for p in found]
    if fmt is Format.json:
        doc = {"query": name, "countries": sorted(c.upper() for c in countries),
               "geocoder": service, "candidates": rows}
        typer.echo(json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True))
    elif rows:
        typer.echo(_table(rows, _COLUMNS))
    for note in notes:
        typer.echo(note, err=True)
    if failure is not None:
        raise failure
    if not rows:
        where = "in the gazetteer" if geo is None else f"in the gazetteer or {service}"
        hint = "" if geo is not None else "; add --online to ask an online geocoder"
        if no_gazetteer and geo is None:
            where, hint = "anywhere", "; --no-gazetteer needs --online"
        typer.echo(f"No place called {name!r} found {where}{hint}.", err=True)


cache_app = typer.Typer(
    name="geocode-cache",
    help="Inspect or empty the cache of online geocoder answers.\n\n"
    "Example:\n\n    incidentmap geocode-cache stats",
    no_args_is_help=True,
    add_completion=False,
)
app.add_typer(cache_app, name="geocode-cache")

CacheOpt = Annotated[Optional[Path], typer.Option(
    "--cache", metavar="PATH",
    help="The cache file (env INCIDENTMAP_GEOCODE_CACHE; default in the user cache folder).",
    show_default=False)]


def _cache_settings(cache: Path | None) -> tuple[Path | None, float | None]:
    from ..geocode import default_cache_path, resolve_settings

    settings = resolve_settings({"cache_path": str(cache) if cache else None})
    path = settings.cache_path
    if path and path.strip().lower() in ("none", "off"):
        return None, settings.cache_ttl_days
    return (Path(path).expanduser() if path else default_cache_path()), settings.cache_ttl_days


@cache_app.command("stats")
def cache_stats_cli(
    cache: CacheOpt = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.table,
) -> None:
    """Show how many answers the geocoding cache holds, how old, and for which services.

    Example:

        incidentmap geocode-cache stats --format json
    """
    from ..geocode import GeocodeCache

    path, ttl = _cache_settings(cache)
    if path is None or not path.exists():
        stats: dict[str, Any] = {"path": str(path) if path else None, "entries": 0,
                                 "with_results": 0, "without_results": 0, "expired": 0,
                                 "ttl_days": ttl, "by_service": {}, "oldest": None,
                                 "newest": None, "size_bytes": 0}
    else:
        db = GeocodeCache(path)
        try:
            stats = db.stats(ttl_days=ttl)
        finally:
            db.close()
    if fmt is Format.json:
        typer.echo(json.dumps(stats, indent=2, sort_keys=True))
        return
    for key in ("path", "entries", "with_results", "without_results", "expired", "ttl_days",
                "oldest", "newest", "size_bytes"):
        typer.echo(f"{key.replace('_', ' ')}: {'' if stats[key] is None else stats[key]}")
    if stats["by_service"]:
        typer.echo("by service:")
    for service, n in stats["by_service"].items():
        typer.echo(f"  {service}: {n}")


@cache_app.command("clear")
def cache_clear_cli(
    cache: CacheOpt = None,
    expired: Annotated[bool, typer.Option(
        "--expired", help="Delete only answers older than the cache's time to live.")] = False,
    service: Annotated[Optional[str], typer.Option(
        "--service", metavar="SERVICE", help="Delete only this service's answers.",
        show_default=False)] = None,
) -> None:
    """Delete cached geocoder answers, so the next run asks the service again.

    Example:

        incidentmap geocode-cache clear --expired
    """
    from ..geocode import GeocodeCache

    path, ttl = _cache_settings(cache)
    if path is None or not path.exists():
        typer.echo(f"No geocoding cache at {path}; nothing to clear.", err=True)
        return
    db = GeocodeCache(path)
    try:
        n = db.clear(expired_only=expired, ttl_days=ttl, service=service)
    finally:
        db.close()
    typer.echo(f"Deleted {n} cached answer{'s' if n != 1 else ''} from {path}.", err=True)
