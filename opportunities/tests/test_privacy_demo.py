"""Personal data (export, forget) and the demo opportunities."""

import datetime as dt
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from community.demo_members import DEMO_MEMBERS
from opportunities import privacy, services
from opportunities.demo import load_demo_opportunities
from opportunities.models import Application, Opportunity
from spaces import demo as spaces_demo

pytestmark = pytest.mark.django_db


def test_export_holds_the_members_posts_and_applications(author, member, post, make_opportunity):
    services.apply(post, applicant=member, message="Je postule.")
    mine = make_opportunity(member, state="pending", title="Ma mission", contact="mia@example.org")
    data = privacy.export(member)
    json.dumps(data)  # serialisable as it is
    assert [o["title"] for o in data["opportunities"]] == ["Ma mission"]
    assert data["opportunities"][0]["id"] == mine.pk
    assert data["opportunities"][0]["contact"] == "mia@example.org"
    assert data["applications"] == [
        {
            "opportunity": post.pk,
            "opportunity_title": "Graphiste pour eLAN",
            "message": "Je postule.",
            "created_at": Application.objects.get().created_at.isoformat(),
        }
    ]
    exported = privacy.export(author)
    assert exported["opportunities"][0]["skills"] == ["design"]
    assert exported["opportunities"][0]["spaces"] == ["elan"]
    assert exported["applications"] == []


def test_forget_deletes_applications_and_anonymises_posts(
    client, author, member, post, make_opportunity
):
    other = make_opportunity(member, title="De Mia")
    services.apply(other, applicant=author, message="Je postule.")
    pending = make_opportunity(author, state="pending", title="En attente", contact="a@b.org")
    expired = make_opportunity(
        author,
        title="Ancienne",
        contact="a@b.org",
        published_at=timezone.now() - dt.timedelta(days=90),
    )
    privacy.forget(author)
    assert not Application.objects.filter(applicant=author).exists()
    for opportunity in (post, pending, expired):
        opportunity.refresh_from_db()
        assert opportunity.author is None
        assert opportunity.contact == ""
    assert post.state == pending.state == "withdrawn"
    assert expired.state == "published"  # history, readable, nameless
    assert privacy.export(author) == {"opportunities": [], "applications": []}
    # Deleting the account afterwards keeps the anonymous posts.
    author.delete()
    assert Opportunity.objects.filter(pk=expired.pk).exists()
    response = client.get(reverse("opportunities:detail", args=[expired.pk]))
    assert response.status_code == 200
    assert "Alba" not in response.text


@pytest.fixture
def demo_world(make_user):
    spaces_demo.load_demo()
    return [make_user(entry["username"]) for entry in DEMO_MEMBERS]


def test_no_demo_member_no_demo_post(db):
    assert load_demo_opportunities() == 0
    assert not Opportunity.objects.exists()


def test_demo_posts_cover_each_kind_on_both_sides_and_load_once(demo_world):
    created = load_demo_opportunities()
    assert created == Opportunity.objects.count() >= len(Opportunity.Kind.values)
    live = Opportunity.objects.live()
    assert live.count() == created
    assert set(live.values_list("kind", flat=True)) == set(Opportunity.Kind.values)
    countries = set(live.values_list("spaces__country", flat=True))
    assert {"FR", "ES"} <= countries
    assert all(o.deadline > timezone.localdate() for o in live)
    assert all(o.skills.filter(is_core=True).exists() for o in live)
    authors = set(live.values_list("author__username", flat=True))
    assert authors <= {entry["username"] for entry in DEMO_MEMBERS}
    before = list(Opportunity.objects.order_by("pk").values())
    assert load_demo_opportunities() == 0
    assert list(Opportunity.objects.order_by("pk").values()) == before
