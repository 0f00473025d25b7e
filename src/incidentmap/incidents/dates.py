"""Dates in news text, resolved against the publication date.

News dates events relative to the day it is published: "Thursday" in a paper of Friday
7 January 2022 is 6 January; "yesterday", "last week", "New Year's Day" likewise.  Rules:

* a weekday name is the most recent such day on or before the publication date (a paper of a
  Thursday saying "Thursday" means that day); "next"/"this coming" weekdays are future and left
  alone;
* "today", "tonight", "this morning" are the publication date; "yesterday"/"last night" the
  day before;
* "last week" is the middle (Wednesday) of the previous week, precision ``week``; "last month",
  "earlier this month", "in January" (no day) are the 15th, precision ``month``, as ACLED codes
  the middle of the period it knows;
* explicit dates ("January 6", "Jan. 6, 2022", "6 January 2022", "2022-01-06", "1/6/2022")
  take their year from the text, else the latest such date on or before publication;
* holidays with fixed dates (New Year's Day, Christmas, ...) resolve like explicit dates;
* without a publication date, only dates that carry their year resolve: everything else stays
  unresolved (``None``), never invented.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

__all__ = ["DateMention", "find_dates", "resolve_weekday"]

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
_WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
             "saturday": 5, "sunday": 6, "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3,
             "thur": 3, "thurs": 3, "fri": 4, "sat": 5, "sun": 6}
_HOLIDAYS = {
    "new year's day": (1, 1), "new year's eve": (12, 31), "new year day": (1, 1),
    "christmas day": (12, 25), "christmas eve": (12, 24), "christmas": (12, 25),
    "boxing day": (12, 26), "independence day": (7, 4), "fourth of july": (7, 4),
    "halloween": (10, 31), "valentine's day": (2, 14), "bastille day": (7, 14),
    "st. patrick's day": (3, 17), "st patrick's day": (3, 17), "veterans day": (11, 11),
    "armistice day": (11, 11),
}

_MONTH_RE = (r"(?:January|February|March|April|May|June|July|August|September|October|"
             r"November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?")
_WD_RE = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<y>(?:19|20)\d\d)"
_APOS = r"['’]"

_PATTERNS: list[tuple[str, re.Pattern]] = [
    # "after Friday prayers last week": that weekday of the week before publication's
    ("wd_lastweek", re.compile(r"\b(?P<wd>" + _WD_RE + r")(?:\s+(?:morning|afternoon|evening|night|"
                               r"prayers))?\s+(?:of\s+)?last\s+week\b")),
    ("iso", re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")),
    ("numeric", re.compile(r"\b(?P<m>1[0-2]|0?[1-9])/(?P<d>[0-3]?\d)/(?P<y>(?:19|20)?\d\d)\b")),
    ("mdy", re.compile(r"\b(?P<mon>" + _MONTH_RE + r")\s+" + _DAY + r"\b(?:,?\s+" + _YEAR + r"\b)?")),
    ("dmy", re.compile(r"\b" + _DAY + r"\s+(?:of\s+)?(?P<mon>" + _MONTH_RE + r")(?:,?\s+" + _YEAR + r"\b)?")),
    ("my", re.compile(r"\b(?:[Ii]n|[Dd]uring|[Ss]ince|[Uu]ntil|[Bb]y|[Ee]arly|[Ll]ate|[Mm]id-?|of|[Ll]ast)\s+(?:early\s+|late\s+|mid-?)?"
                      r"(?P<mon>January|February|March|April|May|June|July|August|September|"
                      r"October|November|December)(?:,?\s+" + _YEAR + r")?\b(?!\s+\d)")),
    ("holiday", re.compile(r"\b(?P<h>New Year" + _APOS + r"?s? (?:Day|Eve)|Christmas(?: Day| Eve)?|"
                           r"Boxing Day|Independence Day|Fourth of July|Halloween|"
                           r"Valentine" + _APOS + r"s Day|Bastille Day|St\.? Patrick" + _APOS +
                           r"s Day|Veterans Day|Armistice Day)\b")),
    ("weekday", re.compile(r"\b(?P<mod>(?:next|this coming|coming|last|this|early|late|on)\s+)?"
                           r"(?P<wd>" + _WD_RE + r")\b(?P<part>\s+(?:morning|afternoon|evening|night))?")),
    ("relday", re.compile(r"\b(?P<rel>yesterday|today|tonight|this morning|this afternoon|"
                          r"this evening|last night|the day before yesterday|overnight(?!\s+(?:curfews?|shifts?|stays?|"
                          r"trains?|flights?|buses|bus|bags?|camps?|hours|visits?|rates?|oats)))\b", re.I)),
    ("relweek", re.compile(r"\b(?P<rel>last week|earlier this week|this week|last weekend|"
                           r"this weekend|over the weekend|last month|earlier this month|"
                           r"this month|last year|earlier this year|this year)\b", re.I)),
]


_WEEKDAY_ONLY = re.compile(r"(?:on\s+|early\s+|late\s+)?" + _WD_RE + r"(?:\s+(?:morning|afternoon|evening|night))?", re.I)
_JOINER = re.compile(r"\s*(?:,|\s)\s*(?:(?:prayers|service|services|market|night)\s+)?(?:on\s+)?", re.I)


@dataclass(frozen=True)
class DateMention:
    """A date expression at ``start:end`` of the text searched.  ``date`` is ``None`` when it
    cannot be resolved (a relative date without a publication date, a future date); ``future``
    marks "next Monday"-like expressions."""

    start: int
    end: int
    text: str
    date: _dt.date | None
    precision: str
    future: bool = False


def resolve_weekday(weekday: int, published: _dt.date) -> _dt.date:
    """The most recent ``weekday`` (0 = Monday) on or before ``published``."""
    return published - _dt.timedelta(days=(published.weekday() - weekday) % 7)


def _year_for(month: int, day: int, published: _dt.date | None) -> _dt.date | None:
    if published is None:
        return None
    for y in (published.year, published.year - 1):
        try:
            d = _dt.date(y, month, day)
        except ValueError:
            continue
        # News reports the past: a month-day later than publication (plus a small margin for
        # time zones) belongs to the previous year.
        if d <= published + _dt.timedelta(days=1):
            return d
    return None


def _safe_date(y: int, m: int, d: int) -> _dt.date | None:
    try:
        return _dt.date(y, m, d)
    except ValueError:
        return None


def find_dates(text: str, published: _dt.date | None, offset: int = 0) -> list[DateMention]:
    """Every date expression in ``text`` (offsets shifted by ``offset``), resolved against
    ``published`` where needed; overlapping matches keep the longest, earliest pattern."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def overlaps(s: int, e: int) -> bool:
        return any(s < te and ts < e for ts, te in taken)

    for kind, rx in _PATTERNS:
        for m in rx.finditer(text):
            s, e = m.start(), m.end()
            if overlaps(s, e):
                continue
            dm = _resolve(kind, m, published)
            if dm is None:
                continue
            date, precision, future = dm
            taken.append((s, e))
            found.append(DateMention(s + offset, e + offset, m.group(), date, precision, future))
    found.sort(key=lambda d: d.start)
    # "during Friday prayers on Oct. 7", "on Friday, Oct. 7": the full date names the day; the
    # weekday beside it is not a day of the last week.
    full = [d for d in found if d.precision == "day" and re.search(r"\d", d.text)]
    found = [d for d in found if not (_WEEKDAY_ONLY.fullmatch(d.text) and any(
        0 <= f.start - d.end <= 20 and _JOINER.fullmatch(text[d.end - offset:f.start - offset])
        for f in full))]
    return found


