"""Uploaded templates may carry only what a document is made of: no scripts, macros, programs or stray parts."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import minimal_pdf as pdf
from toolkit.files.generation import generate
from toolkit.files.validation import check_upload


def upload(name, data):
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def with_members(data, members):
    """A copy of a zip document with extra members added."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, source.read(item))
        for name, content in members.items():
            target.writestr(name, content)
    return buffer.getvalue()


def refusal(name, data, file_format):
    with pytest.raises(ValidationError) as refused:
        check_upload(upload(name, data), file_format)
    return refused.value


DOCX = generate("document", "# Vision\n\nWords for readers.\n", "docx", "Vision")
ODT = generate("document", "# Vision\n\nWords for readers.\n", "odt", "Vision")
XLSX = generate("sheets", "sheets:\n  - name: Scores\n    rows:\n      - [Score, 3]\n", "xlsx", "Scores")


# PDF ------------------------------------------------------------------------------------------------


def test_a_plain_pdf_is_accepted():
    assert check_upload(upload("plan.pdf", pdf()), "pdf").format == "pdf"


@pytest.mark.parametrize(
    "tail",
    [
        b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>",
        b"\nMZ\x90\x00\x03" + b"\x00" * 300,
        b"",
    ],
    ids=["html", "program", "nothing"],
)
def test_a_pdf_header_in_front_of_something_else_is_refused(tail):
    error = refusal("fake.pdf", b"%PDF-1.7\n" + tail, "pdf")
    assert "cannot be read as a PDF" in " ".join(error.messages)


@pytest.mark.parametrize(
    ("objects", "catalog"),
    [
        (["<< /S /JavaScript /JS (app.alert(1)) >>"], "/OpenAction 4 0 R "),
        (
            ["<< /JavaScript 5 0 R >>", "<< /Names [(x) 6 0 R] >>", "<< /S /JavaScript /JS (app.alert(1)) >>"],
            "/Names 4 0 R ",
        ),
        (["<< /S /Launch /F (calc.exe) >>"], "/OpenAction 4 0 R "),
        (["<< /EmbeddedFiles 5 0 R >>", "<< /Names [] >>"], "/Names 4 0 R "),
        (["<< /S /SubmitForm /F (https://example.com/) >>"], "/OpenAction 4 0 R "),
    ],
    ids=["open-action-javascript", "document-javascript", "launch", "attachments", "submit-form"],
)
def test_a_pdf_with_active_content_is_refused(objects, catalog):
    error = refusal("active.pdf", pdf(*objects, catalog_extra=catalog), "pdf")
    assert error.code == "active_content"


def test_a_pdf_hiding_javascript_behind_an_escaped_name_is_refused():
    error = refusal(
        "escaped.pdf", pdf("<< /S /Java#53cript /JS (app.alert(1)) >>", catalog_extra="/OpenAction 4 0 R "), "pdf"
    )
    assert error.code == "active_content"


def test_a_pdf_that_opens_at_a_page_is_accepted():
    assert check_upload(upload("goto.pdf", pdf(catalog_extra="/OpenAction [3 0 R /Fit] ")), "pdf").format == "pdf"


# Office and OpenDocument ------------------------------------------------------------------------------


def test_generated_documents_of_every_format_are_still_accepted():
    for name, data, file_format in [("a.docx", DOCX, "docx"), ("a.odt", ODT, "odt"), ("a.xlsx", XLSX, "xlsx")]:
        assert check_upload(upload(name, data), file_format).format == file_format


@pytest.mark.parametrize(
    ("members", "code"),
    [
        ({"payload.exe": b"MZ\x90\x00" + b"\x00" * 100}, "program"),
        ({"word/media/image9.png": b"MZ\x90\x00" + b"\x00" * 100}, "program"),
        ({"index.html": b"<html><script>alert(1)</script></html>"}, "foreign_part"),
        ({"../../evil.xml": b"<x/>"}, "unsafe_name"),
        ({"/etc/cron.d/x.xml": b"<x/>"}, "unsafe_name"),
        ({"word\\..\\evil.xml": b"<x/>"}, "unsafe_name"),
        ({"word/vbaProject.bin": b"\xd0\xcf\x11\xe0" + b"\x00" * 100}, "macros"),
        ({"word/activeX/activeX1.xml": b"<x/>"}, "macros"),
        ({"word/embeddings/oleObject1.bin": b"\xd0\xcf\x11\xe0" + b"\x00" * 100}, "foreign_part"),
    ],
    ids=["exe", "program-as-image", "html", "traversal", "absolute", "backslash", "macros", "activex", "ole"],
)
def test_a_docx_with_a_member_that_does_not_belong_is_refused(members, code):
    assert refusal("vision.docx", with_members(DOCX, members), "docx").code == code


def test_a_docx_declaring_a_macro_enabled_document_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(DOCX)) as source, zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename == "[Content_Types].xml":
                content = content.replace(
                    b"wordprocessingml.document.main+xml", b"ms-word.document.macroEnabled.main+xml"
                )
            target.writestr(item, content)
    assert refusal("vision.docx", buffer.getvalue(), "docx").code == "macros"


def test_a_docx_with_html_appended_is_refused():
    error = refusal("vision.docx", DOCX + b"<html><script>alert(1)</script></html>", "docx")
    assert error.code == "extra_data"


def test_a_docx_with_a_zip_comment_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(DOCX)) as source, zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            target.writestr(item, source.read(item))
        target.comment = b"<html><script>alert(1)</script></html>"
    assert refusal("vision.docx", buffer.getvalue(), "docx").code == "extra_data"


def test_an_xlsx_keeps_its_printer_settings_but_not_other_binary_parts():
    with_printer = with_members(XLSX, {"xl/printerSettings/printerSettings1.bin": b"\x00\x01" * 50})
    assert check_upload(upload("scores.xlsx", with_printer), "xlsx").format == "xlsx"
    assert refusal("scores.xlsx", with_members(XLSX, {"xl/other.bin": b"\x00" * 50}), "xlsx").code == "foreign_part"


@pytest.mark.parametrize(
    ("members", "code"),
    [
        ({"Basic/Standard/Module1.xml": b"<script:module/>"}, "macros"),
        ({"Scripts/python/evil.py": b"import os"}, "macros"),
        ({"payload.exe": b"MZ\x90\x00" + b"\x00" * 100}, "program"),
        ({"../evil.xml": b"<x/>"}, "unsafe_name"),
        ({"index.html": b"<html></html>"}, "foreign_part"),
    ],
    ids=["basic-macros", "python-scripts", "exe", "traversal", "html"],
)
def test_an_odt_with_a_member_that_does_not_belong_is_refused(members, code):
    assert refusal("vision.odt", with_members(ODT, members), "odt").code == code


def test_an_odt_with_pictures_and_object_replacements_is_accepted():
    data = with_members(ODT, {"Pictures/photo.png": b"\x89PNG\r\n\x1a\n", "ObjectReplacements/Object 1": b"VCLMTF"})
    assert check_upload(upload("vision.odt", data), "odt").format == "odt"
