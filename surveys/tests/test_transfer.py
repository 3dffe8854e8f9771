"""Import and export of a survey as a file: round trip, every problem reported, atomic."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from surveys import builder, transfer
from surveys.models import Question, Section, Survey, SurveyTranslation
from surveys.texts import text_key

pytestmark = pytest.mark.django_db


def en(name, *args):
    with translation.override("en"):
        return reverse(name, args=args)


@pytest.fixture
def translated(two_section_survey):
    survey = two_section_survey
    work = Question.objects.get(section__survey=survey, code="work")
    builder.save_translations(
        survey,
        language="en",
        texts={
            "survey:title": "Needs of teleworkers",
            text_key(work.section, "title"): "You and your work",
            text_key(work, "text"): "What is your situation?",
            text_key(work.choices.get(value="other"), "label"): "Other situation",
        },
    )
    builder.save_translations(survey, language="es", texts={"survey:title": "Necesidades"})
    builder.update_survey(survey, values={"title": "Besoins (v2)"})  # es and en titles outdated
    return Survey.objects.get(pk=survey.pk)


def without_slug(document):
    document = json.loads(json.dumps(document))
    document["survey"].pop("slug")
    return document


def test_export_import_export_gives_the_same_document(translated, coordinator):
    first = transfer.export_survey(translated)
    assert first["format"] == "maillage-survey" and first["version"] == 1
    assert first["translations"]["es"]["survey:title"] == {
        "text": "Necesidades",
        "status": "outdated",
    }
    days = first["sections"][0]["questions"][2]
    assert days["condition"] == {"question": "remote", "choices": ["yes"]}
    assert (days["min_value"], days["max_value"]) == (0, 7)

    copy = transfer.import_survey(transfer.dumps(first), by=coordinator)
    assert copy.slug != translated.slug and copy.status == Survey.Status.DRAFT
    assert without_slug(transfer.export_survey(copy)) == without_slug(first)


def test_the_command_pair(translated, tmp_path, coordinator):
    path = tmp_path / "survey.json"
    call_command("export_survey", translated.slug, out=str(path))
    call_command("import_survey", str(path))
    copy = Survey.objects.exclude(pk=translated.pk).get()
    assert copy.created_by == coordinator
    assert Question.objects.filter(section__survey=copy).count() == 10
    with pytest.raises(CommandError):
        call_command("export_survey", "no-such-survey")
    path.write_text("{", encoding="utf-8")
    with pytest.raises(CommandError, match="not valid JSON"):
        call_command("import_survey", str(path))
    assert Survey.objects.count() == 2


def good_document(two_section_survey):
    return json.loads(transfer.dumps(transfer.export_survey(two_section_survey)))


def problems_of(document_or_text) -> list[str]:
    raw = document_or_text
    if not isinstance(raw, str | bytes):
        raw = json.dumps(raw)
    with pytest.raises(transfer.TransferError) as error:
        transfer.import_survey(raw, by=None)
    return error.value.problems


def test_every_problem_is_listed_and_nothing_is_created(two_section_survey):
    document = good_document(two_section_survey)
    questions = document["sections"][0]["questions"]
    questions[0]["kind"] = "colour"
    questions[1]["code"] = "commune"  # twice
    questions[2]["condition"] = {"question": "nearby", "choices": ["yes"]}  # later question
    questions[3]["required"] = "yes"
    document["sections"][1]["questions"][0]["choices"][0]["value"] = "printer"
    document["sections"][1]["questions"][0]["choices"][1]["value"] = "printer"
    document["sections"][1]["questions"][1]["max_value"] = "five"
    document["translations"] = {"de": {"question:nobody:text": {"text": "Wer?"}}}
    before = (Survey.objects.count(), Section.objects.count(), Question.objects.count())
    problems = problems_of(document)
    text = " ".join(problems)
    for expected in [
        "“colour” is not one of",
        "the code “commune” is used twice",
        "“nearby” is not an earlier question",
        "sections[1].questions[4].required: expected true or false",
        "the value “printer” is used twice",
        "sections[2].questions[2].max_value: expected a number",
        "translations.de.question:nobody:text: no such text",
    ]:
        assert expected in text, expected
    assert (Survey.objects.count(), Section.objects.count(), Question.objects.count()) == before


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("{", "not valid JSON"),
        ("[]", "one JSON object"),
        (b"\xff\xfe{", "not UTF-8"),
        ('{"format": "maillage-survey", "version": 1, "x": NaN}', "NaN"),
        ("{}", "format: expected"),
        ('{"format": "maillage-survey", "version": 2, "survey": {}}', "only version 1"),
        (" " * (transfer.MAX_BYTES + 1), "larger than 1 MB"),
    ],
)
def test_unreadable_files(raw, expected):
    assert expected in " ".join(problems_of(raw))


def test_wrong_shapes_do_not_crash(two_section_survey):
    document = good_document(two_section_survey)
    document["sections"][0] = "a section"
    document["sections"][1]["questions"] = {"not": "a list"}
    document["survey"]["opens_at"] = "tomorrow"
    document["translations"] = []
    text = " ".join(problems_of(document))
    assert "sections[1]: expected an object" in text
    assert "sections[2].questions: expected a list" in text
    assert "survey.opens_at" in text
    assert "translations: expected an object" in text


def test_yes_no_and_choice_rules(two_section_survey):
    document = good_document(two_section_survey)
    questions = document["sections"][0]["questions"]
    questions[1]["choices"] = [{"value": "oui", "label": "Oui"}]  # remote: yes/no
    questions[3]["choices"] = [{"value": "a", "label": "A"}]  # commune has none
    text = " ".join(problems_of(document))
    assert "“yes” and “no”" in text and "only choice questions have choices" in text


def test_export_and_import_pages(client, coordinator, translated):
    client.force_login(coordinator)
    response = client.get(en("surveys:export", translated.slug))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    upload = SimpleUploadedFile("s.json", response.content, content_type="application/json")
    response = client.post(en("surveys:import"), {"file": upload})
    copy = Survey.objects.exclude(pk=translated.pk).get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{copy.slug}/")
    assert SurveyTranslation.objects.filter(survey=copy).count() == 5

    bad = SimpleUploadedFile("s.json", b'{"format": "other"}', content_type="application/json")
    response = client.post(en("surveys:import"), {"file": bad})
    assert response.status_code == 400
    assert "nothing was created" in response.text and "format: expected" in response.text
    big = SimpleUploadedFile("s.json", b" " * (transfer.MAX_BYTES + 1))
    response = client.post(en("surveys:import"), {"file": big})
    assert response.status_code == 400 and "larger than 1 MB" in response.text
    assert Survey.objects.count() == 2


WEIRD = [None, True, 3.5, -1, "", "x" * 600, [], [1], {}, {"a": 1}]


def _paths(node, path=()):
    yield path
    if isinstance(node, dict | list):
        children = node.items() if isinstance(node, dict) else enumerate(node)
        for key, child in children:
            yield from _paths(child, (*path, key))


def test_any_value_anywhere_gives_a_message_never_a_crash(two_section_survey, coordinator):
    """Every place of a real document, each replaced by values of every JSON type."""
    document = good_document(two_section_survey)
    del document["sections"][1]  # fewer places, same shapes
    paths = [path for path in _paths(document) if path]
    created = 0
    for number, path in enumerate(paths):
        broken = json.loads(json.dumps(document))
        parent = broken
        for key in path[:-1]:
            parent = parent[key]
        parent[path[-1]] = WEIRD[number % len(WEIRD)]
        try:
            transfer.import_survey(json.dumps(broken), by=coordinator)
            created += 1
        except transfer.TransferError as error:
            assert error.problems
    assert Survey.objects.count() == 1 + created
