"""Needs surveys: the questionnaire (sections, questions, choices), its translations,
and the responses with one row per answer so that results aggregate in the database.

Texts are written in the survey's source language on the objects themselves; every
other language has one ``SurveyTranslation`` row per text (keyed "question:12:text"…),
marked outdated when the source text changes afterwards.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from spaces.choices import translation_status_field


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Survey(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")

    class Audience(models.TextChoices):
        PUBLIC = "public", _("anyone with the link")
        MEMBERS = "members", _("members of the network")
        MANAGERS = "managers", _("managers of spaces")
        INVITED = "invited", _("invited people only (one answer per invitation)")

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True)
    source_language = models.CharField(
        _("language of the original text"), max_length=5, choices=settings.LANGUAGES, default="fr"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    opens_at = models.DateTimeField(_("opens on"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes on"), null=True, blank=True)
    audience = models.CharField(
        _("audience"), max_length=10, choices=Audience.choices, default=Audience.PUBLIC
    )
    anonymous = models.BooleanField(
        _("anonymous"),
        default=True,
        help_text=_("Anonymous: results and exports never show who answered."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="surveys_created"
    )
    # Raised when the questionnaire changes while it has responses (see services).
    version = models.PositiveIntegerField(default=1, editable=False)
    results_published = models.BooleanField(_("results published"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(opens_at__isnull=True)
                | models.Q(closes_at__isnull=True)
                | models.Q(closes_at__gt=models.F("opens_at")),
                name="survey_closes_after_opening",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("surveys:detail", args=[self.slug])

    def is_accepting_answers(self, now=None) -> bool:
        now = now or timezone.now()
        if self.status != self.Status.OPEN:
            return False
        if self.opens_at and now < self.opens_at:
            return False
        return not (self.closes_at and now >= self.closes_at)


class Section(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title


class Question(models.Model):
    class Kind(models.TextChoices):
        SINGLE = "single", _("single choice")
        MULTIPLE = "multiple", _("multiple choice")
        YES_NO = "yes_no", _("yes / no")
        SCALE = "scale", _("scale")
        NUMBER = "number", _("number")
        DATE = "date", _("date")
        SHORT_TEXT = "short_text", _("short text")
        LONG_TEXT = "long_text", _("long text")
        COMMUNE = "commune", _("commune")
        SPACE = "space", _("space of the directory")

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveIntegerField(_("position"), default=0)
    # A short stable name: the column of the exports ("q7", "equipment").
    code = models.SlugField(_("code"), max_length=40)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    text = models.CharField(_("question"), max_length=500)
    help_text = models.CharField(_("help text"), max_length=500, blank=True)
    required = models.BooleanField(_("required"), default=False)
    # Bounds: scale (1–5 or 0–10) and number questions.
    min_value = models.DecimalField(
        _("minimum"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    max_value = models.DecimalField(
        _("maximum"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    # Shown only when an earlier question was answered with one of these choices.
    condition_question = models.ForeignKey(
        "self",
        verbose_name=_("show only if the answer to"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dependants",
    )
    condition_choices = models.ManyToManyField(
        "Choice", verbose_name=_("is one of"), blank=True, related_name="conditioned_questions"
    )

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["section__position", "position", "pk"]

    def __str__(self):
        return self.code


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    position = models.PositiveIntegerField(_("position"), default=0)
    # Stable value for exports and imports ("printer"); the label is translated.
    value = models.SlugField(_("value"), max_length=60)
    label = models.CharField(_("label"), max_length=300)
    # "Other, please specify": choosing it asks for a text.
    is_other = models.BooleanField(_("“other, please specify”"), default=False)

    class Meta:
        verbose_name = _("choice")
        verbose_name_plural = _("choices")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["question", "value"], name="one_choice_value")
        ]

    def __str__(self):
        return self.value


class SurveyTranslation(models.Model):
    """One text of a survey in one language other than its source language."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    # "survey:title", "survey:introduction", "section:<pk>:title", "question:<pk>:text",
    # "question:<pk>:help_text", "choice:<pk>:label"…
    key = models.CharField(max_length=60)
    text = models.TextField(_("text"))
    status = translation_status_field()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("survey translation")
        verbose_name_plural = _("survey translations")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "language", "key"], name="one_survey_text_per_lang"
            )
        ]

    def __str__(self):
        return f"{self.key} [{self.language}]"


