"""The month planning printed for the wall: a PDF with first names, gaps marked, drafts flagged."""

from __future__ import annotations

import shutil
import subprocess
from datetime import time

from conftest import verified_client
from coordo.access.models import Site, User
from coordo.planning.models import Assignment, Planning, Shift, ShiftTemplate, Worker
from coordo.planning.tests.factories import (
    audit_rows,
    make_draft,
    make_templates,
    make_worker,
    publish_with,
)
from coordo.planning.views.printout import latin1, short_name


def _pages(body: bytes) -> int:
    return body.count(b"/Type /Page\n")


def _text(body: bytes) -> str:
    """The words of the PDF as a reader sees them (the fonts embed glyphs, not latin-1)."""
    path = shutil.which("pdftotext")
    assert path, "pdftotext is missing: apt-get install poppler-utils"
    done = subprocess.run([path, "-", "-"], input=body, capture_output=True, check=True)  # noqa: S603
    return done.stdout.decode()


def test_the_published_month_prints_with_first_names_and_gaps(
    site: Site, coordinator: User, host: User, team: list[Worker], draft: Planning
) -> None:
    publish_with(draft, team[:2], coordinator)  # Yara and Samir on Wednesday 2nd, 09-12
    response = verified_client(host).get(f"/planning/{draft.pk}/print.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="planning-refuge-test-2026-12.pdf"'
    body = response.content
    assert body.startswith(b"%PDF-1.")
    assert _pages(body) == 1
    text = _text(body)
    assert "Refuge Test - December 2026" in text
    assert "Samir T., Yara T." in text
    assert "Version 1 · 2 of 36 places filled · 34 missing" in text
    assert "Samir Test" not in text
    assert "2 missing" in text  # every other shift is empty
    assert "DRAFT" not in text
    assert audit_rows("export", "planning.planning", draft.pk) == 1


def test_a_draft_prints_for_the_coordinator_marked_as_such(
    coordinator: User, host: User, draft: Planning
) -> None:
    body = verified_client(coordinator).get(f"/planning/{draft.pk}/print.pdf").content
    assert "DRAFT - not the planning in force" in _text(body)
    # Hosts see published versions only.
    assert verified_client(host).get(f"/planning/{draft.pk}/print.pdf").status_code == 404


def test_names_are_drawn_in_latin_1() -> None:
    assert short_name("Chloé Van den Broeck") == "Chloé B."
    assert short_name("Madonna") == "Madonna"
    assert latin1("Ştefan Dăbija 09:00–12:00") == "Stefan Dabija 09:00-12:00"
    assert latin1("Łucja Œuvray") == "Lucja OEuvray"
    assert latin1("Ελένη") == "?????"


def test_a_full_month_of_three_slots_fits_on_one_page(
    site: Site, coordinator: User, host: User, today: None
) -> None:
    make_templates(site, weekdays=(0, 1, 2, 3, 4, 5))
    ShiftTemplate.objects.create(
        organisation=site.organisation,
        site=site,
        weekdays=[0, 1, 2, 3, 4, 5],
        start=time(15),
        end=time(18),
        required=2,
    )
    names = ("Abdelrahman Benali", "Yasmina Kowalczyk", "Chloé Vandenbroucke", "Dirk Peeters")
    team = [make_worker(site, name) for name in names]
    planning = make_draft(site, coordinator)
    Assignment.objects.bulk_create(
        Assignment(
            organisation_id=planning.organisation_id,
            planning=planning,
            shift=shift,
            worker=team[(n + k) % 4],
        )
        for n, shift in enumerate(Shift.objects.filter(site=site))
        for k in range(2)
    )
    Planning.objects.filter(pk=planning.pk).update(status="published", version=1)
    body = verified_client(host).get(f"/planning/{planning.pk}/print.pdf").content
    assert _pages(body) == 1
    assert "Tue 1" in _text(body)
    assert "Thu 31" in _text(body)


def test_names_in_every_script_are_drawn_as_written(
    site: Site, coordinator: User, host: User, today: None
) -> None:
    make_templates(site, weekdays=(0,))
    team = [
        make_worker(site, name)
        for name in ("Ştefan Dăbija", "Ελένη Παππά", "ሰላም ተስፋይ", "أمينة حداد")
    ]
    planning = make_draft(site, coordinator)
    shift = Shift.objects.filter(site=site).order_by("start").first()
    Assignment.objects.bulk_create(
        Assignment(
            organisation_id=planning.organisation_id, planning=planning, shift=shift, worker=w
        )
        for w in team
    )
    Planning.objects.filter(pk=planning.pk).update(status="published", version=1)
    body = verified_client(host).get(f"/planning/{planning.pk}/print.pdf").content
    text = _text(body)
    assert "Ştefan D." in text
    assert "Ελένη Π." in text
    assert "ሰላም ተ." in text
    assert b"/FontFile2" in body  # the fonts are embedded
