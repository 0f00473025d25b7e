"""What did not happen is not an incident: negation, modality, hypotheticals, reported plans.

A trigger is blocked when, in its own clause and shortly before it, the text says it did not
happen ("no one was injured", "was not arrested"), might or will happen ("would", "could",
"may", "plans to", "threatened to", "vowed"), is asked for ("urged", "called for", "demanded"),
prevented or forbidden ("to prevent looting", "a ban on protests"), or is conditional ("if").
Questions and direct speech (inside quotation marks) are blocked too: a quote states what
someone says, which the narrative around it repeats when it is a fact.
"""

from __future__ import annotations

import re

__all__ = ["blocked_reason", "clause_start"]

# Clause boundaries: a trigger's scope does not reach back over them.
_BOUNDARY = re.compile(r"[;:—–]|,\s*(?:and|but|while|as|after|before|when|although|though|because)\b|"
                       r"\b(?:but|while|whereas|although|after|before|when|because|as)\b|(?<!\d),(?!\d{3})")
_NEGATION = re.compile(r"\b(?:not|n[’']t|never|no|none|nobody|no one|neither|nor|without|"
                       r"denied|denies|deny|false|rumou?rs?)\b", re.I)
# "denied that any protester had been shot": a denial reaches the whole clause it governs.
_DENIED_THAT = re.compile(r"\b(?:denied|denies|deny|denying)\s+(?:that|reports\s+that|claims\s+that)\b", re.I)
_MODAL = re.compile(
    r"\b(?:would|could|may|might|will|shall|should|must|can|cannot|"
    r"vow(?:ed|s|ing)?|promis(?:ed|es|ing)|pledg(?:ed|es|ing)|threat(?:en|ened|ens|ening)?\s+to|threats?\s+to|urg(?:ed|es|ing|e)|"
    # "the union has threatened a general strike next month"
    # (the trigger follows: the words before it end with the threat's article)
    r"threaten(?:ed|s|ing)?\s+(?:an?|more|further|new|fresh|nationwide|indefinite)(?:\s+[\w-]+)?$|"
    r"call(?:ed|s|ing)?\s+(?:for|on)|plan(?:s|ned|ning)?|intend(?:s|ed)?|"
    r"warn(?:ed|s|ing)?|fear(?:ed|s)?|aim(?:s|ed)?\s+to|seek(?:s|ing)?\s+to|sought\s+to|"
    r"prepar(?:ed|ing)\s+to|expected\s+to|scheduled|set\s+to|going\s+to|want(?:s|ed)?\s+to|"
    r"ability\s+to|capable\s+of|capacity\s+to|contemplat(?:ed|es|ing)|consider(?:ed|s|ing)|mulled|"
    r"demand(?:ed|s|ing)?|ask(?:ed|s|ing)?\s+(?:for|to)|tr(?:y|ied|ying)\s+to|attempt(?:ed|s)?\s+to|"
    r"prevent(?:ed|s|ing)?|avoid(?:ed|s)?|stop(?:ped)?|ban(?:ned|s)?\s+on|banned|forb(?:id|ade|idden)|"
    r"prohibit(?:ed|s)?|if|unless|whether|in case|in the event|possible|potential|likely|"
    r"risk of|threat of|upcoming|planned|future|anniversary|memorial|mock|drill|exercises?|"
    r"simulat(?:ed|es|ing|ion)|rehears(?:al|ed|ing)|scenarios?|fictional|fictitious|hypothetical|imaginary|hoax|fake|plots?|plotted|plotting|conspir(?:acy|ed|ing)|"
    r"request(?:ed|s)?|ahead\s+of|(?:series|spate|wave|string|history|campaign)\s+of|"
    r"encourag(?:ed|es|ing)|decision\s+to|decided\s+to|agreed\s+to|proposal\s+to|proposed|"
    r"counts?\s+of|charged\s+(?:with|in)|(?:on\s+)?charges\s+(?:including|such\s+as)|offences\s+including|arrest(?:ed)?\s+for|charges?\s+(?:of|for|in)|pleaded\s+(?:not\s+)?guilty|convicted|"
    r"accused\s+of|on\s+trial\s+for|sentenced\s+for|suspicion\s+of|guilty\s+of|"
    r"investigat(?:e|ing|ion)\s+(?:into|of)|(?:being\s+)?investigated\s+for|under\s+investigation\s+for|failed\s+to|in\s+connection\s+with|related\s+to)\b",
    re.I)
