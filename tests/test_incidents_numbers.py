"""Counts of people: exact numbers, vague figures as ACLED codes them, written numbers."""

import pytest

from incidentmap.incidents.numbers import find_counts, parse_count


@pytest.mark.parametrize("phrase,value,exact", [
    ("353", 353, True),
    ("3.5 million", 3_500_000, False),
    ("2 million", 2_000_000, True),
    ("more than 1.5 thousand", 1501, False),
    ("1,200", 1200, True),
    ("two", 2, True),
    ("thirteen", 13, True),
    ("twenty-one", 21, True),
    ("more than a dozen", 13, False),
    ("at least 5", 5, False),
    ("dozens", 12, False),      # ACLED: "dozens" = 12
    ("scores", 20, False),
    ("hundreds", 100, False),   # ACLED: "hundreds" = 100
    ("thousands", 1000, False),
    ("about 40", 40, False),
    ("more than 800", 801, False),
])
def test_numbers_parse_count(phrase, value, exact):
    c = parse_count(phrase)
    assert (c.value, c.exact, c.phrase) == (value, exact, phrase)


def kinds(text):
    return {m.kind: m.count for m in find_counts(text)}


def test_numbers_injured_count_before_the_verb():
    c = kinds("Another 353 protesters were injured")["injured"]
    assert c.value == 353 and c.exact


def test_numbers_deaths_of_two_groups_are_summed_as_a_lower_bound():
    c = kinds("the uprising led to the deaths of scores of demonstrators and more than a dozen "
              "police officers.")["fatalities"]
    assert c.value == 20 + 13 and not c.exact
    assert "more than a dozen police officers" in c.phrase


def test_numbers_killed_and_injured_in_one_sentence():
    k = kinds("The attack killed three people and injured 12 others.")
    assert k["fatalities"].value == 3 and k["injured"].value == 12


def test_numbers_a_man_counts_one():
    assert kinds("A man was shot and killed on Main Street.")["fatalities"].value == 1


def test_numbers_arrests():
    assert kinds("Police arrested two men.")["arrested"].value == 2


def test_numbers_years_are_not_counts():
    assert "fatalities" not in kinds("In 2019 killed was a word.")


def test_numbers_negated_cue_has_no_count():
    from incidentmap.incidents.modality import blocked_reason

    text = "No one was injured."
    neg = lambda s, e: (blocked_reason(text, s, e) or "").startswith("negated")
    assert find_counts(text, negated=neg) == []


def test_numbers_participle_killing_counts_the_dead():
    (c,) = find_counts("A gunman opened fire at a bar, killing three people.")
    assert c.kind == "fatalities" and c.count.value == 3 and c.count.exact
    assert find_counts("The killing of a guard shocked the town.") == []
