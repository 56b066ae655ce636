from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from casework import documents
from rightsdesk import crypto
from rightsdesk.encrypted_data import key_ids_in_use, reencrypt_database
from search.rebuild import rebuild_search_index


class Command(BaseCommand):
    help = (
        "Rotate the encryption keys without downtime: add a new primary key, re-encrypt every value and "
        "file under it, then (with --retire) drop the old keys once nothing uses them. --index also "
        "replaces the key of the blind search index and rebuilds the index."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--retire", action="store_true", help="remove old keys once nothing uses them")
        parser.add_argument("--index", action="store_true", help="also replace the search index key")

    def handle(self, *args: Any, retire: bool, index: bool, **options: Any) -> None:
        new_key = crypto.add_encryption_key()
        values = reencrypt_database()
        files = documents.reencrypt_all()
        self.stdout.write(f"new primary key {new_key}: {values} values and {files} files re-encrypted")
        if index:
            crypto.replace_index_key()
            self.stdout.write(f"search index rebuilt under a new key: {rebuild_search_index()} records")
        if retire:
            in_use = {k: n for k, n in key_ids_in_use().items() if k != new_key}
            if in_use:
                raise CommandError(f"old keys still protect values, not retired: {in_use}")
            retired = crypto.retire_keys_except(new_key)
            self.stdout.write(f"retired keys: {', '.join(retired) or 'none'}")
