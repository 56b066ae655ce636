"""The public portal, open data and public API: no sign-in, published snapshots only.

Editors' routes checked here: publish, withdraw, staff_reports, staff_report, staff_report_pdf.
"""

import csv
import io
import json

import pytest
from django.test import Client
from django.urls import reverse

from accounts.testing import as_user
from publishing import actions


@pytest.fixture
def records(mona, edith, mon):
    from monitoring.testing import term

    return [
        mon.published(mona, edith, title="Rally dispersed in Almaty"),
        mon.published(
            mona,
            edith,
            title="Journalist detained in Astana",
            victim="Касымова Асель",
            region=term("region", "astana"),
            city="Astana",
        ),
    ]


def test_an_anonymous_visitor_gets_the_portal_at_the_root(records):
    page = Client().get("/").content.decode()
    assert "Rally dispersed in Almaty" in page
    assert 'data-region="astana"' in page
    assert "/deathpenalty/" in page
    assert reverse("accounts:login") in page


def test_a_signed_in_user_gets_the_dashboard(alice):
    assert as_user(alice).get("/")["Location"] == reverse("casework:dashboard")


def test_it_searches_and_filters(records):
    client = Client()
    page = client.get(reverse("publishing:record_list"), {"q": "Journalist"}).content.decode()
    assert "Journalist detained in Astana" in page
    assert "Rally dispersed" not in page
    page = client.get(reverse("publishing:record_list"), {"region": "almaty-city"}).content.decode()
    assert "Rally dispersed" in page
    assert "Journalist detained" not in page
    page = client.get(reverse("publishing:record_list"), {"right": "iccpr-21", "year": 2026}).content.decode()
    assert "2 records found" in page


def test_a_record_page_shows_the_pseudonym_not_the_name(records):
    page = Client().get(reverse("publishing:record", args=[records[0].public_id])).content.decode()
    assert "Victim A" in page
    assert "Сейткали" not in page
    assert "ICCPR art. 21" in page


def test_a_withdrawn_record_is_gone(records, edith):
    actions.withdraw(records[0], actor=edith)
    assert Client().get(reverse("publishing:record", args=[records[0].public_id])).status_code == 404
    assert "Rally dispersed" not in Client().get("/portal/data/violations.csv").content.decode()


def test_open_data_as_csv_and_json(records):
    body = Client().get(reverse("publishing:records_csv")).content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(body)))
    assert {r["title"] for r in rows} == {"Rally dispersed in Almaty", "Journalist detained in Astana"}
    assert rows[0]["violations"] == "assembly-dispersal"
    data = json.loads(Client().get(reverse("publishing:records_json")).content)
    assert data["count"] == 2
    assert data["records"][0]["victims"] == ["Victim A"]


def test_the_public_api_needs_no_key(records):
    client = Client()
    listing = client.get("/api/public/violations", {"region": "astana"}).json()
    assert listing["count"] == 1
    assert listing["items"][0]["title"] == "Journalist detained in Astana"
    one = client.get(f"/api/public/violations/{records[0].public_id}").json()
    assert one["victims"] == ["Victim A"]
    assert client.get("/api/public/violations/nope").status_code == 404
    stats = client.get("/api/public/statistics").json()
    assert stats["total"] == 2
    assert stats["by_region"] == {"almaty-city": 1, "astana": 1}
    assert client.get("/api/public/reports").json() == []


def test_counts_by_type_region_and_year(records):
    from publishing import present, queries

    stats = present.statistics(queries.public_records())
    assert [(c.code, c.n) for c in stats.by_violation] == [("assembly-dispersal", 2)]
    assert stats.by_region == {"almaty-city": 1, "astana": 1}
    assert stats.by_year == [(2026, 2)]


def test_years_without_records_show_as_zero(mona, edith, mon):
    import datetime as dt

    from publishing.queries import by_year, public_records
    from rightsdesk.partial_dates import PartialDate, Precision

    mon.published(mona, edith, title="a", started=PartialDate(dt.date(2022, 1, 1), Precision.YEAR))
    mon.published(mona, edith, title="b", victim="Другой Человек")
    assert by_year(public_records()) == [(2022, 1), (2023, 0), (2024, 0), (2025, 0), (2026, 1)]


def test_the_editor_publishes_through_the_page_after_seeing_the_findings(mona, edith, mon):
    victim = mon.person(mona, "Сейткали Нурлан")
    event = mon.event(mona)
    mon.act(event, mona, victim=victim)
    mon.approve(event, edith)
    url = reverse("publishing:publish", args=[event.pk])
    client = as_user(edith)
    page = client.post(url, {"title": "Rally dispersed", "summary": "Nurlan Seitkali was beaten."}).content.decode()
    assert "Found in the text" in page
    assert "Nurlan Seitkali" in page
    assert "Victim A was beaten." in page
    response = client.post(
        url, {"title": "Rally dispersed", "summary": "Nurlan Seitkali was beaten.", "apply_redaction": "on"}
    )
    assert response.status_code == 302
    public = Client().get(response["Location"]).content.decode()
    assert "Victim A was beaten." in public
    assert "Seitkali" not in public


def test_only_editors_reach_the_editors_pages(mona, edith, records):
    from publishing.models import Report

    report = actions.build_report(
        title="r", period_start=records[0].occurred_on, period_end=records[0].occurred_on, filters={}, actor=edith
    )
    for url in [
        reverse("publishing:staff_reports"),
        reverse("publishing:staff_report", args=[report.slug]),
        reverse("publishing:staff_report_pdf", args=[report.slug]),
        reverse("publishing:publish", args=[records[0].event_id]),
    ]:
        assert as_user(mona).get(url).status_code == 404, url
    assert as_user(mona).post(reverse("publishing:withdraw", args=[records[0].public_id])).status_code == 404
    assert Report.objects.count() == 1
    assert as_user(edith).post(reverse("publishing:withdraw", args=[records[0].public_id])).status_code == 302


def test_an_unpublished_report_is_not_public(edith, records):
    report = actions.build_report(
        title="Draft report",
        period_start=records[0].occurred_on,
        period_end=records[0].occurred_on,
        filters={},
        actor=edith,
    )
    assert Client().get(reverse("publishing:report", args=[report.slug])).status_code == 404
    assert Client().get(reverse("publishing:report_pdf", args=[report.slug])).status_code == 404
