"""Latency of the member search and the matched opportunities: 100,000 members, 20,000 posts.

    .venv/bin/python bench/community.py [--members 100000] [--opportunities 20000]
        [--spaces 2000] [--requests 200] [--warmup 20] [--seed 2025]
        [--database sqlite|postgres://USER@HOST:PORT/NAME] [--http]

Loads a fresh database (a temporary SQLite file by default): spaces from
``bench/dataset.py``, then members (user, profile, offered and sought skills) and
opportunities (with their skills and spaces) in bulk. Then, signed in as members, times
the member search by skill, by distance and by both, the "for me" page of matched
opportunities and the opportunities list filtered by a skill, next to a bare view behind
the same middleware (the floor). Prints p50/p95/max latency and SQL queries per request,
after checking a few answers against counts computed from the generated data.
Target: p95 under 100 ms. See bench/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import random
import re
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Run as a script, this folder comes first on sys.path and this file would shadow the
# project's ``community`` app: the project's root replaces it.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import directory  # noqa: E402  (stdlib imports only: safe before Django)

TARGET_MS = 100.0
BATCH = 2000
# Members signed in for the timed requests (one test client each), and how many requests
# of each scenario are checked against the generated data before timing.
VIEWERS = 40
CHECKED = 4

FLOOR = "/bench-floor/"
MEMBERS = "/fr/members/"
FOR_ME = "/fr/opportunities/for-me/"
OPPORTUNITIES = "/fr/opportunities/"


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--opportunities", type=int, default=20_000)
    parser.add_argument("--spaces", type=int, default=2_000, help="home spaces of the members")
    parser.add_argument("--requests", type=int, default=200, help="timed requests per scenario")
    parser.add_argument("--warmup", type=int, default=20, help="untimed requests first")
    parser.add_argument(
        "--database",
        default="sqlite",
        help="'sqlite' (a fresh temporary file) or a postgres:// URL whose database name "
        "contains 'bench': it is dropped and created, then dropped at the end",
    )
    parser.add_argument("--http", action="store_true", help="also time over loopback HTTP")
    parser.add_argument("--keep-database", action="store_true", help="do not drop it at the end")
    parser.add_argument("--profile", metavar="SCENARIO", help="cProfile one scenario (name prefix)")
    parser.add_argument(
        "--explain",
        metavar="SCENARIO",
        action="append",
        help="print each SQL query of a few requests of a scenario (name prefix; repeatable), "
        "with its time and the database's plan, instead of the table",
    )
    parser.add_argument("--seed", type=int, default=2025)
    return parser.parse_args(argv)


# --- Generated data (pure Python) ---------------------------------------------------

FIRST_NAMES = (  # noqa: SIM905
    "Léa Camille Manon Chloé Inès Sarah Julie Emma Louise Alice Claire Anne Marie Élodie "
    "Sophie Pauline Nathalie Céline Maite Ane Nerea Laia Montse Núria Ainhoa Carmen Lucía "
    "Thomas Nicolas Julien Maxime Antoine Pierre Louis Hugo Lucas Mathieu Olivier Sébastien "
    "Jean Paul Jordi Pau Iñaki Xabier Unai Marc Joan Pablo Javier Andreu Ibai Hans Lukas"
).split()
LAST_NAMES = (  # noqa: SIM905
    "Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent "
    "Lefebvre Michel Garcia David Bertrand Roux Vincent Fournier Morel Girard Andre Mercier "
    "Dupont Lambert Bonnet Marty Dupouy Etcheverry Larrea Zubizarreta Puig Ferrer Vidal "
    "Soler Serra Font Pujol Roca Sala Oliver Arana Goikoetxea Etxeberria Lopez Sanchez "
    "Fernandez Gonzalez Rodriguez Perez Castaing Lacoste Bordes Cazenave Fabre Rouquette"
).split()
# The twelve core skills are not equally common.
CORE_WEIGHTS = {
    "web-digital": 16,
    "communication": 14,
    "project-management": 13,
    "design": 10,
    "training": 9,
    "marketing": 8,
    "facilitation": 8,
    "photography-video": 6,
    "accounting": 5,
    "languages": 5,
    "fundraising": 3,
    "legal": 3,
}
FREE_TAGS = (  # noqa: SIM905
    "Permaculture, Reliure, Menuiserie, Céramique, Apiculture, Traduction technique, "
    "Couture, Vélo-mécanique, Électronique, Impression 3D, Soudure, Maraîchage, "
    "Cuisine végétale, Montage vidéo, Podcast, Illustration, Typographie, Calligraphie, "
    "Éco-construction, Rénovation énergétique, Naturopathie, Yoga, Sophrologie, "
    "Médiation culturelle, Théâtre, Musique assistée, Son, Lumière, Python, Django, "
    "Data, SIG, Cartographie, Drone, Généalogie, Archives, Bibliothèque, Brassage, "
    "Fromagerie, Boulangerie, Jardinage, Compostage, Économie circulaire, Réemploi, "
    "Low-tech, Logiciel libre, Linux, Cybersécurité, Tricot, Vannerie"
).split(", ")
# (code, weight) of the languages a member may add to their first one.
OTHER_LANGUAGES = [("en", 50), ("es", 20), ("de", 8), ("it", 7), ("ca", 5), ("pt", 5), ("nl", 3)]
SPANISH_SECOND = [("ca", 45), ("eu", 20), ("en", 25), ("fr", 10)]
# (everyone, members, nobody) weights of each visibility setting: most members keep the
# default ("members"), some open a field to everyone, a few hide it.
VISIBILITY_WEIGHTS = {
    "name": (70, 25, 5),
    "photo": (25, 60, 15),
    "bio": (30, 60, 10),
    "spaces": (30, 55, 15),
    "skills": (35, 55, 10),
    "languages": (35, 55, 10),
    "town": (35, 50, 15),
    "availability": (25, 60, 15),
    "links": (30, 55, 15),
}
VISIBILITY_LEVELS = ("everyone", "members", "nobody")
AVAILABILITIES = ["", "", "Mardi et jeudi", "Les matins", "En semaine", "Deux jours par mois"]
BIOS = [
    "Indépendant·e installé·e au tiers-lieu depuis deux ans.",
    "Télétravaille pour une entreprise lyonnaise, trois jours par semaine.",
    "Anime des ateliers et aime partager ce qu'elle sait.",
    "Freelance, à l'écoute de projets locaux.",
]
KIND_WEIGHTS = {"job": 25, "freelance": 30, "collaboration": 20, "project": 15, "call": 10}
STATE_WEIGHTS = {"published": 82, "pending": 10, "rejected": 4, "withdrawn": 4}
POST_LANGUAGES = [("fr", 70), ("es", 12), ("en", 8), ("ca", 6), ("eu", 2), ("de", 2)]
TITLES = {
    "job": ["{skill} (CDI, temps partiel)", "Chargé·e de {skill}", "Poste : {skill}"],
    "freelance": ["Mission {skill} de 3 mois", "Freelance {skill} pour une association"],
    "collaboration": ["Cherche binôme en {skill}", "Collaboration {skill} entre tiers-lieux"],
    "project": ["Projet de territoire : besoin en {skill}", "Partenaires {skill} recherchés"],
    "call": ["Appel à projets : {skill}", "Appel à candidatures {skill} 2026"],
}
DESCRIPTION = (
    "Nous cherchons une personne pour **{skill}**, au plus près du terrain.\n\n"
    "- durée : {months} mois\n- lieu : {place}\n- rémunération selon profil\n\n"
    "Écrivez-nous en quelques lignes."
)


def _weighted(rng: random.Random, pairs):
    pairs = list(pairs.items()) if isinstance(pairs, dict) else pairs
    return rng.choices([value for value, _ in pairs], [weight for _, weight in pairs])[0]


@dataclass
class Home:
    """A space a member can call home (what the generator needs of it)."""

    pk: int
    town: str
    country: str
    latitude: float | None
    longitude: float | None


@dataclass
class MemberSpec:
    username: str
    first_name: str
    last_name: str
    is_active: bool
    home: Home
    town: str
    languages: list[str]
    offered: list[str]  # skill keys
    sought: list[str]
    visibility: dict[str, str]
    bio: str
    availability: str
    links: str
    digest: bool
    # Filled in when loaded.
    user_id: int = 0
    profile_id: int = 0

    def sees(self, field_name: str, viewer: MemberSpec) -> bool:
        """community.visibility.can_see for a signed-in viewer, on the generated values."""
        return viewer is self or self.visibility[field_name] != "nobody"


@dataclass
class OpportunitySpec:
    kind: str
    title: str
    description: str
    state: str
    author: MemberSpec
    on_behalf_of: int | None
    spaces: list[int]
    place: str
    remote: bool
    language: str
    deadline: dt.date | None
    published_at: dt.datetime | None
    expires_on: dt.date | None
    skills: list[str]
    pk: int = 0

    def is_live(self, today: dt.date) -> bool:
        return self.state == "published" and self.expires_on >= today


def _languages(rng: random.Random, home: Home) -> list[str]:
    if home.country == "ES":
        first, others = "es", SPANISH_SECOND
    else:
        first = "fr" if rng.random() < 0.95 else _weighted(rng, OTHER_LANGUAGES)
        others = [(code, w) for code, w in OTHER_LANGUAGES if code != first]
    codes = [first]
    for _ in range(_weighted(rng, [(0, 45), (1, 40), (2, 15)])):
        code = _weighted(rng, others)
        if code not in codes:
            codes.append(code)
    return codes


def _skills(rng: random.Random, count: int, tags: list[str], tag_share: float) -> list[str]:
    keys: list[str] = []
    while len(keys) < count:
        key = rng.choice(tags) if rng.random() < tag_share else _weighted(rng, CORE_WEIGHTS)
        if key not in keys:
            keys.append(key)
    return keys


def make_members(count: int, homes: list[Home], tags: list[str], seed: int) -> list[MemberSpec]:
    """Members of the network: a home space each (some spaces much busier than others)."""
    rng = random.Random(seed)
    busy = [rng.lognormvariate(0, 1) for _ in homes]
    # Free tags follow a long tail: the first ones are common, the last ones rare.
    tag_weights = [1 / (rank + 1) for rank in range(len(tags))]
    members = []
    for index in range(count):
        home = rng.choices(homes, busy)[0]
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        offered = _skills(rng, _weighted(rng, [(1, 35), (2, 35), (3, 20), (4, 10)]), [], 0)
        if rng.random() < 0.25:
            for tag in rng.choices(tags, tag_weights, k=rng.randint(1, 2)):
                if tag not in offered:
                    offered.append(tag)
        members.append(
            MemberSpec(
                username=f"member{index}",
                first_name=first,
                last_name=last,
                is_active=rng.random() < 0.98,
                home=home,
                town=home.town if rng.random() < 0.6 else "",
                languages=_languages(rng, home),
                offered=offered,
                sought=_skills(rng, _weighted(rng, [(0, 40), (1, 40), (2, 20)]), tags, 0.1),
                visibility={
                    name: rng.choices(VISIBILITY_LEVELS, weights)[0]
                    for name, weights in VISIBILITY_WEIGHTS.items()
                },
                bio=rng.choice(BIOS) if rng.random() < 0.4 else "",
                availability=rng.choice(AVAILABILITIES),
                links=f"https://{first.lower()}-{index}.example.org" if rng.random() < 0.2 else "",
                digest=rng.random() < 0.3,
            )
        )
    return members


def make_opportunities(
    count: int, members: list[MemberSpec], homes: list[Home], tags: list[str], seed: int
) -> list[OpportunitySpec]:
    """Posts of the last eight months: published ones mostly recent, some expired, some
    waiting for moderation; expiry computed by the project's own ``expiry_for``."""
    from django.utils import timezone

    from opportunities.services import expiry_for

    rng = random.Random(seed + 1)
    now = timezone.now()
    authors = [m for m in members if m.is_active]
    posts = []
    for _ in range(count):
        kind = _weighted(rng, KIND_WEIGHTS)
        state = _weighted(rng, STATE_WEIGHTS)
        skills = _skills(rng, _weighted(rng, [(1, 45), (2, 35), (3, 20)]), tags, 0.15)
        author = rng.choice(authors)
        place = rng.choice(homes).town if rng.random() < 0.7 else ""
        published_at = deadline = expires_on = None
        if state == "pending":
            created = now - dt.timedelta(days=rng.uniform(0, 14))
            if rng.random() < 0.4:
                deadline = timezone.localdate(created) + dt.timedelta(days=rng.randint(14, 90))
        else:
            # Skewed towards recent posts: about 58 % of them younger than 60 days.
            published_at = now - dt.timedelta(days=240 * rng.random() ** 2)
            published_on = timezone.localdate(published_at)
            if rng.random() < 0.4:
                deadline = published_on + dt.timedelta(days=rng.randint(10, 120))
            if state in ("published", "withdrawn"):
                expires_on = expiry_for(published_on, deadline)
            if state == "rejected":
                published_at = None
        posts.append(
            OpportunitySpec(
                kind=kind,
                title=rng.choice(TITLES[kind]).format(skill=skills[0].replace("-", " ")),
                description=DESCRIPTION.format(
                    skill=skills[0], months=rng.randint(1, 12), place=place or "à distance"
                ),
                state=state,
                author=author,
                on_behalf_of=author.home.pk if rng.random() < 0.25 else None,
                spaces=[
                    h.pk for h in rng.sample(homes, _weighted(rng, [(0, 65), (1, 28), (2, 7)]))
                ],
                place=place,
                remote=rng.random() < 0.4,
                language=_weighted(rng, POST_LANGUAGES),
                deadline=deadline,
                published_at=published_at,
                expires_on=expires_on,
                skills=skills,
            )
        )
    return posts


