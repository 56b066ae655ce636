"""What goes wrong must not spill a client's identity into logs or error pages."""

import io
import logging
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from accounts.testing import as_user
from rightsdesk.log_format import RedactingFormatter

CANARY = "Канарейкин Ермек"


@pytest.fixture
def seeded(alice: Any, make: Any) -> Any:
    person = make.person(alice, CANARY, phone="+7 701 555 01 99")
    return make.case(alice, clients=[person], title=f"{CANARY} v. Prosecutor")


def _formatted(records: list[logging.LogRecord]) -> str:
    formatter = RedactingFormatter("%(levelname)s %(name)s %(message)s")
    return "\n".join(formatter.format(record) for record in records)


def test_failures_leave_no_canary_in_logs_or_pages(
    seeded: Any, alice: Any, charlie: Any, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    caplog.set_level(logging.DEBUG)
    pages = []
    # A failed sign-in with the name typed as the username, and as the password.
    pages.append(Client().post(reverse("accounts:login"), {"username": CANARY, "password": CANARY}))
    # An outsider asking for the case, the client and a search for the name.
    outsider = as_user(charlie)
    pages.append(outsider.get(reverse("casework:case_detail", args=[seeded.pk])))
    pages.append(outsider.get(reverse("people:person_detail", args=[seeded.clients.get().pk])))
    pages.append(outsider.get(reverse("casework:search"), {"q": "Канар"}))
    # A bad import whose rows hold the name.
    content = f"full_name,birth_date\n{CANARY},31/12/1984\n".encode()
    pages.append(as_user(alice).post(reverse("casework:import", args=["people"]), {"file": io.BytesIO(content)}))
    # A server error whose exception message carries the name.
    import casework.views

    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError(f"could not search for {CANARY}")

    monkeypatch.setattr(casework.views, "filter_cases", broken)
    crashing = as_user(alice)
    crashing.raise_request_exception = False
    error = crashing.get(reverse("casework:search"), {"q": "anything"})
    assert error.status_code == 500
    pages.append(error)

    logged = _formatted(caplog.records)
    assert "Internal Server Error" in logged  # the failure is logged…
    assert "RuntimeError: (message withheld)" in logged
    assert "Канарейкин" not in logged  # …without the name
    assert "+7 701 555 01 99" not in logged
    outsider_pages = "".join(p.content.decode() for p in [*pages[1:4], error])
    assert "Канарейкин" not in outsider_pages
    assert "Канарейкин" not in pages[0].content.decode().replace('value="Канарейкин Ермек"', "")


def test_every_log_handler_uses_the_redacting_formatter(settings: Any) -> None:
    logging_config = settings.LOGGING
    formatters = logging_config["formatters"]
    for handler in logging_config["handlers"].values():
        assert formatters[handler["formatter"]]["()"] == "rightsdesk.log_format.RedactingFormatter"
