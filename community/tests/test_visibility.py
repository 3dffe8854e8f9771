"""A member never sees a field its owner hid: on the profile page, in the directory
search, in barter lists and suggestions."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from community import selectors
from community.models import BarterPost
from community.visibility import anonymous_label, can_see, profile_view, public_name

pytestmark = pytest.mark.django_db


@pytest.fixture
def hidden(make_user, set_profile, space):
    """Hugo shows his skills to members only and hides his town and languages."""
    hugo = make_user("hugo")
    set_profile(
        hugo,
        offered=["legal"],
        languages=["eu"],
        home_space=space,
        display_name="Hugo Secret",
        town="Lézat-sur-Lèze",
        bio="Juriste",
        skills_visibility="members",
        town_visibility="nobody",
        languages_visibility="nobody",
        bio_visibility="everyone",
        spaces_visibility="nobody",
    )
    return hugo


def test_rules_for_each_viewer(hidden, member):
    profile = hidden.profile
    assert "languages" not in profile_view(profile, member)
    assert profile_view(profile, hidden)["languages"] == ["eu"]
    anonymous = AnonymousUser()
    assert can_see(profile, "bio", anonymous)
    assert not can_see(profile, "skills", anonymous)
    assert can_see(profile, "skills", member)
    assert not can_see(profile, "town", member)
    assert can_see(profile, "town", hidden)  # the owner sees everything


def test_the_profile_page_shows_only_what_the_viewer_may_see(
    client, hidden, member, coordinator, skills
):
    legal = skills["legal"].label
    url = reverse("community:member", args=[hidden.pk])
    anonymous_page = client.get(url).content.decode()
    assert "Juriste" in anonymous_page
    assert legal not in anonymous_page  # skills: members only
    client.force_login(member)
    member_page = client.get(url).content.decode()
    assert legal in member_page
    for secret in ("Lézat-sur-Lèze", "eLAN"):
        assert secret not in member_page
    client.force_login(coordinator)
    assert "Lézat-sur-Lèze" not in client.get(url).content.decode()
    client.force_login(hidden)
    own_page = client.get(url).content.decode()
    assert "Lézat-sur-Lèze" in own_page and "eLAN" in own_page


def test_searching_a_hidden_field_does_not_find_the_member(hidden, member, skills, space):
    def found(viewer, **query):
        result = selectors.search_members(selectors.MemberQuery(**query), viewer)
        ids = result.ordered_ids if result.ordered_ids is not None else result.queryset
        return hidden.profile.pk in [p if isinstance(p, int) else p.pk for p in ids]

    assert found(member, skill=skills["legal"])
    assert not found(AnonymousUser(), skill=skills["legal"])
    assert not found(member, language="eu")
    assert not found(member, text="Lézat")
    assert not found(member, space=space)
    assert not found(member, near=(space.latitude, space.longitude), km=10)
    assert found(hidden, near=(space.latitude, space.longitude), km=10)


def test_a_hidden_name_is_replaced_everywhere(client, make_user, set_profile, member):
    shy = make_user("shy")
    set_profile(shy, offered=["design"], display_name="Sophie Discrète", name_visibility="nobody")
    BarterPost.objects.create(
        author=shy,
        kind="offer",
        title="Je dessine vos logos",
        skill=shy.profile.skills_offered.get(),
    )
    assert public_name(shy, member) == anonymous_label()
    assert "name" not in profile_view(shy.profile, member)
    client.force_login(member)
    for url in (
        reverse("community:posts"),
        reverse("community:members"),
        reverse("community:member", args=[shy.pk]),
    ):
        page = client.get(url).content.decode()
        assert "Sophie" not in page, url
