from django.apps import AppConfig


class GuidanceConfig(AppConfig):
    name = "guidance"
    verbose_name = "Guidance"
    content_app = True
    content_loaders = ["guidance.content.GuideLoader"]
