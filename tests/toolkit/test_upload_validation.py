"""Template uploads: accepted only when the content really is the format, and never losing the old file."""

import io
import zipfile

import pytest
import reversion
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from publishing import workflow
from publishing.models import Status
from tests.factories import make_editor
from tests.toolkit.factories import make_stage, make_template, minimal_pdf
from toolkit.files.generation import generate
from toolkit.files.validation import MAX_FILE_BYTES, check_upload
from toolkit.models import Template, TemplateFile

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


# The checks themselves ---------------------------------------------------------------------


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


# Through the admin ------------------------------------------------------------------------------


def signed_in():
    client = Client()
    client.force_login(make_editor())
    return client


def change_url(template):
    return reverse("admin:toolkit_template_change", args=[template.pk])


def form_data(template, **changes):
    data = {
        "title": template.title,
        "slug": template.slug,
        "summary": template.summary,
        "body": template.body,
        "stage": template.stage_id,
        "provenance": template.provenance,
        "file_version": template.file_version,
        "audience": template.audience,
        "owner": template.owner,
        "review_due": "",
        "last_reviewed": "",
        "change_type": "minor",
        "change_note": "",
        "seen_version": template.version,
    }
    data.update(changes)
    return data


@pytest.fixture
def draft_template():
    """A draft template with one ODT file at version 1.0, saved once in its history."""
    with reversion.create_revision():
        return make_template(make_stage(1), "Vision statement", files=["odt"], status=Status.DRAFT)


def stored_names():
    return sorted(default_storage.listdir("templates")[1])


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("setup.odt", b"MZ" + b"\x00" * 300, "It is a program"),
        ("page.odt", b"<html><body>Not a document</body></html>", "It is a web page"),
        ("bomb.odt", odf_like_zip(8 * 1024 * 1024), "expands to far more than its size"),
    ],
)
def test_admin_refuses_a_bad_upload_with_a_message_and_keeps_the_existing_file(draft_template, name, data, message):
    before_files, before_names = list(draft_template.files.all()), stored_names()
    response = signed_in().post(change_url(draft_template), form_data(draft_template, upload_odt=upload(name, data)))
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "The current file is kept." in html
    draft_template.refresh_from_db()
    assert list(draft_template.files.all()) == before_files
    assert draft_template.file_version == "1.0"
    assert stored_names() == before_names
    assert TemplateFile.objects.count() == 1


def test_admin_refuses_an_oversized_upload(draft_template):
    oversized = upload("huge.odt", b"PK\x03\x04" + b"\x00" * (MAX_FILE_BYTES + 10))
    response = signed_in().post(change_url(draft_template), form_data(draft_template, upload_odt=oversized))
    assert response.status_code == 200
    assert "It must be smaller than 20 MB" in response.content.decode()
    assert TemplateFile.objects.count() == 1


def test_valid_replacement_is_stored_under_a_new_name_and_bumps_the_version(draft_template):
    old_file = draft_template.files.get()
    response = signed_in().post(
        change_url(draft_template), form_data(draft_template, upload_odt=upload("My Vision (final).odt", real_odt()))
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    template = Template.objects.get(pk=draft_template.pk)
    new_file = template.files.get()
    assert new_file != old_file
    assert template.file_version == "1.1"
    assert new_file.file.name.startswith("templates/") and "Vision" not in new_file.file.name
    assert new_file.original_name == "My Vision (final).odt"
    assert "A replacement vision statement" in new_file.text
    # The old file is still stored, and the template's history still refers to it.
    assert default_storage.exists(old_file.file.name)
    history = [v.field_dict["files"] for v in Version.objects.get_for_object(template)]
    assert history == [[new_file.pk], [old_file.pk]]
    assert Version.objects.get_for_object(old_file).exists()


def test_replaced_file_can_be_restored_from_history(draft_template):
    old_file = draft_template.files.get()
    signed_in().post(change_url(draft_template), form_data(draft_template, upload_odt=upload("v2.odt", real_odt())))
    template = Template.objects.get(pk=draft_template.pk)
    assert template.files.get() != old_file
    original = next(v for v in Version.objects.get_for_object(template) if v.field_dict["files"] == [old_file.pk])
    restored = workflow.item_restore_version(item=template, version=original, user=make_editor("restorer"))
    assert list(restored.files.all()) == [old_file]
    assert restored.file_version == "1.0"


def test_same_file_uploaded_again_does_not_bump_the_version(draft_template):
    existing = draft_template.files.get()
    same = existing.file.open("rb").read()
    signed_in().post(change_url(draft_template), form_data(draft_template, upload_odt=upload("same.odt", same)))
    template = Template.objects.get(pk=draft_template.pk)
    assert template.file_version == "1.0"
    assert template.files.get() == existing


def test_editor_can_set_the_version_themselves_when_replacing(draft_template):
    signed_in().post(
        change_url(draft_template),
        form_data(draft_template, file_version="2.0", upload_odt=upload("new.odt", real_odt())),
    )
    assert Template.objects.get(pk=draft_template.pk).file_version == "2.0"


def test_adding_a_new_format_keeps_the_existing_file_and_version(draft_template):
    existing = draft_template.files.get()
    docx = generate("document", "# Vision\n\nWords.\n", "docx", "Vision")
    signed_in().post(change_url(draft_template), form_data(draft_template, upload_docx=upload("vision.docx", docx)))
    template = Template.objects.get(pk=draft_template.pk)
    assert sorted(f.format for f in template.files.all()) == ["docx", "odt"]
    assert existing in template.files.all()
    assert template.file_version == "1.0"


def test_removing_the_last_file_is_refused(draft_template):
    response = signed_in().post(change_url(draft_template), form_data(draft_template, remove_formats=["odt"]))
    assert response.status_code == 200
    assert "A template needs at least one file" in response.content.decode()
    assert draft_template.files.count() == 1


def test_replacing_the_file_of_a_published_template_goes_to_a_draft(client):
    live = make_template(make_stage(1), "Vision statement", files=["odt"])
    live_file = live.files.get()
    response = signed_in().post(change_url(live), form_data(live, upload_odt=upload("new.odt", real_odt())))
    assert response.status_code == 302
    draft = Template.objects.get(draft_of=live)
    assert draft.file_version == "1.1" and draft.files.get() != live_file
    live.refresh_from_db()
    assert live.file_version == "1.0" and list(live.files.all()) == [live_file]
    download = client.get(reverse("toolkit:download", args=[live.slug, "odt"]))
    assert b"".join(download.streaming_content) == live_file.file.open("rb").read()


def test_change_form_accepts_files(draft_template):
    html = signed_in().get(change_url(draft_template)).content.decode()
    assert 'enctype="multipart/form-data"' in html
    assert 'name="upload_odt"' in html and 'name="upload_xlsx"' in html
    assert "Vision statement" in html
