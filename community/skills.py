"""The shared skill taxonomy, and free tags normalised so that one skill has one row.

A core skill has a stable key and a translated label. A free tag typed by a member is
folded (case, accents, punctuation) to a key; a tag that names a core skill in any of
the site's languages ("Comptabilité", "accounting", "contabilidad") is that core skill.
"""

from __future__ import annotations

import functools
import re

from django.conf import settings
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from territory.text import fold

CORE_SKILLS = {
    "project-management": _("Project management"),
    "communication": _("Communication"),
    "accounting": _("Accounting"),
    "legal": _("Legal"),
    "web-digital": _("Web and digital"),
    "design": _("Design"),
    "marketing": _("Marketing"),
    "languages": _("Languages"),
    "facilitation": _("Facilitation"),
    "training": _("Training"),
    "fundraising": _("Fundraising and grants"),
    "photography-video": _("Photography and video"),
}
MAX_TAG_LENGTH = 60


def tag_key(text: str) -> str:
    """The normalised key of a tag: folded, hyphenated, without punctuation."""
    return slugify(re.sub(r"[^\w\s-]", " ", fold(text or "")))[:MAX_TAG_LENGTH].strip("-")


@functools.cache  # the labels and languages are fixed for the life of the process
def core_aliases() -> dict[str, str]:
    """Every label of a core skill, in every site language, keyed by its tag key."""
    aliases = {}
    for key, label in CORE_SKILLS.items():
        aliases[key] = key
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                aliases[tag_key(str(label))] = key
    return aliases


def canonical_key(text: str) -> str:
    key = tag_key(text)
    return core_aliases().get(key, key)
