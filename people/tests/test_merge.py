"""Finding the same person written in two scripts, merging the two records, and undoing the merge.

Routes covered here for several roles (alice, victor, charlie, mona, adam): person_merge, merge_undo.
"""

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from accounts.testing import as_user
from audit.models import AuditEntry
from casework.models import Case, Consultation
from monitoring.models import Involvement
from people import actions
from people.access import duplicate_review_visibility
from people.duplicates import find_duplicates
from people.models import MergeRecord, Person
from rightsdesk.partial_dates import PartialDate

BORN_1990 = PartialDate(dt.date(1990, 1, 1), "year")


def _born(year: int, month: int = 1, day: int = 1, precision: str = "day") -> PartialDate:
    return PartialDate(dt.date(year, month, day), precision)


def _pairs(user: Any) -> set[frozenset[int]]:
    pairs, _ = find_duplicates(Person.objects.filter(duplicate_review_visibility(user)))
    return {frozenset({p.first.pk, p.second.pk}) for p in pairs}


@pytest.fixture
def records(alice: Any, mona: Any, make: Any, mon: Any) -> dict[str, Any]:
    """Сейткали Нурлан (kept) and Seitkali Nurlan (the duplicate), with a consultation, a case and an event."""
    keep = make.person(alice, "Сейткали Нурлан", birth=_born(1990, 5, 17))
    dup = make.person(alice, "Seitkali Nurlan", birth=_born(1990, 5, precision="month"))
    other = make.person(alice, "Ахмедова Зарина")
    keep_consultation = make.consultation(alice, person=keep)
    consultation = make.consultation(alice, person=dup)
    case = make.case(alice, clients=[dup, other])
    shared_case = make.case(alice, clients=[keep, dup])
    event = mon.event(mona)
    from monitoring.actions import involve_person

    involvement = involve_person(event, person=dup, role="victim", actor=mona)
    witness = involve_person(event, person=keep, role="witness", actor=mona)
    return {
        "keep": keep,
        "dup": dup,
        "other": other,
        "keep_consultation": keep_consultation,
        "consultation": consultation,
        "case": case,
        "shared_case": shared_case,
        "event": event,
        "involvement": involvement,
        "witness": witness,
    }


def _merge_url(a: Person, b: Person) -> str:
    return reverse("people:person_merge", args=[a.pk, b.pk])


def _references(r: dict[str, Any]) -> dict[str, Any]:
    return {
        "consultation": Consultation.objects.get(pk=r["consultation"].pk).person_id,
        "keep_consultation": Consultation.objects.get(pk=r["keep_consultation"].pk).person_id,
        "case": set(Case.objects.get(pk=r["case"].pk).clients.values_list("pk", flat=True)),
        "shared_case": set(Case.objects.get(pk=r["shared_case"].pk).clients.values_list("pk", flat=True)),
        "involvement": Involvement.objects.get(pk=r["involvement"].pk).person_id,
        "witness": Involvement.objects.get(pk=r["witness"].pk).person_id,
    }


# Finding ------------------------------------------------------------------


def test_the_same_name_in_cyrillic_and_two_transliterations_is_found(alice: Any, make: Any) -> None:
    cyrillic = make.person(alice, "Сейткали Нурлан", birth=BORN_1990)
    latin = make.person(alice, "Seitkali Nurlan", birth=_born(1990, 3, 2))
    other_spelling = make.person(alice, "Seytkaly Nurlan")
    sister = make.person(alice, "Сейткали Айгуль", birth=BORN_1990)
    namesake = make.person(alice, "Seitkali Nurlan", birth=_born(1971, precision="year"))
    make.person(alice, "Ахмедова Зарина", birth=BORN_1990)

    found = _pairs(alice)

    assert frozenset({cyrillic.pk, latin.pk}) in found
    assert frozenset({cyrillic.pk, other_spelling.pk}) in found
    assert frozenset({latin.pk, other_spelling.pk}) in found
    assert not any(sister.pk in pair for pair in found)
    # Same spelling, but born twenty years apart: not the same person.
    assert frozenset({namesake.pk, cyrillic.pk}) not in found
    assert frozenset({namesake.pk, latin.pk}) not in found


