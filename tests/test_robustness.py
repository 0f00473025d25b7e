"""Hostile and odd input at the command line: one line that says what is wrong and what to
do, a non-zero exit, and no file left behind; or a correct result."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from incidentmap.cli import app

runner = CliRunner()

ARTICLE = ("Protesters set fire to the mayor's office in Almaty, Kazakhstan on Wednesday. "
           "Police killed 3 people in Aktobe.")


def _fails_cleanly(r, *words: str) -> str:
    """The run failed with exactly one 'Error:' line on stderr and no traceback."""
    err = r.stderr.strip()
    assert r.exit_code == 1, (r.exit_code, err, r.exception)
    assert "Traceback" not in err and "internal error" not in err, err
    assert len(err.splitlines()) == 1 and err.startswith("Error:"), err
    for w in words:
        assert w in err, err
    return err


def _files_in(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


# --- reading ----------------------------------------------------------------------------


def test_lone_surrogate_escaped_in_jsonl_becomes_a_replacement_character(tmp_path):
    # json.loads accepts "\ud800", but no output file can hold it.
    line = json.dumps({"id": "d\ud800", "text": "Riot in \ud800 Almaty. " + ARTICLE})
    src = tmp_path / "c.jsonl"
    src.write_text(line + "\n", encoding="utf-8")
    out = tmp_path / "events.csv"
    r = runner.invoke(app, ["extract", "-q", str(src), "-o", str(out), "--workers", "1"])
    assert r.exit_code == 0, r.stderr
    assert "\ufffd" in out.read_text(encoding="utf-8")

    r = runner.invoke(app, ["places", "-q", str(src), "--format", "jsonl"])
    assert r.exit_code == 0, r.stderr
    rec = json.loads(r.stdout)
    text = "Riot in \ufffd Almaty. " + ARTICLE
    # One character for one: offsets still index the text.
    assert all(text[p["start"]:p["end"]] == p["text"] for p in rec["places"])
    assert rec["places"] and rec["id"] == "d\ufffd"


@pytest.mark.parametrize("content", ["", "\n\n   \n"])
def test_an_empty_jsonl_file_is_an_error_and_writes_nothing(tmp_path, content):
    src = tmp_path / "c.jsonl"
    src.write_text(content, encoding="utf-8")
    out = tmp_path / "p.jsonl"
    r = runner.invoke(app, ["places", str(src), "-o", str(out)])
    _fails_cleanly(r, "empty")
    assert _files_in(tmp_path) == {"c.jsonl"}


def test_utf16_without_bom_is_named_and_reads_with_the_encoding_it_suggests(tmp_path):
    src = tmp_path / "a.txt"
    src.write_bytes(ARTICLE.encode("utf-16-le"))
    r = runner.invoke(app, ["places", str(src)])
    _fails_cleanly(r, "UTF-16", "--encoding utf-16-le")

    r = runner.invoke(app, ["places", "-q", str(src), "--encoding", "utf-16-le", "-f", "jsonl"])
    assert r.exit_code == 0, r.stderr
    names = [p["text"] for p in json.loads(r.stdout)["places"]]
    assert "Almaty" in names


def test_binary_data_under_an_explicit_encoding_still_fails_in_one_line(tmp_path):
    import random

    rnd = random.Random(7)
    src = tmp_path / "a.bin"
    src.write_bytes(bytes(rnd.randrange(256) for _ in range(4000)))
    for enc in ("utf-16-le", "latin-1"):
        r = runner.invoke(app, ["places", str(src), "--encoding", enc])
        _fails_cleanly(r)


def test_an_unreadable_file_in_a_folder_is_skipped_not_fatal(tmp_path, monkeypatch):
    # Root reads chmod-000 files, so the refusal is simulated where the bytes are read.
    (tmp_path / "news").mkdir()
    good = tmp_path / "news" / "a.txt"
    bad = tmp_path / "news" / "b.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    bad.write_text(ARTICLE, encoding="utf-8")
    real = Path.read_bytes

    def read_bytes(self):
        if self.name == "b.txt":
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    r = runner.invoke(app, ["places", str(tmp_path / "news"), "-f", "jsonl"])
    assert r.exit_code == 0, r.stderr
    assert [json.loads(x)["id"] for x in r.stdout.splitlines()] == [str(good)]
    assert "skipped 1 document: 1 cannot read it" in r.stderr

    r = runner.invoke(app, ["places", str(bad)])
    _fails_cleanly(r, "cannot read it", "Permission denied")


def test_an_empty_file_name_does_not_read_the_working_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    r = runner.invoke(app, ["places", ""])
    _fails_cleanly(r, "empty file name")


def test_skipped_summary_groups_reasons_without_stray_punctuation():
    from incidentmap.cli.common import skipped_summary
    from incidentmap.read import Skipped

    s = skipped_summary([Skipped("a", "empty, there is no text to read."),
                         Skipped("b", "empty, there is no text to read."),
                         Skipped("c", "not JSON (Expecting value)")])
    assert s == "skipped 3 documents: 2 empty, there is no text to read, 1 not JSON"


# --- options and outputs ----------------------------------------------------------------


@pytest.mark.parametrize("command", ["places", "extract", "render"])
def test_output_that_is_a_folder_is_one_line_even_with_overwrite(tmp_path, command):
    src = tmp_path / "a.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    folder = tmp_path / "out.html"
    folder.mkdir()
    r = runner.invoke(app, [command, str(src), "-o", str(folder), "--overwrite"])
    _fails_cleanly(r, "is a directory")
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("command", ["places", "extract", "render"])
def test_output_under_a_file_is_one_line_and_leaves_nothing(tmp_path, command):
    src = tmp_path / "a.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    r = runner.invoke(app, [command, str(src), "-o", str(src / "x.html")])
    _fails_cleanly(r, "is a file, not a folder")
    assert _files_in(tmp_path) == {"a.txt"}
    assert src.read_text(encoding="utf-8") == ARTICLE


@pytest.mark.parametrize("args, words", [
    (["--workers", "0"], ["--workers"]),
    (["--min-fatalities", "-1"], ["--min-fatalities"]),
])
def test_out_of_range_numbers_are_one_line_errors(tmp_path, args, words):
    src = tmp_path / "a.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    r = runner.invoke(app, ["extract", str(src), *args])
    _fails_cleanly(r, *words)


# --- incident files ---------------------------------------------------------------------


def test_csv_export_defuses_spreadsheet_formulas_and_reads_them_back(tmp_path):
    from incidentmap.export import read_incidents, write_incidents

    src = tmp_path / "a.txt"
    src.write_text('=HYPERLINK("http://example.invalid","x") ' + ARTICLE, encoding="utf-8")
    out = tmp_path / "events.csv"
    r = runner.invoke(app, ["extract", "-q", str(src), "-o", str(out), "--workers", "1"])
    assert r.exit_code == 0, r.stderr
    rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    cells = [v for row in rows for v in row.values() if v]
    assert not any(v.startswith(("=", "+", "@")) for v in cells)
    assert any(v.startswith("'=HYPERLINK") for v in cells)
    # Read back, the text is what the article said.
    back = read_incidents(out)
    assert any(e.text.startswith("=HYPERLINK") for inc in back for e in inc.evidence)

    # Numbers stay numbers: a western longitude is not text to defuse.
    rows[0]["longitude"] = "-76.9"
    edited = tmp_path / "edited.csv"
    with edited.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    again = tmp_path / "again.csv"
    write_incidents(read_incidents(edited), again)
    lons = [row["longitude"] for row in csv.DictReader(again.open(encoding="utf-8"))]
    assert "-76.9" in lons and not any(v.startswith("'") for v in lons)


@pytest.mark.parametrize("doc", [
    {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": ["a"]},
         "properties": {"type": "riot"}}]},
    {"type": "FeatureCollection", "features": [1, 2]},
    {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": None, "properties": [1]}]},
    {"type": "Feature", "geometry": None, "properties": {}},
])
def test_malformed_geojson_is_one_line(tmp_path, doc):
    src = tmp_path / "events.geojson"
    src.write_text(json.dumps(doc), encoding="utf-8")
    r = runner.invoke(app, ["query", str(src)])
    _fails_cleanly(r, "events.geojson")


def test_a_folder_or_broken_file_given_as_a_dataset_is_one_line(tmp_path):
    pytest.importorskip("geopandas")
    folder = tmp_path / "events.parquet"
    folder.mkdir()
    _fails_cleanly(runner.invoke(app, ["stats", str(folder)]), "events.parquet")
    # pyarrow's messages span lines; the user still gets one.
    (tmp_path / "bad.parquet").write_text("not parquet", encoding="utf-8")
    _fails_cleanly(runner.invoke(app, ["query", str(tmp_path / "bad.parquet")]), "bad.parquet")


def test_plot_into_a_folder_is_one_line(tmp_path):
    events = tmp_path / "events.jsonl"
    events.write_text(json.dumps({"type": "riot", "event_date": "2022-01-05",
                                  "latitude": 43.25, "longitude": 76.91}) + "\n",
                      encoding="utf-8")
    r = runner.invoke(app, ["stats", str(events), "--plot", str(tmp_path)])
    _fails_cleanly(r, "is a directory")


def test_a_bad_user_gazetteer_stops_a_dataset_run_before_writing_anything(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    gaz = tmp_path / "mine.csv"
    gaz.write_text("name,lat\nRepublic Square,abc\n", encoding="utf-8")
    out = tmp_path / "events.csv"
    r = runner.invoke(app, ["extract", str(src), "--gazetteer", str(gaz), "-o", str(out),
                            "--workers", "1"])
    _fails_cleanly(r, "mine.csv", "missing column")
    assert _files_in(tmp_path) == {"a.txt", "mine.csv"}


def test_places_output_dash_is_standard_output_not_a_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    r = runner.invoke(app, ["places", "a.txt", "-o", "-", "-f", "jsonl"])
    assert r.exit_code == 0, r.stderr
    assert json.loads(r.stdout)["id"] == "a.txt"
    assert _files_in(tmp_path) == {"a.txt"}
