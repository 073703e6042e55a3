"""Who says what (claims.extraction.attribution): speakers, appositions, relays, context.

Short sentences written for these tests (pure functions, no database)."""

import pytest

from claims.extraction import NewParty
from claims.extraction.attribution import attribution
from claims.extraction.context import ArticleContext
from claims.extraction.patterns import stems_of
from claims.tests import extraction_fixtures
from claims.tests.extraction_fixtures import SUNDAY_11_OCT, only

lexicon, name, extract = extraction_fixtures.lexicon, extraction_fixtures.name, extraction_fixtures.extract


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        ("Azeri officials said nine civilians were killed in Ganja.", "Government of Azerbaijan"),
        ("The Armenian side claimed that 12 soldiers were wounded.", "Armenia"),
        (
            "Nine civilians were killed in Ganja, the Azerbaijani Defence Ministry said on Sunday.",
            "Ministry of Defence of Azerbaijan",
        ),
        ("Armenian officials insisted that two civilians died in Stepanakert.", "Government of Armenia"),
        (
            "The Armenian Defence Ministry announced that 16 more soldiers had been killed.",
            "Ministry of Defence of Armenia",
        ),
        (
            "According to Azerbaijan's Prosecutor General, nine people were killed.",
            "Prosecutor General of Azerbaijan",
        ),
        ("Nine people were killed, according to Azerbaijani officials.", "Government of Azerbaijan"),
        ("Turkish presidential spokesman Ibrahim Kalin said 30 civilians had been killed.", "Ibrahim Kalin"),
        (
            "Armenia's defence ministry spokeswoman Shushan Stepanyan said two soldiers were wounded.",
            "Shushan Stepanyan",
        ),
        ('"Four soldiers were killed on the front," said Artsrun Hovhannisyan.', "Artsrun Hovhannisyan"),
        (
            "Hikmet Hajiyev, an aide to President Ilham Aliyev, said seven civilians were wounded.",
            "Hikmet Hajiyev",
        ),
        (
            "Shelling killed four people in Tartar, according to local activists who posted photos of the dead.",
            "local activists",
        ),
        ("Hikmet Hajiyev put the death toll at 14.", "Hikmet Hajiyev"),
        ("The shelling wounded 30 more people in Tartar, per Hikmet Hajiyev.", "Hikmet Hajiyev"),
        (
            "Over 20 civilians have died after shelling of Tartar, as reported by the Azerbaijani Defence Ministry.",
            "Ministry of Defence of Azerbaijan",
        ),
        (
            "The shelling wounded 30 more people, per Azerbaijan's Prosecutor General, as he said rescuers "
            "were still searching the rubble.",
            "Prosecutor General of Azerbaijan",
        ),
        ("In Tartar, local activists also reported that four people were killed.", "local activists"),
        ("Hikmet Hajiyev put it at over 20 dead.", "Hikmet Hajiyev"),
        ("Azerbaijan's prosecutor general speaks of 19 dead in Tartar.", "Prosecutor General of Azerbaijan"),
        ("Hikmet Hajiyev spoke of at least 12 civilians killed.", "Hikmet Hajiyev"),
        ("Hikmet Hajiyev counted 12 civilians dead and 40 wounded in Tartar.", "Hikmet Hajiyev"),
        ("Hikmet Hajiyev posted on Twitter that four civilians were killed in Tartar.", "Hikmet Hajiyev"),
        ('"Two civilians were wounded in Tartar," Hikmet Hajiyev posted on Twitter.', "Hikmet Hajiyev"),
        (
            "The Azerbaijani Defence Ministry told national television six soldiers were killed.",
            "Ministry of Defence of Azerbaijan",
        ),
    ],
)
def test_the_speaker_is_resolved_to_a_party(extract, name, text, claimant):
    claim = only(extract(text), "casualty")
    assert name(claim.claimant) == claimant


