from django.contrib.contenttypes.models import ContentType
from django.http import Http404

from publishing.models import SlugRedirect


def readable_item_or_redirect(queryset, slug):
    """Find the item a reader asked for by its slug, in queryset (a kind's QuerySet).

    Returns (item, redirect_url). A withdrawn item is returned so its page can
    show the notice; an old slug gives the item's current URL to redirect to.
    Anything else — a draft, an item in review, a future-scheduled item — is a 404.
    """
    reachable = queryset.reachable()
    item = reachable.filter(slug=slug).first()
    if item:
        return item, None
    moved = SlugRedirect.objects.filter(
        content_type=ContentType.objects.get_for_model(queryset.model), old_slug=slug
    ).first()
    if moved:
        target = reachable.filter(pk=moved.object_id).first()
        if target:
            return None, target.get_absolute_url()
    raise Http404("No such page")
