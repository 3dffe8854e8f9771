"""A survey's texts in the respondent's language, falling back to the source language."""

from __future__ import annotations

from surveys.models import Survey, SurveyTranslation


def text_key(obj, field: str) -> str:
    """The key of one text: "survey:title", "question:12:text", "choice:40:label"…"""
    kind = type(obj).__name__.lower()
    if kind == "survey":
        return f"survey:{field}"
    return f"{kind}:{obj.pk}:{field}"


class Texts:
    """All the translations of a survey in one language, read in one query."""

    def __init__(self, survey: Survey, language: str):
        self.survey = survey
        self.language = language
        self.rows = {}
        if language != survey.source_language:
            self.rows = dict(
                SurveyTranslation.objects.filter(survey=survey, language=language).values_list(
                    "key", "text"
                )
            )

    def get(self, obj, field: str) -> str:
        """The text in the wanted language, else the source text."""
        return self.rows.get(text_key(obj, field)) or getattr(obj, field)

    def is_translated(self) -> bool:
        return self.language == self.survey.source_language or bool(self.rows)
