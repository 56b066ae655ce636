import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from accounts.testing import as_user
from casework import documents
from casework.models import Document

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000") + b"\x00" * 40


def _upload(client: object, case: object, name: str, content: bytes) -> object:
    return client.post(  # type: ignore[attr-defined]
        reverse("casework:case_add", args=[case.pk, "document"]),
        {"document-file": SimpleUploadedFile(name, content), "document-title": "", "document-doc_type": _doc_type().pk},
    )


def _doc_type() -> object:
    from vocabularies.models import Term

    return Term.objects.get(vocabulary="document_type", code="evidence")


def test_it_stores_a_pdf_outside_the_web_root_and_serves_it_to_the_team(
    alice: object, make: object, settings: object
) -> None:
    case = make.case(alice)
    client = as_user(alice)
    response = _upload(client, case, "../../etc/passwd.pdf", PDF)
    assert response.status_code == 302
    document = Document.objects.get(case=case)
    assert document.original_name == "passwd.pdf"
    stored = documents.path_of(document.stored_name)
    assert PDF[:8] not in stored.read_bytes()  # encrypted at rest
    assert documents.read(document.stored_name) == PDF
    assert str(settings.FILES_ROOT) in str(stored)
    assert oct(stored.stat().st_mode)[-3:] == "600"
    download = client.get(reverse("casework:document_download", args=[document.pk]))
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Disposition"].startswith("attachment")
    download.close()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("report.pdf", b"<html><script>alert(1)</script></html>", "web page markup"),
        ("report.pdf", b"%PDF-1.4\n<script>alert(1)</script>", "web page markup"),
        ("photo.png", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 100, "not accepted"),
        ("drawing.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "web page markup"),
        ("empty.pdf", b"", "empty"),
    ],
)
def test_it_refuses_a_file_by_what_it_contains(
    alice: object, make: object, name: str, content: bytes, message: str
) -> None:
    case = make.case(alice)
    client = as_user(alice)
    response = _upload(client, case, name, content)
    assert response.status_code == 302
    follow = client.get(response["Location"])
    assert message in follow.content.decode()
    assert Document.objects.count() == 0


@override_settings(RIGHTSDESK_DOCUMENT_MAX_BYTES=1024)
def test_it_refuses_a_file_over_the_size_limit(alice: object, make: object) -> None:
    case = make.case(alice)
    client = as_user(alice)
    _upload(client, case, "big.png", PNG + b"\x00" * 2048)
    assert Document.objects.count() == 0


def test_an_image_is_accepted_by_its_bytes_whatever_its_name(alice: object, make: object) -> None:
    case = make.case(alice)
    _upload(as_user(alice), case, "scan.pdf", PNG)
    assert Document.objects.get().content_type == "image/png"
