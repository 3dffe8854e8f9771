"""Real browser tests: Debian's Chromium driven by Playwright, axe-core on every page."""

import json
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model

from spaces.models import Proposal, Space
from spaces.tests.factories import make_space

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture
def directory(network):
    make_space(
        "eLAN",
        "Lézat-sur-Lèze",
        has_wifi=True,
        has_meeting_room=True,
        seats=12,
        networks=[network],
        opening_hours="Mo-Fr 09:00-18:00",
        translations={
            "fr": {"short_description": "Coworking dans l'ancienne école"},
            "es": {"short_description": "Coworking en la antigua escuela"},
        },
    )
    make_space("Le Multiple", "Toulouse", kind="tiers_lieu", has_wifi=True)
    make_space("La Quincaillerie", "Guéret", kind="tiers_lieu", has_meeting_room=True)
    make_space(
        "Espai La Magrana",
        "Valls",
        country="ES",
        latitude=41.286,
        longitude=1.25,
        has_wifi=True,
        has_meeting_room=True,
    )


def check_accessibility(page):
    """Run axe-core in the page; fail on any serious or critical violation."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: `make test` installs it with npm")
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("async () => await axe.run(document)")
    bad = [v for v in results["violations"] if v["impact"] in ("serious", "critical")]
    assert not bad, f"{page.url}: " + json.dumps(
        [
            {"id": v["id"], "impact": v["impact"], "nodes": [n["html"] for n in v["nodes"][:3]]}
            for v in bad
        ],
        indent=1,
    )


def wait_for_markers(page) -> int:
    page.wait_for_function("document.getElementById('map').dataset.markers !== undefined")
    return int(page.get_attribute("#map", "data-markers"))


def result_names(page):
    return page.locator(".space-card h2").all_inner_texts()


def test_search_finds_elan(page, directory):
    page.goto("/fr/spaces/")
    page.fill("#id_q", "Lézat")
    page.click("#filter-form button[type=submit]")
    assert result_names(page) == ["eLAN"]
    assert wait_for_markers(page) == 1
    page.click("text=eLAN")
    assert page.locator("h1").inner_text() == "eLAN"


def test_filter_by_wifi_and_meeting_room_and_the_map_follows(page, directory):
    page.goto("/fr/spaces/")
    assert wait_for_markers(page) == 4
    page.check("input[name=amenity][value=has_wifi]")
    page.check("input[name=amenity][value=has_meeting_room]")
    page.click("#filter-form button[type=submit]")
    assert result_names(page) == ["eLAN", "Espai La Magrana"]
    assert wait_for_markers(page) == 2
    assert page.locator(".leaflet-marker-icon").count() >= 1


def test_switch_language_to_spanish_and_back(page, directory):
    page.goto("/fr/spaces/elan/")
    page.select_option("#language-select", "es")
    page.click(".language-form button")
    page.wait_for_url("**/es/spaces/elan/")
    assert page.locator("html").get_attribute("lang") == "es"
    assert "Coworking en la antigua escuela" in page.content()
    page.select_option("#language-select", "fr")
    page.click(".language-form button")
    page.wait_for_url("**/fr/spaces/elan/")
    assert "Coworking dans l'ancienne école" in page.content()


def log_in(page, username):
    # Accounts made by fixtures have no verified address yet; allauth requires one.
    user = get_user_model().objects.get(username=username)
    EmailAddress.objects.get_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    page.goto("/fr/accounts/login/")
    page.fill("#id_login", username)
    page.fill("#id_password", "pw-" + username)
    page.click("main button[type=submit]")
    page.wait_for_url("**/fr/me/")


def test_propose_a_space_then_accept_it_as_coordinator(page, directory, coordinator):
    page.goto("/fr/spaces/propose/")
    page.fill("#id_name", "Espace partagé de Luzech")
    page.select_option("#id_kind", "mini_cowork")
    page.fill("#id_town", "Luzech")
    page.fill("#id_postcode", "46140")
    page.fill("#id_short_description", "Trois postes dans l'épicerie du village")
    page.fill("#id_proposer_name", "Lucie")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/fr/spaces/")
    assert Proposal.objects.filter(state="pending").count() == 1
    assert not Space.objects.filter(name="Espace partagé de Luzech").exists()

    log_in(page, "cora")
    page.goto("/fr/spaces/moderation/")
    page.click("text=Espace partagé de Luzech")
    page.check("input[name=decision][value=accept]")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/fr/spaces/moderation/")
    space = Space.objects.get(name="Espace partagé de Luzech")
    assert space.insee == "46182"
    page.goto(space.get_absolute_url())
    assert "Trois postes dans l'épicerie du village" in page.content()


@pytest.mark.parametrize("language", ["fr", "es"])
def test_pages_have_no_serious_accessibility_violation(page, directory, coordinator, language):
    elan = Space.objects.get(name="eLAN")
    proposal = Proposal.objects.create(
        space=elan, data={"seats": 20, "translations": {}}, proposer_name="Iñaki"
    )
    public = [
        "/spaces/",
        "/spaces/?q=zzzz",
        "/spaces/?near=Nowhere-sur-Rien",
        f"/spaces/{elan.slug}/",
        f"/spaces/{elan.slug}/history/",
        f"/spaces/{elan.slug}/propose/",
        "/spaces/propose/",
        "/spaces/open-data/",
        "/about/",
        "/accounts/login/",
    ]
    for path in public:
        page.goto(f"/{language}{path}")
        check_accessibility(page)
    log_in(page, "cora")
    for path in [
        "/spaces/moderation/",
        f"/spaces/moderation/{proposal.pk}/",
        f"/spaces/{elan.slug}/edit/",
        "/spaces/import/",
    ]:
        page.goto(f"/{language}{path}")
        check_accessibility(page)
