import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from casework import actions, documents
from people.models import Person
from rightsdesk import crypto
from rightsdesk.encrypted_data import key_ids_in_use
from search.query import search_documents


def test_rotation_re_encrypts_everything_and_retires_the_old_key(alice: object, make: object) -> None:
    person = make.person(alice, "Сейткали Нурлан", phone="+7 701 000 00 00")
    case = make.case(alice, clients=[person], title="Appeal")
    document = actions.upload_document(
        case,
        upload=SimpleUploadedFile("a.txt", b"statement"),
        title="Statement",
        doc_type=make.term("document_type", "evidence"),
        actor=alice,
    )
    old_key = crypto.keyring().primary

    call_command("rotate_keys", "--retire", "--index")

    ring = crypto.keyring()
    assert ring.primary != old_key
    assert list(ring.encryption_keys) == [ring.primary]
    assert set(key_ids_in_use()) == {ring.primary}
    person.refresh_from_db()
    assert (person.full_name, person.phone) == ("Сейткали Нурлан", "+7 701 000 00 00")
    assert documents.read(document.stored_name) == b"statement"
    assert search_documents("сейт", "person") == [person.pk]
    assert list(Person.objects.named("сейткали нурлан")) == [person]


def test_a_value_under_an_unknown_key_fails_loudly(alice: object, make: object) -> None:
    blob = crypto.encrypt_text("secret", "people.person.full_name")
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt_text(blob, "people.person.phone")  # moved to another column
    tampered = blob[:-4] + ("AAAA" if not blob.endswith("AAAA") else "BBBB")
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt_text(tampered, "people.person.full_name")
