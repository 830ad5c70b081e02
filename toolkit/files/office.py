"""Microsoft Office files (DOCX with python-docx, XLSX with openpyxl)."""

import io

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from toolkit.files.archive import AUTHOR, normalise_zip
from toolkit.files.formulas import Formula
from toolkit.files.sources import row_kinds

HEADING_SIZES = ((1, 20), (2, 15), (3, 12))


def new_word_document(title):
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), "en-GB")
    normal.element.get_or_add_rPr().append(language)
    for level, size in HEADING_SIZES:
        style = document.styles[f"Heading {level}"]
        style.font.name = "Arial"
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.color.rgb = RGBColor(0, 0, 0)
    properties = document.core_properties
    properties.title = title
    properties.author = AUTHOR
    properties.last_modified_by = AUTHOR
    properties.language = "en-GB"
    properties.revision = 1
    properties.comments = ""
    return document


def document_to_docx(blocks, title):
    document = new_word_document(title)
    for block in blocks:
        if block.kind == "heading":
            document.add_heading(block.text, level=block.level)
        elif block.kind == "paragraph":
            document.add_paragraph(block.text)
        elif block.kind == "bullets":
            for item in block.items:
                document.add_paragraph(item, style="List Bullet")
        else:
            add_word_table(document, block.rows)
            document.add_paragraph()
    output = io.BytesIO()
    document.save(output)
    return normalise_zip(output.getvalue())


def add_word_table(document, rows):
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for row_index, (table_row, row) in enumerate(zip(table.rows, rows, strict=True)):
        for cell, text in zip(table_row.cells, row, strict=True):
            run = cell.paragraphs[0].add_run(text)
            run.bold = row_index == 0 or None
    # Mark the first row as the header, so screen readers announce it and it repeats across pages.
    row_properties = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    row_properties.append(header)


def sheets_to_xlsx(sheets, title):
    workbook = Workbook()
    workbook.remove(workbook.active)
    workbook.properties.title = title
    workbook.properties.creator = AUTHOR
    workbook.properties.lastModifiedBy = AUTHOR
    workbook.properties.language = "en-GB"
    fonts = {"title": Font(name="Arial", bold=True, size=14), "header": Font(name="Arial", bold=True, size=10)}
    plain = Font(name="Arial", size=10)
    wrap = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    for sheet in sheets:
        worksheet = workbook.create_sheet(sheet.name)
        for index, width in enumerate(sheet.widths, start=1):
            worksheet.column_dimensions[get_column_letter(index)].width = width
        for row_index, (row, kind) in enumerate(zip(sheet.rows, row_kinds(sheet.rows), strict=True), start=1):
            for column_index, value in enumerate(row, start=1):
                if value is None:
                    continue
                cell = worksheet.cell(row=row_index, column=column_index)
                cell.value = value.excel() if isinstance(value, Formula) else value
                cell.font = fonts.get(kind, plain)
                cell.alignment = wrap if kind in ("header", "table") else top
    output = io.BytesIO()
    workbook.save(output)
    return normalise_zip(output.getvalue())
