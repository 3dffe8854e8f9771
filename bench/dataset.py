"""A realistic, reproducible directory for the benchmarks: spaces in French communes.

``make_specs`` draws what a person would type into the space form (pure Python, no
database). ``load_with_service`` saves each one through ``services.space_save``;
``load_in_bulk`` writes the same rows with bulk inserts, computing every derived
value with the project's own functions (see ``bench/README.md``).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import prefetch_related_objects

from spaces import hours, services
from spaces.choices import AMENITIES, COUNTRY_TIMEZONES, Kind, Status
from spaces.models import Network, OpeningSlot, Space, SpaceRevision
from spaces.places import communes, fill_places
from spaces.values import EDITABLE_FIELDS, changed_values, current_values
from territory.communes import Commune

NETWORKS = [
    ("Cowocat", "cowocat"),
    ("Cowopy", "cowopy"),
    ("France Tiers-Lieux", "france-tiers-lieux"),
    ("Relais d'entreprises", "relais-d-entreprises"),
    ("Réseau des Fablabs", "reseau-des-fablabs"),
    ("Coopérative des Tiers-Lieux", "cooperative-des-tiers-lieux"),
    ("Tiers-lieux Occitanie", "tiers-lieux-occitanie"),
    ("Bretagne Coworking", "bretagne-coworking"),
]

# Share of spaces by size of the commune: rural first, as the network is.
COMMUNE_CLASSES = [(0, 3_500, 0.50), (3_500, 30_000, 0.35), (30_000, 10**8, 0.15)]
ABROAD_SHARE = 0.03
# (town, postcode, province, region, lat, lon) of Catalan and Aragonese partners.
SPANISH_TOWNS = [
    ("Valls", "43800", "Tarragona", "Catalunya", 41.286, 1.250),
    ("Olot", "17800", "Girona", "Catalunya", 42.181, 2.490),
    ("Puigcerdà", "17520", "Girona", "Catalunya", 42.432, 1.928),
    ("Tremp", "25620", "Lleida", "Catalunya", 42.166, 0.894),
    ("Balaguer", "25600", "Lleida", "Catalunya", 41.790, 0.810),
    ("Solsona", "25280", "Lleida", "Catalunya", 41.994, 1.517),
    ("Berga", "08600", "Barcelona", "Catalunya", 42.103, 1.846),
    ("Falset", "43730", "Tarragona", "Catalunya", 41.145, 0.819),
    ("Jaca", "22700", "Huesca", "Aragón", 42.570, -0.549),
    ("Barbastro", "22300", "Huesca", "Aragón", 42.036, 0.126),
    ("Ripoll", "17500", "Girona", "Catalunya", 42.201, 2.190),
    ("Vic", "08500", "Barcelona", "Catalunya", 41.930, 2.254),
]

KIND_WEIGHTS = {
    Kind.TIERS_LIEU: 30,
    Kind.COWORKING: 35,
    Kind.MINI_COWORK: 10,
    Kind.CORPOWORKING: 5,
    Kind.FABLAB: 8,
    Kind.TELECENTRE: 7,
    Kind.TRAINING_CENTRE: 5,
}
STATUS_WEIGHTS = {Status.OPEN: 85, Status.PROJECT: 10, Status.CLOSED: 5}
AMENITY_SHARES = {
    "has_wifi": 0.92,
    "has_printer": 0.55,
    "has_scanner": 0.35,
    "has_air_conditioning": 0.25,
    "has_projector": 0.45,
    "has_visio_room": 0.30,
    "has_meeting_room": 0.65,
    "has_kitchen": 0.75,
    "has_phone_booth": 0.20,
    "has_training_room": 0.25,
    "offers_cleaning": 0.40,
    "offers_events": 0.55,
    "offers_mail_handling": 0.15,
    "offers_domiciliation": 0.20,
    "offers_support": 0.30,
}
OPENING_HOURS = [
    ("Mo-Fr 09:00-18:00", 30),
    ("Mo-Fr 08:30-12:30,13:30-18:00", 15),
    ("Mo-Fr 09:00-18:00; Sa 09:00-12:00", 10),
    ("Tu-Sa 10:00-19:00", 6),
    ("Mo,We,Fr 09:00-17:00", 5),
    ("Mo-Th 09:00-18:00; Fr 09:00-16:00", 6),
    ("Mo-Fr 08:00-20:00; PH off", 5),
    ("Mo-Su 07:00-22:00", 3),
    ("24/7", 3),
    ("Tu,Th 14:00-18:00", 4),
    ("", 13),
]
PLACE_NAMES = [
    "La Ruche",
    "La Fabrique",
    "L'Atelier",
    "Le Hangar",
    "La Grange",
    "Le Moulin",
    "La Cordée",
    "L'Escale",
    "La Gare",
    "Le Local",
    "La Forge",
    "La Filature",
    "La Coopérative",
    "Le Quai",
    "La Serre",
    "Le Bercail",
    "La Bobine",
    "Le Comptoir",
    "La Station",
    "Le Relais",
    "La Laiterie",
    "Le Presbytère",
    "L'Ancienne Poste",
    "La Quincaillerie",
    "Le Lavoir",
    "La Scierie",
    "L'Usine",
    "Le Chai",
    "La Tannerie",
]
NAME_PATTERNS = [
    ("{place}", 20),
    ("{place} {town}", 25),
    ("Coworking {town}", 20),
    ("Tiers-lieu {place}", 10),
    ("Espace {place} – {town}", 10),
    ("{place} numérique", 5),
    ("Fablab {town}", 5),
    ("Télécentre {town}", 5),
]
BUILDINGS = {
    "fr": ["école", "gare", "poste", "laiterie", "grange", "filature", "mairie annexe"],
    "en": ["school", "railway station", "post office", "dairy", "barn", "spinning mill"],
    "es": ["escuela", "estación", "oficina de correos", "lechería", "granja", "fábrica"],
}
SHORT_DESCRIPTIONS = {
    "fr": [
        "Espace de coworking au cœur de {town}, fibre et salle de réunion.",
        "Tiers-lieu associatif dans l'ancienne {building} : coworking, fablab et café.",
        "Bureaux partagés à {town}, ouverts aux indépendants et aux télétravailleurs.",
        "Un lieu convivial pour travailler, se former et se rencontrer à {town}.",
    ],
    "en": [
        "Coworking space in the heart of {town}, with fibre and a meeting room.",
        "A community-run third place in the former {building}: desks, fablab and café.",
        "Shared offices in {town} for freelancers and remote workers.",
    ],
    "es": [
        "Coworking rural en {town}, con fibra y sala de reuniones.",
        "Espacio de trabajo compartido en la antigua {building} de {town}.",
        "Un tercer lugar comunitario para trabajar y formarse en {town}.",
    ],
}
LONG_DESCRIPTIONS = {
    "fr": (
        "Installé dans l'ancienne {building}, le lieu accueille **{seats} postes** de travail.\n\n"
        "- connexion fibre\n- cuisine partagée\n- événements chaque mois\n\n"
        "Contactez-nous pour une journée d'essai gratuite."
    ),
    "en": (
        "Set in the former {building}, the space offers **{seats} desks**.\n\n"
        "- fibre connection\n- shared kitchen\n- monthly events"
    ),
    "es": (
        "En la antigua {building}, el espacio ofrece **{seats} puestos** de trabajo.\n\n"
        "- conexión de fibra\n- cocina compartida\n- eventos cada mes"
    ),
}


@dataclass
class SpaceSpec:
    """What a person would type in the space form: ``space_save``'s arguments."""

    values: dict
    translations: dict[str, dict] = field(default_factory=dict)


