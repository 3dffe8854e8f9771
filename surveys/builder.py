"""Building a survey: plain functions, one transaction each (views, imports and the
admin's actions all go through them).

The rule that protects answers: once a survey has any response, a change that would
break stored answers is refused with a message saying why — deleting a question or a
choice that has answers, changing a question's kind, narrowing bounds past existing
answers, changing a choice's value. Harmless changes stay allowed: wording, help
texts, translations, order, a new optional question, a new choice at the end. Each
structural addition then raises ``Survey.version`` so that responses record the
questionnaire they answered.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import F, Max, Min
from django.utils import timezone, translation
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext as _

from spaces.choices import TranslationStatus
from surveys.models import (
    Answer,
    Choice,
    Invitation,
    Question,
    Section,
    Survey,
    SurveyTranslation,
)
from surveys.results import CHOICE_KINDS
from surveys.texts import text_key

SURVEY_FIELDS = [
    "title",
    "introduction",
    "source_language",
    "audience",
    "anonymous",
    "opens_at",
    "closes_at",
]
SECTION_FIELDS = ["title", "description"]
QUESTION_FIELDS = ["code", "kind", "text", "help_text", "required", "min_value", "max_value"]
CHOICE_FIELDS = ["value", "label", "is_other"]
# The texts a coordinator translates, per model, in the order the page lists them.
TRANSLATED_FIELDS = {
    Survey: ("title", "introduction"),
    Section: ("title", "description"),
    Question: ("text", "help_text"),
    Choice: ("label",),
}

Kind = Question.Kind
BOUNDED_KINDS = {Kind.SCALE, Kind.NUMBER}
SCALE_DEFAULT = (Decimal(1), Decimal(5))
SCALE_LIMITS = (Decimal(0), Decimal(10))
BOUND_LIMIT = Decimal("9999999999.99")  # what max_digits=12, decimal_places=2 holds
# Paths of the app's other pages: a survey with one of these slugs would be unreachable.
RESERVED_SLUGS = {"manage", "i", "r", "new", "import", "api"}


class BuilderError(ValueError):
    """A change refused for a reason the coordinator can read (already translated)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


# Reading helpers shared by the views, the transfer and the tests.


def has_responses(survey: Survey) -> bool:
    return survey.responses.exists()


def ordered_questions(survey: Survey):
    return Question.objects.filter(section__survey=survey).order_by(
        "section__position", "section__pk", "position", "pk"
    )


def unique_slug(text: str, exclude_pk: int | None = None) -> str:
    base = (slugify(text) or "survey")[:100].strip("-") or "survey"
    if base in RESERVED_SLUGS:
        base = f"{base}-survey"
    taken = set(
        Survey.objects.filter(slug__startswith=base)
        .exclude(pk=exclude_pk)
        .values_list("slug", flat=True)
    )
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def _mark_outdated(obj, before: dict, after: dict) -> None:
    """A changed source text makes every translation of it outdated."""
    survey = _survey_of(obj)
    keys = [
        text_key(obj, field)
        for field in TRANSLATED_FIELDS[type(obj)]
        if field in after and (before.get(field) or "") != (after[field] or "")
    ]
    if keys:
        SurveyTranslation.objects.filter(survey=survey, key__in=keys).update(
            status=TranslationStatus.OUTDATED
        )


def _forget_translations(survey: Survey, objects) -> None:
    """Rows keyed by a deleted object's pk would otherwise wait for a new object."""
    keys = [text_key(obj, field) for obj in objects for field in TRANSLATED_FIELDS[type(obj)]]
    SurveyTranslation.objects.filter(survey=survey, key__in=keys).delete()


def _survey_of(obj) -> Survey:
    if isinstance(obj, Survey):
        return obj
    if isinstance(obj, Section):
        return obj.survey
    if isinstance(obj, Question):
        return obj.section.survey
    return obj.question.section.survey


def _bump_version(survey: Survey) -> None:
    if has_responses(survey):
        Survey.objects.filter(pk=survey.pk).update(version=F("version") + 1)
        survey.refresh_from_db(fields=["version"])


def _next_position(queryset) -> int:
    highest = queryset.aggregate(top=Max("position"))["top"]
    return 0 if highest is None else highest + 1


# The survey itself.


def _check_dates(opens_at, closes_at) -> None:
    if opens_at and closes_at and closes_at <= opens_at:
        raise BuilderError(_("The survey must close after it opens."))