def _resolve(kind: str, m: re.Match, published: _dt.date | None):
    g = m.groupdict()
    if kind == "iso":
        d = _safe_date(int(g["y"]), int(g["m"]), int(g["d"]))
        return (d, "day", False) if d else None
    if kind == "numeric":
        y = int(g["y"])
        if y < 100:
            y += 2000 if y < 70 else 1900
        d = _safe_date(y, int(g["m"]), int(g["d"]))
        return (d, "day", False) if d else None
    if kind in ("mdy", "dmy"):
        mon_word = g["mon"].rstrip(".").lower()
        # "May 5" is a date; "may" the modal verb is lower case and never reaches here, but a
        # bare "March 3 protesters" is rare enough to accept.
        month = _MONTHS[mon_word]
        day = int(g["d"])
        if not 1 <= day <= 31:
            return None
        if g.get("y"):
            d = _safe_date(int(g["y"]), month, day)
        else:
            d = _year_for(month, day, published)
        return (d, "day", False)
    if kind == "my":
        month = _MONTHS[g["mon"].lower()]
        if g.get("y"):
            return (_dt.date(int(g["y"]), month, 15), "month", False)
        if published is None:
            return (None, "month", False)
        # "in March" is this year's March when it has begun; "last March" in a March paper is
        # the year before's.
        last = m.group().lower().startswith("last")
        y = published.year if month < published.month or (month == published.month and not last) \
            else published.year - 1
        return (_dt.date(y, month, 15), "month", False)
    if kind == "holiday":
        key = g["h"].lower().replace("’", "'").replace("new years", "new year's")
        key = key.replace("new year day", "new year's day")
        md = _HOLIDAYS.get(key)
        if md is None:
            return None
        return (_year_for(md[0], md[1], published), "day", False)
    if kind == "wd_lastweek":
        if published is None:
            return (None, "day", False)
        wd = _WEEKDAYS[g["wd"].lower()]
        monday = published - _dt.timedelta(days=published.weekday() + 7)
        return (monday + _dt.timedelta(days=wd), "day", False)
    if kind == "weekday":
        mod = (g.get("mod") or "").strip().lower()
        if mod in ("next", "this coming", "coming"):
            return (None, "day", True)
        if published is None:
            return (None, "day", False)
        wd = _WEEKDAYS[g["wd"].lower()]
        d = resolve_weekday(wd, published)
        if mod == "last" and d == published:
            d -= _dt.timedelta(days=7)
        return (d, "day", False)
    if kind == "relday":
        rel = g["rel"].lower()
        if published is None:
            return (None, "day", False)
        if rel in ("yesterday", "last night"):
            return (published - _dt.timedelta(days=1), "day", False)
        if rel == "the day before yesterday":
            return (published - _dt.timedelta(days=2), "day", False)
        return (published, "day", False)
    if kind == "relweek":
        rel = g["rel"].lower()
        if published is None:
            return (None, "week" if "week" in rel else "month" if "month" in rel else "unknown", False)
        if rel in ("last week",):
            monday = published - _dt.timedelta(days=published.weekday() + 7)
            return (monday + _dt.timedelta(days=2), "week", False)
        if rel in ("this week", "earlier this week"):
            monday = published - _dt.timedelta(days=published.weekday())
            return (min(published, monday + _dt.timedelta(days=2)), "week", False)
        if rel in ("last weekend", "over the weekend", "this weekend"):
            sat = published - _dt.timedelta(days=(published.weekday() - 5) % 7)
            if sat == published and rel == "last weekend":
                sat -= _dt.timedelta(days=7)
            return (sat, "week", False)
        if rel == "last month":
            first = published.replace(day=1) - _dt.timedelta(days=1)
            return (first.replace(day=15), "month", False)
        if rel in ("this month", "earlier this month"):
            return (min(published, published.replace(day=15)), "month", False)
        return (None, "unknown", False)
    return None
