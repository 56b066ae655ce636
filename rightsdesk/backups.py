"""Encrypted, authenticated backups that restore, with a manifest to prove it.

A backup is one file: a header, then the archive (database dump, document
files, keyring, manifest) encrypted in 1 MiB chunks with AES-256-GCM under a
key derived (scrypt) from the backup passphrase. Each chunk's associated data
holds its number and whether it is the last, so a flipped, removed, reordered
or truncated chunk makes restoring fail before anything is written.

The manifest lists a SHA-256 of every database row and every file;
`restore` rebuilds the installation, recomputes the manifest and compares.
"""

import hashlib
import io
import json
import os
import secrets
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from django.apps import apps
from django.conf import settings
from django.db import connection

from rightsdesk import crypto

MAGIC = b"RDBACKUP1\n"
CHUNK = 1024 * 1024
_SALT_BYTES = 16


class BackupError(RuntimeError):
    pass


def _derive(passphrase: str, salt: bytes) -> bytes:
    if len(passphrase) < 12:
        raise BackupError("the backup passphrase must have at least 12 characters")
    return Scrypt(salt=salt, length=32, n=2**15, r=8, p=1).derive(passphrase.encode())


def _chunk_aad(index: int, last: bool) -> bytes:
    return MAGIC + index.to_bytes(8, "big") + (b"\x01" if last else b"\x00")


def encrypt_stream(source: BinaryIO, target: BinaryIO, passphrase: str) -> None:
    salt = secrets.token_bytes(_SALT_BYTES)
    cipher = AESGCM(_derive(passphrase, salt))
    target.write(MAGIC + salt)
    index = 0
    chunk = source.read(CHUNK)
    while True:
        following = source.read(CHUNK)
        last = not following
        nonce = secrets.token_bytes(12)
        sealed = cipher.encrypt(nonce, chunk, _chunk_aad(index, last))
        target.write(len(sealed).to_bytes(4, "big") + nonce + sealed)
        if last:
            return
        chunk = following
        index += 1


def decrypt_stream(source: BinaryIO, target: BinaryIO, passphrase: str) -> None:
    if source.read(len(MAGIC)) != MAGIC:
        raise BackupError("this is not a rightsdesk backup")
    cipher = AESGCM(_derive(passphrase, source.read(_SALT_BYTES)))
    index = 0
    while True:
        header = source.read(4)
        if len(header) < 4:
            raise BackupError("the backup is truncated")
        sealed_length = int.from_bytes(header, "big")
        nonce = source.read(12)
        sealed = source.read(sealed_length)
        if len(sealed) < sealed_length:
            raise BackupError("the backup is truncated")
        at_end = source.read(1) == b""
        if not at_end:
            source.seek(-1, os.SEEK_CUR)
        try:
            target.write(cipher.decrypt(nonce, sealed, _chunk_aad(index, at_end)))
        except Exception as exc:  # InvalidTag: wrong passphrase or altered bytes
            raise BackupError(f"chunk {index} failed verification: wrong passphrase or an altered backup") from exc
        if at_end:
            return
        index += 1


# Manifest -------------------------------------------------------------------


def _tables() -> list[str]:
    return sorted(m._meta.db_table for m in apps.get_models() if m._meta.managed and not m._meta.proxy)


