"""A planner run: its parameters, progress and results, shareable by its URL."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


class Strategy(models.TextChoices):
    COVERAGE = "coverage", _("Coverage of the existing spaces")
    MAX_COVER = "max_cover", _("Best places for a number of new sites")
    SET_COVER = "set_cover", _("Fewest new sites to reach a share of the population")
    TWO_TIER = "two_tier", _("Structuring sites, then village mini-coworks")


class PlanRun(models.Model):
    """One answer of the planner. Its random id makes its URL shareable but unguessable."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plan_runs",
    )
    territory_key = models.CharField(_("territory"), max_length=40)
    territory_label = models.CharField(_("territory name"), max_length=200)
    strategy = models.CharField(_("strategy"), max_length=20, choices=Strategy.choices)
    parameters = models.JSONField(_("parameters"), default=dict)
    status = models.CharField(
        _("status"), max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED
    )
    progress = models.FloatField(_("progress"), default=0.0)
    step = models.CharField(_("current step"), max_length=60, blank=True)
    error = models.TextField(_("error"), blank=True)
    summary = models.JSONField(_("summary"), null=True, blank=True)
    geojson = models.JSONField(_("map data"), null=True, blank=True)
    csv = models.TextField(_("per-commune table"), blank=True)
    started = models.DateTimeField(_("started"), null=True, blank=True)
    finished = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("planner run")
        verbose_name_plural = _("planner runs")
        ordering = ["-created"]
        indexes = [models.Index(fields=["status", "created"])]

    def __str__(self) -> str:
        return f"{self.territory_label} · {self.get_strategy_display()}"

    def get_absolute_url(self) -> str:
        return reverse("planner:run", kwargs={"pk": self.pk})

    @property
    def is_finished(self) -> bool:
        return self.status in (RunStatus.DONE, RunStatus.FAILED)

    @property
    def percent(self) -> int:
        return round(100 * min(max(self.progress, 0.0), 1.0))
