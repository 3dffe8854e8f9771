"""/api/surveys: the surveys taking answers now and those whose results are published.

Never drafts, never an invitation's token: an invited-only survey is listed with the
address of its public page, which asks for a personal link.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Prefetch, Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from api.pages import PageFilters, paged
from surveys.models import Survey, SurveyTranslation

router = Router(tags=["surveys"])


class SurveyFilters(PageFilters):
    lang: str = Field("", description="Language of the titles (default: the active one)")


class SurveyOut(Schema):
    slug: str
    title: str
    language: str = Field(description="Language of the title shown (falls back to the source)")
    source_language: str
    status: str
    accepting_answers: bool
    audience: str
    opens_at: dt.datetime | None
    closes_at: dt.datetime | None
    answer_url: str | None = Field(description="The form, while the survey takes answers")
    results_url: str | None = Field(description="The published results")


class SurveyPage(Schema):
    count: int
    page: int
    pages: int
    results: list[SurveyOut]


def listed(now=None):
    """Open surveys taking answers now, and non-draft surveys with published results."""
    now = now or timezone.now()
    accepting = (
        Q(status=Survey.Status.OPEN)
        & (Q(opens_at__isnull=True) | Q(opens_at__lte=now))
        & (Q(closes_at__isnull=True) | Q(closes_at__gt=now))
    )
    published = Q(results_published=True) & ~Q(status=Survey.Status.DRAFT)
    return Survey.objects.filter(accepting | published).order_by("-created_at", "-pk")


def _path(name: str, slug: str, fallback: str) -> str:
    try:
        return reverse(name, args=[slug])
    except NoReverseMatch:  # the answering or results pages may not be installed yet
        return fallback


def _summary(request, survey: Survey, language: str, now) -> dict:
    titles = survey.title_translations  # prefetched: zero or one row
    title, shown = survey.title, survey.source_language
    if language != survey.source_language and titles:
        title, shown = titles[0].text, language
    accepting = survey.is_accepting_answers(now)
    with translation.override(language):
        answer = _path("surveys:answer", survey.slug, f"/{language}/surveys/{survey.slug}/answer/")
        results = _path(
            "surveys:results", survey.slug, f"/{language}/surveys/{survey.slug}/results/"
        )
    return {
        "slug": survey.slug,
        "title": title,
        "language": shown,
        "source_language": survey.source_language,
        "status": survey.status,
        "accepting_answers": accepting,
        "audience": survey.audience,
        "opens_at": survey.opens_at,
        "closes_at": survey.closes_at,
        "answer_url": request.build_absolute_uri(answer) if accepting else None,
        "results_url": request.build_absolute_uri(results) if survey.results_published else None,
    }


@router.get("", response=SurveyPage, summary="Surveys open now or with published results")
def list_surveys(request, filters: Query[SurveyFilters]):
    language = filters.lang or translation.get_language() or settings.LANGUAGE_CODE
    if language not in dict(settings.LANGUAGES):
        raise HttpError(422, f"unknown language {language!r}")
    now = timezone.now()
    rows = listed(now).prefetch_related(
        Prefetch(
            "translations",
            queryset=SurveyTranslation.objects.filter(language=language, key="survey:title"),
            to_attr="title_translations",
        )
    )
    return paged(rows, filters, lambda survey: _summary(request, survey, language, now))
