import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from community.models import Profile, Skill, SpaceMembership
from community.models.profile import PRIVATE_FIELDS

pytestmark = pytest.mark.django_db

BASE = {
    "display_name": "Mia Lopez",
    "bio": "Graphiste",
    "town": "Lézat",
    "availability": "le mardi",
    "links": "https://example.org",
    "offered_core": ["design", "communication"],
    "offered_tags": "Reliure, reliure ",
    "sought_core": ["accounting"],
    "sought_tags": "",
    "languages": ["fr", "es"],
    **{f"{name}_visibility": "members" for name in PRIVATE_FIELDS},
}


def png(size=(20, 20)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "green").save(buffer, "PNG")
    return buffer.getvalue()


def test_a_member_fills_the_profile(client, member, skills, space):
    client.force_login(member)
    response = client.post(
        reverse("community:me"),
        {**BASE, "home_space": space.pk, "photo": SimpleUploadedFile("me.png", png(), "image/png")},
    )
    assert response.status_code == 302
    profile = Profile.objects.get(user=member)
    assert profile.display_name == "Mia Lopez"
    assert set(profile.skills_offered.values_list("key", flat=True)) == {
        "design",
        "communication",
        "reliure",
    }
    assert list(profile.skills_sought.values_list("key", flat=True)) == ["accounting"]
    assert profile.language_codes == ["es", "fr"]
    assert profile.photo.name.startswith("members/")
    assert (profile.latitude, profile.longitude) == (space.latitude, space.longitude)
    # Choosing a home space asks its managers to confirm.
    assert SpaceMembership.objects.get(user=member, space=space).state == "requested"


@pytest.mark.parametrize(
    "change, field",
    [
        ({"offered_core": ["astrology"]}, "offered_core"),
        ({"offered_tags": "x" * 61}, "offered_tags"),
        ({"offered_tags": ",".join(f"tag{i}" for i in range(11))}, "offered_tags"),
        ({"links": "javascript:alert(1)"}, "links"),
        ({"languages": ["klingon"]}, "languages"),
        ({"display_name": "   "}, "display_name"),
        ({"name_visibility": "friends"}, "name_visibility"),
        ({"home_space": "999999"}, "home_space"),
    ],
)
def test_bad_profile_input_is_refused_and_nothing_stored(client, member, skills, change, field):
    client.force_login(member)
    response = client.post(reverse("community:me"), {**BASE, **change})
    assert response.status_code == 200
    assert field in response.context["form"].errors
    profile = Profile.objects.get(user=member)
    assert profile.display_name != "Mia Lopez"
    assert not profile.skills_offered.exists()
    assert not Skill.objects.filter(key="reliure").exists()


def test_a_photo_that_is_not_an_image_is_refused(client, member, skills):
    client.force_login(member)
    fake = SimpleUploadedFile("me.png", b"<script>alert(1)</script>", "image/png")
    response = client.post(reverse("community:me"), {**BASE, "photo": fake})
    assert "photo" in response.context["form"].errors
    assert not Profile.objects.get(user=member).photo


