"""The legal-aid flow through the pages, as a lawyer does it."""

import datetime as dt
import re

from django.urls import reverse
from django.utils import timezone

from accounts.testing import as_user
from audit.models import AuditEntry
from casework.models import Case, CaseStatus, Consultation, Deadline, Hearing
from people.models import Person


def test_a_lawyer_records_a_consultation_with_a_new_person_and_opens_a_case(alice: object, make: object) -> None:
    client = as_user(alice)
    form = client.get(reverse("casework:consultation_create"))
    assert form.status_code == 200
    response = client.post(
        reverse("casework:consultation_create"),
        {
            "date": "2026-03-14",
            "new_person_name": "Нургалиева Айгуль",
            "channel": make.term("consultation_channel", "in-person").pk,
            "legal_area": make.term("legal_area", "citizenship").pk,
            "groups": [make.term("vulnerable_group", "stateless").pk],
            "summary": "No birth certificate; needs recognition as a stateless person",
            "open_case": "1",
        },
    )
    consultation = Consultation.objects.get()
    assert response["Location"] == reverse("casework:case_from_consultation", args=[consultation.pk])
    person = Person.objects.named("Нургалиева Айгуль").get()
    assert consultation.person == person
    assert [g.code for g in person.groups.all()] == ["stateless"]

    opened = client.post(
        reverse("casework:case_from_consultation", args=[consultation.pk]),
        {
            "title": "Recognition of statelessness",
            "case_type": make.term("case_type", "documentation").pk,
            "legal_area": make.term("legal_area", "citizenship").pk,
            "responsible_lawyer": alice.pk,
            "opened_on": "2026-03-15",
        },
    )
    case = Case.objects.get()
    assert opened["Location"] == reverse("casework:case_detail", args=[case.pk])
    assert list(case.clients.all()) == [person]
    consultation.refresh_from_db()
    assert consultation.case == case
    assert case.reference == "ALM-2026-0001"
    assert AuditEntry.objects.filter(action="case.open", object_id=str(case.pk)).exists()


def test_a_case_takes_proceedings_hearings_deadlines_and_moves_through_its_statuses(
    alice: object, make: object
) -> None:
    case = make.case(alice)
    client = as_user(alice)
    url = lambda what: reverse("casework:case_add", args=[case.pk, what])  # noqa: E731
    client.post(
        url("proceeding"),
        {
            "proceeding-body_kind": make.term("body_kind", "un-treaty-body").pk,
            "proceeding-body_name": "UN Human Rights Committee",
            "proceeding-instance": make.term("court_instance", "international").pk,
            "proceeding-number": "CCPR/C/4242/2026",
        },
    )
    proceeding = case.proceedings.get()
    client.post(
        url("hearing"),
        {"hearing-proceeding": proceeding.pk, "hearing-starts_at": "2026-04-02T10:30", "hearing-place": "Geneva"},
    )
    client.post(
        url("deadline"),
        {
            "deadline-title": "Comments on the State's observations",
            "deadline-due_on": "2026-04-20",
            "deadline-owner": alice.pk,
        },
    )
    assert Hearing.objects.get().place == "Geneva"
    assert Deadline.objects.get().owner == alice
    status_url = reverse("casework:case_status", args=[case.pk])
    client.post(status_url, {"status": CaseStatus.OPEN})
    refused = client.post(status_url, {"status": CaseStatus.CLOSED}, follow=True)
    assert "Give the outcome when closing a case." in refused.content.decode()
    client.post(status_url, {"status": CaseStatus.CLOSED, "outcome": make.term("case_outcome", "views-adopted").pk})
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    assert case.outcome.code == "views-adopted"
    page = client.get(reverse("casework:case_detail", args=[case.pk])).content.decode()
    assert "CCPR/C/4242/2026" in page
    assert "Geneva" in page


