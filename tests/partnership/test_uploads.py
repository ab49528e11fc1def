"""Evidence uploads: the type is read from the content, the size is limited, files are stored
under random names and served only as downloads."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from partnership.services import DomainError
from partnership.services.actions import action_add_evidence
from partnership.uploads import check_upload
from tests.factories import ActionFactory, ActionPlanFactory

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture(autouse=True)
def private_storage(settings, tmp_path):
    """Stored files go to this test's own folder."""
    default = settings.STORAGES["default"]
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {**default, "OPTIONS": {**default.get("OPTIONS", {}), "location": str(tmp_path)}},
    }
    return tmp_path


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        )
        archive.writestr("word/document.xml", "<w:document><w:body><w:p/></w:body></w:document>")
    return buffer.getvalue()


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "green").save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.mark.parametrize(
    "name, content, expected",
    [
        ("minutes.pdf", PDF, "application/pdf"),
        (
            "briefing.docx",
            docx_bytes(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        ("poster.png", png_bytes(), "image/png"),
        ("notes.txt", b"Briefing delivered to 40 staff on 3 March.\n", "text/plain"),
    ],
)
def test_allowed_files_are_accepted(name, content, expected):
    content_type, safe_name = check_upload(upload(name, content))
    assert content_type == expected
    assert safe_name == name


@pytest.mark.parametrize(
    "name, content",
    [
        ("report.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200),
        ("page.txt", b"<!DOCTYPE html>\n<html><head><title>Hi</title></head><body>Hello</body></html>\n"),
    ],
    ids=["exe-named-pdf", "html-named-txt"],
)
def test_files_whose_content_is_not_allowed_are_refused(name, content):
    with pytest.raises(DomainError) as refused:
        check_upload(upload(name, content, "application/pdf"))
    assert refused.value.field == "file"
    assert "must be a PDF, Word, Excel" in refused.value.message


def test_an_empty_file_is_refused():
    with pytest.raises(DomainError, match="empty") as refused:
        check_upload(upload("empty.txt", b""))
    assert refused.value.field == "file"


def test_a_file_over_the_size_limit_is_refused(settings):
    settings.MAX_UPLOAD_MB = 1
    with pytest.raises(DomainError, match="smaller than 1 MB") as refused:
        check_upload(upload("big.txt", b"a" * (1024 * 1024 + 1)))
    assert refused.value.field == "file"
    # Exactly at the limit is allowed.
    assert check_upload(upload("fits.txt", b"a" * (1024 * 1024)))[0] == "text/plain"


def test_stored_under_a_random_name_and_downloaded_as_an_attachment(world, client_for, private_storage):
    action = ActionFactory(plan=ActionPlanFactory(subgroup=world.subgroup), owner_agency=world.agency)
    evidence = action_add_evidence(
        action=action,
        description="Minutes of the briefing",
        upload=upload("Minutes <March>.pdf", PDF, "application/pdf"),
        actor=world.business_unit,
    )

    assert evidence.file_name == "Minutes_March.pdf"
    assert "Minutes" not in evidence.file.name and not evidence.file.name.endswith(".pdf")
    assert (private_storage / evidence.file.name).read_bytes() == PDF

    response = client_for(world.agency_lead).get(reverse("partnership:evidence-download", args=[evidence.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert 'filename="Minutes_March.pdf"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF

    # Someone who may not see the action does not learn the file exists.
    other = client_for(world.other_agency_lead).get(
        reverse("partnership:evidence-download", args=[evidence.pk])
    )
    assert other.status_code == 404
