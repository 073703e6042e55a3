"""Reading article input (sources/ingestion/parsing.py): headers off the top of a text file."""

from sources.ingestion import text_split_headers


def test_headers_are_case_insensitive_and_end_at_a_blank_line_or_dashes():
    headers, body = text_split_headers("TITLE: One\npublished: 2020-10-11\n---\nBody text.")
    assert headers == {"title": "One", "published_at": "2020-10-11"}
    assert body == "Body text."


def test_a_text_without_headers_is_all_body():
    headers, body = text_split_headers("Fighting resumed: shelling was heard.\n\nMore text.")
    assert headers == {}
    assert body.startswith("Fighting resumed")
