import io
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.access import require_admin
from accounts.models import User
from accounts.reauth import require_recent_auth, require_recent_auth_for_changes
from audit.log import record
from casework import actions, dashboard, documents
from casework.access import (
    can_edit_case,
    can_edit_consultation,
    can_open_cases,
    can_record_consultations,
    get_case_for_user,
    get_consultation_for_user,
    get_document_for_user,
)
from casework.exports import EXPORTERS
from casework.filters import (
    CASE_FILTERS,
    CONSULTATION_FILTERS,
    PERSON_FILTERS,
    ListFilterForm,
    filter_cases,
    filter_consultations,
    filter_people,
)
from casework.forms import (
    CaseForm,
    ConsultationForm,
    DeadlineForm,
    DecisionForm,
    DocumentForm,
    EmergencyAccessForm,
    HearingForm,
    ImportForm,
    NoteForm,
    ProceedingForm,
    StatusForm,
)
from casework.imports import IMPORTERS, ImportRejected
from casework.models import Case, CaseStatus, Consultation, Deadline
from casework.workflow import WorkflowError
from people import actions as people_actions
from people.models import Person
from rightsdesk.pagination import paginate, query_without_page


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


@login_required
@require_GET
def dashboard_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    today = timezone.localdate()
    since = (today.replace(day=1) - timedelta(days=335)).replace(day=1)
    months, office_rows = dashboard.month_table(dashboard.consultations_per_month_per_office(user, since))
    deadlines = dashboard.my_deadlines_this_week(user, today)
    shown = list(deadlines[: dashboard.DEADLINES_SHOWN])
    return render(
        request,
        "casework/dashboard.html",
        {
            "deadlines": shown,
            "deadlines_more": deadlines.count() - len(shown) if len(shown) == dashboard.DEADLINES_SHOWN else 0,
            "open_cases": dashboard.my_open_cases(user)[:20],
            "months": months,
            "office_rows": office_rows,
            "by_group": dashboard.consultations_per_group(user, since),
            "by_status": dashboard.open_cases_by_status(user),
            "since": since,
            "today": today,
            "can_record": can_record_consultations(user),
        },
    )


# Consultations


