"""Exports: every format reads back to the same incidents; files are safe to write."""

from __future__ import annotations

import csv
import datetime as dt
import json
import subprocess
import sys

import pytest

from incidentmap import export
from incidentmap.errors import InputError, OutputError
from incidentmap.export import read_incidents, to_dataframe, to_geojson, write_incidents
from incidentmap.model import Actor, Count, Evidence, Incident, Place, Source

ALMATY = Place("geonames:1526384", "Almaty", "city", 43.25, 76.91667, "KZ", "Almaty", "PPLA", 2000000, 1526384)
AIRPORT = Place("airport:ALA", "Almaty International Airport", "site", 43.35208, 77.04058, "KZ", "Almaty", "AIRP")
KAZAKHSTAN = Place("geonames:1522867", "Kazakhstan", "country", 48.0, 68.0, "KZ", None, "PCLI", 0, 1522867)
RUSSIA = Place("geonames:2017370", "Russia", "country", 60.0, 100.0, "RU", None, "PCLI", 0, 2017370)
SRC = Source("doc-1", "Troops sent in", "Daily Example", "https://example.org/a", dt.date(2022, 1, 7))


def make_incidents() -> list[Incident]:
    """Three incidents that exercise every field: counts, a movement, an airport, no date."""
    return [
        Incident(
            id="inc-arson", type="arson", subtype="building", event_type="Riots",
            sub_event_type="Violent demonstration", date=dt.date(2022, 1, 5), date_precision="day",
            place=ALMATY, geo_precision="town", source=SRC,
            evidence=(Evidence(10, 60, "Rioters set the mayor's office on fire, a witness said."),),
            fatalities=Count(13, True, "13 officers"), injured=Count(353, True, "353 were injured"),
            arrested=Count(24, False, "dozens"),
            actors=(Actor("rioters", "rioters"), Actor("police", "state forces")),
            confidence=0.8, place_text="Almaty",
        ),
        Incident(
            id="inc-deploy", type="deployment", subtype=None, event_type="Strategic developments",
            sub_event_type="Non-violent transfer of territory", date=dt.date(2022, 1, 6),
            date_precision="day", place=KAZAKHSTAN, geo_precision="country", source=SRC,
            evidence=(Evidence(100, 140, "Paratroopers flew in."), Evidence(200, 230, "Troops arrived, too.")),
            origin=RUSSIA, actors=(Actor("Russian paratroopers", "external forces"),), confidence=0.7,
        ),
        Incident(
            id="inc-seize", type="seizure", subtype="state forces", event_type="Strategic developments",
            sub_event_type="Government regains territory", date=None, date_precision="unknown",
            place=AIRPORT, geo_precision="site", source=Source("doc-2", publisher="Other Paper"),
            evidence=(Evidence(0, 20, "The airport was retaken; \"quotes\", commas."),), confidence=0.6,
        ),
    ]


def essentials(inc: Incident) -> tuple:
    """The fields a user relies on after a round trip."""
    p, o = inc.place, inc.origin
    return (
        inc.id, inc.type, inc.subtype, inc.event_type, inc.sub_event_type, inc.date,
        inc.date_precision, inc.geo_precision,
        (p.name, round(p.lat, 5), round(p.lon, 5), p.country_code, p.admin1, p.kind, p.id) if p else None,
        (o.name, round(o.lat, 5), round(o.lon, 5), o.country_code) if o else None,
        inc.fatalities, inc.injured, inc.arrested, inc.actors, inc.evidence,
        inc.source, round(inc.confidence, 3), inc.place_text,
    )


@pytest.mark.parametrize("suffix", [".csv", ".geojson", ".jsonl", ".parquet", ".gpkg"])
def test_round_trip_keeps_every_field(tmp_path, suffix):
    incs = make_incidents()
    out = write_incidents(incs, tmp_path / f"events{suffix}")
    back = read_incidents(out)
    assert sorted(map(essentials, back), key=str) == sorted(map(essentials, incs), key=str)


