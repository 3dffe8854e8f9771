"""A member's survey responses: export them, and forget them when the account goes.

Every response attached to the account is exported whole, answers included: on an
anonymous members' survey the account is kept only to count one answer per person
(see ``surveys.answering``), and the answers are still the member's own data.

Forgetting deletes the drafts (never counted anywhere) and detaches the submitted
responses from the account, renewing their token so that old "see my answers" links
stop working: the answers stay in the aggregates, and nothing leads back to the person.
"""

from __future__ import annotations

from django.db import transaction

from surveys.answering import summary
from surveys.models import Response, new_token


def _date(value):
    return value.isoformat() if value else None


def export(user) -> dict:
    """Everything the surveys hold about ``user``, JSON-serialisable."""
    responses = Response.objects.filter(respondent=user).select_related("survey")
    return {
        "responses": [
            {
                "survey": response.survey.slug,
                "survey_title": response.survey.title,
                "anonymous_survey": response.survey.anonymous,
                "state": response.state,
                "language": response.language,
                "started_at": _date(response.started_at),
                "submitted_at": _date(response.submitted_at),
                "answers": [
                    {"code": row["code"], "question": row["question"], "answers": row["answers"]}
                    for row in summary(response, response.language)
                ],
            }
            for response in responses.order_by("started_at", "pk")
        ]
    }


@transaction.atomic
def forget(user) -> None:
    """Delete the member's drafts; keep submitted answers, detached from the account."""
    theirs = Response.objects.filter(respondent=user)
    theirs.filter(state=Response.State.DRAFT).delete()
    for pk in theirs.values_list("pk", flat=True):
        Response.objects.filter(pk=pk).update(respondent=None, token=new_token())
