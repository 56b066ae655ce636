import os
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from rightsdesk.backups import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore a backup written by `rightsdesk backup` into this installation (meant for a fresh one), "
        "then recompute the manifest and fail unless it matches. Passphrase from RIGHTSDESK_BACKUP_PASSPHRASE."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)

    def handle(self, *args: Any, path: Path, **options: Any) -> None:
        try:
            summary = restore(path, os.environ.get("RIGHTSDESK_BACKUP_PASSPHRASE", ""))
        except (BackupError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"restored and verified: {summary.rows} rows, {summary.files} files, manifest {summary.digest}"
        )
