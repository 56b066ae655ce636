"""Advocacy, education and impact pages: thin callers of access, actions and the impact report."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.models import User
from advocacy import actions, impact
from advocacy.access import (
    can_edit_campaign,
    can_edit_recommendations,
    can_edit_training,
    can_mark_strategic,
    can_read_impact,
    can_record_trainings,
    can_start_campaigns,
    get_action_for_user,
    get_campaign_for_user,
    get_recommendation_for_user,
    get_training_for_user,
    reads_advocacy,
)
from advocacy.forms import (
    ActionForm,
    CampaignForm,
    DocumentForm,
    ImpactForm,
    ParticipantForm,
    RecommendationForm,
    StatusForm,
    StrategicForm,
    TrainingForm,
    legal_event_label,
)
from advocacy.models import (
    ActionDocument,
    AdvocacyAction,
    Campaign,
    Recommendation,
    RecommendationStatus,
    StrategicCase,
    Training,
)
from casework import documents
from casework.access import get_case_by_reference_for_user, get_case_for_user
from casework.models import Case, Decision
from deathpenalty.models import LegalEvent
from rightsdesk.pagination import paginate, query_without_page
from rightsdesk.partial_dates import PartialDate


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _reader(request: HttpRequest) -> User:
    user = _user(request)
    if not reads_advocacy(user):
        raise Http404
    return user


# Campaigns ---------------------------------------------------------------------


@login_required
@require_GET
def campaign_list(request: HttpRequest) -> HttpResponse:
    user = _reader(request)
    campaigns = Campaign.objects.visible_to(user).select_related("office")
    return render(
        request,
        "advocacy/campaign_list.html",
        {
            "page": paginate(request, campaigns),
            "query": query_without_page(request),
            "can_start": can_start_campaigns(user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def campaign_create(request: HttpRequest) -> HttpResponse:
    user = _reader(request)
    if not can_start_campaigns(user):
        raise Http404
    form = CampaignForm(request.POST or None, initial={"office": user.office_id})
    if request.method == "POST" and form.is_valid():
        campaign = actions.start_campaign(actor=user, **form.cleaned_data)
        messages.success(request, _("Campaign started."))
        return redirect("advocacy:campaign_detail", pk=campaign.pk)
    return render(request, "advocacy/campaign_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def campaign_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = _reader(request)
    campaign = get_campaign_for_user(user, pk)
    if not can_edit_campaign(user, campaign):
        raise Http404
    initial = {
        "title": campaign.title,
        "goal": campaign.goal,
        "legal_change": campaign.legal_change,
        "started": campaign.started,
        "ended": campaign.ended,
        "status": campaign.status,
        "office": campaign.office_id,
        "team": list(campaign.team.all()),
    }
    form = CampaignForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        actions.update_campaign(campaign, actor=user, **form.cleaned_data)
        messages.success(request, _("Saved."))
        return redirect("advocacy:campaign_detail", pk=campaign.pk)
    return render(request, "advocacy/campaign_form.html", {"form": form, "campaign": campaign})


@dataclass(frozen=True)
class TimelineEntry:
    on: date
    when: str
    kind: str
    text: str
    href: str = ""


def campaign_recommendations(campaign: Campaign) -> Any:
    pushed = Recommendation.objects.filter(actions__campaign=campaign).values("pk")
    aimed = Recommendation.objects.filter(strategic_cases__campaign=campaign).values("pk")
    return Recommendation.objects.filter(pk__in=pushed.union(aimed)).select_related("source")


def timeline(user: User, campaign: Campaign) -> list[TimelineEntry]:
    """Actions, legal events, follow-ups of its recommendations and court decisions in its strategic cases, by date."""
    entries = [TimelineEntry(campaign.starts_on, campaign.started.display(), _("Campaign"), _("Campaign started"))]
    if campaign.ended:
        entries.append(
            TimelineEntry(campaign.ended.value, campaign.ended.display(), _("Campaign"), _("Campaign ended"))
        )
    for action in campaign.actions.select_related("kind"):
        entries.append(
            TimelineEntry(
                action.date,
                action.when.display(),
                action.kind.label,
                action.title,
                reverse("advocacy:action_detail", args=[action.pk]),
            )
        )
    recommendations = campaign_recommendations(campaign)
    events = LegalEvent.objects.filter(
        pk__in=[
            *campaign.actions.values_list("legal_events", flat=True),
            *Recommendation.objects.filter(pk__in=recommendations.values("pk")).values_list("fulfilled_by", flat=True),
            *campaign.strategic_cases.values_list("legal_events", flat=True),
        ]
    ).select_related("country")
    for event in events:
        entries.append(
            TimelineEntry(
                event.date,
                event.partial_date.display(),
                _("Legal event"),
                legal_event_label(event) + (f" — {event.description}" if event.description else ""),
                reverse("deathpenalty:country", args=[event.country.iso3]),
            )
        )
    steps = RecommendationStatus.objects.filter(
        recommendation__in=recommendations.values("pk"), is_initial=False
    ).select_related("recommendation")
    for step in steps:
        entries.append(
            TimelineEntry(
                step.on,
                step.since.display(),
                _("Recommendation"),
                f"{step.get_status_display()}: {step.recommendation}",
                reverse("advocacy:recommendation_detail", args=[step.recommendation_id]),
            )
        )
    cases = Case.objects.visible_to(user).filter(strategic__campaign=campaign)
    for decision in Decision.objects.filter(proceeding__case__in=cases).select_related("proceeding__case"):
        case = decision.proceeding.case
        entries.append(
            TimelineEntry(
                decision.decided_on,
                PartialDate(decision.decided_on).display(),
                _("Court decision"),
                f"{case.reference} · {decision.proceeding.body_name} · {decision.get_result_display()}",
                reverse("casework:case_detail", args=[case.pk]),
            )
        )
    entries = [e for e in entries if e.on is not None]
    return sorted(entries, key=lambda e: e.on, reverse=True)


@login_required
@require_GET
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _reader(request)
    campaign = get_campaign_for_user(user, pk)
    can_edit = can_edit_campaign(user, campaign)
    strategic = StrategicCase.objects.visible_to(user).filter(campaign=campaign).select_related("case", "case__outcome")
    return render(
        request,
        "advocacy/campaign_detail.html",
        {
            "campaign": campaign,
            "can_edit": can_edit,
            "team": campaign.team.all(),
            "actions": campaign.actions.select_related("kind", "target_kind"),
            "recommendations": campaign_recommendations(campaign),
            "strategic": strategic,
            "trainings": Training.objects.visible_to(user).filter(campaign=campaign),
            "timeline": timeline(user, campaign),
        },
    )


# Advocacy actions -----------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def action_create(request: HttpRequest, pk: int) -> HttpResponse:
    user = _reader(request)
    campaign = get_campaign_for_user(user, pk)
    if not can_edit_campaign(user, campaign):
        raise Http404
    form = ActionForm(request.POST or None, recommendations=Recommendation.objects.visible_to(user))
    if request.method == "POST" and form.is_valid():
        action = actions.record_action(campaign, actor=user, **form.cleaned_data)
        messages.success(request, _("Action recorded."))
        return redirect("advocacy:action_detail", pk=action.pk)
    return render(request, "advocacy/action_form.html", {"form": form, "campaign": campaign})


@login_required
@require_http_methods(["GET", "POST"])
def action_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = _reader(request)
    action = get_action_for_user(user, pk)
    if not can_edit_campaign(user, action.campaign):
        raise Http404
    initial = {
        "kind": action.kind_id,
        "title": action.title,
        "when": action.when,
        "target_kind": action.target_kind_id,
        "target": action.target,
        "staff": list(action.staff.all()),
        "others_involved": action.others_involved,
        "notes": action.notes,
        "result": action.result,
        "recommendations": list(action.recommendations.all()),
        "legal_events": list(action.legal_events.all()),
    }
    form = ActionForm(request.POST or None, initial=initial, recommendations=Recommendation.objects.visible_to(user))
    if request.method == "POST" and form.is_valid():
        actions.update_action(action, actor=user, **form.cleaned_data)
        messages.success(request, _("Saved."))
        return redirect("advocacy:action_detail", pk=action.pk)
    return render(request, "advocacy/action_form.html", {"form": form, "campaign": action.campaign, "action": action})


@login_required
@require_GET
def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _reader(request)
    action = get_action_for_user(user, pk)
    return render(
        request,
        "advocacy/action_detail.html",
        {
            "action": action,
            "can_edit": can_edit_campaign(user, action.campaign),
            "staff": action.staff.all(),
            "recommendations": action.recommendations.select_related("source"),
            "legal_events": [
                (e, legal_event_label(e)) for e in action.legal_events.select_related("country").order_by("date")
            ],
            "documents": action.documents.all(),
            "document_form": DocumentForm(),
        },
    )


@login_required
@require_POST
def action_document_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = _reader(request)
    action = get_action_for_user(user, pk)
    if not can_edit_campaign(user, action.campaign):
        raise Http404
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            actions.add_action_document(
                action,
                title=form.cleaned_data["title"],
                url=form.cleaned_data.get("url") or "",
                upload=form.cleaned_data.get("file"),
                actor=user,
            )
        except (documents.UploadRejected, ValidationError) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        else:
            messages.success(request, _("Document added."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    return redirect("advocacy:action_detail", pk=action.pk)


@login_required
@require_GET
def action_document_download(request: HttpRequest, pk: int) -> HttpResponse:
    user = _reader(request)
    document = (
        ActionDocument.objects.filter(pk=pk, action__in=AdvocacyAction.objects.visible_to(user))
        .exclude(stored_name="")
        .first()
    )
    if document is None:
        raise Http404
    actions.note_document_downloaded(document, actor=user)
    response = HttpResponse(documents.read(document.stored_name), content_type=document.content_type)
    response["Content-Disposition"] = f'attachment; filename="{documents.safe_filename(str(document.original_name))}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


# Recommendations ------------------------------------------------------------------


@login_required
@require_GET
def recommendation_list(request: HttpRequest) -> HttpResponse:
    user = _reader(request)
    rows = Recommendation.objects.visible_to(user).select_related("source")
    status = request.GET.get("status", "")
    if status:
        rows = rows.filter(status=status)
    return render(
        request,
        "advocacy/recommendation_list.html",
        {
            "page": paginate(request, rows),
            "query": query_without_page(request),
            "can_add": can_edit_recommendations(user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def recommendation_create(request: HttpRequest) -> HttpResponse:
    user = _reader(request)
    if not can_edit_recommendations(user):
        raise Http404
    form = RecommendationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        recommendation = actions.add_recommendation(actor=user, **form.cleaned_data)
        messages.success(request, _("Recommendation recorded."))
        return redirect("advocacy:recommendation_detail", pk=recommendation.pk)
    return render(request, "advocacy/recommendation_form.html", {"form": form})


@login_required
@require_GET
def recommendation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _reader(request)
    recommendation = get_recommendation_for_user(user, pk)
    return render(
        request,
        "advocacy/recommendation_detail.html",
        {
            "recommendation": recommendation,
            "history": recommendation.history.select_related("legal_event__country", "recorded_by"),
            "actions": AdvocacyAction.objects.visible_to(user)
            .filter(recommendations=recommendation)
            .select_related("campaign", "kind"),
            "fulfilled_by": [
                (e, legal_event_label(e))
                for e in recommendation.fulfilled_by.select_related("country").order_by("date")
            ],
            "strategic": StrategicCase.objects.visible_to(user)
            .filter(recommendations=recommendation)
            .select_related("case"),
            "can_edit": can_edit_recommendations(user),
            "status_form": StatusForm(),
        },
    )


@login_required
@require_POST
def recommendation_status(request: HttpRequest, pk: int) -> HttpResponse:
    user = _reader(request)
    recommendation = get_recommendation_for_user(user, pk)
    if not can_edit_recommendations(user):
        raise Http404
    form = StatusForm(request.POST)
    if form.is_valid():
        try:
            actions.set_recommendation_status(recommendation, actor=user, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Follow-up recorded."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    return redirect("advocacy:recommendation_detail", pk=recommendation.pk)


# Strategic litigation -------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def strategic_case(request: HttpRequest, case_pk: int) -> HttpResponse:
    """Mark a casework case as strategic, or change what it aims at; the case itself is not touched."""
    user = _reader(request)
    case = get_case_for_user(user, case_pk)
    if not can_mark_strategic(user, case):
        raise Http404
    existing = StrategicCase.objects.filter(case=case).first()
    initial: dict[str, Any] = {}
    if existing is not None:
        initial = {
            "campaign": existing.campaign_id,
            "aim": existing.aim,
            "recommendations": list(existing.recommendations.all()),
            "legal_events": list(existing.legal_events.all()),
        }
    form = StrategicForm(
        request.POST or None,
        initial=initial,
        campaigns=Campaign.objects.visible_to(user),
        recommendations=Recommendation.objects.visible_to(user),
    )
    if request.method == "POST" and "unmark" in request.POST and existing is not None:
        actions.unmark_strategic(existing, actor=user)
        messages.success(request, _("No longer marked as strategic."))
        return redirect("casework:case_detail", pk=case.pk)
    if request.method == "POST" and form.is_valid():
        if existing is None:
            actions.mark_strategic(case, actor=user, **form.cleaned_data)
            messages.success(request, _("Marked as strategic litigation."))
        else:
            actions.update_strategic(existing, actor=user, **form.cleaned_data)
            messages.success(request, _("Saved."))
        campaign = form.cleaned_data.get("campaign")
        if campaign is not None:
            return redirect("advocacy:campaign_detail", pk=campaign.pk)
        return redirect("advocacy:strategic_case", case_pk=case.pk)
    return render(request, "advocacy/strategic_form.html", {"form": form, "case": case, "existing": existing})


@login_required
@require_GET
def strategic_lookup(request: HttpRequest) -> HttpResponse:
    """From a case reference typed on a campaign page to the form that marks that case strategic."""
    user = _reader(request)
    case = get_case_by_reference_for_user(user, request.GET.get("reference", "").strip())
    if not can_mark_strategic(user, case):
        raise Http404
    return redirect("advocacy:strategic_case", case_pk=case.pk)


# Education ------------------------------------------------------------------------


@login_required
@require_GET
def training_list(request: HttpRequest) -> HttpResponse:
    user = _reader(request)
    rows = Training.objects.visible_to(user).select_related("office").prefetch_related("participant_counts")
    return render(
        request,
        "advocacy/training_list.html",
        {"page": paginate(request, rows), "query": query_without_page(request), "can_add": can_record_trainings(user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def training_create(request: HttpRequest) -> HttpResponse:
    user = _reader(request)
    if not can_record_trainings(user):
        raise Http404
    form = TrainingForm(
        request.POST or None, initial={"office": user.office_id}, campaigns=Campaign.objects.visible_to(user)
    )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if not k.startswith("count_")}
        training = actions.record_training(counts=form.counts(), actor=user, **data)
        messages.success(request, _("Training recorded."))
        return redirect("advocacy:training_detail", pk=training.pk)
    return render(request, "advocacy/training_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def training_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = _reader(request)
    training = get_training_for_user(user, pk)
    if not can_edit_training(user, training):
        raise Http404
    initial: dict[str, Any] = {
        "topic": training.topic,
        "date": training.date,
        "ends_on": training.ends_on,
        "place": training.place,
        "office": training.office_id,
        "trainers": list(training.trainers.all()),
        "guest_trainers": training.guest_trainers,
        "materials": training.materials,
        "campaign": training.campaign_id,
    }
    for row in training.participant_counts.select_related("group"):
        initial[f"count_{row.group.code}"] = row.count
    form = TrainingForm(request.POST or None, initial=initial, campaigns=Campaign.objects.visible_to(user))
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if not k.startswith("count_")}
        try:
            actions.update_training(training, counts=form.counts(), actor=user, **data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("advocacy:training_detail", pk=training.pk)
    return render(request, "advocacy/training_form.html", {"form": form, "training": training})


@login_required
@require_GET
def training_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _reader(request)
    training = get_training_for_user(user, pk)
    can_edit = can_edit_training(user, training)
    return render(
        request,
        "advocacy/training_detail.html",
        {
            "training": training,
            "counts": training.participant_counts.select_related("group"),
            "trainers": training.trainers.all(),
            "named": training.named_participants.select_related("group"),
            "can_edit": can_edit,
            "participant_form": ParticipantForm() if can_edit else None,
        },
    )


@login_required
@require_POST
def participant_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = _reader(request)
    training = get_training_for_user(user, pk)
    if not can_edit_training(user, training):
        raise Http404
    form = ParticipantForm(request.POST)
    if form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("consent")
        try:
            actions.add_named_participant(training, actor=user, **data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Participant added."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    return redirect("advocacy:training_detail", pk=training.pk)


@login_required
@require_POST
def participant_remove(request: HttpRequest, pk: int) -> HttpResponse:
    user = _reader(request)
    training = get_training_for_user(user, pk)
    if not can_edit_training(user, training):
        raise Http404
    participant = training.named_participants.filter(pk=request.POST.get("participant", "")).first()
    if participant is None:
        raise Http404
    actions.remove_named_participant(participant, actor=user)
    messages.success(request, _("Participant removed."))
    return redirect("advocacy:training_detail", pk=training.pk)


# The impact report ----------------------------------------------------------------


def _impact_scope(request: HttpRequest) -> tuple[ImpactForm, impact.Scope]:
    user = _user(request)
    if not can_read_impact(user):
        raise Http404
    form = ImpactForm(request.GET or None)
    if request.GET and form.is_valid():
        data = form.cleaned_data
    else:
        default = ImpactForm({})
        default.is_valid()
        data = default.cleaned_data
    return form, impact.Scope(user, data["date_from"], data["date_to"], data.get("office"))


def _query(scope: impact.Scope) -> str:
    from urllib.parse import urlencode

    return urlencode(scope.params())


@login_required
@require_GET
def impact_report(request: HttpRequest) -> HttpResponse:
    form, scope = _impact_scope(request)
    report = impact.build(scope)
    actions.note_impact_report(
        actor=_user(request), date_from=scope.date_from, date_to=scope.date_to, office=scope.office, fmt="html"
    )
    return render(request, "advocacy/impact.html", {"form": form, "report": report, "query": _query(scope)})


def impact_pdf_bytes(report: impact.ImpactReport) -> bytes:
    html = render_to_string("advocacy/impact_pdf.html", {"report": report})
    return impact.render_pdf(html)


@login_required
@require_GET
def impact_pdf(request: HttpRequest) -> HttpResponse:
    _form, scope = _impact_scope(request)
    report = impact.build(scope)
    actions.note_impact_report(
        actor=_user(request), date_from=scope.date_from, date_to=scope.date_to, office=scope.office, fmt="pdf"
    )
    response = HttpResponse(impact_pdf_bytes(report), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="impact-{scope.date_from}-{scope.date_to}.pdf"'
    return response


@login_required
@require_GET
def impact_csv(request: HttpRequest) -> HttpResponse:
    _form, scope = _impact_scope(request)
    report = impact.build(scope)
    actions.note_impact_report(
        actor=_user(request), date_from=scope.date_from, date_to=scope.date_to, office=scope.office, fmt="csv"
    )
    response = HttpResponse(impact.to_csv(report), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="impact-{scope.date_from}-{scope.date_to}.csv"'
    return response


@login_required
@require_GET
def impact_rows(request: HttpRequest) -> HttpResponse:
    """The list one figure counts, computed by the same function as the figure."""
    _form, scope = _impact_scope(request)
    try:
        source = impact.rows_for(
            scope, request.GET.get("figure", ""), request.GET.get("by", ""), request.GET.get("code", "")
        )
    except impact.UnknownFigure as exc:
        raise Http404 from exc
    return render(
        request,
        "advocacy/impact_rows.html",
        {"source": source, "rows": source.rows(), "value": source.value(), "scope": scope, "query": _query(scope)},
    )
