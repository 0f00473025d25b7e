"""Datasets: deduplication across articles, append, resume, filters and stats."""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest

from incidentmap.dataset import (
    build_dataset, dataset_stats, deduplicate, filter_frame, format_stats, plot_weekly,
    read_dataset, reports_path, same_event, skipped_path, state_path,
)
from incidentmap.errors import IncidentmapError, InputError, OutputError
from incidentmap.export import read_incidents, to_dataframe
from incidentmap.filters import filter_incidents
from incidentmap.model import Actor, Article, Count, Evidence, Incident, Place, stable_id

HERE = Path(__file__).resolve().parent

# A stand-in for pipeline.process_article: it understands only the few words of the
# sentences written below, so these tests exercise the dataset logic, not the extractor.
PLACES = {
    "Lyon": Place("t:lyon", "Lyon", "city", 45.764, 4.8357, "FR", "Auvergne-Rhone-Alpes"),
    "Villeurbanne": Place("t:villeurbanne", "Villeurbanne", "city", 45.7667, 4.8803, "FR", "Auvergne-Rhone-Alpes"),
    "Paris": Place("t:paris", "Paris", "city", 48.8534, 2.3488, "FR", "Ile-de-France"),
    "France": Place("t:france", "France", "country", 46.0, 2.0, "FR"),
    "Almaty": Place("t:almaty", "Almaty", "city", 43.25, 76.9167, "KZ", "Almaty"),
    "Astana": Place("t:astana", "Astana", "city", 51.1801, 71.446, "KZ", "Astana"),
    "Kazakhstan": Place("t:kz", "Kazakhstan", "country", 48.0, 68.0, "KZ"),
}
TYPES = {"fire": "fire", "blaze": "fire", "protest": "protest", "rally": "protest", "arrested": "arrest"}
WORDS = re.compile(r"\b(" + "|".join(TYPES) + r")\b")
PLACE_RE = re.compile(r"\b(" + "|".join(PLACES) + r")\b")
DATE_RE = re.compile(r"\b(\d{4}-\d{2}-\d{2})\b")
DEAD_RE = re.compile(r"\b(\d+) (?:dead|killed|people died)")


def standin_process(article: Article) -> list[Incident]:
    """One incident per sentence naming a type word and a place (picklable: module level)."""
    if "CRASH" in article.text:
        raise RuntimeError("the extractor choked")
    out = []
    for m in re.finditer(r"[^.]+\.", article.text):
        sent = m.group(0)
        t, p = WORDS.search(sent), PLACE_RE.search(sent)
        if not (t and p):
            continue
        d = DATE_RE.search(sent)
        dead = DEAD_RE.search(sent)
        place = PLACES[p.group(1)]
        typ = TYPES[t.group(1)]
        out.append(Incident(
            id=stable_id(article.id, typ, m.start()), type=typ, subtype=None,
            event_type="Riots" if typ == "protest" else "Violence against civilians",
            sub_event_type="", date=dt.date.fromisoformat(d.group(1)) if d else article.published,
            date_precision="day" if d or article.published else "unknown", place=place,
            geo_precision=place.precision, source=article.source(),
            evidence=(Evidence(m.start(), m.end(), sent.strip()),),
            fatalities=Count(int(dead.group(1)), True, dead.group(0)) if dead else None,
            actors=(Actor("protesters", "protesters"),) if typ == "protest" else (),
            confidence=0.7,
        ))
    return out


def doc(i, text, pub="2023-07-04", publisher=None):
    return Article(id=f"doc-{i}", text=text, published=dt.date.fromisoformat(pub),
                   publisher=publisher or f"Paper {i}", title=f"Story {i}", url=f"https://example.org/{i}")


def corpus() -> list:
    """Two papers telling the same Lyon fire, a second Lyon fire three days later, a protest
    told at town and at country level, a protest elsewhere in the same country."""
    return [
        doc(1, "A fire gutted a warehouse in Lyon on 2023-07-03. 2 dead, firefighters said."),
        doc(2, "Firefighters fought a blaze in Villeurbanne on 2023-07-03 that left 2 dead.", publisher="Other"),
        doc(3, "Another fire broke out in Lyon on 2023-07-06. Nobody was hurt."),
        doc(4, "A protest filled the streets of Almaty on 2023-07-02."),
        doc(5, "Thousands joined a rally in Kazakhstan on 2023-07-02 over fuel prices."),
        doc(6, "A protest also took place in Astana on 2023-07-02."),
        doc(7, "Police said nothing happened today."),
    ]


