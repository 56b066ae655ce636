"""The death-penalty pages are kept for anonymous visitors and redrawn as soon as a fact changes."""

import pytest
from django.test import Client

from accounts.models import Role, User
from accounts.testing import verified_login
from deathpenalty.loading import Dataset


@pytest.fixture
def editor_client(db: None) -> Client:
    editor = User.objects.create_user(username="erin", password="x" * 16, role=Role.EDITOR)
    client = Client()
    verified_login(client, editor)
    return client


def test_a_new_fact_shows_on_the_stored_pages_at_once(editor_client: Client, reference: Dataset) -> None:
    url = "/deathpenalty/country/BLR/?on=2024-12-31"
    assert Client().get(url)["X-Public-Cache"] == "miss"
    assert Client().get(url)["X-Public-Cache"] == "hit"
    Client().get("/deathpenalty/?year=2024")
    assert Client().get("/deathpenalty/?year=2024")["X-Public-Cache"] == "hit"
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
    page = Client().get(url)
    assert page["X-Public-Cache"] == "miss"
    assert "abolished for all crimes in 2024-03 (law in force)" in page.content.decode()
    assert Client().get("/deathpenalty/?year=2024")["X-Public-Cache"] == "miss"
