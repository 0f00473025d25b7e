"""`incidentmap query` and `incidentmap stats` as a user runs them."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from incidentmap.cli import app
from incidentmap.export import read_incidents, write_incidents
from test_dataset import hand_made

runner = CliRunner()


@pytest.fixture()
def dataset(tmp_path):
    return write_incidents(hand_made(), tmp_path / "events.parquet")


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def test_query_prints_a_table_of_the_matching_events(dataset):
    res = run("query", dataset, "--type", "fire,protest", "--country", "FR")
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    assert lines[0].split()[:3] == ["date", "type", "place"]
    assert len(lines) == 4  # header + e4, e5, e6
    assert any("Lyon" in x and "2022-01-06" in x for x in lines)
    assert not any("Almaty" in x for x in lines)


def test_query_with_nothing_matching_says_so(dataset):
    res = run("query", dataset, "--since", "2030-01-01")
    assert res.exit_code == 0 and "no events match" in res.stdout


@pytest.mark.parametrize("suffix", [".csv", ".geojson", ".jsonl", ".gpkg", ".parquet"])
def test_query_writes_any_export_format(dataset, tmp_path, suffix):
    out = tmp_path / f"sel{suffix}"
    res = run("query", dataset, "--min-fatalities", "1", "-o", out)
    assert res.exit_code == 0, res.output
    assert sorted(i.id for i in read_incidents(out)) == ["e3", "e4"]


def test_query_refuses_to_overwrite(dataset, tmp_path):
    out = tmp_path / "sel.csv"
    out.write_text("keep\n", encoding="utf-8")
    res = run("query", dataset, "-o", out)
    assert res.exit_code == 1 and "--overwrite" in res.output
    assert out.read_text(encoding="utf-8") == "keep\n"
    assert run("query", dataset, "-o", out, "--overwrite").exit_code == 0


@pytest.mark.parametrize(
    "args, message",
    [
        (["--bbox", "1,2"], "W,S,E,N"),
        (["--since", "yesterday"], "YYYY-MM-DD"),
        (["--type", "picnic"], "unknown incident type"),
    ],
)
def test_query_bad_options_are_one_line_errors(dataset, args, message):
    res = run("query", dataset, *args)
    assert res.exit_code == 1
    assert message in res.output and "Traceback" not in res.output


def test_query_on_a_missing_or_malformed_file(tmp_path):
    res = run("query", tmp_path / "nope.csv")
    assert res.exit_code == 1 and "does not exist" in res.output
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"type": "fire"}\n{oops\n', encoding="utf-8")
    res = run("query", bad)
    assert res.exit_code == 1 and "bad.jsonl, line 2" in res.output


def test_query_source_filter_on_a_jsonl_dataset(tmp_path):
    ds = write_incidents(hand_made(), tmp_path / "events.jsonl")
    res = run("query", ds, "--source", "Wire", "-o", tmp_path / "w.jsonl")
    assert res.exit_code == 0
    (rec,) = [json.loads(x) for x in (tmp_path / "w.jsonl").read_text(encoding="utf-8").splitlines()]
    assert rec["id"] == "e3"


def test_stats_prints_counts_and_shares(dataset):
    res = run("stats", dataset)
    assert res.exit_code == 0, res.output
    out = res.stdout
    assert "6 events" in out
    assert "day-precise dates" in out and "83.3%" in out
    for word in ("protest", "2022-01", "2022-02", "undated"):
        assert word in out


def test_stats_plot_writes_a_png(dataset, tmp_path):
    pytest.importorskip("matplotlib")
    png = tmp_path / "weekly.png"
    res = run("stats", dataset, "--plot", png)
    assert res.exit_code == 0, res.output
    assert png.read_bytes()[:4] == b"\x89PNG"
    res = run("stats", dataset, "--plot", png)
    assert res.exit_code == 1 and "--overwrite" in res.output
