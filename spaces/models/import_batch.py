from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# Larger files are refused before they are read: the national CGET file is under 1 MB.
MAX_IMPORT_BYTES = 20 * 1024 * 1024


class ImportBatch(models.Model):
    """A file uploaded by a coordinator, previewed by a dry run, then applied or cancelled."""

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        APPLIED = "applied", _("Applied")
        CANCELLED = "cancelled", _("Cancelled")

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("uploaded on"), auto_now_add=True)
    filename = models.CharField(_("file name"), max_length=255)
    format = models.CharField(_("format"), max_length=20)
    # Kept in the database rather than MEDIA_ROOT: the confirmation may reach another
    # app process than the upload did, and the size is capped by MAX_IMPORT_BYTES.
    content = models.BinaryField(_("content"))
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PENDING
    )
    report = models.JSONField(_("report"), default=dict)
    applied_at = models.DateTimeField(_("applied on"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self):
        return f"{self.filename} ({self.get_state_display()})"
