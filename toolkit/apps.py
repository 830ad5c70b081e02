from django.apps import AppConfig


class ToolkitConfig(AppConfig):
    name = "toolkit"
    verbose_name = "Vision to operation toolkit"

    def ready(self):
        from publishing.registry import register
        from toolkit import selectors
        from toolkit.loaders import ExampleLoader, StageLoader, TemplateLoader
        from toolkit.models import Example, Stage, Template, TemplateFile

        register(
            Stage,
            label="Toolkit stage",
            heading="Toolkit stages",
            template="toolkit/stage_detail.html",
            page=selectors.stage_page,
            loaders=[StageLoader],
        )
        register(
            Example,
            label="Worked example",
            heading="Examples and case studies",
            template="toolkit/example_detail.html",
            page=selectors.example_page,
            loaders=[ExampleLoader],
        )
        register(
            Template,
            label="Template",
            heading="Templates",
            template="toolkit/template_detail.html",
            page=selectors.template_page,
            loaders=[TemplateLoader],
            search_text=Template.file_text,
            supporting=[TemplateFile],
        )
