"""Writes for the claims app, one module per sub-domain; import from the module, e.g.
``from claims.services.claims import claim_create``."""