def _survey_values(values: dict) -> dict:
    values = {key: values[key] for key in SURVEY_FIELDS if key in values}
    if "title" in values and not (values["title"] or "").strip():
        raise BuilderError(_("Give the survey a title."))
    if "source_language" in values and values["source_language"] not in dict(settings.LANGUAGES):
        raise BuilderError(_("Choose one of the languages of the site."))
    if "audience" in values and values["audience"] not in Survey.Audience.values:
        raise BuilderError(_("Choose who may answer."))
    return values


@transaction.atomic
def create_survey(*, by, values: dict, slug: str = "") -> Survey:
    """A new draft survey; its slug comes from the title (made unique)."""
    values = _survey_values(values)
    _check_dates(values.get("opens_at"), values.get("closes_at"))
    survey = Survey(created_by=by, status=Survey.Status.DRAFT, **values)
    survey.slug = unique_slug(slug or survey.title)
    survey.save()
    return survey


@transaction.atomic
def update_survey(survey: Survey, *, values: dict) -> Survey:
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    values = _survey_values(values)
    before = {field: getattr(survey, field) for field in SURVEY_FIELDS}
    _check_dates(values.get("opens_at", survey.opens_at), values.get("closes_at", survey.closes_at))
    for key, value in values.items():
        setattr(survey, key, value)
    survey.save()
    if survey.source_language != before["source_language"]:
        # Every translation was made from the other language: all need a look.
        survey.translations.filter(language=survey.source_language).delete()
        survey.translations.update(status=TranslationStatus.OUTDATED)
    else:
        _mark_outdated(survey, before, values)
    return survey


# Lifecycle: draft → open (from–to) → closed; reopening while before the closing date.


@transaction.atomic
def open_survey(survey: Survey, now=None) -> Survey:
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    now = now or timezone.now()
    if survey.status == Survey.Status.OPEN:
        raise BuilderError(_("This survey is already open."))
    if survey.closes_at and survey.closes_at <= now:
        raise BuilderError(
            _("The closing date has passed: set a later one before opening the survey.")
        )
    questions = list(ordered_questions(survey).prefetch_related("choices"))
    if not questions:
        raise BuilderError(_("Add at least one question before opening the survey."))
    empty = [q.code for q in questions if q.kind in CHOICE_KINDS and len(q.choices.all()) < 2]
    if empty:
        raise BuilderError(
            _("These questions need at least two choices: %(codes)s.") % {"codes": ", ".join(empty)}
        )
    survey.status = Survey.Status.OPEN
    survey.save(update_fields=["status", "updated_at"])
    return survey


@transaction.atomic
def close_survey(survey: Survey) -> Survey:
    """Closing early is allowed; the closing date stays, so it may be reopened until then."""
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if survey.status != Survey.Status.OPEN:
        raise BuilderError(_("Only an open survey can be closed."))
    survey.status = Survey.Status.CLOSED
    survey.save(update_fields=["status", "updated_at"])
    return survey


# Sections.


def _section_values(values: dict) -> dict:
    values = {key: values[key] for key in SECTION_FIELDS if key in values}
    if "title" in values and not (values["title"] or "").strip():
        raise BuilderError(_("Give the section a title."))
    return values


@transaction.atomic
def add_section(survey: Survey, *, values: dict) -> Section:
    values = _section_values(values)
    return Section.objects.create(
        survey=survey, position=_next_position(survey.sections.all()), **values
    )


@transaction.atomic
def update_section(section: Section, *, values: dict) -> Section:
    section = Section.objects.select_for_update().select_related("survey").get(pk=section.pk)
    values = _section_values(values)
    before = {field: getattr(section, field) for field in SECTION_FIELDS}
    for key, value in values.items():
        setattr(section, key, value)
    section.save()
    _mark_outdated(section, before, values)
    return section


@transaction.atomic
def delete_section(section: Section) -> None:
    section = Section.objects.select_related("survey").get(pk=section.pk)
    questions = list(section.questions.all())
    if Answer.objects.filter(question__section=section).exists():
        raise BuilderError(
            _("This section has questions with answers: it cannot be deleted any more.")
        )
    outside = Question.objects.filter(condition_question__section=section).exclude(section=section)
    if outside.exists():
        raise BuilderError(
            _("Questions of other sections are shown depending on this one's: %(codes)s.")
            % {"codes": ", ".join(q.code for q in outside)}
        )
    choices = list(Choice.objects.filter(question__section=section))
    _forget_translations(section.survey, [section, *questions, *choices])
    section.delete()


