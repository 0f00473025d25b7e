"""``incidentmap geocode`` and ``incidentmap geocode-cache``, against the local fake service."""

from __future__ import annotations

import json

import pytest
import typer
from typer.testing import CliRunner

from fake_geocoder import FakeGeocoder, Reply, closed_port_url
from incidentmap.cli import app
from incidentmap.cli.options import (GeocodeCacheOpt, GeocodeOpt, GeocoderOpt, GeocoderUrlOpt,
                                     echo_geocode_summary, geocoder_from_cli)
from incidentmap.geocode import ENV_VARS

runner = CliRunner()


@pytest.fixture(autouse=True)
def _isolated(monkeypatch, tmp_path):
    # Our own config and cache only; no delay between requests to the fake.
    for var in (*ENV_VARS.values(), "INCIDENTMAP_GEOCODER_API_KEY"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("INCIDENTMAP_CONFIG", str(tmp_path / "absent-config.toml"))
    monkeypatch.setenv("INCIDENTMAP_GEOCODE_CACHE", str(tmp_path / "cache.sqlite"))
    monkeypatch.setenv("INCIDENTMAP_GEOCODE_MIN_DELAY", "0")


@pytest.fixture()
def fake():
    with FakeGeocoder() as server:
        yield server


def run(*args: str):
    return runner.invoke(app, list(args))


def test_offline_lookup_prints_gazetteer_candidates_without_a_request(fake):
    r = run("geocode", "Almaty", "--country", "KZ")
    assert r.exit_code == 0, r.output
    header, *rows = r.stdout.splitlines()
    assert header.split()[:4] == ["source", "id", "name", "kind"]
    assert any(" Almaty " in row and " city " in row for row in rows)
    assert all("KZ" in row for row in rows)
    assert fake.requests == []


def test_online_lookup_adds_the_geocoder_candidates_as_json(fake):
    r = run("geocode", "Republic Square", "--country", "kz", "--geocoder-url", fake.url,
            "--format", "json")
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert doc["query"] == "Republic Square" and doc["countries"] == ["KZ"]
    online = [c for c in doc["candidates"] if c["source"] == "nominatim"]
    assert [c["id"] for c in online] == ["nominatim:way/4000001"]
    assert online[0]["kind"] == "site" and online[0]["country_code"] == "KZ"
    assert fake.requests[0].params["countrycodes"] == "kz"


def test_online_flag_uses_the_environment_and_photon(fake, monkeypatch):
    monkeypatch.setenv("INCIDENTMAP_GEOCODER", "photon")
    monkeypatch.setenv("INCIDENTMAP_GEOCODER_URL", fake.url)
    r = run("geocode", "Victoria", "--online", "--no-gazetteer", "--limit", "2")
    assert r.exit_code == 0, r.output
    rows = r.stdout.splitlines()[1:]
    assert [row.split()[0] for row in rows] == ["photon", "photon"]
    assert fake.requests[0].path == "/api"


def test_second_run_answers_from_the_cache(fake):
    for _ in range(2):
        r = run("geocode", "Zhanaozen", "--online", "--geocoder-url", fake.url, "--no-gazetteer")
        assert r.exit_code == 0 and "nominatim:node/4000005" in r.stdout
    assert len(fake.requests) == 1


def test_service_down_exits_1_with_one_error_line_after_the_gazetteer_answer(monkeypatch):
    monkeypatch.setenv("INCIDENTMAP_GEOCODE_RETRIES", "0")
    r = run("geocode", "Almaty", "--geocoder-url", closed_port_url(), "--country", "KZ")
    assert r.exit_code == 1
    assert "geonames" in r.stdout  # what the gazetteer knew is still printed
    errors = r.stderr.strip().splitlines()
    assert len(errors) == 1
    assert errors[0].startswith("Error: ") and "unreachable" in errors[0]


def test_rate_limited_service_says_so(fake, monkeypatch):
    monkeypatch.setenv("INCIDENTMAP_GEOCODE_RETRIES", "0")
    fake.plan("*", Reply(429, headers={"Retry-After": "30"}))
    r = run("geocode", "Almaty", "--geocoder-url", fake.url, "--no-gazetteer")
    assert r.exit_code == 1
    assert "HTTP 429" in r.stderr and "retry after 30s" in r.stderr


def test_nothing_found_offline_suggests_going_online(fake):
    r = run("geocode", "Republic Square")
    assert r.exit_code == 0
    assert r.stdout == ""
    assert "--online" in r.stderr
    assert fake.requests == []


def test_bad_country_code_is_a_usage_error():
    r = run("geocode", "Almaty", "--country", "Kazakhstan")
    assert r.exit_code == 2
    assert "alpha-2" in r.output


def test_bad_config_file_is_one_error_line(tmp_path, monkeypatch):
    cfg = tmp_path / "config.toml"
    cfg.write_text("[geocode]\nservice = 'nominatim'\nretry = 3\n", encoding="utf-8")
    monkeypatch.setenv("INCIDENTMAP_CONFIG", str(cfg))
    r = run("geocode", "Almaty", "--online")
    assert r.exit_code == 1
    assert r.stderr.strip().splitlines() == [r.stderr.strip()]
    assert "unknown key 'retry'" in r.stderr and str(cfg) in r.stderr


def test_sample_user_agent_is_refused(monkeypatch, fake):
    monkeypatch.setenv("INCIDENTMAP_USER_AGENT", "my-application")
    r = run("geocode", "Almaty", "--geocoder-url", fake.url)
    assert r.exit_code == 1 and "usage policy" in r.stderr
    assert fake.requests == []


def test_cache_stats_and_clear(fake, tmp_path):
    run("geocode", "Almaty", "--geocoder-url", fake.url, "--no-gazetteer")
    run("geocode", "Atlantis", "--geocoder-url", fake.url, "--no-gazetteer")
    r = run("geocode-cache", "stats", "--format", "json")
    assert r.exit_code == 0, r.output
    stats = json.loads(r.stdout)
    assert (stats["entries"], stats["with_results"], stats["without_results"]) == (2, 1, 1)
    assert stats["by_service"] == {"nominatim": 2}
    assert stats["path"] == str(tmp_path / "cache.sqlite")

    assert run("geocode-cache", "clear", "--expired").stderr.startswith("Deleted 0 ")
    r = run("geocode-cache", "clear")
    assert r.exit_code == 0 and "Deleted 2 cached answers" in r.stderr
    assert "entries: 0" in run("geocode-cache", "stats").stdout


def test_cache_commands_take_a_path_and_do_not_create_it(tmp_path):
    path = tmp_path / "elsewhere.sqlite"
    r = run("geocode-cache", "stats", "--cache", str(path))
    assert r.exit_code == 0 and "entries: 0" in r.stdout
    r = run("geocode-cache", "clear", "--cache", str(path))
    assert r.exit_code == 0 and "nothing to clear" in r.stderr
    assert not path.exists()


def test_help_documents_the_shared_geocoding_options():
    r = run("geocode", "--help")
    assert r.exit_code == 0
    for flag in ("--online", "--geocoder", "--geocoder-url", "--geocode-cache", "--country"):
        assert flag in r.stdout
    assert "INCIDENTMAP_GEOCODER_URL" in r.stdout


def test_user_gazetteer_entries_come_first(tmp_path):
    csv = tmp_path / "mine.csv"
    csv.write_text("name,alternate_names,lat,lon,kind,country\n"
                   "Republic Square,Respublika Alangy,43.2382,76.9453,site,KZ\n", encoding="utf-8")
    r = run("geocode", "Republic Square", "--gazetteer", str(csv), "--format", "json")
    assert r.exit_code == 0, r.output
    first = json.loads(r.stdout)["candidates"][0]
    assert first["name"] == "Republic Square" and first["kind"] == "site"


@pytest.mark.parametrize(("args", "expected"), [
    ([], "off"),
    (["--geocode"], "nominatim"),
    (["--no-geocode", "--geocoder", "photon"], "off"),
    (["--geocoder", "photon"], "photon"),
])
def test_shared_options_turn_geocoding_on_and_off(fake, args, expected, tmp_path):
    demo = typer.Typer()

    @demo.command()
    def places(geocode: GeocodeOpt = None, geocoder: GeocoderOpt = None,
               geocoder_url: GeocoderUrlOpt = None, geocode_cache: GeocodeCacheOpt = None):
        online = geocoder_from_cli(geocode, geocoder, geocoder_url, geocode_cache)
        typer.echo(online.service if online else "off")
        if online:
            online.geocode_place("Almaty")
        echo_geocode_summary(online)

    r = runner.invoke(demo, [*args, "--geocoder-url", fake.url] if expected != "off" else args)
    assert r.exit_code == 0, r.output
    assert r.stdout.strip() == expected
    if expected != "off":
        assert r.stderr.startswith(f"geocoding ({expected}): 1 requests")
    else:
        assert r.stderr == "" and fake.requests == []


def test_limit_applies_to_each_source_and_says_what_is_hidden(fake):
    r = run("geocode", "Victoria", "--geocoder-url", fake.url, "--limit", "2")
    assert r.exit_code == 0, r.output
    sources = [row.split()[0] for row in r.stdout.splitlines()[1:]]
    # Many places are called Victoria: two from the gazetteer, two from the geocoder.
    assert sources.count("nominatim") == 2 and len(sources) == 4
    assert "showing 2" in r.stderr


def _places_by_text(jsonl: str) -> dict[str, dict]:
    return {p["text"]: p for doc in map(json.loads, jsonl.splitlines()) for p in doc["places"]}


# Written for this test: a street the bundled gazetteer cannot know.
STREET_TEXT = ("Police dispersed a crowd on Kurmangazy Street in Almaty, Kazakhstan, "
               "witnesses said.\n")


def test_places_command_geocodes_what_the_gazetteer_lacks(fake, tmp_path):
    art = tmp_path / "street.txt"
    art.write_text(STREET_TEXT, encoding="utf-8")
    r = run("places", str(art), "--geocoder-url", fake.url, "--format", "jsonl")
    assert r.exit_code == 0, r.output
    records = _places_by_text(r.stdout)
    street = records["Kurmangazy Street"]
    assert (street["source"], street["place_id"]) == ("nominatim", "nominatim:way/4000009")
    assert records["Almaty"]["source"] != "nominatim"
    assert [q.params["q"] for q in fake.requests] == ["Kurmangazy Street"]
    assert "geocoding (nominatim): 1 requests" in r.stderr

    r = run("places", str(art), "--format", "jsonl")  # off: nothing sent, street unresolved
    assert r.exit_code == 0
    records = _places_by_text(r.stdout)
    assert records["Kurmangazy Street"]["place_id"] is None
    assert len(fake.requests) == 1


def test_places_command_completes_when_the_service_is_down(tmp_path, monkeypatch):
    monkeypatch.setenv("INCIDENTMAP_GEOCODE_RETRIES", "0")
    art = tmp_path / "street.txt"
    art.write_text(STREET_TEXT, encoding="utf-8")
    r = run("places", str(art), "--geocoder-url", closed_port_url(), "--format", "jsonl")
    assert r.exit_code == 0, r.output
    records = _places_by_text(r.stdout)
    assert records["Almaty"]["place_id"] is not None  # the gazetteer's work is kept
    assert records["Kurmangazy Street"]["place_id"] is None
    warnings = [line for line in r.stderr.splitlines() if line.startswith("Warning:")]
    assert len(warnings) == 1 and "unreachable" in warnings[0]
    assert "not geocoded: 1 (unreachable: 1): Kurmangazy Street" in r.stderr


def test_geocode_an_empty_name_is_a_usage_error():
    from typer.testing import CliRunner

    from incidentmap.cli import app

    r = CliRunner().invoke(app, ["geocode", "  "])
    assert r.exit_code == 2 and "place name" in r.output
