"""The taxonomy: every type has a family and an ACLED mapping; actor-dependent choices."""

import pytest

from incidentmap.incidents.taxonomy import FAMILIES, TYPES, acled_category, describe

ACLED_EVENT_TYPES = {"Battles", "Violence against civilians", "Explosions/Remote violence",
                     "Protests", "Riots", "Strategic developments"}


@pytest.mark.parametrize("name", sorted(TYPES))
def test_taxonomy_every_type_maps_to_an_acled_event_type_and_a_family(name):
    t = TYPES[name]
    assert t.event_type in ACLED_EVENT_TYPES
    assert t.sub_event_type
    assert t.family in FAMILIES


def test_taxonomy_covers_the_issue_types():
    assert {"protest", "riot", "arson", "fire", "property_destruction", "looting", "armed_clash",
            "attack", "explosion", "seizure", "deployment", "arrest", "emergency_measure",
            "comms_shutdown", "casualty_report"} <= set(TYPES)


def test_taxonomy_seizure_depends_on_who_took_it():
    assert acled_category("seizure", "retaken", ("state forces", "protesters")) == (
        "Battles", "Government regains territory")
    assert acled_category("seizure", "taken", ("protesters",)) == ("Riots", "Violent demonstration")
    assert acled_category("seizure", "taken", ("unidentified armed group",)) == (
        "Battles", "Non-state actor overtakes territory")


def test_taxonomy_explosion_subtypes_pick_acled_sub_event_types():
    assert acled_category("explosion", "air strike")[1] == "Air/drone strike"
    assert acled_category("explosion", "shelling")[1] == "Shelling/artillery/missile attack"


def test_taxonomy_describe_lists_every_type_once():
    rows = describe()
    assert len(rows) == len(TYPES) == len({r["type"] for r in rows})
