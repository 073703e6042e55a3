"""Writes for conflicts: load a conflict pack, keep each party's side per conflict, export a pack.

``conflict_pack_load`` is the one way a conflict, its sides, parties and places get into the
database (the ``conflict`` command, the admin upload and the data migrations call it).  It runs in
one transaction: a pack that fails leaves nothing behind.  Loading the same pack twice changes
nothing; a changed pack updates rows in place, matched by name, and never duplicates a party.

The functions take an optional ``models`` namespace so data migrations can pass their historical
models; everything else uses the real ones.

One module per concern, lowest first:

- ``base``: the model namespace and ``LoadOutcome``;
- ``sides``: which side each party is on, rebuilt from the sides' roots;
- ``parties`` and ``places``: a pack's party tree with aliases, and its places;
- ``loading``: the conflict row, its sides and the load itself;
- ``export``: a conflict back as a pack.

The names below are the package's public interface.
"""

from sources.conflicts.base import LoadOutcome, historical_models, real_models
from sources.conflicts.export import conflict_pack_export
from sources.conflicts.loading import conflict_pack_load, conflict_packs_load, conflict_packs_load_shipped
from sources.conflicts.sides import party_sides_inherit, party_sides_rebuild, party_sides_rebuild_all

__all__ = [
    "LoadOutcome",
    "conflict_pack_export",
    "conflict_pack_load",
    "conflict_packs_load",
    "conflict_packs_load_shipped",
    "historical_models",
    "party_sides_inherit",
    "party_sides_rebuild",
    "party_sides_rebuild_all",
    "real_models",
]
