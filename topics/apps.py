from django.apps import AppConfig


class TopicsConfig(AppConfig):
    """Reader topic pages: everything published on a topic, grouped by kind. (The Topic model is publishing's.)"""

    name = "topics"
    verbose_name = "Topics"
