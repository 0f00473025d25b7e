"""Dates relative to the publication date; never invented without one."""

import datetime as dt

import pytest

from incidentmap.incidents.dates import find_dates, resolve_weekday

FRI = dt.date(2022, 1, 7)  # a Friday


def first(text, published=FRI):
    ds = find_dates(text, published)
    assert ds, text
    return ds[0]


@pytest.mark.parametrize("text,expected", [
    ("Troops arrived on Thursday.", dt.date(2022, 1, 6)),
    ("By early Thursday, troops were seen.", dt.date(2022, 1, 6)),
    ("It began Wednesday.", dt.date(2022, 1, 5)),
    ("It happened Friday.", dt.date(2022, 1, 7)),       # the day of publication
    ("It happened Saturday.", dt.date(2022, 1, 1)),
    ("The uprising began on New Year's Day.", dt.date(2022, 1, 1)),
    ("The uprising began on New Year’s Day.", dt.date(2022, 1, 1)),
    ("He was arrested yesterday.", dt.date(2022, 1, 6)),
    ("on Jan. 5", dt.date(2022, 1, 5)),
    ("on 5 January", dt.date(2022, 1, 5)),
    ("on December 24", dt.date(2021, 12, 24)),          # the past, so last year
    ("on Christmas Eve", dt.date(2021, 12, 24)),
    ("on January 6, 2021", dt.date(2021, 1, 6)),
    ("on 2021-01-06", dt.date(2021, 1, 6)),
    ("on 1/6/2021", dt.date(2021, 1, 6)),
])
def test_dates_resolve_against_the_publication_date(text, expected):
    d = first(text)
    assert d.date == expected
    assert d.precision == "day"


def test_dates_weekday_rule():
    assert resolve_weekday(3, FRI) == dt.date(2022, 1, 6)   # Thursday before a Friday
    assert resolve_weekday(4, FRI) == FRI


def test_dates_last_week_is_a_week_precision_date_in_the_previous_week():
    d = first("Protests began last week.")
    assert d.precision == "week"
    assert dt.date(2021, 12, 27) <= d.date <= dt.date(2022, 1, 2)


def test_dates_month_without_day_has_month_precision():
    d = first("Clashes erupted in December.")
    assert (d.date.year, d.date.month, d.precision) == (2021, 12, "month")
    # Opening a sentence too: "In May" is the latest May on or before publication.
    d = first("In May, nine people were killed.")
    assert (d.date.year, d.date.month, d.precision) == (2021, 5, "month")


def test_dates_last_month_name_is_the_latest_such_month_before_publication():
    d = first("The car was engulfed in flames last August.")
    assert (d.date, d.precision) == (dt.date(2021, 8, 15), "month")
    # "last January" in a January paper is a year back; "in January" is this month.
    assert first("It happened last January.").date == dt.date(2021, 1, 15)
    assert first("It happened in January.").date == dt.date(2022, 1, 15)


@pytest.mark.parametrize("text", ["on Thursday", "yesterday", "on New Year's Day", "on Jan. 5",
                                  "last week"])
def test_dates_without_publication_date_stay_unresolved(text):
    assert first(text, None).date is None


def test_dates_with_a_year_resolve_without_publication_date():
    assert first("on January 6, 2021", None).date == dt.date(2021, 1, 6)


def test_dates_next_weekday_is_future():
    assert first("Protesters will march next Monday.").future


def test_dates_modal_may_is_not_a_month():
    assert find_dates("Protests may spread.", FRI) == []


def test_dates_an_old_date_does_not_date_the_news_after_it():
    from _incidents_helpers import run
    text = ("Jury selection began in Almaty on Monday in the trial of a former officer. He shot a "
            "woman through the window of his car in July 2017. Dozens of protesters gathered outside "
            "the courthouse in Almaty, calling for justice.")
    incs = run(text, published=dt.date(2019, 4, 2))
    assert [(i.type, i.date) for i in incs] == [("protest", dt.date(2019, 4, 1))]


def test_dates_a_weekday_last_week_and_after_a_time_of_day():
    from _incidents_helpers import run
    pub = dt.date(2022, 10, 5)  # a Wednesday
    d = first("Forces opened fire after Friday prayers last week.", pub)
    assert d.date == dt.date(2022, 9, 30)
    incs = run("In Almaty, security forces opened fire on worshippers after Friday prayers last week, "
               "killing 41 people.", published=pub)
    assert [(i.type, i.date) for i in incs] == [("attack", dt.date(2022, 9, 30))]
