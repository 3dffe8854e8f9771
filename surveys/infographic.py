"""The infographic: headline figures a coordinator picks, orders and publishes.

A headline is the share of respondents who saw its question and chose any of its
choices ("87.6 % of spaces are equipped"). Figures are computed live, every headline in
one query, so they follow late answers until the survey closes.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils.translation import gettext as _

from surveys import results, tallies
from surveys.models import Headline, Infographic, Question, Survey


class InfographicError(ValueError):
    """A refused change, with a message the person can read (translated)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class Figure:
    headline: Headline
    percent: float
    count: int
    base: int


def infographic_of(survey: Survey) -> Infographic:
    infographic, _created = Infographic.objects.get_or_create(survey=survey)
    return infographic


def _check(survey: Survey, question: Question, choices) -> None:
    if question.section.survey_id != survey.pk:
        raise InfographicError(_("This question belongs to another survey."))
    if question.kind not in results.CHOICE_KINDS:
        raise InfographicError(
            _("A headline figure needs a single choice, multiple choice or yes/no question.")
        )
    if not choices:
        raise InfographicError(_("Pick at least one choice of the question."))
    if any(choice.question_id != question.pk for choice in choices):
        raise InfographicError(_("Every choice of a headline must belong to its question."))


@transaction.atomic
def add_headline(*, survey: Survey, question: Question, choices, caption: str) -> Headline:
    """A new headline at the end of the infographic."""
    choices = list(choices)
    _check(survey, question, choices)
    caption = caption.strip()
    if not caption:
        raise InfographicError(_("Write the caption shown under the figure."))
    infographic = infographic_of(survey)
    last = infographic.headlines.aggregate(last=Max("position"))["last"]
    headline = Headline.objects.create(
        infographic=infographic,
        question=question,
        caption=caption,
        position=0 if last is None else last + 1,
    )
    headline.choices.set(choices)
    return headline


@transaction.atomic
def delete_headline(headline: Headline) -> None:
    headline.delete()


@transaction.atomic
def move_headline(headline: Headline, direction: str) -> None:
    """Swap with the previous ("up") or next ("down") headline."""
    siblings = list(headline.infographic.headlines.select_for_update())
    index = next(i for i, h in enumerate(siblings) if h.pk == headline.pk)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(siblings):
        return
    siblings[index], siblings[other] = siblings[other], siblings[index]
    for position, item in enumerate(siblings):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position"])


@transaction.atomic
def publish(survey: Survey, published: bool = True) -> Infographic:
    """Publish (or withdraw) the infographic and the results' charts together."""
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if published and survey.status == Survey.Status.DRAFT:
        raise InfographicError(_("A draft survey has no results to publish: open it first."))
    infographic = infographic_of(survey)
    infographic.published = published
    infographic.save(update_fields=["published", "updated_at"])
    survey.results_published = published
    survey.save(update_fields=["results_published", "updated_at"])
    return infographic


def headlines(infographic: Infographic) -> list[Headline]:
    return list(
        infographic.headlines.select_related("question", "question__section").prefetch_related(
            "choices"
        )
    )


def figures(survey: Survey, items: list[Headline], scope=None) -> list[Figure]:
    """Each headline's live percentage, in one query for the choices and a few for the
    bases (``scope``: ``results.Scope.of(survey)``, when the caller has it already)."""
    if not items:
        return []
    scope = scope or results.Scope.of(survey)
    survey_questions = results.load_questions(survey)
    by_pk = {q.pk: q for q in survey_questions}
    questions = [by_pk[pk] for pk in {h.question_id for h in items} if pk in by_pk]
    tables = tallies.tables(survey, survey_questions, None, scope)
    seen, _answered = results.bases(survey_questions, scope.submitted, tables)
    counts = scope.count(
        lambda rows: (
            rows.annotate(key=results.choice_key(questions))
            .aggregate(
                **{
                    f"h{h.pk}": Count(
                        "response_id",
                        distinct=True,
                        filter=Q(question_id=h.question_id)
                        & Q(key__in=[c.pk for c in h.choices.all()]),
                    )
                    for h in items
                }
            )
            .items()
        ),
        [q.pk for q in questions],
    )
    shown = []
    for headline in items:
        count, base = counts.get(f"h{headline.pk}", 0), seen.get(headline.question_id, 0)
        shown.append(Figure(headline, 100.0 * count / base if base else 0.0, count, base))
    return shown
