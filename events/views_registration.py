"""Pages of the registrations. Thin: forms parse, ``events.registration`` writes.

Links in emails carry the registration's secret token, which is the visitor's only
credential. They open a page with a button: link scanners of mail providers follow
every link by GET, and must neither verify nor cancel anything.
"""

from __future__ import annotations

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.db.models.functions import Lower
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from events import permissions
from events import registration as services
from events.emails import event_path
from events.forms_registration import CheckInForm, VisitorForm
from events.models import Event, Registration
from events.texts import title_for

State = Registration.State
PER_PAGE = 20


def _title(event: Event) -> str:
    return title_for(event, translation.get_language())


def _member_registration(user, event: Event) -> Registration | None:
    if not permissions.is_member(user):
        return None
    mine = Q(user=user) | Q(email__iexact=user.email) if user.email else Q(user=user)
    return event.registrations.filter(mine, state__in=services.LIVE_STATES).first()


def registration_context(request, event: Event, form: VisitorForm | None = None) -> dict:
    """What the partial ``events/_registration.html`` needs, in at most four queries."""
    user = request.user
    current = _member_registration(user, event)
    counts = event.registrations.aggregate(
        confirmed=Count("pk", filter=Q(state=State.CONFIRMED)),
        waiting=Count("pk", filter=Q(state=State.WAITING)),
    )
    seats_left = None
    if event.capacity is not None:
        seats_left = max(0, event.capacity - counts["confirmed"])
    closed = services.closed_reason(event)
    members_only = not permissions.can_register_as_visitor(event)
    if form is None and not (closed or members_only or permissions.is_member(user)):
        form = VisitorForm()
    confirmed = current is not None and current.state == State.CONFIRMED
    return {
        "registration_event": event,
        "registration": current,
        "registration_closed": closed,
        "registration_members_only": members_only,
        "registration_form": form,
        "registration_is_member": permissions.is_member(user),
        "registration_seats_left": seats_left,
        "registration_waiting_count": counts["waiting"],
        "registration_online_url": event.online_url if confirmed else "",
        "registration_can_manage": permissions.can_manage(user, event),
    }


def _register_page(request, event, form=None, status=200, error=""):
    context = {"event": event, "event_title": _title(event), "event_url": event_path(event)}
    context.update(registration_context(request, event, form))
    context["registration_error"] = error
    return render(request, "events/registration/register.html", context, status=status)


def _state_message(registration: Registration) -> str:
    if registration.state == State.CONFIRMED:
        return _("Your registration is confirmed. An email with the details is on its way.")
    return _(
        "The event is full: you are on the waiting list. We will email you if a seat is freed."
    )


@require_http_methods(["GET", "POST"])
def register(request, slug):
    """GET: the registration box on its own page. POST: one click, or the visitor form."""
    event = permissions.get_event_for_view(request.user, slug)
    if request.method == "GET":
        return _register_page(request, event)
    if permissions.is_member(request.user):
        try:
            created = services.register_member(event, request.user)
        except services.RegistrationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _state_message(created))
        return redirect(event_path(event))
    form = VisitorForm(request.POST)
    if not form.is_valid():
        return _register_page(request, event, form, status=400)
    try:
        created = services.register_visitor(
            event, form.cleaned_data["name"], form.cleaned_data["email"]
        )
    except services.RegistrationError as error:
        return _register_page(request, event, form, status=400, error=error.message)
    return render(
        request,
        "events/registration/check_email.html",
        {"event": event, "event_title": _title(event), "email": created.email},
    )


def _unknown_link(request):
    return render(request, "events/registration/unknown.html", status=404)


