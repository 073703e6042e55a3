from sources.text import content_hash, normalize_name


def test_normalize_folds_case_accents_and_azerbaijani_letters():
    assert normalize_name("Gəncə") == normalize_name("GENCE") == "gence"
    assert normalize_name("  Azeri   officials ") == "azeri officials"
    assert normalize_name("Nagorno-Karabakh") == "nagorno karabakh"


def test_content_hash_ignores_rewrapping_but_not_wording():
    assert content_hash("nine people\nkilled") == content_hash("nine  people killed")
    assert content_hash("nine people killed") != content_hash("ten people killed")
