"""The trigger lexicon: many phrasings per type, inflections, gaps, and the look-alikes."""

import pytest

from incidentmap.incidents.triggers import context_ok, find_triggers, inflect

from _incidents_helpers import run


def types_in(text):
    return [m.type for m in find_triggers(text)]


def test_triggers_inflect_regular_and_irregular_verbs():
    assert set(inflect("burn")) >= {"burn", "burns", "burned", "burnt", "burning"}
    assert set(inflect("seize")) >= {"seize", "seizes", "seized", "seizing"}
    assert set(inflect("deploy")) >= {"deploys", "deployed", "deploying"}
    assert "stabbed" in inflect("stab")


@pytest.mark.parametrize("text,type_", [
    ("Protesters set the mayor's office on fire.", "arson"),
    ("Rioters set a police station and two cars ablaze.", "arson"),
    ("Youths torched a bus.", "arson"),
    ("Investigators said the blaze was set intentionally.", "arson"),
    ("Burned-out cars lined the streets.", "fire"),
    ("A fire broke out in a warehouse.", "fire"),
    ("The wildfire burned 2,000 acres.", "fire"),
    ("Security forces wrested control of the airport.", "seizure"),
    ("Demonstrators stormed the parliament building.", "seizure"),
    ("Protesters stormed the official residence of the president.", "seizure"),
    ("A missile struck an apartment building in the town.", "explosion"),
    ("Artillery shells hit homes in nearby villages.", "explosion"),
    ("Troops repelled an attempt by Russian units to advance near the village.", "armed_clash"),
    ("Soldiers beat back an assault on the base.", "armed_clash"),
    ("Security forces moved in, firing live rounds and burning tents.", "attack"),
    ("Security forces moved in, firing live rounds and burning tents.", "arson"),
    ("Troops in armoured vehicles also patrolled parts of the city.", "deployment"),
    ("Several mortar shells landed inside the airport compound.", "explosion"),
    ("Rebels fired mortar bombs into the capital.", "explosion"),
    ("Ukrainian artillery had pounded the town throughout Wednesday.", "explosion"),
    ("Social media websites were also blocked across the country.", "comms_shutdown"),
    ("Authorities had begun evacuating children from the town.", "emergency_measure"),
    ("A section of City Hall was also set alight.", "arson"),
    ("The fire had been started deliberately in at least three places.", "arson"),
    ("He was surrounded, tied to a trolley and beaten by protesters.", "attack"),
    ("A photographer was punched and kicked to the ground.", "attack"),
    ("Authorities also blocked access to TikTok.", "comms_shutdown"),
    ("Connectivity on the main network had collapsed to 2 percent.", "comms_shutdown"),
    ("Gangs attacked the civil prison, freeing around 1,000 more inmates.", "seizure"),
    ("Youths threw petrol bombs at a police station.", "arson"),
    ("Police and gang members fought for several hours near the airport.", "armed_clash"),
    ("Hundreds of cops were deployed to the block.", "deployment"),
    ("Columns of the Assam Rifles and CRPF were deployed in sensitive areas.", "deployment"),
    ("Residents were ordered out of their homes as a precaution.", "emergency_measure"),
    ("A crowd stormed the governor's house.", "seizure"),
    ("The army retook the town.", "seizure"),
    ("Russia sent paratroopers into the country.", "deployment"),
    ("Peacekeeping troops were sent into the republic.", "deployment"),
    ("The government deployed 3,000 soldiers.", "deployment"),
    ("The president imposed a state of emergency.", "emergency_measure"),
    ("A curfew was declared.", "emergency_measure"),
    ("The decree bans large gatherings.", "emergency_measure"),
    ("Internet service in the country has been down or spotty.", "comms_shutdown"),
    ("Authorities cut off mobile internet.", "comms_shutdown"),
    ("A man was shot on Main Street.", "attack"),
    ("Gunmen opened fire on a bus.", "attack"),
    ("A woman was stabbed while jogging.", "attack"),
    ("Police arrested two men.", "arrest"),
    ("He was taken into custody.", "arrest"),
    ("Thousands took to the streets.", "protest"),
    ("Hundreds of students marched on the ministry.", "protest"),
    ("Shops were looted overnight.", "looting"),
    ("An air strike hit the market.", "explosion"),
    ("A car bomb exploded near the base.", "explosion"),
    ("Rebels and troops exchanged fire.", "armed_clash"),
    ("Riots broke out in the capital.", "riot"),
])
def test_triggers_find_each_type_in_its_phrasings(text, type_):
    assert type_ in types_in(text)


