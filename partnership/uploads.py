"""Checks on uploaded files: the type is read from the content, never trusted from the name.

Every app's uploads (evidence, review documents, reports) go through `check_upload`, and are
served only by permission-checked views with `file_response`.
"""

import mimetypes
from pathlib import Path

import magic
from django.conf import settings
from django.http import FileResponse
from django.utils.text import get_valid_filename

from .services import DomainError

# What partnerships share as evidence: documents, spreadsheets, images and plain text.
ALLOWED_TYPES = {
    "application/pdf": "PDF",
    "application/msword": "Word",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word",
    "application/vnd.ms-excel": "Excel",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel",
    "application/vnd.oasis.opendocument.text": "OpenDocument text",
    "application/vnd.oasis.opendocument.spreadsheet": "OpenDocument spreadsheet",
    "image/png": "PNG image",
    "image/jpeg": "JPEG image",
    "image/gif": "GIF image",
    "text/plain": "plain text",
    "text/csv": "CSV",
}
# Office files are zip or OLE containers; libmagic names some of them generically.
CONTAINER_TYPES = {
    "application/zip",
    "application/x-ole-storage",
    "application/CDFV2",
    "application/octet-stream",
}
OFFICE_BY_SUFFIX = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".doc": "application/msword",
    ".xls": "application/vnd.ms-excel",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
}

ALLOWED_DESCRIPTION = "a PDF, Word, Excel, OpenDocument, image (PNG, JPEG, GIF) or plain text file"


def safe_file_name(name: str) -> str:
    """The person's file name made safe to show and to offer as a download name."""
    cleaned = get_valid_filename(Path(name or "file").name) or "file"
    return cleaned[-150:]


def check_upload(upload) -> tuple[str, str]:
    """Return (content type, safe file name) for an allowed upload, or raise DomainError."""
    limit = settings.MAX_UPLOAD_MB * 1024 * 1024
    if upload.size > limit:
        raise DomainError(f"The file must be smaller than {settings.MAX_UPLOAD_MB} MB.", field="file")
    if upload.size == 0:
        raise DomainError("The selected file is empty.", field="file")
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    detected = magic.from_buffer(head, mime=True)
    name = safe_file_name(upload.name)
    suffix = Path(name).suffix.lower()
    if detected in CONTAINER_TYPES and suffix in OFFICE_BY_SUFFIX:
        # A zip or OLE container named .docx/.xlsx: check the container is what the name says.
        detected = _office_type(upload, suffix) or detected
    if detected == "text/plain" and suffix == ".csv":
        detected = "text/csv"
    if detected not in ALLOWED_TYPES:
        raise DomainError(f"The selected file must be {ALLOWED_DESCRIPTION}.", field="file")
    return detected, name


def _office_type(upload, suffix: str) -> str | None:
    import zipfile

    expected = OFFICE_BY_SUFFIX[suffix]
    if suffix in {".doc", ".xls"}:
        upload.seek(0)
        signature = upload.read(8)
        upload.seek(0)
        return expected if signature == bytes.fromhex("d0cf11e0a1b11ae1") else None
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        return None
    finally:
        upload.seek(0)
    markers = {".docx": "word/document.xml", ".xlsx": "xl/workbook.xml"}
    if suffix in markers:
        return expected if markers[suffix] in names else None
    return expected if "mimetype" in names else None


def file_response(field_file, *, file_name: str, content_type: str = "") -> FileResponse:
    """Serve a stored private file as a download (never inline)."""
    content_type = content_type or mimetypes.guess_type(file_name)[0] or "application/octet-stream"
    response = FileResponse(
        field_file.open("rb"), as_attachment=True, filename=file_name, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
