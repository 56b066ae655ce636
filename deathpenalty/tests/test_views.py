"""Public pages, open data, the REST routes and editors' forms."""

import csv
import io

import pytest
from django.test import Client
from ninja.testing import TestClient

from accounts.models import Role, User
from accounts.testing import verified_login
from audit.models import AuditEntry
from deathpenalty.api import router
from deathpenalty.loading import Dataset
from deathpenalty.models import FactRevision, LegalEvent


@pytest.fixture
def editor(db: None) -> User:
    return User.objects.create_user(username="erin", password="x" * 16, role=Role.EDITOR)


@pytest.fixture
def editor_client(editor: User) -> Client:
    client = Client()
    verified_login(client, editor)
    return client


@pytest.mark.parametrize(
    "url",
    [
        "/deathpenalty/",
        "/deathpenalty/?year=2009",
        "/deathpenalty/figures/",
        "/deathpenalty/figures/?on=2021-12-31",
        "/deathpenalty/year/2016/",
        "/deathpenalty/country/KAZ/",
        "/deathpenalty/sources/",
    ],
)
def test_public_pages_need_no_login(client: Client, reference: Dataset, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200
    assert b"style=" not in response.content  # CSP: no inline styles


def test_the_world_map_colours_countries_for_the_chosen_year(client: Client, reference: Dataset) -> None:
    page = client.get("/deathpenalty/?year=2021").content.decode()
    assert 'class="dp-ordinary_crimes" d="' in page
    assert 'data-iso3="KAZ"' in page
    assert "144 countries abolitionist in law or practice, 55 retentionist (199 counted)" in page
    page = client.get("/deathpenalty/?year=2009").content.decode()
    assert "139 countries abolitionist in law or practice, 58 retentionist (197 counted)" in page


def test_world_figures_link_to_the_countries_behind_them(client: Client, reference: Dataset) -> None:
    page = client.get("/deathpenalty/figures/?on=2021-12-31").content.decode()
    assert 'id="retentionist">Retentionist (55)' in page
    assert 'href="/deathpenalty/country/KAZ/?on=2021-12-31">Kazakhstan</a>' in page


def test_kazakhstan_page_tells_its_story(client: Client, reference: Dataset) -> None:
    page = client.get("/deathpenalty/country/KAZ/?on=2021-12-31").content.decode()
    assert "Abolitionist for ordinary crimes only" in page
    for text in [
        "2003-11",  # last executions
        "2007-05",  # restriction to terrorism and wartime crimes
        "Ruslan Kulekbayev",  # the last death sentence, 2016
        "2020-09-23",  # OP2 signed
        "2021-12-29",  # abolition law signed
        "2022-06-24",  # OP2 in force
    ]:
        assert text in page


def test_the_timeline_downloads_as_csv(client: Client, reference: Dataset) -> None:
    response = client.get("/deathpenalty/country/KAZ/timeline.csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert rows[0]["date"] == "2003-05/2003-11"
    assert rows[-1]["event"] == "Amnesty reclassification"
    assert len(rows) == 22


def test_statuses_download_for_any_date(client: Client, reference: Dataset) -> None:
    response = client.get("/deathpenalty/data/statuses.csv?on=2021-12-31")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == 199
    assert sum(1 for row in rows if row["category"] == "retentionist") == 55
    data = client.get("/deathpenalty/data/statuses.json?on=2010-12-31").json()
    assert data["on"] == "2010-12-31"
    assert len(data["statuses"]) == 197
    assert client.get("/deathpenalty/data/statuses.xml").status_code == 404


def test_facts_download(client: Client, reference: Dataset) -> None:
    rows = client.get("/deathpenalty/data/facts.json?country=KAZ").json()
    assert {"iso3": "KAZ", "type": "event", "kind": "treaty_in_force:op2_iccpr", "date": "2022-06-24"}.items() <= next(
        r for r in rows if r["kind"] == "treaty_in_force:op2_iccpr"
    ).items()
    assert all(r["source"] for r in rows)


def test_the_api_routes_are_public_and_read_only(reference: Dataset) -> None:
    api = TestClient(router)
    assert len(api.get("/countries").json()) == 199
    figures = api.get("/figures?on=2021-12-31").json()
    assert (figures["abolitionist_total"], figures["retentionist"], figures["all_crimes"]) == (144, 55, 108)
    kaz = api.get("/statuses/KAZ?on=2022-12-31").json()
    assert kaz["category"] == "all_crimes"
    assert len(api.get("/statuses?on=2021-12-31").json()) == 199
    assert api.get("/facts?country=KAZ").status_code == 200
    assert api.post("/countries").status_code == 405


def test_editor_forms_need_an_editor(client: Client, reference: Dataset) -> None:
    url = "/deathpenalty/country/KAZ/events/new/"
    assert client.get(url).status_code == 302  # to login
    monitor = User.objects.create_user(username="mona", password="x" * 16, role=Role.MONITOR)
    verified_login(client, monitor)
    assert client.get(url).status_code == 403


def test_an_editor_records_an_event_and_the_explanation_updates(editor_client: Client, reference: Dataset) -> None:
    response = editor_client.post(
        "/deathpenalty/country/BLR/events/new/",
        {
            "kind": "abolition_all",
            "stage": "in_force",
            "treaty": "",
            "when": "2024-03",
            "description": "",
            "source": "test gazette",
            "note": "",
        },
    )
    assert response.status_code == 302
    event = LegalEvent.objects.get(country__iso3="BLR", kind="abolition_all")
    assert event.partial_date.iso() == "2024-03"
    assert AuditEntry.objects.filter(action="deathpenalty.event.create", object_id=str(event.pk)).exists()
    page = editor_client.get("/deathpenalty/country/BLR/?on=2024-12-31").content.decode()
    assert "abolished for all crimes in 2024-03 (law in force)" in page


def test_event_form_validates(editor_client: Client, reference: Dataset) -> None:
    response = editor_client.post(
        "/deathpenalty/country/BLR/events/new/",
        {"kind": "treaty_signature", "stage": "", "treaty": "", "when": "2024-02-30", "source": ""},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"when", "treaty", "source"}


def test_a_correction_keeps_the_earlier_version(editor_client: Client, reference: Dataset) -> None:
    event = LegalEvent.objects.get(country__iso3="KAZ", kind="treaty_in_force")
    response = editor_client.post(
        f"/deathpenalty/country/KAZ/events/{event.pk}/edit/",
        {
            "kind": "treaty_in_force",
            "stage": "",
            "treaty": "op2_iccpr",
            "when": "2022-06-24",
            "description": event.description,
            "source": "UN Treaty Collection",
            "note": "",
            "reason": "primary source",
        },
    )
    assert response.status_code == 302
    revision = FactRevision.objects.get(fact_type="event", fact_id=event.pk)
    assert revision.snapshot["source"].startswith("worldcoalition.org")
    event.refresh_from_db()
    assert event.source == "UN Treaty Collection"
    assert AuditEntry.objects.filter(action="deathpenalty.event.correct").exists()


def test_an_event_of_another_country_is_not_found(editor_client: Client, reference: Dataset) -> None:
    event = LegalEvent.objects.filter(country__iso3="KAZ").first()
    assert event is not None
    assert editor_client.get(f"/deathpenalty/country/RUS/events/{event.pk}/edit/").status_code == 404
