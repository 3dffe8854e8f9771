"""No input may produce a server error: garbage in every field and parameter, one at a time."""

import pytest
from django.urls import reverse

from spaces.values import EDITABLE_FIELDS

pytestmark = pytest.mark.django_db

GARBAGE = ["", "nan", "-1", "1e999", "\x00", "<script>alert(1)</script>", "9" * 40, "é" * 300]
# For forms, the values that reach conversions and the database: empty, not-a-number,
# too large for an integer column, a NUL byte, too long.
FORM_GARBAGE = ["", "nan", "9" * 40, "\x00", "é" * 300]
FORM_FIELDS = [
    *EDITABLE_FIELDS,
    "networks",
    "language",
    "short_description",
    "description",
    "proposer_email",
    "managers",
]
FILTERS = [
    "q",
    "near",
    "km",
    "seats",
    "kind",
    "status",
    "page",
    "country",
    "region",
    "departement",
    "amenity",
    "network",
    "open_now",
    "limit",
    "lang",
]
VALID_SPACE = {
    "name": "eLAN",
    "kind": "coworking",
    "status": "open",
    "source_language": "fr",
    "town": "Lézat-sur-Lèze",
    "country": "FR",
    "language": "fr",
}


def test_a_nul_character_in_a_url_is_a_clear_400(client):
    for url in ("/api/spaces?region=%00", "/api/spaces/a%00b", "/fr/spaces/?q=a%00"):
        response = client.get(url)
        assert response.status_code == 400
    assert "<h1>" in client.get("/fr/spaces/?q=%00").content.decode()


def server_errors(responses):
    return [(label, value, r.status_code) for label, value, r in responses if r.status_code >= 500]


@pytest.fixture
def anyone(client):
    client.raise_request_exception = False
    return client


def test_searches_and_downloads_never_fail(anyone, space):
    responses = []
    for name in FILTERS:
        for value in GARBAGE:
            for url in ("/fr/spaces/", "/api/spaces"):
                responses.append((f"{url}?{name}", value, anyone.get(url, {name: value})))
    for value in GARBAGE:
        every_filter = dict.fromkeys(FILTERS, value)
        for url in ("/fr/spaces/map.geojson", "/fr/spaces/export.csv", "/fr/spaces/communes.json"):
            responses.append((url, value, anyone.get(url, every_filter)))
        responses.append(("api detail", value, anyone.get(f"/api/spaces/{value or 'x'}")))
    assert not server_errors(responses)


def test_proposals_never_fail(anyone, space):
    responses = []
    for name in FORM_FIELDS:
        for value in FORM_GARBAGE:
            data = {**VALID_SPACE, name: value}
            responses.append(
                (f"propose {name}", value, anyone.post(reverse("spaces:propose"), data))
            )
    correction = reverse("spaces:propose_change", args=[space.slug])
    for value in FORM_GARBAGE:
        data = dict.fromkeys(FORM_FIELDS, value)
        responses.append(("correction", value, anyone.post(correction, data)))
    assert not server_errors(responses)


def test_coordinator_pages_never_fail(anyone, space, coordinator):
    anyone.force_login(coordinator)
    responses = []
    for name in FORM_FIELDS:
        for value in FORM_GARBAGE:
            url = reverse("spaces:edit", args=[space.slug])
            responses.append(
                (f"edit {name}", value, anyone.post(url, {**VALID_SPACE, name: value}))
            )
    for value in GARBAGE:
        responses.append(
            ("review", value, anyone.post("/fr/spaces/moderation/1/", {"decision": value}))
        )
        responses.append(("preview", value, anyone.post("/fr/spaces/import/1/", {"action": value})))
    for path in (
        "/fr/spaces/moderation/99999999999999999999999/",
        "/fr/spaces/import/99999999999999999999999/",
    ):
        responses.append((path, "", anyone.get(path)))
    assert not server_errors(responses)
