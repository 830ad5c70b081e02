"""The benchmark's URL configuration: the product's pages plus a floor view. Never used by the product.

The floor, /__bench__/floor/, returns the home page's bytes, captured once
when this module is first imported, through the project's whole middleware
stack (the page cache skips /__bench__/). It is what any page costs on this
server without its view and template work: bench/pages_bench.py reports every
page's throughput as a share of it, so results compare across machines.
"""

import os
from pathlib import Path

from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import path

from sharedservices import urls as product_urls
from sharedservices.views import home

handler400 = product_urls.handler400
handler403 = product_urls.handler403
handler404 = product_urls.handler404
handler500 = product_urls.handler500


_captured = {}


def home_page_bytes():
    """The home page's bytes, captured once: the file bench/pages_bench.py wrote at startup
    (BENCH_FLOOR_BODY), or, without it, the home page rendered here on the first call."""
    if "body" not in _captured:
        body_file = os.environ.get("BENCH_FLOOR_BODY")
        if body_file:
            _captured["body"] = Path(body_file).read_bytes()
        else:
            _captured["body"] = home(RequestFactory().get("/", HTTP_HOST="127.0.0.1")).content
    return _captured["body"]


if os.environ.get("BENCH_FLOOR_BODY"):
    home_page_bytes()


def floor(request):
    return HttpResponse(home_page_bytes(), content_type="text/html; charset=utf-8")


urlpatterns = [path("__bench__/floor/", floor, name="bench-floor"), *product_urls.urlpatterns]