def test_a_viewer_reads_but_cannot_change_a_case(victor: object, alice: object, make: object) -> None:
    case = make.case(alice)
    client = as_user(victor)
    page = client.get(reverse("casework:case_detail", args=[case.pk]))
    assert page.status_code == 200
    assert "Change status" not in page.content.decode()
    assert client.post(reverse("casework:case_status", args=[case.pk]), {"status": CaseStatus.OPEN}).status_code == 404
    assert client.post(reverse("casework:case_add", args=[case.pk, "note"]), {"note-text": "x"}).status_code == 404
    case.refresh_from_db()
    assert case.status == CaseStatus.INTAKE


def test_bad_input_on_a_case_says_what_is_wrong_and_changes_nothing(alice: object, make: object) -> None:
    case = make.case(alice)
    client = as_user(alice)
    response = client.post(
        reverse("casework:case_add", args=[case.pk, "deadline"]),
        {"deadline-title": "", "deadline-due_on": "someday"},
        follow=True,
    )
    body = response.content.decode()
    assert "This field is required." in body
    assert "Enter a valid date." in body
    assert Deadline.objects.count() == 0


def test_the_dashboard_shows_my_week(alice: object, make: object) -> None:
    case = make.case(alice)
    today = timezone.localdate()
    from casework.actions import add_deadline

    add_deadline(case, title="File the appeal", due_on=today, owner=alice, actor=alice)
    add_deadline(case, title="Far away", due_on=today + dt.timedelta(days=40), owner=alice, actor=alice)
    make.consultation(alice, None, date=today, groups=[make.term("vulnerable_group", "journalist")])
    page = as_user(alice).get(reverse("casework:dashboard")).content.decode()
    assert "File the appeal" in page
    assert "Far away" not in page
    assert case.reference in page
    assert "Journalist" in page


def test_viewing_a_case_is_audited_with_identifiers_only(alice: object, make: object) -> None:
    case = make.case(alice, title="Тлеубаев против прокуратуры")
    as_user(alice).get(reverse("casework:case_detail", args=[case.pk]))
    entry = AuditEntry.objects.get(action="case.view")
    assert (entry.actor_id, entry.object_id) == (alice.pk, str(case.pk))
    assert "Тлеубаев" not in str(AuditEntry.objects.values_list("detail", flat=True))


def test_only_the_team_marks_a_deadline_done(alice: object, charlie: object, victor: object, make: object) -> None:
    from casework.actions import add_deadline

    case = make.case(alice)
    deadline = add_deadline(case, title="Appeal", due_on=dt.date(2026, 5, 1), owner=alice, actor=alice)
    url = reverse("casework:deadline_done", args=[deadline.pk])
    assert as_user(charlie).post(url).status_code == 404
    assert as_user(victor).post(url).status_code == 404
    deadline.refresh_from_db()
    assert deadline.done_at is None
    assert as_user(alice).post(url).status_code == 302
    deadline.refresh_from_db()
    assert deadline.done_at is not None


def test_the_list_filters_keep_what_was_chosen_and_list_each_option_once(alice: object, make: object) -> None:
    from vocabularies.models import Term

    area = Term.objects.of("legal_area").get(code="citizenship")
    response = as_user(alice).get(
        reverse("casework:case_list"),
        {"office": alice.office.pk, "lawyer": alice.pk, "legal_area": area.pk},  # type: ignore[attr-defined]
    )
    page = response.content.decode()
    assert f'<option value="{alice.office.pk}" selected>' in page  # type: ignore[attr-defined]
    assert f'<option value="{alice.pk}" selected>' in page  # type: ignore[attr-defined]
    assert f'<option value="{area.pk}" selected>' in page
    assert page.count(f'<option value="{area.pk}"') == 1
    for name in ("office", "lawyer", "legal_area", "group"):  # exactly one option chosen in each
        select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', page, re.S)
        assert select is not None
        assert select.group(1).count(" selected>") == 1, name
    group = re.search(r'<select name="group"[^>]*>(.*?)</select>', page, re.S)
    assert group is not None
    assert '<option value="" selected>' in group.group(1)  # not chosen: the empty choice
