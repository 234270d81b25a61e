"""Every file the platform sends goes through here: exports, import templates, the brief, the
scheduling pack and stored files (contracts, photos, plans).

One place for the content types, and one Content-Disposition per RFC 6266: the real, usually
Chinese, name as ``filename*=UTF-8''…`` (RFC 5987) and an ASCII ``filename="…"`` before it for
clients that do not read the extended form. Stored files are served only through their record
looked up in the user's scope, never from a public media URL (ADR 0007, ADR 0012).
"""

import mimetypes
import re
from urllib.parse import quote

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"
CSV = "text/csv"
CONTENT_TYPES = {"xlsx": XLSX, "docx": DOCX, "pdf": PDF, "csv": CSV}
FALLBACK_STEM = "download"


def extension(filename: str) -> str:
    return filename.rsplit(".", 1)[-1].lower() if "." in filename else ""


def content_type_for(filename: str) -> str:
    """Our document types by extension; any other stored file as the system's MIME table
    knows it (a photo, a scanned approval), else a plain byte stream."""
    known = CONTENT_TYPES.get(extension(filename))
    return known or mimetypes.guess_type(filename)[0] or "application/octet-stream"


def ascii_name(filename: str) -> str:
    """The ASCII fallback: the name's ASCII letters, digits, dots and dashes (a Chinese name
    keeps its date and extension, 企业-20250930.xlsx → 20250930.xlsx), or ``download.ext``."""
    ext = extension(filename)
    stem = filename[: -len(ext) - 1] if ext else filename
    stem = re.sub(r"[^A-Za-z0-9.-]+", "_", stem).strip("_.-")
    return f"{stem or FALLBACK_STEM}.{ext}" if ext else stem or FALLBACK_STEM


def content_disposition(filename: str, fallback: str | None = None) -> str:
    return f"attachment; filename=\"{fallback or ascii_name(filename)}\"; filename*=UTF-8''{quote(filename)}"


def file_response(content, filename: str, *, fallback: str | None = None, content_type: str | None = None):
    """A download of ``content`` (bytes, or an open binary file, which is streamed) named
    ``filename``; ``fallback`` is the ASCII name when a better one than the derived is known."""
    content_type = content_type or content_type_for(filename)
    if isinstance(content, bytes | str):
        response = HttpResponse(content, content_type=content_type)
    else:
        response = FileResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition(filename, fallback)
    return response


def serve_stored_file(stored):
    """A stored file (``FieldFile``) as a download under its own name; 404 when the field is
    empty or the file is gone. The caller has looked its record up in the user's scope."""
    if not stored:
        raise Http404
    try:
        handle = stored.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    return file_response(handle, stored.name.rsplit("/", 1)[-1])


def scoped_file(queryset, user, pk, field: str):
    """The file in ``field`` of record ``pk``, looked up in ``user``'s scope first: another
    firm's record is a 404 like any object outside the scope."""
    record = get_object_or_404(queryset.all().visible_to(user), pk=pk)
    return serve_stored_file(getattr(record, field))
