"""The register of acts of violence by third parties: declaring, reading, printing, exporting."""

from __future__ import annotations

from pathlib import Path

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from fpdf import FPDF

from coordo.access import audit
from coordo.access.http import AuthedRequest, principal_of, require_perm
from coordo.access.models import AuditAction
from coordo.access.policy import Perm
from coordo.incidents import actions, queries
from coordo.incidents.catalogue import FAMILY_OF, Family
from coordo.incidents.forms import DeclarationForm, YearForm
from coordo.incidents.models import Declaration
from coordo.web.downloads import attachment
from coordo.web.posting import errors_onto
from coordo.web.sites import current_site
from coordo.web.tabular.writing import export_response

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


@require_perm(Perm.REGISTER_DECLARE)
def register_declare(request: AuthedRequest) -> HttpResponse:
    principal = principal_of(request)
    site = current_site(request, Perm.REGISTER_DECLARE)
    initial: dict[str, object] = {
        "occurred_at": timezone.localtime().replace(second=0, microsecond=0)
    }
    incident = None
    raw = request.POST.get("incident") or request.GET.get("incident")
    if raw and raw.isdigit():
        # Only one's own report (or one the coordination reads) pre-fills the declaration.
        incident = queries.get_incident(principal, int(raw))
        initial |= {
            "occurred_at": timezone.localtime(incident.occurred_at).replace(tzinfo=None),
            "type": incident.type if FAMILY_OF[incident.type] == Family.WORKER else "",
            "description": incident.narrative,
            "incident": incident.pk,
        }
    form = DeclarationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with errors_onto(form):
            actions.declare_violence(
                site=site,
                occurred_at=data["occurred_at"],
                type=data["type"],
                description=data["description"],
                named=data["identity"] == DeclarationForm.NAMED,
                incident=incident,
                by=principal,
            )
            messages.success(request, _("Your declaration is in the register."))
            return redirect("dashboard")
    return render(request, "incidents/declare.html", {"form": form, "site": site})


@require_perm(Perm.REGISTER_VIEW)
def register_list(request: AuthedRequest) -> HttpResponse:
    principal = principal_of(request)
    declarations = list(queries.declarations_visible_to(principal)[:500])
    audit.record(AuditAction.LIST, principal=principal, object_type="incidents.declaration")
    return render(
        request,
        "incidents/register.html",
        {"declarations": declarations, "this_year": timezone.localdate().year},
    )


def _lines(declarations: list[Declaration]) -> list[list[object]]:
    header: list[object] = [
        _("Declared"),
        _("When"),
        _("Site"),
        _("Type"),
        _("What happened"),
        _("Declarant"),
    ]
    return [header] + [
        [
            # An anonymous declaration is dated by its day alone (its time is a fixed noon).
            date_format(
                timezone.localtime(d.declared_at),
                "SHORT_DATETIME_FORMAT" if d.named else "SHORT_DATE_FORMAT",
            ),
            date_format(timezone.localtime(d.occurred_at), "SHORT_DATETIME_FORMAT"),
            d.site.name,
            d.get_type_display(),
            d.description,
            d.declarant.full_name if d.declarant else _("not named"),
        ]
        for d in declarations
    ]


@require_perm(Perm.REGISTER_VIEW)
def register_export(request: AuthedRequest) -> HttpResponse:
    """For the labour inspector: the whole register as CSV (or `?format=xlsx`)."""
    principal = principal_of(request)
    declarations = list(queries.declarations_visible_to(principal).order_by("occurred_at", "pk"))
    audit.record(AuditAction.EXPORT, principal=principal, object_type="incidents.declaration")
    return export_response(
        request,
        _lines(declarations),
        name="register-third-party-violence",
        title=_("Register of acts of violence by third parties"),
    )


@require_perm(Perm.REGISTER_VIEW)
def register_pdf(request: AuthedRequest) -> HttpResponse:
    """The printable register: every declaration, one block each, in a Unicode font."""
    principal = principal_of(request)
    declarations = list(queries.declarations_visible_to(principal).order_by("occurred_at", "pk"))
    audit.record(AuditAction.EXPORT, principal=principal, object_type="incidents.declaration")
    pdf = FPDF(format="A4")
    if DEJAVU.exists():
        pdf.add_font("dejavu", fname=str(DEJAVU))
        font = "dejavu"
    else:  # no TTF on this server: the core font, latin-1 only
        font = "helvetica"
    pdf.add_page()
    pdf.set_font(font, size=14)
    pdf.multi_cell(
        0,
        8,
        _text(font, _("Register of acts of violence by third parties")),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_font(font, size=9)
    pdf.multi_cell(0, 5, _text(font, _printed_on()), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    for line in _lines(declarations)[1:]:
        pdf.set_font(font, size=10)
        pdf.multi_cell(
            0, 5, _text(font, f"{line[1]} · {line[2]} · {line[3]}"), new_x="LMARGIN", new_y="NEXT"
        )
        pdf.set_font(font, size=9)
        pdf.multi_cell(
            0,
            5,
            _text(font, f"{line[4]}\n{_('Declarant')}: {line[5]}"),
            new_x="LMARGIN",
            new_y="NEXT",
        )
        pdf.ln(3)
    if not declarations:
        pdf.multi_cell(0, 5, _text(font, _("No declaration.")), new_x="LMARGIN", new_y="NEXT")
    return attachment(
        bytes(pdf.output()),
        filename="register-third-party-violence.pdf",
        content_type="application/pdf",
        inline=True,
    )


def _printed_on() -> str:
    return _("Printed on %(day)s") % {"day": date_format(timezone.localdate(), "SHORT_DATE_FORMAT")}


def _text(font: str, text: str) -> str:
    if font != "helvetica":
        return text
    return text.encode("latin-1", "replace").decode("latin-1")


@require_perm(Perm.REGISTER_VIEW)
def register_summary(request: AuthedRequest) -> HttpResponse:
    """The yearly anonymised summary for the prevention service's annual report."""
    form = YearForm(request.GET or {"year": timezone.localdate().year})
    year = form.cleaned_data["year"] if form.is_valid() else timezone.localdate().year
    summary = queries.year_summary(principal_of(request), year)
    if request.GET.get("format") in ("csv", "xlsx"):
        lines: list[list[object]] = [[_("Year"), year], [_("Total"), summary.total]]
        lines += [[_("Type"), k, n] for k, n in summary.by_type]
        lines += [[_("Site"), k, n] for k, n in summary.by_site]
        lines += [[_("Month"), k, n] for k, n in summary.by_month]
        lines += [[_("Hours"), k, n] for k, n in summary.by_hour_band]
        return export_response(request, lines, name=f"register-summary-{year}")
    return render(request, "incidents/register_summary.html", {"summary": summary, "form": form})
