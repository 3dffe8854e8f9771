"""A member downloads all their data, and deletes the account: personal data goes,
contributions stay under "Former member"."""

import json
from decimal import Decimal

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from community import barter, services
from community.models import Endorsement, Exchange, Profile, Skill, SpaceMembership
from community.visibility import public_name
from messaging.models import Message
from messaging.services import send_message
from opportunities.models import Application, Opportunity
from opportunities.services import apply, post_opportunity

pytestmark = pytest.mark.django_db


@pytest.fixture
def life(member, make_user, coordinator, space):
    """Mia's life in the network: profile, posts, exchanges, thanks, messages, offers."""
    services.ensure_core_skills()
    design = Skill.objects.get(key="design")
    EmailAddress.objects.create(user=member, email=member.email, verified=True, primary=True)
    profile = services.ensure_profile(member)
    profile.bio = "Graphiste à Lézat"
    profile.town = "Lézat-sur-Lèze"
    services.save_profile(profile, {"home_space": space, "skills_offered": [design]})
    friend = make_user("fred")
    barter.create_post(
        member, kind="offer", title="Logos", description="d", skill=design, language="fr"
    )
    exchange = barter.record_exchange(
        member, friend, recorder_gave=True, skill=design, hours=Decimal(2)
    )
    barter.answer_exchange(exchange, confirm=True)
    barter.endorse(friend, member, skill=design, message="Bravo")
    barter.endorse(member, friend, skill=None, message="Merci Fred")
    send_message(member, friend, "Bonjour Fred")
    send_message(friend, member, "Salut Mia")
    offer = post_opportunity(
        author=coordinator,
        values={
            "kind": "job",
            "title": "Animateur",
            "description": "Poste",
            "contact": "jobs@example.org",
            "apply_in_platform": True,
            "language": "fr",
        },
    )
    apply(offer, applicant=member, message="Je suis intéressée")
    return {"friend": friend, "exchange": exchange}


def test_download_all_my_data(client, member, life):
    client.force_login(member)
    response = client.get(reverse("privacy_export"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["account"]["email"] == member.email
    assert data["account"]["email_addresses"][0]["verified"] is True
    assert data["community"]["profile"]["bio"] == "Graphiste à Lézat"
    assert data["community"]["profile"]["home_space"] == "eLAN"
    assert data["community"]["barter_posts"][0]["title"] == "Logos"
    assert data["community"]["exchanges"][0]["hours"] == "2.00"
    assert data["community"]["endorsements_received"][0]["message"] == "Bravo"
    assert data["community"]["space_memberships"][0]["state"] == "requested"
    dumped = json.dumps(data, ensure_ascii=False)
    assert "Bonjour Fred" in dumped and "Salut Mia" in dumped
    assert "Je suis intéressée" in dumped
    # Another member's name is theirs to share: the export names them by id only.
    assert "fred" not in json.dumps(data["community"])


def test_export_needs_an_account(client):
    assert client.get(reverse("privacy_export")).status_code == 302


def test_delete_my_account(client, member, life, space):
    friend = life["friend"]
    client.force_login(member)
    refused = client.post(reverse("privacy_delete"), {"password": "wrong"})
    assert refused.status_code == 400
    member.refresh_from_db()
    assert member.is_active

    response = client.post(reverse("privacy_delete"), {"password": "pw-mia"})
    assert response.status_code == 302
    member.refresh_from_db()
    assert not member.is_active
    assert member.email == "" and member.first_name == "" and member.username.startswith("deleted-")
    assert not member.has_usable_password()
    assert not Profile.objects.filter(user=member).exists()
    assert not SpaceMembership.objects.filter(user=member).exists()
    assert not EmailAddress.objects.filter(user=member).exists()
    assert not Endorsement.objects.filter(recipient=member).exists()
    assert not Application.objects.filter(applicant=member).exists()
    # Contributions stay, anonymised.
    exchange = Exchange.objects.get(pk=life["exchange"].pk)
    assert exchange.giver_id == member.pk and exchange.state == "confirmed"
    assert barter.balance(friend).received == Decimal(2)
    assert Message.objects.filter(sender=member).exists()
    assert public_name(member, friend) == public_name(None, friend)
    assert Opportunity.objects.exists()
    # The session is gone and the old credentials no longer work.
    assert client.get(reverse("community:me")).status_code == 302
    assert not client.login(username="mia", password="pw-mia")


def test_delete_needs_post_and_an_account(client, member):
    assert client.post(reverse("privacy_delete"), {"password": "pw-mia"}).status_code == 302
    client.force_login(member)
    assert client.get(reverse("privacy_delete")).status_code == 405
    member.refresh_from_db()
    assert member.is_active
