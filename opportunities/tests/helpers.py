import datetime as dt

from django.urls import reverse
from django.utils import timezone, translation

VALID_POST = {
    "kind": "freelance",
    "title": "Traduction d'une brochure",
    "description": "Traduire *huit pages* du français vers l'espagnol.",
    "place": "Lézat-sur-Lèze",
    "contact": "",
    "apply_in_platform": "on",
    "language": "fr",
}


def days(n: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=n)


def login(client, user):
    if user is not None:
        client.force_login(user)
    return client


def en(name: str, *args) -> str:
    """The English address of a page, so that tests read the English messages."""
    with translation.override("en"):
        return reverse(name, args=args)
