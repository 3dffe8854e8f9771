"""Pages of the survey builder, for coordinators. Thin: forms parse, surveys.builder and
surveys.transfer decide, every refusal comes back as a translated message."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from surveys import builder, permissions, transfer
from surveys.forms_builder import (
    ChoiceForm,
    ImportForm,
    InvitationForm,
    QuestionForm,
    SectionForm,
    SurveyForm,
    TranslationForm,
)
from surveys.models import Choice, Question, Section, Survey

PER_PAGE = 30


def _require_builder(user) -> None:
    if not permissions.can_build(user):
        raise PermissionDenied


def _status(request, form) -> int:
    return 400 if request.method == "POST" and form.is_bound else 200


def _to_edit(survey: Survey, anchor: str = ""):
    url = reverse("surveys:edit", args=[survey.slug])
    return redirect(f"{url}#{anchor}" if anchor else url)


def _render_form(request, form, *, title: str, survey=None, intro: str = "", multipart=False):
    return render(
        request,
        "surveys/builder/form.html",
        {"form": form, "title": title, "survey": survey, "intro": intro, "multipart": multipart},
        status=_status(request, form),
    )


@login_required
@require_GET
def builder_list(request):
    _require_builder(request.user)
    surveys = Survey.objects.annotate(response_count=Count("responses")).order_by(
        "-created_at", "-pk"
    )
    page = Paginator(surveys, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "surveys/builder/list.html", {"page": page})


@login_required
@require_http_methods(["GET", "POST"])
def survey_new(request):
    _require_builder(request.user)
    form = SurveyForm(request.POST or None, initial={"source_language": get_language()})
    if request.method == "POST" and form.is_valid():
        try:
            survey = builder.create_survey(by=request.user, values=form.values())
        except builder.BuilderError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The survey is saved as a draft: add its questions."))
            return _to_edit(survey)
    return _render_form(request, form, title=_("Create a survey"))


def _structure(survey: Survey) -> list[Section]:
    """Sections → questions → choices and conditions, in a fixed number of queries."""
    questions = Question.objects.select_related("condition_question").prefetch_related(
        "choices", "condition_choices"
    )
    return list(
        survey.sections.order_by("position", "pk").prefetch_related(
            Prefetch("questions", queryset=questions.order_by("position", "pk"))
        )
    )


@login_required
@require_http_methods(["GET", "POST"])
def survey_edit(request, slug):
    """The survey's settings (POST) and its whole questionnaire with the actions."""
    survey = permissions.get_survey_for_build(request.user, slug)
    form = SurveyForm(request.POST or None, instance=survey)
    if request.method == "POST" and form.is_valid():
        try:
            survey = builder.update_survey(survey, values=form.values())
        except builder.BuilderError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The survey has been updated."))
            return _to_edit(survey)
    if form.is_bound:
        survey.refresh_from_db()  # the refused form changed the instance in memory
    return render(
        request,
        "surveys/builder/edit.html",
        {
            "survey": survey,
            "form": form,
            "sections": _structure(survey),
            "response_count": survey.responses.count(),
            "translation_languages": builder.translation_summary(survey),
            "accepting": survey.is_accepting_answers(),
            "answer_url": _answer_url(survey),
            "kinds_with_choices": [Question.Kind.SINGLE, Question.Kind.MULTIPLE],
        },
        status=_status(request, form),
    )


def _answer_url(survey: Survey) -> str:
    try:
        return reverse("surveys:answer", args=[survey.slug])
    except NoReverseMatch:  # the answering pages may not be installed yet
        return f"/{get_language()}/surveys/{survey.slug}/answer/"


def _lifecycle(request, slug, change, done: str):
    survey = permissions.get_survey_for_build(request.user, slug)
    try:
        change(survey)
    except builder.BuilderError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done)
    return _to_edit(survey)


@login_required
@require_POST
def survey_open(request, slug):
    return _lifecycle(request, slug, builder.open_survey, _("The survey is open."))


@login_required
@require_POST
def survey_close(request, slug):
    return _lifecycle(request, slug, builder.close_survey, _("The survey is closed."))


# Sections, questions, choices: add / edit (one form page each), delete and move (POST).


