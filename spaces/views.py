"""Pages of the directory. Views stay thin: forms parse, selectors read, services write."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from spaces import hours, permissions, selectors, services
from spaces.choices import AMENITY_GROUPS
from spaces.forms import (
    DescriptionForm,
    FilterForm,
    ManagersForm,
    PhotoForm,
    ProposerForm,
    ReviewForm,
    SpaceForm,
)
from spaces.models import Network, Proposal, Space
from spaces.places import communes
from spaces.rendering import render_markdown
from spaces.values import changed_values, current_values


def _filter_form(request) -> FilterForm:
    return FilterForm(
        request.GET or None,
        regions=selectors.facet_values("region"),
        departements=selectors.facet_values("departement"),
        networks=list(Network.objects.all()),
    )


def _search(request):
    """Parse the filters; an invalid form gives no results and its errors."""
    form = _filter_form(request)
    language = get_language()
    if request.GET and not form.is_valid():
        return form, None
    query = form.to_query() if request.GET else selectors.SpaceQuery()
    return form, selectors.search_spaces(query, language)


@require_GET
def space_list(request):
    form, result = _search(request)
    page = None
    if result is not None:
        page = selectors.result_page(result, request.GET.get("page"), get_language())
        for space in page.object_list:
            space.shown_translation, space.is_fallback = selectors.translation_for(
                space, get_language()
            )
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "spaces/list.html",
        {
            "form": form,
            "page": page,
            "result_count": page.paginator.count if page else 0,
            "querystring": params.urlencode(),
            "amenity_groups": AMENITY_GROUPS,
        },
        status=200 if result is not None else 400,
    )


@require_GET
def space_map_data(request):
    """GeoJSON of every located space matching the list's filters."""
    _form, result = _search(request)
    features = []
    if result is not None:
        # reverse() once: calling it for each of thousands of points dominated the response.
        url_of = reverse("spaces:detail", kwargs={"slug": "-"}).removesuffix("-/")
        for slug, name, kind, town, lat, lon in selectors.map_points(result):
            features.append(
                {
                    "type": "Feature",
                    "geometry": {"type": "Point", "coordinates": [lon, lat]},
                    "properties": {
                        "slug": slug,
                        "name": name,
                        "kind": kind,
                        "town": town,
                        "url": f"{url_of}{slug}/",
                    },
                }
            )
    return JsonResponse(
        {"type": "FeatureCollection", "features": features},
        status=200 if result is not None else 400,
    )


@require_GET
def space_detail(request, slug):
    space = get_object_or_404(
        Space.objects.prefetch_related("networks", "photos", "translations", "managers"),
        slug=slug,
    )
    translation, is_fallback = selectors.translation_for(space, get_language())
    last_revision = space.revisions.select_related("user").first()
    return render(
        request,
        "spaces/detail.html",
        {
            "space": space,
            "translation": translation,
            "is_fallback": is_fallback,
            "description_html": render_markdown(translation.description) if translation else "",
            "week": hours.weekly_table(space.opening_hours),
            "open_now": hours.is_open(space.opening_hours, space.timezone),
            "amenity_groups": [
                (label, [name for field, name in group.items() if getattr(space, field)])
                for label, group in AMENITY_GROUPS
            ],
            "last_revision": last_revision,
            "can_edit": permissions.can_edit_space(request.user, space),
        },
    )


@require_GET
def space_history(request, slug):
    space = get_object_or_404(Space, slug=slug)
    revisions = space.revisions.select_related("user")[:100]
    return render(request, "spaces/history.html", {"space": space, "revisions": revisions})


