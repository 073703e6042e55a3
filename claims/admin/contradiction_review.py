"""The side-by-side review page of one contradiction: the form, the decision, the page's context."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html

from claims.models import Contradiction, ContradictionStatus, DismissReason, Note, Verdict
from claims.services.disputes import dispute_lock, dispute_q
from claims.services.reviews import ReviewAction
from review import display
from review.admin_tools import AuditedAdmin
from review.services import dispute_settle


class ContradictionReviewForm(forms.Form):
    action = forms.ChoiceField(
        choices=[
            (ReviewAction.CONFIRM, "Confirm"),
            (ReviewAction.DISMISS, "Dismiss"),
            (ReviewAction.RESOLVE, "Resolve"),
        ]
    )
    holding_claim = forms.IntegerField(required=False)
    note = forms.CharField(required=False, widget=forms.Textarea)
    dismiss_reason = forms.ChoiceField(choices=[("", "—"), *DismissReason.choices], required=False)

    def clean(self):
        super().clean()
        data = self.cleaned_data
        if data.get("action") == ReviewAction.DISMISS and not data.get("dismiss_reason"):
            self.add_error(
                "dismiss_reason", "Say why it is dismissed: the reasons are counted to improve the rules."
            )
        return data


class ContradictionReviewPage(AuditedAdmin):
    """The change page of a contradiction, replaced by the side-by-side review: both claims, the
    dispute's other pairs, notes and the lock; a decision moves on to the next open item.

    ``ContradictionAdmin`` is this page plus the queue."""

    review_template = "admin/claims/contradiction/review.html"

    @staticmethod
    def _open_queue():
        return Contradiction.objects.filter(status=ContradictionStatus.OPEN)

    def _neighbours(self, obj: Contradiction) -> tuple[Contradiction | None, Contradiction | None]:
        """The open items just before and after ``obj`` in the queue order (newest first)."""
        older = Q(detected_at__lt=obj.detected_at) | Q(detected_at=obj.detected_at, id__lt=obj.pk)
        newer = Q(detected_at__gt=obj.detected_at) | Q(detected_at=obj.detected_at, id__gt=obj.pk)
        queue = self._open_queue().only("id", "detected_at")
        following = queue.filter(older).order_by("-detected_at", "-id").first()
        previous = queue.filter(newer).order_by("detected_at", "id").first()
        return previous, following

    def change_view(self, request: HttpRequest, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        if request.method == "POST":
            return self._decide(request, obj)
        return self._render_review(request, obj, ContradictionReviewForm())

    def _decide(self, request: HttpRequest, obj: Contradiction):
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        form = ContradictionReviewForm(request.POST)
        if not form.is_valid():
            return self._render_review(request, obj, form)
        holding = None
        holding_id = form.cleaned_data["holding_claim"]
        if holding_id in (obj.claim_a_id, obj.claim_b_id):
            holding = obj.claim_a if holding_id == obj.claim_a_id else obj.claim_b
        _, following = self._neighbours(obj)
        action = form.cleaned_data["action"]
        try:
            settled = dispute_settle(
                contradiction=obj,
                action=action,
                reviewer=request.user,
                note=form.cleaned_data["note"],
                holding_claim=holding,
                dismiss_reason=form.cleaned_data["dismiss_reason"],
            )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
            return self._render_review(request, obj, form)
        pairs = f" ({len(settled.decided)} pairs)" if len(settled.decided) > 1 else ""
        self.message_user(
            request,
            format_html(
                'Contradiction #{}: {}{}. <a href="{}" id="back-to-decided">Back to #{}</a>',
                obj.pk,
                ReviewAction.PAST[action],
                pairs,
                reverse("admin:claims_contradiction_change", args=[obj.pk]),
                obj.pk,
            ),
            messages.SUCCESS,
        )
        if settled.left_open:
            self.message_user(
                request,
                f"Left open (which claim holds could not be told): #{', #'.join(map(str, settled.left_open))}.",
                messages.WARNING,
            )
        if following is None:
            following = self._open_queue().exclude(pk=obj.pk).order_by("-detected_at", "-id").first()
        if following is not None:
            return HttpResponseRedirect(reverse("admin:claims_contradiction_change", args=[following.pk]))
        self.message_user(request, "The open queue is empty.", messages.INFO)
        return HttpResponseRedirect(
            reverse("admin:claims_contradiction_changelist") + f"?status__exact={ContradictionStatus.OPEN}"
        )

    def _render_review(self, request: HttpRequest, obj: Contradiction, form: forms.Form):
        obj = _review_row(obj.pk)
        lock = None
        if obj.status == ContradictionStatus.OPEN and self.has_change_permission(request, obj):
            lock = dispute_lock(contradiction=obj, reviewer=request.user)
        here = reverse("admin:claims_contradiction_change", args=[obj.pk])
        dispute = list(
            Contradiction.objects.filter(dispute_q(obj))
            .select_related("claim_a__claimant", "claim_b__claimant")
            .order_by("id")[:50]
        )
        notes = list(
            Note.objects.filter(contradiction=obj).select_related("author").order_by("created_at", "id")
        )
        verdicts = {
            v.claim_id: v for v in Verdict.objects.filter(claim_id__in=[obj.claim_a_id, obj.claim_b_id])
        }
        previous, following = self._neighbours(obj)
        tz = display.incident_tz(obj.incident or obj.claim_a)
        sides = [
            _side(label, claim, tz, verdicts) for label, claim in (("A", obj.claim_a), ("B", obj.claim_b))
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": f"Contradiction #{obj.pk}: {obj.get_kind_display()}",
            "subtitle": None,
            "opts": self.opts,
            "original": obj,
            "contradiction": obj,
            "sides": sides,
            "detected": display.local_time(obj.detected_at, tz),
            "here": here,
            "lock": lock,
            "lock_until": display.local_time(lock.until, tz) if lock else None,
            "dispute": dispute,
            "dispute_open": sum(1 for c in dispute if c.status == ContradictionStatus.OPEN),
            "notes": [(n, display.local_time(n.created_at, tz)) for n in notes],
            "dismiss_reasons": DismissReason.choices,
            "reviewed": display.local_time(obj.reviewed_at, tz),
            "form": form,
            "open_count": self._open_queue().count(),
            "previous": previous,
            "following": following,
            "can_change": self.has_change_permission(request, obj),
            "has_view_permission": True,
            "history_url": reverse("admin:claims_contradiction_history", args=[obj.pk]),
            "queue_url": reverse("admin:claims_contradiction_changelist")
            + f"?status__exact={ContradictionStatus.OPEN}",
        }
        return TemplateResponse(request, self.review_template, context)


def _review_row(pk: int) -> Contradiction:
    """The contradiction with everything its review page shows, in one query."""
    return Contradiction.objects.select_related(
        "claim_a__claimant",
        "claim_a__relayed_by",
        "claim_a__accused",
        "claim_a__controller",
        "claim_a__place",
        "claim_a__article__outlet",
        "claim_b__claimant",
        "claim_b__relayed_by",
        "claim_b__accused",
        "claim_b__controller",
        "claim_b__place",
        "claim_b__article__outlet",
        "claim_a__conflict",
        "incident__conflict",
        "reviewed_by",
        "holding_claim",
        "assigned_to",
    ).get(pk=pk)


def _side(label: str, claim, tz, verdicts: dict) -> dict:
    """One claim's column of the review page: its quote, chain, figures, times, links and verdict."""
    return {
        "label": label,
        "claim": claim,
        "quote": display.quote_in_context(claim),
        "chain": display.claimant_chain(claim),
        "figures": display.claim_figures(claim),
        "outlet": claim.article.outlet if claim.article is not None and claim.article.outlet_id else None,
        "url": reverse("admin:claims_claim_change", args=[claim.pk]),
        "stated": display.local_time(claim.stated_at, tz),
        "event": display.local_time(claim.event_start, tz),
        "event_end": display.local_time(claim.event_end, tz)
        if claim.event_end and claim.event_end != claim.event_start
        else None,
        "review_url": reverse("admin:claims_claim_review", args=[claim.pk]),
        "verdict": verdicts.get(claim.pk),
        "verdict_url": (
            reverse("admin:claims_verdict_change", args=[verdicts[claim.pk].pk])
            if claim.pk in verdicts
            else reverse("admin:claims_verdict_add") + f"?claim={claim.pk}"
        ),
        "article_url": reverse("admin:sources_article_claims", args=[claim.article_id])
        if claim.article_id
        else None,
    }
