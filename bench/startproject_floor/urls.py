"""One view: the portal's home page bytes (the file bench/pages_bench.py wrote, BENCH_FLOOR_BODY)."""

import os
from pathlib import Path

from django.http import HttpResponse
from django.urls import path

BODY = Path(os.environ["BENCH_FLOOR_BODY"]).read_bytes()


def floor(request, anything=""):
    return HttpResponse(BODY, content_type="text/html; charset=utf-8")


urlpatterns = [path("", floor), path("<path:anything>", floor)]
