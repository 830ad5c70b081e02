from django.urls import reverse

from faq.models import Category, Question
from publishing.pagination import SHORTLIST_LENGTH, CompiledShortlists, page_url

# How many questions the FAQ page lists on each of its pages.
QUESTIONS_PER_PAGE = 50


# The first few related questions, guides and stages of a question, in one query compiled once per process.
related_to_question = CompiledShortlists(
    lambda question, now: [
        question.related.published(now),
        question.related_guides.published(now),
        question.related_stages.published(now),
    ],
    SHORTLIST_LENGTH,
    fields=("id", "title", "slug", "position"),
    order=("position", "title", "id"),
)


def question_page(question):
    """A question's reader page (and preview): the answer and the first few related questions, guides and stages."""
    related, guides, stages = related_to_question(question)
    return {
        "item": question,
        "question": question,
        "related_questions": related,
        "related_guides": guides,
        "related_stages": stages,
        "category_url": category_url(question.category),
    }


def category_url(category):
    """The FAQ page that lists the category (the list is paged), at the category's heading."""
    categories = list(Category.objects.all())
    # Only the questions listed before the category's own (and its own, to know it has any) decide the page.
    listed_up_to = categories[: categories.index(category) + 1] if category in categories else [category]
    page = Question.objects.in_category_order(listed_up_to).page_number_of(category, QUESTIONS_PER_PAGE)
    return page_url(reverse("faq:index"), [], page) + f"#{category.slug}"
