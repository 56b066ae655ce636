import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.testing import as_user
from audit.models import AuditEntry
from monitoring.models import CustodyAction, Event, Involvement, ReviewStatus, Source
from monitoring.testing import term

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_it_records_an_event_with_acts_and_a_new_victim(mona, mon):
    client = as_user(mona)
    response = client.post(
        reverse("monitoring:event_create"),
        {
            "title": "Rally on Republic Square",
            "started": "2026-03",
            "region": term("region", "almaty-city").pk,
            "city": "Almaty",
        },
    )
    event = Event.objects.get()
    assert response.status_code == 302
    assert event.started.iso() == "2026-03"
    assert event.status == ReviewStatus.DRAFT
    url = reverse("monitoring:event_add", args=[event.pk, "act"])
    response = client.post(
        url,
        {
            "violation_type": term("violation_type", "assembly-dispersal").pk,
            "victim_new": "Сейткали Нурлан",
            "perpetrator_kind": term("perpetrator_kind", "police").pk,
            "consequences": [term("consequence", "detention").pk],
        },
    )
    assert response.status_code == 302
    victim = event.acts.get().victim
    client.post(url, {"violation_type": term("violation_type", "arbitrary-detention").pk, "victim": victim.pk})
    assert event.acts.count() == 2
    assert Involvement.objects.filter(event=event, person=victim, role="victim").count() == 1
    page = client.get(reverse("monitoring:event_detail", args=[event.pk])).content.decode()
    assert "Сейткали Нурлан" in page
    assert "ICCPR art. 21" in page
    assert AuditEntry.objects.filter(action="act.create").count() == 2


def test_it_warns_of_a_person_already_registered_in_another_script(mona, mon):
    mon.person(mona, "Seitkali Nurlan")
    event = mon.event(mona)
    response = as_user(mona).post(
        reverse("monitoring:event_add", args=[event.pk, "act"]),
        {"violation_type": term("violation_type", "torture").pk, "victim_new": "Сейткали Нурлан"},
        follow=True,
    )
    assert "similar name: Seitkali Nurlan" in response.content.decode()


def test_it_hashes_evidence_at_upload_and_keeps_its_custody(mona, edith, mon):
    event = mon.event(mona)
    client = as_user(mona)
    response = client.post(
        reverse("monitoring:event_add", args=[event.pk, "source"]),
        {
            "kind": term("source_kind", "medical").pk,
            "title": "Forensic report",
            "reliability": "confirmed",
            "confidentiality": "confidential",
            "collected_on": "2026-03-09",
            "upload": SimpleUploadedFile("report.pdf", PDF, content_type="application/pdf"),
        },
    )
    assert response.status_code == 302
    source = Source.objects.get()
    assert source.sha256 == hashlib.sha256(PDF).hexdigest()
    download = as_user(edith).get(reverse("monitoring:source_download", args=[source.pk]))
    assert download.content == PDF
    as_user(edith).post(reverse("monitoring:source_transfer", args=[source.pk]), {"to": "Prosecutor's office"})
    actions = list(source.custody.values_list("action", flat=True))
    assert actions == [
        CustodyAction.COLLECTED,
        CustodyAction.UPLOADED,
        CustodyAction.ACCESSED,
        CustodyAction.TRANSFERRED,
    ]


def test_it_refuses_a_file_that_is_markup(mona, mon):
    event = mon.event(mona)
    response = as_user(mona).post(
        reverse("monitoring:event_add", args=[event.pk, "source"]),
        {
            "kind": term("source_kind", "document").pk,
            "title": "x",
            "reliability": "unknown",
            "confidentiality": "internal",
            "collected_on": "2026-03-09",
            "upload": SimpleUploadedFile("x.pdf", b"<html><script>alert(1)</script>", content_type="application/pdf"),
        },
    )
    assert response.status_code == 400
    assert not Source.objects.exists()


def test_it_moves_through_review_with_who_and_when(mona, edith, mon):
    event = mon.event(mona)
    status_url = reverse("monitoring:event_status", args=[event.pk])
    assert as_user(mona).post(status_url, {"status": "verified"}).status_code == 404
    editor = as_user(edith)
    editor.post(status_url, {"status": "approved"})
    event.refresh_from_db()
    assert event.status == ReviewStatus.DRAFT  # cannot skip verification
    editor.post(status_url, {"status": "verified"})
    editor.post(status_url, {"status": "approved"})
    event.refresh_from_db()
    assert event.status == ReviewStatus.APPROVED
    assert event.verified_by == edith
    assert event.approved_by == edith
    assert event.verified_at is not None
    assert event.approved_at is not None
    # An approved record is locked for the monitor.
    assert as_user(mona).get(reverse("monitoring:event_edit", args=[event.pk])).status_code == 404


def test_it_flags_events_sharing_person_place_and_date(mona, mon):
    victim = mon.person(mona, "Ахметова Динара")
    first = mon.event(mona, title="Detention at the akimat")
    second = mon.event(mona, title="Detained near the akimat")
    mon.act(first, mona, victim=victim)
    mon.act(second, mona, victim=victim)
    page = as_user(mona).get(reverse("monitoring:event_detail", args=[first.pk])).content.decode()
    assert "Possible duplicates" in page
    assert "Detained near the akimat" in page


def test_it_links_an_intervention_to_a_visible_case_only(mona, alice, make, mon):
    event = mon.event(mona)
    case = make.case(alice)
    url = reverse("monitoring:event_add", args=[event.pk, "intervention"])
    response = as_user(mona).post(
        url, {"kind": term("intervention_kind", "legal-aid").pk, "on": "2026-03-10", "case_reference": case.reference}
    )
    assert response.status_code == 400  # the monitor is not on the case: it does not exist for her
    response = as_user(mona).post(url, {"kind": term("intervention_kind", "urgent-action").pk, "on": "2026-03-10"})
    assert response.status_code == 302
    assert event.interventions.count() == 1


@pytest.mark.parametrize("fmt", ["csv"])
def test_it_lists_and_filters_events(mona, mon, fmt):
    mon.event(mona, title="Blocked website of Vlast.kz")
    mon.event(mona, title="Rally in Zhanaozen")
    page = as_user(mona).get(reverse("monitoring:event_list"), {"q": "Zhanaozen"}).content.decode()
    assert "Rally in Zhanaozen" in page
    assert "Vlast" not in page
