"""The trigger lexicon: words and phrases that report an incident, and their matching.

Verbs are listed once as lemmas; :func:`inflect` writes out their forms (burn -> burns,
burned, burnt, burning), so one entry covers "torched", "torching" and "torches".  Patterns
may hold a gap (``{gap}``: up to eight words, no sentence punctuation) for phrases that
surround their object: "set the mayor's office on fire", "sent 3,000 paratroopers into".
All patterns of the lexicon are compiled into one alternation with a named group per entry,
run once over the whole document.

A few entries carry ``needs``: a second regular expression that must match within the same
sentence near the trigger (a force noun for "sent", a site noun for "seized"), which keeps
common verbs from firing on "sent a letter" or "police seized drugs".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Trigger", "TriggerMatch", "LEXICON", "inflect", "find_triggers", "context_ok"]

_IRREGULAR = {
    "burn": ["burn", "burns", "burned", "burnt", "burning"],
    "set": ["set", "sets", "setting"],
    "shoot": ["shoot", "shoots", "shot", "shooting"],
    "send": ["send", "sends", "sent", "sending"],
    "take": ["take", "takes", "took", "taken", "taking"],
    "fight": ["fight", "fights", "fought", "fighting"],
    "beat": ["beaten"],
    "throw": ["throw", "throws", "threw", "thrown", "throwing"],
    "blow": ["blow", "blows", "blew", "blown", "blowing"],
    "break": ["break", "breaks", "broke", "broken", "breaking"],
    "catch": ["catch", "catches", "caught", "catching"],
    "fly": ["flown", "flew"],
    "hold": ["hold", "holds", "held", "holding"],
    "overrun": ["overrun", "overruns", "overran", "overrunning"],
    "retake": ["retake", "retakes", "retook", "retaken", "retaking"],
    "stab": ["stab", "stabs", "stabbed", "stabbing"],
    "rob": ["rob", "robs", "robbed", "robbing"],
    "kidnap": ["kidnap", "kidnaps", "kidnapped", "kidnapping", "kidnaped"],
    "gun": ["gun", "guns", "gunned", "gunning"],
    "shut": ["shut", "shuts", "shutting"],
    "cut": ["cut", "cuts", "cutting"],
    "ban": ["ban", "bans", "banned", "banning"],
    "riot": ["riot", "riots", "rioted", "rioting"],
    "march": ["march", "marches", "marched", "marching"],
    "torch": ["torch", "torches", "torched", "torching"],
    "ransack": ["ransack", "ransacks", "ransacked", "ransacking"],
    "firebomb": ["firebomb", "firebombs", "firebombed", "firebombing"],
    "loot": ["loot", "loots", "looted", "looting"],
    "shell": ["shelled", "shelling"],
}


def inflect(lemma: str) -> list[str]:
    """The forms of an English verb: base, third person, past (participle), -ing."""
    if lemma in _IRREGULAR:
        return list(_IRREGULAR[lemma])
    forms = [lemma]
    if lemma.endswith(("s", "sh", "ch", "x", "z")):
        forms.append(lemma + "es")
    elif lemma.endswith("y") and lemma[-2] not in "aeiou":
        forms.append(lemma[:-1] + "ies")
    else:
        forms.append(lemma + "s")
    if lemma.endswith("e"):
        forms += [lemma + "d", lemma[:-1] + "ing"]
    elif lemma.endswith("y") and lemma[-2] not in "aeiou":
        forms += [lemma[:-1] + "ied", lemma + "ing"]
    else:
        forms += [lemma + "ed", lemma + "ing"]
    return forms


def _v(*lemmas: str, only: tuple[str, ...] | None = None) -> str:
    """An alternation of the forms of ``lemmas`` (``only``: keep forms ending so)."""
    forms = []
    for lem in lemmas:
        for f in inflect(lem):
            if only is None or f.endswith(only) or f in only:
                forms.append(f)
    return "(?:" + "|".join(sorted(set(forms), key=len, reverse=True)) + ")"


_GAP = r"(?:[\w’'\-,.$]+\s+){0,8}?"
_SMALLGAP = r"(?:[\w’'\-]+\s+){0,3}?"
_FORCES = (r"(?:troops|soldiers|paratroopers|police(?:men)?|officers|forces|peacekeepers|"
           r"reinforcements|national guard|guardsmen|marines|army|military|units?|battalions?|"
           r"gendarmes|armou?red (?:personnel )?(?:carriers|vehicles)|tanks|riot police|"
           r"personnel|contingent|servicemen|deputies|agents|cops|(?:extra\s+|more\s+|police\s+)?patrols|"
           r"(?:peacekeeping|security|military|intervention|expeditionary|stabili[sz]ation|rapid reaction)\s+force)")
# Only soldiers and armour "seen" somewhere are news; police seen on patrol are routine.
_MILITARY = (r"(?:troops|soldiers|paratroopers|forces|peacekeepers|national guard|guardsmen|marines|"
             r"army|military|armou?red (?:personnel )?(?:carriers|vehicles)|tanks|servicemen)")
_SITE = (r"(?:airport|building|buildings|palace|parliament|office|offices|headquarters|station|"
         r"base|town|city|village|territory|area|region|district|square|compound|residence|"
         r"ministry|embassy|port|bridge|checkpoint|control|capital|hall|court|courthouse|"
         r"government|television|tv|radio|campus|mosque|church|school|hospital|prison|jail|"
         r"facility|plant|mine|oil ?field|border crossing|crossing|province|streets?|"
         r"positions?|outpost|camp|city hall|mayor’s office|mayor's office)")


@dataclass(frozen=True)
class Trigger:
    name: str
    type: str
    subtype: str | None
    pattern: str
    needs: str | None = None  # must match in the sentence window around the trigger
    strength: float = 0.6
    unless: str | None = None  # must not match in the sentence


_L: list[Trigger] = []


def _t(type_: str, subtype: str | None, pattern: str, needs: str | None = None,
       strength: float = 0.6, unless: str | None = None) -> None:
    _L.append(Trigger(f"t{len(_L)}", type_, subtype, pattern, needs, strength, unless))


# --- arson: the text says the fire was set -------------------------------------------------
_t("arson", "arson", _v("set") + r"\s+" + _GAP + r"(?:on fire|ablaze|alight|aflame)", strength=0.8)
_t("arson", "arson", _v("set") + r"\s+(?:\w+\s+)?fires?\s+(?:to|at|in|on)\b", strength=0.8)
_t("arson", "arson", r"(?:were|was|been|being|got)\s+(?:also\s+|then\s+)?(?:found\s+)?set\s+(?:on fire|ablaze|alight)", strength=0.8)
_t("arson", "arson", _v("torch") + r"(?!\s+(?:bearer|light|relay|her|him|them|me|us|you|his|critics|"
   r"rivals?|opponents?))", strength=0.7)
# Petrol bombs thrown at police or soldiers are rioting; thrown at a building, arson.
# (The forces may carry one word of description: "at Israeli soldiers", "at riot police".)
_AT_FORCES = (r"(?!\s+(?:[\w-]+\s+){0,2}?at\s+(?:the\s+|a\s+)?(?:[\w-]+\s+)?(?:police|soldiers|officers|troops|"
              r"forces|security forces|army|guards|gendarmes)\b(?!\s+(?:stations?|posts?|headquarters|cars?|vans?|"
              r"vehicles?|buildings?|barracks|stations)))")
_t("arson", "arson", _v("firebomb", only=("firebombed", "firebombing")) + r"|"
   r"(?:threw|thrown|hurled|tossed|throwing|lobbed)\s+" + _SMALLGAP +
   r"(?:petrol bombs?|molotov cocktails?|fire ?bombs?|incendiary devices?)" + _AT_FORCES)
_t("arson", "arson", r"arsons?(?!\s+(?:investigators?|squad|units?|task force|charges?|dogs?|"
   r"detectives?|team|division))|arson attacks?|(?:deliberately|intentionally|purposely)\s+(?:set|started|lit)"
   r"|(?:(?:the|a|an)\s+)?(?:fires?|blazes?)\s+(?:was|were|had been|has been)\s+(?:deliberately\s+|intentionally\s+)?set"
   # "a small fire was lit in the back shed": someone lit it
   r"|(?:(?:the|a|an)\s+)?(?:(?:small|second|separate|another|larger)\s+)?(?:fires?|blazes?)\s+(?:was|were|had been|has been)\s+lit\b"
   r"(?:\s+(?:deliberately|intentionally|on purpose))?|labell?ed\s+(?:an?\s+)?arson|"
   # "the fire had been started deliberately in at least three places"
   r"(?:(?:the|a|an)\s+)?(?:fires?|blazes?)\s+(?:was|were|had been|has been)\s+(?:started|lit)\s+"
   r"(?:deliberately|intentionally|on purpose)", strength=0.8)

# "soldiers burning tents", "rioters burned dozens of houses": people setting fire to things.
_t("arson", "arson", r"(?<!from\s)(?<!into\s)(?<!of\s)(?<!the\s)(?<!a\s)(?<!in\s)(?<!near\s)(?<!by\s)"
   + _v("burn", only=("burned", "burnt", "burning")) + r"\s+(?:down\s+)?(?:the\s+|their\s+|"
   r"dozens\s+of\s+|hundreds\s+of\s+|scores\s+of\s+|several\s+|some\s+|about\s+\d+\s+|\d+\s+)?"
   r"(?:[\w-]+\s+)?(?:tents|homes|houses|huts|cars|vehicles|shops|stores|buildings|villages|churches|"
   r"mosques|schools|offices)\b",
   needs=r"\b(?:soldiers|troops|forces|police|militia\w*|gunmen|attackers|assailants|rioters|protesters|"
         r"demonstrators|mobs?|crowds?|fighters|rebels|militants|youths|gangs?|men|insurgents|army)\b",
   strength=0.8)

# --- fire: a blaze of stated or unstated cause ------------------------------------------------
_FIRE_NOT = (r"(?!\s*(?:department|dept|brigades?|fighters?|fighting|trucks?|engines?|chief|marshal|station|"
             r"house|hall|officials?|crews?|districts?|company|companies|alarm|code|codes|hazard|"
             r"safety|prevention|drill|extinguishers?|hydrant|escape|exits?|insurance|season|"
             r"danger|weather|ban|restrictions?|pits?|works|wall|arms|power|sale|sales|"
             r"rescue|academy|services?|protection|inspectors?|investigators?|damage|"
             r"department's|retardant|risk|index)\b)")
_t("fire", "fire", r"(?:a|the|an|house|home|apartment|structure|brush|grass|forest|bush|wild|"
   r"kitchen|car|vehicle|chemical|warehouse|building|massive|huge|deadly|fatal|large|small|"
   r"major|early-morning|overnight|morning|afternoon|night|(?:\w+-)?alarm|electrical|"
   r"suspicious|that|this|garage|barn|mobile home|trailer|restaurant|business|blazing|"
   r"raging|two|three|several|the two|separate)\s+fires?" + _FIRE_NOT, strength=0.6)
# "A second, smaller fire was reported two blocks away": another blaze, told as such.
_t("fire", "fire", r"(?:a\s+(?:second|third|new|separate|smaller|larger|bigger|similar)|another)"
   r"(?:,?\s+(?:smaller|larger|bigger|separate|small|large|major|minor|house|brush|grass))?\s+fires?"
   + _FIRE_NOT, strength=0.6)
_t("fire", "fire", r"fires?\s+(?:broke out|erupted|destroyed|gutted|ripped|engulfed|swept|"
   r"spread|damaged|started|burned|burnt|killed|injured|consumed|raged|tore)")
_t("fire", "fire", r"(?:blazes?|infernos?|wildfires?|bushfires?|forest fires?|wild ?land fires?)"
   # "residents in bushfire-prone areas": a risk, not a fire
   r"(?!-(?:prone|risk|danger|ready|safe|resistant|proof|season))"
   r"(?!\s+(?:seasons?|risk|danger|prevention|preparedness|awareness|warnings?|ratings?|brigades?|"
   r"services?|fighters?|crews?|management|threat|insurance))|"
   r"went up in flames|engulfed in flames|in flames|" + _v("catch", only=("caught", "catches", "catching")) +
   r"\s+(?:on\s+)?fire|gutted|"
   # "standing near a burned-out bus shelter": the scene of the unrest, not a new blaze
   r"(?<!near\sa\s)(?<!near\sthe\s)(?<!outside\sa\s)(?<!outside\sthe\s)(?<!beside\sa\s)(?<!beside\sthe\s)"
   r"(?<!past\sa\s)(?<!past\sthe\s)(?:burned-out|burnt-out)|burned out|burnt out|burned down|burnt down|"
   r"burned to the ground|burst into flames|erupted in flames|burning out of control|burned out of control|"
   r"(?<!victims\s)(?<!others\s)(?<!people\s)(?<!bodies\s)(?<!men\s)(?<!women\s)(?<!children\s)"
   r"(?:was|were|been)\s+(?:burned|burnt|destroyed by fire|damaged by fire)(?!\s+(?:to death|alive))|"
   r"(?:destroyed|damaged|gutted) by (?:a |the )?(?:fire|flames|blaze)")
_t("fire", "fire", _v("burn", only=("burned", "burnt", "burning", "burns")) +
   r"\s+(?:down|through|out of control|uncontrolled|(?:more than\s+)?[\d,]+\s+acres|acres)")

# --- protest ----------------------------------------------------------------------------------
_t("protest", "protest", r"(?<!in\s)(?<!a\s)protest(?:s|ed|ing)?(?!\s+(?:song|vote|letter|"
   r"the decision|the ruling|the call|the penalty|the foul))(?!ers?\b)", strength=0.7)
_PROTEST_CONTEXT = (r"\b(?:against|over|demand\w*|protest\w*|police|government|rights|opposition|thousand|hundred|"
                    r"calling for|called for|call for|justice|signs|placards|banners|"
                    r"march\w*|chant\w*|slogans?|anti-\w+|pro-\w+|president|minister|law|bill|policy|"
                    r"reform|pay|wages|election|independence|supporters|activists|strike|resign\w*|"
                    r"teachers|workers|union|crowds?|thousands|hundreds|capital|square|streets?)\b")
_t("protest", "protest", r"demonstrations?(?!\s+(?:of|project|garden|kitchen|plot|model))",
   needs=_PROTEST_CONTEXT)
_t("protest", "rally", r"(?<!campaign\s)(?:rall(?:y|ies)|rallied|rallying)(?!\s+(?:point|car|driver|race|cry))"
   r"(?!\s+(?:to|from)\s+(?:win|beat|victory|a\s+\d))"
   # "one of the biggest rallies of his campaign": electioneering, not a protest
   r"(?!\s+(?:of|for)\s+(?:his|her|their|its|the)\s+(?:[\w-]+\s+)?(?:campaign|re-?election|candidacy)\b)",
   needs=_PROTEST_CONTEXT)
_t("protest", "march", r"(?<!flag\s)(?<!route\s)march(?:ed|es|ing)?\b(?!\s+(?:madness|of dimes))"
   r"(?=(?:\s+\w+ly)?\s+(?:on|to|through|in|from|down|along|toward|towards|against|past|around|for|across|into|"
   r"outside|near))",
   # "Rebels seized Goma after government troops fled, marching through the streets": armed
   # men on the move, not a demonstration
   unless=r"^(?!.*\b(?:protest\w*|demonstrat\w*|rall(?:y|ies)|crowds?|marchers|supporters|students|workers|"
          r"activists|slogans|placards|banners|chant\w*)\b).*\b(?:rebels|fighters|militants|insurgents|troops|"
          r"soldiers|gunmen|militias?|army)\b")
# Runners, revellers and parades take to the streets too ("took to the streets of Athlone for
# the annual hospice 5k"): a crowd in celebration or for charity is not a protest.
_FESTIVE = (r"\b(?:runners|walkers|joggers|cyclists|revell?ers|dancers|parades?|marathons?|\d+\s?k\b|fun runs?|"
            r"carnivals?|festivals?|celebrat\w+|charity|fundrais\w+|pride|victory|"
            r"championship|title|trophy)\b")
_t("protest", "protest", r"(?:took|take|taken|taking|takes)\s+to\s+the\s+streets", strength=0.7,
   unless=_FESTIVE)
_t("protest", "protest", r"sit-ins?|"
   r"hunger strikes?|(?:went|go|goes|going|were|are|was|is)\s+on\s+strike|general strike|"
   r"walkouts?|walked off (?:the|their) jobs?|picket(?:ed|ing|s)?\b|strikers|staged\s+(?:a\s+)?(?:rally|protest|demonstration|"
   r"march|sit-in)", strength=0.7)
_t("protest", "protest", r"(?:teachers|workers|employees|nurses|doctors|miners|drivers|staff|unions?)\s+"
   r"(?:are\s+|were\s+|have been\s+)?(?:striking|on strike)|striking\s+(?:teachers|workers|"
   r"employees|nurses|doctors|miners|drivers)", strength=0.7)
_t("protest", "protest", r"(?:protesters|protestors|demonstrators|marchers|activists)\s+" + _SMALLGAP + r"(?:gathered|rallied|marched|chanted|massed|"
   r"converged|blocked|blockaded|barricaded|occupied|filled|poured into)")
# Roads blocked by people demanding something ("blocked the main access roads into the capital,
# carrying banners and demanding wage increases").
_t("protest", "protest", r"blocked\s+(?:[\w-]+\s+){0,3}?(?:roads?|highways?|streets?|bridges?|junctions?|"
   r"intersections?|railways?|rail lines?)\b",
   needs=r"\b(?:demand\w*|chant\w*|calling for|banners|placards|slogans|to protest|in protest|against|"
         r"protest\w*|strik\w+|accus\w+|angry|anger|outrage\w*|denounc\w+|condemn\w*|refus\w+|burn(?:ed|t|ing)\s+tyres|"
         r"burn(?:ed|t|ing)\s+tires)\b", strength=0.6)
# People gathered to demand something are a protest ("dozens of relatives gathered outside the
# gates, demanding information").
_t("protest", "protest", r"(?:gathered|assembled|massed|congregated)\s+(?:outside|in front of|at|near|in)\b",
   needs=r"\b(?:demand\w*|chant\w*|calling for|called for|to protest|in protest|slogans|placards|banners|"
         r"angry|anger|justice|against)\b", strength=0.6)
# Blockades and occupations by aggrieved people are protests ("truckers blocked hundreds of
# roads", "farmers blockaded a fuel plant"), when the sentence says what they stand for.
_t("protest", "protest", r"(?:truckers|farmers|villagers|residents|supporters|students|workers|strikers|"
   r"miners|taxi drivers|fishermen|growers)\s+" + _SMALLGAP + r"(?:blocked|blockaded|barricaded|occupied|"
   r"set up (?:road\s*)?blocks|set up roadblocks|erected barricades)",
   needs=_PROTEST_CONTEXT)
_t("protest", "unrest", r"(?:unrest|uprising|protests|demonstrations)\s+(?:that\s+)?(?:began|"
   r"erupted|broke out|started|spread|flared|spread|widened|escalated|intensified)")
_t("protest", "intervention", r"tear ?gas|rubber bullets|water cannons?|stun grenades|"
   r"(?:dispersed|broke up)\s+(?:the\s+)?(?:crowds?|protest|protesters|demonstrators|rally)")

# --- riot ---------------------------------------------------------------------------------------
_t("riot", "riot", r"(?<!running\s)(?<!ran\s)(?<!run\s)(?<!runs\s)" + _v("riot") +
   r"(?!\s+(?:police|gear|shields?|control|squads?|act|officers|"
   r"troops|units?|helmets?|scenes?|of colou?rs?))(?!ers)", strength=0.7)
_t("riot", "riot", r"violent\s+(?:protests?|demonstrations?|uprising|unrest|clashes|riots?|"
   r"disturbances?)|civil unrest|(?:street|sectarian|ethnic)\s+(?:clashes|violence)", strength=0.8)
_t("riot", "clash", r"clash(?:ed|es|ing)?\b(?!\s+of\s+the)", strength=0.6)
_t("riot", "clash", r"(?:running|street|pitched)\s+battles?", strength=0.6)
# "police battled protesters", "youths fought riot police"
_t("riot", "clash", r"(?:police|officers|riot police|gendarmes)\s+(?:battled|fought)\s+(?:with\s+)?(?:[\w-]+\s+){0,2}?"
   r"(?:protesters|demonstrators|rioters|youths|crowds|mobs|fans|students)|(?:protesters|demonstrators|"
   r"rioters|youths|crowds|mobs|fans|students)\s+(?:battled|fought)\s+(?:with\s+)?(?:the\s+)?(?:riot\s+)?"
   r"(?:police|officers|gendarmes)", strength=0.7)
_t("riot", "riot", r"(?:threw|throwing|hurled|hurling|pelted|pelting)\s+" + _SMALLGAP +
   r"(?:rocks|stones|bottles|bricks|brickbats|masonry|fireworks|projectiles|missiles)|"
   r"(?:threw|throwing|hurled|hurling|lobbed)\s+" + _SMALLGAP + r"(?:petrol bombs|molotov cocktails|fire ?bombs)\s+at\s+"
   r"(?:the\s+)?(?:[\w-]+\s+)?(?:police|officers|soldiers|troops|security forces|gendarmes)\b|"
   # "Petrol bombs and masonry were thrown at police", "they were pelted with stones"
   r"(?:rocks|stones|bottles|bricks|brickbats|masonry|fireworks|projectiles|missiles|petrol bombs|"
   r"molotov cocktails|firebombs)\s+(?:and\s+[\w-]+\s+)?(?:were|was|had been|have been|being)\s+"
   r"(?:\w+\s+)?(?:thrown|hurled|lobbed)\s+at|"
   r"(?:were|was|had been|got|being)\s+pelted\s+with\s+(?:[\w-]+\s+)?(?:rocks|stones|bottles|bricks|"
   r"brickbats|missiles|projectiles|eggs)")
_t("riot", "mob violence", r"mob\s+(?:violence|attack|attacked|lynched|beat)|lynch(?:ed|ing)")
# British police language: "following disorder in Oldham town centre", "violent disorder broke out"
_t("riot", "riot", r"(?:violent|serious|widespread|public)\s+disorder|disorder\s+(?:in|at|on|across|broke\s+out|erupted|"
   r"flared)\b", strength=0.6)
# A brawl is mob violence when a crowd or the police are in it, not a bench-clearing one.
_t("riot", "mob violence", r"brawls?|street fights?|mass fights?", needs=r"\b(?:crowds?|hundreds|dozens|"
   r"mob|police|officers|deputies|\d{2,} people|as many as \d+)\b", strength=0.6)

# --- looting, property destruction ---------------------------------------------------------------
# "a mob broke into a supermarket and carted away goods"
_t("looting", "looting", r"carted\s+(?:away|off)|broke\s+into\s+(?:a|the|several|two|three|dozens\s+of)\s+"
   r"(?:[\w-]+\s+)?(?:supermarkets?|stores?|shops?|warehouses?|malls?|shopping\s+(?:cent(?:re|er)s?|malls?|"
   r"complex(?:es)?))",
   needs=r"\b(?:mobs?|crowds?|looters|residents|protesters|rioters|youths|people|gangs?)\b", strength=0.7)
_t("looting", "looting", _v("loot") + r"(?!ers?\b)|" + _v("ransack") + r"|plunder(?:ed|ing)|pillag(?:ed|ing)|"
   # "looters smashed their way into a sports shop", "looters stripped the mall"
   r"looters\s+(?:[\w-]+\s+){0,2}?(?:smashed|broke|stormed|raided|stripped|emptied|cleared|cleaned out|made off|"
   r"carried|hauled|ran off|targeted|hit)\b", strength=0.8)
_t("property_destruction", "vandalism", r"vandali[sz](?:ed|ing|m)|defaced|"
   r"smash(?:ed|ing)\s+" + _SMALLGAP + r"(?:windows|cars|shops|storefronts|doors)|"
   r"(?:toppled|tore down|pulled down)\s+(?:a|the)\s+(?:\w+\s+)?(?:statue|monument)|"
   r"property damage|"
   # "shop windows and bank fronts were smashed", "fans ripped out seats"
   r"(?:windows|windscreens|fronts|storefronts|shelters|shops|cars|vehicles|doors|seats)\s+(?:[\w-]+\s+){0,8}?"
   r"(?:were|was|had been|have been)\s+(?:also\s+)?(?:smashed|wrecked|trashed|ransacked|damaged|destroyed)|"
   r"(?:ripped|tore)\s+(?:out|up)\s+(?:the\s+|their\s+|dozens\s+of\s+|hundreds\s+of\s+)?(?:seats|"
   r"signs|fences|railings|barriers)")

# --- armed clash ------------------------------------------------------------------------------
_t("armed_clash", "armed clash", r"gun ?battles?|fire ?fights?|shoot-?outs?|exchanges? of (?:gun)?fire|"
   r"exchanged (?:gun)?fire|returned fire|(?:heavy|fierce|intense|renewed)\s+fighting|"
   r"(?:military|ground|army|major|ferocious|government|rebel)\s+(?:operations?|offensive|assault)|"
   r"(?:fighters|militants|rebels|insurgents|troops|soldiers|forces|gunmen|gangs|factions|militias?|"
   r"families|tribes|clans|gang members|gangsters|cartel gunmen|cartel members|hitmen)\s+" + _SMALLGAP +
   r"(?:battled|battling|fought|clashed)"
   # ("firefighters and soldiers were battling the flames")
   r"(?!\s+(?:the\s+|a\s+)?(?:flames|fires?|blazes?|wildfires?|bushfires?|infernos?|floods?|floodwaters?))|"
   r"fighting\s+(?:between|"
   r"broke out|erupted|(?:has\s+|had\s+)?(?:raged|intensified|flared|continued)\s+(?:around|in|near|for|on|along|across))|skirmish(?:es)?|ambush(?:ed|es)?|"
   # "troops repelled an attempt by Russian units to advance", "beat back an assault"
   r"(?:repelled|repulsed|fought off|beat back|pushed back|thwarted)\s+(?:an?\s+|the\s+|several\s+|"
   r"\d+\s+|two\s+|three\s+)?(?:[\w-]+\s+)?(?:attacks?|assaults?|attempts?\s+(?:by\s+[\w\s-]{0,40}?)?"
   r"to\s+(?:advance|storm|break through|capture|seize)|offensives?|advances?|incursions?)", strength=0.8)

# --- attack: shooting, stabbing, killing, assault, armed robbery, abduction ------------------------
_t("attack", "shooting", r"(?:was|were|been|being|got|get)\s+(?:fatally\s+|critically\s+|"
   r"seriously\s+)?shot|fatally shot|shot\s+(?:and\s+(?:killed|wounded)|dead|to death|in the|"
   r"multiple|several|once|twice|at\s+(?:least|\w+\s+(?:people|protesters|police|officers)))|"
   r"shot\s+(?:him|her|them|a man|a woman|an?\s+\d+-year-old|two|three)", strength=0.8)
_t("attack", "shooting", r"shootings?(?!\s+(?:percentage|range|guard|star|script|schedule|"
   r"location|day|stars|sports|club|competition|contest|practice|down|blanks))|gunned down|opened fire|"
   r"gunfire|gunshots?|shots\s+(?:were\s+|had been\s+)?(?:fired|rang out)|drive-by|"
   r"(?<!long\s)(?<!jump\s)(?<!tee\s)(?<!free\s)(?<!slap\s)(?<!parting\s)(?<!cheap\s)"
   r"(?:fired|shot)\s+(?:on|at|into)\s+(?!the air\b)(?:a|an|the|two|three|his|her|their|police|"
   r"officers|protesters|people|crowds?)\b|(?:hit|struck)\s+by\s+(?:a\s+)?(?:stray\s+)?bullets?|"
   r"bullet wounds?", strength=0.7)
# "came under fire" is criticism unless forces, vehicles or guns are about.
# "firing live rounds", "fired live ammunition at the crowd"
_t("attack", "shooting", r"(?:firing|fired|fire)\s+(?:live\s+)?(?:rounds|ammunition|bullets)\b(?!\s+into the air)"
   r"|(?:firing|fired)\s+(?:(?:tear gas|water cannon|rubber bullets)\s+and\s+)?live\s+(?:rounds|ammunition|fire|bullets)",
   strength=0.7)
_t("attack", "shooting", r"came under (?:heavy\s+)?fire", needs=r"\b(?:gun\w*|shots?|troops|soldiers|police|"
   r"officers|patrol|convoy|militants?|gunmen|rebels?|forces|army|attack\w*|wounded|killed|armed)\b",
   strength=0.7)
_t("attack", "killing", r"(?:shooting|killing|stabbing)\s+(?:spree|rampage)|rampage|mass shooting", strength=0.8)
_t("attack", "stabbing", _v("stab") + r"|knifed|knife attack|hacked to death|machete attack", strength=0.8)
_STATS = (r"(?!\s+(?:mystery|trial|charges?|suspects?|for hire|plot|-for-hire|rates?|tally|count|"
          r"statistics|numbers|units?|division|squad|detectives?|investigators?|cases?|"
          r"investigations?|victims'|weapons?|scene|bureau|lt\.?|lieutenant|sgt\.?|sergeant|det\.?|"
          r"capt\.?|captain|commander|chief))")
_t("attack", "killing", r"murder(?:ed|s|ing)?" + _STATS + r"|homicides?" + _STATS + r"|"
   r"(?:was|were|been|being|is|are)\s+slain|slain\s+(?:by|in|at|on|during|near|outside)\b|"
   r"slaying|assassinat(?:ed|ion)|beheaded|decapitated|executed|massacred?|"
   r"beaten to death|bludgeoned|beating deaths?|(?:fatal|brutal|savage) beating", strength=0.7)
# "was surrounded, tied to a trolley and beaten by protesters", "was punched and kicked"
_t("attack", "assault", r"\band\s+(?:then\s+)?(?:brutally\s+|severely\s+|badly\s+)?(?:beaten|assaulted|kicked|"
   r"punched)\s+(?:by|with|unconscious|to|and)\b|(?:was|were|been|got)\s+(?:repeatedly\s+|brutally\s+)?"
   r"(?:punched|kicked|pummell?ed|pistol-whipped|clubbed|bludgeoned)\b", strength=0.7)
_t("attack", "sexual violence", r"raped|rape of|sexual(?:ly)?\s+assault(?:ed|ing|s)?", strength=0.8)
_t("attack", "assault", r"(?:was|were|been|got)\s+(?:brutally\s+|severely\s+)?(?:beaten|"
   r"assaulted|attacked)|assault(?:ed|ing)?\s+(?:a|an|the|him|her|two|three)\b|"
   r"(?<!heart\s)(?<!panic\s)(?<!asthma\s)(?<!shark\s)(?<!dog\s)(?<!bee\s)attack(?:ed|s)?\b"
   r"(?!\s+(?:helicopters?|dogs?|ads?|submarines?|on the (?:flames|fire|blaze)))", strength=0.6)
# "a man who threatened a liquor store employee with a knife and fled with several bottles"
_t("attack", "armed robbery", r"threatened\s+(?:[\w-]+\s+){0,4}?with\s+(?:a\s+)?(?:knife|gun|handgun|firearm|machete|"
   r"pistol|weapon|blade|screwdriver|syringe)", needs=r"\b(?:fled|stole|took|demanded|robbed|robbery|cash|money|"
   r"till|register|made off)\b", strength=0.8)
# "a motorcyclist rammed into a line of police, injuring three"; "armed youths raided three cattle
# camps, killing at least 32 people"
_t("attack", "assault", r"rammed\s+(?:[\w-]+\s+){0,2}?(?:into\s+)?(?:a\s+)?(?:line\s+of\s+|crowd\s+of\s+|group\s+of\s+)?"
   r"(?:police|officers|crowds?|people|protesters|pedestrians|worshippers|shoppers)\b|"
   r"raided\s+(?:[\w-]+\s+){0,4}?(?:villages?|camps?|homes?|houses|community|settlements?|markets?|farms?)\b"
   r"(?=[^.;]{0,80}\b(?:killing|killed|shooting|shot)\b)", strength=0.7)
_t("attack", "armed robbery", r"armed robber(?:y|ies)|robbed at (?:gun|knife)point|hijacked at (?:gun|knife)point|"
   r"(?:held up|robbed)\s+" + _SMALLGAP + r"at (?:gun|knife)point|carjack(?:ed|ing)|"
   r"home invasion", strength=0.8)
# A robbery is violence when a weapon is in it ("robbed by an armed man", "an attempted robbery
# ... held a knife to the driver's throat").
_t("attack", "armed robbery", r"robber(?:y|ies)|" + _v("rob"),
   needs=r"\b(?:armed|guns?|handguns?|pistols?|rifles?|shotguns?|knives|knife|machetes?|weapons?|"
         r"gunpoint|knifepoint|firearms?)\b", strength=0.6)
# A holdup told as what the robber did: "showed the clerk a handgun and demanded cash".
_t("attack", "armed robbery", r"(?:holdups?|stick-?ups?)\b|" + _v("demand") + r"\s+(?:the\s+)?(?:cash|money)\b|"
   + _v("demand") + r"\s+(?:that\s+)?(?:the\s+)?(?:clerk|cashier|teller|employees?|victims?)\s+"
   r"(?:hand over|give|open)\b",
   needs=r"\b(?:armed|guns?|handguns?|pistols?|rifles?|shotguns?|knives|knife|machetes?|weapons?|"
         r"gunpoint|knifepoint|firearms?)\b", strength=0.6)
# "A police officer was burned to death in his patrol car by a mob": a killing.
_t("attack", "killing", r"(?:burned|burnt)\s+(?:to death|alive)", strength=0.8)
_t("attack", "assault", r"(?:held|pointed|put|pressed)\s+(?:a|an|his|her|their)\s+(?:knife|gun|"
   r"handgun|pistol|blade|machete)\s+(?:to|at)\b", strength=0.7)
_t("attack", "abduction", _v("kidnap") + r"|abduct(?:ed|ion|ions|ing)|taken hostage|held hostage", strength=0.8)

# --- explosions / remote violence -------------------------------------------------------------------
_t("explosion", "suicide bombing", r"suicide (?:bomb(?:ing|er|ers|s)?|attack)", strength=0.9)
_t("explosion", "air strike", r"(?:air ?strikes?|airstrikes?|air raids?|bombing raids?)"
   # "stay in shelters during air raid alerts": the warning, not the raid
   r"(?!\s+(?:alerts?|alarms?|sirens?|warnings?|shelters?|drills?))", strength=0.9)
_t("explosion", "drone strike", r"drone (?:strikes?|attacks?)", strength=0.9)
_t("explosion", "shelling", _v("shell") + r"|artillery (?:fire|strikes?|attacks?)|mortars?\s+"
   r"(?:fire|rounds|shells|attacks?)|rocket (?:fire|attacks?)|missile (?:strikes?|attacks?)|"
   r"(?:fired|launched)\s+(?:[\w,-]+\s+){0,3}(?:rockets|missiles|mortars|mortar\s+(?:bombs|rounds|shells))|"
   # "a missile struck an apartment building", "shells hit homes", "a rocket slammed into"
   r"(?:missiles?|rockets?|shells|mortar\s+(?:rounds?|shells?|bombs?)|artillery|drones?)\s+"
   r"(?:also\s+|had\s+|has\s+|have\s+)?"
   r"(?:struck|hit|slammed into|crashed into|landed (?:on|in|inside|near)|fell (?:on|in|inside|near)|"
   r"rained down on|pounded)", strength=0.9)
# "The air force carried out strikes on the assailants".
_t("explosion", "air strike", r"(?:carried out|conducted|launched|staged)\s+(?:\w+\s+)?strikes",
   needs=r"\b(?:air force|aircraft|warplanes?|jets|drones?|helicopters?|gunships?|missiles?)\b", strength=0.8)
# "One strike flattened a three-story building", in a report of air strikes.
_t("explosion", "air strike", r"(?:one|another|the|a|an|second|third|latest)\s+strikes?\s+(?:also\s+)?"
   r"(?:flattened|destroyed|levelled|leveled|demolished|killed|wounded)", strength=0.8)
_t("explosion", "grenade", r"grenade (?:attack|blast|explosion)|(?:threw|hurled|lobbed) (?:a |two )?grenades?", strength=0.9)
_t("explosion", "bombing", r"(?:car|roadside|truck|pipe|nail|parcel|letter)\s+bombs?|"
   # "rammed an explosives-laden truck into the gate"
   r"(?:explosives?|bomb)-(?:laden|packed|filled|rigged|loaded)\s+(?:truck|car|vehicle|van|lorry|motorcycle|"
   r"motorbike|boat|drone|vest)s?|"
   r"bomb(?:ed|ing|ings)\b|ieds?\b|improvised explosive|booby-?traps?|landmines?|(?:land\s+)?mines?\s+"
   r"(?:exploded|blast|explosion)|(?:exploded\s+on|blown up by)\s+(?:a\s+)?(?:\w+\s+)?mines?|"
   r"(?<!petrol\s)(?<!fire\s)(?<!gasoline\s)(?<!molotov\s)(?<!paint\s)(?<!smoke\s)(?<!stink\s)"
   r"bombs?(?!\s+(?:threats?|scares?|squads?|disposal|detection|shelters?|cyclone|sniffing|technicians?|"
   r"experts?|units?))", strength=0.8)
_t("explosion", "explosion", r"explosions?|explod(?:ed|ing)|(?<!-run\s)(?<!homer\s)blasts?\b(?!\s+(?:furnace|of (?:cold|arctic|winter)|that won|to win|walls?|doors?|barriers?|"
   r"radius|zone|shields?))(?!-(?:proof|resistant))|"
   r"detonat(?:ed|ion)", strength=0.7)

# --- seizure of a site or territory -----------------------------------------------------------------
# Police storming a flat is a raid, and one "storms off" a stage: neither takes a site.
_t("seizure", "taken", _v("storm", only=("stormed", "storming", "storms")) +
   r"(?!\s+(?:drain|water|cloud|season|front|off|out|away|back))"
   r"(?!\s+(?:into\s+|in\s+|through\s+)?(?:an?\s+|the\s+|his\s+|her\s+|their\s+)?(?:\w+\s+)?(?:apartment|house|home|residence|"
   r"hideout|room|flat|car|vehicle|stage|field|pitch|court|bus|plane|shop|store|deli|bodega|bar|"
   r"restaurant|bank|pharmacy|supermarket|cafe|café|club|nightclub|salon|gas station|petrol station|"
   r"convenience store|classroom)s?\b)",
   strength=0.8)
# ... but a seat of power stormed is taken, whoever lives there ("stormed the official residence
# of President Rajapaksa", "stormed the governor's house").
_t("seizure", "taken", _v("storm", only=("stormed", "storming")) + r"\s+(?:into\s+)?(?:the\s+)?"
   r"(?:(?:official|presidential|royal|prime\s+minister['’]s|president['’]s|governor['’]s|mayor['’]s|"
   r"king['’]s|leader['’]s|state)\s+){1,2}(?:residences?|homes?|house|palace|offices?|compound|"
   r"mansion|quarters)\b", strength=0.8)
_t("seizure", "taken", r"(?:took|taken|take|taking|seized|seize|seizing|wrested|gained|assumed)\s+"
   r"control\s+of|" + _v("seize", "capture", "occupy") + r"\s+" + _SMALLGAP + _SITE + r"|"
   r"took over\s+" + _SMALLGAP + _SITE + r"|overr(?:a|u)n\s+" + _SMALLGAP + _SITE, strength=0.8)
# "The capture of Khan Sheikhoun", "the recapture of Mosul": a named place taken (the name is
# checked where the sentence's toponyms are known: "the capture of Russian soldiers" is not).
_t("seizure", "taken", r"(?:capture|seizure|takeover)\s+of(?=\s+(?:the\s+)?[a-z])", strength=0.6)
_t("seizure", "retaken", r"recapture\s+of(?=\s+(?:the\s+)?[a-z])", strength=0.6)
# A prison attacked and its inmates freed is taken ("gangs attacked the civil prison, freeing
# around 1,000 inmates"; "a jailbreak").
_t("seizure", "taken", r"(?:freeing|freed|released|releasing)\s+(?:about\s+|around\s+|some\s+|more\s+than\s+|"
   r"nearly\s+|at\s+least\s+)?(?:[\d,]+\s+|hundreds\s+of\s+|thousands\s+of\s+|dozens\s+of\s+)?(?:more\s+)?"
   r"(?:inmates|prisoners|detainees)|jail\s?breaks?|prison\s+breaks?|mass\s+escapes?", strength=0.8)
_t("seizure", "retaken", r"(?:retook|retaken|retake|retaking|recaptured|recapture|regained|"
   r"regain|reclaimed|reasserted)(?:\s+(?:full\s+)?control\s+(?:of|over))?|"
   r"wrested\s+(?:back\s+)?control", strength=0.8)

# --- deployment of troops or police ----------------------------------------------------------------
_t("deployment", "deployment", r"(?:deploy(?:ed|s|ing|ment|ments)?|dispatch(?:ed|es|ing)|"
   r"sent|send(?:s|ing)?|rushed|airlifted|flown|flew|mobili[sz]ed|moved|ordered)\s+" + _GAP + _FORCES +
   # One _FORCES for every continuation: the alternation is long, and trying it once per
   # position instead of three times keeps the lexicon fast.
   r"|" + _FORCES + r"\s+(?:(?:[\w’'\-]+\s+){0,6}?(?:were|was|have been|had been|are|been)?\s*(?:deployed|sent|"
   r"dispatched|flown|rushed|airlifted|mobili[sz]ed|stationed|posted)\b|"
   r"(?:(?:in|on|with|aboard)\s+(?:[\w-]+\s+){1,3}?)?(?:also\s+|were\s+|have\s+|had\s+)?"
   r"(?:arrived|landed|flew|patrolled|patrolling|poured|rolled|moved(?!\s+in\s+on\b)|massed|took up positions|"
   r"sealed off|cordoned off|set up checkpoints)|"
   # "paratroopers and other forces from a Moscow-led military alliance began arriving in"
   r"(?:[\w’'-]+\s+){0,7}?(?:began\s+|started\s+|continued\s+)?(?:arriving|arrived)\s+(?:in|at|into|on)\b)|"
   + _MILITARY + r"\s+" + _SMALLGAP + r"(?:were|was|have been|had been|are|been)?\s*(?:seen|spotted)\b",
   strength=0.7)

# "Columns of the Assam Rifles and CRPF were deployed": units named by their formation
_t("deployment", "deployment", r"(?:columns|companies|platoons|contingents|battalions|units|detachments)\s+of\s+"
   r"(?:[\w’'-]+\s+){1,6}?(?:were|was|have been|had been)\s+(?:deployed|rushed|sent|moved|dispatched)", strength=0.7)

# An evacuation told by what caused it ("a brush fire forced the evacuation of about 200
# homes", "residents were told to leave" after a gas explosion): a measure of this taxonomy
# when fire, gas, a bomb or fighting caused it, not a landslide or a flood.
_t("emergency_measure", "evacuation order", r"(?:forced|prompted|triggered)\s+(?:the\s+)?evacuations?\s+of|"
   r"(?:residents|people|families|students|staff|patients|villagers|homes|households|shoppers|workers|"
   r"pupils|passengers|guests|customers|tenants|occupants|neighbou?rs)\s+(?:[\w,-]+\s+){0,8}?"
   r"(?:were|was|had been|have been)\s+(?:\w+\s+)?(?:evacuated|told to (?:leave|evacuate)|ordered to leave)|"
   # "officers evacuated about a dozen nearby homes as a precaution"
   r"evacuated\s+(?:about\s+|some\s+|more\s+than\s+|at\s+least\s+)?(?:[\w-]+\s+){0,3}?(?:homes|houses|"
   r"residents|buildings|apartments|blocks|streets|shops|businesses)",
   needs=r"\b(?:fires?|blazes?|wildfires?|bushfires?|grassfires?|flames|smoke|gas|bombs?|threats?|fighting|shelling|"
         r"clashes|explosions?|chemicals?|leaks?|shooting|gunman|gunfire|standoff|suspicious\s+package)\b",
   strength=0.7)

# --- arrest ----------------------------------------------------------------------------------------
_t("arrest", "arrest", r"(?<!cardiac\s)(?<!heart\s)(?<!respiratory\s)arrest(?:ed|s|ing)?\b"
   r"(?!\s+(?:warrants?|records?|affidavits?|reports?|orders?))|detain(?:ed|ing|s)?\b|(?<!days\s)(?<!months\s)(?<!years\s)detentions?\b(?!\s+(?:facilit(?:y|ies)|"
   r"cent(?:er|re)s?|camps?|hearings?|ponds?|basins?|officers?|expired|ended|order|policy|policies|"
   r"conditions))|taken into custody|(?:taken|brought|booked|transported)\s+(?:in)?to\s+(?:(?:a|the)\s+)?"
   r"(?:[\w-]+\s+){0,2}?(?:jail|prison|lockup)\b|"
   r"in custody|apprehended|rounded up|under arrest|booked (?:into|on|at)|"
   r"(?:picked up|held|taken in|brought in)\s+for\s+questioning", strength=0.7)
# A carjacking told as what happened: "a woman was forced out of her SUV at knifepoint".
_t("attack", "armed robbery", r"(?:forced|ordered|pulled|dragged)\s+(?:\w+\s+){0,4}?at\s+(?:gun|knife)point",
   strength=0.8)

# A detention centre is a building; it tells of an arrest when someone is put or held there.
_t("arrest", "arrest", r"detention\s+(?:facilit(?:y|ies)|cent(?:er|re)s?)", needs=r"\b(?:held|holding|taken|"
   r"booked|jailed|sent|transported|placed|lodged|remains?|remained|housed|incarcerated|"
   r"locked up)\b", strength=0.6)

# A person "captured" by police is arrested (a town captured is a seizure, listed above).
_t("arrest", "arrest", r"(?:was|were|has been|have been|had been|been|being)\s+(?:\w+\s+)?captured\b",
   needs=r"\b(?:police|officers|deputies|sheriff\w*|agents|authorities|marshals|troopers|"
   r"suspects?|fugitives?|wanted|charged)\b", strength=0.6)

# --- emergency measure ---------------------------------------------------------------------------
_t("emergency_measure", "state of emergency", r"states? of emergency|emergency rule|martial law|"
   r"emergency decree", strength=0.8)
_t("emergency_measure", "curfew", r"curfews?", strength=0.8)
# A British police power to move people on from an area: "a dispersal order was authorised"
_t("emergency_measure", "dispersal order", r"dispersal\s+orders?", needs=r"\b(?:authori[sz]ed|granted|issued|"
   r"imposed|in\s+place|put\s+in\s+place|covering|in\s+force)\b", strength=0.7)
_t("emergency_measure", "ban on gatherings", r"(?:ban(?:s|ned|ning)?|prohibit(?:s|ed|ing)?|"
   r"outlaw(?:s|ed)?)\s+(?:on\s+)?(?:all\s+)?(?:large\s+|public\s+|mass\s+)?(?:gatherings|"
   r"protests|rallies|demonstrations|assemblies|meetings)|"
   # "gatherings of more than 10 people were banned"
   r"(?:gatherings|rallies|demonstrations|assemblies)\s+(?:of\s+(?:more\s+than\s+|over\s+)?[\w,]+\s+(?:or\s+more\s+)?"
   r"(?:people\s+)?)?(?:were|are|have\s+been|had\s+been|was|has\s+been)\s+(?:also\s+)?"
   r"(?:banned|prohibited|outlawed)", strength=0.8)
_t("emergency_measure", "evacuation order", r"evacuation orders?|(?:mandatory|forced)\s+evacuations?"
   # "mandatory evacuation plans for all high-rise buildings" is a rule to come, not an order
   r"(?!\s+(?:plans?|planning|drills?|routes?|procedures?|zones?|maps?|training|polic(?:y|ies)|"
   r"rules?|requirements?|exercises?))|"
   r"ordered\s+" + _SMALLGAP + r"(?:to\s+)?evacuat(?:e|ion|ed)|ordered\s+out\s+of\s+their\s+homes|"

   # "authorities had begun evacuating children from Shebekino"
   r"(?:began|begun|started|starting|begin)\s+(?:the\s+)?evacuat(?:ing|ion\s+of)\s+(?:\w+\s+)?(?:residents|"
   r"children|civilians|villagers|people|families|inhabitants|the\s+(?:town|city|village|area))", strength=0.8)

# --- communications shutdown ------------------------------------------------------------------------
# (A prison's "cell block" is a wing, not a phone network that was blocked.)
_COMMS = (r"(?:internet|web|mobile|cell(?:ular|phone)?(?!\s+blocks?\b)|phone|telephone|telecommunications?|communications?|"
          r"network|social media(?:\s+(?:sites|websites|platforms|apps))?|messaging|websites|connectivity|"
          r"tiktok|facebook|twitter|whatsapp|instagram|youtube|telegram)")
_DOWN = (r"(?:down|cut|cuts|cut off|blocked|block|outages?|shut\s*down|shutdowns?|shut off|blackouts?|disrupted|"
         r"dropped sharply|collapsed|plunged|"
         r"disruptions?|spotty|restricted|suspended|severed|throttled|unavailable|offline)")
_t("comms_shutdown", "internet", _COMMS + r"\s+(?:service|services|access|connections?|"
   r"networks?|lines|coverage)?\s*" + r"(?:[\w’'\-,]+\s+){0,6}?" + _DOWN + r"\b", strength=0.7)
# "Internet access in Shiraz and most of the country was shut down on Saturday evening"
_t("comms_shutdown", "internet", _COMMS + r"\s+(?:service|services|access|connections?|networks?|coverage)\s+"
   r"(?:[\w’'\-,]+\s+){0,10}?(?:was|were|has been|have been|had been)\s+(?:\w+\s+)?" + _DOWN + r"\b",
   strength=0.7)
_t("comms_shutdown", "internet", r"(?:cut|cuts|cutting|blocked|blocking|block|shut|shutting|"
   r"shut down|suspended|restricted|severed)\s+(?:off\s+)?(?:access\s+to\s+)?(?:the\s+)?"
   + _COMMS + r"\b", strength=0.7)

# --- casualty report ----------------------------------------------------------------------------------
_t("casualty_report", "deaths", r"killed|killing\s+(?=(?:at\s+least\s+|more\s+than\s+|some\s+|about\s+|nearly\s+|up\s+to\s+)?"
   r"(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens|scores|hundreds|several))|"
   r"deaths?\s+of|death toll|dead\b|fatalities|died|"
   r"lost their lives|bodies\s+(?:of|were)", strength=0.5)
_t("casualty_report", "injuries", r"injured|wounded|injuries|hurt\b|casualties|hospitali[sz]ed", strength=0.5)

LEXICON: tuple[Trigger, ...] = tuple(_L)
_BY_NAME = {t.name: t for t in LEXICON}
# One expression for the whole lexicon.  The shared prefix rejects positions inside words
# once, before any of the alternatives is tried (most of the cost of a large alternation).
# The expression runs on an ASCII-lowercased copy of the text (same length, same offsets),
# which is much faster than case-insensitive matching; the entries are written in lower case.
_MASTER = re.compile(r"(?<![\w’'-])(?=[a-z])(?:" + "|".join(
    rf"(?P<{t.name}>(?:{t.pattern})(?!\w))" for t in LEXICON) + ")")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
# Entries that must not match a capitalised word ("March" is the month).
_LOWER_ONLY = {t.name for t in LEXICON if t.subtype == "march"}
# Case-sensitive exceptions: capitalised "March" is the month; "Rally" as a surname is rare.
_NEEDS = {t.name: re.compile(t.needs, re.I) for t in LEXICON if t.needs}
_UNLESS = {t.name: re.compile(t.unless, re.I) for t in LEXICON if t.unless}


def context_ok(match: "TriggerMatch", sentence: str) -> bool:
    """Whether the sentence holds the context an entry needs ("demonstrations" of a political
    kind, not cooking demonstrations); entries without such a need always pass."""
    rx = _NEEDS.get(match.trigger.name)
    veto = _UNLESS.get(match.trigger.name)
    return (rx is None or bool(rx.search(sentence))) and not (veto is not None and veto.search(sentence))


@dataclass(frozen=True)
class TriggerMatch:
    """A trigger found at ``start:end`` of the document."""

    trigger: Trigger
    start: int
    end: int
    text: str

    @property
    def type(self) -> str:
        return self.trigger.type

    @property
    def subtype(self) -> str | None:
        return self.trigger.subtype


def find_triggers(text: str) -> list[TriggerMatch]:
    """Every trigger in ``text`` (one pass of one compiled expression), in order.

    Matches do not overlap: at each position the first lexicon entry that matches wins, so
    longer, more specific entries are listed before shorter ones.
    """
    out = []
    for m in _MASTER.finditer(text.translate(_ASCII_LOWER)):
        name = m.lastgroup
        if name in _LOWER_ONLY and text[m.start()].isupper():
            continue
        out.append(TriggerMatch(_BY_NAME[name], m.start(), m.end(), text[m.start():m.end()]))
    return out
