"""'For me': live posts wanting the member's offered skills, ranked in the database."""

import datetime as dt
import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from opportunities import selectors
from opportunities.tests.helpers import days, en, login

pytestmark = pytest.mark.django_db


@pytest.fixture
def matches(make_opportunity, author, skills):
    now = timezone.now()

    def make(title, keys, hours_ago, **values):
        return make_opportunity(
            author,
            title=title,
            skills=[skills[key] for key in keys],
            published_at=now - dt.timedelta(hours=hours_ago),
            **values,
        )

    make("Une compétence, récente", ["design"], 1)
    make("Deux compétences, ancienne", ["design", "web-digital", "legal"], 10)
    make("Une compétence, ancienne", ["web-digital"], 20)
    make("Deux compétences, récente", ["web-digital", "design"], 5)
    make("Aucune de mes compétences", ["legal"], 1)
    make("Sans compétence", [], 1)
    make("Expirée", ["design"], 1, deadline=days(-1), expires_on=days(-1))
    make_opportunity(author, state="pending", title="En attente", skills=[skills["design"]])
    make_opportunity(author, state="withdrawn", title="Retirée", skills=[skills["design"]])


def test_ranked_by_matching_skills_then_recency(client, member, offering, matches):
    offering(member, "design", "web-digital", "training")
    response = login(client, member).get(reverse("opportunities:for_me"))
    assert response.status_code == 200
    found = [(item.title, item.matches) for item in response.context["page"].object_list]
    assert found == [
        ("Deux compétences, récente", 2),
        ("Deux compétences, ancienne", 2),
        ("Une compétence, récente", 1),
        ("Une compétence, ancienne", 1),
    ]


def test_a_members_own_posts_are_not_suggested_to_them(client, author, offering, matches):
    offering(author, "design")
    response = login(client, author).get(reverse("opportunities:for_me"))
    assert list(response.context["page"].object_list) == []


def test_a_member_without_skills_is_told_how_to_get_suggestions(client, member, matches):
    response = login(client, member).get(en("opportunities:for_me"))
    assert response.status_code == 200
    assert response.context["page"] is None
    assert "Add the skills you offer to your profile" in response.text


def test_a_constant_number_of_queries_whatever_the_number_of_posts(
    client,
    member,
    offering,
    make_opportunity,
    make_user,
    skills,
    space,
    django_assert_max_num_queries,
):
    offering(member, "design", "legal")
    login(client, member)

    numbers = itertools.count()

    def add_posts(count):
        for _ in range(count):
            number = next(numbers)
            poster = make_user(f"poster{number}")
            make_opportunity(
                poster,
                title=f"P{number}",
                skills=[skills["design"], skills["legal"]],
                spaces=[space],
            )

    add_posts(2)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("opportunities:for_me"))
    add_posts(28)
    # session, user, profile, skills check, count, page, posts, skills, spaces, plus
    # what base.html asks on every page for a signed-in member.
    with django_assert_max_num_queries(12):
        response = client.get(reverse("opportunities:for_me"))
    assert len(response.context["page"].object_list) == 20
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("opportunities:for_me"), {"page": 2})
    assert len(response.context["page"].object_list) == 10
    assert len(many.captured_queries) == len(few.captured_queries)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="plan text of SQLite")
def test_matching_and_the_board_read_only_indexes(member, offering, matches):
    """No table is read row by row: every step is an index search or an index scan."""
    offering(member, "design")
    for queryset in (
        selectors.ranked_matches(member),
        selectors.search(selectors.OpportunityQuery())[:20],
    ):
        steps = [
            line
            for line in queryset.explain().splitlines()
            if " SCAN " in f" {line} " or " SEARCH " in f" {line} "
        ]
        assert steps
        for step in steps:
            assert "INDEX" in step or "PRIMARY KEY" in step, step
