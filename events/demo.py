"""Demo events: five real days of the field (2014–2015, now past, with their write-ups)
and a few upcoming ones, dated from today, so that registration can be tried.

The facts (dates, places, formats) come from the field; every text is written here.
Events are found again by their fixed slug, so loading twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from events import permissions, services
from events.models import Event
from spaces.demo import demo_space
from spaces.permissions import is_coordinator

PARIS, MADRID = "Europe/Paris", "Europe/Madrid"

PAST = [
    {
        "slug": "petit-ramdam-des-tiers-lieux-hagetmau-2014-11-27",
        "organiser": "gestionnaire",
        "organiser_space": "tiers-lieu-gascogne",
        "kind": Event.Kind.EXCHANGE_DAY,
        "day": dt.date(2014, 11, 27),
        "hours": ("09:30", "17:00"),
        "zone": PARIS,
        "address": "Amicale Laïque, Hagetmau",
        "town": "Hagetmau",
        "country": "FR",
        "region": "Nouvelle-Aquitaine",
        "tags": "petit ramdam, ruralité, coopération",
        "texts": {
            "fr": {
                "title": "Petit Ramdam des Tiers-Lieux",
                "summary": "Une journée pour se demander si les tiers-lieux aident à "
                "redonner vie aux campagnes, en coopérant.",
                "description": "Le matin, des porteurs de lieux racontent leur expérience "
                "autour d'une table ronde. L'après-midi, tout le monde travaille ensemble sur "
                "une question : **coopérer en tiers-lieu peut-il revitaliser un territoire "
                "rural ?**",
            }
        },
        "programme": "09:30-12:00 | Table ronde : retours d'expérience\n"
        "14:00-17:00 | Atelier contributif : coopérer pour revitaliser le rural",
        "writeup": "Une cinquantaine de personnes ont répondu présent à l'Amicale Laïque.\n\n"
        "L'atelier de l'après-midi a produit une synthèse en trois fois trois points :\n\n"
        "- **trois constats** sur ce qui se passe déjà dans nos lieux ;\n"
        "- **trois freins** qui empêchent d'aller plus loin ;\n"
        "- **trois facteurs de réussite** à partager entre espaces.\n\n"
        "La synthèse sert de point de départ aux rencontres suivantes du réseau.",
    },
    {
        "slug": "table-ronde-coworking-et-formation-bilbao-2015-01-20",
        "organiser": "ane",
        "organiser_space": None,
        "kind": Event.Kind.ROUND_TABLE,
        "day": dt.date(2015, 1, 20),
        "hours": ("17:00", "19:30"),
        "zone": MADRID,
        "space": "zawp",
        "tags": "formation, innovation",
        "texts": {
            "fr": {
                "title": "Table ronde : les coworkings, lieux innovants pour se former ?",
                "summary": "Des gestionnaires d'espaces et des formateurs confrontent leurs "
                "pratiques à Zawp, à Bilbao.",
                "description": "Apprend-on autrement dans un espace partagé ? La table "
                "ronde réunit celles et ceux qui y organisent des formations et celles et "
                "ceux qui les suivent.",
            },
            "es": {
                "title": "Mesa redonda: ¿son los coworkings lugares innovadores para formarse?",
                "summary": "Gestores de espacios y formadores comparan sus prácticas en "
                "Zawp, Bilbao.",
                "description": "¿Se aprende de otra manera en un espacio compartido? La mesa "
                "redonda reúne a quienes organizan formaciones en estos espacios y a quienes "
                "las siguen.",
            },
        },
        "writeup": "Les échanges ont montré que les coworkings attirent des formats courts "
        "et pratiques, animés par les coworkers eux-mêmes. Plusieurs espaces envisagent de "
        "faire de la formation une ressource à part entière.",
    },
    {
        "slug": "petit-ramdam-des-pyrenees-atlantiques-bayonne-2015-03-27",
        "organiser": "coordinatrice",
        "by_network": True,
        "kind": Event.Kind.EXCHANGE_DAY,
        "day": dt.date(2015, 3, 27),
        "hours": ("09:00", "17:30"),
        "zone": PARIS,
        "address": "Maison de la Vie Citoyenne, Bayonne",
        "town": "Bayonne",
        "country": "FR",
        "region": "Nouvelle-Aquitaine",
        "latitude": 43.4929,
        "longitude": -1.4748,
        "tags": "petit ramdam, barcamp",
        "texts": {
            "fr": {
                "title": "Petit Ramdam des Pyrénées-Atlantiques",
                "summary": "Témoignages le matin, repas partagé, barcamp l'après-midi.",
                "description": "Une journée d'échanges entre espaces du département : on "
                "écoute ceux qui ont lancé un lieu, on déjeune ensemble, puis chacun propose "
                "un sujet pour le barcamp.",
            }
        },
        "programme": "09:00-12:00 | Témoignages d'espaces du département\n"
        "12:00-13:30 | Buffet\n"
        "13:30-17:30 | Barcamp",
        "writeup": "Les témoignages du matin ont lancé des discussions qui ont nourri le "
        "barcamp : mutualiser la communication, accueillir des télétravailleurs, trouver "
        "un modèle économique. Les notes des sessions sont jointes.",
    },
    {
        # The sources give the place and format of this day, not its date: one is chosen.
        "slug": "journee-cowopy-valls-2015-05-29",
        "organiser": "jordi",
        "organiser_space": None,
        "kind": Event.Kind.ROUND_TABLE,
        "day": dt.date(2015, 5, 29),
        "hours": ("10:00", "17:00"),
        "zone": MADRID,
        "space": "la-magrana",
        "tags": "cowopy, université, explorcamp",
        "texts": {
            "fr": {
                "title": "Journée Cowopy à Valls",
                "summary": "Table ronde « coworking et universités », puis explorcamp des "
                "modèles de coopération.",
                "description": "Le matin, universitaires et gestionnaires d'espaces parlent "
                "de ce qu'ils peuvent faire ensemble. L'après-midi, un explorcamp fait le tour "
                "des manières de coopérer entre lieux.",
            },
            "es": {
                "title": "Jornada Cowopy en Valls",
                "summary": "Mesa redonda «coworking y universidades» y explorcamp de "
                "modelos de cooperación.",
                "description": "Por la mañana, universitarios y gestores de espacios hablan "
                "de lo que pueden hacer juntos. Por la tarde, un explorcamp recorre las "
                "maneras de cooperar entre espacios.",
            },
        },
        "programme": "10:00-12:30 | Table ronde : coworking et universités\n"
        "14:00-17:00 | Explorcamp des modèles de coopération",
        "writeup": "La table ronde a esquissé des pistes de stages et de projets tutorés "
        "dans les espaces. L'explorcamp a recensé une dizaine de formes de coopération, "
        "de la simple entraide aux projets communs.",
    },
    {
        "slug": "cowopy-lezat-2015-09-11",
        "organiser": "gestionnaire",
        "organiser_space": "elan-lezat",
        "kind": Event.Kind.EXCHANGE_DAY,
        "day": dt.date(2015, 9, 11),
        "hours": ("09:00", "18:00"),
        "zone": PARIS,
        "space": "elan-lezat",
        "tags": "cowopy, entreprendre, lego serious play",
        "texts": {
            "fr": {
                "title": "Cowopy Lézat : entreprendre autrement à la campagne",
                "summary": "Une journée itinérante sur les nouvelles façons de faire des "
                "affaires en milieu rural.",
                "description": "Tables de projets, atelier d'accélération, atelier de "
                "stratégie en LEGO Serious Play, et visite du lieu.",
            }
        },
        "programme": "09:00-10:30 | Tables de projets\n"
        "10:45-12:30 | Atelier d'accélération de projets\n"
        "14:00-16:30 | Atelier stratégie (LEGO Serious Play)\n"
        "16:30-18:00 | Visite d'eLAN",
        "writeup": "Chaque porteur de projet est reparti avec une liste d'actions pour les "
        "trois mois suivants. Les maquettes en briques de l'atelier stratégie ont été "
        "photographiées et restent exposées à eLAN.",
    },
]

# Upcoming: days from today, so the demo always has something to register to.
UPCOMING = [
    {
        "slug": "demo-barcamp-des-tiers-lieux-anglet",
        "organiser": "coordinatrice",
        "by_network": True,
        "kind": Event.Kind.BARCAMP,
        "in_days": 24,
        "hours": ("09:30", "17:00"),
        "zone": PARIS,
        "space": "lan-berri",
        "capacity": 40,
        "tags": "barcamp, réseau",
        "texts": {
            "fr": {
                "title": "Barcamp des tiers-lieux du Pays basque",
                "summary": "Pas de programme écrit d'avance : les participants proposent "
                "les sessions le matin même.",
                "description": "Venez avec une question, un projet ou un savoir-faire. On "
                "construit la grille ensemble à l'ouverture, puis on enchaîne les sessions "
                "de 45 minutes.",
            }
        },
    },
    {
        "slug": "demo-atelier-strategie-lego-lezat",
        "organiser": "gestionnaire",
        "organiser_space": "elan-lezat",
        "kind": Event.Kind.WORKSHOP,
        "in_days": 10,
        "hours": ("14:00", "17:30"),
        "zone": PARIS,
        "space": "elan-lezat",
        "capacity": 8,
        "price": "15.00",
        "tags": "atelier, stratégie",
        "texts": {
            "fr": {
                "title": "Atelier : la stratégie de votre lieu en briques",
                "summary": "Huit places, ouvert à tous, membres ou non.",
                "description": "Un après-midi pour mettre à plat le projet d'un lieu "
                "(ou d'une activité) en le construisant avec des briques, puis en le "
                "racontant aux autres.",
            }
        },
        "programme": "14:00-14:30 | Accueil et échauffement\n"
        "14:30-17:00 | Construire et raconter\n"
        "17:00-17:30 | Ce que l'on retient",
    },
    {
        "slug": "demo-formation-en-ligne-gestion-de-projet",
        "organiser": "coordinatrice",
        "by_network": True,
        "kind": Event.Kind.TRAINING,
        "in_days": 17,
        "hours": ("10:00", "11:30"),
        "zone": PARIS,
        "online": True,
        "online_url": "https://visio.example.org/maillage-formation",
        "capacity": 30,
        "tags": "formation, gestion de projet",
        "texts": {
            "fr": {
                "title": "Formation en ligne : tenir le planning d'un projet d'espace",
                "summary": "Une heure et demie pour les gestionnaires d'espaces : jalons, "
                "dépendances, marge.",
                "description": "Premier module de la formation du réseau à la gestion de "
                "projet. Le lien de la visio est envoyé aux inscrits.",
            },
            "es": {
                "title": "Formación en línea: llevar el calendario de un proyecto de espacio",
                "summary": "Hora y media para gestores de espacios: hitos, dependencias, margen.",
                "description": "Primer módulo de la formación de la red en gestión de "
                "proyectos. El enlace se envía a las personas inscritas.",
            },
        },
    },
    {
        "slug": "demo-apero-des-coworkers-hagetmau",
        "organiser": "camille",
        "organiser_space": None,
        "kind": Event.Kind.MEETUP,
        "audience": Event.Audience.MEMBERS,
        "in_days": 5,
        "hours": ("18:30", "20:30"),
        "zone": PARIS,
        "space": "tiers-lieu-gascogne",
        "tags": "rencontre",
        "texts": {
            "fr": {
                "title": "Apéro des coworkers",
                "summary": "Entre membres du réseau : on se présente, on parle de ce qu'on "
                "cherche et de ce qu'on sait faire.",
                "description": "Chacun apporte quelque chose à partager. Réservé aux "
                "membres de Maillage.",
            }
        },
    },
    {
        "slug": "demo-visita-zawp-bilbao",
        "organiser": "ane",
        "organiser_space": None,
        "kind": Event.Kind.VISIT,
        "in_days": 31,
        "hours": ("11:00", "13:00"),
        "zone": MADRID,
        "space": "zawp",
        "capacity": 15,
        "tags": "visita",
        "language": "es",
        "texts": {
            "es": {
                "title": "Visita de Zawp y del barrio de Zorrotzaurre",
                "summary": "Un paseo por el espacio y sus vecinos creativos.",
                "description": "Recorrido por el espacio, charla con los residentes y "
                "café al final.",
            },
            "fr": {
                "title": "Visite de Zawp et du quartier de Zorrotzaurre",
                "summary": "Une promenade dans l'espace et chez ses voisins créatifs.",
                "description": "Tour de l'espace, discussion avec les résidents et café "
                "pour finir.",
            },
        },
    },
]


def _times(day: dt.date, hours: tuple[str, str]) -> tuple[dt.datetime, dt.datetime]:
    """Wall-clock times: save_event reads them in the event's own zone."""
    start, end = (dt.datetime.combine(day, dt.time.fromisoformat(h)) for h in hours)
    return start, end


