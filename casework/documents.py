"""Case documents on disk: checked by content, stored by random name outside the web root."""

import hashlib
import os
import re
import unicodedata
import uuid
from dataclasses import dataclass
from pathlib import Path

import filetype
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from rightsdesk import crypto

# What a case file may be, by what its bytes say it is.
ALLOWED_TYPES = {
    "application/pdf": "pdf",
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/webp": "webp",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/vnd.oasis.opendocument.text": "odt",
    "text/plain": "txt",
}
_MARKUP = re.compile(rb"<\s*(html|script|svg|body|iframe|!doctype)", re.IGNORECASE)


class UploadRejected(ValueError):
    pass


@dataclass(frozen=True)
class CheckedUpload:
    content: bytes
    content_type: str
    size: int
    sha256: str
    safe_name: str


def safe_filename(name: str) -> str:
    """The last path part of a name, without control characters; never a path."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = unicodedata.normalize("NFC", base)
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C").strip(" .")
    return base[:150] or "document"


def _sniff(head: bytes) -> str | None:
    kind = filetype.guess(head)
    if kind is not None:
        return str(kind.mime)
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return "text/plain" if "\x00" not in text else None


def check_upload(upload: "UploadedFile[bytes]") -> CheckedUpload:
    limit = settings.RIGHTSDESK_DOCUMENT_MAX_BYTES
    if upload.size is None or upload.size == 0:
        raise UploadRejected(_("The file is empty."))
    if upload.size > limit:
        raise UploadRejected(_("The file is larger than %(mb)d MB.") % {"mb": limit // (1024 * 1024)})
    content = b"".join(upload.chunks())
    content_type = _sniff(content[:8192])
    if content_type not in ALLOWED_TYPES:
        raise UploadRejected(
            _(
                "This kind of file is not accepted. Upload a PDF, an image (JPEG, PNG, WebP), "
                "a Word, Excel or OpenDocument file, or plain text."
            )
        )
    # A file that claims to be a document but carries markup is how a browser
    # is tricked into running a script; refuse rather than guess.
    if content_type in {"application/pdf", "text/plain"} and _MARKUP.search(content[:4096]):
        raise UploadRejected(_("The file contains web page markup and was refused."))
    return CheckedUpload(
        content=content,
        content_type=content_type,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        safe_name=safe_filename(upload.name or ""),
    )


def _folder() -> Path:
    folder = Path(settings.FILES_ROOT) / "documents"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder


def path_of(stored_name: str) -> Path:
    if not re.fullmatch(r"[0-9a-f]{32}", stored_name):
        raise ValueError("not a stored document name")
    return _folder() / stored_name


def _context(stored_name: str) -> str:
    return f"casework.document:{stored_name}"


def store(checked: CheckedUpload) -> str:
    """Write the file encrypted (AES-GCM, bound to its stored name) and flushed to disk."""
    stored_name = uuid.uuid4().hex
    path = path_of(stored_name)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(crypto.encrypt_bytes(checked.content, _context(stored_name)))
        handle.flush()
        os.fsync(handle.fileno())
    return stored_name


def read(stored_name: str) -> bytes:
    """The file's content; raises DecryptionError if the stored bytes were altered."""
    return crypto.decrypt_bytes(path_of(stored_name).read_bytes(), _context(stored_name))


def reencrypt_all() -> int:
    """Encrypt every stored document again under the primary key, replacing each file atomically."""
    count = 0
    for path in _folder().iterdir():
        if not re.fullmatch(r"[0-9a-f]{32}", path.name):
            continue
        sealed = crypto.encrypt_bytes(read(path.name), _context(path.name))
        tmp = path.with_name(path.name + ".new")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(sealed)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
        count += 1
    return count


def discard(stored_name: str) -> None:
    path_of(stored_name).unlink(missing_ok=True)
