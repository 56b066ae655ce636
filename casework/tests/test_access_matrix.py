"""Every page and API route that shows a case, a person, a consultation or a
document, for every role: what one may see answers 200, anything else 404."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from accounts.actions import create_api_token
from accounts.testing import as_user
from casework import actions

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@dataclass
class World:
    records: dict[str, Any]
    users: dict[str, Any]


@pytest.fixture
def world(
    make: Any, alice: Any, bob: Any, dana: Any, carol: Any, victor: Any, charlie: Any, mona: Any, edith: Any, adam: Any
) -> World:
    ordinary_client = make.person(alice, "Ахмедова Зарина")
    secret_client = make.person(alice, "Тлеубаев Ерлан")
    ordinary_consultation = make.consultation(alice, ordinary_client)
    secret_consultation = make.consultation(alice, secret_client)
    ordinary = make.case(alice, clients=[], consultation=ordinary_consultation)
    secret = make.case(alice, clients=[], consultation=secret_consultation, confidential=True, team=[bob])
    doc_type = make.term("document_type", "complaint")
    ordinary_doc = actions.upload_document(
        ordinary, upload=SimpleUploadedFile("a.pdf", PDF), title="Complaint", doc_type=doc_type, actor=alice
    )
    secret_doc = actions.upload_document(
        secret, upload=SimpleUploadedFile("b.pdf", PDF), title="Complaint", doc_type=doc_type, actor=alice
    )
    return World(
        records={
            "ordinary_case": ordinary,
            "secret_case": secret,
            "ordinary_client": ordinary_client,
            "secret_client": secret_client,
            "ordinary_consultation": ordinary_consultation,
            "secret_consultation": secret_consultation,
            "ordinary_document": ordinary_doc,
            "secret_document": secret_doc,
        },
        users={u.username: u for u in (alice, bob, dana, carol, victor, charlie, mona, edith, adam)},
    )


# Who may see each record. Everyone not listed gets 404.
SEES = {
    "ordinary_case": {"alice", "bob", "dana", "carol", "victor"},
    "secret_case": {"alice", "bob"},
    "ordinary_client": {"alice", "bob", "dana", "carol", "victor"},
    "secret_client": {"alice", "bob"},
    "ordinary_consultation": {"alice", "bob", "dana", "carol", "victor"},
    "secret_consultation": {"alice", "bob"},
    "ordinary_document": {"alice", "bob", "dana", "carol", "victor"},
    "secret_document": {"alice", "bob"},
}
# Who may open the edit page of a case or a consultation.
EDITS = {
    "ordinary_case": {"alice", "carol"},
    "secret_case": {"alice", "bob"},
    "ordinary_consultation": {"alice", "carol"},
    "secret_consultation": {"alice"},
    "ordinary_client": {"alice", "bob", "dana", "carol"},
    "secret_client": {"alice", "bob"},
}
USERS = ["alice", "bob", "dana", "carol", "victor", "charlie", "mona", "edith", "adam"]

PAGES: dict[str, tuple[str, Callable[[Any], str]]] = {
    "case page": ("case", lambda r: reverse("casework:case_detail", args=[r.pk])),
    "case edit": ("case-edit", lambda r: reverse("casework:case_edit", args=[r.pk])),
    "consultation page": ("consultation", lambda r: reverse("casework:consultation_detail", args=[r.pk])),
    "consultation edit": ("consultation-edit", lambda r: reverse("casework:consultation_edit", args=[r.pk])),
    "open case from consultation": (
        "consultation-open",
        lambda r: reverse("casework:case_from_consultation", args=[r.pk]),
    ),
    "person page": ("client", lambda r: reverse("people:person_detail", args=[r.pk])),
    "person edit": ("client-edit", lambda r: reverse("people:person_edit", args=[r.pk])),
    "document download": ("document", lambda r: reverse("casework:document_download", args=[r.pk])),
    "api case": ("case", lambda r: f"/api/cases/{r.pk}"),
    "api case by reference": ("case", lambda r: f"/api/cases/by-reference/{r.reference}"),
    "api consultation": ("consultation", lambda r: f"/api/consultations/{r.pk}"),
    "api person": ("client", lambda r: f"/api/people/{r.pk}"),
}


RECORDS_OF_KIND = {"case": "_case", "consultation": "_consultation", "client": "_client", "document": "_document"}


def _expected(page_kind: str, record_name: str, username: str) -> int:
    """The status a user should get; -1 when the page does not apply to the record."""
    kind, _, variant = page_kind.partition("-")
    if not record_name.endswith(RECORDS_OF_KIND[kind]):
        return -1
    if variant == "edit":
        return 200 if username in EDITS[record_name] else 404
    if variant == "open":
        # Both consultations already have a case: those who may open cases are sent to it.
        return 302 if username in SEES[record_name] and username in {"alice", "bob", "dana", "carol"} else 404
    return 200 if username in SEES[record_name] else 404


CASES = [
    (page, record, user)
    for page, (kind, _url) in PAGES.items()
    for record in SEES
    for user in USERS
    if _expected(kind, record, user) != -1
]


@pytest.mark.parametrize(("page", "record", "username"), CASES)
def test_route_answers_by_role(world: World, page: str, record: str, username: str) -> None:
    kind, url_for = PAGES[page]
    user = world.users[username]
    obj = world.records[record]
    url = url_for(obj)
    if url.startswith("/api/"):
        _token, key = create_api_token(user, name="matrix", actor=user)
        response = Client().get(url, headers={"Authorization": f"Bearer {key}"})
    else:
        response = as_user(user).get(url)
    response.close()  # a download holds its file open until closed
    assert response.status_code == _expected(kind, record, username), (page, record, username)
    if response.status_code == 404:
        body = response.content.decode(errors="replace")
        for secret in ("Тлеубаев", "Ахмедова", getattr(obj, "reference", "\x00")):
            assert secret not in body


def test_the_matrix_covers_every_role_and_record() -> None:
    # each page applies to two records of its kind: the ordinary and the confidential one
    assert len(CASES) == len(PAGES) * 2 * len(USERS)
    assert {u for _p, _r, u in CASES} == set(USERS)


def _body(response: Any) -> str:
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    return raw.decode("utf-8-sig", errors="replace")


@pytest.mark.parametrize("username", USERS)
def test_lists_and_search_show_only_what_the_user_may_see(world: World, username: str) -> None:
    client = as_user(world.users[username])
    secret_ref = world.records["secret_case"].reference
    ordinary_ref = world.records["ordinary_case"].reference
    pages = [
        client.get(reverse("casework:case_list")),
        client.get(reverse("casework:search"), {"q": "Тлеуб"}),
        client.get(reverse("people:person_list")),
        client.get(reverse("casework:export", args=["cases", "csv"])),
        client.get(reverse("casework:export", args=["people", "csv"])),
    ]
    text = "".join(_body(p) for p in pages)
    assert all(p.status_code == 200 for p in pages)
    assert (secret_ref in text) == (username in SEES["secret_case"])
    assert ("Тлеубаев" in text) == (username in SEES["secret_client"])
    assert (ordinary_ref in text) == (username in SEES["ordinary_case"])


def test_an_admin_opens_a_case_only_through_audited_emergency_access(world: World) -> None:
    from audit.models import AuditEntry

    adam = world.users["adam"]
    secret = world.records["secret_case"]
    client = as_user(adam)
    assert client.get(reverse("casework:case_detail", args=[secret.pk])).status_code == 404
    refused = client.post(reverse("casework:emergency_access"), {"reference": secret.reference, "reason": ""})
    assert refused.status_code == 200
    assert client.get(reverse("casework:case_detail", args=[secret.pk])).status_code == 404
    granted = client.post(
        reverse("casework:emergency_access"),
        {"reference": secret.reference, "reason": "Lawyer in hospital; appeal deadline tomorrow"},
    )
    assert granted.status_code == 302
    assert client.get(reverse("casework:case_detail", args=[secret.pk])).status_code == 200
    assert AuditEntry.objects.filter(
        action="case.emergency_access", object_id=str(secret.pk), actor_id=adam.pk
    ).exists()
    # Reading, not editing.
    assert client.get(reverse("casework:case_edit", args=[secret.pk])).status_code == 404


def test_emergency_access_is_for_administrators_only(world: World) -> None:
    client = as_user(world.users["carol"])
    response = client.post(
        reverse("casework:emergency_access"),
        {"reference": world.records["secret_case"].reference, "reason": "curious"},
    )
    assert response.status_code == 404


def test_a_disabled_account_loses_its_session_and_tokens(world: World) -> None:
    from accounts.actions import set_active

    alice = world.users["alice"]
    client = as_user(alice)
    _token, key = create_api_token(alice, name="laptop", actor=alice)
    set_active(alice, active=False, actor=world.users["adam"])
    assert client.get(reverse("casework:case_list")).status_code == 302
    response = Client().get("/api/cases", headers={"Authorization": f"Bearer {key}"})
    assert response.status_code == 401
