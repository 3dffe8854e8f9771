"""Draft → open (from–to) → closed → reopened; and the rule that protects answers."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from surveys import builder
from surveys.models import Question, Survey

pytestmark = pytest.mark.django_db
Kind = Question.Kind


def q(survey, code):
    return Question.objects.get(section__survey=survey, code=code)


def message(call, *args, **kwargs) -> str:
    with pytest.raises(builder.BuilderError) as error:
        call(*args, **kwargs)
    return error.value.message


def values_of(question, **changes):
    values = {field: getattr(question, field) for field in builder.QUESTION_FIELDS}
    return {**values, **changes}


def test_open_for_three_months_close_early_and_reopen(two_section_survey):
    now = timezone.now()
    survey = builder.update_survey(
        two_section_survey,
        values={"opens_at": now - dt.timedelta(hours=1), "closes_at": now + dt.timedelta(days=90)},
    )
    assert not survey.is_accepting_answers()  # still a draft
    survey = builder.open_survey(survey)
    assert survey.status == Survey.Status.OPEN and survey.is_accepting_answers()
    assert "already open" in message(builder.open_survey, survey)
    survey = builder.close_survey(survey)
    assert survey.status == Survey.Status.CLOSED and not survey.is_accepting_answers()
    assert "open survey" in message(builder.close_survey, survey)
    survey = builder.open_survey(survey)
    assert survey.is_accepting_answers()
    # After the closing date, reopening is refused.
    builder.close_survey(survey)
    later = now + dt.timedelta(days=91)
    assert "closing date has passed" in message(builder.open_survey, survey, now=later)


def test_dates_must_be_in_order(survey_factory, coordinator):
    now = timezone.now()
    assert "close after it opens" in message(
        builder.create_survey,
        by=coordinator,
        values={"title": "T", "opens_at": now, "closes_at": now},
    )
    assert not Survey.objects.exists()
    survey = survey_factory(structure=False)
    message(
        builder.update_survey,
        survey,
        values={"opens_at": now, "closes_at": now - dt.timedelta(days=1)},
    )
    survey.refresh_from_db()
    assert survey.opens_at is None


def test_an_empty_survey_or_a_choice_question_without_choices_cannot_open(survey_factory):
    survey = survey_factory(structure=False)
    assert "at least one question" in message(builder.open_survey, survey)
    section = builder.add_section(survey, values={"title": "S"})
    builder.add_question(section, values={"kind": Kind.SINGLE, "text": "Which?", "code": "which"})
    assert "which" in message(builder.open_survey, survey)
    assert Survey.objects.get(pk=survey.pk).status == Survey.Status.DRAFT


@pytest.fixture
def answered(two_section_survey, add_response):
    survey = builder.open_survey(two_section_survey)
    add_response(
        survey,
        {"work": "freelance", "remote": "yes", "days": Decimal(3), "nearby": 4,
         "equipment": ["printer", "fiber"]},
    )  # fmt: skip
    return survey


def test_answers_forbid_breaking_changes(answered):
    survey = answered
    work, days, nearby = q(survey, "work"), q(survey, "days"), q(survey, "nearby")
    printer = q(survey, "equipment").choices.get(value="printer")
    assert "cannot be deleted" in message(builder.delete_question, work)
    assert "cannot be deleted" in message(builder.delete_choice, printer)
    assert "cannot be deleted" in message(builder.delete_section, work.section)
    assert "kind" in message(
        builder.update_question, nearby, values=values_of(nearby, kind="number")
    )
    # An unanswered question cannot change kind either once answers exist.
    commune = q(survey, "commune")
    assert "kind" in message(
        builder.update_question, commune, values=values_of(commune, kind="short_text")
    )
    assert "as high as 3" in message(
        builder.update_question, days, values=values_of(days, max_value=Decimal(2))
    )
    assert "as low as 4" in message(
        builder.update_question, nearby, values=values_of(nearby, min_value=5, max_value=10)
    )
    assert "value" in message(
        builder.update_choice, printer, values={"value": "printers", "label": printer.label}
    )
    assert "optional" in message(
        builder.add_question,
        work.section,
        values={"kind": Kind.SHORT_TEXT, "text": "New", "required": True},
    )
    printer.refresh_from_db()
    assert printer.value == "printer" and q(survey, "nearby").kind == Kind.SCALE
    assert Survey.objects.get(pk=survey.pk).version == 1


def test_answers_allow_harmless_changes_and_count_versions(answered):
    survey = answered
    days, work = q(survey, "days"), q(survey, "work")
    builder.update_question(days, values=values_of(days, text="Combien de jours ?", max_value=7))
    builder.update_question(days, values=values_of(days, min_value=Decimal(0), max_value=10))
    builder.update_choice(
        work.choices.get(value="freelance"), values={"value": "freelance", "label": "Freelance"}
    )
    builder.move_choice(work.choices.get(value="employee"), builder.UP)
    builder.delete_choice(q(survey, "equipment").choices.get(value="visio"))  # no answers
    assert Survey.objects.get(pk=survey.pk).version == 1

    builder.add_question(work.section, values={"kind": Kind.SHORT_TEXT, "text": "Votre métier ?"})
    builder.add_choice(work, values={"label": "Retraité"})
    survey.refresh_from_db()
    assert survey.version == 3
    assert list(work.choices.values_list("value", flat=True))[-2:] == ["other", "retraite"]
