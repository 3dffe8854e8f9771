"""Reads of the directory: the filtered search shared by the list page, map, exports and API."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import Lower

from spaces import hours
from spaces.choices import AMENITIES, Status
from spaces.models import Network, OpeningSlot, Space, SpaceTranslation
from territory.geo import bounding_box, within_radius
from territory.text import fold

MAX_RADIUS_KM = 500.0


@dataclass
class SpaceQuery:
    """What a visitor asks the directory; every field is optional."""

    text: str = ""
    kinds: list[str] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)
    country: str = ""
    region: str = ""
    departement: str = ""
    amenities: list[str] = field(default_factory=list)
    network: str = ""
    open_now: bool = False
    min_seats: int | None = None
    near: tuple[float, float] | None = None
    km: float = 20.0


@dataclass
class SearchResult:
    queryset: QuerySet
    # Ids in display order when already computed (near: by distance; text: by name), and
    # with a "near" query each one's distance in km.
    ordered_ids: list[int] | None = None
    distances: dict[int, float] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return len(self.ordered_ids) if self.ordered_ids is not None else self.queryset.count()


def filtered_spaces(query: SpaceQuery, language: str, now: dt.datetime | None = None) -> QuerySet:
    """Spaces matching every criterion of ``query`` but distance, ordered by name."""
    spaces = Space.objects.all()
    if query.statuses:
        spaces = spaces.filter(status__in=query.statuses)
    else:
        spaces = spaces.exclude(status=Status.CLOSED)
    if query.kinds:
        spaces = spaces.filter(kind__in=query.kinds)
    if query.country:
        spaces = spaces.filter(country=query.country)
    if query.region:
        spaces = spaces.filter(region=query.region)
    if query.departement:
        spaces = spaces.filter(departement=query.departement)
    for amenity in query.amenities:
        if amenity in AMENITIES:
            spaces = spaces.filter(**{amenity: True})
    if query.network:
        spaces = spaces.filter(networks__slug=query.network)
    if query.min_seats:
        spaces = spaces.filter(seats__gte=query.min_seats)
    for word in fold(query.text).split():
        # One uncorrelated subquery per word: far cheaper than a correlated EXISTS per row.
        described = SpaceTranslation.objects.filter(
            Q(language=language) | Q(language=F("space__source_language")),
            search_text__contains=word,
        ).values("space_id")
        spaces = spaces.filter(Q(search_text__contains=word) | Q(pk__in=described))
    if query.open_now:
        spaces = spaces.filter(_open_now_condition(now))
    return spaces.order_by(Lower("name"), "pk")


def _open_now_condition(now: dt.datetime | None) -> Q:
    """Spaces open at this instant in their own time zone, by the regular week."""
    condition = Q(pk__in=[])
    zones = Space.objects.order_by().values_list("timezone", flat=True).distinct()
    for zone in zones:
        local = hours.local_now(zone, now)
        minute = local.hour * 60 + local.minute
        slot = OpeningSlot.objects.filter(
            space=OuterRef("pk"),
            weekday=local.weekday(),
            start_minute__lte=minute,
            end_minute__gt=minute,
        )
        condition |= Q(timezone=zone) & Exists(slot)
    return condition


def search_spaces(query: SpaceQuery, language: str, now: dt.datetime | None = None) -> SearchResult:
    """Filter, then with a "near" point keep the spaces within the radius, nearest first."""
    spaces = filtered_spaces(query, language, now)
    if query.near is None:
        if query.text:
            # Text matching scans every row: do it once for the ids, not for count and page.
            return SearchResult(
                queryset=spaces, ordered_ids=list(spaces.values_list("pk", flat=True))
            )
        return SearchResult(queryset=spaces)
    lat, lon = query.near
    km = min(max(query.km, 0.1), MAX_RADIUS_KM)
    min_lat, max_lat, min_lon, max_lon = bounding_box(lat, lon, km)
    boxed = spaces.filter(
        latitude__gte=min_lat,
        latitude__lte=max_lat,
        longitude__gte=min_lon,
        longitude__lte=max_lon,
    )
    rows = boxed.values_list("pk", "latitude", "longitude")
    ordered, distances = within_radius(rows, lat, lon, km)
    return SearchResult(queryset=spaces, ordered_ids=ordered, distances=distances)


def with_listing_data(spaces: QuerySet, language: str) -> QuerySet:
    """Prefetch what a list item shows: networks and the descriptions it may fall back to."""
    return spaces.prefetch_related(
        Prefetch("networks", queryset=Network.objects.order_by("name")),
        Prefetch("translations", queryset=SpaceTranslation.objects.order_by("language")),
    )


def result_page(result: SearchResult, number, language: str, per_page: int = 20) -> Page:
    """One page of results; each space carries ``distance_km`` (None when not searched near)."""
    if result.ordered_ids is None:
        page = Paginator(with_listing_data(result.queryset, language), per_page).get_page(number)
        spaces = list(page.object_list)
        for space in spaces:
            space.distance_km = None
        page.object_list = spaces
        return page
    page = Paginator(result.ordered_ids, per_page).get_page(number)
    by_pk = with_listing_data(Space.objects.filter(pk__in=page.object_list), language).in_bulk()
    spaces = []
    for pk in page.object_list:
        space = by_pk[pk]
        space.distance_km = result.distances.get(pk)
        spaces.append(space)
    page.object_list = spaces
    return page


def map_points(result: SearchResult) -> list[tuple]:
    """(slug, name, kind, town, lat, lon) of every located result, for the map."""
    rows = result.queryset.filter(latitude__isnull=False, longitude__isnull=False).order_by()
    if result.distances:
        rows = rows.filter(pk__in=result.distances.keys())
    elif result.ordered_ids is not None and not result.ordered_ids:
        return []
    return list(rows.values_list("slug", "name", "kind", "town", "latitude", "longitude"))


def translation_for(space: Space, language: str) -> tuple[SpaceTranslation | None, bool]:
    """The descriptions to show in ``language``, and whether they fell back to another one.

    Uses prefetched translations when present (no query per space in lists).
    """
    translations = {t.language: t for t in space.translations.all()}
    chosen = translations.get(language)
    if chosen and (chosen.short_description or chosen.description):
        return chosen, False
    fallback = translations.get(space.source_language) or next(iter(translations.values()), None)
    return fallback, fallback is not None


FACETS_CACHE_SECONDS = 300


def facet_values(field_name: str) -> list[str]:
    """Distinct non-empty values of a place field, for the filter drop-downs.

    Cached for a few minutes: scanning the whole directory on every list request was the
    largest cost of the list page, and a new région appearing a little late is harmless.
    """

    def compute():
        values = (
            Space.objects.exclude(**{field_name: ""})
            .order_by(field_name)
            .values_list(field_name, flat=True)
            .distinct()
        )
        return list(values)

    return cache.get_or_set(f"spaces:facet:{field_name}", compute, FACETS_CACHE_SECONDS)
