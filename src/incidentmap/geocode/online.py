"""The online geocoder: geopy's service classes behind a cache, a rate limit and a budget.

:class:`OnlineGeocoder` is what the resolver calls for names the gazetteer cannot place:
``geocode_place(name, country_codes)`` returns a :class:`~incidentmap.model.Place` or ``None``
and never raises for a service problem.  Problems become one warning each (through the
``warn`` callback, by default the ``incidentmap.geocode`` logger) and a line in
:meth:`OnlineGeocoder.summary`; the names stay unresolved and the run goes on.  Callers that
want to be told (``incidentmap geocode NAME``) pass ``strict=True`` to :meth:`candidates` and
get :class:`~incidentmap.errors.GeocoderUnavailable`, ``GeocoderRateLimited`` or
``GeocodingError``, chained ``from`` geopy's exception.

Politeness, in the order a request meets it: the cache (the same query is never sent twice,
"nothing found" included), a cap on requests per run, geopy's ``RateLimiter`` (one request a
second by default, never faster for the public Nominatim), the service's timeout, and
retries with exponential backoff on 429 (honouring ``Retry-After``) and 5xx only.  After the
service proves unreachable, slow or refuses, it is not asked again during the run.
"""

from __future__ import annotations

import inspect
import logging
import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import urlsplit

from .. import __version__
from ..errors import GeocoderRateLimited, GeocoderUnavailable, GeocodingError
from ..model import Place, stable_id
from .cache import GeocodeCache, default_cache_path
from .config import GeocodeSettings

__all__ = [
    "OnlineGeocoder",
    "make_geocoder",
    "parse_service_url",
    "place_from_answer",
    "DEFAULT_USER_AGENT",
    "PUBLIC_ENDPOINTS",
]

logger = logging.getLogger("incidentmap.geocode")

#: Sent to every service; Nominatim's usage policy asks for an agent naming the application.
#: Add a contact (``INCIDENTMAP_USER_AGENT="incidentmap/0.1.0 (you@example.org)"``) when you
#: geocode a lot.
DEFAULT_USER_AGENT = f"incidentmap/{__version__} (news geoparsing; python-geopy)"

#: The public services whose operators set the rules we keep (at most one request a second).
PUBLIC_ENDPOINTS = {
    "nominatim": "https://nominatim.openstreetmap.org",
    "photon": "https://photon.komoot.io",
}

#: How many results are asked for each name (one cache entry serves the resolver and the CLI).
DEFAULT_LIMIT = 5

# Longest Retry-After we wait for in a run; beyond it the service is left alone until later.
_MAX_WAIT_SECONDS = 120.0
_MAX_BACKOFF_SECONDS = 60.0
# Failures of one kind in a row after which the service is not asked again this run.
_MAX_CONSECUTIVE_FAILURES = 3

# Nominatim's addresstype / type and Photon's type / osm_value, to our place kinds.
_KINDS = {
    "continent": "region",
    "country": "country",
    "state": "admin1",
    "province": "admin1",
    "region": "admin1",
    "county": "admin2",
    "state_district": "admin2",
    "district": "admin2",
    "municipality": "admin2",
    "city": "city",
    "town": "city",
    "village": "city",
    "hamlet": "city",
}
# Nominatim place_rank (address rank) to kind, for boundaries without an addresstype.
_RANKS = ((4, "country"), (8, "admin1"), (12, "admin2"), (16, "city"))
_OSM_TYPES = {"N": "node", "W": "way", "R": "relation", "node": "node", "way": "way",
              "relation": "relation"}


