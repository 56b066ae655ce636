"""Pages for documenting violations and running missions: thin callers of access and actions."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.models import Role, User
from casework import documents
from casework.access import get_case_by_reference_for_user
from casework.imports import ImportRejected
from monitoring import actions, duplicates, imports, workflow
from monitoring.access import (
    can_edit_event,
    can_edit_mission,
    can_observe,
    can_record_events,
    can_review,
    get_event_for_user,
    get_mission_for_user,
    get_source_for_user,
    people_for,
    works_on_monitoring,
)
from monitoring.checklists import mission_figures
from monitoring.forms import (
    ActForm,
    ConsentForm,
    EventFilterForm,
    EventForm,
    ImportForm,
    InterventionForm,
    InvolvementForm,
    MissionForm,
    ObservationForm,
    SourceForm,
    StatusForm,
    TransferForm,
)
from monitoring.models import Event, Involvement, Mission, Source
from people import actions as people_actions
from people.models import Person
from rightsdesk.pagination import paginate, query_without_page
from search.query import filter_matching


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _people(user: User) -> Any:
    return Person.objects.filter(people_for(user)).distinct().order_by("pk")


@login_required
@require_GET
def event_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    rows: Any = Event.objects.visible_to(user).select_related("region", "office").prefetch_related("acts")
    form = EventFilterForm(request.GET or None)
    if form.is_valid():
        data = form.cleaned_data
        if data.get("q"):
            rows = filter_matching(rows, data["q"], "event")
        if data.get("status"):
            rows = rows.filter(status=data["status"])
        if data.get("violation_type"):
            rows = rows.filter(acts__violation_type=data["violation_type"]).distinct()
        if data.get("region"):
            rows = rows.filter(region=data["region"])
    return render(
        request,
        "monitoring/event_list.html",
        {
            "form": form,
            "page": paginate(request, rows),
            "query": query_without_page(request),
            "can_record": can_record_events(user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def event_create(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not can_record_events(user) or user.office is None:
        raise Http404
    form = EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            event = actions.record_event(office=user.office, actor=user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Event recorded as a draft. Add its acts, people and sources."))
            return redirect("monitoring:event_detail", event.pk)
    return render(request, "monitoring/event_form.html", {"form": form, "event": None})


@login_required
@require_http_methods(["GET", "POST"])
def event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    event = get_event_for_user(user, pk)
    if not can_edit_event(user, event):
        raise Http404
    initial = {
        "title": event.title,
        "started": event.started,
        "ended": event.ended,
        "region": event.region,
        "city": event.city,
        "place": event.place,
        "latitude": event.latitude,
        "longitude": event.longitude,
        "tags": list(event.tags.all()),
        "description": event.description,
    }
    form = EventForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_event(event, actor=user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Event saved."))
            return redirect("monitoring:event_detail", event.pk)
    return render(request, "monitoring/event_form.html", {"form": form, "event": event})


def _detail_context(user: User, event: Event, **forms: Any) -> dict[str, Any]:
    people = _people(user)
    editable = can_edit_event(user, event)
    context = {
        "event": event,
        "acts": event.acts.select_related("violation_type", "victim", "perpetrator_kind", "perpetrator", "method")
        .prefetch_related("consequences", "violation_type__rights_concerned__right")
        .all(),
        "involvements": event.involvements.select_related("person").all(),
        "sources": Source.objects.visible_to(user)
        .filter(event=event)
        .select_related("kind", "given_by", "collected_by")
        .prefetch_related("custody__actor"),
        "interventions": event.interventions.select_related("kind", "case").all(),
        "tags": event.tags.all(),
        "can_edit": editable,
        "can_review": can_review(user, event),
        "next_statuses": workflow.next_statuses(event.status) if can_review(user, event) else [],
        "duplicates": duplicates.possible_duplicates(event, Event.objects.visible_to(user)),
        "publication": getattr(event, "publication", None),
        "act_form": forms.get("act_form") or ActForm(people=people),
        "involvement_form": forms.get("involvement_form") or InvolvementForm(people=people),
        "source_form": forms.get("source_form")
        or SourceForm(people=people, initial={"collected_on": timezone.localdate()}),
        "intervention_form": forms.get("intervention_form") or InterventionForm(initial={"on": timezone.localdate()}),
        "transfer_form": TransferForm(),
        "consent_form": ConsentForm(),
    }
    return context


@login_required
@require_GET
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    event = get_event_for_user(user, pk)
    actions.note_event_viewed(event, actor=user)
    return render(request, "monitoring/event_detail.html", _detail_context(user, event))


def _person_from(form: Any, field: str, new_field: str, user: User, request: HttpRequest) -> Person | None:
    person: Person | None = form.cleaned_data.get(field)
    name = (form.cleaned_data.get(new_field) or "").strip()
    if person is None and name and user.office is not None:
        similar = duplicates.similar_people(name, Person.objects.filter(people_for(user)))
        person = people_actions.register_person(full_name=name, office=user.office, actor=user)
        if similar:
            messages.warning(
                request,
                _("The registry already has %(n)d person(s) with a similar name: %(names)s. Check for a duplicate.")
                % {"n": len(similar), "names": ", ".join(p.full_name for p in similar[:5])},
            )
    return person


@login_required
@require_POST
def event_add(request: HttpRequest, pk: int, what: str) -> HttpResponse:
    user = _user(request)
    event = get_event_for_user(user, pk)
    if not can_edit_event(user, event):
        raise Http404
    people = _people(user)
    forms: dict[str, Any] = {}
    try:
        with transaction.atomic():
            if what == "act":
                form: Any = ActForm(request.POST, people=people)
                forms["act_form"] = form
                if form.is_valid():
                    data = dict(form.cleaned_data)
                    data["victim"] = _person_from(form, "victim", "victim_new", user, request)
                    data.pop("victim_new")
                    actions.add_act(event, actor=user, **data)
                    messages.success(request, _("Act added."))
                    return redirect(f"{event_url(event)}#acts")
            elif what == "involvement":
                form = InvolvementForm(request.POST, people=people)
                forms["involvement_form"] = form
                if form.is_valid():
                    person = _person_from(form, "person", "person_new", user, request)
                    assert person is not None
                    actions.involve_person(
                        event,
                        person=person,
                        role=form.cleaned_data["role"],
                        notes=form.cleaned_data["notes"],
                        actor=user,
                    )
                    messages.success(request, _("Person added to the event."))
                    return redirect(f"{event_url(event)}#people")
            elif what == "source":
                form = SourceForm(request.POST, request.FILES, people=people)
                forms["source_form"] = form
                if form.is_valid():
                    actions.add_source(event, actor=user, **form.cleaned_data)
                    messages.success(request, _("Source added."))
                    return redirect(f"{event_url(event)}#sources")
            elif what == "intervention":
                form = InterventionForm(request.POST)
                forms["intervention_form"] = form
                if form.is_valid():
                    data = dict(form.cleaned_data)
                    reference = data.pop("case_reference")
                    case = None
                    if reference:
                        try:
                            case = get_case_by_reference_for_user(user, reference.strip())
                        except Http404:
                            form.add_error("case_reference", _("No case with this reference that you can see."))
                    if not form.errors:
                        actions.add_intervention(event, case=case, actor=user, **data)
                        messages.success(request, _("Intervention added."))
                        return redirect(f"{event_url(event)}#interventions")
            else:
                raise Http404
    except documents.UploadRejected as exc:
        forms["source_form"].add_error("upload", str(exc))
    except ValidationError as exc:
        next(iter(forms.values())).add_error(None, exc)
    return render(request, "monitoring/event_detail.html", _detail_context(user, event, **forms), status=400)


def event_url(event: Event) -> str:
    from django.urls import reverse

    return reverse("monitoring:event_detail", args=[event.pk])


@login_required
@require_POST
def event_status(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    event = get_event_for_user(user, pk)
    if not can_review(user, event):
        raise Http404
    form = StatusForm(request.POST)
    if form.is_valid():
        try:
            actions.change_status(event, form.cleaned_data["status"], actor=user)
        except workflow.WorkflowError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The record is now %(status)s.") % {"status": event.get_status_display()})
    return redirect("monitoring:event_detail", event.pk)


@login_required
@require_POST
def involvement_consent(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    involvement = Involvement.objects.filter(pk=pk, event__in=Event.objects.visible_to(user)).first()
    if involvement is None:
        raise Http404
    if not can_edit_event(user, involvement.event):
        raise Http404
    form = ConsentForm(request.POST)
    if form.is_valid():
        actions.update_involvement(involvement, actor=user, **form.cleaned_data)
        messages.success(request, _("Consent and pseudonym saved."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    return redirect(f"{event_url(involvement.event)}#people")


@login_required
@require_GET
def source_download(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    source = get_source_for_user(user, pk)
    if not source.has_file:
        raise Http404
    actions.note_evidence_opened(source, actor=user)
    response = HttpResponse(documents.read(source.stored_name), content_type=source.content_type)
    response["Content-Disposition"] = content_disposition_header(True, source.original_name or "evidence")
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@login_required
@require_POST
def source_transfer(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    source = get_source_for_user(user, pk)
    if not can_edit_event(user, source.event) and not can_review(user, source.event):
        raise Http404
    form = TransferForm(request.POST)
    if form.is_valid():
        actions.transfer_evidence(source, actor=user, **form.cleaned_data)
        messages.success(request, _("Hand-over recorded in the chain of custody."))
    return redirect(f"{event_url(source.event)}#sources")


@login_required
@require_http_methods(["GET", "POST"])
def import_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not can_record_events(user) or user.office is None:
        raise Http404
    form = ImportForm(request.POST or None, request.FILES or None)
    problems: list[tuple[int, str]] = []
    if request.method == "POST" and form.is_valid():
        try:
            count = imports.import_events(form.cleaned_data["file"].read(), office=user.office, actor=user)
        except ImportRejected as exc:
            problems = exc.errors
        else:
            messages.success(request, _("%(n)d events imported as drafts.") % {"n": count})
            return redirect("monitoring:event_list")
    return render(
        request,
        "monitoring/import.html",
        {"form": form, "problems": problems, "columns": imports.COLUMNS, "required": imports.REQUIRED},
    )


# Missions


@login_required
@require_GET
def mission_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    missions = Mission.objects.visible_to(user).select_related("office", "checklist").prefetch_related("observations")
    rows = [(m, mission_figures(m)) for m in missions]
    return render(request, "monitoring/mission_list.html", {"rows": rows, "can_create": works_on_monitoring(user)})


@login_required
@require_http_methods(["GET", "POST"])
def mission_create(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not works_on_monitoring(user) or user.office is None:
        raise Http404
    staff = User.objects.filter(is_active=True, office=user.office, role__in=[Role.MONITOR, Role.EDITOR])
    form = MissionForm(request.POST or None, staff=staff)
    if request.method == "POST" and form.is_valid():
        mission = actions.create_mission(office=user.office, actor=user, **form.cleaned_data)
        messages.success(request, _("Mission created."))
        return redirect("monitoring:mission_detail", mission.pk)
    return render(request, "monitoring/mission_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def mission_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    mission = get_mission_for_user(user, pk)
    form = ObservationForm(request.POST or None, mission=mission, initial={"observed_on": timezone.localdate()})
    if request.method == "POST":
        if not can_observe(user, mission):
            raise Http404
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if not k.startswith("answer_")}
            try:
                actions.record_observation(mission, answers=form.answers(), actor=user, **data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Observation recorded."))
                return redirect("monitoring:mission_detail", mission.pk)
    items = list(mission.checklist.items.all())
    observations = mission.observations.select_related("observer", "region").all()
    return render(
        request,
        "monitoring/mission_detail.html",
        {
            "mission": mission,
            "figures": mission_figures(mission),
            "items": items,
            "rows": [(o, [o.answers.get(i.code, "") for i in items]) for o in observations],
            "form": form,
            "can_observe": can_observe(user, mission),
            "can_edit": can_edit_mission(user, mission),
            "observers": mission.observers.all(),
        },
    )
