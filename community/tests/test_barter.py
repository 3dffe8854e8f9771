from decimal import Decimal

import pytest
from django.urls import reverse

from community import barter, selectors
from community.models import BarterPost, Endorsement, Exchange
from community.services import CommunityError

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(make_user, set_profile, space, bilbao, gueret):
    """Léa at eLAN asks; three members offer accounting at various distances."""
    lea = make_user("lea")
    set_profile(lea, sought=["accounting"], languages=["fr"], home_space=space, display_name="Léa")
    near_fr = make_user("near")
    set_profile(
        near_fr, offered=["accounting"], languages=["fr"], home_space=space, display_name="Proche"
    )
    far_es = make_user("far")
    set_profile(
        far_es, offered=["accounting"], languages=["es"], home_space=bilbao, display_name="Lejos"
    )
    far_fr = make_user("farfr")
    set_profile(
        far_fr, offered=["accounting"], languages=["fr"], home_space=gueret, display_name="Loin"
    )
    unrelated = make_user("other")
    set_profile(unrelated, offered=["design"], languages=["fr"], home_space=space)
    return {"lea": lea, "near": near_fr, "far": far_es, "farfr": far_fr, "other": unrelated}


@pytest.fixture
def request_post(people, skills):
    return barter.create_post(
        people["lea"],
        kind="request",
        title="Ma première facture",
        description="",
        skill=skills["accounting"],
        language="fr",
    )


def test_suggestions_rank_by_language_then_distance(people, request_post):
    names = [s.profile.display_name for s in selectors.suggest_members(request_post, people["lea"])]
    assert names == ["Proche", "Loin", "Lejos"]  # "other" does not offer accounting


def test_past_exchanges_lift_a_member(people, request_post, skills):
    def lejos():
        ranked = selectors.suggest_members(request_post, people["lea"])
        return next(s for s in ranked if s.profile.display_name == "Lejos")

    before = lejos().score
    for _ in range(3):
        exchange = barter.record_exchange(
            people["lea"],
            people["far"],
            recorder_gave=True,
            skill=skills["design"],
            hours=Decimal(1),
        )
        barter.answer_exchange(exchange, confirm=True)
    after = lejos()
    assert after.past_exchanges == 3
    assert after.score == pytest.approx(before + 1.0)


def test_an_offer_suggests_members_who_seek_the_skill(people, skills):
    post = barter.create_post(
        people["near"],
        kind="offer",
        title="Je relis vos comptes",
        description="",
        skill=skills["accounting"],
        language="fr",
    )
    assert [s.profile.user for s in selectors.suggest_members(post, people["near"])] == [
        people["lea"]
    ]


def test_members_hiding_their_skills_are_not_suggested(people, request_post):
    profile = people["near"].profile
    profile.skills_visibility = "nobody"
    profile.save()
    names = [s.profile.display_name for s in selectors.suggest_members(request_post, people["lea"])]
    assert "Proche" not in names


def test_record_then_confirm_an_exchange_through_the_pages(client, people, request_post, skills):
    lea, helper = people["lea"], people["near"]
    client.force_login(lea)
    page = client.get(reverse("community:post", args=[request_post.pk]))
    assert [s.profile.user for s in page.context["suggestions"]][0] == helper
    url = reverse("community:exchange_new", args=[helper.pk]) + f"?post={request_post.pk}"
    form = client.get(url).context["form"]
    assert form.initial["direction"] == "received"
    response = client.post(
        url, {"direction": "received", "skill": skills["accounting"].pk, "hours": "1.5"}
    )
    assert response.status_code == 302
    exchange = Exchange.objects.get()
    assert (exchange.giver, exchange.receiver, exchange.state) == (helper, lea, "pending")
    # The recorder cannot confirm their own record.
    client.post(reverse("community:exchange_answer", args=[exchange.pk]), {"decision": "confirm"})
    exchange.refresh_from_db()
    assert exchange.state == "pending"
    assert barter.balance(lea).received == 0
    client.force_login(helper)
    listing = client.get(reverse("community:exchanges"))
    assert listing.context["page"].object_list[0].can_answer
    client.post(reverse("community:exchange_answer", args=[exchange.pk]), {"decision": "confirm"})
    exchange.refresh_from_db()
    assert exchange.state == "confirmed" and exchange.confirmed_at
    assert barter.balance(helper).given == Decimal("1.5")
    assert barter.balance(lea).received == Decimal("1.5")
    assert barter.balance(lea).net == Decimal("-1.5")


def test_a_third_member_cannot_answer_or_see_an_exchange(client, people, skills):
    exchange = barter.record_exchange(
        people["lea"], people["near"], recorder_gave=True, skill=skills["design"], hours=Decimal(2)
    )
    client.force_login(people["far"])
    response = client.post(
        reverse("community:exchange_answer", args=[exchange.pk]), {"decision": "confirm"}
    )
    assert response.status_code == 403
    exchange.refresh_from_db()
    assert exchange.state == "pending"


