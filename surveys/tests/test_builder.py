"""The builder's services: kinds, codes, bounds, conditions, order, choices, translations."""

from decimal import Decimal

import pytest
from django.utils import translation

from spaces.choices import TranslationStatus
from surveys import builder
from surveys.models import Choice, Question, Survey, SurveyTranslation
from surveys.texts import Texts, text_key

pytestmark = pytest.mark.django_db
Kind = Question.Kind


def q(survey, code):
    return Question.objects.get(section__survey=survey, code=code)


def refused(call, *args, contains="", **kwargs):
    with pytest.raises(builder.BuilderError) as error:
        call(*args, **kwargs)
    assert contains in error.value.message
    return error.value.message


def test_the_fixture_builds_every_kind_in_order(two_section_survey):
    survey = two_section_survey
    codes = list(builder.ordered_questions(survey).values_list("code", flat=True))
    assert codes == [
        "work", "remote", "days", "commune", "equipment", "nearby", "space", "start", "name",
        "comments",
    ]  # fmt: skip
    assert {question.kind for question in builder.ordered_questions(survey)} == set(Kind.values)
    assert [c.value for c in q(survey, "work").choices.all()] == ["freelance", "employee", "other"]
    assert q(survey, "days").condition_question == q(survey, "remote")
    assert survey.status == Survey.Status.DRAFT and survey.version == 1


def test_yes_no_gets_its_two_choices_in_the_source_language(survey_factory):
    survey = survey_factory(structure=False, source_language="en")
    section = builder.add_section(survey, values={"title": "About you"})
    with translation.override("fr"):
        question = builder.add_question(
            section, values={"kind": Kind.YES_NO, "text": "Do you telework?"}
        )
    assert [(c.value, c.label) for c in question.choices.all()] == [("yes", "Yes"), ("no", "No")]
    refused(builder.add_choice, question, values={"label": "Maybe"})
    refused(builder.delete_choice, question.choices.first(), contains="two choices")


def test_codes_are_automatic_and_unique(survey_factory):
    survey = survey_factory(structure=False)
    section = builder.add_section(survey, values={"title": "S"})
    first = builder.add_question(section, values={"kind": Kind.SHORT_TEXT, "text": "A"})
    second = builder.add_question(section, values={"kind": Kind.SHORT_TEXT, "text": "B"})
    assert (first.code, second.code) == ("q1", "q2")
    refused(
        builder.add_question,
        section,
        values={"kind": Kind.DATE, "text": "C", "code": "q1"},
        contains="already has the code",
    )
    refused(builder.add_question, section, values={"kind": Kind.DATE, "text": "C", "code": "Q 1"})
    refused(builder.add_question, section, values={"kind": "colour", "text": "C"})
    refused(builder.add_question, section, values={"kind": Kind.DATE, "text": "  "})
    assert Question.objects.filter(section=section).count() == 2


@pytest.mark.parametrize(
    ("kind", "low", "high", "ok"),
    [
        (Kind.SCALE, None, None, True),  # 1–5 by default
        (Kind.SCALE, 0, 10, True),
        (Kind.SCALE, 1, 11, False),
        (Kind.SCALE, 5, 1, False),
        (Kind.SCALE, Decimal("1.5"), 5, False),
        (Kind.SCALE, 1, None, False),
        (Kind.NUMBER, None, 100, True),
        (Kind.NUMBER, 10, 10, False),
        (Kind.NUMBER, 0, Decimal("1e12"), False),
    ],
)
def test_bounds(survey_factory, kind, low, high, ok):
    section = builder.add_section(survey_factory(structure=False), values={"title": "S"})
    values = {"kind": kind, "text": "How much?", "min_value": low, "max_value": high}
    if not ok:
        refused(builder.add_question, section, values=values)
        return
    question = builder.add_question(section, values=values)
    if low is None and kind == Kind.SCALE:
        assert (question.min_value, question.max_value) == (1, 5)


def test_bounds_are_dropped_for_other_kinds(survey_factory):
    section = builder.add_section(survey_factory(structure=False), values={"title": "S"})
    question = builder.add_question(
        section, values={"kind": Kind.SHORT_TEXT, "text": "Name", "min_value": 3}
    )
    assert question.min_value is None


