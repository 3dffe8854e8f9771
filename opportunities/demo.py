"""Demo opportunities on both sides of the Pyrenees, posted by the demo members.

The members come from ``community/demo_members.py`` (found by user name) and the
spaces from the directory's demo data; a post is found again by its author and
title, so loading twice changes nothing.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from community.models import Skill
from community.services import ensure_core_skills
from opportunities import services
from opportunities.models import Opportunity
from spaces.demo import demo_space

K = Opportunity.Kind

OPPORTUNITIES = [
    {
        "author": "lea",
        "kind": K.JOB,
        "language": "fr",
        "title": "Comptable à mi-temps pour une coopérative de l'Ariège",
        "description": (
            "La coopérative d'artisans hébergée à **eLAN** cherche une ou un comptable "
            "à mi-temps (20 h par semaine), en CDI.\n\n"
            "- tenue de la comptabilité et déclarations de TVA ;\n"
            "- lien avec l'expert-comptable pour la clôture annuelle ;\n"
            "- deux jours par semaine au coworking, le reste à distance.\n\n"
            "Débutant·e bienvenu·e si vous aimez les chiffres et le travail en équipe."
        ),
        "skills": ["accounting"],
        "place": "Lézat-sur-Lèze (Ariège)",
        "remote": False,
        "spaces": ["elan-lezat"],
        "days": 45,
        "contact": "",
        "apply_in_platform": True,
    },
    {
        "author": "thomas",
        "kind": K.FREELANCE,
        "language": "fr",
        "title": "Mission : refaire le site d'une association culturelle de la Creuse",
        "description": (
            "Une association de Guéret qui organise des concerts en milieu rural veut un "
            "site simple, accessible et facile à mettre à jour par ses bénévoles.\n\n"
            "Mission d'environ 15 jours, à distance, avec deux réunions à **La "
            "Quincaillerie**. Je coordonne, je cherche une ou un graphiste pour la "
            "charte et les maquettes."
        ),
        "skills": ["design", "web-digital"],
        "place": "Guéret (Creuse)",
        "remote": True,
        "spaces": ["quincaillerie-gueret"],
        "days": 30,
        "contact": "",
        "apply_in_platform": True,
    },
    {
        "author": "jordi",
        "kind": K.COLLABORATION,
        "language": "ca",
        "title": "Col·laboració: reportatge fotogràfic dels espais de coworking del Camp",
        "description": (
            "Preparo una sèrie de fotografies i vídeos curts sobre els espais de "
            "coworking del Camp de Tarragona, per ensenyar com es treballa als pobles.\n\n"
            "Busco algú que s'encarregui de la comunicació i de les xarxes socials, i "
            "espais que vulguin participar-hi. Col·laboració oberta, sense ànim de lucre."
        ),
        "skills": ["photography-video", "communication"],
        "place": "Valls i La Selva del Camp",
        "remote": False,
        "spaces": ["la-magrana", "el-taller"],
        "days": 60,
        "contact": "https://example.org/reportatge-camp",
        "apply_in_platform": True,
    },
    {
        "author": "camille",
        "kind": K.PROJECT,
        "language": "fr",
        "title": "Rencontre transfrontalière des tiers-lieux : partenaires recherchés",
        "description": (
            "Le tiers-lieu de Gascogne prépare une rencontre de deux jours entre "
            "tiers-lieux français et coworkings basques et catalans.\n\n"
            "Nous cherchons des espaces partenaires côté espagnol, des personnes pour "
            "animer des ateliers et des interprètes français-espagnol ou français-basque."
        ),
        "skills": ["facilitation", "languages", "training"],
        "place": "Hagetmau (Landes)",
        "remote": False,
        "spaces": ["tiers-lieu-gascogne", "zawp"],
        "days": 75,
        "contact": "",
        "apply_in_platform": True,
    },
    {
        "author": "pau",
        "kind": K.CALL,
        "language": "ca",
        "title": "Convocatòria: projectes cooperatius per a la residència d'El Taller",
        "description": (
            "**El Taller** obre la convocatòria de la seva residència de tres mesos per "
            "a projectes d'economia social i cooperativa.\n\n"
            "La residència inclou un lloc de treball, acompanyament jurídic i ajuda per "
            "preparar sol·licituds de subvencions. Envieu una proposta d'una pàgina."
        ),
        "skills": ["fundraising", "legal", "project-management"],
        "place": "La Selva del Camp",
        "remote": False,
        "spaces": ["el-taller"],
        "days": 40,
        "contact": "residencia@example.org",
        "apply_in_platform": False,
    },
    {
        "author": "ane",
        "kind": K.FREELANCE,
        "language": "es",
        "title": "Se busca traductora o traductor francés-español para una guía de coworking",
        "description": (
            "Estamos terminando una guía práctica para abrir un coworking rural, escrita "
            "en español en **ZAWP**. Buscamos a alguien que la traduzca al francés "
            "(unas 40 páginas) y revise la terminología con los espacios franceses.\n\n"
            "Trabajo a distancia, plazo de un mes."
        ),
        "skills": ["languages", "communication"],
        "place": "Bilbao",
        "remote": True,
        "spaces": ["zawp", "lan-berri"],
        "days": 35,
        "contact": "",
        "apply_in_platform": True,
    },
    {
        "author": "maite",
        "kind": K.PROJECT,
        "language": "fr",
        "title": "Glossaire trilingue du coworking rural (français, basque, espagnol)",
        "description": (
            "Je lance un glossaire libre des mots du coworking et des tiers-lieux en "
            "français, en basque et en espagnol, pour les espaces des deux côtés de la "
            "frontière.\n\nJe cherche des relecteurs et une personne pour la mise en page."
        ),
        "skills": ["languages", "design"],
        "place": "Anglet",
        "remote": True,
        "spaces": ["lan-berri", "design-kabi"],
        "days": 90,
        "contact": "",
        "apply_in_platform": True,
    },
]


@transaction.atomic
def load_demo_opportunities() -> int:
    """Create the demo posts that are missing; returns how many were created."""
    users = {
        user.username: user
        for user in get_user_model().objects.filter(
            username__in={entry["author"] for entry in OPPORTUNITIES}
        )
    }
    if not users:
        return 0
    ensure_core_skills()
    skills = {skill.key: skill for skill in Skill.objects.filter(is_core=True)}
    today = timezone.localdate()
    created = 0
    for entry in OPPORTUNITIES:
        author = users.get(entry["author"])
        if (
            author is None
            or Opportunity.objects.filter(author=author, title=entry["title"]).exists()
        ):
            continue
        values = {
            key: entry[key]
            for key in ["kind", "language", "title", "description", "place", "remote"]
        }
        values.update(
            deadline=today + dt.timedelta(days=entry["days"]),
            contact=entry["contact"],
            apply_in_platform=entry["apply_in_platform"],
        )
        spaces = [space for space in map(demo_space, entry["spaces"]) if space is not None]
        opportunity = services.post_opportunity(
            author=author,
            values=values,
            skills=[skills[key] for key in entry["skills"]],
            spaces=spaces,
        )
        if opportunity.state == Opportunity.State.PENDING:
            services.approve(opportunity, reviewer=None)
        created += 1
    return created
