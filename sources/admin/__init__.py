"""Reviewer admin for provenance: parties (a tree with aliases, merge), places with aliases, outlets,
articles, feeds, URL submissions and conflicts.

One module per concern; importing them registers the admins.
"""

from sources.admin import articles, conflicts, feeds, parties  # noqa: F401  (registers the admins)
