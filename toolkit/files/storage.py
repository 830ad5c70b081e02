"""Storing checked template files, choosing a template's files, moving its version on, and serving a file."""

import logging
import re

from django.core.files.base import ContentFile
from django.http import FileResponse, Http404

from toolkit.models import TemplateFile

logger = logging.getLogger(__name__)


def template_file_store(*, checked, original_name=""):
    """Store a file that has passed toolkit.files.validation, under a generated name. Returns the new TemplateFile."""
    template_file = TemplateFile(
        format=checked.format,
        size=checked.size,
        sha256=checked.sha256,
        text=checked.text,
        original_name=(original_name or "")[:255],
    )
    # The name given here is ignored: upload_to generates a random one.
    template_file.file.save(f"upload.{checked.format}", ContentFile(checked.data), save=False)
    template_file.save()
    return template_file


def template_files_choose(*, current, checked_files, original_names=None):
    """The files a template should hold: checked_files ({format: CheckedFile}) replace current ones,
    except that an identical file already stored is reused rather than stored twice."""
    original_names = original_names or {}
    chosen = dict(current)
    for file_format, checked in checked_files.items():
        existing = current.get(file_format)
        if existing is None or existing.sha256 != checked.sha256:
            chosen[file_format] = template_file_store(
                checked=checked, original_name=original_names.get(file_format, "")
            )
    return chosen


def next_file_version(version):
    """1.0 → 1.1, 1.9 → 1.10, 2 → 2.1: a replaced file is a minor new version."""
    parts = (version or "").strip().split(".")
    if len(parts) >= 2 and all(re.fullmatch(r"\d+", part) for part in parts):
        parts[-1] = str(int(parts[-1]) + 1)
        return ".".join(parts)
    if re.fullmatch(r"\d+", parts[0] or ""):
        return f"{parts[0]}.1"
    return "1.1"


def file_response(template_file, filename):
    """The stored file as a download named filename; a file missing from storage is a 404, logged."""
    try:
        handle = template_file.file.open("rb")
    except FileNotFoundError:
        logger.error("Template file missing from storage: id=%s name=%s", template_file.pk, template_file.file.name)
        raise Http404("The file is missing") from None
    response = FileResponse(handle, as_attachment=True, filename=filename, content_type=template_file.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response
