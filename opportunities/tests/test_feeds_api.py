"""RSS and Atom feeds, and the JSON API: live posts only, names as a visitor sees them."""

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.test import Client
from django.utils import timezone

from community.models import Visibility
from community.services import ensure_profile
from opportunities.tests.helpers import days, en

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def published(make_opportunity, author, space, skills):
    ensure_profile(author)
    now = timezone.now()
    make_opportunity(
        author,
        kind="job",
        title="Comptable",
        description="Un poste <script>alert(1)</script> **à mi-temps**",
        skills=[skills["accounting"]],
        spaces=[space],
        published_at=now - dt.timedelta(hours=2),
    )
    make_opportunity(
        author,
        kind="call",
        title="Appel à projets",
        remote=True,
        skills=[skills["fundraising"]],
        published_at=now - dt.timedelta(hours=1),
        deadline=days(5),
        on_behalf_of=space,
    )
    make_opportunity(author, title="Expirée", published_at=now - dt.timedelta(days=80))
    make_opportunity(author, state="pending", title="En attente")


@pytest.fixture
def client():
    """A reader whose browser asks for English: feeds and the API follow Accept-Language."""
    return Client(HTTP_ACCEPT_LANGUAGE="en")


def hide_name(user, level=Visibility.NOBODY):
    profile = ensure_profile(user)
    profile.name_visibility = level
    profile.save()


def test_rss_lists_live_posts(client, published):
    response = client.get(en("opportunities:feed_rss"))
    assert response.status_code == 200
    channel = ET.fromstring(response.content).find("channel")
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == [
        "Appel à projets (call for proposals)",
        "Comptable (job offer)",
    ]
    description = items[1].findtext("description")
    assert "<strong>à mi-temps</strong>" in description
    assert "<script>" not in description
    assert [c.text for c in items[1].findall("category")] == ["Accounting"]
    assert items[1].findtext("link").startswith("http://testserver/")


def test_atom_lists_live_posts_with_author_names(client, published):
    response = client.get(en("opportunities:feed_atom"))
    assert response.status_code == 200
    entries = ET.fromstring(response.content).findall(f"{ATOM}entry")
    assert len(entries) == 2
    assert entries[0].find(f"{ATOM}author/{ATOM}name").text == "Alba Roca"


@pytest.mark.parametrize("level", [Visibility.NOBODY, Visibility.MEMBERS])
def test_feeds_never_name_a_member_who_hid_their_name(client, published, author, member, level):
    hide_name(author, level)
    client.force_login(member)  # the feed is public whoever fetches it
    for name in ("opportunities:feed_rss", "opportunities:feed_atom"):
        body = client.get(en(name)).content.decode()
        assert "Alba" not in body and "Roca" not in body
    atom = ET.fromstring(client.get(en("opportunities:feed_atom")).content)
    names = {e.text for e in atom.iter(f"{ATOM}name")}
    assert names == {"A member of the network"}


def test_api_lists_live_posts_with_filters_and_paging(client, published, space):
    data = client.get("/api/opportunities").json()
    assert data["count"] == 2 and data["pages"] == 1
    assert [item["title"] for item in data["results"]] == ["Appel à projets", "Comptable"]
    first = data["results"][0]
    assert first["on_behalf_of"] == {"slug": space.slug, "name": "eLAN"}
    assert first["deadline"] == days(5).isoformat()
    assert first["posted_by"] == "Alba Roca"
    for params, expected in [
        ({"kind": "job"}, ["Comptable"]),
        ({"skill": "fundraising"}, ["Appel à projets"]),
        ({"remote": "true"}, ["Appel à projets"]),
        ({"space": space.slug}, ["Appel à projets", "Comptable"]),
        ({"q": "comptable"}, ["Comptable"]),
    ]:
        got = client.get("/api/opportunities", params).json()["results"]
        assert [item["title"] for item in got] == expected, params
    paged = client.get("/api/opportunities", {"limit": 1, "page": 2}).json()
    assert paged["pages"] == 2 and [i["title"] for i in paged["results"]] == ["Comptable"]


@pytest.mark.parametrize(
    "params",
    [
        {"kind": "lottery"},
        {"skill": "juggling"},
        {"space": "nowhere"},
        {"limit": 0},
        {"limit": 101},
        {"page": 0},
    ],
)
def test_api_bad_filters_are_422(client, published, params):
    assert client.get("/api/opportunities", params).status_code == 422


def test_api_page_out_of_range_is_404(client, published):
    assert client.get("/api/opportunities", {"page": 9}).status_code == 404


def test_api_detail_of_live_post_only(client, published, author):
    from opportunities.models import Opportunity

    live = Opportunity.objects.get(title="Comptable")
    data = client.get(f"/api/opportunities/{live.pk}").json()
    assert data["title"] == "Comptable"
    assert "<strong>à mi-temps</strong>" in data["description_html"]
    assert "<script>" not in data["description_html"]
    assert data["skills"] == [{"key": "accounting", "label": "Accounting"}]
    for title in ("Expirée", "En attente"):
        hidden = Opportunity.objects.get(title=title)
        assert client.get(f"/api/opportunities/{hidden.pk}").status_code == 404
    assert client.get("/api/opportunities/999999").status_code == 404
    assert client.get("/api/opportunities/abc").status_code == 422


def test_api_never_names_a_member_who_hid_their_name(client, published, author, member):
    hide_name(author, Visibility.MEMBERS)
    client.force_login(member)  # the API answers as to a visitor, even to a member
    data = client.get("/api/opportunities").json()
    assert {item["posted_by"] for item in data["results"]} == {"A member of the network"}
    detail = client.get(f"/api/opportunities/{data['results'][0]['id']}").json()
    assert detail["posted_by"] == "A member of the network"
    assert "Alba" not in client.get("/api/opportunities").content.decode()


def test_api_list_has_a_bounded_number_of_queries(
    client, make_opportunity, make_user, skills, django_assert_max_num_queries
):
    for number in range(25):
        make_opportunity(make_user(f"p{number}"), title=f"P{number}", skills=[skills["design"]])
    with django_assert_max_num_queries(6):
        data = client.get("/api/opportunities").json()
    assert len(data["results"]) == 20
