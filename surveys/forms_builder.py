"""Forms of the survey builder: they parse and explain; surveys.builder decides."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from spaces.choices import TranslationStatus
from surveys import builder
from surveys.models import Choice, Question, Section, Survey
from surveys.transfer import MAX_BYTES

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


def _datetime_widget():
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT)


class SurveyForm(forms.ModelForm):
    class Meta:
        model = Survey
        fields = builder.SURVEY_FIELDS
        widgets = {
            "opens_at": _datetime_widget(),
            "closes_at": _datetime_widget(),
            "introduction": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "opens_at": _("Empty: as soon as you open it."),
            "closes_at": _("Empty: until you close it. A survey usually runs a few months."),
        }

    def clean(self):
        data = super().clean()
        opens_at, closes_at = data.get("opens_at"), data.get("closes_at")
        if opens_at and closes_at and closes_at <= opens_at:
            self.add_error("closes_at", _("The survey must close after it opens."))
        return data

    def values(self) -> dict:
        return {key: self.cleaned_data[key] for key in builder.SURVEY_FIELDS}


class SectionForm(forms.ModelForm):
    class Meta:
        model = Section
        fields = builder.SECTION_FIELDS
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def values(self) -> dict:
        return {key: self.cleaned_data[key] for key in builder.SECTION_FIELDS}


class ConditionChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.question.code} — {obj.label}"


class QuestionForm(forms.ModelForm):
    """Bounds apply to scales and numbers; the condition to an earlier choice question."""

    condition_choices = ConditionChoiceField(
        label=_("is one of"),
        queryset=Choice.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Question
        fields = [*builder.QUESTION_FIELDS, "condition_question"]
        help_texts = {
            "code": _(
                "A short name for the exports, unique in the survey (e.g. equipment). "
                "Empty: q1, q2…"
            ),
            "min_value": _("Scale: 1 and 5, or 0 and 10. Number: optional bounds."),
        }

    def __init__(self, *args, survey: Survey, section: Section, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].required = False
        earlier = _earlier_choice_questions(survey, section, self.instance)
        self.fields["condition_question"].queryset = earlier
        self.fields["condition_question"].required = False
        self.fields["condition_question"].label_from_instance = lambda q: f"{q.code} — {q.text}"
        self.fields["condition_choices"].queryset = (
            Choice.objects.filter(question__in=earlier)
            .select_related("question")
            .order_by("question__section__position", "question__position", "position", "pk")
        )
        if self.instance.pk:
            self.initial["condition_choices"] = list(
                self.instance.condition_choices.values_list("pk", flat=True)
            )

    def clean(self):
        data = super().clean()
        question, choices = data.get("condition_question"), data.get("condition_choices") or []
        if question is None and choices:
            self.add_error(
                "condition_question", _("Choose the question whose answer shows this one.")
            )
        elif question is not None and not choices:
            self.add_error("condition_choices", _("Choose the answers that show this question."))
        elif question is not None and any(c.question_id != question.pk for c in choices):
            self.add_error(
                "condition_choices",
                _("The answers chosen must be choices of the condition's question."),
            )
        return data

    def values(self) -> dict:
        return {key: self.cleaned_data.get(key) for key in builder.QUESTION_FIELDS}

    def condition(self) -> dict:
        return {
            "condition_question": self.cleaned_data.get("condition_question"),
            "condition_choices": list(self.cleaned_data.get("condition_choices") or []),
        }


def _earlier_choice_questions(survey: Survey, section: Section, question: Question):
    """Choice questions placed before ``question`` (before the end of ``section`` if new)."""
    before = Q(section__position__lt=section.position) | Q(
        section__position=section.position, section__pk__lt=section.pk
    )
    if question.pk:
        before |= Q(section=section, position__lt=question.position) | Q(
            section=section, position=question.position, pk__lt=question.pk
        )
    else:
        before |= Q(section=section)
    return (
        Question.objects.filter(section__survey=survey, kind__in=builder.CHOICE_KINDS)
        .filter(before)
        .exclude(pk=question.pk)
        .order_by("section__position", "section__pk", "position", "pk")
    )


class ChoiceForm(forms.ModelForm):
    class Meta:
        model = Choice
        fields = builder.CHOICE_FIELDS
        help_texts = {
            "value": _("A stable name for the exports (e.g. printer). Empty: made from the label."),
            "is_other": _("Choosing it asks the respondent to specify."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["value"].required = False

    def values(self) -> dict:
        return {key: self.cleaned_data.get(key) for key in builder.CHOICE_FIELDS}


CONFIRM = "confirm-"


class TranslationForm(forms.Form):
    """One field per text of the survey, named by its key; the page shows the source."""

    def __init__(self, *args, entries: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        self.entries = entries
        for entry in entries:
            long = entry["field"] in ("introduction", "description") or len(entry["source"]) > 120
            self.fields[entry["key"]] = forms.CharField(
                label=entry["source"],
                required=False,
                max_length=20000 if long else _max_length(entry),
                initial=entry["text"],
                widget=forms.Textarea(attrs={"rows": 3}) if long else forms.TextInput,
            )
            if entry["status"] == TranslationStatus.OUTDATED:
                self.fields[CONFIRM + entry["key"]] = forms.BooleanField(
                    label=_("Still correct"), required=False
                )

    def rows(self):
        """(entry, text field, "still correct" box or None) for the template's table."""
        return [
            (
                entry,
                self[entry["key"]],
                self[CONFIRM + entry["key"]] if CONFIRM + entry["key"] in self.fields else None,
            )
            for entry in self.entries
        ]

    def texts(self) -> dict[str, str]:
        return {e["key"]: self.cleaned_data[e["key"]] for e in self.entries}

    def confirmed(self) -> set[str]:
        return {e["key"] for e in self.entries if self.cleaned_data.get(CONFIRM + e["key"])}


def _max_length(entry: dict) -> int:
    return type(entry["object"])._meta.get_field(entry["field"]).max_length or 20000


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Survey file"),
        help_text=_("A JSON file exported from Maillage (format maillage-survey), 1 MB at most."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise ValidationError(_("The file is larger than 1 MB."))
        return upload


class InvitationForm(forms.Form):
    count = forms.IntegerField(
        label=_("Number of links without an email"),
        min_value=0,
        max_value=builder.MAX_INVITATIONS,
        initial=0,
        required=False,
    )
    emails = forms.CharField(
        label=_("Email addresses"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One a line: each gets its own link (sent by you; Maillage sends nothing)."),
    )
    label = forms.CharField(
        label=_("Label"),
        max_length=200,
        required=False,
        help_text=_("To find them again, e.g. “elected officials”."),
    )

    def clean_emails(self):
        emails = [line.strip() for line in self.cleaned_data["emails"].splitlines() if line.strip()]
        wrong = []
        for email in emails:
            try:
                validate_email(email)
            except ValidationError:
                wrong.append(email)
        if wrong:
            raise ValidationError(
                _("These are not email addresses: %(emails)s"), params={"emails": ", ".join(wrong)}
            )
        return emails

    def clean(self):
        data = super().clean()
        if not data.get("count") and not data.get("emails") and not self.errors:
            raise ValidationError(_("Ask for at least one invitation."))
        return data
