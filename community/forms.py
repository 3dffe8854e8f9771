from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.validators import URLValidator
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from community.models import BarterPost, Profile, Skill
from community.models.barter import MAX_HOURS, MIN_HOURS
from community.models.profile import PRIVATE_FIELDS
from community.services import skill_from_text
from community.skills import CORE_SKILLS, MAX_TAG_LENGTH, tag_key
from spaces.choices import Status
from spaces.models import Space

MAX_PHOTO_BYTES = 2 * 1024 * 1024
MAX_TAGS = 10
MAX_LINKS = 5
# Languages a member can say they speak: the site's, plus neighbours of the network.
SPOKEN = [code for code, _name in settings.LANGUAGES] + ["it", "pt", "nl"]


def language_choices():
    return [(code, get_language_info(code)["name_local"]) for code in SPOKEN]


def core_skill_choices():
    return list(CORE_SKILLS.items())


def listed_spaces():
    return Space.objects.exclude(status=Status.CLOSED).order_by("name")


def _parse_tags(text: str) -> list[str]:
    tags = [part.strip() for part in (text or "").replace(";", ",").split(",") if part.strip()]
    if len(tags) > MAX_TAGS:
        raise forms.ValidationError(
            _("At most %(count)d free skills, separated by commas."), params={"count": MAX_TAGS}
        )
    for tag in tags:
        if len(tag) > MAX_TAG_LENGTH or not tag_key(tag):
            raise forms.ValidationError(
                _("“%(tag)s” is not a usable skill name."), params={"tag": tag[:80]}
            )
    return tags


