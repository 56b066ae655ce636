"""Nothing confidential reaches a public surface.

Canary strings are seeded into every confidential field of the monitoring
records (people's names and contacts, exact places, notes, confidential and
internal sources and their files, custody, interventions and the case they
link to, missions and observations), into the metadata and names of the
picture and PDF published with the record (EXIF, GPS, XMP, PDF authors), and
into records that are not published (drafts, approved but unpublished,
withdrawn, an unpublished report). Then every public page, public API response,
open-data export, report (HTML, PDF bytes and the text laid out in the PDF) and
published file is rendered and searched for them.
"""

import contextlib
import datetime as dt
import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from monitoring import actions as m
from monitoring.models import Checklist, Confidentiality, MissionKind, ReviewStatus
from monitoring.testing import term
from publishing import actions as p
from publishing import pdf
from publishing.models import PublishedFile, PublishedRecord, Report
from publishing.tests.evidence_files import jpeg_with_exif, pdf_with_metadata

CANARY = re.compile(r"canary", re.IGNORECASE)
FILE_URL = re.compile(r'(?:href|src)="(/portal/records/[0-9a-f]+/files/[0-9a-f]+\.[a-z]+)"')


def seed(mona, edith, alice, make, mon) -> dict[str, object]:
    seeded: list[str] = []

    def c(name: str) -> str:
        seeded.append(name)
        return f"Canary{name}"

    victim = mon.person(
        mona,
        f"{c('victimname')} Nurlan",
        other_names=c("othernames"),
        phone="+7 701 000 11 22",
        email=f"{c('email')}@example.org",
        address=c("address"),
    )
    witness = mon.person(mona, f"{c('witnessname')} Aigerim", phone=c("witnessphone"))
    perpetrator = mon.person(mona, f"{c('officername')} Serik")
    giver = mon.person(mona, f"{c('sourcegiver')} Dana")
    client_case = make.case(alice, title=c("casetitle"), description=c("casedescription"))
    make.person(alice, f"{c('legalaidclient')} Marat", address=c("clientaddress"))

    event = mon.event(
        mona,
        title="Peaceful picket dispersed",
        description=c("eventdescription"),
        place=c("exactplace"),
    )
    m.add_act(
        event,
        violation_type=term("violation_type", "assembly-dispersal"),
        victim=victim,
        perpetrator=perpetrator,
        perpetrator_kind=term("perpetrator_kind", "police"),
        perpetrator_body="Almalinsky district police",
        notes=c("actnotes"),
        consequences=[term("consequence", "detention")],
        actor=mona,
    )
    m.involve_person(event, person=witness, role="witness", notes=c("involvementnotes"), actor=mona)
    for level in (Confidentiality.CONFIDENTIAL, Confidentiality.INTERNAL):
        source = m.add_source(
            event,
            kind=term("source_kind", "testimony"),
            title=c(f"{level}sourcetitle"),
            description=c(f"{level}sourcedescription"),
            url=f"https://example.org/{c(level + 'url')}",
            confidentiality=level,
            given_by=giver,
            collected_on=dt.date(2026, 3, 9),
            upload=SimpleUploadedFile(f"{c(level + 'filename')}.pdf", b"%PDF-1.4\n%%EOF\n"),
            actor=mona,
        )
        m.transfer_evidence(source, to=c(f"{level}custodyto"), note=c(f"{level}custodynote"), actor=mona)
    m.add_source(
        event,
        kind=term("source_kind", "press"),
        title="Report in the press",
        url="https://example.org/press",
        confidentiality=Confidentiality.PUBLIC,
        collected_on=dt.date(2026, 3, 9),
        actor=mona,
    )
    # Files that may be published, full of metadata: the cleaned copies go public, the metadata must not.
    photo = m.add_source(
        event,
        kind=term("source_kind", "media"),
        title="Photograph of the square",
        confidentiality=Confidentiality.PUBLIC,
        collected_on=dt.date(2026, 3, 9),
        upload=SimpleUploadedFile(f"{c('photofilename')}.jpg", jpeg_with_exif(c("photometadata"))),
        actor=mona,
    )
    leaflet = m.add_source(
        event,
        kind=term("source_kind", "media"),
        title="The organisers' leaflet",
        confidentiality=Confidentiality.PUBLIC,
        collected_on=dt.date(2026, 3, 9),
        upload=SimpleUploadedFile(f"{c('pdffilename')}.pdf", pdf_with_metadata(c("pdfmetadata"))),
        actor=mona,
    )
    m.add_intervention(
        event,
        kind=term("intervention_kind", "legal-aid"),
        on=dt.date(2026, 3, 10),
        description=c("interventiondetails"),
        case=client_case,
        actor=mona,
    )
    mon.approve(event, edith)
    # The editor's summary names the victim and the witness, gives a phone and the place: all redacted.
    published = p.publish_event(
        event,
        title="Peaceful picket dispersed",
        summary=(
            f"Police detained Canaryvictimname Nurlan near {event.place}; "
            "Canarywitnessname Aigerim saw it. Call +7 701 000 11 22."
        ),
        apply_redaction=True,
        evidence_files=[photo, leaflet],
        actor=edith,
    )

    draft = mon.event(mona, title=c("drafttitle"), city=c("draftcity"), description=c("draftdescription"))
    mon.act(draft, mona, notes=c("draftactnotes"))
    unpublished = mon.event(mona, title=c("approvedunpublished"), city=c("approvedcity"))
    mon.act(unpublished, mona)
    mon.approve(unpublished, edith)
    withdrawn_event = mon.event(mona, title="to withdraw")
    mon.act(withdrawn_event, mona)
    withdrawn_photo = m.add_source(
        withdrawn_event,
        kind=term("source_kind", "media"),
        title=c("withdrawnphototitle"),
        confidentiality=Confidentiality.PUBLIC,
        collected_on=dt.date(2026, 3, 9),
        upload=SimpleUploadedFile("photo.jpg", jpeg_with_exif()),
        actor=mona,
    )
    mon.approve(withdrawn_event, edith)
    withdrawn = p.publish_event(
        withdrawn_event,
        title=c("withdrawntitle"),
        summary=c("withdrawnsummary"),
        apply_redaction=True,
        evidence_files=[withdrawn_photo],
        actor=edith,
    )
    withdrawn_files = [
        reverse("publishing:record_file", args=[withdrawn.public_id, f.file_name])
        for f in PublishedFile.objects.filter(record=withdrawn)
    ]
    assert len(withdrawn_files) == 1
    p.withdraw(withdrawn, actor=edith)

    mission = m.create_mission(
        office=mona.office,
        kind=MissionKind.ASSEMBLY,
        title=c("missiontitle"),
        description=c("missiondescription"),
        starts_on=dt.date(2026, 3, 1),
        checklist=Checklist.objects.get(code="assembly-standard"),
        observers=[mona],
        actor=mona,
    )
    m.record_observation(
        mission,
        observed_on=dt.date(2026, 3, 8),
        city="Almaty",
        place=c("observationplace"),
        notes=c("observationnotes"),
        answers={"detentions": 3, "restrictions": c("observationanswer")},
        actor=mona,
    )
    report = p.build_report(
        title="Freedom of assembly 2026",
        introduction="Our findings.",
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 12, 31),
        filters={},
        include_missions=True,
        actor=edith,
    )
    p.publish_report(report, actor=edith)
    hidden_report = p.build_report(
        title=c("unpublishedreport"),
        introduction=c("unpublishedintro"),
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 12, 31),
        filters={},
        actor=edith,
    )
    assert event.status == ReviewStatus.APPROVED
    assert draft.status == ReviewStatus.DRAFT
    return {
        "seeded": seeded,
        "published": published,
        "withdrawn": withdrawn,
        "withdrawn_files": withdrawn_files,
        "report": report,
        "hidden_report": hidden_report,
        "event": event,
    }


