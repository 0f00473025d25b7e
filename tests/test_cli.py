"""The command line as a user meets it: help, errors, exit codes, start-up cost."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from incidentmap.cli import app

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()


def _commands():
    import typer.main

    group = typer.main.get_command(app)
    return group.commands


def test_cli_every_command_has_help_with_an_example_and_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = _commands()
    assert {"places", "extract", "render"} <= set(commands)
    for name, cmd in commands.items():
        assert cmd.help and "Example:" in cmd.help, f"{name}: help needs an Example:"
        assert f"incidentmap {name}" in readme, f"README.md does not mention `incidentmap {name}`"


def test_cli_import_does_not_load_heavy_libraries():
    code = ("import sys, incidentmap.cli, incidentmap; "
            "heavy = [m for m in ('folium', 'pandas', 'geopy', 'shapely', 'numpy') if m in sys.modules]; "
            "print(','.join(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_cli_version():
    r = runner.invoke(app, ["--version"])
    assert r.exit_code == 0 and r.output.startswith("incidentmap ")


@pytest.mark.parametrize("content, message", [
    (b"", "empty, there is no text"),
    (b"\x00\x01\x02\x03binary\x00", "looks binary"),
    ("Caf\u00e9 in Montr\u00e9al".encode("cp1252"), "not UTF-8"),
])
@pytest.mark.parametrize("command", ["places", "extract"])
def test_cli_bad_input_one_line_error_nonzero_exit_no_output_file(tmp_path, content, message, command):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    out = tmp_path / "out.jsonl"
    r = runner.invoke(app, [command, str(bad), "-o", str(out)])
    assert r.exit_code == 1
    err = r.stderr.strip()
    assert err.startswith("Error: ") and message in err and "\n" not in err
    assert "Traceback" not in r.output
    assert not out.exists() and not list(tmp_path.glob(".out.jsonl.*"))


@pytest.mark.parametrize("command", ["places", "extract"])
def test_cli_missing_file(tmp_path, command):
    r = runner.invoke(app, [command, str(tmp_path / "nope.txt")])
    assert r.exit_code == 1 and "no such file" in r.stderr


def test_cli_refuses_to_overwrite_without_flag(tmp_path, seed_path):
    out = tmp_path / "p.jsonl"
    out.write_text("keep me")
    r = runner.invoke(app, ["places", str(seed_path), "-o", str(out)])
    assert r.exit_code == 1 and "--overwrite" in r.stderr
    assert out.read_text() == "keep me"


def test_cli_places_jsonl_contract_on_the_seed(seed_path):
    r = runner.invoke(app, ["places", str(seed_path), "--format", "jsonl"])
    assert r.exit_code == 0, r.output
    (line,) = r.stdout.strip().splitlines()
    doc = json.loads(line)
    assert doc["id"] == str(seed_path)
    keys = {"start", "end", "text", "kind", "name", "geonameid", "feature", "country_code",
            "admin1", "lat", "lon", "confidence"}
    text = seed_path.read_text(encoding="utf-8")
    names = set()
    for p in doc["places"]:
        assert keys <= set(p)
        assert text[p["start"]:p["end"]] == p["text"]
        if p["kind"] == "place":
            names.add(p["name"])
    assert {"Almaty", "Kazakhstan", "Russia"} <= names


def test_cli_places_stdin_and_corpus_with_a_bad_line(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"id": "a", "text": "Floods hit Dhaka, Bangladesh."}\nnot json\n')
    r = runner.invoke(app, ["places", str(corpus), "--format", "jsonl"])
    assert r.exit_code == 0
    assert [json.loads(x)["id"] for x in r.stdout.splitlines()] == ["a"]
    assert "skipped 1 document" in r.stderr
    r = runner.invoke(app, ["places", "-", "--format", "json"], input="Police clashed with miners in Santiago, Chile.")
    assert r.exit_code == 0
    (doc,) = json.loads(r.stdout)
    assert "Chile" in {p["name"] for p in doc["places"]}


def test_cli_places_resolve_only_spans(tmp_path):
    corpus = tmp_path / "s.jsonl"
    text = "The storm reached Galveston on Friday."
    start = text.index("Galveston")
    corpus.write_text(json.dumps({"id": "s", "text": text,
                                  "spans": [{"start": start, "end": start + 9}]}))
    r = runner.invoke(app, ["places", str(corpus), "--format", "jsonl"])
    assert r.exit_code == 0, r.output
    (p,) = json.loads(r.stdout)["places"]
    assert (p["text"], p["country_code"]) == ("Galveston", "US")


def test_cli_extract_filters_and_csv_output(tmp_path, seed_path):
    out = tmp_path / "inc.csv"
    r = runner.invoke(app, ["extract", str(seed_path), "--type", "arson", "-o", str(out)])
    assert r.exit_code == 0, r.output
    header, *rows = out.read_text(encoding="utf-8").splitlines()
    assert header.startswith("event_date,event_type,sub_event_type,actor1,country,admin1,location,latitude,longitude")
    assert rows and all(",arson," in row or "arson" in row for row in rows)
    r = runner.invoke(app, ["extract", str(seed_path), "--type", "bombardment"])
    assert r.exit_code == 1 and "unknown incident type" in r.stderr


def test_cli_extract_warns_once_without_publication_date(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("Protesters set fire to the town hall in Lyon on Thursday.")
    r = runner.invoke(app, ["extract", str(p)])
    assert r.exit_code == 0
    assert r.stderr.count("--date") == 1


def _two_reports_of_one_fire(tmp_path):
    for name, text, meta in [
        ("a", "A fire destroyed a warehouse in Lyon, France, on Monday, firefighters said.",
         {"published": "2023-03-08", "publisher": "Le Progres"}),
        ("b", "Two people were hurt when a blaze gutted a warehouse in Lyon, France, on Monday.",
         {"published": "2023-03-07", "publisher": "Lyon Capitale"}),
    ]:
        (tmp_path / f"{name}.txt").write_text(text)
        (tmp_path / f"{name}.meta.json").write_text(json.dumps(meta))
    return [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]


def test_cli_extract_then_render_one_event_from_two_articles_lists_both_sources(tmp_path):
    files = _two_reports_of_one_fire(tmp_path)
    events = tmp_path / "events.jsonl"
    r = runner.invoke(app, ["extract", *files, "-o", str(events), "--workers", "1"])
    assert r.exit_code == 0, r.output
    (ev,) = [json.loads(line) for line in events.read_text().splitlines()]
    assert (ev["type"], ev["place_name"], ev["date"], ev["n_sources"]) == ("fire", "Lyon", "2023-03-06", 2)
    reports = [json.loads(line) for line in (tmp_path / "events.reports.jsonl").read_text().splitlines()]
    assert sorted(x["doc_id"] for x in reports) == sorted(files)
    out = tmp_path / "m.html"
    r = runner.invoke(app, ["render", str(events), "-o", str(out), "--tiles", "none"])
    assert r.exit_code == 0, r.output
    html = out.read_text(encoding="utf-8")
    assert '"ss":[0,1]' in html and "Le Progres" in html and "Lyon Capitale" in html


def test_cli_extract_filters_with_append_are_refused(tmp_path):
    files = _two_reports_of_one_fire(tmp_path)
    r = runner.invoke(app, ["extract", *files, "-o", str(tmp_path / "e.csv"), "--append",
                            "--type", "fire"])
    assert r.exit_code == 1 and "incidentmap query" in r.stderr


def test_cli_huge_file_is_refused_before_reading(tmp_path, monkeypatch):
    import incidentmap.read as read

    monkeypatch.setattr(read, "MAX_DOCUMENT_BYTES", 10_000)
    big = tmp_path / "big.txt"
    big.write_text("Protesters marched in Paris. " * 1000)
    r = runner.invoke(app, ["places", str(big)])
    assert r.exit_code == 1 and "too large" in r.stderr and "\n" not in r.stderr.strip()


@pytest.mark.parametrize("args, message", [
    (["places", "--bogus", "x.txt"], "No such option: --bogus."),
    (["places", "--format", "xml", "x.txt"], "'xml' is not one of"),
    (["places"], "Missing argument"),
    (["nosuch"], "No such command 'nosuch'."),
])
def test_cli_usage_errors_are_one_line_with_the_help_to_read(args, message):
    r = runner.invoke(app, args)
    assert r.exit_code == 2
    err = r.stderr.strip()
    assert err.startswith("Error: ") and message in err and "--help'." in err and "\n" not in err
