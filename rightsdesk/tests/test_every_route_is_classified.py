"""Every URL the application answers is classified, and behaves as classified.

A new route fails this test until someone decides who may reach it: public,
any signed-in staff member, administrators only, editors only, or per object
(then the test file that checks it for every role is named and must mention it).
"""

from pathlib import Path

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.testing import as_user

ROOT = Path(__file__).resolve().parents[2]
MATRIX = "casework/tests/test_access_matrix.py"
DP_EDITOR = "deathpenalty/tests/test_views.py"
ADVOCACY = "advocacy/tests/test_access.py"

PUBLIC = "public"
SIGNED_IN = "signed-in"
ADMIN = "admin"
EDITOR = "editor"
NOT_SERVED = "not-served"  # registered by a library but answering 404 to everyone

ROUTES: dict[str, str | tuple[str, str]] = {
    "healthz": PUBLIC,
    "set_language": PUBLIC,
    "home": PUBLIC,
    "api:openapi-json": PUBLIC,
    "api:api-root": NOT_SERVED,
    "api:list_people": SIGNED_IN,
    "api:get_person": ("per-object", MATRIX),
    "api:list_consultations": SIGNED_IN,
    "api:create_consultation": SIGNED_IN,
    "api:get_consultation": ("per-object", MATRIX),
    "api:list_cases": SIGNED_IN,
    "api:get_case": ("per-object", MATRIX),
    "api:get_case_by_reference": ("per-object", MATRIX),
    "api:countries": PUBLIC,
    "api:statuses": PUBLIC,
    "api:country_status": PUBLIC,
    "api:figures": PUBLIC,
    "api:facts": PUBLIC,
    "accounts:login": PUBLIC,
    "accounts:verify": SIGNED_IN,
    "accounts:setup_2fa": SIGNED_IN,
    "accounts:logout": SIGNED_IN,
    "accounts:reauth": SIGNED_IN,
    "accounts:profile": SIGNED_IN,
    "accounts:revoke_token": ("per-object", "accounts/tests/test_profile.py"),
    "accounts:user_list": ADMIN,
    "accounts:user_create": ADMIN,
    "accounts:user_edit": ADMIN,
    "people:person_list": SIGNED_IN,
    "people:person_create": SIGNED_IN,
    "people:person_lookup": SIGNED_IN,
    "people:person_detail": ("per-object", MATRIX),
    "people:person_edit": ("per-object", MATRIX),
    "people:duplicates": SIGNED_IN,
    "people:person_merge": ("per-object", "people/tests/test_merge.py"),
    "people:merge_undo": ("per-object", "people/tests/test_merge.py"),
    "casework:dashboard": SIGNED_IN,
    "casework:consultation_list": SIGNED_IN,
    "casework:consultation_create": SIGNED_IN,
    "casework:consultation_detail": ("per-object", MATRIX),
    "casework:consultation_edit": ("per-object", MATRIX),
    "casework:case_from_consultation": ("per-object", MATRIX),
    "casework:case_list": SIGNED_IN,
    "casework:case_create": SIGNED_IN,
    "casework:case_detail": ("per-object", MATRIX),
    "casework:case_edit": ("per-object", MATRIX),
    "casework:case_status": ("per-object", "casework/tests/test_casework_pages.py"),
    "casework:case_add": ("per-object", "casework/tests/test_casework_pages.py"),
    "casework:deadline_done": ("per-object", "casework/tests/test_casework_pages.py"),
    "casework:document_download": ("per-object", MATRIX),
    "casework:search": SIGNED_IN,
    "casework:emergency_access": ADMIN,
    "casework:export": SIGNED_IN,
    "casework:import": SIGNED_IN,
    "deathpenalty:world": PUBLIC,
    "deathpenalty:figures": PUBLIC,
    "deathpenalty:year": PUBLIC,
    "deathpenalty:sources": PUBLIC,
    "deathpenalty:country": PUBLIC,
    "deathpenalty:timeline_csv": PUBLIC,
    "deathpenalty:statuses_download": PUBLIC,
    "deathpenalty:facts_download": PUBLIC,
    "deathpenalty:event_new": (EDITOR, DP_EDITOR),
    "deathpenalty:event_edit": (EDITOR, DP_EDITOR),
    "deathpenalty:assessment_new": (EDITOR, DP_EDITOR),
    "deathpenalty:figure_new": (EDITOR, DP_EDITOR),
    "monitoring:event_list": SIGNED_IN,
    "monitoring:event_create": SIGNED_IN,
    "monitoring:event_detail": ("per-object", "monitoring/tests/test_access.py"),
    "monitoring:event_edit": ("per-object", "monitoring/tests/test_access.py"),
    "monitoring:event_status": ("per-object", "monitoring/tests/test_access.py"),
    "monitoring:event_add": ("per-object", "monitoring/tests/test_access.py"),
    "monitoring:involvement_consent": ("per-object", "monitoring/tests/test_access.py"),
    "monitoring:source_download": ("per-object", "monitoring/tests/test_access.py"),
    "monitoring:source_transfer": ("per-object", "monitoring/tests/test_access.py"),
    "monitoring:import": SIGNED_IN,
    "monitoring:mission_list": SIGNED_IN,
    "monitoring:mission_create": SIGNED_IN,
    "monitoring:mission_detail": ("per-object", "monitoring/tests/test_access.py"),
    "publishing:portal": PUBLIC,
    "publishing:record_list": PUBLIC,
    "publishing:record": PUBLIC,
    "publishing:record_file": PUBLIC,
    "publishing:report_list": PUBLIC,
    "publishing:report": PUBLIC,
    "publishing:report_pdf": PUBLIC,
    "publishing:open_data": PUBLIC,
    "publishing:records_csv": PUBLIC,
    "publishing:records_json": PUBLIC,
    "publishing:publish": (EDITOR, "publishing/tests/test_portal.py"),
    "publishing:withdraw": (EDITOR, "publishing/tests/test_portal.py"),
    "publishing:staff_reports": (EDITOR, "publishing/tests/test_portal.py"),
    "publishing:staff_report": (EDITOR, "publishing/tests/test_portal.py"),
    "publishing:staff_report_pdf": (EDITOR, "publishing/tests/test_portal.py"),
    "api:list_events": SIGNED_IN,
    "api:get_event": ("per-object", "monitoring/tests/test_access.py"),
    "api:violations": PUBLIC,
    "api:violation": PUBLIC,
    "api:statistics": PUBLIC,
    "api:reports": PUBLIC,
    "advocacy:campaign_list": SIGNED_IN,
    "advocacy:campaign_create": SIGNED_IN,
    "advocacy:recommendation_list": SIGNED_IN,
    "advocacy:recommendation_create": SIGNED_IN,
    "advocacy:training_list": SIGNED_IN,
    "advocacy:training_create": SIGNED_IN,
    "advocacy:strategic_lookup": SIGNED_IN,
    "advocacy:impact": SIGNED_IN,
    "advocacy:impact_pdf": SIGNED_IN,
    "advocacy:impact_csv": SIGNED_IN,
    "advocacy:impact_rows": SIGNED_IN,
    "advocacy:campaign_detail": ("per-object", ADVOCACY),
    "advocacy:campaign_edit": ("per-object", ADVOCACY),
    "advocacy:action_create": ("per-object", ADVOCACY),
    "advocacy:action_detail": ("per-object", ADVOCACY),
    "advocacy:action_edit": ("per-object", ADVOCACY),
    "advocacy:action_document_add": ("per-object", ADVOCACY),
    "advocacy:action_document_download": ("per-object", ADVOCACY),
    "advocacy:recommendation_detail": ("per-object", ADVOCACY),
    "advocacy:recommendation_status": ("per-object", ADVOCACY),
    "advocacy:strategic_case": ("per-object", ADVOCACY),
    "advocacy:training_detail": ("per-object", ADVOCACY),
    "advocacy:training_edit": ("per-object", ADVOCACY),
    "advocacy:participant_add": ("per-object", ADVOCACY),
    "advocacy:participant_remove": ("per-object", ADVOCACY),
}


