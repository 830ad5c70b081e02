from django.apps import AppConfig


class FaqConfig(AppConfig):
    name = "faq"
    verbose_name = "Frequently asked questions"
    content_app = True
    content_loaders = ["faq.content.CategoryLoader", "faq.content.QuestionLoader"]
