"""Answering a survey: who may answer, how answers are stored, drafts and copies.

Storage, one ``Answer`` row per answered question (read by results and exports):

- single choice: ``choice``; multiple choice: one row per ticked choice. The text of
  "other, please specify" is the ``text`` of the ``is_other`` choice's row.
- yes/no: the "yes" or "no" choice (the builder creates both), plus ``number`` 1 or 0
  and ``text`` "yes" or "no"; a yes/no question without choices stores only those.
- scale and number: ``number``. Date: ``date``. Short and long text: ``text``.
- commune: ``text`` holds the INSEE code (the name is read from the communes file).
- space of the directory: ``number`` holds the space's id (stable when renamed) and
  ``text`` its slug (readable in raw exports).

Who is stored as the respondent:

- identified surveys require login and store ``respondent``;
- anonymous surveys for members or managers store ``respondent`` too, only so that
  each account answers once and resumes its draft from any device. Results and
  exports never show it (nor the invitation of an anonymous invited survey), and
  ``surveys.privacy.forget`` detaches it;
- anonymous public or invited surveys store nobody, even for a logged-in member.
  One answer per invitation is enforced by ``Response.invitation``; a public link
  cannot tell people apart, so only the browser session refuses a second answer.

An address given to receive a resume link or a copy is used for that email only and
never stored.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from opportunities.links import absolute
from surveys import permissions, results, tallies
from surveys.models import Answer, Choice, Question, Response, Survey
from surveys.texts import Texts

logger = logging.getLogger(__name__)
Kind = Question.Kind
State = Response.State
YES, NO = "yes", "no"


class AnswerError(ValueError):
    """An answer refused for a reason the person can read (already translated)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def needs_login(survey: Survey) -> bool:
    """Identified surveys and the members' or managers' ones are answered logged in."""
    member_audience = survey.audience in (Survey.Audience.MEMBERS, Survey.Audience.MANAGERS)
    return not survey.anonymous or member_audience


def keeps_respondent(survey: Survey) -> bool:
    return needs_login(survey)


def closed_reason(survey: Survey, now=None) -> str | None:
    """Why nobody may answer ``survey`` now, or None when it accepts answers."""
    now = now or timezone.now()
    if survey.status == Survey.Status.DRAFT:
        return _("This survey is not open yet.")
    if survey.status == Survey.Status.CLOSED or (survey.closes_at and now >= survey.closes_at):
        return _("This survey is closed: it no longer accepts answers.")
    if survey.opens_at and now < survey.opens_at:
        when = formats.date_format(timezone.localtime(survey.opens_at), "DATETIME_FORMAT")
        return _("This survey opens on %(date)s.") % {"date": when}
    return None


def refusal(survey: Survey, user, invitation=None) -> str | None:
    """Why ``user`` (or the holder of ``invitation``) may not answer now, or None."""
    reason = closed_reason(survey)
    if reason:
        return reason
    if needs_login(survey) and not permissions.is_member(user):
        return _("Log in to answer this survey.")
    if permissions.can_answer(user, survey, invitation):
        return None
    if survey.audience == Survey.Audience.INVITED:
        return _("This survey is by invitation only: open the link you received.")
    return _("This survey is for managers of spaces only.")


def already_answered_message() -> str:
    return _("You have already answered this survey: only one answer per person is counted.")


def visible_ids(questions: list[Question], chosen: dict[int, set[int]]) -> set[int]:
    """The questions shown, given the choices picked (question pk -> choice pks).

    A question with a condition is shown when its condition question is shown and was
    answered with one of the condition's choices; a condition pointing outside the
    survey is ignored rather than hiding the question for ever.
    """
    known = {question.pk for question in questions}
    visible = set()
    for question in questions:
        source = question.condition_question_id
        if source is None or source not in known:
            visible.add(question.pk)
            continue
        wanted = {choice.pk for choice in question.condition_choices.all()}
        if source in visible and chosen.get(source, set()) & wanted:
            visible.add(question.pk)
    return visible


def rows_for(question: Question, value, other: str = "") -> list[dict]:
    """The ``Answer`` fields for one cleaned value (see the module docstring)."""
    if value in (None, "", [], ()):
        return []
    kind = question.kind
    if kind == Kind.YES_NO and isinstance(value, Choice):
        return [{"choice": value, "number": 1 if value.value == YES else 0, "text": value.value}]
    if kind in (Kind.SINGLE, Kind.MULTIPLE):
        picked = value if kind == Kind.MULTIPLE else [value]
        return [{"choice": c, "text": other if c.is_other else ""} for c in picked]
    if kind == Kind.YES_NO:
        return [{"number": 1 if value == YES else 0, "text": value}]
    if kind in (Kind.SCALE, Kind.NUMBER):
        return [{"number": value}]
    if kind == Kind.DATE:
        return [{"date": value}]
    if kind == Kind.COMMUNE:
        return [{"text": value.insee}]
    if kind == Kind.SPACE:
        return [{"number": value.pk, "text": value.slug}]
    return [{"text": value}]


