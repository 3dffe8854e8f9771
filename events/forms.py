from __future__ import annotations

import datetime as dt

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events import selectors, services
from events.models import Event
from spaces.choices import COUNTRIES
from spaces.models import Space
from spaces.permissions import is_coordinator

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"
IMAGE_FORMATS = {"JPEG", "PNG", "WEBP"}
MIN_YEAR, MAX_YEAR = services.MIN_YEAR, services.MAX_YEAR


class LocalDateTimeField(forms.DateTimeField):
    """A wall-clock date and time, kept naive: the event's own zone applies, not the site's.

    Django would read the value in the site's zone (and refuse times that do not exist
    there); parsing under UTC, which has no such gaps, then dropping the zone keeps
    exactly what was typed.
    """

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT)

    def to_python(self, value):
        with timezone.override(dt.UTC):
            parsed = super().to_python(value)
        # Far years overflow when converted between zones; no event is planned there.
        if parsed and not (MIN_YEAR <= parsed.year <= MAX_YEAR):
            raise ValidationError(
                _("Give a year between %(min)s and %(max)s."),
                params={"min": MIN_YEAR, "max": MAX_YEAR},
            )
        return parsed.replace(tzinfo=None) if parsed else parsed


class EventForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(label=_("Summary"), max_length=300, required=False)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Markdown: **bold**, *italics*, lists, links."),
    )
    source_language = forms.ChoiceField(
        label=_("Language of these texts"), choices=settings.LANGUAGES
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=Event.Kind.choices)
    starts_at = LocalDateTimeField(label=_("Starts at"))
    ends_at = LocalDateTimeField(label=_("Ends at"))
    time_zone = forms.CharField(
        label=_("Time zone"),
        max_length=40,
        initial="Europe/Paris",
        help_text=_("The zone of the times above, e.g. Europe/Paris or Europe/Madrid."),
    )
    space = forms.ModelChoiceField(
        label=_("At a space of the directory"),
        queryset=Space.objects.order_by("name"),
        required=False,
        to_field_name="slug",
    )
    address = forms.CharField(
        label=_("Or at this address"),
        max_length=255,
        required=False,
        help_text=_("Leave empty for a space of the directory or an online event."),
    )
    town = forms.CharField(label=_("Town"), max_length=120, required=False)
    country = forms.ChoiceField(
        label=_("Country"), choices=[("", "—"), *COUNTRIES.items()], required=False
    )
    region = forms.CharField(label=_("Region"), max_length=120, required=False)
    online = forms.BooleanField(label=_("Online"), required=False)
    online_url = forms.URLField(
        label=_("Online link"),
        required=False,
        assume_scheme="https",
        help_text=_("Shown only to registered people."),
    )
    organiser_space = forms.ModelChoiceField(
        label=_("Organised by"), queryset=Space.objects.none(), required=False
    )
    by_network = forms.BooleanField(label=_("Organised by the network"), required=False)
    audience = forms.ChoiceField(label=_("Audience"), choices=Event.Audience.choices)
    capacity = forms.IntegerField(
        label=_("Capacity"),
        min_value=1,
        max_value=services.MAX_CAPACITY,
        required=False,
        help_text=_("Empty for no limit."),
    )
    price = forms.DecimalField(
        label=_("Price (€)"),
        min_value=0,
        max_digits=7,
        decimal_places=2,
        initial=0,
        help_text=_("0 for free."),
    )
    image = forms.ImageField(
        label=_("Image"), required=False, help_text=_("JPEG, PNG or WebP, less than 5 MB.")
    )
    tags = forms.CharField(
        label=_("Tags"), max_length=200, required=False, help_text=_("Separated by commas.")
    )
    programme = forms.CharField(
        label=_("Programme"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "One session a line: HH:MM-HH:MM | title | speakers | room (speakers and room "
            "optional). Start the line with a date (YYYY-MM-DD) for another day than the first."
        ),
    )

    def __init__(self, *args, user, event: Event | None = None, **kwargs):
        self.user = user
        self.event = event
        if event is not None:
            kwargs.setdefault("initial", initial_for(event))
        super().__init__(*args, **kwargs)
        allowed = (
            Space.objects.all() if is_coordinator(user) else Space.objects.filter(managers=user)
        )
        if event is not None and event.organiser_space_id:
            allowed = allowed | Space.objects.filter(pk=event.organiser_space_id)
        field = self.fields["organiser_space"]
        field.queryset = allowed.distinct().order_by("name")
        field.empty_label = _("Myself")
        field.help_text = _("Only the managers of a space may organise events in its name.")
        field.error_messages["invalid_choice"] = _(
            "You may organise events only for a space you manage."
        )
        self.fields["space"].error_messages["invalid_choice"] = _("Unknown space.")
        if not (is_coordinator(user) or (event is not None and event.by_network)):
            del self.fields["by_network"]

    def clean_time_zone(self):
        zone = self.cleaned_data["time_zone"].strip()
        error = services.zone_error(zone)
        if error:
            raise ValidationError(error)
        return zone

    def clean_image(self):
        image = self.cleaned_data.get("image")
        if not image or not hasattr(image, "image"):
            return image  # unchanged, or cleared
        error = services.image_error(image)
        if error:
            raise ValidationError(error)
        if image.image.format not in IMAGE_FORMATS:
            raise ValidationError(_("Send a JPEG, PNG or WebP image."))
        return image

    def clean_capacity(self):
        capacity = self.cleaned_data["capacity"]
        error = services.capacity_error(self.event, capacity)
        if error:
            raise ValidationError(error)
        return capacity

    def clean(self):
        cleaned = super().clean()
        error = services.dates_error(cleaned.get("starts_at"), cleaned.get("ends_at"))
        if error:
            self.add_error("ends_at", error)
        error = services.place_error(cleaned)
        if error:
            self.add_error("online_url" if cleaned.get("online") else "address", error)
        error = services.organiser_error(self.user, cleaned, self.event)
        if error and "organiser_space" not in self.errors:
            self.add_error("organiser_space", error)
        if cleaned.get("starts_at"):
            try:
                cleaned["sessions"] = services.parse_programme(
                    cleaned.get("programme", ""), cleaned["starts_at"].date()
                )
            except services.EventError as exc:
                self.add_error("programme", exc.message)
        return cleaned

    def values(self) -> dict:
        data = self.cleaned_data
        values = {
            field: data[field]
            for field in services.EVENT_FIELDS
            if field in data and field != "image"
        }
        values.setdefault("by_network", self.event.by_network if self.event else False)
        if data.get("image") is False:
            values["image"] = ""  # "clear" ticked
        elif data.get("image"):
            values["image"] = data["image"]
        return values

    def texts(self) -> dict:
        return {field: self.cleaned_data[field] for field in services.TEXT_FIELDS}


