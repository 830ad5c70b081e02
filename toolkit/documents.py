"""Template files generated from their words, so no binary file is kept in the repository.

``<slug>.document.md`` (headings, paragraphs, bulleted lists, pipe tables) becomes
ODT (odfpy) and DOCX (python-docx); ``<slug>.sheets.yaml`` becomes ODS (odfpy)
and XLSX (openpyxl). The same source always gives byte-for-byte the same file:
zip timestamps are fixed and the creation dates Office files carry are left out.
"""

import functools
import io
import re
import zipfile
from dataclasses import dataclass, field

import yaml

from toolkit.formulas import Formula, FormulaError

DOCUMENT_FORMATS = ("odt", "docx")
SPREADSHEET_FORMATS = ("ods", "xlsx")
AUTHOR = "Shared Services Team"
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
SHEET_NAME_LIMIT = 31
FORBIDDEN_SHEET_CHARACTERS = set("[]:*?/\\")


class SourceError(Exception):
    """What is wrong with a template source, in words an editor can act on."""


# Documents ----------------------------------------------------------------------


@dataclass
class Block:
    kind: str  # heading, paragraph, bullets, table
    text: str = ""
    level: int = 0
    items: list = field(default_factory=list)
    rows: list = field(default_factory=list)  # for tables: the first row is the header


HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
BULLET = re.compile(r"^\s*[-*+]\s+(.*)$")
TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


def _table_cells(line):
    line = line.strip()
    if line.startswith("|"):
        line = line[1:]
    if line.endswith("|"):
        line = line[:-1]
    return [cell.strip() for cell in line.split("|")]


def parse_document(text):
    """Split the source into blocks. Anything not a heading, bullet or table row is paragraph text."""
    blocks, paragraph = [], []
    table = None  # the table being read, while its rows continue

    def end_paragraph():
        if paragraph:
            blocks.append(Block("paragraph", text=" ".join(paragraph)))
            paragraph.clear()

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip()
        if line.lstrip().startswith("|"):
            end_paragraph()
            if TABLE_SEPARATOR.match(line):
                if table is None or len(table.rows) != 1:
                    raise SourceError(f"line {number}: a table's '| --- |' line must follow its header row")
            elif table is None:
                table = Block("table", rows=[_table_cells(line)])
                blocks.append(table)
            else:
                table.rows.append(_table_cells(line))
            continue
        table = None
        if not line.strip():
            end_paragraph()
        elif heading := HEADING.match(line):
            end_paragraph()
            level = len(heading.group(1))
            if level > 3:
                raise SourceError(f"line {number}: use at most 3 levels of heading (###)")
            blocks.append(Block("heading", text=heading.group(2), level=level))
        elif bullet := BULLET.match(line):
            end_paragraph()
            if blocks and blocks[-1].kind == "bullets":
                blocks[-1].items.append(bullet.group(1).strip())
            else:
                blocks.append(Block("bullets", items=[bullet.group(1).strip()]))
        elif blocks and blocks[-1].kind == "bullets" and raw[:1].isspace() and not paragraph:
            blocks[-1].items[-1] += " " + line.strip()  # an indented line continues the bullet
        else:
            paragraph.append(line.strip())
    end_paragraph()
    for block in blocks:
        if block.kind == "table":
            width = max(len(row) for row in block.rows)
            block.rows = [row + [""] * (width - len(row)) for row in block.rows]
    if not blocks:
        raise SourceError("the document has no content")
    return blocks


def document_title(blocks, default):
    return next((b.text for b in blocks if b.kind == "heading" and b.level == 1), default)


