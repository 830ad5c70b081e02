"""WSGI entry point of Django's own floor (bench/startproject_floor/settings.py), as startproject writes it."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.startproject_floor.settings")

application = get_wsgi_application()
