"""The sign-up form: allauth's, plus the member's name and the recorded privacy consent."""

from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SignupForm(AllauthSignupForm):
    name = forms.CharField(
        label=_("Your name"),
        max_length=150,
        help_text=_("Shown on your profile; you choose later who may see it."),
    )
    consent = forms.BooleanField(
        label=_("I agree that Maillage keeps the data of my account to run the network."),
        help_text=_(
            "You can download all your data or delete your account at any time from your profile."
        ),
        error_messages={"required": _("Your consent is needed to create an account.")},
    )
    # A field no human sees: bots that fill every input give themselves away.
    nickname = forms.CharField(required=False, label=_("Leave this empty"))

    field_order = ["name", "email", "password1", "password2", "consent"]

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Please give your name."))
        return name

    def clean_nickname(self):
        if self.cleaned_data.get("nickname"):
            raise forms.ValidationError(_("This field must stay empty."))
        return ""

    def save(self, request):
        user = super().save(request)
        first, _space, last = self.cleaned_data["name"].partition(" ")
        user.first_name, user.last_name = first[:150], last[:150]
        user.consent_at = timezone.now()
        user.consent_version = settings.PRIVACY_NOTICE_VERSION
        user.save(update_fields=["first_name", "last_name", "consent_at", "consent_version"])
        return user
