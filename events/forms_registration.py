"""Forms of the registration pages; the services repeat every rule as a last guard."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from events.registration import EMAIL_MAX_LENGTH, NAME_MAX_LENGTH, RegistrationError, clean_visitor


class VisitorForm(forms.Form):
    """Registration without an account: a name and an address to verify."""

    name = forms.CharField(label=_("Your name"), max_length=NAME_MAX_LENGTH)
    email = forms.EmailField(
        label=_("Your email address"),
        max_length=EMAIL_MAX_LENGTH,
        help_text=_("We will send you a link to confirm it, then the event's practical details."),
    )
    # A honeypot, hidden by CSS: bots fill every field.
    nickname = forms.CharField(label=_("Leave this field empty"), required=False)

    def clean_nickname(self):
        if self.cleaned_data["nickname"]:
            raise forms.ValidationError(_("This field must stay empty."))
        return ""

    def clean(self):
        cleaned = super().clean()
        if "name" in cleaned and "email" in cleaned:
            try:
                cleaned["name"], cleaned["email"] = clean_visitor(cleaned["name"], cleaned["email"])
            except RegistrationError as error:
                raise forms.ValidationError(error.message) from None
        return cleaned


class CheckInForm(forms.Form):
    registration = forms.IntegerField(widget=forms.HiddenInput)
    checked_in = forms.BooleanField(required=False)