class _Failure(Exception):
    """One name could not be geocoded; ``reason`` is the summary's word for why."""

    def __init__(self, reason: str, message: str, *, cause: BaseException | None = None,
                 retry_after: float | None = None, stop: bool = False) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message
        self.cause = cause
        self.retry_after = retry_after
        self.stop = stop

    def __reduce__(self) -> Any:
        # Picklable without its cause (tracebacks do not travel to worker processes).
        return (_Failure, (self.reason, self.message),
                {"retry_after": self.retry_after, "stop": self.stop, "cause": None})

    def error(self) -> GeocodingError:
        """Our exception for a caller that asked to be told."""
        if self.reason == "rate limited":
            exc: GeocodingError = GeocoderRateLimited(self.message, retry_after=self.retry_after)
        elif self.reason in ("unreachable", "timeout") or self.reason.startswith("HTTP 5"):
            exc = GeocoderUnavailable(self.message)
        else:
            exc = GeocodingError(self.message)
        exc.__cause__ = self.cause
        return exc


def parse_service_url(url: str, service: str = "nominatim") -> tuple[str, str]:
    """Split a self-hosted service URL into geopy's ``(scheme, domain)``.

    ``domain`` keeps the port and any path prefix (``"geo.example.org:8080/nominatim"``); a
    trailing ``/search`` (Nominatim) or ``/api`` (Photon), often pasted by mistake, is dropped
    because geopy adds it.

    >>> parse_service_url("http://127.0.0.1:8080/nominatim/search")
    ('http', '127.0.0.1:8080/nominatim')
    """
    raw = url.strip()
    parts = urlsplit(raw if "://" in raw else f"https://{raw}")
    if parts.scheme not in ("http", "https"):
        raise GeocodingError(f"geocoder URL {url!r} should start with http:// or https://.")
    if not parts.netloc:
        raise GeocodingError(f"geocoder URL {url!r} has no host; give e.g. https://nominatim.example.org.")
    if parts.query or parts.fragment:
        raise GeocodingError(f"geocoder URL {url!r} should be the service's base address, "
                             "without ?query or #fragment.")
    path = parts.path.rstrip("/")
    for suffix in ("/search", "/api"):
        if path.endswith(suffix):
            path = path[: -len(suffix)]
    return parts.scheme, parts.netloc + path


def _adapter_factory(*, proxies: Any, ssl_context: Any) -> Any:
    # The adapter must not retry on its own: each attempt has to be counted against the cap
    # and spaced by the rate limiter, and timeouts must not silently triple.
    from geopy.adapters import RequestsAdapter, URLLibAdapter

    if RequestsAdapter.is_available:
        return RequestsAdapter(proxies=proxies, ssl_context=ssl_context, max_retries=0)
    return URLLibAdapter(proxies=proxies, ssl_context=ssl_context)  # pragma: no cover


def _rejected_user_agents() -> set[str]:
    from geopy.geocoders import base, nominatim

    rejected = set(getattr(nominatim, "_REJECTED_USER_AGENTS", ()))
    rejected.add(getattr(base, "_DEFAULT_USER_AGENT", "geopy"))
    return rejected


def _build_geopy(settings: GeocodeSettings) -> tuple[Any, str]:
    """The geopy geocoder for ``settings`` and the endpoint string used in cache keys."""
    from geopy.exc import ConfigurationError, GeocoderNotFound
    from geopy.geocoders import SERVICE_TO_GEOCODER, get_geocoder_for_service

    service = settings.service.strip().lower()
    try:
        cls = get_geocoder_for_service(service)
    except GeocoderNotFound:
        names = ", ".join(sorted(SERVICE_TO_GEOCODER))
        raise GeocodingError(f"unknown geocoder {settings.service!r}; choose one of: {names}.") from None
    agent = (settings.user_agent or DEFAULT_USER_AGENT).strip()
    if not agent or agent in _rejected_user_agents() or agent.lower().startswith("geopy/"):
        raise GeocodingError(
            f"the user agent {agent!r} is a sample or library default, which Nominatim's usage "
            "policy forbids; set INCIDENTMAP_USER_AGENT to one naming your application, e.g. "
            f"{DEFAULT_USER_AGENT!r}.")
    kwargs: dict[str, Any] = dict(settings.options)
    kwargs.setdefault("timeout", settings.timeout)
    kwargs.setdefault("user_agent", agent)
    kwargs.setdefault("adapter_factory", _adapter_factory)
    accepted = inspect.signature(cls.__init__).parameters
    if "api_key" not in accepted:
        # A key kept in the environment for a commercial service must not break Nominatim.
        kwargs.pop("api_key", None)
    if settings.url:
        if "domain" not in accepted:
            raise GeocodingError(f"the geocoder {service!r} has a fixed address; --geocoder-url "
                                 "works with nominatim, photon and other self-hostable services.")
        kwargs["scheme"], kwargs["domain"] = parse_service_url(settings.url, service)
    try:
        geocoder = cls(**kwargs)
    except ConfigurationError as exc:
        raise GeocodingError(f"cannot set up the {service} geocoder: {exc}") from exc
    except TypeError as exc:
        raise GeocodingError(
            f"cannot set up the {service} geocoder ({exc}); give its options (an api_key, say) "
            "in the [geocode.options] table of the config file.") from exc
    domain = getattr(geocoder, "domain", None)
    if domain:
        endpoint = f"{geocoder.scheme}://{domain}"
    else:
        endpoint = str(getattr(geocoder, "api", service))
    return geocoder, endpoint.rstrip("/")


