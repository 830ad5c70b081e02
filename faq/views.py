from itertools import groupby

from django.shortcuts import redirect, render

from faq.models import Category, Question
from publishing.selectors import live_item_or_redirect
from publishing.views import render_item


def question_list(request):
    questions = list(Question.objects.for_listing().only("title", "slug", "summary", "category", "position"))
    by_category = {category_id: list(items) for category_id, items in groupby(questions, key=lambda q: q.category_id)}
    categories = [
        {"category": category, "questions": by_category[category.pk]}
        for category in Category.objects.all()
        if category.pk in by_category
    ]
    return render(request, "faq/question_list.html", {"categories": categories, "question_count": len(questions)})


def question_detail(request, slug):
    question, moved_to = live_item_or_redirect(Question.objects.select_related("category"), slug)
    if moved_to:
        return redirect(moved_to, permanent=True)
    return render_item(request, question)
