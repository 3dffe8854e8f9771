"""Pages to answer a survey. Thin: the form parses, ``surveys.answering`` writes.

Anonymous drafts are found again through the browser session (the response token is
kept there) or through the resume link, which is the only credential of a person
without an account. A response's token also opens its thank-you page and its copy.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.validators import validate_email
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from surveys import answering, permissions, results
from surveys.forms_answer import AnswerForm, TrackedTexts, field_name, initial_from, other_name
from surveys.models import Invitation, Question, Response, Survey, SurveyTranslation
from surveys.texts import Texts

PER_PAGE = 20
DRAFTS = "surveys_drafts"
ANSWERED = "surveys_answered"


def _texts(survey) -> TrackedTexts:
    return TrackedTexts(Texts(survey, translation.get_language()))


@require_GET
def survey_list(request):
    """Open surveys (except invitation-only ones) and surveys with published results."""
    now = timezone.now()
    accepting = (
        Q(status=Survey.Status.OPEN)
        & (Q(opens_at__isnull=True) | Q(opens_at__lte=now))
        & (Q(closes_at__isnull=True) | Q(closes_at__gt=now))
        & ~Q(audience=Survey.Audience.INVITED)
    )
    published = Q(results_published=True) & ~Q(status=Survey.Status.DRAFT)
    surveys = Survey.objects.filter(accepting | published).order_by("-created_at", "-pk")
    page = Paginator(surveys, PER_PAGE).get_page(request.GET.get("page"))
    # The titles in the reader's language, in one query for the whole page.
    titles = dict(
        SurveyTranslation.objects.filter(
            survey__in=page.object_list, language=translation.get_language(), key="survey:title"
        ).values_list("survey_id", "text")
    )
    for survey in page.object_list:
        survey.shown_title = titles.get(survey.pk) or survey.title
        survey.accepting = survey.is_accepting_answers(now)
    return render(request, "surveys/answer/list.html", {"page": page})


@require_GET
def detail(request, slug):
    survey = permissions.get_survey_for_answer(request.user, slug)
    texts = _texts(survey)
    response = answering.current_response(
        survey, request.user, token=_session_token(request, survey)
    )
    context = {
        "survey": survey,
        "title": texts.get(survey, "title"),
        "introduction": texts.get(survey, "introduction"),
        "fell_back": texts.fell_back,
        "refusal": answering.refusal(survey, request.user),
        "response": response,
        "needs_login": answering.needs_login(survey),
        "question_count": Question.objects.filter(section__survey=survey).count(),
    }
    return render(request, "surveys/answer/detail.html", context)


def _session_token(request, survey) -> str:
    return request.session.get(DRAFTS, {}).get(str(survey.pk), "")


def _remember_draft(request, survey, token: str | None) -> None:
    drafts = dict(request.session.get(DRAFTS, {}))
    if token:
        drafts[str(survey.pk)] = token
    else:
        drafts.pop(str(survey.pk), None)
    request.session[DRAFTS] = drafts


@require_http_methods(["GET", "POST"])
def answer(request, slug):
    survey = permissions.get_survey_for_answer(request.user, slug)
    return _answer_page(request, survey, None)


@require_http_methods(["GET", "POST"])
def answer_invited(request, token):
    invitation = get_object_or_404(Invitation.objects.select_related("survey"), token=token)
    survey = invitation.survey
    if survey.status == Survey.Status.DRAFT and not permissions.can_build(request.user):
        raise Http404
    return _answer_page(request, survey, invitation)


def _answer_page(request, survey, invitation):
    user = request.user
    if answering.needs_login(survey) and not permissions.is_member(user):
        return redirect_to_login(request.get_full_path())
    texts = _texts(survey)
    reason = answering.refusal(survey, user, invitation)
    anonymous_session = not answering.keeps_respondent(survey) and invitation is None
    if not reason and anonymous_session and survey.pk in request.session.get(ANSWERED, []):
        reason = answering.already_answered_message()
    token = _session_token(request, survey)
    response = answering.current_response(survey, user, invitation, token)
    if not reason and response is not None and response.state == Response.State.SUBMITTED:
        reason = answering.already_answered_message()
    if reason:
        # Outside the audience: forbidden. Closed or already answered: a page that says so.
        outside = (
            not answering.closed_reason(survey) and reason != answering.already_answered_message()
        )
        status = 403 if outside else 400 if request.method == "POST" else 200
        return _refused(request, survey, texts, reason, response, status)

    questions = results.load_questions(survey)
    submit = request.POST.get("action") != "save"
    ask_email = not (permissions.is_member(user) and answering.keeps_respondent(survey))
    options = {"questions": questions, "texts": texts, "final": submit, "ask_email": ask_email}
    if request.method == "GET":
        form = AnswerForm(initial=initial_from(response), **options)
        return _form_page(request, survey, texts, questions, form, invitation, response)
    form = AnswerForm(request.POST, **options)
    if not form.is_valid():
        error = _("Some answers need your attention: see the messages below.")
        return _form_page(request, survey, texts, questions, form, invitation, response, error)
    try:
        saved = answering.save_answers(
            survey=survey,
            user=user,
            invitation=invitation,
            token=token,
            language=translation.get_language(),
            rows=form.rows,
            submit=submit,
        )
    except answering.AnswerError as error:
        return _form_page(
            request, survey, texts, questions, form, invitation, response, error.message
        )
    return _after_save(request, survey, saved.response, submit, form, anonymous_session)


def _after_save(request, survey, response, submit, form, anonymous_session):
    if anonymous_session:
        _remember_draft(request, survey, None if submit else response.token)
    if submit:
        if anonymous_session:
            request.session[ANSWERED] = [*request.session.get(ANSWERED, []), survey.pk]
        return redirect("surveys:done", response.token)
    email = form.cleaned_data.get("resume_email")
    if email and answering.send_resume_link(response, email):
        messages.success(request, _("The link to continue later has been emailed to you."))
    messages.success(request, _("Your answers are saved: you can continue later."))
    if response.respondent_id:
        return redirect(request.get_full_path())
    # People without an account see their resume link on the page it leads to.
    return redirect("surveys:resume", response.token)


def _form_page(request, survey, texts, questions, form, invitation, response, error=""):
    sections = []
    for question in questions:
        if not sections or sections[-1]["section"].pk != question.section_id:
            section = question.section
            sections.append(
                {
                    "section": section,
                    "title": texts.get(section, "title"),
                    "description": texts.get(section, "description"),
                    "items": [],
                }
            )
        sections[-1]["items"].append(_item(form, question))
    title = texts.get(survey, "title")
    context = {
        "survey": survey,
        "title": title,
        "sections": sections,
        "form": form,
        "error": error,
        "fell_back": texts.fell_back,
        "draft": response if response and response.state == Response.State.DRAFT else None,
        "has_conditions": any(q.condition_question_id for q in questions),
        "action": request.get_full_path(),
    }
    return render(request, "surveys/answer/form.html", context, status=400 if error else 200)


def _item(form, question) -> dict:
    field = form[field_name(question)]
    other = form[other_name(question)] if other_name(question) in form.fields else None
    return {
        "question": question,
        "field": field,
        "other": other,
        "other_choice": next((str(c.pk) for c in question.choices.all() if c.is_other), ""),
        "condition": f"q{question.condition_question_id}" if question.condition_question_id else "",
        "condition_values": ",".join(str(c.pk) for c in question.condition_choices.all()),
    }


def _refused(request, survey, texts, reason, response, status):
    mine = response if response and permissions.can_see_response(request.user, response) else None
    context = {"survey": survey, "title": texts.get(survey, "title"), "reason": reason}
    context["response"] = mine if mine and mine.state == Response.State.SUBMITTED else None
    return render(request, "surveys/answer/refused.html", context, status=status)


def _response_for(request, token) -> Response:
    response = get_object_or_404(Response.objects.select_related("survey"), token=token)
    if not permissions.can_see_response(request.user, response):
        raise Http404
    return response


@require_GET
def resume(request, token):
    """The resume link: shows itself to be kept, then leads back to the form."""
    response = _response_for(request, token)
    if response.state == Response.State.SUBMITTED:
        return redirect("surveys:done", token)
    if response.respondent_id is None and response.invitation_id is None:
        _remember_draft(request, response.survey, response.token)
    if response.invitation_id:
        target = reverse("surveys:answer_invited", args=[response.invitation.token])
    else:
        target = reverse("surveys:answer", args=[response.survey.slug])
    context = {
        "survey": response.survey,
        "title": _texts(response.survey).get(response.survey, "title"),
        "resume_url": request.build_absolute_uri(),
        "target": target,
    }
    return render(request, "surveys/answer/resume.html", context)


@require_http_methods(["GET", "POST"])
def done(request, token):
    """Thanks, the answers (printable), an emailed copy and a download."""
    response = _response_for(request, token)
    if response.state != Response.State.SUBMITTED:
        return redirect("surveys:resume", token)
    language = translation.get_language()
    rows = answering.summary(response, language)
    title = _texts(response.survey).get(response.survey, "title")
    if request.GET.get("download"):
        return _download(response, title, rows)
    error = ""
    if request.method == "POST":
        email = _copy_address(request)
        if email and answering.send_copy(response, email):
            messages.success(request, _("A copy of your answers has been emailed to you."))
            return redirect("surveys:done", token)
        error = _("Please give a valid email address.") if not email else _("The email failed.")
    context = {"response": response, "title": title, "rows": rows, "error": error}
    return render(request, "surveys/answer/done.html", context, status=400 if error else 200)


def _copy_address(request) -> str:
    email = request.POST.get("email", "").strip()[:254]
    if not email and permissions.is_member(request.user):
        email = request.user.email
    try:
        validate_email(email)
    except ValidationError:
        return ""
    return email


def _download(response, title, rows) -> HttpResponse:
    body = render_to_string("surveys/answer/copy.txt", {"title": title, "rows": rows})
    download = HttpResponse(body, content_type="text/plain; charset=utf-8")
    filename = f"{response.survey.slug}-answers.txt"
    download["Content-Disposition"] = f'attachment; filename="{filename}"'
    return download