def build(out, articles=None, **kw):
    kw.setdefault("process", standin_process)
    kw.setdefault("progress", False)
    kw.setdefault("batch_size", 2)
    return build_dataset(corpus() if articles is None else articles, out, **kw)


# --------------------------------------------------------------------------- deduplication


def test_same_event_from_two_articles_becomes_one_event_with_both_sources(tmp_path):
    out = tmp_path / "events.jsonl"
    summary = build(out)
    events = read_incidents(out)
    fires = sorted((e for e in events if e.type == "fire"), key=lambda e: e.date)
    assert [e.date for e in fires] == [dt.date(2023, 7, 3), dt.date(2023, 7, 6)]
    first = fires[0]
    assert first.extra["n_sources"] == 2
    assert {s["doc_id"] for s in first.extra["sources"]} == {"doc-1", "doc-2"}
    assert {e.text[:10] for e in first.evidence} == {"A fire gut", "Firefighte"}
    assert first.fatalities.value == 2
    # The audit table keeps each article's report, pointing at its event.
    reports = read_incidents(reports_path(out))
    assert len(reports) == summary.reports_total == 6
    assert {r.source.doc_id for r in reports if r.extra["event_id"] == first.id} == {"doc-1", "doc-2"}
    assert summary.events == len(events) == 4


def test_two_fires_in_one_town_on_different_days_stay_apart():
    a, b = standin_process(corpus()[0])[0], standin_process(corpus()[2])[0]
    assert not same_event(a, b)
    events, _ = deduplicate([a, b])
    assert len(events) == 2


def test_a_town_report_merges_with_its_country_but_two_towns_do_not_chain(tmp_path):
    reps = [r for d in corpus()[3:6] for r in standin_process(d)]
    events, event_of = deduplicate(reps)
    by_doc = {r.source.doc_id: event_of[r.id] for r in reps}
    # Almaty and Astana, 1,000 km apart, stay two protests although each is inside
    # Kazakhstan; the country-wide report joins one of them (the first reported: Almaty).
    assert by_doc["doc-4"] != by_doc["doc-6"]
    assert len(events) == 2
    assert by_doc["doc-5"] == by_doc["doc-4"]
    merged = next(e for e in events if e.extra["n_sources"] == 2)
    assert merged.place.name == "Almaty"  # the finer place speaks for the event


def _fire(doc_id, day=3, dead=None, place="Lyon", actors=(), subtype=None, typ="fire"):
    return Incident(
        id=stable_id(doc_id, day, dead, place), type=typ, subtype=subtype, event_type="", sub_event_type="",
        date=dt.date(2023, 7, day), date_precision="day", place=PLACES[place],
        geo_precision=PLACES[place].precision,
        source=Article(doc_id, "x", published=dt.date(2023, 7, 7)).source(),
        fatalities=Count(dead, True, f"{dead} dead") if dead is not None else None, actors=actors,
    )


@pytest.mark.parametrize(
    "a, b, same",
    [
        (_fire("a"), _fire("b", day=4), True),  # a day apart: a late report
        (_fire("a"), _fire("b", day=5), False),
        (_fire("a", dead=3), _fire("b", dead=5), True),  # a toll that grew
        (_fire("a", dead=3), _fire("b", dead=40), False),
        (_fire("a"), _fire("b", place="Paris"), False),
        (_fire("a"), _fire("b", place="Villeurbanne"), True),  # 3.5 km apart
        (_fire("a"), _fire("a"), False),  # one article: the extractor already merged its own
        (_fire("a", subtype="fire"), _fire("b", subtype="blaze"), True),  # wording only
        (_fire("a", typ="emergency_measure", subtype="curfew"),
         _fire("b", typ="emergency_measure", subtype="state of emergency"), False),
        (_fire("a", typ="seizure", subtype="taken by protesters"),
         _fire("b", typ="seizure", subtype="retaken by state forces"), False),
        (_fire("a", typ="seizure", subtype="taken by protesters"),
         _fire("b", typ="seizure", subtype="taken by rioters"), True),
        (_fire("a", actors=(Actor("police", "state forces"),)),
         _fire("b", actors=(Actor("rioters", "rioters"),)), False),
    ],
)
def test_matching_rule(a, b, same):
    assert same_event(a, b) is same
    assert same_event(b, a) is same


