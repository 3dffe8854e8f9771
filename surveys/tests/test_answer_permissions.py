"""Who may open the answering pages: every role against every audience."""

import pytest
from django.urls import reverse

from surveys.models import Response, Survey
from surveys.tests.test_answer_factory import make_survey

pytestmark = pytest.mark.django_db
Audience = Survey.Audience
ROLES = ["anonymous", "member", "manager", "coordinator"]


@pytest.fixture
def login(client, request):
    def as_role(role):
        if role != "anonymous":
            client.force_login(request.getfixturevalue(role))
        return client

    return as_role


@pytest.mark.parametrize(
    "audience, expected",
    [
        (Audience.PUBLIC, {"anonymous": 200, "member": 200, "manager": 200, "coordinator": 200}),
        (Audience.MEMBERS, {"anonymous": 302, "member": 200, "manager": 200, "coordinator": 200}),
        (Audience.MANAGERS, {"anonymous": 302, "member": 403, "manager": 200, "coordinator": 200}),
        (Audience.INVITED, {"anonymous": 403, "member": 403, "manager": 403, "coordinator": 403}),
    ],
)
@pytest.mark.parametrize("role", ROLES)
def test_the_answer_page_follows_the_audience(
    login, coordinator, manager, audience, expected, role
):
    survey = make_survey(coordinator, audience=audience)
    client = login(role)
    page = client.get(reverse("surveys:answer", args=[survey.slug]))
    assert page.status_code == expected[role]
    if page.status_code == 302:
        assert reverse("account_login") in page["Location"]
    # Refused people cannot post either, and nothing is stored.
    if expected[role] != 200:
        assert client.post(reverse("surveys:answer", args=[survey.slug]), {}).status_code in (
            302,
            403,
        )
        assert not Response.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_an_invitation_holder_answers_whoever_they_are(login, coordinator, manager, role):
    survey = make_survey(coordinator, audience=Audience.INVITED)
    invitation = survey.invitations.create(email="elu@example.org")
    page = login(role).get(reverse("surveys:answer_invited", args=[invitation.token]))
    assert page.status_code == 200


def test_an_unknown_invitation_is_not_found(client):
    assert client.get(reverse("surveys:answer_invited", args=["nope"])).status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_an_identified_survey_needs_an_account(login, coordinator, manager, role):
    survey = make_survey(coordinator, anonymous=False)
    page = login(role).get(reverse("surveys:answer", args=[survey.slug]))
    assert page.status_code == (302 if role == "anonymous" else 200)


@pytest.mark.parametrize("role", ROLES)
def test_draft_surveys_are_seen_by_coordinators_only(login, coordinator, manager, role):
    survey = make_survey(coordinator, status=Survey.Status.DRAFT)
    client = login(role)
    expected = 200 if role == "coordinator" else 404
    assert client.get(reverse("surveys:detail", args=[survey.slug])).status_code == expected
    assert client.get(reverse("surveys:list")).content.decode().count(survey.title) == 0


@pytest.mark.parametrize("role", ROLES)
def test_the_list_and_detail_are_public(login, coordinator, manager, role):
    survey = make_survey(coordinator)
    make_survey(coordinator, slug="secret", title="Par invitation", audience=Audience.INVITED)
    client = login(role)
    listing = client.get(reverse("surveys:list")).content.decode()
    assert "Vos besoins" in listing and "Par invitation" not in listing
    assert client.get(reverse("surveys:detail", args=[survey.slug])).status_code == 200


def test_the_list_has_a_bounded_number_of_queries(
    client, coordinator, django_assert_max_num_queries
):
    for number in range(5):
        make_survey(coordinator, slug=f"s{number}")
    with django_assert_max_num_queries(12):
        client.get(reverse("surveys:list"))


def test_a_members_response_is_seen_by_its_owner_only(client, coordinator, member, make_user):
    survey = make_survey(coordinator, anonymous=False)
    response = Response.objects.create(survey=survey, respondent=member, state="submitted")
    done = reverse("surveys:done", args=[response.token])
    assert client.get(done).status_code == 404
    client.force_login(make_user("someone"))
    assert client.get(done).status_code == 404
    assert client.get(reverse("surveys:resume", args=[response.token])).status_code == 404
    client.force_login(member)
    assert client.get(done).status_code == 200


def test_an_anonymous_response_is_opened_by_its_token(client, coordinator):
    survey = make_survey(coordinator)
    response = Response.objects.create(survey=survey, state="draft")
    assert client.get(reverse("surveys:resume", args=[response.token])).status_code == 200
    assert client.get(reverse("surveys:done", args=[response.token])).status_code == 302
    assert client.get(reverse("surveys:done", args=["unknown"])).status_code == 404
