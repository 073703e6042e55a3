"""Reads for the claims app (API, admin, reports), one module per sub-domain; import from the module,
e.g. ``from claims.selectors.visibility import claims_visible``."""
