"""Toponym resolution: give each place mention a gazetteer entry, a confidence and runners-up.

    [Mention] ──resolve──▶ [Toponym(mention, place, confidence, candidates)]

Each candidate gets a score that adds up what the document says, the way a reader settles
"Paris" or "Georgia":

* a prior from what the place is: a country name is the country; capitals, first-level
  divisions and big cities come before same-named villages (log of population);
* a "City, State" / "City, Country" qualifier, which all but decides;
* the document's countries: those it names, its demonyms ("Kazakh"), its states'
  countries, weighted; the most named one is the focus country;
* the states / provinces it names (a "Springfield" in a text that names Illinois), and the
  counties it names (all of one country);
* how it speaks when it names no country: a local paper's "County Sheriff's Office",
  "Interstate 75" or "property tax" make "Athens" the US town (:func:`local_cues`);
* proximity to the other places the document resolves (a second pass minimises spread), and
  the division where two or more of them were placed confidently ("The Knoxville and
  Chattanooga teams will play in Paris");
* a world city is not moved by a national focus alone: a text about the United States that
  mentions "London" means London, England, unless something local says otherwise;
* one sense per discourse: every mention of a name in a document resolves the same way,
  and a qualifier seen once applies to all its mentions.

"Almaty's airport", "Almaty airport" and "the airport in Almaty" resolve to the airport
serving that city (``Gazetteer.airports_of``), a ``site``.

Demonyms get their country as ``place`` (``kind`` stays ``"demonym"``: they say which
country a text is about but are never drawn as a place of their own); plural demonyms name
people ("Canadians") and keep only their ``country_code``.  With a ``geocoder``, names the gazetteer cannot
place, or places only with low confidence, are asked of the geocoder; its answer is used when
it lies in one of the document's focus countries.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from .errors import IncidentmapError, InputError
from ._lookup import demonyms as _memo_demonyms
from ._lookup import lookup as _memo_lookup
from .model import Article, Mention, Place, Toponym
from .recognize import _COUNTY_LIST_RE, REGION_DEMONYMS

__all__ = ["resolve", "resolve_spans", "LOW_CONFIDENCE"]

#: Below this confidence a geocoder (when given) is asked for a second opinion.
LOW_CONFIDENCE = 0.5
#: A first-level division this populous, named by its own name, is the division ("England",
#: "Texas"), not a same-named town in the state the text is about.
BIG_DIVISION = 10_000_000

_AIRPORT_AFTER = re.compile(r"(?:['’]s)?(?:[ \u00a0]+[A-Za-z-]+){0,2}?[ \u00a0]+[Aa]irport\b")
_AIRPORT_BEFORE = re.compile(r"\b[Aa]irport[ \u00a0]+(?:in|at|of|near|outside|serving)[ \u00a0]+$")
_POSSESSIVE = re.compile(r"(?:['’]s|(?<=s)['’])$")
#: "Almaty's main square" -> "Almaty": the city a landmark mention is placed at offline.
_LANDMARK_CITY = re.compile(r"^(.+?)['’]s[ \u00a0].*$", re.S)


_PHONE = re.compile(r"(?<!\d)(?:\(\d{3}\) ?|\d{3}-)\d{3}-\d{4}(?!\d)")
_PHONE_TAIL = re.compile(r"-\d{4}(?!\d)")

#: Weak cues of where a text was written, from the way local news speaks: institutions,
#: roads, money and numbers a reader recognises as one country's ("the County Sheriff's
#: Office", "Interstate 75", "555-123-4567"; "the NHS", "his constituency"; "2 crore").  No
#: place names: they say which country's local paper this is when the text names no country.
#: Each cue group counts once, however often it occurs.  A group is a few literal substrings
#: (checked with ``in``, far cheaper than a regex scan) looked for in the lower-cased text,
#: or, when ``case`` is set, in the text as written; some add a pattern that confirms a hit.
_LOCAL_CUES: tuple[tuple[str, str, bool, tuple[str, ...], re.Pattern[str] | None], ...] = tuple(
    (cc, group, case, lits, re.compile(rx) if rx else None) for cc, group, case, lits, rx in (
        ("US", "county", True, (" County ",), (
            r"[A-Z][a-z]+ County (?:Sheriff|Jail|Commission|Board|Court|Attorney|Coroner|Auditor|Clerk|"
            r"Schools|Health|Prosecutor|Judge|Fair|Road|Line)")),
        ("US", "sheriff", False, ("sheriff's o", "sheriff’s o", "sheriff's d", "sheriff’s d"), None),
        ("US", "department", False, ("police department", "fire department"), None),
        ("US", "state", False, ("state police", "state trooper", "state patrol", "highway patrol"), None),
        ("US", "road", True, ("Interstate ", "I-", "Route ", "Highway ", "County Road "),
         r"Interstate \d|\bI-\d{1,3}\b|(?:Route|Highway|County Road) \d"),
        # ("superintendent" alone is also a British and Irish police rank)
        ("US", "school", False, ("high school", "elementary school", "middle school", "school district",
                                 "school board", "school superintendent", "superintendent of schools"), None),
        ("US", "zip", True, ("ZIP",), r"\bZIP\b"),
        ("US", "phone", True, ("-",), _PHONE_TAIL.pattern),
        ("US", "party", True, ("D-", "R-"), r"\b[DR]-[A-Z][a-z]+"),
        ("US", "town", False, ("selectm", "alderm", "councilm", "councilwom", "city manager",
                               "township trustee"), None),
        ("US", "county_gov", False, ("county commissioner", "district attorney", "board of education",
                                     "board of supervisors"), None),
        ("US", "zoning", False, ("zoning", "parks and recreation"), None),
        ("US", "tax", False, ("sales tax", "property tax"), None),
        ("US", "block", False, ("00 block of",), None),
        ("GB", "mp", True, ("MP", "onstituency"), r"\bMPs?\b|onstituency"),
        ("GB", "nhs", True, ("NHS",), r"\bNHS\b"),
        ("GB", "spelling", False, ("whilst", "centre", "colour", "favour", "neighbour", "honour", "organisation",
                                   "programme", "defence", "travelled", "metres", "tyre"), None),
        ("GB", "money", False, ("£", " pence"), None),
        ("GB", "council", True, ("Borough Council", "County Council", "District Council", "Parish Council"), None),
        ("GB", "courts", True, ("Crown Court", "agistrates", "GCSE", "A-level"), None),
        # British police forces named after their counties ("West Yorkshire Police said")
        ("GB", "police", True, ("Yorkshire Police", "Manchester Police", "Metropolitan Police", "Merseyside Police",
                                "Northumbria Police", "Cleveland Police", "Police Scotland", "Constabulary",
                                "PSNI", "Thames Valley Police", "Midlands Police", "Humberside Police",
                                "Lancashire Police", "Sussex Police", "Essex Police", "Kent Police",
                                "Wiltshire Police", "Dyfed-Powys", "Gwent Police"), None),
        ("IE", "garda", True, ("Garda", "Gardaí", "gardaí", "garda "), r"\b[Gg]ardaí?\b"),
        ("IE", "gov", True, ("Taoiseach", "Tánaiste", "Dáil", "Oireachtas"), None),
        ("CA", "police", True, ("RCMP", "Mountie", "OPP", "Sûreté du Québec"), r"\bRCMP\b|Mountie|\bOPP\b|Sûreté"),
        ("CA", "gov", True, ("MLA", "MPP", "Crown attorney", "reeve"), r"\bMPPs?\b|Crown attorney|\breeve\b"),
        ("IN", "money", True, ("crore", "lakh", "Rs"), r"\b(?:crore|lakh)s?\b|\bRs\.? ?\d"),
        ("IN", "gov", False, ("sabha", "panchayat", "tehsil", "taluk"), None),
        ("IN", "district", True, ("istrict collector", "istrict Collector", " IAS "), None),
    ))
#: Distinct cue groups a text needs before its country counts, and the vote each group adds
#: (a country's name counts 2.0 per mention): weak evidence, never a qualifier; it decides only
#: when the text names no country of its own.  (Measured on the dev halves: requiring two
#: groups kept US local stories with a single cue at the foreign capital, for no gain.)
LOCAL_CUE_MIN = 1
LOCAL_CUE_WEIGHT = 0.75
LOCAL_CUE_MAX = 3.0
#: Score a candidate of that country gets per unit of those votes: with no country named, a
#: local paper's "Athens" is the town it reports on, not the capital abroad.
LOCAL_BONUS = 1.0
#: Score a candidate gets when two or more other names of the text were confidently placed in
#: its first-level division.
ADMIN1_BONUS = 1.0
#: A world city (this population, or half of it for a capital) caps at FAMOUS_CAP what the
#: document's country votes add to a small same-named town elsewhere.
FAMOUS_POP = 1_000_000
_DIVISION_AFTER = re.compile(r"[ \u00a0]+(?:province|region|oblast|governorate|prefecture|state|"
                             r"department|district)\b(?![ \u00a0]+(?:of|capital|police|university|"
                             r"government|governor|assembly|council|legislature|court)\b)", re.I)
STATE_OF_TOWN_BONUS = 4.0
CLOSE_SUPPORT = 0.5
FAMOUS_CAP = 3.5


#: National police forces whose name follows the town they serve ("Surrey RCMP", "Moncton
#: RCMP", "Belleville OPP", "Ennis Garda station").
_FORCE_AFTER = re.compile(r"[ \u00a0]+(?:Regional[ \u00a0]+)?(RCMP|OPP|Garda|Gardaí)\b")
_FORCE_COUNTRY = {"RCMP": "Canada", "OPP": "Canada", "Garda": "Ireland", "Gardaí": "Ireland"}


def _force_country(gaz, force: str) -> Place | None:
    from .gazetteer import name_key

    key = name_key(_FORCE_COUNTRY[force])
    return next((c for c in _memo_lookup(gaz, {key}).get(key, []) if c.kind == "country"), None)


def _has_phone(text: str) -> bool:
    """A North American phone number ("555-201-3344", "(903) 675-5454").  The search starts
    from "-dddd", a pattern with a literal head that the regex engine finds fast; the full
    pattern is matched only around those hits."""
    for m in _PHONE_TAIL.finditer(text):
        if _PHONE.search(text, max(0, m.start() - 10), m.end()) is not None:
            return True
    return False


def local_cues(text: str) -> dict[str, float]:
    """Country votes from the local-news cues of ``text`` ({"US": 1.5}); empty for a country
    with fewer than :data:`LOCAL_CUE_MIN` distinct cue groups."""
    n: dict[str, int] = {}
    low = text.lower()
    for cc, group, case, lits, rx in _LOCAL_CUES:
        t = text if case else low
        for lit in lits:  # a plain loop: a generator per group costs more than the tests
            if lit in t:
                break
        else:
            continue
        if rx is None or (_has_phone(text) if group == "phone" else rx.search(text) is not None):
            n[cc] = n.get(cc, 0) + 1
    return {cc: min(LOCAL_CUE_MAX, k * LOCAL_CUE_WEIGHT) for cc, k in n.items() if k >= LOCAL_CUE_MIN}


def _haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def _approx_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Equirectangular distance: within a few per cent of great-circle at the ranges that
    matter for proximity (tens to hundreds of km), and several times cheaper."""
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    y = math.radians(lat2 - lat1)
    return 6371.0 * math.hypot(x, y)


