"""Sample coverage for the docs' sample report: the Ganja strikes, the 12:05 truce breach, Hadrut.

The quotes are written for this project (paraphrased reporting, not copied from any article); the
outlets are fictional. Parties and places come from the starter gazetteer. Loading is idempotent:
articles are keyed by URL and contradictions by their unique pair.

``data`` holds the coverage (data, not behaviour); ``loading`` writes it.
"""

from reports.sample.data import SAMPLE_SINCE, SAMPLE_UNTIL
from reports.sample.loading import sample_load

__all__ = ["SAMPLE_SINCE", "SAMPLE_UNTIL", "sample_load"]