# Questions.


def _clean_bounds(kind: str, values: dict) -> None:
    if kind not in BOUNDED_KINDS:
        values["min_value"] = values["max_value"] = None
        return
    low, high = values.get("min_value"), values.get("max_value")
    for bound in (low, high):
        if bound is not None and abs(bound) > BOUND_LIMIT:
            raise BuilderError(_("The bounds must stay below ten billion."))
    if kind == Kind.SCALE:
        if low is None and high is None:
            low, high = SCALE_DEFAULT
        if low is None or high is None:
            raise BuilderError(_("A scale needs both a minimum and a maximum."))
        if low != int(low) or high != int(high) or low < SCALE_LIMITS[0] or high > SCALE_LIMITS[1]:
            raise BuilderError(_("A scale goes between whole numbers from 0 to 10 (e.g. 1–5)."))
    if low is not None and high is not None and high <= low:
        raise BuilderError(_("The maximum must be greater than the minimum."))
    values["min_value"], values["max_value"] = low, high


def _clean_code(survey: Survey, code: str, exclude_pk: int | None) -> str:
    code = (code or "").strip()
    others = set(
        Question.objects.filter(section__survey=survey)
        .exclude(pk=exclude_pk)
        .values_list("code", flat=True)
    )
    if not code:
        # Automatic codes follow the position: q1, q2… (skipping any already taken).
        number = len(others) + 1
        while f"q{number}" in others:
            number += 1
        return f"q{number}"
    if slugify(code) != code or len(code) > 40:
        raise BuilderError(
            _("A code is made of lowercase letters, digits, hyphens or underscores (40 at most).")
        )
    if code in others:
        raise BuilderError(
            _("Another question of this survey already has the code “%(code)s”.") % {"code": code}
        )
    return code


def _question_values(survey: Survey, values: dict, exclude_pk: int | None = None) -> dict:
    values = {key: values[key] for key in QUESTION_FIELDS if key in values}
    if values.get("kind") not in Kind.values:
        raise BuilderError(_("Choose the kind of question."))
    if not (values.get("text") or "").strip():
        raise BuilderError(_("Write the question."))
    values["code"] = _clean_code(survey, values.get("code", ""), exclude_pk)
    values["required"] = bool(values.get("required"))
    values.setdefault("help_text", "")
    _clean_bounds(values["kind"], values)
    return values


def _yes_no_choices(question: Question, survey: Survey) -> None:
    """Yes/no is stored as two choices, so that results aggregate like any choice."""
    with translation.override(survey.source_language):
        labels = [("yes", capfirst(_("yes"))), ("no", capfirst(_("no")))]
    for position, (value, label) in enumerate(labels):
        Choice.objects.get_or_create(
            question=question, value=value, defaults={"label": label, "position": position}
        )


@transaction.atomic
def add_question(
    section: Section, *, values: dict, condition_question=None, condition_choices=()
) -> Question:
    """A new question at the end of its section (optional only, once answers exist)."""
    section = Section.objects.select_related("survey").get(pk=section.pk)
    survey = section.survey
    values = _question_values(survey, values)
    locked = has_responses(survey)
    if locked and values["required"]:
        raise BuilderError(
            _("The survey already has answers: a new question must be optional (not required).")
        )
    question = Question.objects.create(
        section=section, position=_next_position(section.questions.all()), **values
    )
    if question.kind == Kind.YES_NO:
        _yes_no_choices(question, survey)
    _set_condition(question, condition_question, condition_choices)
    _bump_version(survey)
    return question


def _check_answers_fit(question: Question, values: dict) -> None:
    """Once answers exist, refuse the changes that would make some of them wrong."""
    if values["kind"] != question.kind:
        raise BuilderError(
            _("The survey already has answers: the kind of a question cannot change any more.")
        )
    if question.kind not in BOUNDED_KINDS:
        return
    found = Answer.objects.filter(question=question, number__isnull=False).aggregate(
        low=Min("number"), high=Max("number")
    )
    low, high = values["min_value"], values["max_value"]
    if low is not None and found["low"] is not None and found["low"] < low:
        raise BuilderError(
            _("Answers as low as %(value)s exist: the minimum cannot be above it.")
            % {"value": found["low"]}
        )
    if high is not None and found["high"] is not None and found["high"] > high:
        raise BuilderError(
            _("Answers as high as %(value)s exist: the maximum cannot be below it.")
            % {"value": found["high"]}
        )