def _rate_limited(func: Callable[..., Any], min_delay: float, clock: Callable[[], float],
                  sleep: Callable[[float], None]) -> Callable[..., Any]:
    """geopy's RateLimiter around ``func``, with its clock and sleep ours (tests make time free).

    It only spaces the calls: retries are ours, since RateLimiter would retry a 400 and ignore
    Retry-After.
    """
    from geopy.extra.rate_limiter import RateLimiter

    class _Limiter(RateLimiter):
        def _clock(self) -> float:
            return clock()

        def _sleep(self, seconds: float) -> None:
            sleep(seconds)

    return _Limiter(func, min_delay_seconds=min_delay, max_retries=0,
                    error_wait_seconds=min_delay, swallow_exceptions=False)


def _kind(*words: Any, rank: Any = None) -> str:
    for w in words:
        if isinstance(w, str) and w.lower() in _KINDS:
            return _KINDS[w.lower()]
    try:
        r = int(rank)
    except (TypeError, ValueError):
        return "site"
    for limit, kind in _RANKS:
        if r <= limit:
            return kind
    return "site"


def place_from_answer(service: str, answer: dict[str, Any]) -> Place:
    """Build a :class:`Place` from one stored answer (``{"address", "lat", "lon", "raw"}``).

    Nominatim's ``raw`` is one element of its JSON array, Photon's one GeoJSON feature; for
    other services only the address and the point are known, and the place is a ``site``.
    Raises ``ValueError`` (or ``KeyError``/``TypeError``) on a malformed answer.
    """
    raw = answer.get("raw") or {}
    lat, lon = float(answer["lat"]), float(answer["lon"])
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise ValueError(f"coordinates out of range: {lat}, {lon}")
    address = str(answer.get("address") or "")
    if "osm_type" in raw and "osm_id" in raw and ("lat" in raw or "display_name" in raw):
        # Nominatim (format=json or jsonv2: "class" or "category")
        addr = raw.get("address") or {}
        cc = addr.get("country_code")
        return Place(
            id=f"{service}:{_OSM_TYPES.get(str(raw['osm_type']), raw['osm_type'])}/{raw['osm_id']}",
            name=str(raw.get("name") or address.split(",")[0]).strip(),
            kind=_kind(raw.get("addresstype"), raw.get("type"), rank=raw.get("place_rank")
                       if (raw.get("class") or raw.get("category")) == "boundary" else None),
            lat=lat,
            lon=lon,
            country_code=cc.upper() if isinstance(cc, str) and cc else None,
            admin1=addr.get("state") or addr.get("province") or addr.get("region"),
            source=service,
        )
    props = raw.get("properties") if isinstance(raw, dict) else None
    if isinstance(props, dict) and raw.get("type") == "Feature":
        # Photon
        cc = props.get("countrycode")
        osm = (f"{_OSM_TYPES.get(str(props['osm_type']), props['osm_type'])}/{props['osm_id']}"
               if props.get("osm_type") and props.get("osm_id") is not None
               else stable_id(address, lat, lon))
        value = props.get("osm_value") if props.get("osm_key") == "place" else None
        return Place(
            id=f"{service}:{osm}",
            name=str(props.get("name") or address.split(",")[0]).strip(),
            kind=_kind(value, props.get("type")),
            lat=lat,
            lon=lon,
            country_code=cc.upper() if isinstance(cc, str) and cc else None,
            admin1=props.get("state"),
            source=service,
        )
    return Place(
        id=f"{service}:{stable_id(address, round(lat, 6), round(lon, 6))}",
        name=address.split(",")[0].strip() or address,
        kind="site",
        lat=lat,
        lon=lon,
        source=service,
    )