def test_an_exchange_is_answered_once(people, skills):
    exchange = barter.record_exchange(
        people["lea"], people["near"], recorder_gave=True, skill=skills["design"], hours=Decimal(2)
    )
    barter.answer_exchange(exchange, confirm=False)
    with pytest.raises(CommunityError):
        barter.answer_exchange(exchange, confirm=True)
    assert Exchange.objects.get().state == "declined"
    assert barter.balance(people["lea"]).given == 0


@pytest.mark.parametrize("hours", ["0", "-1", "100.5", "abc", "1.333"])
def test_bad_hours_are_refused(client, people, skills, hours):
    client.force_login(people["lea"])
    response = client.post(
        reverse("community:exchange_new", args=[people["near"].pk]),
        {"direction": "gave", "skill": skills["design"].pk, "hours": hours},
    )
    assert response.status_code == 200
    assert "hours" in response.context["form"].errors
    assert not Exchange.objects.exists()


def test_no_exchange_with_oneself_or_an_unknown_member(client, people, skills):
    client.force_login(people["lea"])
    data = {"direction": "gave", "skill": skills["design"].pk, "hours": "1"}
    response = client.post(reverse("community:exchange_new", args=[people["lea"].pk]), data)
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert client.post(reverse("community:exchange_new", args=[999999]), data).status_code == 404
    bad_skill = {**data, "skill": 999999}
    response = client.post(reverse("community:exchange_new", args=[people["near"].pk]), bad_skill)
    assert "skill" in response.context["form"].errors
    assert not Exchange.objects.exists()


def test_cross_border_is_recorded_from_the_home_spaces(people, skills):
    exchange = barter.record_exchange(
        people["lea"], people["far"], recorder_gave=True, skill=skills["design"], hours=Decimal(1)
    )
    assert exchange.cross_border
    assert not barter.record_exchange(
        people["lea"], people["near"], recorder_gave=True, skill=skills["design"], hours=Decimal(1)
    ).cross_border


def test_post_pages_and_permissions(client, people, skills, coordinator):
    client.force_login(people["lea"])
    response = client.post(
        reverse("community:post_new"),
        {
            "kind": "request",
            "title": "Aide pour mon site",
            "skill": skills["web-digital"].pk,
            "language": "fr",
            "description": "Bonjour <script>alert('x')</script> **merci**",
        },
    )
    post = BarterPost.objects.get()
    assert response["Location"] == reverse("community:post", args=[post.pk])
    page = client.get(response["Location"]).content.decode()
    assert "<script>" not in page and "<strong>merci</strong>" in page
    client.force_login(people["near"])
    close = reverse("community:post_close", args=[post.pk])
    assert client.post(close).status_code == 403
    client.force_login(coordinator)
    assert client.post(close).status_code == 302
    post.refresh_from_db()
    assert post.state == "closed"
    client.logout()
    assert client.post(reverse("community:post_new"), {}).status_code == 302
    assert BarterPost.objects.count() == 1


@pytest.mark.parametrize(
    "data, field",
    [
        ({"kind": "gift"}, "kind"),
        ({"skill": "999999"}, "skill"),
        ({"title": ""}, "title"),
        ({"title": "x" * 161}, "title"),
        ({"language": "xx"}, "language"),
    ],
)
def test_bad_posts_are_refused(client, people, skills, data, field):
    client.force_login(people["lea"])
    valid = {"kind": "offer", "title": "T", "skill": skills["design"].pk, "language": "fr"}
    response = client.post(reverse("community:post_new"), {**valid, **data})
    assert field in response.context["form"].errors
    assert not BarterPost.objects.exists()


def test_thanks_and_endorsements(client, people, skills):
    client.force_login(people["lea"])
    url = reverse("community:endorse", args=[people["near"].pk])
    assert client.post(url, {"skill": skills["accounting"].pk}).status_code == 302
    again = client.post(url, {"skill": skills["accounting"].pk})
    assert again.status_code == 200 and again.context["form"].non_field_errors()
    not_offered = client.post(url, {"skill": skills["design"].pk})
    assert "skill" in not_offered.context["form"].errors
    empty = client.post(url, {"message": "   "})
    assert empty.context["form"].non_field_errors()
    assert client.post(url, {"message": "Merci beaucoup !"}).status_code == 302
    self_url = reverse("community:endorse", args=[people["lea"].pk])
    assert client.post(self_url, {"message": "moi"}).context["form"].non_field_errors()
    assert Endorsement.objects.count() == 2
    page = client.get(reverse("community:member", args=[people["near"].pk])).content.decode()
    assert "Merci beaucoup" in page


def test_post_list_has_bounded_queries(client, people, skills, django_assert_max_num_queries):
    for index in range(30):
        barter.create_post(
            people["near"],
            kind="offer",
            title=f"Offre {index}",
            description="",
            skill=skills["accounting"],
            language="fr",
        )
    with django_assert_max_num_queries(6):
        response = client.get(reverse("community:posts"), {"skill": "accounting"})
    assert len(response.context["page"].object_list) == 20