def test_an_unknown_official_is_proposed_under_the_right_parent(extract, lexicon, name):
    claim = only(
        extract("Russian Deputy Foreign Minister Andrei Rudenko said 40 civilians had died."), "casualty"
    )
    assert isinstance(claim.claimant, NewParty)
    assert claim.claimant.name == "Andrei Rudenko"
    assert name(claim.claimant.parent_id) == "Government of Russia"


def test_an_unknown_official_in_apposition_takes_the_parent_from_the_role(extract, name):
    text = "Ali Ahmadov, Azerbaijan's deputy prime minister, said 11 civilians were wounded in Tartar."
    claim = only(extract(text), "casualty")
    assert claim.claimant.name == "Ali Ahmadov"
    assert name(claim.claimant.parent_id) == "Government of Azerbaijan"


def test_an_unknown_state_body_is_proposed_under_its_government(extract, name):
    claim = only(extract("The Azerbaijani Health Ministry said 25 civilians were wounded."), "casualty")
    assert claim.claimant == NewParty("Azerbaijani Health Ministry", claim.claimant.parent_id, "ministry")
    assert name(claim.claimant.parent_id) == "Government of Azerbaijan"


def test_a_speaker_named_only_in_the_previous_sentence(extract, name):
    text = (
        "Armenian Defence Ministry spokeswoman Shushan Stepanyan briefed reporters on Monday. "
        "Two civilians were killed in Martuni, she said."
    )
    claim = only(extract(text), "casualty")
    assert name(claim.claimant) == "Shushan Stepanyan"
    assert claim.quote == "Two civilians were killed in Martuni, she said."


def test_an_unresolvable_speaker_yields_no_claim(extract):
    assert extract("A local shopkeeper said nine people were killed.") == []


def test_reuters_reported_relays_the_original_speaker(extract, name):
    claim = only(extract("Aliyev said four civilians were killed in Barda, Reuters reported."), "casualty")
    assert name(claim.claimant) == "Ilham Aliyev"
    assert name(claim.relayed_by) == "Reuters"


def test_afp_reporting_relays_an_accusation(extract, name):
    text = "Fighting went on, with AFP reporting that Armenian officials accused Azerbaijan of shelling Stepanakert."
    claim = only(extract(text), "accusation")
    assert name(claim.claimant) == "Government of Armenia"
    assert name(claim.relayed_by) == "Agence France-Presse"
    assert name(claim.accused) == "Azerbaijan"


def test_told_an_agency_and_citing_a_source_are_relays(extract, name):
    told = only(extract("Hikmet Hajiyev told AFP that six civilians were wounded in Tartar."), "casualty")
    assert (name(told.claimant), name(told.relayed_by)) == ("Hikmet Hajiyev", "Agence France-Presse")
    cited = only(
        extract("Interfax, citing the Armenian Defence Ministry, reported that 21 soldiers had died."),
        "casualty",
    )
    assert (name(cited.claimant), name(cited.relayed_by)) == ("Ministry of Defence of Armenia", "Interfax")


def test_an_agency_in_its_own_voice_is_the_claimant(extract, name):
    claim = only(extract("Reuters reported that five people were wounded in Martakert."), "casualty")
    assert name(claim.claimant) == "Reuters"
    assert claim.relayed_by is None


def test_adding_that_after_the_speaker_is_more_of_the_claim(extract, name):
    text = (
        "Armenian artillery shelled Aghdam on Monday, Hikmet Hajiyev wrote on Twitter, "
        "adding that two civilians had been killed."
    )
    found = extract(text)
    assert name(only(found, "accusation").accused) == "Armed Forces of Armenia"
    casualty = only(found, "casualty")
    assert (name(casualty.claimant), casualty.killed, casualty.victim_group) == (
        "Hikmet Hajiyev",
        (2, 2),
        "civilian",
    )