def test_conditions_must_point_to_an_earlier_choice_question(two_section_survey):
    survey = two_section_survey
    work, remote, days = q(survey, "work"), q(survey, "remote"), q(survey, "days")
    comments = q(survey, "comments")
    values = {"kind": Kind.LONG_TEXT, "text": "Why?", "code": "why"}
    section = work.section
    # On a later question.
    refused(
        builder.update_question,
        remote,
        values={"kind": Kind.YES_NO, "text": remote.text, "code": "remote"},
        condition_question=days,
        condition_choices=[],
    )
    refused(
        builder.update_question,
        work,
        values={"kind": Kind.SINGLE, "text": work.text, "code": "work"},
        condition_question=remote,
        condition_choices=list(remote.choices.all()),
        contains="earlier",
    )
    # On a question that is not a choice question.
    refused(
        builder.update_question,
        comments,
        values={"kind": Kind.LONG_TEXT, "text": comments.text, "code": "comments"},
        condition_question=days,
        condition_choices=list(remote.choices.all()),
    )
    # Choices of another question.
    refused(
        builder.add_question,
        section,
        values=values,
        condition_question=work,
        condition_choices=list(remote.choices.all()),
        contains="choices of the condition",
    )
    # No choice at all.
    refused(builder.add_question, section, values=values, condition_question=work)
    assert not Question.objects.filter(code="why").exists()
    ok = builder.add_question(
        section,
        values=values,
        condition_question=work,
        condition_choices=[work.choices.get(value="other")],
    )
    assert list(ok.condition_choices.values_list("value", flat=True)) == ["other"]


def test_a_move_cannot_put_a_question_before_its_condition(two_section_survey):
    survey = two_section_survey
    days = q(survey, "days")
    refused(builder.move_question, days, builder.UP, contains="earlier")
    assert list(days.section.questions.values_list("code", flat=True))[:3] == [
        "work",
        "remote",
        "days",
    ]
    builder.move_question(q(survey, "commune"), builder.UP)
    assert list(days.section.questions.values_list("code", flat=True)) == [
        "work",
        "remote",
        "commune",
        "days",
    ]
    # "equipment" depends on "work": its section cannot come first.
    refused(builder.move_section, q(survey, "equipment").section, builder.UP)


def test_moves_keep_positions_and_stop_at_the_ends(two_section_survey):
    question = q(two_section_survey, "work")
    choices = list(question.choices.all())
    builder.move_choice(choices[1], builder.UP)
    builder.move_choice(choices[1], builder.UP)  # already first
    builder.move_choice(choices[0], builder.DOWN)
    assert list(question.choices.values_list("value", "position")) == [
        ("employee", 0),
        ("other", 1),
        ("freelance", 2),
    ]
    refused(builder.move_choice, choices[0], "sideways")


def test_choice_values_and_other(two_section_survey):
    equipment = q(two_section_survey, "equipment")
    choice = builder.add_choice(equipment, values={"label": "Café équitable"})
    assert choice.value == "cafe-equitable" and choice.position == 4
    refused(builder.add_choice, equipment, values={"label": "Encore", "value": "printer"})
    refused(builder.add_choice, equipment, values={"label": "Encore", "is_other": True})
    refused(builder.add_choice, equipment, values={"label": " "})
    refused(builder.add_choice, q(two_section_survey, "days"), values={"label": "Trois"})
    assert equipment.choices.count() == 5


def test_deleting_what_conditions_use_is_refused(two_section_survey):
    survey = two_section_survey
    refused(builder.delete_question, q(survey, "remote"), contains="days")
    refused(builder.delete_choice, q(survey, "work").choices.get(value="other"))
    refused(builder.delete_section, q(survey, "work").section, contains="equipment")
    builder.delete_question(q(survey, "days"))
    builder.delete_question(q(survey, "remote"))
    assert not Question.objects.filter(code__in=["days", "remote"]).exists()


def test_changing_kind_without_answers_refits_the_choices(two_section_survey):
    nearby = q(two_section_survey, "nearby")
    values = {"kind": Kind.YES_NO, "text": nearby.text, "code": "nearby"}
    builder.update_question(nearby, values=values)
    assert list(nearby.choices.values_list("value", flat=True)) == ["yes", "no"]
    builder.update_question(nearby, values={**values, "kind": Kind.SHORT_TEXT})
    assert not nearby.choices.exists()
    remote = q(two_section_survey, "remote")
    refused(
        builder.update_question,
        remote,
        values={"kind": Kind.NUMBER, "text": remote.text, "code": "remote"},
    )