def test_other_spellings_on_record_count_as_names(alice: Any, make: Any) -> None:
    a = make.person(alice, "Жанболатов Ерлан", other_names="Zhanbolatov Yerlan; Janbolatov Erlan")
    b = make.person(alice, "Janbolatov Erlan Serikovich")
    assert frozenset({a.pk, b.pk}) in _pairs(alice)


def test_the_duplicates_page_shows_the_evidence_and_only_what_the_user_sees(
    alice: Any, charlie: Any, victor: Any, make: Any
) -> None:
    a = make.person(alice, "Сейткали Нурлан", birth=BORN_1990)
    b = make.person(alice, "Seytkaly Nurlan", birth=BORN_1990)
    case = make.case(alice, clients=[a, b])
    page = as_user(alice).get(reverse("people:duplicates")).content.decode()
    assert "Сейткали Нурлан" in page
    assert "Seytkaly Nurlan" in page
    assert case.reference in page
    assert _merge_url(a, b) in page
    # The viewer sees the pair but may not merge it.
    viewer_page = as_user(victor).get(reverse("people:duplicates")).content.decode()
    assert "Seytkaly Nurlan" in viewer_page
    assert _merge_url(a, b) not in viewer_page
    # The outsider does not see these people at all.
    outsider_page = as_user(charlie).get(reverse("people:duplicates")).content.decode()
    assert "Seytkaly Nurlan" not in outsider_page
    assert reverse("people:duplicates") in as_user(alice).get(reverse("people:person_list")).content.decode()


# Merging ------------------------------------------------------------------


def test_merging_moves_every_reference_and_hides_the_merged_record(alice: Any, records: dict[str, Any]) -> None:
    keep, dup = records["keep"], records["dup"]
    client = as_user(alice)
    assert client.get(_merge_url(keep, dup)).status_code == 200

    response = client.post(_merge_url(keep, dup), {"keep": keep.pk})

    assert response.status_code == 302
    assert response["Location"] == reverse("people:person_detail", args=[keep.pk])
    refs = _references(records)
    assert refs["consultation"] == keep.pk
    assert refs["keep_consultation"] == keep.pk
    assert refs["case"] == {keep.pk, records["other"].pk}
    assert refs["shared_case"] == {keep.pk}
    assert refs["involvement"] == keep.pk
    dup.refresh_from_db()
    assert dup.merged_into_id == keep.pk
    assert dup.merged_at is not None
    assert dup.full_name == "Seitkali Nurlan"  # kept, with its history

    # Its page leads to the kept record; lists and search no longer show it.
    detail = client.get(reverse("people:person_detail", args=[dup.pk]))
    assert detail.status_code == 302
    assert detail["Location"] == reverse("people:person_detail", args=[keep.pk])
    listing = client.get(reverse("people:person_list")).content.decode()
    assert reverse("people:person_detail", args=[dup.pk]) not in listing
    assert reverse("people:person_detail", args=[keep.pk]) in listing
    found = client.get(reverse("people:person_lookup"), {"q": "Seitkali"}).content.decode()
    assert reverse("people:person_detail", args=[dup.pk]) not in found
    assert f'data-person-id="{keep.pk}"' in found  # found under the merged spelling
    assert f'data-person-id="{dup.pk}"' not in found
    assert not Person.objects.visible_to(alice).filter(pk=dup.pk).exists()

    entry = AuditEntry.objects.get(action="person.merge")
    assert entry.object_id == str(keep.pk)
    assert entry.detail["merged"] == dup.pk
    merge = MergeRecord.objects.get()
    assert {(m["model"], m["pk"]) for m in merge.moved} >= {
        ("casework.consultation", records["consultation"].pk),
        ("monitoring.involvement", records["involvement"].pk),
    }
    assert merge.removed == [
        {"model": "casework.case_clients", "field": "person", "values": {"case_id": records["shared_case"].pk}}
    ]


