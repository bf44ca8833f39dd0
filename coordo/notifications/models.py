"""One delivery of a notice to one user: the in-app inbox row and its e-mail's fate."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coordo.access.models import User
from coordo.access.tenancy import TenantModel


class EmailStatus(models.TextChoices):
    NONE = "none", _("no e-mail address")
    PENDING = "pending", _("to send")
    SENT = "sent", _("sent")
    RETRYING = "retrying", _("failed, will be retried")
    FAILED = "failed", _("failed")


class Delivery(TenantModel):
    """What the inbox shows: general words and a link, never a name or a narrative."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    subject = models.CharField(_("subject"), max_length=200)
    text = models.CharField(_("text"), max_length=500)
    link = models.CharField(_("link"), max_length=300, blank=True)
    urgent = models.BooleanField(_("urgent"), default=False)  # shown on every page until read
    # What it is about, as the audit trail names records ("incidents.incident", "42").
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    email_status = models.CharField(
        _("e-mail"), max_length=10, choices=EmailStatus.choices, default=EmailStatus.PENDING
    )
    email_attempts = models.PositiveSmallIntegerField(default=0)

    site_path = None  # a user's own inbox: read through `inbox_of`

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"], name="delivery_user_unread")]

    def __str__(self) -> str:
        return self.subject
