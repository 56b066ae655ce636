"""The advocacy pages through the web: start a campaign, record an action, follow a recommendation, count a training."""

from typing import Any

import pytest
from django.urls import reverse

from accounts.testing import as_user
from advocacy.models import AdvocacyAction, Campaign, Recommendation, Training
from advocacy.tests.conftest import action, campaign, move, recommendation, term

pytestmark = pytest.mark.django_db


def test_it_starts_a_campaign_records_an_action_and_shows_them_on_one_timeline(
    carol: Any, alice: Any, abolition: Any, make: Any
) -> None:
    client = as_user(carol)
    response = client.post(
        reverse("advocacy:campaign_create"),
        {
            "title": "Abolition of the death penalty",
            "goal": "No death penalty in Kazakhstan",
            "legal_change": "Abolish it in the Criminal Code and the Constitution; ratify OP2 to the ICCPR",
            "started": "1993",
            "status": "active",
            "office": make.almaty.pk,
        },
    )
    started = Campaign.objects.get()
    assert response["Location"] == reverse("advocacy:campaign_detail", args=[started.pk])
    assert started.started.iso() == "1993"
    rec = recommendation(carol, "2019-11-01", source="hrc")
    response = client.post(
        reverse("advocacy:action_create", args=[started.pk]),
        {
            "kind": term("advocacy_action_kind", "note-to-official").pk,
            "title": "Note to the President on abolition",
            "when": "2019-12",
            "target_kind": term("advocacy_target_kind", "president").pk,
            "target": "Administration of the President",
            "recommendations": [rec.pk],
            "legal_events": [abolition.pk],
            "result": "Considered by the President",
        },
    )
    done = AdvocacyAction.objects.get()
    assert response["Location"] == reverse("advocacy:action_detail", args=[done.pk])
    assert done.when.iso() == "2019-12"
    move(carol, rec, "implemented", "2021-12-29", legal_event=abolition)
    case = make.case(alice)
    as_user(alice).post(reverse("advocacy:strategic_case", args=[case.pk]), {"campaign": started.pk})

    page = as_user(alice).get(reverse("advocacy:campaign_detail", args=[started.pk]))
    assert page.status_code == 200
    kinds = [entry.kind for entry in page.context["timeline"]]
    assert kinds == ["Legal event", "Recommendation", "Note to an official", "Campaign"]
    body = page.content.decode()
    assert "December 2019" in body
    assert case.reference in body
    assert as_user(alice).get(reverse("advocacy:action_detail", args=[done.pk])).status_code == 200


def test_a_recommendation_keeps_its_follow_up_history(carol: Any, abolition: Any) -> None:
    client = as_user(carol)
    client.post(
        reverse("advocacy:recommendation_create"),
        {
            "source": term("recommendation_source", "upr").pk,
            "body": "UPR, 3rd cycle",
            "reference": "A/HRC/43/10 §140.1",
            "text": "Ratify the Second Optional Protocol to the ICCPR",
            "issued": "2019-11",
            "country": "KAZ",
        },
    )
    rec = Recommendation.objects.get()
    status_url = reverse("advocacy:recommendation_status", args=[rec.pk])
    client.post(status_url, {"status": "partially", "since": "2020-09"})
    client.post(status_url, {"status": "implemented", "since": "2022-06-24", "legal_event": abolition.pk})
    rec.refresh_from_db()
    assert rec.status == "implemented"
    assert [(h.status, h.since.iso()) for h in rec.history.all()] == [
        ("not_implemented", "2019-11"),
        ("partially", "2020-09"),
        ("implemented", "2022-06-24"),
    ]
    assert list(rec.fulfilled_by.all()) == [abolition]
    page = client.get(reverse("advocacy:recommendation_detail", args=[rec.pk]))
    assert page.context["recommendation"].get_status_display() == "implemented"
    assert client.get(reverse("advocacy:recommendation_list")).status_code == 200


def test_it_records_a_training_with_participants_counted_by_group(carol: Any, make: Any) -> None:
    client = as_user(carol)
    assert client.get(reverse("advocacy:training_create")).status_code == 200
    response = client.post(
        reverse("advocacy:training_create"),
        {
            "topic": "International standards on peaceful assembly",
            "date": "2025-04-10",
            "place": "Almaty, Hotel Kazakhstan",
            "office": make.almaty.pk,
            "materials": "OSCE/ODIHR Guidelines on Freedom of Peaceful Assembly",
            "count_lawyers": "12",
            "count_journalists": "7",
            "count_students": "",
        },
    )
    held = Training.objects.get()
    assert response["Location"] == reverse("advocacy:training_detail", args=[held.pk])
    assert held.participant_total == 19
    page = client.get(reverse("advocacy:training_detail", args=[held.pk]))
    assert page.status_code == 200
    edit = client.post(
        reverse("advocacy:training_edit", args=[held.pk]),
        {
            "topic": held.topic,
            "date": "2025-04-10",
            "place": held.place,
            "office": make.almaty.pk,
            "count_lawyers": "12",
        },
    )
    assert edit.status_code == 302
    assert Training.objects.get().participant_total == 12
    assert client.get(reverse("advocacy:training_list")).status_code == 200


def test_the_lists_and_the_impact_report_render(world: Any, alice: Any) -> None:
    client = as_user(alice)
    for name in ("advocacy:campaign_list", "advocacy:recommendation_list", "advocacy:training_list"):
        assert client.get(reverse(name)).status_code == 200
    page = client.get(reverse("advocacy:impact"), {"year": 2025})
    assert page.status_code == 200
    assert page.context["report"].scope.date_from.isoformat() == "2025-01-01"
    body = page.content.decode()
    assert "Present in 2 of 20 regions" in body
    assert "<script" not in body.split("</head>")[1]
    assert " style=" not in body


def test_the_impact_report_downloads_as_pdf_and_csv_and_each_is_audited(world: Any, alice: Any) -> None:
    from audit.models import AuditEntry

    client = as_user(alice)
    pdf = client.get(reverse("advocacy:impact_pdf"), {"date_from": "2025-01-01", "date_to": "2025-12-31"})
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    csv = client.get(reverse("advocacy:impact_csv"), {"year": "2025"})
    assert "consultations" in csv.content.decode()
    assert AuditEntry.objects.filter(action="advocacy.impact.export", actor_id=alice.pk).count() == 2


def test_an_impossible_period_is_refused_with_a_message(alice: Any) -> None:
    page = as_user(alice).get(reverse("advocacy:impact"), {"date_from": "2025-12-31", "date_to": "2025-01-01"})
    assert page.status_code == 200
    assert "cannot end before it starts" in page.content.decode()


def test_an_action_can_be_edited(carol: Any) -> None:
    done = action(carol, campaign(carol), "2025-02-01")
    client = as_user(carol)
    assert client.get(reverse("advocacy:action_edit", args=[done.pk])).status_code == 200
    assert client.get(reverse("advocacy:campaign_edit", args=[done.campaign_id])).status_code == 200
