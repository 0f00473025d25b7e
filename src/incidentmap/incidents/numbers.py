"""Numbers of people as news writes them, and the casualty/arrest counts of a sentence.

Convention (ACLED's, from its fatalities FAQ and codebook): when a report gives a vague figure,
code the most conservative value the phrase allows and keep the phrase.  ACLED codes "tens" as
10, "dozens" as 12, "hundreds" as 100 (the unit, not twice the unit); we follow it and extend
it the same way: "scores" 20, "thousands" 1,000, "tens of thousands" 10,000, "several" / "a
few" / "some" 3, "a couple" 2, "many"/"numerous" 10 (ACLED's value for "several/many"
fatalities in earlier codebooks is 10; we keep 10 for "many" and use the smaller 3 for
"several", the least the word allows).  Qualifiers: "at least N" and "N or more" -> N, lower
bound; "more than N", "over N" -> N + 1, lower bound ("more than a dozen" = at least 13);
"about/nearly/around/some N" -> N, not exact.  A bare number is exact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Count

__all__ = ["parse_count", "find_counts", "NUMBER_PHRASE", "CountMatch"]

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
#: Vague quantities -> the least value they allow (see module docstring).
VAGUE = {
    "dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1000, "tens of thousands": 10000,
    "hundreds of thousands": 100000, "tens": 10, "several": 3, "a few": 3, "few": 3,
    "a couple": 2, "a couple of": 2, "a number of": 3, "some": 3, "many": 10, "numerous": 10,
    "multiple": 2, "a handful of": 3, "a dozen": 12, "half a dozen": 6, "a half-dozen": 6,
    "a score of": 20,
}

_WORDNUM = (r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|"
            r"four|five|six|seven|eight|nine))?|zero|one|two|three|four|five|six|seven|eight|nine|"
            r"ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
            r"(?:\s+(?:hundred|thousand|million))?")
# "3.5 million", "1.2 thousand", "2 million": digits with a scale word come first, so that
# "3.5 million" is not read as "5".
_SCALED = r"\d+(?:\.\d+)?\s+(?:hundred|thousand|million|billion)"
_DIGITS = r"\d{1,3}(?:,\d{3})+|\d+"
_VAGUE_RE = (r"tens of thousands|hundreds of thousands|dozens|scores|hundreds|thousands|"
             r"half a dozen|a half-dozen|a dozen|a couple(?: of)?|a handful of|a number of|"
             r"several|a few|numerous|multiple|many")
_QUAL = (r"(?:at least|more than|over|upwards of|nearly|almost|about|around|approximately|"
         r"roughly|some|up to|as many as|fewer than|less than|an estimated|another|a total of|"
         r"an additional)\s+")
#: A number phrase: optional qualifier, then a number (digits, words, vague quantity).
NUMBER_PHRASE = re.compile(
    r"\b(?P<qual>(?:" + _QUAL + r")*)(?P<num>" + _SCALED + r"|" + _DIGITS + r"|" + _WORDNUM + r"|" + _VAGUE_RE +
    r")\b(?P<ormore>\s+or more)?", re.I)


def _words_to_int(s: str) -> int | None:
    s = s.lower().replace("-", " ").strip()
    total, cur = 0, 0
    for w in s.split():
        if w in _UNITS:
            cur += _UNITS[w]
        elif w in _TENS:
            cur += _TENS[w]
        elif w in _SCALES:
            cur = max(cur, 1) * _SCALES[w]
            if _SCALES[w] >= 1000:
                total += cur
                cur = 0
        else:
            return None
    return total + cur


def parse_count(phrase: str) -> Count | None:
    """Parse a number phrase ("353", "more than a dozen", "dozens", "at least two") into a
    :class:`Count`; ``None`` when it is not a number of anything."""
    m = NUMBER_PHRASE.fullmatch(phrase.strip())
    if not m:
        return None
    return _count_from_match(m)


def _count_from_match(m: re.Match) -> Count | None:
    num = m.group("num").lower()
    qual = " ".join(m.group("qual").lower().split())
    exact = True
    if num in VAGUE:
        value, exact = VAGUE[num], False
        if num == "a dozen":
            exact = not qual
    elif re.fullmatch(_SCALED, num):
        n, scale = num.split()
        value = int(round(float(n) * {"hundred": 100, "thousand": 1000, "million": 1_000_000,
                                      "billion": 1_000_000_000}[scale]))
        exact = "." not in n  # "1.2 million" is a rounded figure
    elif re.fullmatch(_DIGITS, num):
        value = int(num.replace(",", ""))
    else:
        v = _words_to_int(num)
        if v is None:
            return None
        value = v
    if "more than" in qual or qual.startswith("over") or "upwards of" in qual:
        value, exact = value + 1, False
    elif "at least" in qual or m.group("ormore"):
        exact = False
    elif any(q in qual for q in ("nearly", "almost", "about", "around", "approximately",
                                 "roughly", "some", "an estimated", "as many as", "up to")):
        exact = False
    elif "fewer than" in qual or "less than" in qual:
        # The least value such a phrase allows is 1 ("fewer than 10 people").
        value, exact = 1, False
    return Count(value, exact, m.group().strip())


# People nouns a count can apply to ("13 security officers", "two people", "a man").
_PERSON = (r"(?:people|persons?|civilians?|residents?|protesters?|protestors?|demonstrators?|"
           r"rioters?|looters?|activists?|students?|workers?|villagers?|children|child|kids?|"
           r"teens?|teenagers?|youths?|juveniles?|minors?|adults?|men|man|women|woman|boys?|girls?|"
           r"police officers?|security officers?|officers?|policemen|policeman|police|troops|soldiers?|servicemen|personnel|guards?|"
           r"members?|fighters?|militants?|gunmen|attackers?|suspects?|victims?|passengers?|"
           r"pilgrims?|worshippers?|journalists?|reporters?|migrants?|refugees?|inmates?|"
           r"prisoners?|deputies|deputy|agents?|firefighters?|occupants?|patients?|others|"
           r"individuals?|bodies|body|lives|family members|relatives|more)")
_ADJ = r"(?:[A-Za-z’'-]+\s+){0,3}?"

# Casualty cue words by kind; negation is handled by the caller.
_DEATH = (r"(?:killed|killing|dead|died|die|dies|deaths?|murdered|slain|lost their lives|lost his life|"
          r"lost her life|fatalities|fatally|death toll|decapitated|executed|massacred|"
          r"perished|bodies|body)")
_INJURY = (r"(?:injured|injuries|injuring|wounded|wounding|hurt|hospitali[sz]ed|"
           r"treated for|suffered)")
_ARREST = (r"(?:arrested|arrests?|detained|detentions?|taken into custody|apprehended|"
           r"rounded up|jailed|booked)")
_CUE = re.compile(r"\b(?P<death>" + _DEATH + r")\b|\b(?P<injury>" + _INJURY + r")\b|\b(?P<arrest>"
                  + _ARREST + r")\b", re.I)
# "a man was shot" counts one victim.
_ARTICLE_PERSON = re.compile(r"\b(?:an?|one)\s+(?:\w+\s+){0,2}?(?:man|woman|boy|girl|"
                             r"teen(?:ager)?|person|officer|child|student|driver|resident)\b", re.I)


@dataclass(frozen=True)
class CountMatch:
    kind: str  # "fatalities" | "injured" | "arrested"
    count: Count
    start: int
    end: int


def _number_spans(text: str) -> list[tuple[int, int, Count, int]]:
    """(start, end, count, end of the person noun) for number phrases followed by a person
    noun within a few words ("13 security officers", "dozens of rioters")."""
    out = []
    for m in NUMBER_PHRASE.finditer(text):
        c = _count_from_match(m)
        if c is None:
            continue
        # Years, ages and times are not counts of people.
        num = m.group("num")
        if num.isdigit() and (len(num) == 4 and num[:2] in ("19", "20")):
            continue
        after = text[m.end():m.end() + 60]
        pm = re.match(r"\s+(?:of\s+(?:the\s+)?)?" + _ADJ + _PERSON + r"\b", after, re.I)
        if pm:
            out.append((m.start(), m.end(), c, m.end() + pm.end()))
        elif re.match(r"\s+(?:were|was|are|have been|had been|had|have)\s+(?:\w+\s+)?(?:killed|"
                      r"injured|wounded|hurt|arrested|detained|dead)", after, re.I):
            out.append((m.start(), m.end(), c, m.end()))
        elif re.match(r"\s*(?:dead|killed|injured|wounded|hurt)\b", after, re.I):
            # "leaving 5 dead", "killing three"
            out.append((m.start(), m.end(), c, m.end()))
        elif re.match(r"\s*(?:[.,;]|$|and\b)", after) and re.search(
                r"\b(?:killing|killed|injuring|wounding|injured|wounded|arresting|arrested|toll"
                r"(?:\s+\w+){0,3}?\s+(?:to|at|of))\s*$", text[max(0, m.start() - 40):m.start()], re.I):
            out.append((m.start(), m.end(), c, m.end()))
    return out


def find_counts(text: str, negated=lambda s, e: False) -> list[CountMatch]:
    """Counts of dead, injured and arrested people in one sentence.

    Each casualty cue ("killed", "injured", "arrested", "deaths of") takes the nearest number
    phrase that names people before it (in the same clause) or right after it ("killing three
    people", "the deaths of scores of demonstrators"); numbers joined by "and" under one cue
    are summed ("scores of demonstrators and more than a dozen police officers").  ``negated``
    is called with a cue's offsets and drops it when true ("no one was injured").
    """
    nums = _number_spans(text)
    singles = [(m.start(), m.end(), Count(1, True, m.group()), m.end())
               for m in _ARTICLE_PERSON.finditer(text)]
    out: list[CountMatch] = []
    used: set[int] = set()
    for cue in _CUE.finditer(text):
        kind = "fatalities" if cue.group("death") else "injured" if cue.group("injury") else "arrested"
        if negated(cue.start(), cue.end()):
            continue
        word = cue.group().lower()
        chosen: list[tuple[int, int, Count, int]] = []
        # After the cue: "deaths of X and Y", "killing three", "injuring at least 20 people".
        if word in ("deaths", "death", "killing", "injuring", "wounding", "arrests", "death toll",
                    "fatalities", "arrested", "detained", "killed", "injured", "wounded") \
                or word.startswith("death"):
            for n in nums:
                if n[0] >= cue.end() and n[0] - cue.end() <= 14 and id(n) not in used:
                    gap = text[cue.end():n[0]]
                    if re.fullmatch(r"\s*(?:of|at|to|rose to|stood at|is|was)?\s*(?:the\s+)?", gap, re.I):
                        chosen.append(n)
                        # Coordinated counts under the same cue: "X and Y".
                        k = nums.index(n) + 1
                        last_end = n[3]
                        while k < len(nums) and re.fullmatch(r"\s*(?:,|and|,\s*and)\s*",
                                                              text[last_end:nums[k][0]]):
                            chosen.append(nums[k])
                            last_end = nums[k][3]
                            k += 1
                        break
        if not chosen:
            # Before the cue, same clause: "353 protesters were injured", "13 officers had been murdered".
            best = None
            for n in nums + singles:
                if n[3] <= cue.start() and cue.start() - n[3] <= 45 and id(n) not in used:
                    gap = text[n[3]:cue.start()]
                    if re.search(r"[;:]|,\s*and\b|\b(?:but|while|said|says|after|before)\b", gap):
                        continue
                    if best is None or n[3] > best[3]:
                        best = n
            if best is not None:
                chosen.append(best)
        if not chosen:
            continue
        for n in chosen:
            used.add(id(n))
        value = sum(n[2].value for n in chosen)
        exact = all(n[2].exact for n in chosen)
        s, e = min(n[0] for n in chosen), max(n[3] for n in chosen)
        phrase = " ".join(text[n[0]:n[3]] for n in chosen) if len(chosen) > 1 else text[s:e]
        if len(chosen) > 1:
            phrase = text[s:e]
        out.append(CountMatch(kind, Count(value, exact, phrase), s, e))
    return out
