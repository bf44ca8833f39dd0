"""Every file Coordo hands out: one response, always a download unless asked, never cached."""

from __future__ import annotations

import re

from django.db.models.fields.files import FieldFile
from django.http import HttpResponse
from django.utils.http import content_disposition_header

_UNSAFE = re.compile(r"[^\w.-]+")


def safe_filename(name: str) -> str:
    """Letters (accents included), digits, dots and dashes: no path, quote or header break."""
    stem = _UNSAFE.sub("-", name.replace("\\", "/").rsplit("/", 1)[-1]).strip(".-")
    return stem or "download"


def attachment(
    content: bytes | str, *, filename: str, content_type: str, inline: bool = False
) -> HttpResponse:
    """A file of personal or confidential data: no shared or browser cache keeps a copy.

    `inline` lets the browser show it (a PDF to print) instead of saving it.
    """
    response = HttpResponse(content, content_type=content_type)
    # safe_filename never returns "", so the header always has a value.
    response["Content-Disposition"] = str(
        content_disposition_header(not inline, safe_filename(filename))
    )
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def stored_file_attachment(file: FieldFile, *, stem: str, content_type: str) -> HttpResponse:
    """An uploaded document, always saved and never rendered, named `stem` and the extension
    it was stored with (never the name it was uploaded as); it is small (10 MB at most)."""
    extension = (file.name or "").rsplit(".", 1)[-1]
    with file.open("rb") as handle:
        return attachment(handle.read(), filename=f"{stem}.{extension}", content_type=content_type)
