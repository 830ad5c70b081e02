"""Plain text from template files, for search.

Reads the documents' XML directly, with defusedxml so a hostile file cannot
use entity tricks. Callers check the zip's sizes first (toolkit.files.validation).
"""

import io
import re
import zipfile
from xml.etree.ElementTree import ParseError

import defusedxml.ElementTree as SafeElementTree
from defusedxml import DefusedXmlException

TEXT_LIMIT = 500_000

ODF_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
WORD = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
SHEET = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


class UnreadableFile(Exception):
    """The file's structure is there but its contents cannot be parsed."""


class BoundedLines(list):
    """Lines collected until they hold TEXT_LIMIT characters: the rest of a huge document is never kept."""

    def __init__(self, lines=()):
        super().__init__()
        self.size = 0
        for line in lines:
            if not self.add(line):
                break

    def add(self, line):
        if self.size >= TEXT_LIMIT:
            return False
        line = line[: TEXT_LIMIT - self.size]
        self.append(line)
        self.size += len(line) + 1
        return True


def extract_text(data, file_format):
    """The words of a file as plain text, one paragraph or cell per line. PDFs give an empty string."""
    if file_format == "pdf":
        return ""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if file_format in ("odt", "ods"):
                lines = _odf_lines(_parse(archive, "content.xml"))
            elif file_format == "docx":
                lines = _word_lines(_parse(archive, "word/document.xml"))
            elif file_format == "xlsx":
                lines = _sheet_lines(archive)
            else:
                raise UnreadableFile(f"unknown format {file_format}")
    except (zipfile.BadZipFile, KeyError, OSError, ParseError, DefusedXmlException, ValueError) as error:
        raise UnreadableFile(str(error)) from error
    text = "\n".join(line for line in (re.sub(r"[ \t]+", " ", line).strip() for line in lines) if line)
    return text[:TEXT_LIMIT]


def _parse(archive, name):
    return SafeElementTree.fromstring(archive.read(name))


def _odf_lines(root):
    blocks = {f"{{{ODF_TEXT}}}p", f"{{{ODF_TEXT}}}h"}
    return BoundedLines(_odf_inline(element) for element in root.iter() if element.tag in blocks)


def _odf_inline(element):
    parts = [element.text or ""]
    for child in element:
        if child.tag == f"{{{ODF_TEXT}}}s":
            # <text:s text:c="N"/> stands for N spaces; runs of spaces become one in the text anyway,
            # so one is written whatever N says (a hostile N would otherwise allocate N bytes).
            parts.append(" ")
        elif child.tag == f"{{{ODF_TEXT}}}tab":
            parts.append("\t")
        elif child.tag == f"{{{ODF_TEXT}}}line-break":
            parts.append(" ")
        elif child.tag not in (f"{{{ODF_TEXT}}}p", f"{{{ODF_TEXT}}}h"):
            parts.append(_odf_inline(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _word_lines(root):
    lines = BoundedLines()
    for paragraph in root.iter(f"{{{WORD}}}p"):
        parts = []
        for node in paragraph.iter():
            if node.tag == f"{{{WORD}}}t":
                parts.append(node.text or "")
            elif node.tag == f"{{{WORD}}}tab":
                parts.append("\t")
        if not lines.add("".join(parts)):
            break
    return lines


def _sheet_lines(archive):
    names = archive.namelist()
    lines = BoundedLines()
    workbook = _parse(archive, "xl/workbook.xml")
    for sheet in workbook.iter(f"{{{SHEET}}}sheet"):
        lines.add(sheet.get("name", ""))
    if "xl/sharedStrings.xml" in names:
        for item in _parse(archive, "xl/sharedStrings.xml").iter(f"{{{SHEET}}}si"):
            lines.add("".join(t.text or "" for t in item.iter(f"{{{SHEET}}}t")))
    for name in sorted(n for n in names if n.startswith("xl/worksheets/") and n.endswith(".xml")):
        for inline in _parse(archive, name).iter(f"{{{SHEET}}}is"):
            lines.add("".join(t.text or "" for t in inline.iter(f"{{{SHEET}}}t")))
    return lines
