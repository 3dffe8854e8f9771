"""The running counts of the results page: what a submission adds must equal what a full
recount over every answer gives, and anything that bypasses submissions gets recounted."""

import datetime as dt
import random
from decimal import Decimal

import pytest
from django.urls import reverse

from spaces.places import communes
from surveys import answering, builder, results, tallies
from surveys.models import Answer, Response, TallySet
from surveys.tests.test_results_data import make_survey, respond, sample_answers

pytestmark = pytest.mark.django_db


def submit(survey, values: dict) -> Response:
    """One anonymous response through the answering service, as the form sends it."""
    questions = {q.code: q for q in results.load_questions(survey)}
    saved = answering.save_answers(
        survey=survey, user=None, language="fr", rows=rows(questions, values), submit=True
    )
    return saved.response


def rows(questions: dict, values: dict) -> list[dict]:
    """``values``: code -> cleaned value, or (choices, "other" text) for a multiple one."""
    made = []
    for code, value in values.items():
        other = ""
        if isinstance(value, tuple):
            value, other = value
        for row in answering.rows_for(questions[code], value, other):
            made.append({"question": questions[code], **row})
    return made


def random_values(survey, rng: random.Random, space) -> dict:
    """A plausible response: every kind, blanks, the condition, "other" texts."""
    questions = {q.code: q for q in results.load_questions(survey)}

    def choices(code):
        return list(questions[code].choices.all())

    towns = ["09289", "09122", "23096", "23176", "64445"]
    values = {}
    if rng.random() < 0.9:
        values["country"] = rng.choice(choices("country"))
    picked = rng.sample(choices("equipment"), rng.randint(0, 3))
    other = next((c for c in picked if c.is_other), None)
    if picked:
        values["equipment"] = (picked, "Un four à pain" if other else "")
    training = rng.choice(choices("training") + ["yes", "no", None])
    if training is not None:
        values["training"] = training
        yes = training == "yes" or getattr(training, "value", "") == "yes"
        if yes and rng.random() < 0.8:
            values["rooms"] = Decimal(rng.choice(["1", "2", "2.5", "12"]))
    if rng.random() < 0.7:
        values["mood"] = Decimal(rng.randint(1, 5))
    if rng.random() < 0.6:
        values["opened"] = dt.date(2010 + rng.randint(0, 3), rng.randint(1, 12), 15)
    if rng.random() < 0.4:
        values["needs"] = rng.choice(["Compta", "=SUM(A1)", "Animation"])
    if rng.random() < 0.7:
        values["town"] = communes().get(rng.choice(towns))
    if rng.random() < 0.5:
        values["home"] = space
    return values


def recount(survey, by=None) -> results.Tables:
    questions = results.load_questions(survey)
    return results.raw_tables(results.Scope.of(survey), questions, by)


def stored(survey, by=None) -> results.Tables:
    return tallies.read(TallySet.objects.get(survey=survey, by=by))


def question(survey, code):
    return next(q for q in results.load_questions(survey) if q.code == code)


def test_each_submission_adds_exactly_what_a_full_recount_gives(coordinator, space):
    survey = make_survey(coordinator)
    sample_answers(survey, space=space)  # bulk rows, outside the answering service
    country = question(survey, "country")
    training = question(survey, "training")
    for code in ("", "country", "training"):
        results.compute(survey, "fr", code)
    built = dict(TallySet.objects.filter(survey=survey).values_list("by_id", "pk"))
    assert set(built) == {None, country.pk, training.pk}
    rng = random.Random(7)
    for _ in range(40):
        submit(survey, random_values(survey, rng, space))
    # Drafts never count, submitted or not yet.
    answering.save_answers(
        survey=survey,
        user=None,
        language="fr",
        rows=rows({"country": country}, {"country": country.choices.first()}),
        submit=False,
    )
    for by in (None, country, training):
        assert stored(survey, by) == recount(survey, by)
    # Kept up to date, never rebuilt meanwhile.
    assert dict(TallySet.objects.filter(survey=survey).values_list("by_id", "pk")) == built
    computed = results.compute(survey, "fr", "country")
    assert computed.respondents == 44


def test_answers_changed_behind_the_service_are_recounted(coordinator, space):
    survey = make_survey(coordinator)
    sample_answers(survey, space=space)
    assert results.compute(survey, "fr").respondents == 4
    first = TallySet.objects.get(survey=survey)
    respond(survey, {"country": "es"})  # a bulk load, not a submission
    computed = results.compute(survey, "fr")
    country = next(r for r in computed.questions if r.question.code == "country")
    assert computed.respondents == 5
    assert {row.value: row.count for row in country.rows} == {"fr": 2, "es": 3}
    rebuilt = TallySet.objects.get(survey=survey)
    assert rebuilt.pk != first.pk
    assert stored(survey) == recount(survey)
    # A deleted response is noticed too, even when a submission comes first.
    Response.objects.filter(survey=survey, state=Response.State.SUBMITTED).first().delete()
    submit(survey, {"country": country.question.choices.get(value="fr")})
    assert results.compute(survey, "fr").respondents == 5
    assert not TallySet.objects.filter(pk=rebuilt.pk).exists()
    assert stored(survey) == recount(survey)


def test_a_changed_questionnaire_is_recounted(coordinator, space):
    survey = make_survey(coordinator)
    sample_answers(survey, space=space)
    results.compute(survey, "fr")
    first = TallySet.objects.get(survey=survey)
    builder.add_choice(question(survey, "country"), values={"value": "it", "label": "Italie"})
    computed = results.compute(survey, "fr")
    country = next(r for r in computed.questions if r.question.code == "country")
    assert [row.value for row in country.rows] == ["fr", "es", "it"]
    assert TallySet.objects.get(survey=survey).pk != first.pk


def test_a_new_survey_counts_from_its_first_response(coordinator):
    survey = make_survey(coordinator)
    country = question(survey, "country")
    submit(survey, {"country": country.choices.get(value="es")})
    tally_set = TallySet.objects.get(survey=survey, by=None)
    assert stored(survey) == recount(survey)
    assert tally_set.submitted == 1
    assert Answer.objects.filter(response__survey=survey).count() == 1


def test_results_page_queries_do_not_grow_with_submissions(
    client, coordinator, space, django_assert_max_num_queries
):
    survey = make_survey(coordinator)
    sample_answers(survey, space=space)
    client.force_login(coordinator)
    url = reverse("surveys:results", args=[survey.slug])
    for params in ({}, {"by": "country"}):
        client.get(url, params)  # counts every answer once
    rng = random.Random(3)
    for _ in range(12):
        submit(survey, random_values(survey, rng, space))
    for params in ({}, {"by": "country"}):
        with django_assert_max_num_queries(14):
            assert client.get(url, params).status_code == 200
    assert TallySet.objects.filter(survey=survey).count() == 2
