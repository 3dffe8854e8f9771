"""A coordinator builds a two-section survey with a conditional question (through the
builder's services), someone answers it anonymously in Spanish, and the coordinator
sees the answer in the results and in the raw export."""

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse
from django.utils import translation

from surveys import builder
from surveys.models import Response
from surveys.texts import text_key

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def survey(coordinator):
    survey = builder.create_survey(
        by=coordinator,
        values={"title": "Besoins des télétravailleurs", "source_language": "fr"},
        slug="besoins",
    )
    you = builder.add_section(survey, values={"title": "Votre travail"})
    place = builder.add_section(survey, values={"title": "Votre lieu"})
    work = builder.add_question(
        you,
        values={"code": "work", "kind": "single", "text": "Votre situation ?", "required": True},
    )
    remote = builder.add_choice(work, values={"value": "remote", "label": "Télétravail"})
    builder.add_choice(work, values={"value": "freelance", "label": "Indépendant"})
    days = builder.add_question(
        you,
        values={"code": "days", "kind": "scale", "text": "Jours par semaine ?", "required": True},
        condition_question=work,
        condition_choices=[remote],
    )
    need = builder.add_question(
        place, values={"code": "need", "kind": "multiple", "text": "Ce qui vous manque ?"}
    )
    fibre = builder.add_choice(need, values={"value": "fibre", "label": "La fibre"})
    quiet = builder.add_choice(need, values={"value": "quiet", "label": "Le calme"})
    spanish = {
        (survey, "title"): "Necesidades de los teletrabajadores",
        (you, "title"): "Su trabajo",
        (place, "title"): "Su lugar",
        (work, "text"): "¿Su situación?",
        (remote, "label"): "Teletrabajo",
        (days, "text"): "¿Días por semana?",
        (need, "text"): "¿Qué le falta?",
        (fibre, "label"): "La fibra",
        (quiet, "label"): "La tranquilidad",
    }
    builder.save_translations(
        survey,
        language="es",
        texts={text_key(obj, field): text for (obj, field), text in spanish.items()},
    )
    builder.open_survey(survey)
    survey.refresh_from_db()
    return survey


def test_answer_in_spanish_then_see_the_results_and_the_export(
    browser, live_server, page, survey, coordinator
):
    page.goto(f"/es/surveys/{survey.slug}/answer/")
    assert page.locator("h1").inner_text() == "Necesidades de los teletrabajadores"
    days = page.locator(".question", has_text="¿Días por semana?")
    assert days.is_hidden()
    page.get_by_label("Indépendant").check()  # not translated: shown in French
    assert days.is_hidden()
    page.get_by_label("Teletrabajo").check()
    assert days.is_visible()
    days.get_by_label("4").check()
    page.get_by_label("La fibra").check()
    page.click("#submit-answers")
    page.wait_for_url("**/done/")
    assert page.locator("#thanks").is_visible()
    assert "Teletrabajo" in page.locator("#answers").inner_text()

    response = Response.objects.get()
    assert (response.state, response.language, response.respondent) == ("submitted", "es", None)
    assert sorted(response.answers.values_list("question__code", flat=True)) == [
        "days",
        "need",
        "work",
    ]

    # allauth lets only verified addresses log in.
    EmailAddress.objects.get_or_create(
        user=coordinator, email=coordinator.email, defaults={"verified": True, "primary": True}
    )
    other = browser.new_context(base_url=live_server.url, locale="fr-FR")
    hers = other.new_page()
    hers.goto("/fr/accounts/login/")
    hers.fill("#id_login", "cora")
    hers.fill("#id_password", "pw-cora")
    hers.click("main button[type=submit]")
    hers.wait_for_url(lambda url: "/accounts/login/" not in url)
    # Results and export belong to the results pages (their own tests check the figures).
    with translation.override("fr"):
        results = reverse("surveys:results", args=[survey.slug])
        export = reverse("surveys:export_csv", args=[survey.slug])
    hers.goto(results)
    assert "Votre situation ?" in hers.locator("main").inner_text()
    csv_text = hers.request.get(live_server.url + export).text()
    assert "remote" in csv_text or "Télétravail" in csv_text
    assert "fibre" in csv_text or "La fibre" in csv_text
    other.close()
