"""Fixtures shared by the tests of the surveys app (add yours; keep the others working).

``survey_factory`` builds a realistic needs survey through the builder's services, so
that what the tests see is what a coordinator would have built.
"""

from __future__ import annotations

import itertools
from decimal import Decimal

import pytest
from django.utils import timezone

from surveys import builder
from surveys.models import Answer, Choice, Question, Response

Kind = Question.Kind


@pytest.fixture
def trainer(make_user):
    return make_user("tina", is_trainer=True)


def _question(section, code, kind, text, *, choices=(), other="", condition=None, **extra):
    condition_question, condition_choices = None, ()
    if condition:
        condition_question, values = condition
        condition_choices = list(condition_question.choices.filter(value__in=values))
    question = builder.add_question(
        section,
        values={"code": code, "kind": kind, "text": text, **extra},
        condition_question=condition_question,
        condition_choices=condition_choices,
    )
    for value, label in choices:
        builder.add_choice(question, values={"value": value, "label": label})
    if other:
        builder.add_choice(question, values={"value": "other", "label": other, "is_other": True})
    return question


def build_two_sections(survey):
    """ "You and your work" then "Your ideal tiers-lieu": every kind of question once."""
    you = builder.add_section(survey, values={"title": "Vous et votre travail"})
    place = builder.add_section(
        survey,
        values={"title": "Votre tiers-lieu idéal", "description": "Ce qui vous ferait venir."},
    )
    work = _question(
        you,
        "work",
        Kind.SINGLE,
        "Quelle est votre situation ?",
        required=True,
        choices=[("freelance", "Indépendant"), ("employee", "Salarié en télétravail")],
        other="Autre situation",
    )
    remote = _question(you, "remote", Kind.YES_NO, "Télétravaillez-vous chaque semaine ?")
    _question(
        you,
        "days",
        Kind.NUMBER,
        "Combien de jours par semaine ?",
        min_value=Decimal(0),
        max_value=Decimal(7),
        condition=(remote, ["yes"]),
    )
    _question(you, "commune", Kind.COMMUNE, "Dans quelle commune habitez-vous ?")
    _question(
        place,
        "equipment",
        Kind.MULTIPLE,
        "Quels équipements vous seraient utiles ?",
        help_text="Plusieurs réponses possibles.",
        choices=[("printer", "Imprimante"), ("visio", "Salle de visio"), ("fiber", "Fibre")],
        other="Autre équipement",
        condition=(work, ["freelance", "employee", "other"]),
    )
    _question(
        place,
        "nearby",
        Kind.SCALE,
        "Importance d'un lieu à moins de 15 minutes",
        min_value=Decimal(1),
        max_value=Decimal(5),
    )
    _question(place, "space", Kind.SPACE, "Quel lieu fréquentez-vous déjà ?")
    _question(place, "start", Kind.DATE, "À partir de quand ?")
    _question(place, "name", Kind.SHORT_TEXT, "Votre prénom (facultatif)")
    _question(place, "comments", Kind.LONG_TEXT, "Autre chose à nous dire ?")
    return survey


@pytest.fixture
def survey_factory(db, coordinator):
    """``make(structure=True, **survey values)``: a draft survey built by Cora."""
    numbers = itertools.count(1)

    def make(*, structure=True, by=None, **values):
        values.setdefault("title", f"Besoins des télétravailleurs {next(numbers)}")
        values.setdefault("source_language", "fr")
        survey = builder.create_survey(by=by or coordinator, values=values)
        if structure:
            build_two_sections(survey)
        return survey

    return make


@pytest.fixture
def two_section_survey(survey_factory):
    return survey_factory(title="Besoins des télétravailleurs du Couserans")


@pytest.fixture
def add_response(db):
    """``add(survey, {code: value})``: a submitted response through the ORM (choice values
    for choice questions, a list for multiple choice, numbers, dates or texts otherwise)."""

    def add(survey, answers: dict, respondent=None):
        response = Response.objects.create(
            survey=survey,
            respondent=respondent,
            state=Response.State.SUBMITTED,
            version=survey.version,
            submitted_at=timezone.now(),
        )
        for code, value in answers.items():
            question = Question.objects.get(section__survey=survey, code=code)
            if question.kind in builder.CHOICE_KINDS:
                values = value if isinstance(value, list) else [value]
                for choice in Choice.objects.filter(question=question, value__in=values):
                    Answer.objects.create(response=response, question=question, choice=choice)
            elif question.kind in builder.BOUNDED_KINDS:
                Answer.objects.create(response=response, question=question, number=value)
            elif question.kind == Kind.DATE:
                Answer.objects.create(response=response, question=question, date=value)
            else:
                Answer.objects.create(response=response, question=question, text=str(value))
        return response

    return add


@pytest.fixture(autouse=True)
def _english(english):
    """Every test of this app reads the English messages (see the root conftest)."""
