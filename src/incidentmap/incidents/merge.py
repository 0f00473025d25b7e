"""One event, one incident: merging the candidates of an article.

A sentence gives candidates (type, trigger, date, place, counts); an article often tells one
event several times ("Russia sent paratroopers into Kazakhstan ... peacekeeping troops were
sent into the republic").  Two candidates merge when their types match (seizures also their
direction, attacks their subtype), their dates are compatible and their places are: the same
place, two named places within 50 km or one inside the other's admin area, or one that only
inherited its place inside the other's country.  A definite noun ("the blast", "his arrest")
refers back to the last event of its type.  Casualty reports and anaphoric fires then join the
violent event they belong to.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from dataclasses import dataclass, field, replace

from ..model import Actor, Count, Place
from .places import PlaceChoice
from .text import Sentence
from .triggers import TriggerMatch

__all__ = ["Candidate", "merge_candidates", "places_compatible", "max_count", "sum_count"]

#: Types whose incident carries the casualties stated in its sentence.
ABSORBS = {"riot", "arson", "fire", "attack", "armed_clash", "explosion", "seizure",
           "protest", "looting", "property_destruction"}
#: Types "the attack" may refer back to.
VIOLENT = {"attack", "explosion", "armed_clash", "riot", "arson"}


@dataclass
class Candidate:
    """What one sentence says about one event, before merging."""

    type: str
    subtype: str | None
    trigger: TriggerMatch
    sentence: Sentence
    date: _dt.date | None
    date_precision: str
    date_explicit: bool
    place: PlaceChoice | None
    actors: list[Actor]
    fatalities: Count | None = None
    injured: Count | None = None
    arrested: Count | None = None
    extra: dict = field(default_factory=dict)
    evidence: list[Sentence] = field(default_factory=list)
    confidence: float = 0.5
    anaphoric: bool = False
    distinct: bool = False  # told as another event: "a second fire", "another attack"
    listed: bool = False  # one of several places listed for one trigger ("in X, Y and Z")
    day_key: str | None = None  # the day as written, when it cannot be resolved
    date_in_context: bool = False  # dated by the sentences before it, not by publication alone


_PRECISION_RANK = {"site": 0, "town": 1, "region": 2, "country": 3}


def _km(a: Place, b: Place) -> float:
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def max_count(a: Count | None, b: Count | None) -> Count | None:
    """The larger of two counts (one event told twice is not two tolls)."""
    if a is None:
        return b
    if b is None:
        return a
    return a if a.value >= b.value else b


def sum_count(a: Count | None, b: Count) -> Count:
    """Two counts of different victims in one sentence, added up."""
    if a is None:
        return b
    return Count(a.value + b.value, a.exact and b.exact, f"{a.phrase}; {b.phrase}")


def places_compatible(a: PlaceChoice | None, b: PlaceChoice | None) -> bool:
    """Two mentions can be one event when they name the same place, or when one of them only
    inherited a place and that place is the other's or the country around it."""
    if a is None or b is None or a.place is None or b.place is None:
        return True
    if a.place.id == b.place.id:
        return True
    if a.explicit and b.explicit:
        # "St. Louis" and "Lemay, Missouri" for one arrest, "West Virginia" and "Lewisburg"
        # for one shooting: the same event, told finer.  Countries stay apart from their
        # towns: "troops into Kazakhstan" and "troops in Almaty's main square" are two facts.
        if a.place.kind == "country" or b.place.kind == "country":
            return False
        if a.place.country_code and b.place.country_code and a.place.country_code != b.place.country_code:
            return False  # Gaza City and Sderot are 10 km apart, and two sides of a border
        if _km(a.place, b.place) <= 25:
            return True
        return _contains(a.place, b.place) or _contains(b.place, a.place)
    loose = b if a.explicit else a
    tight = a if a.explicit else b
    if not a.explicit and not b.explicit:
        return False
    if loose.place.kind == "country":
        return loose.place.country_code == tight.place.country_code
    return _contains(loose.place, tight.place)


def _contains(big: Place, small: Place) -> bool:
    """An admin area holding a town ("West Virginia" and "Lewisburg")."""
    return (big.kind in ("admin1", "admin2") and small.kind in ("city", "site") and
            big.country_code == small.country_code and bool(small.admin1) and
            small.admin1 == (big.admin1 or big.name))


