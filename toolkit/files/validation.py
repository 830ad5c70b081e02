"""Checks on template files: a file is accepted only if its content is the format it claims.

Used by the admin form for uploads and by the demo-content loader for generated
and exported files, so every stored file has passed the same checks.
"""

import hashlib
import io
import logging
import re
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

import pypdf
from django.core.exceptions import ValidationError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from toolkit.files.extraction import UnreadableFile, extract_text
from toolkit.models import FileFormat

MAX_FILE_BYTES = 20 * 1024 * 1024
# Limits checked from the zip's directory before any member is decompressed (zip bombs).
MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
MAX_COMPRESSION_RATIO = 100
MAX_ZIP_MEMBERS = 5000
# A member smaller than this cannot do harm, whatever its ratio (a tiny XML file can compress 200 times).
RATIO_CHECK_FROM_BYTES = 1024 * 1024

ODF_MIMETYPES = {
    "application/vnd.oasis.opendocument.text": FileFormat.ODT,
    "application/vnd.oasis.opendocument.spreadsheet": FileFormat.ODS,
}
FORMAT_NAMES = {
    FileFormat.ODT: "an OpenDocument text file (.odt)",
    FileFormat.ODS: "an OpenDocument spreadsheet (.ods)",
    FileFormat.DOCX: "a Microsoft Word file (.docx)",
    FileFormat.XLSX: "a Microsoft Excel file (.xlsx)",
    FileFormat.PDF: "a PDF file (.pdf)",
}


@dataclass(frozen=True)
class CheckedFile:
    format: str
    data: bytes
    size: int
    sha256: str
    text: str


def human_megabytes(size):
    return f"{size / (1024 * 1024):.0f} MB"


def check_upload(upload, expected_format):
    """Check an uploaded file (a Django UploadedFile) before reading more of it than the size limit."""
    if upload.size is not None and upload.size > MAX_FILE_BYTES:
        raise ValidationError(
            f"The file is {human_megabytes(upload.size)}. It must be smaller than {human_megabytes(MAX_FILE_BYTES)}.",
            code="too_large",
        )
    extension = PurePath(upload.name or "").suffix.lower().lstrip(".")
    if extension != expected_format:
        raise ValidationError(
            f"The file name must end in .{expected_format}. This field is for {FORMAT_NAMES[expected_format]}.",
            code="wrong_extension",
        )
    upload.seek(0)
    data = upload.read(MAX_FILE_BYTES + 1)
    upload.seek(0)
    return check_file_bytes(data, expected_format)


def check_file_bytes(data, expected_format):
    """Return a CheckedFile for bytes that are really expected_format; raise ValidationError otherwise."""
    if len(data) > MAX_FILE_BYTES:
        raise ValidationError(f"The file must be smaller than {human_megabytes(MAX_FILE_BYTES)}.", code="too_large")
    if not data:
        raise ValidationError("The file is empty.", code="empty")
    found = detect_format(data, expected_format)
    if found != expected_format:
        raise ValidationError(
            f"This is {FORMAT_NAMES[found]}, not {FORMAT_NAMES[expected_format]}. Upload it in the right box.",
            code="wrong_format",
        )
    if found == FileFormat.PDF:
        check_pdf(data)
    else:
        check_archive_members(data, found)
    try:
        text = extract_text(data, found)
    except UnreadableFile:
        raise ValidationError(
            f"The file looks like {FORMAT_NAMES[found]} but its contents cannot be read. "
            "Open it, save it again and upload the new copy.",
            code="unreadable",
        ) from None
    return CheckedFile(format=found, data=data, size=len(data), sha256=hashlib.sha256(data).hexdigest(), text=text)


def not_a(expected_format, detail=""):
    message = f"The file is not {FORMAT_NAMES[expected_format]}."
    if detail:
        message += f" {detail}"
    return ValidationError(message, code="not_a_document")


def detect_format(data, expected_format):
    """The format the bytes really are, judged by their content, never by the file name."""
    if data.startswith(b"%PDF-"):
        return FileFormat.PDF
    if not data.startswith(b"PK\x03\x04"):
        return _refuse_non_zip(data, expected_format)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError):
        raise not_a(expected_format, "It is a damaged or unusual zip archive.") from None
    check_zip_limits(members, len(data), expected_format)
    if members and members[0].filename == "mimetype":
        return _opendocument_format(archive, members, expected_format)
    names = {member.filename for member in members}
    if "[Content_Types].xml" in names:
        if "word/document.xml" in names:
            return FileFormat.DOCX
        if "xl/workbook.xml" in names:
            return FileFormat.XLSX
    raise not_a(expected_format, "It is a zip archive, but not an OpenDocument or Microsoft Office document.")