# --- Loading ------------------------------------------------------------------------


def load_spaces(args) -> list[Home]:
    from bench import dataset
    from spaces.choices import Status
    from spaces.models import Space

    start = time.perf_counter()
    specs = dataset.make_specs(args.spaces, seed=args.seed)
    dataset.load_in_bulk(specs, dataset.create_networks())
    elapsed = time.perf_counter() - start
    print(f"loaded {len(specs)} spaces (bench/dataset.py, bulk) in {elapsed:.1f} s")
    rows = Space.objects.exclude(status=Status.CLOSED).order_by("pk")
    return [
        Home(pk, town, country, lat, lon)
        for pk, town, country, lat, lon in rows.values_list(
            "pk", "town", "country", "latitude", "longitude"
        )
    ]


def create_skills() -> dict[str, int]:
    """The core taxonomy and the free tags, through the project's own services."""
    from community import services
    from community.models import Skill

    services.ensure_core_skills()
    for tag in FREE_TAGS:
        skill = services.skill_from_text(tag)
        if skill.is_core:
            raise SystemExit(f"free tag {tag!r} is a core skill: change FREE_TAGS")
    return dict(Skill.objects.values_list("key", "pk"))


def _batches(items: list, size: int = BATCH):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def load_members(members: list[MemberSpec], skill_ids: dict[str, int]) -> None:
    """Users, profiles (as ``Profile.save`` fills them) and skill links, in batches."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from community.models import Profile

    User = get_user_model()
    offered = Profile.skills_offered.through
    sought = Profile.skills_sought.through
    with transaction.atomic():
        for chunk in _batches(members):
            users = User.objects.bulk_create(
                User(
                    username=m.username,
                    email=f"{m.username}@example.org",
                    first_name=m.first_name,
                    last_name=m.last_name,
                    is_active=m.is_active,
                    password=make_password(None),
                )
                for m in chunk
            )
            profiles = []
            for member, user in zip(chunk, users, strict=True):
                member.user_id = user.pk
                profile = Profile(
                    user_id=user.pk,
                    display_name=f"{member.first_name} {member.last_name}",
                    bio=member.bio,
                    home_space_id=member.home.pk,
                    town=member.town,
                    availability=member.availability,
                    links=member.links,
                    digest_opt_in=member.digest,
                    # What Profile.save copies from the home space.
                    latitude=member.home.latitude,
                    longitude=member.home.longitude,
                    **{f"{name}_visibility": level for name, level in member.visibility.items()},
                )
                profile.set_languages(member.languages)
                profiles.append(profile)
            profiles = Profile.objects.bulk_create(profiles)
            for member, profile in zip(chunk, profiles, strict=True):
                member.profile_id = profile.pk
            offered.objects.bulk_create(
                offered(profile_id=m.profile_id, skill_id=skill_ids[key])
                for m in chunk
                for key in m.offered
            )
            sought.objects.bulk_create(
                sought(profile_id=m.profile_id, skill_id=skill_ids[key])
                for m in chunk
                for key in m.sought
            )


def load_opportunities(posts: list[OpportunitySpec], skill_ids: dict[str, int]) -> None:
    from django.db import transaction
    from django.db.models import F

    from opportunities.models import Opportunity, OpportunitySkill

    through = Opportunity.spaces.through
    with transaction.atomic():
        for chunk in _batches(posts):
            rows = Opportunity.objects.bulk_create(
                Opportunity(
                    kind=p.kind,
                    title=p.title,
                    description=p.description,
                    state=p.state,
                    author_id=p.author.user_id,
                    on_behalf_of_id=p.on_behalf_of,
                    place=p.place,
                    remote=p.remote,
                    language=p.language,
                    deadline=p.deadline,
                    contact=f"{p.author.username}@example.org",
                    apply_in_platform=p.kind != "call",
                    published_at=p.published_at,
                    reviewed_at=p.published_at,
                    expires_on=p.expires_on,
                )
                for p in chunk
            )
            for post, row in zip(chunk, rows, strict=True):
                post.pk = row.pk
            OpportunitySkill.objects.bulk_create(
                OpportunitySkill(opportunity_id=p.pk, skill_id=skill_ids[key])
                for p in chunk
                for key in p.skills
            )
            through.objects.bulk_create(
                through(opportunity_id=p.pk, space_id=space) for p in chunk for space in p.spaces
            )
        # created_at is auto_now_add: a published post was created when it was published.
        Opportunity.objects.filter(published_at__isnull=False).update(created_at=F("published_at"))


def analyze(database) -> None:
    """PostgreSQL: the statistics autovacuum would gather soon after a bulk load."""
    if database is None:
        return
    from django.db import connection

    start = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"ANALYZE in {time.perf_counter() - start:.1f} s")


@dataclass
class Data:
    homes: list[Home]
    skill_ids: dict[str, int]
    tags: list[str]
    members: list[MemberSpec]
    posts: list[OpportunitySpec]
    by_user: dict[int, MemberSpec] = field(default_factory=dict)


def load(args, database) -> Data:
    from community.skills import canonical_key

    homes = load_spaces(args)
    skill_ids = create_skills()
    tags = [canonical_key(tag) for tag in FREE_TAGS]
    start = time.perf_counter()
    members = make_members(args.members, homes, tags, args.seed)
    posts = make_opportunities(args.opportunities, members, homes, tags, args.seed)
    print(
        f"generated {len(members)} members and {len(posts)} opportunities "
        f"in {time.perf_counter() - start:.1f} s"
    )
    start = time.perf_counter()
    load_members(members, skill_ids)
    print(f"loaded {len(members)} members in {time.perf_counter() - start:.1f} s")
    start = time.perf_counter()
    load_opportunities(posts, skill_ids)
    print(f"loaded {len(posts)} opportunities in {time.perf_counter() - start:.1f} s")
    analyze(database)
    print_counts()
    data = Data(homes, skill_ids, tags, members, posts)
    data.by_user = {m.user_id: m for m in members}
    return data


def print_counts() -> None:
    from django.contrib.auth import get_user_model
    from django.db.models import Count

    from community.models import Profile
    from opportunities.models import Opportunity, OpportunitySkill
    from spaces.models import Space

    states = dict(
        Opportunity.objects.values_list("state").annotate(n=Count("pk")).values_list("state", "n")
    )
    counts = {
        "spaces": Space.objects.count(),
        "users": get_user_model().objects.count(),
        "profiles": Profile.objects.count(),
        "offered-skill links": Profile.skills_offered.through.objects.count(),
        "sought-skill links": Profile.skills_sought.through.objects.count(),
        "opportunities": Opportunity.objects.count(),
        "live opportunities": Opportunity.objects.live().count(),
        "opportunity-skill links": OpportunitySkill.objects.count(),
    }
    print("database: " + ", ".join(f"{count} {name}" for name, count in counts.items()))
    print("opportunities by state: " + ", ".join(f"{n} {s}" for s, n in sorted(states.items())))


# --- Scenarios ----------------------------------------------------------------------


def _scenario_types():
    from bench.scenarios import Request, Scenario

    @dataclass(frozen=True)
    class AsMember(Request):
        """A request sent signed in as the member whose user id is ``viewer``."""

        viewer: int = 0

    return AsMember, Scenario


def choose_viewers(data: Data, count: int, seed: int) -> list[MemberSpec]:
    """Signed-in members: active, with a home space, 1 to 4 offered skills, in equal numbers."""
    rng = random.Random(seed + 2)
    viewers = []
    for skills in (1, 2, 3, 4):
        pool = [
            m
            for m in data.members
            if m.is_active and m.home.latitude is not None and len(m.offered) == skills
        ]
        viewers += rng.sample(pool, min(len(pool), max(1, count // 4)))
    rng.shuffle(viewers)
    return viewers


def _skill_key(rng: random.Random, data: Data) -> str:
    """A core skill four times in five, else a free tag (popular ones more often)."""
    if rng.random() < 0.8:
        return rng.choice(sorted(CORE_WEIGHTS))
    return rng.choices(data.tags, [1 / (rank + 1) for rank in range(len(data.tags))])[0]


def _page(rng: random.Random, params: dict, pages: int, deep: int = 0) -> dict:
    """Page 1 to ``pages``, or now and then a deeper one (up to ``deep``)."""
    page = rng.randint(pages + 1, deep) if deep > pages and rng.random() < 0.1 else None
    page = page or rng.randint(1, pages)
    return {**params, "page": str(page)} if page > 1 else params


def _near(rng: random.Random, data: Data) -> dict:
    located = [h for h in data.homes if h.latitude is not None]
    home = rng.choice(located)
    lat = home.latitude + rng.uniform(-0.05, 0.05)
    lon = home.longitude + rng.uniform(-0.05, 0.05)
    return {"near": f"{lat:.5f},{lon:.5f}", "km": str(rng.choice([10, 20, 30, 40, 50]))}


def build(data: Data, viewers: list[MemberSpec], count: int, seed: int = 7) -> list:
    AsMember, Scenario = _scenario_types()
    rng = random.Random(seed)

    def viewer(index: int) -> int:
        return viewers[index % len(viewers)].user_id

    by_skill = [
        AsMember(MEMBERS, _page(rng, {"skill": _skill_key(rng, data)}, 5, 40), viewer(i))
        for i in range(count)
    ]
    by_distance = [
        AsMember(MEMBERS, _page(rng, _near(rng, data), 2), viewer(i)) for i in range(count)
    ]
    both = [
        AsMember(
            MEMBERS,
            _page(rng, {"skill": rng.choice(sorted(CORE_WEIGHTS)), **_near(rng, data)}, 1),
            viewer(i),
        )
        for i in range(count)
    ]
    for_me = [
        AsMember(FOR_ME, {"page": str(rng.randint(2, 3))} if rng.random() < 0.2 else {}, viewer(i))
        for i in range(count)
    ]
    listed = []
    for i in range(count):
        params = {"skill": _skill_key(rng, data)}
        if rng.random() < 0.3:
            params["kind"] = _weighted(rng, KIND_WEIGHTS)
        listed.append(AsMember(OPPORTUNITIES, _page(rng, params, 5), viewer(i)))
    return [
        Scenario("floor: bare view", [AsMember(FLOOR, {}, viewer(i)) for i in range(count)]),
        Scenario("members by skill", by_skill),
        Scenario("members by distance", by_distance),
        Scenario("members by skill and distance", both),
        Scenario("opportunities for me", for_me),
        Scenario("opportunities list, skill filter", listed),
    ]


# --- Running the requests -----------------------------------------------------------


class SignedIn:
    """Django's test Client, one per member, each signed in with ``force_login``."""

    def __init__(self, viewers: list[MemberSpec]):
        from django.contrib.auth import get_user_model
        from django.test import Client

        users = get_user_model().objects.in_bulk([m.user_id for m in viewers])
        self.clients = {}
        handler = None
        for member in viewers:
            # Not "testserver": the test environment that would allow it is not set up.
            client = Client(HTTP_HOST="localhost")
            # One handler for all: each would otherwise load the middleware on its first
            # request (WhiteNoise's scan of the static files, 25 ms, in a timed request).
            handler = handler or client.handler
            client.handler = handler
            client.force_login(users[member.user_id])
            self.clients[member.user_id] = client

    def response(self, request):
        from bench import measure

        response = self.clients[request.viewer].get(request.path, request.params)
        measure._check(response.status_code, request)
        return response

    def get(self, request) -> None:
        self.response(request)

    def run(self, scenario, warmup: int):
        from bench import measure

        times = measure.timed_requests(self.get, scenario, warmup)
        return measure.Measurement(scenario.name, times, self.count_queries(scenario))

    def count_queries(self, scenario) -> list[int]:
        """A second, untimed pass over each distinct request: capturing SQL costs time."""
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        from bench import measure

        distinct = {(r.viewer, measure._url(r)): r for r in scenario.requests}
        counts = []
        for request in distinct.values():
            with CaptureQueriesContext(connection) as captured:
                self.response(request)
            counts.append(len(captured.captured_queries))
        return counts


