"""Reviewer admin for claims, contradictions, incidents and verdicts.

Every write goes through ``claims.services`` (the same functions as the API); the admin only collects
the reviewer's choices. Lists use a capped paginator, ``list_select_related`` and autocomplete widgets,
so a list of a million claims opens with a constant number of queries and no full table count.
"""

from claims.admin import claims, contradictions, incidents, verdicts  # noqa: F401  (registers the admins)
