"""Import and export of a survey as a JSON file, to copy a questionnaire between
platforms or keep it under version control.

The format ("maillage-survey", version 1) is one UTF-8 JSON object::

    {
      "format": "maillage-survey",          // required, exactly this
      "version": 1,                         // required, exactly 1
      "survey": {
        "slug": "besoins-2025",             // a wish: the import makes it unique
        "title": "…",                       // required, ≤ 200 characters
        "introduction": "…",
        "source_language": "fr",            // a language of the site
        "audience": "public",               // public | members | managers | invited
        "anonymous": true,
        "opens_at": "2025-03-01T09:00:00+01:00",   // ISO 8601 or null
        "closes_at": "2025-06-01T09:00:00+02:00"   // after opens_at, or null
      },
      "sections": [                         // in order
        {
          "title": "…", "description": "…",
          "questions": [                    // in order
            {
              "code": "equipment",          // required slug, unique in the survey
              "kind": "multiple",           // single | multiple | yes_no | scale | number
                                            // | date | short_text | long_text | commune | space
              "text": "…", "help_text": "…", "required": false,
              "min_value": 1, "max_value": 5,   // numbers or null (scale, number only)
              "condition": {"question": "uses", "choices": ["yes"]},   // or null: an
                                            // EARLIER single/multiple/yes_no question
              "choices": [                  // single, multiple, yes_no (yes/no: "yes", "no")
                {"value": "printer", "label": "…", "is_other": false}
              ]
            }
          ]
        }
      ],
      "translations": {                     // language → key → text and status
        "en": {
          "survey:title": {"text": "…", "status": "up_to_date"},   // or "outdated"
          "section:1:title": {…},           // sections by their rank, from 1
          "question:equipment:text": {…},   // questions by code
          "choice:equipment:printer:label": {…}   // choices by question code and value
        }
      }
    }

The state of the survey (draft, open, closed), its responses, invitations and results
are never exported. An import always creates a NEW draft survey, all at once: any
problem (bad JSON, wrong types, unknown kind, duplicate codes or values, a condition
on a later or unknown question, a file over 1 MB…) is reported, all problems listed,
and nothing is created.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from spaces.choices import TranslationStatus
from surveys import builder
from surveys.models import Choice, Question, Section, Survey, SurveyTranslation
from surveys.texts import text_key

FORMAT = "maillage-survey"
VERSION = 1
MAX_BYTES = 1024 * 1024
MAX_PROBLEMS = 30
CHOICE_KINDS = builder.CHOICE_KINDS


class TransferError(ValueError):
    """An import refused; ``problems`` lists every reason (translated)."""

    def __init__(self, problems: list[str]):
        self.problems = problems[:MAX_PROBLEMS]
        self.message = _("The file cannot be imported: %(problems)s") % {
            "problems": " ".join(self.problems)
        }
        super().__init__(self.message)


# Export.


def _number(value: Decimal | None):
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _moment(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value else None


def export_survey(survey: Survey) -> dict:
    """The document describing ``survey`` (see the module's docstring)."""
    sections = list(
        survey.sections.order_by("position", "pk").prefetch_related(
            "questions__choices", "questions__condition_choices", "questions__condition_question"
        )
    )
    # Database keys → the file's keys (by rank, code, value).
    file_keys: dict[str, str] = {
        text_key(survey, "title"): "survey:title",
        text_key(survey, "introduction"): "survey:introduction",
    }
    document_sections = []
    for rank, section in enumerate(sections, start=1):
        for field in ("title", "description"):
            file_keys[text_key(section, field)] = f"section:{rank}:{field}"
        questions = []
        for question in section.questions.all():
            for field in ("text", "help_text"):
                file_keys[text_key(question, field)] = f"question:{question.code}:{field}"
            for choice in question.choices.all():
                file_keys[text_key(choice, "label")] = (
                    f"choice:{question.code}:{choice.value}:label"
                )
            questions.append(_export_question(question))
        document_sections.append(
            {"title": section.title, "description": section.description, "questions": questions}
        )
    return {
        "format": FORMAT,
        "version": VERSION,
        "survey": {
            "slug": survey.slug,
            "title": survey.title,
            "introduction": survey.introduction,
            "source_language": survey.source_language,
            "audience": survey.audience,
            "anonymous": survey.anonymous,
            "opens_at": _moment(survey.opens_at),
            "closes_at": _moment(survey.closes_at),
        },
        "sections": document_sections,
        "translations": _export_translations(survey, file_keys),
    }


def _export_question(question: Question) -> dict:
    condition = None
    if question.condition_question is not None:
        condition = {
            "question": question.condition_question.code,
            "choices": sorted(c.value for c in question.condition_choices.all()),
        }
    return {
        "code": question.code,
        "kind": question.kind,
        "text": question.text,
        "help_text": question.help_text,
        "required": question.required,
        "min_value": _number(question.min_value),
        "max_value": _number(question.max_value),
        "condition": condition,
        "choices": [
            {"value": c.value, "label": c.label, "is_other": c.is_other}
            for c in question.choices.all()
        ],
    }


def _export_translations(survey: Survey, file_keys: dict[str, str]) -> dict:
    order = {key: index for index, key in enumerate(file_keys)}
    found: dict[str, list] = {}
    for row in survey.translations.all():
        if row.key in file_keys:  # rows of deleted texts are left behind
            found.setdefault(row.language, []).append(row)
    return {
        language: {
            file_keys[row.key]: {"text": row.text, "status": row.status}
            for row in sorted(found[language], key=lambda r: order[r.key])
        }
        for language in sorted(found)
    }


def dumps(document: dict) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


# Import: check everything first, then create through the builder's services.


class _Checker:
    """Collects the problems of a document instead of stopping at the first."""

    def __init__(self):
        self.problems: list[str] = []

    def add(self, where: str, message: str) -> None:
        self.problems.append(_("%(where)s: %(problem)s") % {"where": where, "problem": message})

    def mapping(self, value, where: str) -> dict:
        if isinstance(value, dict):
            return value
        self.add(where, _("expected an object."))
        return {}

    def array(self, value, where: str) -> list:
        if isinstance(value, list):
            return value
        self.add(where, _("expected a list."))
        return []

    def text(self, data: dict, key: str, where: str, *, max_length: int, required=False) -> str:
        value = data.get(key, "")
        if value is None:
            value = ""
        if not isinstance(value, str):
            self.add(f"{where}.{key}", _("expected a text."))
            return ""
        if required and not value.strip():
            self.add(f"{where}.{key}", _("this text is required."))
        if len(value) > max_length:
            self.add(f"{where}.{key}", _("at most %(max)s characters.") % {"max": max_length})
        return value

    def boolean(self, data: dict, key: str, where: str, default: bool) -> bool:
        value = data.get(key, default)
        if not isinstance(value, bool):
            self.add(f"{where}.{key}", _("expected true or false."))
            return default
        return value

    def decimal(self, data: dict, key: str, where: str) -> Decimal | None:
        value = data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.add(f"{where}.{key}", _("expected a number."))
            return None
        try:
            number = Decimal(str(value)).quantize(Decimal("0.01"))
        except InvalidOperation:
            number = None
        if number is None or abs(number) > builder.BOUND_LIMIT:
            self.add(f"{where}.{key}", _("this number is out of range."))
            return None
        return number

    def moment(self, data: dict, key: str, where: str) -> dt.datetime | None:
        value = data.get(key)
        if value is None:
            return None
        try:
            moment = dt.datetime.fromisoformat(value)
        except (TypeError, ValueError):
            self.add(f"{where}.{key}", _("expected a date and time (ISO 8601) or null."))
            return None
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        return moment

    def choice(self, data: dict, key: str, where: str, allowed, default: str) -> str:
        value = data.get(key, default)
        if value not in allowed:
            self.add(
                f"{where}.{key}",
                _("“%(value)s” is not one of: %(allowed)s.")
                % {"value": value, "allowed": ", ".join(allowed)},
            )
            return default
        return value


class _NotANumber(ValueError):
    pass


def _no_constant(name: str):
    # Python's json accepts NaN and Infinity, which JSON itself does not.
    raise _NotANumber(name)


def parse(raw: bytes | str) -> dict:
    """The document of an uploaded file, or TransferError (size, encoding, JSON)."""
    if isinstance(raw, str):
        raw = raw.encode("utf-8")
    if len(raw) > MAX_BYTES:
        raise TransferError([_("The file is larger than 1 MB.")])
    try:
        document = json.loads(raw.decode("utf-8-sig"), parse_constant=_no_constant)
    except UnicodeDecodeError:
        raise TransferError([_("The file is not UTF-8 text.")]) from None
    except _NotANumber:
        raise TransferError([_("The file holds NaN or Infinity, which are not numbers.")]) from None
    except json.JSONDecodeError as error:
        raise TransferError(
            [
                _("The file is not valid JSON (line %(line)s, column %(column)s).")
                % {"line": error.lineno, "column": error.colno}
            ]
        ) from None
    if not isinstance(document, dict):
        raise TransferError([_("The file must hold one JSON object.")])
    return document


def check(document: dict) -> dict:
    """The cleaned content of a document, or TransferError listing every problem."""
    checker = _Checker()
    if document.get("format") != FORMAT:
        checker.add("format", _("expected “%(format)s”.") % {"format": FORMAT})
    if document.get("version") != VERSION:
        checker.add("version", _("only version %(version)s is known.") % {"version": VERSION})
    survey = _check_survey(checker, checker.mapping(document.get("survey"), "survey"))
    sections = _check_sections(checker, checker.array(document.get("sections", []), "sections"))
    translations = _check_translations(checker, document.get("translations", {}), survey, sections)
    if checker.problems:
        raise TransferError(checker.problems)
    return {"survey": survey, "sections": sections, "translations": translations}


def _check_survey(checker: _Checker, data: dict) -> dict:
    where = "survey"
    values = {
        "title": checker.text(data, "title", where, max_length=200, required=True),
        "introduction": checker.text(data, "introduction", where, max_length=20000),
        "source_language": checker.choice(
            data, "source_language", where, [code for code, _n in settings.LANGUAGES], "fr"
        ),
        "audience": checker.choice(
            data, "audience", where, Survey.Audience.values, Survey.Audience.PUBLIC
        ),
        "anonymous": checker.boolean(data, "anonymous", where, True),
        "opens_at": checker.moment(data, "opens_at", where),
        "closes_at": checker.moment(data, "closes_at", where),
    }
    if values["opens_at"] and values["closes_at"] and values["closes_at"] <= values["opens_at"]:
        checker.add(f"{where}.closes_at", _("the survey must close after it opens."))
    slug = checker.text(data, "slug", where, max_length=120)
    return {"values": values, "slug": slug}


def _check_sections(checker: _Checker, rows: list) -> list[dict]:
    sections, seen = [], {}  # seen: code → kind and choice values, in the order met
    for rank, row in enumerate(rows, start=1):
        where = f"sections[{rank}]"
        data = checker.mapping(row, where)
        questions = []
        for number, question in enumerate(
            checker.array(data.get("questions", []), f"{where}.questions"), start=1
        ):
            questions.append(
                _check_question(
                    checker,
                    checker.mapping(question, f"{where}.questions[{number}]"),
                    seen,
                    f"{where}.questions[{number}]",
                )
            )
        sections.append(
            {
                "values": {
                    "title": checker.text(data, "title", where, max_length=200, required=True),
                    "description": checker.text(data, "description", where, max_length=20000),
                },
                "questions": questions,
            }
        )
    return sections


def _check_question(checker: _Checker, data: dict, seen: dict, where: str) -> dict:
    code = checker.text(data, "code", where, max_length=40, required=True)
    if code and slugify(code) != code:
        checker.add(f"{where}.code", _("use lowercase letters, digits, hyphens or underscores."))
    if code in seen:
        checker.add(f"{where}.code", _("the code “%(code)s” is used twice.") % {"code": code})
    kind = checker.choice(data, "kind", where, Question.Kind.values, "")
    values = {
        "code": code,
        "kind": kind,
        "text": checker.text(data, "text", where, max_length=500, required=True),
        "help_text": checker.text(data, "help_text", where, max_length=500),
        "required": checker.boolean(data, "required", where, False),
        "min_value": checker.decimal(data, "min_value", where),
        "max_value": checker.decimal(data, "max_value", where),
    }
    if kind:
        try:
            builder._clean_bounds(kind, values)
        except builder.BuilderError as error:
            checker.add(where, error.message)
    choices = _check_choices(checker, data, kind, where)
    condition = _check_condition(checker, data.get("condition"), seen, where)
    seen.setdefault(code, (kind, {c["value"] for c in choices}))
    return {"values": values, "choices": choices, "condition": condition}


def _check_choices(checker: _Checker, data: dict, kind: str, where: str) -> list[dict]:
    rows = checker.array(data.get("choices", []), f"{where}.choices")
    if kind and kind not in CHOICE_KINDS and rows:
        checker.add(f"{where}.choices", _("only choice questions have choices."))
        return []
    choices, values = [], set()
    for number, row in enumerate(rows, start=1):
        place = f"{where}.choices[{number}]"
        row = checker.mapping(row, place)
        value = checker.text(row, "value", place, max_length=60, required=True)
        if value and slugify(value) != value:
            checker.add(
                f"{place}.value", _("use lowercase letters, digits, hyphens or underscores.")
            )
        if value in values:
            checker.add(
                f"{place}.value", _("the value “%(value)s” is used twice.") % {"value": value}
            )
        values.add(value)
        is_other = checker.boolean(row, "is_other", place, False)
        if is_other and kind not in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
            checker.add(f"{place}.is_other", _("only single or multiple choices have “other”."))
        choices.append(
            {
                "value": value,
                "label": checker.text(row, "label", place, max_length=300, required=True),
                "is_other": is_other,
            }
        )
    if sum(c["is_other"] for c in choices) > 1:
        checker.add(f"{where}.choices", _("at most one “other, please specify” choice."))
    if kind == Question.Kind.YES_NO and rows and values != {"yes", "no"}:
        checker.add(f"{where}.choices", _("a yes/no question has the choices “yes” and “no”."))
    return choices


def _check_condition(checker: _Checker, data, seen: dict, where: str) -> dict | None:
    if data is None:
        return None
    where = f"{where}.condition"
    data = checker.mapping(data, where)
    code = data.get("question")
    if not isinstance(code, str) or code not in seen:
        checker.add(
            where,
            _("“%(code)s” is not an earlier question of the survey.") % {"code": code},
        )
        return None
    kind, values = seen[code]
    if kind not in CHOICE_KINDS:
        checker.add(where, _("the condition's question must be a choice or yes/no question."))
    chosen = checker.array(data.get("choices"), f"{where}.choices")
    wrong = [str(value) for value in chosen if not isinstance(value, str) or value not in values]
    if wrong or not chosen:
        checker.add(
            f"{where}.choices",
            _("choose among the choices of “%(code)s”: %(values)s.")
            % {"code": code, "values": ", ".join(sorted(values))},
        )
    return {"question": code, "choices": chosen}


def _check_translations(checker: _Checker, data, survey: dict, sections: list) -> dict:
    data = checker.mapping(data, "translations")
    keys = {"survey:title", "survey:introduction"}
    for rank, section in enumerate(sections, start=1):
        keys |= {f"section:{rank}:title", f"section:{rank}:description"}
        for question in section["questions"]:
            code = question["values"]["code"]
            keys |= {f"question:{code}:text", f"question:{code}:help_text"}
            keys |= {f"choice:{code}:{c['value']}:label" for c in question["choices"]}
            if question["values"]["kind"] == Question.Kind.YES_NO and not question["choices"]:
                keys |= {f"choice:{code}:yes:label", f"choice:{code}:no:label"}
    languages = {code for code, _n in settings.LANGUAGES}
    statuses = [TranslationStatus.UP_TO_DATE, TranslationStatus.OUTDATED]
    cleaned = {}
    for language, texts in data.items():
        where = f"translations.{language}"
        if language not in languages or language == survey["values"]["source_language"]:
            checker.add(where, _("not a language to translate this survey into."))
            continue
        cleaned[language] = {}
        for key, entry in checker.mapping(texts, where).items():
            place = f"{where}.{key}"
            if key not in keys:
                checker.add(place, _("no such text in the survey."))
                continue
            entry = checker.mapping(entry, place)
            text = checker.text(entry, "text", place, max_length=20000, required=True)
            status = checker.choice(entry, "status", place, statuses, statuses[0])
            cleaned[language][key] = (text, status)
    return cleaned


@transaction.atomic
def import_survey(raw: bytes | str, *, by) -> Survey:
    """A new draft survey from a file's content; TransferError and nothing created if not."""
    content = check(parse(raw))
    try:
        return _create(content, by)
    except builder.BuilderError as error:  # a last guard: check() should have said it
        transaction.set_rollback(True)
        raise TransferError([error.message]) from None


def _create(content: dict, by) -> Survey:
    survey = builder.create_survey(
        by=by, values=content["survey"]["values"], slug=content["survey"]["slug"]
    )
    file_keys = {"survey:title": "survey:title", "survey:introduction": "survey:introduction"}
    questions: dict[str, Question] = {}
    for rank, data in enumerate(content["sections"], start=1):
        section = builder.add_section(survey, values=data["values"])
        for field in ("title", "description"):
            file_keys[f"section:{rank}:{field}"] = text_key(section, field)
        for item in data["questions"]:
            question = _create_question(section, item, questions)
            code = question.code
            for field in ("text", "help_text"):
                file_keys[f"question:{code}:{field}"] = text_key(question, field)
            for choice in question.choices.all():
                file_keys[f"choice:{code}:{choice.value}:label"] = text_key(choice, "label")
    SurveyTranslation.objects.bulk_create(
        SurveyTranslation(
            survey=survey, language=language, key=file_keys[key], text=text, status=status
        )
        for language, texts in content["translations"].items()
        for key, (text, status) in texts.items()
    )
    return survey


def _create_question(section: Section, item: dict, questions: dict) -> Question:
    condition, condition_choices = None, ()
    if item["condition"]:
        condition = questions[item["condition"]["question"]]
        condition_choices = list(condition.choices.filter(value__in=item["condition"]["choices"]))
    question = builder.add_question(
        section,
        values=item["values"],
        condition_question=condition,
        condition_choices=condition_choices,
    )
    if question.kind == Question.Kind.YES_NO:
        # The file's labels replace the automatic ones (same values "yes" and "no").
        for data in item["choices"]:
            Choice.objects.filter(question=question, value=data["value"]).update(
                label=data["label"]
            )
        order = [data["value"] for data in item["choices"]]
        for position, value in enumerate(order):
            Choice.objects.filter(question=question, value=value).update(position=position)
    else:
        for data in item["choices"]:
            builder.add_choice(question, values=data)
    questions[question.code] = question
    return question
