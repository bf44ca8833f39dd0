from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction

from conftest import verified_client
from coordo.access import writes
from coordo.casework import actions
from coordo.casework.models import Attachment
from coordo.casework.tests.conftest import principal
from coordo.web.uploads import MAX_DOCUMENT_BYTES as MAX_BYTES

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"%PDF-1.7 ...", "application/pdf"),
        (b"\x89PNG\r\n\x1a\n....", "image/png"),
        (b"\xff\xd8\xff\xe0....", "image/jpeg"),
        (docx(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ],
)
def test_allowed_types_are_recognised_by_their_content(case_file, social_worker, content, expected):
    upload = SimpleUploadedFile("anything.bin", content)
    attachment = actions.attach_document(
        case_file, upload=upload, title="ID", by=principal(social_worker)
    )
    assert attachment.content_type == expected
    assert "anything" not in attachment.file.name


def test_a_disguised_file_is_refused_naming_the_field(case_file, social_worker):
    upload = SimpleUploadedFile("scan.pdf", b"<html><script>alert(1)</script>")
    with pytest.raises(ValidationError) as error:
        actions.attach_document(case_file, upload=upload, title="ID", by=principal(social_worker))
    assert list(error.value.message_dict) == ["file"]
    assert Attachment.objects.count() == 0


def test_a_row_that_cannot_be_written_leaves_no_file_behind(case_file, social_worker, tmp_path):
    attachment = Attachment(
        organisation_id=case_file.organisation_id,
        site_id=case_file.site_id,
        case_file=case_file,
        title=None,  # NOT NULL: the insert fails after the file is stored
        content_type="application/pdf",
        size=8,
        uploaded_by_id=social_worker.pk,
    )
    attachment.file.save("scan.pdf", ContentFile(b"%PDF-1.7"), save=False)
    assert [p.name for p in tmp_path.rglob("*.pdf")] == [attachment.file.name.split("/")[-1]]
    with pytest.raises(IntegrityError), transaction.atomic():
        writes.save_new_with_file(attachment, file_field="file", by=principal(social_worker))
    assert list(tmp_path.rglob("*.pdf")) == []
    assert Attachment.objects.count() == 0


def test_a_too_large_file_is_refused_with_a_clear_message(case_file, social_worker):
    client = verified_client(social_worker)
    upload = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * MAX_BYTES)
    response = client.post(
        f"/case-files/{case_file.pk}/documents/", {"title": "Big", "file": upload}, follow=True
    )
    assert "File: This file is larger than 10 MB." in response.content.decode()
    assert Attachment.objects.count() == 0


def test_a_download_is_an_attachment_that_browsers_do_not_sniff(case_file, social_worker, host):
    attachment = actions.attach_document(
        case_file,
        upload=SimpleUploadedFile("a.pdf", b"%PDF-1.4 x"),
        title="ID",
        by=principal(social_worker),
    )
    response = verified_client(social_worker).get(f"/documents/{attachment.pk}/")
    assert response["Content-Disposition"] == f'attachment; filename="document-{attachment.pk}.pdf"'
    assert (response["X-Content-Type-Options"], response.content) == ("nosniff", b"%PDF-1.4 x")
    assert verified_client(host).get(f"/documents/{attachment.pk}/").status_code == 403