def _opendocument_format(archive, members, expected_format):
    """An OpenDocument file names its format in a first, uncompressed 'mimetype' entry."""
    if members[0].file_size > 100:
        raise not_a(expected_format, "Its 'mimetype' entry is not a valid OpenDocument one.")
    try:
        mimetype = archive.read(members[0]).decode("ascii").strip()
    except (zipfile.BadZipFile, UnicodeDecodeError, OSError, NotImplementedError):
        raise not_a(expected_format, "Its 'mimetype' entry cannot be read.") from None
    found = ODF_MIMETYPES.get(mimetype)
    if found and "content.xml" in {member.filename for member in members}:
        return found
    raise not_a(expected_format, "It is not an OpenDocument text file or spreadsheet.")


def _refuse_non_zip(data, expected_format):
    head = data[:512].lstrip().lower()
    if data.startswith(b"MZ") or data.startswith(b"\x7fELF") or data[:4] in {b"\xcf\xfa\xed\xfe", b"\xfe\xed\xfa\xcf"}:
        detail = "It is a program (an executable file) with its name changed. Programs cannot be uploaded."
    elif head.startswith((b"<!doctype html", b"<html", b"<?xml", b"<svg")):
        detail = "It is a web page or XML file with its name changed."
    else:
        detail = "Its contents do not match its name. It may be a different kind of file that has been renamed."
    raise not_a(expected_format, detail)


def check_zip_limits(members, compressed_size, expected_format):
    """Refuse a zip whose members would expand too far, using only the sizes its directory declares.

    Decompression never produces more than a member's declared size (zipfile stops
    there and checks the CRC), so checking declared sizes is enough.
    """
    if len(members) > MAX_ZIP_MEMBERS:
        raise not_a(expected_format, f"It holds more than {MAX_ZIP_MEMBERS} files.")
    total = 0
    for member in members:
        if member.flag_bits & 0x1:
            raise not_a(expected_format, "It is password-protected. Upload a copy without a password.")
        total += member.file_size
        if member.file_size >= RATIO_CHECK_FROM_BYTES and (
            member.compress_size == 0 or member.file_size / member.compress_size > MAX_COMPRESSION_RATIO
        ):
            raise ValidationError(
                "The file expands to far more than its size when opened, which real documents do not do. "
                "It has not been accepted.",
                code="zip_bomb",
            )
    if total > MAX_UNCOMPRESSED_BYTES:
        raise ValidationError(
            f"The file expands to more than {human_megabytes(MAX_UNCOMPRESSED_BYTES)} when opened. "
            "It has not been accepted.",
            code="zip_bomb",
        )
    if total > RATIO_CHECK_FROM_BYTES and total / max(compressed_size, 1) > MAX_COMPRESSION_RATIO:
        raise ValidationError(
            "The file expands to far more than its size when opened, which real documents do not do. "
            "It has not been accepted.",
            code="zip_bomb",
        )


# What a document may carry ------------------------------------------------------------------------------
#
# A template is opened on readers' computers, so it may hold only what a document is made of:
# XML parts, images and fonts. Macros, programs, web pages, embedded objects and names that
# point outside the document are refused, and so is anything after the archive's end.

OFFICE_EXTENSIONS = {"xml", "rels", "png", "jpeg", "jpg", "gif", "bmp", "tif", "tiff", "emf", "wmf", "svg", "wdp"}
OFFICE_EXTENSIONS |= {"odttf", "vml"}
# Printer settings are the one binary part Word and Excel write into ordinary documents.
OFFICE_PRINTER_SETTINGS = re.compile(r"(word|xl)/printerSettings/printerSettings\d+\.bin")
ODF_EXTENSIONS = {"xml", "rdf", "png", "jpeg", "jpg", "gif", "bmp", "tif", "tiff", "emf", "wmf", "svg", "svm"}
# Parts without an extension in OpenDocument files: the mimetype, and pictures standing in for objects.
ODF_PLAIN_NAMES = re.compile(r"mimetype|layout-cache|ObjectReplacements/[^/]+")
MACRO_NAMES = re.compile(r"(^|/)(vbaProject\.bin|vbaData\.xml)$|^(Basic|Scripts)/|(^|/)activeX/", re.IGNORECASE)
MACRO_CONTENT_TYPES = re.compile(rb"macroEnabled|vbaProject|activeX", re.IGNORECASE)
UNSAFE_NAME = re.compile(r"^[/\\]|^[A-Za-z]:|\\|(^|/)\.\.(/|$)|[\x00-\x1f\x7f]")
PROGRAM_SIGNATURES = (b"MZ", b"\x7fELF", b"\xcf\xfa\xed\xfe", b"\xfe\xed\xfa\xcf", b"\xca\xfe\xba\xbe", b"#!")
END_OF_ARCHIVE = b"PK\x05\x06"


def refused(message, code):
    return ValidationError(f"{message} It has not been accepted.", code=code)


def shown_name(name):
    return name if len(name) <= 80 else name[:77] + "..."


