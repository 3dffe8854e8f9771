"""The answering services on their own: conditions, storage rules and refusals."""

import pytest

from surveys import answering, results
from surveys.models import Question, Response, Survey
from surveys.tests.test_answer_factory import add_question, make_survey

pytestmark = pytest.mark.django_db


def test_a_question_depending_on_a_hidden_one_is_hidden_too(coordinator):
    survey = make_survey(coordinator)
    days = survey.q["days"]
    follow = add_question(days.section, "why", Question.Kind.SHORT_TEXT, "Pourquoi ?", position=9)
    follow.condition_question = days
    follow.save()
    yes = survey.q["remote"].choices.get(value="yes")
    questions = results.load_questions(survey)
    hidden = answering.visible_ids(questions, {})
    assert days.pk not in hidden and follow.pk not in hidden
    shown = answering.visible_ids(questions, {survey.q["remote"].pk: {yes.pk}})
    assert days.pk in shown


def test_save_refuses_the_audience_and_stores_nothing(coordinator, member):
    survey = make_survey(coordinator, audience=Survey.Audience.MANAGERS)
    with pytest.raises(answering.AnswerError, match="managers"):
        answering.save_answers(survey=survey, user=member, language="fr", rows=[], submit=True)
    assert not Response.objects.exists()


def test_a_second_submission_of_a_member_is_refused(coordinator, member):
    survey = make_survey(coordinator, audience=Survey.Audience.MEMBERS)
    first = answering.save_answers(survey=survey, user=member, language="fr", rows=[], submit=True)
    assert first.response.respondent == member  # kept to count one answer per account
    with pytest.raises(answering.AnswerError, match="already answered"):
        answering.save_answers(survey=survey, user=member, language="fr", rows=[], submit=True)
    assert Response.objects.count() == 1
