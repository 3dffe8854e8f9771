"""/api/spaces: the directory's search and detail, with the list page's filters."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils import translation
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from api.pages import PageFilters, checked_language, page_body
from spaces import selectors
from spaces.choices import AMENITIES, COUNTRIES, Kind, Status
from spaces.models import Space

router = Router(tags=["spaces"])


class SpaceFilters(PageFilters):
    q: str = Field("", max_length=200, description="Accent-insensitive text search")
    kind: list[Kind] = Field(default_factory=list)
    status: list[Status] = Field(default_factory=list)
    country: str = Field("", max_length=2)
    region: str = ""
    departement: str = ""
    amenity: list[str] = Field(default_factory=list, description=", ".join(AMENITIES))
    network: str = Field("", description="Network slug")
    open_now: bool = False
    seats: int | None = Field(None, ge=1)
    near: str = Field("", description="lat,lon", examples=["43.1967,1.4358"])
    km: float = Field(20.0, gt=0, le=selectors.MAX_RADIUS_KM)
    lang: str = Field("fr", description="Language of the descriptions and of text search")


class NetworkOut(Schema):
    name: str
    slug: str


class SpaceOut(Schema):
    slug: str
    name: str
    kind: str
    status: str
    town: str
    postcode: str
    country: str
    insee: str
    departement: str
    region: str
    latitude: float | None
    longitude: float | None
    seats: int | None
    short_description: str
    language: str | None = Field(None, description="Language of the descriptions shown")
    url: str
    networks: list[NetworkOut]
    distance_km: float | None = None


class SpaceDetailOut(SpaceOut):
    description: str
    address: str
    area_m2: int | None
    opening_hours: str
    price_day: float | None
    price_week: float | None
    price_month: float | None
    price_notes: str
    amenities: list[str]
    wifi_mbps: int | None
    wheelchair_access: bool | None
    website: str
    email: str
    phone: str
    social_links: list[str]
    updated_at: str


class SpacePage(Schema):
    count: int
    page: int
    pages: int
    results: list[SpaceOut]


def _query(filters: SpaceFilters) -> selectors.SpaceQuery:
    near = None
    if filters.near:
        try:
            lat_text, lon_text = filters.near.split(",")
            near = (float(lat_text), float(lon_text))
        except ValueError as exc:
            raise HttpError(422, "near must be 'latitude,longitude'") from exc
        if not (-90 <= near[0] <= 90 and -180 <= near[1] <= 180):
            raise HttpError(422, "near is outside the valid latitude/longitude range")
    if filters.country and filters.country not in COUNTRIES:
        raise HttpError(422, f"unknown country {filters.country!r}")
    unknown = [a for a in filters.amenity if a not in AMENITIES]
    if unknown:
        raise HttpError(422, f"unknown amenity: {', '.join(unknown)}")
    return selectors.SpaceQuery(
        text=filters.q,
        kinds=[k.value for k in filters.kind],
        statuses=[s.value for s in filters.status],
        country=filters.country,
        region=filters.region,
        departement=filters.departement,
        amenities=filters.amenity,
        network=filters.network,
        open_now=filters.open_now,
        min_seats=filters.seats,
        near=near,
        km=filters.km,
    )


def _summary(request, space: Space, language: str) -> dict:
    shown, _fallback = selectors.translation_for(space, language)
    return {
        "slug": space.slug,
        "name": space.name,
        "kind": space.kind,
        "status": space.status,
        "town": space.town,
        "postcode": space.postcode,
        "country": space.country,
        "insee": space.insee,
        "departement": space.departement,
        "region": space.region,
        "latitude": space.latitude,
        "longitude": space.longitude,
        "seats": space.seats,
        "short_description": shown.short_description if shown else "",
        "language": shown.language if shown else None,
        "url": request.build_absolute_uri(space.get_absolute_url()),
        "networks": [{"name": n.name, "slug": n.slug} for n in space.networks.all()],
        "distance_km": round(space.distance_km, 3) if space.distance_km is not None else None,
    }


@router.get("", response=SpacePage, summary="Search the directory")
def list_spaces(request, filters: Query[SpaceFilters]):
    language = checked_language(filters.lang)
    result = selectors.search_spaces(_query(filters), language)
    with translation.override(language):
        page = selectors.result_page(result, filters.page, language, per_page=filters.limit)
    return page_body(page, filters.page, lambda s: _summary(request, s, language))


@router.get("/{slug}", response=SpaceDetailOut, summary="One space with all its details")
def get_space(request, slug: str, lang: str = "fr"):
    language = checked_language(lang)
    space = get_object_or_404(Space.objects.prefetch_related("networks", "translations"), slug=slug)
    space.distance_km = None
    shown, _fallback = selectors.translation_for(space, language)
    data = _summary(request, space, language)

    def money(value):
        return float(value) if value is not None else None

    data.update(
        description=shown.description if shown else "",
        address=space.address,
        area_m2=space.area_m2,
        opening_hours=space.opening_hours,
        price_day=money(space.price_day),
        price_week=money(space.price_week),
        price_month=money(space.price_month),
        price_notes=space.price_notes,
        amenities=[field for field in AMENITIES if getattr(space, field)],
        wifi_mbps=space.wifi_mbps,
        wheelchair_access=space.wheelchair_access,
        website=space.website,
        email=space.email,
        phone=space.phone,
        social_links=space.social_link_list,
        updated_at=space.updated_at.isoformat(),
    )
    return data
