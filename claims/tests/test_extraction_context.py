"""Shared per-article helpers (claims.extraction.context): event windows and places.

Short sentences written for these tests (pure functions, no database)."""

from datetime import datetime

from claims.tests import extraction_fixtures
from claims.tests.extraction_fixtures import BAKU, only

lexicon, name, extract = extraction_fixtures.lexicon, extraction_fixtures.name, extraction_fixtures.extract


def test_casualty_place_prefers_the_town_to_the_country(extract, lexicon):
    claim = only(extract("A missile hit Ganja in Azerbaijan, killing nine people."), "casualty")
    assert lexicon.places[claim.place_id] == "Ganja"


def test_accused_of_with_a_clock_time_resolved_against_the_article_date(extract, name):
    text = "On Saturday, Armenian officials accused Azeri troops of launching an assault at 12:05 pm."
    claim = only(extract(text), "accusation")
    assert name(claim.claimant) == "Government of Armenia"
    assert name(claim.accused) == "Armed Forces of Azerbaijan"
    assert claim.act == "launching an assault at 12:05 pm"
    assert claim.event_start == datetime(2020, 10, 10, 12, 5, tzinfo=BAKU)
    assert claim.event_end < datetime(2020, 10, 10, 12, 6, tzinfo=BAKU)


def test_on_sunday_is_the_whole_sunday_before_the_article(extract):
    claim = only(extract("Azerbaijani officials accused Armenia of shelling Barda on Sunday."), "accusation")
    assert claim.event_start == datetime(2020, 10, 11, tzinfo=BAKU)
    assert claim.event_end.astimezone(BAKU).date() == datetime(2020, 10, 11).date()


def test_the_dateline_city_is_where_the_report_was_filed_not_where_people_died(extract, lexicon):
    claim = only(
        extract(
            "BAKU, Azerbaijan (AP) — Shelling killed four civilians in Tartar, Azerbaijani officials said."
        ),
        "casualty",
    )
    assert lexicon.places[claim.place_id] == "Tartar"


def test_a_dateline_alone_gives_no_place(extract):
    claim = only(
        extract("GANJA, Oct 12 Shelling killed four civilians overnight, Azerbaijani officials said."),
        "casualty",
    )
    assert claim.place_id is None


def test_a_capital_standing_for_its_government_is_no_place(extract):
    claim = only(
        extract(
            "Shelling killed four civilians overnight, in what Baku described as a war crime, Azerbaijani officials said."
        ),
        "casualty",
    )
    assert claim.place_id is None


def test_a_capital_struck_is_the_place(extract, lexicon):
    claim = only(
        extract("Shelling killed four civilians in Stepanakert, Armenian officials said."), "casualty"
    )
    assert lexicon.places[claim.place_id] == "Stepanakert"


def test_an_agency_dateline_before_the_subject_is_nobodys_name(extract, name):
    claim = only(
        extract("(Bloomberg) -- Armenians fired rockets at Tartar overnight, Azerbaijani officials said."),
        "accusation",
    )
    assert name(claim.accused) == "Armenia"
    assert claim.quote.startswith("Armenians fired rockets")


def test_a_bracketed_aside_opening_a_sentence_without_a_dash_is_no_dateline(extract, name):
    claim = only(
        extract("(Updated) Armenian forces shelled Tartar overnight, Azerbaijani officials said."),
        "accusation",
    )
    assert name(claim.accused) == "Armed Forces of Armenia"