@login_required
@require_http_methods(["GET", "POST"])
def section_add(request, slug):
    survey = permissions.get_survey_for_build(request.user, slug)
    return _section_form(request, survey, None)


@login_required
@require_http_methods(["GET", "POST"])
def section_edit(request, slug, pk):
    survey = permissions.get_survey_for_build(request.user, slug)
    return _section_form(request, survey, get_object_or_404(Section, pk=pk, survey=survey))


def _section_form(request, survey, section):
    form = SectionForm(request.POST or None, instance=section)
    if request.method == "POST" and form.is_valid():
        try:
            if section is None:
                section = builder.add_section(survey, values=form.values())
            else:
                section = builder.update_section(section, values=form.values())
        except builder.BuilderError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The section has been saved."))
            return _to_edit(survey, f"section-{section.pk}")
    title = _("Add a section") if section is None else _("Edit the section")
    return _render_form(request, form, title=title, survey=survey)


@login_required
@require_http_methods(["GET", "POST"])
def question_add(request, slug, pk):
    survey = permissions.get_survey_for_build(request.user, slug)
    section = get_object_or_404(Section, pk=pk, survey=survey)
    return _question_form(request, survey, section, None)


@login_required
@require_http_methods(["GET", "POST"])
def question_edit(request, slug, pk):
    survey = permissions.get_survey_for_build(request.user, slug)
    question = get_object_or_404(Question, pk=pk, section__survey=survey)
    return _question_form(request, survey, question.section, question)


def _question_form(request, survey, section, question):
    form = QuestionForm(request.POST or None, instance=question, survey=survey, section=section)
    if request.method == "POST" and form.is_valid():
        try:
            if question is None:
                question = builder.add_question(section, values=form.values(), **form.condition())
            else:
                question = builder.update_question(
                    question, values=form.values(), **form.condition()
                )
        except builder.BuilderError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The question has been saved."))
            return _to_edit(survey, f"question-{question.pk}")
    title = _("Add a question") if question is None else _("Edit the question")
    intro = ""
    if builder.has_responses(survey):
        intro = _(
            "This survey has answers: you may correct wordings, add optional questions and "
            "choices at the end; changes that would break answers are refused."
        )
    return _render_form(request, form, title=title, survey=survey, intro=intro)


@login_required
@require_http_methods(["GET", "POST"])
def choice_add(request, slug, pk):
    survey = permissions.get_survey_for_build(request.user, slug)
    question = get_object_or_404(Question, pk=pk, section__survey=survey)
    return _choice_form(request, survey, question, None)


@login_required
@require_http_methods(["GET", "POST"])
def choice_edit(request, slug, pk):
    survey = permissions.get_survey_for_build(request.user, slug)
    choice = get_object_or_404(Choice, pk=pk, question__section__survey=survey)
    return _choice_form(request, survey, choice.question, choice)


def _choice_form(request, survey, question, choice):
    form = ChoiceForm(request.POST or None, instance=choice)
    if request.method == "POST" and form.is_valid():
        try:
            if choice is None:
                builder.add_choice(question, values=form.values())
            else:
                builder.update_choice(choice, values=form.values())
        except builder.BuilderError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The choice has been saved."))
            return _to_edit(survey, f"question-{question.pk}")
    title = _("Add a choice") if choice is None else _("Edit the choice")
    intro = _("Question: %(text)s") % {"text": question.text}
    return _render_form(request, form, title=title, survey=survey, intro=intro)


def _change(request, slug, model, pk, change, done: str):
    """Delete or move one object of the survey; a refusal is shown on the edit page."""
    survey = permissions.get_survey_for_build(request.user, slug)
    lookup = {
        Section: "survey",
        Question: "section__survey",
        Choice: "question__section__survey",
    }[model]
    obj = get_object_or_404(model, pk=pk, **{lookup: survey})
    try:
        change(obj)
    except builder.BuilderError as error:
        messages.error(request, error.message)
    else:
        if done:
            messages.success(request, done)
    return _to_edit(survey)


def _direction(direction: str) -> str:
    if direction not in (builder.UP, builder.DOWN):
        raise Http404
    return direction


@login_required
@require_POST
def section_delete(request, slug, pk):
    return _change(
        request, slug, Section, pk, builder.delete_section, _("The section has been deleted.")
    )


