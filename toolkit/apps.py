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
        register_pages_for_search()


def register_pages_for_search():
    """The toolkit's landing pages, found by the words readers use for them."""
    from publishing.registry import register_landing_page

    landing_pages = [
        (
            "toolkit:index",
            "Vision to operation toolkit",
            "The path to a shared service in stages, from vision to operation, with templates and worked "
            "examples for each stage.",
            ("toolkit", "toolkit stages", "stages", "vision to operation", "step by step"),
        ),
        (
            "toolkit:templates",
            "Toolkit templates",
            "Templates for each stage of setting up a shared service, in OpenDocument and Microsoft Office formats.",
            ("templates", "download a template", "documents to download", "forms"),
        ),
        (
            "toolkit:examples",
            "Worked examples",
            "How departments have worked through each stage of setting up a shared service.",
            ("examples", "worked examples", "case studies", "case study"),
        ),
    ]
    for url_name, title, summary, phrases in landing_pages:
        register_landing_page(url_name, title=title, summary=summary, phrases=phrases, label="Section")
