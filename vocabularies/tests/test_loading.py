from pathlib import Path

import pytest

from vocabularies.loading import VocabularyFileError, load_vocabularies
from vocabularies.models import Term


def _write(folder: Path, name: str, text: str) -> None:
    (folder / name).write_text(text, encoding="utf-8")


@pytest.mark.django_db
def test_loading_the_shipped_files_twice_changes_nothing() -> None:
    load_vocabularies()
    before = list(Term.objects.values_list("vocabulary", "code", "label_ru", "active").order_by("pk"))
    assert load_vocabularies() == (0, 0)
    assert list(Term.objects.values_list("vocabulary", "code", "label_ru", "active").order_by("pk")) == before
    stateless = Term.objects.get(vocabulary="vulnerable_group", code="stateless")
    assert (stateless.label_en, stateless.label_ru, stateless.label_kk) == (
        "Stateless person",
        "Лицо без гражданства",
        "Азаматтығы жоқ адам",
    )


@pytest.mark.django_db
def test_a_code_removed_from_a_file_is_deactivated_not_deleted(tmp_path: Path) -> None:
    _write(tmp_path, "case_type.csv", "code,label_en,label_ru,label_kk\na,A,А,А\nb,B,Б,Б\n")
    load_vocabularies(tmp_path)
    _write(tmp_path, "case_type.csv", "code,label_en,label_ru,label_kk\na,A2,А,А\n")
    load_vocabularies(tmp_path)
    assert Term.objects.get(vocabulary="case_type", code="a").label_en == "A2"
    assert Term.objects.get(vocabulary="case_type", code="b").active is False


@pytest.mark.django_db
def test_a_bad_file_is_refused_whole_with_each_problem_and_its_line(tmp_path: Path) -> None:
    _write(tmp_path, "case_type.csv", "code,label_en,label_ru,label_kk\na,A,,\n,Nameless,,\na,Again,,\n")
    _write(tmp_path, "legal_area.csv", "code,label\nx,X\n")
    _write(tmp_path, "spells.csv", "code,label_en,label_ru,label_kk\nx,X,,\n")
    before = Term.objects.count()
    with pytest.raises(VocabularyFileError) as refused:
        load_vocabularies(tmp_path)
    message = str(refused.value)
    assert "case_type.csv line 3: code and label_en are required" in message
    assert "case_type.csv line 4: duplicate code 'a'" in message
    assert "legal_area.csv: columns must be code,label_en,label_ru,label_kk" in message
    assert "spells.csv: unknown vocabulary 'spells'" in message
    assert Term.objects.count() == before