class Invitation(models.Model):
    """A personal link for an "invited" survey: one response per invitation."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("email"), blank=True)
    label = models.CharField(_("label"), max_length=200, blank=True)
    token = models.CharField(max_length=40, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self):
        return self.label or self.email or self.token[:8]


class Response(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("in progress")
        SUBMITTED = "submitted", _("submitted")

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="survey_responses",
    )
    invitation = models.OneToOneField(
        Invitation, on_delete=models.SET_NULL, null=True, blank=True, related_name="response"
    )
    # Secret of the "resume later" link of an anonymous draft, and of its copy.
    token = models.CharField(max_length=40, unique=True, default=new_token, editable=False)
    language = models.CharField(_("language"), max_length=5, default="fr")
    state = models.CharField(_("state"), max_length=10, choices=State.choices)
    version = models.PositiveIntegerField(default=1)
    started_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "respondent"],
                condition=models.Q(respondent__isnull=False),
                name="one_response_per_member",
            )
        ]
        # Also answers the counts and stamps of results.Scope without reading the table.
        indexes = [models.Index(fields=["survey", "state", "submitted_at"])]

    def __str__(self):
        return f"{self.survey} #{self.pk}"


class Answer(models.Model):
    """One answer to one question; a multiple choice answer has one row per choice."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    choice = models.ForeignKey(
        Choice, on_delete=models.CASCADE, null=True, blank=True, related_name="answers"
    )
    number = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    date = models.DateField(null=True, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        indexes = [
            models.Index(fields=["question", "choice"]),
            models.Index(fields=["response", "question"]),
        ]

    def __str__(self):
        return f"{self.response_id}/{self.question_id}"


class Infographic(models.Model):
    """The published results: headline figures a coordinator picked, in order."""

    survey = models.OneToOneField(Survey, on_delete=models.CASCADE, related_name="infographic")
    published = models.BooleanField(_("published"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"infographic of {self.survey}"


class Headline(models.Model):
    """One figure of the infographic: the share of respondents who gave a choice (or
    chose any of several), with the coordinator's sentence ("are equipped")."""

    infographic = models.ForeignKey(Infographic, on_delete=models.CASCADE, related_name="headlines")
    position = models.PositiveIntegerField(default=0)
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="+")
    choices = models.ManyToManyField(Choice, related_name="+")
    caption = models.CharField(_("caption"), max_length=200)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.caption


class TallySet(models.Model):
    """Running counts of a survey's submitted answers, whole (``by`` empty) or split by
    one question, kept by ``surveys/tallies.py``. The stamp says which submitted
    responses they count; ``shape`` which questionnaire they were counted for."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="tally_sets")
    by = models.ForeignKey(
        Question, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    shape = models.CharField(max_length=64)
    submitted = models.PositiveIntegerField(default=0)
    last_response = models.BigIntegerField(null=True, blank=True)
    last_submitted_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"tallies of {self.survey_id} by {self.by_id or '-'}"


class Tally(models.Model):
    """One count of a tally set: how many answers (or respondents) of a question have a
    given value, within one column of the split when there is one (``split``: the choice
    id of the split question, 0 for none)."""

    tally_set = models.ForeignKey(TallySet, on_delete=models.CASCADE, related_name="tallies")
    measure = models.CharField(max_length=8)
    question_id = models.BigIntegerField()
    value = models.CharField(max_length=255, blank=True)
    split = models.BigIntegerField(default=0)
    count = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["tally_set", "measure", "question_id", "value", "split"],
                name="one_tally_per_key",
            )
        ]

    def __str__(self):
        return f"{self.measure} {self.question_id} {self.value} {self.split}: {self.count}"
