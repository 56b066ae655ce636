from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.models import User
from accounts.reauth import require_recent_auth_for_changes
from casework.access import can_record_consultations
from casework.actions import note_viewed
from casework.filters import PERSON_FILTERS, ListFilterForm, filter_people
from casework.models import Case, Consultation
from people import actions
from people.access import (
    duplicate_review_visibility,
    find_merged_person,
    get_person_for_user,
    get_person_to_merge,
    merge_visibility,
)
from people.duplicates import MAX_COMPARED, DuplicatePair, add_shared_records, births_agree, find_duplicates
from people.forms import PersonForm, initial_from
from people.models import MergeRecord, Person
from rightsdesk.pagination import paginate, query_without_page
from search.query import match_condition


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


@login_required
@require_GET
def person_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = ListFilterForm(request.GET or None, fields=PERSON_FILTERS)
    people: Any = Person.objects.visible_to(user).select_related("office").prefetch_related("groups")
    if form.is_valid():
        people = filter_people(people, form.cleaned_data)
    return render(
        request,
        "people/person_list.html",
        {
            "form": form,
            "page": paginate(request, people),
            "query": query_without_page(request),
            "can_add": can_record_consultations(user),
        },
    )


@login_required
@require_GET
def person_lookup(request: HttpRequest) -> HttpResponse:
    """Search-as-you-type for choosing a person in a form (htmx partial)."""
    text = request.GET.get("q", "").strip()
    matches = Person.objects.none()
    if len(text) >= 2:
        condition = match_condition(text, "person")
        if condition is not None:
            matches = Person.objects.visible_to(_user(request)).filter(condition)[:10]
    return render(request, "people/_lookup.html", {"matches": matches, "q": text})


@login_required
@require_GET
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    try:
        person = get_person_for_user(user, pk)
    except Http404:
        kept = find_merged_person(user, pk)
        if kept is None:
            raise
        messages.info(request, _("That record was merged into this one."))
        return redirect("people:person_detail", pk=kept.pk)
    note_viewed(person, actor=user)
    merges = MergeRecord.objects.filter(keep=person, undone_at__isnull=True).select_related("merged")
    return render(
        request,
        "people/person_detail.html",
        {
            "person": person,
            "merges": merges if Person.objects.filter(merge_visibility(user), pk=person.pk).exists() else [],
            "cases": Case.objects.visible_to(user).filter(clients=person),
            "consultations": Consultation.objects.visible_to(user)
            .filter(person=person)
            .select_related("legal_area")[:50],
            "can_edit": can_record_consultations(user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def person_create(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not can_record_consultations(user) or user.office is None:
        raise Http404
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        person = actions.register_person(
            office=user.office, groups=data.pop("groups"), languages=data.pop("languages"), actor=user, **data
        )
        messages.success(request, _("Person registered."))
        return redirect("people:person_detail", pk=person.pk)
    return render(request, "people/person_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    person = get_person_for_user(user, pk)
    if not can_record_consultations(user):
        raise Http404
    form = PersonForm(request.POST or None, initial=initial_from(person))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        actions.update_person(person, groups=data.pop("groups"), languages=data.pop("languages"), actor=user, **data)
        messages.success(request, _("Saved."))
        return redirect("people:person_detail", pk=person.pk)
    return render(request, "people/person_form.html", {"form": form, "person": person})


SHOWN_PAIRS = 100


@login_required
@require_GET
def duplicate_list(request: HttpRequest) -> HttpResponse:
    """Likely duplicates among the people the user sees, with the evidence for each pair."""
    user = _user(request)
    pairs, truncated = find_duplicates(Person.objects.filter(duplicate_review_visibility(user)))
    shown = pairs[:SHOWN_PAIRS]
    add_shared_records(shown, user)
    ids = {p.pk for pair in shown for p in (pair.first, pair.second)}
    mergeable = set(Person.objects.filter(merge_visibility(user), pk__in=ids).values_list("pk", flat=True))
    return render(
        request,
        "people/duplicate_list.html",
        {
            "pairs": [(pair, pair.first.pk in mergeable and pair.second.pk in mergeable) for pair in shown],
            "more": len(pairs) - len(shown),
            "truncated": truncated,
            "limit": MAX_COMPARED,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@require_recent_auth_for_changes
def person_merge(request: HttpRequest, first: int, second: int) -> HttpResponse:
    """Compare two records side by side and merge one into the other."""
    user = _user(request)
    a, b = get_person_to_merge(user, first), get_person_to_merge(user, second)
    if a.pk == b.pk:
        raise Http404
    if request.method == "POST":
        keep_pk = request.POST.get("keep", "")
        if keep_pk not in (str(a.pk), str(b.pk)):
            messages.error(request, _("Choose the record to keep."))
        else:
            keep, merged = (a, b) if keep_pk == str(a.pk) else (b, a)
            try:
                actions.merge_people(keep, merged, actor=user)
            except actions.MergeRefused as refusal:
                messages.error(request, str(refusal))
            else:
                messages.success(request, _("Merged. The other record is kept in the history and can be restored."))
                return redirect("people:person_detail", pk=keep.pk)
    for person in (a, b):
        note_viewed(person, actor=user)
    pair = DuplicatePair(a, b, births_agree(a, b), a.office_id == b.office_id)
    add_shared_records([pair], user)
    return render(request, "people/person_merge.html", {"pair": pair, "sides": [_side(user, a), _side(user, b)]})


def _side(user: User, person: Person) -> dict[str, Any]:
    from monitoring.models import Event

    return {
        "person": person,
        "cases": Case.objects.visible_to(user).filter(clients=person).count(),
        "consultations": Consultation.objects.visible_to(user).filter(person=person).count(),
        "events": Event.objects.visible_to(user).filter(involvements__person=person).distinct().count(),
    }


@login_required
@require_http_methods(["GET", "POST"])
@require_recent_auth_for_changes
def merge_undo(request: HttpRequest, pk: int) -> HttpResponse:
    """Separate a merged record from the one it was merged into, as it was before."""
    user = _user(request)
    merge = get_object_or_404(MergeRecord.objects.select_related("keep", "merged"), pk=pk)
    # Whoever may change the kept record, which now holds everything of the merged one, may undo
    # (if it was merged again since, the record it now lives on in; the undo is then refused with a reason).
    if not Person.objects.filter(merge_visibility(user), pk=merge.keep.final_record().pk).exists():
        raise Http404
    if request.method == "POST":
        try:
            merged = actions.undo_merge(merge, actor=user)
        except actions.MergeRefused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, _("The merge was undone; both records are separate again."))
            shown = merged if Person.objects.visible_to(user).filter(pk=merged.pk).exists() else merge.keep
            return redirect("people:person_detail", pk=shown.pk)
    return render(request, "people/merge_undo.html", {"merge": merge})