def test_undated_reports_are_never_merged():
    a, b = _fire("a"), _fire("b")
    a = Incident(**{**a.__dict__, "date": None, "date_precision": "unknown"})
    b = Incident(**{**b.__dict__, "date": None, "date_precision": "unknown"})
    assert len(deduplicate([a, b])[0]) == 2


def test_dataset_does_not_depend_on_document_order(tmp_path):
    docs = corpus()
    build(tmp_path / "a.jsonl", docs)
    random.Random(7).shuffle(docs)
    build(tmp_path / "b.jsonl", docs, batch_size=3)
    assert (tmp_path / "a.jsonl").read_bytes() == (tmp_path / "b.jsonl").read_bytes()
    assert (tmp_path / "a.reports.jsonl").read_bytes() == (tmp_path / "b.reports.jsonl").read_bytes()


# --------------------------------------------------------------------------- append, safety


def test_append_merges_new_articles_and_twice_adds_nothing(tmp_path):
    out = tmp_path / "events.parquet"
    build(out, corpus()[:1])
    (first_id,) = [e.id for e in read_incidents(out)]
    later = [doc(2, "Firefighters fought a blaze in Villeurbanne on 2023-07-03 that left 2 dead."),
             doc(8, "A protest took place in Paris on 2023-07-05.")]
    s1 = build(out, later, append=True)
    assert (s1.reports_new, s1.events) == (2, 2)
    fire = next(e for e in read_incidents(out) if e.type == "fire")
    assert fire.extra["n_sources"] == 2  # the new article joined the event already there
    assert fire.id == first_id  # named by its first report: ids stay stable as sources come
    before = (out.read_bytes(), reports_path(out).read_bytes())
    s2 = build(out, later, append=True)
    assert s2.reports_new == 0 and s2.documents == 0 and s2.already_in_dataset == 2
    assert (out.read_bytes(), reports_path(out).read_bytes()) == before


def test_existing_dataset_is_not_touched_without_a_flag(tmp_path):
    out = tmp_path / "events.jsonl"
    build(out)
    before = out.read_bytes()
    with pytest.raises(OutputError, match="--overwrite"):
        build(out)
    with pytest.raises(OutputError, match="--append"):
        build(out, resume=True)
    assert out.read_bytes() == before
    build(out, overwrite=True)
    assert out.read_bytes() == before


def test_skipped_and_failed_documents_are_counted_with_reasons(tmp_path):
    from incidentmap.read import Skipped

    docs = corpus()[:2] + [Skipped("corpus.jsonl:3", "not JSON: Expecting value"),
                           doc(9, "CRASH in Lyon."), Skipped("bad.txt", "empty text")]
    out = tmp_path / "events.csv"
    s = build(out, docs)
    assert (s.skipped, s.failed, s.documents) == (2, 1, 3)
    lines = [json.loads(x) for x in skipped_path(out).read_text(encoding="utf-8").splitlines()]
    assert {x["where"] for x in lines} == {"corpus.jsonl:3", "bad.txt", "doc-9"}
    assert any("choked" in x["reason"] for x in lines)
    assert "3 documents skipped" in s.describe()
    assert read_incidents(out)[0].extra["n_sources"] == 2  # good documents were not lost


# --------------------------------------------------------------------------- resume


def big_corpus(n=40):
    towns = ["Lyon", "Paris", "Almaty", "Astana"]
    return [doc(i, f"A fire hit {towns[i % 4]} on 2023-07-{1 + i % 20:02d}. A protest in "
                   f"{towns[(i + 1) % 4]} on 2023-07-{1 + i % 9:02d}.") for i in range(n)]


def killing_process(article: Article) -> list[Incident]:
    """Kills its own process at one document, as the OOM killer or `kill -9` would."""
    if article.id == os.environ.get("INCIDENTMAP_TEST_KILL_AT"):
        os.kill(os.getpid(), 9)
    return standin_process(article)


_RUN = """
import sys
sys.path.insert(0, {here!r})
import test_dataset as t
from incidentmap.dataset import build_dataset
build_dataset(t.big_corpus(), {out!r}, process=t.killing_process, batch_size=4, progress=False,
              workers={workers})
"""


