"""Pages of the events themselves. Thin: forms parse, selectors read, services write.

Registration and barcamp pages live in views_registration / views_barcamp; the
detail page includes their partials with the context those modules give.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from community.visibility import public_name
from events import permissions, selectors, services
from events.forms import EventForm, FileForm, FilterForm, TranslationForm, WriteupForm
from events.models import Event, EventFile, MemberCalendar, new_token
from events.texts import text_for
from events.views_barcamp import barcamp_context
from events.views_registration import registration_context
from spaces.choices import TranslationStatus
from spaces.rendering import render_markdown


def _querystring(request, drop=("page",)) -> str:
    params = request.GET.copy()
    for key in drop:
        params.pop(key, None)
    return params.urlencode()


def _filters(request):
    """The filter form and its query, or (form, None) when a filter is invalid."""
    form = FilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return form, None
    return form, form.to_query(past=request.GET.get("when") == "past")


def _decorate(events, viewer) -> list[Event]:
    events = selectors.with_texts(events, get_language())
    for event in events:
        event.organiser_name = organiser_name(event, viewer)
    return events


def organiser_name(event: Event, viewer) -> str:
    if event.by_network:
        return _("The network")
    if event.organiser_space is not None:
        return event.organiser_space.name
    return public_name(event.created_by, viewer)


@require_GET
def event_list(request):
    form, query = _filters(request)
    page = None
    if query is not None:
        page = Paginator(selectors.search(query), selectors.PER_PAGE).get_page(
            request.GET.get("page")
        )
        page.object_list = _decorate(page.object_list, request.user)
    return render(
        request,
        "events/list.html",
        {
            "form": form,
            "page": page,
            "past": query.past if query else request.GET.get("when") == "past",
            "querystring": _querystring(request),
            "filters_querystring": _querystring(request, drop=("page", "when")),
            "today": timezone.localdate(),
        },
        status=200 if query is not None else 400,
    )


@require_GET
def event_month(request, year=None, month=None):
    today = timezone.localdate()
    year, month = year or today.year, month or today.month
    if not (1 <= month <= 12 and 1900 <= year <= 2999):
        raise Http404
    form, query = _filters(request)
    weeks = None
    if query is not None:
        events = _decorate(
            selectors.month_events(year, month, query, settings.TIME_ZONE), request.user
        )
        weeks = selectors.month_grid(year, month, events)
    first = dt.date(year, month, 1)
    previous = (first - dt.timedelta(days=1)).replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return render(
        request,
        "events/month.html",
        {
            "form": form,
            "weeks": weeks,
            "first": first,
            "previous": previous,
            "following": following,
            "today": today,
            "querystring": _querystring(request),
        },
        status=200 if query is not None else 400,
    )


@require_GET
def event_detail(request, slug):
    rows = selectors.with_listing_data(Event.objects.all()).prefetch_related("programme", "files")
    event = permissions.get_event_for_view(request.user, slug, rows)
    text, is_fallback = text_for(event, get_language())
    starts_local = services.local_time(event.starts_at, event.time_zone)
    ends_local = services.local_time(event.ends_at, event.time_zone)
    context = {
        "event": event,
        "text": text,
        "is_fallback": is_fallback,
        "description_html": render_markdown(text.description) if text else "",
        "organiser_name": organiser_name(event, request.user),
        "same_day": starts_local.date() == ends_local.date(),
        # (session, on another day than the first): the date is shown only then.
        "programme": [
            (
                item,
                services.local_time(item.starts_at, event.time_zone).date() != starts_local.date(),
            )
            for item in event.programme.all()
        ],
        "writeup_html": render_markdown(event.writeup) if event.writeup else "",
        "files": list(event.files.all()),
        "can_manage": permissions.can_manage(request.user, event),
        "languages": dict(settings.LANGUAGES),
    }
    if context["can_manage"]:
        context["translations"] = _translation_states(event)
    context.update(registration_context(request, event), has_registration=True)
    context.update(barcamp_context(request, event), has_barcamp=True)
    return render(request, "events/detail.html", context)


def _translation_states(event: Event) -> list[tuple[str, str, str]]:
    """(code, language name, status) for every language, the source first."""
    rows = {row.language: row.status for row in event.translations.all()}
    states = []
    for code, name in settings.LANGUAGES:
        if code != event.source_language:
            states.append((code, name, rows.get(code, TranslationStatus.MISSING)))
    return states


def _render_form(request, form, event, status=200):
    return render(
        request,
        "events/edit.html",
        {"form": form, "event": event},
        status=400 if request.method == "POST" else status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def event_new(request):
    if not permissions.can_create(request.user):
        raise PermissionDenied
    form = EventForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.save_event(
                user=request.user,
                values=form.values(),
                texts=form.texts(),
                programme=form.cleaned_data.get("sessions", []),
            )
        except services.EventError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your event is saved as a draft. Publish it when ready."))
            return redirect(event)
    return _render_form(request, form, None)


@login_required
@require_http_methods(["GET", "POST"])
def event_edit(request, slug):
    event = permissions.get_event_for_manage(request.user, slug)
    form = EventForm(request.POST or None, request.FILES or None, user=request.user, event=event)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.save_event(
                event=event,
                user=request.user,
                values=form.values(),
                texts=form.texts(),
                programme=form.cleaned_data.get("sessions", []),
            )
        except services.EventError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The event has been updated."))
            return redirect(event)
    return _render_form(request, form, event)


@login_required
@require_http_methods(["GET", "POST"])
def event_translate(request, slug, language):
    event = permissions.get_event_for_manage(request.user, slug)
    languages = dict(settings.LANGUAGES)
    if language not in languages or language == event.source_language:
        raise Http404
    rows = {row.language: row for row in event.translations.all()}
    current, source = rows.get(language), rows.get(event.source_language)
    initial = {}
    if current is not None:
        initial = {f: getattr(current, f) for f in services.TEXT_FIELDS}
    form = TranslationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.translate(event, language=language, texts=form.cleaned_data)
        except services.EventError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The translation has been saved."))
            return redirect(event)
    return render(
        request,
        "events/translate.html",
        {
            "event": event,
            "form": form,
            "language": language,
            "language_name": languages[language],
            "source": source,
            "current": current,
        },
        status=400 if request.method == "POST" else 200,
    )


def _state_change(request, slug, change, done: str):
    event = permissions.get_event_for_manage(request.user, slug)
    try:
        change(event)
    except services.EventError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done)
    return redirect(event)


@login_required
@require_POST
def event_publish(request, slug):
    return _state_change(request, slug, services.publish, _("The event is published."))


@login_required
@require_http_methods(["GET", "POST"])
def event_cancel(request, slug):
    """GET asks for confirmation: cancelling warns every registered person."""
    if request.method == "POST":
        return _state_change(request, slug, services.cancel, _("The event is cancelled."))
    event = permissions.get_event_for_manage(request.user, slug)
    text, _fallback = text_for(event, get_language())
    return render(request, "events/cancel.html", {"event": event, "text": text})


@login_required
@require_http_methods(["GET", "POST"])
def event_writeup(request, slug):
    event = permissions.get_event_for_manage(request.user, slug)
    posted_file = request.method == "POST" and "file" in request.FILES
    writeup_form = WriteupForm(
        request.POST if request.method == "POST" and not posted_file else None,
        initial={"writeup": event.writeup},
    )
    file_form = FileForm(request.POST, request.FILES) if posted_file else FileForm()
    if request.method == "POST":
        form = file_form if posted_file else writeup_form
        if form.is_valid():
            try:
                if posted_file:
                    services.add_file(
                        event, upload=form.cleaned_data["file"], title=form.cleaned_data["title"]
                    )
                else:
                    services.save_writeup(event, form.cleaned_data["writeup"])
            except services.EventError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Saved."))
                return redirect("events:writeup", slug=event.slug)
    text, _fallback = text_for(event, get_language())
    return render(
        request,
        "events/writeup.html",
        {
            "event": event,
            "text": text,
            "writeup_form": writeup_form,
            "file_form": file_form,
            "files": list(event.files.all()),
            "started": event.starts_at <= timezone.now(),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def event_file_delete(request, slug, pk):
    event = permissions.get_event_for_manage(request.user, slug)
    services.delete_file(get_object_or_404(EventFile, pk=pk, event=event))
    messages.success(request, _("The file has been removed."))
    return redirect("events:writeup", slug=event.slug)


@login_required
@require_GET
def calendar_link(request):
    calendar, _created = MemberCalendar.objects.get_or_create(user=request.user)
    url = request.build_absolute_uri(reverse("events_ical:member", args=[calendar.token]))
    return render(
        request,
        "events/calendar_link.html",
        {"feed_url": url, "webcal_url": "webcal://" + url.split("://", 1)[1]},
    )


@login_required
@require_POST
def calendar_renew(request):
    """A new secret address: the old one stops working at once (e.g. after sharing it)."""
    calendar, _created = MemberCalendar.objects.get_or_create(user=request.user)
    calendar.token = new_token()
    calendar.save(update_fields=["token"])
    messages.success(request, _("Your calendar has a new address; the old one no longer works."))
    return redirect("events:calendar_link")
