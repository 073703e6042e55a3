"""JSON-LD responses (schema.org documents: the ClaimReview feed and a claim's ClaimReview)."""

from drf_orjson_renderer.renderers import ORJSONRenderer


class JSONLDRenderer(ORJSONRenderer):
    """``application/ld+json``: the same bytes as JSON, under the media type JSON-LD readers look for."""

    media_type = "application/ld+json"
    format = "jsonld"
