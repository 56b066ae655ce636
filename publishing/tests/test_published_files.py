"""Pictures and PDFs published with a record lose their metadata; the evidence itself does not change.

An editor picks files of the event's sources on the publish page (publishing:publish); the portal's record
page shows the cleaned copies and the public route publishing:record_file serves them while the record is
published, and answers 404 once it is withdrawn (publishing:withdraw).
"""

import datetime as dt
import hashlib
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import ExifTags, Image
from pypdf import PdfReader

from accounts.testing import as_user
from audit.models import AuditEntry
from casework import documents
from monitoring import actions as m
from monitoring.models import Confidentiality, CustodyAction
from monitoring.testing import term
from publishing import actions
from publishing.models import PublishedFile, PublishedRecord
from publishing.tests.evidence_files import BLUE, RED, STORED_SIZE, jpeg_with_exif, pdf_with_metadata

CANARY = re.compile(rb"canary", re.IGNORECASE)
FILE_URL = re.compile(r'(?:href|src)="(/portal/records/[0-9a-f]+/files/[0-9a-f]+\.[a-z]+)"')


def _source(event, actor, name, content, *, confidentiality=Confidentiality.PUBLIC, title="Photograph of the square"):
    return m.add_source(
        event,
        kind=term("source_kind", "media"),
        title=title,
        confidentiality=confidentiality,
        collected_on=dt.date(2026, 3, 9),
        upload=SimpleUploadedFile(name, content),
        actor=actor,
    )


@pytest.fixture
def event(mona, edith, mon):
    event = mon.event(mona, title="Rally dispersed on Republic Square")
    mon.act(event, mona)
    return event


@pytest.fixture
def photo(event, mona):
    return _source(event, mona, "CanaryFileName-IMG_0042.jpg", jpeg_with_exif())


@pytest.fixture
def leaflet(event, mona):
    return _source(event, mona, "CanaryFileName-leaflet.pdf", pdf_with_metadata(), title="The organisers' leaflet")


def _publish_page(client, event, files, **extra):
    data = {
        "title": "Rally dispersed",
        "summary": "Police dispersed a peaceful rally.",
        "evidence_files": [f.pk for f in files],
    }
    data.update(extra)
    return client.post(reverse("publishing:publish", args=[event.pk]), data)


def _file_urls(record):
    page = Client().get(reverse("publishing:record", args=[record.public_id])).content.decode()
    return sorted(set(FILE_URL.findall(page)))  # a picture is both shown and linked


def _stored_files():
    return {p.name for p in documents.path_of("0" * 32).parent.iterdir()}


def test_the_evidence_really_carries_the_metadata():
    """The checks below would pass vacuously if the test files had none."""
    picture = Image.open(io.BytesIO(jpeg_with_exif()))
    exif = picture.getexif()
    assert exif[ExifTags.Base.Artist] == "CanaryArtist"
    assert exif.get_ifd(ExifTags.IFD.GPSInfo)[ExifTags.GPS.GPSLatitude] == (43.0, 14.0, 17.0)
    pdf = PdfReader(io.BytesIO(pdf_with_metadata()))
    assert pdf.metadata is not None
    assert pdf.metadata.author == "CanaryAuthor"
    assert pdf.xmp_metadata is not None
    assert b"CanaryEmbeddedArtist" in pdf_with_metadata()


