"""Small hand-written factories for toolkit tests."""

import datetime
import io
import itertools

from django.utils import timezone

from publishing.models import Status
from toolkit.files.generation import generate
from toolkit.files.storage import template_file_store
from toolkit.files.validation import check_file_bytes
from toolkit.models import Example, Stage, Template, TemplateFile

_numbers = itertools.count(1)

SHEETS_SOURCE = """
sheets:
  - name: Costs
    widths: [30, 15]
    rows:
      - ["{title}"]
      - []
      - ["Item", "Cost (£)"]
      - ["Staff", 100]
      - ["Systems", 50]
      - ["Total", "=SUM(B4:B5)"]
"""


def publication(status):
    if status in (Status.PUBLISHED, Status.WITHDRAWN):
        at = timezone.now() - datetime.timedelta(hours=1)
        return {"status": status, "publish_at": at, "first_published_at": at, "last_major_change_at": at}
    return {"status": status}


def make_stage(position, title=None, status=Status.PUBLISHED, **fields):
    title = title or f"Stage title {position}"
    defaults = {
        "slug": f"stage-{next(_numbers)}",
        "summary": f"Summary of {title.lower()}.",
        "purpose": f"Purpose of {title.lower()}.",
        "activities": "First activity\nSecond activity",
        "outputs": "First output\nSecond output",
        "decision": f"Are we ready to leave {title.lower()}?",
        "checklist": "First check\nSecond check",
    }
    return Stage.objects.create(title=title, position=position, **{**defaults, **publication(status), **fields})


def make_example(stage, title=None, status=Status.PUBLISHED, **fields):
    number = next(_numbers)
    title = title or f"Example {number}"
    defaults = {"slug": f"example-{number}", "summary": f"Summary of {title.lower()}.", "organisation": "A department"}
    return Example.objects.create(stage=stage, title=title, **{**defaults, **publication(status), **fields})


def minimal_pdf(*extra_objects, catalog_extra="", words="A template"):
    """A small, well-formed PDF: one blank page, plus any extra objects (numbered from 4) and catalog keys."""
    objects = [
        f"<< /Type /Catalog /Pages 2 0 R {catalog_extra}>>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
        *extra_objects,
    ]
    out = io.BytesIO()
    out.write(f"%PDF-1.7\n% {words}\n".encode())
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n{body}\nendobj\n".encode())
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def make_file(file_format="odt", words="Sample template words"):
    """A real, checked file of the given format, stored under a generated name."""
    if file_format in ("odt", "docx"):
        data = generate("document", f"# {words}\n\n{words} paragraph.\n\n- {words} bullet\n", file_format, words)
    elif file_format in ("ods", "xlsx"):
        data = generate("sheets", SHEETS_SOURCE.format(title=words), file_format, words)
    else:
        data = minimal_pdf(words=words)
    return template_file_store(checked=check_file_bytes(data, file_format), original_name=f"{words}.{file_format}")


def make_template(stage, title=None, files=(), status=Status.PUBLISHED, **fields):
    number = next(_numbers)
    title = title or f"Template {number}"
    defaults = {"slug": f"template-{number}", "summary": f"Summary of {title.lower()}."}
    template = Template.objects.create(stage=stage, title=title, **{**defaults, **publication(status), **fields})
    if files:
        template.files.set([f if isinstance(f, TemplateFile) else make_file(f, title) for f in files])
    return template