@pytest.mark.parametrize("workers", [1, 2])
def test_killed_run_resumes_to_the_identical_dataset(tmp_path, workers):
    clean = tmp_path / "clean.parquet"
    build(clean, big_corpus(), batch_size=4)

    out = tmp_path / "events.parquet"
    env = {**os.environ, "INCIDENTMAP_TEST_KILL_AT": "doc-22"}
    code = _RUN.format(here=str(HERE), out=str(out), workers=workers)
    res = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert res.returncode != 0  # SIGKILL (1 process) or a dead worker (2)
    assert not out.exists() and state_path(out).exists()
    with pytest.raises(OutputError, match="--resume"):
        build(out, big_corpus())

    s = build(out, big_corpus(), resume=True, batch_size=4, workers=workers)
    assert s.resumed >= 4 and s.resumed + s.documents == 40
    assert out.read_bytes() == clean.read_bytes()
    assert reports_path(out).read_bytes() == reports_path(clean).read_bytes()
    assert not state_path(out).exists()


def test_torn_last_line_of_the_state_is_ignored(tmp_path):
    out = tmp_path / "events.jsonl"
    clean = tmp_path / "clean.jsonl"
    build(clean, big_corpus(12))
    # An interrupted run: the header and one batch, then half a line.
    sp = state_path(out)
    build(tmp_path / "seed.jsonl", big_corpus(4), batch_size=4)
    first = [Incident.to_record(r) for d in big_corpus(4) for r in standin_process(d)]
    sp.write_text(
        json.dumps({"kind": "header", "version": 1, "append": False, "format": "jsonl"}) + "\n"
        + json.dumps({"kind": "batch", "docs": [f"doc-{i}" for i in range(4)], "reports": first,
                      "failed": []}) + "\n" + '{"kind": "batch", "docs": ["doc-4"', encoding="utf-8")
    s = build(out, big_corpus(12), resume=True)
    assert (s.resumed, s.documents) == (4, 8)
    assert out.read_bytes() == clean.read_bytes()


# --------------------------------------------------------------------------- query, stats


def hand_made() -> list[Incident]:
    """Six events across types, dates, countries and publishers."""
    def inc(i, typ, day, place, dead=None, publisher="Daily Example", month=1):
        p = PLACES[place]
        return Incident(
            id=f"e{i}", type=typ, subtype=None, event_type="", sub_event_type="",
            date=dt.date(2022, month, day) if day else None, date_precision="day" if day else "unknown",
            place=p, geo_precision=p.precision,
            source=Article(f"doc-{i}", "x", publisher=publisher, url=f"https://{publisher.split()[0].lower()}.example/{i}").source(),
            fatalities=Count(dead, True, "") if dead is not None else None,
        )
    return [
        inc(1, "protest", 2, "Almaty"),
        inc(2, "arson", 5, "Almaty", dead=0),
        inc(3, "arrest", 6, "Kazakhstan", dead=13, publisher="Wire Service"),
        inc(4, "fire", 6, "Lyon", dead=2),
        inc(5, "protest", 10, "Paris", month=2),
        inc(6, "fire", None, "Paris"),
    ]


@pytest.mark.parametrize(
    "filters, expected",
    [
        ({}, {"e1", "e2", "e3", "e4", "e5", "e6"}),
        ({"types": "protest,arson"}, {"e1", "e2", "e5"}),
        ({"types": ["fire"]}, {"e4", "e6"}),
        ({"since": "2022-01-05"}, {"e2", "e3", "e4", "e5"}),
        ({"until": "2022-01-05"}, {"e1", "e2"}),
        ({"since": "2022-01-05", "until": "2022-01-06"}, {"e2", "e3", "e4"}),
        ({"country": "kz"}, {"e1", "e2", "e3"}),
        ({"country": "FR,KZ", "types": "fire"}, {"e4", "e6"}),
        ({"bbox": "0,40,10,50"}, {"e4", "e5", "e6"}),
        ({"bbox": (70, 40, 80, 50)}, {"e1", "e2"}),
        ({"min_fatalities": 1}, {"e3", "e4"}),
        ({"min_fatalities": 0}, {"e1", "e2", "e3", "e4", "e5", "e6"}),
        ({"source": "wire"}, {"e3"}),
        ({"source": "daily.example/4"}, {"e4"}),
    ],
)
def test_filters_on_a_dataset_match_the_incident_filters(tmp_path, filters, expected):
    incs = hand_made()
    assert {i.id for i in filter_incidents(incs, **filters)} == expected
    assert set(filter_frame(to_dataframe(incs), **filters)["id"]) == expected


