from typing import Any

from django.core.management.base import BaseCommand, CommandError

from monitoring.actions import verify_evidence_store


class Command(BaseCommand):
    help = (
        "Re-hash every evidence file and compare it with the SHA-256 taken at upload. "
        "Each check is written to the file's chain of custody; exits with an error if any file changed or is missing."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        checked, bad = verify_evidence_store()
        for source in bad:
            self.stdout.write(
                f"CHANGED OR MISSING: source {source.pk} (event {source.event_id}) sha256 {source.sha256}"
            )
        self.stdout.write(f"evidence: {checked} file(s) checked, {len(bad)} changed or missing")
        if bad:
            raise CommandError(f"{len(bad)} evidence file(s) changed or missing")
