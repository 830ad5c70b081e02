from django.urls import reverse

from faq.models import Category, Question
from publishing.pagination import SHORTLIST_LENGTH, page_url

# How many questions the FAQ page lists on each of its pages.
QUESTIONS_PER_PAGE = 50

IN_ORDER = ("position", "title", "pk")


def question_page(question):
    """A question's reader page (and preview): the answer and the first few related questions, guides and stages."""
    related = question.related.published().only("title", "slug").order_by(*IN_ORDER)
    guides = question.related_guides.published().only("title", "slug").order_by(*IN_ORDER)
    stages = question.related_stages.published().only("title", "slug", "position").order_by(*IN_ORDER)
    return {
        "item": question,
        "question": question,
        "related_questions": related[:SHORTLIST_LENGTH],
        "related_guides": guides[:SHORTLIST_LENGTH],
        "related_stages": stages[:SHORTLIST_LENGTH],
        "category_url": category_url(question.category),
    }


def category_url(category):
    """The FAQ page that lists the category (the list is paged), at the category's heading."""
    page = Question.objects.in_category_order(Category.objects.all()).page_number_of(category, QUESTIONS_PER_PAGE)
    return page_url(reverse("faq:index"), [], page) + f"#{category.slug}"
