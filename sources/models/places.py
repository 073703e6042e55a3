"""Where: places (a region tree) and their aliases."""

from django.db import models
from django.db.models import Q

from sources.text import normalize_name


class Place(models.Model):
    class Kind(models.TextChoices):
        CITY = "city", "City"
        TOWN = "town", "Town"
        VILLAGE = "village", "Village"
        DISTRICT = "district", "District"
        REGION = "region", "Region"
        COUNTRY = "country", "Country"

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.TOWN)
    country = models.CharField(
        max_length=2,
        blank=True,
        default="",
        help_text="ISO 3166-1 alpha-2 code; keeps Barda (AZ) and Barda (RU) apart.",
    )
    region = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="subplaces"
    )
    latitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "country"], name="place_unique_name_per_country"),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="place_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="place_longitude_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class PlaceAlias(models.Model):
    """Alternative names and transliterations (Stepanakert / Khankendi, Ganja / Gence)."""

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField(max_length=200)
    normalized = models.CharField(max_length=200, editable=False, db_index=True)

    class Meta:
        ordering = ["alias"]
        verbose_name_plural = "place aliases"
        constraints = [
            models.UniqueConstraint(fields=["place", "normalized"], name="place_alias_unique_per_place"),
        ]

    def __str__(self) -> str:
        return self.alias

    def save(self, *args, **kwargs):
        self.normalized = normalize_name(self.alias)
        super().save(*args, **kwargs)
