"""Is a trigger the report of a new event, in its violent sense?  Sense and reportedness.

Two questions the lexicon cannot answer by itself:

* **Sense.**  A few triggers are as often figurative as physical: "attack" (critics attacked the
  plan, the team attacked the goal), "blast" (Democrats blast the ads, a blast of cold air),
  "clash" (a prison clashes with revitalization), "storm", "took control of", "ambush",
  "explosion" (an explosion of interest).  Such a trigger counts only when its sentence says
  something physical: a weapon, a casualty or victim, a body, police or armed men, a crowd.
  Without that, it is dropped; with words of political rhetoric, sport, medicine or weather and
  nothing physical, it is dropped with that reason.
* **Reportedness.**  News mentions old events to explain new ones: "arrested in 2015, he ...",
  "a fire gutted the restaurant in 2005", "since the 2019 protests", "the conflict that
  erupted seven years ago", a trial about a killing.  An incident is a new event of the
  article; the background is not.  A trigger is background when

  - its clause puts it in the past of the news: "N years ago", "last year", "previously",
    "not the first time", "a history of", "convictions";
  - it names an event by its year ("the 2019 protests") or follows "since" ("since his arrest");
  - its own date is older than the article's news: more than 31 days before the article's
    latest date, a year before the latest year the article names, or a year the text states
    that ended more than a month before publication ("in 2005" in a paper of 2022; a day
    without its year, "on March 11", is the writer's recent past and is kept).  Without a publication
    date (no way to count days), a date carrying a year or only a month is older when the
    article's other events are dated by weekday or "yesterday" (news of the last days) while
    this one is not, or (a year) when the article is a court report.  An article with no later
    anchor keeps its dated events: they may be its news, told late;
  - its sentence is about a trial ("found guilty", "pleaded", "sentenced", "jury",
    "admitted stabbing"), or the article is a court report (its lead is) and the sentence has no
    day of its own: the crime a court judges was reported when it happened;
  - it is a belief later corrected ("At first, police believed ...", "initially identified as");
  - it is a habit rather than an event ("clashes are frequent", "has become accustomed to").

Every check reads the trigger's sentence (or clause) and a few facts about the document
computed once (:class:`DocContext`), so the cost is a handful of short regex searches per
trigger.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from .dates import DateMention
from .modality import clause_start
from .places import dateline_end
from .text import Sentence

__all__ = ["DocContext", "doc_context", "sense_reason", "background_reason", "physical_context",
           "routine_response", "casualties_moved", "AMBIGUOUS"]

# Triggers whose figurative sense is common.  Matched against the trigger's own text.
AMBIGUOUS = re.compile(
    r"(?:attack(?:ed|s|ing)?|blasts?|clash(?:ed|es|ing)?|explo(?:sion|sions|ded|ding)|"
    r"storm(?:ed|ing|s)|ambush(?:ed|es)?|skirmish(?:es)?|rampage|"
    r"(?:took|taken|take|taking|takes|seized|seize|seizing|gained|assumed|wrested)\s+control\s+of|"
    r"(?:running|street|pitched)\s+battles?|(?:fatal|brutal|savage)\s+beating)", re.I)
# Something physical: a weapon, harm to a body, armed or uniformed people, a crowd.
_PHYSICAL = re.compile(
    r"\b(?:guns?|gunm[ae]n|gunfire|gunshots?|rifles?|pistols?|handguns?|shotguns?|firearms?|"
    r"knife|knives|machetes?|axes?|swords?|bats?|clubs|iron bars?|weapons?|armed|bombs?|bomber|"
    r"explosives?|grenades?|devices?|ied|rockets?|missiles?|mortars?|shells?|artillery|"
    r"ammunition|bullets?|shots?|shot|shooting|stabb\w*|beat(?:en|ing)|punch\w*|kick\w*|"
    r"kill\w*|dead|deaths?|died|dying|fatal\w*|wound\w*|injur\w*|hurt|hospitali[sz]\w*|"
    r"hospitals?|blood\w*|victims?|bod(?:y|ies)|casualt\w+|critical condition|"
    r"police\w*|officers?|troops|soldiers|army|military|militants?|militias?|attackers?|"
    r"assailants?|suspects?|rebels?|insurgents?|terror\w*|jihad\w*|fighters|forces|robbers?|"
    r"guards?|security|sheriff\w*|deput(?:y|ies)|patrol\w*|"
    r"protesters|protestors|demonstrators|rioters|crowds?|mobs?|fans|youths|gangs?|"
    r"rival|tear ?gas|stones|rocks|debris|shattered|wreckage|rubble|damag\w*|destroy\w*|"
    r"flames|smoke|blaze|fire|burn\w*|buildings?|vehicles?|cars?|bus|buses|checkpoints?|convoys?|"
    r"positions|village|town|base|camp|sexual|raped?|robb\w*|hostages?)\b", re.I)
# Figurative frames: political rhetoric, sport, medicine, weather.
_FIGURATIVE = re.compile(
    r"\b(?:critics?|criticism|criticiz\w*|criticis\w*|opponents?|democrats?|republicans?|"
    r"lawmakers?|legislators?|senators?|campaign\w*|ads?|advert\w*|rhetoric|verbal\w*|"
    r"remarks?|comments?|statements?|speech|editorial|op-ed|tweet\w*|twitter|plan|proposal|"
    r"polic(?:y|ies)|bill|legislation|budget|decision|ruling|idea|record|media|press|"
    r"team|teams|game|games|season|coach\w*|players?|innings?|quarter|halftime|goals?|"
    r"scor\w*|league|match|matches|tournament|championship|playoffs?|cup|olympic\w*|"
    r"athletes?|race|lap|touchdowns?|homers?|runs|points|striker|defen[cs]e|offen[cs]e|"
    r"heart|cardiac|asthma|panic|anxiety|seizures?|stroke|allerg\w*|migraine|immune|"
    r"virus|cancer|infection|disease|symptoms?|"
    r"cold air|arctic|winds?|snow|rain|weather|temperatures?|heat wave|"
    r"markets?|stocks?|shares|investors?|revitali[sz]\w*|interest|popularity)\b", re.I)

# How many years or decades: "seven", "twenty-five", "100", "a few", "several".
_HOW_MANY = (r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
             r"forty|fifty|[a-z]+ty-[a-z]+|several|many|a\s+few|some)")
# ... or just "a": "a year after", "a decade ago" ("a year earlier" is a comparison of figures).
_A_OR_HOW_MANY = r"(?:an?|" + _HOW_MANY + r")"
# Clause-level signs that an event lies before the article's news.
_OLD = re.compile(
    r"\b(?:" + _HOW_MANY + r"\s+(?:years?|decades?|months?)\s+(?:ago|earlier|before|prior)|"
    r"decades? ago|years? ago|last year|the previous year|date to|dating (?:back )?to|"
    r"" + _A_OR_HOW_MANY + r"\s+(?:years?|decades?)\s+(?:since|after)|"
    r"(?:\d+(?:st|nd|rd|th)|[a-z]+(?:th|st|nd|rd))\s+anniversary|anniversary\s+of)\b", re.I)
# Adverbs of an earlier time stand before the verb they date ("had previously been arrested").
_OLD_BEFORE = re.compile(r"\b(?:in the past|previously|prior\s+(?:to\s+)?|not the first time|"
                         r"(?:a|his|her|their) history of|criminal record|convictions?|back in|"
                         r"(?:revenge|retaliation|reprisals?)\s+for|"
                         # "a prosecutor who once put away a man who shot two officers"
                         r"once\s+(?:\w+ed|put|was|were|had|shot|led|ran|won|made|took|sent|held|"
                         r"fought|set|hit|struck|stabbed|caught|threw|blew|burned|burnt))\b", re.I)
# "Last year, a wave of attacks ... killed": the opening adverbial dates the whole sentence.
_OPENING_OLD = re.compile(r"\W*(?:(?:in\s+)?(?:(?:early|late|mid-?)\s*)?(?:January|February|March|April|May|June|July|"
                          r"August|September|October|November|December)\s+last year|last year|the year before|"
                          r"that year|the same year|the previous year|"
                          # "Since the conflict began, many health facilities have been looted":
                          # a tally of the whole war
                          r"since\s+the\s+(?:conflict|war|crisis|fighting|unrest|violence|uprising|insurgency)\s+"
                          r"(?:began|started|erupted|broke\s+out)|"
                          r"(?:" + _A_OR_HOW_MANY + r"\s+)?(?:years?|decades?|century|centuries)\s+ago)\b", re.I)
# "where, 100 years ago today, the largest explosion before the atomic age tore the city apart"
_AGO_BEFORE = re.compile(r"\b(?:years?|decades?|century|centuries)\s+ago(?:\s+(?:today|this\s+week|this\s+month))?"
                         r",?\s+(?:[\w'’-]+\s+){0,6}$", re.I)
# "Twenty years after two firefighters died fighting a warehouse fire, their families gathered":
# the opening phrase, up to its comma, tells the old event.
_OPENING_YEARS_AFTER = re.compile(r"\W*" + _A_OR_HOW_MANY + r"\s+(?:years?|decades?)\s+(?:after|since|on\s+from)\b[^,;:]*$",
                                  re.I)
# "a coup in 2021, two years after mass protests toppled ...": the event is older still.
_YEARS_AFTER_BEFORE = re.compile(r"\b" + _A_OR_HOW_MANY + r"\s+(?:years?|decades?)\s+after\s+(?:[\w-]+\s+){0,3}$", re.I)
_RELATIVE = re.compile(r"\s*(?:whose|which|who)\b", re.I)
_WHICH_YEAR = re.compile(r"[^.;,]{0,20},?\s+(?:which|that)\s+(?:was|were|had been|has been)\s+(?:[\w-]+\s+){1,2}?"
                         r"in\s+((?:19|20)\d\d)\b", re.I)
_YEAR_THEN_AFTER = re.compile(r"\b((?:19|20)\d\d)\b[^.;]{0,80}?\b(?:after|following)\b[^.;]*$", re.I)
_RELATIVE_BEFORE = re.compile(r",\s*when\s*$", re.I)  # the clause boundary ", when" ends before it
_YEAR_WHEN = re.compile(r"\b((?:19|20)\d\d),?\s+(?:when|as)\b", re.I)
_SINCE_BEFORE = re.compile(r"\bsince\s+(?:[\w’'-]+\s+){0,3}$", re.I)
_YEAR_NAMED_BEFORE = re.compile(r"\b(?:19|20)\d\d(?:['’]s)?\s+(?:[\w-]+\s+)?$")
_LAST_YEARS = re.compile(r"\b(?:last|previous|past|prior|earlier)\s+(?:year|month)['’]s\s+(?:[\w-]+\s+)?$|"
                         r"\b(?:previous|prior|past)\s+(?:[\w-]+\s+)?$", re.I)
_BARE_YEAR = re.compile(r"\b(?:in|since|during|from|of|by)\s+(?:(?:early|late|mid-?)\s*)?"
                        r"(?:(?:January|February|March|April|May|June|July|August|September|"
                        r"October|November|December)\s+)?((?:19|20)\d\d)\b")
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
_OPENING_YEAR = re.compile(r"\W*(?:in|during|by|since|back in)\s+(?:(?:early|late|mid-?)\s*)?(?:[A-Z][a-z]+\s+)?"
                           r"((?:19|20)\d\d)\b", re.I)
# A trial, not an event: the crime it judges was reported when it happened.
_LEGAL = re.compile(
    r"\b(?:found (?:not )?guilty|guilty verdict|pleaded|pleads|plea deal|plea bargain|no contest|"
    r"convicted|sentenced|sentencing|indicted|indictment|acquitted|verdict|jury|jurors|"
    r"testified|testimony|told the court|the court heard|court heard|on trial|stand trial|"
    r"competency|scheduled to die|death row|stay of execution|admitted(?: to)?\s+(?:\w+ly\s+)?\w+ing|confessed|"
    r"(?:was|were|has been|have been|is|are)\s+(?:finally\s+)?jailed|jailed\s+for|caged|imprisoned\s+for)\b", re.I)
_LEGAL_LEAD = re.compile(_LEGAL.pattern[:-3] + r"|trial|judge|lawsuit|settle(?:s|d|ment)?\s+(?:a\s+)?"
                         r"(?:lawsuit|claim|case)|sued|payout|compensation)\b", re.I)
# "Cars torched in Villiers-le-Bel after court acquits two police officers", "protests over
# the verdict": a decision that caused the news, not a court report.
_CAUSE_BEFORE = re.compile(r"\b(?:after|following|over|against|amid)\s+(?:(?:the|a|an|his|her|their)\s+)?"
                           r"(?:[\w’'-]+\s+){0,3}$", re.I)
_LATER_CLAUSE = re.compile(r"\b(?:after|following|over|amid)\b", re.I)
_RETRACTED = re.compile(r"^\W*(?:at first|initially|originally),?\s+(?:\w+\s+){0,3}(?:believed|thought|"
                        r"suspected|assumed)\b|\b(?:initially|originally|wrongly|mistakenly)\s+"
                        r"(?:\w+\s+)?(?:believed|thought|identified|described|suspected)\b", re.I)
_GENERIC = re.compile(r"\bpresumed innocent\b|\b(?:notorious|known|infamous|feared|responsible)\s+for\b|\b(?:are|is|were|was|have been|has been|remains?)\s+(?:\w+\s+)?(?:frequent|common|"
                      r"rare|routine|commonplace|regular|uncommon|widespread|rampant|rife|endemic|"
                      r"pervasive|prevalent)\b|\b(?:often|usually|"
                      r"routinely|regularly|frequently|typically|increasingly|sometimes|rarely)\b|"
                      r"\baccustomed to\b|\bprone to\b", re.I)
# "Violent crime, such as homicide, kidnapping and robbery": kinds of events, named as examples.
_KIND_LIST = re.compile(r"\bsuch as\s+(?:[\w-]+(?:,|\s+and|\s+or)?\s+){0,8}$", re.I)
# A film, book or programme that tells of events: the events are its subject, not news
# ("This week Pandora's Box examines the crimes ...", "a documentary about the 1992 riots").
_RETELLING = re.compile(
    r"\b(?:documentary|docuseries|film|movie|episode|miniseries|series|book|novel|memoir|podcast|"
    r"play|musical|exhibition|exhibit|programme|program|show)\b[^.;]{0,60}?\b(?:examines|explores|"
    r"recounts|chronicles|depicts|portrays|dramati[sz]es|revisits|retells|recalls|looks back at|"
    r"tells the story of|is about|about the)\b|\b(?:examines|explores|recounts|chronicles|depicts|"
    r"portrays|dramati[sz]es|revisits|retells)\s+the\s+(?:crimes?|events?|story|history|"
    r"killings?|murders?|riots?|massacre|attacks?|bombings?|siege|uprising)\b", re.I)
_RECENT = re.compile(r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|"
                     r"today|tonight|last night|this morning|this afternoon|this evening|"
                     r"overnight)\b", re.I)
_NEXT_BOUNDARY = re.compile(r"[;:—–]|,\s*(?:(?:hours|days|weeks|minutes|shortly|soon|moments|just|"
                            r"a\s+day|a\s+week|the\s+day)\s+)?(?:after|before)\b|"
                            r",\s*(?:and|but|while|as|when|although|though|"
                            r"because|which|who|where)\b|\b(?:but|while|whereas|although|because|since|"
                            r"than)\b")


@dataclass(frozen=True)
class DocContext:
    """What the reportedness checks need to know about the whole article."""

    published: _dt.date | None
    latest: _dt.date | None  # the latest resolved date of the article (not in the future)
    max_year: int | None     # the latest year the article names (in a date or "in 2009")
    recent_anchor: bool      # some date of the article is a day of the last week
    court_report: bool       # the article's lead is about a trial


def doc_context(text: str, sentences: list[Sentence], dates: list[DateMention],
                published: _dt.date | None, body_start: int = 0) -> DocContext:
    """The facts about an article the per-trigger checks read (computed once)."""
    years = [int(y) for y in _YEAR.findall(" ".join(d.text for d in dates))]
    years += [int(m.group(1)) for m in _BARE_YEAR.finditer(text)]
    resolved = [d.date for d in dates if d.date is not None and not d.future]
    recent = any(_RECENT.search(d.text) and not d.future for d in dates)
    lead = [s for s in sentences if s.start >= body_start][:2] or sentences[:2]
    court = any(not _CAUSE_BEFORE.search(s.text, max(0, m.start() - 80), m.start())
                for s in lead for m in _LEGAL_LEAD.finditer(s.text))
    return DocContext(published, max(resolved) if resolved else None, max(years) if years else None,
                      recent, court)


_AT_COURT = re.compile(r"\b(?:court|courthouse|courtroom|trial|hearing|verdict|sentencing|inquest)\b", re.I)
# "Victims' groups protested the early release": an objection to a decision, not a protest.
_OBJECTED_TO = re.compile(r"\s+(?:the|a|an|his|her|their|its)\s+(?:[\w-]+\s+){0,2}?(?:release|decision|ruling|"
                          r"verdict|sentence|plan|move|bill|law|policy|appointment|comments?|remarks?|"
                          r"decree|nomination|choice|call|result|outcome|tax|cuts?|closure)\b", re.I)
# "a blistering attack on the Treasury's plan": what is attacked is an idea.
_ABSTRACT_TARGET = re.compile(
    r"\s+(?:on|against)\s+(?:the\s+|a\s+|an\s+|his\s+|her\s+|their\s+|its\s+)?(?:[\w’'-]+['’]s\s+)?"
    r"(?:[\w-]+\s+){0,2}?(plans?|bills?|polic(?:y|ies)|proposals?|budget|decision|ruling|record|"
    r"legislation|law|reforms?|strategy|leadership|handling|comments?|remarks?|claims?|critics|"
    r"media|press|credibility|character|integrity|rights|freedoms?|democracy|constitution|"
    r"judiciary|economy|tax(?:es)?|spending|deal|agreement|treaty|idea|values)\b", re.I)
# Numbers and demand grow; bombs explode.  "Flu cases have exploded", "prices exploded".
_GROWTH_SUBJECT = re.compile(
    r"\b(cases|numbers?|infections|prices|costs|rents|demand|sales|interest|popularity|anger|rage|fury|"
    r"frustration|tensions?|discontent|outrage|row|scandal|debate|dispute|crisis|"
    r"population|enrolment|enrollment|membership|traffic|use|usage|debt|spending|downloads|"
    r"subscribers|followers|views|searches|applications|complaints|market|industry|sector|"
    r"business|scene|career)\s+(?:have\s+|has\s+|had\s+)?(?:\w+ly\s+)?$", re.I)
# A game's result: a score, or a side that beat, edged or drew with another.
_BECAME = re.compile(r"\s+into\s+(?!(?:a\s+)?(?:flames|fire|fireball|ball\s+of\s+fire|pieces|fragments|smoke|"
                     r"shrapnel)\b)", re.I)
_SPORT_RESULT = re.compile(
    r"\b(?:beat|beats|defeated|edged|routed|thrashed|drew with|lost to|won)\b[^.;]{0,40}?"
    r"\b\d{1,3}\s*[-–]\s*\d{1,3}\b|\b\d{1,3}\s*[-–]\s*\d{1,3}\s+(?:win|victory|defeat|loss|"
    r"draw|lead|home win|away win)\b", re.I)
_QUOTED = re.compile(r"[\"“][^\"“”]{0,300}[\"”]")


def _unquoted(sentence: str) -> str:
    """The sentence with quoted words blanked (same length): speech is often figurative
    ("would 'kill the common man'")."""
    return _QUOTED.sub(lambda m: " " * len(m.group()), sentence)


def physical_context(sentence: str, start: int, end: int) -> bool:
    """Whether the sentence (the trigger at ``start:end`` left out) says something physical."""
    return bool(_PHYSICAL.search(sentence, 0, start) or _PHYSICAL.search(sentence, end))


_DEFINITE_BEFORE = re.compile(r"(?:\b(?:the|this|that|these|those|its|his|her|their)|\w['’]s)\s+"
                              r"(?:[\w-]+\s+){0,2}$", re.I)


def sense_reason(trigger_text: str, sentence: str, start: int, end: int, *,
                 violence_told: bool = False) -> str | None:
    """Why an ambiguous trigger at ``start:end`` of ``sentence`` is not meant physically, or
    None (also for triggers that are not ambiguous).  ``violence_told``: the article has
    already reported a violent event, which a definite "the attack" refers back to."""
    if re.fullmatch(r"protested", trigger_text.strip(), re.I) and _OBJECTED_TO.match(sentence, end):
        return "an objection: protested the " + _OBJECTED_TO.match(sentence, end).group().split()[-1].lower()
    if not AMBIGUOUS.fullmatch(trigger_text.strip()):
        return None
    target = _ABSTRACT_TARGET.match(sentence, end)
    if target:
        return "figurative: an attack on " + target.group(1).lower()
    grows = _GROWTH_SUBJECT.search(sentence, max(0, start - 40), start)
    if grows and re.match(r"explod", trigger_text, re.I):
        return "figurative: " + grows.group(1).lower() + " exploded"
    if re.match(r"explod", trigger_text, re.I) and _BECAME.match(sentence, end):
        # "protests over fees exploded into the worst rioting in years": grew into, not blew up
        # (a car that "exploded into flames" did).
        return "figurative: exploded into something else"
    sport = _SPORT_RESULT.search(sentence)
    if sport and not re.search(r"\b(?:police|officers|tear gas|arrest\w*|stewards)\b", sentence, re.I):
        # "beat Reno 31-28 in a bruising clash": a game, whoever was hurt in it.
        return "figurative: a game (" + sport.group().strip() + ")"
    if physical_context(_unquoted(sentence), start, end):
        return None
    if violence_told and _DEFINITE_BEFORE.search(sentence, max(0, start - 30), start):
        return None
    fig = _FIGURATIVE.search(sentence)
    return f"figurative: {fig.group().lower()}" if fig else "no physical context"


_ARMED_FORCES = re.compile(r"\b(?:troops|soldiers|paratroopers|forces|peacekeepers|reinforcements|"
                           r"(?:peacekeeping|security|military|police|rapid reaction)\s+force|"
                           r"national guard|guardsmen|marines|army|military|units?|battalions?|"
                           r"armou?red|tanks|riot police|contingent|servicemen|gendarmes)\b", re.I)
_UNREST = re.compile(r"\b(?:protest\w*|riot\w*|unrest|violen\w*|clash\w*|crowds?|demonstrat\w*|"
                     r"rall(?:y|ies)|curfew|emergency|loot\w*|uprising|attack\w*|shoot\w*|gunfire|"
                     r"hundreds|thousands|dozens|border|strikes?|bomb\w*)\b", re.I)


def routine_response(trigger_text: str, sentence: str) -> bool:
    """Police or deputies "dispatched to", "called to" an address are a routine response, not
    a deployment of forces: a deployment needs armed forces or, for the police, unrest about."""
    return not _ARMED_FORCES.search(trigger_text) and not _UNREST.search(sentence) and \
        not _MORE_POLICE.search(sentence)


# "additional officers were deployed in the area to reassure residents": more police than usual.
_MORE_POLICE = re.compile(r"\b(?:additional|extra|more|hundreds of|dozens of|scores of|\d{2,}[\d,]*)\s+"
                          r"(?:police\s+)?(?:officers|police|patrols|cops|deputies|troopers)\b", re.I)
_CASUALTIES_MOVED = re.compile(r"\b(?:wounded|injured|hurt|bodies|casualties|dead)\b[^.;]{0,40}\b(?:flown|airlifted|"
                               r"rushed|taken|evacuated)\b", re.I)


def casualties_moved(sentence: str) -> bool:
    """"Five soldiers were wounded and flown to Mopti by helicopter": a medical evacuation,
    not a deployment."""
    return bool(_CASUALTIES_MOVED.search(sentence))


def _clause(sentence: str, start: int, end: int) -> tuple[int, int]:
    cs = clause_start(sentence, start)
    m = _NEXT_BOUNDARY.search(sentence, end)
    return cs, (m.start() if m else len(sentence))


def _lead_in(sentence: str) -> int:
    """Where the sentence proper starts after a dateline ("BEIRUT - A year ago today, ...")."""
    return dateline_end(sentence, 0, len(sentence)) or 0


def _year_is_old(year: int, ctx: DocContext) -> bool:
    """A year before the latest the article names, or one that ended a month before publication."""
    return (ctx.max_year is not None and year < ctx.max_year) or (
        ctx.published is not None and _dt.date(year, 12, 31) < ctx.published - _dt.timedelta(days=31))


def background_reason(sentence: Sentence, start: int, end: int, trig_type: str,
                      own_date: DateMention | None, ctx: DocContext) -> str | None:
    """Why the trigger at ``start:end`` (offsets in ``sentence.text``) is background to the
    article's news rather than a new event, or None."""
    st = sentence.text
    cs, ce = _clause(st, start, end)
    clause = st[cs:ce]
    if _RETRACTED.search(st[:start]):
        return "retracted belief"
    if _GENERIC.search(clause):
        return "habitual, not an event"
    if _KIND_LIST.search(st, max(0, start - 100), start):
        return "a kind of event: such as ..."
    if _RETELLING.search(st):
        return "a retelling: " + _RETELLING.search(st).group().lower()
    old = _OLD.search(clause) or _OLD_BEFORE.search(st, max(0, start - 80), start) or \
        _AGO_BEFORE.search(st, max(0, start - 60), start) or \
        _OPENING_OLD.match(st, _lead_in(st), start) or _YEARS_AFTER_BEFORE.search(st, max(0, start - 60), start) or \
        _OPENING_YEARS_AFTER.match(st, 0, start)
    rel = _RELATIVE.match(st, cs) or _RELATIVE_BEFORE.search(st, max(0, cs - 12), cs)
    if not old and rel:
        # "to mark ten years since the death of Michael Brown, whose shooting by an officer set
        # off weeks of rioting", "five years after the Black Summer fires, when blazes destroyed
        # hundreds of homes": a relative clause tells more of the old event it hangs on.
        head_end = rel.start() if rel.start() < cs else cs
        # (The phrase it hangs on may span a clause boundary: "five years after the fires".)
        ps = max(0, head_end - 100, st.rfind(";", 0, head_end) + 1)
        old = _OLD.search(st, ps, head_end) or _YEARS_AFTER_BEFORE.search(st, ps, head_end) or next(
            (y for y in _YEAR.finditer(st, ps, head_end) if _year_is_old(int(y.group()), ctx)), None)
    if not old:
        # "The region is still under martial law, which was declared in 2017": the relative
        # clause after the trigger dates it.
        wy = _WHICH_YEAR.match(st, end)
        if wy and _year_is_old(int(wy.group(1)), ctx):
            old = wy
    if not old:
        # "The disturbances started on 6 August 2011, after a peaceful protest over the police
        # shooting": what came before an old date is older still.
        ya = _YEAR_THEN_AFTER.search(st, 0, start)
        if ya and _year_is_old(int(ya.group(1)), ctx):
            old = ya
    if not old and ctx.max_year is not None:
        # "revived memories of 2005, when riots spread": the year dates the clause it opens.
        yw = _YEAR_WHEN.search(st, 0, start)
        if yw and int(yw.group(1)) < ctx.max_year:
            return f"dated {yw.group(1)}, the article names {ctx.max_year}"
    if old:
        return "earlier than the news: " + old.group().lower()
    before = st[max(0, start - 40):start]
    # Is the trigger's own date a day of the last week ("on Tuesday", "yesterday")?
    has_recent = own_date is not None and bool(_RECENT.search(own_date.text))
    if _SINCE_BEFORE.search(before) and not has_recent:
        # "since his arrest" is background; "since their pastor was killed there last Sunday"
        # is the news of the week.
        return "since ..."
    if _YEAR_NAMED_BEFORE.search(before):
        return "an event named by its year"
    if _LAST_YEARS.search(before):
        return "an earlier event"
    if trig_type != "arrest" and any(not _LATER_CLAUSE.search(st, end, m.start())
                                     for m in _LEGAL.finditer(st)):
        # ("Youths set fire to cars on Friday night, hours after a court acquitted two
        # officers": the trial is what the news followed, not what the sentence is about.)
        return "legal proceedings"
    if ctx.court_report and not has_recent and not (trig_type == "protest" and _AT_COURT.search(st)):
        # (A protest outside the courthouse is the day's news; a court judges crimes.)
        # The arrest a court report mentions ("Police arrested him three days after the
        # blast") was news when it was made, like the crime; one of the last days is news.
        return "court report"
    # The trigger's own date, or a bare year in its clause ("gutted the restaurant in 2005"),
    # against the article's latest date: a month older is background.  An article with no
    # later date than this one keeps it (it may be the news, told late).
    year = None
    if own_date is not None:
        y = _YEAR.search(own_date.text)
        year = int(y.group()) if y else None
    if year is None:
        # A year in the trigger's clause, or opening the sentence ("In 2002, after an attack
        # on a guard, ..."), where it dates the whole sentence.
        y = _BARE_YEAR.search(clause) or _OPENING_YEAR.match(st)
        year = int(y.group(1)) if y else None
    month = _dt.timedelta(days=31)
    if own_date is not None and own_date.date is not None and ctx.latest is not None and \
            own_date.date < ctx.latest - month:
        return f"dated {own_date.text!r}, the article's news is later"
    if year is not None and ctx.max_year is not None and year < ctx.max_year:
        return f"dated {year}, the article names {ctx.max_year}"
    if year is not None and ctx.published is not None and \
            _dt.date(year, 12, 31) < ctx.published - month:
        # A year the writer states, before the paper's: "arrested in 2015", "on 3 March 2021".
        # (A day without a year, "on March 11", is the writer's recent past: kept.)
        return f"dated {year}, before publication"
    if ctx.published is None:
        # Without a publication date the days of the news cannot be counted: an article whose
        # events are told by weekday ("on Tuesday") is news of the last days, older than an
        # event dated by its year or month.
        dated_old = year is not None or (own_date is not None and own_date.precision == "month")
        if dated_old and ctx.recent_anchor and not has_recent:
            return "dated by year or month, the news is of the last days"
        if year is not None and ctx.court_report:
            return "court report"
    return None
