from faq.models import Question
from guidance.models import RESERVED_SLUGS, Guide
from publishing.content import ContentError, PublishedContentLoader, as_slug_list
from publishing.models import Topic
from toolkit.models import Stage

STAGE_LABEL = "toolkit stage"


class GuideLoader(PublishedContentLoader):
    """Guides from content/guidance/. The first of a guide's topics is the one its audience page lists it under."""

    directory = "guidance"
    model = Guide
    label = "guide"

    def validate(self, source, known):
        super().validate(source, known)
        meta = source.meta
        if "audience" not in meta:
            raise ContentError(source.path, "'audience' is required: providers, customers or everyone")
        if source.slug in RESERVED_SLUGS:
            raise ContentError(source.path, f"'{source.slug}' is the address of a guidance page; rename the file")
        position(source)
        self._check_slugs(source, "related", known["guide"], "guide")
        self._check_slugs(source, "related_questions", known["faq question"], "FAQ question")
        if STAGE_LABEL in known:
            self._check_slugs(source, "related_stages", known[STAGE_LABEL], "toolkit stage")
        else:
            # Stages are not loaded from files (yet): any that exist are linked, the rest are skipped.
            as_slug_list(source, "related_stages")

    def _check_slugs(self, source, key, known_slugs, kind):
        missing = [slug for slug in as_slug_list(source, key) if slug not in known_slugs]
        if missing:
            raise ContentError(source.path, f"'{key}' names unknown {kind} {', '.join(missing)}")

    def field_values(self, source, known):
        topics = as_slug_list(source, "topics")
        return {
            **super().field_values(source, known),
            "position": position(source),
            "main_topic": Topic.objects.filter(slug=topics[0]).first() if topics else None,
        }

    def set_relations(self, item, source):
        item.related.set(live(Guide, as_slug_list(source, "related")))
        item.related_questions.set(live(Question, as_slug_list(source, "related_questions")))
        # The guide's file owns the guide-stage links; the toolkit's stage files do not load them.
        item.related_stages.set(live(Stage, as_slug_list(source, "related_stages")))

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
                "related": sorted(g.slug for g in item.related.all()),
                "related_questions": sorted(q.slug for q in item.related_questions.all()),
                "related_stages": sorted(s.slug for s in item.related_stages.all()),
            }
        )
        return meta, item.body


def position(source):
    value = source.meta.get("position", 0)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ContentError(source.path, f"'position' must be a whole number, 0 or more, not {value!r}")
    return value


def live(model, slugs):
    return model.objects.filter(slug__in=slugs, draft_of__isnull=True)
