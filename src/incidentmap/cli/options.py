"""Options shared by several commands, declared once (rasterio's ``rio/options.py`` idea).

Catalogue (option: commands that take it):

    --geocode/--no-geocode  places, extract, render      GeocodeOpt
    --geocoder SERVICE      places, extract, render, geocode   GeocoderOpt
    --geocoder-url URL      places, extract, render, geocode   GeocoderUrlOpt
    --geocode-cache PATH    places, extract, render, geocode   GeocodeCacheOpt

A command that geocodes takes the options and hands them to :func:`geocoder_from_cli`::

    from .options import GeocodeOpt, GeocoderOpt, GeocoderUrlOpt, GeocodeCacheOpt
    from .options import geocoder_from_cli, echo_geocode_summary

    @app.command("places")
    def places_cli(..., geocode: GeocodeOpt = None, geocoder: GeocoderOpt = None,
                   geocoder_url: GeocoderUrlOpt = None, geocode_cache: GeocodeCacheOpt = None):
        online = geocoder_from_cli(geocode, geocoder, geocoder_url, geocode_cache)  # or None
        ... resolve(..., geocoder=online) ...
        echo_geocode_summary(online)   # one line on stderr, only when geocoding was on

Importing this module imports neither geopy nor the geocoding code.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

if TYPE_CHECKING:  # pragma: no cover
    from ..geocode import OnlineGeocoder

__all__ = [
    "GeocodeOpt",
    "GeocoderOpt",
    "GeocoderUrlOpt",
    "GeocodeCacheOpt",
    "geocoder_from_cli",
    "echo_geocode_summary",
    "echo_warning",
]

_PANEL = "Online geocoding"

GeocodeOpt = Annotated[
    Optional[bool],
    typer.Option(
        "--geocode/--no-geocode",
        help="Ask an online geocoder (Nominatim unless --geocoder says otherwise) for names "
        "the bundled gazetteer cannot place. Off by default; INCIDENTMAP_GEOCODE=1 or "
        "'enabled = true' in the config file turn it on. Answers are cached.",
        rich_help_panel=_PANEL,
        show_default=False,
    ),
]

GeocoderOpt = Annotated[
    Optional[str],
    typer.Option(
        "--geocoder",
        metavar="SERVICE",
        help="The geocoding service: nominatim, photon, or any geopy service name "
        "(env INCIDENTMAP_GEOCODER; default nominatim). Giving it turns --geocode on.",
        rich_help_panel=_PANEL,
        show_default=False,
    ),
]

GeocoderUrlOpt = Annotated[
    Optional[str],
    typer.Option(
        "--geocoder-url",
        metavar="URL",
        help="Base address of a self-hosted Nominatim or Photon, e.g. "
        "http://localhost:8080 (env INCIDENTMAP_GEOCODER_URL). Giving it turns --geocode on.",
        rich_help_panel=_PANEL,
        show_default=False,
    ),
]

GeocodeCacheOpt = Annotated[
    Optional[Path],
    typer.Option(
        "--geocode-cache",
        metavar="PATH",
        help="SQLite file caching geocoder answers (env INCIDENTMAP_GEOCODE_CACHE; default "
        "in the user cache folder); 'none' keeps them in memory for this run.",
        rich_help_panel=_PANEL,
        show_default=False,
    ),
]


def echo_warning(message: str) -> None:
    """Print ``Warning: <message>`` on one line of stderr."""
    typer.echo(f"Warning: {' '.join(message.split())}", err=True)


def geocoder_from_cli(
    geocode: bool | None,
    geocoder: str | None = None,
    geocoder_url: str | None = None,
    geocode_cache: Path | str | None = None,
) -> "OnlineGeocoder | None":
    """The geocoder the command line asks for (flags over environment over config file),
    or ``None`` when geocoding is off.  Its warnings print as one ``Warning:`` line each.

    Bad settings raise :class:`~incidentmap.errors.GeocodingError`, which the CLI prints as
    one ``Error:`` line before any work starts.
    """
    if geocode is False:
        return None
    from ..geocode import geocoder_from_options

    return geocoder_from_options(geocode, geocoder, geocoder_url, cache_path=geocode_cache,
                                 warn=echo_warning)


def echo_geocode_summary(geocoder: "OnlineGeocoder | None") -> None:
    """Print the geocoder's one-line summary on stderr (nothing when geocoding was off or no
    name needed it)."""
    if geocoder is None:
        return
    s = geocoder.summary()
    if s["requests"] or s["cache_hits"] or s["not_geocoded"]:
        typer.echo(geocoder.summary_line(), err=True)
