from django.apps import AppConfig


class ToolkitConfig(AppConfig):
    name = "toolkit"
    verbose_name = "Vision to operation toolkit"
    content_app = True
    content_loaders = ["toolkit.content.StageLoader", "toolkit.content.ExampleLoader", "toolkit.content.TemplateLoader"]
