"""The monitoring and publishing part of the FICTIONAL demo data set.

Every event, person, place and link here is invented. Demo people carry "(demo)"
in their other names; published titles end with "(fictional)". Everything is
written through the apps' own actions (monitoring.actions, publishing.actions)
with the demo monitor and editor as actors, so the audit trail, the search
index and the redaction rules are the real ones.

Called by `casework.demo.load_demo`, inside its transaction and its
"already loaded" guard.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from accounts.models import User
from casework.demo import DemoPrerequisiteMissing
from casework.models import Case
from monitoring import actions
from monitoring.models import (
    Checklist,
    Confidentiality,
    Event,
    InvolvementRole,
    MissionKind,
    Reliability,
    ReviewStatus,
)
from people import actions as people_actions
from people.models import Gender, Person
from publishing import actions as publishing
from rightsdesk.partial_dates import PartialDate
from vocabularies.models import Term

DEMO_MARK = "(demo)"
FICTIONAL_NOTE = "This is a fictional example record created by the rightsdesk demonstration data set."


def _term(vocabulary: str, code: str) -> Term:
    return Term.objects.get(vocabulary=vocabulary, code=code)


def _terms(vocabulary: str, *codes: str) -> list[Term]:
    return [_term(vocabulary, code) for code in codes]


def check_prerequisites() -> None:
    if not Term.objects.filter(vocabulary="violation_type").exists() or not Checklist.objects.exists():
        raise DemoPrerequisiteMissing(
            "The monitoring vocabularies are not loaded: run `rightsdesk load_monitoring_vocabularies` first."
        )


@dataclass
class Built:
    events: list[Event] = field(default_factory=list)
    published: int = 0
    reports: int = 0
    missions: int = 0
    observations: int = 0
    people: int = 0

    def counts(self) -> dict[str, int]:
        return {
            "events": len(self.events),
            "published records": self.published,
            "published reports": self.reports,
            "missions": self.missions,
            "observations": self.observations,
            "people registered for monitoring": self.people,
        }


class _Demo:
    def __init__(self, *, monitor: User, editor: User, people: list[Person], cases: list[Case], today: date) -> None:
        assert monitor.office is not None
        self.monitor = monitor
        self.editor = editor
        self.office = monitor.office
        self.people = people
        self.cases = cases
        self.today = today
        self.built = Built()

    # helpers -------------------------------------------------------------

    def ago(self, days: int) -> date:
        return self.today - timedelta(days=days)

    def person(self, latin: str, full_name: str, gender: str, born: str, groups: list[str]) -> Person:
        """A person of the casework demo (a legal-aid client may also be a victim), or a new fictional one."""
        for person in self.people:
            if latin in person.other_names or latin == person.full_name:
                return person
        person = people_actions.register_person(
            office=self.office,
            full_name=full_name,
            other_names=f"{latin} {DEMO_MARK}",
            gender=gender,
            birth=PartialDate.parse(born),
            citizenship="KAZ",
            groups=_terms("vulnerable_group", *groups),
            languages=_terms("language", "ru"),
            actor=self.monitor,
        )
        self.people.append(person)
        self.built.people += 1
        return person

    def case_of(self, person: Person) -> Case | None:
        """The person's legal-aid case in the demo, if they have one the monitor's office may link to."""
        for case in self.cases:
            if not case.confidential and case.clients.filter(pk=person.pk).exists():
                return case
        return None

    def event(self, days_ago: int, tags: list[str], **data: Any) -> Event:
        event = actions.record_event(
            office=self.office,
            started=PartialDate(self.ago(days_ago)),
            tags=_terms("event_tag", *tags),
            actor=self.monitor,
            **data,
        )
        self.built.events.append(event)
        return event

    def act(
        self,
        event: Event,
        violation: str,
        *,
        victim: Person | None,
        perpetrator: str,
        consequences: list[str],
        method: str | None = None,
        **data: Any,
    ) -> None:
        actions.add_act(
            event,
            violation_type=_term("violation_type", violation),
            victim=victim,
            perpetrator_kind=_term("perpetrator_kind", perpetrator),
            method=_term("method", method) if method else None,
            consequences=_terms("consequence", *consequences),
            actor=self.monitor,
            **data,
        )

    def source(self, event: Event, kind: str, title: str, days_ago: int, **data: Any) -> None:
        actions.add_source(
            event,
            kind=_term("source_kind", kind),
            title=title,
            collected_on=self.ago(days_ago),
            actor=self.monitor,
            **data,
        )

    def review(self, event: Event, up_to: str) -> None:
        """Walk an event through the review workflow as the demo editor."""
        actions.change_status(event, ReviewStatus.VERIFIED, actor=self.editor)
        if up_to == ReviewStatus.APPROVED:
            actions.change_status(event, ReviewStatus.APPROVED, actor=self.editor)

    def publish(self, event: Event, *, title: str, summary: str) -> None:
        publishing.publish_event(
            event, title=title, summary=f"{summary} {FICTIONAL_NOTE}", apply_redaction=True, actor=self.editor
        )
        self.built.published += 1

    # the data set ----------------------------------------------------------

    def build(self) -> Built:
        assembly = self.assembly_in_almaty()
        self.journalist_in_oral()
        trial = self.trial_in_astana()
        self.detention_centre_in_karaganda()
        self.blocked_site_in_shymkent()
        self.missions(assembly, trial)
        self.report()
        return self.built

    def assembly_in_almaty(self) -> Event:
        nurlan = self.person("Seitkali Nurlan", "Сейткали Нурлан", Gender.MALE, "1984", ["activist"])
        yerlan = self.person("Tleubayev Yerlan", "Тлеубаев Ерлан", Gender.MALE, "1979-09-30", ["activist"])
        pyotr = self.person("Ivanov Pyotr", "Иванов Пётр", Gender.MALE, "1975-11-02", ["other"])
        witness = self.person("Kim Viktoriya", "Ким Виктория", Gender.FEMALE, "1969", ["defender"])
        event = self.event(
            75,
            ["assembly", "detention"],
            title="Detentions after a peaceful assembly on ecology in Almaty (fictional)",
            description=(
                "About 150 people gathered for a peaceful assembly against the felling of a city park. "
                "Police ordered them to disperse after twenty minutes and detained nine participants, "
                "who were taken to a district police department and held for up to seven hours. "
                "FICTIONAL demo record."
            ),
            city="Almaty",
            region=_term("region", "almaty-city"),
            place="Square in front of a fictional cinema, corner of two central streets",
        )
        police = "District police department (fictional)"
        self.act(
            event,
            "arbitrary-detention",
            victim=nurlan,
            perpetrator="police",
            perpetrator_body=police,
            method="physical-force",
            consequences=["detention"],
            notes="Held for seven hours without access to a lawyer.",
        )
        self.act(
            event,
            "administrative-arrest",
            victim=yerlan,
            perpetrator="court",
            perpetrator_body="Specialised inter-district administrative court (fictional)",
            method="administrative-charge",
            consequences=["administrative-arrest"],
            notes="Ten days of administrative arrest for “violating the procedure for holding an assembly”.",
        )
        self.act(
            event,
            "arbitrary-detention",
            victim=pyotr,
            perpetrator="police",
            perpetrator_body=police,
            method="administrative-charge",
            consequences=["detention", "fine"],
        )
        self.act(
            event,
            "assembly-dispersal",
            victim=None,
            perpetrator="police",
            perpetrator_body=police,
            method="kettling",
            consequences=["detention"],
        )
        actions.involve_person(event, person=witness, role=InvolvementRole.WITNESS, actor=self.monitor)
        self.source(
            event,
            "testimony",
            "Interview with a detained participant",
            73,
            given_by=nurlan,
            reliability=Reliability.PROBABLE,
            confidentiality=Confidentiality.CONFIDENTIAL,
        )
        self.source(
            event,
            "media",
            "Video of the dispersal published by a local news site",
            74,
            url="https://example.org/fictional/almaty-assembly-video",
            reliability=Reliability.CONFIRMED,
            confidentiality=Confidentiality.PUBLIC,
        )
        self.source(
            event,
            "court-record",
            "Court rulings on the administrative cases",
            60,
            reliability=Reliability.CONFIRMED,
            confidentiality=Confidentiality.INTERNAL,
        )
        actions.add_intervention(
            event,
            kind=_term("intervention_kind", "legal-aid"),
            on=self.ago(72),
            description="Our lawyers represented two of the detained participants.",
            case=self.case_of(pyotr),
            actor=self.monitor,
        )
        actions.add_intervention(
            event, kind=_term("intervention_kind", "public-statement"), on=self.ago(70), actor=self.monitor
        )
        self.review(event, ReviewStatus.APPROVED)
        self.publish(
            event,
            title="Nine participants detained after a peaceful assembly in Almaty (fictional)",
            summary=(
                "Police dispersed a peaceful assembly against the felling of a city park and detained nine "
                "participants. One was sentenced to ten days of administrative arrest, others were fined."
            ),
        )
        return event

    def journalist_in_oral(self) -> Event:
        journalist = self.person("Bekova Aliya", "Bekova Aliya", Gender.FEMALE, "1996-07-15", ["journalist"])
        event = self.event(
            50,
            ["journalists", "online"],
            title="Journalist fined over a social-media post in Oral (fictional)",
            description=(
                "A regional journalist was fined for “disseminating false information” after a post about "
                "water shortages in a district of the city. FICTIONAL demo record."
            ),
            city="Oral",
            region=_term("region", "west-kazakhstan"),
        )
        self.act(
            event,
            "expression-prosecution",
            victim=journalist,
            perpetrator="court",
            perpetrator_body="Administrative court of the city of Oral (fictional)",
            method="administrative-charge",
            consequences=["fine"],
        )
        involvement = event.involvements.get(person=journalist, role=InvolvementRole.VICTIM)
        actions.update_involvement(involvement, pseudonym="Journalist A.", actor=self.monitor)
        self.source(
            event,
            "document",
            "Ruling of the administrative court",
            45,
            given_by=journalist,
            reliability=Reliability.CONFIRMED,
            confidentiality=Confidentiality.INTERNAL,
        )
        self.source(
            event,
            "press",
            "Statement of a media-freedom organisation",
            47,
            url="https://example.org/fictional/oral-journalist-statement",
            reliability=Reliability.PROBABLE,
            confidentiality=Confidentiality.PUBLIC,
        )
        actions.add_intervention(
            event,
            kind=_term("intervention_kind", "appeal-authorities"),
            on=self.ago(44),
            case=self.case_of(journalist),
            actor=self.monitor,
        )
        self.review(event, ReviewStatus.APPROVED)
        self.publish(
            event,
            title="Journalist fined over a social-media post in Oral (fictional)",
            summary=(
                "A regional journalist was fined for “disseminating false information” after writing about "
                "water shortages in the city."
            ),
        )
        return event

    def trial_in_astana(self) -> Event:
        defendant = self.person("Yermekov Dauren", "Ермеков Даурен", Gender.MALE, "1982-03", ["activist"])
        event = self.event(
            30,
            ["justice", "activists"],
            title="Trial of a civic activist monitored in Astana (fictional)",
            description=(
                "Our observers attended three hearings in the criminal case of a civic activist charged with "
                "“spreading false information”. The defendant was held in a glass box and could not speak with "
                "his lawyer in private. FICTIONAL demo record."
            ),
            city="Astana",
            region=_term("region", "astana"),
        )
        self.act(
            event,
            "unfair-trial",
            victim=defendant,
            perpetrator="court",
            perpetrator_body="District court (fictional)",
            method="criminal-charge",
            consequences=["imprisonment"],
        )
        self.act(
            event,
            "defence-obstruction",
            victim=defendant,
            perpetrator="court",
            perpetrator_body="District court (fictional)",
            method="denial-of-access",
            consequences=[],
        )
        self.source(
            event,
            "testimony",
            "Trial observers' notes",
            29,
            reliability=Reliability.CONFIRMED,
            confidentiality=Confidentiality.INTERNAL,
        )
        actions.add_intervention(
            event, kind=_term("intervention_kind", "trial-monitoring"), on=self.ago(30), actor=self.monitor
        )
        self.review(event, ReviewStatus.APPROVED)  # approved, waiting for the editor to publish
        return event

    def detention_centre_in_karaganda(self) -> Event:
        detainee = self.person("Omarov Farhod", "Omarov Farhod", Gender.MALE, "1988", ["asylum-seeker"])
        event = self.event(
            100,
            ["detention"],
            title="Alleged ill-treatment in a pre-trial detention centre in Karaganda (fictional)",
            description=(
                "A detainee awaiting extradition says he was beaten by guards after asking to see a doctor. "
                "FICTIONAL demo record."
            ),
            city="Karaganda",
            region=_term("region", "karaganda"),
        )
        self.act(
            event,
            "ill-treatment",
            victim=detainee,
            perpetrator="prison-service",
            perpetrator_body="Pre-trial detention centre (fictional)",
            method="beating",
            consequences=["injury"],
        )
        self.source(
            event,
            "medical",
            "Medical certificate of injuries",
            95,
            given_by=detainee,
            reliability=Reliability.PROBABLE,
            confidentiality=Confidentiality.CONFIDENTIAL,
        )
        actions.add_intervention(
            event, kind=_term("intervention_kind", "prosecutor-complaint"), on=self.ago(94), actor=self.monitor
        )
        self.review(event, ReviewStatus.VERIFIED)  # verified, not yet approved
        return event

    def blocked_site_in_shymkent(self) -> Event:
        journalist = self.person("Suleimenov Arman", "Сулейменов Арман", Gender.MALE, "1987-05-21", ["journalist"])
        event = self.event(
            12,
            ["journalists", "online"],
            title="News site blocked after reporting on a local protest in Shymkent (fictional)",
            description="Access to a small independent news site was restricted without a court order. FICTIONAL.",
            city="Shymkent",
            region=_term("region", "shymkent"),
        )
        self.act(
            event,
            "publication-blocked",
            victim=journalist,
            perpetrator="ministry",
            method="online-blocking",
            consequences=["blocked-publication"],
        )
        self.source(
            event,
            "link",
            "Screenshot of the blocking notice",
            11,
            url="https://example.org/fictional/blocked-site",
            reliability=Reliability.POSSIBLE,
            confidentiality=Confidentiality.INTERNAL,
        )
        return event  # a draft the monitor is still documenting

    def missions(self, assembly: Event, trial: Event) -> None:
        season = actions.create_mission(
            office=self.office,
            observers=[self.monitor],
            kind=MissionKind.ASSEMBLY,
            title="Peaceful assemblies in Almaty this season (fictional)",
            description="Observation of every notified or announced assembly in Almaty. FICTIONAL demo mission.",
            starts_on=self.ago(90),
            ends_on=self.ago(20),
            checklist=Checklist.objects.get(code="assembly-standard"),
            actor=self.monitor,
        )
        self.built.missions += 1
        almaty = _term("region", "almaty-city")
        for days_ago, answers, event in [
            (
                75,
                {
                    "participants": 150,
                    "notified": "refused",
                    "police_present": "yes",
                    "police_conduct": "obstructive",
                    "force_used": "yes",
                    "detentions": 9,
                    "journalists_obstructed": "yes",
                    "restrictions": "Mobile internet was slow near the square for about two hours.",
                },
                assembly,
            ),
            (
                58,
                {
                    "participants": 40,
                    "notified": "notified",
                    "police_present": "yes",
                    "police_conduct": "facilitating",
                    "force_used": "no",
                    "detentions": 0,
                    "journalists_obstructed": "no",
                },
                None,
            ),
            (
                33,
                {
                    "participants": 25,
                    "notified": "authorised",
                    "police_present": "yes",
                    "police_conduct": "neutral",
                    "force_used": "no",
                    "detentions": 0,
                    "journalists_obstructed": "no",
                    "restrictions": "Moved by the city administration to a park outside the centre.",
                },
                None,
            ),
        ]:
            actions.record_observation(
                season,
                answers=answers,
                observed_on=self.ago(days_ago),
                region=almaty,
                city="Almaty",
                event=event,
                actor=self.monitor,
            )
            self.built.observations += 1
        hearing = actions.create_mission(
            office=self.office,
            observers=[self.monitor],
            kind=MissionKind.TRIAL,
            title="Trial of a civic activist in Astana (fictional)",
            starts_on=self.ago(30),
            checklist=Checklist.objects.get(code="trial-standard"),
            actor=self.monitor,
        )
        self.built.missions += 1
        actions.record_observation(
            hearing,
            answers={
                "open_hearing": "yes",
                "defence_access": "no",
                "interpreter": "not needed",
                "judge_conduct": "questionable",
                "defendant_in_cage": "yes",
                "detentions": 0,
            },
            observed_on=self.ago(30),
            region=_term("region", "astana"),
            city="Astana",
            event=trial,
            actor=self.monitor,
        )
        self.built.observations += 1

    def report(self) -> None:
        report = publishing.build_report(
            title="Freedom of assembly and expression: the last twelve months (fictional demo report)",
            period_start=self.ago(365),
            period_end=self.today,
            filters={},
            introduction=(
                "Every record, figure and place in this report is FICTIONAL: it was created by the rightsdesk "
                "demonstration data set to show what a published report looks like."
            ),
            include_missions=True,
            actor=self.editor,
        )
        publishing.publish_report(report, actor=self.editor)
        self.built.reports += 1


def load_monitoring_demo(
    *, monitor: User, editor: User, people: list[Person], cases: list[Case], today: date
) -> dict[str, int]:
    """Fictional events, two of them published, a published report and two missions. Returns counts."""
    check_prerequisites()
    return _Demo(monitor=monitor, editor=editor, people=list(people), cases=cases, today=today).build().counts()
