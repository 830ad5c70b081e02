from guidance.models import RESERVED_SLUGS, Guide
from publishing.loaders import ContentError, PublishedContentLoader, as_slug_list
from publishing.models import Topic


class GuideLoader(PublishedContentLoader):
    """Guides from content/guidance/. The first of a guide's topics is the one its audience page lists it under."""

    directory = "guidance"
    model = Guide

    def validate(self, source, known):
        super().validate(source, known)
        meta = source.meta
        if "audience" not in meta:
            raise ContentError(source.path, "'audience' is required: providers, customers or everyone")
        if source.slug in RESERVED_SLUGS:
            raise ContentError(source.path, f"'{source.slug}' is the address of a guidance page; rename the file")
        position(source)
        for field_name in ("related", "related_questions", "related_stages"):
            self.check_related(source, known, field_name)

    def field_values(self, source, known):
        topics = as_slug_list(source, "topics")
        return {
            **super().field_values(source, known),
            "position": position(source),
            "main_topic": Topic.objects.filter(slug=topics[0]).first() if topics else None,
        }

    def set_relations(self, item, source):
        # The guide's file owns the guide-stage links; the toolkit's stage files do not load them.
        for field_name in ("related", "related_questions", "related_stages"):
            self.link_related(item, source, field_name)

    def export_items(self):
        return (
            super()
            .export_items()
            .select_related("main_topic")
            .prefetch_related("related", "related_questions", "related_stages")
        )

    def export_meta(self, item):
        meta = self.export_common(item)
        if item.main_topic_id:
            # The main topic goes first, which is how a file names it.
            topics = meta["topics"]
            main = item.main_topic.slug
            meta["topics"] = [main, *(slug for slug in topics if slug != main)]
        meta.update(
            {
                "position": item.position,
                "related": self.export_related(item, "related"),
                "related_questions": self.export_related(item, "related_questions"),
                "related_stages": self.export_related(item, "related_stages"),
            }
        )
        return meta, item.body


def position(source):
    value = source.meta.get("position", 0)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ContentError(source.path, f"'position' must be a whole number, 0 or more, not {value!r}")
    return value
