import pytest
from django.test import Client

from accounts.actions import create_api_token, revoke_api_token
from casework.models import Consultation


@pytest.fixture
def api(alice: object) -> Client:
    _token, key = create_api_token(alice, name="tests", actor=alice)
    return Client(headers={"Authorization": f"Bearer {key}"})


def test_the_openapi_schema_lists_the_routes(db: None) -> None:
    schema = Client().get("/api/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    for path in ("/api/people", "/api/consultations", "/api/cases", "/api/cases/{case_id}"):
        assert path in schema["paths"]
    assert "BearerAuth" in schema["components"]["securitySchemes"] or schema["components"]["securitySchemes"]


def test_it_refuses_requests_without_a_valid_token(alice: object) -> None:
    assert Client().get("/api/cases").status_code == 401
    assert Client(headers={"Authorization": "Bearer rd_nonsense"}).get("/api/cases").status_code == 401
    token, key = create_api_token(alice, name="old", actor=alice)
    revoke_api_token(token, actor=alice)
    assert Client(headers={"Authorization": f"Bearer {key}"}).get("/api/cases").status_code == 401


def test_a_session_cookie_is_not_enough_for_the_api(alice: object) -> None:
    from accounts.testing import as_user

    assert as_user(alice).get("/api/cases").status_code == 401


def test_it_pages_and_filters_cases(api: Client, alice: object, make: object) -> None:
    for n in range(3):
        make.case(alice, title=f"Case {n}", legal_area=make.term("legal_area", "labour" if n else "assembly"))
    page = api.get("/api/cases", {"page_size": 2}).json()
    assert page["count"] == 3
    assert len(page["items"]) == 2
    assembly = api.get("/api/cases", {"legal_area": "assembly"}).json()
    assert [c["title"] for c in assembly["items"]] == ["Case 0"]
    assert api.get("/api/cases", {"page_size": 1000}).status_code == 422


def test_it_records_a_consultation_and_validates_codes(api: Client, alice: object) -> None:
    good = {
        "date": "2026-03-01",
        "channel": "phone",
        "legal_area": "migration",
        "groups": ["asylum-seeker"],
        "summary": "Asylum",
    }
    created = api.post("/api/consultations", good, content_type="application/json")
    assert created.status_code == 201
    assert created.json()["groups"] == ["asylum-seeker"]
    bad = dict(good, channel="pigeon", person_id=424242)
    refused = api.post("/api/consultations", bad, content_type="application/json")
    assert refused.status_code == 422
    assert "channel" in refused.json()["detail"]
    assert "person_id" in refused.json()["detail"]
    assert Consultation.objects.count() == 1


def test_a_viewer_cannot_record_through_the_api(victor: object) -> None:
    _token, key = create_api_token(victor, name="v", actor=victor)
    client = Client(headers={"Authorization": f"Bearer {key}"})
    response = client.post(
        "/api/consultations",
        {"date": "2026-03-01", "channel": "phone", "legal_area": "migration", "summary": "x"},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert Consultation.objects.count() == 0


def test_text_with_a_nul_character_is_refused_not_a_server_error(api: Client) -> None:
    body = {"date": "2026-03-01", "channel": "ph\x00one", "legal_area": "migration", "summary": "x"}
    assert api.post("/api/consultations", body, content_type="application/json").status_code == 422
    assert api.get("/api/cases", {"office": "alm\x00aty"}).status_code == 422
    assert Consultation.objects.count() == 0


@pytest.mark.parametrize("url", ["/api/cases", "/api/monitoring/events", "/api/public/violations"])
def test_every_list_refuses_an_absurd_page_number(api: Client, url: str) -> None:
    assert api.get(url, {"page": 10**30}).status_code == 422
    assert api.get(url, {"page_size": 201}).status_code == 422
