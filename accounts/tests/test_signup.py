"""Sign-up with email verification, login, throttling and password reset (allauth)."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.urls import reverse

pytestmark = pytest.mark.django_db

SIGNUP = {
    "name": "Nora Etxeberria",
    "email": "nora@example.org",
    "password1": "un-long-mot-de-passe-42",
    "password2": "un-long-mot-de-passe-42",
    "consent": "on",
}


def link_in(message) -> str:
    return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)


def test_sign_up_verify_the_email_then_log_in(client, mailoutbox, settings):
    response = client.post(reverse("account_signup"), SIGNUP)
    assert response.status_code == 302
    user = get_user_model().objects.get(email="nora@example.org")
    assert (user.first_name, user.last_name) == ("Nora", "Etxeberria")
    assert user.consent_at is not None
    assert user.consent_version == settings.PRIVACY_NOTICE_VERSION
    assert not EmailAddress.objects.get(user=user).verified
    # Mandatory verification: no session before the link is followed.
    assert client.get(reverse("community:me")).status_code == 302
    assert len(mailoutbox) == 1
    confirm_url = link_in(mailoutbox[0])
    assert client.get(confirm_url).status_code == 200
    client.post(confirm_url)
    assert EmailAddress.objects.get(user=user).verified
    client.logout()
    login = client.post(
        reverse("account_login"), {"login": "nora@example.org", "password": SIGNUP["password1"]}
    )
    assert login.status_code == 302
    assert client.get(reverse("community:me")).status_code == 200


@pytest.mark.parametrize(
    "change, field",
    [
        ({"consent": ""}, "consent"),
        ({"name": "  "}, "name"),
        ({"email": "not-an-email"}, "email"),
        ({"password2": "different-password-1"}, "password2"),
        ({"password1": "123", "password2": "123"}, "password1"),
        ({"nickname": "bot"}, "nickname"),
    ],
)
def test_bad_sign_up_is_refused_and_creates_nothing(client, mailoutbox, change, field):
    response = client.post(reverse("account_signup"), {**SIGNUP, **change})
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not get_user_model().objects.exists()
    assert not mailoutbox


def test_an_email_cannot_sign_up_twice(client, member, mailoutbox):
    # allauth answers as for a new address (no account enumeration) and warns the owner.
    client.post(reverse("account_signup"), {**SIGNUP, "email": member.email})
    assert get_user_model().objects.filter(email=member.email).count() == 1
    assert get_user_model().objects.count() == 1
    assert [message.to for message in mailoutbox] == [[member.email]]


def test_repeated_failed_logins_are_throttled(client, member):
    EmailAddress.objects.create(user=member, email=member.email, verified=True, primary=True)
    url = reverse("account_login")
    for _ in range(5):
        response = client.post(url, {"login": member.email, "password": "wrong"})
        assert response.status_code == 200
    # The right password is refused too while the account is throttled.
    response = client.post(url, {"login": member.email, "password": "pw-mia"})
    assert response.status_code == 200
    assert "Trop de tentatives" in str(response.context["form"].non_field_errors())
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_a_link(client, member, mailoutbox):
    EmailAddress.objects.create(user=member, email=member.email, verified=True, primary=True)
    client.post(reverse("account_reset_password"), {"email": member.email})
    assert len(mailoutbox) == 1
    assert member.email in mailoutbox[0].to


def test_sign_up_can_be_closed(client, settings):
    settings.SIGNUP_OPEN = False
    client.post(reverse("account_signup"), SIGNUP)
    assert not get_user_model().objects.exists()


def test_change_of_email_is_verified_by_a_link(client, member, mailoutbox):
    EmailAddress.objects.create(user=member, email=member.email, verified=True, primary=True)
    client.force_login(member)
    assert client.get(reverse("account_email")).status_code == 200
    client.post(reverse("account_email"), {"action_add": "", "email": "mia.new@example.org"})
    new = EmailAddress.objects.get(user=member, email="mia.new@example.org")
    assert not new.verified
    assert mailoutbox and mailoutbox[-1].to == ["mia.new@example.org"]
    # Until verified, the old address stays the one in use.
    member.refresh_from_db()
    assert member.email == "mia@example.org"