def _rows(table: str) -> Iterator[tuple[Any, ...]]:
    quoted = connection.ops.quote_name(table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {quoted} ORDER BY 1")  # noqa: S608  # nosec B608 - table names come from the models  # nosemgrep: no-sql-built-from-strings - table names from the models, quoted
        yield from cursor.fetchall()


def _row_hash(row: tuple[Any, ...]) -> str:
    canonical = json.dumps([v if isinstance(v, int | float | bool | type(None)) else str(v) for v in row])
    return hashlib.sha256(canonical.encode()).hexdigest()


def files_root() -> Path:
    return Path(settings.FILES_ROOT)


def build_manifest() -> dict[str, Any]:
    tables = {}
    for table in _tables():
        tables[table] = {str(row[0]): _row_hash(row) for row in _rows(table)}
    files = {
        str(p.relative_to(files_root())): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(files_root().rglob("*"))
        if p.is_file()
    }
    return {"database": connection.vendor, "tables": tables, "files": files}


def manifest_digest(manifest: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(manifest, sort_keys=True).encode()).hexdigest()


# Database dumps ---------------------------------------------------------------


def _pg_params() -> list[str]:
    params = connection.get_connection_params()
    args = ["-h", str(params.get("host") or "127.0.0.1"), "-p", str(params.get("port") or 5432)]
    if params.get("user"):
        args += ["-U", str(params["user"])]
    return args


def _pg_env() -> dict[str, str]:
    env = dict(os.environ)
    password = connection.get_connection_params().get("password")
    if password:
        env["PGPASSWORD"] = str(password)
    return env


def dump_database(target: Path) -> None:
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        destination = sqlite3.connect(target)
        with destination:
            connection.connection.backup(destination)
        destination.close()
        return
    if connection.vendor == "postgresql":
        name = connection.settings_dict["NAME"]
        subprocess.run(  # noqa: S603
            ["pg_dump", *_pg_params(), "--format=custom", "--no-owner", "-f", str(target), name],  # noqa: S607
            check=True,
            env=_pg_env(),
            capture_output=True,
            timeout=3600,
        )
        return
    raise BackupError(f"backups of {connection.vendor} databases are not supported")


def load_database(source: Path) -> None:
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        origin = sqlite3.connect(source)
        with origin:
            origin.backup(connection.connection)
        origin.close()
        return
    name = connection.settings_dict["NAME"]
    subprocess.run(  # noqa: S603
        [  # noqa: S607 - the PostgreSQL client tools on PATH
            "pg_restore",
            *_pg_params(),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "-d",
            name,
            str(source),
        ],
        check=True,
        env=_pg_env(),
        capture_output=True,
        timeout=3600,
    )


# Backup and restore --------------------------------------------------------------


@dataclass(frozen=True)
class BackupSummary:
    rows: int
    files: int
    digest: str


def _summary(manifest: dict[str, Any]) -> BackupSummary:
    return BackupSummary(
        rows=sum(len(rows) for rows in manifest["tables"].values()),
        files=len(manifest["files"]),
        digest=manifest_digest(manifest),
    )


def backup(path: Path, passphrase: str) -> BackupSummary:
    manifest = build_manifest()
    with tempfile.TemporaryDirectory(prefix="rightsdesk-backup-") as work:
        dump = Path(work) / "database.dump"
        dump_database(dump)
        archive = io.BytesIO()
        with tarfile.open(fileobj=archive, mode="w") as tar:
            tar.add(dump, arcname="database.dump")
            tar.add(crypto.keys_path(), arcname="keys.json")
            if files_root().exists():
                tar.add(files_root(), arcname="files")
            data = json.dumps(manifest, sort_keys=True).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
        archive.seek(0)
        partial = path.with_name(path.name + ".partial")
        with partial.open("wb") as handle:
            encrypt_stream(archive, handle, passphrase)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, path)
    return _summary(manifest)


def read_backup(path: Path, passphrase: str, into: Path) -> dict[str, Any]:
    """Decrypt and unpack into a folder; nothing of the installation is touched."""
    plain = io.BytesIO()
    with path.open("rb") as handle:
        decrypt_stream(handle, plain, passphrase)
    plain.seek(0)
    with tarfile.open(fileobj=plain, mode="r") as tar:
        tar.extractall(into, filter="data")
    manifest: dict[str, Any] = json.loads((into / "manifest.json").read_text())
    return manifest


def verify(path: Path, passphrase: str) -> BackupSummary:
    with tempfile.TemporaryDirectory(prefix="rightsdesk-verify-") as work:
        return _summary(read_backup(path, passphrase, Path(work)))


def restore(path: Path, passphrase: str) -> BackupSummary:
    """Restore into this installation and prove it matches the backup's manifest."""
    with tempfile.TemporaryDirectory(prefix="rightsdesk-restore-") as work:
        folder = Path(work)
        expected = read_backup(path, passphrase, folder)
        if expected["database"] != connection.vendor:
            raise BackupError(
                f"this backup is of a {expected['database']} database; this installation uses {connection.vendor}"
            )
        load_database(folder / "database.dump")
        keys = crypto.keys_path()
        keys.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(folder / "keys.json", keys)
        os.chmod(keys, 0o600)
        crypto.forget_cached_keyring()
        if files_root().exists():
            shutil.rmtree(files_root())
        if (folder / "files").exists():
            shutil.copytree(folder / "files", files_root())
    actual = build_manifest()
    if manifest_digest(actual) != manifest_digest(expected):
        raise BackupError("the restored data does not match the backup's manifest")
    _anchor_restored_chain()
    return _summary(actual)


def _anchor_restored_chain() -> None:
    """The restored chain is the one to trust now; the anchor of the replaced database would call it truncated."""
    from audit.anchor import Anchor, reset_anchor
    from audit.models import AuditEntry

    newest = AuditEntry.objects.order_by("-seq").only("seq", "hash").first()
    reset_anchor(Anchor(newest.seq, newest.hash) if newest else None)
