"""Rebuilding the search index (a new index key, or tokens of an older form) keeps every kind of
record findable, and only what was findable (search/rebuild.py)."""

from typing import Any

from django.core.management import call_command

from people.models import Person
from publishing.actions import withdraw
from rightsdesk import crypto
from search.models import SearchDocument
from search.query import search_documents
from search.rebuild import rebuild_search_index


def test_every_kind_is_found_again_under_a_new_key_and_the_withdrawn_stays_unfound(
    make: Any, alice: Any, mona: Any, edith: Any, mon: Any
) -> None:
    person = make.person(alice, "Сейткали Нурлан")
    consultation = make.consultation(alice, person, summary="Паспорт утерян в Караганде")
    case = make.case(alice, clients=[person], title="Recognition of statelessness")
    event = mon.event(mona, title="Dispersal of a rally on Republic Square")
    published = mon.published(mona, edith, title="Rally dispersed at the akimat", victim="Омаров Фарход")
    withdrawn = mon.published(mona, edith, title="Hunger strike in Zhanaozen", victim="Ким Ольга")
    withdraw(withdrawn, actor=edith)
    SearchDocument.objects.create(kind="case", object_id=case.pk + 1000, body="b" + "a" * crypto.TOKEN_CHARS)
    findings = {
        ("Сейткали", "person"): [person.pk],
        ("Караганде", "consultation"): [consultation.pk],
        ("statelessness", "case"): [case.pk],
        ("Republic", "event"): [event.pk],
        ("akimat", "publishedrecord"): [published.pk],
        ("Zhanaozen", "publishedrecord"): [],
    }
    assert {query: search_documents(*query) for query in findings} == findings

    crypto.replace_index_key()
    # Under the new key nothing matches until the index is rebuilt.
    assert search_documents("Сейткали", "person") == []
    assert not Person.objects.named("Сейткали Нурлан").exists()

    kept = rebuild_search_index()

    assert {query: search_documents(*query) for query in findings} == findings
    assert list(Person.objects.named("сейткали нурлан")) == [person]
    # The document of a record that is gone went with it; the others were kept, none added.
    assert not SearchDocument.objects.filter(kind="case", object_id=case.pk + 1000).exists()
    assert kept == SearchDocument.objects.count()


def test_migrate_rebuilds_an_index_of_older_tokens_and_leaves_a_current_one(make: Any, alice: Any) -> None:
    person = make.person(alice, "Сейткали Нурлан")
    current_form = "b" + "a" * crypto.TOKEN_CHARS
    SearchDocument.objects.filter(kind="person", object_id=person.pk).update(body=current_form)

    call_command("migrate", verbosity=0)
    # Tokens of today's length: nothing is recomputed (so a migrate costs nothing).
    assert SearchDocument.objects.get(kind="person", object_id=person.pk).body == current_form

    # The 21 characters of 80 hex bits that tokens had before.
    SearchDocument.objects.filter(kind="person", object_id=person.pk).update(body="b" + "0" * 20)
    Person.objects.filter(pk=person.pk).update(name_key="b" + "0" * 20)
    assert search_documents("Сейткали", "person") == []

    call_command("migrate", verbosity=0)

    assert search_documents("Сейткали", "person") == [person.pk]
    assert search_documents('"Сейткали Нурлан"', "person") == [person.pk]
    assert list(Person.objects.named("Сейткали Нурлан")) == [person]
