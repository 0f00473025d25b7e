"""Document frame and the confidence of a merged incident (docs/taxonomy.md, "Confidence").

The per-sentence score (``__init__._confidence``) says how strongly one sentence supports a
candidate; on the benchmark it barely separates right from wrong.  What does separate them is
known only once an article has been read whole: how many sentences tell the event, whether the
lead tells it, and whether the article is about an incident at all.  ``rescore`` combines those
with the sentence-level signals into the confidence an incident carries and the default cut
(``MIN_CONFIDENCE``) is applied to.
"""

from __future__ import annotations

import math
import re

from ..model import Place
from .merge import Candidate
from .places import NATIONWIDE

# Types whose events are local: placed only at a country, the place is probably a fallback.
_LOCAL_TYPES = {"attack", "arrest", "fire", "arson", "explosion", "property_destruction", "looting",
                "riot", "armed_clash", "seizure"}

#: How many body sentences make the lead (the headline is not counted).
LEAD_SENTENCES = 3

# Headlines and leads of articles that are not incident reports: sport, business, politics,
# culture, obituaries, opinion.  Words of news language in general, not of one corpus.
_NON_EVENT_FRAME = re.compile(
    r"\b(?:wins?|won|champions?(?:hip)?s?|tournament|playoffs?|season|coach(?:es)?|league|"
    r"game|match|scores?|goals?|medal|olympics?|cup|"
    r"budget|stimulus|tax(?:es)?|economy|economic|profits?|earnings|shares|stocks?|market|"
    r"sales|deal|investors?|company|companies|bank|prices?|"
    r"council|board|commission(?:ers)?|legislat\w+|lawmakers|bill|elections?|campaign|"
    r"votes?|voters|candidates?|annexation|zoning|"
    r"festival|concert|album|film|movie|book|exhibit(?:ion)?|theat(?:er|re)|award(?:s|ed)?|"
    r"grants?|fundraiser|charity|scholarship|graduat\w+|schools?|students?|"
    r"obituary|dies at|remembered|funeral|review|opinion|column|letters?)\b", re.I)

# A review of a film, game, book or show: the violence it describes is its story ("Barricade
# review: A riot game that makes you choose ...").
_REVIEW = re.compile(r"\b(?:review|reviewed)\s*[:—–-]|[:—–-]\s*review\b|\b(?:film|movie|game|book|novel|"
                     r"album|series|show|play|musical|exhibition|documentary)\s+review\b|"
                     r"\breview\s+of\s+(?:the\s+)?(?:film|movie|game|book|novel|series|show|play)\b", re.I)

# A report of figures: what it counts, over which period, with no day of news in its lead.
_TALLY_WORDS = re.compile(r"\b(?:statistics|figures|data|recorded|records|record\s+(?:number|high|low)|annual|"
                          r"tally|survey|per ?cent|percent|rate|report(?:ed)?\s+(?:says|said|shows?|showed|found))\b|"
                          r"\b(?:UN|report|study|figures|data)\s+(?:says|shows?|finds)\b", re.I)
_PERIOD = re.compile(r"\b(?:in|for|during|through|over|since)\s+(?:(?:19|20)\d\d|the\s+(?:past|last)\s+(?:year|decade)|"
                     r"(?:January|February|March|April|May|June|July|August|September|October|November|December)\b)|"
                     r"\b(?:last|this|the\s+previous)\s+year\b|\bannual\b|\b(?:19|20)\d\d\b", re.I)
_A_DAY = re.compile(r"\b(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|"
                    r"overnight|last\s+night|this\s+morning)\b", re.I)
# ("statistics published on Tuesday", "the UN said in its annual report on Sunday": the day of
# the report, not of an event.)
_PUBLISHED_BEFORE = re.compile(r"\b(?:said|says|published|released|announced|issued|presented|report|statistics|"
                               r"figures|data)\b[^.;]*$", re.I)
_OBITUARY = re.compile(r"^\W*obituary\b|\bobituary\s*[:—–-]|\b(?:dies|died)\s+(?:aged\s+|at\s+(?:age\s+)?)\d{2,3}\b", re.I)
_EXERCISE = re.compile(r"\b(?:drills?|mock|simulat\w+|war\s*games?|(?:emergency|military|training|joint|naval|"
                       r"disaster|evacuation|security|counter-?terror\w*|response|major|large-scale)\s+exercises?)\b", re.I)
_REAL_HARM = re.compile(r"\b(?:killed|kills|dead|dies|died|deaths?|injur\w+|hurt|wounded|missing)\b", re.I)

# Headlines and leads of crime, conflict and disaster news, when the trigger lexicon missed the
# lead's own event ("a man is in a Winnipeg jail on charges ...").
_EVENT_FRAME = re.compile(
    r"\b(?:police|sheriff|troopers?|deputies|suspects?|charged|charges|jail(?:ed)?|custody|"
    r"arrest\w*|killed|dead|died|death|shot|shooting|stabb\w+|murder\w*|homicide|robbery|"
    r"assault\w*|attack\w*|bomb\w*|blast|explosion|fire|blaze|burn\w*|protest\w*|rall(?:y|ies)|"
    r"march\w*|riot\w*|clash\w*|troops|soldiers|militants?|rebels?|gunm[ae]n|victims?|"
    r"injur\w+|wounded|hostages?|kidnap\w*|abduct\w*|curfew|emergency)\b", re.I)