def test_the_ministry_named_in_a_sentence_without_claims_speaks_in_the_next(extract, name):
    text = (
        "The Azerbaijani health ministry said 16 people remained in hospital. "
        "The ministry said the strike had killed ten people."
    )
    claim = only(extract(text), "casualty")
    assert claim.claimant == NewParty("Azerbaijani health ministry", claim.claimant.parent_id, "ministry")
    assert name(claim.claimant.parent_id) == "Government of Azerbaijan"
    assert claim.killed == (10, 10)


# --- attribution() on one clause ----------------------------------------------------------------


def _said(lexicon, text):
    """The attribution of the whole text read as one clause of a one-sentence article."""
    ctx = ArticleContext(text, lexicon=lexicon, published=SUNDAY_11_OCT)
    ctx.stems = stems_of(text)
    return attribution(ctx, 0, len(text), 0), text


def test_according_to_at_the_start_names_the_speaker_and_what_follows(lexicon, name):
    found, text = _said(lexicon, "According to the Armenian Defence Ministry, the village came under fire.")
    assert [name(s) for s in found.speakers] == ["Ministry of Defence of Armenia"]
    assert text[found.content_start : found.content_end].strip() == "the village came under fire."
    assert found.verb == "according to"


def test_according_to_at_the_end_leaves_the_speaker_out_of_what_is_said(lexicon, name):
    found, text = _said(lexicon, "Two houses burned down in Tartar, according to Hikmet Hajiyev.")
    assert [name(s) for s in found.speakers] == ["Hikmet Hajiyev"]
    assert text[found.content_start : found.content_end] == "Two houses burned down in Tartar"


def test_a_speaker_after_the_quote_is_an_inverted_attribution(lexicon, name):
    found, text = _said(lexicon, "“The shelling went on all night,” said Shushan Stepanyan.")
    assert ([name(s) for s in found.speakers], found.rule) == (["Shushan Stepanyan"], "inverted")
    assert text[found.content_start : found.content_end] == "“The shelling went on all night"


def test_telling_an_agency_makes_it_the_relay(lexicon, name):
    found, text = _said(lexicon, "Hikmet Hajiyev told Reuters that the town was calm.")
    assert [name(s) for s in found.speakers] == ["Hikmet Hajiyev"]
    assert name(found.relay) == "Reuters"
    assert text[found.content_start : found.content_end] == "the town was calm."


def test_an_agency_citing_a_source_relays_the_source(lexicon, name):
    found, _ = _said(lexicon, "Interfax, citing the Armenian Defence Ministry, reported heavy fighting.")
    assert [name(s) for s in found.speakers] == ["Ministry of Defence of Armenia"]
    assert name(found.relay) == "Interfax"


def test_officials_in_a_named_country_speak_for_its_government(lexicon, name):
    found, _ = _said(lexicon, "In Azerbaijan, officials said the border was closed.")
    assert [name(s) for s in found.speakers] == ["Government of Azerbaijan"]


def test_a_speaker_nobody_knows_is_not_the_outlet(lexicon):
    found, _ = _said(lexicon, "Some local man said the town was calm.")
    assert found is False


def test_a_clause_without_a_reporting_verb_has_no_speaker(lexicon):
    found, _ = _said(lexicon, "The town was calm on Sunday.")
    assert found is None


def test_a_call_on_someone_is_not_a_report(lexicon):
    found, _ = _said(lexicon, "The Armenian Defence Ministry called on observers to visit the town.")
    assert found is None


def test_it_in_the_next_sentence_is_the_speaker_named_before(extract, name):
    text = (
        "The Armenian Defence Ministry spoke to reporters on Sunday. "
        "It said that Azerbaijani forces shelled Martakert."
    )
    claim = only(extract(text), "accusation")
    assert name(claim.claimant) == "Ministry of Defence of Armenia"
    assert name(claim.accused) == "Armed Forces of Azerbaijan"


