"""Sentences and paragraphs of an article, split once, with offsets into ``Article.text``.

Rules, not a model: a sentence ends at ``.``, ``!`` or ``?`` (optionally followed by closing
quotes or brackets) before whitespace and a capital, digit or opening quote, unless the word
before the period is a known abbreviation ("Mr.", "Jan.", "U.S.", "St."); a line break ends a
sentence when the line has no closing punctuation (headlines, datelines) and a blank line
ends a paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Sentence", "split_sentences", "quoted_spans"]

_ABBREV = {
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "col", "lt", "sgt", "capt",
    "cpl", "det", "ofc", "insp", "supt", "st", "ave", "blvd", "rd", "mt", "ft", "jr", "sr", "inc",
    "co", "corp", "ltd", "no", "vs", "etc", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thur", "thurs",
    "fri", "sat", "sun", "u.s", "u.k", "u.n", "e.g", "i.e", "approx", "dept",
    "gov", "pres", "rev", "hon", "atty", "calif", "fla", "tex", "ariz", "colo", "conn", "del",
    "ga", "ill", "ind", "kan", "ky", "la", "md", "mass", "mich", "minn", "miss", "mo", "mont",
    "neb", "nev", "okla", "ore", "pa", "tenn", "va", "vt", "wash", "wis", "wyo", "russ", "est",
}

# Candidate boundaries: terminal punctuation (+ closing quotes) then whitespace, or a newline.
_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s)|\n")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")
_NEXT_START = re.compile(r"\s*([\"'“‘(\[]?)(\S)")


@dataclass(frozen=True)
class Sentence:
    """One sentence: ``text == article_text[start:end]``; ``index`` counts sentences from 0
    and ``paragraph`` counts paragraphs (blocks separated by blank lines) from 0."""

    start: int
    end: int
    text: str
    index: int
    paragraph: int


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences with their offsets and paragraph numbers."""
    out: list[Sentence] = []
    para = 0
    pos = 0
    n = len(text)

    def emit(s: int, e: int) -> None:
        # Trim whitespace while keeping offsets true.
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append(Sentence(s, e, text[s:e], len(out), para))

    for m in _BOUNDARY.finditer(text):
        if m.group() == "\n":
            # A line break ends a sentence when a blank line follows (a paragraph), or when the
            # line is short and the next one starts with a capital (headlines, datelines);
            # hard-wrapped text ("... officials\nsay.") flows on.
            j = m.end()
            while j < n and text[j] in " \t\r":
                j += 1
            blank = j >= n or text[j] == "\n"
            line_start = text.rfind("\n", 0, m.start()) + 1
            line_len = m.start() - line_start
            if not blank and (j < n and not text[j].isupper() and not text[j].isdigit()
                              and text[j] not in "\"“'‘(-•*" or line_len >= 70):
                continue
            emit(pos, m.start())
            pos = m.end()
            j = pos
            while j < n and text[j] in " \t\r":
                j += 1
            if j < n and text[j] == "\n" and out and out[-1].paragraph == para:
                para += 1
            continue
        end = m.end()
        punct = m.group()
        if punct.startswith("."):
            w = _WORD_BEFORE.search(text, max(pos, m.start() - 20), m.start() + 1)
            if w:
                word = w.group(1).lower()
                if word in _ABBREV or (len(word) == 1 and word.isalpha()):
                    continue
                # Abbreviations written with inner periods ("U.S.", "D.C.") end a sentence only
                # when the next word is a usual sentence opener.
                if "." in word and len(word) <= 6:
                    nxt = _NEXT_START.match(text, end)
                    if not (nxt and _looks_sentence_initial(text, nxt.start(2))):
                        continue
        nxt = _NEXT_START.match(text, end)
        if nxt and not (nxt.group(2).isupper() or nxt.group(2).isdigit() or nxt.group(1)):
            continue
        emit(pos, end)
        pos = end
    emit(pos, n)
    return out


_SENTENCE_STARTERS = re.compile(
    r"(?:The|A|An|He|She|They|It|We|I|In|On|At|But|And|Police|Officials|Authorities|This|That|"
    r"There|His|Her|Their|Its|After|When|While|According|No|One|Two|Three|Some|Many)\b")


def _looks_sentence_initial(text: str, i: int) -> bool:
    return bool(_SENTENCE_STARTERS.match(text, i))


_QUOTE = re.compile(r"[\"“”]")


_SAID_AFTER = re.compile(r"\s+(?:(?:he|she|they|it|we|I)\s+(?:said|says|added|told)|said|says|added|according)\b")


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Spans inside double quotation marks (direct speech), paired left to right within the
    text given (one sentence or paragraph); an unpaired quote opens a span to the end."""
    marks = [m.start() for m in _QUOTE.finditer(text)]
    spans = []
    if marks and (text[marks[0]] == "”" or (text[marks[0]] == '"' and marks[0] > 0 and
                                             text[marks[0] - 1] in ",.!?" and
                                             _SAID_AFTER.match(text, marks[0] + 1))):
        # The last sentence of a quotation that began in an earlier one ("They vandalised a
        # number of businesses out here," he said.): speech up to its closing mark.
        spans.append((0, marks[0] + 1))
        marks = marks[1:]
    for i in range(0, len(marks) - 1, 2):
        spans.append((marks[i], marks[i + 1] + 1))
    if len(marks) % 2 == 1:
        spans.append((marks[-1], len(text)))
    return spans
