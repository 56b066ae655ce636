import datetime as dt

from django.urls import reverse

from accounts.testing import as_user
from monitoring import actions
from monitoring.checklists import mission_figures
from monitoring.models import Checklist, MissionKind, Observation


def _mission(mona, kind=MissionKind.ASSEMBLY, code="assembly-standard"):
    return actions.create_mission(
        office=mona.office,
        kind=kind,
        title="Spring assemblies 2026",
        starts_on=dt.date(2026, 3, 1),
        checklist=Checklist.objects.get(code=code),
        observers=[mona],
        actor=mona,
    )


def test_it_counts_assemblies_cities_and_detentions(mona, mon):
    mission = _mission(mona)
    rows = [("Almaty", 3), ("Almaty", 0), ("Astana", 12), ("Shymkent", 0), ("Aktobe", 1), ("Uralsk", 0)]
    for day, (city, detained) in enumerate(rows, start=1):
        actions.record_observation(
            mission,
            observed_on=dt.date(2026, 3, day),
            city=city,
            answers={"participants": 100, "detentions": detained, "police_present": "yes"},
            actor=mona,
        )
    figures = mission_figures(mission)
    assert (figures.observations, figures.city_count) == (6, 5)
    assert (figures.observations_with_detentions, figures.detentions) == (3, 16)
    page = as_user(mona).get(reverse("monitoring:mission_detail", args=[mission.pk])).content.decode()
    assert "Observed 6 assemblies in 5 cities; detentions at 3 (16 people detained)." in page


def test_the_checklist_form_checks_answers(mona, mon):
    mission = _mission(mona, MissionKind.TRIAL, "trial-standard")
    url = reverse("monitoring:mission_detail", args=[mission.pk])
    response = as_user(mona).post(
        url,
        {"observed_on": "2026-04-02", "city": "Almaty", "answer_open_hearing": "maybe", "answer_interpreter": "yes"},
    )
    assert response.status_code == 200
    assert not Observation.objects.exists()
    as_user(mona).post(
        url,
        {
            "observed_on": "2026-04-02",
            "city": "Almaty",
            "answer_open_hearing": "no",
            "answer_interpreter": "not needed",
        },
    )
    observation = Observation.objects.get()
    assert observation.answers == {"open_hearing": "no", "interpreter": "not needed"}


def test_a_monitor_creates_a_mission_through_the_page(mona):
    response = as_user(mona).post(
        reverse("monitoring:mission_create"),
        {
            "kind": "assembly",
            "title": "Autumn",
            "starts_on": "2026-09-01",
            "checklist": Checklist.objects.get(code="assembly-standard").pk,
            "observers": [mona.pk],
        },
    )
    assert response.status_code == 302
