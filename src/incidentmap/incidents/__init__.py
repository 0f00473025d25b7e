"""Incidents: what happened, when, where and to whom, read from an article and its toponyms.

    find_incidents(article, toponyms) -> list[Incident]

The stage reads the article once: sentences are split once (``text``), the trigger lexicon
(``triggers``) and the date expressions (``dates``) run once over the whole text, and each
trigger is then judged in its sentence: negation, modality and hypotheticals (``modality``),
place of occurrence (``places``), date, actors (``actors``) and casualty counts (``numbers``).
Candidates of one type told twice (same type, compatible place and date) merge into one
incident with several evidence sentences (``merge``).  Types and their ACLED mapping live in
``taxonomy``; docs/taxonomy.md explains the rules.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import replace

from ..gazetteer import haversine_km
from ..model import Actor, Article, Evidence, Incident, Place, Toponym, stable_id
from .actors import find_actors
from .confidence import document_frame, rescore
from .dates import DateMention, find_dates
from .merge import ABSORBS, VIOLENT, Candidate, merge_candidates, sum_count
from .modality import blocked_reason, clause_start
from .numbers import find_counts
from .places import PlaceChoice, article_focus, choose_place, dateline_end, lower_precision
from .reported import (DocContext, background_reason, casualties_moved, doc_context, physical_context,
                       routine_response, sense_reason)
from .taxonomy import TYPES, acled_category, family_of
from .text import Sentence, quoted_spans, split_sentences
from .triggers import TriggerMatch, context_ok, find_triggers

__all__ = ["find_incidents", "MIN_CONFIDENCE", "TYPES", "family_of"]

# Deaths in these contexts are accidents or illness, not incidents of this taxonomy.
_NOT_VIOLENT_DEATH = re.compile(
    r"\b(?:crash(?:ed|es)?|collision|collided|accident(?:s|ally)?|wreck|drown(?:ed|ing)?|"
    r"overdose|illness|disease|cancer|heart attack|natural causes|tornado|hurricane|flood(?:s|ing)?|"
    r"earthquake|avalanche|lightning|landslide|struck by a (?:car|vehicle|train)|suicide(?! bomb)|"
    r"pneumonia|flu|virus|infection|outbreak|obituary|passed away|funeral|survived by)\b", re.I)
# A shot fired by accident is not an attack ("may have been accidental", "accidentally shot").
_ACCIDENTAL = re.compile(r"\b(?:accidental(?:ly)?|by accident|misfired|went off)\b", re.I)
# A device that did not go off is not an explosion.
_DEFUSED = re.compile(r"\b(?:failed to (?:detonate|explode|go off)|did not (?:detonate|explode|go off)|"
                      r"didn[’']t (?:detonate|explode|go off)|defused|disarmed|was found|were found|"
                      r"discovered)\b", re.I)
# Totals over long periods are history, not an incident.
_SUMMARY = re.compile(r"\b(?:over|during|in)\s+(?:the\s+)?(?:past\s+|last\s+)?(?:\w+\s+)?"
                      r"(?:decades?|years|months)\b|\bsince\s+(?:the\s+)?(?:[\w-]+\s+){0,4}?(?:in\s+)?(?:19|20)\d\d\b|"
                      r"\bevery year\b|"
                      r"\bannually\b|\bin recent (?:years|months)\b", re.I)
# Determiners that make a noun such as "attack" refer to one event.
_DETERMINED = re.compile(r"\b(?:an?|the|this|that|these|those|its|their|his|her|\w+['’]s|\d+|one|two|"
                         r"three|four|five|several|twin|double|deadly|fatal|brutal|violent|armed|"
                         r"knife|gun|terror|terrorist|suicide|grenade|rocket|gunmen|militants?|rebels?|insurgents?|"
                         r"bandits?|herdsmen|mob|army|police|jihadists?|separatists?)\s+(?:[\w-]+\s+){0,2}$", re.I)
# "the blast", "the attack", "the arrests": a definite noun refers back to an event told before.
_ANAPHORA = re.compile(r"(?:\b(?:the|this|that|these|those|such|his|her|their|its)|[\w]['’]s)\s+"
                       r"(?:[\w-]+\s+){0,2}$", re.I)
# "a second fire", "another attack", "a separate shooting": a new event, not one told again.
_ANOTHER = re.compile(r"(?:a\s+(?:second|third|fourth|separate|new|further)|another)\b", re.I)
_ANOTHER_BEFORE = re.compile(r"\b(?:(?:a|the)\s+(?:second|third|fourth)|a\s+(?:separate|new|further)|another)"
                             r"(?:,?\s+[\w-]+)?,?\s+$", re.I)
_SEPARATE_AFTER = re.compile(r"\s+(?:[\w-]+\s+){0,3}?in\s+a\s+(?:separate|second|different)\s+"
                             r"(?:incident|attack|case)", re.I)
_VERBAL = re.compile(r"(?:was|were|been|got|had|has|have)\b|\w+ed\b|(?:shot|hit|struck|set|"
                     r"took|fought|burnt|sent|stabbed|seized)\b", re.I)
# Deaths and injuries are a casualty report of this taxonomy only amid violence or unrest.
_VIOLENCE_CONTEXT = re.compile(r"\b(?:violen\w*|clash\w*|unrest|uprising|riot\w*|protest\w*|"
                               r"attack\w*|fighting|war|conflict|crackdown|gun\w*|shot|shoot\w*|"
                               r"bomb\w*|blast|explosion|militants?|rebels?|insurgents?|terror\w*|"
                               r"massacre|murder\w*|killings?|security forces|police|troops|army|"
                               r"soldiers|strikes?|shelling|raid)\b", re.I)
_ANIMAL = re.compile(r"\b(?:bees?|hive|dogs?|pit ?bulls?|sharks?|bears?|wol(?:f|ves)|snakes?|"
                     r"alligators?|crocodiles?|coyotes?|horses?|cattle|cows?|animals?|lions?|"
                     r"tigers?|cougars?|wasps?|hornets?)\b", re.I)
_PROPERTY_BEFORE = re.compile(r"\b(?:cars?|vehicles?|trucks?|vans?|bus|buses|4x4s?|windows?|windscreens?|"
                              r"property|shops?|stores?|statues?|monuments?|graves?|headstones?|"
                              r"town\s+hall|city\s+hall|buildings?|offices?|headquarters|entrance|mosque|church|"
                              r"synagogue|temple)"
                              r"\s+(?:(?:was|were|been|being|has been|had been|have been)\s+)?$")
# A date of what comes next ("scheduled to appear Thursday in court") dates no incident.
_AHEAD_DATE = re.compile(r"\b(?:scheduled|will|shall|appear|appears|set\s+for|due|expected|planned|"
                         r"plans?|until|postponed|adjourned|hearing|court)\b[^.;]{0,35}$", re.I)
_LEGAL_MODALITY = re.compile(r"charge|accused|counts? of|suspicion|in connection|related to|guilty|"
                             r"convicted|on trial|sentenced")
_SUMMARY_SPAN = re.compile(r"\b(?:(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))"
                           r"\s+(?:straight|consecutive|successive)\s+(?:night|day)|(?:a|one|two|three|several)\s+"
                           r"(?:weeks?|weekend|days|nights)\s+of\s+(?:(?:violent|serious)\s+)?(?:violence|unrest|rioting|riots|protests?|clashes|"
                           r"fighting|disorder)|nights?\s+of\s+(?:violence|unrest|rioting|riots|clashes|disorder)|"
                           r"over\s+the\s+past\s+(?:\w+\s+)?(?:days|nights|weeks))\b", re.I)
# "in the town", "across the region": the place told before, not the whole country.
_LOCAL_ANAPHORA = re.compile(r"\b(?:the|that|this)\s+(?:town|city|region|province|state|district|"
                             r"county|area|village|valley|enclave|camp)\b", re.I)
_ANNOUNCED = re.compile(r"\b(?:announc(?:ed|es|ing)|unveil(?:ed|s)|declar(?:ed|es))\s+(?:an?\s+|the\s+|their\s+|"
                        r"its\s+|plans?\s+for\s+(?:an?\s+)?)(?:[\w\"“”'-]+\s+){0,3}$", re.I)
# Markets rally and strike too; people protest.
_MARKETS = re.compile(r"\b(?:dollar|euro|yen|sterling|pound|currenc(?:y|ies)|stocks?|shares|equities|"
                      r"bonds?|yields?|markets?|index|indices|nasdaq|dow|s&p|ftse|nikkei|futures|"
                      r"prices|oil|gold|bitcoin|investors|traders)\b", re.I)
_CROWD = re.compile(r"\b(?:protest\w*|demonstrat\w*|marchers|crowds?|activists|supporters|workers|"
                    r"union|students|police|slogans?|placards?|banners?)\b", re.I)
_IT_WAS_THE = re.compile(r"\b(?:it|this|that|the \w+)\s+(?:was|is|marked|marks|became|becomes)\s+the\s+"
                         r"(?:[\w-]+\s+){0,4}$", re.I)
_MILITARY_TARGET = re.compile(r"\s+(?:the\s+|an?\s+|two\s+|three\s+|several\s+)?(?:[\w-]+\s+){0,2}?"
                              r"(?:army|military|police|troops['’]?|soldiers['’]?)?\s*(?:positions?|bases?|checkpoints?|"
                              r"outposts?|barracks|camps?|posts?|garrisons?|convoys?|patrols?)\b", re.I)
_CROWD_VIOLENCE = re.compile(r"\b(?:overturned|smashed|torched|set fire to|set (?:\w+\s+){0,3}on fire|looted|"
                             r"threw|throwing|hurled|hurling|pelted|pelting|stoned|rampaged|ransacked|burned|burning\s+tyres|"
                             r"burning\s+tires|(?:stone|rock|bottle|"
                             r"brick)-throwing)\b", re.I)
_HOSPITAL_COUNT = re.compile(r"\b(?:hospitals?|clinics?|admitted|treated|brought\s+in|received|doctors?|"
                             r"medics|morgue)\b", re.I)
_CARRIED_OFF = re.compile(r"\b(?:carried|carrying|carted|made)\s+(?:away|off)\b|\blooted\b|\bransacked\b|"
                          r"\bstripp(?:ed|ing)\s+(?:it|them|the)\b", re.I)
_AT_CROWD = re.compile(r"[^.;]{0,40}?\b(?:at|on|into|to\s+disperse)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:protesters|"
                       r"demonstrators|crowds?|rioters|stone-throwers|youths|supporters)\b", re.I)
_PEOPLE_AFTER = re.compile(r"^(?:\s+(?:the\s+)?(?:\d+|[\w-]+)?\s*(?:of\s+the\s+)?(?:escaped\s+)?(?:inmates|prisoners|"
                           r"escapees|fugitives|detainees|suspects)\b)", re.I)
_PEOPLE_BEFORE = re.compile(r"\b(?:inmates|prisoners|escapees|fugitives|detainees|suspects)\s+(?:[\w-]+\s+){0,3}$", re.I)
_IN_THE_CITY = re.compile(r"\b(?:in|across|around|outside|near)\s+the\s+(?:city|town|capital)\b", re.I)
_PASSIVE = re.compile(r"(?:was|were|been|being)\b", re.I)
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being)\s+$", re.I)
_CROWD_PEOPLE = re.compile(r"\b(?:protesters|demonstrators|rioters|crowds?|mobs?|youths)\b", re.I)
_BUILDING_TARGET = re.compile(r"\s+(?:the\s+|a\s+|an\s+|several\s+|two\s+|three\s+)?(?:[\w-]+\s+){0,2}?"
                              r"(?:offices?|headquarters|buildings?|shops?|stores?|banks?|homes|houses|cars|"
                              r"vehicles|buses|consulate|embassy|town hall|city hall|police stations?|home|house|"
                              r"residence)\b", re.I)
_VICTIM_SHOT = re.compile(r"(?:was|were|been|being|got)\s+(?:fatally\s+|critically\s+|seriously\s+)?shot|shot\s+dead", re.I)
_SETTLEMENT_AFTER = re.compile(r"\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,2}?(?:community|village|hamlet|settlement|"
                               r"neighbou?rhood|homestead)\b", re.I)
_HARM_TO_PEOPLE = re.compile(r"\b(?:shoot\w*|shot|kill\w*|abduct\w*|kidnap\w*|dead|wounded|injur\w*|"
                             r"rap\w+|loot\w*|breaking into|burn\w*)\b", re.I)
_ARMED_GROUP_BEFORE = re.compile(r"\b(?:assailants|attackers|gunmen|militants|jihadists|bandits|insurgents|"
                                 r"rebels|fighters|kidnappers|terrorists)\b[^.;]{0,40}$", re.I)
_BURNED_PASSIVE = re.compile(r"(?:was|were|been)\s+(?:burned|burnt)", re.I)
_BUILDINGS_BEFORE = re.compile(r"\b(?:houses|homes|huts|granaries|shops|stores|buildings|churches|mosques|schools|"
                               r"vehicles|cars|tents|villages)\b[^.;]{0,30}$", re.I)
_VICTIMS_OF = re.compile(r"\b(?:victims|survivors)\s+of\s+(?:[\w-]+\s+)?$", re.I)
_SERVICE_AFTER = re.compile(r"\s+(?:community|education|prevention|awareness|programs?|programmes?|services?|"
                            r"cent(?:er|re)s?|advocates?|hotlines?|kits?|units?|task force|"
                            r"training|counsel\w+|statistics|rates?|laws?|legislation|policy|policies|"
                            r"detectives?|investigators?|nurses?|examiners?)\b", re.I)
# Tallies of crime: statistics, not events.
_STATISTICS = re.compile(r"\b(?:statistics|figures|data|annual|report\s+(?:counted|showed|found)|counted|"
                         r"recorded|tallied|per ?cent|percent|rates?|on average|compared with|"
                         r"(?:down|up)\s+from|the year before|a year earlier|so far this year)\b", re.I)
_TREND_BEFORE = re.compile(r"\b(?:drop|rise|increase|decrease|fall|surge|spike|decline|reduction|jump|"
                           r"upturn|downturn|number|numbers|rates?|levels?)\s+(?:in|of)\s+(?:[\w-]+\s+)?$", re.I)
# "carjackings and gunshot wound victims remain well above pre-2020 levels": a kind counted
_KIND_AFTER = re.compile(r"\s+(?:wound\s+)?(?:victims|incidents|cases|calls|rates?|figures|numbers)\b", re.I)
_COUNTED_BEFORE = re.compile(r"(?:\d[\d,.]*|dozens|hundreds|thousands|number)\s+(?:of\s+)?(?:[\w-]+\s+){0,2}$", re.I)
_USED_AS_WEAPON = re.compile(r"\b(?:attacked|hurled|hurling|threw|throwing|thrown|fired|firing|launched)\s+"
                             r"(?:[\w-]+\s+){0,3}?(?:with\s+)?fireworks\b|\battacked\s+with\b", re.I)
# What sets things alight without anyone meaning to.
_NATURAL_CAUSE = re.compile(r"\b(?:lightning|sparks?|embers|electrical (?:fault|fire|short)|faulty wiring|"
                            r"short circuit|heaters?|candles?|cigarettes?|stoves?|fireworks?|"
                            r"wildfires?|bushfires?|brush fires?|heat wave|crash(?:ed)?|collision)\b", re.I)
_PAGE_FURNITURE = re.compile(r"\s*(?:read more|related|see also|watch|pictured|photo|photograph|"
                             r"caption|image|credit|video|listen|advertisement|sign up|click here|"
                             r"follow us|more on this story)\s*[:|—–-]", re.I)
_TERMINAL = re.compile(r"[.!?][\"'”’)]*\s*$")
_MONTH = _dt.timedelta(days=31)
_CLAUSE_BREAK = re.compile(r",\s*(?:while|whereas|but|and)\b|;|\bwhile\b")
_REMOTE_MEANS = {"air strike", "drone strike", "shelling"}
_DATE_STEP = {"day": "week", "week": "month", "month": "unknown", "unknown": "unknown"}


def _is_header(s: Sentence, body_started: bool, first_in_paragraph: bool) -> bool:
    """Headlines, section titles, bylines and link texts restate the body: not evidence.
    They are lines without closing punctuation before the body starts, or opening a
    paragraph of their own with few words."""
    if first_in_paragraph and _PAGE_FURNITURE.match(s.text):
        return True  # "Read more: ...", "Pictured: ...": links and captions restate the story
    if _TERMINAL.search(s.text):
        return False
    return not body_started or (first_in_paragraph and len(s.text.split()) < 10)


# A temporal conjunction between a trigger and a date puts them in two events: "was arrested
# Tuesday night after a woman was stabbed" does not date the stabbing.
_OTHER_EVENT_BETWEEN = re.compile(r"\b(?:after|before|following|since|until|when|weeks?\s+after|"
                                  r"days?\s+after)\b|;", re.I)


_LOOKING_BACK = re.compile(r"\b(?:anniversary|remember(?:s|ed|ing)?|commemorat\w+|memorial|marks?\s+(?:\w+\s+)?"
                           r"(?:years?|decades?|century)|(?:years?|decades?|century)\s+(?:since|after|ago|on)|"
                           r"looks? back)\b", re.I)
_PAST_UNREST = re.compile(r"\b(?:uprising|riots?|rioting|unrest|massacre|bombings?|attacks?|siege|war|blasts?|explosions?|"
                          r"revolution|protests?|shootings?|killings?|disaster|fire|crackdown|coup)\b", re.I)
# An opening that counts from the time the sentence before told ("Within hours", "By nightfall").
_THEN_OPENING = re.compile(r"\W*(?:within\s+(?:hours|minutes|days|an\s+hour|a\s+day)|(?:hours|minutes|days|moments)\s+later|"
                           r"by\s+(?:nightfall|dawn|morning|midnight|the\s+(?:next|following)\s+(?:day|morning|night))|"
                           r"that\s+(?:night|evening|afternoon)|the\s+(?:next|following)\s+(?:day|morning|night|evening))\b", re.I)
_NOW_OPENING = re.compile(r"\W*(?:today|now|these days|nowadays)\b", re.I)
_TIME_AFTER = re.compile(r"\b(?:after|before|until)\s+(?:(?:dawn|dusk|midnight|noon|daybreak|nightfall|sunrise|"
                         r"sunset|prayers|lunch|dark)\s+(?:on\s+)?)?$", re.I)
_HEARD = re.compile(r"\b(?:heard|hear|could be heard|sound of|sounds of|rang out|echoed|echoing|"
                    r"reported hearing)\b", re.I)
_SAID_BEFORE = re.compile(r"\b(?:said|says|told\s+(?:\w+\s+){0,2}|announced|confirmed|added|stated|warned|"
                          r"wrote|tweeted|posted)\s+(?:on\s+|late\s+|early\s+)?$", re.I)


def _date_for(trig: TriggerMatch, sent_dates: list[DateMention], text: str = "") -> DateMention | None:
    best, best_d = None, None
    for d in sent_dates:
        dist = d.start - trig.end if d.start >= trig.end else trig.start - d.end
        if text and (_OTHER_EVENT_BETWEEN.search(text, d.end, trig.start) if d.end <= trig.start
                     else _OTHER_EVENT_BETWEEN.search(text, trig.end, d.start)) and not (
                d.start > trig.end and _TIME_AFTER.search(text, trig.end, d.start)):
            # ("opened fire on worshippers after Friday prayers last week": "after" a time of
            # day dates this event.)
            continue
        if text and _SAID_BEFORE.search(text, max(0, d.start - 30), d.start):
            # "the prosecutor said on Wednesday that the fire had been started deliberately":
            # the day of the statement, not of the fire.
            continue
        if best_d is None or dist < best_d:
            best, best_d = d, dist
    return best


#: Incidents whose evidence is weaker than this are not reported (see ``_confidence``).
MIN_CONFIDENCE = 0.5


def find_incidents(article: Article, toponyms: list[Toponym], *,
                   min_confidence: float = MIN_CONFIDENCE) -> list[Incident]:
    """The incidents an article reports, each with its evidence sentences.

    ``toponyms`` are the geoparser's output for this article (``resolve``): their offsets index
    ``article.text``.  Demonyms ("Russian-led") never place an incident.  Relative dates are
    resolved against ``article.published``; without it they stay ``None``.  The same article
    and toponyms always give the same incidents with the same ids.  Incidents whose
    confidence (how strongly the text supports them, 0 to 0.95) is below ``min_confidence``
    are left out; ``min_confidence=0`` keeps every candidate.
    """
    text = article.text
    if not text.strip():
        return []
    toponyms = sorted(toponyms, key=lambda t: (t.start, t.end))
    sentences = split_sentences(text)
    triggers = find_triggers(text)
    dates = find_dates(text, article.published)
    focus, country = article_focus(toponyms, text)
    ctx = doc_context(text, sentences, dates, article.published)
    demonyms = tuple((t.start, t.end, t.mention.country_code or (t.place.country_code if t.place else None))
                     for t in toponyms if t.mention.kind == "demonym")

    # Toponyms by sentence, so each place choice reads only its own sentence's names.
    by_sent: dict[int, list[Toponym]] = {}
    k = 0
    for sent in sentences:
        while k < len(toponyms) and toponyms[k].start < sent.start:
            k += 1
        j = k
        while j < len(toponyms) and toponyms[j].start < sent.end:
            by_sent.setdefault(sent.index, []).append(toponyms[j])
            j += 1
    ti = di = 0
    follows_old = False  # the sentence before dated an older time than the news
    cands: list[Candidate] = []
    context_date: DateMention | None = None
    recent_places: list[tuple[int, int, PlaceChoice]] = []  # (sentence index, paragraph, place)
    body_started = False
    body_index: int | None = None  # the first sentence that is not a headline
    violence_told = False  # a violent event reported before: "the attack" may refer to it
    armed_told = False  # a battle or blast reported before: later "clashes", gunfire heard are more of it
    for sent in sentences:
        s_trigs: list[TriggerMatch] = []
        while ti < len(triggers) and triggers[ti].start < sent.end:
            if triggers[ti].start >= sent.start:
                s_trigs.append(triggers[ti])
            ti += 1
        s_dates: list[DateMention] = []
        while di < len(dates) and dates[di].start < sent.end:
            if dates[di].start >= sent.start and not _AHEAD_DATE.search(
                    text, max(sent.start, dates[di].start - 45), dates[di].start):
                s_dates.append(dates[di])
            di += 1
        dl_end = dateline_end(text, sent.start, sent.end) if s_dates else None
        if dl_end is not None:
            # "TBILISI, Dec 2 (AFP) -": the day the story was filed, not of what it tells.
            s_dates = [d for d in s_dates if d.start >= dl_end]
        prev_end = sentences[sent.index - 1].end if sent.index else 0
        first_in_para = sent.index == 0 or "\n" in text[prev_end:sent.start]
        header = _is_header(sent, body_started, first_in_para)
        if _TERMINAL.search(sent.text):
            body_started = True
        if header:
            # A timeline's date heading ("Sunday 4 June") dates the paragraphs under it.
            heading = [d for d in s_dates if d.date is not None and not d.future]
            if heading and body_started:
                context_date = heading[-1]
            continue
        if body_index is None:
            body_index = sent.index
        then = bool(_THEN_OPENING.match(sent.text))
        if follows_old and then:
            # "Within hours, police cars had been set alight": the hours after an old date.
            sent_cands = []
        else:
            sent_cands = _sentence_candidates(article, sent, s_trigs, s_dates, context_date, by_sent,
                                              focus, country, recent_places, demonyms, sentences, ctx,
                                              violence_told, armed_told)
        follows_old = any(d.date is not None and not d.future and ctx.latest is not None and
                          d.date < ctx.latest - _MONTH for d in s_dates) or (follows_old and then and not s_dates)
        cands.extend(sent_cands)
        violence_told = violence_told or any(c.type in VIOLENT for c in sent_cands)
        armed_told = armed_told or any(c.type in ("armed_clash", "explosion") for c in sent_cands)
        # Context for the sentences that follow.
        # An old date ("shot her in July 2017" in a trial story) dates its own sentence, not
        # the news told after it.
        resolved = [d for d in s_dates if d.date is not None and not d.future and not (
            ctx.latest is not None and d.date < ctx.latest - _MONTH)]
        if resolved:
            context_date = resolved[-1]
        placed = [c.place for c in sent_cands if c.place is not None and c.place.explicit
                  and c.place.place is not None]
        if not placed and sent.index in by_sent:
            # A sentence without incident sets the context only with a place it is *in*.
            pc = choose_place(text, sent.start, sent.end, sent.start, sent.start,
                              by_sent[sent.index], country=None, locative_only=True)
            if pc is not None and pc.place is not None:
                placed = [pc]
        if placed:
            pc0 = placed[0]
            if pc0.place.kind == "site":
                # A site is told once; what follows is about its town, when we know it.
                pc0 = PlaceChoice(pc0.base, pc0.base.precision, None, None, True, pc0.base) \
                    if pc0.base is not None and pc0.base.kind != "site" else None
            if pc0 is not None:
                recent_places.append((sent.index, sent.paragraph, pc0))
    # "A fifth straight night of violence, with gangs torching cars": a summary of nights the
    # article then tells one by one is none of them; it stands only for a type the article
    # tells no night of.
    told_by_day = {c.type for c in cands if c.date_explicit and not _SUMMARY_SPAN.search(c.sentence.text)}
    cands = [c for c in cands if not (c.type in told_by_day and not c.date_explicit and
                                      _SUMMARY_SPAN.search(c.sentence.text))]
    # "It was the third shooting in the district this year": the article's event again, set
    # among others; it is neither a new event nor the old ones.
    seen_types: set[str] = set()
    kept = []
    for c in cands:
        if not (c.type in seen_types and _IT_WAS_THE.search(
                text, max(c.sentence.start, c.trigger.start - 60), c.trigger.start)):
            kept.append(c)
        seen_types.add(c.type)
    cands = kept
    if _retrospective(sentences, body_index or 0, triggers, dates, ctx, cands, text):
        # The lead is about an older event ("Tottenham marks ten years since the riots"): the
        # story told after it is that event's.
        cands = []
    merged = merge_candidates(cands)
    # The confidence an incident carries is read off the whole article: corroboration, the
    # lead, the article's frame (docs/taxonomy.md, "Confidence").
    frame = document_frame(sentences, body_index or 0, cands, text)
    # The focus judges a place only when the article names it more than once.
    settled = focus if focus is not None and sum(
        1 for t in toponyms if t.place is not None and t.mention.kind != "demonym" and (
            t.place.id == focus.id or (focus.kind == "country" and t.place.country_code == focus.country_code))
    ) >= 2 else None
    # An article that names its country twice is about the country: a place anywhere in it is
    # where the article is about ("The protests began in the western oil town of Zhanaozen").
    national = country if country is not None and sum(
        1 for t in toponyms if t.place is not None and t.place.kind == "country" and
        t.place.country_code == country.country_code) >= 2 else None
    for c in merged:
        c.confidence = rescore(c, frame, body_index or 0, settled, national)
    return [_to_incident(article, c) for c in merged if c.confidence >= min_confidence]


# Background reasons that put an event in an earlier time than the article's.
_OLDER = ("earlier than the news", "an event named by its year", "dated ", "an earlier event")


def _retrospective(sentences: list[Sentence], body_index: int, triggers: list[TriggerMatch],
                   dates: list[DateMention], ctx: DocContext, cands: list[Candidate],
                   text: str) -> bool:
    """Whether the article looks back: its headline or first body sentence names an older
    event ("a decade ago", "the 2011 riots", "ten years since"), and no event it tells is new
    by its lead or by a date of its own.  Anniversaries, memorials and follow-ups are such
    articles; "Ten years after the riots, youths clashed with police on Sunday" is news."""
    lead_end = body_index + 1
    if any(c.sentence.index < lead_end or (c.date_explicit and not _NOW_OPENING.match(c.sentence.text))
           for c in cands):
        # ("Today, many of the burned-out lots have been rebuilt": the present the feature
        # contrasts with the past, not a new event's day.)
        return False
    lead = " ".join(s.text for s in sentences[:lead_end])
    if _LOOKING_BACK.search(lead) and _PAST_UNREST.search(lead):
        return True  # "Detroit remembers 1967 uprising on 50th anniversary"
    for sent in sentences[:lead_end]:
        s_dates = [d for d in dates if sent.start <= d.start < sent.end]
        for tr in triggers:
            if not sent.start <= tr.start < sent.end:
                continue
            why = background_reason(sent, tr.start - sent.start, tr.end - sent.start, tr.type,
                                    _date_for(tr, s_dates, text), ctx)
            if why and why.startswith(_OLDER):
                return True
    return False


def _sentence_candidates(article, sent, s_trigs, s_dates, context_date, by_sent, focus, country,
                         recent_places, demonyms, sentences, ctx: DocContext,
                         violence_told: bool = False, armed_told: bool = False) -> list[Candidate]:
    text = article.text
    st = sent.text
    quotes = quoted_spans(st)
    live: list[TriggerMatch] = []
    for tr in s_trigs:
        why = blocked_reason(st, tr.start - sent.start, tr.end - sent.start, quoted=quotes)
        if why and not (tr.type == "arrest" and _LEGAL_MODALITY.search(why)) and \
                not (tr.type == "protest" and why.startswith("modality: demand")):
            # A charge blocks the crime it names, not the arrest: "a man charged with murder
            # has been captured" reports the capture.  A demand is what a protest is for, not a
            # doubt that it happened ("Workers demanding a wage of Tk 8,000 blocked the highway").
            continue
        if not context_ok(tr, st):
            continue
        if tr.type == "seizure" and tr.text.lower().endswith(" of") and not any(
                tr.end <= t.start <= tr.end + 6 and t.mention.kind != "demonym"
                for t in by_sent.get(sent.index, [])):
            continue  # "the capture of" a place, not of soldiers or drugs
        if tr.type == "explosion" and _DEFUSED.search(st):
            continue
        if tr.type in ("attack", "armed_clash") and _ACCIDENTAL.search(st):
            continue  # "the gun went off accidentally": no one attacked anyone
        if tr.type in ("attack", "casualty_report") and re.match(r"\s+(?:\w+\s+)?(?:himself|herself|themselves)\b",
                                                                 text[tr.end:tr.end + 30]):
            continue  # "before fatally shooting himself": the attacker's end, not an attack
        if (tr.type == "casualty_report" or tr.subtype == "killing") and _SUMMARY.search(st):
            continue  # "one of at least three soldiers killed ... since the invasion of Iraq in 2003"
        if _VICTIMS_OF.search(text, max(sent.start, tr.start - 25), tr.start) or (
                not tr.text.endswith("ed") and _SERVICE_AFTER.match(text, tr.end)):
            continue  # "services to victims of sexual violence", "sexual assault prevention programs"
        tally_date = _date_for(tr, s_dates, text)
        if _TREND_BEFORE.search(text, max(sent.start, tr.start - 40), tr.start) and \
                re.fullmatch(r"[a-z]+s", tr.text, re.I):
            continue  # "the drop in shootings reflected a targeted effort": a trend, no event
        if _STATISTICS.search(st) and (re.fullmatch(r"[a-z]+s", tr.text, re.I) or _KIND_AFTER.match(text, tr.end)) and \
                (_COUNTED_BEFORE.search(text, max(sent.start, tr.start - 40), tr.start) or
                 _KIND_AFTER.match(text, tr.end)) and \
                (tally_date is None or tally_date.precision != "day"):
            # ("79 homicides through November": a month is the period counted, not a day.)
            continue  # "the report counted 14 homicides and 1,240 arrests": a tally, no event
        if armed_told and tr.type == "attack" and tr.subtype == "shooting" and _HEARD.search(st):
            continue  # "heavy gunfire could be heard for hours" after the blast: more of that fight
        if tr.type == "protest" and _ANNOUNCED.search(text, max(sent.start, tr.start - 45), tr.start):
            continue  # "unions announced a march to the capital on November 14": a plan
        if tr.type == "protest" and _MARKETS.search(st) and not _CROWD.search(st):
            continue  # "the dollar rallied against major currencies", "stocks staged a rally"
        if tr.subtype == "assault" and _ANIMAL.search(st):
            continue  # "the worst bee attack", "a horse was attacked": not violence between people
        if tr.subtype == "assault" and not re.fullmatch(r"attacks?", tr.text, re.I) and \
                _PROPERTY_BEFORE.search(text, max(sent.start, tr.start - 50), tr.start) and \
                (_PASSIVE.match(tr.text) or _PASSIVE_BEFORE.search(text, max(sent.start, tr.start - 20), tr.start)):
            # "cars were attacked overnight": damage to things, not to people (in the passive only:
            # "pick-up vehicles attacked the camp" carried the attackers).
            tr = TriggerMatch(replace(tr.trigger, type="property_destruction", subtype="vandalism"),
                              tr.start, tr.end, tr.text)
        if re.fullmatch(r"attacks?", tr.text, re.I) and not _DETERMINED.search(
                text, max(sent.start, tr.start - 40), tr.start):
            # A bare plural or noun without determiner is generic ("lone wolf attacks").
            continue
        d = _date_for(tr, s_dates, text)
        if d is not None and d.future:
            continue
        rs, re_ = tr.start - sent.start, tr.end - sent.start
        if sense_reason(tr.text, st, rs, re_, violence_told=violence_told) or \
                background_reason(sent, rs, re_, tr.type, d, ctx):
            continue
        if tr.type == "deployment" and (routine_response(tr.text, st) or casualties_moved(st)):
            continue
        live.append(tr)
    if not live:
        return []
    types = {tr.type for tr in live}
    # One event told by several words of a sentence: keep the most specific reading.
    if "arson" in types or "explosion" in types:
        live = [t for t in live if t.type != "fire"]
    if "armed_clash" in types:
        live = [t for t in live if not (t.type == "riot" and t.subtype == "clash")]
    actors_all = find_actors(st, sent.start, demonyms, country.country_code if country else None)
    armed = any(a.actor.category == "unidentified armed group" for a in actors_all) or re.search(
        r"\b(?:militants?|rebels?|insurgents?|gunmen|fighters|troops|soldiers|army)\b", st, re.I)
    crowd_vs_police = re.search(r"\b(?:protesters|demonstrators|rioters|youths|crowds?|fans|mobs?|"
                                r"students|hooligans|supporters)\b", st, re.I) and re.search(
        r"\b(?:police|officers|gendarmes|riot police)\b", st, re.I) and not re.search(
        r"\b(?:militants?|rebels?|insurgents?|troops|soldiers|gunmen|fighters|army|militias?|"
        # "the attackers exchanged fire with officers ... and escaped with the students": armed
        # men, whatever else the sentence names
        r"attackers|assailants|bandits|kidnappers|abductors|gang\s+members)\b", st, re.I)
    crowd_violence = bool(_CROWD_VIOLENCE.search(st))
    retyped = []
    for t in live:
        if t.type == "attack" and t.subtype == "shooting" and re.match(r"gunshots?$", t.text, re.I) and \
                _HOSPITAL_COUNT.search(st):
            # "A doctor said three people with gunshot wounds had been admitted": casualties of the
            # article's event, counted at the hospital, not a shooting of their own.
            t = TriggerMatch(replace(t.trigger, type="casualty_report", subtype="injuries"), t.start, t.end, t.text)
        if t.type == "seizure" and _CARRIED_OFF.search(st) and re.match(r"storm", t.text, re.I):
            # "crowds stormed the shopping mall and carried away televisions": a looting.
            t = TriggerMatch(replace(t.trigger, type="looting", subtype="looting"), t.start, t.end, t.text)
        if t.type == "attack" and t.subtype == "shooting" and crowd_violence and \
                _AT_CROWD.match(text, t.end, sent.end):
            # "security forces fired tear gas and live ammunition at young protesters who were
            # throwing stones": force used on a riot is the riot's (ACLED: violent demonstration).
            t = TriggerMatch(replace(t.trigger, type="riot", subtype="riot"), t.start, t.end, t.text)
        if t.type == "seizure" and t.subtype == "taken" and _SETTLEMENT_AFTER.match(text, t.end) and \
                _HARM_TO_PEOPLE.search(st):
            # "Gunmen stormed the community, shooting sporadically": a raid on people, not ground taken.
            t = TriggerMatch(replace(t.trigger, type="attack", subtype="assault"), t.start, t.end, t.text)
        if t.type == "arrest" and _ARMED_GROUP_BEFORE.search(text, max(sent.start, t.start - 60), t.start):
            continue  # "the assailants rounded up men in the market square and opened fire"
        if t.type == "fire" and violence_told and _BURNED_PASSIVE.search(t.text) and \
                _BUILDINGS_BEFORE.search(text, max(sent.start, t.start - 40), t.start):
            # "Several houses and granaries were burned" in a raid: someone burned them.
            t = TriggerMatch(replace(t.trigger, type="arson", subtype="arson"), t.start, t.end, t.text)
        if t.type == "attack" and t.subtype == "assault" and armed and _MILITARY_TARGET.match(text, t.end):
            # "fighters attacked army positions", "terrorists attacked the camp": a battle.
            t = TriggerMatch(replace(t.trigger, type="armed_clash", subtype="armed clash"), t.start, t.end, t.text)
        if t.type == "attack" and t.subtype == "assault" and _BUILDING_TARGET.match(text, t.end) and \
                _CROWD_PEOPLE.search(st):
            # "crowds attacked the offices of the Friday prayer leader": rioting, not violence to people.
            t = TriggerMatch(replace(t.trigger, type="riot", subtype="riot"), t.start, t.end, t.text)
        if t.type == "protest" and t.subtype == "intervention" and crowd_violence:
            # "youths overturned cars and smashed windows, where police fired tear gas": a riot.
            t = TriggerMatch(replace(t.trigger, type="riot", subtype="riot"), t.start, t.end, t.text)
        if t.type == "seizure" and (_PEOPLE_AFTER.match(text, t.end) or _PEOPLE_BEFORE.search(
                text, max(sent.start, t.start - 50), t.start)):
            # "41 of the escaped inmates had been recaptured": people caught, not ground taken.
            t = TriggerMatch(replace(t.trigger, type="arrest", subtype="arrest"), t.start, t.end, t.text)
        if t.type == "arson" and any(o.type == "explosion" and o.start < t.start and
                                     re.match(r"blasts?|explosions?", o.text, re.I) for o in live):
            # "The blast tore through the market, ..., setting several shops ablaze": the
            # explosion's fire, nobody set it; the explosion is the event.
            continue
        if t.type == "arson" and _NATURAL_CAUSE.search(text, max(sent.start, t.start - 80), t.start) and \
                not _USED_AS_WEAPON.search(st):
            # "Lightning struck a barn, setting it on fire": nobody set it.  (Fireworks used as a
            # weapon set things alight on purpose: "the town hall was attacked with fireworks and
            # its entrance set ablaze".)
            t = TriggerMatch(replace(t.trigger, type="fire", subtype="fire"), t.start, t.end, t.text)
        if t.type == "armed_clash" and crowd_vs_police:
            # "skirmishes broke out between youths and riot police": a riot, not a battle
            t = TriggerMatch(replace(t.trigger, type="riot", subtype="clash"), t.start, t.end, t.text)
        if t.type == "riot" and t.subtype == "clash" and (armed or armed_told) and not re.search(
                r"\b(?:protest\w*|demonstrat\w*|rioters|crowds?|mobs?|youths|fans|students)\b|"
                r"(?<!according to )\bpolice\b(?!\s+(?:said|say|says|told|reported|added|spokes\w*|chief|"
                r"officials?|sources))", st, re.I):
            t = TriggerMatch(replace(t.trigger, type="armed_clash", subtype="armed clash"), t.start, t.end, t.text)
        retyped.append(t)
    live = retyped
    types = {tr.type for tr in live}
    if "armed_clash" in types:
        # "Fighting raged ... with heavy gunfire heard": the shots are the battle's.
        # "Fighters attacked two police checkpoints, sparking a gun battle": one battle.
        # "Fighting had raged around Rutshuru, with the rebels shelling army positions": too.
        # "Gunfire and explosions echoed across the city as soldiers battled militia": too.
        live = [t for t in live if not (t.type == "attack" and t.subtype in ("shooting", "assault"))
                and not (t.type == "explosion" and t.subtype == "shelling" and _MILITARY_TARGET.match(text, t.end))
                and not (t.type == "explosion" and t.subtype == "explosion" and _HEARD.search(st))]
        types = {tr.type for tr in live}
    if "riot" in types:
        # Police answering stone-throwers with tear gas is part of the riot, not a protest, and
        # "one person was shot dead as police battled protesters" is a death of the riot.
        # So are shots fired and people assaulted amid it ("the two crowds threw stones at each
        # other before shots were fired", "a press photographer was assaulted").
        live = [t for t in live if t.type != "protest" and not (
            t.type == "attack" and t.subtype in ("shooting", "assault"))]
    if "protest" in types and _CROWD_PEOPLE.search(st):
        # "Troops responded with water cannon, and several protesters were beaten with batons":
        # the force used on the protest is the protest's (with intervention).
        live = [t for t in live if not (t.type == "attack" and t.subtype == "assault" and
                                        re.search(r"beaten|clubbed|kicked|punched", t.text, re.I))]
        types = {tr.type for tr in live}
    if "arson" in types:
        # "the town hall was attacked with fireworks and its entrance set ablaze": one arson.
        live = [t for t in live if not (t.type == "property_destruction" and re.search(r"attack", t.text, re.I))]
        types = {tr.type for tr in live}
    if "seizure" in types:
        # "Gangs attacked the civil prison, freeing 1,000 inmates": the attack is the taking.
        live = [t for t in live if not (t.type == "attack" and t.subtype == "assault")]
        types = {tr.type for tr in live}
    neg = lambda s, e: (blocked_reason(st, s, e, quoted=quotes) or "").startswith("negated")
    counts = find_counts(st, negated=neg)
    nonviolent_death = bool(_NOT_VIOLENT_DEATH.search(st))
    # Killing by an armed attacker is an attack, not a bare casualty report.
    if "casualty_report" in types and "attack" not in types:
        for t in live:
            if t.type == "casualty_report" and t.subtype == "deaths":
                # "a gunman killed two", "a teen killed 12 people": someone killed people.
                before = [a for a in actors_all if a.end <= t.start
                          and (a.actor.category == "unidentified armed group" or
                               re.match(r"\s+(?:\w+\s+)?(?:\d+|two|three|four|five|six|seven|eight|nine|"
                                        r"ten|dozens|scores|several)\b", text[t.end:t.end + 30]))
                          and t.start - a.end < 40
                          and not re.search(r"\b(?:was|were|been|being|are|is|said|says)\b",
                                            text[a.end:t.start])
                          # "left four gunmen killed": the result of an event, they are victims.
                          and not re.search(r"\b(?:left|leaving|leaves|leave|with)\s+(?:[\w-]+\s+){0,3}$",
                                            text[max(sent.start, a.start - 40):a.start], re.I)]
                if before and re.match(r"killed|murdered", t.text, re.I):
                    live = [x if x is not t else TriggerMatch(
                        replace(t.trigger, type="attack", subtype="killing"), t.start, t.end, t.text)
                        for x in live]
                    break
    types = {tr.type for tr in live}
    absorbing = [t for t in live if t.type in ABSORBS]
    if absorbing:
        live = [t for t in live if t.type != "casualty_report"]
    elif "casualty_report" in types:
        has_count = any(c.kind in ("fatalities", "injured") for c in counts)
        strong = any(t.type == "casualty_report" and re.match(r"killed|wounded|death toll|deaths of",
                                                             t.text, re.I) for t in live)
        # Deaths are part of the conflict when the sentence says so, or when the article has
        # already reported violence ("At least 164 people were killed" after the riots).
        political = any(a.actor.category != "civilians" for a in actors_all) or \
            _VIOLENCE_CONTEXT.search(st) or violence_told
        animal_victim = bool(_ANIMAL.search(st)) and not actors_all
        if nonviolent_death or not (has_count or strong) or not political or animal_victim:
            live = [t for t in live if t.type != "casualty_report"]
    if not live:
        return []

    # Group triggers: one candidate per (type, date) in a sentence.
    groups: dict[tuple, list[TriggerMatch]] = {}
    for t in live:
        d = _date_for(t, s_dates, text)
        # Air strikes on one side and rockets fired by the other are two events of a sentence.
        means = t.subtype if t.type == "explosion" and t.subtype in _REMOTE_MEANS else None
        key = (t.type, d.start if d is not None else None, means)
        groups.setdefault(key, []).append(t)
    for key in [k for k in groups if k[2] is None and k[0] == "explosion"]:
        # A generic "explosion" beside a specific means is that means' blast.
        specific = [k for k in groups if k[:2] == key[:2] and k[2] is not None]
        if specific:
            groups[specific[0]].extend(groups.pop(key))
    for key in [k for k, trs in groups.items() if len(trs) > 1 and k[0] != "deployment"]:
        # "40,000 joined the rally near City Hall, while thousands more held smaller protests in
        # Busan": one type, two towns far apart, two events (ACLED codes each location).
        towns: list[tuple[Place, list[TriggerMatch]]] = []
        for t in groups[key]:
            pc_t = choose_place(text, sent.start, sent.end, t.start, t.end, by_sent.get(sent.index, []),
                                country=country, focus=focus)
            p_t = pc_t.place if pc_t is not None and pc_t.explicit else None
            home = None
            for tw in towns:
                if tw[0] is None and p_t is not None and _CLAUSE_BREAK.search(text, tw[1][-1].end, t.start):
                    continue  # "joined the rally near City Hall, while thousands more ... in Busan"
                if p_t is None or tw[0] is None or tw[0].id == p_t.id or \
                        p_t.kind not in ("city", "site") or tw[0].kind not in ("city", "site") or \
                        haversine_km(p_t.lat, p_t.lon, tw[0].lat, tw[0].lon) <= 25:
                    home = tw
                    break
            if home is None:
                towns.append((p_t, [t]))
            else:
                home[1].append(t)
        if len(towns) > 1:
            del groups[key]
            for n, (_, trs) in enumerate(towns):
                groups[key + (n,)] = trs

    out: list[Candidate] = []
    for (typ, *_), trs in groups.items():
        tr = trs[0]
        d = _date_for(tr, s_dates, text)
        unresolved = False
        if d is not None:
            date, prec, explicit = d.date, (d.precision if d.date else "unknown"), True
            unresolved = d.date is None
        elif context_date is not None:
            date, prec, explicit = context_date.date, _DATE_STEP[context_date.precision], False
        elif article.published is not None:
            date, prec, explicit = article.published, "week", False
        else:
            date, prec, explicit = None, "unknown", False
        movement = typ == "deployment"
        pc = choose_place(text, sent.start, sent.end, tr.start, tr.end, by_sent.get(sent.index, []),
                          movement=movement, country=country, focus=focus)
        if (pc is None or pc.place is None) and typ == "comms_shutdown" and country is not None and \
                not _LOCAL_ANAPHORA.search(st):
            # A network is cut by a national operator or government: without a place of its
            # own, a shutdown is the country's, not the town the article dwells on.
            pc = PlaceChoice(country, "country", None, pc.origin if pc else None, explicit=False)
        if pc is None or pc.place is None:
            inherited = None
            if recent_places:
                idx, para, rp = recent_places[-1]
                if para == sent.paragraph or sent.index - idx <= 3:
                    inherited = rp
            origin = pc.origin if pc else None
            if inherited is not None and inherited.place.kind == "country" and focus is not None and \
                    focus.kind == "city" and focus.country_code == inherited.place.country_code and \
                    _IN_THE_CITY.search(st):
                # "detained at a military camp in the city" after "across Niger": the town the
                # article is about, not the country of the sentence before.
                inherited = PlaceChoice(focus, focus.precision, None, None, explicit=False)
            if inherited is not None:
                # A site (an airport) is told once; what follows is about its town.
                base = inherited.base or inherited.place
                gp = base.precision if inherited.base is not None else inherited.precision
                pc = PlaceChoice(base, lower_precision(gp), None, origin, explicit=False)
            elif (ahead := _place_ahead(text, sentences, sent, by_sent)) is not None and not (
                    typ in _LOCAL_TYPES and focus is not None and ahead.place.kind == "country"
                    and focus.kind != "country"):
                # (Not a country for a local event when the article has a town of its own: "in
                # the United States" after "detained near the scene" is another sentence's.)
                # The lead often names the place a sentence later ("As the fire consumed the
                # yacht ... The firefighter saved both at the Miami Beach Marina").
                pc = PlaceChoice(ahead.place, lower_precision(ahead.precision), None, origin,
                                 explicit=False)
            elif focus is not None:
                pc = PlaceChoice(focus, lower_precision(focus.precision), None, origin, explicit=False)
            else:
                pc = PlaceChoice(None, "country", None, origin, explicit=False)
        # Actors of the trigger's clause: from its start to a little after the trigger, not
        # into a relative clause ("... an uprising that led to the deaths of demonstrators").
        cs = sent.start + clause_start(st, tr.start - sent.start)
        rel = re.search(r"\b(?:that|which|who|to help|to)\b", text[tr.end:tr.end + 80])
        stop = tr.end + (rel.start() if rel else 80)
        near = [a for a in actors_all if a.start >= cs and a.start < stop] or \
            [a for a in actors_all if abs(a.start - tr.start) < 80]
        acts = [a.actor for a in sorted(near, key=lambda a: (a.start > tr.start, abs(a.start - tr.start)))]
        if movement and pc.origin is not None and pc.place is not None and \
                pc.origin.country_code and pc.origin.country_code != pc.place.country_code:
            acts = [Actor(a.text, "external forces") if a.category == "state forces" else a for a in acts]
        subtype = tr.subtype
        extra: dict = {}
        if unresolved:
            # "Thursday" without a publication date: the caller can say once how to give one.
            extra["date_text"] = d.text
            extra["needs_publication_date"] = True
        if typ == "seizure":
            first = acts[0].category if acts else None
            after = st[tr.end - sent.start:tr.end - sent.start + 80]
            if subtype == "retaken" or first in ("state forces", "external forces") or re.search(
                    r"\bfrom\s+(?:the\s+)?(?:\w+\s+)?(?:protesters|rioters|rebels|militants|"
                    r"insurgents|demonstrators|gunmen)", after, re.I):
                subtype = "retaken by state forces" if first in ("state forces", "external forces", None) \
                    else "retaken"
            else:
                subtype = "taken by " + (first or "unknown actors")
        if typ == "emergency_measure":
            extra["measures"] = sorted({t.subtype for t in trs if t.subtype})
            if len(extra["measures"]) > 1 and "state of emergency" in extra["measures"]:
                subtype = "state of emergency"
        c = Candidate(typ, subtype, tr, sent, date, prec, explicit, pc, acts, extra=extra)
        c.evidence = [sent]
        c.date_in_context = d is None and context_date is not None
        if unresolved and d is not None:
            c.day_key = _day_key(d.text)
        # Only a noun refers back ("the blast"); a verb after a definite subject does not
        # ("The man assaulted a woman").
        c.distinct = any(_ANOTHER.match(t.text) or _ANOTHER_BEFORE.search(text, max(sent.start, t.start - 40),
                                                                           t.start)
                         or _SEPARATE_AFTER.match(text, t.end) for t in trs)
        c.anaphoric = any((_ANAPHORA.search(text, max(sent.start, t.start - 30), t.start)
                           and not _VERBAL.match(t.text))
                          or re.match(r"(?:the|this|that)\s", t.text, re.I) for t in trs)
        c.confidence = _confidence(typ, trs, pc, explicit, acts, counts, st, sent, sent.start)
        out.append(c)
        if not movement and pc.explicit and pc.place is not None:
            # "Protests took place in Paris, Lyon and Marseille": one event per place, as
            # ACLED codes them.
            others = _coordinated(text, pc, by_sent.get(sent.index, []))
            if others:
                c.listed = True  # the head of a list of places is listed too
            for other in others:
                twin = replace(c, place=PlaceChoice(other, other.precision, None, None, True, other),
                               evidence=[sent], extra=dict(extra), listed=True)
                out.append(twin)

    # Counts go to the incident that caused them (or the casualty report).
    receivers = [c for c in out if c.type in ABSORBS] or [c for c in out if c.type == "casualty_report"]
    for cm in counts:
        if cm.kind == "arrested":
            for c in out:
                if c.type == "arrest":
                    c.arrested = sum_count(c.arrested, cm.count)
                    break
            continue
        if not receivers:
            continue
        target = min(receivers, key=lambda c: abs(c.trigger.start - (sent.start + cm.start)))
        if cm.kind == "fatalities":
            target.fatalities = sum_count(target.fatalities, cm.count)
        else:
            target.injured = sum_count(target.injured, cm.count)
    return out


# Types whose events are local: placed only at a country, their place is probably a fallback.
_LOCAL_TYPES = {"attack", "arrest", "fire", "arson", "explosion", "property_destruction", "looting",
                "riot", "armed_clash", "seizure"}


def _confidence(typ, trs, pc, date_explicit, acts, counts, st, sent, sent_start) -> float:
    """How strongly the text supports the incident, from 0 to 0.95 (docs/taxonomy.md,
    "Confidence"): the trigger's own strength, then evidence for or against it."""
    conf = max(t.trigger.strength for t in trs)
    conf += 0.1 if pc.explicit else -0.1           # the sentence names its place, or not
    conf += 0.05 if date_explicit else 0.0          # ... its date
    conf += 0.05 if acts else 0.0                   # ... who acted or suffered
    if counts:
        conf += 0.05                                # ... how many were hurt or arrested
    if typ in VIOLENT or typ == "casualty_report":
        tr = trs[0]
        if physical_context(st, tr.start - sent_start, tr.end - sent_start):
            conf += 0.05                            # weapons, wounds, armed men, victims
    if pc.place is not None and pc.resolution < 0.5:
        conf -= 0.1                                 # the geoparser doubts the place
    if typ in _LOCAL_TYPES and (pc.place is None or pc.place.kind == "country"):
        conf -= 0.1                                 # a shooting placed only in a country
    if sent.index <= 3:
        conf += 0.05                                # the lead tells the article's news
    return max(0.0, min(0.95, conf))