def test_read_dataset_gives_a_filtered_geodataframe(tmp_path):
    out = tmp_path / "events.parquet"
    build(out)
    gdf = read_dataset(out)
    assert gdf.crs.to_epsg() == 4326 and len(gdf) == 4
    assert set(gdf.columns) >= {"geometry", "n_sources", "sources", "event_date", "type"}
    fires = read_dataset(out, types="fire", since="2023-07-04")
    assert list(fires["event_date"]) == ["2023-07-06"]
    assert read_dataset(tmp_path / "events.reports.parquet", country="KZ")["type"].tolist().count("protest") == 3


@pytest.mark.parametrize(
    "filters, message",
    [
        ({"bbox": "1,2,3"}, "W,S,E,N"),
        ({"since": "5 January"}, "YYYY-MM-DD"),
        ({"country": "Kazakhstan"}, "alpha-2"),
        ({"types": "picnic"}, "unknown incident type"),
        ({"since": "2022-02-01", "until": "2022-01-01"}, "swap"),
    ],
)
def test_bad_filters_say_what_to_write(filters, message):
    with pytest.raises(InputError, match=message):
        filter_frame(to_dataframe(hand_made()), **filters)


def test_stats_count_by_type_month_and_country_with_precision_shares():
    st = dataset_stats(to_dataframe(hand_made()))
    assert st["events"] == 6
    assert dict(st["by_type"]) == {"arrest": 1, "arson": 1, "fire": 2, "protest": 2}
    assert dict(st["by_month"]) == {"2022-01": 4, "2022-02": 1, "undated": 1}
    assert sum(st["by_country"]) == 6 and len(st["by_country"]) == 2
    assert st["day_precise"] == pytest.approx(5 / 6)
    assert st["town_precise"] == pytest.approx(5 / 6)  # the Kazakhstan-wide arrest is not
    text = format_stats(st)
    assert "83.3%" in text and "2022-02" in text and "protest" in text


def test_weekly_plot_is_a_png(tmp_path):
    pytest.importorskip("matplotlib")
    out = plot_weekly(to_dataframe(hand_made()), tmp_path / "weeks.png")
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with pytest.raises(OutputError, match="--overwrite"):
        plot_weekly(to_dataframe(hand_made()), out)


def test_a_missing_pipeline_raises_a_clear_error(tmp_path, monkeypatch):
    import incidentmap.dataset as ds

    def boom():
        raise IncidentmapError("the extraction pipeline is not available (test).")

    monkeypatch.setattr(ds, "_default_process", boom)
    with pytest.raises(IncidentmapError, match="pipeline"):
        build_dataset(corpus(), tmp_path / "e.jsonl", progress=False)


# --------------------------------------------------------------------------- the real pipeline


def _real_pipeline():
    try:
        from incidentmap.incidents import find_incidents  # noqa: F401
    except ImportError:
        pytest.skip("the incident stage is not there yet")


def test_real_pipeline_merges_one_fire_told_twice_and_keeps_a_later_fire_apart(tmp_path):
    _real_pipeline()
    arts = [
        Article("a", "A fire destroyed a warehouse in Lyon on Monday, firefighters said.",
                published=dt.date(2023, 7, 4), publisher="Paper A"),
        Article("b", "Firefighters battled a large blaze at a warehouse in Lyon, France, on Monday.",
                published=dt.date(2023, 7, 5), publisher="Paper B"),
        Article("c", "Another fire broke out in Lyon on Thursday, destroying a shop.",
                published=dt.date(2023, 7, 7), publisher="Paper C"),
    ]
    out = tmp_path / "events.jsonl"
    build_dataset(arts, out, progress=False, on_error="raise")
    fires = sorted((e for e in read_incidents(out) if e.type == "fire"), key=lambda e: e.date)
    assert [(e.date, e.extra["n_sources"]) for e in fires] == [
        (dt.date(2023, 7, 3), 2), (dt.date(2023, 7, 6), 1)]
    assert fires[0].extra["sources"][0]["publisher"] == "Paper A"


