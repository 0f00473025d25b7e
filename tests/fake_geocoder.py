"""A local stand-in for Nominatim and Photon: a threaded HTTP server on 127.0.0.1.

It answers ``/search`` as Nominatim does (``format=json`` or ``jsonv2``, ``countrycodes=``,
``limit=``, ``addressdetails=``) and ``/api`` as Photon does (a GeoJSON FeatureCollection),
from the few places below, written for these tests in the shape of the services' documented
answers (https://nominatim.org/release-docs/latest/api/Output/,
https://github.com/komoot/photon#search-api).  Every request is recorded (path, parameters,
User-Agent, monotonic time), so tests can check what was sent and how fast.

``plan(query, *replies)`` queues special answers for a query (``"*"``: any query): an HTTP
status with headers, a body that is not JSON, or a delay past the client's timeout.  Each
planned reply is used once; then the server answers normally again.

    with FakeGeocoder() as fake:
        fake.plan("Almaty", Reply(429, headers={"Retry-After": "2"}))
        ... make_geocoder(url=fake.url) ...
        fake.requests[-1].params["q"]
"""

from __future__ import annotations

import copy
import json
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

LICENCE = "Data © OpenStreetMap contributors, ODbL 1.0. https://osm.org/copyright"

# Nominatim format=json records with addressdetails; "queries" (ours, stripped before
# answering) lists the texts each one answers to.
PLACES: list[dict] = [
    {
        "queries": ["republic square", "almaty's main square", "almaty main square"],
        "place_id": 1001, "osm_type": "way", "osm_id": 4000001,
        "lat": "43.2382", "lon": "76.9453",
        "class": "place", "type": "square", "place_rank": 25, "importance": 0.31,
        "addresstype": "square", "name": "Republic Square",
        "display_name": "Republic Square, Medeu District, Almaty, 050000, Kazakhstan",
        "address": {"square": "Republic Square", "city_district": "Medeu District",
                    "city": "Almaty", "postcode": "050000", "country": "Kazakhstan",
                    "country_code": "kz"},
        "boundingbox": ["43.2372", "43.2392", "76.9443", "76.9463"],
    },
    {
        "queries": ["almaty"],
        "place_id": 1002, "osm_type": "relation", "osm_id": 4000002,
        "lat": "43.2364", "lon": "76.9457",
        "class": "boundary", "type": "administrative", "place_rank": 16, "importance": 0.62,
        "addresstype": "city", "name": "Almaty",
        "display_name": "Almaty, Kazakhstan",
        "address": {"city": "Almaty", "country": "Kazakhstan", "country_code": "kz"},
        "boundingbox": ["43.03", "43.41", "76.73", "77.17"],
    },
    {
        "queries": ["kazakhstan"],
        "place_id": 1003, "osm_type": "relation", "osm_id": 4000003,
        "lat": "48.1", "lon": "67.1",
        "class": "boundary", "type": "administrative", "place_rank": 4, "importance": 0.8,
        "addresstype": "country", "name": "Kazakhstan", "display_name": "Kazakhstan",
        "address": {"country": "Kazakhstan", "country_code": "kz"},
        "boundingbox": ["40.5", "55.4", "46.4", "87.3"],
    },
    {
        "queries": ["mangystau region", "mangystau"],
        "place_id": 1004, "osm_type": "relation", "osm_id": 4000004,
        "lat": "44.0", "lon": "53.5",
        "class": "boundary", "type": "administrative", "place_rank": 8, "importance": 0.5,
        "addresstype": "state", "name": "Mangystau Region",
        "display_name": "Mangystau Region, Kazakhstan",
        "address": {"state": "Mangystau Region", "ISO3166-2-lvl4": "KZ-MAN",
                    "country": "Kazakhstan", "country_code": "kz"},
        "boundingbox": ["41.3", "47.0", "49.2", "57.0"],
    },
    {
        "queries": ["zhanaozen"],
        "place_id": 1005, "osm_type": "node", "osm_id": 4000005,
        "lat": "43.3412", "lon": "52.8619",
        "class": "place", "type": "town", "place_rank": 18, "importance": 0.4,
        "addresstype": "town", "name": "Zhanaozen",
        "display_name": "Zhanaozen, Mangystau Region, Kazakhstan",
        "address": {"town": "Zhanaozen", "state": "Mangystau Region",
                    "country": "Kazakhstan", "country_code": "kz"},
        "boundingbox": ["43.30", "43.38", "52.80", "52.92"],
    },
    {
        "queries": ["kurmangazy street"],
        "place_id": 1009, "osm_type": "way", "osm_id": 4000009,
        "lat": "43.2519", "lon": "76.9312",
        "class": "highway", "type": "tertiary", "place_rank": 26, "importance": 0.1,
        "addresstype": "road", "name": "Kurmangazy Street",
        "display_name": "Kurmangazy Street, Almaly District, Almaty, 050000, Kazakhstan",
        "address": {"road": "Kurmangazy Street", "city_district": "Almaly District",
                    "city": "Almaty", "postcode": "050000", "country": "Kazakhstan",
                    "country_code": "kz"},
        "boundingbox": ["43.2500", "43.2540", "76.9000", "76.9600"],
    },
    {
        "queries": ["victoria"],
        "place_id": 1006, "osm_type": "relation", "osm_id": 4000006,
        "lat": "48.4284", "lon": "-123.3656",
        "class": "boundary", "type": "administrative", "place_rank": 16, "importance": 0.6,
        "addresstype": "city", "name": "Victoria",
        "display_name": "Victoria, Capital Regional District, British Columbia, Canada",
        "address": {"city": "Victoria", "county": "Capital Regional District",
                    "state": "British Columbia", "country": "Canada", "country_code": "ca"},
        "boundingbox": ["48.40", "48.45", "-123.40", "-123.32"],
    },
    {
        "queries": ["victoria"],
        "place_id": 1007, "osm_type": "relation", "osm_id": 4000007,
        "lat": "-36.5986", "lon": "144.6780",
        "class": "boundary", "type": "administrative", "place_rank": 8, "importance": 0.58,
        "addresstype": "state", "name": "Victoria",
        "display_name": "Victoria, Australia",
        "address": {"state": "Victoria", "country": "Australia", "country_code": "au"},
        "boundingbox": ["-39.2", "-33.9", "140.9", "150.0"],
    },
    {
        "queries": ["victoria"],
        "place_id": 1008, "osm_type": "node", "osm_id": 4000008,
        "lat": "-4.6191", "lon": "55.4513",
        "class": "place", "type": "city", "place_rank": 16, "importance": 0.45,
        "addresstype": "city", "name": "Victoria",
        "display_name": "Victoria, English River, Seychelles",
        "address": {"city": "Victoria", "state": "English River", "country": "Seychelles",
                    "country_code": "sc"},
        "boundingbox": ["-4.64", "-4.60", "55.43", "55.47"],
    },
]