def _walk(patterns: list[object], namespace: str = "") -> list[tuple[str, URLPattern]]:
    found: list[tuple[str, URLPattern]] = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            found += _walk(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            found.append((f"{namespace}{pattern.name}", pattern))
    return found


ALL = _walk(get_resolver().url_patterns)


def test_every_route_is_classified() -> None:
    names = {name for name, _ in ALL}
    unclassified = sorted(names - set(ROUTES))
    stale = sorted(set(ROUTES) - names)
    assert unclassified == [], f"classify these routes in {__file__}"
    assert stale == []


@pytest.mark.parametrize(("name", "kind"), [(n, k) for n, k in ROUTES.items() if isinstance(k, tuple)])
def test_per_object_routes_are_covered_by_a_named_test(name: str, kind: tuple[str, str]) -> None:
    covering = ROOT / kind[1]
    assert covering.exists(), f"{kind[1]} is named as covering {name} but does not exist"
    short = name.split(":")[-1]
    path = "/" + str(dict(ALL)[name].pattern).split("<")[0]
    text = covering.read_text()
    assert short in text or path in text


def _no_args(name: str) -> bool:
    pattern = dict(ALL)[name]
    return not pattern.pattern.converters and "<" not in str(pattern.pattern)


@pytest.mark.parametrize("name", [n for n, k in ROUTES.items() if k in (SIGNED_IN, ADMIN) and _no_args(n)])
def test_an_anonymous_visitor_is_sent_to_sign_in(db: None, name: str) -> None:
    url = reverse(name)
    response = Client().get(url)
    if response.status_code == 405:  # a POST-only action
        response = Client().post(url)
    if url.startswith("/api/"):
        assert response.status_code == 401
    else:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("name", [n for n, k in ROUTES.items() if k == ADMIN and _no_args(n)])
def test_administration_is_404_for_staff_who_are_not_admins(name: str, carol: object) -> None:
    assert as_user(carol).get(reverse(name)).status_code == 404


@pytest.mark.parametrize("name", [n for n, k in ROUTES.items() if k == PUBLIC and _no_args(n)])
def test_public_routes_answer_an_anonymous_visitor(db: None, name: str) -> None:
    url = reverse(name)
    response = Client().get(url)
    # A public API operation may ask for its parameters (422); it must not ask who you are.
    assert response.status_code in ({200, 302, 405, 422} if url.startswith("/api/") else {200, 302, 405}), url
    if response.status_code == 302:
        assert not response["Location"].startswith(reverse("accounts:login")) or name == "home"


@pytest.mark.parametrize("name", [n for n, k in ROUTES.items() if k == NOT_SERVED])
def test_routes_not_served_answer_404(db: None, name: str, alice: object) -> None:
    assert Client().get(reverse(name)).status_code == 404
    assert as_user(alice).get(reverse(name)).status_code == 404
