"""The read-only content API. Thin views: check the query, ask api.selectors, serialise.

Every view is anonymous and read-only (GET and HEAD), answered in JSON, rate-limited per client
(api.rest), and cached by the page cache like a reader page, with an ETag: each declares the query
parameters it reads, so the cache keys an answer on exactly those.
"""

from django.http import JsonResponse
from django.views.decorators.http import require_safe
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularSwaggerSplitView
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from api import selectors
from api.serializers import (
    ErrorSerializer,
    ItemDetailSerializer,
    ItemPageSerializer,
    KindSerializer,
    ListQuerySerializer,
    SearchPageSerializer,
    SearchQuerySerializer,
    TopicSerializer,
    kind_slugs,
)
from publishing.models import Topic
from publishing.reader_pages import reader_page
from publishing.registry import kind_by_slug, kinds

ERRORS = {
    400: OpenApiResponse(ErrorSerializer, description="A query parameter is not valid; the answer says which."),
    404: OpenApiResponse(ErrorSerializer, description="No such item, or a page past the last."),
    429: OpenApiResponse(ErrorSerializer, description="Too many requests from this client; wait and try again."),
}


class ReadOnlyView(APIView):
    http_method_names = ["get", "head"]


def as_reader_view(view_class, *query_names):
    """The view as a reader page: GET and HEAD only, cached on exactly these query parameters."""
    return reader_page(*query_names)(view_class.as_view())


def checked_query(serializer_class, request):
    query = serializer_class(data=request.query_params)
    query.is_valid(raise_exception=True)
    return query.validated_data


def page_links(request, page, pages):
    def link(number):
        return request.build_absolute_uri(f"{request.path}?{_with_page(request, number)}")

    return (link(page + 1) if page < pages else None), (link(page - 1) if page > 1 else None)


def _with_page(request, number):
    params = request.query_params.copy()
    params["page"] = str(number)
    return params.urlencode()


def list_filters(query):
    chosen = kinds()
    if "kind" in query:
        kind = kind_by_slug(query["kind"])
        if kind is None:
            known = ", ".join(each.slug for each in chosen)
            raise serializers.ValidationError({"kind": [f"Unknown kind {query['kind']!r}. Choose from: {known}."]})
        chosen = [kind]
    topic = None
    if "topic" in query:
        topic = Topic.objects.filter(slug=query["topic"]).first()
        if topic is None:
            raise serializers.ValidationError({"topic": [f"Unknown topic {query['topic']!r}: see /api/v1/topics/."]})
    return selectors.ListFilters(chosen, topic, query.get("audience", ""), query.get("updated_since"))


class ItemList(ReadOnlyView):
    @extend_schema(
        operation_id="items_list",
        summary="Published items of every kind",
        description="Every item readers can see now, in pages of 20: kinds in a fixed order, items in the order "
        "they were created. Drafts, scheduled and withdrawn items are never listed.",
        parameters=[ListQuerySerializer],
        responses={200: ItemPageSerializer, **ERRORS},
    )
    def get(self, request):
        query = checked_query(ListQuerySerializer, request)
        count, items = selectors.items_page(list_filters(query), query["page"])
        pages = max(1, -(-count // selectors.PER_PAGE))
        if query["page"] > pages:
            raise NotFound("There is no page with that number.")
        following, previous = page_links(request, query["page"], pages)
        results = [selectors.item_values(item, request) for item in items]
        return Response({"count": count, "next": following, "previous": previous, "results": results})


class ItemDetail(ReadOnlyView):
    @extend_schema(
        operation_id="item_detail",
        summary="One published item, with its full text",
        parameters=[
            OpenApiParameter("kind", str, OpenApiParameter.PATH, enum=kind_slugs(), description="The kind."),
            OpenApiParameter("slug", str, OpenApiParameter.PATH, description="The last part of the page's address."),
        ],
        responses={200: ItemDetailSerializer, **ERRORS},
    )
    def get(self, request, kind, slug):
        found = kind_by_slug(kind)
        item = selectors.published_item(found, slug) if found else None
        if item is None:
            raise NotFound("No published item of that kind has that slug.")
        return Response(ItemDetailSerializer(selectors.item_detail_values(item, request)).data)


class Search(ReadOnlyView):
    @extend_schema(
        operation_id="search",
        summary="Search published items",
        description="The site's own search: best matches first, 10 a page. A page past the last gives the last.",
        parameters=[SearchQuerySerializer],
        responses={200: SearchPageSerializer, **ERRORS},
    )
    def get(self, request):
        query = checked_query(SearchQuerySerializer, request)
        count, page, pages, words, results = selectors.search_page(query, request)
        following, previous = page_links(request, page, pages)
        return Response({"count": count, "next": following, "previous": previous, "query": words, "results": results})


class KindList(ReadOnlyView):
    @extend_schema(
        operation_id="kinds_list",
        summary="The kinds of content",
        responses={200: KindSerializer(many=True), 429: ERRORS[429]},
    )
    def get(self, request):
        return Response(KindSerializer(selectors.kind_values(request), many=True).data)


class TopicList(ReadOnlyView):
    @extend_schema(
        operation_id="topics_list", summary="The topics", responses={200: TopicSerializer(many=True), 429: ERRORS[429]}
    )
    def get(self, request):
        return Response(TopicSerializer(selectors.topic_values(request), many=True).data)


@require_safe
def not_found(request):
    message = "There is nothing at this address. The API's operations are listed at /api/v1/openapi.json."
    return JsonResponse({"detail": message}, status=404)


class Schema(SpectacularJSONAPIView):
    http_method_names = ["get", "head"]


class Documentation(SpectacularSwaggerSplitView):
    """Swagger UI, served from this site (drf-spectacular-sidecar) with no inline script or style."""

    http_method_names = ["get", "head"]
    template_name = "api/documentation.html"
    title = "Shared Services Guidance content API"
    url_name = "api:schema"
