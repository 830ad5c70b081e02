"""Atom feeds of major changes: the whole site, one topic, or one kind of content.

Each entry is one public change note (a first publication or a major change), linking to
the item's page. Entries are identified by the note, so a second major change to a page
is a new entry rather than a rewrite of the first.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from feeds.selectors import change_entries
from publishing.models import Topic
from publishing.registry import content_models, kind_by_slug


@dataclass
class Subject:
    """What a feed is about, and where it and its page are."""

    title: str
    subtitle: str
    page_url: str
    feed_url: str
    models: list
    topic: Topic | None = None
    base_url: str = ""  # scheme and host of the request, for the feed's and entries' ids


class ChangesFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, *args, **kwargs):
        subject = self.subject(*args, **kwargs)
        # The Feed instance serves every request, so what belongs to one request travels with the subject.
        subject.base_url = request.build_absolute_uri("/")[:-1]
        return subject

    def items(self, subject):
        entries = change_entries(subject.models, topic=subject.topic)
        for entry in entries:
            entry.base_url = subject.base_url
        return entries

    def title(self, subject):
        return f"{subject.title} – {settings.SERVICE_NAME}"

    def subtitle(self, subject):
        return subject.subtitle

    def link(self, subject):
        return subject.page_url

    def feed_url(self, subject):
        return subject.feed_url

    def feed_guid(self, subject):
        return subject.base_url + subject.feed_url

    def author_name(self):
        return settings.SERVICE_NAME

    def item_title(self, entry):
        return entry.item.title

    def item_description(self, entry):
        return entry.note

    def item_link(self, entry):
        return entry.item.get_absolute_url()

    def item_guid(self, entry):
        # The note, not the page: each major change is an entry of its own.
        return f"{entry.base_url}{entry.item.get_absolute_url()}#change-{entry.note_id}"

    def item_pubdate(self, entry):
        return entry.changed_at

    def item_updateddate(self, entry):
        return entry.changed_at

    def item_author_name(self, entry):
        return entry.item.owner

    def item_categories(self, entry):
        return [entry.kind_label]


class SiteFeed(ChangesFeed):
    def subject(self):
        return Subject(
            "All updates",
            "New pages and major changes to every page of the guidance.",
            reverse("home"),
            reverse("feeds:updates"),
            content_models(),
        )


class TopicFeed(ChangesFeed):
    def subject(self, slug):
        topic = get_object_or_404(Topic, slug=slug)
        return Subject(
            f"Updates on {topic.title}",
            f"New pages and major changes to pages on {topic.title}.",
            topic.get_absolute_url(),
            reverse("feeds:topic", args=[topic.slug]),
            content_models(),
            topic,
        )


class KindFeed(ChangesFeed):
    def subject(self, kind):
        found = kind_by_slug(kind)
        if found is None:
            raise Http404("No such kind of content")
        return Subject(
            f"Updates to {found.heading[:1].lower()}{found.heading[1:]}",
            f"New pages and major changes: {found.heading}.",
            reverse("home"),
            reverse("feeds:kind", args=[found.slug]),
            [found.model],
        )
