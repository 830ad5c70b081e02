from faq.models import Category, Question
from publishing.content_fields import Flag, Number, Parent, Related
from publishing.loaders import PublishedContentLoader, TitledListLoader


class CategoryLoader(TitledListLoader):
    directory = "faq/categories"
    model = Category


class QuestionLoader(PublishedContentLoader):
    directory = "faq/questions"
    model = Question
    fields = (
        *PublishedContentLoader.fields,
        Parent("category"),
        Number("position", always=True),
        Flag("featured", default=False),
        Related("related"),
    )
