"""incidentmap's exceptions: one root, a few children, each also a builtin.

Like geopy's ``exc.py``: callers can catch ``IncidentmapError`` for everything of ours, or
the builtin (``ValueError``, ``OSError``) they already handle.  Messages say what went wrong
*and what to do*; the CLI prints ``str(error)`` on one line and exits non-zero, so a message
must make sense on its own.  Nothing here imports the CLI framework.
"""

from __future__ import annotations

__all__ = [
    "IncidentmapError",
    "InputError",
    "OutputError",
    "GazetteerError",
    "GeocodingError",
    "GeocoderUnavailable",
    "GeocoderRateLimited",
]


class IncidentmapError(Exception):
    """Root of every error incidentmap raises on purpose."""


class InputError(IncidentmapError, ValueError):
    """An input cannot be read as an article, corpus or incident file (missing, empty,
    binary, wrongly encoded, malformed, too large)."""


class OutputError(IncidentmapError, OSError):
    """An output cannot be written (exists without ``--overwrite``, unknown format, no
    permission)."""


class GazetteerError(IncidentmapError, RuntimeError):
    """The bundled gazetteer or a user gazetteer is missing or malformed."""


class GeocodingError(IncidentmapError, RuntimeError):
    """An online geocoder could not be used as configured."""


class GeocoderUnavailable(GeocodingError, ConnectionError):
    """The geocoding service did not answer (network down, DNS, timeout, 5xx)."""


class GeocoderRateLimited(GeocodingError, IOError):
    """The service refused for now (HTTP 429); ``retry_after`` is in seconds when it said."""

    def __init__(self, message: str, *, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after
