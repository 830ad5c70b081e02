from guidance.models import RESERVED_SLUGS, Guide
from publishing.content_fields import Choice, Field, Invalid, Number, Related, Topics, known_slugs
from publishing.loaders import PublishedContentLoader, replaced
from publishing.models import Audience, Topic


class GuideTopics(Topics):
    """A guide's topics with its main topic first, which is how a file names the main topic."""

    def current(self, item):
        slugs = super().current(item)
        main = item.main_topic.slug if item.main_topic_id else None
        return [main, *(slug for slug in slugs if slug != main)] if main in slugs else slugs


class MainTopic(Field):
    """The topic the audience pages list a guide under: the first of its topics, unless the file says
    otherwise with main_topic (null when none is chosen, or a topic the guide is not tagged with)."""

    def read(self, source, known):
        if self.key not in source.meta:
            topics = source.meta.get("topics") or []
            return topics[0] if topics else None
        slug = source.meta[self.key]
        if slug is not None and slug not in known_slugs(known, Topic):
            raise Invalid(f"'{self.key}' names unknown topic {slug}")
        return slug

    def apply(self, item, slug):
        item.main_topic = Topic.objects.get(slug=slug) if slug else None

    def write(self, item, meta):
        topics = [topic.slug for topic in item.topics.all()]
        main = item.main_topic.slug if item.main_topic_id else None
        if main not in topics and (main or topics):
            meta[self.key] = main


class GuideLoader(PublishedContentLoader):
    """Guides from content/guidance/. The guide's file owns its links to FAQ answers and toolkit stages."""

    directory = "guidance"
    model = Guide
    fields = (
        *replaced(
            PublishedContentLoader.fields,
            Choice("audience", Audience.values, required=True),
            GuideTopics("topics", always=True),
        ),
        MainTopic("main_topic"),
        Number("position", always=True),
        *(Related(name) for name in ("related", "related_questions", "related_stages")),
    )

    def check(self, source, known):
        if source.slug in RESERVED_SLUGS:
            raise Invalid(f"'{source.slug}' is the address of a guidance page; rename the file")
