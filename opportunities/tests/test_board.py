"""The public board: list, filters, paging, expiry, detail, moderation and names."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from community.models import Visibility
from community.services import ensure_profile
from opportunities import services
from opportunities.models import Opportunity
from opportunities.tests.helpers import days, en, login
from spaces.tests.factories import make_space

pytestmark = pytest.mark.django_db


def titles(response):
    return [item.title for item in response.context["page"].object_list]


@pytest.fixture
def board(make_opportunity, author, space, skills):
    """Posts of every kind and state; only the first three are on the board."""
    now = timezone.now()
    make_opportunity(
        author,
        kind="job",
        title="Comptable à mi-temps",
        skills=[skills["accounting"]],
        spaces=[space],
        published_at=now - dt.timedelta(hours=3),
    )
    make_opportunity(
        author,
        kind="call",
        title="Appel à projets culturels",
        description="Pour les **tiers-lieux** de la Creuse",
        remote=True,
        skills=[skills["fundraising"]],
        published_at=now - dt.timedelta(hours=2),
    )
    make_opportunity(
        author,
        kind="collaboration",
        title="Reportage photo",
        skills=[skills["photography-video"], skills["communication"]],
        published_at=now - dt.timedelta(hours=1),
    )
    make_opportunity(author, title="Expirée", published_at=now - dt.timedelta(days=90))
    make_opportunity(author, title="Date passée", deadline=days(-1), published_at=now)
    make_opportunity(author, state="pending", title="En attente")
    make_opportunity(author, state="rejected", title="Refusée")
    make_opportunity(author, state="withdrawn", title="Retirée")


def test_the_board_shows_only_live_posts_newest_first(client, board):
    response = client.get(reverse("opportunities:list"))
    assert response.status_code == 200
    assert titles(response) == [
        "Reportage photo",
        "Appel à projets culturels",
        "Comptable à mi-temps",
    ]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"kind": "job"}, ["Comptable à mi-temps"]),
        ({"skill": "communication"}, ["Reportage photo"]),
        ({"remote": "on"}, ["Appel à projets culturels"]),
        ({"space": "elan"}, ["Comptable à mi-temps"]),
        ({"q": "TIERS-LIEUX"}, ["Appel à projets culturels"]),
        ({"q": "photo", "kind": "job"}, []),
    ],
)
def test_filters(client, board, params, expected):
    response = client.get(reverse("opportunities:list"), params)
    assert response.status_code == 200
    assert titles(response) == expected


@pytest.mark.parametrize(
    "params", [{"kind": "nope"}, {"skill": "juggling"}, {"space": "nowhere"}, {"q": "x" * 201}]
)
def test_bad_filters_are_a_form_error(client, board, params):
    response = client.get(reverse("opportunities:list"), params)
    assert response.status_code == 400
    assert response.context["page"] is None
    assert "field-errors" in response.text


def test_twenty_per_page_in_a_bounded_number_of_queries(
    client, make_opportunity, make_user, skills, space, django_assert_max_num_queries
):
    for number in range(45):
        poster = make_user(f"poster{number}")
        ensure_profile(poster)
        make_opportunity(
            poster,
            title=f"Post {number:02d}",
            skills=[skills["design"], skills["legal"]],
            spaces=[space],
        )
    with django_assert_max_num_queries(8):
        first = client.get(reverse("opportunities:list"))
    assert len(titles(first)) == 20
    with django_assert_max_num_queries(8):
        last = client.get(reverse("opportunities:list"), {"page": 3, "skill": "design"})
    assert len(titles(last)) == 5
    assert 'rel="prev"' in last.text


def test_detail_renders_markdown_without_scripts(client, make_opportunity, author):
    post = make_opportunity(
        author,
        description="**Gras** <script>alert(1)</script> [x](javascript:alert(2)) "
        '<img src=x onerror="alert(3)">',
    )
    response = client.get(reverse("opportunities:detail", args=[post.pk]))
    assert response.status_code == 200
    assert "<strong>Gras</strong>" in response.text
    assert "<script>alert(1)" not in response.text
    assert "javascript:" not in response.text
    assert "onerror" not in response.text


def test_an_expired_post_says_so_and_offers_no_application(
    client, make_opportunity, author, member
):
    # 62 days, not 61: across a change of summer time, 61 days ago may be a local date later.
    post = make_opportunity(author, published_at=timezone.now() - dt.timedelta(days=62))
    response = login(client, member).get(en("opportunities:detail", post.pk))
    assert response.status_code == 200
    assert response.context["is_expired"]
    assert "This opportunity expired on" in response.text
    assert response.context["application_form"] is None


def test_unknown_post_is_a_404(client, db):
    assert client.get(reverse("opportunities:detail", args=[999])).status_code == 404


def test_a_hidden_name_is_never_shown(client, post, author, member, space):
    profile = ensure_profile(author)
    profile.name_visibility = Visibility.NOBODY
    profile.save()
    for viewer in (None, member):
        client.logout()
        login(client, viewer)
        for url in (en("opportunities:list"), en("opportunities:detail", post.pk)):
            text = client.get(url).text
            assert "Alba" not in text
            assert "A member of the network" in text
    client.logout()
    login(client, author)
    assert "Alba Roca" in client.get(reverse("opportunities:detail", args=[post.pk])).text


def test_a_name_shown_to_members_is_hidden_from_visitors(client, post, author, member):
    profile = ensure_profile(author)
    profile.name_visibility = Visibility.MEMBERS
    profile.save()
    url = reverse("opportunities:detail", args=[post.pk])
    assert "Alba Roca" not in client.get(url).text
    assert "Alba Roca" in login(client, member).get(url).text


def test_a_coordinator_post_is_published_at_once_and_expires_after_sixty_days(coordinator):
    post = services.post_opportunity(
        author=coordinator,
        values={"kind": "job", "title": "Poste", "description": "x", "contact": "a@b.org"},
    )
    assert post.state == "published"
    assert post.expires_on == days(60)
    assert post.is_live()


def test_the_deadline_is_the_expiry(author, coordinator):
    post = services.post_opportunity(
        author=author,
        values={
            "kind": "job",
            "title": "Poste",
            "description": "x",
            "deadline": days(10),
            "apply_in_platform": True,
        },
    )
    assert post.state == "pending" and post.expires_on is None
    post = services.approve(post, reviewer=coordinator)
    assert post.expires_on == days(10)


def test_moderation_queue_lists_pending_posts_and_review_publishes(
    client, coordinator, author, make_opportunity
):
    waiting = make_opportunity(author, state="pending", title="À valider")
    queue = login(client, coordinator).get(reverse("opportunities:moderation"))
    assert [item.title for item in queue.context["pending"]] == ["À valider"]
    client.post(reverse("opportunities:review", args=[waiting.pk]), {"decision": "approve"})
    assert "À valider" in client.get(reverse("opportunities:list")).text
    # Reviewed twice (e.g. two coordinators at once): a clear message, no change.
    response = client.post(
        en("opportunities:review", waiting.pk), {"decision": "reject"}, follow=True
    )
    assert "This opportunity has already been reviewed." in response.text
    waiting.refresh_from_db()
    assert waiting.state == "published"


def test_rejection_note_is_shown_to_the_author(client, coordinator, author, make_opportunity):
    waiting = make_opportunity(author, state="pending", title="À revoir")
    login(client, coordinator).post(
        reverse("opportunities:review", args=[waiting.pk]),
        {"decision": "reject", "note": "Précisez le lieu."},
    )
    client.logout()
    response = login(client, author).get(reverse("opportunities:detail", args=[waiting.pk]))
    assert "Précisez le lieu." in response.text
    assert waiting.__class__.objects.get(pk=waiting.pk).state == Opportunity.State.REJECTED


def test_the_poster_sees_the_applications(client, post, author, member, coordinator):
    services.apply(post, applicant=member, message="Disponible en juin.")
    response = login(client, author).get(reverse("opportunities:detail", args=[post.pk]))
    assert "Disponible en juin." in response.text
    client.logout()
    assert "Disponible en juin." not in login(client, member).get(post.get_absolute_url()).text


def test_the_space_filter_suggests_the_spaces_of_posts_escaped(client, make_opportunity, author):
    odd = make_space("<b>Atelier</b> & Co", "Foix")
    make_opportunity(author, title="Menuisier", spaces=[odd])
    page = client.get(reverse("opportunities:list")).content.decode()
    assert f'<option value="{odd.slug}">&lt;b&gt;Atelier&lt;/b&gt; &amp; Co</option>' in page
    filtered = client.get(reverse("opportunities:list"), {"space": odd.slug})
    assert [o.title for o in filtered.context["page"].object_list] == ["Menuisier"]
    unknown = client.get(reverse("opportunities:list"), {"space": "nowhere"})
    assert unknown.status_code == 400
