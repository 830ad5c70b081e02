import io
import re
from pathlib import Path

import docx
import openpyxl
import pytest
import yaml
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.urls import reverse
from odf import teletype
from odf.opendocument import load as load_odf
from odf.text import H, P

from publishing.models import SlugRedirect, Status
from tests.factories import make_stage, make_template
from tests.toolkit.conftest import CONTENT
from toolkit.models import FileFormat, Template, TemplateFile

pytestmark = pytest.mark.django_db

CONTENT_TYPES = {
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def demo_downloads():
    """(slug, format, title, version) for every file every demo template offers."""
    cases = []
    for path in sorted((CONTENT / "toolkit" / "templates").glob("*.md")):
        meta = yaml.safe_load(path.read_text().split("---")[1])
        version = str(meta.get("version", "1.0"))
        cases += [(path.stem, file_format, meta["title"], version) for file_format in meta["formats"]]
    return cases


def words_in(data, file_format):
    """The text of a downloaded file, read with the library that reads its format."""
    if file_format in ("odt", "ods"):
        document = load_odf(io.BytesIO(data))
        return " ".join(
            teletype.extractText(node) for node in document.getElementsByType(P) + document.getElementsByType(H)
        )
    if file_format == "docx":
        document = docx.Document(io.BytesIO(data))
        cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
        return " ".join([p.text for p in document.paragraphs] + cells)
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    return " ".join(str(c.value) for sheet in workbook for row in sheet.iter_rows() for c in row if c.value is not None)


def test_demo_templates_offer_at_least_six_downloads_in_open_formats():
    cases = demo_downloads()
    assert len({slug for slug, *_ in cases}) >= 6
    assert {"odt", "ods"} <= {file_format for _, file_format, *_ in cases}


def test_every_demo_template_downloads_with_the_right_headers_and_opens(client, demo_toolkit):
    for slug, file_format, title, version in demo_downloads():
        response = client.get(reverse("toolkit:download", args=[slug, file_format]))
        assert response.status_code == 200, (slug, file_format)
        assert response["Content-Type"] == CONTENT_TYPES[file_format], (slug, file_format)
        assert response["Content-Disposition"] == f'attachment; filename="{slug}-v{version}.{file_format}"'
        assert response["X-Content-Type-Options"] == "nosniff"
        data = b"".join(response.streaming_content)
        assert int(response["Content-Length"]) == len(data)
        # Each file opens with the library for its format and holds the template's own words.
        words = words_in(data, file_format).lower()
        assert title.lower().split()[0] in words, (slug, file_format)
        assert len(words.split()) > 100, (slug, file_format)


def test_spreadsheet_formulas_survive_in_both_formats(client, demo_toolkit):
    xlsx = b"".join(
        client.get("/toolkit/templates/outline-business-case-savings-model/xlsx/download/").streaming_content
    )
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx))["Savings model"]
    assert sheet["B8"].value == "=SUM(B4:B7)"
    assert sheet["C11"].value == "=B8*B11"
    ods = b"".join(client.get("/toolkit/templates/outline-business-case-savings-model/ods/download/").streaming_content)
    content = load_odf(io.BytesIO(ods)).xml().decode()
    assert 'table:formula="of:=SUM([.B4:.B7])"' in content
    assert 'table:formula="of:=[.B8]*[.B11]"' in content


def test_download_name_carries_the_current_version(client):
    template = make_template(slug="vision-statement", files=["docx"], file_version="2.3")
    response = client.get(reverse("toolkit:download", args=[template.slug, "docx"]))
    assert response["Content-Disposition"] == 'attachment; filename="vision-statement-v2.3.docx"'


def test_files_are_stored_under_generated_names(demo_toolkit):
    for template in Template.objects.prefetch_related("files"):
        for template_file in template.files.all():
            name = Path(template_file.file.name)
            assert name.parent.name == "templates"
            assert template.slug not in name.name and len(name.stem) == 32
            assert default_storage.exists(template_file.file.name)


@pytest.mark.parametrize("status", [Status.DRAFT, Status.IN_REVIEW, Status.WITHDRAWN])
def test_unpublished_template_cannot_be_downloaded(client, status):
    template = make_template(files=["odt"], status=status)
    assert client.get(reverse("toolkit:download", args=[template.slug, "odt"])).status_code == 404


def test_format_the_template_does_not_offer_is_not_found(client):
    template = make_template(files=["odt"])
    assert client.get(reverse("toolkit:download", args=[template.slug, "docx"])).status_code == 404
    assert client.get(f"/toolkit/templates/{template.slug}/exe/download/").status_code == 404


def test_download_from_an_old_address_redirects_to_the_new_one(client):
    template = make_template(slug="new-name", files=["odt"])
    SlugRedirect.objects.create(
        content_type=ContentType.objects.get_for_model(Template), old_slug="old-name", object_id=template.pk
    )
    response = client.get("/toolkit/templates/old-name/odt/download/")
    assert response.status_code == 301
    assert response["Location"] == "/toolkit/templates/new-name/odt/download/"


def test_file_missing_from_storage_is_not_found_rather_than_an_error(client):
    template = make_template(files=["odt"])
    default_storage.delete(template.files.get().file.name)
    assert client.get(reverse("toolkit:download", args=[template.slug, "odt"])).status_code == 404


def test_template_page_shows_downloads_and_withdrawn_page_does_not(client):
    stage = make_stage("Vision", position=1)
    live = make_template("Vision statement", stage=stage, files=["odt", "docx"])
    withdrawn = make_template("Old template", stage=stage, files=["odt"], status=Status.WITHDRAWN)
    html = client.get(live.get_absolute_url()).content.decode()
    assert reverse("toolkit:download", args=[live.slug, "odt"]) in html
    assert reverse("toolkit:download", args=[live.slug, "docx"]) in html
    html = client.get(withdrawn.get_absolute_url()).content.decode()
    assert "/download/" not in html
    assert "withdrawn" in html


def test_a_templates_downloads_list_open_formats_first_with_the_address_each_downloads_from():
    template = make_template("Service levels", files=["docx", "odt"])
    downloads = template.downloads()
    assert [download.url for download in downloads] == [
        reverse("toolkit:download", args=[template.slug, "odt"]),
        reverse("toolkit:download", args=[template.slug, "docx"]),
    ]
    assert [download.label for download in downloads] == [
        FileFormat("odt").label,
        FileFormat("docx").label,
    ]
    assert all(re.fullmatch(r"(ODT|DOCX), \d+ (bytes|KB)", download.meta) for download in downloads)


@pytest.mark.parametrize(
    ("size", "shown"),
    [(0, "0 bytes"), (1023, "1023 bytes"), (1024, "1 KB"), (38 * 1024 + 600, "39 KB"), (1258291, "1.2 MB")],
)
def test_a_files_size_is_shown_as_govuk_attachments_show_it(size, shown):
    assert TemplateFile(size=size).human_size == shown
