"""Encryption of the most dangerous data, under keys kept outside the database.

- Field values and files: AES-256-GCM (authenticated), each value with a fresh
  96-bit nonce and the name of what it belongs to as associated data, so a
  ciphertext moved to another column or file does not decrypt.
- Exact-match and prefix search without plaintext: keyed hashes (HMAC-SHA256)
  of normalised words and their prefixes, the "blind index".

The keyring is a JSON file (var/keys.json by default, RIGHTSDESK_KEYS_FILE to
put it elsewhere, for example on a removable disk), created once with mode
0600. It holds several encryption keys: the newest encrypts, all decrypt, so
`rightsdesk rotate_keys` can re-encrypt everything without downtime.
"""

import base64
import hashlib
import hmac
import json
import os
import secrets
import threading
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings

PREFIX = "enc1"
_NONCE_BYTES = 12
_lock = threading.Lock()


class DecryptionError(ValueError):
    pass


@dataclass(frozen=True)
class Keyring:
    encryption_keys: dict[str, bytes]
    primary: str
    index_key: bytes
    # One AESGCM object per key, made on first use: every encrypted value read goes through here.
    _ciphers: dict[str, AESGCM] = field(default_factory=dict, compare=False, repr=False)

    def cipher(self, key_id: str) -> AESGCM:
        found = self._ciphers.get(key_id)
        if found is None:
            try:
                found = self._ciphers[key_id] = AESGCM(self.encryption_keys[key_id])
            except KeyError:
                raise DecryptionError(f"key {key_id!r} is not in the keyring") from None
        return found


def keys_path() -> Path:
    return Path(_keys_location())


# Read once: it is the process's configuration, and this runs for every encrypted value.
_KEYS_FILE_FROM_ENVIRONMENT = os.environ.get("RIGHTSDESK_KEYS_FILE")


def _keys_location() -> str:
    return _KEYS_FILE_FROM_ENVIRONMENT or f"{settings.VAR_DIR}/keys.json"


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text.encode())


def _new_key_id(existing: dict[str, bytes]) -> str:
    return f"k{len(existing) + 1}-{secrets.token_hex(3)}"