def initial_for(event: Event) -> dict:
    """The form's values for an existing event: times as its own zone shows them."""
    text = event.translations.filter(language=event.source_language).first()
    initial = {field: getattr(event, field) for field in services.EVENT_FIELDS}
    initial.update(
        starts_at=services.local_time(event.starts_at, event.time_zone).replace(tzinfo=None),
        ends_at=services.local_time(event.ends_at, event.time_zone).replace(tzinfo=None),
        space=event.space.slug if event.space else None,
        organiser_space=event.organiser_space_id,
        programme=services.programme_text(event),
    )
    if text is not None:
        initial.update(title=text.title, summary=text.summary, description=text.description)
    return initial


class TranslationForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(label=_("Summary"), max_length=300, required=False)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 8})
    )


class FilterForm(forms.Form):
    """The list's and month's filters (GET), every one optional."""

    space = forms.ModelChoiceField(
        label=_("Space"), queryset=Space.objects.none(), to_field_name="slug", required=False
    )
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        all_label = _("All")
        self.fields["space"].queryset = selectors.spaces_with_events()
        self.fields["space"].empty_label = all_label
        self.fields["space"].error_messages["invalid_choice"] = _("Unknown space.")
        self.fields["kind"].choices = [("", all_label), *Event.Kind.choices]
        self.fields["region"].choices = [
            ("", all_label),
            *((region, region) for region in selectors.region_choices()),
        ]
        self.fields["language"].choices = [("", all_label), *settings.LANGUAGES]

    def to_query(self, past: bool = False) -> selectors.EventQuery:
        data = self.cleaned_data if self.is_bound else {}
        return selectors.EventQuery(
            space=data.get("space"),
            kind=data.get("kind", ""),
            region=data.get("region", ""),
            language=data.get("language", ""),
            past=past,
        )


class WriteupForm(forms.Form):
    writeup = forms.CharField(
        label=_("Write-up"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("What happened, what came out of it. Markdown: **bold**, lists, links."),
    )


class FileForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("Slides, minutes, photos: PDF, office documents or images, up to 10 MB."),
    )
    title = forms.CharField(label=_("Title"), max_length=200, required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        error = services.file_error(upload)
        if error:
            raise ValidationError(error)
        return upload
