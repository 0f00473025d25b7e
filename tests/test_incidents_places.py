"""The place of occurrence: locatives, possessive sites, nationalities, movements, context."""

import datetime as dt

import pytest

from incidentmap.incidents.places import article_focus, dateline_end, lower_precision

from incidentmap.model import Place

from _incidents_helpers import ALA_AIRPORT, ALMATY, ASTANA, KZ, PARIS, RU, run, toponyms


def only(incs, type_):
    found = [i for i in incs if i.type == type_]
    assert len(found) == 1, [(i.type, i.place and i.place.name) for i in incs]
    return found[0]


def test_places_locative_place_is_the_place_of_occurrence():
    i = only(run("Protesters set the mayor's office on fire in Almaty."), "arson")
    assert i.place == ALMATY and i.geo_precision == "town"


def test_places_possessive_site_is_placed_at_the_site():
    i = only(run("Security forces wrested control of Almaty's airport from protesters."), "seizure")
    assert i.place == ALA_AIRPORT and i.geo_precision == "site"
    assert i.subtype.startswith("retaken")
    assert i.event_type == "Battles" and i.sub_event_type == "Government regains territory"


def test_places_nationality_adjective_is_never_the_place():
    i = only(run("Russian-led troops were deployed in Almaty."), "deployment")
    assert i.place == ALMATY
    assert all(a.category == "external forces" or "Russian" not in a.text for a in i.actors)


def test_places_movement_has_origin_and_destination():
    i = only(run("Russia sent paratroopers into Kazakhstan on Thursday."), "deployment")
    assert i.place == KZ and i.origin == RU
    assert i.to_record()["origin_name"] == "Russia"


def test_places_nationwide_measure_is_placed_at_the_country():
    text = ("Unrest spread in Almaty. Tokayev imposed a nationwide state of emergency, and "
            "Almaty police urged people to stay home.")
    i = only(run(text), "emergency_measure")
    # Kazakhstan is not named: the country comes from the gazetteer when there is one.
    assert i.place is not None and i.place.kind == "country" and i.place.country_code == "KZ"
    assert i.geo_precision == "country"


def test_places_sentence_without_place_inherits_context_at_lower_precision():
    text = "Protesters set a police station on fire in Almaty. Burned-out cars lined the streets."
    fire = only(run(text), "fire")
    assert fire.place == ALMATY and fire.geo_precision == "region"


def test_places_the_country_names_the_focus_country():
    text = ("Riots broke out in Almaty, Kazakhstan. Internet service in the country has been down "
            "or spotty.")
    i = only(run(text), "comms_shutdown")
    assert i.place == KZ


def test_places_from_and_since_phrases_are_not_places():
    text = "Burned-out cars lined the streets in the worst unrest since Kazakhstan gained independence."
    incs = run(text, places={"Kazakhstan": KZ})
    assert all(i.place_text != "Kazakhstan" for i in incs)


def test_places_article_focus_prefers_the_repeated_town():
    text = "Almaty was calm. Later in Almaty, in Kazakhstan, crowds gathered in Almaty."
    focus, country = article_focus(toponyms(text))
    assert focus == ALMATY and country == KZ


def test_places_precision_steps_down():
    assert [lower_precision(p) for p in ("site", "town", "region", "country")] == [
        "town", "region", "country", "country"]


def test_places_two_towns_two_incidents():
    incs = run("Police arrested 20 people in Almaty. In Astana, police arrested 12 people.")
    assert sorted(i.place.name for i in incs if i.type == "arrest") == ["Almaty", "Astana"]
    assert {i.place for i in incs} == {ALMATY, ASTANA}


def test_places_nicknames_and_institutions_are_not_places():
    text = "A woman known as Astana was shot in Almaty."
    i = only(run(text), "attack")
    assert i.place == ALMATY
    text = "He is in the Astana Detention Center, arrested in Almaty."
    i = only(run(text), "arrest")
    assert i.place == ALMATY


def test_places_town_in_region_is_the_town():
    from incidentmap.model import Place

    punjab = Place("admin1:PK.04", "Punjab", "admin1", 31.0, 72.5, "PK")
    lahore = Place("geonames:1172451", "Lahore", "city", 31.55, 74.34, "PK", admin1="Punjab")
    text = "In his hometown of Lahore in Punjab, his supporters fought running battles with police."
    (i,) = run(text, places={"Punjab": punjab, "Lahore": lahore})
    assert i.type == "riot" and i.place == lahore


