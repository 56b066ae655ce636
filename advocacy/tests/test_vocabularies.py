"""The advocacy vocabularies load from advocacy/data/, idempotently, and a bad file changes nothing."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from advocacy.loading import DATA_DIR, VOCABULARIES, AdvocacyDataError, load_advocacy_vocabularies
from vocabularies.models import Term

pytestmark = pytest.mark.django_db


def test_every_vocabulary_has_english_russian_and_kazakh_labels() -> None:
    for vocabulary in VOCABULARIES:
        terms = Term.objects.of(vocabulary)
        assert terms.count() > 3, vocabulary
        assert all(t.label_en and t.label_ru and t.label_kk for t in terms), vocabulary


def test_loading_again_changes_nothing() -> None:
    out = StringIO()
    call_command("load_advocacy_vocabularies", stdout=out)
    assert out.getvalue().strip() == "advocacy vocabularies: 0 created, 0 updated"


def test_a_bad_file_is_reported_with_its_line_and_nothing_is_written(tmp_path: Path) -> None:
    for vocabulary in VOCABULARIES:
        (tmp_path / f"{vocabulary}.csv").write_text((DATA_DIR / f"{vocabulary}.csv").read_text(encoding="utf-8"))
    (tmp_path / "participant_group.csv").write_text(
        "code,label_en,label_ru,label_kk\nlawyers,Lawyers,,\nlawyers,Again,,\n", encoding="utf-8"
    )
    before = Term.objects.filter(vocabulary="participant_group").count()
    with pytest.raises(AdvocacyDataError, match=r"participant_group\.csv line 3: duplicate code 'lawyers'"):
        load_advocacy_vocabularies(tmp_path)
    assert Term.objects.filter(vocabulary="participant_group", active=True).count() == before