def test_an_oversized_photo_is_refused(client, member, skills):
    client.force_login(member)
    big = png((2200, 2200))
    noise = Image.effect_noise((1600, 1600), 100).convert("RGB")
    buffer = io.BytesIO()
    noise.save(buffer, "PNG")
    big = buffer.getvalue()
    assert len(big) > 2 * 1024 * 1024
    response = client.post(
        reverse("community:me"), {**BASE, "photo": SimpleUploadedFile("big.png", big, "image/png")}
    )
    assert "photo" in response.context["form"].errors
    assert not Profile.objects.get(user=member).photo


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(reverse("community:me"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


@pytest.mark.parametrize(
    "actor, allowed",
    [("manager", True), ("coordinator", True), ("other_manager", False), ("member", False)],
)
def test_only_the_space_managers_confirm_a_membership(
    client, request, make_user, space, actor, allowed
):
    newcomer = make_user("nina")
    membership = SpaceMembership.objects.create(user=newcomer, space=space)
    client.force_login(request.getfixturevalue(actor))
    listing = client.get(reverse("community:space_members", args=[space.slug]))
    assert listing.status_code == (200 if allowed else 403)
    response = client.post(
        reverse("community:membership_decide", args=[membership.pk]), {"decision": "confirm"}
    )
    assert response.status_code == (302 if allowed else 403)
    membership.refresh_from_db()
    assert membership.state == ("confirmed" if allowed else "requested")


def test_answering_a_membership_twice_is_refused(client, make_user, manager, space):
    newcomer = make_user("nina")
    membership = SpaceMembership.objects.create(user=newcomer, space=space)
    client.force_login(manager)
    url = reverse("community:membership_decide", args=[membership.pk])
    client.post(url, {"decision": "decline"})
    response = client.post(url, {"decision": "confirm"}, follow=True)
    membership.refresh_from_db()
    assert membership.state == "declined"
    assert list(response.context["messages"])


@pytest.mark.parametrize(
    "actor, allowed",
    [("member", False), ("manager", False), ("coordinator", True)],
)
def test_only_coordinators_grant_roles(client, request, make_user, space, actor, allowed):
    target = make_user("tess")
    client.force_login(request.getfixturevalue(actor))
    url = reverse("community:roles", args=[target.pk])
    response = client.post(url, {"is_trainer": "on", "spaces": [space.pk]})
    assert response.status_code == (302 if allowed else 403)
    target.refresh_from_db()
    assert target.is_trainer is allowed
    assert space.managers.filter(pk=target.pk).exists() is allowed


def test_roles_page_needs_an_account(client, member):
    response = client.post(reverse("community:roles", args=[member.pk]), {"is_trainer": "on"})
    assert response.status_code == 302
    member.refresh_from_db()
    assert not member.is_trainer


def test_a_coordinator_cannot_remove_their_own_role(client, coordinator):
    client.force_login(coordinator)
    response = client.post(reverse("community:roles", args=[coordinator.pk]), {})
    assert response.status_code == 200
    coordinator.refresh_from_db()
    assert coordinator.is_coordinator


def test_member_directory_searches_by_skill_language_space_and_distance(
    client, make_user, set_profile, space, bilbao, member, django_assert_max_num_queries
):
    lea = make_user("lea")
    set_profile(lea, offered=["accounting"], languages=["fr"], home_space=space, display_name="Léa")
    ane = make_user("ane")
    set_profile(ane, offered=["design"], languages=["eu"], home_space=bilbao, display_name="Ane")
    for index in range(30):
        extra = make_user(f"extra{index}")
        set_profile(extra, offered=["design"], home_space=bilbao, display_name=f"Extra {index}")
    client.force_login(member)
    url = reverse("community:members")

    def names(**params):
        response = client.get(url, params)
        assert response.status_code == 200
        return [p.shown["name"] for p in response.context["page"].object_list]

    assert names(skill="accounting") == ["Léa"]
    assert names(language="eu") == ["Ane"]
    assert names(space=space.slug) == ["Léa"]
    assert names(near=f"{space.latitude},{space.longitude}", km=50) == ["Léa"]
    assert "Ane" in names(near="43.27,-2.95", km=5)
    with django_assert_max_num_queries(8):
        assert len(names(skill="design")) == 24  # one page
    with django_assert_max_num_queries(8):
        client.get(url, {"near": "43.27,-2.95", "km": 30})


@pytest.mark.parametrize(
    "params",
    [{"skill": "nope"}, {"near": "abc"}, {"near": "100,0"}, {"km": "-3"}, {"space": "x"}],
)
def test_bad_directory_queries_give_errors_not_500(client, skills, params):
    response = client.get(reverse("community:members"), params)
    assert response.status_code == 200
    assert response.context["page"] is None
    assert response.context["form"].errors