#: 50, 200 and 600 km as squared angles (radians on a sphere of radius 6,371 km).
_R50, _R200, _R600 = ((km / 6371.0) ** 2 for km in (50.0, 200.0, 600.0))


def _prior(p: Place) -> float:
    """What a bare name most likely means, before context: countries, then regions and
    states, then cities by size with capitals first."""
    if p.kind == "country":
        return 12.0
    if p.kind == "region":
        return 11.0
    if p.kind == "admin1":
        return 5.8 + 0.15 * math.log10(max(p.population, 10000))
    if p.kind == "admin2":
        return 4.6 + 0.25 * math.log10(max(p.population, 1000))
    if p.kind == "site":
        return 2.5
    s = math.log10(max(p.population, 0) + 10)
    f = p.feature or ""
    if f == "PPLC":
        s += 2.5
    elif f == "PPLA":
        s += 1.0
    elif f == "PPLA2":
        s += 0.3
    if p.source.startswith("user"):
        s += 3.0
    return s


class _Group:
    """All mentions of one name in a document (one sense per discourse)."""

    __slots__ = ("key", "mentions", "cands", "qualifiers", "best", "scores", "exact", "static", "famous")

    def __init__(self, key: str):
        self.key = key
        self.mentions: list[Mention] = []
        self.cands: list[Place] = []
        self.qualifiers: list[Place] = []
        self.best: Place | None = None
        self.scores: list[tuple[float, Place]] = []
        self.exact: Place | None = None
        self.static: list[tuple[float, Place]] | None = None  # pass-independent scores
        self.famous: str | None = None  # country of a world city of this name, if any


