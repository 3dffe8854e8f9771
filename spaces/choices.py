"""Vocabularies of the directory: kinds, statuses and the amenities a space lists."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    TIERS_LIEU = "tiers_lieu", _("Tiers-lieu")
    COWORKING = "coworking", _("Coworking space")
    MINI_COWORK = "mini_cowork", _("Mini-cowork (shop or public building)")
    CORPOWORKING = "corpoworking", _("Corpoworking (business park)")
    FABLAB = "fablab", _("Fablab")
    TELECENTRE = "telecentre", _("Telecentre")
    TRAINING_CENTRE = "training_centre", _("Training centre")


class Status(models.TextChoices):
    PROJECT = "project", _("Project")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class TranslationStatus(models.TextChoices):
    UP_TO_DATE = "up_to_date", _("Up to date")
    OUTDATED = "outdated", _("Outdated")
    MISSING = "missing", _("Missing")


# Boolean amenities, grouped as the list page shows them. Field name -> label.
EQUIPMENT = {
    "has_printer": _("Printer"),
    "has_scanner": _("Scanner"),
    "has_air_conditioning": _("Air conditioning"),
    "has_projector": _("Projector"),
    "has_wifi": _("Wi-Fi"),
    "has_visio_room": _("Video-conference room"),
}
ZONES = {
    "has_meeting_room": _("Meeting room"),
    "has_kitchen": _("Kitchen"),
    "has_phone_booth": _("Phone booth"),
    "has_training_room": _("Training room"),
}
SERVICES = {
    "offers_cleaning": _("Cleaning"),
    "offers_events": _("Events"),
    "offers_mail_handling": _("Mail handling"),
    "offers_domiciliation": _("Business domiciliation"),
    "offers_support": _("Professional support"),
}
AMENITY_GROUPS = (
    (_("Equipment"), EQUIPMENT),
    (_("Zones"), ZONES),
    (_("Services"), SERVICES),
)
AMENITIES = {**EQUIPMENT, **ZONES, **SERVICES}

# The legal time of a country's mainland, used for "open now" (overseas parts excepted).
COUNTRY_TIMEZONES = {
    "FR": "Europe/Paris",
    "ES": "Europe/Madrid",
    "AD": "Europe/Andorra",
    "PT": "Europe/Lisbon",
    "IT": "Europe/Rome",
    "DE": "Europe/Berlin",
    "BE": "Europe/Brussels",
    "LV": "Europe/Riga",
}

# Countries of the network's partners first; any ISO 3166-1 code is accepted.
COUNTRIES = {
    "FR": _("France"),
    "ES": _("Spain"),
    "AD": _("Andorra"),
    "PT": _("Portugal"),
    "IT": _("Italy"),
    "DE": _("Germany"),
    "BE": _("Belgium"),
    "LV": _("Latvia"),
}


def translation_status_field() -> models.CharField:
    """The status of one translated text, shared by every model of translations."""
    return models.CharField(
        _("status"),
        max_length=12,
        choices=TranslationStatus.choices,
        default=TranslationStatus.UP_TO_DATE,
    )