def over_http(port: int, signed_in: SignedIn):
    """Loopback HTTP with each member's session cookie (one new connection per request)."""
    import http.client

    from django.conf import settings

    from bench import measure

    class MembersOverHttp(measure.OverHttp):
        def get(self, request) -> None:
            session = signed_in.clients[request.viewer].cookies[settings.SESSION_COOKIE_NAME]
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            try:
                conn.request(
                    "GET",
                    measure._url(request),
                    headers={
                        "Host": "localhost",
                        "Cookie": f"{settings.SESSION_COOKIE_NAME}={session.value}",
                    },
                )
                response = conn.getresponse()
                response.read()
            finally:
                conn.close()
            measure._check(response.status, request)

    return MembersOverHttp(port)


# --- Checking answers against the generated data ------------------------------------

# The count, or the cap in "more than N members" when a search finds more than the cap.
MEMBER_COUNT = re.compile(r'<p class="meta">\D*?(\d+)')
RESULTS_COUNT = re.compile(r'<h2 id="results-title">(\d+) ')
CARDS = re.compile(r'<li class="space-card[ "]')


def expected_members(data: Data, viewer: MemberSpec, params: dict) -> int:
    """community.selectors.search_members, recomputed on the generated members."""
    from territory.geo import haversine_km

    skill = params.get("skill")
    point = None
    if "near" in params:
        lat, lon = (float(part) for part in params["near"].split(","))
        point, km = (lat, lon), float(params["km"])
    count = 0
    for member in data.members:
        if not member.is_active:
            continue
        if skill and not (skill in member.offered and member.sees("skills", viewer)):
            continue
        if point is not None:
            if member.home.latitude is None or not member.sees("spaces", viewer):
                continue
            distance = haversine_km(*point, member.home.latitude, member.home.longitude)
            if distance > km:
                continue
        count += 1
    return count


