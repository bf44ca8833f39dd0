"""Report templates (title, period, sites, ordered sections) and the reports generated from them.

A generated report is archived with who asked for it, when, the version of the data it
was computed from (a fingerprint of its figures) and its files, so it can be downloaded
again as it was.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coordo.access.models import Site, User
from coordo.access.tenancy import TenantModel
from coordo.background import BackgroundRun


class PeriodKind(models.TextChoices):
    YEAR = "year", _("Calendar year")
    QUARTER = "quarter", _("Quarter")
    FUNDER_YEAR = "funder_year", _("The funder's year")
    CUSTOM = "custom", _("Custom dates")


class SectionKind(models.TextChoices):
    TABLE = "table", _("Table of indicators")
    CHART = "chart", _("Chart")
    COMPARISON = "comparison", _("Comparison with the previous period")
    YEARS = "years", _("The last three periods")
    NARRATIVE = "narrative", _("Narrative")


class ReportTemplate(TenantModel):
    """What a report holds; a coordinator copies a shipped one and edits it."""

    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    period_kind = models.CharField(
        _("period"), max_length=12, choices=PeriodKind.choices, default=PeriodKind.YEAR
    )
    funder_year_start = models.PositiveSmallIntegerField(
        _("first month of the funder's year"), default=1
    )
    # The other sites the report covers besides its own (a network's report); empty: its own.
    other_sites = models.ManyToManyField(
        Site, blank=True, related_name="+", verbose_name=_("other sites")
    )
    shipped = models.CharField(max_length=40, blank=True)  # the shipped template it copies
    created_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("report template")
        verbose_name_plural = _("report templates")
        ordering = ["title", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(funder_year_start__gte=1, funder_year_start__lte=12),
                name="report_funder_year_start_is_a_month",
            )
        ]

    def __str__(self) -> str:
        return self.title


class ReportSection(TenantModel):
    template = models.ForeignKey(ReportTemplate, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveSmallIntegerField(_("position"))
    kind = models.CharField(_("kind"), max_length=12, choices=SectionKind.choices)
    title = models.CharField(_("title"), max_length=200)
    indicators = models.JSONField(_("indicators"), default=list, blank=True)  # codes, in order
    breakdown = models.CharField(_("breakdown"), max_length=20, blank=True)
    text = models.TextField(_("text"), blank=True)

    site_path = "template__site"

    class Meta:
        verbose_name = _("report section")
        verbose_name_plural = _("report sections")
        ordering = ["template", "position", "id"]

    def __str__(self) -> str:
        return self.title


class ReportFormat(models.TextChoices):
    PDF = "pdf", "PDF"
    XLSX = "xlsx", "XLSX"
    DOCX = "docx", "DOCX"


class GeneratedReport(BackgroundRun, TenantModel):
    """One rendering of a template over a period: a background run, then the archive."""

    template = models.ForeignKey(
        ReportTemplate, on_delete=models.SET_NULL, null=True, blank=True, related_name="reports"
    )
    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    start = models.DateField(_("from"))
    end = models.DateField(_("until (excluded)"))
    funder_version = models.BooleanField(_("funders' version"), default=False)
    requested_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    language = models.CharField(max_length=10, default="fr")  # the requester's, for its labels
    data_version = models.CharField(_("data version"), max_length=64, blank=True)
    content = models.JSONField(default=dict, blank=True)  # the computed report, as shown

    class Meta:
        verbose_name = _("generated report")
        verbose_name_plural = _("generated reports")
        ordering = ["-requested_at", "-id"]

    def __str__(self) -> str:
        return f"{self.title} ({self.start:%Y-%m-%d}, {self.end:%Y-%m-%d})"


class ReportFile(TenantModel):
    report = models.ForeignKey(GeneratedReport, on_delete=models.CASCADE, related_name="files")
    format = models.CharField(max_length=4, choices=ReportFormat.choices)
    content = models.BinaryField()
    size = models.PositiveIntegerField()

    site_path = "report__site"

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "format"], name="report_file_once_per_format")
        ]

    def __str__(self) -> str:
        return f"{self.report_id}.{self.format}"