@pytest.mark.parametrize(
    "verb", ["informs", "informed", "pointed out", "clarified", "explained", "emphasised", "underlined"]
)
def test_less_common_reporting_verbs_name_the_speaker(extract, name, verb):
    text = f"The Azerbaijani Defence Ministry {verb} that Armenian forces shelled Tartar overnight."
    [claim] = [c for c in extract(text) if c.kind == "accusation"]
    assert name(claim.claimant) == "Ministry of Defence of Azerbaijan"


def test_an_informed_source_is_no_reporting_verb(extract):
    text = "An informed source in Baku spoke of heavy shelling near Tartar overnight."
    assert [c for c in extract(text) if c.kind == "accusation"] == []


def test_a_quoted_liberation_a_leader_pointed_out_is_his_control_claim(extract, name):
    text = "Ilham Aliyev pointed out that “the villages of Horadiz and Mirzanaghili were liberated in the Fuzuli area.”"
    found = [c for c in extract(text) if c.kind == "control"]
    assert found
    assert {name(c.claimant) for c in found} == {"Ilham Aliyev"}


def test_a_conflict_that_killed_people_accuses_nobody(extract):
    text = "The conflict in the Karabakh region has killed hundreds, according to several sources."
    found = extract(text)
    assert [c.kind for c in found] == ["casualty"]


def test_a_pronoun_after_a_sentence_adverb_points_at_the_speaker_before(extract, name):
    text = (
        "Nine civilians were killed in Tartar, the Azerbaijani Defence Ministry said on Sunday. "
        "Later it put the number of dead at 12."
    )
    claims = [c for c in extract(text) if c.kind == "casualty"]
    assert [(name(c.claimant), c.killed) for c in claims] == [
        ("Ministry of Defence of Azerbaijan", (9, 9)),
        ("Ministry of Defence of Azerbaijan", (12, 12)),
    ]


def test_putting_something_that_is_no_figure_is_not_speech(extract):
    assert extract("Azerbaijan put its troops on alert after two soldiers were killed.")[0].rule.startswith(
        "outlet"
    )


def test_the_news_agency_goes_on_relaying_the_source_it_cited(extract, name):
    text = (
        "Two civilians were wounded in Martuni, the Armenpress news agency reported, citing the Armenian "
        "Defence Ministry. Three soldiers were killed near the border, the news agency said."
    )
    claims = [c for c in extract(text) if c.kind == "casualty"]
    assert [(name(c.claimant), name(c.relayed_by)) for c in claims] == [
        ("Ministry of Defence of Armenia", "Armenpress"),
        ("Ministry of Defence of Armenia", "Armenpress"),
    ]


def test_the_news_agency_citing_nobody_speaks_for_itself(extract, name):
    text = "Armenpress published photos from Martuni. Three soldiers were killed near the border, the agency said."
    claim = only(extract(text), "casualty")
    assert name(claim.claimant) == "Armenpress"


def test_a_figure_before_in_what_x_said_is_the_outlet_s_and_the_description_x_s(extract, name, lexicon):
    text = (
        "At least 12 people were killed on Sunday in what Baku said was an Armenian missile strike on Tartar."
    )
    found = extract(text, outlet="Reuters")
    casualty = only(found, "casualty")
    accusation = only(found, "accusation")
    assert (name(casualty.claimant), casualty.killed) == ("Reuters", (12, None))
    assert name(accusation.claimant) == "Government of Azerbaijan"
    assert lexicon.parties[accusation.accused].side == "armenia"


@pytest.mark.parametrize("verb", ["raised", "revised", "updated"])
def test_a_speaker_revising_a_toll_gives_it(extract, name, verb):
    claim = only(
        extract(f"The Azerbaijani Defence Ministry {verb} the death toll in Ganja to 13."), "casualty"
    )
    assert (name(claim.claimant), claim.killed) == ("Ministry of Defence of Azerbaijan", (13, 13))


