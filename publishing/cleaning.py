"""Cleaned copies of evidence files for the public: what the picture or the pages show, nothing the file says.

A photograph from a phone names the camera, often the owner, the time and the
place it was taken (EXIF and GPS); editing software adds XMP with authors and
history; a PDF carries an information dictionary, XMP, earlier revisions,
comments signed with their authors, attachments and scripts. Any of these can
lead to a witness. So nothing is copied from the file as it came:

- a picture is decoded to pixels, turned upright by its EXIF orientation and
  encoded anew in the same format; nothing else of the original survives;
- a PDF's pages are copied into a new document without the document's
  catalogue (outline, scripts, attachments, forms, XMP), without its
  information dictionary and without the pages' comments, links, actions,
  thumbnails and private application data; pictures placed in the pages keep
  their image data but lose their EXIF, XMP and comment segments.

Every cleaned copy is read back and checked before it is accepted. A file that
cannot be cleaned, or whose copy does not pass the check, is refused.
"""

import io
import struct
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from PIL import Image, ImageCms, ImageOps
from pypdf import PasswordType, PdfReader, PdfWriter
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject, StreamObject

# The kinds of file that can be cleaned, by the type their bytes were found to be at upload.
IMAGE_FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP"}
EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp", "application/pdf": "pdf"}
# Below Pillow's own decompression-bomb threshold, so an accepted picture never trips its warning.
MAX_PIXELS = 80_000_000
MAX_PDF_PAGES = 2_000

# What a page may not bring along, wherever it appears among the objects the page uses.
_PDF_DROPPED_KEYS = (
    "/Metadata",  # XMP: authors, tools, history, sometimes the place
    "/PieceInfo",  # private data of the application that made the file
    "/Annots",  # comments (signed with their author), links, attachments, form widgets
    "/AA",  # actions run when a page opens or closes
    "/A",
    "/JS",
    "/AF",  # associated (embedded) files
    "/Thumb",
    "/B",  # article threads of the dropped catalogue
    "/LastModified",
    "/OutputIntents",
)
# JPEG markers whose segments describe the file rather than the picture: APP1 (EXIF, XMP), APP2 (ICC,
# FlashPix), APP3–APP13 (among them Photoshop's IPTC with captions and bylines), APP15 and comments.
# APP0 (JFIF) and APP14 (Adobe: how to read the colours) are needed to decode the picture.
_JPEG_KEPT_APP = {0xE0, 0xEE}
_JPEG_COMMENT = 0xFE
# JPEG 2000 boxes that hold metadata: XML (XMP), UUID (EXIF, XMP, GeoJP2) and UUID info.
_JP2_DROPPED_BOXES = {b"xml ", b"uuid", b"uinf"}
# What a cleaned PNG or WebP may contain: the picture, its palette and transparency.
_PNG_KEPT_CHUNKS = {b"IHDR", b"PLTE", b"tRNS", b"IDAT", b"IEND"}
_WEBP_KEPT_CHUNKS = {b"VP8 ", b"VP8L", b"VP8X", b"ALPH"}


class CleaningRefused(ValueError):
    """The file cannot be published: the message says why, for the editor."""


@dataclass(frozen=True)
class CleanedFile:
    content: bytes
    content_type: str
    extension: str
    width: int = 0
    height: int = 0
    pages: int = 0


def clean(content: bytes, content_type: str) -> CleanedFile:
    """A copy of the file without its metadata; raises CleaningRefused if that cannot be made."""
    if content_type == "application/pdf":
        return _clean_pdf(content)
    if content_type in IMAGE_FORMATS:
        return _clean_image(content, content_type)
    raise CleaningRefused(_("Only pictures (JPEG, PNG, WebP) and PDF files can be published."))


# Pictures ---------------------------------------------------------------------


def _unreadable_picture() -> CleaningRefused:
    return CleaningRefused(_("The picture could not be read, so it cannot be cleaned for publication."))


def _clean_image(content: bytes, content_type: str) -> CleanedFile:
    fmt = IMAGE_FORMATS[content_type]
    try:
        with warnings.catch_warnings():
            # A picture too large to be decoded safely is refused rather than decoded.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(content), formats=[fmt]) as original:
                if original.width * original.height > MAX_PIXELS:
                    raise CleaningRefused(_("The picture is too large to be cleaned for publication."))
                if getattr(original, "n_frames", 1) > 1:
                    raise CleaningRefused(_("Animated pictures cannot be published."))
                original.load()
                profile = original.info.get("icc_profile")
                upright = ImageOps.exif_transpose(original)
        pixels = _plain_pixels(upright, profile, fmt)
        # Built from the raw pixels alone: no info, EXIF, XMP, profile or text the decoder kept.
        fresh = Image.frombytes(pixels.mode, pixels.size, pixels.tobytes())
        out = io.BytesIO()
        if fmt == "JPEG":
            fresh.save(out, format="JPEG", quality=92)
        elif fmt == "PNG":
            fresh.save(out, format="PNG")
        else:
            fresh.save(out, format="WEBP", quality=92)
    except CleaningRefused:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise CleaningRefused(_("The picture is too large to be cleaned for publication.")) from None
    except (OSError, SyntaxError, ValueError, TypeError, KeyError, IndexError, struct.error, EOFError):
        raise _unreadable_picture() from None
    cleaned = out.getvalue()
    _check_image(cleaned, fmt)
    return CleanedFile(cleaned, content_type, EXTENSIONS[content_type], width=fresh.width, height=fresh.height)