def test_places_a_news_source_is_not_a_place():
    text = "Hundreds of demonstrators gathered in Almaty on Sunday, according to Al-Astana."
    (i,) = run(text, places={"Almaty": ALMATY, "Astana": ASTANA})
    assert i.place == ALMATY


def test_places_a_gazetteer_bug_is_not_hidden_but_missing_data_is_tolerated(monkeypatch):
    # A missing gazetteer only costs the country fallback; a programming error inside it
    # must surface rather than silently drop every incident's country.
    import pytest

    import incidentmap.gazetteer as gazetteer_mod
    from incidentmap.errors import GazetteerError

    class Broken:
        def __init__(self, exc):
            self.exc = exc

        def country(self, cc):
            raise self.exc

    text = "Protesters gathered in Almaty."
    monkeypatch.setattr(gazetteer_mod, "load_gazetteer", lambda *a, **k: Broken(GazetteerError("no data")))
    assert article_focus(toponyms(text), text)[1] is None
    monkeypatch.setattr(gazetteer_mod, "load_gazetteer", lambda *a, **k: Broken(TypeError("bug")))
    with pytest.raises(TypeError):
        article_focus(toponyms(text), text)


NG = Place("geonames:2328926", "Nigeria", "country", 10.0, 8.0, "NG", feature="PCLI")
ABUJA = Place("geonames:2352778", "Abuja", "city", 9.06, 7.50, "NG", feature="PPLC")
ZAMFARA = Place("geonames:2595344", "Zamfara", "admin1", 12.18, 6.24, "NG", feature="ADM1")
NANTERRE = Place("geonames:2990611", "Nanterre", "city", 48.89, 2.20, "FR", feature="PPLA2")


def test_places_a_dateline_yields_to_the_place_its_sentence_gives():
    # Where the story was filed is not where the village lies; the locative reaches through
    # "Nigeria's" to the state.
    places = {"ABUJA": ABUJA, "Nigeria": NG, "Zamfara": ZAMFARA}
    text = ("ABUJA, Nigeria (AP) — Gunmen killed at least 12 people in an overnight raid on a "
            "village in northwestern Nigeria's Zamfara state, police said Tuesday.")
    i = only(run(text, places=places), "attack")
    assert i.place == ZAMFARA
    # With no other place, the dateline is still the best the sentence gives.
    i = only(run("ABUJA (AP) — Police arrested 20 protesters on Tuesday.", places=places), "arrest")
    assert i.place == ABUJA


def test_places_a_suburb_of_a_city_is_the_suburb():
    places = {"Paris": PARIS, "Nanterre": NANTERRE}
    text = "An officer shot a 17-year-old dead in the Paris suburb of Nanterre on Tuesday."
    assert only(run(text, places=places), "attack").place == NANTERRE


IR = Place("geonames:130758", "Iran", "country", 32.0, 53.0, "IR", feature="PCLI")
TEHRAN = Place("geonames:112931", "Tehran", "city", 35.69, 51.42, "IR", feature="PPLC")
DUBAI = Place("geonames:292223", "Dubai", "city", 25.07, 55.17, "AE", feature="PPLA")


def test_places_a_dateline_abroad_is_not_the_place_and_a_shutdown_is_the_countrys():
    places = {"DUBAI": DUBAI, "Iran": IR, "Tehran": TEHRAN}
    text = ("DUBAI, Sept 22 (Reuters) - Authorities restricted access to the internet on "
            "Thursday.\n\nProtests have spread across Iran. Demonstrators in Tehran chanted slogans "
            "against the government. Protesters in Tehran set fire to police cars.")
    incs = run(text, published=dt.date(2022, 9, 22), places=places)
    assert only(incs, "comms_shutdown").place == IR
    assert all(i.place != DUBAI for i in incs)



def test_places_the_capital_is_the_capital_of_the_article_country():
    # The gazetteer knows each country's capital: "in parts of the capital" of an article
    # about Kazakhstan is Astana.
    text = ("Unrest spread across Kazakhstan on Monday, and Kazakhstan's government resigned. "
            "Internet service was disrupted in parts of the capital.")
    assert only(run(text), "comms_shutdown").place.geonameid == 1526273  # Astana
    # "the capital of X" names its own place; "capital punishment" no place at all.
    assert run("Internet service was disrupted in the capital of Kazakhstan.")[0].place.name != "Astana"



def test_places_a_region_named_after_its_countrys_possessive_is_the_place():
    places = {"Kazakhstan": KZ, "Almaty": ALMATY}
    text = "Troops shelled villages in Kazakhstan's southeastern Almaty region overnight, killing four."
    assert only(run(text, places=places), "explosion").place == ALMATY



