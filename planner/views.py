"""Pages of the planner. Views stay thin: the form checks, services compute, runs store."""

from __future__ import annotations

import json

from django.contrib import messages
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from planner import documents, permissions, services
from planner.forms import PlannerForm
from planner.models import PlanRun, RunStatus
from planner.svgmap import plan_svg
from planner.territories import find_territories


@require_http_methods(["GET", "POST"])
def planner_index(request):
    """The form; a GET with parameters pre-fills it (a link can carry a question)."""
    if request.method == "POST":
        form = PlannerForm(request.POST)
        if form.is_valid():
            territory = form.cleaned_data["territory"]
            if territory.communes > services.INLINE_COMMUNES and permissions.queue_is_full():
                messages.error(
                    request, _("Too many plans are waiting to be computed; try again later.")
                )
            else:
                run = services.start_run(
                    territory,
                    form.cleaned_data["strategy"],
                    form.parameters(),
                    user=request.user,
                )
                return redirect("planner:run", pk=run.pk)
    else:
        form = PlannerForm(request.GET or None) if "territory" in request.GET else PlannerForm()
    return render(request, "planner/index.html", {"form": form})


@require_GET
def territory_suggestions(request):
    """Départements and EPCI matching what is typed, for the territory field."""
    found = find_territories(request.GET.get("q", "")[:100])
    return JsonResponse(
        {"results": [{"key": t.key, "label": t.label, "communes": t.communes} for t in found]}
    )


@require_GET
def run_detail(request, pk):
    """A run's page: progress while it computes, then the map, figures and downloads."""
    run = get_object_or_404(PlanRun, pk=pk)
    context = documents.run_context(run)
    context["can_delete"] = permissions.can_delete_run(request.user, run)
    if run.status == RunStatus.DONE:
        context["svg"] = plan_svg(run.geojson)
    return render(request, "planner/run.html", context)


@require_GET
def run_status(request, pk):
    run = get_object_or_404(PlanRun, pk=pk)
    return JsonResponse(
        {"status": run.status, "progress": run.progress, "step": run.step, "error": run.error}
    )


@require_POST
def run_delete(request, pk):
    run = get_object_or_404(PlanRun, pk=pk)
    if not permissions.can_delete_run(request.user, run):
        return HttpResponse(_("You may not delete this plan."), status=403)
    run.delete()
    messages.success(request, _("The plan was deleted."))
    return redirect("planner:index")


def _filename(run: PlanRun, extension: str) -> str:
    return f"maillage-plan-{slugify(run.territory_label) or 'territory'}.{extension}"


def _attachment(response: HttpResponse, run: PlanRun, extension: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{_filename(run, extension)}"'
    return response


@require_GET
def run_download(request, pk, fmt):
    """The run's results as CSV, GeoJSON, summary JSON, a standalone HTML map or a PDF report."""
    run = get_object_or_404(PlanRun, pk=pk)
    if run.status != RunStatus.DONE:
        return HttpResponse(_("This plan has no results yet."), status=409)
    if fmt == "csv":
        response = HttpResponse(run.csv, content_type="text/csv; charset=utf-8")
    elif fmt == "geojson":
        response = HttpResponse(
            json.dumps(run.geojson, ensure_ascii=False), content_type="application/geo+json"
        )
    elif fmt == "json":
        response = HttpResponse(
            json.dumps(run.summary, ensure_ascii=False, indent=2), content_type="application/json"
        )
    elif fmt == "html":
        response = HttpResponse(
            documents.standalone_html(run), content_type="text/html; charset=utf-8"
        )
    elif fmt == "pdf":
        response = HttpResponse(
            documents.pdf_report(run, request.build_absolute_uri(run.get_absolute_url())),
            content_type="application/pdf",
        )
    else:
        raise Http404
    return _attachment(response, run, fmt)
