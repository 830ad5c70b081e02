"""The content-kind registry: the one way a kind of content plugs into the portal.

Each content app registers its kinds once, from its AppConfig.ready(), the way
Django's admin registers model admins. Everything that works across kinds —
search, topic pages, groups and permissions, the page cache's invalidation,
previews, scheduled go-live and the demo-content loader — reads this registry;
nothing imports a content app to find its kinds.

Models that are not kinds but change what readers see (FAQ categories, topics,
search synonyms) register as *supporting* models, so editors get permissions on
them and a change to them refreshes cached pages.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.text import slugify

EDITOR_ACTIONS = ("add", "change", "view")
PUBLISHER_ACTIONS = ("add", "change", "view", "delete")


@dataclass(frozen=True)
class ContentKind:
    model: type
    label: str  # what one item is called to readers: "FAQ", "Guidance", "Template"
    heading: str  # the kind's heading on a topic page
    template: str  # the reader page's template
    page: Callable  # page(item) -> the reader page's context (also used for previews)
    loaders: tuple = ()  # demo-content loader classes, run in this order
    searchable: bool = True
    cached: bool = True  # a change starts a new page-cache generation
    search_text: Callable | None = None  # search_text(item) -> more words for the index
    supporting: tuple = ()  # models edited alongside the kind (e.g. FAQ categories)

    @property
    def slug(self):
        """The kind's name in addresses and filters: its label as a slug ("faq", "toolkit-stage")."""
        return slugify(self.label) or self.model._meta.model_name


@dataclass(frozen=True)
class SupportingModel:
    model: type
    editor_actions: tuple = EDITOR_ACTIONS
    publisher_actions: tuple = PUBLISHER_ACTIONS
    loaders: tuple = ()
    cached: bool = True


@dataclass(frozen=True)
class LandingPage:
    """A reader page that is not an item of content (a section's landing page, the about page, a tool)."""

    url_name: str  # the page's URL name, e.g. "tools:readiness"
    title: str
    summary: str
    phrases: tuple  # the purpose words readers look for it by, indexed with the page
    label: str = ""  # what kind of page it is, shown above its title
    # Shown first, as a best bet, when a search's words contain one of the phrases (the tools).
    recommend: bool = False
    audience: str = "everyone"
    search_text: Callable | None = None  # search_text() -> more words for the index (e.g. the page's own text)
    depends_on: tuple = ()  # kinds whose change can change the page, so its index row is refreshed with them
    kwargs: tuple = ()  # the URL's arguments, as (name, value) pairs

    @property
    def key(self):
        """What names the page in the index: its URL name and arguments ("guidance:audience:providers")."""
        return ":".join([self.url_name, *(str(value) for _, value in self.kwargs)])

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse(self.url_name, kwargs=dict(self.kwargs))


@dataclass
class Registry:
    kinds: dict = field(default_factory=dict)
    supporting: dict = field(default_factory=dict)
    loader_order: list = field(default_factory=list)
    landing: dict = field(default_factory=dict)
    landing_sources: dict = field(default_factory=dict)


_registry = Registry()


def register(
    model, *, label, heading, template, page, loaders=(), searchable=True, cached=True, search_text=None, supporting=()
):
    """Register a kind of published content (a PublishedContent model). Call once, from AppConfig.ready()."""
    from publishing.models import PublishedContent

    if not issubclass(model, PublishedContent):
        raise TypeError(f"{model.__name__} is not published content; use register_supporting() instead")
    if model in _registry.kinds:
        raise ValueError(f"{model._meta.label} is already registered")
    kind = ContentKind(
        model, label, heading, template, page, tuple(loaders), searchable, cached, search_text, tuple(supporting)
    )
    _registry.kinds[model] = kind
    for supporting_model in supporting:
        register_supporting(supporting_model)
    _registry.loader_order.extend(loaders)
    return kind


def register_supporting(
    model, *, editor_actions=EDITOR_ACTIONS, publisher_actions=PUBLISHER_ACTIONS, loaders=(), cached=True
):
    """Register a model editors manage that changes what readers see, but is not a kind of page.

    Records that publishers only read, such as the workflow log, register here too, with cached=False.
    """
    _registry.supporting[model] = SupportingModel(
        model, tuple(editor_actions), tuple(publisher_actions), loaders, cached
    )
    _registry.loader_order.extend(loaders)