def test_workers_use_the_users_gazetteer(tmp_path):
    _real_pipeline()
    from incidentmap.dataset import pipeline_process

    gaz = tmp_path / "places.csv"
    gaz.write_text("name,alternate_names,lat,lon,kind,country\nZorbaville,,10.5,20.5,city,TD\n",
                   encoding="utf-8")
    arts = [Article(str(i), f"A fire destroyed a warehouse in Zorbaville on {day}.",
                    published=dt.date(2023, 7, 8)) for i, day in enumerate(["Monday", "Thursday"])]
    out = tmp_path / "events.jsonl"
    build_dataset(arts, out, workers=2, process=pipeline_process(gazetteer=gaz), progress=False,
                  on_error="raise")
    events = read_incidents(out)
    assert len(events) == 2 and {e.place.name for e in events} == {"Zorbaville"}


def test_importing_the_dataset_modules_loads_no_heavy_library():
    code = ("import sys, incidentmap.dataset, incidentmap.parallel, incidentmap.cli.dataset\n"
            "print([m for m in ('pandas', 'geopandas', 'pyarrow', 'distributed', 'matplotlib', "
            "'numpy') if m in sys.modules])")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert res.stdout.strip() == "[]"


def test_a_run_that_fails_before_any_document_leaves_nothing_to_resume(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)
    out = tmp_path / "events.jsonl"
    with pytest.raises(IncidentmapError, match=r"incidentmap\[dask\]"):
        build(out, dask="local")
    assert list(tmp_path.iterdir()) == []
    monkeypatch.undo()
    assert build(out).events == 4  # no --resume needed


def test_appending_in_two_batches_equals_building_at_once(tmp_path):
    docs = big_corpus(24)
    once = tmp_path / "once.jsonl"
    build(once, docs)
    twice = tmp_path / "twice.jsonl"
    build(twice, docs[::2])
    build(twice, docs[1::2], append=True)
    assert twice.read_bytes() == once.read_bytes()
    assert reports_path(twice).read_bytes() == reports_path(once).read_bytes()


@pytest.mark.parametrize("suffix", [".parquet", ".gpkg", ".csv", ".geojson", ".jsonl"])
def test_read_dataset_filters_agree_in_every_format(tmp_path, suffix):
    from incidentmap.export import write_incidents

    path = write_incidents(hand_made(), tmp_path / f"events{suffix}")
    for f in ({"types": "fire"}, {"since": "2022-01-05"}, {"country": "KZ"},
              {"bbox": "0,40,10,50"}, {"min_fatalities": 1}, {"source": "wire"}):
        assert set(read_dataset(path, **f)["id"]) == {i.id for i in filter_incidents(hand_made(), **f)}
    assert dataset_stats(read_dataset(path))["day_precise"] == pytest.approx(5 / 6)


def test_a_missing_geo_extra_fails_before_any_work(tmp_path):
    code = (
        "import sys; sys.modules['geopandas'] = None\n"
        f"sys.path.insert(0, {str(HERE)!r})\n"
        "import test_dataset as t\n"
        "from incidentmap.dataset import build_dataset\n"
        "from incidentmap.errors import OutputError\n"
        "def never(a):\n    raise AssertionError('processed a document')\n"
        "try:\n    build_dataset(t.corpus(), sys.argv[1], process=never, progress=False)\n"
        "except OutputError as e:\n    print(e)\n"
    )
    res = subprocess.run([sys.executable, "-c", code, str(tmp_path / "e.parquet")],
                         capture_output=True, text=True, check=True)
    assert "pip install incidentmap[geo]" in res.stdout
    assert list(tmp_path.iterdir()) == []


def test_query_source_matches_what_sources_say_not_their_json_keys_or_dates():
    import json

    import pandas as pd

    from incidentmap.dataset import filter_frame

    src = [{"doc_id": "a", "publisher": "Reuters", "title": "Riot", "url": "https://x.org/a",
            "published": "2022-01-05"},
           {"doc_id": "b", "publisher": "AP", "title": "Unrest", "url": None,
            "published": "2022-01-06"}]
    df = pd.DataFrame({"sources": [json.dumps(src), json.dumps(src[1:])], "doc_id": ["a", "b"]})
    assert len(filter_frame(df, source="reuters")) == 1
    assert len(filter_frame(df, source="ap")) == 2  # any source of a merged event counts
    assert len(filter_frame(df, source="url")) == 0  # a JSON key, not a source
    assert len(filter_frame(df, source="2022")) == 0  # a date, not a source
