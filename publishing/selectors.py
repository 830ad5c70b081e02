from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from publishing.models import SlugRedirect, Status


def live_item_or_redirect(queryset, slug):
    """Find the readable item for a slug in queryset (a content type's reader QuerySet).

    Returns (item, redirect_url). A withdrawn item is returned so its page can
    show the notice; an old slug gives the item's current URL to redirect to.
    Anything else — a draft, an item in review, a future-scheduled item — is a 404.
    """
    now = timezone.now()
    readable = queryset.filter(draft_of__isnull=True, publish_at__lte=now).filter(
        Q(status=Status.PUBLISHED) | Q(status=Status.WITHDRAWN)
    )
    item = readable.filter(slug=slug).first()
    if item:
        return item, None
    moved = SlugRedirect.objects.filter(
        content_type=ContentType.objects.get_for_model(queryset.model), old_slug=slug
    ).first()
    if moved:
        target = readable.filter(pk=moved.object_id).first()
        if target:
            return None, target.get_absolute_url()
    raise Http404("No such page")
