"""Surveys and responses for the results tests, built with the ORM (no test in here).

Answers are stored as ``surveys/answering.py`` documents: one row per ticked choice,
yes/no as a bare "yes"/"no" text (and 1/0), a commune as its INSEE code, a space as its
id and slug.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from surveys.models import Answer, Choice, Question, Response, Section, Survey

Kind = Question.Kind

QUESTIONS = [
    # code, kind, choices (value, is_other)
    ("country", Kind.SINGLE, [("fr", False), ("es", False)]),
    ("equipment", Kind.MULTIPLE, [("wifi", False), ("printer", False), ("other", True)]),
    ("training", Kind.YES_NO, [("yes", False), ("no", False)]),
    ("rooms", Kind.NUMBER, []),  # shown only to those who answered "yes" to training
    ("mood", Kind.SCALE, []),
    ("opened", Kind.DATE, []),
    ("needs", Kind.LONG_TEXT, []),
    ("town", Kind.COMMUNE, []),
    ("home", Kind.SPACE, []),
]


def make_survey(author, slug="needs", **values) -> Survey:
    survey = Survey.objects.create(
        slug=slug,
        title="Besoins des espaces",
        created_by=author,
        status=values.pop("status", Survey.Status.OPEN),
        **values,
    )
    section = Section.objects.create(survey=survey, title="Espace")
    for position, (code, kind, choices) in enumerate(QUESTIONS):
        question = Question.objects.create(
            section=section, position=position, code=code, kind=kind, text=f"Question {code}?"
        )
        if kind == Kind.SCALE:
            question.min_value, question.max_value = 1, 5
            question.save()
        for rank, (value, is_other) in enumerate(choices):
            Choice.objects.create(
                question=question,
                position=rank,
                value=value,
                label=value.title(),
                is_other=is_other,
            )
    rooms = survey_question(survey, "rooms")
    rooms.condition_question = survey_question(survey, "training")
    rooms.save()
    rooms.condition_choices.set([choice(survey, "training", "yes")])
    return survey


def survey_question(survey: Survey, code: str) -> Question:
    return Question.objects.get(section__survey=survey, code=code)


def choice(survey: Survey, code: str, value: str) -> Choice:
    return Choice.objects.get(question__section__survey=survey, question__code=code, value=value)


def respond(survey: Survey, values: dict, state=Response.State.SUBMITTED, respondent=None):
    """One response; ``values``: code -> value (a list for multiple choice; "other:text"
    for the other choice; a Space for a space question)."""
    response = Response.objects.create(
        survey=survey,
        state=state,
        respondent=respondent,
        submitted_at=timezone.now() if state == Response.State.SUBMITTED else None,
    )
    rows = []
    for code, value in values.items():
        question = survey_question(survey, code)
        if question.kind in (Kind.SINGLE, Kind.MULTIPLE):
            for item in value if isinstance(value, list) else [value]:
                picked, _sep, text = item.partition(":")
                rows.append(
                    Answer(question=question, choice=choice(survey, code, picked), text=text)
                )
        elif question.kind == Kind.YES_NO:
            rows.append(Answer(question=question, number=int(value == "yes"), text=value))
        elif question.kind in (Kind.NUMBER, Kind.SCALE):
            rows.append(Answer(question=question, number=Decimal(value)))
        elif question.kind == Kind.DATE:
            rows.append(Answer(question=question, date=dt.date.fromisoformat(value)))
        elif question.kind == Kind.SPACE:
            rows.append(Answer(question=question, number=value.pk, text=value.slug))
        else:
            rows.append(Answer(question=question, text=value))
    for row in rows:
        row.response = response
    Answer.objects.bulk_create(rows)
    return response


def sample_answers(survey: Survey, space=None) -> None:
    """Four submitted responses and one draft (which never counts)."""
    respond(
        survey,
        {
            "country": "fr",
            "equipment": ["wifi", "printer"],
            "training": "yes",
            "rooms": "2",
            "mood": "4",
            "opened": "2015-01-10",
            "needs": "Comptabilité",
            "town": "09289",
        },
    )
    respond(
        survey,
        {
            "country": "fr",
            "equipment": ["wifi", "other:=cmd|' /C calc'!A0"],
            "training": "yes",
            "rooms": "1",
            "mood": "5",
            "opened": "2015-01-20",
            "needs": "Animation",
            "town": "09289",
        },
    )
    respond(
        survey,
        {"country": "es", "equipment": ["printer"], "training": "no", "mood": "2"},
    )
    respond(survey, {"country": "es", "training": "no", **({"home": space} if space else {})})
    respond(
        survey,
        {"country": "fr", "equipment": ["wifi"], "training": "yes", "rooms": "9"},
        state=Response.State.DRAFT,
    )
