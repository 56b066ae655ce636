from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from audit.chain import verify_chain
from audit.models import AuditEntry


class Command(BaseCommand):
    help = "Audit log tools. `audit verify` re-computes the hash chain and fails on any tampering."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("subcommand", choices=["verify"])

    def handle(self, *args: Any, **options: Any) -> None:
        entries = AuditEntry.objects.in_chain_order().iterator(chunk_size=5000)
        count, problems = verify_chain(entries)
        for problem in problems:
            self.stderr.write(f"entry {problem.seq}: {problem.problem}")
        if problems:
            raise CommandError(f"audit chain broken: {len(problems)} problem(s) in {count} entries")
        self.stdout.write(f"audit chain intact: {count} entries")
