import os
import secrets
from typing import Any

from django.core.management.base import BaseCommand

from casework.demo import demo_loaded, load_demo


class Command(BaseCommand):
    help = (
        "Load the small FICTIONAL demo data set (staff accounts demo.*, people, consultations, cases). "
        "Demo staff share the password in RIGHTSDESK_DEMO_PASSWORD, or one generated and printed once. "
        "Does nothing if the demo is already loaded."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        if demo_loaded():
            self.stdout.write("demo data already loaded")
            return
        given = os.environ.get("RIGHTSDESK_DEMO_PASSWORD")
        password = given or secrets.token_urlsafe(10)
        counts = load_demo(password)
        self.stdout.write(
            self.style.SUCCESS("FICTIONAL demo data loaded: " + ", ".join(f"{v} {k}" for k, v in counts.items()))
        )
        if not given:
            self.stdout.write(f"demo staff (demo.aigerim, demo.manager, …) password: {password}")
