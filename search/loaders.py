"""What editors keep for search, as content files: synonyms and best bets, each a list in one YAML file."""

from django.contrib.contenttypes.models import ContentType

from publishing import registry
from publishing.content_fields import Field, Flag, Invalid, Lines, Text, at_addresses, known_slugs
from publishing.loaders import ListLoader
from search.models import BestBet, PhraseSynonym, Synonym, split_terms


class SynonymLoader(ListLoader):
    path = "search/synonyms.yaml"
    model = Synonym
    entry_name = "synonym"
    identity = ("terms",)
    fields = (Text("terms", required=True), Text("note", max_length=200))

    def check(self, source, known):
        if len(split_terms(source.values["terms"])) < 2:
            raise Invalid("'terms' needs at least two words or phrases, separated by commas")


class PhraseSynonymLoader(ListLoader):
    path = "search/phrase-synonyms.yaml"
    model = PhraseSynonym
    entry_name = "phrase synonym"
    identity = ("phrases",)
    fields = (Text("phrases", required=True), Text("means", required=True), Text("note", max_length=200))

    def check(self, source, known):
        if not split_terms(source.values["phrases"]):
            raise Invalid("'phrases' needs at least one phrase readers type")
        if not split_terms(source.values["means"]):
            raise Invalid("'means' needs at least one word to search for instead")


def page_kinds():
    """Each kind of page a best bet can show, by the name a file gives it (faq.question, guidance.guide …)."""
    return {kind.model._meta.label_lower: kind.model for kind in registry.kinds()}


class Page(Field):
    """The page a best bet shows, by its kind and slug: {kind: faq.question, slug: will-we-lose-control}."""

    def from_file(self, raw, known):
        if not isinstance(raw, dict) or set(raw) != {"kind", "slug"}:
            raise Invalid(f"'{self.key}' needs a kind and a slug, like {{kind: faq.question, slug: what-is-it}}")
        model = page_kinds().get(raw["kind"])
        if model is None:
            raise Invalid(f"'{self.key}': '{raw['kind']}' is not a kind of page ({', '.join(page_kinds())})")
        if raw["slug"] not in known_slugs(known, model):
            raise Invalid(f"'{self.key}' names {model._meta.verbose_name} '{raw['slug']}', which does not exist")
        return model, raw["slug"]

    def apply(self, bet, value):
        if value is None:
            bet.content_type, bet.object_id = None, None
            return
        model, slug = value
        found = at_addresses(model, [slug])
        if not found:
            raise Invalid(f"'{self.key}' names {model._meta.verbose_name} '{slug}', which does not exist")
        bet.content_type, bet.object_id = ContentType.objects.get_for_model(model), found[0].pk

    def current(self, bet):
        return page_of(bet)


def page_of(bet):
    """The kind and slug of the page a best bet shows: None for an address, or for a page since deleted."""
    model = bet.content_type.model_class() if bet.content_type_id else None
    page = model.objects.filter(pk=bet.object_id).first() if model else None
    return {"kind": model._meta.label_lower, "slug": page.original.slug} if page else None


class BestBetLoader(ListLoader):
    """Best bets, each showing a page (by kind and slug) or an address with its link text.
    A best bet whose page has been deleted shows nothing, and is not exported."""

    path = "search/best-bets.yaml"
    model = BestBet
    entry_name = "best bet"
    identity = ("queries", "page", "url")
    fields = (
        Lines("queries", required=True),
        Page("page"),
        Text("url", max_length=300),
        Text("title", max_length=200),
        Text("description", max_length=300),
        Flag("active", default=True),
    )

    def check(self, source, known):
        values = source.values
        if not BestBet(queries=values["queries"]).query_list():
            raise Invalid("'queries' needs at least one search")
        if bool(values["page"]) == bool(values["url"]):
            raise Invalid("give either a 'page' or a 'url' (with its 'title'), not both")
        url = values["url"]
        if url and not values["title"]:
            raise Invalid("a best bet given by its 'url' needs a 'title', the link text")
        if url and not (url.startswith("/") and not url.startswith("//")) and not url.startswith("https://"):
            raise Invalid("'url' must be an address on this site starting with /, or one starting https://")

    def exportable(self, bet):
        return not bet.content_type_id or page_of(bet) is not None
