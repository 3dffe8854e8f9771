"""Pages of the skill barter: posts, suggestions, exchanges and balances, and the
network's knowledge-economy page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from community import barter, knowledge, permissions, selectors, services
from community.forms import BarterPostForm, ExchangeForm
from community.models import BarterPost, Exchange, Skill
from community.views import _member_or_404
from community.visibility import public_name
from spaces.models import Space
from spaces.rendering import render_markdown


@require_GET
def post_list(request):
    kind = request.GET.get("kind", "")
    if kind not in BarterPost.Kind.values:
        kind = ""
    skill = Skill.objects.filter(key=request.GET.get("skill", "")).first()
    posts = selectors.open_posts(kind, skill)
    page = Paginator(posts, 20).get_page(request.GET.get("page"))
    for post in page.object_list:
        post.author_name = public_name(post.author, request.user)
    return render(
        request,
        "community/post_list.html",
        {
            "page": page,
            "kind": kind,
            "skill": skill,
            "kinds": BarterPost.Kind.choices,
            "skills": Skill.objects.order_by("key"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def post_new(request):
    services.ensure_profile(request.user)
    form = BarterPostForm(
        request.POST or None,
        initial={
            "kind": request.GET.get("kind", BarterPost.Kind.REQUEST),
            "language": get_language(),
        },
    )
    if request.method == "POST" and form.is_valid():
        post = barter.create_post(request.user, **form.cleaned_data)
        messages.success(request, _("Your post is online. Here are members who could answer."))
        return redirect("community:post", pk=post.pk)
    return render(request, "community/post_form.html", {"form": form})


@require_GET
def post_detail(request, pk):
    post = get_object_or_404(
        BarterPost.objects.select_related("skill", "author__profile"), pk=pk, author__is_active=True
    )
    is_author = request.user.pk == post.author_id
    suggestions = []
    if is_author and post.state == BarterPost.State.OPEN:
        suggestions = selectors.suggest_members(post, request.user)
        for suggestion in suggestions:
            suggestion.name = public_name(suggestion.profile.user, request.user)
    return render(
        request,
        "community/post_detail.html",
        {
            "post": post,
            "author_name": public_name(post.author, request.user),
            "description": render_markdown(post.description),
            "is_author": is_author,
            "can_close": permissions.can_close_post(request.user, post),
            "suggestions": suggestions,
        },
    )


@login_required
@require_POST
def post_close(request, pk):
    post = get_object_or_404(BarterPost, pk=pk)
    permissions.require(permissions.can_close_post(request.user, post))
    barter.close_post(post)
    messages.success(request, _("The post is closed."))
    return redirect("community:post", pk=post.pk)


@login_required
@require_http_methods(["GET", "POST"])
def exchange_new(request, pk):
    """Record an exchange with member ``pk`` (optionally about a post: ?post=)."""
    other = _member_or_404(pk)
    post = None
    if request.GET.get("post", "").isdigit():
        post = BarterPost.objects.filter(pk=request.GET["post"]).first()
    initial = {}
    if post is not None:
        initial["skill"] = post.skill_id
        gave = (post.kind == BarterPost.Kind.REQUEST) != (post.author_id == request.user.pk)
        initial["direction"] = ExchangeForm.GAVE if gave else ExchangeForm.RECEIVED
    form = ExchangeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            barter.record_exchange(
                request.user,
                other,
                recorder_gave=data["direction"] == ExchangeForm.GAVE,
                skill=data["skill"],
                hours=data["hours"],
                note=data["note"],
                post=post,
            )
        except services.CommunityError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("The exchange is recorded; it counts once the other member confirms.")
            )
            return redirect("community:exchanges")
    return render(
        request,
        "community/exchange_form.html",
        {
            "form": form,
            "other": other,
            "other_name": public_name(other, request.user),
            "post": post,
        },
    )


@login_required
@require_GET
def exchange_list(request):
    page = Paginator(selectors.exchanges_of(request.user), 30).get_page(request.GET.get("page"))
    for exchange in page.object_list:
        exchange.other = exchange.other_side(request.user)
        exchange.other_name = public_name(exchange.other, request.user)
        exchange.i_gave = exchange.giver_id == request.user.pk
        exchange.can_answer = permissions.can_answer_exchange(request.user, exchange)
    return render(
        request,
        "community/exchange_list.html",
        {"page": page, "balance": barter.balance(request.user)},
    )


@login_required
@require_POST
def exchange_answer(request, pk):
    exchange = get_object_or_404(Exchange, pk=pk)
    if not permissions.can_see_exchange(request.user, exchange):
        permissions.require(False)
    if not permissions.can_answer_exchange(request.user, exchange):
        messages.error(request, _("You cannot answer this exchange."))
        return redirect("community:exchanges")
    confirm = request.POST.get("decision") == "confirm"
    try:
        barter.answer_exchange(exchange, confirm=confirm)
    except services.CommunityError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Exchange confirmed.") if confirm else _("Exchange declined."))
    return redirect("community:exchanges")


@require_GET
def knowledge_page(request):
    space = None
    if request.GET.get("space"):
        space = Space.objects.filter(slug=request.GET["space"]).first()
    series = knowledge.monthly_hours(space)
    return render(
        request,
        "community/knowledge.html",
        {
            "space": space,
            "figures": knowledge.figures(space),
            "top_skills": knowledge.top_skills(space),
            "per_space": knowledge.per_space() if space is None else [],
            "bars": knowledge.bar_chart(series),
            "chart_width": knowledge.CHART_WIDTH,
            "chart_height": knowledge.CHART_HEIGHT,
            "spaces": knowledge.spaces_involved(),
        },
    )
