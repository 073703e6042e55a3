"""Conflicts, their sides, and which side each party is on in each conflict."""

from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from django.db import models
from django.db.models import F, Q

if TYPE_CHECKING:
    from sources.models.parties import Party

#: What a pack says about its conflict besides the slug and the name (the admin and the API show all of it).
CONFLICT_PACK_DETAILS = ("start_date", "end_date", "timezone", "countries", "description", "pack_version")


class Conflict(models.Model):
    """A war the tracker follows, loaded from a conflict pack: its period, time zone and sides.

    Articles, claims and incidents belong to one conflict; the opposition relation between its sides
    decides which blame and control claims contradict each other.
    """

    slug = models.SlugField(max_length=100, unique=True)
    name = models.CharField(max_length=200)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    timezone = models.CharField(
        max_length=64, default="UTC", help_text="IANA time zone that reports' times are read in."
    )
    countries = models.JSONField(
        default=list, blank=True, help_text="ISO 3166-1 alpha-2 codes of the countries its places lie in."
    )
    description = models.TextField(blank=True)
    pack_version = models.PositiveIntegerField(default=1)
    pack_digest = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["-start_date", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(start_date__lte=F("end_date")),
                name="conflict_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def tzinfo(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


class ConflictSide(models.Model):
    """One side of a conflict (a row, not an enum): belligerents oppose each other, third parties nobody."""

    class Kind(models.TextChoices):
        BELLIGERENT = "belligerent", "Belligerent"
        THIRD_PARTY = "third_party", "Third party"

    conflict = models.ForeignKey(Conflict, on_delete=models.CASCADE, related_name="sides")
    slug = models.SlugField(max_length=100)
    label = models.CharField(max_length=200)
    colour = models.CharField(max_length=7, default="#7f8c8d", help_text="Hex colour used in charts.")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.BELLIGERENT)
    opposes = models.ManyToManyField("self", symmetrical=True, blank=True)
    roots: "models.ManyToManyField[Party, Any]" = models.ManyToManyField(
        "Party",
        blank=True,
        related_name="root_of_sides",
        help_text="Parties whose whole subtree is on this side.",
    )

    class Meta:
        ordering = ["conflict", "id"]
        constraints = [
            models.UniqueConstraint(fields=["conflict", "slug"], name="conflict_side_unique_slug"),
            models.CheckConstraint(
                condition=Q(colour__regex=r"^#[0-9A-Fa-f]{6}$"), name="conflict_side_colour_hex"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.conflict.slug})" if self.conflict_id else self.label


class PartySide(models.Model):
    """The side a party is on in one conflict: its side root's subtree, kept by the conflict services.

    A party can be a belligerent in one conflict and a third party in another (Russia).
    """

    conflict = models.ForeignKey(Conflict, on_delete=models.CASCADE, related_name="party_sides")
    party = models.ForeignKey("Party", on_delete=models.CASCADE, related_name="conflict_sides")
    side = models.ForeignKey(ConflictSide, on_delete=models.CASCADE, related_name="members")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["conflict", "party"], name="party_side_unique_per_conflict"),
        ]

    def __str__(self) -> str:
        return f"{self.party_id} in {self.conflict_id}: {self.side_id}"
