from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from publishing.preview import item_from_preview_token
from publishing.registry import kind_for
from publishing.selectors import readable_item_or_redirect


def render_readable(request, queryset, slug, template, page):
    """A kind's reader page: the item with this slug rendered with template and the context page(item) builds,
    or a permanent redirect when the slug is one the item used to have."""
    item, moved_to = readable_item_or_redirect(queryset, slug)
    if moved_to:
        return redirect(moved_to, permanent=True)
    return render(request, template, page(item))


@never_cache
def preview(request, token):
    """Any item as readers will see it, from a signed link: the kind's own template and page context."""
    item = item_from_preview_token(token)
    kind = kind_for(type(item)) if item is not None else None
    if kind is None:
        raise Http404("This preview link is not valid or has expired.")
    response = render(request, kind.template, {**kind.page(item), "preview": True})
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
