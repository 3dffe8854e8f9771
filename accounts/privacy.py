"""Everything Maillage keeps about a member: exported as JSON, or deleted on request.

Each app states what it holds in its own ``privacy`` module (``export`` and
``forget``); this module calls every one of them, so a new app adds one line here.
"""

from __future__ import annotations

import secrets

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone

from community import privacy as community_privacy
from events import privacy as events_privacy
from messaging import privacy as messaging_privacy
from opportunities import privacy as opportunities_privacy
from surveys import privacy as surveys_privacy

APPS = [
    ("community", community_privacy),
    ("messages", messaging_privacy),
    ("opportunities", opportunities_privacy),
    ("events", events_privacy),
    ("surveys", surveys_privacy),
]


def export_user_data(user) -> dict:
    data = {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "id": user.pk,
            "username": user.username,
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "roles": {
                "coordinator": user.is_coordinator,
                "trainer": user.is_trainer,
                "manager_of": [space.name for space in user.managed_spaces.all()],
            },
            "consent": {
                "given_at": user.consent_at.isoformat() if user.consent_at else None,
                "notice_version": user.consent_version,
            },
            "email_addresses": [
                {"email": address.email, "verified": address.verified, "primary": address.primary}
                for address in EmailAddress.objects.filter(user=user)
            ],
        },
    }
    for name, module in APPS:
        data[name] = module.export(user)
    return data


@transaction.atomic
def delete_account(user) -> None:
    """Remove the member's personal data; keep contributions under an anonymous account.

    The account row stays (exchanges, posts and messages point to it) but loses its
    name, email, password and roles, and can no longer log in: Django refuses the
    sessions of an inactive account, so other devices are logged out too.
    """
    for _name, module in APPS:
        module.forget(user)
    EmailAddress.objects.filter(user=user).delete()
    user.managed_spaces.clear()
    user.username = f"deleted-{user.pk}-{secrets.token_hex(4)}"
    user.email = ""
    user.first_name = ""
    user.last_name = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.is_coordinator = False
    user.is_trainer = False
    user.consent_at = None
    user.consent_version = ""
    user.set_unusable_password()
    user.save()
