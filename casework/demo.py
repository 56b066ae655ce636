"""A small, realistic and entirely FICTIONAL data set for trying rightsdesk.

Every name, date and story here is invented. Demo staff accounts are marked
by the `demo.` prefix of their username; demo people by "(demo)" in their
other names, so nobody mistakes them for real records.

After the casework part, the same transaction loads the monitoring and
publishing part (monitoring/demo.py: events, two published records, a
published report, missions) and the advocacy part (advocacy/demo.py: the
death-penalty campaign, recommendations, a strategic case, trainings).
"""

import random
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from accounts import actions as account_actions
from accounts.models import Office, Role, User
from casework import actions
from casework.models import CaseStatus, DecisionResult
from people import actions as people_actions
from people.models import Gender, Person
from rightsdesk.partial_dates import PartialDate
from vocabularies.models import Term

DEMO_MARK = "(demo)"
STAFF = [
    ("demo.aigerim", "Aigerim", "Demo", Role.LAWYER, "almaty-ho"),
    ("demo.daniyar", "Daniyar", "Demo", Role.LAWYER, "almaty-ho"),
    ("demo.manager", "Saule", "Demo", Role.OFFICE_MANAGER, "almaty-ho"),
    ("demo.viewer", "Erlan", "Demo", Role.VIEWER, "almaty-ho"),
    ("demo.karaganda", "Olga", "Demo", Role.LAWYER, "karaganda"),
    ("demo.monitor", "Askar", "Demo", Role.MONITOR, "almaty-ho"),
    ("demo.editor", "Dana", "Demo", Role.EDITOR, "almaty-ho"),
]
PEOPLE = [
    ("Сейткали Нурлан", "Seitkali Nurlan; Seytkaly", Gender.MALE, "1984", "KAZ", ["activist"]),
    ("Ахмедова Зарина", "Akhmedova Zarina", Gender.FEMALE, "1991-04", "", ["stateless"]),
    ("Иванов Пётр", "Ivanov Pyotr", Gender.MALE, "1975-11-02", "KAZ", ["prisoner"]),
    ("Omarov Farhod", "Омаров Фарход", Gender.MALE, "1988", "UZB", ["asylum-seeker"]),
    ("Bekova Aliya", "Бекова Алия", Gender.FEMALE, "1996-07-15", "KAZ", ["journalist"]),
    ("Ким Виктория", "Kim Viktoriya", Gender.FEMALE, "1969", "KAZ", ["defender"]),
    ("Rahimi Mariam", "Рахими Марьям", Gender.FEMALE, "2001-02", "", ["refugee"]),
    ("Тлеубаев Ерлан", "Tleubayev Yerlan", Gender.MALE, "1979-09-30", "KAZ", ["activist", "prisoner"]),
    ("Нургалиева Айгуль", "Nurgalieva Aigul", Gender.FEMALE, "1993", "", ["stateless"]),
    ("Сулейменов Арман", "Suleimenov Arman", Gender.MALE, "1987-05-21", "KAZ", ["journalist"]),
    ("Hasanov Rustam", "Хасанов Рустам", Gender.MALE, "1990", "TJK", ["asylum-seeker"]),
    ("Жаксылыкова Меруерт", "Zhaksylykova Meruert", Gender.FEMALE, "1985-12", "KAZ", ["other"]),
]
SUMMARIES = [
    "Asked how to restore a lost passport of the former USSR and apply for citizenship.",
    "Detained after a peaceful rally; fined under the administrative code; wants to appeal.",
    "Refused registration of residence; needs advice on documents for statelessness status.",
    "Journalist summoned for questioning about a publication; asked about rights during questioning.",
    "Relative held in pre-trial detention; complains of ill-treatment; asked about a complaint to the prosecutor.",
    "Applied for asylum; migration service has not answered for four months.",
    "Dismissed from work after joining an initiative group; asked about reinstatement.",
    "Consulted on submitting an individual communication to the UN Human Rights Committee.",
    "Обратилась по вопросу признания лицом без гражданства; нет документов о рождении.",
    "Консультация по обжалованию штрафа за участие в мирном собрании.",
]


def _term(vocabulary: str, code: str) -> Term:
    return Term.objects.get(vocabulary=vocabulary, code=code)


class DemoPrerequisiteMissing(RuntimeError):
    """Reference data the demo builds on (vocabularies, offices) is not loaded; nothing was written."""


def demo_loaded() -> bool:
    return User.objects.filter(username__startswith="demo.").exists()


