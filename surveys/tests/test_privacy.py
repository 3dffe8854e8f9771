"""A member's survey responses: exported whole, forgotten without breaking aggregates."""

import json

import pytest

from surveys import privacy
from surveys.models import Answer, Response
from surveys.tests.test_answer_factory import make_survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def responses(coordinator, member):
    survey = make_survey(coordinator, anonymous=False)
    sent = Response.objects.create(survey=survey, respondent=member, state="submitted")
    Answer.objects.create(
        response=sent, question=survey.q["work"], choice=survey.q["work"].choices.first()
    )
    Answer.objects.create(response=sent, question=survey.q["name"], text="Mia")
    other = make_survey(coordinator, slug="other")
    draft = Response.objects.create(survey=other, respondent=member, state="draft")
    Answer.objects.create(response=draft, question=other.q["name"], text="brouillon")
    return sent, draft


def test_export_holds_every_response_with_its_answers(responses, member):
    data = privacy.export(member)
    json.dumps(data)
    first = data["responses"][0]
    assert first["survey"] == "needs" and first["state"] == "submitted"
    assert {"code": "name", "question": "Un mot ?", "answers": ["Mia"]} in first["answers"]
    assert data["responses"][1]["state"] == "draft"


def test_forget_deletes_drafts_and_detaches_submitted_answers(responses, member):
    sent, draft = responses
    privacy.forget(member)
    assert not Response.objects.filter(pk=draft.pk).exists()
    sent_after = Response.objects.get(pk=sent.pk)
    assert sent_after.respondent is None and sent_after.token != sent.token
    assert sent_after.answers.count() == 2
    assert privacy.export(member) == {"responses": []}
