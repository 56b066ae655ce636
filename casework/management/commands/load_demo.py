import os
import secrets
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from casework.demo import DemoPrerequisiteMissing, demo_loaded, load_demo


class Command(BaseCommand):
    help = (
        "Load the small FICTIONAL demo data set: staff accounts demo.*, people, consultations, cases; "
        "monitoring events (two published on the portal), a published report and missions; the advocacy "
        "campaign on the death penalty, recommendations, a strategic case and trainings. "
        "Needs the vocabularies and offices (load_vocabularies, load_offices, load_monitoring_vocabularies, "
        "load_advocacy_vocabularies); links to the death-penalty facts if `deathpenalty load` ran before. "
        "Demo staff share the password in RIGHTSDESK_DEMO_PASSWORD, or one generated and printed once. "
        "Does nothing if the demo is already loaded."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        if demo_loaded():
            self.stdout.write("demo data already loaded")
            return
        given = os.environ.get("RIGHTSDESK_DEMO_PASSWORD")
        password = given or secrets.token_urlsafe(10)
        try:
            counts = load_demo(password)
        except DemoPrerequisiteMissing as exc:
            raise CommandError(f"{exc} Nothing was loaded.") from exc
        self.stdout.write(
            self.style.SUCCESS("FICTIONAL demo data loaded: " + ", ".join(f"{v} {k}" for k, v in counts.items()))
        )
        if not given:
            self.stdout.write(f"demo staff (demo.aigerim, demo.manager, …) password: {password}")
