"""Where an incident happened: the place of occurrence, and for movements their origin.

The place is read from the trigger's sentence: a toponym introduced by a locative word ("in
Almaty", "at the airport in X", "into Kazakhstan", "across Y") or a possessive site ("Almaty's
airport") is preferred, then the nearest plain toponym.  Never a nationality ("Russian-led":
a demonym mention), never a toponym in a "from"/"since" phrase (an origin, a time) unless the
incident is a movement, whose origin it then is.  "The country", "the republic", "nationwide"
name the country the article is about.  Without a place in its sentence an incident takes the
place of the sentences just before it in its paragraph, else the article's focus, one step
less precise (town -> region, region -> country).
"""

from __future__ import annotations

import re
import sqlite3
from collections import Counter
from dataclasses import dataclass

from ..errors import IncidentmapError
from ..model import Place, Toponym

__all__ = ["PlaceChoice", "choose_place", "article_focus", "lower_precision"]

_LOCATIVE = re.compile(r"(?:\b(?:in|at|near|outside|inside|into|across|throughout|around|on|onto|"
                       r"toward|towards|to|within|along|over|through|of|between|and|entering|"
                       r"reach(?:ed)?)\s+(?:the\s+)?(?:(?-i:[A-Z][\w'’-]*\s+){0,2}(?:city|town|village|capital|province|"
                       r"state|region|district|county|republic|country|suburbs?|neighbou?rhood|"
                       r"township|enclave|outskirts)\s+of\s+)?"
                       r"(?:(?:northern|southern|eastern|western|central|downtown|north|south|"
                       r"east|west|rural|suburban|nearby)\s+)?)$", re.I)
_FROM = re.compile(r"\b(?:from|since|left|fled|leaving|of|according\s+to|told|quoted\s+by|"
                   r"reported\s+by|via)\s+(?:the\s+)?(?:al-|el-)?$", re.I)
_SITE_AFTER = re.compile(r"^(?:['’]s)?\s+(?:main\s+|international\s+|central\s+|city\s+)?"
                         r"(?P<site>airport|square|palace|residence|station|port|university|"
                         r"parliament|embassy|base|city hall|market|stadium)\b"
                         r"(?!\s+(?:road|highway|bypass|hotel|motorway|expressway|parkway|bus|train))", re.I)
_COUNTRY_ANAPHORA = re.compile(r"\b(?:nationwide|countrywide|across (?:much of |most of |parts of )?the country|"
                               r"throughout the country|across the nation|in (?:much of |most of |parts of )?the country|"
                               r"into the country|the republic|the nation(?!al)|all over the country)\b", re.I)
# "in the capital", "parts of the capital": the capital of the country the article is about
# (not "the capital of Kenya", which names its own place, nor "capital punishment").
_CAPITAL_ANAPHORA = re.compile(r"\b(?:in|across|around|near|outside|into|to|through|throughout|"
                               r"parts\s+of|streets\s+of|outskirts\s+of|centre\s+of|center\s+of)\s+"
                               r"(?P<c>the\s+(?:country['’]s\s+|nation['’]s\s+)?capital)\b(?!\s+(?:of|city\s+of)\b)"
                               r"(?!,?\s+(?-i:[A-Z]))", re.I)
_OTHER_CLAUSE = re.compile(r",\s*(?:as|while|whereas|after|when|before|but)\b|;")
# The sentence says its scope is the whole country: the place is the country by choice, not for
# want of a town.
NATIONWIDE = re.compile(r"\b(?:nationwide|countrywide|across the country|throughout the country|"
                         r"across the nation|all over the country|"
                         r"(?:across|throughout|covering|in|over)\s+the\s+(?:whole|entire)\s+(?:country|nation))\b", re.I)
