"""Actors as the text names them ("Russian paratroopers", "security forces", "rioters"), with
a coarse category from :data:`incidentmap.model.ACTOR_CATEGORIES`.

The category comes from the head noun; a nationality adjective of another country than the
place of the incident, or a word such as "peacekeeping", "foreign", "coalition", turns state
forces into external forces ("Russian paratroopers" in Kazakhstan).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Actor

__all__ = ["ActorMatch", "find_actors", "HEADS"]

_PHRASES = {
    "protesters": ["protesters", "protester", "protestors", "protestor", "demonstrators",
                   "demonstrator", "marchers", "crowds", "crowd", "activists", "strikers",
                   "picketers"],
    "rioters": ["rioters", "rioter", "looters", "looter", "mobs", "mob", "vandals", "arsonists"],
    "state forces": ["riot police", "police officers", "police officer", "security forces",
                     "security officers", "security personnel", "law enforcement", "special forces",
                     "national guard", "government forces", "government troops", "state forces",
                     "police", "policemen", "policeman", "officers", "officer", "troops",
                     "soldiers", "soldier", "army", "military", "paratroopers", "servicemen",
                     "guardsmen", "gendarmes", "deputies", "sheriff's deputies", "troopers",
                     "marines", "commandos", "armored personnel carriers", "tanks"],
    "external forces": ["peacekeepers", "peacekeeping troops", "peacekeeping forces",
                        "coalition forces", "foreign troops", "foreign forces"],
    "civilians": ["civilians", "civilian", "residents", "resident", "villagers", "people",
                  "man", "woman", "men", "women", "children", "child", "boy", "girl", "teenager",
                  "teen", "passengers", "worshippers", "journalists", "journalist", "shoppers",
                  "pedestrians", "bystanders", "students", "homeowner", "driver", "family"],
    "unidentified armed group": ["gunmen", "gunman", "attackers", "attacker", "assailants",
                                 "assailant", "militants", "militant", "armed men", "shooter",
                                 "shooters", "robbers", "robber", "suspects", "suspect",
                                 "insurgents", "rebels", "bandits", "terrorists", "terrorist bands"],
}
#: Actor phrases -> category (longest phrase wins when several match).
HEADS: dict[str, str] = {p: cat for cat, ps in _PHRASES.items() for p in ps}
_HEAD_RE = re.compile(
    r"\b(?P<head>" + "|".join(sorted((re.escape(p) for p in HEADS), key=len, reverse=True)) + r")\b",
    re.I)
_EXTERNAL_MOD = re.compile(r"\b(?:foreign|peacekeeping|coalition|international|allied|"
                           r"[A-Z][a-z]+-led|NATO|U\.?N\.?)\b")
_MODIFIER = re.compile(r"((?:[A-Z][\w’'.-]*|armed|masked|unidentified|unknown|riot|security|"
                       r"foreign|peacekeeping|anti-government|pro-government|government|state|"
                       r"local|federal|military|armored|angry|violent|heavily armed)\s+){1,3}$")


@dataclass(frozen=True)
class ActorMatch:
    start: int
    end: int
    actor: Actor


def find_actors(text: str, offset: int = 0,
                demonyms: tuple[tuple[int, int, str | None], ...] = (),
                place_cc: str | None = None) -> list[ActorMatch]:
    """Actors named in ``text`` (one sentence), in order, offsets shifted by ``offset``.

    ``demonyms`` are ``(start, end, country_code)`` spans (absolute offsets) of nationality
    words the geoparser found; one that qualifies an actor and names another country than
    ``place_cc`` makes the actor external ("Russian paratroopers" in Kazakhstan).
    """
    out: list[ActorMatch] = []
    for m in _HEAD_RE.finditer(text):
        head = m.group("head")
        # Capitalised heads in the middle of a sentence are names ("Army Corps", "Police
        # Department") but still actors; lowercase-only words such as "man" must stay lower.
        if head[0].isupper() and head.lower() in ("man", "men", "mob", "army") and m.start() > 0:
            continue
        cat = HEADS[head.lower()]
        s = m.start()
        mod = _MODIFIER.search(text, max(0, s - 40), s)
        if mod and mod.end() == s:
            # Keep the modifiers ("Russian", "armed"), not a sentence-initial function word.
            trimmed = re.sub(r"^(?:(?:The|A|An|By|In|On|At|And|But|However|Police|Another)\s+)+",
                             "", mod.group())
            s = m.start() - len(trimmed)
        phrase = text[s:m.end()]
        if cat in ("state forces",) and _EXTERNAL_MOD.search(phrase):
            cat = "external forces"
        if cat == "state forces" and place_cc:
            for ds, de, cc in demonyms:
                if cc and cc != place_cc and s + offset <= ds and de <= m.end() + offset:
                    cat = "external forces"
        out.append(ActorMatch(s + offset, m.end() + offset, Actor(phrase, cat)))
    # Drop actors nested inside a longer one ("police" in "riot police").
    out.sort(key=lambda a: (a.start, -(a.end - a.start)))
    kept: list[ActorMatch] = []
    for a in out:
        if kept and a.start < kept[-1].end:
            continue
        kept.append(a)
    return kept