@login_required
@require_POST
def section_move(request, slug, pk, direction):
    direction = _direction(direction)
    return _change(request, slug, Section, pk, lambda s: builder.move_section(s, direction), "")


@login_required
@require_POST
def question_delete(request, slug, pk):
    return _change(
        request, slug, Question, pk, builder.delete_question, _("The question has been deleted.")
    )


@login_required
@require_POST
def question_move(request, slug, pk, direction):
    direction = _direction(direction)
    return _change(request, slug, Question, pk, lambda q: builder.move_question(q, direction), "")


@login_required
@require_POST
def choice_delete(request, slug, pk):
    return _change(
        request, slug, Choice, pk, builder.delete_choice, _("The choice has been deleted.")
    )


@login_required
@require_POST
def choice_move(request, slug, pk, direction):
    direction = _direction(direction)
    return _change(request, slug, Choice, pk, lambda c: builder.move_choice(c, direction), "")


# Translations: every text of the survey with its source beside an input.


@login_required
@require_http_methods(["GET", "POST"])
def survey_translate(request, slug, language):
    survey = permissions.get_survey_for_build(request.user, slug)
    languages = dict(settings.LANGUAGES)
    if language not in languages or language == survey.source_language:
        raise Http404
    entries = builder.translation_state(survey, language)
    form = TranslationForm(request.POST or None, entries=entries)
    if request.method == "POST" and form.is_valid():
        try:
            builder.save_translations(
                survey, language=language, texts=form.texts(), confirmed=form.confirmed()
            )
        except builder.BuilderError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The translation has been saved."))
            return redirect("surveys:translate", slug=survey.slug, language=language)
    return render(
        request,
        "surveys/builder/translate.html",
        {
            "survey": survey,
            "form": form,
            "language": language,
            "language_name": languages[language],
            "source_name": languages.get(survey.source_language, survey.source_language),
            "missing": sum(1 for e in entries if e["status"] == "missing"),
            "outdated": sum(1 for e in entries if e["status"] == "outdated"),
        },
        status=_status(request, form),
    )


# Import and export as a file (format in surveys/transfer.py).


@login_required
@require_GET
def survey_export(request, slug):
    survey = permissions.get_survey_for_build(request.user, slug)
    response = HttpResponse(
        transfer.dumps(transfer.export_survey(survey)),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="survey-{survey.slug}.json"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def survey_import(request):
    _require_builder(request.user)
    form = ImportForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        try:
            survey = transfer.import_survey(form.cleaned_data["file"].read(), by=request.user)
        except transfer.TransferError as error:
            problems = error.problems
            form.add_error(None, _("The file cannot be imported; nothing was created."))
        else:
            messages.success(request, _("The survey has been imported as a new draft."))
            return _to_edit(survey)
    return render(
        request,
        "surveys/builder/import.html",
        {"form": form, "problems": problems},
        status=_status(request, form),
    )


# Invitations: personal links for "invited people only" surveys.


def invitation_url(request, token: str) -> str:
    try:
        path = reverse("surveys:answer_invited", args=[token])
    except NoReverseMatch:  # the answering pages may not be installed yet
        path = f"/{get_language()}/surveys/i/{token}/"
    return request.build_absolute_uri(path)


@login_required
@require_http_methods(["GET", "POST"])
def survey_invitations(request, slug):
    survey = permissions.get_survey_for_build(request.user, slug)
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            created = builder.create_invitations(
                survey,
                count=form.cleaned_data.get("count") or 0,
                emails=form.cleaned_data["emails"],
                label=form.cleaned_data["label"],
            )
        except builder.BuilderError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)s invitation created.", "%(count)s invitations created.", len(created)
                )
                % {"count": len(created)},
            )
            return redirect("surveys:invitations", slug=survey.slug)
    invitations = survey.invitations.select_related("response").order_by("-created_at", "-pk")
    page = Paginator(invitations, 100).get_page(request.GET.get("page"))
    rows = [(invitation, invitation_url(request, invitation.token)) for invitation in page]
    return render(
        request,
        "surveys/builder/invitations.html",
        {"survey": survey, "form": form, "page": page, "rows": rows},
        status=_status(request, form),
    )
