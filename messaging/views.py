"""Pages of the messages. Views stay thin: forms parse, selectors read, services write,
permissions decide who may see what."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from community.visibility import public_name
from messaging import permissions, selectors, services
from messaging.forms import MessageForm, ModerationForm, ReportForm
from messaging.services import MessagingError


def _site_url(request) -> str:
    """Scheme and host of this request, for the link in the notification email."""
    return request.build_absolute_uri("/").rstrip("/")


@login_required
@require_GET
def inbox(request):
    page = selectors.page_of(
        selectors.inbox(request.user), request.GET.get("page"), selectors.THREADS_PER_PAGE
    )
    rows = [
        {
            "thread": participant.thread,
            "name": public_name(participant.thread.other(request.user), request.user),
            "unread": participant.unread,
        }
        for participant in page.object_list
    ]
    return render(request, "messaging/inbox.html", {"page": page, "rows": rows})


def _render_thread(request, thread, form, status=200):
    page, shown = selectors.thread_page(thread, request.GET.get("page"))
    other = thread.other(request.user)
    if page.number == 1:
        services.mark_read(thread, request.user)
    try:
        services.check_can_write(request.user, other)
        cannot_write = ""
    except MessagingError as error:
        cannot_write = error.message
    return render(
        request,
        "messaging/thread.html",
        {
            "thread": thread,
            "page": page,
            "shown": shown,
            "other": other,
            "other_name": public_name(other, request.user),
            "form": form,
            "cannot_write": cannot_write,
            "has_blocked": request.user.blocks_made.filter(blocked=other).exists(),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def thread(request, pk):
    thread = permissions.get_thread_for(request.user, pk)
    if request.method == "GET":
        return _render_thread(request, thread, MessageForm())
    form = MessageForm(request.POST)
    if _send(request, form, thread.other(request.user)) is not None:
        return redirect("messaging:thread", pk=thread.pk)
    return _render_thread(request, thread, form, status=400)


def _send(request, form, recipient):
    """Send the form's message; on refusal the reason goes on the form and None is returned."""
    if not form.is_valid():
        return None
    try:
        message = services.send_message(
            request.user, recipient, form.cleaned_data["body"], site_url=_site_url(request)
        )
    except MessagingError as error:
        form.add_error("body", error.message)
        return None
    messages.success(request, _("Your message has been sent."))
    return message


@login_required
@require_http_methods(["GET", "POST"])
def write(request, user_id):
    """Write to a member: the existing thread if there is one, else a first message."""
    recipient = permissions.get_recipient(user_id)
    if request.method == "GET":
        existing = services.thread_between(request.user, recipient)
        if existing is not None:
            return redirect("messaging:thread", pk=existing.pk)
    form = MessageForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        message = _send(request, form, recipient)
        if message is not None:
            return redirect("messaging:thread", pk=message.thread_id)
    try:
        services.check_can_write(request.user, recipient)
        cannot_write = ""
    except MessagingError as error:
        cannot_write = error.message
    return render(
        request,
        "messaging/write.html",
        {
            "recipient": recipient,
            "recipient_name": public_name(recipient, request.user),
            "form": form,
            "cannot_write": cannot_write,
        },
        status=status,
    )


def _back_to_member(request, member):
    existing = services.thread_between(request.user, member)
    if existing is not None:
        return redirect("messaging:thread", pk=existing.pk)
    return redirect("messaging:inbox")


@login_required
@require_POST
def block(request, user_id):
    member = permissions.get_recipient(user_id)
    try:
        services.block(request.user, member)
    except MessagingError as error:
        messages.error(request, error.message)
        return redirect("messaging:inbox")
    messages.success(
        request,
        _("You have blocked %(name)s: neither of you can write to the other.")
        % {"name": public_name(member, request.user)},
    )
    return _back_to_member(request, member)


@login_required
@require_POST
def unblock(request, user_id):
    member = permissions.get_recipient(user_id)
    services.unblock(request.user, member)
    messages.success(
        request, _("You have unblocked %(name)s.") % {"name": public_name(member, request.user)}
    )
    return _back_to_member(request, member)


@login_required
@require_http_methods(["GET", "POST"])
def report(request, message_id):
    message = permissions.get_message_to_report(request.user, message_id)
    form = ReportForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.report(request.user, message, form.cleaned_data["reason"])
            except MessagingError as error:
                form.add_error(None, error.message)
            else:
                messages.success(
                    request, _("Thank you: a coordinator of the network will look at it.")
                )
                return redirect("messaging:thread", pk=message.thread_id)
    return render(
        request,
        "messaging/report.html",
        {
            "message": message,
            "sender_name": public_name(message.sender, request.user),
            "form": form,
            "can_report": permissions.can_report(request.user, message),
        },
        status=status,
    )


@login_required
@require_GET
def moderation(request):
    permissions.require_moderator(request.user)
    page = selectors.page_of(
        selectors.open_reports(), request.GET.get("page"), selectors.REPORTS_PER_PAGE
    )
    viewer = request.user
    rows = []
    for item in page.object_list:
        message = item.message
        recipient = message.thread.other(message.sender)
        rows.append(
            {
                "report": item,
                "message": message,
                "reporter": public_name(item.reporter, viewer),
                "sender": public_name(message.sender, viewer),
                "recipient": public_name(recipient, viewer),
            }
        )
    return render(
        request,
        "messaging/moderation.html",
        {"page": page, "rows": rows, "actions": ModerationForm.base_fields["action"].choices},
    )


# Lazy: the confirmation is translated in the language of the request, not at import.
ACTIONS = {
    "dismiss": (services.dismiss_report, gettext_lazy("The report has been dismissed.")),
    "hide": (services.hide_message, gettext_lazy("The message has been hidden.")),
    "suspend": (
        services.hide_and_suspend,
        gettext_lazy("The message has been hidden and its author's account suspended."),
    ),
}


@login_required
@require_POST
def moderate(request, pk):
    report = permissions.get_report_for_moderation(request.user, pk)
    form = ModerationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please choose an action."))
        return redirect("messaging:moderation")
    action, done = ACTIONS[form.cleaned_data["action"]]
    try:
        action(report, request.user)
    except MessagingError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done)
    return redirect("messaging:moderation")