# Uncertainty that only reaches the next few words ("a suspected blaze", "reports of a fire",
# but not "reports of a man threatening people ... shot him").
_NEAR_MODAL = re.compile(r"\b(?:suspected|possible|reports?\s+(?:of|that)|claims?\s+that|claiming\s+that|"
                         # "called the centre claiming a bomb had been placed inside"
                         r"claiming\s+(?:an?|two|three)\b|"
                         r"leading\s+to\s+(?:an?|the)|hoax|bomb threat|"
                         r"allegations?\s+(?:of|that)|alleged)\b", re.I)
# What someone faces or risks is a prospect ("face detention", "risk arrest"); "any" makes a
# case generic ("police break up any brawls that erupt").
_PROSPECT_BEFORE = re.compile(r"\b(?:on\s+(?:his|her|their|its|the)\s+way|heading|headed|travell?ing)\s+to\s+"
                              # "arrested on his way to a rally in Dakar": where he was going
                              r"(?:an?|the)\s+(?:[\w-]+\s+)?$|"
                              r"\b(?:fac(?:e|es|ed|ing)|risk(?:s|ed|ing)?)\s+(?:possible\s+|likely\s+|"
                              r"potential\s+|immediate\s+)?$|\bany\s+(?:[\w-]+\s+)?$|"
                              # "supporters of the strike" back it; "supporters of the party
                              # took to the streets" did something
                              r"\b(?:supporters?|backers?|opponents?|critics?)\s+of\s+(?:the\s+|a\s+)?(?:general\s+|planned\s+)?$",
                              re.I)
_PURPOSE_BEFORE = re.compile(r"(?<!began\s)(?<!begun\s)(?<!started\s)(?<!continued\s)(?<!proceeded\s)(?<!managed\s)"
                             r"(?<!rushed\s)(?<!helped\s)(?<!went\son\s)\bto\s+$", re.I)
# "arrested 230 people in and around Colombo by Friday morning for curfew violations and
# looting": what they are held for is a charge, not an event the sentence reports.
_FOR_CHARGE = re.compile(r"\b(?:arrested|detained|held|charged|jailed|booked|cited|fined|prosecuted)\b"
                         r"[^.;]{0,80}?\bfor\s+(?:[\w-]+\s+){0,3}(?:and\s+)?$", re.I)
# "A chilling report that a mother had been knocked unconscious ... triggered a frantic search":
# the whole sentence tells a report, true or not.
_REPORT_OPENING = re.compile(r"\W*(?:an?|the)\s+(?:[\w-]+\s+){0,2}?(reports?|claims?|rumou?rs?|allegations?)"
                             r"\s+that\b", re.I)
_CONFIRMED = re.compile(r"\b(?:confirmed|proved true|turned out to be true)\b", re.I)
# "was also reportedly attacked, though police there denied the reports": a claim denied.
_DENIED_AFTER = re.compile(r"[^.;]{0,60}?,?\s+(?:though|but|although)\s+(?:[\w’'-]+\s+){0,4}?(denied|deny|denies|"
                           r"dismissed|rejected)\s+(?:the\s+)?(?:reports?|claims?|allegations?|that|it)\b", re.I)
# A sentence whose subject is a story or an exercise tells what it imagines ("The scenario,
# which is fictional, involves allied forces retaking an island", "The film shows police
# storming the square").
_STORY_SUBJECT = re.compile(r"\W*(?:the|this|that|its|their|his|her)\s+(?:[\w-]+\s+){0,2}?(scenario|exercise|drill|"
                            r"simulation|war\s*games?|plot|storyline|novel|film|movie|documentary|"
                            r"drama|play|script|video\s+game)\b(?!\s+(?:was|were)\s+(?:interrupted|halted|"
                            r"cancell?ed|called\s+off))", re.I)
# A plan stated after its noun: "a march in memory of the teen is planned for Thursday", "the
# rally was called off", "protests are expected"; "the attack was planned by" reports an event.
_PLAN_AFTER = re.compile(
    r"(?<!\band)\s(?:is|are|was|were|has\s+been|have\s+been|had\s+been)\s+(?:now\s+|also\s+|being\s+)?"
    r"(?:planned|scheduled|expected|set(?!\s+(?:intentionally|deliberately|on purpose|ablaze|alight|on fire))|due|slated|called\s+off|proposed|feared|threatened|banned|"
    r"cancell?ed|postponed|prevented|averted|foiled|thwarted)\b(?!\s+by\b)"
    r"|\s(?:will|would|is\s+to|are\s+to)\s+(?:be\s+held|take\s+place|go\s+ahead)\b"
    # "demonstrations can occur with little warning", "curfews may be imposed at short notice"
    r"|\s(?:can|could|may|might)\s+(?:also\s+|still\s+|quickly\s+|easily\s+)?(?:be\s+(?:imposed|declared|ordered|"
    r"called|held|expected)|occur|happen|break\s+out|erupt|turn\s+violent|spread|escalate)\b", re.I)