@login_required
@require_GET
def consultation_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = ListFilterForm(request.GET or None, fields=CONSULTATION_FILTERS)
    rows: Any = Consultation.objects.visible_to(user).select_related(
        "office", "lawyer", "person", "legal_area", "channel", "case"
    )
    if form.is_valid():
        rows = filter_consultations(rows, form.cleaned_data)
    return render(
        request,
        "casework/consultation_list.html",
        {
            "form": form,
            "page": paginate(request, rows),
            "query": query_without_page(request),
            "can_record": can_record_consultations(user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def consultation_create(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not can_record_consultations(user) or user.office is None:
        raise Http404
    people = Person.objects.visible_to(user)
    form = ConsultationForm(request.POST or None, people=people, initial={"date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        new_name = data.pop("new_person_name")
        groups = data.pop("groups")
        with transaction.atomic():
            if new_name:
                data["person"] = people_actions.register_person(
                    office=user.office, full_name=new_name, groups=groups, actor=user
                )
            consultation = actions.record_consultation(
                office=user.office, lawyer=user, groups=groups, actor=user, **data
            )
        messages.success(request, _("Consultation recorded."))
        if "open_case" in request.POST:
            return redirect("casework:case_from_consultation", pk=consultation.pk)
        if "another" in request.POST:
            return redirect("casework:consultation_create")
        return redirect("casework:consultation_detail", pk=consultation.pk)
    return render(request, "casework/consultation_form.html", {"form": form})


@login_required
@require_GET
def consultation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    consultation = get_consultation_for_user(user, pk)
    actions.note_viewed(consultation, actor=user)
    return render(
        request,
        "casework/consultation_detail.html",
        {
            "consultation": consultation,
            "can_edit": can_edit_consultation(user, consultation),
            "can_open_case": can_open_cases(user) and consultation.case_id is None,
            "person_visible": consultation.person is not None
            and Person.objects.visible_to(user).filter(pk=consultation.person.pk).exists(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def consultation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    consultation = get_consultation_for_user(user, pk)
    if not can_edit_consultation(user, consultation):
        raise Http404
    initial = {
        f: getattr(consultation, f)
        for f in ("date", "person", "channel", "legal_area", "summary", "outcome", "follow_up_on", "follow_up")
    }
    initial["groups"] = list(consultation.groups.all())
    form = ConsultationForm(request.POST or None, people=Person.objects.visible_to(user), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("new_person_name")
        actions.update_consultation(consultation, groups=data.pop("groups"), actor=user, **data)
        messages.success(request, _("Saved."))
        return redirect("casework:consultation_detail", pk=consultation.pk)
    return render(request, "casework/consultation_form.html", {"form": form, "consultation": consultation})


# Cases


@login_required
@require_GET
def case_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = ListFilterForm(request.GET or None, fields=CASE_FILTERS)
    rows: Any = (
        Case.objects.visible_to(user)
        .select_related("office", "responsible_lawyer", "legal_area", "case_type")
        .defer("description")  # long, encrypted, and not shown in the list
    )
    if form.is_valid():
        rows = filter_cases(rows, form.cleaned_data)
    return render(
        request,
        "casework/case_list.html",
        {
            "form": form,
            "page": paginate(request, rows),
            "query": query_without_page(request),
            "can_open": can_open_cases(user),
        },
    )


def _case_form_response(request: HttpRequest, form: CaseForm, consultation: Consultation | None) -> HttpResponse:
    return render(request, "casework/case_form.html", {"form": form, "consultation": consultation})


@login_required
@require_http_methods(["GET", "POST"])
def case_create(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    user = _user(request)
    if not can_open_cases(user) or user.office is None:
        raise Http404
    consultation = get_consultation_for_user(user, pk) if pk is not None else None
    if consultation is not None and consultation.case_id is not None:
        return redirect("casework:case_detail", pk=consultation.case_id)
    people = Person.objects.visible_to(user)
    initial: dict[str, Any] = {"responsible_lawyer": user, "opened_on": timezone.localdate()}
    if consultation is not None:
        initial.update(legal_area=consultation.legal_area, description=consultation.summary)
    form = CaseForm(
        request.POST or None,
        office=user.office,
        people=people,
        initial=initial,
        require_clients=consultation is None or consultation.person is None,
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        case = actions.open_case(
            office=user.office,
            clients=data.pop("clients"),
            team=data.pop("team"),
            consultation=consultation,
            actor=user,
            **data,
        )
        messages.success(request, _("Case %(reference)s opened.") % {"reference": case.reference})
        return redirect("casework:case_detail", pk=case.pk)
    return _case_form_response(request, form, consultation)


@login_required
@require_GET
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    case = get_case_for_user(user, pk)
    actions.note_viewed(case, actor=user)
    editable = can_edit_case(user, case)
    context: dict[str, Any] = {
        "case": case,
        "can_edit": editable,
        "clients": case.clients.all(),
        "team": case.team.all(),
        "proceedings": case.proceedings.select_related("body_kind", "instance").prefetch_related(
            "hearings", "decisions"
        ),
        "deadlines": case.deadlines.select_related("owner"),
        "notes": case.notes.select_related("author")[:50],
        "documents": case.documents.select_related("doc_type"),
        "consultations": case.consultations.all(),
    }
    if editable:
        context.update(
            status_form=StatusForm(current=case.status),
            proceeding_form=ProceedingForm(case=case, prefix="proceeding"),
            hearing_form=HearingForm(case=case, prefix="hearing"),
            decision_form=DecisionForm(case=case, prefix="decision"),
            deadline_form=DeadlineForm(case=case, prefix="deadline", initial={"owner": user}),
            note_form=NoteForm(prefix="note"),
            document_form=DocumentForm(prefix="document"),
        )
    return render(request, "casework/case_detail.html", context)


def _editable_case(request: HttpRequest, pk: int) -> Case:
    case = get_case_for_user(_user(request), pk)
    if not can_edit_case(_user(request), case):
        raise Http404
    return case


@login_required
@require_recent_auth_for_changes
@require_http_methods(["GET", "POST"])
def case_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    case = _editable_case(request, pk)
    initial = {
        f: getattr(case, f)
        for f in ("title", "case_type", "legal_area", "responsible_lawyer", "confidential", "opened_on", "description")
    }
    initial.update(team=list(case.team.all()), clients=list(case.clients.all()))
    # The case's own clients, for a case this user may edit.
    # nosemgrep: sensitive-rows-only-through-access
    people = Person.objects.visible_to(user) | Person.objects.filter(cases=case)
    form = CaseForm(request.POST or None, office=case.office, people=people.distinct(), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        actions.update_case(case, team=data.pop("team"), clients=data.pop("clients"), actor=user, **data)
        messages.success(request, _("Saved."))
        return redirect("casework:case_detail", pk=case.pk)
    return render(request, "casework/case_form.html", {"form": form, "case": case})


def _back_with_errors(request: HttpRequest, case: Case, form: Any) -> HttpResponse:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)
    return redirect("casework:case_detail", pk=case.pk)


@login_required
@require_POST
def case_status(request: HttpRequest, pk: int) -> HttpResponse:
    case = _editable_case(request, pk)
    form = StatusForm(request.POST, current=case.status)
    if not form.is_valid():
        return _back_with_errors(request, case, form)
    try:
        actions.change_case_status(
            case, form.cleaned_data["status"], outcome=form.cleaned_data["outcome"], actor=_user(request)
        )
    except WorkflowError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Status changed to %(status)s.") % {"status": CaseStatus(case.status).label})
    return redirect("casework:case_detail", pk=case.pk)


@login_required
@require_POST
def case_add(request: HttpRequest, pk: int, what: str) -> HttpResponse:
    """Add a proceeding, hearing, decision, deadline, note or document to a case."""
    user = _user(request)
    case = _editable_case(request, pk)
    forms_by_kind: dict[str, Any] = {
        "proceeding": lambda: ProceedingForm(request.POST, case=case, prefix="proceeding"),
        "hearing": lambda: HearingForm(request.POST, case=case, prefix="hearing"),
        "decision": lambda: DecisionForm(request.POST, case=case, prefix="decision"),
        "deadline": lambda: DeadlineForm(request.POST, case=case, prefix="deadline"),
        "note": lambda: NoteForm(request.POST, prefix="note"),
        "document": lambda: DocumentForm(request.POST, request.FILES, prefix="document"),
    }
    if what not in forms_by_kind:
        raise Http404
    form = forms_by_kind[what]()
    if not form.is_valid():
        return _back_with_errors(request, case, form)
    data = dict(form.cleaned_data)
    try:
        if what == "proceeding":
            actions.add_proceeding(case, actor=user, **data)
        elif what == "hearing":
            actions.add_hearing(data.pop("proceeding"), actor=user, **data)
        elif what == "decision":
            actions.record_decision(data.pop("proceeding"), actor=user, **data)
        elif what == "deadline":
            actions.add_deadline(case, actor=user, **data)
        elif what == "note":
            actions.add_note(case, text=data["text"], actor=user)
        else:
            actions.upload_document(
                case, upload=data["file"], title=data["title"], doc_type=data["doc_type"], actor=user
            )
    except (documents.UploadRejected, ValidationError) as exc:
        messages.error(request, " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc))
        return redirect("casework:case_detail", pk=case.pk)
    messages.success(request, _("Saved."))
    return redirect("casework:case_detail", pk=case.pk)


@login_required
@require_POST
def deadline_done(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    deadline = Deadline.objects.filter(pk=pk, case__in=Case.objects.visible_to(user)).select_related("case").first()
    if deadline is None or not can_edit_case(user, deadline.case):
        raise Http404
    actions.complete_deadline(deadline, actor=user)
    messages.success(request, _("Deadline marked as done."))
    if request.POST.get("next") == "dashboard":
        return redirect("casework:dashboard")
    return redirect("casework:case_detail", pk=deadline.case_id)


@login_required
@require_GET
def document_download(request: HttpRequest, pk: int) -> FileResponse:
    user = _user(request)
    document = get_document_for_user(user, pk)
    if not documents.path_of(document.stored_name).exists():
        raise Http404
    content = documents.read(document.stored_name)
    with transaction.atomic():
        record("document.download", actor=user, target=document, case=document.case_id)
    response = FileResponse(
        io.BytesIO(content), as_attachment=True, filename=document.original_name, content_type=document.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


# Search


@login_required
@require_GET
def search_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    text = request.GET.get("q", "").strip()
    results: dict[str, Any] = {}
    if text:
        results = {
            "cases": filter_cases(Case.objects.visible_to(user), {"q": text})
            .select_related("office")
            .defer("description")[:25],
            "consultations": filter_consultations(Consultation.objects.visible_to(user), {"q": text}).select_related(
                "legal_area", "office"
            )[:25],
            "people": filter_people(Person.objects.visible_to(user), {"q": text})[:25],
        }
    return render(request, "casework/search.html", {"q": text, "results": results})


# Emergency access


@login_required
@require_recent_auth_for_changes
@require_http_methods(["GET", "POST"])
def emergency_access(request: HttpRequest) -> HttpResponse:
    admin = require_admin(request)
    form = EmergencyAccessForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # An administrator's emergency access, reasoned and audited.
        # nosemgrep: sensitive-rows-only-through-access
        case = Case.objects.filter(reference=form.cleaned_data["reference"].strip()).first()
        if case is None:
            form.add_error("reference", _("No case has this reference."))
        else:
            actions.grant_emergency_access(case, reason=form.cleaned_data["reason"], actor=admin)
            messages.warning(
                request, _("Emergency access granted for a limited time. It is recorded in the audit log.")
            )
            return redirect("casework:case_detail", pk=case.pk)
    return render(request, "casework/emergency_access.html", {"form": form})


# Import and export


_LISTS: dict[str, tuple[Callable[[User], Any], tuple[str, ...], Callable[..., Any]]] = {
    "people": (lambda u: Person.objects.visible_to(u), PERSON_FILTERS, filter_people),
    "consultations": (lambda u: Consultation.objects.visible_to(u), CONSULTATION_FILTERS, filter_consultations),
    "cases": (lambda u: Case.objects.visible_to(u), CASE_FILTERS, filter_cases),
}


@login_required
@require_recent_auth
@require_GET
def export_view(request: HttpRequest, what: str, fmt: str) -> HttpResponse | StreamingHttpResponse:
    user = _user(request)
    if what not in _LISTS or fmt not in {"csv", "xlsx"}:
        raise Http404
    base, fields, apply = _LISTS[what]
    form = ListFilterForm(request.GET or None, fields=fields)
    rows = base(user)
    if form.is_valid():
        rows = apply(rows, form.cleaned_data)
    with transaction.atomic():
        record(f"export.{what}", actor=user, rows=rows.count(), format=fmt)
    export = EXPORTERS[what](rows)
    response: HttpResponse | StreamingHttpResponse
    if fmt == "csv":
        response = StreamingHttpResponse(export.csv_chunks(), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            export.xlsx(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    response["Content-Disposition"] = f'attachment; filename="rightsdesk-{what}-{timezone.localdate():%Y%m%d}.{fmt}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def import_view(request: HttpRequest, what: str) -> HttpResponse:
    user = _user(request)
    if what not in IMPORTERS or not can_record_consultations(user) or user.office is None:
        raise Http404
    form = ImportForm(request.POST or None, request.FILES or None)
    problems: list[tuple[int, str]] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            # One byte past the limit is enough to tell the file is too large.
            content = upload.read(settings.RIGHTSDESK_IMPORT_MAX_BYTES + 1)
            count = IMPORTERS[what](content, office=user.office, actor=user)
        except ImportRejected as exc:
            problems = exc.errors
        else:
            messages.success(request, _("%(count)d rows imported.") % {"count": count})
            return redirect("casework:consultation_list" if what == "consultations" else "people:person_list")
    return render(request, "casework/import.html", {"form": form, "problems": problems, "what": what})