def document_to_odt(blocks, title):
    from odf import dc, meta
    from odf.opendocument import OpenDocumentText
    from odf.style import (
        DefaultStyle,
        FontFace,
        ListLevelProperties,
        ParagraphProperties,
        Style,
        TableCellProperties,
        TableColumnProperties,
        TableProperties,
        TextProperties,
    )
    from odf.table import Table, TableCell, TableColumn, TableHeaderRows, TableRow
    from odf.text import H, List, ListItem, ListLevelStyleBullet, ListStyle, P

    document = OpenDocumentText()
    document.meta.addElement(dc.Title(text=title))
    document.meta.addElement(dc.Language(text="en-GB"))
    document.meta.addElement(meta.InitialCreator(text=AUTHOR))
    document.fontfacedecls.addElement(
        FontFace(name="Arial", fontfamily="Arial", fontfamilygeneric="swiss", fontpitch="variable")
    )
    default = DefaultStyle(family="paragraph")
    default.addElement(TextProperties(fontname="Arial", fontsize="11pt", language="en", country="GB"))
    document.styles.addElement(default)

    body = Style(name="Text_20_body", displayname="Text body", family="paragraph")
    body.addElement(ParagraphProperties(marginbottom="0.25cm", margintop="0cm"))
    document.styles.addElement(body)
    headings = {}
    for level, size in ((1, "20pt"), (2, "15pt"), (3, "12pt")):
        style = Style(
            name=f"Heading_20_{level}",
            displayname=f"Heading {level}",
            family="paragraph",
            nextstylename="Text_20_body",
            defaultoutlinelevel=str(level),
        )
        style.addElement(ParagraphProperties(margintop="0.5cm", marginbottom="0.25cm", keepwithnext="always"))
        style.addElement(TextProperties(fontsize=size, fontweight="bold"))
        document.styles.addElement(style)
        headings[level] = style

    bullets = ListStyle(name="Bullets")
    level_style = ListLevelStyleBullet(level=1, bulletchar="•")
    level_style.addElement(ListLevelProperties(spacebefore="0.4cm", minlabelwidth="0.5cm"))
    bullets.addElement(level_style)
    document.automaticstyles.addElement(bullets)
    list_paragraph = Style(name="ListParagraph", family="paragraph", parentstylename="Text_20_body")
    list_paragraph.addElement(ParagraphProperties(marginbottom="0.1cm"))
    document.automaticstyles.addElement(list_paragraph)
    table_style = Style(name="Grid", family="table")
    table_style.addElement(TableProperties(width="17cm", align="margins"))
    document.automaticstyles.addElement(table_style)
    cell_style = Style(name="GridCell", family="table-cell")
    cell_style.addElement(TableCellProperties(border="0.5pt solid #000000", padding="0.1cm"))
    document.automaticstyles.addElement(cell_style)
    header_text = Style(name="TableHeading", family="paragraph")
    header_text.addElement(TextProperties(fontweight="bold"))
    document.automaticstyles.addElement(header_text)
    column_style = Style(name="GridColumn", family="table-column")
    column_style.addElement(TableColumnProperties(relcolumnwidth="1*"))
    document.automaticstyles.addElement(column_style)

    tables = 0
    for block in blocks:
        if block.kind == "heading":
            document.text.addElement(H(outlinelevel=block.level, stylename=headings[block.level], text=block.text))
        elif block.kind == "paragraph":
            document.text.addElement(P(stylename=body, text=block.text))
        elif block.kind == "bullets":
            items = List(stylename=bullets)
            for item in block.items:
                entry = ListItem()
                entry.addElement(P(stylename=list_paragraph, text=item))
                items.addElement(entry)
            document.text.addElement(items)
        else:
            tables += 1
            table = Table(name=f"Table{tables}", stylename=table_style)
            table.addElement(TableColumn(numbercolumnsrepeated=len(block.rows[0]), stylename=column_style))
            header = TableHeaderRows()
            header.addElement(_odt_row(block.rows[0], cell_style, header_text, TableRow, TableCell, P))
            table.addElement(header)
            for row in block.rows[1:]:
                table.addElement(_odt_row(row, cell_style, body, TableRow, TableCell, P))
            document.text.addElement(table)
    return _save_odf(document)


def _odt_row(cells, cell_style, text_style, TableRow, TableCell, P):  # noqa: N803 (odfpy classes)
    row = TableRow()
    for text in cells:
        cell = TableCell(stylename=cell_style, valuetype="string")
        cell.addElement(P(stylename=text_style, text=text))
        row.addElement(cell)
    return row


def document_to_docx(blocks, title):
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), "en-GB")
    normal.element.get_or_add_rPr().append(language)
    for level, size in ((1, 20), (2, 15), (3, 12)):
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

    for block in blocks:
        if block.kind == "heading":
            document.add_heading(block.text, level=block.level)
        elif block.kind == "paragraph":
            document.add_paragraph(block.text)
        elif block.kind == "bullets":
            for item in block.items:
                document.add_paragraph(item, style="List Bullet")
        else:
            table = document.add_table(rows=len(block.rows), cols=len(block.rows[0]))
            table.style = "Table Grid"
            for row_index, (table_row, row) in enumerate(zip(table.rows, block.rows, strict=True)):
                for cell, text in zip(table_row.cells, row, strict=True):
                    run = cell.paragraphs[0].add_run(text)
                    run.bold = row_index == 0 or None
            # Mark the first row as the header, so screen readers announce it and it repeats across pages.
            row_properties = table.rows[0]._tr.get_or_add_trPr()
            header = OxmlElement("w:tblHeader")
            header.set(qn("w:val"), "true")
            row_properties.append(header)
            document.add_paragraph()
    output = io.BytesIO()
    document.save(output)
    return normalise_zip(output.getvalue())


# Spreadsheets ---------------------------------------------------------------------


@dataclass
class Sheet:
    name: str
    widths: list
    rows: list  # lists of None, str, int, float or Formula