# Explicit harm, weapons or numbers of victims: physical detail a report of an incident gives.
_HARM = re.compile(
    r"\b(?:killed|dead|died|wounded|injured|hurt|hospitali[sz]ed|bodies|body|victims?|"
    r"gun(?:man|men|fire|shots?)?|pistol|rifle|knife|bomb|explosives?|grenade|"
    r"shot|stabbed|handcuffed|booked|jail(?:ed)?|custody|flames|destroyed|burned|"
    r"police|troops|riot|tear gas|crowds?|(?:hundreds|thousands|dozens|\d[\d,]*)\s+(?:of\s+)?"
    r"(?:people|protesters|demonstrators|marchers|supporters|students|workers|teachers))\b", re.I)


def document_frame(sentences, body_index: int, cands: list[Candidate], text: str) -> str:
    """``"fiction"`` when the headline announces a review (of a film, game, book ...);
    ``"event"`` when the lead (the headline and the first body sentences) tells an incident
    candidate or speaks the language of crime, conflict or disaster; ``"non-event"`` when it
    does neither and the headline or first sentence speaks the language of sport, business,
    politics, culture or opinion; else ``"mixed"``."""
    lead_end = body_index + LEAD_SENTENCES
    heading = " ".join(s.text for s in sentences[:max(body_index, 1)])[:400]
    if _REVIEW.search(heading) or _OBITUARY.search(heading) or (
            _EXERCISE.search(heading) and not _REAL_HARM.search(heading)):
        # A review's violence is its story's; an obituary retells a life; a drill stages what
        # it simulates ("Police stage major emergency drill at Dublin Port").
        return "fiction"
    opening = " ".join(s.text for s in sentences[:body_index + 1])[:500]
    news_day = any(not _PUBLISHED_BEFORE.search(opening, max(0, m.start() - 50), m.start())
                   for m in _A_DAY.finditer(opening))
    if _TALLY_WORDS.search(opening) and _PERIOD.search(opening) and not news_day:
        # "Record number of civilians killed in Afghanistan in 2018, UN says": a report of
        # figures over a period; its shootings and bombings are counts, not events.
        return "statistics"
    if any(c.sentence.index < lead_end for c in cands):
        return "event"
    head = " ".join(s.text for s in sentences[:lead_end])[:600]
    if _EVENT_FRAME.search(head):
        return "event"
    head = " ".join(s.text for s in sentences[:body_index + 1])[:400]
    return "non-event" if _NON_EVENT_FRAME.search(head) else "mixed"


def rescore(c: Candidate, frame: str, body_index: int, focus: Place | None = None,
            national: Place | None = None) -> float:
    """The confidence of a merged incident, 0 to 0.95.

    Corroboration (the number of sentences that tell the event) weighs most: on the benchmark,
    incidents told in three or more sentences were right nine times in ten, those told once
    about half the time.  Then counts of victims or arrests, the lead, the trigger's
    ambiguity, a local event placed only at a country, the article's frame, and whether the
    place lies where the article is about (``focus``, from ``article_focus``; anywhere in
    ``national``, the country an article names twice)."""
    if frame == "fiction" or (frame == "statistics" and not c.date_explicit):
        return 0.0
    n = len({s.start for s in c.evidence})
    first = min(s.index for s in c.evidence)
    lead = first < body_index + LEAD_SENTENCES
    counted = c.fatalities is not None or c.injured is not None or c.arrested is not None
    strength = c.trigger.trigger.strength
    conf = 0.50
    conf += 0.05 if n == 2 else 0.30 if n >= 3 else 0.0   # told again, and again
    conf += 0.10 if counted else 0.0                      # how many died, were hurt, held
    conf += 0.05 if lead else 0.0                         # the lead is the news
    conf += 0.05 if strength >= 0.8 else -0.05 if strength <= 0.5 else 0.0  # ambiguity
    if n < 3 and c.place is not None and c.place.place is not None and \
            c.place.place.kind == "country" and c.type in _LOCAL_TYPES and \
            not (c.place.explicit and c.place.text and NATIONWIDE.search(c.place.text)):
        conf -= 0.15                                      # a shooting placed only in a country
    if n == 1 and frame != "event":
        # An article about something else: a lone mention needs physical detail to count.
        physical = counted or bool(_HARM.search(c.sentence.text))
        if frame == "non-event":
            conf -= 0.10 if physical else 0.25
        elif not physical:
            conf -= 0.10
    place = c.place.place if c.place else None
    if n < 3 and not c.listed and agrees(place, focus) is False and not (
            national is not None and place is not None and place.country_code == national.country_code) \
            and not (c.place is not None and c.place.explicit and place is not None and focus is not None
                     and place.kind == "city" and place.country_code == focus.country_code):
        # Placed away from where the article is about, and told at most twice: more often a
        # misread name, a comparison or an old event than the news (a place listed beside the
        # event's own, "in Nanterre, Lille and Toulouse", is neither).
        conf -= 0.15
    return max(0.0, min(0.95, conf))


def agrees(place, focus) -> bool | None:
    """Whether an incident's place lies where the article is about (its focus): the same
    place, inside the focus country or admin area, or within 161 km of the focus town."""
    if place is None or focus is None:
        return None
    if place.id == focus.id:
        return True
    if focus.kind == "country" or place.kind == "country":
        return bool(place.country_code) and place.country_code == focus.country_code
    if focus.kind in ("admin1", "admin2") and place.country_code == focus.country_code and \
            (place.admin1 == focus.name or place.admin1 == focus.admin1 and focus.kind == "admin2"):
        return True
    dy = place.lat - focus.lat
    dx = (place.lon - focus.lon) * math.cos(math.radians((place.lat + focus.lat) / 2))
    return 111.2 * math.hypot(dx, dy) <= 161.0