def _description_initial(space: Space | None, language: str) -> dict:
    initial = {"language": language}
    if space is not None:
        translation = space.translations.filter(language=language).first()
        if translation:
            initial["short_description"] = translation.short_description
            initial["description"] = translation.description
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def space_edit(request, slug):
    space = permissions.get_space_for_edit(request.user, slug)
    language = request.GET.get("lang") or request.POST.get("language") or space.source_language
    coordinating = permissions.is_coordinator(request.user)
    if request.method == "POST":
        form = SpaceForm(request.POST, instance=space)
        description = DescriptionForm(request.POST)
        managers = ManagersForm(request.POST) if coordinating else None
        forms_valid = [form.is_valid(), description.is_valid()]
        if managers is not None:
            forms_valid.append(managers.is_valid())
        if all(forms_valid):
            saved = services.space_save(
                space=Space.objects.get(pk=space.pk),
                values=form.values(),
                translations=description.translations(),
                user=request.user,
            )
            if managers is not None:
                services.managers_set(
                    space=saved, users=managers.cleaned_data["managers"], by=request.user
                )
            messages.success(request, _("The space has been updated."))
            return redirect(saved)
    else:
        form = SpaceForm(instance=space)
        description = DescriptionForm(initial=_description_initial(space, language))
        managers = None
        if coordinating:
            names = space.managers.order_by("username").values_list("username", flat=True)
            managers = ManagersForm(initial={"managers": "\n".join(names)})
    return render(
        request,
        "spaces/edit.html",
        {
            "space": space,
            "form": form,
            "description": description,
            "managers": managers,
            "photo_form": PhotoForm(),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["POST"])
def space_photos(request, slug):
    """Add a photo, or delete one (``delete`` = its id), for who may edit the space."""
    space = permissions.get_space_for_edit(request.user, slug)
    if "delete" in request.POST:
        photo = get_object_or_404(space.photos, pk=request.POST.get("delete") or 0)
        services.photo_delete(photo=photo, user=request.user)
        messages.success(request, _("The photo has been deleted."))
        return redirect("spaces:edit", slug=space.slug)
    form = PhotoForm(request.POST, request.FILES)
    if form.is_valid():
        services.photo_add(
            space=space,
            image=form.cleaned_data["image"],
            alt_text=form.cleaned_data["alt_text"],
            user=request.user,
        )
        messages.success(request, _("The photo has been added."))
        return redirect("spaces:edit", slug=space.slug)
    return render(
        request,
        "spaces/edit.html",
        {
            "space": space,
            "form": SpaceForm(instance=space),
            "description": DescriptionForm(
                initial=_description_initial(space, space.source_language)
            ),
            "photo_form": form,
        },
        status=400,
    )


@require_http_methods(["GET", "POST"])
def space_propose(request, slug=None):
    """Anyone proposes a new space, or a correction to an existing one."""
    space = get_object_or_404(Space, slug=slug) if slug else None
    if space is not None and permissions.can_edit_space(request.user, space):
        return redirect("spaces:edit", slug=space.slug)
    language = get_language()
    if request.method == "POST":
        form = SpaceForm(request.POST, instance=Space() if space is None else _copy(space))
        description = DescriptionForm(request.POST)
        proposer = ProposerForm(request.POST)
        if form.is_valid() and description.is_valid() and proposer.is_valid():
            services.proposal_submit(
                space=space,
                values=form.values(),
                translations=description.translations(),
                language=language,
                user=request.user,
                proposer_name=proposer.cleaned_data["proposer_name"],
                proposer_email=proposer.cleaned_data["proposer_email"],
                message=proposer.cleaned_data["message"],
            )
            messages.success(
                request,
                _("Thank you! A network coordinator will review your proposal."),
            )
            return redirect(space if space else "spaces:list")
        status = 400
    else:
        form = SpaceForm(instance=space)
        description = DescriptionForm(initial=_description_initial(space, language))
        proposer = ProposerForm()
        status = 200
    return render(
        request,
        "spaces/propose.html",
        {"space": space, "form": form, "description": description, "proposer": proposer},
        status=status,
    )


def _copy(space: Space) -> Space:
    """A detached copy, so validating a proposal never touches the saved space."""
    return Space.objects.get(pk=space.pk)


@login_required
@require_GET
def moderation_queue(request):
    permissions.require_coordinator(request.user)
    pending = (
        Proposal.objects.filter(state=Proposal.State.PENDING)
        .select_related("space", "proposer")
        .order_by("created_at", "id")[:200]
    )
    recent = (
        Proposal.objects.exclude(state=Proposal.State.PENDING)
        .select_related("space", "reviewed_by")
        .order_by("-reviewed_at")[:20]
    )
    return render(request, "spaces/moderation.html", {"pending": pending, "recent": recent})


@login_required
@require_http_methods(["GET", "POST"])
def moderation_review(request, pk):
    permissions.require_coordinator(request.user)
    proposal = get_object_or_404(Proposal.objects.select_related("space", "proposer"), pk=pk)
    form = ReviewForm(request.POST or None)
    if request.method == "POST":
        if proposal.state != Proposal.State.PENDING:
            messages.error(request, _("This proposal has already been reviewed."))
            return redirect("spaces:moderation")
        if form.is_valid():
            if form.cleaned_data["decision"] == "accept":
                try:
                    space = services.proposal_accept(
                        proposal=proposal, reviewer=request.user, note=form.cleaned_data["note"]
                    )
                except (ValidationError, Network.DoesNotExist) as exc:
                    # The directory changed since the proposal was made.
                    messages.error(
                        request,
                        _("This proposal cannot be applied as it is: %(reason)s")
                        % {"reason": "; ".join(getattr(exc, "messages", [str(exc)]))},
                    )
                    return redirect("spaces:review", pk=proposal.pk)
                messages.success(request, _("Proposal accepted: %(name)s") % {"name": space})
            else:
                services.proposal_reject(
                    proposal=proposal, reviewer=request.user, note=form.cleaned_data["note"]
                )
                messages.success(request, _("Proposal rejected."))
            return redirect("spaces:moderation")
    changes = _proposal_changes(proposal)
    return render(
        request,
        "spaces/review.html",
        {"proposal": proposal, "form": form, "changes": changes},
        status=400 if request.method == "POST" else 200,
    )


def _proposal_changes(proposal: Proposal) -> list[tuple[str, object, object]]:
    """(field label, current value, proposed value) for each field the proposal changes."""
    data = dict(proposal.data)
    translations = data.pop("translations", {})
    current = current_values(proposal.space) if proposal.space else {}
    rows = []
    for key, (now, proposed) in changed_values(current, data).items():
        try:
            label = Space._meta.get_field(key).verbose_name
        except FieldDoesNotExist:
            label = key
        rows.append((label, now, proposed))
    for language, texts in translations.items():
        for field, text in texts.items():
            rows.append((f"{field} [{language}]", "", text))
    return rows


@require_GET
def commune_suggestions(request):
    """Town or postcode suggestions for the "near" field (used without JS by a datalist)."""
    query = request.GET.get("q", "")[:60]
    found = communes().search(query, limit=10) if len(query) >= 2 else []
    return JsonResponse(
        {"results": [{"insee": c.insee, "label": c.label, "name": c.name} for c in found]}
    )
