"""OpenDocument files (ODT, ODS), the government's open standard, written with odfpy."""

import io
from types import SimpleNamespace

from odf import dc, meta
from odf.element import Element
from odf.namespaces import nsdict
from odf.opendocument import OpenDocumentSpreadsheet, OpenDocumentText
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

from toolkit.files.archive import AUTHOR, normalise_zip
from toolkit.files.formulas import Formula
from toolkit.files.sources import SheetValues, row_kinds

# A character of 10pt Arial is about 0.19cm wide, as spreadsheet column widths count them.
CENTIMETRES_PER_CHARACTER = 0.19


def new_document(document_class, title, *, family, font_size):
    """An empty document with its title, language, author and Arial as the default font."""
    document = document_class()
    document.meta.addElement(dc.Title(text=title))
    document.meta.addElement(dc.Language(text="en-GB"))
    document.meta.addElement(meta.InitialCreator(text=AUTHOR))
    document.fontfacedecls.addElement(
        FontFace(name="Arial", fontfamily="Arial", fontfamilygeneric="swiss", fontpitch="variable")
    )
    default = DefaultStyle(family=family)
    default.addElement(TextProperties(fontname="Arial", fontsize=font_size, language="en", country="GB"))
    document.styles.addElement(default)
    return document


def add_style(container, name, family, *properties, displayname=None, **attributes):
    # Attributes in a fixed order (a display name before the family), so output stays byte-for-byte the same.
    named = {"name": name, **({"displayname": displayname} if displayname else {})}
    style = Style(**named, family=family, **attributes)
    for element in properties:
        style.addElement(element)
    container.addElement(style)
    return style


# Text documents ------------------------------------------------------------------


def text_styles(document):
    """The named styles a text document uses: body text, three heading levels, bullets and a table grid."""
    styles = SimpleNamespace()
    styles.body = add_style(
        document.styles,
        "Text_20_body",
        "paragraph",
        ParagraphProperties(marginbottom="0.25cm", margintop="0cm"),
        displayname="Text body",
    )
    styles.headings = {
        level: add_style(
            document.styles,
            f"Heading_20_{level}",
            "paragraph",
            ParagraphProperties(margintop="0.5cm", marginbottom="0.25cm", keepwithnext="always"),
            TextProperties(fontsize=size, fontweight="bold"),
            displayname=f"Heading {level}",
            nextstylename="Text_20_body",
            defaultoutlinelevel=str(level),
        )
        for level, size in ((1, "20pt"), (2, "15pt"), (3, "12pt"))
    }
    automatic = document.automaticstyles
    styles.bullets = ListStyle(name="Bullets")
    level_style = ListLevelStyleBullet(level=1, bulletchar="•")
    level_style.addElement(ListLevelProperties(spacebefore="0.4cm", minlabelwidth="0.5cm"))
    styles.bullets.addElement(level_style)
    automatic.addElement(styles.bullets)
    list_spacing = ParagraphProperties(marginbottom="0.1cm")
    styles.list_item = add_style(automatic, "ListParagraph", "paragraph", list_spacing, parentstylename="Text_20_body")
    styles.table = add_style(automatic, "Grid", "table", TableProperties(width="17cm", align="margins"))
    styles.cell = add_style(
        automatic, "GridCell", "table-cell", TableCellProperties(border="0.5pt solid #000000", padding="0.1cm")
    )
    styles.table_heading = add_style(automatic, "TableHeading", "paragraph", TextProperties(fontweight="bold"))
    styles.column = add_style(automatic, "GridColumn", "table-column", TableColumnProperties(relcolumnwidth="1*"))
    return styles


def document_to_odt(blocks, title):
    document = new_document(OpenDocumentText, title, family="paragraph", font_size="11pt")
    styles = text_styles(document)
    tables = 0
    for block in blocks:
        if block.kind == "heading":
            element = H(outlinelevel=block.level, stylename=styles.headings[block.level], text=block.text)
        elif block.kind == "paragraph":
            element = P(stylename=styles.body, text=block.text)
        elif block.kind == "bullets":
            element = bullet_list(block.items, styles)
        else:
            tables += 1
            element = text_table(block.rows, f"Table{tables}", styles)
        document.text.addElement(element)
    return save(document)