def test_raising_concerns_about_a_number_gives_no_figure(extract):
    found = extract("Azerbaijani officials raised the number of shelters in Ganja.")
    assert [claim for claim in found if claim.kind == "casualty"] == []


def test_a_pronoun_opening_a_sentence_goes_on_with_the_previous_speaker(extract, name):
    found = extract(
        "Azerbaijan's defence ministry said its artillery had destroyed a command post of the Armenian "
        "army near Fuzuli. It said that more than 30 Armenian soldiers were killed."
    )
    toll = only(found, "casualty")
    assert name(toll.claimant) == "Ministry of Defence of Azerbaijan"
    assert toll.killed == (31, None)


def test_a_second_speaker_after_where_claims_what_follows(extract, name):
    found = extract(
        "Azerbaijan said its forces had struck Armenian positions near Martuni, where the Armenian "
        "defence ministry said Azerbaijani shelling had killed four civilians."
    )
    toll = only(found, "casualty")
    assert name(toll.claimant) == "Ministry of Defence of Armenia"
    assert toll.killed == (4, 4)


def test_plural_speakers_say_in_the_present_tense(extract, name):
    claim = only(extract("Armenian officials say six civilians were killed in Martuni."), "casualty")
    assert name(claim.claimant) == "Government of Armenia"


def test_declining_to_say_is_not_saying(extract):
    assert extract("The Armenian defence ministry declined to say how many soldiers were killed.") == []


def test_a_claim_the_other_side_denies_is_its_denial(extract, name):
    found = extract(
        "Azerbaijan's defence ministry said Armenian forces shelled Tartar, a charge that Yerevan has denied."
    )
    assert name(only(found, "accusation").claimant) == "Ministry of Defence of Azerbaijan"
    assert name(only(found, "denial").claimant) == "Government of Armenia"


def test_a_source_who_told_an_agency_at_the_end_claims_the_sentence(extract, name):
    claim = only(
        extract("Shelling killed four civilians in Martuni on Sunday, an Armenian military source told AFP."),
        "casualty",
    )
    assert name(claim.claimant) == "Armed Forces of Armenia"
    assert name(claim.relayed_by) == "Agence France-Presse"


def test_a_person_called_by_surname_after_the_full_name_is_that_person(extract, name):
    found = extract(
        "Armenian defence ministry official Karen Sargsyan said three soldiers were killed. "
        "Sargsyan said two civilians were wounded in Martuni."
    )
    claimants = {name(claim.claimant) for claim in found if claim.kind == "casualty"}
    assert claimants == {"Karen Sargsyan"}


def test_a_surname_shared_by_two_people_named_before_is_nobody_known(extract, name):
    found = extract(
        "Armenian official Karen Sargsyan said three soldiers were killed. Armenian official Anna Sargsyan "
        "said four soldiers were wounded. Sargsyan said two civilians were wounded in Martuni."
    )
    assert [name(claim.claimant) for claim in found if claim.kind == "casualty"] == [
        "Karen Sargsyan",
        "Anna Sargsyan",
    ]


def test_giving_a_toll_is_saying_it(extract, name):
    claim = only(extract("Hikmet Hajiyev had earlier given a toll of seven dead and 15 wounded."), "casualty")
    assert (name(claim.claimant), claim.killed, claim.wounded) == ("Hikmet Hajiyev", (7, 7), (15, 15))


def test_a_clause_after_said_is_what_was_said_not_who_said_it(extract, name):
    found = extract("Hikmet Hajiyev, an aide to the president, said the Armenian army had shelled Tartar.")
    assert {name(claim.claimant) for claim in found} == {"Hikmet Hajiyev"}


def test_a_clause_after_but_shares_the_subject_that_opens_the_sentence(extract, name):
    found = extract(
        "Shushan Stepanyan provided no evidence, but told reporters that two soldiers were killed in Martuni."
    )
    assert name(only(found, "casualty").claimant) == "Shushan Stepanyan"
