from django.apps import AppConfig


class FaqConfig(AppConfig):
    name = "faq"
    verbose_name = "Frequently asked questions"

    def ready(self):
        from faq.loaders import CategoryLoader, QuestionLoader
        from faq.models import Category, Question
        from faq.selectors import question_page
        from publishing.registry import register

        register(
            Question,
            label="FAQ",
            heading="Frequently asked questions",
            template="faq/question_detail.html",
            page=question_page,
            loaders=[CategoryLoader, QuestionLoader],
            supporting=[Category],
        )
