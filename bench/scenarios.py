"""The requests each benchmark sends: varied filters drawn from the loaded directory."""

from __future__ import annotations

import random
from dataclasses import dataclass

from spaces.choices import AMENITIES, Kind, Status
from spaces.models import Space

API = "/api/spaces"
LIST = "/fr/spaces/"
MAP = "/fr/spaces/map.geojson"
FLOOR = "/bench-floor/"
# base.html around a static text, no query: what the page template alone costs.
ABOUT = "/fr/about/"
LANGUAGES = ["fr", "en", "es"]


@dataclass(frozen=True)
class Request:
    path: str
    params: dict  # values may be lists (repeated parameters)


@dataclass
class Scenario:
    name: str
    requests: list[Request]


@dataclass
class Directory:
    """What the loaded data offers to search for."""

    towns: list[str]
    french_towns: list[str]
    departements: list[str]
    points: list[tuple[float, float]]


def read_directory() -> Directory:
    rows = list(
        Space.objects.order_by("pk").values_list(
            "town", "country", "departement", "latitude", "longitude"
        )
    )
    return Directory(
        towns=[town for town, *_ in rows],
        french_towns=[town for town, country, *_ in rows if country == "FR"],
        departements=sorted({dep for _, _, dep, *_ in rows if dep}),
        points=[(lat, lon) for *_, lat, lon in rows if lat is not None],
    )


def _amenity_pair(rng: random.Random) -> list[str]:
    return rng.sample(sorted(AMENITIES), 2)


def _filters(rng: random.Random, data: Directory) -> dict:
    """One visitor's filters on the list page: none, a town, amenities, kind, département…"""
    choice = rng.choice(["none", "town", "amenities", "kind", "departement", "kind+amenity"])
    if choice == "town":
        return {"q": rng.choice(data.towns)}
    if choice == "amenities":
        return {"amenity": _amenity_pair(rng)}
    if choice == "kind":
        return {"kind": rng.choice(list(Kind)).value}
    if choice == "departement":
        return {"departement": rng.choice(data.departements)}
    if choice == "kind+amenity":
        return {"kind": rng.choice(list(Kind)).value, "amenity": [rng.choice(sorted(AMENITIES))]}
    return {}


def _paged(rng: random.Random, params: dict, pages: int) -> dict:
    page = rng.randint(1, pages)
    return {**params, "page": str(page)} if page > 1 else params


def list_requests(rng, data, count):
    return [Request(LIST, _paged(rng, _filters(rng, data), 5)) for _ in range(count)]


def _api_params(rng: random.Random, data: Directory) -> dict:
    choice = rng.choice(["town", "town+amenity", "amenities"])
    params = {"lang": rng.choice(LANGUAGES)}
    if choice != "amenities":
        # One page: a town has fewer than 20 spaces and a later page is a 404 in the API.
        return {
            **params,
            "q": rng.choice(data.towns),
            **({"amenity": [rng.choice(sorted(AMENITIES))]} if choice == "town+amenity" else {}),
        }
    pair = _amenity_pair(rng)
    return _paged(rng, {**params, "amenity": pair}, min(5, _pages(pair)))


def _pages(amenities: list[str], per_page: int = 20) -> int:
    """Pages of results: the API answers 404 past the last one, the list page does not."""
    matching = Space.objects.exclude(status=Status.CLOSED).filter(**dict.fromkeys(amenities, True))
    return max(1, -(-matching.count() // per_page))


def api_requests(rng, data, count):
    return [Request(API, _api_params(rng, data)) for _ in range(count)]


def near_list_requests(rng, data, count):
    return [
        Request(LIST, _paged(rng, {"near": rng.choice(data.towns), "km": "20"}, 2))
        for _ in range(count)
    ]


def _near_point(rng: random.Random, data: Directory) -> str:
    lat, lon = rng.choice(data.points)
    return f"{lat + rng.uniform(-0.05, 0.05):.5f},{lon + rng.uniform(-0.05, 0.05):.5f}"


def near_api_requests(rng, data, count):
    return [Request(API, {"near": _near_point(rng, data), "km": "20"}) for _ in range(count)]


def map_requests(rng, data, count):
    """The map of a filtered list: what the list page fetches next to its results."""
    requests = []
    for _ in range(count):
        params = _filters(rng, data) or {"near": rng.choice(data.towns), "km": "20"}
        requests.append(Request(MAP, params))
    return requests


def build(data: Directory, count: int, seed: int = 7) -> list[Scenario]:
    rng = random.Random(seed)
    return [
        Scenario("floor: bare view", [Request(FLOOR, {})] * count),
        Scenario("reference: about page", [Request(ABOUT, {})] * count),
        Scenario("list page", list_requests(rng, data, count)),
        Scenario("API search", api_requests(rng, data, count)),
        Scenario("near me: list page", near_list_requests(rng, data, count)),
        Scenario("near me: API", near_api_requests(rng, data, count)),
        Scenario("map GeoJSON, filtered", map_requests(rng, data, count)),
        # Every space in one response: what the list page's map fetches on a first visit.
        # Slow by nature, so sampled less.
        Scenario("map GeoJSON, no filter", [Request(MAP, {})] * max(20, count // 10)),
    ]
