import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from community.models.skill import Skill


class Visibility(models.TextChoices):
    EVERYONE = "everyone", _("everyone")
    MEMBERS = "members", _("members only")
    NOBODY = "nobody", _("nobody (only me)")


# The profile fields whose owner chooses who sees them, each with its own setting.
PRIVATE_FIELDS = [
    "name",
    "photo",
    "bio",
    "spaces",
    "skills",
    "languages",
    "town",
    "availability",
    "links",
]


def _visibility_field(label, default=Visibility.MEMBERS):
    return models.CharField(label, max_length=10, choices=Visibility.choices, default=default)


def _new_token() -> str:
    return secrets.token_urlsafe(24)


class Profile(models.Model):
    """What a member tells the network about themselves, field by field visible or not."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    display_name = models.CharField(_("name"), max_length=150)
    photo = models.ImageField(_("photo"), upload_to="members/", blank=True)
    bio = models.TextField(_("short bio"), max_length=800, blank=True)
    home_space = models.ForeignKey(
        "spaces.Space",
        verbose_name=_("home space"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="home_members",
    )
    spaces_visited = models.ManyToManyField(
        "spaces.Space", verbose_name=_("spaces visited"), blank=True, related_name="visitors"
    )
    skills_offered = models.ManyToManyField(
        Skill, verbose_name=_("skills offered"), blank=True, related_name="offered_by"
    )
    skills_sought = models.ManyToManyField(
        Skill, verbose_name=_("skills sought"), blank=True, related_name="sought_by"
    )
    # Language codes between commas (",fr,es,"): a plain substring filter finds a
    # language on SQLite and PostgreSQL alike.
    languages = models.CharField(_("languages spoken"), max_length=120, blank=True)
    town = models.CharField(_("town"), max_length=120, blank=True)
    availability = models.CharField(_("availability"), max_length=200, blank=True)
    links = models.TextField(_("links"), max_length=1000, blank=True)
    # Copied from the home space on save, so that a distance search is an indexed box.
    latitude = models.FloatField(null=True, blank=True, editable=False)
    longitude = models.FloatField(null=True, blank=True, editable=False)

    name_visibility = _visibility_field(_("who sees my name"), Visibility.EVERYONE)
    photo_visibility = _visibility_field(_("who sees my photo"))
    bio_visibility = _visibility_field(_("who sees my bio"))
    spaces_visibility = _visibility_field(_("who sees my spaces"))
    skills_visibility = _visibility_field(_("who sees my skills"))
    languages_visibility = _visibility_field(_("who sees my languages"))
    town_visibility = _visibility_field(_("who sees my town"))
    availability_visibility = _visibility_field(_("who sees my availability"))
    links_visibility = _visibility_field(_("who sees my links"))

    digest_opt_in = models.BooleanField(_("weekly digest by email"), default=False)
    digest_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Secret of the one-click unsubscribe link; renewed when the member deletes the account.
    email_token = models.CharField(max_length=40, default=_new_token, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("member profile")
        verbose_name_plural = _("member profiles")
        indexes = [
            models.Index(fields=["latitude", "longitude"]),
            # The directory lists members by name: read in order, stop after one page.
            models.Index(fields=["display_name", "id"], name="profile_name_order_idx"),
        ]

    def __str__(self):
        return self.display_name

    def save(self, *args, **kwargs):
        space = self.home_space
        self.latitude = space.latitude if space else None
        self.longitude = space.longitude if space else None
        super().save(*args, **kwargs)

    @property
    def language_codes(self) -> list[str]:
        return [code for code in self.languages.split(",") if code]

    def set_languages(self, codes) -> None:
        codes = sorted(set(codes))
        self.languages = f",{','.join(codes)}," if codes else ""

    @property
    def link_list(self) -> list[str]:
        return [line.strip() for line in self.links.splitlines() if line.strip()]