def _weighted(rng: random.Random, weights: dict | list):
    pairs = list(weights.items()) if isinstance(weights, dict) else weights
    return rng.choices([value for value, _ in pairs], [weight for _, weight in pairs])[0]


def _commune_pools() -> list[tuple[list[Commune], float]]:
    located = [c for c in communes().communes if c.lat is not None]
    return [
        ([c for c in located if low <= (c.population or 0) < high], share)
        for low, high, share in COMMUNE_CLASSES
    ]


def _pick_commune(rng: random.Random, pools) -> Commune:
    pool = rng.choices([p for p, _ in pools], [share for _, share in pools])[0]
    return rng.choice(pool)


def _name(rng: random.Random, town: str) -> str:
    pattern = _weighted(rng, NAME_PATTERNS)
    return pattern.format(place=rng.choice(PLACE_NAMES), town=town)


def _prices(rng: random.Random) -> dict:
    if rng.random() < 0.25:
        return {}
    day = rng.choice([8, 10, 12, 15, 18, 20, 25])
    return {
        "price_day": Decimal(day),
        "price_week": Decimal(day * 4),
        "price_month": Decimal(rng.choice([90, 120, 150, 180, 220, 250])),
        "price_notes": rng.choice(["", "", "Tarif solidaire sur demande", "1re journée offerte"]),
    }


