from django.apps import apps


def content_models():
    """Every concrete published content type (FAQ questions, guides, toolkit items…)."""
    from publishing.models import PublishedContent

    return [model for model in apps.get_models() if issubclass(model, PublishedContent)]
