"""Every page of the community that changes data, for every role."""

from decimal import Decimal

import pytest
from django.urls import reverse

from community import barter
from community.models import BarterPost, Endorsement, Exchange, SpaceMembership

pytestmark = pytest.mark.django_db


@pytest.fixture
def trainer(make_user):
    return make_user("tina", is_trainer=True)


@pytest.fixture
def world(make_user, skills, space, set_profile):
    author = make_user("alba")
    other = make_user("olga")
    set_profile(author, offered=["design"])
    post = barter.create_post(
        author, kind="request", title="Aide", description="", skill=skills["design"], language="fr"
    )
    exchange = barter.record_exchange(
        author, other, recorder_gave=True, skill=skills["design"], hours=Decimal(1)
    )
    membership = SpaceMembership.objects.create(user=other, space=space)
    return {
        "author": author,
        "other": other,
        "post": post,
        "exchange": exchange,
        "membership": membership,
    }


def data_changing(world, skills, space):
    """(url, data, what must not have changed) of every POST of the community."""
    return [
        (reverse("community:me"), {"display_name": "X"}, None),
        (reverse("community:post_new"), {"kind": "offer", "title": "T"}, None),
        (reverse("community:post_close", args=[world["post"].pk]), {}, "post"),
        (
            reverse("community:exchange_answer", args=[world["exchange"].pk]),
            {"decision": "confirm"},
            "exchange",
        ),
        (
            reverse("community:exchange_new", args=[world["author"].pk]),
            {"direction": "gave", "skill": skills["design"].pk, "hours": "1"},
            None,
        ),
        (reverse("community:endorse", args=[world["author"].pk]), {"message": "Merci"}, None),
        (reverse("community:roles", args=[world["author"].pk]), {"is_trainer": "on"}, None),
        (
            reverse("community:membership_decide", args=[world["membership"].pk]),
            {"decision": "confirm"},
            "membership",
        ),
        (reverse("community:join_space", args=[space.slug]), {}, None),
    ]


def snapshot(world):
    return (
        BarterPost.objects.get(pk=world["post"].pk).state,
        Exchange.objects.get(pk=world["exchange"].pk).state,
        SpaceMembership.objects.get(pk=world["membership"].pk).state,
        Exchange.objects.count(),
        Endorsement.objects.count(),
        world["author"].__class__.objects.filter(is_trainer=True).count(),
    )


def test_anonymous_visitors_change_nothing(client, world, skills, space):
    before = snapshot(world)
    for url, data, _what in data_changing(world, skills, space):
        response = client.post(url, data)
        assert response.status_code == 302, url
        assert reverse("account_login") in response["Location"], url
    assert snapshot(world) == before


@pytest.mark.parametrize("role", ["member", "trainer", "other_manager"])
def test_members_without_a_role_on_the_object_cannot_act_on_it(
    client, request, world, role, skills, space
):
    client.force_login(request.getfixturevalue(role))
    before = snapshot(world)
    for url, data, what in data_changing(world, skills, space):
        if what is None:
            continue
        assert client.post(url, data).status_code == 403, url
    assert (
        client.post(
            reverse("community:roles", args=[world["author"].pk]), {"is_trainer": "on"}
        ).status_code
        == 403
    )
    assert snapshot(world) == before


def test_get_only_pages_refuse_other_methods(client, member):
    client.force_login(member)
    assert client.post(reverse("community:members")).status_code == 405
    assert client.post(reverse("community:knowledge")).status_code == 405
    assert client.get(reverse("community:join_space", args=["elan"])).status_code == 405
