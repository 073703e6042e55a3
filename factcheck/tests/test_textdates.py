"""An article without a date is dated by the first full date in its opening: day, month and year in
either order, with or without ordinals and commas; a day without a year, or no real day, is not one."""

from datetime import date

import pytest

from factcheck.textdates import dated_text_find


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("STEPANAKERT, 4 October 2020 - Shelling resumed overnight.", date(2020, 10, 4)),
        ("Posted Oct. 12, 2020. The ministry said ...", date(2020, 10, 12)),
        ("On the 3rd of the month, on September 27th, 2020, fighting began.", date(2020, 9, 27)),
    ],
)
def test_the_first_full_date_in_the_opening_dates_the_article(text, day):
    assert dated_text_find(text) == day


def test_a_day_without_a_year_or_an_impossible_day_is_not_a_date():
    assert dated_text_find("Fighting resumed on 4 October, officials said.") is None
    assert dated_text_find("Filed 31 February 2021; updated 2 March 2021.") == date(2021, 3, 2)


def test_only_the_opening_is_read():
    assert dated_text_find("x" * 2500 + " 4 October 2020") is None
    assert dated_text_find("x" * 100 + " 4 October 2020", limit=200) == date(2020, 10, 4)