def _manage_page(request, registration, error: str = "", status: int = 200):
    event = registration.event
    return render(
        request,
        "events/registration/manage.html",
        {
            "registration": registration,
            "event": event,
            "event_title": _title(event),
            "event_url": event_path(event),
            "online_url": event.online_url if registration.state == State.CONFIRMED else "",
            "can_cancel": registration.state != State.CANCELLED and not event.is_past,
            "error": error,
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def verify(request, token):
    """GET shows a button; the POST it sends verifies the address."""
    try:
        registration = services.get_by_token(token)
    except services.UnknownLink:
        return _unknown_link(request)
    if request.method == "GET":
        if registration.state != State.UNVERIFIED:
            return _manage_page(request, registration)
        return render(
            request,
            "events/registration/verify.html",
            {"registration": registration, "event_title": _title(registration.event)},
        )
    try:
        registration = services.verify(token)
    except services.RegistrationError as error:
        return _manage_page(request, services.get_by_token(token), error.message, status=400)
    messages.success(request, _state_message(registration))
    return redirect("events:cancel", token)


def _safe_next(request) -> str | None:
    target = request.POST.get("next", "")
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if target and allowed else None


@require_http_methods(["GET", "POST"])
def cancel(request, token):
    """The registration's own page: its state, and a button that cancels it."""
    try:
        registration = services.get_by_token(token)
    except services.UnknownLink:
        return _unknown_link(request)
    if request.method == "GET":
        return _manage_page(request, registration)
    try:
        services.cancel(registration)
    except services.RegistrationError as error:
        return _manage_page(request, registration, error.message, status=400)
    messages.success(request, _("Your registration has been cancelled."))
    return redirect(_safe_next(request) or reverse("events:cancel", args=[token]))


@login_required
@require_GET
def mine(request):
    """A member's registrations, the next events first, then the past ones."""
    rows = (
        Registration.objects.filter(user=request.user)
        .select_related("event")
        .prefetch_related("event__translations")
        .order_by("-event__starts_at", "-pk")
    )
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    language = translation.get_language()
    for row in page.object_list:
        row.event_title = title_for(row.event, language)
        row.can_cancel = row.state != State.CANCELLED and not row.event.is_past
    return render(request, "events/registration/mine.html", {"page": page})


# Spreadsheets run a cell that starts with these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _date(value) -> str:
    return value.isoformat() if value else ""


STATE_ORDER = Case(
    When(state=State.CONFIRMED, then=Value(0)),
    When(state=State.WAITING, then=Value(1)),
    When(state=State.UNVERIFIED, then=Value(2)),
    default=Value(3),
    output_field=IntegerField(),
)


@login_required
@require_GET
def attendees_csv(request, slug):
    event = permissions.get_event_for_manage(request.user, slug)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}-attendees.csv"'
    response.write("\ufeff")  # so that spreadsheets read the file as UTF-8
    writer = csv.writer(response)
    writer.writerow(
        [
            _("Name"),
            _("Email"),
            _("State"),
            _("Member"),
            _("Registered on"),
            _("Queued on"),
            _("Confirmed on"),
            _("Checked in"),
        ]
    )
    rows = event.registrations.order_by(STATE_ORDER, "queued_at", Lower("name"), "pk")
    for row in rows:
        writer.writerow(
            [
                _cell(row.name),
                _cell(row.email),
                row.get_state_display(),
                _("yes") if row.user_id else _("no"),
                _date(row.created_at),
                _date(row.queued_at),
                _date(row.confirmed_at),
                _("yes") if row.checked_in else _("no"),
            ]
        )
    return response


@login_required
@require_http_methods(["GET", "POST"])
def checkin(request, slug):
    """The printable list at the door; on screen the organiser ticks people in.

    Not paginated: the sheet is printed whole, and the capacity bounds it.
    """
    event = permissions.get_event_for_manage(request.user, slug)
    if request.method == "POST":
        form = CheckInForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("This change could not be saved."))
            return redirect("events:checkin", event.slug)
        row = get_object_or_404(event.registrations, pk=form.cleaned_data["registration"])
        try:
            services.set_checked_in(row, form.cleaned_data["checked_in"])
        except services.RegistrationError as error:
            messages.error(request, error.message)
        return redirect(reverse("events:checkin", args=[event.slug]) + f"#r{row.pk}")
    rows = event.registrations.filter(state__in=[State.CONFIRMED, State.WAITING]).order_by(
        Lower("name"), "pk"
    )
    return render(
        request,
        "events/registration/checkin.html",
        {"event": event, "event_title": _title(event), "rows": rows},
    )