def current_response(survey, user, invitation=None, token: str = "") -> Response | None:
    """The response this person already started or sent, if any."""
    responses = Response.objects.filter(survey=survey)
    if invitation is not None:
        return responses.filter(invitation=invitation).first()
    if keeps_respondent(survey):
        return responses.filter(respondent=user).first() if permissions.is_member(user) else None
    if token:
        # A draft kept in the session or opened by its resume link: no account attached.
        return responses.filter(token=token, respondent=None, invitation=None).first()
    return None


@dataclass
class Saved:
    response: Response
    created: bool


@transaction.atomic
def save_answers(*, survey, user, invitation=None, token="", language, rows, submit: bool) -> Saved:
    """Keep a draft or submit, replacing the answers of the person's response."""
    # Every write to a survey's responses queues on its row: no double submission.
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    reason = refusal(survey, user, invitation)
    if reason:
        raise AnswerError(reason)
    response = current_response(survey, user, invitation, token)
    if response is not None and response.state == State.SUBMITTED:
        raise AnswerError(already_answered_message())
    created = response is None
    if created:
        response = Response(
            survey=survey,
            respondent=user if keeps_respondent(survey) else None,
            invitation=invitation,
            state=State.DRAFT,
        )
    response.language = language
    response.version = survey.version
    if submit:
        response.state = State.SUBMITTED
        response.submitted_at = timezone.now()
    try:
        with transaction.atomic():
            response.save()
    except IntegrityError:
        # A unique constraint (one per member, one per invitation) is the last guard.
        raise AnswerError(already_answered_message()) from None
    response.answers.all().delete()
    Answer.objects.bulk_create([Answer(response=response, **row) for row in rows])
    if submit:
        tallies.add_response(response)
    return Saved(response, created)


def _display(answer: Answer, texts: Texts) -> str:
    kind = answer.question.kind
    if answer.choice_id:
        label = texts.get(answer.choice, "label")
        return f"{label}: {answer.text}" if answer.choice.is_other and answer.text else label
    if kind == Kind.YES_NO:
        return _("Yes") if answer.number else _("No")
    if kind == Kind.SCALE:
        return str(int(answer.number))
    if kind == Kind.NUMBER:
        return formats.number_format(answer.number.normalize())
    if kind == Kind.DATE:
        return formats.date_format(answer.date, "DATE_FORMAT")
    if kind == Kind.COMMUNE:
        return results.commune_name(answer.text)
    return answer.text


def summary(response: Response, language: str) -> list[dict]:
    """The answered questions with the answers as text, for the copy and the export."""
    texts = Texts(response.survey, language)
    answers = response.answers.select_related("question__section", "choice").order_by(
        "question__section__position", "question__position", "question__pk", "choice__position"
    )
    spaces = _space_names(answers)
    rows: list[dict] = []
    for answer in answers:
        if answer.question.kind == Kind.SPACE:
            value = spaces.get(int(answer.number or 0), answer.text)
        else:
            value = _display(answer, texts)
        if rows and rows[-1]["question_id"] == answer.question_id:
            rows[-1]["answers"].append(value)
            continue
        rows.append(
            {
                "question_id": answer.question_id,
                "code": answer.question.code,
                "question": texts.get(answer.question, "text"),
                "answers": [value],
            }
        )
    return rows


def _space_names(answers) -> dict[int, str]:
    from spaces.models import Space

    ids = [int(a.number) for a in answers if a.question.kind == Kind.SPACE and a.number]
    return dict(Space.objects.filter(pk__in=ids).values_list("pk", "name")) if ids else {}


def _send(template: str, subject: str, response: Response, email: str) -> bool:
    with translation.override(response.language):
        context = {
            "title": Texts(response.survey, response.language).get(response.survey, "title"),
            "rows": summary(response, response.language),
            "resume_url": absolute(reverse("surveys:resume", args=[response.token])),
            "done_url": absolute(reverse("surveys:done", args=[response.token])),
        }
        body = render_to_string(f"surveys/email/{template}.txt", context)
        subject = _(subject) % {"title": context["title"]}
    try:
        send_mail(
            f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}",
            body,
            settings.DEFAULT_FROM_EMAIL,
            [email],
        )
    except Exception:
        # The answers are saved: a mail server down must not turn the page into an error.
        logger.exception("%s email for response %s failed", template, response.pk)
        return False
    return True


# Subjects are marked with gettext_noop and translated in the respondent's language.
def send_resume_link(response: Response, email: str) -> bool:
    return _send("resume", gettext_noop("Continue the survey later: %(title)s"), response, email)


def send_copy(response: Response, email: str) -> bool:
    return _send("copy", gettext_noop("Your answers: %(title)s"), response, email)