def _contact(rng: random.Random, slug_hint: str) -> dict:
    values = {}
    if rng.random() < 0.7:
        values["website"] = f"https://{slug_hint}.example.org/"
    if rng.random() < 0.6:
        values["email"] = f"contact@{slug_hint}.example.org"
    if rng.random() < 0.5:
        values["phone"] = f"05 {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} 00"
    if rng.random() < 0.3:
        values["social_links"] = (
            f"https://www.facebook.com/{slug_hint}\nhttps://mastodon.social/@{slug_hint}"
        )
    return values


def _amenities(rng: random.Random) -> dict:
    values = {name: rng.random() < share for name, share in AMENITY_SHARES.items()}
    assert set(values) == set(AMENITIES)
    if values["has_wifi"] and rng.random() < 0.6:
        values["wifi_mbps"] = rng.choice([20, 100, 300, 500, 1000])
    if rng.random() < 0.7:
        values["wheelchair_access"] = rng.random() < 0.6
    return values


def _translations(rng: random.Random, source: str, town: str, seats: int | None) -> dict:
    """Descriptions for about two spaces in three; the source language first."""
    if rng.random() < 0.35:
        return {}
    languages = [source]
    for other in ("fr", "en", "es"):
        if other != source and rng.random() < 0.2:
            languages.append(other)
    texts = {}
    for language in languages:
        building = rng.choice(BUILDINGS[language])
        short = rng.choice(SHORT_DESCRIPTIONS[language]).format(town=town, building=building)
        long = ""
        if rng.random() < 0.3:
            long = LONG_DESCRIPTIONS[language].format(building=building, seats=seats or 6)
        texts[language] = {"short_description": short, "description": long}
    return texts


def _place_in_france(rng: random.Random, pools) -> dict:
    commune = _pick_commune(rng, pools)
    values = {"country": "FR", "town": commune.name}
    if rng.random() < 0.6 and commune.postcodes:
        values["postcode"] = rng.choice(commune.postcodes)
    if rng.random() < 0.3:
        # A precise address point near the town hall; otherwise fill_places uses the commune's.
        values["latitude"] = round(commune.lat + rng.uniform(-0.02, 0.02), 6)
        values["longitude"] = round(commune.lon + rng.uniform(-0.02, 0.02), 6)
    if rng.random() < 0.5:
        street = rng.choice(["Gare", "Poste", "Mairie", "Fontaine"])
        values["address"] = f"{rng.randint(1, 40)} rue de la {street}"
    return values


def _place_in_spain(rng: random.Random) -> dict:
    town, postcode, province, region, lat, lon = rng.choice(SPANISH_TOWNS)
    # Outside France the person types the province and region (fill_places skips them).
    return {
        "country": "ES",
        "town": town,
        "postcode": postcode,
        "departement": province,
        "region": region,
        "latitude": round(lat + rng.uniform(-0.01, 0.01), 6),
        "longitude": round(lon + rng.uniform(-0.01, 0.01), 6),
        "source_language": "es",
    }


def make_spec(rng: random.Random, pools) -> SpaceSpec:
    values = _place_in_spain(rng) if rng.random() < ABROAD_SHARE else _place_in_france(rng, pools)
    town = values["town"]
    seats = rng.choice([None, *range(4, 61, 2)])
    name = _name(rng, town)
    values.update(
        name=name,
        kind=_weighted(rng, KIND_WEIGHTS).value,
        status=_weighted(rng, STATUS_WEIGHTS).value,
        seats=seats,
        area_m2=rng.choice([None, 40, 80, 120, 200, 350, 600]),
        opening_hours=_weighted(rng, OPENING_HOURS),
        **_prices(rng),
        **_amenities(rng),
        **_contact(rng, f"space{rng.randrange(10**6)}"),
    )
    values.setdefault("source_language", "fr")
    values["networks"] = rng.sample(
        [slug for _, slug in NETWORKS], _weighted(rng, [(0, 35), (1, 50), (2, 15)])
    )
    translations = _translations(rng, values["source_language"], town, seats)
    return SpaceSpec(values=values, translations=translations)


