import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from accounts.testing import as_user
from monitoring import actions as monitoring_actions
from monitoring.models import Checklist, MissionKind
from publishing import actions, pdf
from rightsdesk.partial_dates import PartialDate


@pytest.fixture
def records(mona, edith, mon):
    return [
        mon.published(mona, edith, title="Rally dispersed in Almaty"),
        mon.published(
            mona, edith, title="Blogger fined", victim="Оспанов Тимур", started=PartialDate(dt.date(2026, 8, 1))
        ),
    ]


def test_a_report_covers_its_period_and_filter(records, edith):
    report = actions.build_report(
        title="Freedom of assembly, first half of 2026",
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 6, 30),
        filters={"right": "iccpr-21"},
        actor=edith,
    )
    assert report.record_ids == [records[0].pk]


def test_the_editor_builds_and_publishes_a_report_with_mission_figures(records, edith, mona):
    mission = monitoring_actions.create_mission(
        office=mona.office,
        kind=MissionKind.ASSEMBLY,
        title="Spring",
        starts_on=dt.date(2026, 3, 1),
        checklist=Checklist.objects.get(code="assembly-standard"),
        actor=mona,
    )
    for city, detained in [("Almaty", 2), ("Astana", 0)]:
        monitoring_actions.record_observation(
            mission, observed_on=dt.date(2026, 3, 8), city=city, answers={"detentions": detained}, actor=mona
        )
    client = as_user(edith)
    response = client.post(
        reverse("publishing:staff_reports"),
        {
            "title": "Freedom of assembly, H1 2026",
            "period_start": "2026-01-01",
            "period_end": "2026-06-30",
            "violation": "assembly-dispersal",
            "include_missions": "on",
            "introduction": "What we saw.",
        },
    )
    assert response.status_code == 302
    staff_page = client.get(response["Location"]).content.decode()
    assert "Observed 2 assemblies in 2 cities; detentions at 1 of them (2 people detained)." in staff_page
    slug = response["Location"].rstrip("/").split("/")[-1]
    assert Client().get(reverse("publishing:report", args=[slug])).status_code == 404
    client.post(response["Location"], {"publish": "1"})
    public = Client().get(reverse("publishing:report", args=[slug])).content.decode()
    assert "Rally dispersed in Almaty" in public
    assert "Blogger fined" not in public
    listed = Client().get(reverse("publishing:report_list")).content.decode()
    assert "Freedom of assembly, H1 2026" in listed


def test_the_pdf_renders_with_installed_fonts_and_contains_the_cases(records, edith):
    report = actions.build_report(
        title="Отчёт: свобода собраний",
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 12, 31),
        filters={},
        actor=edith,
    )
    actions.publish_report(report, actor=edith)
    response = Client().get(reverse("publishing:report_pdf", args=[report.slug]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = pdf.report_text(report)
    assert "Отчёт: свобода собраний" in text
    assert "Rally dispersed in Almaty" in text
    assert "Blogger fined" in text
    assert "Victim A" in text
    assert "Сейткали" not in text


def test_a_report_refuses_to_fetch_anything(records, edith):
    with pytest.raises(pdf.FetchRefused):
        pdf.refuse_fetch("https://example.org/font.woff")