class ProfileForm(forms.ModelForm):
    offered_core = forms.MultipleChoiceField(
        label=_("Skills I offer"),
        choices=core_skill_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    offered_tags = forms.CharField(
        label=_("Other skills I offer"),
        required=False,
        help_text=_("Separated by commas, e.g. “permaculture, bookbinding”."),
    )
    sought_core = forms.MultipleChoiceField(
        label=_("Skills I am looking for"),
        choices=core_skill_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    sought_tags = forms.CharField(label=_("Other skills I am looking for"), required=False)
    languages = forms.MultipleChoiceField(
        label=_("Languages I speak"),
        choices=language_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    home_space = forms.ModelChoiceField(
        label=_("Home space"),
        queryset=Space.objects.none(),
        required=False,
        help_text=_("Its managers will be asked to confirm that you belong to it."),
    )
    spaces_visited = forms.ModelMultipleChoiceField(
        label=_("Spaces I have visited"), queryset=Space.objects.none(), required=False
    )

    class Meta:
        model = Profile
        fields = [
            "display_name",
            "photo",
            "bio",
            "home_space",
            "spaces_visited",
            "town",
            "availability",
            "links",
            *[f"{name}_visibility" for name in PRIVATE_FIELDS],
            "digest_opt_in",
        ]
        widgets = {
            "bio": forms.Textarea(attrs={"rows": 4}),
            "links": forms.Textarea(attrs={"rows": 3}),
            "photo": forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        }
        help_texts = {"links": _("One web address per line (at most 5).")}

    field_order = [
        "display_name",
        "photo",
        "bio",
        "offered_core",
        "offered_tags",
        "sought_core",
        "sought_tags",
        "languages",
        "home_space",
        "spaces_visited",
        "town",
        "availability",
        "links",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["home_space"].queryset = listed_spaces()
        self.fields["spaces_visited"].queryset = listed_spaces()
        profile = self.instance
        if profile.pk:
            offered = list(profile.skills_offered.all())
            sought = list(profile.skills_sought.all())
            self.initial.setdefault("offered_core", [s.key for s in offered if s.is_core])
            self.initial.setdefault(
                "offered_tags", ", ".join(s.name for s in offered if not s.is_core)
            )
            self.initial.setdefault("sought_core", [s.key for s in sought if s.is_core])
            self.initial.setdefault(
                "sought_tags", ", ".join(s.name for s in sought if not s.is_core)
            )
            self.initial.setdefault("languages", profile.language_codes)

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        # Django's ImageField already refused files that Pillow cannot open as images.
        if photo and getattr(photo, "size", 0) > MAX_PHOTO_BYTES:
            raise forms.ValidationError(_("The photo must be smaller than 2 MB."))
        return photo

    def clean_display_name(self):
        name = " ".join(self.cleaned_data["display_name"].split())
        if not name:
            raise forms.ValidationError(_("Please give your name."))
        return name

    def clean_links(self):
        lines = [line.strip() for line in self.cleaned_data["links"].splitlines() if line.strip()]
        if len(lines) > MAX_LINKS:
            raise forms.ValidationError(_("At most 5 links."))
        check = URLValidator(schemes=["http", "https"])
        for line in lines:
            try:
                check(line)
            except forms.ValidationError as error:
                raise forms.ValidationError(
                    _("“%(link)s” is not a web address (http or https)."),
                    params={"link": line[:100]},
                ) from error
        return "\n".join(lines)

    def clean_offered_tags(self):
        return _parse_tags(self.cleaned_data["offered_tags"])

    def clean_sought_tags(self):
        return _parse_tags(self.cleaned_data["sought_tags"])

    def profile_values(self) -> dict:
        """The cleaned values as ``services.save_profile`` takes them (creates free tags)."""
        data = self.cleaned_data
        values = {
            name: data[name]
            for name in self.Meta.fields
            if name not in ("spaces_visited",) and name in data
        }
        if data.get("photo") is False:  # "clear" ticked
            values["photo"] = ""
        elif data.get("photo") is None:
            values.pop("photo", None)
        values["spaces_visited"] = list(data["spaces_visited"])
        values["languages"] = data["languages"]
        values["skills_offered"] = _skills(data["offered_core"], data["offered_tags"])
        values["skills_sought"] = _skills(data["sought_core"], data["sought_tags"])
        return values


def _skills(core_keys, tags) -> list[Skill]:
    skills = {skill.pk: skill for skill in Skill.objects.filter(key__in=core_keys)}
    for tag in tags:
        skill = skill_from_text(tag)
        skills[skill.pk] = skill
    return list(skills.values())


class SkillChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.label


class MemberSearchForm(forms.Form):
    q = forms.CharField(label=_("Name or town"), required=False, max_length=100)
    skill = forms.SlugField(label=_("Skill"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)
    space = forms.SlugField(label=_("Space"), required=False)
    near = forms.CharField(label=_("Near (lat,lon)"), required=False, max_length=60)
    km = forms.FloatField(label=_("Within (km)"), required=False, min_value=1, max_value=500)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("", _("any")), *language_choices()]

    def clean_skill(self):
        key = self.cleaned_data["skill"]
        if not key:
            return None
        skill = Skill.objects.filter(key=key).first()
        if skill is None:
            raise forms.ValidationError(_("No member offers this skill yet."))
        return skill

    def clean_space(self):
        slug = self.cleaned_data["space"]
        if not slug:
            return None
        space = Space.objects.filter(slug=slug).first()
        if space is None:
            raise forms.ValidationError(_("Unknown space."))
        return space

    def clean_near(self):
        text = self.cleaned_data["near"].strip()
        if not text:
            return None
        try:
            lat, lon = (float(part) for part in text.split(","))
        except ValueError as error:
            raise forms.ValidationError(_("Give a point as “latitude,longitude”.")) from error
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise forms.ValidationError(_("This point is outside the map."))
        return (lat, lon)


class BarterPostForm(forms.ModelForm):
    skill = SkillChoiceField(label=_("Skill"), queryset=Skill.objects.order_by("key"))
    language = forms.ChoiceField(label=_("Language of the exchange"), choices=language_choices)

    class Meta:
        model = BarterPost
        fields = ["kind", "title", "skill", "language", "description"]
        widgets = {
            "kind": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {"description": _("Markdown is allowed; scripts are removed.")}


class ExchangeForm(forms.Form):
    GAVE, RECEIVED = "gave", "received"
    direction = forms.ChoiceField(
        label=_("Who helped whom?"),
        choices=[(GAVE, _("I helped this member")), (RECEIVED, _("This member helped me"))],
        widget=forms.RadioSelect,
    )
    skill = SkillChoiceField(label=_("Skill"), queryset=Skill.objects.order_by("key"))
    hours = forms.DecimalField(
        label=_("Hours"),
        min_value=MIN_HOURS,
        max_value=MAX_HOURS,
        decimal_places=2,
        max_digits=5,
    )
    note = forms.CharField(label=_("What was done"), required=False, max_length=300)


class EndorsementForm(forms.Form):
    skill = SkillChoiceField(
        label=_("Skill to endorse"),
        queryset=Skill.objects.none(),
        required=False,
        empty_label=_("(just say thank you)"),
    )
    message = forms.CharField(
        label=_("Message"),
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, offered=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["skill"].queryset = offered if offered is not None else Skill.objects.none()


class RolesForm(forms.Form):
    is_coordinator = forms.BooleanField(label=_("Network coordinator"), required=False)
    is_trainer = forms.BooleanField(label=_("Trainer"), required=False)
    spaces = forms.ModelMultipleChoiceField(
        label=_("Manager of"), queryset=Space.objects.none(), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["spaces"].queryset = Space.objects.order_by("name")
