"""Request bodies over the limit are refused from their Content-Length, before they are parsed or stored.

Django limits form fields (DATA_UPLOAD_MAX_MEMORY_SIZE) but streams uploaded files to
disk whatever their size, so without this a 200 MB body would be read in full before
any check. Only the admin takes uploads (multipart forms); every other body has the
form limit.

A client talking to gunicorn directly is answered without a byte of its body being
read. The proxy in front (deploy/nginx/) has already received the whole body, within
the same limits, and may still be sending it when the app answers without reading it
all (a refusal, a 405, a form that failed early): gunicorn closing on it would turn the
answer into a 502, so from a trusted proxy what is left of the body is read and dropped.
"""

from django.conf import settings
from django.http import HttpResponse
from django.template import loader

from sharedservices.client_address import is_trusted_proxy

DRAIN_CHUNK = 256 * 1024


def body_limit_for(request):
    is_upload = request.META.get("CONTENT_TYPE", "").lower().startswith("multipart/form-data")
    if is_upload and request.path_info.startswith("/admin/"):
        return settings.MAX_ADMIN_REQUEST_BODY_BYTES
    return settings.MAX_REQUEST_BODY_BYTES


def declared_length(request):
    """The body's declared length in bytes, or None when the header is malformed."""
    raw = request.META.get("CONTENT_LENGTH") or "0"
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 18 else None


def error_page(template_name, status, **context):
    return HttpResponse(loader.render_to_string(template_name, context), status=status)


def drop_unread_body_from_proxy(request, length):
    if 0 < length <= settings.MAX_ADMIN_REQUEST_BODY_BYTES and is_trusted_proxy(request.META.get("REMOTE_ADDR", "")):
        while request.read(DRAIN_CHUNK):
            pass


class RequestBodyLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        length = declared_length(request)
        if length is None:
            return error_page("errors/400.html", 400)
        limit = body_limit_for(request)
        if length > limit:
            response = error_page("errors/413.html", 413, limit=f"{limit / (1024 * 1024):.1f} MB")
        else:
            response = self.get_response(request)
        drop_unread_body_from_proxy(request, length)
        return response
