"""Results pages, the infographic and the exports. Thin: permissions decide, results and
infographic compute, exports write."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from surveys import exports, infographic, permissions, results
from surveys.forms_results import HeadlineForm, PublishForm
from surveys.models import Headline, Question
from surveys.texts import Texts

TEXTS_PER_PAGE = 25


@require_GET
def results_page(request, slug):
    survey = permissions.get_survey_for_results(request.user, slug)
    by_code = request.GET.get("by", "").strip()
    error = ""
    try:
        computed = results.compute(survey, get_language(), by_code)
    except results.ResultsError as exc:
        # The page still shows the whole results, with the reason the split was refused.
        error = exc.message
        computed = results.compute(survey, get_language())
    context = {
        "survey": survey,
        "title": Texts(survey, get_language()).get(survey, "title"),
        "results": computed,
        "by_options": [r for r in computed.questions if r.question.kind in results.BY_KINDS],
        "by_code": by_code,
        "error": error,
        "can_export": permissions.can_export_raw(request.user, survey),
        "can_edit_infographic": permissions.can_edit_infographic(request.user, survey),
    }
    return render(request, "surveys/results/results.html", context, status=400 if error else 200)


@require_GET
def results_texts(request, slug, code):
    survey = permissions.get_survey_for_results(request.user, slug)
    question = get_object_or_404(Question, section__survey=survey, code=code)
    texts = Texts(survey, get_language())
    page = Paginator(results.text_answers(question), TEXTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "surveys/results/texts.html",
        {
            "survey": survey,
            "title": texts.get(survey, "title"),
            "question": question,
            "question_text": texts.get(question, "text"),
            "page": page,
            "querystring": "",
        },
    )


@require_GET
def infographic_page(request, slug):
    item = permissions.get_infographic_for_view(request.user, slug)
    survey = item.survey
    scope = results.Scope.of(survey)
    return render(
        request,
        "surveys/results/infographic.html",
        {
            "survey": survey,
            "title": Texts(survey, get_language()).get(survey, "title"),
            "infographic": item,
            "figures": infographic.figures(survey, infographic.headlines(item), scope),
            "can_edit": permissions.can_edit_infographic(request.user, survey),
            "respondents": scope.submitted,
        },
    )


@require_http_methods(["GET", "POST"])
def infographic_edit(request, slug):
    survey = permissions.get_survey_for_infographic_edit(request.user, slug)
    language = get_language()
    form = HeadlineForm(request.POST or None, survey=survey, language=language)
    if request.method == "POST" and form.is_valid():
        try:
            infographic.add_headline(survey=survey, **form.cleaned_data)
        except infographic.InfographicError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Headline figure added."))
            return redirect("surveys:infographic_edit", slug=survey.slug)
    item = infographic.infographic_of(survey)
    return render(
        request,
        "surveys/results/infographic_edit.html",
        {
            "survey": survey,
            "title": Texts(survey, language).get(survey, "title"),
            "infographic": item,
            "figures": infographic.figures(survey, infographic.headlines(item)),
            "form": form,
        },
        status=400 if form.errors else 200,
    )


def _headline(request, slug, pk) -> Headline:
    survey = permissions.get_survey_for_infographic_edit(request.user, slug)
    return get_object_or_404(Headline, pk=pk, infographic__survey=survey)


@require_POST
def headline_delete(request, slug, pk):
    infographic.delete_headline(_headline(request, slug, pk))
    messages.success(request, _("Headline figure removed."))
    return redirect("surveys:infographic_edit", slug=slug)


@require_POST
def headline_move(request, slug, pk):
    headline = _headline(request, slug, pk)
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        messages.error(request, _("Unknown direction: move a figure up or down."))
    else:
        infographic.move_headline(headline, direction)
    return redirect("surveys:infographic_edit", slug=slug)


@require_POST
def infographic_publish(request, slug):
    survey = permissions.get_survey_for_infographic_edit(request.user, slug)
    form = PublishForm(request.POST)
    form.is_valid()  # a lone optional checkbox: always valid
    published = form.cleaned_data.get("published", False)
    try:
        infographic.publish(survey, published)
    except infographic.InfographicError as exc:
        messages.error(request, exc.message)
    else:
        if published:
            messages.success(request, _("The infographic and the results are public."))
        else:
            messages.success(request, _("The infographic and the results are private again."))
    return redirect("surveys:infographic_edit", slug=slug)


@require_GET
def export_csv(request, slug):
    survey = permissions.get_survey_for_export(request.user, slug)
    return exports.raw_csv(survey, permissions.can_see_identity(request.user, survey))


@require_GET
def export_xlsx(request, slug):
    survey = permissions.get_survey_for_export(request.user, slug)
    return exports.raw_xlsx(survey, permissions.can_see_identity(request.user, survey))


@require_GET
def export_aggregates_csv(request, slug):
    survey = permissions.get_survey_for_export(request.user, slug)
    return exports.aggregates_csv(survey, get_language())


@require_GET
def export_aggregates_xlsx(request, slug):
    survey = permissions.get_survey_for_export(request.user, slug)
    return exports.aggregates_xlsx(survey, get_language())
