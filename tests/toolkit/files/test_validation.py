"""Upload checks: a file is accepted only when its content really is the format it claims."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import minimal_pdf
from toolkit.files.generation import generate
from toolkit.files.validation import MAX_FILE_BYTES, check_upload

pytestmark = pytest.mark.django_db

ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


def upload(name, data):
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def real_odt(words="A replacement vision statement"):
    return generate("document", f"# {words}\n\nNew words for readers.\n", "odt", words)


def odf_like_zip(content_xml_size, mimetype=ODT_MIMETYPE):
    """A zip laid out like an ODT whose content.xml expands to content_xml_size bytes of nothing."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), mimetype)
        content = zipfile.ZipInfo("content.xml")
        content.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(content, "w", force_zip64=True) as member:
            chunk = b" " * (1024 * 1024)
            for _ in range(content_xml_size // len(chunk)):
                member.write(chunk)
        archive.writestr("META-INF/manifest.xml", b"<manifest/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("setup.odt", b"MZ\x90\x00\x03" + b"\x00" * 200, "program"),
        ("tool.odt", b"\x7fELF\x02\x01\x01" + b"\x00" * 200, "program"),
        ("page.odt", b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>", "web page"),
        ("notes.odt", b"Just some plain text pretending to be a document.", "do not match"),
        ("empty.odt", b"", "empty"),
    ],
)
def test_files_that_are_not_documents_are_refused_whatever_their_name(name, data, message):
    with pytest.raises(ValidationError) as refused:
        check_upload(upload(name, data), "odt")
    assert message in " ".join(refused.value.messages)


def test_zip_that_is_not_an_office_document_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(ValidationError, match="not an OpenDocument or Microsoft Office document"):
        check_upload(upload("archive.odt", buffer.getvalue()), "odt")


def test_zip_bomb_that_expands_far_more_than_documents_do_is_refused():
    bomb = odf_like_zip(8 * 1024 * 1024)  # 8 MB of spaces compresses about 1000 times
    assert len(bomb) < 100_000
    with pytest.raises(ValidationError) as refused:
        check_upload(upload("bomb.odt", bomb), "odt")
    assert refused.value.code == "zip_bomb"


def test_zip_that_expands_beyond_100_mb_is_refused_before_anything_is_decompressed():
    bomb = odf_like_zip(101 * 1024 * 1024)
    with pytest.raises(ValidationError) as refused:
        check_upload(upload("big.odt", bomb), "odt")
    assert refused.value.code == "zip_bomb"


def test_file_over_20_mb_is_refused_without_reading_it():
    big = upload("huge.pdf", b"%PDF-1.7\n" + b"0" * MAX_FILE_BYTES)
    with pytest.raises(ValidationError, match="must be smaller than 20 MB"):
        check_upload(big, "pdf")


def test_real_document_in_the_wrong_box_is_refused():
    docx = generate("document", "# Words\n", "docx", "Words")
    with pytest.raises(ValidationError, match="This is a Microsoft Word file"):
        check_upload(upload("words.odt", docx), "odt")


def test_file_name_must_match_the_box():
    with pytest.raises(ValidationError, match=r"must end in \.odt"):
        check_upload(upload("vision.docx", real_odt()), "odt")


def test_odf_zip_with_the_wrong_mimetype_is_refused():
    with pytest.raises(ValidationError, match="not an OpenDocument text file or spreadsheet"):
        check_upload(upload("fake.odt", odf_like_zip(0, mimetype=b"application/x-fake")), "odt")


@pytest.mark.parametrize("file_format", ["odt", "ods", "docx", "xlsx"])
def test_real_documents_of_each_format_are_accepted_with_their_text(file_format):
    kind = "document" if file_format in ("odt", "docx") else "sheets"
    source = (
        "# Readiness words\n\nScore each statement.\n"
        if kind == "document"
        else ("sheets:\n  - name: Scores\n    rows:\n      - [Readiness words]\n      - [Score each statement, 3]\n")
    )
    checked = check_upload(upload(f"file.{file_format.upper()}", generate(kind, source, file_format, "T")), file_format)
    assert checked.format == file_format
    assert "Score each statement" in checked.text


def test_a_readable_pdf_is_accepted():
    checked = check_upload(upload("plan.pdf", minimal_pdf()), "pdf")
    assert checked.format == "pdf" and checked.text == ""
