from faq.models import Category, Question
from publishing.content import ContentError, PublishedContentLoader, TitledListLoader, as_slug_list


class CategoryLoader(TitledListLoader):
    directory = "faq/categories"
    model = Category
    label = "faq category"


class QuestionLoader(PublishedContentLoader):
    directory = "faq/questions"
    model = Question
    label = "faq question"

    def validate(self, source, known):
        super().validate(source, known)
        category = source.meta.get("category")
        if not category:
            raise ContentError(source.path, "'category' is required")
        if category not in known["faq category"]:
            raise ContentError(source.path, f"unknown category '{category}'")
        missing = [slug for slug in as_slug_list(source, "related") if slug not in known["faq question"]]
        if missing:
            raise ContentError(source.path, f"'related' names unknown question {', '.join(missing)}")

    def field_values(self, source, known):
        meta = source.meta
        return {
            **super().field_values(source, known),
            "category": Category.objects.get(slug=meta["category"]),
            "position": int(meta.get("position") or 0),
            "featured": bool(meta.get("featured", False)),
        }

    def set_relations(self, item, source):
        item.related.set(Question.objects.filter(slug__in=as_slug_list(source, "related"), draft_of__isnull=True))

    def export_items(self):
        return super().export_items().select_related("category").prefetch_related("related")

    def export_meta(self, item):
        meta = self.export_common(item)
        meta.update(
            {
                "category": item.category.slug,
                "position": item.position,
                "featured": item.featured,
                "related": [q.slug for q in item.related.all()],
            }
        )
        return meta, item.body
