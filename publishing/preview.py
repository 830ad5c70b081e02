"""Preview links: colleagues without an admin account see an item exactly as readers will.

Each link is made on purpose by an editor, shows the version it was made for, lasts
PREVIEW_LIFETIME unless revoked, and is listed on the item's change page. The token is
a long random secret in the link itself; nothing about the item can be guessed from it.
"""

import datetime
import re
import secrets
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from publishing.models import PreviewLink

PREVIEW_LIFETIME = datetime.timedelta(days=7)
# What secrets.token_urlsafe makes: anything else cannot be a link's token, so it is not looked up.
TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{20,64}")


def preview_link_create(*, item, user):
    return PreviewLink.objects.create(
        token=secrets.token_urlsafe(32),
        content_type=ContentType.objects.get_for_model(item),
        object_id=item.pk,
        version=item.version,
        created_by=user,
        expires_at=timezone.now() + PREVIEW_LIFETIME,
    )


def preview_link_revoke(*, link, user):
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.revoked_by = user
        link.save(update_fields=["revoked_at", "revoked_by"])
    return link


def preview_url(link):
    return reverse("publishing:preview", args=[link.token])


@dataclass
class PreviewOutcome:
    """What a preview link leads to: the item, or why it cannot be shown (unknown, expired, revoked, changed, gone)."""

    item: object = None
    problem: str = ""
    link: PreviewLink = None


def preview_for_token(token):
    if not TOKEN_SHAPE.fullmatch(token or ""):
        return PreviewOutcome(problem="unknown")
    link = PreviewLink.objects.select_related("created_by").filter(token=token).first()
    if link is None:
        return PreviewOutcome(problem="unknown")
    if link.revoked_at is not None:
        return PreviewOutcome(problem="revoked", link=link)
    if link.expires_at <= timezone.now():
        return PreviewOutcome(problem="expired", link=link)
    model = link.content_type.model_class()
    item = model.objects.filter(pk=link.object_id).first() if model is not None else None
    if item is None:
        return PreviewOutcome(problem="gone", link=link)
    if item.version != link.version:
        return PreviewOutcome(problem="changed", link=link, item=item)
    return PreviewOutcome(item=item, link=link)
