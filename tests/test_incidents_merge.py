"""Merging: when two mentions are one event."""

import datetime as dt

from incidentmap.incidents.merge import max_count, places_compatible, sum_count
from incidentmap.incidents.places import PlaceChoice
from incidentmap.model import Count, Place

from _incidents_helpers import ALMATY, ASTANA, KZ, run

WV = Place("admin1:US.WV", "West Virginia", "admin1", 38.5, -80.5, "US", admin1="West Virginia")
LEWISBURG = Place("geonames:4815352", "Lewisburg", "city", 37.80, -80.45, "US", admin1="West Virginia")
STL = Place("geonames:4407066", "St. Louis", "city", 38.63, -90.20, "US", admin1="Missouri")
LEMAY = Place("geonames:4394870", "Lemay", "city", 38.53, -90.28, "US", admin1="Missouri")


def pc(place, explicit=True):
    return PlaceChoice(place, place.precision, place.name, None, explicit)


def test_merge_same_place_is_compatible():
    assert places_compatible(pc(ALMATY), pc(ALMATY))


def test_merge_two_named_towns_apart_are_two_events():
    assert not places_compatible(pc(ALMATY), pc(ASTANA))


def test_merge_nearby_towns_and_admin_areas_are_one_place_told_finer():
    assert places_compatible(pc(STL), pc(LEMAY))          # 13 km apart
    assert places_compatible(pc(WV), pc(LEWISBURG))       # a town inside its state


def test_merge_named_country_and_named_town_stay_apart():
    # "troops into Kazakhstan" and "troops in Almaty's main square" are two facts.
    assert not places_compatible(pc(KZ), pc(ALMATY))


def test_merge_inherited_country_joins_the_named_town():
    assert places_compatible(pc(KZ, explicit=False), pc(ALMATY))


def test_merge_counts_take_the_larger_or_add_up():
    a, b = Count(12, False, "dozens"), Count(13, True, "13 officers")
    assert max_count(a, b) == b
    s = sum_count(a, b)
    assert (s.value, s.exact) == (25, False)


def test_merge_definite_noun_joins_the_event_before_and_lends_its_finer_place():
    text = ("A suicide car bomb in Kazakhstan killed 13 soldiers on Thursday. The blast in Almaty "
            "destroyed a bus.")
    (i,) = run(text)
    assert i.type == "explosion" and i.place == ALMATY and len(i.evidence) == 2
    assert i.fatalities.value == 13


def test_merge_casualty_report_joins_the_violent_event():
    text = "Rioters clashed with police in Almaty on Thursday. Another 353 protesters were injured."
    (i,) = run(text)
    assert i.type == "riot" and i.injured.value == 353


def test_merge_different_weekdays_stay_apart_without_publication_date():
    text = ("A man was arrested in Almaty on Sunday. Police arrested a woman in Almaty on Friday "
            "night. The Sunday arrest followed a tip.")
    incs = run(text, published=None)
    arrests = [i for i in incs if i.type == "arrest"]
    assert len(arrests) == 2 and all(i.date is None for i in arrests)


def test_merge_into_one_coordinated_twin_leaves_the_other_twin_alone():
    # "Students protested in Almaty and Astana. In Astana, farmers protested too.": the twins
    # of the first sentence share their actor list (dataclasses.replace); merging the second
    # sentence into the Astana twin must not hand its farmers to Almaty as well.
    import dataclasses
    import datetime as dt

    from incidentmap.incidents.merge import Candidate, merge_candidates
    from incidentmap.incidents.text import Sentence
    from incidentmap.incidents.triggers import find_triggers
    from incidentmap.model import Actor

    text = "Students protested in Almaty and Astana. In Astana, farmers protested too."
    s1, s2 = Sentence(0, 40, text[0:40], 0, 0), Sentence(41, len(text), text[41:], 1, 0)
    tr = find_triggers(text)
    t1 = next(t for t in tr if t.start < 40)
    t2 = next(t for t in tr if t.start > 40)
    day = dt.date(2022, 1, 5)
    almaty = Candidate("protest", None, t1, s1, day, "day", True, pc(ALMATY),
                       [Actor("Students", "protesters")], evidence=[s1])
    astana = dataclasses.replace(almaty, place=pc(ASTANA), evidence=[s1], extra={})
    later = Candidate("protest", None, t2, s2, day, "day", True, pc(ASTANA),
                      [Actor("farmers", "protesters")], evidence=[s2])
    out = merge_candidates([almaty, astana, later])
    by_place = {c.place.place.name: [a.text for a in c.actors] for c in out}
    assert by_place == {"Almaty": ["Students"], "Astana": ["Students", "farmers"]}



