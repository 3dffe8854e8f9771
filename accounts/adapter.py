"""How allauth fits Maillage."""

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        # A network may close sign-ups (SIGNUP_OPEN=0) and invite its members instead.
        return settings.SIGNUP_OPEN
