"""How the API answers, whatever a client sends: JSON only, and a rate per client kept in the shared cache."""

from django.conf import settings
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.throttling import SimpleRateThrottle
from rest_framework.views import exception_handler as drf_exception_handler

from sharedservices.client_address import client_ip
from sharedservices.page_cache import CACHE_ERRORS, cache_health


class FirstRendererOnly(BaseContentNegotiation):
    """Every response of a view in its first renderer's format, whatever the Accept header says: the page cache
    keys a response on its address alone, so the same address must always give the same bytes."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class ClientRateThrottle(SimpleRateThrottle):
    """API_RATE_LIMIT requests per client address (the client's own, behind the proxy: TRUSTED_PROXIES).
    Answers served from the page cache cost nothing and are not counted. When the shared cache does not
    answer, requests are let through: a cache outage degrades protection, never the service."""

    scope = "api"

    def get_rate(self):
        return settings.API_RATE_LIMIT

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": client_ip(request)}

    def allow_request(self, request, view):
        try:
            return super().allow_request(request, view)
        except CACHE_ERRORS as error:
            cache_health.failed(error)
            return True


def exception_handler(exc, context):
    """DRF's error answers, always as {"detail": "…"} (with "errors" per parameter for a 400), as the schema says."""
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(response.data, dict) and "detail" not in response.data:
        errors = {field: [str(message) for message in messages] for field, messages in response.data.items()}
        problems = "; ".join(f"{field}: {' '.join(messages)}" for field, messages in errors.items())
        response.data = {"detail": f"Check the query: {problems}", "errors": errors}
    return response
