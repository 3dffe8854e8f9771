"""Pages of the barcamp. Thin: forms parse, ``events.barcamp`` reads and writes.

``barcamp_context`` feeds the partial ``events/_barcamp.html`` that the event page
includes; the barcamp also has a page of its own, where every action comes back.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from community.visibility import public_name
from events import barcamp, permissions
from events.forms_barcamp import GridForm, MoveForm, ProposalForm, SwapForm
from events.models import Event, SessionProposal, Vote
from events.texts import title_for

PER_PAGE = 50


def _barcamp_event(user, slug: str, *, manage: bool = False) -> Event:
    """The event if ``user`` may see it (or manage it) and it is a barcamp; else 404/403."""
    get = permissions.get_event_for_manage if manage else permissions.get_event_for_view
    event = get(user, slug)
    if event.kind != Event.Kind.BARCAMP:
        raise Http404
    return event


def _proposal(event: Event, pk) -> SessionProposal | None:
    return SessionProposal.objects.filter(event=event, pk=pk).first()


def _back(request, event: Event, name: str = "events:barcamp"):
    """Where the form came from (the event page or the barcamp page), if it is ours."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(reverse(name, args=[event.slug]))


def _refused(request, event: Event, reason: str):
    return render(
        request, "events/barcamp/refused.html", {"event": event, "reason": reason}, status=403
    )


def _run(request, event: Event, change, success: str, back: str = "events:barcamp"):
    """Call a service; a refusal by role is a 403 page, any other refusal a message."""
    try:
        change()
    except barcamp.BarcampRefused as error:
        return _refused(request, event, str(error))
    except barcamp.BarcampError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, success)
    return _back(request, event, back)


def _with_names(proposals, viewer):
    for proposal in proposals:
        proposal.proposer_name = public_name(proposal.proposer, viewer)
    return proposals


def _proposals_page(request, event: Event):
    page = Paginator(barcamp.ranked(event), PER_PAGE).get_page(request.GET.get("proposals"))
    page.object_list = _with_names(list(page.object_list), request.user)
    for rank, proposal in enumerate(page.object_list, start=page.start_index()):
        proposal.rank = rank
    return page


def _grid_rows(event: Event, grid, viewer):
    placed = SessionProposal.objects.filter(event=event, slot__isnull=False).select_related(
        "proposer__profile"
    )
    return barcamp.grid_rows(grid, _with_names(list(placed), viewer))


def barcamp_context(request, event: Event, *, proposal_form=None) -> dict:
    """What ``events/_barcamp.html`` shows of ``event`` to this reader; {} if no barcamp."""
    if event.kind != Event.Kind.BARCAMP:
        return {}
    user = request.user
    closed = barcamp.closed_reason(event)
    manager = permissions.can_manage(user, event)
    taking_part = manager or permissions.can_take_part_in_barcamp(user, event)
    active = taking_part and not closed
    page = _proposals_page(request, event)
    my_votes = set()
    if active:
        my_votes = set(
            Vote.objects.filter(proposal__event=event, voter=user).values_list(
                "proposal_id", flat=True
            )
        )
    for proposal in page.object_list:
        mine = proposal.proposer_id == user.pk
        proposal.voted = proposal.pk in my_votes
        proposal.may_vote = active and not mine
        proposal.may_withdraw = proposal.slot is None and (manager or (mine and not closed))
    grid = barcamp.grid_of(event)
    rows = _grid_rows(event, grid, user) if grid else []
    filled = any(cell.proposal for _label, row in rows for cell in row)
    return {
        "barcamp": {
            "event": event,
            "page": page,
            "closed": closed,
            "taking_part": taking_part,
            "manager": manager,
            "form": (proposal_form or ProposalForm()) if active else None,
            "rooms": grid.room_list if grid else [],
            "rows": rows if filled else [],
        }
    }


@require_GET
def barcamp_page(request, slug):
    event = _barcamp_event(request.user, slug)
    context = {"event": event, "title": title_for(event, get_language())}
    context.update(barcamp_context(request, event))
    return render(request, "events/barcamp/page.html", context)


@login_required
@require_POST
def propose(request, slug):
    event = _barcamp_event(request.user, slug)
    if not permissions.can_take_part_in_barcamp(request.user, event):
        return _refused(
            request, event, _("Only people registered to this event may propose sessions and vote.")
        )
    form = ProposalForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        return _run(
            request,
            event,
            lambda: barcamp.propose(
                event, by=request.user, title=data["title"], description=data["description"]
            ),
            _("Your session is proposed. Thank you!"),
        )
    context = {"event": event, "title": title_for(event, get_language())}
    context.update(barcamp_context(request, event, proposal_form=form))
    return render(request, "events/barcamp/page.html", context, status=400)