# A toponym right before an organisation or a group of forces describes who, not where ("US
# forces", "Kurdistan Workers Party", "Lebanon Police").
_ORG_AFTER = re.compile(r"^(?:['’]s)?\s+(?:[A-Z][a-z]+(?:['’]s)?\s+)?(?:police|officers?|sheriff|"
                        r"authorities|officials|government|army|military|forces|troops|troopers|"
                        r"spokes(?:man|woman)|mayor|governor|president|minister|court|"
                        r"prosecutors?|workers|party|front|movement|union|council|committee|"
                        r"department|university|college|hospital|airlines?|times|post|news|"
                        r"state police|highway patrol|task force|fire marshal|fire department|fire chief|"
                        r"sheriff['’]s office|police department|detention cent(?:er|re)|jail|prison|"
                        r"courthouse|crown court|servicem[ae]n|soldiers?|"
                        r"citizens?|nationals?|diplomats?|tourists?|journalists?)\b", re.I)
# Before a person noun ("a Metcalfe County man", "Fort Worth teen") it is where someone lives:
# a place of last resort.
_PERSON_AFTER = re.compile(r"^\s+(?:[A-Z][a-z]+\s+)?(?:man|woman|men|women|boy|girl|teen|"
                           r"teenager|resident|residents|native|natives|couple|family|student|"
                           r"driver|youth|juvenile)\b", re.I)
# A toponym that names an event ("an Adair County shooting") says where it happened.
_EVENT_AFTER = re.compile(r"^\s+(?:shooting|stabbing|fire|blaze|attack|bombing|blast|explosion|"
                          r"protests?|riots?|clashes|arrests?|raid|killing|murder|homicide|slaying|"
                          r"robbery|assault|kidnapping)\b", re.I)
# Where someone is taken afterwards is not where it happened.
_TRANSFER_BEFORE = re.compile(r"\b(?:transferred|taken|brought|extradited|flown|returned|moved|"
                              r"rushed|airlifted|evacuated|travel(?:l?ing|l?ed)|heading|headed|driving|drove|"
                              r"fled|escaped|bound)\s+(?:back\s+|(?:north|south|east|west)(?:ward)?\s+)?"
                              r"(?:to|for)\s+(?:the\s+)?(?:(?:a|the)\s+(?:[\w'’-]+\s+){0,3}?(?:hospital|clinic|"
                              r"medical\s+cent(?:re|er)|base|camp)\s+(?:in|at|near)\s+)?$", re.I)
# "Lahore in Punjab", "Kayseri, Turkey", "Douentza in central Mali"
_FINER_BEFORE_GAP = re.compile(r"\s*(?:,|in)\s*(?:(?:the\s+)?(?:north|south|east|west|central|north-?east|"
                               r"north-?west|south-?east|south-?west)(?:ern)?\s+)?", re.I)
_TOWN_NAMED_BEFORE = re.compile(r"\b(?:city|town|village|capital|port|hub)(?:\s+of)?,?\s+$", re.I)
_CONTRAST = re.compile(r",\s*(?:while|whereas)\b|;\s|\bwhile\s+(?:thousands|hundreds|dozens|others|many|some)\b")
# Where people head, and the far side of a border, are not where they are: "tried to head
# towards the border crossing with the Rwandan town of Gisenyi" (but "marched towards the
# palace in Dhaka" marched in Dhaka).
_DIRECTION_BEFORE = re.compile(r"\b(?:towards?|toward)\s+(?:(?!\b(?:in|at|near|outside|inside)\b)[^,.;]){0,60}$|"
                               # "blocked the main road to Dakar": where the road leads
                               r"\b(?:road|highway|route|motorway|railway|rail\s+line)\s+(?:to|from)\s+$|\bborders?\s+(?:crossing\s+|post\s+)?"
                               r"with\s+(?:the\s+)?(?:[\w-]+\s+){0,4}$", re.I)
