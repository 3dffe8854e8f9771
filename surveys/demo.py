"""Demo survey: the needs survey of space managers of the Pyrenees (phase "CQFD",
2014–2015), closed, with 50 generated responses and its published infographic.

230 spaces were listed and 50 answered. The responses are generated so that each
published finding comes out as closely as 50 responses allow (87.6 % -> 44 of 50 = 88 %);
who answered what is drawn with a fixed seed, so loading is reproducible. Texts are
written here, in French (the source) with Spanish translations. Built with the ORM so
that it does not depend on the builder's services; loading twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
import random

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from surveys.models import (
    Answer,
    Choice,
    Headline,
    Infographic,
    Question,
    Response,
    Section,
    Survey,
    SurveyTranslation,
)

SLUG = "enquete-gestionnaires-espaces-pyrenees-2015"
RESPONSES = 50
SEED = 2015
YES_NO = [("yes", "Oui", "Sí"), ("no", "Non", "No")]

SURVEY = {
    "title": (
        "Enquête auprès des gestionnaires d'espaces de coworking des Pyrénées",
        "Encuesta a los gestores de espacios de coworking de los Pirineos",
    ),
    "introduction": (
        "Pour construire une formation utile, nous voulons connaître vos espaces, vos "
        "communautés et vos besoins. Dix minutes suffisent ; vos réponses restent anonymes.",
        "Para construir una formación útil, queremos conocer sus espacios, sus comunidades "
        "y sus necesidades. Bastan diez minutos; sus respuestas son anónimas.",
    ),
}

# (title fr, title es, questions); a question: (code, kind, text fr, text es, choices,
# how many respondents pick each choice). Choices: (value, label fr, label es).
SECTIONS = [
    (
        "Votre espace",
        "Su espacio",
        [
            (
                "pays",
                Question.Kind.SINGLE,
                "Dans quel pays se trouve votre espace ?",
                "¿En qué país se encuentra su espacio?",
                [
                    ("fr", "France", "Francia"),
                    ("es", "Espagne", "España"),
                    ("ad", "Andorre", "Andorra"),
                ],
                {"fr": 30, "es": 18, "ad": 2},
            ),
            (
                "anciennete",
                Question.Kind.SINGLE,
                "Depuis combien de temps votre espace est-il ouvert ?",
                "¿Desde cuándo está abierto su espacio?",
                [
                    ("moins-1-an", "Moins d'un an", "Menos de un año"),
                    ("1-2-ans", "Entre un et deux ans", "Entre uno y dos años"),
                    ("plus-2-ans", "Plus de deux ans", "Más de dos años"),
                ],
                {"moins-1-an": 21, "1-2-ans": 28, "plus-2-ans": 1},
            ),
            (
                "equipements",
                Question.Kind.MULTIPLE,
                "De quels équipements votre espace dispose-t-il ?",
                "¿De qué equipamiento dispone su espacio?",
                [
                    ("wifi", "Wifi", "Wifi"),
                    ("imprimante", "Imprimante", "Impresora"),
                    ("scanner", "Scanner", "Escáner"),
                    ("videoprojecteur", "Vidéoprojecteur", "Proyector"),
                    ("climatisation", "Climatisation", "Aire acondicionado"),
                    ("aucun", "Aucun de ces équipements", "Ninguno de ellos"),
                ],
                # 44 equipped spaces (88 %), each with wifi and a few others.
                {
                    "wifi": 44,
                    "imprimante": 36,
                    "scanner": 22,
                    "videoprojecteur": 27,
                    "climatisation": 11,
                    "aucun": 6,
                },
            ),
            (
                "zones",
                Question.Kind.MULTIPLE,
                "Votre espace a-t-il des zones dédiées ?",
                "¿Tiene su espacio zonas específicas?",
                [
                    ("salle-reunion", "Salle de réunion", "Sala de reuniones"),
                    ("cuisine", "Cuisine", "Cocina"),
                    ("espace-visio", "Espace téléphone / visio", "Zona de teléfono / videollamada"),
                    ("aucune", "Aucune zone dédiée", "Ninguna zona específica"),
                ],
                {"salle-reunion": 39, "cuisine": 30, "espace-visio": 14, "aucune": 11},
            ),
            (
                "services",
                Question.Kind.MULTIPLE,
                "Proposez-vous d'autres services ?",
                "¿Ofrece otros servicios?",
                [
                    ("menage", "Ménage", "Limpieza"),
                    ("evenements", "Organisation d'événements", "Organización de eventos"),
                    ("courrier", "Gestion du courrier", "Gestión del correo"),
                    ("domiciliation", "Domiciliation d'entreprise", "Domiciliación de empresas"),
                    (
                        "accompagnement",
                        "Accompagnement professionnel",
                        "Acompañamiento profesional",
                    ),
                    ("aucun", "Aucun autre service", "Ningún otro servicio"),
                ],
                {
                    "menage": 12,
                    "evenements": 33,
                    "courrier": 15,
                    "domiciliation": 17,
                    "accompagnement": 10,
                    "aucun": 17,
                },
            ),
            (
                "salle-formation",
                Question.Kind.YES_NO,
                "Avez-vous une ou plusieurs salles de formation ?",
                "¿Dispone de una o varias salas de formación?",
                YES_NO,
                {"yes": 38, "no": 12},
            ),
        ],
    ),
    (
        "Votre communauté",
        "Su comunidad",
        [
            (
                "reseaux",
                Question.Kind.YES_NO,
                "Votre espace fait-il partie d'un ou de plusieurs réseaux de coworking ?",
                "¿Forma parte su espacio de una o varias redes de coworking?",
                YES_NO,
                {"yes": 35, "no": 15},
            ),
            (
                "echange-competences",
                Question.Kind.YES_NO,
                "Observez-vous des échanges de savoirs et de compétences entre coworkers ?",
                "¿Observa intercambios de conocimientos y competencias entre coworkers?",
                YES_NO,
                {"yes": 44, "no": 6},
            ),
            (
                "ouvert-a-tous",
                Question.Kind.YES_NO,
                "Votre espace est-il ouvert à tous les profils ?",
                "¿Está su espacio abierto a todos los perfiles?",
                YES_NO,
                {"yes": 45, "no": 5},
            ),
            (
                "evenements-ouverts",
                Question.Kind.YES_NO,
                "Organisez-vous des événements ouverts aux non-coworkers ?",
                "¿Organiza eventos abiertos a personas que no son coworkers?",
                YES_NO,
                {"yes": 35, "no": 15},
            ),
            (
                "communication-projets",
                Question.Kind.SINGLE,
                "Communiquez-vous sur les projets de vos membres ?",
                "¿Comunica sobre los proyectos de sus miembros?",
                [
                    ("souvent", "Souvent", "A menudo"),
                    ("parfois", "Parfois", "A veces"),
                    ("rarement", "Rarement", "Raramente"),
                    ("jamais", "Jamais", "Nunca"),
                ],
                {"souvent": 29, "parfois": 14, "rarement": 6, "jamais": 1},
            ),
            (
                "reseau-social-interne",
                Question.Kind.YES_NO,
                "Avez-vous un réseau social interne ?",
                "¿Tiene una red social interna?",
                YES_NO,
                {"yes": 22, "no": 28},
            ),
            (
                "animateur",
                Question.Kind.YES_NO,
                "Une personne est-elle chargée d'animer la communauté ?",
                "¿Hay una persona encargada de dinamizar la comunidad?",
                YES_NO,
                {"yes": 36, "no": 14},
            ),
            (
                "evenements-coworkers",
                Question.Kind.YES_NO,
                "Organisez-vous des événements pour que les coworkers se rencontrent ?",
                "¿Organiza eventos para que los coworkers se conozcan?",
                YES_NO,
                {"yes": 32, "no": 18},
            ),
        ],
    ),
    (
        "Compétences et formation",
        "Competencias y formación",
        [
            (code, Question.Kind.LONG_TEXT, fr, es, [], {})
            for code, fr, es in [
                (
                    "competences-besoins",
                    "Quelles compétences et quels besoins repérez-vous dans votre espace ?",
                    "¿Qué competencias y qué necesidades detecta en su espacio?",
                ),
                (
                    "competences-demandees",
                    "Quelles compétences vous demande-t-on le plus en tant qu'animateur ?",
                    "¿Qué competencias le piden más como dinamizador?",
                ),
                (
                    "besoins-formation",
                    "Quels sont vos besoins de formation pour gérer l'espace ?",
                    "¿Qué necesidades de formación tiene para gestionar el espacio?",
                ),
                (
                    "intervenants",
                    "Quels intervenants souhaiteriez-vous pour ces formations ?",
                    "¿Qué ponentes desearía para estas formaciones?",
                ),
                (
                    "formats",
                    "Quels formats de formation vous conviennent ?",
                    "¿Qué formatos de formación le convienen?",
                ),
                (
                    "formations-coworkers",
                    "De quelles formations vos coworkers ont-ils besoin ?",
                    "¿Qué formaciones necesitan sus coworkers?",
                ),
            ]
        ],
    ),
]

# A few answers to each open question, for about one respondent in two.
OPEN_ANSWERS = [
    "Beaucoup de graphistes et de développeurs ; il manque des compétences en gestion.",
    "Communication, réseaux sociaux, montage de projets européens.",
    "Animer une communauté, trouver un modèle économique, la comptabilité.",
    "Des gestionnaires d'autres espaces, qui racontent ce qui a marché chez eux.",
    "Des ateliers courts en présentiel, puis un suivi en ligne.",
    "Prospection commerciale, facturation, statut d'indépendant.",
    "Falta formación en marketing digital y en gestión de proyectos.",
    "Talleres prácticos de media jornada, mejor por la tarde.",
    "Nous aimerions un accompagnement sur la gouvernance partagée du lieu.",
    "Formation en ligne, gratuite et à suivre à son rythme.",
]

# (question code, counted choices, caption): the published findings.
HEADLINES = [
    ("anciennete", ["moins-1-an", "1-2-ans"], "des espaces ont moins de deux ans"),
    (
        "equipements",
        ["wifi", "imprimante", "scanner", "videoprojecteur", "climatisation"],
        "des espaces sont équipés",
    ),
    ("zones", ["salle-reunion", "cuisine", "espace-visio"], "ont des zones dédiées"),
    (
        "services",
        ["menage", "evenements", "courrier", "domiciliation", "accompagnement"],
        "proposent d'autres services",
    ),
    ("salle-formation", ["yes"], "ont une ou plusieurs salles de formation"),
    ("reseaux", ["yes"], "font partie de réseaux de coworking"),
    ("echange-competences", ["yes"], "observent des échanges de compétences entre coworkers"),
    ("ouvert-a-tous", ["yes"], "sont ouverts à tous les profils"),
    ("evenements-ouverts", ["yes"], "organisent des événements ouverts aux non-coworkers"),
    ("communication-projets", ["souvent"], "communiquent souvent sur les projets des membres"),
    ("reseau-social-interne", ["yes"], "ont un réseau social interne"),
    ("animateur", ["yes"], "ont une personne chargée de la communauté"),
    (
        "evenements-coworkers",
        ["yes"],
        "organisent des événements pour que les coworkers se rencontrent",
    ),
]
# The published figure of each headline, for the test that the demo reproduces them.
PUBLISHED = {
    "anciennete": 98, "equipements": 87.6, "zones": 77.3, "services": 67,
    "salle-formation": 77, "reseaux": 69, "echange-competences": 88, "ouvert-a-tous": 90,
    "evenements-ouverts": 71, "communication-projets": 58, "reseau-social-interne": 44,
    "animateur": 71, "evenements-coworkers": 63,
}  # fmt: skip


def _author():
    users = get_user_model().objects.filter(is_active=True)
    named = users.filter(username="coordinatrice").first()
    if named is not None:
        return named
    return users.filter(Q(is_coordinator=True) | Q(is_superuser=True)).order_by("pk").first()


def _translate(rows: list, survey: Survey, key: str, text: str) -> None:
    rows.append(SurveyTranslation(survey=survey, language="es", key=key, text=text))


def _build(survey: Survey, translations: list) -> dict[str, Question]:
    questions = {}
    for position, (title, title_es, items) in enumerate(SECTIONS):
        section = Section.objects.create(survey=survey, position=position, title=title)
        _translate(translations, survey, f"section:{section.pk}:title", title_es)
        for index, (code, kind, text, text_es, choices, _counts) in enumerate(items):
            question = Question.objects.create(
                section=section, position=index, code=code, kind=kind, text=text
            )
            _translate(translations, survey, f"question:{question.pk}:text", text_es)
            for rank, (value, label, label_es) in enumerate(choices):
                choice = Choice.objects.create(
                    question=question, position=rank, value=value, label=label
                )
                _translate(translations, survey, f"choice:{choice.pk}:label", label_es)
            questions[code] = question
    return questions


def _pickers(rng: random.Random, counts: dict[str, int], exclusive: bool) -> dict[str, set]:
    """Which respondents pick each choice: exactly ``counts[value]`` of them."""
    people = list(range(RESPONSES))
    if exclusive:
        rng.shuffle(people)
        picked, start = {}, 0
        for value, count in counts.items():
            picked[value] = set(people[start : start + count])
            start += count
        return picked
    # Multiple choice: "none" for some; the first choice for all the others; the rest
    # among those.
    none_value = next(value for value in counts if value.startswith("aucun"))
    rng.shuffle(people)
    nobody = set(people[: counts[none_value]])
    somebody = people[counts[none_value] :]
    picked = {none_value: nobody}
    first = True
    for value, count in counts.items():
        if value == none_value:
            continue
        pool = somebody if first else rng.sample(somebody, len(somebody))
        picked[value] = set(pool[:count])
        first = False
    # Everyone outside "none" picks at least one choice.
    covered = set().union(*(v for k, v in picked.items() if k != none_value))
    first_value = next(k for k in counts if k != none_value)
    picked[first_value] |= set(somebody) - covered
    return picked


def _answers(questions: dict[str, Question], responses: list[Response]) -> list[Answer]:
    rng = random.Random(SEED)
    rows = []
    for _title, _title_es, items in SECTIONS:
        for code, kind, _text, _es, _choices, counts in items:
            question = questions[code]
            if kind == Question.Kind.LONG_TEXT:
                for response in responses:
                    if rng.random() < 0.5:
                        rows.append(
                            Answer(
                                response=response, question=question, text=rng.choice(OPEN_ANSWERS)
                            )
                        )
                continue
            exclusive = kind != Question.Kind.MULTIPLE
            choices = {c.value: c for c in question.choices.all()}
            for value, people in _pickers(rng, counts, exclusive).items():
                for person in people:
                    extra = {}
                    if kind == Question.Kind.YES_NO:
                        # Both storages: the choice (results) and number/text (answering).
                        extra = {"number": 1 if value == "yes" else 0, "text": value}
                    rows.append(
                        Answer(
                            response=responses[person],
                            question=question,
                            choice=choices[value],
                            **extra,
                        )
                    )
    return rows


def _respond(survey: Survey, questions: dict[str, Question]) -> None:
    rng = random.Random(SEED + 1)
    start = timezone.make_aware(dt.datetime(2014, 12, 1, 10))
    countries = _pickers(random.Random(SEED), SECTIONS[0][2][0][5], True)
    responses = []
    for person in range(RESPONSES):
        spanish = person not in countries["fr"]
        responses.append(
            Response(
                survey=survey,
                language="es" if spanish else "fr",
                state=Response.State.SUBMITTED,
                submitted_at=start + dt.timedelta(days=rng.uniform(0, 80)),
            )
        )
    responses = Response.objects.bulk_create(responses)
    Answer.objects.bulk_create(_answers(questions, responses))


def _infographic(survey: Survey, questions: dict[str, Question]) -> None:
    infographic = Infographic.objects.create(survey=survey, published=True)
    for position, (code, values, caption) in enumerate(HEADLINES):
        headline = Headline.objects.create(
            infographic=infographic, position=position, question=questions[code], caption=caption
        )
        headline.choices.set(questions[code].choices.filter(value__in=values))


@transaction.atomic
def load_demo_surveys() -> int:
    """Create the demo survey if it is missing; returns how many surveys were created."""
    if Survey.objects.filter(slug=SLUG).exists():
        return 0
    author = _author()
    if author is None:
        return 0
    survey = Survey.objects.create(
        slug=SLUG,
        title=SURVEY["title"][0],
        introduction=SURVEY["introduction"][0],
        source_language="fr",
        status=Survey.Status.CLOSED,
        opens_at=timezone.make_aware(dt.datetime(2014, 12, 1)),
        closes_at=timezone.make_aware(dt.datetime(2015, 2, 28)),
        audience=Survey.Audience.MANAGERS,
        anonymous=True,
        created_by=author,
        results_published=True,
    )
    translations = []
    for field_name, (_fr, es) in SURVEY.items():
        _translate(translations, survey, f"survey:{field_name}", es)
    questions = _build(survey, translations)
    SurveyTranslation.objects.bulk_create(translations)
    # The 2015 answers were all given to one version of the questionnaire.
    _respond(survey, questions)
    _infographic(survey, questions)
    return 1
