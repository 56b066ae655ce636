"""Who reaches advocacy pages: every object route refuses outsiders with 404, and writes are audited.

Routes covered here (for rightsdesk/tests/test_every_route_is_classified.py): campaign_detail, campaign_edit,
action_create, action_detail, action_edit, action_document_add, action_document_download, recommendation_detail,
recommendation_status, strategic_case, training_detail, training_edit, participant_add, participant_remove.
"""

import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.testing import as_user
from advocacy import actions
from advocacy.models import ActionDocument, AdvocacyAction, Campaign, NamedParticipant, StrategicCase
from advocacy.tests.conftest import action, campaign, move, recommendation, term, training
from audit.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def almaty_campaign(carol: Any) -> Campaign:
    return campaign(carol)


def test_head_office_staff_see_every_campaign_and_a_branch_sees_its_own(
    almaty_campaign: Campaign, alice: Any, charlie: Any, victor: Any, mona: Any, adam: Any
) -> None:
    karaganda = campaign(charlie, "Access to lawyers")
    assert set(Campaign.objects.visible_to(alice)) == {almaty_campaign, karaganda}
    assert set(Campaign.objects.visible_to(victor)) == {almaty_campaign, karaganda}
    assert set(Campaign.objects.visible_to(mona)) == {almaty_campaign, karaganda}
    assert list(Campaign.objects.visible_to(charlie)) == [karaganda]
    assert list(Campaign.objects.visible_to(adam)) == []


def test_a_team_member_from_another_office_sees_the_campaign(
    almaty_campaign: Campaign, charlie: Any, carol: Any
) -> None:
    actions.update_campaign(almaty_campaign, team=[charlie], actor=carol)
    assert as_user(charlie).get(reverse("advocacy:campaign_detail", args=[almaty_campaign.pk])).status_code == 200


def test_it_refuses_an_outsider_every_campaign_route_with_404(
    almaty_campaign: Campaign, carol: Any, charlie: Any, abolition: Any
) -> None:
    done = action(carol, almaty_campaign, "2025-02-01", legal_events=[abolition])
    document = actions.add_action_document(done, title="Note", url="https://example.org/note.pdf", actor=carol)
    client = as_user(charlie)
    for name, args in [
        ("advocacy:campaign_detail", [almaty_campaign.pk]),
        ("advocacy:campaign_edit", [almaty_campaign.pk]),
        ("advocacy:action_create", [almaty_campaign.pk]),
        ("advocacy:action_detail", [done.pk]),
        ("advocacy:action_edit", [done.pk]),
        ("advocacy:action_document_download", [document.pk]),
    ]:
        assert client.get(reverse(name, args=args)).status_code == 404, name
    response = client.post(
        reverse("advocacy:action_document_add", args=[done.pk]), {"title": "x", "url": "https://e.org"}
    )
    assert response.status_code == 404
    assert ActionDocument.objects.count() == 1


def test_readers_who_do_not_change_advocacy_get_404_on_forms(almaty_campaign: Campaign, victor: Any, mona: Any) -> None:
    for user in (victor, mona):
        client = as_user(user)
        assert client.get(reverse("advocacy:campaign_detail", args=[almaty_campaign.pk])).status_code == 200
        assert client.get(reverse("advocacy:campaign_create")).status_code == 404
        assert client.get(reverse("advocacy:campaign_edit", args=[almaty_campaign.pk])).status_code == 404
        assert client.get(reverse("advocacy:action_create", args=[almaty_campaign.pk])).status_code == 404
        assert client.get(reverse("advocacy:recommendation_create")).status_code == 404


def test_an_administrator_does_not_read_advocacy(almaty_campaign: Campaign, adam: Any) -> None:
    client = as_user(adam)
    for url in [
        reverse("advocacy:campaign_list"),
        reverse("advocacy:campaign_detail", args=[almaty_campaign.pk]),
        reverse("advocacy:recommendation_list"),
        reverse("advocacy:training_list"),
        reverse("advocacy:impact"),
        reverse("advocacy:impact_csv"),
    ]:
        assert client.get(url).status_code == 404, url


