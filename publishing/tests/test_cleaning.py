"""The cleaner on the kinds of file an editor may publish, and the ones it refuses."""

import io

import pytest
from PIL import ExifTags, Image, ImageCms, PngImagePlugin
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject, TextStringObject

from publishing.cleaning import CleaningRefused, clean
from publishing.tests.evidence_files import BLUE, RED, jpeg_with_exif, pdf_with_metadata, photo_exif, xmp


def _chunks(png: bytes) -> list[bytes]:
    found, position = [], 8
    while position < len(png):
        length = int.from_bytes(png[position : position + 4], "big")
        found.append(png[position + 4 : position + 8])
        position += 12 + length
    return found


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4)).save(out, "PNG")
    return out.getvalue()


def _upright_exif():
    exif = photo_exif("Canary")
    del exif[ExifTags.Base.Orientation]
    return exif


def _picture_with_alpha() -> Image.Image:
    picture = Image.new("RGBA", (40, 20), (*RED, 255))
    picture.paste((*BLUE, 0), (20, 0, 40, 20))
    return picture


def test_a_png_loses_its_text_exif_xmp_and_profile_and_keeps_its_transparency():
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "CanaryAuthor")
    info.add_itxt("XML:com.adobe.xmp", xmp("CanaryXmp").decode())
    info.add_text("Comment", "CanaryComment", zip=True)
    out = io.BytesIO()
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    _picture_with_alpha().save(out, "PNG", pnginfo=info, exif=_upright_exif(), icc_profile=srgb)
    assert {b"tEXt", b"iTXt", b"zTXt", b"eXIf", b"iCCP"} <= set(_chunks(out.getvalue()))

    cleaned = clean(out.getvalue(), "image/png")

    assert set(_chunks(cleaned.content)) <= {b"IHDR", b"IDAT", b"IEND"}
    assert b"Canary" not in cleaned.content
    picture = Image.open(io.BytesIO(cleaned.content))
    assert picture.mode == "RGBA"
    assert picture.getpixel((5, 5)) == (*RED, 255)
    assert picture.getpixel((35, 5))[3] == 0
    assert (cleaned.width, cleaned.height, cleaned.extension) == (40, 20, "png")


def test_a_webp_loses_its_exif_xmp_and_profile():
    out = io.BytesIO()
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    _picture_with_alpha().save(out, "WEBP", exif=_upright_exif(), xmp=xmp("CanaryXmp"), icc_profile=srgb)
    assert b"CanaryArtist" in out.getvalue()

    cleaned = clean(out.getvalue(), "image/webp")

    assert b"Canary" not in cleaned.content
    for chunk in (b"EXIF", b"XMP ", b"ICCP"):
        assert chunk not in cleaned.content
    picture = Image.open(io.BytesIO(cleaned.content))
    assert dict(picture.getexif()) == {}
    assert picture.size == (40, 20)


def test_a_colour_profile_is_applied_and_dropped():
    """Profiles can carry free text; the colours are moved into sRGB and the profile is not published."""
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    out = io.BytesIO()
    Image.new("RGB", (8, 8), RED).save(out, "JPEG", icc_profile=srgb, quality=95)
    picture = Image.open(io.BytesIO(clean(out.getvalue(), "image/jpeg").content))
    assert "icc_profile" not in picture.info
    assert max(abs(a - b) for a, b in zip(picture.getpixel((4, 4)), RED, strict=True)) < 12

    # A print-ready CMYK picture whose profile cannot even be read is still published, in RGB.
    out = io.BytesIO()
    Image.new("CMYK", (8, 8), (0, 180, 200, 40)).save(out, "JPEG", icc_profile=b"CanaryProfileText")
    cleaned = clean(out.getvalue(), "image/jpeg")
    assert Image.open(io.BytesIO(cleaned.content)).mode == "RGB"
    assert b"Canary" not in cleaned.content


def test_a_jpeg_keeps_its_size_and_loses_every_metadata_segment():
    cleaned = clean(jpeg_with_exif(), "image/jpeg")
    markers = []
    position = 2
    data = cleaned.content
    while data[position + 1] != 0xDA:
        markers.append(data[position + 1])
        position += 2 + int.from_bytes(data[position + 2 : position + 4], "big")
    assert [m for m in markers if 0xE1 <= m <= 0xEF or m == 0xFE] == []
    assert (cleaned.width, cleaned.height) == (32, 64)  # stored 64×32, to be turned a quarter


def test_an_animated_picture_is_refused():
    frames = [Image.new("RGB", (10, 10), RED), Image.new("RGB", (10, 10), BLUE)]
    out = io.BytesIO()
    frames[0].save(out, "WEBP", save_all=True, append_images=frames[1:])
    with pytest.raises(CleaningRefused, match="Animated"):
        clean(out.getvalue(), "image/webp")


