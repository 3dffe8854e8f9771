from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from spaces.choices import AMENITIES, COUNTRIES, Kind, Status
from spaces.models import Network, Space, SpacePhoto
from spaces.places import communes
from spaces.selectors import MAX_RADIUS_KM, SpaceQuery
from spaces.values import EDITABLE_FIELDS
from territory.text import fold


class FilterForm(forms.Form):
    """The list page's filters (GET). Every field is optional."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    kind = forms.MultipleChoiceField(
        label=_("Kind"), choices=Kind.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    status = forms.MultipleChoiceField(
        label=_("Status"),
        choices=Status.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Closed spaces are hidden unless you tick them."),
    )
    country = forms.ChoiceField(label=_("Country"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    departement = forms.ChoiceField(label=_("Département or province"), required=False)
    amenity = forms.MultipleChoiceField(
        label=_("Equipment, zones and services"),
        choices=list(AMENITIES.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    network = forms.ChoiceField(label=_("Network"), required=False)
    open_now = forms.BooleanField(label=_("Open now"), required=False)
    seats = forms.IntegerField(label=_("At least this many seats"), required=False, min_value=1)
    near = forms.CharField(
        label=_("Near a place"),
        required=False,
        max_length=120,
        help_text=_("A town or a postcode."),
    )
    km = forms.FloatField(
        label=_("Within (km)"),
        required=False,
        min_value=0.1,
        max_value=MAX_RADIUS_KM,
        initial=20,
    )

    def __init__(self, *args, regions=(), departements=(), networks=(), **kwargs):
        super().__init__(*args, **kwargs)
        anything = [("", _("All"))]
        self.fields["country"].choices = anything + list(COUNTRIES.items())
        self.fields["region"].choices = anything + [(r, r) for r in regions]
        self.fields["departement"].choices = anything + [(d, d) for d in departements]
        self.fields["network"].choices = anything + [(n.slug, n.name) for n in networks]
        self.near_label = ""

    def clean_near(self):
        place = self.cleaned_data["near"].strip()
        if not place:
            return None
        point = resolve_place(place)
        if point is None:
            raise forms.ValidationError(
                _("No town or postcode matches “%(place)s”."), params={"place": place}
            )
        self.near_label = point[2]
        return point[:2]

    def to_query(self) -> SpaceQuery:
        data = self.cleaned_data
        return SpaceQuery(
            text=data.get("q") or "",
            kinds=data.get("kind") or [],
            statuses=data.get("status") or [],
            country=data.get("country") or "",
            region=data.get("region") or "",
            departement=data.get("departement") or "",
            amenities=data.get("amenity") or [],
            network=data.get("network") or "",
            open_now=bool(data.get("open_now")),
            min_seats=data.get("seats"),
            near=data.get("near"),
            km=data.get("km") or 20.0,
        )


def resolve_place(place: str) -> tuple[float, float, str] | None:
    """A point for a French town/postcode, else for a town of a listed space abroad."""
    commune = communes().resolve(place)
    if commune is not None and commune.lat is not None:
        return commune.lat, commune.lon, commune.label
    key = fold(place)
    if not key:
        return None
    # search_text holds the folded town: narrow in SQL, then compare exactly.
    located = Space.objects.filter(
        latitude__isnull=False, longitude__isnull=False, search_text__contains=key
    )
    for town, lat, lon in located.values_list("town", "latitude", "longitude").order_by("pk"):
        if fold(town) == key:
            return lat, lon, town
    return None


def _formfield(db_field, **kwargs):
    # Addresses typed without a scheme are taken as https (Django 6's default).
    if isinstance(db_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return db_field.formfield(**kwargs)


class SpaceForm(forms.ModelForm):
    """Every editable field of a space (used by managers, proposals and coordinators)."""

    networks = forms.ModelMultipleChoiceField(
        label=_("Networks"),
        queryset=Network.objects.all(),
        # Slugs, not ids: a huge number typed as an id would overflow SQLite's integers.
        to_field_name="slug",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Space
        fields = EDITABLE_FIELDS
        formfield_callback = _formfield
        widgets = {
            "social_links": forms.Textarea(attrs={"rows": 3}),
            "wheelchair_access": forms.NullBooleanSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["insee"].required = False
        if self.instance.pk:
            self.fields["networks"].initial = list(self.instance.networks.all())

    def clean_social_links(self):
        value = self.cleaned_data["social_links"]
        validate = URLValidator(schemes=["http", "https"])
        for line in value.splitlines():
            if line.strip():
                try:
                    validate(line.strip())
                except forms.ValidationError as exc:
                    raise forms.ValidationError(
                        _("“%(line)s” is not a web address."), params={"line": line.strip()}
                    ) from exc
        return value

    def clean(self):
        data = super().clean()
        latitude, longitude = data.get("latitude"), data.get("longitude")
        if (latitude is None) != (longitude is None):
            raise forms.ValidationError(_("Give both latitude and longitude, or neither."))
        insee = data.get("insee")
        if data.get("country") == "FR" and insee and communes().get(insee) is None:
            self.add_error("insee", _("This is not the INSEE code of a French commune."))
        return data

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        return {key: data[key] for key in [*EDITABLE_FIELDS, "networks"] if key in data}


class DescriptionForm(forms.Form):
    """The translated descriptions of a space in one language."""

    language = forms.ChoiceField(label=_("Language of the descriptions"), choices=())
    short_description = forms.CharField(
        label=_("Short description"), max_length=300, required=False
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Markdown: **bold**, lists, links."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = settings.LANGUAGES

    def translations(self) -> dict[str, dict]:
        data = self.cleaned_data
        return {
            data["language"]: {
                "short_description": data["short_description"],
                "description": data["description"],
            }
        }


class ProposerForm(forms.Form):
    """Who proposes, and a trap field that people never fill but spam robots do."""

    proposer_name = forms.CharField(label=_("Your name"), max_length=120, required=False)
    proposer_email = forms.EmailField(
        label=_("Your email"),
        required=False,
        help_text=_("Only the coordinators see it, to ask you a question if needed."),
    )
    message = forms.CharField(
        label=_("Message to the coordinators"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    nickname = forms.CharField(label=_("Leave this field empty"), required=False)

    def clean_nickname(self):
        if self.cleaned_data["nickname"]:
            raise forms.ValidationError(_("This field must stay empty."))
        return ""


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("accept", _("Accept")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File to import"),
        help_text=_("CSV or GeoJSON: Maillage format, CGET national file or OpenStreetMap export."),
    )
    format = forms.ChoiceField(
        label=_("Format"),
        required=False,
        choices=[
            ("", _("Detect automatically")),
            ("maillage-csv", _("Maillage CSV")),
            ("maillage-geojson", _("Maillage GeoJSON")),
            ("maillage-json", _("Maillage JSON")),
            ("cget", _("CGET national file (2019)")),
            ("osm", _("OpenStreetMap export (GeoJSON or Overpass JSON)")),
        ],
    )


MAX_PHOTO_BYTES = 5 * 1024 * 1024
PHOTO_FORMATS = {"JPEG", "PNG", "WEBP"}


class PhotoForm(forms.ModelForm):
    class Meta:
        model = SpacePhoto
        fields = ["image", "alt_text"]

    def clean_image(self):
        image = self.cleaned_data["image"]
        if image.size > MAX_PHOTO_BYTES:
            raise forms.ValidationError(
                _("The photo is too large (%(size)s MB); the limit is 5 MB."),
                params={"size": round(image.size / 1024 / 1024, 1)},
            )
        # ImageField has already opened it with Pillow; refuse formats browsers may not show.
        if getattr(image, "image", None) is not None and image.image.format not in PHOTO_FORMATS:
            raise forms.ValidationError(_("Send a JPEG, PNG or WebP photo."))
        return image


class ManagersForm(forms.Form):
    """Coordinators name who manages a space, by username or email."""

    managers = forms.CharField(
        label=_("Managers"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One username or email address per line."),
    )

    def clean_managers(self):
        users, unknown = [], []
        for line in self.cleaned_data["managers"].splitlines():
            name = line.strip()
            if not name:
                continue
            found = get_user_model().objects.filter(
                Q(username__iexact=name) | Q(email__iexact=name), is_active=True
            )
            if len(found) == 1:
                users.append(found[0])
            else:
                unknown.append(name)
        if unknown:
            raise forms.ValidationError(
                _("No single account matches: %(names)s"), params={"names": ", ".join(unknown)}
            )
        return users