_PHOTON_TYPES = {"country": "country", "state": "state", "county": "county", "city": "city",
                 "town": "city", "village": "city", "square": "other"}


@dataclass
class Reply:
    """A planned answer: ``status`` with ``headers``; ``body`` replaces the normal JSON;
    ``delay`` seconds pass before answering (past the client's timeout, say)."""

    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: str | None = None
    delay: float = 0.0


@dataclass
class Request:
    """What the fake received: path, query parameters (last value of each), User-Agent,
    ``time.monotonic()`` on arrival."""

    path: str
    params: dict[str, str]
    user_agent: str | None
    time: float


def _norm(q: str) -> str:
    return " ".join(q.casefold().replace("’", "'").split())


class FakeGeocoder:
    """The fake service; use as a context manager.  ``url`` is ``http://127.0.0.1:PORT``."""

    def __init__(self, places: list[dict] | None = None) -> None:
        self.places = places if places is not None else PLACES
        self.requests: list[Request] = []
        self._plans: dict[str, list[Reply]] = {}
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    def plan(self, query: str, *replies: Reply) -> None:
        """Queue ``replies`` for ``query`` (``"*"`` for any query), each used once."""
        with self._lock:
            self._plans.setdefault("*" if query == "*" else _norm(query), []).extend(replies)

    @property
    def url(self) -> str:
        assert self._server is not None, "start the fake first"
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def domain(self) -> str:
        return self.url.split("://", 1)[1]

    def __enter__(self) -> "FakeGeocoder":
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                fake._handle(self)

            def log_message(self, *args: object) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever,
                                        kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._server is not None
        self._server.shutdown()
        self._server.server_close()

    # -- answering ------------------------------------------------------------------------
    def _handle(self, h: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(h.path)
        params = {k: v[-1] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
        with self._lock:
            self.requests.append(Request(parts.path, params, h.headers.get("User-Agent"),
                                         time.monotonic()))
            q = _norm(params.get("q", ""))
            queue = self._plans.get(q) or self._plans.get("*") or []
            reply = queue.pop(0) if queue else Reply()
        if reply.delay:
            time.sleep(reply.delay)
        if reply.body is not None:
            body = reply.body
        elif reply.status != 200:
            body = json.dumps({"error": {"code": reply.status, "message": "planned error"}})
        elif parts.path.rstrip("/").endswith("/search"):
            body = json.dumps(self._nominatim(q, params))
        elif parts.path.rstrip("/").endswith("/api"):
            body = json.dumps(self._photon(q, params))
        else:
            reply = Reply(404)
            body = json.dumps({"error": "not found"})
        data = body.encode("utf-8")
        try:
            h.send_response(reply.status)
            h.send_header("Content-Type", "application/json; charset=utf-8")
            h.send_header("Content-Length", str(len(data)))
            for k, v in reply.headers.items():
                h.send_header(k, v)
            h.end_headers()
            h.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeout test)

    def _matches(self, q: str) -> list[dict]:
        return [p for p in self.places if q in p["queries"]]

    def _nominatim(self, q: str, params: dict[str, str]) -> list[dict]:
        found = self._matches(q)
        if params.get("countrycodes"):
            allowed = {c.strip().lower() for c in params["countrycodes"].split(",")}
            found = [p for p in found if p["address"]["country_code"] in allowed]
        found = found[: int(params.get("limit") or 10)]
        out = []
        for p in found:
            rec = {k: copy.deepcopy(v) for k, v in p.items() if k != "queries"}
            rec["licence"] = LICENCE
            if params.get("addressdetails") != "1":
                rec.pop("address")
            if params.get("format") == "jsonv2":
                rec["category"] = rec.pop("class")
            out.append(rec)
        return out

    def _photon(self, q: str, params: dict[str, str]) -> dict:
        features = []
        for p in self._matches(q)[: int(params.get("limit") or 15)]:
            a = p["address"]
            bb = [float(x) for x in p["boundingbox"]]
            props = {
                "osm_type": p["osm_type"][0].upper(),
                "osm_id": p["osm_id"],
                "osm_key": p["class"],
                "osm_value": p["type"],
                "type": _PHOTON_TYPES.get(p["addresstype"], "other"),
                "name": p["name"],
                "country": a["country"],
                "countrycode": a["country_code"].upper(),
                "extent": [bb[2], bb[1], bb[3], bb[0]],
            }
            if "state" in a:
                props["state"] = a["state"]
            if "city" in a and p["addresstype"] != "city":
                props["city"] = a["city"]
            features.append({
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [float(p["lon"]), float(p["lat"])]},
                "properties": props,
            })
        return {"type": "FeatureCollection", "features": features}


def closed_port_url() -> str:
    """The URL of a port on 127.0.0.1 nothing listens on (connection refused)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}"
