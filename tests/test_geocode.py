"""Online geocoding: geopy's real Nominatim and Photon classes against a local fake service.

No test touches the Internet: every geocoder here points at tests/fake_geocoder.py on
127.0.0.1 (or at a closed local port), and time is a fake clock unless a test measures it.
"""

from __future__ import annotations

import pickle
import subprocess
import sys
import time

import pytest

from fake_geocoder import FakeGeocoder, Reply, closed_port_url
from incidentmap.errors import GeocoderRateLimited, GeocoderUnavailable, GeocodingError
from incidentmap.geocode import (
    ENV_VARS,
    GeocodeCache,
    GeocodeSettings,
    geocoder_from_options,
    make_geocoder,
    resolve_settings,
)
from incidentmap.geocode.online import DEFAULT_USER_AGENT, parse_service_url


class FakeTime:
    """A clock that moves only when slept on: delays are recorded and cost nothing."""

    def __init__(self) -> None:
        self.t = 1000.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.t

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.t += seconds


@pytest.fixture(autouse=True)
def _no_user_settings(monkeypatch, tmp_path):
    # The developer's own config file and environment must not leak into the tests.
    for var in (*ENV_VARS.values(), "INCIDENTMAP_GEOCODER_API_KEY"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("INCIDENTMAP_CONFIG", str(tmp_path / "absent-config.toml"))
    monkeypatch.setenv("INCIDENTMAP_GEOCODE_CACHE", str(tmp_path / "env-cache.sqlite"))


@pytest.fixture()
def fake():
    with FakeGeocoder() as server:
        yield server


@pytest.fixture()
def ft() -> FakeTime:
    return FakeTime()


@pytest.fixture()
def build(fake, ft, tmp_path):
    """make_geocoder against the fake, with the fake clock and a cache in tmp_path."""
    warnings: list[str] = []

    def _build(service="nominatim", **kw):
        kw.setdefault("url", fake.url)
        kw.setdefault("cache_path", str(tmp_path / "cache.sqlite"))
        kw.setdefault("min_delay_seconds", 0.0)
        kw.setdefault("warn", warnings.append)
        return make_geocoder(service, clock=ft.clock, sleep=ft.sleep, **kw)

    _build.warnings = warnings  # type: ignore[attr-defined]
    return _build


# -- what is sent, what comes back ---------------------------------------------------------

def test_nominatim_request_carries_query_country_filter_and_our_user_agent(fake, build):
    place = build().geocode_place("Almaty's main square", country_codes=["KZ"])
    assert len(fake.requests) == 1
    req = fake.requests[0]
    assert req.path == "/search"
    assert req.params["q"] == "Almaty's main square"
    assert req.params["countrycodes"] == "kz"
    assert req.params["format"] == "json"
    assert req.params["addressdetails"] == "1"
    assert req.user_agent == DEFAULT_USER_AGENT
    assert req.user_agent.startswith("incidentmap/")
    assert place is not None
    assert (place.id, place.name, place.kind, place.country_code, place.source) == (
        "nominatim:way/4000001", "Republic Square", "site", "KZ", "nominatim")
    assert (place.lat, place.lon) == pytest.approx((43.2382, 76.9453))


def test_geopy_own_classes_do_the_http(fake, build):
    from geopy.geocoders import Nominatim, Photon

    nom, pho = build("nominatim"), build("photon")
    assert type(nom.geopy_geocoder) is Nominatim
    assert type(pho.geopy_geocoder) is Photon
    for g in (nom, pho):
        assert g.geopy_geocoder.scheme == "http"
        assert g.geopy_geocoder.domain == fake.domain


@pytest.mark.parametrize(("name", "countries", "kind", "cc", "admin1"), [
    ("Kazakhstan", None, "country", "KZ", None),
    ("Mangystau Region", None, "admin1", "KZ", "Mangystau Region"),
    ("Almaty", None, "city", "KZ", None),
    ("Zhanaozen", None, "city", "KZ", "Mangystau Region"),
    ("Republic Square", None, "site", "KZ", None),
    ("Victoria", ["au"], "admin1", "AU", "Victoria"),
    ("Victoria", ["sc"], "city", "SC", "English River"),
])
@pytest.mark.parametrize("service", ["nominatim", "photon"])
def test_kind_and_country_mapped_from_each_service(build, service, name, countries, kind, cc, admin1):
    place = build(service).geocode_place(name, country_codes=countries)
    assert place is not None
    assert (place.kind, place.country_code, place.admin1) == (kind, cc, admin1)
    assert place.source == service
    assert place.id.startswith(f"{service}:")


def test_photon_request_and_client_side_country_filter(fake, build):
    g = build("photon")
    assert g.geocode_place("Victoria", country_codes=["au"]).country_code == "AU"
    assert g.geocode_place("Almaty", country_codes=["us"]) is None
    req = fake.requests[0]
    assert (req.path, req.params["q"], req.params["lang"]) == ("/api", "Victoria", "en")


def test_candidates_best_first_and_limited(fake, build):
    found = build().candidates("Victoria", limit=2)
    assert [p.country_code for p in found] == ["CA", "AU"]
    assert fake.requests[0].params["limit"] == "2"


def test_nothing_found_is_none_and_listed(build):
    g = build()
    assert g.geocode_place("Atlantis") is None
    assert g.summary()["not_found"] == ["Atlantis"]
    assert g.summary()["not_geocoded"] == []


def test_raw_answer_kept(build):
    g = build()
    place = g.geocode_place("Almaty")
    assert g.raw(place.id)["display_name"] == "Almaty, Kazakhstan"


# -- the cache -----------------------------------------------------------------------------

def test_second_run_is_served_from_the_cache_without_a_request(fake, build):
    first = build()
    a = first.geocode_place("Almaty", ["kz"])
    assert first.geocode_place("Atlantis") is None
    first.close()
    second = build()
    assert second.geocode_place("Almaty", ["KZ"]) == a
    assert second.geocode_place("  atlantis ") is None  # "nothing found" is cached too
    assert len(fake.requests) == 2
    assert second.summary()["requests"] == 0
    assert second.summary()["cache_hits"] == 2


def test_cache_key_separates_country_filter_service_and_endpoint(fake, build, tmp_path):
    build().geocode_place("Victoria", ["au"])
    build().geocode_place("Victoria", ["ca"])
    build("photon").geocode_place("Victoria", ["au"])
    with FakeGeocoder() as other:
        build(url=other.url).geocode_place("Victoria", ["au"])
        assert len(other.requests) == 1
    assert len(fake.requests) == 3


def test_cached_answers_expire(fake, tmp_path, ft):
    clock = {"now": 1_000_000.0}
    path = str(tmp_path / "c.sqlite")

    def geo():
        return make_geocoder(url=fake.url, cache_path=path, cache_ttl_days=30,
                             min_delay_seconds=0, now=lambda: clock["now"],
                             clock=ft.clock, sleep=ft.sleep)

    geo().geocode_place("Almaty")
    clock["now"] += 29 * 86400
    geo().geocode_place("Almaty")
    assert len(fake.requests) == 1
    clock["now"] += 2 * 86400
    assert geo().geocode_place("Almaty") is not None
    assert len(fake.requests) == 2
    stats = GeocodeCache(path, now=lambda: clock["now"]).stats(ttl_days=30)
    assert (stats["entries"], stats["expired"], stats["with_results"]) == (1, 0, 1)


def test_cache_stats_and_clear(tmp_path):
    cache = GeocodeCache(tmp_path / "c.sqlite", now=lambda: 100.0)
    cache.put(cache.key("nominatim", "https://x", "Almaty"), [{"lat": 1, "lon": 2}])
    cache.put(cache.key("photon", "https://y", "Atlantis"), [])
    s = cache.stats()
    assert (s["entries"], s["with_results"], s["without_results"]) == (2, 1, 1)
    assert s["by_service"] == {"nominatim": 1, "photon": 1}
    assert cache.clear(service="photon") == 1
    assert cache.clear() == 1
    assert cache.stats()["entries"] == 0


# -- politeness ----------------------------------------------------------------------------

def test_rate_limiter_spaces_requests_by_min_delay(build, ft):
    g = build(min_delay_seconds=1.0)
    for name in ("Almaty", "Kazakhstan", "Zhanaozen"):
        g.geocode_place(name)
    g.geocode_place("Almaty")  # from the cache: no wait
    assert ft.sleeps == pytest.approx([1.0, 1.0])


def test_real_requests_are_spaced_on_the_wire(fake, tmp_path):
    g = make_geocoder(url=fake.url, cache_path="none", min_delay_seconds=0.2)
    for name in ("Victoria", "Almaty", "Kazakhstan", "Zhanaozen"):
        g.geocode_place(name)
    # The first request also opens the connection: measure from the second.  Arrival times
    # carry scheduling jitter (a loaded CI machine), hence the margins.
    times = [r.time for r in fake.requests][1:]
    assert all(b - a >= 0.1 for a, b in zip(times, times[1:]))
    assert times[-1] - times[0] >= 0.3


def test_a_request_by_another_process_sharing_the_cache_is_waited_for(fake, build, ft, tmp_path):
    g = build(min_delay_seconds=1.0)
    # What a worker process leaves in the shared file when it has just sent a request.
    db = g.cache._db()
    db.execute("INSERT INTO request_slots VALUES (?, ?, ?)", (g.endpoint, time.time(), 1))
    assert g.geocode_place("Almaty") is not None
    assert len(ft.sleeps) == 1 and 0.8 < ft.sleeps[0] <= 1.0


def _worker(url: str, cache: str, names: list[str]) -> None:
    g = make_geocoder(url=url, cache_path=cache, min_delay_seconds=0.2)
    for name in names:
        g.geocode_place(name)


def test_process_pool_workers_share_one_rate(fake, tmp_path):
    import multiprocessing

    # fork starts in milliseconds where spawn re-imports everything (seconds under load).
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    cache = str(tmp_path / "shared.sqlite")
    GeocodeCache(cache).stats()  # create the file before the workers race for it
    procs = [ctx.Process(target=_worker, args=(fake.url, cache, names))
             for names in (["Almaty", "Kazakhstan"], ["Zhanaozen", "Mangystau"])]
    for p in procs:
        p.start()
    for p in procs:
        p.join(30)
        assert p.exitcode == 0
    times = sorted(r.time for r in fake.requests)
    assert len(times) == 4
    # Without the shared slot the two workers' first requests arrive together.
    assert all(b - a >= 0.1 for a, b in zip(times, times[1:]))
    assert times[-1] - times[0] >= 0.45


def test_public_nominatim_never_faster_than_one_request_a_second():
    g = make_geocoder("nominatim", cache_path="none", min_delay_seconds=0.1)
    assert g.endpoint == "https://nominatim.openstreetmap.org"
    assert g.min_delay_seconds == 1.0


def test_429_waits_for_retry_after_then_succeeds(fake, build, ft):
    fake.plan("Almaty", Reply(429, headers={"Retry-After": "7"}))
    g = build()
    assert g.geocode_place("Almaty") is not None
    assert len(fake.requests) == 2
    assert 7 in ft.sleeps
    assert g.summary()["failures"] == {}


def test_500_is_retried_with_growing_backoff(fake, build, ft):
    fake.plan("Almaty", Reply(500), Reply(502))
    g = build(retries=2)
    assert g.geocode_place("Almaty") is not None
    assert len(fake.requests) == 3
    assert ft.sleeps == [1.0, 2.0]


def test_persistent_500_gives_up_with_one_warning_and_a_summary(fake, build):
    fake.plan("*", *[Reply(500)] * 3)
    g = build(retries=2)
    assert g.geocode_place("Almaty") is None
    assert len(fake.requests) == 3
    assert g.geocode_place("Kazakhstan") is not None  # the service recovered: keep going
    s = g.summary()
    assert s["failures"] == {"HTTP 500": 1}
    assert s["not_geocoded"] == ["Almaty"]
    assert len(build.warnings) == 1 and "HTTP 500" in build.warnings[0]
    assert "Almaty" in g.summary_line()


def test_400_is_not_retried(fake, build):
    fake.plan("Almaty", Reply(400))
    g = build(retries=3)
    assert g.geocode_place("Almaty") is None
    assert len(fake.requests) == 1
    assert g.summary()["failures"] == {"HTTP 400": 1}


def test_403_refusal_stops_asking_and_names_the_user_agent(fake, build):
    fake.plan("*", Reply(403), Reply(403))
    g = build(retries=2)
    assert g.geocode_place("Almaty") is None and g.geocode_place("Kazakhstan") is None
    assert len(fake.requests) == 1
    assert g.summary()["stopped"] == "HTTP 403"
    assert "INCIDENTMAP_USER_AGENT" in build.warnings[0]


def test_jsonv2_answers_read_like_json_ones(fake):
    from fake_geocoder import PLACES

    from incidentmap.geocode.online import place_from_answer

    rec = {k: v for k, v in PLACES[3].items() if k not in ("queries", "class")}
    rec["category"] = "boundary"
    del rec["addresstype"]  # older Nominatim: kind from the address rank
    place = place_from_answer("nominatim", {"address": rec["display_name"], "lat": rec["lat"],
                                            "lon": rec["lon"], "raw": rec})
    assert (place.kind, place.id, place.country_code) == ("admin1", "nominatim:relation/4000004", "KZ")


def test_wrong_address_404_is_not_retried_and_says_to_check_the_url(fake, build):
    fake.plan("*", Reply(404))
    g = build(retries=2)
    assert g.geocode_place("Almaty") is None
    assert len(fake.requests) == 1
    assert g.summary()["stopped"] == "HTTP 404"
    assert "--geocoder-url" in build.warnings[0]


def test_failures_are_not_cached(fake, build):
    fake.plan("Almaty", Reply(500))
    build(retries=0).geocode_place("Almaty")
    assert build(retries=0).geocode_place("Almaty") is not None
    assert len(fake.requests) == 2


def test_request_cap_leaves_the_rest_unresolved(fake, build):
    g = build(max_requests=2)
    names = ["Almaty", "Kazakhstan", "Zhanaozen", "Mangystau"]
    results = [g.geocode_place(n) for n in names]
    assert [r is not None for r in results] == [True, True, False, False]
    assert len(fake.requests) == 2
    s = g.summary()
    assert s["not_geocoded"] == ["Mangystau", "Zhanaozen"]
    assert s["failures"] == {"request cap": 2}
    assert len(build.warnings) == 1 and "cap of 2" in build.warnings[0]


# -- failure never loses work --------------------------------------------------------------

def test_timeout_warns_once_and_stops_asking(fake, build):
    fake.plan("*", Reply(delay=1.0))
    g = build(timeout=0.2, retries=0)
    assert g.geocode_place("Almaty") is None
    assert g.geocode_place("Kazakhstan") is None
    assert len(fake.requests) == 1
    s = g.summary()
    assert s["stopped"] == "timeout"
    assert s["not_geocoded"] == ["Almaty", "Kazakhstan"]
    assert len(build.warnings) == 1 and "did not answer within 0.2s" in build.warnings[0]


@pytest.mark.parametrize("body", ["{not json", '{"type": "nonsense"}', '[{"lat": "north"}]'])
def test_malformed_answer_warns_and_is_not_cached(fake, build, body):
    fake.plan("Almaty", Reply(body=body))
    g = build()
    assert g.geocode_place("Almaty") is None
    assert g.summary()["failures"] == {"malformed answer": 1}
    assert g.geocode_place("Almaty") is not None
    assert "not nominatim's JSON" in build.warnings[0]


def test_connection_refused_warns_once_and_the_run_goes_on(build):
    g = build(url=closed_port_url())
    assert [g.geocode_place(n) for n in ("Almaty", "Kazakhstan", "Zhanaozen")] == [None] * 3
    s = g.summary()
    assert s["requests"] == 3  # one name, tried 1 + 2 retries; the others not sent
    assert s["stopped"] == "unreachable"
    assert s["not_geocoded"] == ["Almaty", "Kazakhstan", "Zhanaozen"]
    assert build.warnings == [build.warnings[0]] and "connection refused" in build.warnings[0]


def test_strict_callers_get_our_errors_chained_from_geopy(fake, build):
    import geopy.exc

    with pytest.raises(GeocoderUnavailable, match="unreachable") as info:
        build(url=closed_port_url(), retries=0).candidates("Almaty", strict=True)
    assert isinstance(info.value.__cause__, geopy.exc.GeocoderUnavailable)
    fake.plan("*", *[Reply(429, headers={"Retry-After": "3"})] * 2)
    with pytest.raises(GeocoderRateLimited) as info:
        build(retries=1).candidates("Almaty", strict=True)
    assert info.value.retry_after == 3
    assert isinstance(info.value.__cause__, geopy.exc.GeocoderRateLimited)
    assert build.warnings == []  # the caller is told instead


def test_long_retry_after_is_not_waited_for(fake, build, ft):
    fake.plan("*", Reply(429, headers={"Retry-After": "3600"}))
    g = build(retries=2)
    assert g.geocode_place("Almaty") is None
    assert len(fake.requests) == 1 and ft.sleeps == []
    assert g.summary()["stopped"] == "rate limited"


def test_repeated_server_errors_stop_the_run_asking(fake, build):
    fake.plan("*", *[Reply(500)] * 10)
    g = build(retries=0)
    names = ["Almaty", "Kazakhstan", "Zhanaozen", "Mangystau", "Victoria"]
    assert [g.geocode_place(n) for n in names] == [None] * 5
    assert len(fake.requests) == 3  # three names failed in a row: the rest are not sent
    s = g.summary()
    assert s["stopped"] == "HTTP 500" and s["not_geocoded"] == sorted(names)
    assert len(build.warnings) == 2 and "not asking it again" in build.warnings[1]


def test_unusable_cache_file_falls_back_to_memory_with_a_warning(fake, build, tmp_path):
    not_a_db = tmp_path / "cache.sqlite"
    not_a_db.write_bytes(b"this is not SQLite" * 100)
    g = build(cache_path=str(not_a_db))
    assert g.geocode_place("Almaty") is not None
    assert g.geocode_place("Almaty") is not None
    assert len(fake.requests) == 1
    assert len(build.warnings) == 1 and "cache" in build.warnings[0]


def test_a_stopped_geocoder_stays_stopped_after_pickling(build):
    g = build(url=closed_port_url(), retries=0)
    g.geocode_place("Almaty")
    clone = pickle.loads(pickle.dumps(g))
    assert clone.geocode_place("Kazakhstan") is None
    assert clone.summary()["requests"] == 1 and clone.summary()["stopped"] == "unreachable"


# -- configuration -------------------------------------------------------------------------

@pytest.mark.parametrize("agent", ["my-application", "specify_your_app_name_here", "geopy/2.5.0"])
def test_sample_user_agents_are_refused(agent):
    with pytest.raises(GeocodingError, match="INCIDENTMAP_USER_AGENT"):
        make_geocoder(user_agent=agent, cache_path="none")


def test_unknown_service_names_the_choices():
    with pytest.raises(GeocodingError, match="photon"):
        make_geocoder("no-such-service", cache_path="none")


def test_other_geopy_services_by_name():
    from geopy.geocoders import ArcGIS

    g = make_geocoder("arcgis", cache_path="none")
    assert type(g.geopy_geocoder) is ArcGIS
    assert g.min_delay_seconds == 1.0


@pytest.mark.parametrize(("url", "expected"), [
    ("http://127.0.0.1:8080", ("http", "127.0.0.1:8080")),
    ("https://geo.example.org/nominatim/", ("https", "geo.example.org/nominatim")),
    ("https://geo.example.org/nominatim/search", ("https", "geo.example.org/nominatim")),
    ("localhost:2322/api", ("https", "localhost:2322")),
])
def test_service_url_is_split_for_geopy(url, expected):
    assert parse_service_url(url) == expected


@pytest.mark.parametrize("url", ["ftp://x.org", "http://", "http://x.org/?q=1"])
def test_bad_service_urls_are_refused(url):
    with pytest.raises(GeocodingError, match="geocoder URL"):
        parse_service_url(url)


def test_settings_precedence_flag_over_env_over_file_over_default(tmp_path):
    cfg = tmp_path / "config.toml"
    cfg.write_text('[geocode]\nservice = "photon"\ntimeout = 3\nretries = 5\n'
                   'url = "http://file:1"\n[geocode.options]\nfoo = "bar"\n', encoding="utf-8")
    env = {"INCIDENTMAP_GEOCODE_TIMEOUT": "4", "INCIDENTMAP_GEOCODER_URL": "http://env:2",
           "INCIDENTMAP_GEOCODER_API_KEY": "secret"}
    s = resolve_settings({"url": "http://flag:3", "service": None}, env=env, config_file=cfg)
    assert (s.service, s.timeout, s.retries, s.url) == ("photon", 4.0, 5, "http://flag:3")
    assert s.options == {"foo": "bar", "api_key": "secret"}
    assert s.max_requests == GeocodeSettings().max_requests
    assert resolve_settings({}, env={}, config_file=tmp_path / "none.toml") == GeocodeSettings()


@pytest.mark.parametrize(("text", "match"), [
    ("[geocode]\ntiemout = 3\n", "unknown key 'tiemout'"),
    ("[geocode]\ntimeout = 'soon'\n", "timeout should be a number"),
    ("[geocode\n", "not valid TOML"),
])
def test_bad_config_file_is_an_error_naming_the_file(tmp_path, text, match):
    cfg = tmp_path / "config.toml"
    cfg.write_text(text, encoding="utf-8")
    with pytest.raises(GeocodingError, match=match) as info:
        resolve_settings({}, env={}, config_file=cfg)
    assert str(cfg) in str(info.value)


def test_bad_environment_value_names_the_variable():
    with pytest.raises(GeocodingError, match=r"\$INCIDENTMAP_GEOCODE_MAX_REQUESTS"):
        resolve_settings({}, env={"INCIDENTMAP_GEOCODE_MAX_REQUESTS": "many"}, config_file="/x")


def test_geocoder_from_options_is_off_unless_asked(fake, tmp_path, monkeypatch):
    assert geocoder_from_options(None) is None
    assert geocoder_from_options(False, url=fake.url) is None
    monkeypatch.setenv("INCIDENTMAP_GEOCODE_CACHE", str(tmp_path / "c.sqlite"))
    g = geocoder_from_options(None, url=fake.url)  # giving a URL means "geocode"
    assert g is not None and g.endpoint == fake.url
    monkeypatch.setenv("INCIDENTMAP_GEOCODE", "1")
    monkeypatch.setenv("INCIDENTMAP_GEOCODER", "photon")
    monkeypatch.setenv("INCIDENTMAP_GEOCODER_URL", fake.url)
    monkeypatch.setenv("INCIDENTMAP_USER_AGENT", "incidentmap-test/1 (test@example.org)")
    g = geocoder_from_options(None)
    assert g.service == "photon" and g.cache.path == str(tmp_path / "c.sqlite")
    g.geocode_place("Almaty")
    assert fake.requests[-1].user_agent == "incidentmap-test/1 (test@example.org)"


def test_geocoder_survives_pickling_for_process_pools(fake, tmp_path):
    g = make_geocoder(url=fake.url, cache_path=str(tmp_path / "c.sqlite"), min_delay_seconds=0)
    g.geocode_place("Almaty")
    clone = pickle.loads(pickle.dumps(g))
    assert clone.geocode_place("Almaty") == g.geocode_place("Almaty")
    assert len(fake.requests) == 1


def test_importing_the_module_and_cli_options_does_not_import_geopy():
    code = ("import sys, incidentmap.geocode, incidentmap.cli.options; "
            "assert 'geopy' not in sys.modules, 'geopy imported'")
    subprocess.run([sys.executable, "-c", code], check=True)


# -- the seed case through the resolver ----------------------------------------------------

# Written for these tests in the manner of the seed article (a landmark the gazetteer lacks).
LANDMARK_TEXT = ("By early Thursday, troops were seen in Almaty\u2019s main square and gunshots "
                 "could be heard in Almaty, Kazakhstan, witnesses said.")


def _spans(text: str, *phrases: str) -> list[tuple[int, int]]:
    return [(text.index(p), text.index(p) + len(p)) for p in phrases]


def test_landmark_resolves_through_the_geocoder_only_when_it_is_on(fake, build):
    from incidentmap.resolve import resolve_spans

    text = LANDMARK_TEXT
    spans = _spans(text, "Almaty\u2019s main square", "Almaty, Kazakhstan", "Kazakhstan")
    spans[1] = (spans[1][0], spans[1][0] + len("Almaty"))

    online = resolve_spans(text, spans, geocoder=build())
    square = online[0].place
    assert square is not None and square.source == "nominatim"
    assert (square.name, square.kind, square.country_code) == ("Republic Square", "site", "KZ")
    asked = [r.params for r in fake.requests]
    assert asked and asked[0]["q"] == "Almaty\u2019s main square"
    assert asked[0]["countrycodes"] == "kz"  # the document's focus country
    assert {r["q"] for r in asked} == {"Almaty\u2019s main square"}  # the gazetteer placed the rest

    n = len(fake.requests)
    offline = resolve_spans(text, spans)
    assert len(fake.requests) == n
    assert offline[0].place is None or offline[0].place.name == "Almaty"
    city = offline[1].place
    assert city is not None and city.name == "Almaty" and city.source != "nominatim"


def _recognizer_finds_landmarks() -> bool:
    from incidentmap.model import Article
    from incidentmap.recognize import recognize

    start = LANDMARK_TEXT.index("main square")
    return any(m.start <= start < m.end for m in recognize(Article(id="probe", text=LANDMARK_TEXT)))


def test_pipeline_places_the_landmark_online_and_almaty_offline(fake, build):
    # Probed here, not at collection: a gazetteer being rebuilt must fail one test, not all.
    if not _recognizer_finds_landmarks():
        pytest.skip("the recognizer does not yet return landmark phrases such as "
                    "\"Almaty's main square\" as mentions (issue 3), so the pipeline never "
                    "asks the geocoder about them")
    from incidentmap.pipeline import places

    start = LANDMARK_TEXT.index("main square")

    def covering(toponyms):
        return next(t for t in toponyms if t.start <= start < t.end)

    on = covering(places(LANDMARK_TEXT, geocoder=build()))
    assert on.place is not None and on.place.name == "Republic Square"
    off = covering(places(LANDMARK_TEXT))
    assert off.place is not None and off.place.name == "Almaty"


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="needs os.fork")
def test_cache_opens_its_own_connection_after_a_fork(tmp_path):
    # SQLite connections must not cross a fork (a user's multiprocessing "fork" pool, or a
    # web server's workers): the child opens its own, like the gazetteer does.
    import os

    cache = GeocodeCache(tmp_path / "c.sqlite")
    key = GeocodeCache.key("nominatim", "http://x", "Almaty")
    cache.put(key, [{"n": 1}])
    parent_conn = id(cache._db())
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        try:
            ok = id(cache._db()) != parent_conn and cache.get(key) == [{"n": 1}]
            cache.put(GeocodeCache.key("nominatim", "http://x", "Astana"), [])
            os.write(w, b"1" if ok else b"0")
        finally:
            os._exit(0)
    os.close(w)
    os.waitpid(pid, 0)
    assert os.read(r, 1) == b"1"
    os.close(r)
    assert cache.get(GeocodeCache.key("nominatim", "http://x", "Astana")) == []
