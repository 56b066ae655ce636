"""Fixtures shared by every app's tests: people with roles, and a real browser."""

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parent / "var" / "test-artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop; Django's ORM calls in the
    # live server thread are still synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: object, live_server: object) -> Iterator[object]:
    context = browser.new_context(base_url=live_server.url, locale="en-GB")  # type: ignore[attr-defined]
    context.set_default_timeout(15_000)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def screenshot(page: object, request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """screenshot("step-name") keeps a PNG of the page under var/test-artifacts/."""
    folder = ARTIFACTS / request.node.name
    folder.mkdir(parents=True, exist_ok=True)
    counter = {"n": 0}

    def take(step: str) -> Path:
        counter["n"] += 1
        path = folder / f"{counter['n']:02d}-{step}.png"
        page.screenshot(path=str(path), full_page=True)  # type: ignore[attr-defined]
        return path

    return take


# Reference data and people with roles -------------------------------------


def _load_reference() -> None:
    from accounts.offices import load_offices
    from vocabularies.loading import load_vocabularies

    load_vocabularies()
    load_offices()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: object) -> None:
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        _load_reference()


@pytest.fixture(autouse=True)
def _reference_data_after_flush(request: pytest.FixtureRequest) -> None:
    """Transactional tests empty every table when they end; reload what the next one expects."""
    marker = request.node.get_closest_marker("django_db")
    if marker is not None and marker.kwargs.get("transaction"):
        request.getfixturevalue("transactional_db")
        _load_reference()


@pytest.fixture(autouse=True)
def _fresh_public_page_cache(settings: object, request: pytest.FixtureRequest) -> None:
    """Each test gets an empty public page cache of its own (the file cache under var/ is shared)."""
    settings.CACHES = {  # type: ignore[attr-defined]
        **settings.CACHES,  # type: ignore[attr-defined]
        "public_pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": request.node.nodeid},
    }


class Make:
    """Builds records through the same actions the pages use, so audit and search are real."""

    def __init__(self) -> None:
        from accounts.models import Office

        self.almaty = Office.objects.get(code="almaty-ho")
        self.karaganda = Office.objects.get(code="karaganda")

    def term(self, vocabulary: str, code: str) -> object:
        from vocabularies.models import Term

        return Term.objects.get(vocabulary=vocabulary, code=code)

    def user(self, username: str, role: str, office: object = None, **extra: object) -> object:
        from accounts.actions import create_user

        user, _ = create_user(
            username=username,
            role=role,
            office=office or self.almaty,
            password="correct horse battery",
            actor=None,
            **extra,
        )
        return user

    def person(self, actor: object, name: str = "Сейткали Нурлан", **data: object) -> object:
        from people.actions import register_person

        data.setdefault("office", actor.office)  # type: ignore[attr-defined]
        return register_person(full_name=name, actor=actor, **data)

    def consultation(self, actor: object, person: object = None, **data: object) -> object:
        import datetime as dt

        from casework.actions import record_consultation

        data.setdefault("office", actor.office)  # type: ignore[attr-defined]
        data.setdefault("lawyer", actor)
        data.setdefault("date", dt.date(2026, 3, 14))
        data.setdefault("channel", self.term("consultation_channel", "phone"))
        data.setdefault("legal_area", self.term("legal_area", "citizenship"))
        data.setdefault("summary", "Asked how to restore a lost passport")
        return record_consultation(person=person, actor=actor, **data)

    def case(self, actor: object, clients: list[object] | None = None, **data: object) -> object:
        from casework.actions import open_case

        data.setdefault("title", "Recognition of statelessness")
        data.setdefault("case_type", self.term("case_type", "representation"))
        data.setdefault("legal_area", self.term("legal_area", "citizenship"))
        data.setdefault("office", actor.office)  # type: ignore[attr-defined]
        data.setdefault("responsible_lawyer", actor)
        if clients is None:
            clients = [self.person(actor, "Ахмедова Зарина")]
        return open_case(clients=clients, actor=actor, **data)


@pytest.fixture
def make(db: None) -> Make:
    return Make()


@pytest.fixture
def alice(make: Make) -> object:
    """A lawyer in the Almaty head office; owns the cases in most tests."""
    return make.user("alice", "lawyer")


@pytest.fixture
def bob(make: Make) -> object:
    """A lawyer in Almaty, on the team of alice's confidential case."""
    return make.user("bob", "lawyer")


@pytest.fixture
def dana(make: Make) -> object:
    """A lawyer in Almaty on no team: sees the office's ordinary cases only."""
    return make.user("dana", "lawyer")


@pytest.fixture
def carol(make: Make) -> object:
    """The Almaty office manager."""
    return make.user("carol", "office_manager")


@pytest.fixture
def victor(make: Make) -> object:
    """A read-only viewer in Almaty."""
    return make.user("victor", "viewer")


@pytest.fixture
def charlie(make: Make) -> object:
    """A lawyer from another office (Karaganda): the outsider."""
    return make.user("charlie", "lawyer", office=make.karaganda)


@pytest.fixture
def mona(make: Make) -> object:
    """A monitor in Almaty: documents violations, does no casework."""
    return make.user("mona", "monitor")


@pytest.fixture
def edith(make: Make) -> object:
    """An editor in Almaty."""
    return make.user("edith", "editor")


@pytest.fixture
def adam(make: Make) -> object:
    """An administrator: manages accounts, does not read cases."""
    return make.user("adam", "admin")


@pytest.fixture(autouse=True)
def _no_remembered_frequent_searches() -> Iterator[None]:
    """A search hint from one test's records must not decide how another test searches."""
    from search.frequent import FREQUENT

    FREQUENT.forget()
    yield
    FREQUENT.forget()
