from typing import Any

from django.core.management.base import BaseCommand, CommandError

from vocabularies.loading import VocabularyFileError, load_vocabularies


class Command(BaseCommand):
    help = "Load the controlled vocabularies shipped with rightsdesk (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            created, updated = load_vocabularies()
        except VocabularyFileError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"vocabularies: {created} created, {updated} updated")