# Where a person comes from is not where the incident happened ("a native of Mexico", "born in
# Ohio", "who grew up in Boston").
_ORIGIN_BEFORE = re.compile(r"\b(?:native\s+of|born\s+in|grew\s+up\s+in|raised\s+in|hails?\s+from|"
                            r"originally\s+(?:from|of)|moved\s+(?:here\s+)?from|emigrated\s+from|"
                            r"studied\s+in|citizen\s+of)\s+(?:the\s+)?$", re.I)
# A comparison names another event's place ("like the bombing in Paris", "similar to the
# attack in X", "recalling the riots in Y").
_COMPARISON_BEFORE = re.compile(r"\b(?:like|unlike|similar\s+to|reminiscent\s+of|recalling|recalled|"
                                r"compared\s+(?:to|with)|echoe?[sd]?|mirror(?:s|ed|ing)?)\s+"
                                r"[^,;.]{0,60}$", re.I)
# "officers were sent to the north-east from forces across England": where they came from
_FROM_ACROSS_BEFORE = re.compile(r"\bfrom\s+(?:[\w-]+\s+){1,3}(?:across|throughout|around|all\s+over)\s+(?:the\s+)?$", re.I)
# A country named as the object of a grievance is a topic, not a place ("chanting against
# Iranian interference in Iraq", "Russia's role in Syria").
_TOPIC_BEFORE = re.compile(r"\b(?:interference|involvement|meddling|role|influence|policy|policies|"
                           r"investments?|interests)\s+in\s+(?:the\s+)?$", re.I)
# A name that begins a street's name is the street, not a town ("Nordland Avenue").
_STREET_AFTER = re.compile(r"\s+(?:Avenue|Ave\b\.?|Street|St\.|Road|Rd\b\.?|Drive|Dr\.|Lane|Ln\b\.?|"
                           r"Boulevard|Blvd\b\.?|Terrace|Parkway|Pkwy\b|Pike|Circle|Court|Ct\.|Place|"
                           # "the Kisumu-Busia highway": a road between towns, not the town;
                           # "the city's Simón Bolívar avenue"
                           r"highway|expressway|motorway|bypass|avenue|boulevard|street)\b")
# A local agency locates what it acts on ("arrested by Danbury police", "Hudson police say"),
# when the sentence has no place of its own.
_AGENCY_AFTER = re.compile(r"^\s+(?:[A-Z][a-z]+\s+)?(?:police|sheriff|sheriff['’]s\s+(?:office|department|"
                           r"deputies)|police\s+department|fire\s+department|fire\s+marshal|"
                           r"firefighters|deputies|troopers|officers)\b", re.I)
# A toponym that is the subject of a verb of saying or acting is a government, not a place
# ("Tbilisi has denied", "Turkey has shelled", "Turkey, which backs the rebels, said").
_ACTOR_AFTER = re.compile(r"^(?:,\s+(?:which|who|whose)\b[^,;.]{0,80},)?\s+(?:has|have|had|is|was|will|would)?\s*(?:said|says|say|denied|denies|"
                          r"deny|announced|accused|accuses|claimed|claims|condemned|blamed|warned|"
                          r"shelled|fired|launched|sent|sends|deployed|struck|attacked|bombed|"
                          r"invaded|threatened|urged|demanded|rejected|responded|agreed|signed)\b", re.I)
# A possessive names where only when what it owns is a part of the land ("Almaty's streets",
# "Kazakhstan's largest city"); "Russia's support", "Turkey's state-run agency" name an actor.
_POSSESSIVE = re.compile(r"^['’]s\s", re.I)
_AREA_AFTER = re.compile(r"^['’]s\s+(?:[\w-]+\s+){0,2}?(?:streets?|roads?|outskirts|cent(?:er|re)|downtown|"
                         r"suburbs?|districts?|neighbou?rhoods?|quarters?|north|south|east|west|"
                         r"\w+ern|borders?|border\s+\w+|regions?|provinces?|capital|villages?|towns?|"
                         r"cit(?:y|ies)|coast|shores?|ports?|islands?|mountains?|forests?|valley|"
                         r"highways?|camps?|prisons?|streets|areas?|parts?|side|heart|territory|"
                         r"homes?|buildings?|offices?|headquarters|embassy|consulate|hospitals?|"
                         r"schools?|churche?s?|mosques?|markets?|stadium|bridges?|oil\s*fields?|"
                         r"mines?|plants?|bases?|history|arrondissements?|boroughs?|wards?|precincts?|"
                         r"communes?|municipalit(?:y|ies)|townships?|housing\s+estates?|estates?|"
                         r"squares?|parks?|airports?|stations?|universit(?:y|ies)|campus)\b", re.I)