def parse_sheets(text):
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise SourceError(f"not valid YAML ({getattr(error, 'problem', None) or error})") from None
    if not isinstance(data, dict) or not isinstance(data.get("sheets"), list) or not data["sheets"]:
        raise SourceError("the file must have a 'sheets:' list with at least one sheet")
    sheets, names = [], set()
    for number, raw in enumerate(data["sheets"], start=1):
        if not isinstance(raw, dict):
            raise SourceError(f"sheet {number} must have 'name' and 'rows'")
        name = str(raw.get("name") or "").strip()
        if not name:
            raise SourceError(f"sheet {number} needs a 'name'")
        if len(name) > SHEET_NAME_LIMIT:
            raise SourceError(f"the sheet name '{name}' is longer than {SHEET_NAME_LIMIT} characters")
        if FORBIDDEN_SHEET_CHARACTERS & set(name):
            raise SourceError(f"the sheet name '{name}' uses a character spreadsheets do not allow")
        if name.lower() in names:
            raise SourceError(f"two sheets are called '{name}'")
        names.add(name.lower())
        widths = raw.get("widths") or []
        if not isinstance(widths, list) or not all(isinstance(w, int | float) and 0 < w <= 255 for w in widths):
            raise SourceError(f"sheet '{name}': 'widths' must be a list of numbers of characters, up to 255")
        rows = raw.get("rows")
        if not isinstance(rows, list) or not rows:
            raise SourceError(f"sheet '{name}' needs 'rows'")
        parsed = []
        for row_number, row in enumerate(rows, start=1):
            if row is None:
                row = []
            if not isinstance(row, list):
                raise SourceError(f"sheet '{name}', row {row_number}: a row is a list of cells in [ ]")
            parsed.append([_cell(name, row_number, column, value) for column, value in enumerate(row, start=1)])
        sheets.append(Sheet(name=name, widths=list(widths), rows=parsed))
    return sheets


def _cell(sheet, row, column, value):
    where = f"sheet '{sheet}', row {row}, column {column}"
    if value is None or isinstance(value, int | float) and not isinstance(value, bool):
        return value
    if isinstance(value, str):
        if value.startswith("="):
            try:
                return Formula(value)
            except FormulaError as error:
                raise SourceError(f"{where}: {error}") from None
        return value
    raise SourceError(f"{where}: a cell must be text, a number, a formula starting with '=' or null")


class SheetValues:
    """Works out every formula's value, so the saved file shows it before any recalculation."""

    def __init__(self, sheet):
        self.sheet = sheet
        self.cache = {}
        self.visiting = set()

    def __call__(self, column, row):
        rows = self.sheet.rows
        value = rows[row - 1][column - 1] if row <= len(rows) and column <= len(rows[row - 1]) else None
        if not isinstance(value, Formula):
            return value
        key = (column, row)
        if key not in self.cache:
            if key in self.visiting:
                raise SourceError(f"sheet '{self.sheet.name}': the formula {value.source} refers to itself")
            self.visiting.add(key)
            self.cache[key] = value.evaluate(self)
            self.visiting.discard(key)
        return self.cache[key]


def row_kinds(rows):
    """How to style each row: the first is the title; a row of labels after a blank row is a header;
    other rows of several cells are table rows; a single cell is a note, left to run across."""
    kinds = []
    for index, row in enumerate(rows):
        after_blank = index > 0 and all(cell is None for cell in rows[index - 1])
        if index == 0:
            kinds.append("title")
        elif len(row) >= 2 and after_blank and all(isinstance(cell, str) for cell in row):
            kinds.append("header")
        elif len(row) >= 2:
            kinds.append("table")
        else:
            kinds.append("note")
    return kinds


def _display(value):
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, float):
        return f"{value:.10g}"
    return str(value)