_STREET_END = re.compile(r"\s(?:Street|St\.?|Avenue|Ave\.?|Road|Rd\.?|Boulevard|Blvd\.?|Lane|Drive|"
                         r"Highway|Parkway|Turnpike|Way|Row|Crescent|Mews)$")
_STREET_BEFORE = re.compile(r"(?:\b(?:on|off|along|down|up)|\d[\dA-Za-z-]*)\s+$")


def _on_a_street(text: str, m: Mention) -> bool:
    """A name ending in a street word, after "on", "off", "along" or a house number."""
    return bool(_STREET_END.search(m.text)) and bool(
        _STREET_BEFORE.search(text, max(0, m.start - 12), m.start))


def _name_of(mention: Mention) -> str:
    lm = _LANDMARK_CITY.match(mention.text)
    if lm is not None:
        return lm.group(1)
    return _POSSESSIVE.sub("", mention.text)


def _is_landmark(mention: Mention) -> bool:
    return _LANDMARK_CITY.match(mention.text) is not None


def resolve(article: Article | str, mentions: Sequence[Mention], gazetteer: Any = None, *,
            geocoder: Any = None) -> list[Toponym]:
    """Resolve ``mentions`` of ``article`` to places; one :class:`Toponym` per mention, in order.

    ``gazetteer`` defaults to the bundled one.  ``geocoder`` is any object with
    ``geocode_place(name, country_codes=None) -> Place | None`` (see ``incidentmap.geocode``);
    it is asked only about names the gazetteer cannot place confidently.
    """
    if gazetteer is None:
        from .gazetteer import load_gazetteer

        gazetteer = load_gazetteer()
    from .gazetteer import name_key

    text = article if isinstance(article, str) else article.text
    gaz = gazetteer
    places = [m for m in mentions if m.kind != "demonym"]

    # Qualifier places (", Texas", ", La.", ", France").
    qual_place: dict[tuple[int, int], Place] = {}
    for m in places:
        if m.qualifier and m.qualifier not in qual_place:
            qs, qe = m.qualifier
            surface = text[qs:qe]
            p = None
            ab = getattr(gaz, "abbreviation", None)
            if ab is not None and ("." in surface or (surface.isupper() and len(surface) <= 3)):
                p = ab(surface)
            if p is None:
                cands = [c for c in gaz.lookup_name(surface) if c.kind in ("admin1", "country")]
                p = cands[0] if cands else None
            if p is not None:
                qual_place[m.qualifier] = p

    # "Butler, Clark and Warren counties": each name of the list is a county.
    county_of: dict[int, str] = {}
    if places and ("counties" in text or "parishes" in text):
        for lm in _COUNTY_LIST_RE.finditer(text):
            head = " County" if lm.group(1) == "counties" else " Parish"
            for m in places:
                if lm.start() <= m.start < lm.end() and not m.text.endswith(("County", "Parish")):
                    county_of[m.start] = name_key(_name_of(m) + head)
        if county_of:
            have = _memo_lookup(gaz, set(county_of.values()))
            county_of = {s: k for s, k in county_of.items() if k in have}

    groups: dict[str, _Group] = {}
    for m in places:
        k = county_of.get(m.start) or name_key(_name_of(m))
        g = groups.get(k)
        if g is None:
            g = groups[k] = _Group(k)
        g.mentions.append(m)
        if m.qualifier in qual_place:
            g.qualifiers.append(qual_place[m.qualifier])
    if any(f in text for f in _FORCE_COUNTRY):
        # "Surrey RCMP are investigating ... a 26-year-old Surrey man": a national police force
        # named after a town ("Moncton RCMP", "Belleville OPP", "Ennis Garda station") places
        # every mention of that name in the force's country, as "Surrey, B.C." would.
        for g in groups.values():
            for name in sorted({m.text for m in g.mentions}):
                force = re.search(re.escape(name) + _FORCE_AFTER.pattern, text)
                if force:
                    country = _force_country(gaz, force.group(1))
                    if country is not None:
                        g.qualifiers.append(country)
                    break
    found = _memo_lookup(gaz, groups) if groups else {}
    ab = getattr(gaz, "abbreviation", None)
    for k, g in groups.items():
        g.cands = list(found.get(k, []))[:20]
        if g.cands and all(_on_a_street(text, m) for m in g.mentions):
            # "a building on Park Street", "6016 Dublin Road": a street, not the English village
            # or the Irish city it shares a name with; left unresolved (a geocoder may place it).
            g.cands = []
        surface = _name_of(g.mentions[0])
        if ab is not None and "." in surface:
            # A dotted abbreviation is exact: "L.A." is Los Angeles, "La." Louisiana, though
            # both reduce to the key "la".
            exact = ab(surface)
            if exact is not None:
                g.cands = [exact] + [c for c in g.cands if c.id != exact.id]
                g.exact = exact

    # Country evidence: unambiguous country names, demonyms, qualifiers, unambiguous states.
    votes: Counter[str] = Counter()
    own: dict[str, Counter[str]] = defaultdict(Counter)  # each name's own contribution
    for m in mentions:
        if m.kind == "demonym" and m.country_code:
            votes[m.country_code] += 1.0
    for k, g in groups.items():
        if not g.cands:
            continue
        top = g.cands[0]
        if top.kind == "country" and not any(c.kind == "admin1" for c in g.cands):
            w = 2.0 * len(g.mentions)
        elif top.kind == "admin1" and sum(1 for c in g.cands if c.kind in ("admin1", "country")) == 1:
            w = 1.0 * len(g.mentions)
        elif top.kind == "admin2" and len({c.country_code for c in g.cands}) == 1:
            # "Henderson County" or "Franklin County": whichever state's, a county of one
            # country (local news names its counties more than its country).
            w = 1.0 * min(len(g.mentions), 2)
        else:
            w = 0.0
        if w:
            votes[top.country_code or ""] += w
            own[k][top.country_code or ""] += w
        for q in g.qualifiers:
            votes[q.country_code or ""] += 1.0
    votes.pop("", None)
    local = local_cues(text)
    for cc, w in local.items():
        votes[cc] += w
    admin1s: Counter[tuple[str, str]] = Counter()
    for g in groups.values():
        for q in g.qualifiers:
            if q.kind == "admin1" and q.country_code and q.admin1:
                admin1s[(q.country_code, q.admin1)] += 2
        adm = [c for c in g.cands if c.kind == "admin1"]
        if len(adm) == 1 and not any(c.kind == "country" for c in g.cands):
            admin1s[(adm[0].country_code or "", adm[0].admin1 or adm[0].name)] += 1

    # Mutual support: a reading is likelier when other names of the document have a reading
    # near it (Alexandria, Douglas County and Nokomis together are in Minnesota).  Cells of
    # one degree; each other name counts once.
    cells: dict[tuple[int, int], set[str]] = defaultdict(set)
    for k, g in groups.items():
        for c in g.cands:
            if c.kind not in ("country", "region"):
                cells[(int(math.floor(c.lat)), int(math.floor(c.lon)))].add(k)

    # The same at a quarter of a degree (about 28 km): a town and the county that holds it
    # (Lebanon and Boone County, Indiana) support each other more than two readings 150 km
    # apart (Lebanon and Boone County, Missouri).
    fine_cells: dict[tuple[int, int], set[str]] = defaultdict(set)
    for k, g in groups.items():
        for c in g.cands:
            if c.kind not in ("country", "region", "admin1"):
                fine_cells[(int(math.floor(c.lat * 4)), int(math.floor(c.lon * 4)))].add(k)
    fine_memo: dict[tuple[str, int, int], int] = {}

    def close_support(k: str, c: Place) -> int:
        if c.kind in ("country", "region", "admin1") or len(fine_cells) < 2:
            return 0
        ci, cj = int(math.floor(c.lat * 4)), int(math.floor(c.lon * 4))
        got = fine_memo.get((k, ci, cj))
        if got is None:
            near: set[str] = set()
            for di in (-1, 0, 1):
                for dj in (-1, 0, 1):
                    cell = fine_cells.get((ci + di, cj + dj))
                    if cell:
                        near |= cell
            near.discard(k)
            got = fine_memo[(k, ci, cj)] = len(near)
        return got

    support_memo: dict[tuple[str, int, int], int] = {}

    def support(k: str, c: Place) -> int:
        if c.kind in ("country", "region") or len(cells) < 2:
            return 0
        ci, cj = int(math.floor(c.lat)), int(math.floor(c.lon))
        got = support_memo.get((k, ci, cj))
        if got is None:
            near: set[str] = set()
            for di in (-1, 0, 1):
                for dj in (-1, 0, 1):
                    cell = cells.get((ci + di, cj + dj))
                    if cell:
                        near |= cell
            near.discard(k)
            got = support_memo[(k, ci, cj)] = len(near)
        return got

    # Confident places of the first pass by first-level division: a text about two or more
    # towns of Georgia puts its other ambiguous names in Georgia too.
    confident_in: dict[tuple[str, str], set[str]] = defaultdict(set)

    def _static_scores(k: str, g: _Group) -> None:
        """The part of each candidate's score that does not change between passes."""
        qcc = {q.country_code for q in g.qualifiers}
        qadm = {(q.country_code, q.admin1) for q in g.qualifiers if q.kind == "admin1"}
        admin_pts = [(a.lat, a.lon) for a in g.cands if a.kind == "admin1"]
        admin_names = {a.name for a in g.cands if a.kind == "admin1"}
        # "Nevada" in a text that names Iowa is still the state, not Nevada, Iowa.
        state_named = any(name_key(a) == k for a in admin_names)
        # "Tehran province", "Kharkiv region", "Washington state": the division, not its city.
        division_said = any(_DIVISION_AFTER.match(text, m.end) for m in g.mentions)
        # Famous by this name only: "Philadelphia" is an old name of Amman, whose fame as a
        # capital says nothing about what "Philadelphia" means today.
        g.famous = next((c.country_code for c in g.cands if c.kind == "city" and (
            c.population >= FAMOUS_POP or (c.feature == "PPLC" and c.population >= FAMOUS_POP / 2))
            and name_key(c.name) == k), None)
        out = []
        city_pop = max((c.population for c in g.cands if c.kind == "city"), default=-1)
        for c in g.cands:
            s = _prior(c)
            if c.kind == "admin2" and city_pop > c.population:
                # A bare "Cambridge" is the city, not a smaller district that bears a town's
                # name (the Town of Cambridge, Western Australia): such a district ranks as a
                # town of its size, not with the counties' higher prior.
                s = min(s, math.log10(max(c.population, 0) + 10) + 0.3)
            if g.exact is not None and c.id == g.exact.id:
                s += 20.0
            if division_said:
                s += 3.0 if c.kind in ("admin1", "admin2") else -1.0 if c.kind == "city" else 0.0
            if c.kind == "city" and admin_pts and (c.admin1 in admin_names or any(
                    _approx_km(c.lat, c.lon, la, lo) < 60 for la, lo in admin_pts)):
                # A city that is also a division of its own name (Almaty, Murmansk,
                # Bangkok): the city is the more precise reading.
                s += 1.5
            ck = name_key(c.name)
            if c.feature == "PPLC" and ck != k:
                # A capital's prominence belongs to its current name: "Philadelphia" (an old
                # name of Amman) is the US city, while "Kiev" still finds Kyiv, which no other
                # sizeable place is called.
                s -= 2.0
            if c.kind in ("admin1", "country") and k != ck and f" {k} " in f" {ck} ":
                s -= 1.5  # "Columbia" is only part of "District of Columbia"
            if ck == k:
                # Named so, not merely also known as so ("Almaty" the city, not the
                # "Almaty Region" that lists "Almaty" among its alternate names).
                s += 1.0
                if c.kind == "country":
                    s += 3.0  # a country's name is the country
                elif c.kind == "admin1" and c.population >= BIG_DIVISION:
                    s += 2.0  # and "England" or "Texas" is the division, not a town
            cc = c.country_code or ""
            if local and c.kind != "country" and cc in local:
                s += LOCAL_BONUS * local[cc]
            if c.kind != "country" and admin1s.get((cc, c.admin1 or "")) and not state_named:
                s += 2.0
            if g.qualifiers:
                if (cc, c.admin1) in qadm or (cc in qcc and not qadm):
                    s += 20.0
                elif cc in qcc:
                    s += 4.0
                else:
                    s -= 6.0
            if n_groups > 1:
                s += 1.0 * min(support(k, c), 4)
                if g.famous is None:  # small namesakes near each other do not move London
                    s += CLOSE_SUPPORT * min(close_support(k, c), 2)
            out.append((s, c))
        g.static = out

    def score_all(ctx_votes: Counter[str], chosen: dict[str, Place] | None) -> None:
        # Anchors in radians, compared by squared equirectangular distance (no sqrt, no call):
        # this loop runs for every candidate of every name.
        anchor_pts = [(kk, math.radians(a.lat), math.radians(a.lon)) for kk, a in (chosen or {}).items()
                      if a.kind not in ("country", "region")]
        for k, g in groups.items():
            # A name's own first-pass vote must not confirm itself.
            votes_k = ctx_votes
            if k in own:
                votes_k = +(ctx_votes - own[k])
            total = sum(votes_k.values()) or 1.0
            focus = votes_k.most_common(1)[0][0] if votes_k else None
            if g.static is None:
                _static_scores(k, g)
            famous = g.famous
            scored = []
            for s, c in g.static:
                cc = c.country_code or ""
                share = votes_k.get(cc, 0.0) / total
                country_term = 6.0 * share + (1.0 if cc == focus else 0.0)
                if famous is not None and cc != famous and c.population < FAMOUS_POP:
                    # A text about the United States that mentions "London" means London,
                    # England, not London, Ohio: naming a country makes its towns likelier, not
                    # likelier than a world city.  Qualifiers, named states, nearby places and
                    # local cues still decide for the town.
                    country_term = min(country_term, FAMOUS_CAP)
                s += country_term
                if c.kind == "country" and votes_k.get(cc):
                    s += 1.0
                if confident_in and c.kind not in ("country", "region", "admin1"):
                    near = confident_in.get((cc, c.admin1 or ""))
                    if near and len(near) - (k in near) >= 2:
                        s += ADMIN1_BONUS
                elif confident_in and c.kind == "admin1" and name_key(c.name) == k:
                    # "the University of Georgia" in a story placed in Athens, Georgia is the
                    # state: a town of the text lies in the state of this name.
                    inside = confident_in.get((cc, c.name))
                    if inside and len(inside - {k}) >= 1 and not any(
                            o.kind == "city" and o.country_code == cc and o.admin1 == c.name
                            for _, o in g.static):
                        # ("New York" stays the city: the state holds a city of that name.)
                        s += STATE_OF_TOWN_BONUS
                if anchor_pts and c.kind not in ("country", "region"):
                    clat, clon = math.radians(c.lat), math.radians(c.lon)
                    cosl = math.cos(clat)
                    d2 = min((((lo - clon) * cosl) ** 2 + (la - clat) ** 2
                              for kk, la, lo in anchor_pts if kk != k), default=None)
                    if d2 is not None:
                        if d2 < _R50:
                            s += 2.0
                        elif d2 < _R200:
                            s += 1.2
                        elif d2 < _R600:
                            s += 0.5
                scored.append((s, c))
            scored.sort(key=lambda x: (-x[0], x[1].id))
            g.scores = scored
            g.best = scored[0][1] if scored else None

    n_groups = len(groups)
    score_all(votes, None)
    # Second pass: the first pass's confident cities add their countries, and proximity counts.
    votes2 = Counter(votes)
    chosen: dict[str, Place] = {}
    for k, g in groups.items():
        if g.best is None:
            continue
        chosen[k] = g.best
        if g.best.kind in ("city", "admin2", "site") and g.best.admin1 and _confidence(g.scores) >= 0.6:
            confident_in[(g.best.country_code or "", g.best.admin1)].add(k)
        if g.best.kind in ("city", "admin2", "site") and _confidence(g.scores) >= 0.6:
            w = 0.5 * min(len(g.mentions), 3)
            votes2[g.best.country_code or ""] += w
            own[k][g.best.country_code or ""] += w
    votes2.pop("", None)
    score_all(votes2, chosen)

    focus_ccs = [cc for cc, _ in votes2.most_common(3)]
    out: list[Toponym] = []
    by_mention: dict[tuple[int, int], Toponym] = {}
    for k, g in groups.items():
        conf = _confidence(g.scores)
        best = g.best
        if geocoder is not None and (best is None or conf < LOW_CONFIDENCE):
            alt = _ask_geocoder(geocoder, _name_of(g.mentions[0]), focus_ccs)
            if alt is not None and (not focus_ccs or alt.country_code in focus_ccs):
                best, conf = alt, max(conf, 0.6)
        if g.qualifiers and g.qualifiers[0].kind == "admin1" and (best is None or (
                best.kind != "admin1" and (best.country_code, best.admin1) !=
                (g.qualifiers[0].country_code, g.qualifiers[0].admin1))):
            # "Greenwood, W. Va." with no Greenwood in West Virginia in the gazetteer: the
            # state is the best that can be said.
            best, conf = g.qualifiers[0], 0.3
        runners = tuple(p for _, p in g.scores if best is None or p.id != best.id)[:5]
        site_answers: dict[str, Place | None] = {}
        for m in g.mentions:
            place, conf_m = best, conf
            if best is not None and best.kind == "city" and _airport_phrase(text, m):
                ap = gaz.airports_of(best)
                if ap:
                    place = ap[0]
            elif _is_landmark(m):
                # "Almaty's main square": offline the city is the best that can be said, with
                # a confidence that marks the site as unplaced; a geocoder may know the site.
                conf_m = min(conf, 0.45)
                if geocoder is not None:
                    if m.text not in site_answers:
                        site_answers[m.text] = _ask_geocoder(geocoder, m.text, focus_ccs)
                    alt = site_answers[m.text]
                    if alt is not None and (not focus_ccs or alt.country_code in focus_ccs):
                        place, conf_m = alt, 0.6
            by_mention[(m.start, m.end)] = Toponym(m, place, round(conf_m, 3) if place else 0.0,
                                                   runners if place is best else (best,) + runners)
    for m in mentions:
        if m.kind == "demonym":
            # The demonym's country, for whoever needs to know where "Kazakh" points; its
            # kind stays "demonym", so maps and incident placement must not draw it.
            cp = gaz.country(m.country_code) if m.country_code else None
            if cp is not None and m.text.endswith("s") and \
                    _memo_demonyms(gaz, [m.text[:-1]]).get(m.text[:-1]) == m.country_code:
                # "Canadians" are people; "Canadian" troops or towns say where. A plural keeps
                # its country code but gets no point (measured: better on 2 of 3 corpora).
                cp = None
            if cp is None and m.text.lower() in REGION_DEMONYMS:
                regs = [p for p in gaz.lookup_name(REGION_DEMONYMS[m.text.lower()]) if p.kind == "region"]
                cp = regs[0] if regs else None
            out.append(Toponym(m, cp, 1.0 if cp is not None else 0.0, ()))
        else:
            out.append(by_mention[(m.start, m.end)])
    return out


