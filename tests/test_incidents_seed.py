"""End to end on the seed article (New York Post, 7 January 2022) with the real geoparser."""

import datetime as dt

import pytest

from incidentmap.model import Article

try:
    from incidentmap.gazetteer import load_gazetteer
    from incidentmap.recognize import recognize
    from incidentmap.resolve import resolve
except ImportError as e:  # pragma: no cover - the geoparser is written by another helper
    pytest.skip(f"the geoparser (recognize/resolve/gazetteer) is not importable yet: {e}",
                allow_module_level=True)

from incidentmap.incidents import find_incidents

JAN = lambda d: dt.date(2022, 1, d)  # noqa: E731


@pytest.fixture(scope="module")
def incidents(seed_text):
    art = Article("kazakhstan-unrest-nypost-2022-01-07", seed_text, published=JAN(7))
    gaz = load_gazetteer()
    return find_incidents(art, resolve(art, recognize(art, gaz), gaz))


def with_evidence(incs, words):
    return [i for i in incs if any(words in e.text for e in i.evidence)]


def test_seed_deployment_from_russia_into_kazakhstan_told_twice(incidents):
    deps = [i for i in incidents if i.type == "deployment" and i.origin is not None]
    assert len(deps) == 1
    d = deps[0]
    assert d.origin.country_code == "RU" and d.place.country_code == "KZ"
    assert d.place.kind == "country" and d.date == JAN(6)
    texts = " ".join(e.text for e in d.evidence)
    assert "sent paratroopers into Kazakhstan" in texts and "sent into the republic" in texts


def test_seed_arson_in_almaty(incidents):
    (a,) = [i for i in incidents if i.type == "arson"]
    assert a.place.name == "Almaty" and a.place.kind in ("city", "admin1")
    assert any("presidential residence" in e.text for e in a.evidence)


def test_seed_burned_out_cars(incidents):
    (f,) = with_evidence(incidents, "Burned-out cars")
    assert f.type in ("fire", "arson", "property_destruction") and f.place.name == "Almaty"


def test_seed_airport_retaken_by_security_forces(incidents):
    (s,) = [i for i in incidents if i.type == "seizure"]
    assert s.subtype.startswith("retaken") and s.date == JAN(6)
    assert s.geo_precision == "site" and "Airport" in s.place.name


def test_seed_deaths_and_injuries(incidents):
    killed = with_evidence(incidents, "killed dozens of rioters")
    assert killed and killed[0].fatalities.value >= 12 + 13
    injured = [i for i in incidents if i.injured is not None and i.injured.value == 353]
    assert injured and injured[0].injured.exact


def test_seed_nationwide_emergency_with_curfew_and_ban(incidents):
    (e,) = [i for i in incidents if i.type == "emergency_measure"]
    assert e.place.kind == "country" and e.place.country_code == "KZ"
    assert {"state of emergency", "curfew", "ban on gatherings"} <= set(e.extra["measures"])


def test_seed_troops_and_gunshots_in_almaty_main_square(incidents):
    found = with_evidence(incidents, "main square")
    assert {i.type for i in found} >= {"deployment"}
    assert all(i.place.name == "Almaty" for i in found)


def test_seed_internet_outage_across_kazakhstan(incidents):
    (c,) = [i for i in incidents if i.type == "comms_shutdown"]
    assert c.place.kind == "country" and c.place.country_code == "KZ"


def test_seed_protests_began_on_new_years_day_and_widened_wednesday(incidents):
    dates = sorted(i.date for i in incidents if i.type == "protest")
    assert dates == [JAN(1), JAN(5)]


def test_seed_no_incident_for_the_vow_or_the_appeal(incidents):
    assert not with_evidence(incidents, "vowed that the rioters")
    for i in incidents:
        assert all("urged people" not in e.text for e in i.evidence) or i.type == "emergency_measure"


def test_seed_nationality_is_not_a_place(incidents):
    assert all(i.place is None or i.place_text not in ("Russian", "Russian-led") for i in incidents)
