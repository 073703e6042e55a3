"""Invented article text shared by the ingestion tests (no sentence of a real article)."""

BODY = (
    "Azerbaijan's Prosecutor General's Office said on Sunday that an Armenian missile strike on Ganja "
    "killed nine civilians and wounded 34 others."
)

TEXT_FILE = f"""Title: Missile strike on Ganja
URL: https://wire.example/world/ganja-strike/?utm_source=feed&id=7#top
Outlet: Wire Example
Published: 2020-10-11T10:00:00+00:00
Language: en

{BODY}
"""
