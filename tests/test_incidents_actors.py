"""Actors as written, with a coarse category."""

import pytest

from incidentmap.incidents.actors import find_actors


def actors(text, **kw):
    return [(a.actor.text, a.actor.category) for a in find_actors(text, **kw)]


@pytest.mark.parametrize("text,expected", [
    ("The protesters set fire to a car.", ("protesters", "protesters")),
    ("Rioters looted shops.", ("Rioters", "rioters")),
    ("Security forces wrested control.", ("Security forces", "state forces")),
    ("Armed men attacked a village.", ("Armed men", "unidentified armed group")),
    ("Villagers fled.", ("Villagers", "civilians")),
    ("Peacekeeping troops were sent.", ("Peacekeeping troops", "external forces")),
])
def test_actors_category_from_the_head_noun(text, expected):
    assert actors(text)[0] == expected


def test_actors_foreign_nationality_makes_forces_external():
    text = "Russian paratroopers landed."
    got = actors(text, demonyms=((0, 7, "RU"),), place_cc="KZ")
    assert got == [("Russian paratroopers", "external forces")]


def test_actors_own_nationality_keeps_state_forces():
    text = "Kazakh troops patrolled."
    assert actors(text, demonyms=((0, 6, "KZ"),), place_cc="KZ") == [("Kazakh troops", "state forces")]


def test_actors_longest_phrase_wins():
    assert actors("Riot police fired tear gas.") == [("Riot police", "state forces")]
