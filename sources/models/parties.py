"""Who speaks or is accused: parties (a tree) and their aliases."""

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from sources.models.conflicts import Conflict
from sources.text import normalize_name


class Party(models.Model):
    """An actor that makes claims or is accused in them, in a tree (Aliyev -> Government -> Azerbaijan)."""

    class Kind(models.TextChoices):
        STATE = "state", "State"
        GOVERNMENT = "government", "Government"
        MINISTRY = "ministry", "Ministry or agency"
        ARMED_FORCE = "armed_force", "Armed force"
        OFFICIAL = "official", "Official"
        DE_FACTO = "de_facto", "De facto authority"
        ORGANISATION = "organisation", "Organisation"
        MEDIA = "media", "Media outlet"
        OTHER = "other", "Other"

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    description = models.CharField(max_length=300, blank=True)
    demonyms = models.JSONField(
        default=list,
        blank=True,
        help_text='Adjectives that point at this party ("Northern" for a Northern Republic).',
    )
    same_as = models.URLField(
        max_length=500,
        blank=True,
        help_text="A page that identifies the party beyond doubt (Wikidata, Wikipedia, its official site): "
        "ClaimReview's sameAs for the claim's author.",
    )
    # Materialized path of ids ("/1/4/17/"), kept by the party services: lets "claims by Azerbaijan"
    # include its ministries and officials with one indexed prefix match.
    tree_path = models.CharField(max_length=255, blank=True, db_index=True, editable=False)
    needs_review = models.BooleanField(
        default=False, help_text="Created automatically by extraction; a reviewer should confirm it."
    )
    defined_in = models.ForeignKey(
        Conflict,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="defined_parties",
        editable=False,
        help_text="The conflict whose pack created the party; that pack sets its kind, parent and description.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "parties"
        constraints = [
            models.CheckConstraint(condition=~Q(parent=models.F("id")), name="party_not_own_parent"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def depth(self) -> int:
        return max(self.tree_path.count("/") - 2, 0)


class PartyAlias(models.Model):
    """Another name a party goes by ("Baku", "Azeri officials"); matched case- and accent-insensitively."""

    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField(max_length=200)
    normalized = models.CharField(max_length=200, editable=False, db_index=True)
    conflict = models.ForeignKey(
        Conflict,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="local_aliases",
        help_text='Set for a name that means this party only in articles of one conflict ("the health ministry").',
    )

    class Meta:
        ordering = ["alias"]
        verbose_name_plural = "party aliases"
        constraints = [
            models.UniqueConstraint(
                fields=["normalized"], condition=Q(conflict__isnull=True), name="party_alias_unique_global"
            ),
            models.UniqueConstraint(
                fields=["normalized", "conflict"],
                condition=Q(conflict__isnull=False),
                name="party_alias_unique_in_conflict",
            ),
        ]

    def __str__(self) -> str:
        return self.alias

    def save(self, *args, **kwargs):
        self.normalized = normalize_name(self.alias)
        super().save(*args, **kwargs)
