"""Signed, expiring preview links that work for colleagues without an admin account."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.exceptions import ObjectDoesNotExist
from django.urls import reverse

PREVIEW_SALT = "publishing.preview"
PREVIEW_LIFETIME = datetime.timedelta(days=7)


def preview_token(item):
    content_type = ContentType.objects.get_for_model(item)
    return signing.dumps({"ct": content_type.pk, "id": item.pk}, salt=PREVIEW_SALT, compress=True)


def preview_url(item):
    return reverse("publishing:preview", args=[preview_token(item)])


def item_from_preview_token(token, max_age=PREVIEW_LIFETIME):
    """The item a token names, or None when the token is tampered with, expired or stale."""
    try:
        data = signing.loads(token, salt=PREVIEW_SALT, max_age=max_age)
        content_type = ContentType.objects.get_for_id(data["ct"])
        return content_type.get_object_for_this_type(pk=data["id"])
    except (signing.BadSignature, KeyError, TypeError, ValueError, ObjectDoesNotExist):
        return None
