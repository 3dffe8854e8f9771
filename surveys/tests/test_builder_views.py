"""The builder's pages: who may use them (every role, every page that changes data), what
they store, and bad input answered with a clear message and nothing stored."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from surveys import builder, transfer
from surveys.models import Choice, Invitation, Question, Section, Survey
from surveys.texts import text_key

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "member", "manager", "trainer", "coordinator"]


def en(name, *args, **kwargs):
    with translation.override("en"):
        return reverse(name, args=args, kwargs=kwargs or None)


def q(survey, code):
    return Question.objects.get(section__survey=survey, code=code)


def snapshot(survey):
    survey.refresh_from_db()
    return (
        json.dumps(transfer.export_survey(survey), sort_keys=True),
        survey.status,
        Survey.objects.count(),
        Invitation.objects.count(),
        list(Question.objects.values_list("position", flat=True)),
    )


def _file(survey):
    data = transfer.dumps(transfer.export_survey(survey)).encode()
    return SimpleUploadedFile("survey.json", data, content_type="application/json")


def _extra_section(survey):
    # The two sections of the fixture cannot swap: "equipment" depends on "work".
    return builder.add_section(survey, values={"title": "Pour finir"})


# Each action: (url, POST data) built from the survey.
ACTIONS = {
    "new": lambda s: (en("surveys:new"), {"title": "Nouveau", "source_language": "fr",
                                          "audience": "public"}),
    "edit": lambda s: (en("surveys:edit", s.slug), {"title": "Renamed", "source_language": "fr",
                                                    "audience": "public", "anonymous": "on"}),
    "open": lambda s: (en("surveys:open", s.slug), {}),
    "section_add": lambda s: (en("surveys:section_add", s.slug), {"title": "Plus"}),
    "section_edit": lambda s: (
        en("surveys:section_edit", s.slug, s.sections.first().pk), {"title": "Autre titre"}),
    "section_delete": lambda s: (en("surveys:section_delete", s.slug, s.sections.last().pk), {}),
    "section_move": lambda s: (
        en("surveys:section_move", s.slug, _extra_section(s).pk, "up"), {}),
    "question_add": lambda s: (
        en("surveys:question_add", s.slug, s.sections.first().pk),
        {"kind": "short_text", "text": "Votre métier ?"}),
    "question_edit": lambda s: (
        en("surveys:question_edit", s.slug, q(s, "name").pk),
        {"kind": "short_text", "text": "Votre nom", "code": "name"}),
    "question_delete": lambda s: (en("surveys:question_delete", s.slug, q(s, "name").pk), {}),
    "question_move": lambda s: (en("surveys:question_move", s.slug, q(s, "name").pk, "up"), {}),
    "choice_add": lambda s: (
        en("surveys:choice_add", s.slug, q(s, "equipment").pk), {"label": "Café"}),
    "choice_edit": lambda s: (
        en("surveys:choice_edit", s.slug, q(s, "equipment").choices.first().pk),
        {"label": "Imprimante 3D", "value": "printer"}),
    "choice_delete": lambda s: (
        en("surveys:choice_delete", s.slug, q(s, "equipment").choices.first().pk), {}),
    "choice_move": lambda s: (
        en("surveys:choice_move", s.slug, q(s, "equipment").choices.last().pk, "up"), {}),
    "translate": lambda s: (en("surveys:translate", s.slug, "en"), {"survey:title": "Needs"}),
    "invitations": lambda s: (en("surveys:invitations", s.slug), {"count": "3"}),
    "import": lambda s: (en("surveys:import"), {"file": _file(s)}),
}  # fmt: skip


@pytest.fixture(params=ROLES)
def role(request):
    return request.param


@pytest.fixture
def actor(role, request, space, trainer):
    return None if role == "anonymous" else request.getfixturevalue(role)


@pytest.fixture
def survey(two_section_survey):
    two_section_survey.audience = Survey.Audience.INVITED
    two_section_survey.save()
    return two_section_survey


@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_only_coordinators_change_surveys(client, role, actor, survey, action):
    url, data = ACTIONS[action](survey)
    before = snapshot(survey)
    if actor is not None:
        client.force_login(actor)
    response = client.post(url, data)
    if role == "anonymous":
        assert response.status_code == 302 and en("account_login") in response["Location"]
    elif role != "coordinator":
        assert response.status_code == 403
    if role != "coordinator":
        assert snapshot(survey) == before
        return
    assert response.status_code == 302, response.content.decode()[:2000]
    assert snapshot(survey) != before


@pytest.mark.parametrize(
    "name", ["builder_list", "new", "import", "edit", "export", "translate", "invitations"]
)
def test_only_coordinators_see_the_builder_pages(client, role, actor, survey, name):
    args = {"builder_list": [], "new": [], "import": [], "translate": [survey.slug, "es"]}.get(
        name, [survey.slug]
    )
    if actor is not None:
        client.force_login(actor)
    response = client.get(en(f"surveys:{name}", *args))
    expected = {"anonymous": 302, "coordinator": 200}.get(role, 403)
    assert response.status_code == expected


def test_close_is_for_coordinators(client, role, actor, survey):
    client.force_login(survey.created_by)
    client.post(en("surveys:open", survey.slug))
    client.logout()
    if actor is not None:
        client.force_login(actor)
    client.post(en("surveys:close", survey.slug))
    survey.refresh_from_db()
    assert survey.status == ("closed" if role == "coordinator" else "open")


@pytest.fixture
def cora(client, coordinator):
    client.force_login(coordinator)
    return client


def test_a_coordinator_builds_a_survey_page_by_page(cora):
    response = cora.post(
        en("surveys:new"),
        {"title": "Besoins en Ariège", "source_language": "fr", "audience": "members"},
    )
    survey = Survey.objects.get()
    assert response["Location"] == en("surveys:edit", survey.slug)
    cora.post(en("surveys:section_add", survey.slug), {"title": "Vous"})
    section = Section.objects.get()
    cora.post(
        en("surveys:question_add", survey.slug, section.pk),
        {"kind": "yes_no", "text": "Télétravaillez-vous ?", "code": "remote", "required": "on"},
    )
    remote = Question.objects.get()
    yes = remote.choices.get(value="yes")
    response = cora.post(
        en("surveys:question_add", survey.slug, section.pk),
        {
            "kind": "number",
            "text": "Combien de jours ?",
            "min_value": "0",
            "max_value": "7",
            "condition_question": remote.pk,
            "condition_choices": [yes.pk],
        },
    )
    assert response.status_code == 302
    days = Question.objects.get(code="q2")
    assert days.condition_question == remote and list(days.condition_choices.all()) == [yes]
    page = cora.get(en("surveys:edit", survey.slug))
    assert "Shown only if the answer to remote is one of:" in page.text
    assert "Once answers come in" in page.text
    response = cora.post(en("surveys:open", survey.slug), follow=True)
    assert "The survey is open." in response.text


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"kind": "scale", "text": "Note", "min_value": "1", "max_value": "20"}, "from 0 to 10"),
        ({"kind": "number", "text": "N", "min_value": "5", "max_value": "1"}, "greater than"),
        ({"kind": "colour", "text": "N"}, "Select a valid choice"),
        ({"kind": "date", "text": "N", "code": "work"}, "already has the code"),
        ({"kind": "date", "text": "N", "code": "Not a slug"}, "Enter a valid"),
        ({"kind": "date", "text": ""}, "This field is required"),
        ({"kind": "date", "text": "N", "min_value": "abc"}, "Enter a number"),
    ],
)
def test_bad_questions_are_explained_and_not_stored(cora, two_section_survey, data, error):
    survey = two_section_survey
    count = Question.objects.count()
    response = cora.post(en("surveys:question_add", survey.slug, survey.sections.first().pk), data)
    assert response.status_code == 400
    assert error in response.text
    assert Question.objects.count() == count


def test_a_condition_on_a_later_question_is_not_offered(cora, two_section_survey):
    survey = two_section_survey
    work, equipment = q(survey, "work"), q(survey, "equipment")
    url = en("surveys:question_edit", survey.slug, work.pk)
    response = cora.post(
        url,
        {
            "kind": "single",
            "text": work.text,
            "code": "work",
            "condition_question": equipment.pk,
            "condition_choices": [equipment.choices.first().pk],
        },
    )
    assert response.status_code == 400 and "Select a valid choice" in response.text
    response = cora.post(
        en("surveys:question_edit", survey.slug, q(survey, "comments").pk),
        {
            "kind": "long_text",
            "text": "Autre chose ?",
            "code": "comments",
            "condition_question": work.pk,
            "condition_choices": [q(survey, "remote").choices.first().pk],
        },
    )
    assert response.status_code == 400
    assert "must be choices of the condition" in response.text
    assert q(survey, "comments").condition_question is None


def test_refusals_come_back_as_messages(cora, two_section_survey, add_response):
    survey = two_section_survey
    add_response(survey, {"equipment": ["printer"]})
    printer = q(survey, "equipment").choices.get(value="printer")
    response = cora.post(en("surveys:choice_delete", survey.slug, printer.pk), follow=True)
    assert "This choice has answers" in response.text
    response = cora.post(
        en("surveys:choice_edit", survey.slug, printer.pk), {"label": "Imp", "value": "imp"}
    )
    assert response.status_code == 400 and "value of a choice cannot change" in response.text
    assert Choice.objects.filter(pk=printer.pk, value="printer").exists()
    response = cora.post(en("surveys:question_move", survey.slug, q(survey, "days").pk, "up"))
    assert response.status_code == 302
    response = cora.post(en("surveys:open", survey.slug))  # fine: not a refusal
    assert cora.post(en("surveys:question_move", survey.slug, 1, "sideways")).status_code == 404


def test_the_translation_page_lists_every_text_and_its_state(cora, two_section_survey):
    survey = two_section_survey
    work = q(survey, "work")
    url = en("surveys:translate", survey.slug, "en")
    response = cora.post(url, {text_key(work, "text"): "What is your situation?"})
    assert response.status_code == 302
    cora.post(
        en("surveys:question_edit", survey.slug, work.pk),
        {"kind": "single", "text": "Votre situation ?", "code": "work", "required": "on"},
    )
    page = cora.get(url)
    assert "Quelle est votre situation" not in page.text  # the source shown is the new one
    assert "Votre situation ?" in page.text and "What is your situation?" in page.text
    assert "1 outdated" in page.text.replace("\n", " ") and "Still correct" in page.text
    key = text_key(work, "text")
    cora.post(url, {key: "What is your situation?", f"confirm-{key}": "on"})
    assert "0 outdated" in cora.get(url).text.replace("\n", " ")
    edit = cora.get(en("surveys:edit", survey.slug)).text.replace("\n", " ")
    assert "English</a>:" in edit and "0 outdated" in edit and "French</a>" not in edit
    assert cora.get(en("surveys:translate", survey.slug, "fr")).status_code == 404
    assert cora.get(en("surveys:translate", survey.slug, "xx")).status_code == 404


def test_invitation_links_are_listed(cora, survey):
    response = cora.post(
        en("surveys:invitations", survey.slug),
        {"count": "1", "emails": "ana@example.org\nnot an email", "label": "élus"},
    )
    assert response.status_code == 400 and "not an email" in response.text
    cora.post(en("surveys:invitations", survey.slug), {"count": "2", "emails": "ana@example.org"})
    page = cora.get(en("surveys:invitations", survey.slug))
    for invitation in Invitation.objects.all():
        assert invitation.token in page.text
    assert Invitation.objects.count() == 3


def test_the_edit_page_has_a_bounded_number_of_queries(
    cora, survey_factory, django_assert_max_num_queries
):
    small = survey_factory(structure=False)
    big = survey_factory()
    for survey in (small, big):
        with django_assert_max_num_queries(20):
            assert cora.get(en("surveys:edit", survey.slug)).status_code == 200
    with django_assert_max_num_queries(12):
        assert cora.get(en("surveys:builder_list")).status_code == 200
