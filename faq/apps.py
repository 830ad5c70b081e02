from django.apps import AppConfig


class FaqConfig(AppConfig):
    name = "faq"
    verbose_name = "Frequently asked questions"

    def ready(self):
        from faq.loaders import CategoryLoader, QuestionLoader
        from faq.models import Category, Question
        from faq.selectors import question_page
        from publishing.registry import register, register_landing_page

        register(
            Question,
            label="FAQ",
            heading="Frequently asked questions",
            template="faq/question_detail.html",
            page=question_page,
            loaders=[CategoryLoader, QuestionLoader],
            supporting=[Category],
        )
        register_landing_page(
            "faq:index",
            title="Frequently asked questions",
            summary="Straight answers to the questions civil servants most often ask about shared services.",
            phrases=("FAQ", "FAQs", "common questions", "questions and answers"),
            label="Section",
        )