# Two unresolved days are known to differ only when both are named by the week ("Sunday",
# "yesterday"); "Saturday" and "March 21" may be the same day.
_WEEKDAY_KEY = re.compile(r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|"
                          r"today|tonight|last night")
_WINDOW = {"day": 0, "week": 7, "month": 31, "unknown": 10000}


def _dates_compatible(a: Candidate, b: Candidate) -> bool:
    if a.date is None and b.date is None and a.day_key and b.day_key and a.day_key != b.day_key \
            and _WEEKDAY_KEY.fullmatch(a.day_key) and _WEEKDAY_KEY.fullmatch(b.day_key):
        # Without a publication date "Sunday" and "Friday night" cannot be resolved, but they
        # are still two different days.
        return False
    if a.date is None or b.date is None:
        return True
    tol = max(_WINDOW.get(a.date_precision, 0), _WINDOW.get(b.date_precision, 0))
    if a.date_explicit and b.date_explicit and a.date_precision == b.date_precision == "day":
        tol = 0
    return abs((a.date - b.date).days) <= tol


# Subtypes that join any attack of the same place and day: an assault told generically, and a
# robbery whose robber also shoots or stabs ("demanded cash ... opened fire, hitting him").
# "Those protests", "these attacks": a demonstrative before the event noun (or opening it).
_THOSE_BEFORE = re.compile(r"\b(?:those|these)\s+(?:[\w-]+\s+){0,2}$", re.I)
_GENERIC_ATTACK = {None, "assault", "armed robbery"}


def _merge_told_twice(cands: list[Candidate]) -> list[Candidate]:
    """One event told twice is one incident: same type (and seizure direction), compatible
    place and date."""
    out: list[Candidate] = []
    for c in cands:
        target = None
        if c.distinct:
            out.append(c)
            continue
        if c.anaphoric:
            # "the blast", "the attack": the event told just before, wherever it was placed;
            # "the attack" may name a bombing or a shooting told before.
            generic = c.type == "attack" and c.subtype == "assault"
            for o in reversed(out):
                same = o.type == c.type or (generic and o.type in VIOLENT)
                if same and _dates_compatible(o, c) and (
                        o.place is None or c.place is None or o.place.place is None or
                        c.place.place is None or o.place.place.country_code == c.place.place.country_code):
                    target = o
                    break
        for o in ([] if target is not None else out):
            if o.type != c.type:
                continue
            if c.type == "seizure" and (o.subtype or "").split()[0] != (c.subtype or "").split()[0]:
                continue
            if c.type == "attack" and o.subtype != c.subtype and \
                    o.subtype not in _GENERIC_ATTACK and c.subtype not in _GENERIC_ATTACK:
                # A shooting and a stabbing are two attacks; an assault told generically
                # ("a man armed with a knife attacked passengers") and its stab wounds one.
                continue
            if places_compatible(o.place, c.place) and _dates_compatible(o, c):
                target = o
                break
        if target is None:
            if c.anaphoric and c.type == "attack" and c.subtype == "assault" and \
                    c.fatalities is None and c.injured is None:
                # "after the September 11th attacks": a known event named, not reported here.
                continue
            before = c.sentence.text[:c.trigger.start - c.sentence.start]
            if c.anaphoric and _THOSE_BEFORE.search(before + c.trigger.text.split()[0] + " "):
                # "Those protests ended after religious leaders brokered a truce": a demonstrative
                # with nothing reported before it points at the background.
                continue
            out.append(c)
            continue
        o = target
        o.evidence.append(c.sentence)
        if c.anaphoric:
            if c.place and c.place.explicit and c.place.place is not None and o.place and \
                    o.place.place is not None and \
                    o.place.place.country_code == c.place.place.country_code and \
                    _PRECISION_RANK.get(c.place.precision, 3) < _PRECISION_RANK.get(o.place.precision, 3):
                # "A car bomb in central Turkey ... the blast in Kayseri": keep the finer place.
                o.place = replace(c.place, origin=o.place.origin)
        elif c.place and c.place.place is not None and (
                o.place is None or o.place.place is None or (c.place.explicit and not o.place.explicit)):
            o.place = PlaceChoice(c.place.place, c.place.precision, c.place.text,
                                  o.place.origin if o.place and o.place.origin else c.place.origin,
                                  c.place.explicit)
        elif o.place is not None and o.place.origin is None and c.place is not None and c.place.origin:
            o.place = replace(o.place, origin=c.place.origin)
        if c.date is not None and (o.date is None or (c.date_explicit and not o.date_explicit) or (
                # ("A dispersal order has been put in place after a night of disorder" dated only
                # by publication; "bricks were thrown at officers" after "on Sunday": Sunday.)
                not o.date_explicit and not o.date_in_context and c.date_in_context)):
            o.date, o.date_precision, o.date_explicit = c.date, c.date_precision, c.date_explicit
            o.date_in_context = c.date_in_context
        o.fatalities = max_count(o.fatalities, c.fatalities)
        o.injured = max_count(o.injured, c.injured)
        o.arrested = max_count(o.arrested, c.arrested)
        seen = {(a.text.lower(), a.category) for a in o.actors}
        # A new list, not +=: coordinated twins ("in X and Y") share one actor list.
        o.actors = o.actors + [a for a in c.actors if (a.text.lower(), a.category) not in seen]
        if c.extra.get("needs_publication_date") and o.date is None:
            o.extra.setdefault("needs_publication_date", True)
            o.extra.setdefault("date_text", c.extra.get("date_text"))
        if c.extra.get("measures"):
            o.extra["measures"] = sorted(set(o.extra.get("measures", [])) | set(c.extra["measures"]))
        o.confidence = min(0.95, max(o.confidence, c.confidence) + 0.05)
    return out


