"""Pages of the community: my profile, member pages and directory, roles, space members.

Views stay thin: forms parse, selectors read, services write, permissions decide.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from community import barter, permissions, selectors, services
from community.forms import EndorsementForm, MemberSearchForm, ProfileForm, RolesForm
from community.models import Endorsement, SpaceMembership
from community.visibility import can_see, profile_view, public_name
from spaces.models import Space


def _member_or_404(pk: int):
    user = get_object_or_404(get_user_model(), pk=pk, is_active=True)
    services.ensure_profile(user)
    return user


@login_required
@require_http_methods(["GET", "POST"])
def me(request):
    profile = services.ensure_profile(request.user)
    form = ProfileForm(request.POST or None, request.FILES or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        services.save_profile(profile, form.profile_values())
        messages.success(request, _("Your profile is saved."))
        return redirect("community:me")
    memberships = request.user.space_memberships.select_related("space").order_by("space__name")
    return render(
        request,
        "community/me.html",
        {
            "form": form,
            "profile": profile,
            "memberships": memberships,
            "balance": barter.balance(request.user),
        },
    )


@require_GET
def member_detail(request, pk):
    user = _member_or_404(pk)
    profile = user.profile
    shown = profile_view(profile, request.user)
    if not shown and request.user.pk != user.pk:
        # Nothing of this member is visible to this viewer: as if the page did not exist.
        raise Http404
    confirmed_spaces = []
    if "home_space" in shown:
        confirmed_spaces = list(
            Space.objects.filter(
                memberships__user=user, memberships__state=SpaceMembership.State.CONFIRMED
            )
        )
    endorsements = (
        Endorsement.objects.filter(recipient=user)
        .select_related("author__profile", "skill")
        .order_by("-created_at")[:20]
    )
    if not can_see(profile, "skills", request.user):
        endorsements = [e for e in endorsements if e.skill_id is None]
    return render(
        request,
        "community/member_detail.html",
        {
            "member": user,
            "profile": profile,
            "shown": shown,
            "name": public_name(user, request.user),
            "confirmed_spaces": confirmed_spaces,
            "balance": barter.balance(user),
            "endorsements": [(e, public_name(e.author, request.user)) for e in endorsements],
            "can_grant": permissions.can_grant_roles(request.user),
            "is_self": request.user.pk == user.pk,
        },
    )


@require_GET
def member_list(request):
    form = MemberSearchForm(request.GET or None)
    page = None
    if not request.GET or form.is_valid():
        data = form.cleaned_data if request.GET else {}
        query = selectors.MemberQuery(
            text=data.get("q") or "",
            skill=data.get("skill"),
            language=data.get("language") or "",
            space=data.get("space"),
            near=data.get("near"),
            km=data.get("km") or 30.0,
        )
        result = selectors.search_members(query, request.user)
        page = selectors.member_page(result, request.GET.get("page"))
        for profile in page.object_list:
            profile.shown = profile_view_card(profile, request.user)
    return render(
        request,
        "community/member_list.html",
        {"form": form, "page": page},
    )


def profile_view_card(profile, viewer) -> dict:
    """What a card of the directory shows (no extra query: skills are prefetched)."""
    card = {"name": public_name(profile.user, viewer)}
    if can_see(profile, "skills", viewer):
        card["skills"] = list(profile.skills_offered.all())
    if can_see(profile, "spaces", viewer):
        card["home_space"] = profile.home_space
    if can_see(profile, "town", viewer) and profile.town:
        card["town"] = profile.town
    if can_see(profile, "languages", viewer):
        card["languages"] = profile.language_codes
    return card


@login_required
@require_http_methods(["GET", "POST"])
def member_roles(request, pk):
    permissions.require(permissions.can_grant_roles(request.user))
    user = _member_or_404(pk)
    initial = {
        "is_coordinator": user.is_coordinator,
        "is_trainer": user.is_trainer,
        "spaces": list(user.managed_spaces.all()),
    }
    form = RolesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.set_roles(
                request.user,
                user,
                coordinator=form.cleaned_data["is_coordinator"],
                trainer=form.cleaned_data["is_trainer"],
                spaces=form.cleaned_data["spaces"],
            )
        except services.CommunityError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Roles updated."))
            return redirect("community:member", pk=user.pk)
    return render(request, "community/roles.html", {"form": form, "member": user})


@login_required
@require_http_methods(["GET", "POST"])
def endorse(request, pk):
    recipient = _member_or_404(pk)
    offered = recipient.profile.skills_offered.all()
    if not can_see(recipient.profile, "skills", request.user):
        offered = offered.none()
    form = EndorsementForm(request.POST or None, offered=offered)
    if request.method == "POST" and form.is_valid():
        try:
            barter.endorse(
                request.user,
                recipient,
                skill=form.cleaned_data["skill"],
                message=form.cleaned_data["message"],
            )
        except services.CommunityError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Thank you for your message."))
            return redirect("community:member", pk=recipient.pk)
    return render(
        request,
        "community/endorse.html",
        {"form": form, "member": recipient, "name": public_name(recipient, request.user)},
    )


@login_required
@require_GET
def space_members(request, slug):
    space = get_object_or_404(Space, slug=slug)
    permissions.require(permissions.can_see_space_members(request.user, space))
    memberships = (
        space.memberships.select_related("user__profile")
        .exclude(state=SpaceMembership.State.DECLINED)
        .order_by("state", "requested_at")
    )
    memberships = list(memberships)
    for membership in memberships:
        membership.name = public_name(membership.user, request.user)
    return render(
        request, "community/space_members.html", {"space": space, "memberships": memberships}
    )


@login_required
@require_POST
def membership_decide(request, pk):
    membership = get_object_or_404(SpaceMembership.objects.select_related("space"), pk=pk)
    permissions.require(permissions.can_decide_membership(request.user, membership))
    confirm = request.POST.get("decision") == "confirm"
    try:
        services.decide_membership(membership, request.user, confirm=confirm)
    except services.CommunityError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Membership confirmed.") if confirm else _("Request declined."))
    return redirect("community:space_members", slug=membership.space.slug)


@login_required
@require_POST
def membership_request(request, slug):
    space = get_object_or_404(Space, slug=slug)
    services.request_membership(request.user, space)
    messages.success(request, _("Your request has been sent to the managers of this space."))
    return redirect("community:me")
