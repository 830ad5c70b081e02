"""Generated files come out byte-for-byte the same from the same source: fixed zip
timestamps, no creation dates, one author."""

import io
import re
import zipfile

AUTHOR = "Shared Services Team"
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)

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