def check_archive_members(data, file_format):
    """Refuse an Office or OpenDocument file holding anything that does not belong in a document."""
    end = data.rfind(END_OF_ARCHIVE)
    comment_length = int.from_bytes(data[end + 20 : end + 22], "little") if end >= 0 else 0
    if end < 0 or comment_length or end + 22 != len(data):
        raise refused("It has extra data after the end of the document.", "extra_data")
    archive = zipfile.ZipFile(io.BytesIO(data))
    opendocument = file_format in (FileFormat.ODT, FileFormat.ODS)
    for member in archive.infolist():
        name = member.filename
        if UNSAFE_NAME.search(name):
            raise refused(f"It contains a file with an unsafe name ({shown_name(name)!r}).", "unsafe_name")
        if MACRO_NAMES.search(name):
            raise refused("It contains macros or controls. Save a copy without them and upload that.", "macros")
        if name.endswith("/"):
            continue
        if _member_is_program(archive, member):
            raise refused(f"It contains a program ({shown_name(name)}). Documents cannot carry programs.", "program")
        if not (_belongs_in_odf(name) if opendocument else _belongs_in_office(name)):
            raise refused(
                f"It contains a file that does not belong in a document ({shown_name(name)}).", "foreign_part"
            )
    if not opendocument and MACRO_CONTENT_TYPES.search(_read_small(archive, "[Content_Types].xml")):
        raise refused("It contains macros or controls. Save a copy without them and upload that.", "macros")


def _extension(name):
    last = name.rsplit("/", 1)[-1]
    return last.rsplit(".", 1)[-1].lower() if "." in last else ""


def _belongs_in_office(name):
    return _extension(name) in OFFICE_EXTENSIONS or bool(OFFICE_PRINTER_SETTINGS.fullmatch(name))


def _belongs_in_odf(name):
    return _extension(name) in ODF_EXTENSIONS or bool(ODF_PLAIN_NAMES.fullmatch(name))


def _member_is_program(archive, member):
    try:
        with archive.open(member) as stream:
            head = stream.read(4)
    except (zipfile.BadZipFile, OSError, NotImplementedError, RuntimeError):
        raise refused(f"Part of it cannot be read ({shown_name(member.filename)}).", "unreadable") from None
    return head.startswith(PROGRAM_SIGNATURES)


def _read_small(archive, name, limit=1024 * 1024):
    try:
        with archive.open(name) as stream:
            return stream.read(limit)
    except (KeyError, zipfile.BadZipFile, OSError, NotImplementedError, RuntimeError):
        return b""


# PDF ----------------------------------------------------------------------------------------------------

# Actions a viewer would run or fetch without the reader choosing to (scripts, programs, forms
# sending data, embedded media), and the keys that carry scripts, attachments and XFA forms.
ACTIVE_PDF_ACTIONS = {
    "/JavaScript",
    "/Launch",
    "/SubmitForm",
    "/ImportData",
    "/RichMediaExecute",
    "/GoToE",
    "/Rendition",
}
ACTIVE_PDF_KEYS = {"/JS", "/JavaScript", "/EmbeddedFile", "/EmbeddedFiles", "/RichMedia", "/XFA"}
MAX_PDF_OBJECTS = 200_000


def check_pdf(data):
    """Refuse a PDF that pypdf cannot read, that has no pages or a password, or that carries active content."""
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # a damaged file is refused below, not logged at length
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise refused("It is password-protected. Upload a copy without a password.", "encrypted")
        if len(reader.pages) == 0:
            raise refused("It has no pages.", "unreadable")
        active = _active_pdf_content(reader.trailer)
    except ValidationError:
        raise
    except Exception:  # noqa: BLE001 - any failure to parse a hostile file is a refusal, whatever pypdf raised
        raise not_a(FileFormat.PDF, "Its contents cannot be read as a PDF.") from None
    if active:
        raise refused(f"It contains {active}, which a PDF template must not carry.", "active_content")


def _active_pdf_content(root):
    """A description of the first active content reachable from the trailer, or ""."""
    seen, pending, visited = set(), [root], 0
    while pending:
        node = pending.pop()
        if isinstance(node, IndirectObject):
            if (node.idnum, node.generation) in seen:
                continue
            seen.add((node.idnum, node.generation))
            node = node.get_object()
        visited += 1
        if visited > MAX_PDF_OBJECTS:
            return "more objects than a document needs"
        if isinstance(node, DictionaryObject):
            if node.get("/S") in ACTIVE_PDF_ACTIONS:
                return f"an action that runs by itself ({node['/S'][1:]})"
            active_keys = ACTIVE_PDF_KEYS.intersection(node.keys())
            if active_keys:
                return f"active content ({min(active_keys)[1:]})"
            pending.extend(node.values())
        elif isinstance(node, ArrayObject):
            pending.extend(node)
    return ""
