"""What did not happen: negation, vows, threats, calls, plans, hypotheticals, speech."""

import pytest

from incidentmap.incidents.modality import blocked_reason
from incidentmap.incidents.text import quoted_spans

from _incidents_helpers import run


def reason(sentence, word):
    i = sentence.index(word)
    return blocked_reason(sentence, i, i + len(word), quoted=quoted_spans(sentence))


@pytest.mark.parametrize("sentence,word", [
    ("The man was not arrested.", "arrested"),
    ("No one was injured.", "injured"),
    ("Protesters threatened to storm the building.", "storm"),
    ("He vowed that rioters would be arrested.", "arrested"),
    ("Police urged people to protest peacefully.", "protest"),
    ("The opposition called for protests.", "protests"),
    ("Activists plan to march on Sunday.", "march"),
    ("Troops could be deployed.", "deployed"),
    ("If police arrest him, riots will follow.", "riots"),
    ("Officials fear protests could spread.", "protests"),
    ("The ministry denied that troops fired on protesters.", "fired on"),
    ("Measures to prevent looting were taken.", "looting"),
    ("Was anyone arrested?", "arrested"),
    ('"It is an attack on our citizens," he said.', "attack"),
    ("A march in memory of the teen is planned for Thursday.", "march"),
    ("The rally was called off after the storm.", "rally"),
    ("Further protests are expected at the weekend.", "protests"),
    ("A vigil will be held on Sunday.", "vigil"),
    ("Supporters of the strike gathered signatures.", "strike"),
])
def test_modality_blocks(sentence, word):
    assert reason(sentence, word)


@pytest.mark.parametrize("sentence,word", [
    ("Police arrested 20 people.", "arrested"),
    ("Gunshots could be heard.", "Gunshots"),
    ("No one was injured in the fire.", "fire"),
    ("He vowed revenge; police arrested 20 people.", "arrested"),
    # Planned by someone is carried out: the plan word names the author, not a prospect.
    ("The attack was planned by two men from the town.", "attack"),
    ("The protest, planned for weeks, drew 5,000 people.", "protest"),
    ("Supporters of the party took to the streets in three cities.", "took to the streets"),
])
def test_modality_lets_facts_through(sentence, word):
    assert reason(sentence, word) is None


@pytest.mark.parametrize("text", [
    "President Tokayev vowed that the rioters would be dealt with harshly.",
    "The police spokesman urged people to remain at home.",
    "The opposition threatened to storm the parliament in Astana.",
    "Officials said troops may be sent to Almaty.",
    "Activists plan to rally in Astana next Monday.",
    "Nobody was arrested in Almaty.",
])
def test_modality_no_incident_for_what_did_not_happen(text):
    assert run(text) == []


def test_modality_a_threatened_strike_is_not_one_but_a_threatened_guard_is_no_threat_to_the_shooting():
    assert reason("The union has threatened a general strike next month.", "general strike")
    assert reason("Gunmen threatened a guard and shot two people.", "shot") is None


def test_modality_a_report_denied_in_its_own_sentence_is_no_event():
    assert reason("The minister's house was also reportedly attacked, though police there denied "
                  "the reports.", "attacked")
    assert reason("The minister's house was attacked, police said.", "attacked") is None


def test_modality_what_people_are_arrested_for_is_a_charge():
    s = ("Police said they had arrested 230 people in Almaty by Friday morning for curfew "
         "violations and looting.")
    assert reason(s, "curfew") and reason(s, "looting")
    assert reason(s, "arrested") is None
    assert reason("He was detained for three days after the riot.", "riot") is None


def test_modality_a_drill_simulating_an_event_is_not_one():
    assert run("Firefighters held an exercise at the port of Almaty on Sunday, simulating an "
               "explosion aboard a ferry.") == []
    assert reason("Police were rehearsing the response to a shooting.", "shooting") is not None


def test_modality_a_caller_claiming_a_bomb_is_a_hoax_not_a_bombing():
    assert reason("He called the centre claiming a bomb had been placed inside.", "bomb") is not None


def test_modality_what_may_happen_said_after_its_noun_is_not_an_event():
    assert reason("The advice notes that curfews can be imposed at short notice.", "curfews") is not None
    assert reason("Demonstrations may turn violent with little warning.", "Demonstrations") is not None


def test_modality_a_story_or_an_exercise_tells_what_it_imagines():
    assert reason("The scenario, which is fictional, involves allied forces retaking an island.",
                  "retaking") is not None
    assert reason("The film shows police storming the square.", "storming") is not None


def test_modality_a_promise_is_not_an_event():
    assert reason("The minister promised on Monday to send more police into the city.",
                  "send more police") is not None


def test_modality_a_purpose_a_denial_and_an_investigation():
    assert reason("Police were ordered to use all legal means to arrest the escapees.",
                  "arrest") is not None
    assert reason("Looters began to loot the shops.", "loot") is None
    assert reason("Officers denied that any protester had been shot.", "been shot") is not None
    assert reason("The officer is being investigated for voluntary homicide.", "homicide") is not None


def test_modality_charges_and_destinations_are_not_events():
    assert reason("Police detained 27 people on charges including public disorder.", "public disorder") \
        is not None
    assert reason("Police arrested him on his way to a rally in the capital.", "rally") is not None