def _on_proposal(request, slug, pk, change, success):
    event = _barcamp_event(request.user, slug)
    proposal = _proposal(event, pk)
    if proposal is None:
        messages.error(request, _("This proposal no longer exists."))
        return _back(request, event)
    return _run(request, event, lambda: change(proposal, by=request.user), success)


@login_required
@require_POST
def vote(request, slug, pk):
    return _on_proposal(request, slug, pk, barcamp.vote, _("Your vote is counted."))


@login_required
@require_POST
def unvote(request, slug, pk):
    return _on_proposal(request, slug, pk, barcamp.withdraw_vote, _("Your vote is withdrawn."))


@login_required
@require_POST
def withdraw(request, slug, pk):
    return _on_proposal(
        request, slug, pk, barcamp.withdraw_proposal, _("The proposal is withdrawn.")
    )


# The organiser's grid.


def _grid_page(request, event: Event, form: GridForm, status: int = 200):
    grid = barcamp.grid_of(event)
    rows = _grid_rows(event, grid, request.user) if grid else []
    page = _proposals_page(request, event)
    placed = [cell.proposal for _label, row in rows for cell in row if cell.proposal]
    labels = grid.slot_list if grid else []
    for proposal in page.object_list:
        proposal.swap_with = [other for other in placed if other.pk != proposal.pk]
        if proposal.slot is not None and proposal.slot < len(labels):
            proposal.slot_label = labels[proposal.slot]
    context = {
        "event": event,
        "title": title_for(event, get_language()),
        "form": form,
        "grid": grid,
        "rooms": grid.room_list if grid else [],
        "rows": rows,
        "free_cells": [(label, cell) for label, row in rows for cell in row if not cell.proposal],
        "placed": placed,
        "page": page,
        "closed": event.status == Event.Status.CANCELLED or event.is_past,
    }
    return render(request, "events/barcamp/grid.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def grid(request, slug):
    event = _barcamp_event(request.user, slug, manage=True)
    form = GridForm(request.POST or None, instance=barcamp.grid_of(event))
    if request.method == "POST" and form.is_valid():
        try:
            _grid, lost = barcamp.define_grid(
                event, rooms=form.cleaned_data["rooms"], slots=form.cleaned_data["slots"]
            )
        except barcamp.BarcampError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The grid is saved."))
            if lost:
                messages.warning(
                    request,
                    ngettext(
                        "%(count)s session lost its room or slot and is no longer placed.",
                        "%(count)s sessions lost their room or slot and are no longer placed.",
                        lost,
                    )
                    % {"count": lost},
                )
            return redirect("events:barcamp_grid", event.slug)
    status = 400 if request.method == "POST" else 200
    return _grid_page(request, event, form, status)


def _filled(count: int) -> str:
    return ngettext(
        "%(count)s session placed in the grid.", "%(count)s sessions placed in the grid.", count
    ) % {"count": count}


@login_required
@require_POST
def fill(request, slug):
    event = _barcamp_event(request.user, slug, manage=True)
    try:
        count = barcamp.fill(event)
    except barcamp.BarcampError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _filled(count))
    return redirect("events:barcamp_grid", event.slug)


def _on_placed(request, slug, pk, change, success):
    """An organiser's move of one proposal; every outcome goes back to the grid page."""
    event = _barcamp_event(request.user, slug, manage=True)
    proposal = _proposal(event, pk)
    if proposal is None:
        messages.error(request, _("This proposal no longer exists."))
        return redirect("events:barcamp_grid", event.slug)
    return _run(request, event, lambda: change(proposal), success, back="events:barcamp_grid")


@login_required
@require_POST
def move(request, slug, pk):
    form = MoveForm(request.POST)
    if not form.is_valid():
        event = _barcamp_event(request.user, slug, manage=True)
        messages.error(request, _("This cell is not in the grid."))
        return redirect("events:barcamp_grid", event.slug)
    room, slot = form.cleaned_data["cell"]
    return _on_placed(
        request,
        slug,
        pk,
        lambda proposal: barcamp.move(proposal, room=room, slot=slot),
        _("The session is moved."),
    )


@login_required
@require_POST
def unplace(request, slug, pk):
    return _on_placed(request, slug, pk, barcamp.unplace, _("The session is out of the grid."))


@login_required
@require_POST
def swap(request, slug, pk):
    event = _barcamp_event(request.user, slug, manage=True)
    form = SwapForm(request.POST)
    other = _proposal(event, form.cleaned_data["other"]) if form.is_valid() else None
    if other is None:
        messages.error(request, _("Choose another session of this barcamp."))
        return redirect("events:barcamp_grid", event.slug)
    return _on_placed(
        request,
        slug,
        pk,
        lambda proposal: barcamp.swap(proposal, other),
        _("The two sessions are swapped."),
    )
