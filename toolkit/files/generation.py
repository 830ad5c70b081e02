"""Template files generated from their words, so no binary file is kept in the repository.

A document source becomes ODT (odfpy) and DOCX (python-docx); a sheets source
becomes ODS (odfpy) and XLSX (openpyxl). The same source always gives
byte-for-byte the same file (see toolkit.files.archive).
"""

import functools

from toolkit.files import office, opendocument
from toolkit.files.sources import (
    DOCUMENT_FORMATS,
    SPREADSHEET_FORMATS,
    SourceError,
    check_formulas,
    document_title,
    parse_document,
    parse_sheets,
)


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
        write = opendocument.document_to_odt if file_format == "odt" else office.document_to_docx
        return write(blocks, name)
    if file_format not in SPREADSHEET_FORMATS:
        raise SourceError(f"a spreadsheet source makes {' or '.join(SPREADSHEET_FORMATS)} files, not {file_format}")
    sheets = parse_sheets(source_text)
    check_formulas(sheets)
    write = opendocument.sheets_to_ods if file_format == "ods" else office.sheets_to_xlsx
    return write(sheets, title)