# A relation "to" a country is not a place ("Russia's ambassador to Turkey", "a visit to").
_RELATION_TO = re.compile(r"\b(?:ambassador|envoy|consul|representative|delegation|emissary|"
                          r"trip|visit|travel|flights?|exports?|ties|relations|aid|loans?|"
                          r"support|threat|apology)\s+to\s+(?:the\s+)?$", re.I)
# "... the worst loss since four agents died in Waco": a place after "since" or "than" is that
# of another, earlier event.
_OTHER_TIME = re.compile(r"\b(?:since|than)\b", re.I)
_APPOSITION = re.compile(r",\s+(?:a|an|the)\s+[^,;:()\n]{0,80}?\b(?:in|of|near|outside)\s+(?:the\s+)?"
                         r"(?:(?:northern|southern|eastern|western|central|north|south|east|west)\s+)?",
                         re.I)
# A dateline says where the story was filed, not always where it happened ("ABUJA, Nigeria
# (AP) — Gunmen killed 12 ... in northwestern Nigeria's Zamfara state"): a name in it yields to
# any other place its sentence gives.
_DATELINE = re.compile(r"(?:[A-Z][A-Z.'’ -]*[A-Z.](?:/[A-Z][A-Z.'’ -]*[A-Z.])*"
                       r"(?:,[ \u00a0]+[A-Z][\w.]*(?:[ \u00a0][A-Z][\w.]*)?)?"
                       # "Sept 13", "November 25, 2018", "15 June 2014"
                       r"(?:,?[ \u00a0]+(?:[A-Z][a-z]{2,8}\.?[ \u00a0]+\d{1,2}(?:,?[ \u00a0]+\d{4})?|"
                       r"\d{1,2}[ \u00a0]+[A-Z][a-z]{2,8}\.?(?:[ \u00a0]+\d{4})?))?"
                       r"[ \u00a0]*(?:\([A-Za-z .&'’-]{2,40}\)[ \u00a0]*)?"
                       # "Kyiv (AFP) -": a town in mixed case is a dateline with its agency
                       r"|[A-Z][\w.'’-]*(?:[ \u00a0][A-Z][\w.'’-]*){0,2}(?:,[ \u00a0]+[A-Z][\w.]*)?[ \u00a0]*"
                       r"\((?:AP|AFP|Reuters|dpa|Xinhua|Bloomberg|CNN|Anadolu|IANS|PTI|ANI|TASS|UPI|CP)\)[ \u00a0]*)"
                       r"(?:—|–|--|-|:)[ \u00a0]")
_KIND_ANAPHORA = re.compile(r"\b(?:in|across|throughout|around|of)\s+the\s+(province|state|region|city|town|"
                            r"district|county)\b", re.I)
_ANAPHORA_KINDS = {"province": ("admin1", "admin2"), "state": ("admin1",), "region": ("admin1", "admin2", "region"),
                   "district": ("admin1", "admin2"), "county": ("admin2",), "city": ("city",), "town": ("city",)}
_CITY_OF = re.compile(r"['’]s\s+(?:second|third|largest|biggest|main|chief|commercial|economic|"
                      r"financial|capital|oldest)\s+(?:largest\s+)?(?:city|town|port)\b|['’]s\s+capital\b", re.I)