@pytest.mark.parametrize("text,not_type", [
    ("Firefighters from the fire department attended.", "fire"),     # an institution
    ("Firefighters battled the blaze.", "armed_clash"),              # no fire fight
    ("He was arrested in March.", "protest"),                        # the month
    ("Riot police stood by in riot gear.", "riot"),                  # a modifier
    ("She bought a firearm.", "fire"),
    ("Both men were in stable condition.", "attack"),                # not 'stab'
    ("He died of a heart attack.", "attack"),
    ("Arson investigators returned to the scene.", "arson"),
    ("The team rallied to win the game.", "protest"),
    ("SWAT officers stormed the house where he was hiding.", "seizure"),  # a raid
    ("The suspect stormed into the deli and pulled a gun.", "seizure"),   # a robbery
    ("Troops staged flag marches through the old city.", "protest"),     # a show of force
    ("Youths threw petrol bombs at Russian soldiers.", "arson"),          # rioting
    ("Firefighters saved babies from burning buildings.", "arson"),       # an adjective
])
def test_triggers_ignore_look_alikes(text, not_type):
    assert not_type not in types_in(text)


def test_triggers_cooking_demonstrations_are_no_protest():
    from incidentmap.incidents import find_incidents
    from incidentmap.model import Article

    assert find_incidents(Article("t", "Cooking demonstrations will be held all day."), []) == []


def test_triggers_are_found_once_without_overlaps():
    ms = find_triggers("Protesters set a presidential residence and the mayor's office on fire.")
    assert [m.type for m in ms] == ["arson"]
    assert ms[0].text.startswith("set") and ms[0].text.endswith("on fire")


def test_triggers_lexicon_is_written_in_lower_case():
    # The lexicon runs on an ASCII-lowercased copy of the text (for speed): an upper-case
    # letter in a pattern (outside escapes such as \S) could never match.
    import re

    from incidentmap.incidents.triggers import LEXICON

    for t in LEXICON:
        assert not re.search(r"(?<!\\)[A-Z]", t.pattern), t.pattern


def test_triggers_capitalised_words_match_like_lower_case_ones():
    assert types_in("RIOTS BROKE OUT. Protesters Torched a bus.") == ["riot", "arson"]
    assert "protest" in types_in("Students marched to the ministry.")
    assert "protest" not in types_in("In March to April the rains came.")


@pytest.mark.parametrize("text", [
    "The SWAT team stormed an apartment where the man was hiding.",
    "The coach stormed off the field.",
    "The city's murder tally last year was low.",
    "Homicide detectives are investigating.",
])
def test_triggers_raids_idioms_and_statistics_are_no_incidents(text):
    assert not {"seizure", "attack"} & set(types_in(text))


def test_triggers_a_holdup_told_as_what_the_robber_did_is_an_armed_robbery():
    from _incidents_helpers import run
    incs = run("A man walked into a store in Almaty on Tuesday, showed the clerk a handgun and "
               "demanded cash.")
    assert [(i.type, i.subtype) for i in incs] == [("attack", "armed robbery")]
    # Without a weapon, a demand for money is no violence.
    assert run("A man walked into a store in Almaty on Tuesday and demanded cash.") == []


def test_triggers_a_fire_found_to_be_set_is_an_arson_not_a_plan():
    from _incidents_helpers import run
    incs = run("Investigators determined the fire was set intentionally in a hallway in Almaty on Monday.")
    assert [i.type for i in incs] == ["arson"]
    # A meeting "set for" a day is still a plan.
    assert run("A rally in Almaty was set for Monday.") == []


def test_triggers_a_blockade_by_aggrieved_people_is_a_protest():
    from _incidents_helpers import run
    incs = run("Truckers blocked hundreds of roads near Almaty on Tuesday to protest against the "
               "election result.")
    assert [i.type for i in incs] == ["protest"]
    assert run("Residents blocked the driveway with their cars in Almaty on Tuesday.") == []


def test_triggers_strikes_that_flatten_and_gatherings_that_were_banned():
    from _incidents_helpers import run
    incs = run("One strike flattened a three-story building in Almaty on Tuesday, killing four people.")
    assert [(i.type, i.subtype) for i in incs] == [("explosion", "air strike")]
    incs = run("Schools in Almaty were closed on Tuesday and gatherings of more than 10 people were banned.")
    assert [(i.type, i.subtype) for i in incs] == [("emergency_measure", "ban on gatherings")]
    # Workers on strike flatten nothing.
    assert run("The strike hit production in Almaty on Tuesday.") == []