def expected_for_me(data: Data, viewer: MemberSpec, today: dt.date) -> int:
    """Live posts, not the viewer's own, wanting at least one skill the viewer offers."""
    offered = set(viewer.offered)
    return sum(
        1
        for post in data.posts
        if post.is_live(today) and post.author is not viewer and offered & set(post.skills)
    )


def expected_listed(data: Data, params: dict, today: dt.date) -> int:
    return sum(
        1
        for post in data.posts
        if post.is_live(today)
        and params["skill"] in post.skills
        and params.get("kind", post.kind) == post.kind
    )


def _shown(pattern: re.Pattern, html: str, request) -> int:
    found = pattern.search(html)
    if found is None:
        raise RuntimeError(f"no result count in the answer to {request}")
    return int(found.group(1))


def _cards_on_page(total: int, params: dict, per_page: int) -> int:
    pages = max(1, math.ceil(total / per_page))
    page = min(int(params.get("page", 1)), pages)
    return max(0, min(per_page, total - (page - 1) * per_page))


def check_answers(runner: SignedIn, plan: list, data: Data) -> None:
    """A few requests per scenario: a 200, the counts the generated data predict (the
    total and the cards on the page), and not all of them empty."""
    from django.utils import timezone

    from community.selectors import RESULT_CAP

    today = timezone.localdate()
    print("checks (answers against counts recomputed from the generated data):")
    for scenario in plan[1:]:
        lines = []
        for request in scenario.requests[:CHECKED]:
            viewer = data.by_user[request.viewer]
            html = runner.response(request).content.decode()
            cards = len(CARDS.findall(html))
            if request.path == MEMBERS:
                # The directory lists at most RESULT_CAP members of a search.
                expected = min(expected_members(data, viewer, request.params), RESULT_CAP)
                shown = _shown(MEMBER_COUNT, html, request)
                on_page = _cards_on_page(expected, request.params, 24)
            elif request.path == FOR_ME:
                expected = shown = expected_for_me(data, viewer, today)
                on_page = _cards_on_page(expected, request.params, 20)
            else:
                expected = expected_listed(data, request.params, today)
                shown = _shown(RESULTS_COUNT, html, request)
                on_page = _cards_on_page(expected, request.params, 20)
            if shown != expected or cards != on_page:
                raise RuntimeError(
                    f"{scenario.name}: {request} shows {shown} results and {cards} cards, "
                    f"the data give {expected} results and {on_page} cards on that page"
                )
            lines.append((expected, f"{expected} results, {cards} on the page"))
        if not any(expected for expected, _ in lines):
            raise RuntimeError(f"{scenario.name}: every checked request found nothing")
        print(f"  {scenario.name}: ok ({'; '.join(line for _, line in lines)})")


