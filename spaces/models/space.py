from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from spaces.choices import COUNTRIES, Kind, Status, translation_status_field
from spaces.validators import validate_opening_hours


class Space(models.Model):
    """A coworking space or tiers-lieu of the network's directory."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.COWORKING)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    source_language = models.CharField(
        _("language of the descriptions' source"),
        max_length=5,
        choices=settings.LANGUAGES,
        default="fr",
    )

    address = models.CharField(_("address"), max_length=255, blank=True)
    postcode = models.CharField(_("postcode"), max_length=12, blank=True)
    town = models.CharField(_("town"), max_length=120, blank=True)
    country = models.CharField(
        _("country"), max_length=2, choices=list(COUNTRIES.items()), default="FR"
    )
    insee = models.CharField(
        _("INSEE code"),
        max_length=5,
        blank=True,
        help_text=_("Official code of the French commune, filled in from the town when known."),
    )
    departement = models.CharField(
        _("département or province"),
        max_length=80,
        blank=True,
        help_text=_("Filled in automatically for French communes."),
    )
    region = models.CharField(
        _("region"),
        max_length=80,
        blank=True,
        help_text=_("Filled in automatically for French communes."),
    )
    epci = models.CharField(_("intercommunality"), max_length=160, blank=True)
    latitude = models.FloatField(
        _("latitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.FloatField(
        _("longitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )

    seats = models.PositiveIntegerField(_("seats"), null=True, blank=True)
    area_m2 = models.PositiveIntegerField(_("area (m²)"), null=True, blank=True)
    opening_hours = models.CharField(
        _("opening hours"),
        max_length=255,
        blank=True,
        validators=[validate_opening_hours],
        help_text=_('OpenStreetMap syntax, for example "Mo-Fr 09:00-18:00; Sa 09:00-12:00".'),
    )
    timezone = models.CharField(_("time zone"), max_length=40, default="Europe/Paris")

    price_day = models.DecimalField(
        _("day pass (€)"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    price_week = models.DecimalField(
        _("week (€)"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    price_month = models.DecimalField(
        _("month (€)"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    price_notes = models.CharField(_("other prices"), max_length=255, blank=True)

    has_printer = models.BooleanField(_("printer"), default=False)
    has_scanner = models.BooleanField(_("scanner"), default=False)
    has_air_conditioning = models.BooleanField(_("air conditioning"), default=False)
    has_projector = models.BooleanField(_("projector"), default=False)
    has_wifi = models.BooleanField(_("Wi-Fi"), default=False)
    wifi_mbps = models.PositiveIntegerField(_("Wi-Fi bandwidth (Mbit/s)"), null=True, blank=True)
    has_visio_room = models.BooleanField(_("video-conference room"), default=False)
    has_meeting_room = models.BooleanField(_("meeting room"), default=False)
    has_kitchen = models.BooleanField(_("kitchen"), default=False)
    has_phone_booth = models.BooleanField(_("phone booth"), default=False)
    has_training_room = models.BooleanField(_("training room"), default=False)
    offers_cleaning = models.BooleanField(_("cleaning"), default=False)
    offers_events = models.BooleanField(_("events"), default=False)
    offers_mail_handling = models.BooleanField(_("mail handling"), default=False)
    offers_domiciliation = models.BooleanField(_("business domiciliation"), default=False)
    offers_support = models.BooleanField(_("professional support"), default=False)
    wheelchair_access = models.BooleanField(_("wheelchair access"), null=True, blank=True)

    networks = models.ManyToManyField(
        "spaces.Network", verbose_name=_("networks"), related_name="spaces", blank=True
    )
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    social_links = models.TextField(
        _("social links"), blank=True, help_text=_("One address per line.")
    )
    managers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("managers"),
        related_name="managed_spaces",
        blank=True,
    )

    # Where an imported listing comes from, so a re-import updates it.
    source = models.CharField(_("source"), max_length=20, blank=True)
    source_id = models.CharField(_("identifier in the source"), max_length=80, blank=True)
    # Folded name, town, postcode and places: the language-independent search text.
    search_text = models.TextField(editable=False, blank=True)

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("space")
        verbose_name_plural = _("spaces")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "source_id"],
                condition=~models.Q(source_id=""),
                name="space_unique_source_id",
            )
        ]
        indexes = [
            models.Index(fields=["latitude", "longitude"]),
            models.Index(fields=["country", "status"]),
            models.Index(fields=["kind"]),
            # The directory's default order: an index lets a page be read without sorting.
            models.Index(Lower("name"), "id", name="space_lower_name_idx"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("spaces:detail", kwargs={"slug": self.slug})

    # Django's get_FOO_display() rebuilds a dict of the choices on every call; these are
    # looked up in lists of results, so they read the vocabularies directly.
    @property
    def kind_label(self):
        return Kind(self.kind).label if self.kind in Kind.values else self.kind

    @property
    def status_label(self):
        return Status(self.status).label if self.status in Status.values else self.status

    @property
    def country_label(self):
        return COUNTRIES.get(self.country, self.country)

    @property
    def has_point(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def social_link_list(self) -> list[str]:
        return [line.strip() for line in self.social_links.splitlines() if line.strip()]


class SpaceTranslation(models.Model):
    """The descriptions of a space in one language."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    short_description = models.CharField(_("short description"), max_length=300, blank=True)
    description = models.TextField(
        _("description"), blank=True, help_text=_("Markdown: **bold**, lists, links.")
    )
    status = translation_status_field()
    search_text = models.TextField(editable=False, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("translation")
        verbose_name_plural = _("translations")
        constraints = [
            models.UniqueConstraint(fields=["space", "language"], name="one_translation_per_lang")
        ]

    def __str__(self):
        return f"{self.space} [{self.language}]"


class OpeningSlot(models.Model):
    """One opening interval of a regular week, derived from ``Space.opening_hours``.

    Kept so that the "open now" filter is one indexed query instead of parsing
    every space's expression on each request.
    """

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="opening_slots")
    weekday = models.PositiveSmallIntegerField()  # Monday = 0
    start_minute = models.PositiveSmallIntegerField()
    end_minute = models.PositiveSmallIntegerField()

    class Meta:
        indexes = [models.Index(fields=["weekday", "start_minute", "end_minute"])]

    def __str__(self):
        return f"{self.space_id}: {self.weekday} {self.start_minute}-{self.end_minute}"


def photo_path(instance, filename):
    return f"spaces/{instance.space_id}/{filename}"


class SpacePhoto(models.Model):
    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("image"), upload_to=photo_path)
    alt_text = models.CharField(
        _("description of the image"),
        max_length=200,
        help_text=_("What the photo shows, for people who cannot see it."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self):
        return self.alt_text


class SpaceRevision(models.Model):
    """Who changed which fields of a space, when, with old and new values."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="revisions")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    created_at = models.DateTimeField(_("date"), auto_now_add=True)
    origin = models.CharField(_("origin"), max_length=20, default="edit")
    changes = models.JSONField(_("changes"), default=dict)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")

    def __str__(self):
        return f"{self.space} @ {self.created_at:%Y-%m-%d %H:%M}"
