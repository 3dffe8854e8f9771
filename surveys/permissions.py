"""Every access rule of the surveys, in one place.

Coordinators build surveys, see every result and export raw answers. Who may answer
depends on the survey's audience. Published results (the infographic and the
aggregated charts) are public; raw answers never are.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from spaces.permissions import is_coordinator, is_member
from surveys.models import Survey


def can_build(user) -> bool:
    return is_coordinator(user)


def can_answer(user, survey: Survey, invitation=None) -> bool:
    """Whether ``user`` (or the holder of ``invitation``) belongs to the audience."""
    audience = survey.audience
    if audience == Survey.Audience.PUBLIC:
        return True
    if audience == Survey.Audience.INVITED:
        return invitation is not None and invitation.survey_id == survey.pk
    if not is_member(user):
        return False
    if audience == Survey.Audience.MEMBERS:
        return True
    return is_coordinator(user) or user.managed_spaces.exists()


def can_see_results(user, survey: Survey) -> bool:
    return is_coordinator(user) or survey.results_published


def can_export_raw(user, survey: Survey) -> bool:
    return is_coordinator(user)


def get_survey_for_build(user, slug: str) -> Survey:
    if not can_build(user):
        raise PermissionDenied
    return get_object_or_404(Survey, slug=slug)


def get_survey_for_results(user, slug: str) -> Survey:
    survey = get_object_or_404(Survey, slug=slug)
    if survey.status == Survey.Status.DRAFT and not can_build(user):
        raise Http404
    if not can_see_results(user, survey):
        raise PermissionDenied
    return survey


def get_survey_for_answer(user, slug: str) -> Survey:
    """A survey's public pages: drafts exist only for those who build surveys."""
    survey = get_object_or_404(Survey, slug=slug)
    if survey.status == Survey.Status.DRAFT and not can_build(user):
        raise Http404
    return survey


def can_see_response(user, response) -> bool:
    """The response's secret token is the credential, unless an account owns it."""
    return response.respondent_id is None or (is_member(user) and response.respondent_id == user.pk)


def can_edit_infographic(user, survey: Survey) -> bool:
    return is_coordinator(user)


def can_see_identity(user, survey: Survey) -> bool:
    """Who answered: only coordinators, and never for an anonymous survey."""
    return is_coordinator(user) and not survey.anonymous


def get_survey_for_export(user, slug: str) -> Survey:
    survey = get_survey_for_results(user, slug)
    if not can_export_raw(user, survey):
        raise PermissionDenied
    return survey


def get_survey_for_infographic_edit(user, slug: str) -> Survey:
    survey = get_object_or_404(Survey, slug=slug)
    if not can_edit_infographic(user, survey):
        raise PermissionDenied
    return survey


def get_infographic_for_view(user, slug: str):
    """A published infographic for everyone; an unpublished one for its editors only."""
    from surveys.models import Infographic

    survey = get_survey_for_results(user, slug)
    infographic = Infographic.objects.filter(survey=survey).first()
    if infographic is not None:
        infographic.survey = survey  # already read: spare the query
    if infographic is None or not (infographic.published or can_edit_infographic(user, survey)):
        raise Http404
    return infographic