def test_translations_are_saved_listed_and_outdated(two_section_survey):
    survey = two_section_survey
    work = q(survey, "work")
    freelance = work.choices.get(value="freelance")
    keys = [key for key, *_rest in builder.translatable_texts(survey)]
    assert keys[:3] == ["survey:title", text_key(work.section, "title"), text_key(work, "text")]
    assert "survey:introduction" not in keys  # empty texts are not asked for
    builder.save_translations(
        survey,
        language="en",
        texts={
            "survey:title": "Needs of teleworkers",
            text_key(work, "text"): "What is your situation?",
            text_key(freelance, "label"): "Freelance",
        },
    )
    texts = Texts(survey, "en")
    assert texts.get(work, "text") == "What is your situation?"
    assert texts.get(work, "help_text") == ""
    states = {e["key"]: e["status"] for e in builder.translation_state(survey, "en")}
    assert states[text_key(work, "text")] == TranslationStatus.UP_TO_DATE
    assert states[text_key(q(survey, "remote"), "text")] == TranslationStatus.MISSING

    # The source changes: that text's translation is outdated, the others stay.
    builder.update_question(
        work, values={"kind": Kind.SINGLE, "code": "work", "text": "Votre situation ?"}
    )
    builder.update_choice(freelance, values={"value": "freelance", "label": "Indépendant"})
    states = {e["key"]: e["status"] for e in builder.translation_state(survey, "en")}
    assert states[text_key(work, "text")] == TranslationStatus.OUTDATED
    assert states[text_key(freelance, "label")] == TranslationStatus.UP_TO_DATE
    english = next(s for s in builder.translation_summary(survey) if s["code"] == "en")
    assert english["outdated"] == 1 and english["missing"] == english["total"] - 3

    # Saved unchanged, it stays outdated; confirmed or changed, it is up to date again.
    same = {text_key(work, "text"): "What is your situation?"}
    builder.save_translations(survey, language="en", texts=same)
    rows = dict(SurveyTranslation.objects.filter(survey=survey).values_list("key", "status"))
    assert rows[text_key(work, "text")] == TranslationStatus.OUTDATED
    builder.save_translations(survey, language="en", texts=same, confirmed={*same})
    rows = dict(SurveyTranslation.objects.filter(survey=survey).values_list("key", "status"))
    assert rows[text_key(work, "text")] == TranslationStatus.UP_TO_DATE
    # An emptied text is missing again.
    builder.save_translations(survey, language="en", texts={"survey:title": ""})
    assert not SurveyTranslation.objects.filter(key="survey:title").exists()


def test_translations_refuse_the_source_language_and_unknown_keys(two_section_survey):
    refused(builder.save_translations, two_section_survey, language="fr", texts={})
    refused(builder.save_translations, two_section_survey, language="xx", texts={})
    refused(
        builder.save_translations,
        two_section_survey,
        language="en",
        texts={"question:999999:text": "Hello"},
    )
    assert not SurveyTranslation.objects.exists()


def test_deleting_a_question_forgets_its_translations(two_section_survey):
    survey = two_section_survey
    name = q(survey, "name")
    builder.save_translations(survey, language="es", texts={text_key(name, "text"): "Su nombre"})
    builder.delete_question(name)
    assert not SurveyTranslation.objects.filter(survey=survey).exists()


def test_slugs_are_unique_and_avoid_the_app_paths(survey_factory):
    first = survey_factory(structure=False, title="Manage")
    second = survey_factory(structure=False, title="Manage")
    assert first.slug == "manage-survey" and second.slug == "manage-survey-2"


def test_invitations(survey_factory):
    survey = survey_factory(structure=False)
    refused(builder.create_invitations, survey, count=2, contains="invited")
    survey.audience = Survey.Audience.INVITED
    survey.save()
    made = builder.create_invitations(survey, count=2, emails=["a@example.org", "A@example.org "])
    assert len(made) == 3 and len({i.token for i in made}) == 3
    refused(builder.create_invitations, survey, count=0)
    refused(builder.create_invitations, survey, count=builder.MAX_INVITATIONS + 1)
    assert survey.invitations.count() == 3
    assert Choice.objects.count() == 0