def bullet_list(items, styles):
    element = List(stylename=styles.bullets)
    for item in items:
        entry = ListItem()
        entry.addElement(P(stylename=styles.list_item, text=item))
        element.addElement(entry)
    return element


def text_table(rows, name, styles):
    table = Table(name=name, stylename=styles.table)
    table.addElement(TableColumn(numbercolumnsrepeated=len(rows[0]), stylename=styles.column))
    header = TableHeaderRows()
    header.addElement(text_row(rows[0], styles.cell, styles.table_heading))
    table.addElement(header)
    for row in rows[1:]:
        table.addElement(text_row(row, styles.cell, styles.body))
    return table


def text_row(cells, cell_style, text_style):
    row = TableRow()
    for text in cells:
        cell = TableCell(stylename=cell_style, valuetype="string")
        cell.addElement(P(stylename=text_style, text=text))
        row.addElement(cell)
    return row


# Spreadsheets ----------------------------------------------------------------------

# How each kind of row (see sources.row_kinds) looks: bold, font size, wrapped.
ROW_LOOKS = {
    "title": (True, "14pt", False),
    "header": (True, None, True),
    "table": (False, None, True),
    "note": (False, None, False),
}


def cell_styles(document):
    styles = {}
    for kind, (bold, size, wrap) in ROW_LOOKS.items():
        cell_properties = {"verticalalign": "top", **({"wrapoption": "wrap"} if wrap else {})}
        text_properties = {**({"fontweight": "bold"} if bold else {}), **({"fontsize": size} if size else {})}
        properties = [TableCellProperties(**cell_properties)]
        if text_properties:
            properties.append(TextProperties(**text_properties))
        styles[kind] = add_style(document.automaticstyles, f"cell-{kind}", "table-cell", *properties)
    return styles


def sheets_to_ods(sheets, title):
    document = new_document(OpenDocumentSpreadsheet, title, family="table-cell", font_size="10pt")
    styles = cell_styles(document)
    column_styles = {}
    for sheet in sheets:
        table = Table(name=sheet.name)
        for width in sheet.widths:
            if width not in column_styles:
                column_styles[width] = add_style(
                    document.automaticstyles,
                    f"column-{len(column_styles) + 1}",
                    "table-column",
                    TableColumnProperties(columnwidth=f"{width * CENTIMETRES_PER_CHARACTER:.2f}cm"),
                )
            table.addElement(TableColumn(stylename=column_styles[width]))
        values = SheetValues(sheet)
        for row_index, (row, kind) in enumerate(zip(sheet.rows, row_kinds(sheet.rows), strict=True), start=1):
            table_row = TableRow()
            for column_index, value in enumerate(row, start=1):
                table_row.addElement(sheet_cell(value, values(column_index, row_index), styles[kind]))
            table.addElement(table_row)
        document.spreadsheet.addElement(table)
    return save(document)


def sheet_cell(value, result, style):
    """A cell with its value shown, so the file reads right before any recalculation."""
    if value is None:
        return TableCell(stylename=style)
    attributes = {"stylename": style}
    if isinstance(value, Formula):
        attributes["formula"] = value.opendocument()
        if result is None:
            return TableCell(**attributes)
    text = value if isinstance(value, str) else display(result)
    if isinstance(value, str):
        cell = TableCell(**attributes, valuetype="string")
    else:
        cell = TableCell(**attributes, valuetype="float", value=text)
    cell.addElement(P(text=text))
    return cell


def display(value):
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, float):
        return f"{value:.10g}"
    return str(value)


def save(document):
    # odfpy declares every namespace any document in this process has used so far, in the order
    # first used (a class-level dict). Declaring all of them, in a fixed order, makes output repeatable.
    Element.namespaces.clear()
    Element.namespaces.update(sorted(nsdict.items(), key=lambda item: item[1]))
    output = io.BytesIO()
    document.write(output)
    return normalise_zip(output.getvalue())