def _day_key(date_text: str) -> str:
    """A day as written, reduced to what names it ("early Sunday" and "Sunday" are one day)."""
    m = re.search(r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|"
                  r"tonight|last night", date_text, re.I)
    return (m.group() if m else " ".join(date_text.split())).lower()


def _coordinated(text: str, pc: PlaceChoice, tops: list[Toponym]) -> list[Place]:
    """Places listed with the chosen one ("in X, Y and Z"), in order."""
    chain = [t for t in tops if t.place is not None and t.mention.kind != "demonym"]
    out: list[Place] = []
    start = None
    for i, t in enumerate(chain):
        if t.place.id == (pc.base or pc.place).id or t.place.id == pc.place.id:
            start = i
            break
    if start is None:
        return out
    prev = chain[start]
    seen = {pc.place.id, prev.place.id}
    for t in chain[start + 1:]:
        gap = text[prev.end:t.start]
        if not re.fullmatch(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+|\s+as well as\s+)"
                            r"(?:in\s+|at\s+)?", gap):
            break
        # "Almaty, Kazakhstan" is a qualifier, not a second place.
        if t.place.kind in ("country", "admin1") and t.place.country_code == prev.place.country_code \
                and gap.strip() == ",":
            break
        if t.place.id not in seen:
            out.append(t.place)
            seen.add(t.place.id)
        prev = t
    return out


