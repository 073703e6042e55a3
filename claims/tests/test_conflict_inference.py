"""Which conflict an article is filed under when several loaded wars share parties and countries: the
mentions the two closest conflicts do not share decide, and a text they cannot tell apart is left for
a reviewer."""

from datetime import UTC, datetime

import pytest

from claims.services.conflict_inference import conflict_infer
from sources.models import Conflict

# All seven packs, loaded once for the module rather than once per test.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shipped_packs_for_module")]

GAZA_REPORT = """\
Israeli strikes on Khan Younis killed 12 people overnight, the Gaza health ministry said.
The Israeli military said it struck Hamas fighters in Khan Younis and Rafah.
Hamas accused Israel of targeting a shelter in Rafah.
Iran condemned the strikes, and the United States said talks on a truce in Gaza would go on.
"""

TWELVE_DAY_WAR_REPORT = """\
Iranian missiles hit Bat Yam and Rehovot overnight, Israel's Magen David Adom said.
The Israeli military said its jets struck missile launchers near Tabriz and Kermanshah.
The IRGC said it had fired a new salvo at Tel Aviv, and Iran's foreign ministry accused Israel of striking
a hospital in Tehran. A minister said the war had drawn attention away from Gaza.
"""

SHARED_ONLY = "Israel and the United States said they were watching events closely."


def _slug(text: str) -> str | None:
    guess = conflict_infer(text=text)
    return Conflict.objects.get(pk=guess.conflict_id).slug if guess.conflict_id else None


def test_an_israel_hamas_report_that_names_iran_and_the_us_is_filed_under_israel_hamas(shipped_packs):
    assert _slug(GAZA_REPORT) == "israel-hamas-2023"


def test_an_israel_iran_report_that_names_gaza_once_is_filed_under_israel_iran(shipped_packs):
    assert _slug(TWELVE_DAY_WAR_REPORT) == "israel-iran-2025"


def test_a_text_naming_only_what_two_wars_share_is_left_for_review(shipped_packs):
    guess = conflict_infer(text=SHARED_ONLY)
    assert guess.conflict_id is None
    assert "several conflicts" in guess.reason or "often enough" in guess.reason


# A 2020 report that names Turkey, Russia and Syria as much as the Karabakh front: by its words alone it
# fits the 2022 invasion of Ukraine too.
MERCENARIES_REPORT = """\
Russia and France said they were alarmed by reports that Turkey had sent Syrian fighters to Azerbaijan.
Moscow said Syrian and Libyan militants were moving to the zone of the conflict, and Ankara denied it.
Armenia said the fighters were deployed near Martuni.
"""


def test_an_article_published_before_a_war_began_is_not_filed_under_it(shipped_packs):
    undated = conflict_infer(text=MERCENARIES_REPORT)
    dated = conflict_infer(text=MERCENARIES_REPORT, published=datetime(2020, 10, 2, 9, tzinfo=UTC))
    russia_ukraine = Conflict.objects.get(slug="russia-ukraine-2022").pk
    assert undated.scores[russia_ukraine] > 0
    assert russia_ukraine not in dated.scores
    assert Conflict.objects.get(pk=dated.conflict_id).slug == "nagorno-karabakh-2020"
