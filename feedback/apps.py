from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    """Readers tell the team whether a page helped them; editors see what they said, page by page."""

    name = "feedback"
    verbose_name = "Page feedback"

    def ready(self):
        from feedback.models import Feedback
        from publishing.registry import register_supporting

        # Editors read feedback and mark it dealt with; publishers may also delete it. Readers never see it,
        # so a new answer must not refresh cached pages (cached=False).
        register_supporting(
            Feedback, editor_actions=["view", "change"], publisher_actions=["view", "change", "delete"], cached=False
        )
