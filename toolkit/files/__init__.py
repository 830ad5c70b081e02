"""Template files: made from editors' sources, checked on upload, read for search, stored and served.

- sources: parsing document and spreadsheet sources (formulas: the formula language)
- generation: turning a source into ODT, DOCX, ODS or XLSX (opendocument, office, archive)
- validation: accepting a file only if its content is the format it claims (extraction: its words)
- storage: storing checked files, choosing a template's files, serving a download
"""
