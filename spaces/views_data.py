"""Open data pages: downloads of the directory, and the coordinators' import with a preview."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from spaces import opendata, permissions
from spaces.forms import ImportForm
from spaces.importers import FORMATS, ImportFileError, ImportReport, import_file
from spaces.models import ImportBatch, Space
from spaces.models.import_batch import MAX_IMPORT_BYTES
from spaces.values import EDITABLE_FIELDS
from spaces.views import _search as search_from_request


@require_GET
def export(request, fmt):
    """The list page's results as a download, with the list page's filters."""
    if fmt not in opendata.CONTENT_TYPES:
        raise Http404
    form, result = search_from_request(request)
    if result is None:
        errors = "; ".join(str(e) for errors in form.errors.values() for e in errors)
        return HttpResponse(
            _("Please correct the filters: %(errors)s") % {"errors": errors},
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    source = request.build_absolute_uri(reverse("spaces:open_data"))
    response = StreamingHttpResponse(
        opendata.export_chunks(fmt, result, source=source),
        content_type=opendata.CONTENT_TYPES[fmt],
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="maillage-spaces-{stamp}.{fmt}"'
    response["Link"] = f'<{settings.OPEN_DATA_LICENCE_URL}>; rel="license"'
    return response


@require_GET
def open_data(request):
    columns = [
        ("id", _("Stable identifier: source:identifier")),
        ("slug", _("Address of the page")),
    ]
    columns += [(name, Space._meta.get_field(name).verbose_name) for name in EDITABLE_FIELDS]
    columns += [
        ("networks", _("Slugs of the networks, separated by |")),
        ("short_description_<lang>", _("Short description in a language (fr, en, es…)")),
        ("description_<lang>", _("Description in a language, in Markdown")),
        ("updated_at", _("Date of the last change")),
    ]
    return render(
        request,
        "spaces/open_data.html",
        {
            "licence": settings.OPEN_DATA_LICENCE,
            "licence_url": settings.OPEN_DATA_LICENCE_URL,
            "columns": columns,
            "formats": list(FORMATS),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request):
    """A coordinator uploads a file; a dry run shows what importing it would do."""
    permissions.require_coordinator(request.user)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            form.add_error(
                "file",
                _("The file is larger than %(size)s MB.") % {"size": MAX_IMPORT_BYTES // 2**20},
            )
        else:
            content = upload.read()
            try:
                report = import_file(
                    content,
                    fmt=form.cleaned_data["format"] or None,
                    dry_run=True,
                    user=request.user,
                    filename=upload.name,
                )
            except ImportFileError as exc:
                form.add_error("file", exc.message)
            else:
                batch = ImportBatch.objects.create(
                    uploaded_by=request.user,
                    filename=upload.name[:255],
                    format=report.format,
                    content=content,
                    report=report.to_json(),
                )
                return redirect("spaces:import_preview", pk=batch.pk)
    recent = ImportBatch.objects.select_related("uploaded_by").defer("content", "report")[:10]
    return render(
        request,
        "spaces/import.html",
        {"form": form, "recent": recent, "max_mb": MAX_IMPORT_BYTES // 2**20},
        status=400 if request.method == "POST" else 200,
    )


def _get_batch_for_user(user, pk: int) -> ImportBatch:
    permissions.require_coordinator(user)
    return get_object_or_404(ImportBatch.objects.select_related("uploaded_by"), pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def import_preview(request, pk):
    """The dry run's report; "Confirm" applies the file for real, "Cancel" drops it."""
    batch = _get_batch_for_user(request.user, pk)
    if request.method == "POST":
        action = request.POST.get("action")
        if action not in ("confirm", "cancel"):
            return HttpResponse(_("Unknown action."), status=400, content_type="text/plain")
        if action == "cancel":
            _cancel(batch)
            messages.success(request, _("The import has been cancelled."))
            return redirect("spaces:import")
        if not _apply(batch, request.user):
            messages.error(request, _("This import has already been applied or cancelled."))
        return redirect("spaces:import_preview", pk=batch.pk)
    report = ImportReport.from_json(batch.report)
    return render(
        request,
        "spaces/import_preview.html",
        {
            "batch": batch,
            "report": report,
            "created": report.count("created"),
            "updated": report.count("updated"),
            "unchanged": report.count("unchanged"),
            "rejected": report.count("rejected"),
        },
    )


def _cancel(batch: ImportBatch) -> None:
    # Only a pending batch can be cancelled; its file is no longer needed.
    ImportBatch.objects.filter(pk=batch.pk, state=ImportBatch.State.PENDING).update(
        state=ImportBatch.State.CANCELLED, content=b""
    )


def _apply(batch: ImportBatch, user) -> bool:
    """Run the real import once: a second click finds the batch no longer pending."""
    claimed = ImportBatch.objects.filter(pk=batch.pk, state=ImportBatch.State.PENDING).update(
        state=ImportBatch.State.APPLIED, applied_at=timezone.now()
    )
    if not claimed:
        return False
    content = bytes(ImportBatch.objects.values_list("content", flat=True).get(pk=batch.pk))
    try:
        report = import_file(content, fmt=batch.format, user=user, filename=batch.filename)
    except ImportFileError as exc:
        # The file was read at upload; only a change of the code could make it unreadable.
        ImportBatch.objects.filter(pk=batch.pk).update(report={"error": exc.message})
        return True
    ImportBatch.objects.filter(pk=batch.pk).update(report=report.to_json())
    return True