def public_surfaces(world: dict[str, object]) -> list[tuple[str, bytes | str]]:
    client = Client()
    published = world["published"]
    withdrawn = world["withdrawn"]
    report = world["report"]
    hidden = world["hidden_report"]
    assert isinstance(published, PublishedRecord)
    assert isinstance(withdrawn, PublishedRecord)
    assert isinstance(report, Report)
    assert isinstance(hidden, Report)
    urls = [
        "/",
        reverse("publishing:portal"),
        reverse("publishing:record_list"),
        reverse("publishing:record_list") + "?q=Canaryvictimname",
        reverse("publishing:record_list") + "?q=Nurlan",
        reverse("publishing:record_list") + "?region=almaty-city&year=2026&violation=assembly-dispersal",
        reverse("publishing:record", args=[published.public_id]),
        reverse("publishing:record", args=[withdrawn.public_id]),
        reverse("publishing:report_list"),
        reverse("publishing:report", args=[report.slug]),
        reverse("publishing:report", args=[hidden.slug]),
        reverse("publishing:report_pdf", args=[hidden.slug]),
        reverse("publishing:open_data"),
        reverse("publishing:records_csv"),
        reverse("publishing:records_json"),
        "/api/public/violations",
        "/api/public/violations?q=Canaryvictimname",
        f"/api/public/violations/{published.public_id}",
        f"/api/public/violations/{withdrawn.public_id}",
        "/api/public/statistics",
        "/api/public/reports",
        "/api/openapi.json",
    ]
    surfaces: list[tuple[str, bytes | str]] = []
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        content = response.content
        if "q=" in url:
            # The visitor's own search words are shown back in the search box; that is not a leak.
            typed = url.split("q=")[1].split("&")[0].encode()
            content = content.replace(typed, b"")
            assert b"0 records found" in content or b'"count": 0' in content, url
        surfaces.append((url, content))
    # The files published with the record, found as a visitor finds them, and those of the withdrawn one.
    record_page = dict(surfaces)[reverse("publishing:record", args=[published.public_id])]
    assert isinstance(record_page, bytes)
    file_urls = sorted(set(FILE_URL.findall(record_page.decode())))
    assert len(file_urls) == 2
    withdrawn_files = world["withdrawn_files"]
    assert isinstance(withdrawn_files, list)
    for url in [*file_urls, *withdrawn_files]:
        response = client.get(url)
        assert response.status_code == (404 if url in withdrawn_files else 200), url
        headers = "\n".join(f"{k}: {v}" for k, v in response.headers.items()).encode()
        surfaces.append((url, response.content + b"\n" + headers))
    pdf_response = client.get(reverse("publishing:report_pdf", args=[report.slug]))
    assert pdf_response.content.startswith(b"%PDF")
    surfaces.append(("report pdf bytes", pdf_response.content))
    surfaces.append(("report pdf text", pdf.report_text(report)))
    return surfaces