def test_published_pictures_and_pdfs_reach_the_public_without_their_metadata(event, photo, leaflet, mon, edith):
    mon.approve(event, edith)
    response = _publish_page(as_user(edith), event, [photo, leaflet])
    assert response.status_code == 302
    record = PublishedRecord.objects.get(event=event)
    page = Client().get(reverse("publishing:record", args=[record.public_id])).content.decode()
    assert "Photograph of the square" in page
    assert "IMG_0042" not in page
    urls = _file_urls(record)
    assert len(urls) == 2

    served = {}
    for url in urls:
        response = Client().get(url)
        assert response.status_code == 200
        assert not CANARY.search(response.content), url
        assert "IMG_0042" not in response["Content-Disposition"]
        assert "sandbox" in response["Content-Security-Policy"]
        served[response["Content-Type"]] = response.content

    picture = Image.open(io.BytesIO(served["image/jpeg"]))
    assert dict(picture.getexif()) == {}
    assert picture.getexif().get_ifd(ExifTags.IFD.GPSInfo) == {}
    assert not {"exif", "xmp", "comment", "icc_profile"} & set(picture.info)
    # Turned upright as the camera said: the left (red) half of the stored picture is now on top.
    assert picture.size == (STORED_SIZE[1], STORED_SIZE[0])
    top, bottom = picture.convert("RGB").getpixel((16, 8)), picture.convert("RGB").getpixel((16, 56))
    assert max(abs(a - b) for a, b in zip(top, RED, strict=True)) < 12
    assert max(abs(a - b) for a, b in zip(bottom, BLUE, strict=True)) < 12

    pdf = PdfReader(io.BytesIO(served["application/pdf"]))
    assert pdf.metadata is None
    assert pdf.xmp_metadata is None
    assert set(pdf.trailer["/Root"].keys()) == {"/Type", "/Pages"}  # no script, attachment, outline or form
    assert "/Annots" not in pdf.pages[0]
    assert "Seen on Republic Square" in pdf.pages[0].extract_text()
    embedded = pdf.pages[0]["/Resources"]["/XObject"]["/Im0"].get_object()
    assert dict(Image.open(io.BytesIO(embedded._data)).getexif()) == {}
    assert Image.open(io.BytesIO(embedded._data)).size == STORED_SIZE


def test_the_original_evidence_and_its_custody_hash_are_untouched(event, photo, mon, edith):
    mon.approve(event, edith)
    hash_at_upload = photo.sha256
    actions.publish_event(
        event, title="Rally dispersed", summary="", apply_redaction=True, evidence_files=[photo], actor=edith
    )
    photo.refresh_from_db()
    original = documents.read(photo.stored_name)
    assert photo.sha256 == hash_at_upload == hashlib.sha256(original).hexdigest()
    assert b"CanaryArtist" in original
    published = PublishedFile.objects.get(source=photo)
    assert published.stored_name != photo.stored_name
    assert published.sha256 != photo.sha256
    # The chain of custody says a cleaned copy was published, from the original with its upload hash.
    assert photo.custody.filter(action=CustodyAction.PUBLISHED, actor=edith, sha256=hash_at_upload).exists()
    entry = AuditEntry.objects.get(action="publication.file")
    assert entry.object_id == str(published.pk)
    assert entry.detail == {"record": published.record_id, "source": photo.pk, "sha256": published.sha256}


def test_a_file_that_cannot_be_cleaned_is_refused_and_nothing_is_published(event, photo, mona, mon, edith):
    broken = _source(event, mona, "scan.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\n%%EOF\n", title="Scan")
    mon.approve(event, edith)
    stored_before = _stored_files()
    response = _publish_page(as_user(edith), event, [photo, broken])
    assert response.status_code == 200
    assert "The file of “Scan” was refused: The PDF could not be read" in response.content.decode()
    assert not PublishedRecord.objects.exists()
    assert not PublishedFile.objects.exists()
    assert _stored_files() == stored_before
    assert not photo.custody.filter(action=CustodyAction.PUBLISHED).exists()


