from itertools import groupby

from django.shortcuts import render
from django.urls import reverse

from faq.models import Category, Question
from faq.selectors import QUESTIONS_PER_PAGE, question_page
from publishing.pagination import page_of, page_url
from publishing.reader_pages import page_query, reader_page
from publishing.views import render_readable


@reader_page("page", normalise=page_query)
def question_list(request):
    page = page_of(
        Question.objects.in_category_order(Category.objects.all()),
        request.GET.get("page"),
        QUESTIONS_PER_PAGE,
        url_for=lambda number: page_url(reverse("faq:index"), [], number),
    )
    # A category that runs on from the previous page is headed again on this one.
    categories = [
        {"category": category, "questions": list(items)}
        for category, items in groupby(page.object_list, key=lambda question: question.category)
    ]
    return render(
        request,
        "faq/question_list.html",
        {"categories": categories, "page": page, "question_count": page.paginator.count},
    )


@reader_page()
def question_detail(request, slug):
    questions = Question.objects.select_related("category")
    return render_readable(request, questions, slug, "faq/question_detail.html", question_page)