def _fit_choices(question: Question, previous_kind: str) -> None:
    """After a change of kind (allowed only without answers), keep the choices coherent."""
    if question.kind == previous_kind:
        return
    if question.kind == Kind.YES_NO or question.kind not in CHOICE_KINDS:
        if question.choices.filter(conditioned_questions__isnull=False).exists():
            raise BuilderError(
                _("Other questions are shown depending on these choices: change them first.")
            )
        _forget_translations(question.section.survey, list(question.choices.all()))
        question.choices.all().delete()
    if question.kind == Kind.YES_NO:
        _yes_no_choices(question, question.section.survey)


@transaction.atomic
def update_question(
    question: Question, *, values: dict, condition_question=None, condition_choices=()
) -> Question:
    question = (
        Question.objects.select_for_update().select_related("section__survey").get(pk=question.pk)
    )
    survey = question.section.survey
    values = _question_values(survey, values, exclude_pk=question.pk)
    if has_responses(survey):
        _check_answers_fit(question, values)
    if values["kind"] not in CHOICE_KINDS and question.dependants.exists():
        raise BuilderError(_("Other questions are shown depending on this one: change them first."))
    before = {field: getattr(question, field) for field in QUESTION_FIELDS}
    for key, value in values.items():
        setattr(question, key, value)
    question.save()
    _fit_choices(question, before["kind"])
    _set_condition(question, condition_question, condition_choices)
    _mark_outdated(question, before, values)
    return question


@transaction.atomic
def delete_question(question: Question) -> None:
    question = Question.objects.select_related("section__survey").get(pk=question.pk)
    if question.answers.exists():
        raise BuilderError(_("This question has answers: it cannot be deleted any more."))
    dependants = list(question.dependants.values_list("code", flat=True))
    if dependants:
        raise BuilderError(
            _("Other questions are shown depending on this one: %(codes)s. Change them first.")
            % {"codes": ", ".join(dependants)}
        )
    _forget_translations(question.section.survey, [question, *question.choices.all()])
    question.delete()


# Display conditions: shown only when an EARLIER choice question got one of some choices.


def _set_condition(question: Question, condition_question, condition_choices) -> None:
    choices = list(condition_choices or ())
    if condition_question is None:
        if choices:
            raise BuilderError(_("Choose the question whose answer shows this one."))
        question.condition_question = None
        question.save(update_fields=["condition_question"])
        question.condition_choices.clear()
        return
    if not choices:
        raise BuilderError(_("Choose the answers that show this question."))
    if any(choice.question_id != condition_question.pk for choice in choices):
        raise BuilderError(_("The answers chosen must be choices of the condition's question."))
    question.condition_question = condition_question
    question.save(update_fields=["condition_question"])
    question.condition_choices.set(choices)
    check_conditions(question.section.survey)


def check_conditions(survey: Survey) -> None:
    """Every condition points to an earlier choice question of the same survey."""
    order = {
        pk: index for index, pk in enumerate(ordered_questions(survey).values_list("pk", flat=True))
    }
    rows = Question.objects.filter(
        section__survey=survey, condition_question__isnull=False
    ).select_related("condition_question")
    for question in rows:
        condition = question.condition_question
        if condition.pk not in order:
            raise BuilderError(
                _("Question %(code)s depends on a question of another survey.")
                % {"code": question.code}
            )
        if order[condition.pk] >= order[question.pk]:
            raise BuilderError(
                _("Question %(code)s may depend only on an earlier question, not on %(other)s.")
                % {"code": question.code, "other": condition.code}
            )
        if condition.kind not in CHOICE_KINDS:
            raise BuilderError(
                _("Question %(code)s may depend only on a choice or yes/no question.")
                % {"code": question.code}
            )


# Choices.


