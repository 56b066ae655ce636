from typing import Any

from django.core.management.base import BaseCommand, CommandError

from advocacy.loading import AdvocacyDataError, load_advocacy_vocabularies


class Command(BaseCommand):
    help = "Load the advocacy vocabularies (action kinds, targets, recommendation sources, participant groups)."

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            created, updated = load_advocacy_vocabularies()
        except AdvocacyDataError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"advocacy vocabularies: {created} created, {updated} updated")
