from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from audit.anchor import Anchor, AnchorTampered, anchor_path, check_against_anchor, read_anchor
from audit.chain import ChainProblem, verify_chain
from audit.models import AuditEntry


class Command(BaseCommand):
    help = "Audit log tools. `audit verify` re-computes the hash chain and fails on any tampering."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("subcommand", choices=["verify"])

    def handle(self, *args: Any, **options: Any) -> None:
        entries = AuditEntry.objects.in_chain_order().iterator(chunk_size=5000)
        count, problems = verify_chain(entries)
        problems += self._compare_with_anchor()
        for problem in problems:
            self.stderr.write(f"entry {problem.seq}: {problem.problem}")
        if problems:
            raise CommandError(f"audit chain broken: {len(problems)} problem(s) in {count} entries")
        self.stdout.write(f"audit chain intact: {count} entries")

    def _compare_with_anchor(self) -> list[ChainProblem]:
        newest = AuditEntry.objects.order_by("-seq").only("seq", "hash").first()
        last = Anchor(newest.seq, newest.hash) if newest else None
        path = anchor_path()
        anchored_hash = None
        try:
            anchor = read_anchor(path) if path else None
        except AnchorTampered:
            anchor = None  # check_against_anchor reports it
        if anchor is not None:
            anchored_hash = AuditEntry.objects.filter(seq=anchor.seq).values_list("hash", flat=True).first()
        return check_against_anchor(last, anchored_hash)