def _place_ahead(text: str, sentences: list[Sentence], sent: Sentence,
                 by_sent: dict[int, list[Toponym]]) -> PlaceChoice | None:
    """A place the next sentence is *in*, for an incident whose sentence and context name none."""
    for nxt in sentences[sent.index + 1:sent.index + 2]:
        pc = choose_place(text, nxt.start, nxt.end, nxt.start, nxt.start,
                          by_sent.get(nxt.index, []), locative_only=True)
        if pc is not None and pc.place is not None:
            return pc
    return None


def _to_incident(article: Article, c: Candidate) -> Incident:
    pc = c.place
    place = pc.place if pc else None
    ev = tuple(Evidence(s.start, s.end, s.text) for s in sorted({s.start: s for s in c.evidence}.values(),
                                                                  key=lambda s: s.start))
    cats = tuple(a.category for a in c.actors)
    event_type, sub_event_type = acled_category(c.type, c.subtype, cats)
    if c.type == "attack" and c.subtype == "abduction":
        sub_event_type = "Abduction/forced disappearance"
    elif c.type == "attack" and c.subtype == "sexual violence":
        sub_event_type = "Sexual violence"
    iid = stable_id(article.id, c.type, c.subtype, place.id if place else None,
                    c.date.isoformat() if c.date else None, ev[0].start, ev[0].end)
    extra = dict(c.extra)
    extra["trigger"] = c.trigger.text
    extra["family"] = family_of(c.type)
    return Incident(
        id=iid, type=c.type, subtype=c.subtype, event_type=event_type,
        sub_event_type=sub_event_type, date=c.date, date_precision=c.date_precision,
        place=place, geo_precision=pc.precision if pc and place else "country",
        source=article.source(), evidence=ev, origin=pc.origin if pc else None,
        fatalities=c.fatalities, injured=c.injured, arrested=c.arrested,
        actors=tuple(c.actors), confidence=round(c.confidence, 3),
        place_text=pc.text if pc else None, extra=extra,
    )