# --- Report -------------------------------------------------------------------------

HEADER = (
    "scenario",
    "requests",
    "p50 ms",
    "p95 ms",
    "max ms",
    "queries/req",
    f"target p95 < {TARGET_MS:g} ms",
)


def table(title: str, measurements: list) -> str:
    from bench import measure

    lines = [HEADER]
    for m in measurements:
        lines.append(
            (
                m.scenario,
                str(len(m.times_ms)),
                f"{m.p50:.1f}",
                f"{m.p95:.1f}",
                f"{max(m.times_ms):.1f}",
                measure._queries(m.queries),
                "met" if m.p95 < TARGET_MS else "NOT met",
            )
        )
    widths = [max(len(line[i]) for line in lines) for i in range(len(HEADER))]
    rendered = [
        "| " + " | ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)) + " |"
        for line in lines
    ]
    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([title, "", rendered[0], rule, *rendered[1:]])


def describe(args, database) -> str:
    from django.db import connection

    if database:
        number = connection.cursor().connection.info.server_version
        engine = f"PostgreSQL {number // 10000}.{number % 100}"
    else:
        import sqlite3

        engine = f"SQLite {sqlite3.sqlite_version}"
    return (
        f"{engine}, {args.members} members, {args.opportunities} opportunities, "
        f"{args.spaces} spaces, {os.cpu_count()} CPUs"
    )


