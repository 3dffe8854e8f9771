import pytest
from django.urls import reverse

from spaces import services
from spaces.choices import TranslationStatus
from spaces.tests.factories import make_space

pytestmark = pytest.mark.django_db


def test_detail_shows_hours_places_and_amenities(client, space):
    page = client.get(reverse("spaces:detail", args=[space.slug])).content.decode()
    assert "eLAN" in page
    assert "09:00–18:00" in page
    assert "09167" in page and "Ariège" in page and "CC Arize Lèze" in page
    assert 'data-point="' in page


def test_description_markdown_is_sanitised(client):
    space = make_space(
        "Zawp",
        "Bilbao",
        country="ES",
        latitude=43.27,
        longitude=-2.96,
        source_language="es",
        translations={
            "es": {
                "description": "**Hola** <script>alert(1)</script>"
                " [x](javascript:alert(2)) <img src=x onerror=y>"
            }
        },
    )
    page = client.get(f"/es/spaces/{space.slug}/").content.decode()
    assert "<strong>Hola</strong>" in page
    assert "<script>alert" not in page and "javascript:" not in page and "onerror" not in page


def test_missing_translation_falls_back_with_a_notice(client):
    space = make_space(
        "Vapor Lab",
        "Reus",
        country="ES",
        latitude=41.15,
        longitude=1.1,
        source_language="es",
        translations={"es": {"short_description": "Coworking en Reus"}},
    )
    response = client.get(f"/en/spaces/{space.slug}/")
    page = response.content.decode()
    assert "Coworking en Reus" in page
    assert response.context["is_fallback"] is True
    assert 'lang="es"' in page


def test_changing_the_source_marks_translations_outdated(client, space):
    services.space_save(
        space=space, values={}, translations={"es": {"short_description": "Antigua escuela"}}
    )
    services.space_save(
        space=space, values={}, translations={"fr": {"short_description": "Nouvelle description"}}
    )
    statuses = dict(space.translations.values_list("language", "status"))
    assert statuses == {"fr": TranslationStatus.UP_TO_DATE, "es": TranslationStatus.OUTDATED}
    response = client.get(f"/es/spaces/{space.slug}/")
    assert response.context["translation"].status == TranslationStatus.OUTDATED


def test_history_records_who_changed_what(client, space, manager):
    client.force_login(manager)
    client.post(
        reverse("spaces:edit", args=[space.slug]),
        {
            "name": "eLAN",
            "kind": "coworking",
            "status": "open",
            "source_language": "fr",
            "town": "Lézat-sur-Lèze",
            "postcode": "09210",
            "country": "FR",
            "seats": "14",
            "opening_hours": "Mo-Fr 09:00-18:00",
            "has_wifi": "on",
            "has_meeting_room": "on",
            "networks": [space.networks.get().slug],
            "language": "fr",
            "short_description": "Espace de coworking dans l'ancienne école",
        },
    )
    revision = space.revisions.first()
    assert revision.user == manager
    assert revision.changes == {"seats": [12, 14]}
    page = client.get(reverse("spaces:history", args=[space.slug])).content.decode()
    assert "Manon" in page and "seats" in page
    detail = client.get(reverse("spaces:detail", args=[space.slug])).content.decode()
    assert "Manon" in detail


def test_unknown_space_is_a_404(client):
    assert client.get(reverse("spaces:detail", args=["nowhere"])).status_code == 404


def test_slugs_stay_unique(db):
    first = make_space("Coworking", "Guéret")
    second = make_space("Coworking", "Guéret")
    third = make_space("Coworking", "Guéret")
    assert [first.slug, second.slug, third.slug] == [
        "coworking",
        "coworking-gueret",
        "coworking-gueret-2",
    ]


def test_saving_the_same_values_records_no_revision(space):
    from decimal import Decimal

    services.space_save(space=space, values={"price_day": Decimal("12")})
    count = space.revisions.count()
    services.space_save(space=space, values={"price_day": Decimal("12.00")})
    services.space_save(space=space, values={"price_day": Decimal("12")})
    assert space.revisions.count() == count


def test_the_time_zone_follows_the_country(db):
    valls = make_space("Espai La Magrana", "Valls", country="ES", latitude=41.288, longitude=1.252)
    assert valls.timezone == "Europe/Madrid"