@transaction.atomic
def load_demo(password: str, *, seed: int = 2026) -> dict[str, int]:
    from advocacy.demo import check_prerequisites as check_advocacy
    from advocacy.demo import load_advocacy_demo
    from monitoring.demo import check_prerequisites as check_monitoring
    from monitoring.demo import load_monitoring_demo

    if Office.objects.filter(code__in=["almaty-ho", "karaganda"]).count() != 2:
        raise DemoPrerequisiteMissing("The offices are not loaded: run `rightsdesk load_offices` first.")
    if not Term.objects.filter(vocabulary="legal_area").exists():
        raise DemoPrerequisiteMissing("The vocabularies are not loaded: run `rightsdesk load_vocabularies` first.")
    check_monitoring()
    check_advocacy()
    rng = random.Random(seed)
    offices = {o.code: o for o in Office.objects.all()}
    staff: dict[str, User] = {}
    for username, first, last, role, office_code in STAFF:
        user, _ = account_actions.create_user(
            username=username,
            role=role,
            office=offices[office_code],
            first_name=first,
            last_name=last,
            password=password,
            actor=None,
        )
        staff[username] = user
    lawyers = [staff["demo.aigerim"], staff["demo.daniyar"]]
    people: list[Person] = []
    for index, (name, other, gender, born, citizenship, groups) in enumerate(PEOPLE):
        office = offices["karaganda"] if index % 4 == 3 else offices["almaty-ho"]
        creator = staff["demo.karaganda"] if office.code == "karaganda" else lawyers[index % 2]
        people.append(
            people_actions.register_person(
                office=office,
                full_name=name,
                other_names=f"{other} {DEMO_MARK}",
                gender=gender,
                birth=PartialDate.parse(born),
                citizenship=citizenship,
                is_stateless=not citizenship and "stateless" in groups,
                groups=[_term("vulnerable_group", g) for g in groups],
                languages=[_term("language", "ru")],
                consent_to_processing=True,
                consent_date=date(2026, 1, 10) + timedelta(days=index * 9),
                actor=creator,
            )
        )
    channels = list(Term.objects.of("consultation_channel"))
    areas = list(Term.objects.of("legal_area"))
    outcomes = list(Term.objects.of("consultation_outcome"))
    groups_all = list(Term.objects.of("vulnerable_group"))
    today = timezone.localdate()
    consultations = []
    for _n in range(140):
        person = rng.choice(people) if rng.random() < 0.8 else None
        office = person.office if person else offices["almaty-ho"]
        lawyer = staff["demo.karaganda"] if office.code == "karaganda" else rng.choice(lawyers)
        consultations.append(
            actions.record_consultation(
                office=office,
                lawyer=lawyer,
                person=person,
                date=today - timedelta(days=rng.randint(0, 330)),
                channel=rng.choice(channels),
                legal_area=rng.choice(areas),
                summary=rng.choice(SUMMARIES),
                outcome=rng.choice(outcomes),
                groups=[] if person else [rng.choice(groups_all)],
                actor=lawyer,
            )
        )
    cases = []
    case_types = list(Term.objects.of("case_type"))
    for index, consultation in enumerate(
        c for c in consultations if c.person is not None and c.office.code == "almaty-ho"
    ):
        if index >= 8:
            break
        lawyer = consultation.lawyer
        case = actions.open_case(
            title=consultation.summary[:80],
            case_type=case_types[index % len(case_types)],
            legal_area=consultation.legal_area,
            office=consultation.office,
            responsible_lawyer=lawyer,
            clients=[],
            team=[u for u in lawyers if u != lawyer][: index % 2],
            confidential=index == 5,
            opened_on=consultation.date,
            consultation=consultation,
            actor=lawyer,
        )
        cases.append(case)
        if index % 3 != 2:
            actions.change_case_status(case, CaseStatus.OPEN, actor=lawyer)
            body = _term("body_kind", "un-treaty-body" if index == 4 else "court")
            proceeding = actions.add_proceeding(
                case,
                body_kind=body,
                body_name="UN Human Rights Committee"
                if index == 4
                else "Specialised inter-district administrative court of Almaty",
                instance=_term("court_instance", "international" if index == 4 else "first"),
                number=f"{2026}-{1000 + index}",
                filed_on=consultation.date + timedelta(days=7),
                actor=lawyer,
            )
            actions.add_hearing(
                proceeding,
                starts_at=timezone.make_aware(datetime.combine(today + timedelta(days=3 + index), time(10, 30))),
                place="Courtroom 4",
                actor=lawyer,
            )
            if index == 1:
                actions.change_case_status(case, CaseStatus.IN_COURT, actor=lawyer)
                actions.record_decision(
                    proceeding, decided_on=today - timedelta(days=5), result=DecisionResult.PARTLY, actor=lawyer
                )
        actions.add_deadline(
            case,
            title="File the appeal" if index % 2 else "Submit documents",
            due_on=today + timedelta(days=index % 6),
            owner=lawyer,
            actor=lawyer,
        )
    counts = {"staff": len(staff), "people": len(people), "consultations": len(consultations), "cases": len(cases)}
    counts |= load_monitoring_demo(
        monitor=staff["demo.monitor"], editor=staff["demo.editor"], people=people, cases=cases, today=today
    )
    counts |= load_advocacy_demo(
        manager=staff["demo.manager"], lawyers=lawyers, monitor=staff["demo.monitor"], cases=cases, today=today
    )
    return counts
