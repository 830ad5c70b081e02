from django.apps import AppConfig


class ToolkitConfig(AppConfig):
    name = "toolkit"
    verbose_name = "Vision to operation toolkit"

    def ready(self):
        from publishing.registry import register
        from toolkit import selectors
        from toolkit.loaders import ExampleLoader, StageLoader, TemplateLoader
        from toolkit.models import Example, Stage, Template, TemplateFile

        kinds = [
            (Stage, "Toolkit stage", "Toolkit stages", selectors.stage_page, StageLoader, {}),
            (Example, "Worked example", "Examples and case studies", selectors.example_page, ExampleLoader, {}),
            (
                Template,
                "Template",
                "Templates",
                selectors.template_page,
                TemplateLoader,
                {"search_text": Template.file_text, "supporting": [TemplateFile]},
            ),
        ]
        for model, label, heading, page, loader, extra in kinds:
            template = f"toolkit/{model._meta.model_name}_detail.html"
            register(model, label=label, heading=heading, template=template, page=page, loaders=[loader], **extra)