def test_an_anonymous_visitor_is_sent_to_sign_in(almaty_campaign: Campaign) -> None:
    from django.test import Client

    response = Client().get(reverse("advocacy:campaign_detail", args=[almaty_campaign.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_recommendations_are_read_by_all_staff_and_changed_by_those_who_change_advocacy(
    carol: Any, charlie: Any, victor: Any, adam: Any
) -> None:
    rec = recommendation(carol, "2020-01-01")
    detail = reverse("advocacy:recommendation_detail", args=[rec.pk])
    status = reverse("advocacy:recommendation_status", args=[rec.pk])
    assert as_user(charlie).get(detail).status_code == 200
    assert as_user(adam).get(detail).status_code == 404
    assert as_user(victor).post(status, {"status": "implemented", "since": "2025"}).status_code == 404
    rec.refresh_from_db()
    assert rec.status == "not_implemented"
    as_user(charlie).post(status, {"status": "implemented", "since": "2025"})
    rec.refresh_from_db()
    assert rec.status == "implemented"


def test_only_who_may_change_a_case_marks_it_strategic(make: Any, alice: Any, dana: Any, charlie: Any) -> None:
    case = make.case(alice)
    url = reverse("advocacy:strategic_case", args=[case.pk])
    assert as_user(charlie).get(url).status_code == 404  # cannot see the case
    assert as_user(dana).get(url).status_code == 404  # sees it, is not on its team
    lookup = reverse("advocacy:strategic_lookup")
    assert as_user(charlie).get(lookup, {"reference": case.reference}).status_code == 404
    assert as_user(dana).get(lookup, {"reference": case.reference}).status_code == 404
    assert as_user(alice).get(lookup, {"reference": case.reference})["Location"] == url
    assert as_user(alice).post(url, {"aim": "Recognition of statelessness in law"}).status_code == 302
    strategic = StrategicCase.objects.get(case=case)
    assert strategic.aim == "Recognition of statelessness in law"
    assert list(StrategicCase.objects.visible_to(charlie)) == []


def test_trainings_and_named_participants_stay_in_their_office(
    carol: Any, charlie: Any, alice: Any, victor: Any
) -> None:
    held = training(carol, dt.date(2025, 3, 1), {"lawyers": 3})
    client = as_user(charlie)
    for name in ("advocacy:training_detail", "advocacy:training_edit"):
        assert client.get(reverse(name, args=[held.pk])).status_code == 404
    add = reverse("advocacy:participant_add", args=[held.pk])
    consent = {"name": "Aigerim K.", "consent": "on", "consent_on": "2025-03-01"}
    assert client.post(add, consent).status_code == 404
    assert as_user(victor).post(add, consent).status_code == 404
    assert as_user(alice).post(add, consent).status_code == 302
    participant = NamedParticipant.objects.get()
    remove = reverse("advocacy:participant_remove", args=[held.pk])
    assert client.post(remove, {"participant": participant.pk}).status_code == 404
    assert as_user(alice).post(remove, {"participant": participant.pk}).status_code == 302
    assert NamedParticipant.objects.count() == 0


def test_a_participant_is_named_only_with_consent_and_within_the_count(carol: Any) -> None:
    from django.core.exceptions import ValidationError

    held = training(carol, dt.date(2025, 3, 1), {"lawyers": 1})
    with pytest.raises(ValidationError):
        actions.add_named_participant(held, name="No consent", consent_on=None, actor=carol)
    actions.add_named_participant(held, name="Aigerim K.", consent_on=dt.date(2025, 3, 1), actor=carol)
    with pytest.raises(ValidationError):
        actions.add_named_participant(held, name="One too many", consent_on=dt.date(2025, 3, 1), actor=carol)
    assert NamedParticipant.objects.count() == 1
    response = as_user(carol).post(
        reverse("advocacy:participant_add", args=[held.pk]), {"name": "Not ticked", "consent_on": "2025-03-01"}
    )
    assert response.status_code == 302
    assert NamedParticipant.objects.count() == 1


def test_every_write_is_audited_with_identifiers_only(carol: Any, abolition: Any) -> None:
    started = campaign(carol)
    rec = recommendation(carol, "2019-11-01")
    done = action(carol, started, "2021-06", recommendations=[rec], legal_events=[abolition])
    move(
        carol, rec, "implemented", "2021-12-29", legal_event=abolition, note="The law of 29 December 2021 abolished it"
    )
    entry = AuditEntry.objects.get(action="advocacy.action.create")
    assert entry.object_id == str(done.pk)
    assert entry.detail == {
        "campaign": started.pk,
        "kind": "working-group",
        "recommendations": [rec.pk],
        "legal_events": [abolition.pk],
    }
    status = AuditEntry.objects.get(action="advocacy.recommendation.status")
    assert "abolished" not in str(status.detail)
    assert list(rec.fulfilled_by.all()) == [abolition]
    assert set(AuditEntry.objects.filter(action__startswith="advocacy.").values_list("action", flat=True)) == {
        "advocacy.campaign.create",
        "advocacy.recommendation.create",
        "advocacy.action.create",
        "advocacy.recommendation.status",
    }


def test_an_action_document_is_checked_stored_encrypted_and_downloaded_with_an_audit(
    carol: Any, alice: Any, settings: Any, tmp_path: Any
) -> None:
    settings.FILES_ROOT = tmp_path
    done = action(carol, campaign(carol), "2025-02-01")
    client = as_user(alice)
    upload = SimpleUploadedFile("note.txt", b"Note to the President's Administration", content_type="text/plain")
    response = client.post(reverse("advocacy:action_document_add", args=[done.pk]), {"title": "Note", "file": upload})
    assert response.status_code == 302
    document = ActionDocument.objects.get()
    assert b"President" not in (tmp_path / "documents" / document.stored_name).read_bytes()
    download = client.get(reverse("advocacy:action_document_download", args=[document.pk]))
    assert download.content == b"Note to the President's Administration"
    assert AuditEntry.objects.filter(action="advocacy.document.download", actor_id=alice.pk).count() == 1
    bad = SimpleUploadedFile("x.pdf", b"<html><script>alert(1)</script>", content_type="application/pdf")
    client.post(reverse("advocacy:action_document_add", args=[done.pk]), {"title": "Bad", "file": bad})
    assert ActionDocument.objects.count() == 1


def test_a_follow_up_cannot_predate_the_recommendation(carol: Any) -> None:
    from django.core.exceptions import ValidationError

    from rightsdesk.partial_dates import PartialDate

    rec = recommendation(carol, "2020-05-01")
    with pytest.raises(ValidationError):
        actions.set_recommendation_status(rec, status="implemented", since=PartialDate.parse("2019"), actor=carol)
    assert rec.history.count() == 1


def test_free_text_that_may_name_people_is_stored_encrypted(carol: Any) -> None:
    from django.db import connection

    done = action(carol, campaign(carol), "2025-02-01", others_involved="Deputy Serikbayev", notes="Met in his office")
    with connection.cursor() as cursor:
        cursor.execute("SELECT others_involved, notes FROM advocacy_advocacyaction WHERE id = %s", [done.pk])
        stored = cursor.fetchone()
    assert "Serikbayev" not in stored[0]
    assert "office" not in stored[1]
    assert AdvocacyAction.objects.get().others_involved == "Deputy Serikbayev"


def test_the_impact_rows_of_an_unknown_figure_answer_404(alice: Any) -> None:
    client = as_user(alice)
    assert client.get(reverse("advocacy:impact_rows"), {"figure": "nonsense"}).status_code == 404
    assert (
        client.get(reverse("advocacy:impact_rows"), {"figure": "consultations", "by": "group", "code": "x"}).status_code
        == 404
    )
    assert term("participant_group", "lawyers").label == "Lawyers"
