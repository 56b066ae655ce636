import datetime as dt

import pytest

from monitoring import actions as monitoring_actions
from monitoring.models import Confidentiality
from monitoring.testing import term
from publishing import actions
from publishing.actions import PublishRefused


@pytest.fixture
def approved(mona, edith, mon):
    victim = mon.person(mona, "Сейткали Нурлан", phone="+7 701 555 12 34", address="ул. Абая 150, кв. 12")
    event = mon.event(mona, title="Activist detained", place="Akimat building, Abay Ave 90")
    mon.act(event, mona, victim=victim)
    mon.act(event, mona, violation="arbitrary-detention", victim=victim)
    mon.approve(event, edith)
    return event


def test_a_victim_without_consent_is_published_under_a_pseudonym(approved, edith):
    published = actions.publish_event(
        approved, title="Activist detained", summary="", apply_redaction=False, actor=edith
    )
    assert published.victims == ["Victim A"]
    assert {a["victim"] for a in published.acts} == {"Victim A"}
    assert published.right_codes == ["iccpr-21", "iccpr-9"]


def test_a_recorded_pseudonym_is_used(approved, edith):
    involvement = approved.involvements.get()
    monitoring_actions.update_involvement(involvement, pseudonym="Activist N.", actor=edith)
    published = actions.publish_event(approved, title="t", summary="", apply_redaction=False, actor=edith)
    assert published.victims == ["Activist N."]


def test_a_victim_who_consented_is_named(approved, edith):
    involvement = approved.involvements.get()
    monitoring_actions.update_involvement(
        involvement, consent_to_publish=True, consent_date=dt.date(2026, 3, 10), actor=edith
    )
    published = actions.publish_event(
        approved, title="t", summary="Сейткали Нурлан was detained.", apply_redaction=False, actor=edith
    )
    assert published.victims == ["Сейткали Нурлан"]
    assert "Сейткали Нурлан" in published.summary


def test_consent_without_a_date_is_refused(approved, edith):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        monitoring_actions.update_involvement(approved.involvements.get(), consent_to_publish=True, actor=edith)


@pytest.mark.parametrize(
    "text",
    [
        "Police beat Сейткали Нурлан at the akimat.",
        "Police beat Nurlan Seytkali at the akimat.",
        "Police beat SEITKALI at the akimat.",
    ],
)
def test_free_text_naming_a_protected_person_is_refused_then_redacted(approved, edith, text):
    with pytest.raises(PublishRefused) as refused:
        actions.publish_event(approved, title="t", summary=text, apply_redaction=False, actor=edith)
    assert [f.kind for f in refused.value.findings] == ["name"]
    published = actions.publish_event(approved, title="t", summary=text, apply_redaction=True, actor=edith)
    assert published.summary == "Police beat Victim A at the akimat."


def test_names_of_anyone_in_the_registry_are_caught(approved, edith, alice, make):
    make.person(alice, "Ахмедова Зарина")  # a legal-aid client, not in this event
    with pytest.raises(PublishRefused) as refused:
        actions.publish_event(
            approved, title="t", summary="Zarina Akhmedova saw it.", apply_redaction=False, actor=edith
        )
    assert refused.value.findings[0].found == "Zarina Akhmedova"
    published = actions.publish_event(
        approved, title="t", summary="Zarina Akhmedova saw it.", apply_redaction=True, actor=edith
    )
    assert published.summary == "[…] saw it."


def test_contacts_addresses_and_the_exact_place_never_pass(approved, edith):
    text = "Call +7 701 555 12 34 or write to n.s@example.org; he lives at ул. Абая 150, кв. 12; held in the Akimat building, Abay Ave 90."
    with pytest.raises(PublishRefused) as refused:
        actions.publish_event(approved, title="t", summary=text, apply_redaction=False, actor=edith)
    kinds = sorted({f.kind for f in refused.value.findings})
    assert kinds == ["contact", "place"]
    published = actions.publish_event(approved, title="t", summary=text, apply_redaction=True, actor=edith)
    for secret in ["701", "example.org", "Абая 150", "Abay Ave 90"]:
        assert secret not in published.summary


def test_only_sources_marked_publishable_are_published(approved, edith, mona):
    for title, level in [
        ("Court ruling", Confidentiality.PUBLIC),
        ("Lawyer's notes", Confidentiality.INTERNAL),
        ("Witness", Confidentiality.CONFIDENTIAL),
    ]:
        monitoring_actions.add_source(
            approved,
            kind=term("source_kind", "document"),
            title=title,
            collected_on=approved.started_on,
            confidentiality=level,
            actor=mona,
        )
    published = actions.publish_event(approved, title="t", summary="", apply_redaction=False, actor=edith)
    assert [s["title"] for s in published.sources] == ["Court ruling"]


def test_only_an_approved_record_is_published_and_only_by_an_editor(mona, edith, mon):
    event = mon.event(mona)
    with pytest.raises(PublishRefused):
        actions.publish_event(event, title="t", summary="", apply_redaction=True, actor=edith)
    mon.approve(event, edith)
    with pytest.raises(PublishRefused):
        actions.publish_event(event, title="t", summary="", apply_redaction=True, actor=mona)


def test_republishing_replaces_the_snapshot_and_withdrawing_hides_it(approved, edith):
    from publishing.models import PublishedRecord

    first = actions.publish_event(approved, title="First", summary="", apply_redaction=True, actor=edith)
    second = actions.publish_event(approved, title="Second", summary="", apply_redaction=True, actor=edith)
    assert first.pk == second.pk
    assert PublishedRecord.objects.get().title == "Second"
    actions.withdraw(second, actor=edith)
    assert not PublishedRecord.objects.public().exists()
