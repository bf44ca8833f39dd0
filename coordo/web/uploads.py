"""Uploaded files: a size limit and a type allow-list checked on the content, not the name.

Documents are stored under MEDIA_ROOT (outside the web root) with a random name and are
only ever served by permission-checked views (`coordo.web.downloads.attachment`).
Spreadsheets to import are read in memory and never stored (`coordo.web.tabular`).
"""

from __future__ import annotations

import secrets
import zipfile
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class Sniffed:
    content_type: str
    extension: str


def _zip_kind(upload: IO[bytes]) -> Sniffed | None:
    """DOCX, ODT and XLSX are zip archives; their inner names tell them apart."""
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
            if "xl/workbook.xml" in names:
                return Sniffed(
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"
                )
    except (zipfile.BadZipFile, OSError, KeyError):
        return None
    return None


def sniff(upload: IO[bytes]) -> Sniffed | None:
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


def check_size(upload: UploadedFile, *, field: str, max_bytes: int, message: StrOrPromise) -> None:
    """Refuse, naming `field`, a file over `max_bytes` with `message` (what to do instead)."""
    if upload.size is not None and upload.size > max_bytes:
        raise ValidationError({field: message}, code="too_large")


DOCUMENT_TYPES = ("pdf", "jpg", "png", "docx", "odt")


def validate_upload(upload: UploadedFile, *, field: str) -> Sniffed:
    """Refuse, naming `field`, a file that is too large or not an allowed document type."""
    message = _("This file is larger than 10 MB. Scan it at a lower resolution.")
    check_size(upload, field=field, max_bytes=MAX_DOCUMENT_BYTES, message=message)
    sniffed = sniff(upload)
    if sniffed is None or sniffed.extension not in DOCUMENT_TYPES:
        raise ValidationError(
            {field: _("Only PDF, JPEG, PNG, DOCX and ODT documents can be attached.")},
            code="file_type",
        )
    return sniffed


def stored_name(sniffed: Sniffed) -> str:
    # The uploaded name may itself be personal ("passport-amina.pdf"): it is never stored on disk.
    return f"{secrets.token_hex(16)}.{sniffed.extension}"
