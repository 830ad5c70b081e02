from faq.models import Category, Question
from publishing.loaders import PublishedContentLoader, TitledListLoader


class CategoryLoader(TitledListLoader):
    directory = "faq/categories"
    model = Category


class QuestionLoader(PublishedContentLoader):
    directory = "faq/questions"
    model = Question

    def validate(self, source, known):
        super().validate(source, known)
        self.check_parent(source, known, "category")
        self.check_related(source, known, "related")

    def field_values(self, source, known):
        meta = source.meta
        return {
            **super().field_values(source, known),
            "category": Category.objects.get(slug=meta["category"]),
            "position": int(meta.get("position") or 0),
            "featured": bool(meta.get("featured", False)),
        }

    def set_relations(self, item, source):
        self.link_related(item, source, "related")

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
