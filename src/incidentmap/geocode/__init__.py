"""Optional online geocoding through geopy: cached, polite, and never in the way.

The bundled gazetteer places most names offline.  For the rest (a district, a street, a
village below the gazetteer's population cut, a landmark) the resolver can ask an online
geocoder, if the user opts in::

    from incidentmap.geocode import make_geocoder
    geocoder = make_geocoder("nominatim")            # nothing is sent yet
    geocoder.geocode_place("Republic Square", country_codes=["kz"])  # -> Place | None
    print(geocoder.summary_line())

:func:`geocoder_from_options` is the door the command line uses: it merges flags, environment
variables and the config file (see :mod:`incidentmap.geocode.config`) and returns ``None``
when geocoding is off.  Importing this package does not import geopy.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .cache import GeocodeCache, default_cache_path, normalise_query
from .config import ENV_VARS, GeocodeSettings, config_path, resolve_settings

if TYPE_CHECKING:  # pragma: no cover
    from .online import OnlineGeocoder

__all__ = [
    "OnlineGeocoder",
    "GeocodeSettings",
    "GeocodeCache",
    "make_geocoder",
    "geocoder_from_options",
    "resolve_settings",
    "config_path",
    "default_cache_path",
    "normalise_query",
    "ENV_VARS",
    "DEFAULT_USER_AGENT",
]


def __getattr__(name: str) -> Any:
    # OnlineGeocoder and friends live in .online; loaded on first use so that
    # `import incidentmap.geocode` (done by every CLI command) stays trivial.
    if name in ("OnlineGeocoder", "DEFAULT_USER_AGENT", "PUBLIC_ENDPOINTS",
                "parse_service_url", "place_from_answer"):
        from . import online

        return getattr(online, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def make_geocoder(service: str | None = None, **kwargs: Any) -> "OnlineGeocoder":
    """Return an :class:`~incidentmap.geocode.online.OnlineGeocoder` for ``service``
    (``"nominatim"`` unless ``config`` names another).

    See :func:`incidentmap.geocode.online.make_geocoder` for the keyword arguments (``url``,
    ``user_agent``, ``timeout``, ``min_delay_seconds``, ``max_requests``, ``cache_path``,
    ``cache_ttl_days``, ``retries``, ``language``, ``options``, ``config``).
    """
    from .online import make_geocoder as _make

    return _make(service, **kwargs)


def geocoder_from_options(
    geocode: bool | None = None,
    service: str | None = None,
    url: str | None = None,
    *,
    cache_path: str | Path | None = None,
    user_agent: str | None = None,
    timeout: float | None = None,
    min_delay_seconds: float | None = None,
    max_requests: int | None = None,
    cache_ttl_days: float | None = None,
    retries: int | None = None,
    env: Mapping[str, str] | None = None,
    config_file: str | Path | None = None,
    warn: Callable[[str], None] | None = None,
) -> "OnlineGeocoder | None":
    """The geocoder the user asked for, or ``None`` when geocoding is off.

    Arguments are flag values, ``None`` meaning "not given".  Each setting comes from the
    flag, else its environment variable (:data:`ENV_VARS`), else the ``[geocode]`` table of
    the config file, else the default.  Geocoding is on when ``geocode`` is true; when it is
    ``None``, when ``service`` or ``url`` was given or ``INCIDENTMAP_GEOCODE``/``enabled``
    says so.  ``geocode=False`` turns it off without reading anything.

    Raises :class:`~incidentmap.errors.GeocodingError` for bad settings (an unknown service,
    a sample user agent, a malformed config file), before any work is done.
    """
    if geocode is False:
        return None
    overrides = {
        "service": service, "url": url, "user_agent": user_agent, "timeout": timeout,
        "min_delay_seconds": min_delay_seconds, "max_requests": max_requests,
        "cache_path": str(cache_path) if cache_path is not None else None,
        "cache_ttl_days": cache_ttl_days, "retries": retries,
    }
    settings = resolve_settings(overrides, env=env, config_file=config_file)
    if not (geocode or settings.enabled or service or url):
        return None
    from .online import OnlineGeocoder

    return OnlineGeocoder(settings, warn=warn)
