"""Dates and times as editors and readers see them everywhere: 27 November 2026 and 27 November 2026, 2:50pm.

Times are UK time (Europe/London, with summer time), as the settings' TIME_ZONE says.
"""

from django.utils import timezone


def date_text(value):
    return f"{value.day} {value:%B %Y}" if value else ""


def datetime_text(value):
    if not value:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    hour = local.hour % 12 or 12
    minutes = f":{local.minute:02d}"
    return f"{date_text(local)}, {hour}{minutes}{'am' if local.hour < 12 else 'pm'}"