def _confidence(scores: list[tuple[float, Place]]) -> float:
    """Share of the best candidate in a softmax over scores (1.0 when it stands alone)."""
    if not scores:
        return 0.0
    top = scores[0][0]
    z = sum(math.exp(min(0.0, s - top)) for s, _ in scores[:10])
    return 1.0 / z


def _airport_phrase(text: str, m: Mention) -> bool:
    """True for "Almaty's airport", "Almaty airport", "the airport in Almaty"."""
    if _AIRPORT_AFTER.match(text, m.end) is not None and not _AIRPORT_AFTER.match(text, m.end).group(0).strip().startswith(","):
        seg = text[m.end:_AIRPORT_AFTER.match(text, m.end).end()]
        if "." not in seg and "," not in seg and "\n" not in seg:
            # Only words that qualify an airport may stand between ("main", "international").
            words = re.findall(r"[A-Za-z-]+", seg)[:-1]
            if all(w.lower() in ("s", "main", "international", "intl", "city", "regional", "central",
                                 "old", "new", "domestic", "military") for w in words):
                return True
    return _AIRPORT_BEFORE.search(text, max(0, m.start - 40), m.start) is not None


def _ask_geocoder(geocoder: Any, name: str, country_codes: list[str]) -> Place | None:
    try:
        return geocoder.geocode_place(name, country_codes=country_codes or None)
    except (IncidentmapError, OSError):
        # An unreachable or rate-limited service leaves the gazetteer's answer in place.
        return None