def sheets_to_ods(sheets, title):
    from odf import dc, meta
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.style import DefaultStyle, FontFace, Style, TableCellProperties, TableColumnProperties, TextProperties
    from odf.table import Table, TableCell, TableColumn, TableRow
    from odf.text import P

    document = OpenDocumentSpreadsheet()
    document.meta.addElement(dc.Title(text=title))
    document.meta.addElement(dc.Language(text="en-GB"))
    document.meta.addElement(meta.InitialCreator(text=AUTHOR))
    document.fontfacedecls.addElement(
        FontFace(name="Arial", fontfamily="Arial", fontfamilygeneric="swiss", fontpitch="variable")
    )
    default = DefaultStyle(family="table-cell")
    default.addElement(TextProperties(fontname="Arial", fontsize="10pt", language="en", country="GB"))
    document.styles.addElement(default)

    styles = {}
    for name, bold, size, wrap in (
        ("title", True, "14pt", False),
        ("header", True, None, True),
        ("table", False, None, True),
        ("note", False, None, False),
    ):
        style = Style(name=f"cell-{name}", family="table-cell")
        cell_properties = {"verticalalign": "top"}
        if wrap:
            cell_properties["wrapoption"] = "wrap"
        style.addElement(TableCellProperties(**cell_properties))
        text_properties = {}
        if bold:
            text_properties["fontweight"] = "bold"
        if size:
            text_properties["fontsize"] = size
        if text_properties:
            style.addElement(TextProperties(**text_properties))
        document.automaticstyles.addElement(style)
        styles[name] = style

    column_styles = {}
    for sheet in sheets:
        values = SheetValues(sheet)
        table = Table(name=sheet.name)
        for width in sheet.widths:
            if width not in column_styles:
                style = Style(name=f"column-{len(column_styles) + 1}", family="table-column")
                # A character of 10pt Arial is about 0.19cm wide, as spreadsheet column widths count them.
                style.addElement(TableColumnProperties(columnwidth=f"{width * 0.19:.2f}cm"))
                document.automaticstyles.addElement(style)
                column_styles[width] = style
            table.addElement(TableColumn(stylename=column_styles[width]))
        for row_index, (row, kind) in enumerate(zip(sheet.rows, row_kinds(sheet.rows), strict=True), start=1):
            table_row = TableRow()
            for column_index, value in enumerate(row, start=1):
                table_row.addElement(_ods_cell(value, values, column_index, row_index, styles[kind], TableCell, P))
            table.addElement(table_row)
        document.spreadsheet.addElement(table)
    return _save_odf(document)


def _ods_cell(value, values, column, row, style, TableCell, P):  # noqa: N803 (odfpy classes)
    if value is None:
        return TableCell(stylename=style)
    if isinstance(value, Formula):
        result = values(column, row)
        if result is None:
            return TableCell(stylename=style, formula=value.opendocument())
        cell = TableCell(stylename=style, formula=value.opendocument(), valuetype="float", value=_display(result))
        cell.addElement(P(text=_display(result)))
        return cell
    if isinstance(value, str):
        cell = TableCell(stylename=style, valuetype="string")
        cell.addElement(P(text=value))
        return cell
    cell = TableCell(stylename=style, valuetype="float", value=_display(value))
    cell.addElement(P(text=_display(value)))
    return cell


def sheets_to_xlsx(sheets, title):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

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


# Shared -------------------------------------------------------------------------------


def _save_odf(document):
    from odf.element import Element
    from odf.namespaces import nsdict

    # odfpy declares every namespace any document in this process has used so far, in the order
    # first used (a class-level dict). Declaring all of them, in a fixed order, makes output repeatable.
    Element.namespaces.clear()
    Element.namespaces.update(sorted(nsdict.items(), key=lambda item: item[1]))
    output = io.BytesIO()
    document.write(output)
    return normalise_zip(output.getvalue())


CORE_DATES = re.compile(rb"<dcterms:(created|modified)\b[^>]*>[^<]*</dcterms:\1>|<dcterms:(created|modified)\b[^>]*/>")


def normalise_zip(data):
    """The same archive with fixed timestamps and without Office creation dates, so output is repeatable."""
    source = zipfile.ZipFile(io.BytesIO(data))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as target:
        for member in source.infolist():
            content = source.read(member)
            if member.filename == "docProps/core.xml":
                content = CORE_DATES.sub(b"", content)
            info = zipfile.ZipInfo(member.filename, date_time=FIXED_ZIP_TIME)
            info.compress_type = member.compress_type
            info.external_attr = 0o644 << 16
            target.writestr(info, content)
    return output.getvalue()


@functools.lru_cache(maxsize=32)
def generate(kind, source_text, file_format, title):
    """Bytes of the file in file_format, built from a document or sheets source.

    Output depends only on the arguments, so repeated loads reuse it.
    """
    if kind == "document":
        if file_format not in DOCUMENT_FORMATS:
            raise SourceError(f"a document source makes {' or '.join(DOCUMENT_FORMATS)} files, not {file_format}")
        blocks = parse_document(source_text)
        name = document_title(blocks, title)
        return document_to_odt(blocks, name) if file_format == "odt" else document_to_docx(blocks, name)
    if file_format not in SPREADSHEET_FORMATS:
        raise SourceError(f"a spreadsheet source makes {' or '.join(SPREADSHEET_FORMATS)} files, not {file_format}")
    sheets = parse_sheets(source_text)
    for sheet in sheets:
        values = SheetValues(sheet)
        for row_index, row in enumerate(sheet.rows, start=1):
            for column_index, value in enumerate(row, start=1):
                if isinstance(value, Formula):
                    values(column_index, row_index)  # finds formulas that refer to themselves
    return sheets_to_ods(sheets, title) if file_format == "ods" else sheets_to_xlsx(sheets, title)
