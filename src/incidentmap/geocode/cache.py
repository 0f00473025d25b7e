"""A persistent cache of geocoder answers, so the same query is never sent twice.

One SQLite file (by default ``geocode.sqlite`` in ``platformdirs.user_cache_dir
("incidentmap")``) holds the raw answers, "nothing found" included, keyed by service,
endpoint, normalised query, country filter and request parameters, with the time they were
received.  Answers older than the time-to-live are ignored and asked again.  Failures
(timeouts, refusals, malformed answers) are never stored: the next run tries again.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from ..errors import GeocodingError

__all__ = ["GeocodeCache", "default_cache_path", "normalise_query", "CACHE_ENV"]

#: Environment variable naming the cache file.
CACHE_ENV = "INCIDENTMAP_GEOCODE_CACHE"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS answers (
    key       TEXT PRIMARY KEY,
    service   TEXT NOT NULL,
    endpoint  TEXT NOT NULL,
    query     TEXT NOT NULL,
    countries TEXT NOT NULL,
    params    TEXT NOT NULL,
    answer    TEXT NOT NULL,
    results   INTEGER NOT NULL,
    created   REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS request_slots (
    endpoint  TEXT PRIMARY KEY,
    last_at   REAL NOT NULL,
    pid       INTEGER NOT NULL
);
"""

_DAY = 86400.0


def default_cache_path() -> Path:
    """The cache file in the user cache folder (e.g. ``~/.cache/incidentmap/geocode.sqlite``)."""
    import platformdirs

    return Path(platformdirs.user_cache_dir("incidentmap")) / "geocode.sqlite"


def normalise_query(query: str) -> str:
    """The form of a query used as a cache key: NFC, casefolded, single spaces.

    Punctuation is kept, since "St. John's" and "St Johns" may get different answers.
    """
    return " ".join(unicodedata.normalize("NFC", query).casefold().split())


def _countries_key(country_codes: Iterable[str] | None) -> str:
    return ",".join(sorted({c.strip().lower() for c in country_codes or () if c and c.strip()}))


