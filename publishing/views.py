from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from publishing.preview import preview_for_token
from publishing.reader_pages import reader_page
from publishing.registry import kind_for
from publishing.selectors import readable_item_or_redirect


def render_readable(request, queryset, slug, template, page):
    """A kind's reader page: the item with this slug rendered with template and the context page(item) builds,
    or a permanent redirect when the slug is one the item used to have."""
    item, moved_to = readable_item_or_redirect(queryset, slug)
    if moved_to:
        return redirect(moved_to, permanent=True)
    return render(request, template, page(item))


@reader_page()
@never_cache
def preview(request, token):
    """An item as readers will see it, from a preview link an editor made: the kind's own template and context.
    A link that is unknown, expired, revoked or made for an older version says so and what to do instead."""
    outcome = preview_for_token(token)
    kind = kind_for(type(outcome.item)) if outcome.item is not None else None
    if outcome.problem or kind is None:
        status = 404 if outcome.problem == "unknown" else 410
        response = render(request, "publishing/preview_unavailable.html", {"outcome": outcome}, status=status)
    else:
        response = render(request, kind.template, {**kind.page(outcome.item), "preview": True})
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def render_preview(request, item):
    """The reader page of any item, for signed-in editors in the admin (no link needed)."""
    kind = kind_for(type(item))
    response = render(request, kind.template, {**kind.page(item), "preview": True})
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
