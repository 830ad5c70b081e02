from django.apps import AppConfig


class GuidanceConfig(AppConfig):
    name = "guidance"
    verbose_name = "Guidance"

    def ready(self):
        from guidance.loaders import GuideLoader
        from guidance.models import Guide
        from guidance.selectors import guide_page
        from publishing.registry import register

        register(
            Guide,
            label="Guidance",
            heading="Guidance",
            template="guidance/guide_detail.html",
            page=guide_page,
            loaders=[GuideLoader],
        )
