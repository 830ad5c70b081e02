"""Generating template files from their sources, and reading their words back."""

import io
import re

import docx
import openpyxl
import pytest
from odf.opendocument import load as load_odf
from odf.table import Table, TableHeaderRows
from odf.text import H, List

from toolkit.files.extraction import extract_text
from toolkit.files.formulas import Formula, FormulaError
from toolkit.files.generation import generate
from toolkit.files.sources import SourceError, parse_document, parse_sheets

DOCUMENT = """# Vision statement

[Replace this title.]

## Why we want to change

- first reason
- second reason
  that runs on

| Item | Detail |
| --- | --- |
| Sponsor | [enter] |
| Date | [enter] |
"""

SHEETS = """
sheets:
  - name: Savings model
    widths: [40, 16]
    rows:
      - ["Savings model"]
      - []
      - ["Item", "Value"]
      - ["Current cost", null]
      - ["Saving at 20%", "=B4*0.2"]
      - ["Employees", 12000]
      - ["Still needed to reach 20,000", "=20000-B6"]
      - ["Total", "=SUM(B4:B7)"]
"""

EVERY_FORMAT = [
    ("document", DOCUMENT, "odt"),
    ("document", DOCUMENT, "docx"),
    ("sheets", SHEETS, "ods"),
    ("sheets", SHEETS, "xlsx"),
]


@pytest.mark.parametrize(
    ("source", "excel", "opendocument"),
    [
        ("=B4*0.2", "=B4*0.2", "of:=[.B4]*0.2"),
        ("=SUM(B4:B8)", "=SUM(B4:B8)", "of:=SUM([.B4:.B8])"),
        ("=c11*b17-b16", "=C11*B17-B16", "of:=[.C11]*[.B17]-[.B16]"),
        ("=ROUND((B1+$C$2)/2, 0)", "=ROUND((B1+$C$2)/2,0)", "of:=ROUND(([.B1]+[.$C$2])/2;0)"),
        ("=-B1+MAX(A1:A3, 5)", "=-B1+MAX(A1:A3,5)", "of:=-[.B1]+MAX([.A1:.A3];5)"),
    ],
)
def test_formulas_are_written_for_excel_and_as_openformula(source, excel, opendocument):
    formula = Formula(source)
    assert formula.excel() == excel
    assert formula.opendocument() == opendocument


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        ("=HYPERLINK(B1)", "HYPERLINK is not supported"),
        ("=B1+", "unexpected"),
        ("=B1:B4", "can only be used inside a function"),
        ("=SUM(B1", "missing ')'"),
        ('="text"', "cannot read the formula"),
        ("=Sheet2!B1", "cannot read the formula"),
        ("=", "empty"),
    ],
)
def test_formulas_outside_the_supported_set_are_refused(source, problem):
    with pytest.raises(FormulaError, match=re.escape(problem)):
        Formula(source)


def test_formula_values_treat_empty_cells_as_zero_and_skip_text():
    cells = {(2, 4): None, (2, 5): 10, (2, 6): "text", (2, 7): 2.5}
    value_of = lambda column, row: cells.get((column, row))  # noqa: E731
    assert Formula("=SUM(B4:B7)").evaluate(value_of) == 12.5
    assert Formula("=20000-B5").evaluate(value_of) == 19990
    assert Formula("=B6*2").evaluate(value_of) is None
    assert Formula("=B5/B4").evaluate(value_of) is None