_PART_OF_AFTER = re.compile(r"\s+(?:suburbs?|neighbou?rhood|district|township|enclave|outskirts)\s+of\s+[A-Z]")
# "in northwestern Nigeria's Zamfara state": the locative reaches through the possessive.
_POSSESSOR_BEFORE = re.compile(r"(?:[A-Z][\w.’'-]*[ \u00a0]+){0,2}[A-Z][\w.’'-]*['’]s[ \u00a0]+"
                               r"(?:(?:north|south|east|west|central|northern|southern|eastern|western|"
                               r"north-?eastern|north-?western|south-?eastern|south-?western|restive|"
                               r"remote|rural|mountainous|coastal|border|neighbouring|neighboring)[ \u00a0]+)?$")
_STEP_DOWN = {"site": "town", "town": "region", "region": "country", "country": "country"}


def lower_precision(p: str) -> str:
    """One step less precise (an inherited place is only known to lie about there)."""
    return _STEP_DOWN.get(p, "country")


@dataclass(frozen=True)
class PlaceChoice:
    place: Place | None
    precision: str
    text: str | None
    origin: Place | None = None
    explicit: bool = False  # named in the incident's own sentence
    base: Place | None = None  # the named place a site was found from ("Almaty" of its airport)
    resolution: float = 1.0  # the geoparser's confidence in the toponym the place came from


def _usable(t: Toponym) -> bool:
    return t.place is not None and t.mention.kind != "demonym"


def article_focus(toponyms: list[Toponym], text: str | None = None) -> tuple[Place | None, Place | None]:
    """(focus place, focus country) of an article: the country most places lie in, and the
    place in it named most often (a town or finer when it is named at least twice, else the
    country).  Earlier mentions break ties; with ``text``, a name after a locative word ("in",
    "into") counts double, as it says where things happen rather than who acts.  When the
    country itself is not named, the gazetteer supplies it."""
    usable = [t for t in toponyms if _usable(t)]
    if not usable:
        return None, None
    cc_count: Counter = Counter()
    for t in usable:
        if t.place.country_code:
            w = 1
            if text is not None and _LOCATIVE.search(text[max(0, t.start - 40):t.start]):
                w = 2
            cc_count[t.place.country_code] += w
    country_place = None
    focus_cc = None
    if cc_count:
        best = max(cc_count.values())
        for t in usable:
            if t.place.country_code and cc_count[t.place.country_code] == best:
                focus_cc = t.place.country_code
                break
        for t in usable:
            if t.place.kind == "country" and t.place.country_code == focus_cc:
                country_place = t.place
                break
    country_named = country_place is not None
    if country_place is None and focus_cc:
        country_place = _country(focus_cc)
    by_id = Counter(t.place.id for t in usable if t.place.country_code == focus_cc or focus_cc is None)
    first = {}
    for i, t in enumerate(usable):
        first.setdefault(t.place.id, (i, t.place))
    fine = [(n, -first[pid][0], first[pid][1]) for pid, n in by_id.items()
            if first[pid][1].kind not in ("country", "region")]
    focus = None
    if fine:
        n, _, p = max(fine, key=lambda x: (x[0], x[1]))
        # Local news rarely names its country: then the town named is the focus.
        if n >= 2 or not country_named:
            focus = p
    if focus is None:
        focus = country_place or usable[0].place
    return focus, country_place


#: What a missing or partial gazetteer raises; anything else is a bug and must surface.
_MISSING_DATA = (IncidentmapError, OSError, sqlite3.Error)


def _ask_gazetteer(method: str, *args):
    """``load_gazetteer().<method>(*args)``, or ``None`` when the gazetteer, its data or the
    method is missing: a partial gazetteer costs a fallback (the country, "the capital", an
    airport), never the extraction."""
    try:
        from ..gazetteer import load_gazetteer
    except ImportError:
        return None
    try:
        fn = getattr(load_gazetteer(), method, None)
        return fn(*args) if fn is not None else None
    except _MISSING_DATA:
        return None


