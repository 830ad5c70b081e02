from publishing.pagination import SHORTLIST_LENGTH

IN_ORDER = ("position", "title", "pk")


def question_page(question):
    """A question's reader page (and preview): the answer and the first few related questions, guides and stages."""
    related = question.related.published().order_by(*IN_ORDER)
    guides = question.related_guides.published().only("title", "slug").order_by(*IN_ORDER)
    stages = question.related_stages.published().only("title", "slug", "position").order_by(*IN_ORDER)
    return {
        "item": question,
        "question": question,
        "related_questions": related[:SHORTLIST_LENGTH],
        "related_guides": guides[:SHORTLIST_LENGTH],
        "related_stages": stages[:SHORTLIST_LENGTH],
    }