def unregister(model):
    """Take a kind or supporting model out again (for tests that register a throwaway kind)."""
    kind = _registry.kinds.pop(model, None) or _registry.supporting.pop(model, None)
    for loader in getattr(kind, "loaders", ()):
        _registry.loader_order.remove(loader)


def register_landing_page(
    url_name,
    *,
    title,
    summary,
    phrases,
    label="",
    recommend=False,
    audience="everyone",
    search_text=None,
    depends_on=(),
    kwargs=None,
):
    """Register a reader page that is not content (a landing page, the about page, a tool) for search.

    Search indexes it beside the items of content: its title, summary and purpose phrases, plus
    whatever search_text() returns. A page registered with recommend=True is also shown first,
    where an editor's best bet would be, when a search contains one of its phrases.
    """
    if not phrases:
        raise ValueError(f"give {url_name} at least one phrase readers search for")
    page = LandingPage(
        url_name,
        title,
        summary,
        tuple(phrases),
        label,
        recommend,
        audience,
        search_text,
        tuple(depends_on),
        tuple(sorted((kwargs or {}).items())),
    )
    _registry.landing[page.key] = page


@dataclass(frozen=True)
class LandingFamily:
    url_name: str  # every page of the family has this URL name, with its own arguments
    pages: Callable  # pages() -> the family's LandingPage objects as they are now
    depends_on: tuple  # models whose change adds, changes or removes pages of the family


def register_landing_pages(url_name, pages, *, depends_on=()):
    """Register a family of landing pages that come and go with the content, such as one per topic.

    pages() returns LandingPage objects (see landing_page()), all with this URL name; the family's
    index rows are refreshed whenever an instance of a model in depends_on is saved or deleted.
    """
    _registry.landing_sources[url_name] = LandingFamily(url_name, pages, tuple(depends_on))


def landing_page(url_name, *, title, summary, phrases, label="", audience="everyone", kwargs=None):
    """One page of a family registered with register_landing_pages()."""
    return LandingPage(
        url_name, title, summary, tuple(phrases), label, audience=audience, kwargs=tuple(sorted((kwargs or {}).items()))
    )


def landing_pages():
    """Every landing page: those registered one by one, then each family's pages as they are now."""
    pages = list(_registry.landing.values())
    for family in _registry.landing_sources.values():
        pages.extend(family.pages())
    return pages


def landing_families(model=None):
    """The families of landing pages (those whose pages change with this model, if one is given)."""
    return [family for family in _registry.landing_sources.values() if model is None or model in family.depends_on]


def recommended_pages():
    """Landing pages shown first when a search contains one of their phrases (never a family's)."""
    return [page for page in _registry.landing.values() if page.recommend]


def kinds():
    """Every registered kind, in registration order (the order of INSTALLED_APPS)."""
    return list(_registry.kinds.values())


def kind_for(model):
    """The registered kind of a model (or of an item's class); None if it is not a kind."""
    return _registry.kinds.get(model)


def kind_by_slug(slug):
    """The registered kind whose slug this is; None if there is none."""
    return next((kind for kind in kinds() if kind.slug == slug), None)


def content_models():
    return [kind.model for kind in kinds()]


def searchable_models():
    return [kind.model for kind in kinds() if kind.searchable]


def supporting_models():
    return list(_registry.supporting.values())


def cached_models():
    """Every model whose change must refresh readers' cached pages."""
    return [kind.model for kind in kinds() if kind.cached] + [s.model for s in supporting_models() if s.cached]


def permission_grants():
    """(model, editor actions, publisher actions) for every model the Editors and Publishers groups work on."""
    grants = [(kind.model, EDITOR_ACTIONS, PUBLISHER_ACTIONS) for kind in kinds()]
    return grants + [(s.model, s.editor_actions, s.publisher_actions) for s in supporting_models()]


def loaders():
    """A fresh instance of every demo-content loader, in the order they must run."""
    return [loader() for loader in _registry.loader_order]