def resolve_spans(article: Article | str, spans: Iterable[Any], gazetteer: Any = None, *,
                  geocoder: Any = None) -> list[Toponym]:
    """Resolve spans found by another recognizer (someone else's NER).

    ``spans`` holds ``(start, end)`` pairs or ``{"start": .., "end": ..}`` dicts indexing the
    article text.  A span that is a demonym ("Russian") becomes a demonym mention; a
    ", State" qualifier after a span is used as the recognizer would.  Raises
    :class:`~incidentmap.errors.InputError` for a span outside the text or empty.
    """
    if gazetteer is None:
        from .gazetteer import load_gazetteer

        gazetteer = load_gazetteer()
    from .gazetteer import name_key
    from .recognize import Recognizer, qualifier_after

    text = article if isinstance(article, str) else article.text
    pairs: list[tuple[int, int]] = []
    for sp in spans:
        try:
            if isinstance(sp, dict):
                s, e = int(sp["start"]), int(sp["end"])
            else:
                s, e = int(sp[0]), int(sp[1])
        except (KeyError, TypeError, ValueError, IndexError):
            raise InputError(f"span {sp!r} is not a (start, end) pair or a {{\"start\", \"end\"}} "
                             "object of integers") from None
        if not (0 <= s < e <= len(text)):
            raise InputError(f"span ({s}, {e}) lies outside the text (length {len(text)}); "
                             "offsets are Python string indices into the document's text")
        pairs.append((s, e))
    pairs = sorted(set(pairs))
    rec = Recognizer(gazetteer)
    keys = {name_key(_POSSESSIVE.sub("", text[s:e])) for s, e in pairs}
    found = gazetteer.lookup(keys)
    dem = gazetteer.demonyms([text[s:e] for s, e in pairs])
    mentions: list[Mention] = []
    for s, e in pairs:
        raw = text[s:e]
        k = name_key(_POSSESSIVE.sub("", raw))
        strong = any(p.kind in ("country", "admin1") for p in found.get(k, ()))
        if raw in dem and not strong:
            mentions.append(Mention(s, e, raw, "demonym", dem[raw]))
            continue
        q = qualifier_after(text, e, gazetteer) or rec._qualifier_from_run(text, e, found)
        mentions.append(Mention(s, e, raw, "place", None, q))
    return resolve(text, mentions, gazetteer, geocoder=geocoder)