@pytest.mark.parametrize("suffix", [".csv", ".geojson", ".jsonl", ".parquet", ".gpkg"])
def test_extra_fields_survive_round_trip(tmp_path, suffix):
    inc = make_incidents()[0]
    inc.extra.update({"n_sources": 2, "sources": [{"doc_id": "a", "publisher": "P"}, {"doc_id": "b"}]})
    back = read_incidents(write_incidents([inc], tmp_path / f"x{suffix}"))[0]
    assert back.extra["n_sources"] == 2
    assert [s["doc_id"] for s in back.extra["sources"]] == ["a", "b"]


def test_csv_starts_with_acled_columns_in_order(tmp_path):
    out = write_incidents(make_incidents(), tmp_path / "e.csv")
    with open(out, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    header = list(rows[0])
    assert header[:14] == list(export.ACLED_COLUMNS)
    assert header.index("id") == 14
    arson = next(r for r in rows if r["id"] == "inc-arson")
    # ACLED's meanings: numeric precisions, the first actor, the publisher as source.
    assert arson["geo_precision"] == "1" and arson["time_precision"] == "1"
    assert arson["actor1"] == "rioters" and arson["source"] == "Daily Example"
    assert arson["event_date"] == "2022-01-05" and arson["fatalities"] == "13"
    assert arson["evidence_offsets"] == "10-60"
    assert arson["country"]  # a name when the gazetteer knows the code, else the code


def test_csv_corrected_by_hand_reads_back(tmp_path):
    """An analyst fixes a place and deletes columns they do not care about."""
    out = write_incidents(make_incidents(), tmp_path / "e.csv")
    with open(out, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    keep = ["event_date", "event_type", "type", "location", "latitude", "longitude", "fatalities", "notes", "id"]
    fixed = tmp_path / "fixed.csv"
    with open(fixed, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=keep)
        w.writeheader()
        for r in rows:
            if r["id"] == "inc-arson":
                r["location"], r["latitude"], r["longitude"] = "Astana", "51.18", "71.45"
            w.writerow({k: r[k] for k in keep})
    back = {i.id: i for i in read_incidents(fixed)}
    assert back["inc-arson"].place.name == "Astana"
    assert (back["inc-arson"].place.lat, back["inc-arson"].place.lon) == (51.18, 71.45)
    assert back["inc-arson"].fatalities.value == 13
    assert back["inc-arson"].evidence[0].text.startswith("Rioters set")
    assert back["inc-seize"].date is None


def test_acled_only_csv_is_enough(tmp_path):
    f = tmp_path / "acled.csv"
    f.write_text(
        "event_date,event_type,sub_event_type,country,location,latitude,longitude,geo_precision,time_precision,fatalities\n"
        "2022-01-05,Riots,Violent demonstration,KZ,Almaty,43.25,76.9,1,1,3\n",
        encoding="utf-8",
    )
    (inc,) = read_incidents(f)
    assert inc.type == "violent_demonstration"
    assert inc.geo_precision == "town" and inc.date_precision == "day"
    assert inc.place.country_code == "KZ" and inc.fatalities.value == 3


@pytest.mark.parametrize(
    "body, fragment",
    [
        ("type,latitude,longitude\narson,43.2,76.9\narson,north,76.9\n", "line 3"),
        ("type,latitude,longitude\narson,43.2,\n", "line 2"),
        ("type,event_date,latitude,longitude\narson,5 January,43.2,76.9\n", "YYYY-MM-DD"),
        ("latitude,longitude\n43.2,76.9\n", "'type'"),
        ("type,latitude,longitude\narson,43.2,76.9,extra\n", "more cells"),
    ],
)
def test_malformed_csv_names_file_and_line(tmp_path, body, fragment):
    f = tmp_path / "bad.csv"
    f.write_text(body, encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_incidents(f)
    assert "bad.csv" in str(err.value) and fragment in str(err.value)


def test_malformed_jsonl_names_line(tmp_path):
    good = json.dumps(make_incidents()[0].to_record())
    f = tmp_path / "bad.jsonl"
    f.write_text(good + "\n{not json\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.jsonl, line 2"):
        read_incidents(f)


def test_geojson_is_lon_first_and_movements_are_lines():
    fc = to_geojson(make_incidents())
    assert fc["type"] == "FeatureCollection"
    by_id = {f["id"]: f for f in fc["features"]}
    assert by_id["inc-arson"]["geometry"] == {"type": "Point", "coordinates": [76.91667, 43.25]}
    line = by_id["inc-deploy"]["geometry"]
    assert line["type"] == "LineString"
    assert line["coordinates"] == [[RUSSIA.lon, RUSSIA.lat], [KAZAKHSTAN.lon, KAZAKHSTAN.lat]]
    assert by_id["inc-deploy"]["properties"]["movement"] is True
    assert by_id["inc-arson"]["properties"]["movement"] is False
    # Sorted features: dated ones in date order, undated last.
    assert [f["id"] for f in fc["features"]] == ["inc-arson", "inc-deploy", "inc-seize"]


def test_output_does_not_depend_on_input_order(tmp_path):
    incs = make_incidents()
    a = write_incidents(incs, tmp_path / "a.geojson").read_bytes()
    b = write_incidents(incs[::-1], tmp_path / "b.geojson").read_bytes()
    assert a == b


def test_jsonl_has_sorted_flat_records(tmp_path):
    out = write_incidents(make_incidents(), tmp_path / "e.jsonl")
    lines = out.read_text(encoding="utf-8").splitlines()
    rec = json.loads(lines[0])
    assert list(rec) == sorted(rec)
    for key in ("id", "doc_id", "type", "subtype", "date", "date_precision", "place_name", "lat",
                "lon", "geo_precision", "fatalities", "injured", "evidence"):
        assert key in rec


def test_dataframe_has_acled_columns_first_and_nullable_numbers():
    df = to_dataframe(make_incidents())
    assert list(df.columns[:14]) == list(export.ACLED_COLUMNS)
    assert str(df["fatalities"].dtype) == "Int64"
    assert df["fatalities"].isna().sum() == 2
    assert df.loc[df["id"] == "inc-deploy", "movement"].item() == True  # noqa: E712


def test_geoparquet_opens_with_geopandas(tmp_path):
    import geopandas as gpd
    import pyarrow.parquet as pq

    out = write_incidents(make_incidents(), tmp_path / "e.parquet")
    gdf = gpd.read_parquet(out)
    assert gdf.crs.to_epsg() == 4326
    row = gdf.set_index("id").loc["inc-arson"]
    assert (row.geometry.x, row.geometry.y) == (76.91667, 43.25)
    assert b"geo" in pq.read_schema(out).metadata  # GeoParquet metadata, for QGIS/DuckDB


def test_geopackage_opens_with_pyogrio(tmp_path):
    import pyogrio

    out = write_incidents(make_incidents(), tmp_path / "e.gpkg")
    assert pyogrio.list_layers(out)[0][0] == "incidents"
    df = pyogrio.read_dataframe(out)
    assert len(df) == 3 and set(df["type"]) == {"arson", "deployment", "seizure"}


def test_refuses_to_overwrite_and_names_the_option(tmp_path):
    out = tmp_path / "e.csv"
    out.write_text("precious\n", encoding="utf-8")
    with pytest.raises(OutputError, match="--overwrite"):
        write_incidents(make_incidents(), out)
    assert out.read_text(encoding="utf-8") == "precious\n"
    write_incidents(make_incidents(), out, overwrite=True)
    assert out.read_text(encoding="utf-8").startswith("event_date,")


def test_failed_write_leaves_no_file(tmp_path):
    def broken():
        yield make_incidents()[0]
        raise RuntimeError("extraction crashed")

    class Bad(Incident):
        def to_record(self):  # fails while the file is being written
            raise RuntimeError("boom")

    bad = Bad(**{f: getattr(make_incidents()[0], f) for f in Incident.__dataclass_fields__})
    with pytest.raises(RuntimeError):
        write_incidents([bad], tmp_path / "e.jsonl")
    with pytest.raises(RuntimeError):
        write_incidents(broken(), tmp_path / "f.csv")
    assert list(tmp_path.iterdir()) == []


def test_unknown_extension_is_refused_with_the_list(tmp_path):
    with pytest.raises(OutputError, match=r"\.gpkg"):
        write_incidents(make_incidents(), tmp_path / "e.xlsx")
    assert not (tmp_path / "e.xlsx").exists()


def test_explicit_format_beats_extension(tmp_path):
    out = write_incidents(make_incidents(), tmp_path / "e.txt", fmt="jsonl")
    assert len(read_incidents(out, fmt="jsonl")) == 3


def test_missing_geo_extra_names_the_install_command(tmp_path):
    code = (
        "import sys; sys.modules['geopandas'] = None\n"
        "from incidentmap.export import write_incidents\n"
        "from incidentmap.errors import OutputError\n"
        "try:\n    write_incidents([], sys.argv[1])\n"
        "except OutputError as e:\n    print(e)\n"
    )
    res = subprocess.run([sys.executable, "-c", code, str(tmp_path / "e.parquet")],
                         capture_output=True, text=True, check=True)
    assert "pip install incidentmap[geo]" in res.stdout
    assert not (tmp_path / "e.parquet").exists()


def test_jsonl_round_trip_does_not_load_pandas(tmp_path):
    out = write_incidents(make_incidents(), tmp_path / "e.jsonl")
    code = ("import sys\nfrom incidentmap.export import read_incidents, write_incidents\n"
            f"incs = read_incidents({str(out)!r})\n"
            f"write_incidents(incs, {str(tmp_path / 'f.csv')!r})\n"
            "print('pandas' in sys.modules)")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert res.stdout.strip() == "False"


@pytest.mark.parametrize("ext", ["jsonl", "geojson", "csv"])
def test_round_trip_keeps_the_kind_of_a_movement_origin(tmp_path, ext):
    # An airport origin read back as a "country" made the map label the arrow with the
    # country's name instead of the airport's.
    from incidentmap.model import Incident, Place, Source

    airport = Place("airport:CKL", "Chkalovsky Airport", "site", 55.88, 38.06, "RU")
    inc = Incident("mv", "deployment", None, "Strategic developments", "Other", None, "unknown",
                   Place("c", "Almaty", "city", 43.25, 76.92, "KZ"), "town", Source("d"),
                   origin=airport)
    back = read_incidents(write_incidents([inc], tmp_path / f"e.{ext}"))[0]
    assert back.origin.kind == "site"
    assert back.origin.name == "Chkalovsky Airport"


@pytest.mark.parametrize("ext", ["csv", "parquet"])
def test_tabular_round_trip_keeps_a_missing_publisher_missing(tmp_path, ext):
    # ACLED's `source` column falls back to the document id; reading it back must not turn
    # that id into the publisher when our own source_publisher column says there is none.
    if ext == "parquet":
        pytest.importorskip("geopandas")
    inc = Incident("np", "riot", None, "Riots", "Violent demonstration", dt.date(2022, 1, 5), "day",
                   Place("c", "Almaty", "city", 43.25, 76.92, "KZ"), "town",
                   Source("corpus.jsonl:17", published=dt.date(2022, 1, 7)))
    back = read_incidents(write_incidents([inc], tmp_path / f"e.{ext}"))[0]
    assert back.source.publisher is None
    assert back.to_record() == inc.to_record()


def test_acled_only_csv_still_takes_the_publisher_from_the_source_column(tmp_path):
    p = tmp_path / "acled.csv"
    p.write_text("event_date,event_type,sub_event_type,latitude,longitude,source\n"
                 "2022-01-05,Riots,Violent demonstration,43.25,76.92,Reuters\n", encoding="utf-8")
    assert read_incidents(p)[0].source.publisher == "Reuters"