def _fallback_organiser():
    users = get_user_model().objects.filter(Q(is_coordinator=True) | Q(is_superuser=True))
    return users.filter(is_active=True).order_by("pk").first()


def _load(entry: dict, day: dt.date, users: dict, fallback) -> bool:
    if Event.objects.filter(slug=entry["slug"]).exists():
        return False
    organiser = users.get(entry["organiser"]) or fallback
    if organiser is None:
        return False
    space = demo_space(entry["space"]) if entry.get("space") else None
    organiser_space = demo_space(entry["organiser_space"]) if entry.get("organiser_space") else None
    if entry.get("space") and space is None:
        return False  # the directory's demo is not loaded: nowhere to hold it
    starts_at, ends_at = _times(day, entry["hours"])
    language = entry.get("language", "fr")
    values = {
        "kind": entry["kind"],
        "source_language": language,
        "starts_at": starts_at,
        "ends_at": ends_at,
        "time_zone": entry["zone"],
        "space": space,
        "address": entry.get("address", ""),
        "town": entry.get("town", ""),
        "country": entry.get("country", ""),
        "region": entry.get("region", ""),
        "online": entry.get("online", False),
        "online_url": entry.get("online_url", ""),
        "organiser_space": organiser_space,
        "by_network": entry.get("by_network", False),
        "audience": entry.get("audience", Event.Audience.ALL),
        "capacity": entry.get("capacity"),
        "price": Decimal(entry.get("price", "0")),
        "tags": entry.get("tags", ""),
    }
    # A demo member who does not manage the space organises in their own name.
    if organiser_space is not None and not permissions.can_organise_for_space(
        organiser, organiser_space
    ):
        values["organiser_space"] = None
    if values["by_network"] and not is_coordinator(organiser):
        values["by_network"] = False
    sessions = services.parse_programme(entry.get("programme", ""), day)
    event = services.save_event(
        user=organiser,
        values=values,
        texts=entry["texts"][language],
        programme=sessions,
        slug=entry["slug"],
    )
    if "latitude" in entry:
        Event.objects.filter(pk=event.pk).update(
            latitude=entry["latitude"], longitude=entry["longitude"]
        )
    for other, texts in entry["texts"].items():
        if other != language:
            services.translate(event, language=other, texts=texts)
    services.publish(event)
    if entry.get("writeup"):
        services.save_writeup(event, entry["writeup"])
    return True


@transaction.atomic
def load_demo_events() -> int:
    """Create the demo events that are missing; returns how many were created."""
    names = {entry["organiser"] for entry in [*PAST, *UPCOMING]}
    users = {u.username: u for u in get_user_model().objects.filter(username__in=names)}
    fallback = _fallback_organiser()
    if not users and fallback is None:
        return 0
    today = timezone.localdate()
    created = 0
    for entry in PAST:
        created += _load(entry, entry["day"], users, fallback)
    for entry in UPCOMING:
        created += _load(entry, today + dt.timedelta(days=entry["in_days"]), users, fallback)
    return created
