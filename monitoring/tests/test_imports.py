from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.testing import as_user
from monitoring.models import Event

GOOD = """title,date,region,city,violation,perpetrator_kind,consequences,tags
Rally dispersed in Almaty,2026-03-08,almaty-city,Almaty,assembly-dispersal,police,detention;fine,assembly
Journalist detained,2026-04,astana,Astana,journalist-attack,police,detention,journalists
"""
BAD = """title,date,region,city,violation,perpetrator_kind,consequences
Rally dispersed in Almaty,2026-03-08,almaty-city,Almaty,assembly-dispersal,police,detention
,2026-13-01,atlantis,Almaty,not-a-violation,police,detention
Rally dispersed in Almaty,2026-03-08,almaty-city,Almaty,assembly-dispersal,police,detention
"""


def _post(user, content):
    return as_user(user).post(reverse("monitoring:import"), {"file": SimpleUploadedFile("e.csv", content.encode())})


def test_it_imports_every_row_as_a_draft_with_its_act(mona):
    response = _post(mona, GOOD)
    assert response.status_code == 302
    assert Event.objects.count() == 2
    event = Event.objects.get(city="Astana")
    assert event.started.iso() == "2026-04"
    assert event.acts.get().violation_type.code == "journalist-attack"


def test_it_reports_every_bad_row_and_writes_nothing(mona):
    page = _post(mona, BAD).content.decode()
    assert Event.objects.count() == 0
    for expected in [
        "title is required",
        "not a real date",
        "region: unknown code",
        "violation: unknown code",
        "duplicate of line 2",
    ]:
        assert expected in page


def test_it_refuses_unknown_columns(mona):
    page = _post(mona, "title,date,victim_phone\nx,2026,+7 701\n").content.decode()
    assert "Unknown column(s): victim_phone" in page
    assert Event.objects.count() == 0


def test_outsiders_cannot_import(alice):
    assert _post(alice, GOOD).status_code == 404
