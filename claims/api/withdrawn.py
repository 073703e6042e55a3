"""Tombstones for sync: the ``withdrawn/`` list action every synced list carries."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from claims.selectors.claims import claims_withdrawn, withdrawals_page
from claims.serializers import WithdrawalPageSerializer, WithdrawalQuerySerializer, WithdrawalSerializer
from factcheck.rest.views import ERRORS_READ

WITHDRAWN_DOC = (
    "Tombstones for sync: the rows of this list you could see once and no longer can (deleted, "
    "rejected, unpublished, withdrawn, merged), oldest first, as {id, withdrawn: true, withdrawn_at, "
    "reason, merged_into}. Sync with both: read the list with updated_since=T and upsert, then read "
    "this with the same updated_since=T and delete each id; next time pass the latest updated_at or "
    "withdrawn_at you saw. A row you never could see (another partner's unpublished work) never "
    "appears here."
)


class WithdrawnMixin:
    """``GET <list>/withdrawn/``: the list's tombstones, from the selector named by ``withdrawals``."""

    withdrawals = staticmethod(claims_withdrawn)
    viewer: dict  # from ApiViewSet, which every user of the mixin is

    def withdrawn_response(self, request) -> Response:
        query = WithdrawalQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        limit = params.get("page_size", 50)
        after = None
        if "after_withdrawn_at" in params:
            after = (params["after_withdrawn_at"], params.get("after_id", 0))
        rows = withdrawals_page(
            type(self).withdrawals(**self.viewer),
            since=params.get("updated_since"),
            after=after,
            limit=limit + 1,
        )
        next_link = None
        if len(rows) > limit:
            rows = rows[:limit]
            last = rows[-1]
            link = request.query_params.copy()
            link["after_withdrawn_at"] = last["tomb_at"].isoformat()
            link["after_id"] = str(last["tomb_id"])
            next_link = request.build_absolute_uri(f"{request.path}?{link.urlencode()}")
        return Response(
            {"next": next_link, "previous": None, "results": WithdrawalSerializer(rows, many=True).data}
        )


def withdrawn_action(summary: str):
    """The ``withdrawn`` list action, documented (query parameters, page shape, errors)."""

    def withdrawn(self, request, *args, **kwargs):
        return self.withdrawn_response(request)

    withdrawn.__doc__ = WITHDRAWN_DOC
    routed = action(detail=False, methods=["get"], filter_backends=[], pagination_class=None)(withdrawn)
    return extend_schema(
        summary=summary,
        description=WITHDRAWN_DOC,
        parameters=[WithdrawalQuerySerializer],
        responses={200: WithdrawalPageSerializer, **ERRORS_READ},
        filters=False,
    )(routed)
