"""Confidence read off the whole article (corroboration, counts, lead, frame) and the
place-attachment rules of the second precision pass."""

import datetime as dt

from incidentmap.incidents import MIN_CONFIDENCE, find_incidents
from incidentmap.model import Place

from _incidents_helpers import ALMATY, KZ, article, run, toponyms

FILLER = " ".join(["The city council met to discuss the budget."] * 4)


def conf_of(text, type_, places=None):
    art = article(text)
    found = [i for i in find_incidents(art, toponyms(text, places), min_confidence=0.0)
             if i.type == type_]
    assert len(found) == 1, [(i.type, i.place and i.place.name) for i in found]
    return found[0].confidence


# --- corroboration ---------------------------------------------------------------------------

def test_confidence_an_event_told_in_three_sentences_outranks_one_told_once():
    once = conf_of("A man was stabbed in Almaty on Monday. " + FILLER, "attack")
    thrice = conf_of("A man was stabbed in Almaty on Monday. The stabbing happened outside a "
                     "bar. Police said the stabbing victim was 30. " + FILLER, "attack")
    assert thrice >= once + 0.2


def test_confidence_counted_victims_raise_it():
    bare = conf_of("A gunman opened fire at a bar in Almaty on Monday. " + FILLER, "attack")
    counted = conf_of("A gunman opened fire at a bar in Almaty on Monday, killing three "
                      "people. " + FILLER, "attack")
    assert counted > bare


# --- document frame ----------------------------------------------------------------------------

def test_confidence_lone_mention_in_a_sports_article_is_cut():
    text = ("Almaty wins the regional hockey championship. The team beat Astana 4-2 in the final "
            "game of the season. Fans celebrated in the streets. The coach praised the goalie. "
            "The league will honour the players next week. Earlier, protesters rallied in "
            "Almaty against the price of fuel.")
    art = article(text)
    every = find_incidents(art, toponyms(text), min_confidence=0.0)
    assert [i.type for i in every] == ["protest"]
    assert every[0].confidence < MIN_CONFIDENCE
    assert find_incidents(art, toponyms(text)) == []


def test_confidence_same_mention_in_an_incident_report_is_kept():
    text = ("Protesters rallied in Almaty on Monday against the price of fuel. Hundreds "
            "marched to city hall.")
    assert [i.type for i in run(text)] == ["protest"]


def test_confidence_lone_mention_with_harm_survives_a_business_frame():
    text = ("Oil company profits rise as prices climb. Shares rose 4% on Monday. The company "
            "said sales were strong. Investors were pleased. Analysts expect more. Separately, "
            "a gunman shot and killed two guards at a depot in Almaty.")
    assert [i.type for i in run(text)] == ["attack"]


# --- place attachment --------------------------------------------------------------------------

def test_places_origin_of_a_person_is_not_the_place():
    i = run("A man who grew up in Astana was stabbed on Monday outside his home in Almaty.")[0]
    assert i.place == ALMATY
    i = run("A man born in Astana was arrested on Monday at a bar in Almaty.")[0]
    assert i.place == ALMATY


def test_places_comparison_place_does_not_win():
    text = "Like the bombing in Astana, a bomb exploded on Monday in Almaty, killing two."
    (i,) = [i for i in run(text) if i.type == "explosion"]
    assert i.place == ALMATY


def test_places_destination_of_flight_is_not_the_place():
    text = "A woman seen driving south to Astana had abducted two children on Monday in Almaty."
    (i,) = [i for i in run(text) if i.type == "attack"]
    assert i.place == ALMATY


def test_places_local_police_agency_locates_an_arrest_without_a_place():
    springfield = Place("geonames:1", "Springfield", "city", 40.6, -88.98, "US")
    riverton = Place("geonames:2", "Riverton", "city", 41.72, -73.24, "US")
    places = {"Springfield": springfield, "Riverton": riverton}
    text = ("RIVERTON - A mason appeared in court on Tuesday. He was arrested by Springfield police "
            "on Monday night.")
    (i,) = [i for i in find_incidents(article(text), toponyms(text, places)) if i.type == "arrest"]
    assert i.place == springfield
    # A place the sentence says it happened in still wins over the agency.
    text = "He was arrested by Springfield police on Monday night in Riverton."
    (i,) = [i for i in find_incidents(article(text), toponyms(text, places)) if i.type == "arrest"]
    assert i.place == riverton


def test_places_a_name_in_an_apposition_describes_the_name_before_it():
    springfield = Place("geonames:1", "Springfield", "city", 40.6, -88.98, "US")
    riverton = Place("geonames:2", "Riverton", "city", 41.72, -73.24, "US")
    places = {"Springfield": springfield, "Riverton": riverton}
    text = "In Springfield, a quiet town south of Riverton, a bomb exploded on Monday."
    (i,) = [i for i in find_incidents(article(text), toponyms(text, places)) if i.type == "explosion"]
    assert i.place == springfield


def test_accidental_shot_is_not_an_attack():
    assert run("A man was shot in Almaty on Monday in what police called an accidental "
               "shooting.") == []
    assert run("A hunter was shot in Almaty on Monday when a rifle went off.") == []
    assert [i.type for i in run("A man was shot in Almaty on Monday, police said.")] == ["attack"]


