"""How big each benchmark data set is, and how long each scenario is driven."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Scale:
    name: str
    people: int
    consultations: int
    cases: int
    events: int
    acts: int
    audit: int
    lawyers_per_office: int
    import_rows: int
    export_rows: int
    seconds_per_scenario: float
    floor_repeats: int


SCALES = {
    # A smoke test: every scenario runs, in well under a minute end to end.
    "small": Scale("small", 600, 2_000, 400, 300, 500, 5_000, 3, 300, 1_000, 1.0, 5),
    # A tenth of national: quick to generate, already shows which queries scan.
    "medium": Scale("medium", 30_000, 100_000, 20_000, 30_000, 50_000, 200_000, 8, 2_000, 20_000, 8.0, 15),
    # The national scale: thirty years of one organisation, or a coalition.
    "national": Scale(
        "national", 300_000, 1_000_000, 200_000, 300_000, 500_000, 2_000_000, 20, 100_000, 100_000, 15.0, 15
    ),
}
