"""`manage.py load_demo`: the demo networks, spaces and role accounts."""

import copy
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from spaces import demo
from spaces.models import Network, OpeningSlot, Space, SpaceRevision, SpaceTranslation

pytestmark = pytest.mark.django_db

# Metropolitan France with Corsica, generously boxed.
FRANCE_BOX = {"lat": (41.3, 51.2), "lon": (-5.2, 9.6)}


def load(*args):
    out = StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def snapshot():
    return {
        "spaces": Space.objects.count(),
        "networks": Network.objects.count(),
        "translations": SpaceTranslation.objects.count(),
        "revisions": SpaceRevision.objects.count(),
        "slots": OpeningSlot.objects.count(),
        "updated": sorted(Space.objects.values_list("source_id", "updated_at")),
    }


def test_it_loads_every_space_and_network_and_prints_a_summary():
    output = load()
    assert Space.objects.filter(source="demo").count() == len(demo.SPACES) == 15
    assert set(Network.objects.values_list("slug", flat=True)) == {
        "cowocat",
        "cowopy",
        "cooperative-tiers-lieux",
    }
    assert "demo data: 15 spaces (15 created, 0 updated), 3 networks" in output


def test_loading_twice_changes_nothing():
    load()
    first = snapshot()
    output = load()
    assert snapshot() == first
    assert "(0 created, 0 updated)" in output
    keys = list(Space.objects.values_list("source_id", flat=True))
    assert len(keys) == len(set(keys))


def test_each_space_records_one_revision_when_created():
    load()
    assert all(space.revisions.count() == 1 for space in Space.objects.all())
    assert set(SpaceRevision.objects.values_list("origin", flat=True)) == {"demo"}


def test_a_changed_entry_updates_its_space_with_one_revision(monkeypatch):
    load()
    changed = copy.deepcopy(demo.SPACES)
    entry = next(e for e in changed if e["key"] == "le-multiple")
    entry["values"]["seats"] = 42
    entry["translations"]["en"]["short_description"] = "A new summary."
    monkeypatch.setattr(demo, "SPACES", changed)
    before = SpaceRevision.objects.count()

    output = load()

    space = demo.demo_space("le-multiple")
    assert space.seats == 42
    assert space.translations.get(language="en").short_description == "A new summary."
    assert SpaceRevision.objects.count() == before + 1
    assert set(space.revisions.first().changes) == {"seats", "short_description[en]"}
    assert "(0 created, 1 updated)" in output
    assert Space.objects.count() == 15


def test_every_space_has_french_english_and_spanish_descriptions():
    load()
    for space in Space.objects.all():
        texts = {t.language: t for t in space.translations.all()}
        for language in ("fr", "en", "es"):
            assert texts[language].short_description, (space, language)
            assert texts[language].description, (space, language)
        assert all(len(t.short_description) <= 300 for t in texts.values()), space
        assert {t.status for t in texts.values()} == {"up_to_date"}, space


def test_french_spaces_have_an_insee_code_and_a_point_in_france():
    load()
    french = Space.objects.filter(country="FR")
    assert french.count() == 8
    for space in french:
        assert len(space.insee) == 5, space
        assert FRANCE_BOX["lat"][0] < space.latitude < FRANCE_BOX["lat"][1], space
        assert FRANCE_BOX["lon"][0] < space.longitude < FRANCE_BOX["lon"][1], space
        assert space.timezone == "Europe/Paris"


def test_elan_is_in_lezat_sur_leze_and_in_cowopy():
    load()
    elan = demo.demo_space("elan-lezat")
    assert elan.insee == "09167"
    assert elan.departement == "09 – Ariège"
    assert list(elan.networks.values_list("slug", flat=True)) == ["cowopy"]


def test_le_chai_is_placed_at_the_seat_of_its_intercommunality():
    load()
    chai = demo.demo_space("le-chai")
    assert chai.town == "Genouillac"
    assert chai.epci == "CC Portes de la Creuse en Marche"


def test_spanish_spaces_have_madrid_time_a_province_and_a_point():
    load()
    spanish = Space.objects.filter(country="ES")
    assert spanish.count() == 7
    for space in spanish:
        assert space.timezone == "Europe/Madrid"
        assert space.region in {"Catalunya", "Euskadi"}
        assert space.departement in {"Barcelona", "Tarragona", "Bizkaia"}
        assert space.has_point
        assert space.insee == ""
        # The search text knows the province, so "Tarragona" finds Valls.
        assert space.departement.lower() in space.search_text
    assert demo.demo_space("alpha-espai").area_m2 == 300


def test_opening_hours_are_indexed_except_for_the_project():
    load()
    for space in Space.objects.all():
        if space.status == "project":
            assert space.opening_hours == ""
        else:
            assert space.opening_slots.exists(), space


def test_role_accounts_are_not_created_without_debug_or_flag(settings):
    settings.DEBUG = False
    output = load()
    assert (
        not get_user_model()
        .objects.filter(username__in=["coordinatrice", "gestionnaire", "membre"])
        .exists()
    )
    assert "--with-users" in output
    assert "users: not created" in output


def test_role_accounts_are_created_with_the_flag(settings):
    settings.DEBUG = False
    output = load("--with-users")
    users = get_user_model().objects
    coordinator = users.get(username="coordinatrice")
    manager = users.get(username="gestionnaire")
    member = users.get(username="membre")
    assert coordinator.is_coordinator
    assert not manager.is_coordinator and not member.is_coordinator
    assert all(u.check_password("maillage-demo") for u in (coordinator, manager, member))
    assert set(manager.managed_spaces.values_list("source_id", flat=True)) == {
        "elan-lezat",
        "tiers-lieu-gascogne",
    }
    assert not member.managed_spaces.exists()
    assert "users: coordinatrice, gestionnaire, membre" in output


def test_role_accounts_are_created_in_debug_and_only_once(settings):
    settings.DEBUG = True
    load()
    load()
    assert get_user_model().objects.filter(username="gestionnaire").count() == 1
    assert demo.demo_space("elan-lezat").managers.count() == 1


def test_an_existing_account_with_a_role_name_is_left_alone(settings, make_user):
    settings.DEBUG = True
    someone = make_user("coordinatrice")
    load()
    someone.refresh_from_db()
    assert not someone.is_coordinator
    assert someone.check_password("pw-coordinatrice")
