"""Not tests: the survey the answering tests share, built with the ORM so that these
tests do not depend on the builder's services."""

from __future__ import annotations

from decimal import Decimal

from surveys.models import Choice, Question, Section, Survey, SurveyTranslation

Kind = Question.Kind


def add_question(section, code, kind, text, *, choices=(), other=None, **extra):
    question = Question.objects.create(
        section=section, code=code, kind=kind, text=text, position=extra.pop("position", 0), **extra
    )
    for position, (value, label) in enumerate(choices):
        Choice.objects.create(question=question, value=value, label=label, position=position)
    if other:
        Choice.objects.create(
            question=question, value="other", label=other, is_other=True, position=len(choices)
        )
    return question


def make_survey(by, slug="needs", **values) -> Survey:
    """Two sections, every kind of question, and "days" shown only to teleworkers."""
    values = {"title": "Vos besoins", "status": Survey.Status.OPEN, **values}
    survey = Survey.objects.create(slug=slug, created_by=by, **values)
    you = Section.objects.create(survey=survey, position=0, title="Vous")
    place = Section.objects.create(survey=survey, position=1, title="Votre lieu")
    q = {}
    q["work"] = add_question(
        you,
        "work",
        Kind.SINGLE,
        "Votre situation ?",
        required=True,
        position=0,
        choices=[("freelance", "Indépendant"), ("employee", "Salarié")],
        other="Autre",
    )
    q["equipment"] = add_question(
        you,
        "equipment",
        Kind.MULTIPLE,
        "Équipements utiles ?",
        position=1,
        choices=[("printer", "Imprimante"), ("wifi", "Wi-Fi")],
        other="Autre équipement",
    )
    q["remote"] = add_question(
        you,
        "remote",
        Kind.YES_NO,
        "Télétravaillez-vous ?",
        required=True,
        position=2,
        choices=[("yes", "Oui"), ("no", "Non")],
    )
    q["days"] = add_question(
        you,
        "days",
        Kind.SCALE,
        "Combien de jours par semaine ?",
        required=True,
        position=3,
        min_value=Decimal(1),
        max_value=Decimal(5),
        condition_question=q["remote"],
    )
    q["days"].condition_choices.set([q["remote"].choices.get(value="yes")])
    q["km"] = add_question(
        place,
        "km",
        Kind.NUMBER,
        "Distance (km) ?",
        position=0,
        min_value=Decimal(0),
        max_value=Decimal(200),
    )
    q["since"] = add_question(place, "since", Kind.DATE, "Depuis quand ?", position=1)
    q["commune"] = add_question(place, "commune", Kind.COMMUNE, "Votre commune ?", position=2)
    q["space"] = add_question(place, "space", Kind.SPACE, "Votre espace ?", position=3)
    q["name"] = add_question(place, "name", Kind.SHORT_TEXT, "Un mot ?", position=4)
    q["comment"] = add_question(place, "comment", Kind.LONG_TEXT, "Commentaire ?", position=5)
    survey.q = q
    return survey


def choice(survey, code, value) -> str:
    return str(Choice.objects.get(question=survey.q[code], value=value).pk)


def translate(survey, language, texts: dict) -> None:
    """``texts`` maps an object (or the survey) and field to its translation."""
    for (obj, field), text in texts.items():
        kind = type(obj).__name__.lower()
        key = f"survey:{field}" if kind == "survey" else f"{kind}:{obj.pk}:{field}"
        SurveyTranslation.objects.create(survey=survey, language=language, key=key, text=text)