def _choice_values(question: Question, values: dict, exclude_pk: int | None = None) -> dict:
    values = {key: values[key] for key in CHOICE_FIELDS if key in values}
    label = (values.get("label") or "").strip()
    if not label:
        raise BuilderError(_("Write the label of the choice."))
    value = (values.get("value") or "").strip()
    others = set(question.choices.exclude(pk=exclude_pk).values_list("value", flat=True))
    if not value:
        base = slugify(label)[:50] or "choice"
        value, number = base, 2
        while value in others:
            value, number = f"{base}-{number}", number + 1
    elif slugify(value) != value or len(value) > 60:
        raise BuilderError(
            _("A value is made of lowercase letters, digits, hyphens or underscores (60 at most).")
        )
    elif value in others:
        raise BuilderError(
            _("Another choice of this question already has the value “%(value)s”.")
            % {"value": value}
        )
    values["value"] = value
    values["is_other"] = bool(values.get("is_other"))
    if values["is_other"]:
        if question.kind not in (Kind.SINGLE, Kind.MULTIPLE):
            raise BuilderError(_("Only a single or multiple choice question has “other”."))
        if question.choices.exclude(pk=exclude_pk).filter(is_other=True).exists():
            raise BuilderError(_("This question already has an “other, please specify” choice."))
    return values


@transaction.atomic
def add_choice(question: Question, *, values: dict) -> Choice:
    """A new choice, always at the end: existing answers keep their meaning."""
    question = (
        Question.objects.select_for_update().select_related("section__survey").get(pk=question.pk)
    )
    if question.kind not in (Kind.SINGLE, Kind.MULTIPLE):
        raise BuilderError(_("Only single and multiple choice questions take new choices."))
    values = _choice_values(question, values)
    choice = Choice.objects.create(
        question=question, position=_next_position(question.choices.all()), **values
    )
    _bump_version(question.section.survey)
    return choice


@transaction.atomic
def update_choice(choice: Choice, *, values: dict) -> Choice:
    choice = (
        Choice.objects.select_for_update()
        .select_related("question__section__survey")
        .get(pk=choice.pk)
    )
    question = choice.question
    if question.kind == Kind.YES_NO:
        values = {**values, "value": choice.value, "is_other": False}
    values = _choice_values(question, values, exclude_pk=choice.pk)
    if values["value"] != choice.value and has_responses(question.section.survey):
        raise BuilderError(
            _("The survey already has answers: the value of a choice cannot change any more.")
        )
    before = {field: getattr(choice, field) for field in CHOICE_FIELDS}
    for key, value in values.items():
        setattr(choice, key, value)
    choice.save()
    _mark_outdated(choice, before, values)
    return choice


@transaction.atomic
def delete_choice(choice: Choice) -> None:
    choice = Choice.objects.select_related("question__section__survey").get(pk=choice.pk)
    if choice.question.kind == Kind.YES_NO:
        raise BuilderError(_("A yes/no question keeps its two choices."))
    if choice.answers.exists():
        raise BuilderError(_("This choice has answers: it cannot be deleted any more."))
    dependants = list(choice.conditioned_questions.values_list("code", flat=True))
    if dependants:
        raise BuilderError(
            _("Questions are shown depending on this choice: %(codes)s. Change them first.")
            % {"codes": ", ".join(dependants)}
        )
    _forget_translations(choice.question.section.survey, [choice])
    choice.delete()


# Order: move up or down among siblings; conditions must still point backwards.

UP, DOWN = "up", "down"


def _move(obj, siblings, direction: str) -> None:
    if direction not in (UP, DOWN):
        raise BuilderError(_("Move up or down."))
    items = list(siblings.select_for_update())
    index = next(i for i, item in enumerate(items) if item.pk == obj.pk)
    target = index - 1 if direction == UP else index + 1
    if 0 <= target < len(items):
        items[index], items[target] = items[target], items[index]
    # Renumbered each time: positions stay 0, 1, 2… whatever happened before.
    for position, item in enumerate(items):
        if item.position != position:
            type(item).objects.filter(pk=item.pk).update(position=position)


@transaction.atomic
def move_section(section: Section, direction: str) -> None:
    _move(section, section.survey.sections.order_by("position", "pk"), direction)
    check_conditions(section.survey)


@transaction.atomic
def move_question(question: Question, direction: str) -> None:
    _move(question, question.section.questions.order_by("position", "pk"), direction)
    check_conditions(question.section.survey)


@transaction.atomic
def move_choice(choice: Choice, direction: str) -> None:
    _move(choice, choice.question.choices.order_by("position", "pk"), direction)


# Translations: one row per text and language, keyed with texts.text_key.


