from typing import Any

from django.core.management.base import BaseCommand, CommandError

from accounts.offices import OfficeFileError, load_offices


class Command(BaseCommand):
    help = "Load the head office and regional branches from accounts/data/offices.csv (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            count = load_offices()
        except OfficeFileError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"offices: {count} loaded")