def test_a_refused_republication_leaves_the_published_record_as_it_was(event, photo, mona, mon, edith):
    mon.approve(event, edith)
    record = actions.publish_event(
        event, title="Rally dispersed", summary="", apply_redaction=True, evidence_files=[photo], actor=edith
    )
    [url] = _file_urls(record)
    broken = _source(event, mona, "scan.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, title="Scan")
    with pytest.raises(actions.PublishRefused, match="The picture could not be read"):
        actions.publish_event(
            event, title="Changed title", summary="", apply_redaction=True, evidence_files=[photo, broken], actor=edith
        )
    record.refresh_from_db()
    assert record.title == "Rally dispersed"
    assert Client().get(url).status_code == 200


@pytest.mark.parametrize("confidentiality", [Confidentiality.INTERNAL, Confidentiality.CONFIDENTIAL])
def test_only_files_of_sources_that_may_be_published_are_offered_and_accepted(
    event, photo, mona, mon, edith, confidentiality
):
    hidden = _source(event, mona, "hidden.jpg", jpeg_with_exif(), confidentiality=confidentiality, title="Hidden")
    mon.approve(event, edith)
    client = as_user(edith)
    page = client.get(reverse("publishing:publish", args=[event.pk])).content.decode()
    assert f'name="evidence_files" value="{photo.pk}"' in page
    assert f'value="{hidden.pk}"' not in page
    response = _publish_page(client, event, [photo, hidden])
    assert response.status_code == 200
    assert not PublishedRecord.objects.exists()
    with pytest.raises(actions.PublishRefused, match="marked “may be published”"):
        actions.publish_event(event, title="t", summary="", apply_redaction=True, evidence_files=[hidden], actor=edith)
    assert not PublishedRecord.objects.exists()


def test_a_withdrawn_records_files_are_no_longer_served(
    event, photo, leaflet, mon, edith, django_capture_on_commit_callbacks
):
    mon.approve(event, edith)
    record = actions.publish_event(
        event, title="Rally dispersed", summary="", apply_redaction=True, evidence_files=[photo, leaflet], actor=edith
    )
    urls = _file_urls(record)
    first = Client().get(urls[0])
    assert first.status_code == 200
    assert first["Cache-Control"] == "no-cache"  # browsers and proxies ask again, and so learn of a withdrawal
    assert Client().get(urls[0], headers={"if-none-match": first["ETag"]}).status_code == 304
    stored = [f.stored_name for f in PublishedFile.objects.all()]

    with django_capture_on_commit_callbacks(execute=True):
        assert as_user(edith).post(reverse("publishing:withdraw", args=[record.public_id])).status_code == 302

    assert Client().get(reverse("publishing:record", args=[record.public_id])).status_code == 404
    for url in urls:
        assert Client().get(url).status_code == 404
    assert Client().get(urls[0], headers={"if-none-match": first["ETag"]}).status_code == 404
    # Not merely hidden: the copies are deleted.
    assert not PublishedFile.objects.exists()
    assert not set(stored) & _stored_files()


def test_republishing_replaces_the_copies(event, photo, leaflet, mon, edith, django_capture_on_commit_callbacks):
    mon.approve(event, edith)
    record = actions.publish_event(
        event, title="Rally dispersed", summary="", apply_redaction=True, evidence_files=[photo, leaflet], actor=edith
    )
    before = set(_file_urls(record))
    page = as_user(edith).get(reverse("publishing:publish", args=[event.pk])).content.decode()
    assert page.count("checked") >= 2  # the files published last time are ticked
    with django_capture_on_commit_callbacks(execute=True):
        _publish_page(as_user(edith), event, [leaflet])
    after = set(_file_urls(record))
    assert len(after) == 1
    assert after.isdisjoint(before)
    for url in before:
        assert Client().get(url).status_code == 404
    assert Client().get(after.pop())["Content-Type"] == "application/pdf"


def test_a_file_is_served_only_under_its_own_record(event, photo, mona, mon, edith):
    mon.approve(event, edith)
    record = actions.publish_event(
        event, title="Rally dispersed", summary="", apply_redaction=True, evidence_files=[photo], actor=edith
    )
    other = mon.published(mona, edith, title="Another record")
    published = PublishedFile.objects.get()
    assert (
        Client().get(reverse("publishing:record_file", args=[record.public_id, published.file_name])).status_code == 200
    )
    assert (
        Client().get(reverse("publishing:record_file", args=[other.public_id, published.file_name])).status_code == 404
    )
    assert (
        Client()
        .get(reverse("publishing:record_file", args=[record.public_id, published.public_id + ".pdf"]))
        .status_code
        == 404
    )


def test_a_failure_half_way_through_leaves_no_record_and_no_stored_copy(event, photo, leaflet, mon, edith, monkeypatch):
    mon.approve(event, edith)
    stored_before = _stored_files()
    calls = []

    def fail_on_the_second(source, *, actor):
        calls.append(source.pk)
        if len(calls) == 2:
            raise RuntimeError("disk full")

    monkeypatch.setattr(actions, "note_copy_published", fail_on_the_second)
    with pytest.raises(RuntimeError):
        actions.publish_event(
            event,
            title="Rally dispersed",
            summary="",
            apply_redaction=True,
            evidence_files=[photo, leaflet],
            actor=edith,
        )
    assert not PublishedRecord.objects.exists()
    assert not PublishedFile.objects.exists()
    assert _stored_files() == stored_before