UA = Place("geonames:690791", "Ukraine", "country", 49.0, 32.0, "UA", feature="PCLI")
KYIV = Place("geonames:703448", "Kyiv", "city", 50.45, 30.52, "UA", feature="PPLC")
KHARKIV = Place("geonames:706483", "Kharkiv", "city", 49.98, 36.25, "UA", feature="PPLA")


def test_places_a_mixed_case_dateline_with_its_agency_and_an_area_of_a_city():
    places = {"Kyiv": KYIV, "Kharkiv": KHARKIV, "Ukraine": UA}
    text = ("Kyiv (AFP) - Russian missiles struck an industrial area of Kharkiv early Thursday, "
            "wounding four people.")
    assert only(run(text, places=places), "explosion").place == KHARKIV


def test_places_a_shutdown_in_the_town_is_the_towns():
    text = ("Clashes broke out in Almaty on Sunday. Mobile internet services were suspended in the "
            "town on Monday morning.")
    assert only(run(text), "comms_shutdown").place == ALMATY



def test_places_an_official_in_the_capital_places_an_event_told_without_a_place():
    text = ("Unrest spread across Kazakhstan on Monday, and Kazakhstan's government resigned. "
            "Police detained three men near the scene, a senior police official in the capital said.")
    assert only(run(text), "arrest").place.geonameid == 1526273  # Astana



def test_places_in_the_province_is_the_province_the_sentence_named():
    from incidentmap.model import Place as P
    teh = P("geonames:110791", "Tehran", "admin1", 35.48, 51.76, "IR", feature="ADM1")
    places = {"Tehran province": teh, "Iran": IR}
    text = ("Protests spread across Iran on Monday. The head of Tehran province's judiciary said "
            "that 400 people were detained during the protests in the province.")
    assert only(run(text, places=places), "arrest").place == teh


def test_places_a_country_that_speaks_through_a_relative_clause_is_not_the_place():
    text = ("Troops fought rebels near Almaty on Thursday. Russia, which backs the government, "
            "said one of its convoys heading to the area came under attack from an air strike on Friday.")
    i = only(run(text, published=dt.date(2022, 1, 8)), "explosion")
    assert i.place is not None and i.place.country_code == "KZ"


def test_places_the_capture_of_a_named_town_is_a_seizure_there():
    text = ("Government troops captured a strategic town in Kazakhstan on Saturday. The capture of "
            "Almaty is the biggest gain of the offensive.")
    i = only(run(text, published=dt.date(2022, 1, 9)), "seizure")
    assert i.place == ALMATY and len(i.evidence) == 2
    # A capture of people is no taking of ground.
    incs = run("The capture of Russian soldiers was reported in Almaty on Saturday.",
               published=dt.date(2022, 1, 9))
    assert all(i.type != "seizure" for i in incs)


def test_places_where_people_head_is_not_where_they_are_unless_it_is_in_a_town():
    places = {"Almaty": ALMATY, "Astana": ASTANA}
    text = "Police fired tear gas in Almaty on Monday when protesters tried to head towards Astana."
    assert only(run(text, places=places), "protest").place == ALMATY
    text = "Protesters marched towards the presidential palace in Astana on Monday."
    assert only(run(text, places=places), "protest").place == ASTANA


def test_places_two_sides_of_a_border_are_two_events():
    gaza = Place("t:gaza", "Gaza City", "city", 31.52, 34.45, "PS")
    sderot = Place("t:sderot", "Sderot", "city", 31.525, 34.596, "IL")  # 14 km away
    text = ("Air strikes hit Gaza City on Tuesday, killing 12 people. Rockets struck Sderot on "
            "Tuesday, wounding a woman.")
    incs = run(text, places={"Gaza City": gaza, "Sderot": sderot}, published=dt.date(2022, 8, 10))
    assert sorted(i.place.name for i in incs if i.type == "explosion") == ["Gaza City", "Sderot"]


def test_places_air_strikes_and_rockets_fired_back_in_one_sentence_are_two_events():
    text = ("Air strikes killed 12 people in Almaty on Tuesday as militants fired more than 100 "
            "rockets into Astana.")
    incs = [i for i in run(text, published=dt.date(2022, 8, 10)) if i.type == "explosion"]
    assert sorted((i.subtype, i.place.name) for i in incs) == [("air strike", "Almaty"),
                                                               ("shelling", "Astana")]