def _plain_pixels(image: Image.Image, profile: Any, fmt: str) -> Image.Image:
    """The picture in a mode the format can store, its colours moved into sRGB if it carried a profile.

    The profile itself is not published (it can hold free text); converting first keeps the colours
    of, for example, a phone's wide-gamut photograph from looking washed out without it.
    """
    if isinstance(profile, bytes) and profile and image.mode in ("RGB", "RGBA", "CMYK"):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
            srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
            converted = ImageCms.profileToProfile(
                image, source, srgb, outputMode="RGBA" if image.mode == "RGBA" else "RGB"
            )
            if converted is not None:
                image = converted
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # an unreadable profile is dropped like a readable one; only the colours may shift
    if image.mode.startswith("I;16") or image.mode == "I":
        # 16-bit greys (scans): converted directly they would clip to white.
        image = image.convert("I").point(lambda v: v / 256).convert("L")
    if fmt != "JPEG" and "transparency" in image.info:
        image = image.convert("RGBA")  # a transparent colour or palette entry becomes an alpha channel
    if fmt == "JPEG":
        wanted = "L" if image.mode in ("L", "1") else "RGB"
    elif image.mode in ("RGB", "RGBA") or (fmt == "PNG" and image.mode in ("L", "LA")):
        wanted = image.mode
    else:
        wanted = "RGBA" if image.mode in ("LA", "PA", "La", "RGBa") else "RGB"
    return image if image.mode == wanted else image.convert(wanted)


def _check_image(data: bytes, fmt: str) -> None:
    """Read the copy back: only picture data may be in it."""
    if fmt == "JPEG":
        ok = not any(_describes_file(marker) for marker, _start, _end in _jpeg_segments(data))
    elif fmt == "PNG":
        ok = {kind for kind, _s, _e in _png_chunks(data)} <= _PNG_KEPT_CHUNKS
    else:
        ok = {kind for kind, _s, _e in _riff_chunks(data)} <= _WEBP_KEPT_CHUNKS
    if not ok:
        raise CleaningRefused(_("The cleaned copy still carried metadata, so the file was not published."))


def _describes_file(marker: int) -> bool:
    return marker == _JPEG_COMMENT or (0xE0 <= marker <= 0xEF and marker not in _JPEG_KEPT_APP)


def _jpeg_segments(data: bytes) -> Iterator[tuple[int, int, int]]:
    """(marker, start, end) of each marker segment before the picture data begins."""
    if data[:2] != b"\xff\xd8":
        raise _unreadable_picture()
    position = 2
    while position + 4 <= len(data):
        if data[position] != 0xFF:
            raise _unreadable_picture()
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte
            position += 1
            continue
        if marker == 0xD9:  # end of image
            return
        (length,) = struct.unpack(">H", data[position + 2 : position + 4])
        end = position + 2 + length
        if length < 2 or end > len(data):
            raise _unreadable_picture()
        yield marker, position, end
        if marker == 0xDA:  # start of scan: what follows is compressed picture data
            return
        position = end
    raise _unreadable_picture()


def _strip_jpeg(data: bytes) -> bytes:
    """The same JPEG without its metadata segments; the picture data is copied byte for byte."""
    kept = [data[:2]]
    last_end = 2
    for marker, start, end in _jpeg_segments(data):
        if _describes_file(marker):
            kept.append(data[last_end:start])
        else:
            kept.append(data[last_end:end])
        last_end = end
    kept.append(data[last_end:])
    return b"".join(kept)


def _png_chunks(data: bytes) -> Iterator[tuple[bytes, int, int]]:
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise _unreadable_picture()
    position = 8
    while position + 12 <= len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        end = position + 12 + length
        yield kind, position, end
        position = end


def _riff_chunks(data: bytes) -> Iterator[tuple[bytes, int, int]]:
    if data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        raise _unreadable_picture()
    position = 12
    while position + 8 <= len(data):
        kind = data[position : position + 4]
        (length,) = struct.unpack("<I", data[position + 4 : position + 8])
        end = position + 8 + length + (length & 1)
        yield kind, position, end
        position = end


