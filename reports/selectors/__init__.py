"""Reads behind a contradiction report: every table for a period in a fixed number of queries.

Each table is one aggregate query (plus one query for the parties that name the rows and one for the
sources behind the widest casualty ranges), so building a report over a million claims costs the
same ten queries as over ten. Everything returned is plain JSON-ready data (strings, numbers,
lists, dicts): the same dict is the JSON format, the source of the CSV tables and the HTML context.

A report is a shared artefact (every read key downloads it, subscribers receive it by email), so it is
built over published data only (``claims.selectors.claims``): verified claims, and contradictions
whose two claims are verified.  A partner's unpublished submission never appears in one.

One module per concern, lowest first:

- ``scope``: ``ReportScope`` (period and narrowing) and the helpers every table uses;
- ``counts``: counts per contradiction kind and per dismissal reason;
- ``parties``: party pairs and claims per party per day;
- ``casualties``: the widest casualty ranges with their sources;
- ``contradictions``: the open and the newly detected contradictions;
- ``report``: ``report_data`` (every table) and ``reports_visible``.

The names below are the package's public interface.
"""

from reports.selectors.report import report_data, reports_visible
from reports.selectors.scope import REPORTED_KINDS, ReportScope, admin_change_url, format_interval

__all__ = [
    "REPORTED_KINDS",
    "ReportScope",
    "admin_change_url",
    "format_interval",
    "report_data",
    "reports_visible",
]
