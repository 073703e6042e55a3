"""The extraction rules, pattern by pattern, on short sentences (pure functions, no database)."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from claims.extraction import NewParty, extract_candidates
from claims.extraction.lexicon import shipped_lexicon

BAKU = ZoneInfo("Asia/Baku")
SUNDAY_11_OCT = datetime(2020, 10, 12, 9, 0, tzinfo=UTC)  # published Monday morning


@pytest.fixture(scope="module")
def lexicon():
    return shipped_lexicon("nagorno-karabakh-2020")


@pytest.fixture(scope="module")
def name(lexicon):
    def _name(ref):
        if ref is None:
            return None
        return ref.name if isinstance(ref, NewParty) else lexicon.parties[ref].name

    return _name


@pytest.fixture(scope="module")
def extract(lexicon):
    def _extract(text, *, published=SUNDAY_11_OCT, outlet="Reuters"):
        outlet_party = lexicon.party_by_name(outlet) if outlet else None
        found = extract_candidates(text, lexicon=lexicon, published=published, outlet_party=outlet_party)
        for claim in found:
            assert text[claim.quote_start : claim.quote_end] == claim.quote
        return found

    return _extract


def only(found, kind):
    matching = [c for c in found if c.kind == kind]
    assert len(matching) == 1, [(c.kind, c.rule, c.quote) for c in found]
    return matching[0]


# --- attribution --------------------------------------------------------------------------------


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


def test_a_quote_over_several_sentences_keeps_its_speaker(extract, name):
    text = (
        'Aliyev said: "We will not stop. Our army has liberated Jabrayil. '
        'Twelve Armenian soldiers were captured and four were killed."'
    )
    found = extract(text)
    control = only(found, "control")
    casualty = only(found, "casualty")
    assert name(control.claimant) == name(casualty.claimant) == "Ilham Aliyev"
    assert name(control.controller) == "Armed Forces of Azerbaijan"
    assert casualty.killed == (4, 4)


def test_an_unresolvable_speaker_yields_no_claim(extract):
    assert extract("A local shopkeeper said nine people were killed.") == []


# --- relays ---------------------------------------------------------------------------------------


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


def test_unattributed_figures_are_the_outlets_own_claim(extract, name):
    claim = only(
        extract("A missile hit Ganja, killing nine people and wounding 34.", outlet="Anadolu Agency"),
        "casualty",
    )
    assert name(claim.claimant) == "Anadolu Agency"


# --- casualty counts ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "measure", "interval", "group"),
    [
        ("killing nine people", "killed", (9, 9), "unspecified"),
        ("34 civilians were wounded", "wounded", (34, 34), "civilian"),
        ("more than 1 million people were displaced", "displaced", (1_000_001, None), "unspecified"),
        ("at least 30,000 soldiers died", "killed", (30_000, None), "military"),
        ("dozens of residents were injured", "wounded", (12, None), "civilian"),
        ("tens of civilians are missing", "missing", (10, None), "civilian"),
        ("hundreds of soldiers were killed", "killed", (100, None), "military"),
        ("about 30,000 people were displaced", "displaced", (27_000, 33_000), "unspecified"),
        ("nearly 5,000 people had been killed", "killed", (0, 5_000), "unspecified"),
        ("between nine and 12 servicemen were killed", "killed", (9, 12), "military"),
        ("twenty-one people were killed", "killed", (21, 21), "unspecified"),
        ("the death toll rose to 10", "killed", (10, 10), "unspecified"),
        ("no one was killed", "killed", (0, 0), "unspecified"),
        ("the army had lost more than 2,000 soldiers", "killed", (2_001, None), "military"),
    ],
)
def test_casualty_figures_become_intervals(extract, sentence, measure, interval, group):
    claim = only(extract(f"Azerbaijani officials said {sentence}."), "casualty")
    assert getattr(claim, measure) == interval
    assert claim.victim_group == group


def test_killed_and_wounded_in_one_sentence_are_one_claim(extract):
    claim = only(
        extract("Officials in Baku said nine civilians were killed and 34 others were wounded."), "casualty"
    )
    assert (claim.killed, claim.wounded, claim.victim_group) == ((9, 9), (34, 34), "civilian")


def test_different_victim_groups_are_separate_claims(extract):
    found = extract("Armenian officials said four civilians and 11 soldiers were killed in Martuni.")
    groups = sorted((c.victim_group, c.killed) for c in found if c.kind == "casualty")
    assert groups == [("civilian", (4, 4)), ("military", (11, 11))]


@pytest.mark.parametrize(
    "text",
    [
        "The conflict has lasted 30 years, Azerbaijani officials said.",
        "Azerbaijan bought $100 million of drones, Armenian officials said.",
        "Azerbaijani officials said seven tanks were destroyed at 12:05 pm.",
        "The 1994 ceasefire left the region under Armenian control, analysts said.",
        "Armenian officials said the region covers 4,400 square kilometres.",
    ],
)
def test_numbers_that_are_not_casualty_counts_are_ignored(extract, text):
    assert [c for c in extract(text) if c.kind == "casualty"] == []


def test_casualty_place_prefers_the_town_to_the_country(extract, lexicon):
    claim = only(extract("A missile hit Ganja in Azerbaijan, killing nine people."), "casualty")
    assert lexicon.places[claim.place_id] == "Ganja"


# --- accusations, times, denials ------------------------------------------------------------------


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


def test_a_mutual_accusation_in_one_sentence_is_two_claims(extract, name):
    text = (
        "Armenian officials accused Azeri troops of launching an assault at 12:05 pm, "
        "while Azeri officials accused Armenia of bombing civilian targets."
    )
    pairs = sorted((name(c.claimant), name(c.accused)) for c in extract(text) if c.kind == "accusation")
    assert pairs == [
        ("Government of Armenia", "Armed Forces of Azerbaijan"),
        ("Government of Azerbaijan", "Armenia"),
    ]


def test_exchanged_allegations_and_both_respecting_the_ceasefire(extract, name):
    text = (
        "On Monday, Azeri and Armenian forces exchanged allegations of violations of the ceasefire, "
        "while both claimed to respect it."
    )
    found = extract(text)
    accusations = sorted((name(c.claimant), name(c.accused)) for c in found if c.kind == "accusation")
    assert accusations == [
        ("Armed Forces of Armenia", "Armed Forces of Azerbaijan"),
        ("Armed Forces of Azerbaijan", "Armed Forces of Armenia"),
    ]
    denials = sorted(name(c.claimant) for c in found if c.kind == "denial")
    assert denials == ["Armed Forces of Armenia", "Armed Forces of Azerbaijan"]


def test_accusation_inside_a_statement(extract, name):
    claim = only(
        extract("Azerbaijan's defence ministry said Armenian forces had shelled Goranboy."), "accusation"
    )
    assert name(claim.accused) == "Armed Forces of Armenia"
    assert claim.act == "shelled Goranboy"


def test_a_side_reporting_its_own_strikes_is_not_an_accusation(extract):
    found = extract("Azerbaijan's defence ministry said Azerbaijani forces had destroyed Armenian positions.")
    assert [c for c in found if c.kind == "accusation"] == []


@pytest.mark.parametrize(
    "text",
    [
        "Armenia's defence ministry denied that its forces had fired at Ganja.",
        "The Armenian Defence Ministry rejected the allegation.",
        "Azerbaijan's defence ministry said it was observing the truce.",
        "The Armenian side insists it respects the ceasefire.",
        "Armenian officials said they had not fired on Azerbaijani towns.",
        "Baku said the reports were false.",
        "Armenia's defence ministry called the accusation baseless.",
    ],
)
def test_denials_and_keeping_the_ceasefire(extract, text):
    only(extract(text), "denial")


def test_a_call_to_respect_the_ceasefire_is_not_a_denial(extract):
    assert extract("Iranian officials said both sides should respect the ceasefire.") == []
    assert extract("Pashinyan said Armenia was ready to respect the ceasefire if Baku did the same.") == []


# --- control --------------------------------------------------------------------------------------


def test_captured_places_are_each_a_control_claim(extract, lexicon, name):
    text = "Aliyev said Azeri forces had seized Hadrut, Chayli and Sur communities in Karabakh."
    found = [c for c in extract(text) if c.kind == "control"]
    assert sorted(lexicon.places[c.place_id] for c in found) == ["Chayli", "Hadrut", "Sur"]
    assert {name(c.controller) for c in found} == {"Armed Forces of Azerbaijan"}


@pytest.mark.parametrize(
    ("text", "controller"),
    [
        (
            "Armenian officials said Hadrut remained under the control of Karabakh forces.",
            "Artsakh Defence Army",
        ),
        ('"Our army has liberated Jabrayil," Aliyev said.', "Armed Forces of Azerbaijan"),
        ("Armenian officials said Hadrut was still under Armenian control.", "Armenia"),
        (
            "Azerbaijan's defence ministry said Sugovushan had fallen to Azerbaijani troops.",
            "Armed Forces of Azerbaijan",
        ),
    ],
)
def test_control_claim_forms(extract, lexicon, name, text, controller):
    claim = only(extract(text), "control")
    assert name(claim.controller) == controller


def test_transliterated_place_names_resolve_through_the_gazetteer(extract, lexicon):
    claim = only(extract("Aliyev said Azerbaijani forces had captured Khankendi."), "control")
    assert lexicon.places[claim.place_id] == "Stepanakert"


def test_a_denied_capture_is_a_denial_with_the_place(extract, lexicon):
    claim = only(extract("Vahram Poghosyan denied that Hadrut had fallen."), "denial")
    assert lexicon.places[claim.place_id] == "Hadrut"


def test_an_adjective_is_not_a_control_claim(extract):
    assert extract("Aliyev said the Armenian-controlled province of Fuzuli had been surrounded.") == []


# --- patterns found by the blind evaluation set ---------------------------------------------------


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


def test_a_single_victim_counts_one(extract):
    claim = only(extract("Rockets hit a village, Iranian officials said, wounding a child."), "casualty")
    assert (claim.wounded, claim.victim_group) == ((1, 1), "civilian")


def test_each_side_accusing_the_other_is_two_accusations(extract, name):
    text = (
        "Armenia and Azerbaijan each said on Sunday that they were observing the truce, "
        "while accusing the other of violating it."
    )
    found = extract(text)
    pairs = sorted((name(c.claimant), name(c.accused)) for c in found if c.kind == "accusation")
    assert pairs == [("Armenia", "Azerbaijan"), ("Azerbaijan", "Armenia")]
    assert sorted(name(c.claimant) for c in found if c.kind == "denial") == ["Armenia", "Azerbaijan"]


def test_the_ministry_named_in_a_sentence_without_claims_speaks_in_the_next(extract, name):
    text = (
        "The Azerbaijani health ministry said 16 people remained in hospital. "
        "The ministry said the strike had killed ten people."
    )
    claim = only(extract(text), "casualty")
    assert claim.claimant == NewParty("Azerbaijani health ministry", claim.claimant.parent_id, "ministry")
    assert name(claim.claimant.parent_id) == "Government of Azerbaijan"
    assert claim.killed == (10, 10)


def test_breaking_the_truce_is_an_accusation(extract, name):
    claim = only(
        extract("Azerbaijan's defence ministry said the Armenian side had broken the truce."), "accusation"
    )
    assert name(claim.accused) == "Armenia"


def test_dead_and_displaced_in_one_phrase_keep_their_own_figures(extract):
    claim = only(
        extract(
            "The war that ended in 1994 left 30,000 dead and more than 1 million displaced, officials in Baku said."
        ),
        "casualty",
    )
    assert (claim.killed, claim.displaced) == ((30_000, 30_000), (1_000_001, None))