def make_specs(count: int, seed: int = 2025) -> list[SpaceSpec]:
    rng = random.Random(seed)
    pools = _commune_pools()
    return [make_spec(rng, pools) for _ in range(count)]


def create_networks() -> dict[str, Network]:
    return {
        slug: Network.objects.create(name=name, slug=slug, website=f"https://{slug}.example.org/")
        for name, slug in NETWORKS
    }


# --- Loading through the service, one space at a time -------------------------------


def load_with_service(specs: list[SpaceSpec]) -> None:
    """Every space through ``services.space_save``, exactly as a form would save it."""
    for spec in specs:
        services.space_save(space=None, values=spec.values, translations=spec.translations)


# --- Loading in bulk, with the service's own derived values -------------------------

BATCH = 500


def _built_space(spec: SpaceSpec, index: int) -> Space:
    """The Space ``space_save`` builds, step by step, but for its slug."""
    space = Space()
    for name in EDITABLE_FIELDS:
        if name in spec.values:
            setattr(space, name, spec.values[name])
    fill_places(space)
    space.timezone = COUNTRY_TIMEZONES.get(space.country, space.timezone)
    space.search_text = services._search_text(space)
    # full_clean's value-changing steps; its constraint check (one query per space, on the
    # empty source_id) is skipped. The fidelity check proves the stored rows are the same.
    space.clean_fields(exclude=["slug", "updated_by"])
    space.clean()
    # A placeholder that no real slug can take; replaced by unique_slug in _assign_slugs.
    space.slug = f"bench-placeholder--{index}"
    return space


def _assign_slugs(spaces: list[Space]) -> None:
    """``services.unique_slug`` in creation order, as successive space_save calls would."""
    for space in spaces:
        space.slug = services.unique_slug(space.name, space.town, exclude_pk=space.pk)
        Space.objects.filter(pk=space.pk).update(slug=space.slug)


def _link_networks(spaces: list[Space], specs: list[SpaceSpec], networks: dict) -> None:
    through = Space.networks.through
    rows = [
        through(space_id=space.pk, network_id=networks[slug].pk)
        for space, spec in zip(spaces, specs, strict=True)
        for slug in spec.values.get("networks", [])
    ]
    through.objects.bulk_create(rows, batch_size=BATCH)


def _opening_slots(spaces: list[Space]) -> None:
    """``hours.weekly_slots`` of each space, as ``services._rebuild_slots`` stores them."""
    OpeningSlot.objects.bulk_create(
        (
            OpeningSlot(space=space, weekday=day, start_minute=start, end_minute=end)
            for space in spaces
            for day, start, end in hours.weekly_slots(space.opening_hours)
        ),
        batch_size=BATCH,
    )


def _translations_and_revisions(spaces: list[Space], specs: list[SpaceSpec]) -> None:
    """Descriptions through ``services._save_translation``; the creation revision of each."""
    # ``current_values`` reads the networks: one prefetch instead of a query per space.
    prefetch_related_objects(spaces, "networks")
    revisions = []
    for space, spec in zip(spaces, specs, strict=True):
        changes = changed_values({}, current_values(space))
        for language, texts in spec.translations.items():
            changes.update(services._save_translation(space, language, texts))
        revisions.append(SpaceRevision(space=space, origin="edit", changes=changes))
    SpaceRevision.objects.bulk_create(revisions, batch_size=BATCH)


@transaction.atomic
def load_in_bulk(specs: list[SpaceSpec], networks: dict[str, Network]) -> None:
    """The rows ``space_save`` would write, inserted in batches."""
    for start in range(0, len(specs), BATCH):
        chunk = specs[start : start + BATCH]
        spaces = [_built_space(spec, start + i) for i, spec in enumerate(chunk)]
        spaces = Space.objects.bulk_create(spaces)
        _assign_slugs(spaces)
        _link_networks(spaces, chunk, networks)
        _opening_slots(spaces)
        _translations_and_revisions(spaces, chunk)
