"""The advocacy and education part of the FICTIONAL demo data set.

The campaign "Abolition of the death penalty" with actions from 2016 to 2021,
two recommendations followed up to "implemented", a strategic case and two
trainings. The meetings, notes, submissions, recommendation texts and
participants are invented for the demo; where the death-penalty reference data
(`rightsdesk deathpenalty load data/death_penalty`) holds Kazakhstan's real,
sourced legal events, the demo links to them, and simply does not link when
they are not loaded.

Everything is written through advocacy.actions with demo staff as actors.
Called by `casework.demo.load_demo`, inside its transaction and its guard.
"""

from datetime import date, timedelta

from accounts.models import User
from advocacy import actions
from advocacy.models import ACTION_KIND, CampaignStatus, FollowUp, Recommendation
from casework.demo import DemoPrerequisiteMissing
from casework.models import Case
from deathpenalty.models import EventKind, LegalEvent, Stage, Treaty
from rightsdesk.partial_dates import PartialDate, Precision
from vocabularies.models import Term

CAMPAIGN_TITLE = "Abolition of the death penalty"


def _term(vocabulary: str, code: str) -> Term:
    return Term.objects.get(vocabulary=vocabulary, code=code)


def check_prerequisites() -> None:
    if not Term.objects.filter(vocabulary=ACTION_KIND).exists():
        raise DemoPrerequisiteMissing(
            "The advocacy vocabularies are not loaded: run `rightsdesk load_advocacy_vocabularies` first."
        )


def _kazakhstan(kind: str, year: int, *, stage: str = "", treaty: str = "") -> LegalEvent | None:
    """Kazakhstan's legal event of that kind in that year, the most precisely dated, if the data is loaded."""
    events = LegalEvent.objects.current().filter(country__iso3="KAZ", kind=kind, date__year=year)
    if stage:
        events = events.filter(stage=stage)
    if treaty:
        events = events.filter(treaty=treaty)
    finest: dict[str, int] = {Precision.DAY: 0, Precision.MONTH: 1, Precision.YEAR: 2}
    ranked = sorted(events, key=lambda e: (finest.get(e.date_precision, 3), e.date, e.pk))
    return ranked[0] if ranked else None


def _linked(*events: LegalEvent | None) -> list[LegalEvent]:
    return [e for e in events if e is not None]


def _case_for_strategy(cases: list[Case]) -> Case | None:
    """A non-confidential demo case, preferably one before a UN treaty body."""
    open_cases = [c for c in cases if not c.confidential]
    for case in open_cases:
        if case.proceedings.filter(body_kind__code="un-treaty-body").exists():
            return case
    return open_cases[0] if open_cases else None