def test_places_a_contrasted_clause_tells_protests_in_other_towns():
    places = {"Almaty": ALMATY, "Astana": ASTANA, "Paris": PARIS}
    text = ("Tens of thousands rallied in central Almaty on Wednesday. About 40,000 joined the rally "
            "near City Hall, while thousands more held smaller protests in Astana and Paris.")
    incs = run(text, places=places, published=dt.date(2023, 7, 13))
    assert sorted(i.place.name for i in incs if i.type == "protest") == ["Almaty", "Astana", "Paris"]


def test_places_a_town_of_the_country_named_later_is_the_place():
    text = ("At least 12 inmates were killed in a riot at Kazakhstan's largest prison in the city of "
            "Almaty on Wednesday.")
    i = only(run(text), "riot")
    assert i.place == ALMATY


def test_places_a_peacekeeping_force_deploying_troops_is_a_deployment():
    text = ("The peacekeeping force said it had deployed additional troops to Almaty on Monday "
            "afternoon to calm the situation.")
    assert only(run(text), "deployment").place == ALMATY


def test_places_a_town_in_a_region_of_its_country_is_the_town():
    text = "Militants attacked an army post near Almaty in southern Kazakhstan on Monday, triggering a gun battle."
    assert only(run(text), "armed_clash").place == ALMATY


@pytest.mark.parametrize("opening", [
    "KABUL, Sept 13 (Reuters) - ",
    "MUMBAI, November 25, 2018 (Mid-City Times) - ",
    "VILLIERS-LE-BEL, France, 15 June 2014 (Agence Presse Sociale) - ",
    "MELBOURNE, 30 September 2014 (Victorian Courts & Inquiries) - ",
])
def test_places_datelines_with_full_dates_and_named_outlets(opening):
    text = opening + "A coronial inquiry has found that the exit was locked."
    assert dateline_end(text, 0, len(text)) == len(opening)


def test_places_a_country_named_as_a_grievance_is_a_topic_not_the_place():
    text = ("Hundreds of men broke through the gates of the consulate in Almaty on Friday, chanting "
            "against Russian interference in Kazakhstan, and set the main building ablaze.")
    assert only(run(text), "arson").place == ALMATY


def test_places_a_highway_named_after_a_town_is_a_road():
    places = {"Almaty": ALMATY, "Astana": ASTANA}
    text = "Youths barricaded the Almaty-Astana highway on Monday and hurled stones at police."
    assert only(run(text, places=places), "riot").place != ASTANA


def test_places_where_the_wounded_were_taken_is_not_where_they_were_hurt():
    text = ("Gunmen attacked an army post in Kazakhstan on Monday. Six soldiers were wounded and "
            "evacuated to Almaty. The wounded were taken to a clinic in Astana.")
    assert all(i.place not in (ALMATY, ASTANA) for i in run(text))


def test_places_where_a_road_leads_and_where_forces_came_from_are_not_the_place():
    places = {"Almaty": ALMATY, "Astana": ASTANA, "Kazakhstan": KZ}
    text = "In Almaty on Saturday, a crowd blocked the main road to Astana with burning tyres."
    assert all(i.place != ASTANA for i in run(text, places=places))
    text = ("Hundreds of extra officers were sent to the north-east from forces across Kazakhstan on "
            "Friday, and police granted dispersal orders covering Almaty city centre.")
    assert only(run(text, places=places), "emergency_measure").place == ALMATY


def test_places_an_avenue_named_after_someone_is_a_street():
    airport = Place("airport:XXX", "Simon Bolivar International Airport", "site", 10.6, -66.99, "VE",
                    feature="AIRP", source="airportsdata")
    places = {"Almaty": ALMATY, "Simón Bolívar": airport}
    text = ("Protests continued in Almaty on Sunday. Looters ransacked a supermarket on the city's "
            "Simón Bolívar avenue on Sunday.")
    assert only(run(text, places=places), "looting").place == ALMATY


def test_places_a_measure_covering_the_whole_country_is_the_countrys():
    text = ("Crowds stormed the mayor's office in Almaty on Wednesday. The government declared a "
            "two-week state of emergency and a night-time curfew covering the whole country on "
            "Wednesday.")
    place = only(run(text), "emergency_measure").place
    assert (place.kind, place.country_code) == ("country", "KZ")
    # A nationwide phrase in another clause does not move the event: "as unrest spread across
    # the country".
    text = ("Protesters stormed the mayor's office in Almaty on Wednesday and set it on fire, as "
            "unrest over fuel prices spread across the country.")
    assert only(run(text), "arson").place == ALMATY
