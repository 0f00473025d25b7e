"""`incidentmap render`: inputs, filters, output path, --embed, errors."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from _map_incidents import map_data, sample
from incidentmap.cli import app

try:  # click >= 8.2 separates the streams by default and has no mix_stderr
    runner = CliRunner(mix_stderr=False)
except TypeError:
    runner = CliRunner()


@pytest.fixture()
def incident_file(tmp_path):
    path = tmp_path / "kz-incidents.jsonl"
    path.write_text("".join(json.dumps(i.to_record()) + "\n" for i in sample()),
                    encoding="utf-8")
    return path


def _types(path):
    return sorted(t["k"] for t in map_data(path.read_text(encoding="utf-8"))["types"])


def test_render_an_incident_file_prints_path_and_summary(tmp_path, incident_file):
    out = tmp_path / "out" / "map.html"
    r = runner.invoke(app, ["render", str(incident_file), "-o", str(out), "--tiles", "none"])
    assert r.exit_code == 0, r.output
    assert r.stdout.strip() == str(out)
    assert "10 incidents, 8 types" in r.stderr
    html = out.read_text(encoding="utf-8")
    assert len(map_data(html)["features"]["features"]) == 10


def test_default_output_is_maps_slash_first_input_stem(tmp_path, incident_file, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = runner.invoke(app, ["render", str(incident_file), "--tiles", "none"])
    assert r.exit_code == 0, r.output
    assert (tmp_path / "maps" / "kz-incidents.html").exists()


def test_filters_choose_what_is_drawn(tmp_path, incident_file):
    out = tmp_path / "m.html"
    r = runner.invoke(app, ["render", str(incident_file), "-o", str(out), "--type", "arson,protest",
                            "--since", "2022-01-03", "--until", "2022-01-05"])
    assert r.exit_code == 0, r.output
    feats = map_data(out.read_text(encoding="utf-8"))["features"]["features"]
    got = sorted((f["properties"]["t"], f["properties"]["d"]) for f in feats)
    assert got == [("arson", "2022-01-05"), ("arson", "2022-01-05"), ("protest", "2022-01-04")]


def test_min_fatalities_and_country(tmp_path, incident_file):
    out = tmp_path / "m.html"
    r = runner.invoke(app, ["render", str(incident_file), "-o", str(out), "--min-fatalities", "10",
                            "--country", "KZ"])
    assert r.exit_code == 0, r.output
    assert _types(out) == ["casualty_report", "protest"]


def test_title_caption_timeline_heatmap(tmp_path, incident_file):
    out = tmp_path / "m.html"
    r = runner.invoke(app, ["render", str(incident_file), "-o", str(out), "--title",
                            "Unrest <b>now</b>", "--caption", "From one report", "--timeline",
                            "--heatmap", "--width", "800", "--height", "600"])
    assert r.exit_code == 0, r.output
    html = out.read_text(encoding="utf-8")
    assert "<h1 class=\"im-title\">Unrest &lt;b&gt;now&lt;/b&gt;</h1>" in html
    assert "From one report" in html
    opts = map_data(html)["options"]
    assert opts["timeline"] and opts["heatmap"]


def test_embed_prints_and_saves_the_iframe(tmp_path, incident_file):
    out = tmp_path / "story.html"
    r = runner.invoke(app, ["render", str(incident_file), "-o", str(out), "--embed"])
    assert r.exit_code == 0, r.output
    snippet = (tmp_path / "story.embed.html").read_text(encoding="utf-8").strip()
    assert snippet.startswith('<iframe src="story.html"') and snippet in r.stdout


def test_refuses_to_overwrite_without_the_option(tmp_path, incident_file):
    out = tmp_path / "m.html"
    assert runner.invoke(app, ["render", str(incident_file), "-o", str(out)]).exit_code == 0
    r = runner.invoke(app, ["render", str(incident_file), "-o", str(out)])
    assert r.exit_code == 1
    assert r.stderr.startswith("Error: ") and "--overwrite" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    r = runner.invoke(app, ["render", str(incident_file), "-o", str(out), "--overwrite"])
    assert r.exit_code == 0, r.output


@pytest.mark.parametrize("args, words", [
    (["--tiles", "satellite"], "--tiles"),
    (["--type", "picnic"], "unknown incident type"),
    (["--since", "yesterday"], "YYYY-MM-DD"),
    (["-o", "map.png"], ".html"),
    (["--width", "wide"], "width"),
])
def test_bad_options_give_one_line_errors(tmp_path, incident_file, monkeypatch, args, words):
    monkeypatch.chdir(tmp_path)
    r = runner.invoke(app, ["render", str(incident_file), *args])
    assert r.exit_code == 1, r.output
    assert r.stderr.startswith("Error: ") and words in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


def test_missing_input_is_an_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = runner.invoke(app, ["render", "nope.jsonl"])
    assert r.exit_code == 1 and r.stderr.startswith("Error: ")
    assert not (tmp_path / "maps" / "nope.html").exists()


def test_render_an_article_mixed_with_an_incident_file(tmp_path, incident_file):
    article = tmp_path / "note.txt"
    article.write_text("Protesters set fire to the city hall in Lyon on Monday.\n", encoding="utf-8")
    out = tmp_path / "m.html"
    r = runner.invoke(app, ["render", str(incident_file), str(article), "--date", "2023-07-04",
                            "-o", str(out), "--tiles", "none"])
    assert r.exit_code == 0, r.output
    feats = map_data(out.read_text(encoding="utf-8"))["features"]["features"]
    assert len(feats) == 11
    lyon = [f["properties"] for f in feats if f["properties"]["pn"] == "Lyon"]
    assert [(p["t"], p["d"]) for p in lyon] == [("arson", "2023-07-03")]
    # the credit line names the article as well as the two sources of the incident file
    assert len(map_data(out.read_text(encoding="utf-8"))["sources"]) == 3


def test_same_input_same_bytes_across_processes(tmp_path, incident_file):
    import os
    import subprocess
    import sys

    outs = []
    for seed in ("1", "2"):
        out = tmp_path / f"m{seed}.html"
        env = dict(os.environ, PYTHONHASHSEED=seed)
        subprocess.run([sys.executable, "-c", "from incidentmap.cli import main; main()",
                        "render", str(incident_file),
                        "-o", str(out), "--timeline", "--heatmap"], env=env, check=True,
                       capture_output=True)
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]


@pytest.mark.parametrize("first, expected", [
    ("seeds/kazakhstan-unrest-nypost-2022-01-07.txt", "maps/kazakhstan-unrest-nypost-2022-01-07.html"),
    ("news/corpus.jsonl.gz", "maps/corpus.html"),
    ("events.geojson", "maps/events.html"),
    ("articles/", "maps/articles.html"),
    ("-", "maps/stdin.html"),
])
def test_default_output_name(first, expected):
    from pathlib import Path

    from incidentmap.cli.render import default_output

    assert default_output(first) == Path(expected)


def test_seed_article_map_shows_its_incidents_at_the_right_places(tmp_path, seed_path):
    """Issue 5's check: the seed's map shows the extraction issue's incidents where they
    happened (tolerant of extra incidents; the incident rules are tested elsewhere)."""
    out = tmp_path / "seed.html"
    r = runner.invoke(app, ["render", str(seed_path), "-o", str(out), "--tiles", "none"])
    assert r.exit_code == 0, r.output
    data = map_data(out.read_text(encoding="utf-8"))
    feats = [(f["properties"], f["geometry"]["coordinates"]) for f in data["features"]["features"]]

    def near(c, lat, lon, tol):
        return abs(c[1] - lat) < tol and abs(c[0] - lon) < tol

    assert any(p["t"] == "seizure" and near(c, 43.35, 77.04, 0.05) for p, c in feats)  # airport
    assert any(p["t"] == "arson" and near(c, 43.25, 76.92, 0.1) for p, c in feats)     # Almaty
    assert any(p["t"] == "deployment" and p.get("o") and p["o"][2] == "Russia"
               and p["pl"] == "somewhere in Kazakhstan" for p, c in feats)
    for t in ("emergency_measure", "comms_shutdown"):
        assert any(p["t"] == t and p["v"] == 1 and p["pl"] == "somewhere in Kazakhstan"
                   for p, c in feats)
    assert [a["cc"] for a in data["areas"]] == ["KZ"]
    assert "Incidents in Kazakhstan" in out.read_text(encoding="utf-8")