# The series as the subject of what happened ("a string of bombs exploded"), not a history
# the news joins ("the latest in a string of attacks on the capital").
_SERIES_HAPPENED = re.compile(r"\b(?:series|spate|wave|string|campaign)\s+of\s+(?:[\w-]+\s+){1,4}?"
                              r"(?:exploded|went off|detonated|hit|struck|rocked|tore through|killed|"
                              r"wounded|erupted|broke out)\b", re.I)
_SERIES = re.compile(r"(?:series|spate|wave|string|campaign)\s+of", re.I)
_A_DAY = re.compile(r"\b(?:on\s+|late\s+|early\s+|last\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|"
                    r"sunday)\b|\b(?:yesterday|overnight|last night|this morning)\b", re.I)
# Modals that state a perceived fact: "gunshots could be heard", "smoke could be seen".
_FACTUAL_MODAL = re.compile(r"\bcould\s+be\s+(?:heard|seen)\b", re.I)
_CASE_SENSITIVE_MODALS = {"may", "will", "can"}  # "May 5", "Will Smith", "Can" are not modal


def clause_start(sentence: str, pos: int) -> int:
    """Start of the clause holding position ``pos`` of ``sentence``."""
    start = 0
    for m in _BOUNDARY.finditer(sentence, 0, pos):
        start = m.end()
    return start


def blocked_reason(sentence: str, start: int, end: int, *, window_words: int = 9,
                   quoted: list[tuple[int, int]] | None = None) -> str | None:
    """Why the trigger at ``start:end`` of ``sentence`` does not report an incident, or None.

    Only the trigger's clause is read, and only ``window_words`` words before it (negation:
    three words), so "vowed that rioters would be punished; police arrested 20" still yields the
    arrest.
    """
    if sentence.rstrip().endswith("?"):
        return "question"
    if _STORY_SUBJECT.match(sentence):
        return "a story or an exercise: " + _STORY_SUBJECT.match(sentence).group(1).lower()
    for qs, qe in quoted or ():
        if qs <= start and end <= qe:
            return "direct speech"
    cs = clause_start(sentence, start)
    before = sentence[cs:start]
    words = before.split()
    near = " ".join(words[-window_words:])
    neg_near = " ".join(words[-3:])
    if _NEGATION.search(neg_near) or _DENIED_THAT.search(before):
        return "negated"
    if _PROSPECT_BEFORE.search(before):
        return "a prospect or a generic case"
    if _PURPOSE_BEFORE.search(before) and re.fullmatch(r"[a-z]+", sentence[start:end], re.I) and \
            not sentence[start:end].lower().endswith(("ed", "ing", "s")):
        # "ordered to use all legal means to arrest the escapees", "deployed to arrest rioters":
        # what someone means to do ("began to loot" did it).
        return "a purpose: to " + sentence[start:end].lower()
    m = _NEAR_MODAL.search(" ".join(words[-7:]))
    if m:
        return "uncertain: " + m.group().lower()
    for m in _MODAL.finditer(near):
        w = m.group()
        if w.lower() in _CASE_SENSITIVE_MODALS and w != w.lower():
            continue
        if _SERIES.match(w) and _A_DAY.search(sentence) and _SERIES_HAPPENED.search(sentence):
            continue  # "a string of small bombs exploded late on Saturday": that night's events
        return "modality: " + w.lower()
    # Gap patterns ("troops would be sent") hold their modal inside the match.
    inner = re.search(r"\b(?:would|could|might|may|will|should|must)\b", sentence[start:end])
    if inner:
        return "modality: " + inner.group()
    # "gunshots could be heard" has its modal after the trigger and is factual; "protests
    # could spread" puts the modal right after the noun and is not.
    clause_end = _BOUNDARY.search(sentence, end)
    if _PLAN_AFTER.search(sentence, end, min(end + 80, clause_end.start() if clause_end else len(sentence))):
        return "a plan or a prospect"
    charge = _FOR_CHARGE.search(sentence, 0, start)
    if charge:
        return "a charge: " + " ".join(charge.group().split()[-3:]).lower()
    if _REPORT_OPENING.match(sentence) and not _CONFIRMED.search(sentence):
        return "uncertain: " + _REPORT_OPENING.match(sentence).group(1).lower()
    if _DENIED_AFTER.match(sentence, end):
        return "denied: " + _DENIED_AFTER.match(sentence, end).group(1).lower()
    after = sentence[end:end + 40]
    m = re.match(r"\s+(?:would|could|might|may|will)\s+(?:\w+\s+)?(\w+)", after)
    if m and not _FACTUAL_MODAL.match(after.lstrip()):
        return "modality: " + after.split()[0].lower()
    return None
