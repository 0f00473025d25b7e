"""Geocoding settings: defaults, a config file, environment variables and flags.

Precedence is the usual one: a command-line flag (or a keyword argument) wins over an
environment variable, which wins over the config file, which wins over the defaults.

The config file is TOML, in the user's config folder (``platformdirs.user_config_dir
("incidentmap")/config.toml``, e.g. ``~/.config/incidentmap/config.toml`` on Linux), or the
file ``$INCIDENTMAP_CONFIG`` names.  Its ``[geocode]`` table takes the field names of
:class:`GeocodeSettings`; ``[geocode.options]`` is passed to the geopy class as keyword
arguments (an ``api_key`` for a commercial service, say)::

    [geocode]
    enabled = true
    service = "nominatim"
    url = "https://nominatim.example.org"
    user_agent = "incidentmap/0.1.0 (newsroom-maps@example.org)"
    min_delay_seconds = 1.0
    cache_ttl_days = 90

Nothing here imports geopy: the CLI reads settings before deciding to geocode at all.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from ..errors import GeocodingError

__all__ = [
    "GeocodeSettings",
    "ENV_VARS",
    "CONFIG_ENV",
    "API_KEY_ENV",
    "config_path",
    "read_config_file",
    "settings_from_env",
    "resolve_settings",
]

#: Environment variable naming the config file (instead of the user config folder's).
CONFIG_ENV = "INCIDENTMAP_CONFIG"

#: Environment variable with an API key for a commercial geopy service (``options["api_key"]``);
#: a secret is better kept out of the config file.
API_KEY_ENV = "INCIDENTMAP_GEOCODER_API_KEY"

#: Environment variable of each setting.
ENV_VARS: dict[str, str] = {
    "enabled": "INCIDENTMAP_GEOCODE",
    "service": "INCIDENTMAP_GEOCODER",
    "url": "INCIDENTMAP_GEOCODER_URL",
    "user_agent": "INCIDENTMAP_USER_AGENT",
    "cache_path": "INCIDENTMAP_GEOCODE_CACHE",
    "cache_ttl_days": "INCIDENTMAP_GEOCODE_CACHE_DAYS",
    "timeout": "INCIDENTMAP_GEOCODE_TIMEOUT",
    "min_delay_seconds": "INCIDENTMAP_GEOCODE_MIN_DELAY",
    "max_requests": "INCIDENTMAP_GEOCODE_MAX_REQUESTS",
    "retries": "INCIDENTMAP_GEOCODE_RETRIES",
    "language": "INCIDENTMAP_GEOCODE_LANGUAGE",
}


@dataclass(frozen=True)
class GeocodeSettings:
    """Everything that configures online geocoding; ``None`` means "the service's default".

    ``min_delay_seconds`` ``None`` means one second, the public Nominatim's limit (which is
    also enforced for it whatever is set).  ``cache_path`` ``None`` means the user cache
    folder; ``"none"`` keeps answers in memory for this run only.  ``cache_ttl_days``
    ``None`` keeps answers forever.
    """

    enabled: bool = False
    service: str = "nominatim"
    url: str | None = None
    user_agent: str | None = None
    timeout: float = 10.0
    min_delay_seconds: float | None = None
    max_requests: int = 500
    cache_path: str | None = None
    cache_ttl_days: float | None = 90.0
    retries: int = 2
    language: str | None = "en"
    options: Mapping[str, Any] = field(default_factory=dict)


_TYPES: dict[str, type] = {
    "enabled": bool,
    "service": str,
    "url": str,
    "user_agent": str,
    "timeout": float,
    "min_delay_seconds": float,
    "max_requests": int,
    "cache_path": str,
    "cache_ttl_days": float,
    "retries": int,
    "language": str,
}
_NULLABLE = {"url", "user_agent", "min_delay_seconds", "cache_path", "cache_ttl_days", "language"}
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def config_path(env: Mapping[str, str] | None = None) -> Path:
    """Where the config file is: ``$INCIDENTMAP_CONFIG`` or the user config folder's."""
    env = os.environ if env is None else env
    if env.get(CONFIG_ENV):
        return Path(env[CONFIG_ENV]).expanduser()
    import platformdirs

    return Path(platformdirs.user_config_dir("incidentmap")) / "config.toml"