def test_document_source_is_split_into_headings_paragraphs_bullets_and_tables():
    blocks = parse_document(DOCUMENT)
    assert [b.kind for b in blocks] == ["heading", "paragraph", "heading", "bullets", "table"]
    assert blocks[3].items == ["first reason", "second reason that runs on"]
    assert blocks[4].rows == [["Item", "Detail"], ["Sponsor", "[enter]"], ["Date", "[enter]"]]


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        ("| --- |\n| a |\n", "must follow its header row"),
        ("#### Too deep\n", "at most 3 levels"),
        ("\n\n", "no content"),
    ],
)
def test_malformed_document_sources_are_refused(source, problem):
    with pytest.raises(SourceError, match=problem):
        parse_document(source)


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        ("rows: []", "'sheets:' list"),
        ("sheets:\n  - name: Plan\n    rows: oops\n", "needs 'rows'"),
        ("sheets:\n  - name: 'A/B'\n    rows: [[x]]\n", "character spreadsheets do not allow"),
        ("sheets:\n  - name: A\n    rows: [[x]]\n  - name: a\n    rows: [[y]]\n", "two sheets are called"),
        ("sheets:\n  - name: A\n    rows: [[{x: 1}]]\n", "row 1, column 1"),
        ("sheets:\n  - name: A\n    widths: [wide]\n    rows: [[x]]\n", "'widths'"),
        ("sheets: [", "not valid YAML"),
    ],
)
def test_malformed_sheet_sources_are_refused(source, problem):
    with pytest.raises(SourceError, match=problem):
        parse_sheets(source)


def test_formula_that_refers_to_itself_is_refused():
    with pytest.raises(SourceError, match="refers to itself"):
        generate("sheets", "sheets:\n  - name: A\n    rows:\n      - [x, '=B1+1']\n", "ods", "Loop")


@pytest.mark.parametrize(("kind", "source", "file_format"), EVERY_FORMAT)
def test_generated_files_are_identical_every_time(kind, source, file_format):
    first = generate(kind, source, file_format, "Title")
    generate.cache_clear()
    assert generate(kind, source, file_format, "Title") == first


def test_odt_has_real_headings_lists_and_a_table_with_a_header_row():
    document = load_odf(io.BytesIO(generate("document", DOCUMENT, "odt", "Vision statement")))
    headings = document.getElementsByType(H)
    assert [(h.getAttribute("outlinelevel"), str(h)) for h in headings] == [
        ("1", "Vision statement"),
        ("2", "Why we want to change"),
    ]
    assert len(document.getElementsByType(List)) == 1
    assert len(document.getElementsByType(Table)) == 1
    assert len(document.getElementsByType(TableHeaderRows)) == 1


def test_docx_uses_heading_styles_bullets_and_a_repeating_table_header():
    document = docx.Document(io.BytesIO(generate("document", DOCUMENT, "docx", "Vision statement")))
    styles = [(p.style.name, p.text) for p in document.paragraphs if p.text]
    assert ("Heading 1", "Vision statement") in styles
    assert ("Heading 2", "Why we want to change") in styles
    assert ("List Bullet", "first reason") in styles
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["Item", "Detail"]
    assert table.rows[0]._tr.trPr.xpath("./w:tblHeader")
    assert document.core_properties.title == "Vision statement"
    assert document.core_properties.language == "en-GB"


def test_ods_holds_openformula_with_worked_out_values():
    data = generate("sheets", SHEETS, "ods", "Savings")
    content = load_odf(io.BytesIO(data)).xml().decode()
    assert 'table:formula="of:=[.B4]*0.2" office:value-type="float" office:value="0"' in content
    assert 'table:formula="of:=20000-[.B6]" office:value-type="float" office:value="8000"' in content
    assert 'table:formula="of:=SUM([.B4:.B7])" office:value-type="float" office:value="20000"' in content
    assert 'office:value-type="float" office:value="12000"' in content


def test_xlsx_holds_the_formulas_and_column_widths():
    workbook = openpyxl.load_workbook(io.BytesIO(generate("sheets", SHEETS, "xlsx", "Savings")))
    sheet = workbook["Savings model"]
    assert sheet["B5"].value == "=B4*0.2"
    assert sheet["B8"].value == "=SUM(B4:B7)"
    assert sheet["B6"].value == 12000
    assert sheet.column_dimensions["A"].width == 40
    assert sheet["A1"].font.bold and sheet["A3"].font.bold


@pytest.mark.parametrize(("kind", "source", "file_format"), EVERY_FORMAT)
def test_text_is_extracted_from_every_format(kind, source, file_format):
    text = extract_text(generate(kind, source, file_format, "Title"), file_format)
    words = ["Why we want to change", "second reason that runs on", "Sponsor"] if kind == "document" else [
        "Savings model", "Still needed to reach 20,000", "Current cost"
    ]  # fmt: skip
    for expected in words:
        assert expected in text
