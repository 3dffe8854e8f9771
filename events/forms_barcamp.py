"""Forms of the barcamp: a proposal, the grid, and the organiser's moves."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from events import barcamp
from events.models import BarcampGrid, SessionProposal


class ProposalForm(forms.ModelForm):
    class Meta:
        model = SessionProposal
        fields = ["title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"description": _("What the session is about and for whom (optional).")}


class GridForm(forms.ModelForm):
    class Meta:
        model = BarcampGrid
        fields = ["rooms", "slots"]
        widgets = {
            "rooms": forms.TextInput(attrs={"placeholder": _("Hall, Workshop, Garden")}),
            "slots": forms.Textarea(attrs={"rows": 6, "placeholder": "10:00-10:45\n11:00-11:45"}),
        }

    # The same parsing as the service: errors show on the field, values come back tidy.
    def clean_rooms(self):
        try:
            return ", ".join(barcamp.parse_rooms(self.cleaned_data["rooms"]))
        except barcamp.BarcampError as error:
            raise ValidationError(str(error)) from None

    def clean_slots(self):
        try:
            return "\n".join(barcamp.parse_slots(self.cleaned_data["slots"]))
        except barcamp.BarcampError as error:
            raise ValidationError(str(error)) from None


class MoveForm(forms.Form):
    """A cell of the grid, posted as "slot,room" (see ``barcamp.cell_key``)."""

    cell = forms.CharField(label=_("Cell"), max_length=200)

    def clean_cell(self):
        cell = barcamp.parse_cell_key(self.cleaned_data["cell"])
        if cell is None:
            raise ValidationError(_("This cell is not in the grid."))
        return cell


class SwapForm(forms.Form):
    other = forms.IntegerField(label=_("Swap with"), min_value=1)