def _strip_jp2(data: bytes) -> bytes:
    """A JPEG 2000 file without its XML and UUID boxes; a bare codestream is left as it is."""
    if data[4:8] != b"jP  ":
        return data
    kept = []
    position = 0
    while position + 8 <= len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        header = 8
        if length == 1:
            (length,) = struct.unpack(">Q", data[position + 8 : position + 16])
            header = 16
        end = len(data) if length == 0 else position + length
        if end > len(data) or (length != 0 and length < header):
            raise CleaningRefused(_("A picture inside the PDF could not be read, so the PDF cannot be cleaned."))
        if kind not in _JP2_DROPPED_BOXES:
            kept.append(data[position:end])
        position = end
    return b"".join(kept)


# PDF --------------------------------------------------------------------------


def _unreadable_pdf() -> CleaningRefused:
    return CleaningRefused(_("The PDF could not be read, so it cannot be cleaned for publication."))


def _clean_pdf(content: bytes) -> CleanedFile:
    try:
        reader = PdfReader(io.BytesIO(content), strict=False)
        if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
            raise CleaningRefused(_("The PDF is protected by a password; publish an unprotected copy."))
        form = reader.root_object.get("/AcroForm")
        form = form.get_object() if form is not None else None
        if isinstance(form, DictionaryObject) and form.get("/Fields"):
            # Dropping the fields would publish the form blank; a signature field names its signer.
            raise CleaningRefused(
                _("The PDF has form fields or a digital signature; print it to a new PDF and publish that.")
            )
        if len(reader.pages) > MAX_PDF_PAGES:
            raise CleaningRefused(_("The PDF has too many pages to be cleaned for publication."))
        writer = PdfWriter()
        for page in reader.pages:
            writer.add_page(page, excluded_keys=_PDF_DROPPED_KEYS)
        writer.metadata = None
        for obj in _reachable(writer.root_object):
            if isinstance(obj, StreamObject):
                _strip_embedded_picture(obj)
        out = io.BytesIO()
        writer.write(out)
        pages = len(writer.pages)
    except CleaningRefused:
        raise
    except (PyPdfError, OSError, ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError):
        raise _unreadable_pdf() from None
    cleaned = out.getvalue()
    _check_pdf(cleaned)
    return CleanedFile(cleaned, "application/pdf", "pdf", pages=pages)


def _filters(stream: StreamObject) -> list[str]:
    value = stream.get("/Filter")
    if value is None:
        return []
    value = value.get_object()
    if isinstance(value, ArrayObject):
        return [str(v.get_object()) for v in value]
    return [str(value)]


def _strip_embedded_picture(stream: StreamObject) -> None:
    filters = _filters(stream)
    if not ({"/DCTDecode", "/DCT", "/JPXDecode"} & set(filters)):
        return
    if len(filters) != 1:
        # A JPEG wrapped in another compression cannot be cleaned without recompressing it.
        raise CleaningRefused(_("A picture inside the PDF is stored in a way that cannot be cleaned."))
    # The stream's bytes as stored (get_data() would decode other filters); a JPEG's are the JPEG file.
    raw = stream._data
    cleaned = _strip_jpeg(raw) if filters[0] in ("/DCTDecode", "/DCT") else _strip_jp2(raw)
    # StreamObject.set_data stores the bytes as they are (still encoded); the subclass only re-encodes Flate.
    StreamObject.set_data(stream, cleaned)


def _reachable(root: Any) -> Iterator[Any]:
    """Every dictionary, array and stream reachable from `root`, each once."""
    seen: set[int] = set()
    pending = [root]
    while pending:
        item = pending.pop()
        if isinstance(item, IndirectObject):
            key = item.idnum
            if key in seen:
                continue
            seen.add(key)
            item = item.get_object()
        if isinstance(item, DictionaryObject):
            yield item
            pending.extend(value for name, value in item.items() if name != "/Parent")
        elif isinstance(item, ArrayObject):
            yield item
            pending.extend(item)


def _check_pdf(data: bytes) -> None:
    """Read the copy back: no information dictionary, no catalogue entries but the pages, nothing dropped left."""

    def refuse() -> CleaningRefused:
        return CleaningRefused(_("The cleaned copy still carried metadata, so the file was not published."))

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if "/Info" in reader.trailer:
            raise refuse()
        if set(reader.root_object.keys()) - {"/Type", "/Pages"}:
            raise refuse()
        for obj in _reachable(reader.root_object):
            if isinstance(obj, DictionaryObject) and (
                set(obj.keys()) & {*_PDF_DROPPED_KEYS, "/JavaScript", "/EmbeddedFiles", "/OpenAction"}
                or obj.get("/Type") == NameObject("/EmbeddedFile")
            ):
                raise refuse()
            jpeg = isinstance(obj, StreamObject) and bool(set(_filters(obj)) & {"/DCTDecode", "/DCT"})
            if jpeg and any(_describes_file(marker) for marker, _s, _e in _jpeg_segments(obj._data)):
                raise refuse()
    except CleaningRefused:
        raise
    except (PyPdfError, OSError, ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError):
        raise _unreadable_pdf() from None
