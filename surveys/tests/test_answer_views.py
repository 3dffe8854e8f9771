"""Answering through the pages: storage, conditions, drafts, copies and bad input."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from surveys.models import Answer, Response, Survey
from surveys.tests.test_answer_factory import choice, make_survey, translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(coordinator):
    return make_survey(coordinator)


def url(survey, language="en"):
    with translation.override(language):
        return reverse("surveys:answer", args=[survey.slug])


def minimal(survey, **extra):
    """The required answers of someone who does not telework."""
    data = {
        f"q{survey.q['work'].pk}": choice(survey, "work", "freelance"),
        f"q{survey.q['remote'].pk}": choice(survey, "remote", "no"),
        "action": "submit",
    }
    data.update({f"q{survey.q[k].pk}" if k in survey.q else k: v for k, v in extra.items()})
    return data


def counts():
    return Response.objects.count(), Answer.objects.count()


def test_the_form_shows_the_spanish_texts_and_says_which_are_not_translated(client, survey):
    translate(
        survey,
        "es",
        {(survey, "title"): "Sus necesidades", (survey.q["work"], "text"): "¿Su situación?"},
    )
    page = client.get(url(survey, "es"))
    content = page.content.decode()
    assert page.status_code == 200
    assert "Sus necesidades" in content and "¿Su situación?" in content
    # Other texts fall back to French, with a notice.
    assert "Télétravaillez-vous ?" in content
    assert 'id="translation-notice"' in content


def test_a_complete_answer_stores_one_row_per_answer(client, survey, space):
    data = minimal(
        survey,
        work=choice(survey, "work", "other"),
        equipment=[choice(survey, "equipment", "wifi"), choice(survey, "equipment", "other")],
        remote=choice(survey, "remote", "yes"),
        days="4",
        km="12.5",
        since="2024-03-01",
        commune="Lézat-sur-Lèze (09210)",
        space=str(space.pk),
        name="Ana",
        comment="Une fibre, vite.",
    )
    data[f"q{survey.q['work'].pk}_other"] = "Saisonnière"
    data[f"q{survey.q['equipment'].pk}_other"] = "Casier"
    response = client.post(url(survey, "es"), data)
    saved = Response.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("surveys:done", args=[saved.token])
    assert (saved.state, saved.language, saved.version) == ("submitted", "es", survey.version)
    assert saved.respondent is None and saved.submitted_at
    rows = {(a.question.code, a.choice.value if a.choice else None): a for a in saved.answers.all()}
    assert rows[("work", "other")].text == "Saisonnière"
    assert rows[("equipment", "other")].text == "Casier"
    assert ("equipment", "wifi") in rows and ("equipment", "printer") not in rows
    assert rows[("remote", "yes")].number == 1
    assert rows[("days", None)].number == Decimal(4)
    assert rows[("km", None)].number == Decimal("12.5")
    assert rows[("since", None)].date == dt.date(2024, 3, 1)
    assert rows[("commune", None)].text == "09167"
    assert rows[("space", None)].number == space.pk and rows[("space", None)].text == space.slug
    assert rows[("comment", None)].text == "Une fibre, vite."
    assert len(rows) == 11


def test_a_hidden_question_is_neither_required_nor_stored(client, survey):
    client.post(url(survey), minimal(survey, days="3"))
    saved = Response.objects.get()
    assert not saved.answers.filter(question=survey.q["days"]).exists()


def test_a_shown_conditional_question_is_required(client, survey):
    page = client.post(url(survey), minimal(survey, remote=choice(survey, "remote", "yes")))
    assert page.status_code == 400
    assert "This question needs an answer." in page.content.decode()
    assert counts() == (0, 0)


@pytest.mark.parametrize(
    "extra",
    [
        {"work": ""},  # a required answer missing
        {"km": "201"},  # above the maximum
        {"km": "-1"},  # below the minimum
        {"km": "douze"},
        {"remote": "yes", "days": "6"},  # off the scale (the condition is met below)
        {"work": "999999"},  # a choice that does not exist (tampered)
        {"equipment": ["999999"]},
        {"since": "2024-13-45"},
        {"commune": "Atlantide"},
        {"space": "999999"},
        {"name": "x" * 501},
        {"comment": "x" * 5001},
        {"work": "other"},  # "other" without saying what
    ],
)
def test_bad_input_is_refused_and_nothing_is_stored(client, survey, extra):
    extra = dict(extra)
    for code in ("work", "remote"):
        if extra.get(code) in ("other", "yes"):
            extra[code] = choice(survey, code, extra[code])
    page = client.post(url(survey), minimal(survey, **extra))
    assert page.status_code == 400
    assert 'id="form-error"' in page.content.decode()
    assert counts() == (0, 0)


@pytest.mark.parametrize(
    "change",
    [
        {"status": Survey.Status.CLOSED},
        {"closes_at": timezone.now() - dt.timedelta(days=1)},
        {"opens_at": timezone.now() + dt.timedelta(days=1)},
    ],
)
def test_a_survey_that_does_not_accept_answers_refuses_them(client, survey, change):
    Survey.objects.filter(pk=survey.pk).update(**change)
    page = client.post(url(survey), minimal(survey))
    assert page.status_code == 400
    assert 'id="refusal"' in page.content.decode()
    assert counts() == (0, 0)


def test_a_draft_survey_is_not_found_except_by_coordinators(client, survey, coordinator):
    Survey.objects.filter(pk=survey.pk).update(status=Survey.Status.DRAFT)
    assert client.post(url(survey), minimal(survey)).status_code == 404
    client.force_login(coordinator)
    page = client.post(url(survey), minimal(survey))
    assert page.status_code == 400
    assert counts() == (0, 0)


def test_garbage_posts_never_fail(client, survey):
    for data in ({}, {"action": "nonsense"}, {f"q{survey.q['equipment'].pk}": "x", "q0": "1"}):
        assert client.post(url(survey), data).status_code in (302, 400)


def test_a_member_answers_once(client, survey, member):
    survey.anonymous = False
    survey.save()
    client.force_login(member)
    assert client.post(url(survey), minimal(survey)).status_code == 302
    assert Response.objects.get().respondent == member
    before = list(Answer.objects.values_list("pk", flat=True))
    page = client.post(url(survey), minimal(survey, work=choice(survey, "work", "employee")))
    assert page.status_code == 400
    assert "already answered" in page.content.decode()
    assert list(Answer.objects.values_list("pk", flat=True)) == before


def test_an_anonymous_public_survey_stores_no_respondent_even_for_a_member(client, survey, member):
    client.force_login(member)
    client.post(url(survey), minimal(survey))
    assert Response.objects.get().respondent is None
    # The same browser cannot answer twice.
    assert client.post(url(survey), minimal(survey)).status_code == 400
    assert Response.objects.count() == 1


def test_an_anonymous_draft_is_resumed_by_its_link_which_is_emailed(client, survey):
    data = minimal(survey, km="7", action="save", resume_email="ana@example.org")
    data[f"q{survey.q['work'].pk}"] = ""  # required answers may wait for the draft
    page = client.post(url(survey), data)
    draft = Response.objects.get()
    assert draft.state == "draft" and draft.respondent is None
    assert page["Location"] == reverse("surveys:resume", args=[draft.token])
    assert reverse("surveys:resume", args=[draft.token]) in mail.outbox[0].body
    assert mail.outbox[0].to == ["ana@example.org"]
    # The address is nowhere in the database.
    assert not Answer.objects.filter(text__contains="ana@").exists()

    other = type(client)()
    other.get(reverse("surveys:resume", args=[draft.token]))
    form = other.get(url(survey)).content.decode()
    assert 'value="7"' in form and 'id="draft-notice"' in form
    other.post(url(survey), minimal(survey, km="8"))
    draft.refresh_from_db()
    assert draft.state == "submitted"
    assert draft.answers.get(question=survey.q["km"]).number == 8
    assert Response.objects.count() == 1


def test_a_member_resumes_a_draft_from_the_same_page(client, survey, member):
    survey.audience = Survey.Audience.MEMBERS
    survey.save()
    client.force_login(member)
    client.post(url(survey), minimal(survey, name="Mia", action="save"))
    assert Response.objects.get().respondent == member
    assert 'value="Mia"' in client.get(url(survey)).content.decode()


def test_the_thank_you_page_offers_a_copy_by_email_and_a_download(client, survey):
    client.post(url(survey, "es"), minimal(survey, km="12"))
    token = Response.objects.get().token
    with translation.override("es"):
        done = reverse("surveys:done", args=[token])
    page = client.get(done).content.decode()
    assert "Votre situation ?" in page and "Indépendant" in page
    download = client.get(done + "?download=1")
    assert download["Content-Disposition"].startswith("attachment")
    assert "Indépendant" in download.content.decode()
    assert client.post(done, {"email": "ana@example.org"}).status_code == 302
    assert mail.outbox[-1].to == ["ana@example.org"]
    assert "Indépendant" in mail.outbox[-1].body
    assert client.post(done, {"email": "not-an-address"}).status_code == 400


def test_an_invitation_answers_once(client, survey):
    survey.audience = Survey.Audience.INVITED
    survey.save()
    invitation = survey.invitations.create(email="elu@example.org")
    address = reverse("surveys:answer_invited", args=[invitation.token])
    assert client.post(address, minimal(survey)).status_code == 302
    assert Response.objects.get().invitation == invitation
    fresh = type(client)()
    assert fresh.post(address, minimal(survey)).status_code == 400
    assert Response.objects.count() == 1
