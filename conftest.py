"""Shared test fixtures: the five roles of the directory, and a real browser."""

import os
import shutil

import pytest
from django.core.cache import cache
from django.utils import translation

from spaces import services
from spaces.models import Network

# Playwright's sync API runs an event loop in the test thread; Django must allow ORM calls there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    # The hashed-name manifest exists only after collectstatic, which tests do not run.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # Fast hashing: the tests create many users; production keeps Django's default.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # A request leaves its language active in the thread: start every test from the default.
    translation.activate(settings.LANGUAGE_CODE)
    cache.clear()
    yield
    translation.deactivate()


@pytest.fixture
def english(_test_settings):
    """For tests that read the English messages: pages reversed under /en/, services
    speaking English (the catalogues are checked by maillage/tests/test_translations.py).
    An app's tests ask for it with ``pytestmark = pytest.mark.usefixtures("english")``."""
    with translation.override("en"):
        yield


@pytest.fixture
def make_user(django_user_model):
    def make(username, **extra):
        return django_user_model.objects.create_user(
            username=username, email=f"{username}@example.org", password="pw-" + username, **extra
        )

    return make


@pytest.fixture
def member(make_user):
    return make_user("mia")


@pytest.fixture
def coordinator(make_user):
    return make_user("cora", is_coordinator=True, first_name="Cora")


@pytest.fixture
def network(db):
    return Network.objects.create(name="Cowopy", slug="cowopy")


@pytest.fixture
def space(db, make_user, network):
    """eLAN at Lézat-sur-Lèze, managed by Manon."""
    manager = make_user("manon", first_name="Manon")
    created = services.space_save(
        space=None,
        values={
            "name": "eLAN",
            "kind": "coworking",
            "town": "Lézat-sur-Lèze",
            "postcode": "09210",
            "country": "FR",
            "opening_hours": "Mo-Fr 09:00-18:00",
            "has_wifi": True,
            "has_meeting_room": True,
            "seats": 12,
            "networks": [network],
        },
        translations={"fr": {"short_description": "Espace de coworking dans l'ancienne école"}},
    )
    created.managers.add(manager)
    return created


@pytest.fixture
def manager(space):
    return space.managers.get()


@pytest.fixture
def other_manager(db, make_user):
    """Manager of another space: no more rights on ``space`` than a member."""
    user = make_user("otto")
    other = services.space_save(
        space=None,
        values={"name": "Le Chai", "kind": "tiers_lieu", "town": "Guéret", "country": "FR"},
    )
    other.managers.add(user)
    return user


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright; never a downloaded browser."""
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        if os.environ.get("MAILLAGE_REQUIRE_BROWSER"):
            pytest.fail(f"{CHROMIUM} is missing and browser tests are required")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-background-networking", "--disable-gpu"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="fr-FR")
    # Map tiles would go to the network; the tests never load them.
    context.route("**/tile.openstreetmap.org/**", lambda route: route.abort())
    page = context.new_page()
    yield page
    context.close()
