from django.apps import AppConfig


class TopicsConfig(AppConfig):
    """Reader topic pages: everything published on a topic, grouped by kind. (The Topic model is publishing's.)"""

    name = "topics"
    verbose_name = "Topics"

    def ready(self):
        from publishing.models import Topic
        from publishing.registry import register_landing_page, register_landing_pages
        from topics.selectors import topic_landing_pages

        register_landing_page(
            "topics:index",
            title="Topics",
            summary="Browse guidance, answers and toolkit material by topic: HR, finance, procurement and more.",
            phrases=("browse by topic", "all topics", "subjects"),
            label="Section",
        )
        register_landing_pages("topics:detail", topic_landing_pages, depends_on=[Topic])
