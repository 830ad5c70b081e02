from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.utils import timezone

from publishing.compiled import CompiledQuerySet, QueryShape
from publishing.models import SlugRedirect


def reachable_with_slug(shape, slug, now):
    reachable = shape.queryset.reachable(now).filter(slug=slug)
    return (reachable if reachable.ordered else reachable.order_by("pk"))[:1]


# A kind's item by its slug: the same query for every request to the kind's pages but for the slug and the time.
find_reachable = CompiledQuerySet(reachable_with_slug)


def readable_item_or_redirect(queryset, slug):
    """Find the item a reader asked for by its slug, in queryset (a kind's QuerySet).

    Returns (item, redirect_url). A withdrawn item is returned so its page can
    show the notice; an old slug gives the item's current URL to redirect to.
    Anything else — a draft, an item in review, a future-scheduled item — is a 404.
    """
    shape = QueryShape(queryset)
    now = timezone.now()
    found = find_reachable(shape, slug=slug, now=now) if shape.key else list(reachable_with_slug(shape, slug, now))
    if found:
        return found[0], None
    moved = SlugRedirect.objects.filter(
        content_type=ContentType.objects.get_for_model(queryset.model), old_slug=slug
    ).first()
    if moved:
        target = queryset.reachable().filter(pk=moved.object_id).first()
        if target:
            return None, target.get_absolute_url()
    raise Http404("No such page")