def test_a_second_fire_is_another_incident():
    from _incidents_helpers import run as run_
    text = ("A fire early Sunday destroyed a church in Almaty. No one was inside. A second, smaller "
            "fire was reported at a vacant house in Almaty about an hour later.")
    assert [i.type for i in run_(text)] == ["fire", "fire"]
    # Told again without "second", it is the same fire.
    text = ("A fire early Sunday destroyed a church in Almaty. The fire was put out by dawn in Almaty.")
    assert [i.type for i in run_(text)] == ["fire"]


def test_a_date_across_after_belongs_to_the_other_event():
    # "arrested Tuesday night after a woman was stabbed": Tuesday dates the arrest, so the
    # stabbing told later with its own day ("Monday") is one stabbing, not two.
    from _incidents_helpers import run as run_
    import datetime as dt
    text = ("A man was arrested in Almaty on Tuesday night after a woman was stabbed outside a bar. "
            "Officers found the victim with several stab wounds in Almaty at 11:30 p.m. Monday.")
    incs = run_(text, published=dt.date(2022, 1, 12))
    assert sorted(i.type for i in incs) == ["arrest", "attack"]
    attack = next(i for i in incs if i.type == "attack")
    assert attack.date == dt.date(2022, 1, 10) and len(attack.evidence) == 2



def test_a_knife_attack_and_its_stab_wounds_are_one_attack_but_a_shooting_and_a_stabbing_two():
    from _incidents_helpers import run as run_
    text = ("A man armed with a kitchen knife killed one person on a tram in Almaty on Friday. A "
            "58-year-old man died at the scene in Almaty; two others were taken to hospital with stab "
            "wounds.")
    assert [i.type for i in run_(text)] == ["attack"]
    text = ("A man was shot dead in Almaty on Friday. A woman was stabbed in Almaty on Friday.")
    assert sorted(i.subtype for i in run_(text)) == ["shooting", "stabbing"]


def test_merge_it_was_the_third_shooting_is_the_same_event_set_among_others():

    import datetime as dt
    text = ("Two men were shot dead outside a nightclub in Almaty early Sunday. It was the third "
            "shooting in the district this year.")
    incs = run(text, published=dt.date(2019, 6, 10))
    assert [(i.type, len(i.evidence)) for i in incs] == [("attack", 1)]


def test_merge_a_robbery_whose_robber_opens_fire_is_one_attack():

    text = ("A gunman walked into a deli in Almaty on Tuesday, pulled a pistol and demanded cash. "
            "When the clerk hesitated, he opened fire, hitting him in the arm.")
    incs = run(text)
    assert [(i.type, len(i.evidence)) for i in incs] == [("attack", 2)]


def test_merge_arrests_in_two_towns_40_km_apart_are_two_events():

    from incidentmap.model import Place
    a = Place("t:a", "Muskogee", "city", 35.75, -95.37, "US", admin1="Oklahoma")
    b = Place("t:b", "Tahlequah", "city", 35.915, -94.97, "US", admin1="Oklahoma")  # 40 km
    text = ("Police arrested seven people in Muskogee on Wednesday. An eighth suspect was arrested "
            "in Tahlequah later Wednesday.")
    incs = run(text, places={"Muskogee": a, "Tahlequah": b})
    assert sorted(i.place.name for i in incs if i.type == "arrest") == ["Muskogee", "Tahlequah"]


def test_merge_the_polices_tear_gas_told_after_a_riot_is_the_riots():

    import datetime as dt
    text = ("Protesters clashed with police in Almaty on Tuesday, hurling stones at officers. "
            "Police fired tear gas to disperse them.")
    incs = run(text, published=dt.date(2022, 1, 5))
    assert [(i.type, len(i.evidence)) for i in incs] == [("riot", 2)]


def test_merge_a_date_read_from_the_sentences_before_beats_the_publication_fallback():


    text = ("Youths rioted in Almaty, police said.\n\n"
            "Police were called to a street in Almaty at about 9.15pm on Sunday. When officers "
            "arrived, youths threw stones at them.")
    (riot,) = [i for i in run(text) if i.type == "riot"]
    assert riot.date == dt.date(2022, 1, 2)
