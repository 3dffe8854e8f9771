"""The answer form, built from a survey's questions in the respondent's language.

Every field is optional for Django: whether a question is required depends on the
display conditions, which ``clean`` evaluates on the submitted answers. Answers to
hidden questions are dropped there, so they are never stored.
"""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from spaces.choices import Status
from spaces.models import Space
from spaces.places import communes
from surveys import answering, results
from surveys.models import Choice, Question, Response
from surveys.texts import Texts, text_key
from territory.text import fold

Kind = Question.Kind
SHORT_TEXT_MAX = 500
LONG_TEXT_MAX = 5000
SCALE_DEFAULT = (1, 5)
# A scale is a row of radio buttons: beyond this, it is a number question.
SCALE_MAX_STEPS = 21


class TrackedTexts:
    """``Texts`` that remember whether a shown text fell back to the source language."""

    def __init__(self, texts: Texts):
        self.texts = texts
        self.fell_back = False

    def get(self, obj, field: str) -> str:
        translated = self.texts.language == self.texts.survey.source_language
        if getattr(obj, field) and not translated and not self.texts.rows.get(text_key(obj, field)):
            self.fell_back = True
        return self.texts.get(obj, field)


def field_name(question: Question) -> str:
    return f"q{question.pk}"


def other_name(question: Question) -> str:
    return f"q{question.pk}_other"


def find_commune(value: str):
    """The commune typed or picked from the suggestions ("Name (postcode)"), or None."""
    value = (value or "").strip()
    index = communes()
    if value.isdigit() or (len(value) == 5 and value[:2] in ("2A", "2B")):
        return index.get(value)
    name, _sep, rest = value.partition(" (")
    postcode = rest.rstrip(")").strip()
    if postcode:
        for commune in index.by_postcode.get(postcode, []):
            if fold(commune.name) == fold(name):
                return commune
        return None
    exact = [c for c in index.search(name, limit=20) if fold(c.name) == fold(name)]
    # Several communes share some names: then the postcode must tell them apart.
    return exact[0] if len(exact) == 1 else None


class CommuneField(forms.CharField):
    def __init__(self, **kwargs):
        widget = forms.TextInput(attrs={"autocomplete": "off", "class": "commune-input"})
        super().__init__(max_length=200, widget=widget, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        commune = find_commune(value)
        if commune is None:
            raise forms.ValidationError(
                _("Unknown commune: pick one from the suggestions, or type its postcode."),
                code="commune",
            )
        return commune


def _bounds(question: Question, default=None) -> tuple:
    low = question.min_value if question.min_value is not None else (default or (None,))[0]
    high = question.max_value if question.max_value is not None else (default or (None, None))[1]
    return low, high


def _choice_field(question, texts, multiple: bool, **common):
    by_pk = {str(c.pk): c for c in question.choices.all()}
    options = [(pk, texts.get(c, "label")) for pk, c in by_pk.items()]
    if multiple:
        return forms.TypedMultipleChoiceField(
            choices=options, coerce=by_pk.get, widget=forms.CheckboxSelectMultiple, **common
        )
    return forms.TypedChoiceField(
        choices=options, coerce=by_pk.get, widget=forms.RadioSelect, **common
    )


def is_choice_yes_no(question: Question) -> bool:
    """The builder stores yes/no as two choices ("yes", "no"), aggregated like any choice."""
    return question.kind == Kind.YES_NO and bool(question.choices.all())


def build_field(question: Question, texts, spaces) -> forms.Field:
    """The form field of one question (never required here: see ``clean``)."""
    common = {
        "label": texts.get(question, "text"),
        "help_text": texts.get(question, "help_text"),
        "required": False,
    }
    kind = question.kind
    if kind in (Kind.SINGLE, Kind.MULTIPLE) or is_choice_yes_no(question):
        return _choice_field(question, texts, kind == Kind.MULTIPLE, **common)
    if kind == Kind.YES_NO:
        options = [(answering.YES, _("Yes")), (answering.NO, _("No"))]
        return forms.ChoiceField(choices=options, widget=forms.RadioSelect, **common)
    if kind == Kind.SCALE:
        low, high = (int(v) for v in _bounds(question, SCALE_DEFAULT))
        high = min(high, low + SCALE_MAX_STEPS - 1)
        options = [(str(n), str(n)) for n in range(low, high + 1)]
        return forms.TypedChoiceField(
            choices=options, coerce=Decimal, widget=forms.RadioSelect, **common
        )
    if kind == Kind.NUMBER:
        low, high = _bounds(question)
        return forms.DecimalField(
            min_value=low, max_value=high, max_digits=14, decimal_places=2, **common
        )
    if kind == Kind.DATE:
        return forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), **common)
    if kind == Kind.LONG_TEXT:
        return forms.CharField(max_length=LONG_TEXT_MAX, widget=forms.Textarea, **common)
    if kind == Kind.COMMUNE:
        field = CommuneField(**common)
        # Suggestions come from the directory's commune search (answer.js fills them).
        field.widget.attrs.update(
            {
                "list": f"communes-{field_name(question)}",
                "data-suggest-url": reverse("spaces:communes"),
            }
        )
        return field
    if kind == Kind.SPACE:
        by_pk = {str(space.pk): space for space in spaces}
        options = [("", "—")] + [(pk, space.name) for pk, space in by_pk.items()]
        return forms.TypedChoiceField(choices=options, coerce=by_pk.get, **common)
    return forms.CharField(max_length=SHORT_TEXT_MAX, **common)