def load_advocacy_demo(
    *, manager: User, lawyers: list[User], monitor: User, cases: list[Case], today: date
) -> dict[str, int]:
    """The fictional death-penalty campaign, recommendations, a strategic case and trainings. Returns counts."""
    check_prerequisites()
    assert manager.office is not None
    office = manager.office
    signature = _kazakhstan(EventKind.TREATY_SIGNATURE, 2020, treaty=Treaty.OP2_ICCPR)
    ratification_law = _kazakhstan(EventKind.TREATY_RATIFICATION, 2021, treaty=Treaty.OP2_ICCPR)
    deposit = _kazakhstan(EventKind.TREATY_RATIFICATION, 2022, treaty=Treaty.OP2_ICCPR)
    abolition_signed = _kazakhstan(EventKind.ABOLITION_ALL, 2021, stage=Stage.SIGNED)
    abolition_in_force = _kazakhstan(EventKind.ABOLITION_ALL, 2022, stage=Stage.IN_FORCE)

    campaign = actions.start_campaign(
        office=office,
        title=CAMPAIGN_TITLE,
        goal=(
            "Kazakhstan abolishes the death penalty for all crimes, in law and in the Constitution, and joins the "
            "Second Optional Protocol to the ICCPR. (Fictional demo campaign.)"
        ),
        legal_change=(
            "Remove the death penalty from the Criminal Code and the Constitution; ratify the Second Optional "
            "Protocol to the International Covenant on Civil and Political Rights without reservations."
        ),
        started=PartialDate.parse("2016"),
        ended=PartialDate.parse("2021-12-29"),
        status=CampaignStatus.ACHIEVED,
        team=[manager, *lawyers],
        actor=manager,
    )

    # Recommendations, each starting as "not implemented" on the day it was made.
    hrc = actions.add_recommendation(
        source=_term("recommendation_source", "hrc"),
        body="UN Human Rights Committee",
        reference="Concluding observations, second periodic report (fictional demo entry)",
        text=(
            "Consider abolishing the death penalty for all crimes and acceding to the Second Optional Protocol "
            "to the Covenant. (Fictional demo text.)"
        ),
        issued=PartialDate.parse("2016-08"),
        actor=manager,
    )
    upr = actions.add_recommendation(
        source=_term("recommendation_source", "upr"),
        body="Universal Periodic Review, third cycle",
        reference="UPR working group report (fictional demo entry)",
        text=(
            "Ratify the Second Optional Protocol to the International Covenant on Civil and Political Rights, "
            "aiming at the abolition of the death penalty. (Fictional demo text.)"
        ),
        issued=PartialDate.parse("2020-01"),
        actor=manager,
    )
    recommendations: list[Recommendation] = [hrc, upr]

    # Actions, 2016–2021.
    staff = [manager, lawyers[0]]
    actions.record_action(
        campaign,
        kind=_term(ACTION_KIND, "working-group"),
        title="Working group meeting on the death-penalty articles of the Criminal Code",
        when=PartialDate.parse("2016-04-12"),
        target_kind=_term("advocacy_target_kind", "parliament"),
        target="Mazhilis working group on the Criminal Code",
        staff=staff,
        notes="Presented our analysis of the articles that still provide for the death penalty. (Fictional.)",
        result="The working group asked for written proposals. (Fictional.)",
        actor=manager,
    )
    actions.record_action(
        campaign,
        kind=_term(ACTION_KIND, "shadow-report"),
        title="Shadow report to the UN Human Rights Committee: the death penalty and life imprisonment",
        when=PartialDate.parse("2016-06"),
        target_kind=_term("advocacy_target_kind", "un-treaty-body"),
        target="UN Human Rights Committee",
        staff=staff,
        others_involved="Two partner organisations co-signed the report. (Fictional.)",
        actor=manager,
    )
    submission = actions.record_action(
        campaign,
        kind=_term(ACTION_KIND, "upr-submission"),
        title="UPR submission: abolition for all crimes and the Second Optional Protocol",
        when=PartialDate.parse("2019-03"),
        target_kind=_term("advocacy_target_kind", "upr"),
        target="Universal Periodic Review, third cycle",
        staff=staff,
        recommendations=[hrc],
        actor=manager,
    )
    actions.add_action_document(
        submission,
        title="Text of the submission (fictional link)",
        url="https://example.org/fictional/upr-submission-death-penalty",
        actor=manager,
    )
    actions.record_action(
        campaign,
        kind=_term(ACTION_KIND, "note-to-official"),
        title="Note to the President's administration on signing the Second Optional Protocol",
        when=PartialDate.parse("2020-02-10"),
        target_kind=_term("advocacy_target_kind", "president"),
        target="Presidential Administration",
        staff=[manager],
        recommendations=[hrc, upr],
        legal_events=_linked(signature),
        notes="Recalled the UPR and Human Rights Committee recommendations. (Fictional.)",
        result="The Protocol was signed in September 2020.",
        actor=manager,
    )
    actions.record_action(
        campaign,
        kind=_term(ACTION_KIND, "working-group"),
        title="Working group meeting on the draft law abolishing the death penalty",
        when=PartialDate.parse("2021-10-05"),
        target_kind=_term("advocacy_target_kind", "parliament"),
        target="Mazhilis working group on the draft law",
        staff=staff,
        recommendations=[hrc, upr],
        legal_events=_linked(ratification_law, abolition_signed),
        notes="Argued for withdrawing the wartime reservation to the Protocol. (Fictional.)",
        result="The draft law was amended to withdraw the reservation.",
        actor=manager,
    )

    # Follow-up, ending "implemented", fulfilled by the legal events where the data has them.
    actions.set_recommendation_status(
        upr,
        status=FollowUp.PARTIALLY,
        since=PartialDate.parse("2020-09-23"),
        legal_event=signature,
        note="Signed; not yet ratified.",
        actor=manager,
    )
    actions.set_recommendation_status(
        upr,
        status=FollowUp.IMPLEMENTED,
        since=deposit.partial_date if deposit else PartialDate.parse("2022-03-24"),
        legal_event=deposit,
        note="Instrument of ratification deposited with the UN Secretary-General.",
        actor=manager,
    )
    actions.set_recommendation_status(
        hrc,
        status=FollowUp.PARTIALLY,
        since=ratification_law.partial_date if ratification_law else PartialDate.parse("2021-01-02"),
        legal_event=ratification_law,
        note="Protocol ratified with a reservation for grave military crimes in wartime.",
        actor=manager,
    )
    actions.set_recommendation_status(
        hrc,
        status=FollowUp.IMPLEMENTED,
        since=abolition_in_force.partial_date if abolition_in_force else PartialDate.parse("2022-01"),
        legal_event=abolition_in_force,
        note="The law abolishing the death penalty for all crimes is in force.",
        actor=manager,
    )

    # Strategic litigation: one of the demo legal-aid cases.
    strategic = 0
    case = _case_for_strategy(cases)
    if case is not None:
        actions.mark_strategic(
            case,
            aim=(
                "Views of the UN Human Rights Committee that sanctions for taking part in a peaceful assembly "
                "breach Article 21 of the Covenant, to support changing the law on assemblies. (Fictional.)"
            ),
            actor=case.responsible_lawyer,
        )
        strategic = 1

    # Education.
    groups = {code: _term("participant_group", code) for code in ("lawyers", "journalists", "ngo", "students")}
    actions.record_training(
        topic="The death penalty in international law and the Second Optional Protocol",
        date=date(2019, 11, 14),
        ends_on=date(2019, 11, 15),
        place="Almaty",
        office=office,
        trainers=lawyers[:1],
        guest_trainers="A visiting expert of a partner organisation (fictional)",
        materials="Training handbook on the death penalty (fictional)",
        campaign=campaign,
        counts={groups["lawyers"]: 14, groups["journalists"]: 6, groups["ngo"]: 5, groups["students"]: 8},
        actor=manager,
    )
    actions.record_training(
        topic="Monitoring peaceful assemblies: training for observers",
        date=today - timedelta(days=110),
        place="Almaty",
        office=office,
        trainers=[monitor],
        materials="Assembly monitoring checklist; observer's guide (fictional)",
        counts={
            _term("participant_group", "activists"): 12,
            groups["ngo"]: 7,
            groups["journalists"]: 5,
        },
        actor=manager,
    )
    return {
        "campaigns": 1,
        "advocacy actions": campaign.actions.count(),
        "recommendations": len(recommendations),
        "strategic cases": strategic,
        "trainings": 2,
    }