def _coerce(name: str, value: Any, where: str) -> Any:
    """Check and convert one setting; ``where`` names its origin for the error message."""
    kind = _TYPES[name]
    if isinstance(value, str) and name in _NULLABLE:
        # "none" switches the cache off (it is a value there); elsewhere it means unset.
        blank = ("",) if name == "cache_path" else ("", "none", "null")
        if value.strip().lower() in blank:
            value = None
    if value is None:
        if name in _NULLABLE:
            return None
        raise GeocodingError(f"{where}: {name} needs a value.")
    try:
        if kind is bool:
            if isinstance(value, bool):
                return value
            s = str(value).strip().lower()
            if s in _TRUE:
                return True
            if s in _FALSE:
                return False
            raise ValueError(value)
        if kind is str:
            if not isinstance(value, str):
                raise ValueError(value)
            return value.strip()
        if isinstance(value, bool):
            raise ValueError(value)
        number = kind(value)
    except (TypeError, ValueError):
        expected = {bool: "true or false", str: "a string", int: "a whole number",
                    float: "a number"}[kind]
        raise GeocodingError(f"{where}: {name} should be {expected}, not {value!r}.") from None
    if number < 0:
        raise GeocodingError(f"{where}: {name} cannot be negative ({value!r}).")
    return number


def read_config_file(path: Path | str | None = None) -> dict[str, Any]:
    """Return the checked ``[geocode]`` table of the config file (``{}`` when there is none).

    Raises :class:`~incidentmap.errors.GeocodingError` naming the file when it is not valid
    TOML or has a key or value this version does not know, so a typo is not silently ignored.
    """
    import tomllib

    p = Path(path) if path is not None else config_path()
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as exc:
        raise GeocodingError(f"cannot read the config file {p}: {exc}.") from exc
    except tomllib.TOMLDecodeError as exc:
        raise GeocodingError(f"the config file {p} is not valid TOML ({exc}); fix or remove it.") from exc
    table = data.get("geocode", {})
    if not isinstance(table, dict):
        raise GeocodingError(f"{p}: [geocode] should be a table.")
    out: dict[str, Any] = {}
    for key, value in table.items():
        if key == "options":
            if not isinstance(value, dict):
                raise GeocodingError(f"{p}: [geocode.options] should be a table.")
            out["options"] = dict(value)
        elif key in _TYPES:
            out[key] = _coerce(key, value, f"{p} [geocode]")
        else:
            known = ", ".join(sorted([*_TYPES, "options"]))
            raise GeocodingError(f"{p} [geocode]: unknown key {key!r}; known keys: {known}.")
    return out


def settings_from_env(env: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Return the settings given by ``INCIDENTMAP_*`` environment variables (see :data:`ENV_VARS`)."""
    env = os.environ if env is None else env
    out: dict[str, Any] = {}
    for name, var in ENV_VARS.items():
        if var in env:
            out[name] = _coerce(name, env[var], f"${var}")
    if env.get(API_KEY_ENV):
        out["options"] = {"api_key": env[API_KEY_ENV].strip()}
    return out


def resolve_settings(
    overrides: Mapping[str, Any] | None = None,
    *,
    env: Mapping[str, str] | None = None,
    config_file: Path | str | None = None,
    base: GeocodeSettings | None = None,
) -> GeocodeSettings:
    """Merge defaults < config file < environment < ``overrides`` into one :class:`GeocodeSettings`.

    ``overrides`` holds flag values; a value of ``None`` means "not given" and does not hide
    the environment or the file.  ``env`` defaults to ``os.environ`` and ``config_file`` to
    :func:`config_path`.
    """
    env = os.environ if env is None else env
    merged: dict[str, Any] = {}
    merged.update(read_config_file(config_file if config_file is not None else config_path(env)))
    from_env = settings_from_env(env)
    if "options" in from_env:
        from_env["options"] = {**merged.get("options", {}), **from_env["options"]}
    merged.update(from_env)
    for key, value in (overrides or {}).items():
        if value is None:
            continue
        if key == "options":
            merged["options"] = {**merged.get("options", {}), **dict(value)}
        elif key in _TYPES:
            merged[key] = _coerce(key, value, f"--{key.replace('_', '-')}")
        else:
            raise TypeError(f"unknown geocoding setting {key!r}")
    known = {f.name for f in fields(GeocodeSettings)}
    return replace(base or GeocodeSettings(), **{k: v for k, v in merged.items() if k in known})
