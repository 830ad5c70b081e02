"""The shapes of the API's answers. The OpenAPI schema (drf-spectacular) is generated from these."""

from rest_framework import serializers

from publishing.models import Audience
from publishing.registry import kinds

AUDIENCES = [value for value, _ in Audience.choices]


def kind_slugs():
    """Every registered kind, as the `kind` filter takes it (the registry is complete once the apps are ready)."""
    return [kind.slug for kind in kinds()]


class TopicRefSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    title = serializers.CharField()


class ItemSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text="The kind of content, as the `kind` filter takes it, e.g. `faq`.")
    kind_label = serializers.CharField(help_text="What one item of this kind is called to readers.")
    slug = serializers.SlugField()
    title = serializers.CharField()
    summary = serializers.CharField()
    audience = serializers.ChoiceField(choices=AUDIENCES)
    topics = TopicRefSerializer(many=True)
    owner = serializers.CharField(help_text="The team that keeps the page correct.")
    url = serializers.URLField(help_text="The page readers read.")
    api_url = serializers.URLField(help_text="This item in the API, with its full text.")
    first_published = serializers.DateTimeField()
    last_updated = serializers.DateTimeField(help_text="The time of the last major change (or first publication).")
    is_history = serializers.BooleanField(help_text="True when the page describes a past position, not today's.")
    history_period = serializers.CharField(allow_blank=True, help_text="The period a history page describes.")


class SourceSerializer(serializers.Serializer):
    number = serializers.IntegerField(help_text="The body cites this source with a link to `#source-N`.")
    title = serializers.CharField()
    publisher = serializers.CharField()
    date = serializers.CharField(help_text="As precise as the source: YYYY, YYYY-MM or YYYY-MM-DD.")
    url = serializers.URLField()


class ChangeSerializer(serializers.Serializer):
    date = serializers.DateTimeField()
    note = serializers.CharField()


class ItemDetailSerializer(ItemSerializer):
    body_markdown = serializers.CharField(allow_blank=True, help_text="The body as its editors wrote it.")
    body_html = serializers.CharField(allow_blank=True, help_text="The body rendered and sanitised, as readers see it.")
    sources = SourceSerializer(many=True)
    change_history = ChangeSerializer(many=True, help_text="Public change notes, newest first.")


class PageSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)


class ItemPageSerializer(PageSerializer):
    results = ItemSerializer(many=True)


class SearchResultSerializer(serializers.Serializer):
    kind = serializers.CharField()
    kind_label = serializers.CharField()
    title = serializers.CharField()
    summary = serializers.CharField(allow_blank=True)
    snippet_html = serializers.CharField(allow_blank=True, help_text="Matching text; <mark> marks the words found.")
    url = serializers.URLField()
    api_url = serializers.URLField(allow_null=True)
    last_updated = serializers.DateTimeField(allow_null=True)


class SearchPageSerializer(PageSerializer):
    query = serializers.CharField(allow_blank=True, help_text="The words searched for, as understood.")
    results = SearchResultSerializer(many=True)


class KindSerializer(serializers.Serializer):
    slug = serializers.CharField()
    label = serializers.CharField()
    heading = serializers.CharField()
    feed_url = serializers.URLField()


class TopicSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    title = serializers.CharField()
    summary = serializers.CharField(allow_blank=True)
    url = serializers.URLField()
    feed_url = serializers.URLField()


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="For a bad query: the messages for each parameter.",
    )


class ListQuerySerializer(serializers.Serializer):
    """The list's filters, checked: a bad value is a 400 naming the parameter."""

    kind = serializers.ChoiceField(
        choices=kind_slugs(), required=False, help_text="Only this kind of content (see /api/v1/kinds/)."
    )
    topic = serializers.SlugField(required=False, help_text="Only items on this topic (see /api/v1/topics/).")
    audience = serializers.ChoiceField(
        choices=AUDIENCES, required=False, help_text="Items for this audience, including those for everyone."
    )
    updated_since = serializers.DateTimeField(
        required=False, help_text="Only items first published or majorly changed at or after this time (ISO 8601)."
    )
    page = serializers.IntegerField(required=False, min_value=1, max_value=10**6, default=1)


class SearchQuerySerializer(serializers.Serializer):
    q = serializers.CharField(required=False, allow_blank=True, max_length=500, default="", help_text="Words to find.")
    kind = serializers.ChoiceField(choices=kind_slugs(), required=False, help_text="Only this kind of content.")
    topic = serializers.SlugField(required=False, help_text="Only items on this topic.")
    audience = serializers.ChoiceField(choices=["providers", "customers"], required=False)
    page = serializers.IntegerField(required=False, min_value=1, max_value=10**6, default=1)
