"""In a real browser: the world map, its year slider, Kazakhstan's explanation."""

import re

import pytest

from deathpenalty import actions
from deathpenalty.loading import read_folder

from .conftest import REFERENCE


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_world_map_slider_and_kazakhstan(page, screenshot) -> None:  # type: ignore[no-untyped-def]
    actions.load_reference_data(read_folder(REFERENCE), actor=None)

    page.goto("/deathpenalty/")
    slider = page.locator("#year")
    slider.fill("2009")  # fires input and change: the page loads 2009
    page.wait_for_url(re.compile(r"year=2009"))
    assert "139 countries abolitionist in law or practice, 58 retentionist" in page.locator("#summary").inner_text()
    screenshot("world-2009")

    page.locator("#year").fill("2022")
    page.wait_for_url(re.compile(r"year=2022"))
    assert "144 countries abolitionist in law or practice, 55 retentionist" in page.locator("#summary").inner_text()
    screenshot("world-2022")

    page.locator('path[data-iso3="KAZ"]').click()
    page.wait_for_url(re.compile(r"/deathpenalty/country/KAZ/"))
    assert "Abolitionist for all crimes" in page.locator("#status").inner_text()
    explanation = page.locator("#explanation").inner_text()
    assert "abolished for all crimes in 2022-01 (law in force)" in explanation
    screenshot("kazakhstan")
