"""Template sources as editors write them, parsed and checked before any file is made.

``<slug>.document.md`` holds headings, paragraphs, bulleted lists and pipe tables;
``<slug>.sheets.yaml`` holds spreadsheet cells, where a string starting with ``=``
is a formula. Every problem is a SourceError an editor can act on.
"""

import re
from dataclasses import dataclass, field

import yaml

from toolkit.files.formulas import Formula, FormulaError

DOCUMENT_FORMATS = ("odt", "docx")
SPREADSHEET_FORMATS = ("ods", "xlsx")
SHEET_NAME_LIMIT = 31
FORBIDDEN_SHEET_CHARACTERS = set("[]:*?/\\")


class SourceError(Exception):
    """What is wrong with a template source, in words an editor can act on."""


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
    reader = DocumentReader()
    for number, raw in enumerate(text.splitlines(), start=1):
        reader.read_line(number, raw)
    reader.end_paragraph()
    for block in reader.blocks:
        if block.kind == "table":
            width = max(len(row) for row in block.rows)
            block.rows = [row + [""] * (width - len(row)) for row in block.rows]
    if not reader.blocks:
        raise SourceError("the document has no content")
    return reader.blocks


class DocumentReader:
    """Reads a document source line by line, keeping the paragraph and table being read."""

    def __init__(self):
        self.blocks, self.paragraph, self.table = [], [], None

    def end_paragraph(self):
        if self.paragraph:
            self.blocks.append(Block("paragraph", text=" ".join(self.paragraph)))
            self.paragraph.clear()

    def read_line(self, number, raw):
        line = raw.rstrip()
        if line.lstrip().startswith("|"):
            self.end_paragraph()
            self.read_table_row(number, line)
            return
        self.table = None
        if not line.strip():
            self.end_paragraph()
        elif heading := HEADING.match(line):
            self.end_paragraph()
            level = len(heading.group(1))
            if level > 3:
                raise SourceError(f"line {number}: use at most 3 levels of heading (###)")
            self.blocks.append(Block("heading", text=heading.group(2), level=level))
        elif bullet := BULLET.match(line):
            self.end_paragraph()
            self.add_bullet(bullet.group(1).strip())
        elif self.blocks and self.blocks[-1].kind == "bullets" and raw[:1].isspace() and not self.paragraph:
            self.blocks[-1].items[-1] += " " + line.strip()  # an indented line continues the bullet
        else:
            self.paragraph.append(line.strip())

    def read_table_row(self, number, line):
        if TABLE_SEPARATOR.match(line):
            if self.table is None or len(self.table.rows) != 1:
                raise SourceError(f"line {number}: a table's '| --- |' line must follow its header row")
        elif self.table is None:
            self.table = Block("table", rows=[_table_cells(line)])
            self.blocks.append(self.table)
        else:
            self.table.rows.append(_table_cells(line))

    def add_bullet(self, text):
        if self.blocks and self.blocks[-1].kind == "bullets":
            self.blocks[-1].items.append(text)
        else:
            self.blocks.append(Block("bullets", items=[text]))


def document_title(blocks, default):
    return next((b.text for b in blocks if b.kind == "heading" and b.level == 1), default)


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
        name = sheet_name(raw, number, names)
        names.add(name.lower())
        widths = raw.get("widths") or []
        if not isinstance(widths, list) or not all(isinstance(w, int | float) and 0 < w <= 255 for w in widths):
            raise SourceError(f"sheet '{name}': 'widths' must be a list of numbers of characters, up to 255")
        sheets.append(Sheet(name=name, widths=list(widths), rows=sheet_rows(raw.get("rows"), name)))
    return sheets


def sheet_name(raw, number, taken):
    """The sheet's name, refused if spreadsheets could not use it or another sheet has it."""
    name = str(raw.get("name") or "").strip()
    if not name:
        raise SourceError(f"sheet {number} needs a 'name'")
    if len(name) > SHEET_NAME_LIMIT:
        raise SourceError(f"the sheet name '{name}' is longer than {SHEET_NAME_LIMIT} characters")
    if FORBIDDEN_SHEET_CHARACTERS & set(name):
        raise SourceError(f"the sheet name '{name}' uses a character spreadsheets do not allow")
    if name.lower() in taken:
        raise SourceError(f"two sheets are called '{name}'")
    return name


def sheet_rows(rows, name):
    if not isinstance(rows, list) or not rows:
        raise SourceError(f"sheet '{name}' needs 'rows'")
    parsed = []
    for row_number, row in enumerate(rows, start=1):
        row = [] if row is None else row
        if not isinstance(row, list):
            raise SourceError(f"sheet '{name}', row {row_number}: a row is a list of cells in [ ]")
        parsed.append([_cell(name, row_number, column, value) for column, value in enumerate(row, start=1)])
    return parsed


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


def check_formulas(sheets):
    """Work out every formula once, so one that refers to itself is refused before a file is made."""
    for sheet in sheets:
        values = SheetValues(sheet)
        for row_index, row in enumerate(sheet.rows, start=1):
            for column_index, value in enumerate(row, start=1):
                if isinstance(value, Formula):
                    values(column_index, row_index)
