import os
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from rightsdesk import backups
from rightsdesk.backups import BackupError


class Command(BaseCommand):
    help = (
        "Write an encrypted, authenticated backup (database, documents, keyring, manifest) to PATH. "
        "The passphrase comes from RIGHTSDESK_BACKUP_PASSPHRASE. With --verify, check an existing backup instead."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--verify", action="store_true", help="decrypt and check PATH without restoring it")

    def handle(self, *args: Any, path: Path, verify: bool, **options: Any) -> None:
        passphrase = os.environ.get("RIGHTSDESK_BACKUP_PASSPHRASE", "")
        try:
            summary = backups.verify(path, passphrase) if verify else backups.backup(path, passphrase)
        except (BackupError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        action = "verified" if verify else "written"
        self.stdout.write(f"backup {action}: {summary.rows} rows, {summary.files} files, manifest {summary.digest}")
