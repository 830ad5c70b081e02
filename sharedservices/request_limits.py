"""Request bodies over the limit are refused from their Content-Length, before a byte of them is read.

Django limits form fields (DATA_UPLOAD_MAX_MEMORY_SIZE) but streams uploaded files to
disk whatever their size, so without this a 200 MB body would be read in full before
any check. Only the admin takes uploads; everywhere else the limit is the form limit.
"""

from django.conf import settings
from django.http import HttpResponse
from django.template import loader


def body_limit_for(path_info):
    return settings.MAX_ADMIN_REQUEST_BODY_BYTES if path_info.startswith("/admin/") else settings.MAX_REQUEST_BODY_BYTES


def declared_length(request):
    """The body's declared length in bytes, or None when the header is malformed."""
    raw = request.META.get("CONTENT_LENGTH") or "0"
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 18 else None


def error_page(template_name, status, **context):
    return HttpResponse(loader.render_to_string(template_name, context), status=status)


class RequestBodyLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        length = declared_length(request)
        if length is None:
            return error_page("errors/400.html", 400)
        limit = body_limit_for(request.path_info)
        if length > limit:
            return error_page("errors/413.html", 413, limit=f"{limit / (1024 * 1024):.1f} MB")
        return self.get_response(request)