def explain(runner: SignedIn, plan: list, prefix: str, database) -> None:
    """Each query of the first requests of a scenario, with its time and plan."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    scenario = next((s for s in plan if s.name.startswith(prefix)), None)
    if scenario is None:
        raise SystemExit(f"no scenario starts with {prefix!r}")
    keyword = "EXPLAIN ANALYZE" if database else "EXPLAIN QUERY PLAN"
    for request in scenario.requests[:3]:
        runner.get(request)  # warm
        with CaptureQueriesContext(connection) as captured:
            runner.get(request)
        print(f"\n=== {scenario.name}: {request}")
        for query in captured.captured_queries:
            print(f"\n-- {float(query['time']) * 1000:.1f} ms: {query['sql']}")
            if not query["sql"].lstrip().upper().startswith("SELECT"):
                continue
            with connection.cursor() as cursor:
                cursor.execute(f"{keyword} {query['sql']}")
                for row in cursor.fetchall():
                    print("   ", " ".join(str(cell) for cell in row))


def run_benchmarks(args, database, data: Data) -> None:
    from bench import measure

    viewers = choose_viewers(data, VIEWERS, args.seed)
    plan = build(data, viewers, args.requests)
    warmup = min(args.warmup, args.requests)
    runner = SignedIn(viewers)
    print(
        f"signed in as {len(viewers)} members (offering 1 to 4 skills each); "
        f"{args.requests} requests per scenario"
    )
    if args.explain:
        for prefix in args.explain:
            explain(runner, plan, prefix, database)
        return
    if args.profile:
        directory.profile(runner, plan, args.profile)
        return
    check_answers(runner, plan, data)
    print("in-process (django.test.Client):")
    results = directory.measure_all(runner, plan, warmup)
    print()
    print(table(f"In-process, {describe(args, database)}", results))
    if args.http:
        with measure.LoopbackServer() as server:
            print(f"\nover HTTP (127.0.0.1:{server.port}):")
            results = directory.measure_all(over_http(server.port, runner), plan, warmup)
        print()
        print(table(f"Loopback HTTP, {describe(args, database)}", results))


def main(argv=None) -> None:
    args = parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="maillage-bench-"))
    database, django_ready = None, False
    try:
        database = directory.configure_environment(args, workdir)
        directory.setup_django(workdir)
        django_ready = True
        start = time.perf_counter()
        directory.prepare_database()
        print(f"migrated a fresh database in {time.perf_counter() - start:.1f} s")
        start = time.perf_counter()
        data = load(args, database)
        print(f"whole load: {time.perf_counter() - start:.1f} s")
        run_benchmarks(args, database, data)
    finally:
        directory.cleanup(args, workdir, database, django_ready)


if __name__ == "__main__":
    main()
