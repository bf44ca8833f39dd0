"""Uploaded documents: size limit and a type allow-list checked on the content, not the name.

Files are stored under MEDIA_ROOT (outside the web root) with a random name and are
only ever served by permission-checked views (`attachment_response`).
"""

from __future__ import annotations

import secrets
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models.fields.files import FieldFile
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _

MAX_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class Sniffed:
    content_type: str
    extension: str


def _zip_kind(upload: UploadedFile) -> Sniffed | None:
    """DOCX and ODT are zip archives; their inner names tell them apart."""
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
                if mimetype == "application/vnd.oasis.opendocument.text":
                    return Sniffed(mimetype, "odt")
            if "word/document.xml" in names:
                return Sniffed(
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    "docx",
                )
    except zipfile.BadZipFile:
        return None
    return None


def sniff(upload: UploadedFile) -> Sniffed | None:
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    found: Sniffed | None = None
    if head.startswith(b"%PDF-"):
        found = Sniffed("application/pdf", "pdf")
    elif head.startswith(b"\xff\xd8\xff"):
        found = Sniffed("image/jpeg", "jpg")
    elif head.startswith(b"\x89PNG\r\n\x1a\n"):
        found = Sniffed("image/png", "png")
    elif head.startswith(b"PK\x03\x04"):
        found = _zip_kind(upload)
        upload.seek(0)
    return found


def validate_upload(upload: UploadedFile, *, field: str) -> Sniffed:
    """Refuse, naming `field`, a file that is too large or not an allowed document type."""
    if upload.size is not None and upload.size > MAX_BYTES:
        raise ValidationError(
            {field: _("This file is larger than 10 MB. Scan it at a lower resolution.")},
            code="too_large",
        )
    sniffed = sniff(upload)
    if sniffed is None:
        raise ValidationError(
            {field: _("Only PDF, JPEG, PNG, DOCX and ODT documents can be attached.")},
            code="file_type",
        )
    return sniffed


def stored_name(sniffed: Sniffed) -> str:
    # The uploaded name may itself be personal ("passport-amina.pdf"): it is never stored on disk.
    return f"{secrets.token_hex(16)}.{sniffed.extension}"


def attachment_response(file: FieldFile, *, download_name: str, content_type: str) -> HttpResponse:
    """Always a download, never rendered by the browser; files are small (10 MB at most)."""
    with file.open("rb") as handle:
        response = HttpResponse(handle.read(), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{download_name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