def _country(cc: str) -> Place | None:
    return _ask_gazetteer("country", cc)


def _capital(cc: str | None) -> Place | None:
    return _ask_gazetteer("capital", cc) if cc else None


def _as_city(t: Toponym) -> Place:
    """An admin1 that shares its name and centre with a city (Almaty, Moscow, Tashkent: cities
    with the status of a province) is, as the place of an incident, the city."""
    p = t.place
    if p is None or p.kind not in ("admin1", "admin2"):
        return p
    for c in t.candidates:
        if c.kind == "city" and c.name == p.name and abs(c.lat - p.lat) < 0.3 and abs(c.lon - p.lon) < 0.3:
            return c
    return p


def _airport(place: Place) -> Place | None:
    airports = _ask_gazetteer("airports_of", place)
    return airports[0] if airports else None


def dateline_end(text: str, start: int, end: int) -> int | None:
    """Where the dateline that opens ``text[start:end]`` ends ("KABUL, Sept 13 (Reuters) - "),
    or None when the sentence opens without one."""
    m = _DATELINE.match(text, start, end)
    return m.end() if m else None


def choose_place(text: str, sent_start: int, sent_end: int, trig_start: int, trig_end: int,
                 toponyms: list[Toponym], *, movement: bool = False,
                 country: Place | None = None, locative_only: bool = False,
                 focus: Place | None = None) -> PlaceChoice | None:
    """The place of occurrence named in the sentence ``text[sent_start:sent_end]`` for the
    trigger at ``trig_start:trig_end`` (absolute offsets), or ``None`` when it names none."""
    if country is not None:
        # ("a state of emergency and a curfew covering the whole country", but not "stormed the
        # mayor's office in Almaty, as unrest spread across the country": another clause.)
        end = min(sent_end, trig_end + 80)
        other = _OTHER_CLAUSE.search(text, trig_end, end)
        near = text[max(sent_start, trig_start - 50):other.start() if other else end]
        nw = NATIONWIDE.search(near)
        if nw:
            return PlaceChoice(country, "country", nw.group(), None, explicit=True)
    cands = []
    origin = None
    excluded_end = -10
    possessors: list[Toponym] = []  # "Tehran province's judiciary": a name the sentence refers back to
    dl = _DATELINE.match(text, sent_start, sent_end)
    dateline_end = dl.end() if dl else -1
    for t in toponyms:
        if t.start < sent_start or t.end > sent_end or not _usable(t):
            continue
        if trig_end > trig_start and (_CONTRAST.search(text, trig_end, t.start) if t.start >= trig_end
                                      else _CONTRAST.search(text, t.end, trig_start)):
            # "joined the rally near City Hall, while thousands more held protests in Busan":
            # a contrasted clause tells another event in another place.
            continue
        before = text[max(sent_start, t.start - 60):t.start]
        after = text[t.end:min(sent_end, t.end + 30)]
        if re.match(r"-\d", after) or re.search(r"\b\d{1,3},\s*$", before) or \
                re.search(r"\b(?:known as|nicknamed|dubbed|alias|a\.k\.a\.|name of|named|called)\s+[\"“]?$",
                          before, re.I):
            # "AK-47" is not Alaska; "Jolly, 60, Lebanon" is where he lives; "known as
            # Montana" is a nickname.
            excluded_end = t.end
            continue
        if excluded_end >= 0 and re.fullmatch(r",\s*", text[excluded_end:t.start]):
            # The qualifier of an excluded name ("of Austin, Texas").
            excluded_end = t.end
            continue
        if not movement and (_TRANSFER_BEFORE.search(before) or _DIRECTION_BEFORE.search(before)):
            excluded_end = t.end
            continue
        if _ORIGIN_BEFORE.search(before) or _COMPARISON_BEFORE.search(before) or \
                _FROM_ACROSS_BEFORE.search(before) or \
                _TOPIC_BEFORE.search(before) or \
                _STREET_AFTER.match(after):
            excluded_end = t.end
            continue
        if _ORG_AFTER.match(after) and not _SITE_AFTER.match(after):
            excluded_end = t.end
            if _AGENCY_AFTER.match(after) and not locative_only and t.place.kind != "country":
                # The agency's town: a last resort, below any place the sentence says it is in.
                dist = t.start - trig_end if t.start >= trig_end else trig_start - t.end
                cands.append((-3.0 - dist / 60.0, t, None))
            continue
        if _POSSESSIVE.match(after) or _ORG_AFTER.match(after):
            possessors.append(t)
        if (_POSSESSIVE.match(after) and not _SITE_AFTER.match(after) and not _AREA_AFTER.match(after)) \
                or _RELATION_TO.search(before) or (t.start >= trig_end and _OTHER_TIME.search(
                    text, trig_end, t.start)):
            excluded_end = t.end
            continue
        if _ACTOR_AFTER.match(text[t.end:min(sent_end, t.end + 120)]):
            if movement and t.end <= trig_start and t.place.kind == "country" and origin is None:
                origin = t.place
            continue
        if _FROM.search(before) and not re.search(r"\bof\s+(?:the\s+)?$", before):
            if movement and origin is None:
                origin = t.place
            excluded_end = t.end
            continue
        if re.search(r"\bof\s+(?:the\s+)?$", before) and not trig_end <= t.start <= trig_end + 6 and not re.search(
                r"\b(?:city|town|village|capital|province|state|region|district|county|"
                r"republic|country|control|hometown|home town|suburbs?|streets|outskirts|center|centre|heart|parts?|"
                r"areas?|zones?|neighbou?rhoods?|quarters?|districts|villages|towns|cities|"
                r"islands?|peninsula|coast|shores|port|municipality|governorate|oblast|"
                r"north|south|east|west)\s+of\s+(?:the\s+)?$", before, re.I):
            # "the independence of X", "the president of X": not where it happened.
            excluded_end = t.end
            continue
        # Subject position before a movement verb ("Russia sent paratroopers"): the origin.
        if movement and t.end <= trig_start and not _LOCATIVE.search(before):
            if t.place.kind == "country" and origin is None:
                origin = t.place
            continue
        score = 0.0
        site = _SITE_AFTER.match(after)
        loc = _LOCATIVE.search(before)
        if not loc:
            pb = _POSSESSOR_BEFORE.search(before)
            loc = pb is not None and _LOCATIVE.search(before, 0, pb.start()) is not None
        if t.end <= dateline_end:
            if country is not None and t.place.country_code != country.country_code:
                continue  # "DUBAI (Reuters) - Iranian authorities ...": filed from abroad
            score -= 2.5
        if loc:
            score += 3.0
        elif locative_only and not site:
            continue
        if site:
            score += 3.0
        if _POSSESSIVE.match(after) and any(
                u is not t and _usable(u) and t.end < u.start <= t.end + 30 and
                u.place.country_code == t.place.country_code and u.place.kind != "country" and
                (t.place.kind != "admin1" or u.place.admin1 in (t.place.name, t.place.admin1)) and
                re.fullmatch(r"['’]s\s+(?:[a-z-]+\s+){0,2}", text[t.end:u.start]) for u in toponyms):
            score -= 1.5  # "in Ukraine's northeastern Kharkiv region": the region is the place
        if _PART_OF_AFTER.match(after):
            score -= 1.0  # "the Paris suburb of Nanterre": the name after "of" is the place
        if _EVENT_AFTER.match(after):
            # "an Adair County shooting" places the shooting; "a man charged in an Indiana
            # homicide has been captured" places the homicide, not the capture.
            score += 2.5 if -1 <= trig_start - t.end <= 3 else -3.0
        elif _PERSON_AFTER.match(after):
            score -= 4.0
        if movement and re.search(r"\b(?:into|to|in)\s+(?:the\s+)?$", before, re.I) and t.start >= trig_end:
            score += 2.0
        dist = t.start - trig_end if t.start >= trig_end else trig_start - t.end
        score -= dist / 60.0
        cands.append((score, t, site))
    if len(cands) > 1:
        # "the blast in Kayseri, a usually calm industrial hub in Central Anatolia": a name in
        # an apposition describes the name before it and does not compete with it.
        described = {id(t) for _, t, _ in cands for _, u, _ in cands
                     if u.end <= t.start and _APPOSITION.fullmatch(text, u.end, t.start)}
        cands = [c for c in cands if id(c[1]) not in described] or cands
    if cands:
        score, t, site = max(cands, key=lambda c: (c[0], -c[1].start))
        if t.place.kind in ("admin1", "admin2", "country"):
            # "Lahore in Punjab", "Kayseri, Turkey": the finer name just before is the place.
            for _, u, usite in cands:
                if u.end <= t.start and u.place.kind in ("city", "site") and \
                        _FINER_BEFORE_GAP.fullmatch(text, u.end, t.start):
                    t, site = u, usite
                    break
            else:
                # "Ecuador's largest prison in the port city of Guayaquil", "the Central
                # Sulawesi capital Palu": a town of it the sentence goes on to name.
                for _, u, usite in cands:
                    if u.start >= t.end and u.place.kind == "city" and \
                            u.place.country_code == t.place.country_code and \
                            _TOWN_NAMED_BEFORE.search(text, max(t.end, u.start - 40), u.start):
                        t, site = u, usite
                        break
        place = _as_city(t)
        if place.kind == "country" and focus is not None and focus.kind == "city" and \
                focus.country_code == place.country_code and _CITY_OF.match(text, t.end):
            # "France's second city has endured a fifth night of violence": the city the
            # article is about, not the whole country.
            return PlaceChoice(focus, focus.precision, text[t.start:_CITY_OF.match(text, t.end).end()],
                               origin, explicit=True, base=focus, resolution=t.confidence)
        precision, ptext = place.precision, t.text
        if site:
            ptext = text[t.start:t.end + site.end()]
            if site.group("site").lower() == "airport" and place.kind != "site":
                ap = _airport(place)
                if ap is not None:
                    place, precision = ap, "site"
        if origin is not None and origin.id == place.id:
            origin = None
        return PlaceChoice(place, precision, ptext, origin, explicit=True, base=_as_city(t),
                           resolution=t.confidence)
    sent = text[sent_start:sent_end]
    back = _KIND_ANAPHORA.search(sent, max(0, trig_start - sent_start - 80))
    if back:
        # "Tehran province's judiciary said 400 people detained in the province": the
        # province the sentence has just named as an owner.
        kinds = _ANAPHORA_KINDS[back.group(1).lower()]
        for t in reversed(possessors):
            if t.end <= sent_start + back.start() and t.place.kind in kinds:
                return PlaceChoice(_as_city(t), t.place.precision, back.group(), origin, explicit=True,
                                   base=_as_city(t), resolution=t.confidence)
    cap = _CAPITAL_ANAPHORA.search(sent)
    if cap and country is not None and country.kind == "country":
        capital = _capital(country.country_code)
        if capital is not None:
            return PlaceChoice(capital, capital.precision, cap.group("c"), origin, explicit=True)
    m = _COUNTRY_ANAPHORA.search(sent)
    if m and country is not None:
        if origin is not None and origin.id == country.id:
            origin = None
        return PlaceChoice(country, "country", m.group(), origin, explicit=True)
    if origin is not None:
        return PlaceChoice(None, "country", None, origin, explicit=False)
    return None