def _leaks(content: bytes | str) -> list[str]:
    text = content if isinstance(content, str) else content.decode("utf-8", errors="replace")
    # JSON escapes non-ASCII; read it back so nothing hides behind \\u escapes.
    if text.lstrip().startswith("{"):
        with contextlib.suppress(ValueError):
            text = json.dumps(json.loads(text), ensure_ascii=False)
    return CANARY.findall(text)


def test_no_canary_reaches_any_public_surface(mona, edith, alice, make, mon):
    world = seed(mona, edith, alice, make, mon)
    seeded = world["seeded"]
    assert isinstance(seeded, list)
    assert len(seeded) >= 35
    surfaces = public_surfaces(world)
    found = {url: _leaks(content) for url, content in surfaces if _leaks(content)}
    assert found == {}
    # The public record is there, redacted: the surfaces are not empty by accident.
    record_page = dict(surfaces)[reverse("publishing:record", args=[world["published"].public_id])]  # type: ignore[attr-defined]
    assert b"Victim A" in record_page
    assert b"Witness A saw it" in record_page
    assert b"Report in the press" in record_page
    print(f"\ncanaries seeded: {len(seeded)}; public surfaces rendered: {len(surfaces)}; canaries found: 0")


def test_the_canaries_are_really_in_the_database(mona, edith, alice, make, mon):
    """The check above would pass vacuously if seeding failed; the internal pages do show the canaries."""
    from accounts.testing import as_user

    event = seed(mona, edith, alice, make, mon)["event"]
    page = as_user(edith).get(reverse("monitoring:event_detail", args=[event.pk])).content.decode()  # type: ignore[attr-defined]
    for name in ["Canaryvictimname", "Canaryexactplace", "Canaryconfidentialsourcetitle", "Canaryactnotes"]:
        assert name in page


@pytest.mark.parametrize("field", ["title", "summary"])
def test_a_record_cannot_be_published_naming_a_registered_person_unredacted(mona, edith, mon, field):
    victim = mon.person(mona, "Canaryperson Asel")
    event = mon.event(mona)
    mon.act(event, mona, victim=victim)
    mon.approve(event, edith)
    values = {"title": "t", "summary": ""}
    values[field] = "Asel Canaryperson spoke"
    with pytest.raises(p.PublishRefused):
        p.publish_event(event, apply_redaction=False, actor=edith, **values)
    assert not PublishedRecord.objects.exists()
