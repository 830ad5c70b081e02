"""Text extraction cannot be made to allocate more than the document is worth, whatever its XML says."""

import io
import tracemalloc
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

from toolkit.files.extraction import TEXT_LIMIT, extract_text
from toolkit.files.validation import check_upload

ODF_MIMETYPE = b"application/vnd.oasis.opendocument.text"


def odt_with_paragraphs(*paragraph_xml):
    """A minimal ODT whose content.xml holds these paragraphs (raw XML inside <text:p>)."""
    body = "".join(f"<text:p>{xml}</text:p>" for xml in paragraph_xml)
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">'
        f"<office:body><office:text>{body}</office:text></office:body></office:document-content>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), ODF_MIMETYPE)
        archive.writestr("content.xml", content)
        archive.writestr("META-INF/manifest.xml", "<manifest/>")
    return buffer.getvalue()


def peak_bytes_while(function):
    tracemalloc.start()
    try:
        function()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_spaces_element_claiming_200_million_spaces_costs_almost_nothing():
    bomb = odt_with_paragraphs('Before<text:s text:c="200000000"/>after')
    assert len(bomb) < 1000
    text = ""

    def extract():
        nonlocal text
        text = extract_text(bomb, "odt")

    assert peak_bytes_while(extract) < 5 * 1024 * 1024
    assert text == "Before after"


def test_a_few_space_bombs_in_an_upload_do_not_exhaust_memory():
    bomb = odt_with_paragraphs(*['x<text:s text:c="200000000"/>y'] * 20)
    upload = SimpleUploadedFile("bomb.odt", bomb)
    assert peak_bytes_while(lambda: check_upload(upload, "odt")) < 10 * 1024 * 1024


def test_the_space_count_still_separates_words_and_a_bad_count_is_harmless():
    text = extract_text(odt_with_paragraphs('one<text:s text:c="3"/>two<text:s text:c="-4"/>three<text:s/>four'), "odt")
    assert text == "one two three four"
    refused_or_read = odt_with_paragraphs('five<text:s text:c="lots"/>six')
    assert extract_text(refused_or_read, "odt") == "five six"


def test_extracted_text_stops_at_the_limit_however_much_the_document_holds():
    words = "word " * 2000
    document = odt_with_paragraphs(*[words] * 200)  # about 2 million characters of text
    text = extract_text(document, "odt")
    assert TEXT_LIMIT - 20_000 <= len(text) <= TEXT_LIMIT
