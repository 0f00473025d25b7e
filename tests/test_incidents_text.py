"""Sentence splitting with true offsets."""

from incidentmap.incidents.text import quoted_spans, split_sentences


def test_text_sentences_keep_offsets_into_the_text():
    text = "Police arrested two men. The fire spread quickly!  Was anyone hurt?"
    sents = split_sentences(text)
    assert [s.text for s in sents] == ["Police arrested two men.", "The fire spread quickly!",
                                        "Was anyone hurt?"]
    assert all(text[s.start:s.end] == s.text for s in sents)


def test_text_abbreviations_do_not_end_sentences():
    text = "Mr. Smith flew to Washington on Jan. 5. The U.S. Army arrived later."
    assert [s.text for s in split_sentences(text)] == [
        "Mr. Smith flew to Washington on Jan. 5.", "The U.S. Army arrived later."]


def test_text_blank_lines_make_paragraphs_and_wrapped_lines_flow_on():
    text = ("A bomb killed 13 soldiers, officials\nsay.\n\nRiots spread on Monday.")
    sents = split_sentences(text)
    assert [s.text for s in sents] == ["A bomb killed 13 soldiers, officials\nsay.",
                                       "Riots spread on Monday."]
    assert sents[0].paragraph != sents[1].paragraph


def test_text_short_lines_without_punctuation_are_sentences_of_their_own():
    sents = split_sentences("Riots draw aid\nTroops arrived in the city on Monday.")
    assert [s.text for s in sents] == ["Riots draw aid", "Troops arrived in the city on Monday."]


def test_text_quoted_spans_cover_direct_speech():
    s = 'He said "it is an attack on our citizens" and left.'
    (a, b), = quoted_spans(s)
    assert s[a:b] == '"it is an attack on our citizens"'


def test_text_a_clock_time_may_end_a_sentence():
    from incidentmap.incidents.text import split_sentences

    text = ("It imposed a curfew from 6 p.m. to 5 a.m. The government said police arrested 40. "
            "The blast came at 9 a.m. Monday near the market.")
    assert [s.text for s in split_sentences(text)] == [
        "It imposed a curfew from 6 p.m. to 5 a.m.", "The government said police arrested 40.",
        "The blast came at 9 a.m. Monday near the market."]


def test_text_the_last_sentence_of_a_quotation_is_speech():
    from incidentmap.incidents.text import quoted_spans

    s = "They vandalised a number of businesses out here, graffitied everything,\" he said."
    assert quoted_spans(s) == [(0, s.index('"') + 1)]
    # An opening mark after a comma is not a closing one.
    s = 'He said, "Go home."'
    assert quoted_spans(s) == [(s.index('"'), len(s))]