def test_the_merged_record_appears_on_the_kept_record_with_an_undo_link(alice: Any, records: dict[str, Any]) -> None:
    merge = actions.merge_people(records["keep"], records["dup"], actor=alice)
    page = as_user(alice).get(reverse("people:person_detail", args=[records["keep"].pk])).content.decode()
    assert "Seitkali Nurlan" in page
    assert reverse("people:merge_undo", args=[merge.pk]) in page


def test_a_clash_in_the_same_event_and_role_refuses_the_merge(alice: Any, mona: Any, records: dict[str, Any]) -> None:
    from monitoring.actions import involve_person

    involve_person(records["event"], person=records["keep"], role="victim", actor=mona)
    before = _references(records)
    response = as_user(alice).post(
        _merge_url(records["keep"], records["dup"]), {"keep": records["keep"].pk}, follow=True
    )
    assert "Both people appear in the same" in response.content.decode()
    assert _references(records) == before
    assert not MergeRecord.objects.exists()


def test_a_failure_midway_through_a_merge_changes_nothing(
    alice: Any, records: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _references(records)

    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(actions, "record", broken)
    with pytest.raises(RuntimeError):
        actions.merge_people(records["keep"], records["dup"], actor=alice)

    assert _references(records) == before
    assert Person.objects.get(pk=records["dup"].pk).merged_into_id is None
    assert not MergeRecord.objects.exists()
    assert not AuditEntry.objects.filter(action="person.merge").exists()


def test_merging_needs_a_recent_sign_in(alice: Any, records: dict[str, Any]) -> None:
    from accounts.reauth import SESSION_KEY

    client = as_user(alice)
    session = client.session
    session[SESSION_KEY] = 0
    session.save()
    response = client.post(_merge_url(records["keep"], records["dup"]), {"keep": records["keep"].pk})
    assert response["Location"].startswith(reverse("accounts:reauth"))
    assert Person.objects.get(pk=records["dup"].pk).merged_into_id is None


# Who may merge --------------------------------------------------------------


def test_an_outsider_gets_404(charlie: Any, records: dict[str, Any], alice: Any) -> None:
    keep, dup = records["keep"], records["dup"]
    client = as_user(charlie)
    assert client.get(_merge_url(keep, dup)).status_code == 404
    assert client.post(_merge_url(keep, dup), {"keep": keep.pk}).status_code == 404
    merge = actions.merge_people(keep, dup, actor=alice)
    assert client.get(reverse("people:merge_undo", args=[merge.pk])).status_code == 404
    assert client.post(reverse("people:merge_undo", args=[merge.pk])).status_code == 404
    assert client.get(reverse("people:person_detail", args=[dup.pk])).status_code == 404
    assert Person.objects.get(pk=dup.pk).merged_into_id == keep.pk


def test_a_viewer_and_an_administrator_cannot_merge(victor: Any, adam: Any, records: dict[str, Any]) -> None:
    keep, dup = records["keep"], records["dup"]
    for user in (victor, adam):
        client = as_user(user)
        assert client.get(_merge_url(keep, dup)).status_code == 404
        assert client.post(_merge_url(keep, dup), {"keep": keep.pk}).status_code == 404
    assert Person.objects.get(pk=dup.pk).merged_into_id is None


def test_a_monitor_merges_people_of_their_events(mona: Any, alice: Any, make: Any, mon: Any) -> None:
    from monitoring.actions import involve_person

    event = mon.event(mona)
    a = mon.person(mona, "Қасымова Әсел")
    b = make.person(alice, "Kasymova Asel")
    involve_person(event, person=b, role="witness", actor=mona)
    assert frozenset({a.pk, b.pk}) in _pairs(mona)
    response = as_user(mona).post(_merge_url(a, b), {"keep": a.pk})
    assert response.status_code == 302
    assert Involvement.objects.get(event=event).person_id == a.pk


def test_a_lawyer_cannot_merge_a_record_they_do_not_see(alice: Any, charlie: Any, make: Any) -> None:
    mine = make.person(alice, "Сейткали Нурлан")
    theirs = make.person(charlie, "Seitkali Nurlan")
    assert as_user(alice).post(_merge_url(mine, theirs), {"keep": mine.pk}).status_code == 404
    assert Person.objects.get(pk=theirs.pk).merged_into_id is None


# Undoing -------------------------------------------------------------------


def test_undoing_restores_every_reference_exactly(alice: Any, records: dict[str, Any]) -> None:
    before = _references(records)
    merge = actions.merge_people(records["keep"], records["dup"], actor=alice)
    client = as_user(alice)
    assert client.get(reverse("people:merge_undo", args=[merge.pk])).status_code == 200

    response = client.post(reverse("people:merge_undo", args=[merge.pk]))

    assert response["Location"] == reverse("people:person_detail", args=[records["dup"].pk])
    assert _references(records) == before
    dup = Person.objects.get(pk=records["dup"].pk)
    assert dup.merged_into_id is None
    assert dup.merged_at is None
    merge.refresh_from_db()
    assert merge.undone
    assert merge.undone_by_id == alice.pk
    assert AuditEntry.objects.filter(action="person.merge_undo", object_id=str(dup.pk)).exists()
    assert client.get(reverse("people:person_detail", args=[dup.pk])).status_code == 200
    listing = client.get(reverse("people:person_list")).content.decode()
    assert reverse("people:person_detail", args=[dup.pk]) in listing
    # A second undo is refused.
    with pytest.raises(actions.MergeRefused):
        actions.undo_merge(merge, actor=alice)


def test_undo_is_refused_when_a_moved_row_was_deleted(alice: Any, records: dict[str, Any]) -> None:
    merge = actions.merge_people(records["keep"], records["dup"], actor=alice)
    Consultation.objects.filter(pk=records["consultation"].pk).delete()
    response = as_user(alice).post(reverse("people:merge_undo", args=[merge.pk]), follow=True)
    assert "has since been deleted" in response.content.decode()
    assert Person.objects.get(pk=records["dup"].pk).merged_into_id == records["keep"].pk
    assert Involvement.objects.get(pk=records["involvement"].pk).person_id == records["keep"].pk
    assert not MergeRecord.objects.get().undone


def test_undo_is_refused_when_the_kept_record_was_merged_again(alice: Any, records: dict[str, Any], make: Any) -> None:
    first = actions.merge_people(records["keep"], records["dup"], actor=alice)
    third = make.person(alice, "Seytkaly Nurlan")
    actions.merge_people(third, records["keep"], actor=alice)
    with pytest.raises(actions.MergeRefused, match="merged into another"):
        actions.undo_merge(first, actor=alice)
    page = as_user(alice).post(reverse("people:merge_undo", args=[first.pk]), follow=True).content.decode()
    assert "has since been merged into another" in page
    assert Consultation.objects.get(pk=records["consultation"].pk).person_id == third.pk
    # The first record's page leads through both merges to the one that remains.
    response = as_user(alice).get(reverse("people:person_detail", args=[records["dup"].pk]))
    assert response["Location"] == reverse("people:person_detail", args=[third.pk])


def test_undo_is_refused_when_a_moved_row_was_changed_since(alice: Any, records: dict[str, Any]) -> None:
    merge = actions.merge_people(records["keep"], records["dup"], actor=alice)
    Consultation.objects.filter(pk=records["consultation"].pk).update(person=records["other"])
    with pytest.raises(actions.MergeRefused, match="changed"):
        actions.undo_merge(merge, actor=alice)
    assert Involvement.objects.get(pk=records["involvement"].pk).person_id == records["keep"].pk
