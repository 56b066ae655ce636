from typing import Any

from django.core.management.base import BaseCommand, CommandError

from monitoring.loading import MonitoringDataError, load_monitoring_vocabularies


class Command(BaseCommand):
    help = "Load the monitoring vocabularies (violations and the rights they concern, …) and checklists. Idempotent."

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            created, updated = load_monitoring_vocabularies()
        except MonitoringDataError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"monitoring vocabularies: {created} created, {updated} updated")
