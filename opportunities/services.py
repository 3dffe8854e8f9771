"""Changes to opportunities and applications: plain functions, one transaction each."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from opportunities import permissions
from opportunities.links import absolute
from opportunities.models import DEFAULT_LIFETIME, Application, Opportunity

# The fields a form hands to post/update; skills and spaces come apart (many-to-many).
POST_FIELDS = [
    "kind",
    "title",
    "description",
    "place",
    "remote",
    "deadline",
    "contact",
    "apply_in_platform",
    "on_behalf_of",
    "language",
]


class OpportunityError(ValueError):
    """A change refused for a reason the member can read (already translated)."""


# Rules shared by the forms (as field errors) and the services (as a last guard).


def deadline_error(deadline: dt.date | None, previous: dt.date | None = None) -> str | None:
    """A new or changed deadline must not be in the past; an unchanged one may have passed."""
    if deadline is None or deadline == previous:
        return None
    if deadline < timezone.localdate():
        return _("The deadline cannot be in the past.")
    return None


def contact_error(contact: str, apply_in_platform: bool) -> str | None:
    if not (contact or "").strip() and not apply_in_platform:
        return _("Give a contact or let members apply on Maillage (or both).")
    return None


def space_error(user, space, previous=None) -> str | None:
    # A space set earlier by a coordinator may stay when its author edits the post.
    if space is None or space == previous or permissions.can_post_for_space(user, space):
        return None
    return _("You may post only on behalf of a space you manage.")


def expiry_for(published_on: dt.date, deadline: dt.date | None) -> dt.date:
    return deadline or published_on + DEFAULT_LIFETIME


def _check(values: dict, user, previous: Opportunity | None = None) -> None:
    errors = [
        deadline_error(values.get("deadline"), previous.deadline if previous else None),
        contact_error(values.get("contact", ""), values.get("apply_in_platform", False)),
        space_error(user, values.get("on_behalf_of"), previous.on_behalf_of if previous else None),
    ]
    errors = [error for error in errors if error]
    if errors:
        raise OpportunityError(" ".join(errors))


def _publish(opportunity: Opportunity, now) -> None:
    opportunity.state = Opportunity.State.PUBLISHED
    # Kept through later edits, so that re-approving an edit does not bump it up the list.
    opportunity.published_at = opportunity.published_at or now
    opportunity.expires_on = expiry_for(
        timezone.localdate(opportunity.published_at), opportunity.deadline
    )


@transaction.atomic
def post_opportunity(*, author, values: dict, skills=(), spaces=()) -> Opportunity:
    """Save a new post: published at once for a coordinator, else waiting for moderation."""
    values = {key: values[key] for key in POST_FIELDS if key in values}
    _check(values, author)
    opportunity = Opportunity(author=author, **values)
    if permissions.publishes_directly(author):
        _publish(opportunity, timezone.now())
        opportunity.reviewed_by = author
        opportunity.reviewed_at = opportunity.published_at
    opportunity.save()
    opportunity.skills.set(skills)
    opportunity.spaces.set(spaces)
    return opportunity


@transaction.atomic
def update_opportunity(
    opportunity: Opportunity, *, by, values: dict, skills, spaces
) -> Opportunity:
    """Save an edit. A member's edit goes back to the queue: coordinators see what is shown."""
    opportunity = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
    if opportunity.state == Opportunity.State.WITHDRAWN:
        raise OpportunityError(_("This opportunity has been withdrawn."))
    values = {key: values[key] for key in POST_FIELDS if key in values}
    _check(values, by, previous=opportunity)
    for key, value in values.items():
        setattr(opportunity, key, value)
    if permissions.publishes_directly(by):
        if opportunity.state == Opportunity.State.PUBLISHED:
            _publish(opportunity, timezone.now())  # the deadline may have moved
    elif opportunity.state in (Opportunity.State.PUBLISHED, Opportunity.State.REJECTED):
        opportunity.state = Opportunity.State.PENDING
    opportunity.save()
    opportunity.skills.set(skills)
    opportunity.spaces.set(spaces)
    return opportunity


def _pending(opportunity: Opportunity) -> Opportunity:
    locked = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
    if locked.state != Opportunity.State.PENDING:
        raise OpportunityError(_("This opportunity has already been reviewed."))
    return locked


@transaction.atomic
def approve(opportunity: Opportunity, *, reviewer, note: str = "") -> Opportunity:
    opportunity = _pending(opportunity)
    now = timezone.now()
    _publish(opportunity, now)
    opportunity.reviewed_by = reviewer
    opportunity.reviewed_at = now
    opportunity.review_note = note
    opportunity.save()
    return opportunity


@transaction.atomic
def reject(opportunity: Opportunity, *, reviewer, note: str = "") -> Opportunity:
    opportunity = _pending(opportunity)
    opportunity.state = Opportunity.State.REJECTED
    opportunity.reviewed_by = reviewer
    opportunity.reviewed_at = timezone.now()
    opportunity.review_note = note
    opportunity.save()
    return opportunity


@transaction.atomic
def withdraw(opportunity: Opportunity, *, by) -> Opportunity:
    opportunity = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
    if opportunity.state == Opportunity.State.WITHDRAWN:
        raise OpportunityError(_("This opportunity has already been withdrawn."))
    opportunity.state = Opportunity.State.WITHDRAWN
    opportunity.save(update_fields=["state", "updated_at"])
    return opportunity


def application_error(opportunity: Opportunity, applicant) -> str | None:
    """Why ``applicant`` may not apply, or None."""
    if opportunity.author_id == applicant.pk:
        return _("You cannot apply to your own opportunity.")
    if not opportunity.apply_in_platform:
        return _("This opportunity does not take applications on Maillage.")
    if opportunity.state == Opportunity.State.PUBLISHED and opportunity.is_expired():
        return _("This opportunity has expired.")
    if not opportunity.is_live():
        return _("This opportunity is not open to applications.")
    if opportunity.applications.filter(applicant=applicant).exists():
        return _("You have already applied to this opportunity.")
    return None


def apply(opportunity: Opportunity, *, applicant, message: str) -> Application:
    """Record an application and tell the poster by email once it is saved."""
    with transaction.atomic():
        opportunity = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
        error = application_error(opportunity, applicant)
        if error:
            raise OpportunityError(error)
        try:
            with transaction.atomic():
                application = Application.objects.create(
                    opportunity=opportunity, applicant=applicant, message=message
                )
        except IntegrityError:  # a double submission racing the check above
            raise OpportunityError(_("You have already applied to this opportunity.")) from None
        transaction.on_commit(lambda: notify_poster(application))
    return application


def notify_poster(application: Application) -> None:
    opportunity = application.opportunity
    poster = opportunity.author
    if poster is None or not poster.is_active or not poster.email:
        return
    applicant = application.applicant
    # The poster reads it in the language they wrote the post in.
    with translation.override(opportunity.language):
        context = {
            "opportunity": opportunity,
            "application": application,
            # Applying shares the applicant's name and address with the poster (said on
            # the form), so that they can answer.
            "applicant_name": applicant.display_name,
            "applicant_email": applicant.email,
            "url": absolute(opportunity.get_absolute_url()),
        }
        subject = _("New application: %(title)s") % {"title": opportunity.title}
        body = render_to_string("opportunities/email/application.txt", context)
    EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[poster.email],
        reply_to=[applicant.email] if applicant.email else None,
    ).send()


@transaction.atomic
def set_digest_subscription(profile, *, subscribed: bool) -> None:
    if profile.digest_opt_in != subscribed:
        profile.digest_opt_in = subscribed
        profile.save(update_fields=["digest_opt_in", "updated_at"])
