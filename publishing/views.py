from django.http import Http404
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from publishing.preview import item_from_preview_token
from publishing.reader_pages import reader_page


def render_item(request, item, extra_context=None, preview=False):
    """Render an item's reader page; previews use exactly the same template and context."""
    context = {**item.detail_context(), "preview": preview, **(extra_context or {})}
    response = render(request, item.detail_template, context)
    if preview:
        response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@reader_page()
@never_cache
def preview(request, token):
    item = item_from_preview_token(token)
    if item is None:
        raise Http404("This preview link is not valid or has expired.")
    return render_item(request, item, preview=True)