def listed_spaces() -> list[Space]:
    return list(Space.objects.exclude(status=Status.CLOSED).order_by("name").only("name", "slug"))


class AnswerForm(forms.Form):
    # Browsers would block "save for later" on empty required fields: the server checks.
    use_required_attribute = False

    resume_email = forms.EmailField(
        label=gettext_lazy("Email me the link to continue later (optional)"),
        help_text=gettext_lazy("This address is used for this email only and is not kept."),
        required=False,
    )

    def __init__(self, *args, questions, texts, final: bool = True, ask_email=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        self.final = final
        if not ask_email:
            del self.fields["resume_email"]
        spaces = listed_spaces() if any(q.kind == Kind.SPACE for q in questions) else []
        for question in questions:
            self.fields[field_name(question)] = build_field(question, texts, spaces)
            if any(c.is_other for c in question.choices.all()):
                self.fields[other_name(question)] = forms.CharField(
                    label=_("Please specify"), max_length=SHORT_TEXT_MAX, required=False
                )

    def _chosen(self, question) -> list:
        value = self.cleaned_data.get(field_name(question))
        if question.kind == Kind.MULTIPLE:
            return list(value or [])
        return [value] if isinstance(value, Choice) else []

    def clean(self):
        chosen = {q.pk: {c.pk for c in self._chosen(q)} for q in self.questions}
        visible = answering.visible_ids(self.questions, chosen)
        self.rows = []
        for question in self.questions:
            name = field_name(question)
            if question.pk not in visible:
                self.cleaned_data.pop(name, None)
                self.cleaned_data.pop(other_name(question), None)
                self.errors.pop(name, None)
                continue
            if name in self.errors:
                continue
            self._check_answer(question, name)
        return self.cleaned_data

    def _check_answer(self, question, name):
        value = self.cleaned_data.get(name)
        other = (self.cleaned_data.get(other_name(question)) or "").strip()
        with_other = any(c.is_other for c in self._chosen(question))
        if self.final and question.required and value in (None, "", []):
            self.add_error(name, _("This question needs an answer."))
            return
        if self.final and with_other and not other:
            self.add_error(other_name(question), _("Please specify your other answer."))
            return
        self.rows += [
            {"question": question, **row}
            for row in answering.rows_for(question, value, other if with_other else "")
        ]


def initial_from(response: Response | None) -> dict:
    """The form's initial values from a saved draft."""
    if response is None:
        return {}
    initial: dict = {}
    for answer in response.answers.select_related("question", "choice"):
        question = answer.question
        name = field_name(question)
        if question.kind == Kind.MULTIPLE:
            initial.setdefault(name, []).append(str(answer.choice_id))
        elif answer.choice_id:
            initial[name] = str(answer.choice_id)
        elif question.kind == Kind.YES_NO:
            initial[name] = answer.text or (answering.YES if answer.number else answering.NO)
        elif question.kind in (Kind.SCALE, Kind.SPACE):
            initial[name] = str(int(answer.number)) if answer.number is not None else ""
        elif question.kind == Kind.NUMBER:
            # PostgreSQL gives 7.00 back for 7: show the number as it was typed.
            number = answer.number
            if number is not None and number == number.to_integral_value():
                number = int(number)
            initial[name] = number
        elif question.kind == Kind.DATE:
            initial[name] = answer.date
        elif question.kind == Kind.COMMUNE:
            initial[name] = results.commune_name(answer.text)
        else:
            initial[name] = answer.text
        if answer.choice_id and answer.choice.is_other:
            initial[other_name(question)] = answer.text
    return initial