@pytest.mark.parametrize(
    ("content", "content_type"),
    [
        (b"\xff\xd8\xff\xe0" + b"\x00" * 40, "image/jpeg"),
        (jpeg_with_exif()[:400], "image/jpeg"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "image/png"),
        (b"RIFF\x10\x00\x00\x00WEBPVP8 " + b"\x00" * 8, "image/webp"),
        # Only the format the upload check found is decoded: a PNG is not read as a JPEG.
        (_png(), "image/jpeg"),
        (b"%PDF-1.4\n%%EOF\n", "application/pdf"),
        (pdf_with_metadata()[:300], "application/pdf"),
        (b"plain text", "text/plain"),
    ],
)
def test_a_broken_or_unsupported_file_is_refused_with_a_message(content, content_type):
    with pytest.raises(CleaningRefused) as refused:
        clean(content, content_type)
    assert str(refused.value).endswith(".")


def _pdf(writer: PdfWriter) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_password_protected_pdf_is_refused_but_one_that_opens_without_a_password_is_cleaned():
    locked = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_with_metadata())))
    locked.encrypt(user_password="secret", owner_password="owner", algorithm="AES-128")
    with pytest.raises(CleaningRefused, match="password"):
        clean(_pdf(locked), "application/pdf")

    restricted = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_with_metadata())))
    restricted.encrypt(user_password="", owner_password="owner", algorithm="AES-128")
    cleaned = clean(_pdf(restricted), "application/pdf")
    reader = PdfReader(io.BytesIO(cleaned.content))
    assert not reader.is_encrypted
    assert reader.metadata is None
    assert "Seen on Republic Square" in reader.pages[0].extract_text()


def test_a_pdf_with_form_fields_or_a_signature_is_refused():
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_with_metadata())))
    field = DictionaryObject(
        {
            NameObject("/FT"): NameObject("/Sig"),
            NameObject("/T"): TextStringObject("Signature of CanarySigner"),
        }
    )
    writer._root_object[NameObject("/AcroForm")] = DictionaryObject(
        {NameObject("/Fields"): ArrayObject([writer._add_object(field)])}
    )
    with pytest.raises(CleaningRefused, match="form fields"):
        clean(_pdf(writer), "application/pdf")


def test_a_pdf_loses_the_earlier_revisions_kept_in_the_file():
    """An edited PDF often still holds the text it replaced; the cleaned copy holds only what is shown."""
    original = pdf_with_metadata(text="CanaryFirstDraft names the witness")
    update = PdfWriter(io.BytesIO(original), incremental=True)
    content = DecodedStreamObject()
    content.set_data(b"BT /F1 12 Tf 10 60 Td (Seen on Republic Square) Tj ET")
    update.pages[0][NameObject("/Contents")] = update._add_object(content)
    edited = _pdf(update)
    assert b"CanaryFirstDraft" in edited

    cleaned = clean(edited, "application/pdf").content

    assert b"CanaryFirstDraft" not in cleaned
    page = PdfReader(io.BytesIO(cleaned)).pages[0]
    assert page.extract_text() == "Seen on Republic Square"


def _palette_picture() -> Image.Image:
    picture = Image.new("P", (8, 8), 3)
    picture.putpalette([0, 0, 0, 10, 10, 10, 20, 20, 20, 200, 100, 50] * 64)
    return picture


@pytest.mark.parametrize(
    ("picture", "options", "content_type", "expected"),
    [
        (_palette_picture(), {"transparency": 3}, "image/png", (200, 100, 50, 0)),
        (_palette_picture(), {}, "image/png", (200, 100, 50, 255)),
        (Image.new("RGB", (8, 8), (1, 2, 3)), {"transparency": (1, 2, 3)}, "image/png", (1, 2, 3, 0)),
        (Image.new("LA", (8, 8), (100, 50)), {}, "image/png", (100, 100, 100, 50)),
        (Image.new("LA", (8, 8), (100, 50)), {}, "image/webp", (100, 100, 100, 50)),
        (Image.new("I;16", (8, 8), 40000), {}, "image/png", (156, 156, 156, 255)),  # 16-bit grey, not white
        (Image.new("L", (8, 8), 100), {}, "image/jpeg", (100, 100, 100, 255)),
    ],
)
def test_colours_greys_and_transparency_are_kept(picture, options, content_type, expected):
    out = io.BytesIO()
    picture.save(out, {"image/png": "PNG", "image/webp": "WEBP", "image/jpeg": "JPEG"}[content_type], **options)
    cleaned = Image.open(io.BytesIO(clean(out.getvalue(), content_type).content))
    assert cleaned.convert("RGBA").getpixel((1, 1)) == expected
