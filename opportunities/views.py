"""Pages of the opportunities board. Thin: forms parse, selectors read, services write."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.html import format_html_join
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from community.models import Profile
from community.services import ensure_profile
from community.visibility import public_name
from opportunities import permissions, selectors, services
from opportunities.forms import ApplicationForm, FilterForm, OpportunityForm, ReviewForm
from opportunities.models import Opportunity
from spaces.rendering import render_markdown


def _with_names(opportunities, viewer):
    """Attach the poster's name as ``viewer`` may see it (the one rule: public_name)."""
    for opportunity in opportunities:
        opportunity.poster_name = public_name(opportunity.author, viewer)
    return opportunities


def _page(request, rows, hydrate=list):
    page = Paginator(rows, selectors.PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = _with_names(hydrate(page.object_list), request.user)
    return page


def _querystring(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def _space_options() -> str:
    """The <option>s of the space filter's suggestions, built in one call: through the
    template engine, thousands of them cost more than the rest of the page."""
    return format_html_join(
        "", '<option value="{}">{}</option>', selectors.spaces_with_opportunities()
    )


@require_GET
def opportunity_list(request):
    form = FilterForm(request.GET or None)
    if request.GET and not form.is_valid():
        page, status = None, 400
    else:
        query = form.to_query() if request.GET else selectors.OpportunityQuery()
        page, status = _page(request, selectors.search(query)), 200
    return render(
        request,
        "opportunities/list.html",
        {
            "form": form,
            "page": page,
            "querystring": _querystring(request),
            "space_options": _space_options(),
        },
        status=status,
    )


@login_required
@require_GET
def for_me(request):
    profile = ensure_profile(request.user)
    has_skills = profile.skills_offered.exists()
    page = None
    if has_skills:
        # Materialised once: the paginator's count and the page would group the rows twice.
        rows = list(selectors.ranked_matches(request.user))
        page = _page(request, rows, selectors.with_matches)
    return render(
        request,
        "opportunities/for_me.html",
        {"page": page, "has_skills": has_skills, "querystring": _querystring(request)},
    )


def _detail(request, opportunity, application_form=None, status=200):
    user = request.user
    applied = user.is_authenticated and opportunity.applications.filter(applicant=user).exists()
    applications = None
    if permissions.can_see_applications(user, opportunity):
        applications = opportunity.applications.select_related("applicant")
    offer_form = permissions.may_apply(user, opportunity) and not applied
    return render(
        request,
        "opportunities/detail.html",
        {
            "opportunity": opportunity,
            "poster_name": public_name(opportunity.author, user),
            "description_html": render_markdown(opportunity.description),
            "skills": opportunity.skills.all(),
            "spaces": opportunity.spaces.all(),
            "is_expired": opportunity.state == Opportunity.State.PUBLISHED
            and opportunity.is_expired(),
            "can_edit": permissions.can_edit(user, opportunity),
            "applied": applied,
            "application_form": application_form or (ApplicationForm() if offer_form else None),
            "applications": applications,
        },
        status=status,
    )


@require_GET
def opportunity_detail(request, pk):
    return _detail(request, permissions.get_for_view(request.user, pk))


@login_required
@require_http_methods(["GET", "POST"])
def opportunity_new(request):
    form = OpportunityForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            opportunity = services.post_opportunity(
                author=request.user,
                values=form.values(),
                skills=form.cleaned_data["skills"],
                spaces=form.cleaned_data["spaces"],
            )
        except services.OpportunityError as error:
            form.add_error(None, str(error))
        else:
            if opportunity.state == Opportunity.State.PUBLISHED:
                messages.success(request, _("Your opportunity is published."))
            else:
                messages.success(
                    request,
                    _("Thank you! A network coordinator will review your opportunity shortly."),
                )
            return redirect(opportunity)
    return render(
        request,
        "opportunities/edit.html",
        {"form": form, "opportunity": None},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def opportunity_edit(request, pk):
    opportunity = permissions.get_for_edit(request.user, pk)
    form = OpportunityForm(request.POST or None, instance=opportunity, user=request.user)
    if request.method == "GET":
        form.initial["skills"] = list(opportunity.skills.all())
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.update_opportunity(
                Opportunity.objects.get(pk=opportunity.pk),
                by=request.user,
                values=form.values(),
                skills=form.cleaned_data["skills"],
                spaces=form.cleaned_data["spaces"],
            )
        except services.OpportunityError as error:
            form.add_error(None, str(error))
        else:
            if saved.state == Opportunity.State.PENDING:
                messages.success(
                    request, _("Your changes will be shown once a coordinator has approved them.")
                )
            else:
                messages.success(request, _("The opportunity has been updated."))
            return redirect(saved)
    return render(
        request,
        "opportunities/edit.html",
        {"form": form, "opportunity": opportunity},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def opportunity_withdraw(request, pk):
    opportunity = permissions.get_for_edit(request.user, pk)
    try:
        services.withdraw(opportunity, by=request.user)
    except services.OpportunityError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The opportunity has been withdrawn."))
    return redirect(opportunity)


@login_required
@require_POST
def opportunity_apply(request, pk):
    opportunity = permissions.get_for_view(request.user, pk)
    form = ApplicationForm(request.POST)
    if form.is_valid():
        try:
            services.apply(
                opportunity, applicant=request.user, message=form.cleaned_data["message"]
            )
        except services.OpportunityError as error:
            messages.error(request, str(error))
            return redirect(opportunity)
        messages.success(request, _("Your application has been sent."))
        return redirect(opportunity)
    return _detail(request, opportunity, application_form=form, status=400)


@login_required
@require_GET
def moderation_queue(request):
    permissions.require_moderator(request.user)
    pending = _with_names(list(selectors.moderation_queue()[:200]), request.user)
    return render(request, "opportunities/moderation.html", {"pending": pending})


@login_required
@require_http_methods(["GET", "POST"])
def moderation_review(request, pk):
    permissions.require_moderator(request.user)
    opportunity = get_object_or_404(
        Opportunity.objects.select_related("author__profile", "on_behalf_of"), pk=pk
    )
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        review = services.approve if form.cleaned_data["decision"] == "approve" else services.reject
        try:
            review(opportunity, reviewer=request.user, note=form.cleaned_data["note"])
        except services.OpportunityError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Your decision has been recorded."))
        return redirect("opportunities:moderation")
    return render(
        request,
        "opportunities/review.html",
        {
            "opportunity": opportunity,
            "poster_name": public_name(opportunity.author, request.user),
            "description_html": render_markdown(opportunity.description),
            "skills": opportunity.skills.all(),
            "form": form,
        },
        status=400 if request.method == "POST" else 200,
    )


# Mail clients send the RFC 8058 one-click POST without any cookie or CSRF token;
# the secret token in the address is the authorisation.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    profile = Profile.objects.filter(email_token=token).first()
    if profile is None:
        return render(request, "opportunities/unsubscribe_unknown.html", status=404)
    services.set_digest_subscription(profile, subscribed=False)
    return render(request, "opportunities/unsubscribed.html", {"token": token})


@require_POST
def resubscribe(request, token):
    profile = Profile.objects.filter(email_token=token).first()
    if profile is None:
        return render(request, "opportunities/unsubscribe_unknown.html", status=404)
    services.set_digest_subscription(profile, subscribed=True)
    return render(
        request, "opportunities/unsubscribed.html", {"token": token, "resubscribed": True}
    )
