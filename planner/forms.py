"""The planner's form: a territory, a question and its thresholds, all checked here."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from planner.models import Strategy
from planner.territories import resolve_territory

EXISTING_CHOICES = [
    ("directory", _("The open spaces of the directory")),
    ("none", _("None: plan from scratch")),
]


class PlannerForm(forms.Form):
    territory = forms.CharField(
        label=_("Territory"),
        max_length=200,
        help_text=_("A département or an intercommunality (EPCI), by name or code."),
        widget=forms.TextInput(attrs={"list": "territory-suggestions", "autocomplete": "off"}),
    )
    strategy = forms.ChoiceField(
        label=_("Question"), choices=Strategy.choices, initial=Strategy.COVERAGE,
        widget=forms.RadioSelect,
    )  # fmt: skip
    minutes = forms.IntegerField(
        label=_("Travel time (minutes)"), min_value=1, max_value=120, initial=20, required=False
    )
    new_sites = forms.IntegerField(
        label=_("Number of new sites"), min_value=1, max_value=500, initial=5, required=False
    )
    share = forms.IntegerField(
        label=_("Share of the population to reach (%)"),
        min_value=1,
        max_value=100,
        initial=100,
        required=False,
    )
    structuring_minutes = forms.IntegerField(
        label=_("Structuring sites: travel time (minutes)"),
        min_value=1,
        max_value=120,
        initial=20,
        required=False,
    )
    village_minutes = forms.IntegerField(
        label=_("Mini-coworks: travel time (minutes)"),
        min_value=1,
        max_value=120,
        initial=10,
        required=False,
    )
    min_population = forms.IntegerField(
        label=_("Structuring sites: minimum population of the commune"),
        min_value=0,
        max_value=1_000_000,
        initial=2000,
        required=False,
        help_text=_("The most populated commune of each intercommunality qualifies too."),
    )
    existing = forms.ChoiceField(
        label=_("Existing sites"), choices=EXISTING_CHOICES, initial="directory"
    )

    def clean_territory(self):
        territory = resolve_territory(self.cleaned_data["territory"])
        if territory is None:
            raise forms.ValidationError(
                _("Unknown territory: choose a département or an intercommunality from the list.")
            )
        return territory

    def clean(self):
        data = super().clean()
        strategy = data.get("strategy")
        territory = data.get("territory")
        if strategy != Strategy.TWO_TIER and data.get("minutes") is None:
            self.add_error("minutes", _("Give a travel time."))
        if strategy == Strategy.MAX_COVER:
            p = data.get("new_sites")
            if p is None:
                self.add_error("new_sites", _("Give the number of new sites."))
            elif territory is not None and p > territory.communes:
                self.add_error(
                    "new_sites",
                    _("This territory has only %(n)d communes to host new sites.")
                    % {"n": territory.communes},
                )
        if strategy == Strategy.SET_COVER and data.get("share") is None:
            self.add_error("share", _("Give the share of the population to reach."))
        if strategy == Strategy.TWO_TIER:
            t1, t2 = data.get("structuring_minutes"), data.get("village_minutes")
            if t1 is None:
                self.add_error("structuring_minutes", _("Give a travel time."))
            if t2 is None:
                self.add_error("village_minutes", _("Give a travel time."))
            if t1 is not None and t2 is not None and t2 > t1:
                self.add_error(
                    "village_minutes",
                    _("The mini-coworks' travel time cannot exceed the structuring sites' one."),
                )
            if data.get("min_population") is None:
                data["min_population"] = 2000
        return data

    def parameters(self) -> dict:
        """What the run stores and the engine reads, for the chosen question only."""
        data = self.cleaned_data
        strategy = data["strategy"]
        parameters = {"existing": data["existing"]}
        if strategy == Strategy.TWO_TIER:
            parameters.update(
                structuring_minutes=data["structuring_minutes"],
                village_minutes=data["village_minutes"],
                min_population=data["min_population"],
            )
        else:
            parameters["minutes"] = data["minutes"]
        if strategy == Strategy.MAX_COVER:
            parameters["new_sites"] = data["new_sites"]
        if strategy == Strategy.SET_COVER:
            parameters["share"] = data["share"] / 100
        return parameters
