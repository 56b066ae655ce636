"""Evidence files as cameras and office software make them: full of metadata, for the tests to publish."""

import io

from PIL import ExifTags, Image
from pypdf import PdfWriter
from pypdf.annotations import Text
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    StreamObject,
    TextStringObject,
)

RED = (220, 20, 20)
BLUE = (20, 20, 220)
# As a phone held upright stores a photograph: 64×32 pixels, "rotate 90° clockwise to view".
STORED_SIZE = (64, 32)
ORIENTATION_ROTATE_90_CW = 6


def xmp(creator: str) -> bytes:
    return (
        b'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
        b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        b'<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>'
        + creator.encode()
        + b'</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
    )


def two_colour_picture() -> Image.Image:
    """Left half red, right half blue, as stored (before the orientation is applied)."""
    picture = Image.new("RGB", STORED_SIZE, RED)
    picture.paste(BLUE, (STORED_SIZE[0] // 2, 0, STORED_SIZE[0], STORED_SIZE[1]))
    return picture


def photo_exif(canary: str) -> Image.Exif:
    exif = Image.Exif()
    exif[ExifTags.Base.Artist] = f"{canary}Artist"
    exif[ExifTags.Base.ImageDescription] = f"{canary}Description"
    exif[ExifTags.Base.Make] = f"{canary}Phone"
    exif[ExifTags.Base.Orientation] = ORIENTATION_ROTATE_90_CW
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (43.0, 14.0, 17.0),
        ExifTags.GPS.GPSLongitudeRef: "E",
        ExifTags.GPS.GPSLongitude: (76.0, 56.0, 44.0),
    }
    return exif


def jpeg_with_exif(canary: str = "Canary") -> bytes:
    out = io.BytesIO()
    two_colour_picture().save(
        out, "JPEG", quality=95, exif=photo_exif(canary), xmp=xmp(f"{canary}XmpCreator"), comment=f"{canary}Comment"
    )
    return out.getvalue()


def pdf_with_metadata(canary: str = "Canary", *, text: str = "Seen on Republic Square") -> bytes:
    """A one-page PDF with text and a photograph, an info dictionary, XMP, a script, an attachment and a comment."""
    writer = PdfWriter()
    page = writer.add_blank_page(300, 200)
    writer.add_metadata({"/Author": f"{canary}Author", "/Title": f"{canary}Title", "/Creator": f"{canary}Creator"})
    writer.xmp_metadata = xmp(f"{canary}XmpAuthor")
    writer._root_object[NameObject("/OpenAction")] = DictionaryObject(
        {
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject(f"app.alert('{canary}Script')"),
        }
    )
    writer.add_attachment(f"{canary}Attachment.txt", f"{canary}AttachedText".encode())
    photo = StreamObject()
    photo.set_data(jpeg_with_exif(f"{canary}Embedded"))
    photo.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Image"),
            NameObject("/Width"): NumberObject(STORED_SIZE[0]),
            NameObject("/Height"): NumberObject(STORED_SIZE[1]),
            NameObject("/ColorSpace"): NameObject("/DeviceRGB"),
            NameObject("/BitsPerComponent"): NumberObject(8),
            NameObject("/Filter"): NameObject("/DCTDecode"),
        }
    )
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    page[NameObject("/Resources")] = DictionaryObject(
        {
            NameObject("/XObject"): DictionaryObject({NameObject("/Im0"): writer._add_object(photo)}),
            NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)}),
        }
    )
    content = DecodedStreamObject()
    content.set_data(f"q 128 0 0 64 10 120 cm /Im0 Do Q BT /F1 12 Tf 10 60 Td ({text}) Tj ET".encode())
    page[NameObject("/Contents")] = writer._add_object(content)
    comment = Text(text=f"{canary}CommentText", rect=(0, 0, 20, 20))
    comment[NameObject("/T")] = TextStringObject(f"{canary}CommentAuthor")
    writer.add_annotation(0, comment)
    page[NameObject("/PieceInfo")] = DictionaryObject(
        {NameObject("/Illustrator"): DictionaryObject({NameObject("/Private"): TextStringObject(f"{canary}Private")})}
    )
    page[NameObject("/B")] = ArrayObject()
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
