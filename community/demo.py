"""Demo data of the community: members on both sides of the border, their skills and
languages, open barter posts, and exchanges spread over the past months.

Members are real accounts with the public demo password, so they are created only
with the role accounts (DEBUG or ``load_demo --with-users``). Loading twice changes
nothing: rows are found again by user name, title or (giver, receiver, skill).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from community import services
from community.barter import answer_exchange, record_exchange
from community.demo_members import DEMO_MEMBERS
from community.models import BarterPost, Endorsement, Exchange, Skill, SpaceMembership
from spaces.demo import DEMO_PASSWORD, demo_space, verified_email

# (giver, receiver, skill, hours, days ago, note)
EXCHANGES = [
    ("lea", "jordi", "accounting", "2", 160, "Première facture et TVA intracommunautaire"),
    ("thomas", "lea", "web-digital", "3", 140, "Site vitrine du cabinet"),
    ("ane", "camille", "facilitation", "2.5", 120, "Préparation d'un barcamp"),
    ("maite", "ane", "communication", "1.5", 100, "Relecture d'un communiqué bilingue"),
    ("pau", "camille", "legal", "2", 80, "Statuts d'une SCIC"),
    ("jordi", "maite", "marketing", "1", 60, "Plan de communication d'un atelier"),
    ("inaki", "pau", "design", "4", 40, "Logotipo de la cooperativa"),
    ("camille", "thomas", "training", "2", 20, "Animer une formation courte"),
    ("lea", "camille", "accounting", "1.5", 10, "Budget prévisionnel du tiers-lieu"),
]
# (author, kind, skill, language, title, description)
POSTS = [
    (
        "camille",
        "request",
        "accounting",
        "fr",
        "Un coup de main pour notre budget 2027",
        "Nous montons le budget du tiers-lieu et cherchons quelqu'un pour le relire.",
    ),
    (
        "pau",
        "request",
        "web-digital",
        "es",
        "Ayuda con la web de la cooperativa",
        "Buscamos a alguien que nos ayude a pasar la web a un gestor de contenidos sencillo.",
    ),
    (
        "maite",
        "offer",
        "languages",
        "fr",
        "Je relis vos textes en basque",
        "Deux heures par mois pour relire affiches et dossiers en euskara.",
    ),
    (
        "thomas",
        "offer",
        "web-digital",
        "fr",
        "Audit rapide de votre site",
        "Une heure d'échange pour repérer ce qui ralentit votre site ou le rend peu lisible.",
    ),
]


@transaction.atomic
def load_demo_community() -> int:
    """Create the demo members (and give the role account "membre" a profile)."""
    services.ensure_core_skills()
    users = {spec["username"]: _member(spec) for spec in DEMO_MEMBERS}
    membre = get_user_model().objects.filter(username="membre").first()
    if membre is not None:
        _profile_of_membre(membre)
        users["membre"] = membre
    for author, kind, skill, language, title, description in POSTS:
        BarterPost.objects.get_or_create(
            author=users[author],
            title=title,
            defaults={
                "kind": kind,
                "skill": Skill.objects.get(key=skill),
                "language": language,
                "description": description,
            },
        )
    now = timezone.now()
    for giver, receiver, skill, hours, days_ago, note in EXCHANGES:
        _exchange(users[giver], users[receiver], skill, Decimal(hours), note, now, days_ago)
    if membre is not None:
        # One exchange waiting for "membre" to confirm, to try the flow at once.
        _exchange(users["lea"], membre, "accounting", Decimal("1"), "Devis et facture", now, None)
    Endorsement.objects.get_or_create(
        author=users["jordi"],
        recipient=users["lea"],
        skill=Skill.objects.get(key="accounting"),
        defaults={"message": "Clara i pacient, gràcies!"},
    )
    return len(users)


def _member(spec: dict):
    user_model = get_user_model()
    first, _sep, last = spec["name"].partition(" ")
    user, created = user_model.objects.get_or_create(
        username=spec["username"],
        defaults={
            "email": f"{spec['username']}@example.org",
            "first_name": first,
            "last_name": last,
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        verified_email(user)
        space = demo_space(spec["space"])
        profile = services.ensure_profile(user)
        profile.display_name = spec["name"]
        profile.bio = spec["bio"]
        profile.town = spec["town"]
        profile.skills_visibility = profile.spaces_visibility = "everyone"
        profile.digest_opt_in = True
        services.save_profile(
            profile,
            {
                "home_space": space,
                "languages": spec["languages"],
                "skills_offered": list(Skill.objects.filter(key__in=spec["offered"])),
                "skills_sought": list(Skill.objects.filter(key__in=spec["sought"])),
            },
        )
        if space is not None:
            membership = SpaceMembership.objects.get(user=user, space=space)
            manager = space.managers.first()
            if manager is not None:
                services.decide_membership(membership, manager, confirm=True)
    return user


def _profile_of_membre(user) -> None:
    profile = services.ensure_profile(user)
    if profile.skills_offered.exists():
        return
    profile.display_name = "Membre de démonstration"
    services.save_profile(
        profile,
        {
            "home_space": demo_space("luzech"),
            "languages": ["fr", "en"],
            "skills_offered": list(Skill.objects.filter(key__in=["communication"])),
            "skills_sought": list(Skill.objects.filter(key__in=["accounting"])),
        },
    )


def _exchange(giver, receiver, skill_key, hours, note, now, days_ago) -> None:
    skill = Skill.objects.get(key=skill_key)
    if Exchange.objects.filter(giver=giver, receiver=receiver, skill=skill).exists():
        return
    exchange = record_exchange(
        giver, receiver, recorder_gave=True, skill=skill, hours=hours, note=note
    )
    if days_ago is None:
        return
    answer_exchange(exchange, confirm=True)
    when = now - dt.timedelta(days=days_ago)
    Exchange.objects.filter(pk=exchange.pk).update(created_at=when, confirmed_at=when)