def translatable_texts(survey: Survey) -> list[tuple[str, object, str, str]]:
    """(key, object, field, source text) of every non-empty text, in the survey's order."""
    sections = list(
        survey.sections.order_by("position", "pk").prefetch_related("questions__choices")
    )
    objects = [survey]
    for section in sections:
        objects.append(section)
        for question in section.questions.all():
            objects.append(question)
            objects.extend(question.choices.all())
    return [
        (text_key(obj, field), obj, field, getattr(obj, field))
        for obj in objects
        for field in TRANSLATED_FIELDS[type(obj)]
        if getattr(obj, field)
    ]


def translation_state(survey: Survey, language: str) -> list[dict]:
    """Each text with its translation and status (missing, outdated, up to date)."""
    rows = {row.key: row for row in survey.translations.filter(language=language)}
    entries = []
    for key, obj, field, source in translatable_texts(survey):
        row = rows.get(key)
        entries.append(
            {
                "key": key,
                "object": obj,
                "field": field,
                "source": source,
                "text": row.text if row else "",
                "status": row.status if row else TranslationStatus.MISSING,
            }
        )
    return entries


def translation_summary(survey: Survey) -> list[dict]:
    """Per language other than the source: how many texts are missing or outdated."""
    keys = {key for key, *_rest in translatable_texts(survey)}
    found: dict[str, dict[str, int]] = {}
    for language, key, status in survey.translations.values_list("language", "key", "status"):
        if key in keys:
            counts = found.setdefault(language, {"done": 0, "outdated": 0})
            counts["outdated" if status == TranslationStatus.OUTDATED else "done"] += 1
    summary = []
    for code, name in settings.LANGUAGES:
        if code == survey.source_language:
            continue
        counts = found.get(code, {"done": 0, "outdated": 0})
        done = counts["done"] + counts["outdated"]
        summary.append(
            {
                "code": code,
                "name": name,
                "outdated": counts["outdated"],
                "missing": len(keys) - done,
                "total": len(keys),
            }
        )
    return summary


@transaction.atomic
def save_translations(survey: Survey, *, language: str, texts: dict[str, str], confirmed=()) -> int:
    """Store the texts of one language; an emptied text is removed (missing again).

    A changed text is up to date; an unchanged outdated one stays outdated unless its key
    is in ``confirmed`` (the coordinator checked it still says the same as the source).
    Returns how many texts the language now has.
    """
    if language not in dict(settings.LANGUAGES):
        raise BuilderError(_("Choose one of the languages of the site."))
    if language == survey.source_language:
        raise BuilderError(_("Edit the survey itself to change the original texts."))
    known = {key for key, *_rest in translatable_texts(survey)}
    unknown = sorted((set(texts) | set(confirmed)) - known)
    if unknown:
        raise BuilderError(
            _("These texts are not part of the survey: %(keys)s.") % {"keys": ", ".join(unknown)}
        )
    rows = {row.key: row for row in survey.translations.filter(language=language)}
    for key, text in texts.items():
        text = (text or "").strip()
        row = rows.get(key)
        if not text:
            if row is not None:
                row.delete()
            continue
        if row is None:
            SurveyTranslation.objects.create(survey=survey, language=language, key=key, text=text)
        elif row.text != text or key in confirmed:
            row.text, row.status = text, TranslationStatus.UP_TO_DATE
            row.save(update_fields=["text", "status", "updated_at"])
    return survey.translations.filter(language=language).count()


# Invitations: personal links for an "invited people only" survey.

MAX_INVITATIONS = 500


@transaction.atomic
def create_invitations(survey: Survey, *, count: int = 0, emails=(), label: str = ""):
    """``count`` anonymous links plus one link per email address."""
    if survey.audience != Survey.Audience.INVITED:
        raise BuilderError(
            _("Invitations are for surveys answered by invited people only: change the audience.")
        )
    emails = list(dict.fromkeys(email.strip().lower() for email in emails if email.strip()))
    total = count + len(emails)
    if total < 1:
        raise BuilderError(_("Ask for at least one invitation."))
    if total > MAX_INVITATIONS:
        raise BuilderError(_("At most %(max)s invitations at once.") % {"max": MAX_INVITATIONS})
    rows = [Invitation(survey=survey, email=email, label=label) for email in emails]
    rows += [Invitation(survey=survey, label=label) for _n in range(count)]
    return Invitation.objects.bulk_create(rows)