def test_confidence_a_lone_incident_far_from_the_articles_place_is_cut():
    base = ("Almaty police arrested a man on Monday after a robbery in Almaty. The arrest came "
            "after a chase through central Almaty. ")
    text = base + "Police said the man had been arrested once before in Paris."
    paris = [i for i in find_incidents(article(text), toponyms(text), min_confidence=0.0)
             if i.place is not None and i.place.name == "Paris"]
    assert paris and all(i.confidence < MIN_CONFIDENCE for i in paris)
    assert all(i.place.name != "Paris" for i in run(text))
    # Told again and again, the far event is news in its own right.
    text = base + ("Separately, a bomb exploded in Paris on Monday. The Paris bomb blast wounded "
                   "two. The explosion in Paris shattered windows.")
    assert any(i.type == "explosion" and i.place.name == "Paris" for i in run(text))


# --- rules found on fresh8 (after its one measured run) ----------------------------------------

def test_a_verb_after_a_definite_subject_is_not_a_reference_back():
    assert [i.type for i in run("The man assaulted a woman in Almaty on Monday.")] == ["attack"]
    # A definite noun still names an event the article does not report.
    assert run("After the September 11 attacks, security rose in Almaty.") == []


def test_since_a_recent_day_is_news_not_background():
    text = "It was the first service since their pastor was shot dead in Almaty last Sunday."
    assert [i.type for i in run(text)] == ["attack"]
    assert run("It was the first service since his arrest in Almaty.") == []


def test_a_robbery_with_a_weapon_is_an_attack():
    assert [i.type for i in run("A bank in Almaty was robbed by an armed man on Monday.")] == ["attack"]
    assert [i.type for i in run("A man held a knife to a driver's throat in Almaty on Monday.")] \
        == ["attack"]
    assert run("A bank in Almaty was robbed on Monday.") == []


def test_a_prospect_or_a_generic_case_is_not_an_incident():
    assert run("Migrants in Almaty now face detention.") == []
    assert run("Officers in Almaty break up any brawls that erupt.") == []


def test_places_a_street_named_after_a_town_is_not_the_town():
    text = "A man was arrested on Monday at his home on Astana Avenue in Almaty."
    (i,) = run(text)
    assert i.place == ALMATY


# --- rules of the fourth session ---------------------------------------------------------------

def test_a_national_tally_is_placed_at_the_country_and_kept():
    # "Across the country" names the place: it is not a local event that fell back to the
    # country for want of a town, and the cut keeps it.
    text = ("Protesters marched on the mayor's office in Almaty on Wednesday. " + FILLER +
            " The Interior Ministry said on Friday that 1,234 people had been arrested across the country "
            "since the unrest began. " + FILLER)
    arrests = [i for i in run(text) if i.type == "arrest"]
    assert [(i.place.name, i.arrested.value) for i in arrests] == [("Kazakhstan", 1234)]
    # A local event placed at the country only for want of a town stays below the cut.
    assert [i for i in run("Police said a man was stabbed on Monday in Kazakhstan. " + FILLER)
            if i.type == "attack" and i.confidence >= 0.5 and i.place == KZ] == []


def test_confidence_a_drill_or_an_obituary_reports_no_incident():
    drill = ("Police and firefighters stage major emergency drill at Almaty airport\n\nMore than 200 "
             "firefighters and police rushed to the terminal in Almaty on Sunday, where a bomb went "
             "off in a baggage hall and a gunman opened fire on passengers. Officers arrested the "
             "gunman within ten minutes.")
    assert run(drill) == []
    # A drill in which someone was really hurt is news.
    hurt = drill.replace("stage major emergency drill", "hurt in emergency drill")
    assert run(hurt) != []
    obituary = ("Obituary: Ivan Petrov, firefighter who led the search at the Almaty warehouse fire\n\n"
                "Ivan Petrov, who pulled two colleagues from a burning warehouse in Almaty, died "
                "peacefully at home on Sunday. He was 88. Fire tore through the warehouse on a winter "
                "night, and a floor collapsed beneath his crew.")
    assert run(obituary) == []


def test_confidence_a_report_of_figures_counts_and_reports_no_event():
    from incidentmap.incidents.confidence import document_frame
    from incidentmap.incidents.text import split_sentences

    text = ("Record number of civilians killed in Almaty in 2018, UN says\n\nMore civilians were killed "
            "in Almaty in 2018 than in any year since records began, the United Nations said in its "
            "annual report on Sunday. A further 7,189 people were injured. Suicide attacks and other "
            "bombings caused 42 percent of all civilian casualties, the report said.")
    assert document_frame(split_sentences(text), 1, [], text) == "statistics"
    assert run(text, published=dt.date(2019, 2, 24)) == []
    # A day of news in the lead makes it a news report again.
    text = ("Almaty figures show rise in 2018\n\nA bomb exploded at a market in Almaty on Sunday, "
            "killing 12 people, a day before the UN published its annual figures.")
    assert document_frame(split_sentences(text), 1, [], text) != "statistics"
    assert [i.type for i in run(text, published=dt.date(2019, 2, 25))] == ["explosion"]
