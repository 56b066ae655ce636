from pathlib import Path

import pytest

from deathpenalty import actions
from deathpenalty.loading import Dataset, read_folder

REFERENCE = Path(__file__).resolve().parents[2] / "data" / "death_penalty"


@pytest.fixture(scope="session")
def reference_dataset() -> Dataset:
    return read_folder(REFERENCE)


@pytest.fixture
def reference(db: None, reference_dataset: Dataset) -> Dataset:
    """The shipped reference data, loaded."""
    actions.load_reference_data(reference_dataset, actor=None)
    return reference_dataset