_BURNED_OUT = re.compile(r"burn(?:ed|t)[- ]out\b", re.I)
_RETELLS_THE_FIRE = re.compile(r"(?:the|this|that)\s+(?:fire|blaze)s?\b", re.I)


def _absorb(incs: list[Candidate]) -> list[Candidate]:
    """A casualty report or a fire of unstated cause, told in an article that also reports a
    violent event (or an arson) at a compatible place and date, is part of that event."""
    hosts_for = {"casualty_report": ABSORBS, "fire": {"arson", "explosion"}}
    out = []
    for c in incs:
        hosts = hosts_for.get(c.type)
        if c.type == "protest" and c.subtype == "intervention" and len(c.evidence) == 1:
            # "Police fired tear gas to disperse them" after "protesters clashed with police":
            # the police's answer to the riot is the riot's.
            hosts = {"riot"}
        if c.type == "fire" and not c.anaphoric and not any(
                o.type == "arson" and _RETELLS_THE_FIRE.match(o.trigger.text) for o in incs):
            # "Burned-out cars" beside an arson of offices is a fire of its own; but when the
            # arson is the fire told again ("the fire had been started deliberately"), the
            # fire is that arson.  Beside a strike or a blast, "burned-out delivery vans" are its
            # damage (a fire that "broke out in the rubble" is told as an event of its own).
            hosts = {"explosion"} if _BURNED_OUT.match(c.trigger.text) else None
        target = None
        if hosts:
            for o in incs:
                if o is c or o.type not in hosts:
                    continue
                pa, pb = o.place, c.place
                same_area = (pa is None or pb is None or pa.place is None or pb.place is None or
                             places_compatible(pa, pb) or
                             (pa.place.country_code == pb.place.country_code and
                              (not pb.explicit or pb.place.kind == "country")))
                if same_area and c.type == "casualty_report" and pb is not None and pb.explicit and \
                        pb.place is not None and pb.place.kind == "country" and \
                        pa is not None and pa.place is not None and pa.place.kind != "country":
                    # "18 killed across the country since the unrest began": a national toll
                    # is more than the one town's event it would join.
                    same_area = False
                if same_area and _dates_compatible(o, c):
                    target = o
                    break
        if target is None:
            out.append(c)
            continue
        target.evidence.extend(c.evidence)
        target.fatalities = max_count(target.fatalities, c.fatalities)
        target.injured = max_count(target.injured, c.injured)
    return out




def merge_candidates(cands: list[Candidate]) -> list[Candidate]:
    """Merge the candidates of one article (in text order) into incidents-to-be."""
    return _absorb(_merge_told_twice(cands))
