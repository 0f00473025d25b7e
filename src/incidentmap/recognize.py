"""Place recognition: find the spans of an article that name places (and demonyms).

    Article ──recognize──▶ [Mention(start, end, text, kind, country_code, qualifier)]

How it works, and why it is fast: one compiled regex finds *runs* of capitalised words
("New York Post", "President Kassym-Jomart Tokayev", "Almaty"), joined by single spaces and
a few lower-case connectors ("of", "de", "and"...).  Candidate n-grams are generated only
inside runs, pruned by the gazetteer's prefix set, checked against its set of name keys, and
the few that exist are fetched in one batched lookup per document.  Nothing tokenises or
tags the whole text.

What makes it careful is context, judged like a reader would, never from a list of any
article's words (the word lists below are general English; ``data/*.txt`` are built from
general sources by ``scripts/build_wordlists.py``):

* people are not places: a run after a title ("President", "Gov.", "spokesman"), after a
  byline's "By", after a name particle ("de", "bin") or made of a common given name and a
  surname is a person, and its words stay a person for the rest of the document
  ("Nursultan Nazarbayev" ... "Nazarbayev, 81"); a lone common surname or given name that
  is only a small town ("Moore", "Michael") needs a locative ("in Moore") or a qualifier;
* brands are not places: a place name inside the name of a publication, company, team or
  street ("New York Post", "Memphis Street") is not reported as the place.  A place inside
  an *institution's* name ("Texas Department of Health", "Almaty police", "Ohio Supreme
  Court") is kept: it names the jurisdiction, and the gold corpora tag it (measured);
* common English words are not places without evidence: a capitalised word that English
  usually writes in lower case ("Police", "Mobile", "Reading") is not a place at the start of
  a sentence, in a headline, after "the", next to another capitalised word ("Superior
  Court") or when the same document also writes it in lower case, unless it names a country
  or a state, a "City, State" qualifier follows, or "in"/"near"/"from" precedes it;
* headlines in capitals are looked up case-insensitively with the same checks; a dateline
  ("CHARLESTON, W.Va. --", "BEIRUT:") makes an all-capitals word a place;
* "Almaty's" is recognised as "Almaty"; "Russian-led" and "Sri Lankan" are demonyms;
* "Paris, Texas" and "Alexandria, La." record the qualifier's span on the mention, and a town
  too small for the gazetteer ("Zorbville, Mo.") is still reported, to be placed at its state;
* street names are one mention ("Memphis Street"), and "Lake Vermont" or "Red River" are not
  Vermont or a town called Red.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field, replace as _replace
from importlib import resources
from typing import Any

from ._lookup import demonyms as _memo_demonyms
from ._lookup import lookup as _memo_lookup
from .model import Article, Mention

__all__ = ["recognize", "Recognizer", "qualifier_after", "TITLE_WORDS", "ORG_WORDS"]

# --------------------------------------------------------------------------- word lists
# General English, not any article's words.  Keys are lower case without dots.

#: Words that put a person's name after them ("President Tokayev", "spokesman Azirbek").
TITLE_WORDS = frozenset("""
president presidents vice premier prime minister ministers secretary spokesman spokeswoman
spokesperson chancellor governor gov sen senator senators rep reps representative congressman
congresswoman assemblyman assemblywoman councilman councilwoman councilor councillor alderman
mayor judge justice attorney prosecutor sheriff deputy officer detective sgt sergeant lt
lieutenant capt captain col colonel gen general adm admiral maj major cpl corporal pvt private
chief commissioner superintendent coach dr mr mrs ms miss mx sir dame lord lady king queen
prince princess emperor empress sultan emir sheikh shaikh ayatollah pope rev reverend father
fr pastor bishop archbishop cardinal rabbi imam cleric professor prof ceo cfo chairman chairwoman
chair director ambassador envoy correspondent reporter editor columnist author actor actress
singer rapper star player quarterback pitcher striker goalkeeper defendant suspect plaintiff
witness nurse doctor trooper patrolman constable inspector commander marshal warden principal
treasurer comptroller auditor clerk lawmaker lawmakers leader dictator strongman activist
analyst economist spokesmen sens mp mep monsieur madame herr senor señor jr sr st. dj
""".split())

#: Head nouns of organisation names.  A place inside an *institution's* name still says where
#: ("Texas Department of Health", "Almaty police", "Ohio Supreme Court" name their
#: jurisdiction, and the gold corpora tag them), so only the words below that make the place
#: part of a *brand* drop it: publications, companies, streets and buildings ("New York
#: Post", "Texas Instruments Inc", "Memphis Street").
MEDIA_WORDS = frozenset("""
post times news journal herald tribune gazette telegraph chronicle observer guardian press
daily weekly magazine review radio television tv network networks broadcasting channel
inquirer courier examiner dispatch sentinel bee standard mail express independent record
company co corp corporation inc ltd llc plc holdings airlines airline airways motors
industries technologies systems partners studios productions records pictures fc
""".split())

STREET_WORDS = frozenset("""
street st avenue ave road rd boulevard blvd lane ln drive highway hwy expressway freeway
parkway pkwy turnpike way square plaza bridge tunnel row crescent mews
""".split())

#: Words that open the name of a street or quarter in other languages ("Quartiers Nord", "Rue
#: de Paris", "Calle Madrid"): the name after them is part of the site's name.
SITE_OPENERS = frozenset("""
quartier quartiers rue avenida calle via viale piazza plaza praça rua barrio colonia parc
jardin pont porte chemin allée cité boulevard place strasse straße platz
""".split())

#: Nouns that are not a place on their own even where some village bears the name
#: ("University", "Council", "Police").
ORG_WORDS = MEDIA_WORDS | STREET_WORDS | frozenset("""
university college school schools academy institute institution organization organisation
council party bank banks department dept police association society foundation federation
union league club team committee commission agency authority bureau ministry office service
services board court assembly parliament senate congress government army navy forces corps
guard guards hospital clinic center centre church cathedral mosque synagogue temple museum
library railway railways railroad exchange fund trust project coalition alliance front
movement brigade battalion regiment stadium arena hall building tower towers mall hotel
restaurant theater theatre prison jail penitentiary barracks palace memorial cemetery zoo program programme initiative
summit conference festival games cup open championship tournament award awards prize park
lake river city town village district mount patrol sheriff safety
""".split())

#: A park or a mall named after someone or somewhere is a site, not that town ("Roanoke Park
#: in Kansas City", "Griffith Park"); a country or state keeps its name ("Texas Stadium").
_GROUNDS = frozenset("park parks gardens garden mall arboretum cemetery".split())

#: Words after a name that make it a jurisdiction ("Lindsay Police", "Kirkland City Council").
JURISDICTION_HEADS = frozenset("""
police sheriff sheriff's council mayor township fire schools school city county courthouse
""".split())

#: Words that follow a place name as part of an administrative or natural name: "Fulton
#: County", "Almaty Region".  The span grows to include them.
GEO_HEADS = frozenset("""
county parish borough province region oblast krai kray state prefecture governorate district
territory municipality township canton department
""".split())

#: Heads and prefixes of the names of natural features ("Red River", "Lake Vermont").
FEATURE_HEADS = frozenset("""
river creek lake lakes bay sound harbor harbour island islands mountain mountains peninsula
canyon valley gulf strait straits channel ocean sea beach forest desert plateau glacier
""".split())
FEATURE_PREFIXES = frozenset("lake mount mt gulf isle bay cape".split())

#: Words before a place that keep it a place ("North Texas", "Central Asia").
DIRECTION_WORDS = frozenset("""
north south east west northern southern eastern western central northeast northwest
southeast southwest northeastern northwestern southeastern southwestern upper lower
greater downtown metro midtown inner outer far
""".split())

#: Adjectives of continents and world regions ("European", "African"): demonyms of a region.
REGION_DEMONYMS = {
    "european": "Europe", "europeans": "Europe", "african": "Africa", "africans": "Africa",
    "asian": "Asia", "asians": "Asia", "latin american": "South America",
    "south american": "South America", "north american": "North America",
    "middle eastern": "Middle East", "arab": "Middle East", "arabs": "Middle East",
    "caribbean": "Caribbean", "balkan": "Balkans", "scandinavian": "Scandinavia",
}

CALENDAR_WORDS = frozenset("""
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday
saturday sunday christmas easter
""".split())

#: Abbreviations whose period does not end a sentence.
_ABBREV_PERIOD = frozenset("""
mr mrs ms dr gov sen rep gen col lt sgt capt maj adm cpl pvt st ste mt ft pt jr sr inc co corp
ltd rev fr prof messrs no vs u.s us u.k uk
""".split())

# Lower-case connectors allowed inside a run of capitalised words.
_CONNECTORS = ("of", "de", "del", "della", "di", "da", "do", "dos", "das", "du", "des", "la",
               "le", "les", "el", "al", "the", "and", "upon", "y", "van", "von", "der",
               "den", "am", "im", "sur", "en", "au", "aux")


@functools.lru_cache(maxsize=None)
def _wordlist(name: str) -> frozenset[str]:
    text = resources.files("incidentmap").joinpath("data", name).read_text(encoding="utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


def common_words() -> frozenset[str]:
    """Frequent English words written in lower case (see scripts/build_wordlists.py)."""
    return _wordlist("common_words.txt")


def given_names() -> frozenset[str]:
    """Common given names (US census), lower case."""
    return _wordlist("given_names.txt")


# --------------------------------------------------------------------------- regexes
_HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-"})
_UP = "A-Z" + "".join(chr(c) for c in range(0xC0, 0x250) if chr(c).isupper())
_WORD_TAIL = r"[^\W_]*(?:['’][^\W\d_]+)*"
_TOKEN = (rf"(?:[A-Z]\.){{2,}}|(?:St|Ste|Mt|Ft|Pt|ST|MT|FT|Mr|Mrs|Ms|Dr|Gov|Sen|Rep|Gen|Col|Lt|Sgt|Capt|Gen)\."
          rf"|[{_UP}]{_WORD_TAIL}(?:-[^\W_]{_WORD_TAIL})*")
_CONN = "|".join(_CONNECTORS)
_RUN_RE = re.compile(rf"(?<![\w'’-])(?:{_TOKEN})(?:[ \u00a0](?:(?:{_CONN})[ \u00a0])*(?:{_TOKEN}))*")
_TOKEN_RE = re.compile(rf"(?:{_TOKEN})|(?:{_CONN})\b")
_POSSESSIVE_RE = re.compile(r"['’]s$|(?<=s)['’]$")
#: A middle initial between two names: "L." in "Ashley L. Evens"; group 1 starts the surname.
_MIDDLE_INITIAL_RE = re.compile(r"[A-Z]\.[ \u00a0]+([A-Z][a-z])")
_PREV_WORD_RE = re.compile(r"([A-Za-z]+)(\.?)[ \u00a0]+$")
_NEXT_QUAL_RE = re.compile(
    r",[ \u00a0]+([A-Z]\.[ ]?[A-Z][a-z]{1,3}\.|(?:[A-Z]\.[ ]?){2,}|[A-Z][a-z]{1,4}\.|[A-Z]{2}\b)")
_ABBREV_AFTER_NAME_RE = re.compile(
    r"(?:(?<=[A-Za-z]),[ \u00a0]+|\b[DRI]-)([A-Z]\.[ ]?[A-Z][a-z]{1,3}\.|(?:[A-Z]\.[ ]?){2,}|[A-Z][a-z]{1,4}\.)")
#: Sites named by their city: "Almaty's main square", "Kyiv's central station" (airports are
#: resolved through the gazetteer's airport table instead).
LANDMARK_NOUNS = ("square", "plaza", "market", "bazaar", "bridge", "stadium", "palace", "cathedral",
                  "mosque", "church", "synagogue", "temple", "embassy", "consulate", "parliament",
                  "park", "port", "harbour", "harbor", "station", "hospital", "university",
                  "prison", "courthouse", "city hall", "town hall", "old town", "waterfront",
                  "main street", "central bank", "stock exchange", "zoo", "museum")
_LANDMARK_AFTER_RE = re.compile(
    r"['’]s[ \u00a0]+(?:(?:main|central|old|new|biggest|largest|main|historic|grand|busiest|"
    r"famous|city|independence|republic|freedom|victory|red)[ \u00a0]+){0,2}(?:"
    + "|".join(n.replace(" ", "[ \u00a0]+") for n in LANDMARK_NOUNS) + r")\b")
_LOWER_SUFFIX_RE = re.compile(r"-[a-z][a-z-]*$")
_ADJECTIVE_RE = re.compile(r"(?:ish|ese|ian|ic|ili|aic)$")
#: Nouns in ORG_WORDS that also end real place names ("Grove City", "Salt Lake", "Hyde Park").
_PLACE_NOUNS = frozenset("city town village district mount lake river park square center centre "
                         "hall court station".split())
#: What follows "<Town> City" when the city's body is meant ("Dublin City Council").
_CITY_BODIES = frozenset("council councils manager hall commission commissioners administrator attorney "
                         "clerk schools school police engineer planner government officials limits".split())
#: A saint's church, school or hospital ("St. Michael's Hospital") is named after the saint,
#: not after one of the towns that bear the saint's name.
_SAINT_RE = re.compile(r"(?:St\.?|Ste\.?|Saint|Sainte)[ \u00a0]")
_SAINT_INSTITUTION_RE = re.compile(
    r"['’]s[ \u00a0]+(?:[A-Z][a-z]+[ \u00a0]+){0,2}?(?:Hospital|Church|Basilica|Cathedral|College|School|"
    r"University|Abbey|Chapel|Academy|Parish|Medical|Infirmary|Episcopal|Catholic|Seminary|Priory)\b")
_NAME_PARTICLES = frozenset("de da di do dos das del della du van von der den bin ibn bint ben al el le la".split())
#: Words written with a capital by convention that never name a place on their own.
_NEVER_ALONE = frozenset("""
god lord allah christ jesus mass bible gospel koran quran internet web mom dad mum first second
third one two three four five six seven eight nine ten hundred thousand democrat democrats
republican republicans liberal liberals conservative conservatives labour tory tories olympic
olympics gardai
""".split())
_GARDA_POLICE = re.compile(r"\s+(?:[A-Z]\w*|s[íi]och[áa]na|station|spokes\w+|commissioner|superintendent|"
                           r"sergeant|inspector|press|detectives?|officers?|patrols?|cars?|vans?|"
                           r"investigations?|operations?|units?|divisions?|bureau|sources?|checkpoints?|"
                           r"vehicles?|members?|appeal\w*|said|say|says|are|were|have|had)\b")
# A nationality word before a body or a people noun is an adjective, even when a division
# bears the same name ("Somali", "Afar"): "the Somali parliament", "Somali troops".
_DEMONYM_USE = re.compile(r"[ \u00a0]+(?:parliament|government|army|troops|soldiers|forces|police|president|"
                          r"prime minister|officials?|authorities|capital|military|navy|coast guard|"
                          r"people|refugees|migrants|nationals?|citizens?|men|women|pirates|militants?|"
                          r"fighters|rebels|community|diaspora|language|state media|media|ministry|"
                          r"embassy|ambassador|leaders?|opposition|president['’]s)\b")
_CONTRACTION_RE = re.compile(r"['’](?:ve|d|ll|re|m|t)$")
_LOCATIVE = frozenset("in at from near to into outside inside across around toward towards "
                      "via through throughout of".split())


@dataclass
class _Tok:
    start: int
    end: int          # end of the name part (a possessive "'s" is left out)
    text: str
    conn: bool = False
    poss: bool = False
    key: str = ""


@dataclass
class _Match:
    i: int            # first token index in the run
    j: int            # last token index (inclusive)
    start: int
    end: int
    key: str
    demonym: str | None = None
    qualifier: tuple[int, int] | None = None
    extra: dict[str, Any] = field(default_factory=dict)


_NAME_IN_LIST = r"[A-Z][\w'’.-]*(?:[ \u00a0][A-Z][\w'’.-]*)?"
#: "Butler, Clark and Warren counties": every name of the list is a county.
_COUNTY_LIST_RE = re.compile(
    rf"{_NAME_IN_LIST}(?:(?:,[ \u00a0]+(?:and[ \u00a0]+|or[ \u00a0]+)?|[ \u00a0]+(?:and|or)[ \u00a0]+){_NAME_IN_LIST})*"
    rf"[ \u00a0]+(counties|parishes)\b")
_NAME_IN_LIST_RE = re.compile(_NAME_IN_LIST)
_MAX_RUN = 24
#: ", Madison, Montgomery": the comma after a would-be qualifier continues a list.
_LIST_GOES_ON_RE = re.compile(r",[ \u00a0]+[A-Z]")
_COMMA_BEFORE_RE = re.compile(r",[ \u00a0]+$")
_COMMA_SP_RE = re.compile(r",[ \u00a0]+")
_ABBR_END_RE = re.compile(r"([A-Za-z.]+)\.$")
_CAP_WORD_BEFORE_RE = re.compile(r"[A-Z][\w'’.-]*[ \u00a0]+$")


#: Car makes: a name right after one is a model ("Hyundai Tucson", "Chevrolet Tahoe", "Dodge
#: Durango"), and a make that is also a town ("Pontiac", "Lincoln") is the car after a colour
#: or a model year, or before a model ("a silver Pontiac Grand Prix", "a 2004 Lincoln Town Car").
CAR_MAKES = frozenset("""
chevrolet chevy ford toyota honda nissan hyundai kia dodge gmc buick cadillac pontiac chrysler
jeep lincoln mercury mazda subaru volkswagen vw bmw mercedes mercedes-benz audi lexus acura
infiniti volvo mitsubishi saturn plymouth oldsmobile suzuki isuzu porsche tesla ram
""".split())
_CAR_BEFORE_RE = re.compile(
    r"(?:\b(?:19|20)\d\d|\b(?:silver|black|white|red|blue|gr[ae]y|green|tan|maroon|gold|beige|"
    r"dark|light|brown|burgundy|purple|orange|yellow|champagne|stolen|rented|rental|unmarked|"
    r"used|new|older|late-model))[ \u00a0]+$", re.I)


def _is_vehicle(text: str, start: int, end: int, run: list, i: int, j: int) -> bool:
    """Whether the name at ``start:end`` (tokens ``i..j`` of ``run``) names a car, not a place."""
    if i > 0 and run[i - 1].text.lower() in CAR_MAKES:
        return True  # the model after its make
    prev = _prev_word(text, start)
    if prev is not None and prev.group(1).lower() in CAR_MAKES and not prev.group(2):
        return True
    if text[start:end].lower() in CAR_MAKES:
        after_cap = j + 1 < len(run) and not run[j + 1].conn
        return after_cap or bool(_CAR_BEFORE_RE.search(text, max(0, start - 25), start))
    return False


def _prev_word(text: str, pos: int) -> re.Match | None:
    """The word before ``pos`` (with its period, if any) as a match of :data:`_PREV_WORD_RE`.

    Scanning back by hand and matching once is several times faster than searching a window."""
    k = pos - 1
    while k >= 0 and text[k] in " \u00a0":
        k -= 1
    if k == pos - 1 or k < 0:
        return None
    if text[k] == ".":
        k -= 1
    j = k
    while j >= 0 and text[j] < "\x80" and text[j].isalpha():
        j -= 1
    if j == k:
        return None
    return _PREV_WORD_RE.match(text, j + 1, pos)


def _generic(key: str) -> bool:
    return (key == "the" or key in DIRECTION_WORDS or key in GEO_HEADS or key in FEATURE_HEADS or key in CALENDAR_WORDS
            or key in _NEVER_ALONE)


def _namelike(key: str) -> bool:
    """False for the generic words that follow or precede names ("Police", "County", "North")."""
    return not (key in ORG_WORDS or key in TITLE_WORDS or key in GEO_HEADS or key in FEATURE_HEADS
                or key in DIRECTION_WORDS or key in _NEVER_ALONE or key in CALENDAR_WORDS)


def _sentence_initial(text: str, pos: int) -> bool:
    """True when ``pos`` starts a sentence, a line, a quotation or a bracket."""
    k = pos - 1
    while k >= 0 and text[k] in " \u00a0\t":
        k -= 1
    if k < 0:
        return True
    c = text[k]
    if c in "\n\r!?:;\"“”‘(['…—–-•*|>":
        return True
    if c == "’" or c == "'":
        return True
    if c == ".":
        m = _ABBR_END_RE.search(text, max(0, k - 12), k + 1)
        if m and m.group(1).lower().rstrip(".") in _ABBREV_PERIOD and len(m.group(1)) <= 4:
            return False
        return True
    return False


class Recognizer:
    """Finds place and demonym mentions in text using a gazetteer.

    One instance per gazetteer; :meth:`__call__` is what :func:`recognize` uses.  Options
    exist so the benchmark can measure a choice of convention, not to tune per document.
    """

    def __init__(self, gazetteer: Any, *, org_of_place: bool = True, emit_qualifiers: bool = True,
                 features: bool | str = "streets"):
        self.gaz = gazetteer
        from .gazetteer import name_key

        self.name_key = name_key
        self.keys = gazetteer.keys
        self.prefixes = gazetteer.prefixes
        self.max_words = max(1, int(getattr(gazetteer, "max_name_words", 6)))
        self.common = common_words()
        self.given = given_names()
        self.surnames = _wordlist("surnames.txt")
        # "University of Texas": Texas counts (GeoNames-style corpora tag it).
        self.org_of_place = org_of_place
        self.emit_qualifiers = emit_qualifiers
        # Street names ("Memphis Street") are reported as one unplaced mention for a geocoder;
        # rivers, lakes and mountains ("Red River", "Lake Vermont") only keep their parts from
        # being taken for towns: with no point to give, reporting them cost acc@161 on every
        # corpus (measured), so features="streets".  True reports them too, False neither.
        self.features = features

    # ------------------------------------------------------------------ helpers
    def _tokens(self, text: str, s: int, e: int) -> list[_Tok]:
        out = []
        for m in _TOKEN_RE.finditer(text, s, e):
            t = m.group(0)
            conn = t[0].islower()
            tok = _Tok(m.start(), m.end(), t, conn=conn)
            if not conn:
                pm = _POSSESSIVE_RE.search(t)
                if pm and len(t) > 2:
                    tok.poss = True
                    tok.end = m.start() + pm.start()
                    tok.text = t[: pm.start()]
                else:
                    hm = _LOWER_SUFFIX_RE.search(t)
                    if hm and hm.start() > 0 and "-" not in t[: hm.start()]:
                        # "Los Angeles-based", "Texas-born": the name ends before the suffix,
                        # and, like a possessive, ends the run.
                        tok.poss = True
                        tok.end = m.start() + hm.start()
                        tok.text = t[: hm.start()]
            out.append(tok)
        return out

    def _line_caps(self, text: str, pos: int, cache: dict[int, bool]) -> bool:
        """True when the line holding ``pos`` is a headline in capitals or in Title Case."""
        ls = text.rfind("\n", 0, pos) + 1
        if ls in cache:
            return cache[ls]
        le = text.find("\n", pos)
        le = le if le >= 0 else len(text)
        if le - ls > 240:
            # Headlines are short; a paragraph is not one however many capitals it has.
            cache[ls] = False
            return False
        line = text[ls:le]
        letters = [c for c in line if c.isalpha()]
        caps = False
        if len(letters) >= 4:
            up = sum(1 for c in letters if c.isupper())
            if up / len(letters) > 0.7:
                caps = True
            else:
                words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", line)]
                stripped = line.rstrip()
                if (len(words) >= 3 and len(line) < 160 and not stripped.endswith((".", "?", "!", ":", '"', "”"))
                        and sum(1 for w in words if w[0].isupper()) >= 0.75 * len(words)):
                    caps = True
        cache[ls] = caps
        return caps

    # ------------------------------------------------------------------ main
    def __call__(self, article: Article | str) -> list[Mention]:
        original = article if isinstance(article, str) else article.text
        if not original:
            return []
        # The rules below know only "-"; U+2010/U+2011 hyphens ("Nur\u2011Sultan") are read as
        # it.  One character for one keeps every offset; mention texts come from ``original``.
        text = original.translate(_HYPHENS)
        nk = self.name_key
        keys, prefixes, maxw = self.keys, self.prefixes, self.max_words

        runs: list[list[_Tok]] = []
        for rm in _RUN_RE.finditer(text):
            toks = self._tokens(text, rm.start(), rm.end())
            # A possessive ends a name: "Kazakhstan's President Tokayev" is two runs.
            cur: list[_Tok] = []
            for t in toks:
                if t.conn and not cur:
                    continue
                cur.append(t)
                if t.poss:
                    runs.append(cur)
                    cur = []
            if cur:
                runs.append(cur)
        for r in runs:
            while r and r[-1].conn:
                r.pop()
        # A name is a few words; a run of dozens is a list or a shouted line.  Cutting runs to
        # _MAX_RUN tokens keeps every per-run step linear on any input.
        runs = [r[i:i + _MAX_RUN] for r in runs if r for i in range(0, len(r), _MAX_RUN)]
        runs = [r for r in runs if r and not r[0].conn]
        run_by_end = {r[-1].end: r for r in runs}

        # Candidate matches in each run: longest name first, left to right.
        run_matches: list[list[_Match]] = []
        demonym_words: set[str] = set()
        for r in runs:
            for t in r:
                if not t.conn:
                    t.key = nk(t.text)
            found: list[_Match] = []
            n = len(r)
            i = 0
            while i < n:
                if r[i].conn:
                    i += 1
                    continue
                best = None
                words = 0
                for j in range(i, n):
                    if r[j].conn:
                        continue
                    words += 1
                    if words > maxw:
                        break
                    k = r[i].key if j == i else nk(text[r[i].start:r[j].end])
                    if k in keys:
                        if best is not None and r[j].text.lower() in ORG_WORDS and \
                                r[j].text.lower() not in _PLACE_NOUNS and (
                                j + 1 < n or text[r[j].end:r[j].end + 5] in (" for ", " of t")):
                            # "University of Michigan Center for ...": "Michigan", not the town
                            # of Michigan Center, when the longer name runs into an institution's.
                            break
                        best = _Match(i, j, r[i].start, r[j].end, k)
                    if r[j].poss or (k not in prefixes):
                        break
                if best is not None and best.j > i and r[best.j].key == "city" and best.j + 1 < n \
                        and r[best.j + 1].key in _CITY_BODIES and r[best.j - 1].key:
                    # "Dublin City Council", "Athens City Schools": the town's council, so the
                    # name is "Dublin", resolved with every other "Dublin" of the text, when
                    # "Dublin City" is only another name of a place called "Dublin".
                    sk = nk(text[r[i].start:r[best.j - 1].end])
                    if sk in keys:
                        got = _memo_lookup(self.gaz, (best.key, sk))
                        short = got.get(sk, ())
                        # Not when the shorter name is a country's or a state's: "Mexico City
                        # Council" and "Quebec City Hall" belong to those cities.
                        # And the shorter name's biggest place must be that city ("Carson
                        # City Council" is not Carson, California's).
                        if short and max(short, key=lambda p: p.population).id in \
                                {p.id for p in got.get(best.key, ())} and \
                                not any(p.kind in ("country", "admin1", "region") for p in short):
                            best = _Match(i, best.j - 1, r[i].start, r[best.j - 1].end, sk)
                if best is not None:
                    found.append(best)
                    i = best.j + 1
                    continue
                t = r[i]
                demonym_words.add(t.text)
                if "-" in t.text:
                    # "Russian-led", "Texas-based", "Russia-Ukraine": try the parts.  When
                    # several parts are capitalised ("Wal-Mart", "Kassym-Jomart") every one
                    # must name something for any to count (checked in pass 2).
                    parts = t.text.split("-")
                    caps = [p for p in parts if len(p) > 1 and p[0].isupper()]
                    off = t.start
                    for part in parts:
                        if part and part[0].isupper() and len(part) > 1:
                            pk = nk(part)
                            if pk in keys:
                                found.append(_Match(i, i, off, off + len(part), pk,
                                                    extra={"part": True, "multi": len(caps) > 1}))
                            else:
                                demonym_words.add(part)
                        off += len(part) + 1
                i += 1
            run_matches.append(found)

        # Demonyms and candidates: one batched query each.
        # Two-word demonyms ("Sri Lankan", "South Korean") are asked for in the same query.
        bigrams = {text[r[i].start:r[i + 1].end] for r in runs for i in range(len(r) - 1)
                   if not r[i].conn and not r[i + 1].conn and not r[i].poss}
        demonyms = _memo_demonyms(self.gaz, demonym_words | bigrams | {t.text for r in runs for t in r if not t.conn})
        for w in demonym_words | {t.text for r in runs for t in r if not t.conn}:
            if w not in demonyms and w.lower() in REGION_DEMONYMS:
                demonyms[w] = ""  # a continent's people: no country, resolved to the region
        lookups = _memo_lookup(self.gaz, {m.key for ms in run_matches for m in ms})

        def strong(key: str) -> bool:
            # A country, a continent, or a first-level division that people live in, named by
            # its own name (an alias such as "First" for Aden does not make a word strong).
            return any(p.kind in ("country", "region") or (
                p.kind == "admin1" and p.population >= 100_000 and nk(p.name) == key)
                for p in lookups.get(key, ()))

        def bigplace(key: str) -> bool:
            return strong(key) or any(p.population >= 100_000 for p in lookups.get(key, ()))

        def only_admin_or_country(key: str) -> bool:
            return any(p.kind in ("country", "admin1", "region") for p in lookups.get(key, ()))

        # Pass 1: people.  Titles, bylines and given names mark person words for the whole
        # document; a surname seen once as a person stays one.
        person_keys: set[str] = set()
        person_spans: set[int] = set()  # token starts that are part of a person's name
        # A middle initial ends a run ("Ashley L." | "Evens"): the name goes on in the run
        # that starts right after it.
        person_goes_on_at = -1
        for r, ms in zip(runs, run_matches):
            n = len(r)
            first = r[0]
            continued = first.start == person_goes_on_at
            if not continued and not ms and not any(t.key in keys or t.text in demonyms for t in r) \
                    and not (n > 1 and _MIDDLE_INITIAL_RE.match(text, r[-1].start)):
                continue  # nothing here could be taken for a place: no need to find people
            starts_person_at = 0 if continued else None
            low0 = first.text.lower().rstrip(".")
            prev = _prev_word(text, first.start)
            prev_word = prev.group(1).lower() if prev else ""
            if continued:
                pass
            elif low0 == "by" and n > 1 and (_sentence_initial(text, first.start)):
                starts_person_at = 1
            elif prev_word in TITLE_WORDS and prev and prev.group(1)[0].islower() and (
                    not prev.group(2) or prev_word in _ABBREV_PERIOD):
                starts_person_at = 0  # "spokesman Saltanat Azirbek", not "the defendant. Licking"
            elif prev_word in ("by",) and prev and _sentence_initial(text, prev.start(1)):
                starts_person_at = 0
            elif prev_word in _NAME_PARTICLES and prev and prev.group(1).islower() and not prev.group(2) \
                    and _CAP_WORD_BEFORE_RE.search(text, max(0, prev.start(1) - 30), prev.start(1)):
                starts_person_at = 0  # "Mike de Kock", "Mohammed bin Rashid"
            elif any(c in text[r[-1].end:r[-1].end + 3] or c in text[max(0, first.start - 3):first.start]
                     for c in "&+"):
                starts_person_at = 0  # "Bed Bath & Beyond", "Johnson & Johnson": names, not places
            for idx in range(n):
                t = r[idx]
                if t.conn:
                    continue
                if starts_person_at is None and idx + 1 < n and (
                        not r[idx + 1].conn or (r[idx + 1].text in _NAME_PARTICLES and idx + 2 < n)):
                    tl = t.text.lower().rstrip(".")
                    if tl in TITLE_WORDS and not any(m.i <= idx <= m.j for m in ms):
                        starts_person_at = idx + 1
                    elif tl in self.given and not t.poss and _MIDDLE_INITIAL_RE.match(text, r[idx + 1].start):
                        starts_person_at = idx  # "Mary L. Evens", "Georgia K. Smith"
                    elif tl in self.given and not t.poss:
                        covering = [m for m in ms if m.i <= idx <= m.j]
                        if not covering or (covering[0].j == idx and not only_admin_or_country(covering[0].key)):
                            nxt = r[idx + 1]
                            nxt_cov = [m for m in ms if m.i <= idx + 1 <= m.j]
                            nl = nxt.text.lower().rstrip(".")
                            # Two place names side by side ("Alton Edwardsville Road", "An
                            # Albany man") are not a given name and a surname.
                            both_places = bool(nxt_cov) and _namelike(nxt_cov[0].key) and tl in self.common
                            if not (nxt_cov and only_admin_or_country(nxt_cov[0].key)) and not both_places and \
                                    nl not in TITLE_WORDS and nxt.key not in demonyms and nl not in ORG_WORDS \
                                    and nl not in JURISDICTION_HEADS and nl not in GEO_HEADS and nl not in STREET_WORDS:
                                starts_person_at = idx
                if starts_person_at is not None and idx >= starts_person_at:
                    break
            if starts_person_at is None:
                continue
            byline = low0 == "by" and starts_person_at == 1
            for idx in range(starts_person_at, n):
                t = r[idx]
                if byline and t.text.lower() == "and":
                    continue  # "By Tom Batchelor and Athena Stavrou": both are people
                if t.conn or t.text.lower() in ("with", "and", "for"):
                    break
                if idx == n - 1 and idx > starts_person_at and _MIDDLE_INITIAL_RE.match(text, t.start):
                    person_goes_on_at = _MIDDLE_INITIAL_RE.match(text, t.start).start(1)
                person_spans.add(t.start)
                if t.text.lower() not in self.given or idx > starts_person_at:
                    person_keys.add(t.key)
                    for part in t.text.split("-"):
                        if part and part != t.text:
                            person_keys.add(nk(part))
                if t.poss:
                    break

        # Pass 2: decide each match.
        caps_cache: dict[int, bool] = {}
        late_persons: set[str] = set()
        demonyms_by_key = {nk(w) for w in demonyms}
        lower_words: set[str] | None = None
        mentions: list[Mention] = []
        taken: set[int] = set()
        for r, ms in zip(runs, run_matches):
            n = len(r)
            covered = {k for m in ms for k in range(m.i, m.j + 1)}
            # Tokens covered by a real name, not by a common word that happens to be one ("In").
            named = {k for m in ms for k in range(m.i, m.j + 1)
                     if not (m.i == m.j and r[m.i].text.lower() in self.common)}
            for m in ms:
                t0, t1 = r[m.i], r[m.j]
                if t0.start in person_spans or m.start in taken:
                    continue
                part = m.extra.get("part")
                single = m.i == m.j
                raw = text[m.start:m.end]
                cands = lookups.get(m.key, [])
                if not cands:
                    continue
                if m.extra.get("multi"):
                    hparts = [nk(p) for p in t0.text.split("-") if len(p) > 1 and p[0].isupper()]
                    if not all(p in keys or p in demonyms_by_key for p in hparts) or not any(
                            bigplace(p) or p in demonyms_by_key for p in hparts):
                        continue  # "Wal-Mart", "Kassym-Jomart"; but "Fargo-Moorhead"
                if single and _CONTRACTION_RE.search(raw):
                    continue  # "I've", "You'd"
                if single and demonyms.get(raw) is not None and (not strong(m.key) or _DEMONYM_USE.match(text, m.end)):
                    # "Canadian" (also a town in Texas) is first of all a demonym; "the Somali
                    # parliament" is Somalia's, not Ethiopia's Somali Region.
                    taken.add(m.start)
                    mentions.append(Mention(m.start, m.end, raw, "demonym", demonyms[raw] or None))
                    continue
                qual = qualifier_after(text, m.end, self.gaz)
                if qual is None and (m.j + 1 >= n or t1.poss):
                    qual = self._qualifier_from_run(text, m.end, lookups, cands)
                is_strong = strong(m.key)
                big = is_strong or max((c.population for c in cands), default=0) >= 100_000
                low = raw.lower().rstrip(".")
                prev = _prev_word(text, m.start) if m.i == 0 else None
                locative = bool(prev and prev.group(1) in _LOCATIVE) or (
                    m.i > 0 and not r[m.i - 1].conn and r[m.i - 1].text.lower() in _LOCATIVE)  # "In Euclid, ..."
                initial = m.i == 0 and _sentence_initial(text, m.start)
                in_caps = self._line_caps(text, m.start, caps_cache)
                if m.key in person_keys and qual is None and not is_strong:
                    continue
                if qual is None and _is_vehicle(text, m.start, m.end, r, m.i, m.j):
                    continue  # "a silver Pontiac Grand Prix", "a Hyundai Santa Fe"
                if low == "garda" and _GARDA_POLICE.match(text, m.end):
                    continue  # Ireland's police ("Garda Síochána", "a Garda spokesman"), not the town
                if m.i > 0 and r[m.i - 1].text.lower() in SITE_OPENERS:
                    continue  # "the Quartiers Nord", "Rue de Paris": a quarter or a street
                # Acronyms in running text ("CNN", "AP") are places only as countries, states
                # or a dateline ("CHARLESTON, W.Va. --", "NEWARK --").
                dateline = False
                if single and not part and len(raw) >= 2 and raw.replace(".", "").isupper() and not in_caps:
                    if len(raw.replace(".", "")) <= 3:
                        if not any(c.kind in ("country", "region") for c in cands) and not (
                                "." in raw and self._abbreviation(raw) is not None):
                            continue  # "IN", "OK", "CT" are states only after a comma; "S.C." is one
                    else:
                        dateline = bool(re.match(r"[ \u00a0]*(?:,[ \u00a0]*[A-Z]|\(|—|–|--|:|-[ \u00a0])", text[m.end:m.end + 5]) or (
                            initial and re.match(r"[ \u00a0]+[A-Z][a-z]", text[m.end:m.end + 4])))
                        if not dateline and not is_strong:
                            continue
                if len(m.key) <= 2 and "." not in raw and not raw.isupper():
                    continue
                # A name made only of generic words ("Southern District", "North West").
                if not single and not is_strong and all(
                        _generic(w.lower().rstrip(".")) for w in raw.split()):
                    continue
                # A lone noun that names things in general: "University", "Police", "West".
                if single and not part and qual is None and (
                        low in ORG_WORDS or low in TITLE_WORDS or low in GEO_HEADS or low in DIRECTION_WORDS
                        or low in CALENDAR_WORDS or low in FEATURE_HEADS or low in _NEVER_ALONE):
                    continue
                if t1.poss and _SAINT_RE.match(raw) and _SAINT_INSTITUTION_RE.match(text, t1.end):
                    continue  # "St. Peter's Basilica", "St. Michael's Hospital": not a town
                # What follows inside the run.
                after = [] if t1.poss else [t for t in r[m.j + 1:] if not t.conn]
                if not part and after:
                    heads = [t.text.lower().rstrip(".") for t in after]
                    county_road = t1.text.lower() in GEO_HEADS and heads[0] in ("road", "rd", "highway", "hwy", "route")
                    agency = heads[-1] in ORG_WORDS and heads[-1] not in STREET_WORDS  # "Florida Highway Patrol"
                    if heads[0] in MEDIA_WORDS or heads[-1] in MEDIA_WORDS or (
                            heads[0] in STREET_WORDS and not county_road and not agency and not is_strong) \
                            or (len(heads) == 1 and heads[0] in _GROUNDS and not is_strong) \
                            or (self.features and heads[-1] in FEATURE_HEADS):
                        continue  # "New York Post", "Memphis Street"
                    nxt = r[m.j + 1]
                    if not nxt.conn and (m.j + 1) not in covered:
                        nl = heads[0]
                        explained = (nl in TITLE_WORDS or nl in CALENDAR_WORDS or nl in GEO_HEADS
                                     or any(h in ORG_WORDS for h in heads) or nxt.key in demonyms)
                        if not explained and not big:
                            continue  # "Moore Oil", "Scott Brown"-like names
                        if single and low in self.common and not is_strong:
                            continue  # "Supreme Court", "Commerce Department"
                # Two names side by side with nothing between ("Grand Prix", "Paris Hilton") are
                # one name, unless the second is a state or country ("Almaty Kazakhstan").
                institution = any(t.text.lower().rstrip(".") in ORG_WORDS or t.text.lower() in GEO_HEADS
                                  for t in r[m.j + 1:] if not t.conn)
                if not in_caps and not part and not institution:
                    upper = raw.isupper()
                    nb_next = next((x for x in ms if x.i == m.j + 1 and not x.extra.get("part") and x.i in named
                                    and _namelike(x.key) and r[x.i].text.isupper() == upper), None)
                    nb_prev = next((x for x in ms if x.j == m.i - 1 and not x.extra.get("part") and x.j in named
                                    and _namelike(x.key) and r[x.j].text.isupper() == upper), None)
                    if nb_next is not None and not t1.poss and not strong(nb_next.key) and not (
                            big and bigplace(nb_next.key)):
                        continue
                    if nb_prev is not None and not r[nb_prev.j].poss and not is_strong and not (
                            big and bigplace(nb_prev.key)):
                        continue
                # What precedes inside the run.
                prevt = r[m.i - 1] if m.i > 0 else None
                if self.features and prevt is not None and not prevt.conn and \
                        prevt.text.lower().rstrip(".") in FEATURE_PREFIXES and (m.i - 1) not in covered:
                    continue  # "Lake Vermont" is a lake, not Vermont
                if prevt is not None and not prevt.conn and (m.i - 1) not in named and (
                        not part or m.start == r[m.i].start):
                    pl = prevt.text.lower().rstrip(".")
                    if pl in DIRECTION_WORDS or prevt.key in demonyms or pl in ORG_WORDS or pl in TITLE_WORDS:
                        pass
                    elif m.i - 1 == 0 and _sentence_initial(text, prevt.start) and pl in self.common:
                        pass  # "In Almaty", "But Russia"
                    elif pl in self.common and in_caps:
                        pass
                    elif not big or m.key in self.common:
                        if single and pl not in self.common and prevt.text[:1].isupper() \
                                and not prevt.text.isupper():
                            late_persons.add(m.key)  # "Barack Obama" ... "Obama said"
                        continue  # "Barack Obama", "Soviet Union"
                the_before = (m.i == 0 and prev is not None and prev.group(1) in ("the", "a", "an")) or (
                    m.i == 1 and r[0].text in ("The", "A", "An"))
                # "Lindsay Police", "Kirkland City Council": a jurisdiction's name.
                jurisdiction = bool(after) and after[0].text.lower().rstrip(".") in JURISDICTION_HEADS
                big_main = is_strong or any(c.population >= 100_000 and nk(c.name) == m.key for c in cands)
                if the_before and not big_main and qual is None and all(c.kind == "city" for c in cands) \
                        and not (m.j + 1 < n and not r[m.j + 1].conn and not t1.poss):
                    # (in "The Zionsville Education Foundation" "The" is the foundation's)
                    continue  # "the White House", "the Valley": towns take no article
                if single and not part and not big_main and _ADJECTIVE_RE.search(low):
                    continue  # "Ismaili", "Jewish": adjectives of peoples and faiths
                # Common words and surnames standing alone.
                if single and not part and qual is None and not is_strong and not jurisdiction:
                    is_common = (low in self.common or m.key in self.common) and not t1.poss and "." not in raw
                    if is_common:
                        if initial or in_caps or the_before:
                            continue  # "Police said", "Mobile phones", headlines
                        if lower_words is None:
                            lower_words = set(re.findall(r"(?<![\w'’-])[a-z]+(?![\w'’-])", text))
                        if low in lower_words and not locative:
                            continue  # the document writes it in lower case too
                        if not locative and ((after and after[0].text.lower() not in GEO_HEADS) or (
                                prevt is not None and not prevt.conn and (m.i - 1) in named) or any(
                                not t.conn and not _generic(t.text.lower()) for t in r[:m.i])):
                            continue  # "Superior Court", "Chamber of Commerce": part of a name
                    if (m.key in self.surnames or m.key in self.given) and not locative and not dateline \
                            and not (strong(m.key) or max((c.population for c in cands), default=0) >= 500_000):
                        continue  # a lone "Moore", "Scott" or "Mary" is more often a person
                elif not single and qual is None and not is_strong and in_caps and \
                        all(w.lower() in self.common for w in raw.split()):
                    continue
                taken.add(m.start)
                dm = demonyms.get(raw) if single else None
                if dm is not None and not is_strong:
                    mentions.append(Mention(m.start, m.end, raw, "demonym", dm or None))
                    continue
                lm_ = _LANDMARK_AFTER_RE.match(text, t1.end) if t1.poss and qual is None else None
                if lm_ is not None:
                    # "Almaty's main square": the square, a site of the city.  Resolution
                    # places it at the city, and asks a geocoder (when given) for the site.
                    mentions.append(Mention(m.start, lm_.end(), text[m.start:lm_.end()], "place"))
                    continue
                mentions.append(Mention(m.start, m.end, raw, "place", None, qual))
                if qual is not None and self.emit_qualifiers and qual[0] not in taken:
                    qtext = text[qual[0]:qual[1]]
                    if "." in qtext or (len(qtext) <= 2 and qtext.isupper()):
                        taken.add(qual[0])
                        mentions.append(Mention(qual[0], qual[1], qtext, "place", None, None))

            # Streets and natural features the gazetteer does not hold ("Swan Street", "Red
            # River", "Lake Vermont"): recognised as a whole so that no part of them is taken
            # for a town, and left for a geocoder to place.
            if self.features and n >= 2:
                seg: list[_Tok] = []
                for t in r + [_Tok(-1, -1, "and", conn=True)]:
                    if t.conn and t.text == "and":
                        if len(seg) >= 2 and not any(x.start in taken for x in seg):
                            span = self._feature_span(text, seg, caps_cache)
                            if span is not None:
                                taken.add(span[0])
                                mentions.append(Mention(span[0], span[1], text[span[0]:span[1]],
                                                        "place", None, None))
                        seg = []
                    else:
                        seg.append(t)
            # Demonyms: tokens not matched as places.
            skip_next = False
            for idx, t in enumerate(r):
                if skip_next:
                    skip_next = False
                    continue
                if t.conn or t.start in person_spans:
                    continue
                if idx + 1 < n and not r[idx + 1].conn and not t.poss and t.start not in taken \
                        and r[idx + 1].start not in taken:
                    bg = text[t.start:r[idx + 1].end]
                    cc = demonyms.get(bg)
                    if cc is not None:
                        taken.update((t.start, r[idx + 1].start))
                        mentions.append(Mention(t.start, r[idx + 1].end, bg, "demonym", cc or None))
                        skip_next = True
                        continue
                if idx in covered:
                    continue
                cc = demonyms.get(t.text)
                if cc is not None:
                    if t.start not in taken:
                        taken.add(t.start)
                        mentions.append(Mention(t.start, t.end, t.text, "demonym", cc or None))
                elif "-" in t.text:
                    head = t.text.split("-", 1)[0]
                    cc = demonyms.get(head)
                    if cc is not None and t.start not in taken:
                        taken.add(t.start)
                        mentions.append(Mention(t.start, t.start + len(head), head, "demonym", cc or None))
        # "Butler, Clark and Warren counties": names a reader knows are counties, whatever
        # else they could be (surnames, towns); resolution looks them up as "<name> County".
        if "counties" in text or "parishes" in text:
            for lm in _COUNTY_LIST_RE.finditer(text):
                head = " county" if lm.group(1) == "counties" else " parish"
                for nm in _NAME_IN_LIST_RE.finditer(text, lm.start(), lm.start(1)):
                    ns, name = nm.start(), nm.group(0)
                    if ns in taken or nk(name) + head not in keys:
                        continue
                    taken.add(ns)
                    mentions.append(Mention(ns, nm.end(), name, "place", None, None))
        # "Hume, Missouri": a town too small for the gazetteer, placed by its spelled-out state.
        ments_at = {x.start: x for x in mentions}
        for r in runs:
            q = ments_at.get(r[0].start)
            if q is None or q.kind != "place" or not q.text[:1].isupper():
                continue
            if not _COMMA_BEFORE_RE.search(text, max(0, q.start - 3), q.start):
                continue
            prevr = run_by_end.get(text.rfind(",", 0, q.start))
            if prevr is None:
                continue
            words = [t for t in prevr if not t.conn]
            if not words or len(words) > 3 or any(t.start in taken or t.start in person_spans for t in words):
                continue
            cands = lookups.get(q.text and nk(q.text), [])
            if not any(c.kind == "admin1" and nk(c.name) == nk(q.text) for c in cands):
                continue
            w0 = words[0]
            if (w0.text.lower() in self.common and _sentence_initial(text, w0.start)) or \
                    w0.text.lower() in TITLE_WORDS or words[-1].poss or not _namelike(w0.key):
                continue
            if nk(text[w0.start:words[-1].end]) in keys or _LIST_GOES_ON_RE.match(text, q.end):
                continue  # a known name was judged already; "Clark, Hamilton, Madison" is a list
            taken.add(w0.start)
            mentions.append(Mention(w0.start, words[-1].end, text[w0.start:words[-1].end], "place", None,
                                    (q.start, q.end)))
        # ", Ky." / ", W.Va." after a town the gazetteer does not know still names a state.
        for qm in _ABBREV_AFTER_NAME_RE.finditer(text):
            qs = qm.start(1)
            if qs in taken:
                continue
            surface = qm.group(1).rstrip()
            try:
                ap = self.gaz.abbreviation(surface)
            except Exception:  # pragma: no cover - a gazetteer without abbreviations
                ap = None
            if ap is not None:
                taken.add(qs)
                mentions.append(Mention(qs, qs + len(surface), surface, "place", None, None))
                # The town before it, even one too small for the gazetteer ("Hume, Mo."): a
                # capitalised run of one to three words that nothing else claimed.
                r = run_by_end.get(qm.start())
                if r is not None and qm.group(0).startswith(","):
                    words = [t for t in r if not t.conn]
                    if words and len(words) <= 3 and not any(t.start in taken or t.start in person_spans
                                                             for t in words):
                        w0 = words[0]
                        if not (w0.text.lower() in self.common and _sentence_initial(text, w0.start)) \
                                and w0.text.lower() not in TITLE_WORDS and not w0.poss:
                            taken.add(w0.start)
                            mentions.append(Mention(w0.start, words[-1].end, text[w0.start:words[-1].end],
                                                    "place", None, (qs, qs + len(surface))))
        if late_persons:
            mentions = [x for x in mentions if not (
                x.kind == "place" and x.qualifier is None and nk(x.text) in late_persons
                and not strong(nk(x.text)))]
        mentions.sort(key=lambda x: (x.start, x.end))
        if text != original:
            mentions = [_replace(x, text=original[x.start:x.end]) for x in mentions]
        return mentions

    def _abbreviation(self, surface: str) -> Any:
        try:
            return self.gaz.abbreviation(surface)
        except Exception:  # pragma: no cover - a gazetteer without abbreviations
            return None

    def _feature_span(self, text: str, r: list[_Tok], caps_cache: dict[int, bool]) -> tuple[int, int] | None:
        words = [t for t in r if not t.conn]
        if len(words) < 2 or self._line_caps(text, r[0].start, caps_cache):
            return None
        last = words[-1].text.lower().rstrip(".")
        first = words[0].text.lower().rstrip(".")
        if self.features == "streets" and last not in STREET_WORDS:
            return None
        if last not in STREET_WORDS and last not in FEATURE_HEADS and (
                first not in FEATURE_PREFIXES or last in ORG_WORDS or last in GEO_HEADS):
            return None  # "Mt. Pleasant News" is a newspaper, "Lake County" a county
        if words[-1].poss and last not in FEATURE_HEADS:
            return None
        # Leading words that are not part of the name: "In", "The", titles.
        k = 0
        while k < len(words) - 1:
            w = words[k].text.lower().rstrip(".")
            if w == "the" or w in TITLE_WORDS or (
                    k == 0 and w in self.common and w not in FEATURE_PREFIXES
                    and _sentence_initial(text, words[k].start)):
                k += 1
                continue
            break
        if len(words) - k < 2:
            return None
        return words[k].start, words[-1].end

    def _qualifier_from_run(self, text: str, end: int, lookups: dict,
                            cands: list | None = None) -> tuple[int, int] | None:
        """The span of a ", State" / ", Country" qualifier spelled out in full after ``end``.

        The whole following name must be the state or country ("Miami, West Palm Beach" has
        no qualifier "West"), and when ``cands`` (the readings of the name before the comma)
        are given, one of them must lie in it: "West Palm Beach, New York, and Detroit" is a
        list, not a West Palm Beach in New York."""
        m = _COMMA_SP_RE.match(text, end, end + 3)
        if not m:
            return None
        qs = m.end()
        rm = _RUN_RE.match(text, qs)
        if not rm:
            return None
        # The longest prefix of the following run that is a state or a country.
        toks = self._tokens(text, rm.start(), rm.end())
        best = None
        last = max((j for j, t in enumerate(toks) if not t.conn), default=-1)
        for j, t in enumerate(toks):
            if t.conn:
                continue
            k = self.name_key(text[qs:t.end])
            qc = lookups.get(k)
            if qc is None and k in self.keys:
                qc = _memo_lookup(self.gaz, [k]).get(k, [])
            quals = [p for p in (qc or ()) if p.kind == "country" or (
                p.kind == "admin1" and self.name_key(p.name) == k)]
            if quals and (j == last or t.poss) and not _LIST_GOES_ON_RE.match(text, t.end):
                if cands is None or any(
                        c.country_code == q.country_code and (q.kind == "country" or c.admin1 in (q.admin1, q.name))
                        for c in cands for q in quals if c.kind != "country"):
                    best = (qs, t.end)
            if t.poss or k not in self.prefixes:
                break
        return best


def qualifier_after(text: str, end: int, gazetteer: Any) -> tuple[int, int] | None:
    """The span of an abbreviated state qualifier right after ``end`` (", La.", ", TX",
    ", N.Y."), or None.  Spelled-out qualifiers (", Texas") are found by the recognizer."""
    m = _NEXT_QUAL_RE.match(text, end)
    if not m:
        return None
    surface = m.group(1).strip()
    ab = getattr(gazetteer, "abbreviation", None)
    if ab is None:
        return None
    try:
        p = ab(surface)
    except Exception:  # a malformed abbreviation must not stop recognition
        p = None
    if p is None:
        return None
    return (m.start(1), m.start(1) + len(surface))


@functools.lru_cache(maxsize=4)
def _recognizer_for(gaz_id: int, gaz: Any) -> Recognizer:
    return Recognizer(gaz)


def recognize(article: Article | str, gazetteer: Any = None) -> list[Mention]:
    """Return the place and demonym mentions of ``article``, in text order.

    ``gazetteer`` defaults to :func:`incidentmap.gazetteer.load_gazetteer`.  Offsets index
    ``article.text``: ``text[m.start:m.end] == m.text`` for every mention.  Demonyms
    ("Russian", "Kazakhs") have ``kind="demonym"`` and their ``country_code``.
    """
    if gazetteer is None:
        from .gazetteer import load_gazetteer

        gazetteer = load_gazetteer()
    return _recognizer_for(id(gazetteer), gazetteer)(article)