class OnlineGeocoder:
    """A geopy geocoder with a cache, a rate limit, retries, a request cap and a summary.

    Build it with :func:`make_geocoder` (explicit settings) or
    :func:`incidentmap.geocode.geocoder_from_options` (flags, environment and config file).
    ``clock``/``sleep`` replace ``time.monotonic``/``time.sleep`` and ``now`` replaces
    ``time.time`` (cache ages), so tests run without waiting.  ``warn`` receives each warning
    (one per kind of problem); by default it goes to the ``incidentmap.geocode`` logger.
    """

    def __init__(self, settings: GeocodeSettings, *, cache: GeocodeCache | None = None,
                 warn: Callable[[str], None] | None = None,
                 clock: Callable[[], float] | None = None,
                 sleep: Callable[[float], None] | None = None,
                 now: Callable[[], float] | None = None,
                 backoff_seconds: float = 1.0) -> None:
        self.settings = settings
        self.service = settings.service.strip().lower()
        self.backoff_seconds = backoff_seconds
        self._clock = clock or time.monotonic
        self._sleep = sleep or time.sleep
        self._warn_cb = warn
        if cache is None:
            path = settings.cache_path if settings.cache_path else default_cache_path()
            cache = GeocodeCache(path, now=now or time.time)
        self.cache = cache
        self._requests = 0
        self._cache_hits = 0
        self._outcome: dict[str, str] = {}
        self._warned: set[str] = set()
        self._consecutive = 0
        self._stopped: _Failure | None = None
        self._raw: dict[str, dict[str, Any]] = {}
        self._setup()

    def _setup(self) -> None:
        self._lock = threading.RLock()
        self._geopy, self.endpoint = _build_geopy(self.settings)
        delay = 1.0 if self.settings.min_delay_seconds is None else self.settings.min_delay_seconds
        if self.service == "nominatim" and self.endpoint == PUBLIC_ENDPOINTS["nominatim"]:
            # https://operations.osmfoundation.org/policies/nominatim/: an absolute maximum
            # of one request per second, whatever the user configured.
            delay = max(delay, 1.0)
        self.min_delay_seconds = delay
        self._limited = _rate_limited(self._send, delay, self._clock, self._sleep)

    def _send(self, query: str, **kwargs: Any) -> Any:
        # Processes sharing the cache file also share the rate: a pool of workers must not
        # multiply it (see GeocodeCache.reserve_request).
        try:
            wait = self.cache.reserve_request(self.endpoint, self.min_delay_seconds)
        except (GeocodingError, sqlite3.Error):
            wait = 0.0  # the cache's own failure is reported when answers are stored
        if wait > 0:
            self._sleep(wait)
        return self._geopy.geocode(query, **kwargs)

    # Pickling (process pools): connections and the geopy session are rebuilt on arrival;
    # injected clock/sleep/warn are dropped in favour of the real ones.
    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        for k in ("_lock", "_geopy", "_limited", "_clock", "_sleep", "_warn_cb"):
            state.pop(k, None)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._clock, self._sleep, self._warn_cb = time.monotonic, time.sleep, None
        self._setup()

    @property
    def geopy_geocoder(self) -> Any:
        """The geopy geocoder instance doing the HTTP (``geopy.geocoders.Nominatim`` ...)."""
        return self._geopy

    # -- the two doors ------------------------------------------------------------------
    def geocode_place(self, name: str, country_codes: Iterable[str] | None = None) -> Place | None:
        """The best place the service knows for ``name`` within ``country_codes`` (ISO
        alpha-2, any case), or ``None``: not found, outside those countries, or the service
        could not be asked (a warning says why; :meth:`summary` lists the names)."""
        found = self.candidates(name, country_codes)
        return found[0] if found else None

    def candidates(self, name: str, country_codes: Iterable[str] | None = None,
                   limit: int = DEFAULT_LIMIT, *, strict: bool = False) -> list[Place]:
        """Up to ``limit`` places for ``name``, best first, within ``country_codes`` if given.

        With ``strict=True`` a service problem raises ``GeocoderUnavailable``,
        ``GeocoderRateLimited`` or ``GeocodingError`` instead of warning.
        """
        query = " ".join(str(name).split())
        if not query:
            return []
        countries = sorted({c.strip().lower() for c in country_codes or () if c and c.strip()})
        key = self.cache.key(self.service, self.endpoint, query, countries,
                             {"limit": limit, "language": self.settings.language})
        with self._lock:
            answers = self._cache_get(key)
            if answers is not None:
                self._cache_hits += 1
                places = self._places(answers, strict=False) or []
            else:
                try:
                    answers, places = self._ask(query, countries, limit)
                except _Failure as failure:
                    self._record_failure(query, failure, warn=not strict)
                    if strict:
                        raise failure.error() from failure.cause
                    return []
                self._cache_put(key, answers)
            if countries:
                # Nominatim filters on the server; Photon and most others cannot.
                places = [p for p in places
                          if p.country_code is None or p.country_code.lower() in countries]
            self._outcome[query] = "found" if places else "not found"
            return places[:limit]

    # -- the cache, which must not stop a run either --------------------------------------
    def _cache_get(self, key: tuple[str, str, str, str, str]) -> list[dict[str, Any]] | None:
        try:
            return self.cache.get(key, self.settings.cache_ttl_days)
        except (GeocodingError, sqlite3.Error) as exc:
            self._cache_failed(exc)
            return self.cache.get(key, self.settings.cache_ttl_days)

    def _cache_put(self, key: tuple[str, str, str, str, str], answers: list[dict[str, Any]]) -> None:
        try:
            self.cache.put(key, answers)
        except (GeocodingError, sqlite3.Error) as exc:
            self._cache_failed(exc)
            self.cache.put(key, answers)

    def _cache_failed(self, exc: BaseException) -> None:
        self._warn("cache", f"the geocoding cache {self.cache.path} cannot be used ({_short(exc)}); "
                   "answers are kept in memory for this run only. Set INCIDENTMAP_GEOCODE_CACHE "
                   "to a writable file.")
        self.cache = GeocodeCache(":memory:")

    # -- asking the service --------------------------------------------------------------
    def _ask(self, query: str, countries: list[str], limit: int
             ) -> tuple[list[dict[str, Any]], list[Place]]:
        if self._stopped is not None:
            raise self._stopped
        from geopy import exc as gexc

        kwargs: dict[str, Any] = {"exactly_one": False}
        accepted = inspect.signature(self._geopy.geocode).parameters
        if "limit" in accepted:
            kwargs["limit"] = limit
        if "language" in accepted and self.settings.language:
            kwargs["language"] = self.settings.language
        if "addressdetails" in accepted:
            kwargs["addressdetails"] = True
        if countries and "country_codes" in accepted:
            kwargs["country_codes"] = countries
        attempt = 0
        while True:
            if self._requests >= self.settings.max_requests:
                raise _Failure("request cap", (
                    f"reached the cap of {self.settings.max_requests} geocoding requests for "
                    "this run; the other names stay unresolved (raise max_requests or "
                    "INCIDENTMAP_GEOCODE_MAX_REQUESTS)."), stop=True)
            self._requests += 1
            try:
                locations = self._limited(query, **kwargs)
                answers = [{"address": loc.address, "lat": loc.latitude, "lon": loc.longitude,
                            "raw": loc.raw} for loc in (locations or [])]
                places = self._places(answers, strict=True)
                self._consecutive = 0
                return answers, places or []
            except _Failure:
                raise
            except gexc.GeocoderRateLimited as exc:
                wait = exc.retry_after if exc.retry_after is not None else self._backoff(attempt)
                failure = _Failure("rate limited", (
                    f"{self._who()} refused for now (HTTP 429"
                    + (f", retry after {exc.retry_after:g}s" if exc.retry_after is not None else "")
                    + "); not asking it again this run. Wait before running again, or use "
                    "your own service with --geocoder-url."), cause=exc,
                    retry_after=exc.retry_after, stop=True)
                retry = wait <= _MAX_WAIT_SECONDS
            except (gexc.GeocoderQueryError, gexc.GeocoderAuthenticationFailure,
                    gexc.GeocoderInsufficientPrivileges, gexc.GeocoderQuotaExceeded,
                    gexc.ConfigurationError) as exc:
                status = self._status(exc)
                stop = not isinstance(exc, gexc.GeocoderQueryError)
                failure = _Failure(f"HTTP {status}" if status else "refused", (
                    f"{self._who()} refused the request "
                    f"({f'HTTP {status}: ' if status else ''}{_short(exc)})"
                    + ("; check the user agent (INCIDENTMAP_USER_AGENT) and any api_key in "
                       "[geocode.options]." if stop else ".")), cause=exc, stop=stop)
                retry, wait = False, 0.0
            except gexc.GeocoderParseError as exc:
                failure = self._malformed(exc)
                retry, wait = False, 0.0
            except (gexc.GeocoderTimedOut, gexc.GeocoderUnavailable,
                    gexc.GeocoderServiceError) as exc:
                status = self._status(exc)
                if status is not None and status < 500:
                    failure = _Failure(f"HTTP {status}", (
                        f"{self._who()} answered HTTP {status}; check --geocoder-url and "
                        "--geocoder."), cause=exc, stop=True)
                    retry, wait = False, 0.0
                elif status is not None:
                    failure = _Failure(f"HTTP {status}", (
                        f"{self._who()} failed (HTTP {status}) after {attempt + 1} tries; "
                        "try again later."), cause=exc)
                    retry, wait = True, self._backoff(attempt)
                elif isinstance(exc, gexc.GeocoderTimedOut):
                    failure = _Failure("timeout", (
                        f"{self._who()} did not answer within {self.settings.timeout:g}s "
                        f"({attempt + 1} tries); not asking it again this run. Try later, or "
                        "raise INCIDENTMAP_GEOCODE_TIMEOUT."), cause=exc, stop=True)
                    retry, wait = True, self._backoff(attempt)
                elif isinstance(exc, gexc.GeocoderUnavailable):
                    failure = _Failure("unreachable", (
                        f"{self._who()} is unreachable ({_short(exc)}); not asking it again "
                        "this run. Check the network connection and --geocoder-url."),
                        cause=exc, stop=True)
                    retry, wait = True, self._backoff(attempt)
                else:
                    # A transport problem geopy could not classify (TLS, proxy ...).
                    failure = _Failure("unreachable", (
                        f"{self._who()} could not be asked ({_short(exc)}); not asking it "
                        "again this run. Check the network, proxy and --geocoder-url."),
                        cause=exc, stop=True)
                    retry, wait = False, 0.0
            except (KeyError, IndexError, TypeError, ValueError, AttributeError) as exc:
                # geopy parsed the JSON but its shape was not the service's.
                failure = self._malformed(exc)
                retry, wait = False, 0.0
            if not retry or attempt >= self.settings.retries:
                raise failure
            logger.debug("geocoding %r: %s; retrying in %.3gs", query, failure.reason, wait)
            self._sleep(wait)
            attempt += 1

    def _places(self, answers: list[dict[str, Any]], *, strict: bool) -> list[Place] | None:
        places = []
        for answer in answers:
            try:
                place = place_from_answer(self.service, answer)
            except (KeyError, IndexError, TypeError, ValueError, AttributeError) as exc:
                if strict:
                    raise self._malformed(exc) from exc
                continue
            self._raw[place.id] = answer.get("raw") or {}
            places.append(place)
        return places

    def _malformed(self, exc: BaseException) -> _Failure:
        return _Failure("malformed answer", (
            f"{self._who()} sent an answer that is not {self.service}'s JSON ({_short(exc)}); "
            "check that --geocoder and --geocoder-url name the same kind of service."),
            cause=exc)

    def _backoff(self, attempt: int) -> float:
        base = max(self.backoff_seconds, self.min_delay_seconds)
        return min(base * (2 ** attempt), _MAX_BACKOFF_SECONDS)

    def _who(self) -> str:
        return f"the geocoder {self.service} at {self.endpoint}"

    @staticmethod
    def _status(exc: BaseException) -> int | None:
        cause = exc.__cause__
        status = getattr(cause, "status_code", None)
        return int(status) if status is not None else None

    def _record_failure(self, query: str, failure: _Failure, *, warn: bool = True) -> None:
        self._outcome[query] = failure.reason
        if failure.stop and self._stopped is None:
            self._stopped = failure
        elif not failure.stop and failure.reason not in ("refused",) and \
                not failure.reason.startswith("HTTP 4"):
            self._consecutive += 1
            if self._consecutive >= _MAX_CONSECUTIVE_FAILURES and self._stopped is None:
                self._stopped = _Failure(failure.reason, failure.message, cause=failure.cause,
                                         stop=True)
                if warn:
                    self._warn("stopped", f"{self._who()} failed for {self._consecutive} names in "
                               "a row; not asking it again this run.")
        if warn:
            self._warn(failure.reason, failure.message)

    def _warn(self, kind: str, message: str) -> None:
        if kind in self._warned:
            return
        self._warned.add(kind)
        if self._warn_cb is not None:
            self._warn_cb(message)
        else:
            logger.warning("%s", message)

    # -- reporting ----------------------------------------------------------------------
    def raw(self, place_id: str) -> dict[str, Any] | None:
        """The service's raw answer for a place this geocoder returned (also in the cache)."""
        return self._raw.get(place_id)

    def summary(self) -> dict[str, Any]:
        """What happened in this run: requests sent, cache hits, names found and not found,
        failures by reason (names per reason) and the names not geocoded because of them."""
        failed = {q: r for q, r in self._outcome.items() if r not in ("found", "not found")}
        return {
            "service": self.service,
            "endpoint": self.endpoint,
            "requests": self._requests,
            "cache_hits": self._cache_hits,
            "found": sum(1 for r in self._outcome.values() if r == "found"),
            "not_found": sorted(q for q, r in self._outcome.items() if r == "not found"),
            "failures": dict(sorted(Counter(failed.values()).items())),
            "not_geocoded": sorted(failed),
            "stopped": self._stopped.reason if self._stopped else None,
        }

    def summary_line(self) -> str:
        """:meth:`summary` as one line for the command line."""
        s = self.summary()
        line = (f"geocoding ({s['service']}): {s['requests']} requests, "
                f"{s['cache_hits']} from cache, {s['found']} found, "
                f"{len(s['not_found'])} not found")
        if s["not_geocoded"]:
            reasons = ", ".join(f"{r}: {n}" for r, n in s["failures"].items())
            names = ", ".join(s["not_geocoded"][:10])
            more = f" and {len(s['not_geocoded']) - 10} more" if len(s["not_geocoded"]) > 10 else ""
            line += (f"; not geocoded: {len(s['not_geocoded'])} ({reasons}): {names}{more}")
        return line

    def close(self) -> None:
        """Close the cache and the HTTP session."""
        self.cache.close()
        adapter = getattr(self._geopy, "adapter", None)
        if adapter is not None and hasattr(adapter, "__exit__"):
            adapter.__exit__(None, None, None)

    def __enter__(self) -> "OnlineGeocoder":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"OnlineGeocoder({self.service!r}, endpoint={self.endpoint!r}, cache={self.cache.path!r})"


