"""The impact report reads monitoring and publishing through one function; if those change, it still works."""

from typing import Any

import pytest
from django.apps import apps

from advocacy import impact
from advocacy.tests.conftest import YEAR_2025

pytestmark = pytest.mark.django_db


def test_it_finds_the_monitoring_and_publishing_models(world: Any, mona: Any) -> None:
    found = impact.monitoring_sources(impact.Scope(mona, *YEAR_2025))
    assert set(found) == {"events", "acts", "published", "missions", "observations"}
    assert all(queryset is not None for queryset in found.values())


def test_a_renamed_model_leaves_its_figures_not_available(
    world: Any, mona: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = apps.get_model

    def without_missions(label: str, *args: Any, **kwargs: Any) -> Any:
        if label == "monitoring.Mission":
            raise LookupError(label)
        return real(label, *args, **kwargs)

    monkeypatch.setattr(apps, "get_model", without_missions)
    built = impact.build(impact.Scope(mona, *YEAR_2025))
    assert built.figure("missions").value is None
    assert built.figure("observations").value is None
    assert built.figure("events").value == 2
    assert "not available" in _rendered(built)


def test_a_renamed_field_leaves_the_monitoring_figures_not_available(
    world: Any, mona: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = apps.get_model

    def renamed(label: str, *args: Any, **kwargs: Any) -> Any:
        if label == "monitoring.Event":
            return type("Event", (), {"objects": _RenamedManager()})
        return real(label, *args, **kwargs)

    monkeypatch.setattr(apps, "get_model", renamed)
    built = impact.build(impact.Scope(mona, *YEAR_2025))
    assert built.figure("events").value is None
    assert built.figure("consultations").value == 0


class _RenamedManager:
    """Stands for a model whose date field was renamed: filtering on it fails."""

    def all(self) -> Any:
        from django.core.exceptions import FieldError

        class Query:
            def visible_to(self, user: Any) -> "Query":
                return self

            def filter(self, **kwargs: Any) -> Any:
                raise FieldError("Cannot resolve keyword 'started_on'")

        return Query()


def _rendered(built: impact.ImpactReport) -> str:
    from django.template.loader import render_to_string

    return render_to_string("advocacy/impact_pdf.html", {"report": built})