def _write(path: Path, ring: Keyring) -> None:
    data = {
        "primary": ring.primary,
        "encryption_keys": {kid: _b64(key) for kid, key in ring.encryption_keys.items()},
        "index_key": _b64(ring.index_key),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        json.dump(data, handle, indent=1)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def _read(path: Path) -> Keyring:
    data = json.loads(path.read_text())
    return Keyring(
        encryption_keys={kid: _unb64(key) for kid, key in data["encryption_keys"].items()},
        primary=data["primary"],
        index_key=_unb64(data["index_key"]),
    )


# path -> (file modification time, when it was last checked, keyring)
_cache: dict[str, tuple[float, float, Keyring]] = {}
_RECHECK_SECONDS = 1.0


def keyring() -> Keyring:
    """The keyring, re-read when its file changes (so a rotation reaches every worker).

    The file's modification time is looked at most once a second: this runs
    for every encrypted value read or written.
    """
    location = _keys_location()
    cached = _cache.get(location)
    # The common case, without the lock: read within the last second.
    if cached is not None and time.monotonic() - cached[1] < _RECHECK_SECONDS:
        return cached[2]
    with _lock:
        cached = _cache.get(location)
        now = time.monotonic()
        path = Path(location)
        if cached is not None:
            mtime, checked, ring = cached
            if now - checked < _RECHECK_SECONDS:
                return ring
            try:
                if path.stat().st_mtime == mtime:
                    _cache[location] = (mtime, now, ring)
                    return ring
            except FileNotFoundError:
                return ring
        if not path.exists():
            key_id = _new_key_id({})
            ring = Keyring({key_id: AESGCM.generate_key(bit_length=256)}, key_id, secrets.token_bytes(32))
            # O_EXCL semantics: a second process starting at once reads what the first wrote.
            try:
                fd = os.open(path.with_suffix(".lock"), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                os.close(fd)
                _write(path, ring)
            except FileExistsError:
                pass
        ring = _read(path)
        _cache[location] = (path.stat().st_mtime, time.monotonic(), ring)
        return ring


def forget_cached_keyring() -> None:
    with _lock:
        _cache.clear()


def add_encryption_key() -> str:
    """Add a new primary key; older keys stay so existing values still decrypt."""
    ring = keyring()
    key_id = _new_key_id(ring.encryption_keys)
    keys = dict(ring.encryption_keys)
    keys[key_id] = AESGCM.generate_key(bit_length=256)
    _write(keys_path(), Keyring(keys, key_id, ring.index_key))
    forget_cached_keyring()
    return key_id


def replace_index_key() -> None:
    ring = keyring()
    _write(keys_path(), Keyring(ring.encryption_keys, ring.primary, secrets.token_bytes(32)))
    forget_cached_keyring()


def retire_keys_except(keep: str) -> list[str]:
    ring = keyring()
    retired = [kid for kid in ring.encryption_keys if kid != keep]
    _write(keys_path(), Keyring({keep: ring.encryption_keys[keep]}, keep, ring.index_key))
    forget_cached_keyring()
    return retired


def encrypt_bytes(plain: bytes, context: str) -> bytes:
    ring = keyring()
    nonce = secrets.token_bytes(_NONCE_BYTES)
    key_id = ring.primary.encode()
    sealed = ring.cipher(ring.primary).encrypt(nonce, plain, context.encode())
    return bytes([len(key_id)]) + key_id + nonce + sealed


def decrypt_bytes(blob: bytes, context: str) -> bytes:
    if not blob:
        raise DecryptionError("empty ciphertext")
    id_length = blob[0]
    key_id = blob[1 : 1 + id_length].decode()
    nonce = blob[1 + id_length : 1 + id_length + _NONCE_BYTES]
    sealed = blob[1 + id_length + _NONCE_BYTES :]
    try:
        return keyring().cipher(key_id).decrypt(nonce, sealed, context.encode())
    except InvalidTag:
        raise DecryptionError(f"{context}: the value was altered or belongs elsewhere") from None


def key_id_of(blob: bytes) -> str:
    return blob[1 : 1 + blob[0]].decode()


def encrypt_text(plain: str, context: str) -> str:
    return f"{PREFIX}:{_b64(encrypt_bytes(plain.encode(), context))}"


def decrypt_text(stored: str, context: str) -> str:
    if not stored.startswith(PREFIX + ":"):
        raise DecryptionError(f"{context}: not an encrypted value")
    return decrypt_bytes(_unb64(stored[len(PREFIX) + 1 :]), context).decode()


def is_encrypted(stored: str) -> bool:
    return stored.startswith(PREFIX + ":")


def normalise(text: str) -> str:
    """Case-folded, accents removed, ё as е: the form in which words are compared."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().replace("ё", "е"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# A token is "b" and the first 60 bits of the word's keyed hash in base 32 (a-z, 2-7). Short, because
# every document stores each of its tokens twice on PostgreSQL (the body and its vector) and the index
# parses them: 13 characters instead of the 21 of 80 hex bits made 50,000 documents 6.1-6.5 s -> 4.8-5.0 s
# to store (docs/scaling.md, sixth round). With 60 bits, a searched word's token equals that of another
# word among ten million in the index about once in 10^11 searches. Lower case, because PostgreSQL's
# parser folds case; the leading letter keeps a token a word for both databases' tokenizers whatever
# the hash begins with.
TOKEN_CHARS = 12


def token_of(digest: bytes) -> str:
    """The index token of a keyed hash (HMAC-SHA256 digest)."""
    return "b" + base64.b32encode(digest[:8]).decode("ascii")[:TOKEN_CHARS].lower()


def blind_token(word: str) -> str:
    return token_of(hmac.new(keyring().index_key, normalise(word).encode(), hashlib.sha256).digest())


MIN_PREFIX = 2


def blind_tokens(words: list[str], *, with_prefixes: bool) -> list[str]:
    """Keyed hashes of each word, and of its prefixes so that "Сейт" finds "Сейткали"."""
    tokens: list[str] = []
    for word in words:
        folded = normalise(word)
        if with_prefixes:
            tokens.extend(blind_token(folded[:n]) for n in range(MIN_PREFIX, len(folded)))
        tokens.append(blind_token(folded))
    return tokens
