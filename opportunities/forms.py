from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.translation import gettext_lazy as _

from community.models import Skill
from opportunities import permissions, services
from opportunities.models import Application, Opportunity
from opportunities.selectors import OpportunityQuery
from spaces.models import Space

PHONE = re.compile(r"^\+?[\d\s().-]{6,30}$")


def validate_contact(value: str) -> None:
    """An email address, a web address or a phone number: something one can reach."""
    value = value.strip()
    if "@" in value and not value.startswith(("http://", "https://")):
        EmailValidator(message=_("Enter a valid email address."))(value)
    elif value.startswith(("http://", "https://")):
        URLValidator(message=_("Enter a valid web address."))(value)
    elif not PHONE.match(value) or sum(c.isdigit() for c in value) < 6:
        raise ValidationError(_("Give an email address, a web address or a phone number."))


class OpportunityForm(forms.ModelForm):
    # A list of choices: an unknown skill or space id is a form error, never a 500.
    skills = forms.ModelMultipleChoiceField(
        label=_("Skills wanted"),
        queryset=Skill.objects.order_by("-is_core", "key"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    spaces = forms.ModelMultipleChoiceField(
        label=_("Spaces concerned"),
        queryset=Space.objects.order_by("name"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    class Meta:
        model = Opportunity
        fields = [
            "kind",
            "title",
            "description",
            "skills",
            "place",
            "remote",
            "spaces",
            "deadline",
            "contact",
            "apply_in_platform",
            "on_behalf_of",
            "language",
        ]
        widgets = {
            "deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 10}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        allowed = permissions.spaces_user_may_post_for(user)
        current = self.instance.on_behalf_of_id if self.instance.pk else None
        if current:
            allowed = allowed | Space.objects.filter(pk=current)
        field = self.fields["on_behalf_of"]
        field.queryset = allowed.distinct().order_by("name")
        field.empty_label = _("Myself")
        field.help_text = _("Only the managers of a space may post on its behalf.")
        field.error_messages["invalid_choice"] = _(
            "You may post only on behalf of a space you manage."
        )
        self.fields["skills"].error_messages["invalid_choice"] = _("Unknown skill: %(value)s.")
        self.fields["spaces"].error_messages["invalid_choice"] = _("Unknown space: %(value)s.")

    def clean_contact(self):
        contact = self.cleaned_data["contact"].strip()
        if contact:
            validate_contact(contact)
        return contact

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        previous = self.instance.deadline if self.instance.pk else None
        error = services.deadline_error(deadline, previous)
        if error:
            raise ValidationError(error)
        return deadline

    def clean(self):
        cleaned = super().clean()
        error = services.contact_error(
            cleaned.get("contact", ""), cleaned.get("apply_in_platform", False)
        )
        if error and "contact" not in self.errors:
            self.add_error("contact", error)
        return cleaned

    def values(self) -> dict:
        return {key: self.cleaned_data[key] for key in services.POST_FIELDS}


class ApplicationForm(forms.ModelForm):
    class Meta:
        model = Application
        fields = ["message"]
        widgets = {"message": forms.Textarea(attrs={"rows": 6})}
        help_texts = {
            "message": _(
                "Your name and email address are sent to the poster with your message, "
                "so that they can answer you."
            )
        }


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Publish")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note to the author"), required=False, max_length=500, widget=forms.Textarea
    )


class FilterForm(forms.Form):
    """The board's filters (GET), every one optional."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    skill = forms.ModelChoiceField(
        label=_("Skill"),
        queryset=Skill.objects.order_by("key"),
        to_field_name="key",
        required=False,
    )
    # A text field with suggestions (a <datalist> of the spaces that have opportunities):
    # a <select> of every such space cost more than the rest of the page together
    # with thousands of spaces (bench/community.py).
    space = forms.SlugField(
        label=_("Space"),
        required=False,
        widget=forms.TextInput(attrs={"list": "space-options"}),
        help_text=_("Start typing the name of a space."),
    )
    remote = forms.BooleanField(label=_("Remote only"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All"))] + list(Opportunity.Kind.choices)
        self.fields["skill"].empty_label = _("All")
        self.fields["skill"].error_messages["invalid_choice"] = _("Unknown skill.")

    def clean_space(self):
        slug = self.cleaned_data["space"]
        if not slug:
            return None
        space = Space.objects.filter(slug=slug).first()
        if space is None:
            raise forms.ValidationError(_("Unknown space."))
        return space

    def to_query(self) -> OpportunityQuery:
        data = self.cleaned_data
        return OpportunityQuery(
            kind=data["kind"],
            skill=data["skill"],
            remote=data["remote"],
            space=data["space"],
            text=data["q"],
        )
