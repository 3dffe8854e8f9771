"""Forms of the results pages: a headline figure of the infographic, and publishing."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from surveys import results
from surveys.models import Choice, Question, Survey
from surveys.texts import Texts


class HeadlineForm(forms.Form):
    question = forms.ModelChoiceField(label=_("Question"), queryset=Question.objects.none())
    choices = forms.ModelMultipleChoiceField(
        label=_("Counted choices"),
        queryset=Choice.objects.none(),
        help_text=_("The figure is the share of respondents who chose any of them."),
    )
    caption = forms.CharField(
        label=_("Caption"),
        max_length=200,
        help_text=_("Shown under the figure, e.g. “of spaces are equipped”."),
    )

    def __init__(self, *args, survey: Survey, language: str, **kwargs):
        super().__init__(*args, **kwargs)
        texts = Texts(survey, language)
        questions = Question.objects.filter(
            section__survey=survey, kind__in=results.CHOICE_KINDS
        ).select_related("section")
        self.fields["question"].queryset = questions
        self.fields["question"].label_from_instance = lambda q: f"{q.code} — {texts.get(q, 'text')}"
        self.fields["choices"].queryset = Choice.objects.filter(
            question__section__survey=survey, question__kind__in=results.CHOICE_KINDS
        ).select_related("question")
        self.fields["choices"].label_from_instance = lambda c: (
            f"{c.question.code}: {texts.get(c, 'label')}"
        )

    def clean(self):
        cleaned = super().clean()
        question, choices = cleaned.get("question"), cleaned.get("choices")
        if question and choices and any(c.question_id != question.pk for c in choices):
            self.add_error("choices", _("Every choice of a headline must belong to its question."))
        return cleaned


class PublishForm(forms.Form):
    published = forms.BooleanField(required=False)
