"""Bad input: a clear, translated error, nothing stored, never a 500."""

import datetime as dt

import pytest
from django.utils import timezone, translation

from opportunities import services
from opportunities.models import Application, Opportunity
from opportunities.tests.helpers import VALID_POST, days, en, login

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"skills": ["999999"]}, "skills", "Unknown skill: 999999."),
        ({"skills": ["abc"]}, "skills", "“abc” is not a valid value."),
        ({"spaces": ["999999"]}, "spaces", "Unknown space: 999999."),
        ({"deadline": "2001-01-01"}, "deadline", "The deadline cannot be in the past."),
        ({"deadline": "2030-13-45"}, "deadline", "Enter a valid date."),
        (
            {"apply_in_platform": "", "contact": ""},
            "contact",
            "Give a contact or let members apply on Maillage (or both).",
        ),
        (
            {"contact": "appelez-moi"},
            "contact",
            "Give an email address, a web address or a phone number.",
        ),
        ({"contact": "lea@"}, "contact", "Enter a valid email address."),
        ({"title": "x" * 161}, "title", "Ensure this value has at most 160 characters"),
        ({"title": ""}, "title", "This field is required."),
        ({"description": "x" * 8001}, "description", "at most 8000 characters"),
        ({"kind": "lottery"}, "kind", "Select a valid choice."),
        ({"language": "xx"}, "language", "Select a valid choice."),
        (
            {"on_behalf_of": "999999"},
            "on_behalf_of",
            "You may post only on behalf of a space you manage.",
        ),
    ],
)
def test_bad_post_is_refused_with_a_clear_error(client, member, skills, changes, field, message):
    data = {**VALID_POST, **changes}
    if data.get("apply_in_platform") == "":
        del data["apply_in_platform"]
    response = login(client, member).post(en("opportunities:new"), data)
    assert response.status_code == 400
    errors = " ".join(response.context["form"].errors.get(field, []))
    assert message in errors
    assert not Opportunity.objects.exists()


def test_built_in_errors_follow_the_language_of_the_page(client, member):
    response = login(client, member).post(
        "/fr/opportunities/new/", {**VALID_POST, "title": "x" * 161}
    )
    assert response.status_code == 400
    assert "Assurez-vous" in response.text
    assert not Opportunity.objects.exists()


def test_valid_contacts_are_accepted(client, member):
    for number, contact in enumerate(
        ["lea@example.org", "https://example.org/offre", "+33 5 61 00 00 00"]
    ):
        data = {**VALID_POST, "title": f"Offre {number}", "contact": contact}
        del data["apply_in_platform"]
        response = login(client, member).post(en("opportunities:new"), data)
        assert response.status_code == 302, response.context["form"].errors
    assert Opportunity.objects.count() == 3


def test_an_unchanged_past_deadline_does_not_block_an_edit(client, author, make_opportunity):
    post = make_opportunity(author, deadline=days(-3), title="Ancienne")
    data = {**VALID_POST, "title": "Ancienne (corrigée)", "deadline": days(-3).isoformat()}
    response = login(client, author).post(en("opportunities:edit", post.pk), data)
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.title == "Ancienne (corrigée)"


def test_a_withdrawn_post_cannot_be_edited(client, author, make_opportunity):
    post = make_opportunity(author, state="withdrawn", title="Retirée")
    response = login(client, author).post(
        en("opportunities:edit", post.pk), {**VALID_POST, "title": "Revenue"}
    )
    assert response.status_code == 400
    assert "This opportunity has been withdrawn." in response.text
    post.refresh_from_db()
    assert post.title == "Retirée"


def test_withdrawing_twice_says_so(client, author, post):
    login(client, author).post(en("opportunities:withdraw", post.pk))
    response = client.post(en("opportunities:withdraw", post.pk), follow=True)
    assert "This opportunity has already been withdrawn." in response.text


def _apply(client, post, message="Bonjour, je suis intéressée."):
    return client.post(en("opportunities:apply", post.pk), {"message": message}, follow=True)


def test_applying_twice_is_refused(client, member, post):
    login(client, member)
    _apply(client, post)
    response = _apply(client, post)
    assert "You have already applied to this opportunity." in response.text
    assert Application.objects.count() == 1


def test_applying_to_ones_own_post_is_refused(client, author, post):
    response = _apply(login(client, author), post)
    assert "You cannot apply to your own opportunity." in response.text
    assert not Application.objects.exists()


def test_applying_to_an_expired_post_is_refused(client, member, author, make_opportunity):
    old = make_opportunity(author, published_at=timezone.now() - dt.timedelta(days=70))
    response = _apply(login(client, member), old)
    assert "This opportunity has expired." in response.text
    assert not Application.objects.exists()


def test_applying_to_a_withdrawn_post_is_refused(client, member, author, make_opportunity):
    gone = make_opportunity(author, state="withdrawn")
    response = login(client, member).post(
        en("opportunities:apply", gone.pk), {"message": "Bonjour"}
    )
    # A withdrawn post is no longer shown: to a member it does not exist.
    assert response.status_code == 404
    with pytest.raises(services.OpportunityError, match="not open to applications"):
        services.apply(gone, applicant=member, message="Bonjour")
    assert not Application.objects.exists()


def test_applying_where_the_poster_wants_no_application_is_refused(
    client, member, author, make_opportunity
):
    post = make_opportunity(author, apply_in_platform=False, contact="alba@example.org")
    response = _apply(login(client, member), post)
    assert "This opportunity does not take applications on Maillage." in response.text
    assert not Application.objects.exists()


@pytest.mark.parametrize("message", ["", "   ", "x" * 3001])
def test_an_empty_or_oversize_application_is_a_form_error(client, member, post, message):
    response = login(client, member).post(en("opportunities:apply", post.pk), {"message": message})
    assert response.status_code == 400
    assert "field-errors" in response.text
    assert not Application.objects.exists()


def test_the_services_refuse_what_the_forms_refuse(member, space):
    for values, message in [
        ({"deadline": days(-1), "apply_in_platform": True}, "past"),
        ({"contact": "", "apply_in_platform": False}, "Give a contact"),
        ({"on_behalf_of": space, "apply_in_platform": True}, "space you manage"),
    ]:
        with translation.override("en"), pytest.raises(services.OpportunityError, match=message):
            services.post_opportunity(
                author=member, values={"kind": "job", "title": "t", "description": "d", **values}
            )
    assert not Opportunity.objects.exists()


@pytest.mark.parametrize(
    "url",
    ["/fr/opportunities/abc/", "/fr/opportunities/99999999999999999999/", "/fr/opportunities/0/"],
)
def test_odd_addresses_are_404(client, db, url):
    assert client.get(url).status_code == 404