class GeocodeCache:
    """Raw geocoder answers in SQLite, with their age.

    ``path`` is a file (created with its folder when missing) or ``":memory:"`` for a cache
    that lasts one run.  ``now`` returns the wall-clock time in seconds (injectable for tests
    of expiry).  Safe to share between threads; several processes may share a file
    (SQLite locking, a generous busy timeout).
    """

    def __init__(self, path: str | os.PathLike[str] | None = None, *,
                 now: Callable[[], float] = time.time) -> None:
        if path is None or str(path).strip().lower() in ("none", "off"):
            self.path = ":memory:"
        else:
            self.path = str(path)
        self._now = now
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self._pid = os.getpid()

    # The connection is opened on first use (and dropped on pickling), so building a
    # geocoder costs nothing until a name actually needs it.
    def _db(self) -> sqlite3.Connection:
        if self._pid != os.getpid():
            # A forked child never uses its parent's connection (SQLite forbids it); the
            # parent's object is left alone, the child opens its own.
            self._stale = self._conn
            self._conn, self._pid = None, os.getpid()
        if self._conn is None:
            if self.path != ":memory:":
                p = Path(self.path).expanduser()
                try:
                    p.parent.mkdir(parents=True, exist_ok=True)
                except OSError as exc:
                    raise GeocodingError(
                        f"cannot create the geocoding cache folder {p.parent}: {exc.strerror}; "
                        f"set {CACHE_ENV} to a writable file or 'none'.") from exc
            try:
                conn = sqlite3.connect(self.path, timeout=30, check_same_thread=False,
                                       isolation_level=None)
                conn.executescript(_SCHEMA)
            except sqlite3.DatabaseError as exc:
                raise GeocodingError(
                    f"the geocoding cache {self.path} cannot be used ({exc}); delete it or "
                    f"set {CACHE_ENV} to another file.") from exc
            self._conn = conn
        return self._conn

    def __getstate__(self) -> dict[str, Any]:
        return {"path": self.path, "_now": self._now}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["path"], now=state["_now"])  # type: ignore[misc]

    @staticmethod
    def key(service: str, endpoint: str, query: str, country_codes: Iterable[str] | None = None,
            params: dict[str, Any] | None = None) -> tuple[str, str, str, str, str]:
        """The cache key of a request: (service, endpoint, query, countries, params)."""
        return (service, endpoint.rstrip("/"), normalise_query(query),
                _countries_key(country_codes), json.dumps(params or {}, sort_keys=True))

    def get(self, key: tuple[str, str, str, str, str], ttl_days: float | None = None
            ) -> list[dict[str, Any]] | None:
        """The stored answer for ``key`` (a list, maybe empty), or ``None`` if absent or expired."""
        with self._lock:
            row = self._db().execute("SELECT answer, created FROM answers WHERE key = ?",
                                     (json.dumps(key),)).fetchone()
        if row is None:
            return None
        answer, created = row
        if ttl_days is not None and self._now() - created > ttl_days * _DAY:
            return None
        try:
            value = json.loads(answer)
        except ValueError:
            return None
        return value if isinstance(value, list) else None

    def put(self, key: tuple[str, str, str, str, str], answer: list[dict[str, Any]]) -> None:
        """Store ``answer`` (the raw results, ``[]`` for "nothing found") for ``key``, now."""
        service, endpoint, query, countries, params = key
        with self._lock:
            self._db().execute(
                "INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (json.dumps(key), service, endpoint, query, countries, params,
                 json.dumps(answer, sort_keys=True, ensure_ascii=False), len(answer),
                 self._now()))

    def reserve_request(self, endpoint: str, min_delay: float) -> float:
        """Note that this process is about to send a request to ``endpoint``; return the
        seconds to wait first so that the processes sharing this file (a process pool) stay
        ``min_delay`` apart between them.

        Within one process geopy's RateLimiter spaces the requests, so only a last request
        from *another* process makes this wait.  An in-memory cache never waits.
        """
        if self.path == ":memory:" or min_delay <= 0:
            return 0.0
        pid = os.getpid()
        with self._lock:
            db = self._db()
            db.execute("BEGIN IMMEDIATE")  # one process at a time reads and takes the slot
            try:
                row = db.execute("SELECT last_at, pid FROM request_slots WHERE endpoint = ?",
                                 (endpoint,)).fetchone()
                now = self._now()
                start = max(now, row[0] + min_delay) if row and row[1] != pid else now
                db.execute("INSERT OR REPLACE INTO request_slots VALUES (?, ?, ?)",
                           (endpoint, start, pid))
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
        return start - now

    def stats(self, ttl_days: float | None = None) -> dict[str, Any]:
        """Counts for ``incidentmap geocode-cache stats``: entries, with and without results,
        expired (older than ``ttl_days``), per service, oldest and newest (ISO dates), size."""
        import datetime as dt

        with self._lock:
            db = self._db()
            total, found, oldest, newest = db.execute(
                "SELECT COUNT(*), COALESCE(SUM(results > 0), 0), MIN(created), MAX(created) "
                "FROM answers").fetchone()
            by_service = dict(db.execute(
                "SELECT service, COUNT(*) FROM answers GROUP BY service ORDER BY service"))
            expired = 0
            if ttl_days is not None:
                expired = db.execute("SELECT COUNT(*) FROM answers WHERE created < ?",
                                     (self._now() - ttl_days * _DAY,)).fetchone()[0]

        def iso(t: float | None) -> str | None:
            if t is None:
                return None
            return dt.datetime.fromtimestamp(t, dt.timezone.utc).isoformat(timespec="seconds")

        size = 0
        if self.path != ":memory:" and Path(self.path).exists():
            size = Path(self.path).stat().st_size
        return {
            "path": self.path,
            "entries": total,
            "with_results": found,
            "without_results": total - found,
            "expired": expired,
            "ttl_days": ttl_days,
            "by_service": by_service,
            "oldest": iso(oldest),
            "newest": iso(newest),
            "size_bytes": size,
        }

    def clear(self, *, expired_only: bool = False, ttl_days: float | None = None,
              service: str | None = None) -> int:
        """Delete entries (all, or only those older than ``ttl_days``, or one service's);
        returns how many were deleted."""
        where, args = [], []
        if expired_only:
            if ttl_days is None:
                return 0
            where.append("created < ?")
            args.append(self._now() - ttl_days * _DAY)
        if service:
            where.append("service = ?")
            args.append(service)
        sql = "DELETE FROM answers" + (" WHERE " + " AND ".join(where) if where else "")
        with self._lock:
            db = self._db()
            n = db.execute(sql, args).rowcount
            if self.path != ":memory:":
                db.execute("VACUUM")
        return n

    def close(self) -> None:
        """Close the database (it reopens on next use)."""
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None