@pytest.mark.parametrize("text,type_", [
    ("Some 8,000 students marched peacefully toward the parliament in Almaty on Tuesday.", "protest"),
    ("Hundreds of thousands of people marched across Kazakhstan on Tuesday against the reform.", "protest"),
    ("A car used by the gunman was found set alight in Almaty on Tuesday.", "arson"),
    ("The air force carried out strikes on the assailants near Almaty on Tuesday.", "explosion"),
    ("Extra patrols were sent into Almaty on Sunday to reassure residents after the riot.", "deployment"),
])
def test_triggers_more_phrasings(text, type_):
    from _incidents_helpers import run
    assert type_ in {i.type for i in run(text)}


@pytest.mark.parametrize("text,type_", [
    ("A brush fire west of Almaty forced the evacuation of about 200 homes on Sunday.", "emergency_measure"),
    ("About 30 residents of nearby houses were told to leave after the gas explosion in Almaty on Monday.",
     "emergency_measure"),
    ("Hundreds of nurses walked off the job at the hospital in Almaty on Monday over pay.", "protest"),
    ("More than 200 people rallied outside city hall in Almaty on Monday, calling for the officer to be fired.",
     "protest"),
    ("A woman was forced out of her SUV at knifepoint in a parking lot in Almaty on Sunday.", "attack"),
])
def test_triggers_local_news_phrasings(text, type_):
    from _incidents_helpers import run
    assert type_ in {i.type for i in run(text)}


@pytest.mark.parametrize("text", [
    "Crime Stoppers is offering a reward of up to $1,000 in Almaty for information leading to an arrest.",
    "Police searched the school in Almaty on Tuesday after an email claiming that a bomb had been planted.",
    "Police and the bomb detection and disposal squad searched the school in Almaty on Tuesday.",
    "She cooked for crews in Almaty during bushfire seasons and was in the Rural Fire Brigade.",
    "A long shot at the end zone on the final play in Almaty on Friday fell incomplete.",
    "The slide in Almaty on Monday forced the evacuation of one family.",
])
def test_triggers_local_news_look_alikes(text):
    from _incidents_helpers import run
    assert run(text) == []


@pytest.mark.parametrize("text,type_", [
    ("Dozens of relatives gathered outside the prison gates in Almaty on Wednesday, demanding information.",
     "protest"),
    ("Several thousand also rallied in Almaty on Sunday.", "protest"),
    ("A contingent of 120 police and soldiers flew from Astana to Almaty on Wednesday and began patrolling.",
     "deployment"),
    ("Security forces sealed off the roads around the parliament in Almaty on Tuesday evening.", "deployment"),
])
def test_triggers_gatherings_rallies_and_forces_on_the_move(text, type_):
    from _incidents_helpers import run
    assert type_ in {i.type for i in run(text)}


def test_triggers_people_who_gathered_for_a_party_are_no_protest():
    from _incidents_helpers import run
    assert run("Friends gathered at a restaurant in Almaty on Sunday to celebrate her birthday.") == []


@pytest.mark.parametrize("text,type_", [
    ("Thousands blocked the main access roads into Almaty on Tuesday, carrying banners and demanding "
     "wage increases.", "protest"),
    ("Shop windows and bank fronts along the boulevard in Almaty were smashed on Tuesday night.",
     "property_destruction"),
    ("Inside the ground in Almaty, fans ripped out seats and threw them onto the pitch on Sunday.",
     "property_destruction"),
    ("Additional officers were deployed in the area of Almaty on Wednesday to reassure residents.",
     "deployment"),
])
def test_triggers_blockades_smashed_fronts_and_extra_officers(text, type_):
    from _incidents_helpers import run
    assert type_ in {i.type for i in run(text)}


def test_triggers_wounded_soldiers_flown_out_are_no_deployment():
    from _incidents_helpers import run
    incs = run("Five soldiers were wounded and flown to Almaty by helicopter on Monday.")
    assert "deployment" not in {i.type for i in incs}


def test_triggers_a_mob_that_carted_away_goods_looted():
    from _incidents_helpers import run
    incs = run("In Almaty, a mob broke into a supermarket on Tuesday and carted away goods.")
    assert [i.type for i in incs] == ["looting"]


def test_triggers_evacuation_plans_are_not_an_evacuation_order():
    assert "emergency_measure" not in types_in(
        "The report recommends mandatory evacuation plans for all high-rise buildings.")
    assert "emergency_measure" in types_in("Officials issued a mandatory evacuation for the valley.")


def test_triggers_a_prison_cell_block_is_not_a_phone_network():
    assert "comms_shutdown" not in types_in("The riot broke out in a cell block controlled by a gang.")
    assert "comms_shutdown" in types_in("Cell phone service was blocked across the city.")


def test_triggers_an_explosives_laden_vehicle_is_a_bombing():
    assert "explosion" in types_in("Militants rammed an explosives-laden truck into the gate of the station.")


