from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.models import User
from casework.access import can_record_consultations
from casework.actions import note_viewed
from casework.filters import PERSON_FILTERS, ListFilterForm, filter_people
from casework.models import Case, Consultation
from people import actions
from people.access import get_person_for_user
from people.forms import PersonForm, initial_from
from people.models import Person
from rightsdesk.pagination import paginate, query_without_page
from search.query import matching_ids


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
        subquery = matching_ids(text, "person")
        if subquery is not None:
            matches = Person.objects.visible_to(_user(request)).filter(pk__in=subquery)[:10]
    return render(request, "people/_lookup.html", {"matches": matches, "q": text})


@login_required
@require_GET
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    person = get_person_for_user(user, pk)
    note_viewed(person, actor=user)
    return render(
        request,
        "people/person_detail.html",
        {
            "person": person,
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