_NETWORK_CAUSES = (
    ("connection refused", "connection refused"),
    ("name or service not known", "DNS lookup failed"),
    ("temporary failure in name resolution", "DNS lookup failed"),
    ("nodename nor servname", "DNS lookup failed"),
    ("getaddrinfo failed", "DNS lookup failed"),
    ("network is unreachable", "network is unreachable"),
    ("no route to host", "no route to host"),
    ("connection reset", "connection reset"),
    ("certificate verify failed", "TLS certificate not trusted"),
)


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    low = text.lower()
    for needle, said in _NETWORK_CAUSES:
        if needle in low:
            return said
    return text if len(text) <= 160 else text[:157] + "..."


_UNSET: Any = object()


def make_geocoder(
    service: str | None = None,
    *,
    url: str | None = _UNSET,
    user_agent: str | None = _UNSET,
    timeout: float = _UNSET,
    min_delay_seconds: float | None = _UNSET,
    max_requests: int = _UNSET,
    cache_path: str | None = _UNSET,
    cache_ttl_days: float | None = _UNSET,
    retries: int = _UNSET,
    language: str | None = _UNSET,
    options: dict[str, Any] | None = _UNSET,
    config: GeocodeSettings | None = None,
    warn: Callable[[str], None] | None = None,
    clock: Callable[[], float] | None = None,
    sleep: Callable[[float], None] | None = None,
    now: Callable[[], float] | None = None,
) -> OnlineGeocoder:
    """Return an :class:`OnlineGeocoder` for ``service`` (any geopy service name; by
    default ``config.service``, else ``"nominatim"``).

    Only the arguments decide (no environment, no config file: that is
    :func:`~incidentmap.geocode.geocoder_from_options`); ``config`` supplies the values of
    arguments not given.  Nothing is sent until a name is asked for.

    ``url`` is a self-hosted Nominatim or Photon (``https://geo.example.org``);
    ``min_delay_seconds`` defaults to one second; ``cache_path`` to the user cache folder
    (``"none"`` for a cache in memory); ``cache_ttl_days`` to 90 (``None``: never expire);
    ``max_requests`` caps the requests this geocoder sends (500); ``retries`` is the number of
    retries after a 429 or 5xx (2).

    Example::

        geocoder = make_geocoder("photon", url="http://localhost:2322")
        geocoder.geocode_place("Republic Square", country_codes=["kz"])
    """
    base = config or GeocodeSettings()
    given = {
        "url": url, "user_agent": user_agent, "timeout": timeout,
        "min_delay_seconds": min_delay_seconds, "max_requests": max_requests,
        "cache_path": cache_path, "cache_ttl_days": cache_ttl_days, "retries": retries,
        "language": language, "options": options,
    }
    values = {k: v for k, v in given.items() if v is not _UNSET}
    if service is not None:
        values["service"] = service
    if values.get("options") is None:
        values.pop("options", None)
    if "cache_path" in values and values["cache_path"] is not None:
        values["cache_path"] = str(values["cache_path"])
    from dataclasses import replace

    settings = replace(base, **values)
    if settings.max_requests < 0 or settings.retries < 0 or settings.timeout <= 0:
        raise GeocodingError("max_requests and retries cannot be negative, and timeout must be positive.")
    return OnlineGeocoder(settings, warn=warn, clock=clock, sleep=sleep, now=now)