def test_triggers_a_campaign_rally_is_electioneering_not_a_protest():
    assert "protest" not in types_in("Thousands filled the stadium as Mahama held one of the biggest "
                                     "rallies of his campaign.")
    assert "protest" in types_in("Thousands of opposition supporters held a rally in the capital.")


def test_triggers_a_fire_prone_area_is_a_risk_not_a_fire():
    assert "fire" not in types_in("Residents in bushfire-prone areas should finalise their plans.")
    assert "fire" in types_in("A bushfire destroyed three homes near the town.")


@pytest.mark.parametrize("text", [
    "Petrol bombs and masonry were thrown at police in the city on Sunday night.",
    "Firefighters said they were pelted with stones when they arrived.",
    "The workers hurled brickbats at officers.",
])
def test_triggers_missiles_thrown_at_police_are_rioting(text):
    assert "riot" in types_in(text)


@pytest.mark.parametrize("text", [
    "Looters cleaned out a supermarket overnight.",
    "Crowds broke into a shopping centre on Wednesday night, stripping it of food.",
])
def test_triggers_more_phrasings_of_looting(text):
    assert "looting" in types_in(text)


def test_triggers_runners_taking_to_the_streets_for_charity_are_not_protesting():
    assert run("More than 1,200 runners took to the streets of Almaty on Sunday for the annual "
               "hospice 5k.") == []
    assert [i.type for i in run("Thousands took to the streets of Almaty on Sunday.")] == ["protest"]


def test_triggers_a_fire_that_was_lit_was_set():
    assert "arson" in types_in("A small fire was lit in the back shed of the same house.")


def test_triggers_an_air_raid_alert_is_not_an_air_raid():
    assert "explosion" not in types_in("Residents should stay in shelters during air raid alerts.")
    assert "explosion" in types_in("An air raid destroyed the school.")


def test_triggers_the_scene_of_unrest_is_not_a_new_fire():
    assert "fire" not in types_in("said a student, standing near a burned-out bus shelter.")
    assert "fire" in types_in("Burned-out cars littered the streets.")


def test_triggers_armed_men_marching_are_not_demonstrators():
    found = run("Rebels seized Almaty on Tuesday after government troops fled, marching through the "
                "city centre.")
    assert "protest" not in [i.type for i in found]
    assert [i.type for i in run("Thousands of students marched through Almaty on Tuesday.")] == ["protest"]


@pytest.mark.parametrize("text,type_", [
    ("Eight people were arrested following disorder in Oldham town centre on Saturday.", "riot"),
    ("Violent disorder broke out outside the hotel.", "riot"),
    ("A dispersal order was authorised for the town centre until 6am on Sunday.", "emergency_measure"),
    ("Youths hurled petrol bombs at riot police in the city on Wednesday.", "riot"),
    ("Hundreds of young people burned tyres and blocked roads near the offices, accusing the agency.",
     "protest"),
    ("Police are searching for a man who threatened a store employee with a knife and fled with "
     "several bottles.", "attack"),
    ("Video showed a warehouse near the harbor burning out of control.", "fire"),
])
def test_triggers_more_phrasings_of_this_session(text, type_):
    assert type_ in [m.type for m in find_triggers(text) if context_ok(m, text)]


@pytest.mark.parametrize("text,type_", [
    ("Internet access in Shiraz and most of the country was shut down on Saturday evening.",
     "comms_shutdown"),
    ("Armed youths raided three cattle camps near the town on Sunday, killing at least 32 people.",
     "attack"),
    ("A motorcyclist rammed into a line of police, injuring three of them.", "attack"),
    ("A woman was hijacked at gunpoint outside her home.", "attack"),
    ("Hundreds of shoppers were evacuated from the shopping centre after a bomb threat.",
     "emergency_measure"),
    ("Residents on the edge of town were told to evacuate as a grassfire burned towards homes.",
     "emergency_measure"),
    ("Officers evacuated about a dozen nearby homes as a precaution during the standoff.",
     "emergency_measure"),
])
def test_triggers_phrasings_from_the_fourth_sessions_local_and_conflict_news(text, type_):
    assert type_ in [m.type for m in find_triggers(text) if context_ok(m, text)]


def test_triggers_blast_walls_and_battling_flames_are_not_violence():
    assert "explosion" not in types_in("Young men pulled down sections of the blast walls on the bridge.")
    assert "armed_clash" not in types_in("More than 1,300 firefighters and soldiers were battling the flames.")
    assert "armed_clash" in types_in("Soldiers battled militants near the border.")


def test_triggers_a_homicide_lieutenant_is_a_title():
    assert "attack" not in types_in("The mother was knocked unconscious, sheriff's homicide Lt. Pat "
                                    "Nelson said.")
