"""Running a reader's search: parse, filter, rank, page, suggest, best bets.

The view passes the request's GET parameters in and renders what comes out;
everything here is safe for any input at all.
"""

import itertools
import re
from dataclasses import dataclass, field
from functools import lru_cache

from django.db.models import Value
from django.urls import reverse
from django.utils import timezone

from publishing.models import Topic
from publishing.pagination import Pagination, page_url, pagination_for
from publishing.registry import recommended_pages
from search.backends import Filters, get_backend
from search.backends.base import ALL
from search.indexing import kind_of, kinds
from search.models import BestBet, PhraseSynonym, SearchEntry, Synonym, split_terms
from search.query import WORD, SynonymTable, normalise_for_matching, parse_query

PER_PAGE = 10
MAX_FILTER_VALUES = 30
MAX_PAGE = 10**9
AUDIENCES = [("providers", "Providers"), ("customers", "Customers")]


@dataclass
class SearchParams:
    q: str = ""
    kinds: list = field(default_factory=list)
    audiences: list = field(default_factory=list)
    topics: list = field(default_factory=list)
    page: int = 1
    # Search for the words as typed, even when a spelling correction would find more.
    as_typed: bool = False

    QUERY_NAMES = ("q", "kind", "audience", "topic", "page", "as_typed")

    @classmethod
    def query_pairs(cls, data):
        """The search as the page reads it, in a fixed order: the page cache's key for it."""
        params = cls.from_query_dict(data)
        return [
            ("q", params.q),
            *(("kind", value) for value in params.kinds),
            *(("audience", value) for value in params.audiences),
            *(("topic", value) for value in params.topics),
            ("page", str(params.page)),
            ("as_typed", "1" if params.as_typed else ""),
        ]

    @classmethod
    def from_query_dict(cls, data):
        def values(name):
            seen = []
            for value in data.getlist(name)[:MAX_FILTER_VALUES]:
                value = value.strip()[:100]
                if value and value not in seen:
                    seen.append(value)
            return seen

        raw_page = (data.get("page") or "").strip()
        # Anything but a whole number is the first page; a huge one is past the end (the last page).
        page = min(int(raw_page), MAX_PAGE) if re.fullmatch(r"\d{1,100}", raw_page) else 1
        return cls(
            q=data.get("q") or "",
            kinds=values("kind"),
            audiences=values("audience"),
            topics=values("topic"),
            page=max(page, 1),
            as_typed=(data.get("as_typed") or "").strip() == "1",
        )


@dataclass
class Option:
    value: str
    label: str
    count: int | None
    checked: bool
    approximate: bool = False

    @property
    def count_text(self):
        if self.count is None:
            return ""
        return f"about {self.count:,}" if self.approximate else f"{self.count:,}"


@dataclass
class Result:
    entry: SearchEntry
    snippet: str


@dataclass
class BestBetResult:
    url: str
    title: str
    description: str
    kind_label: str = ""


@dataclass
class SearchOutcome:
    query: str = ""
    searched: bool = False
    truncated: bool = False
    only_common_words: bool = False
    mode: str = ALL
    results: list = field(default_factory=list)
    total: int = 0
    page: int = 1
    pages: int = 1
    kind_options: list = field(default_factory=list)
    audience_options: list = field(default_factory=list)
    topic_options: list = field(default_factory=list)
    filters_applied: bool = False
    approximate: bool = False
    exact_total: bool = True
    capped: bool = False
    shown_limit: int = 0
    suggestion: str = ""
    # The words as the reader typed them, when the results are for a spelling correction (query).
    typed_query: str = ""
    typed_query_url: str = ""
    best_bets: list = field(default_factory=list)
    pagination: Pagination = field(default_factory=Pagination)
    clear_filters_url: str = ""

    @property
    def total_text(self):
        return f"about {self.total:,}" if self.approximate and not self.exact_total else f"{self.total:,}"

    @property
    def first_number(self):
        return (self.page - 1) * PER_PAGE + 1

    @property
    def last_number(self):
        return self.first_number + len(self.results) - 1


def synonym_table():
    """Word synonyms and phrase synonyms, read in one query (a word synonym's row has no meaning)."""
    words = Synonym.objects.order_by().annotate(meaning=Value("")).values_list("terms", "meaning")
    rows = words.union(PhraseSynonym.objects.order_by().values_list("phrases", "means"), all=True)
    return synonym_table_of(tuple(sorted(rows)))


@lru_cache(maxsize=4)
def synonym_table_of(rows):
    """The table the rows make, built once for as long as editors leave the rows as they are (they are its key)."""
    return SynonymTable(
        (split_terms(terms) for terms, meaning in rows if not meaning),
        ((split_terms(phrases), split_terms(meaning)) for phrases, meaning in rows if meaning),
    )


def valid_filters(params, topics):
    known_kinds = {value for value, _ in kinds()}
    known_audiences = {value for value, _ in AUDIENCES}
    known_topics = {topic.slug for topic in topics}
    # Unknown values (an old link, a typed URL) are ignored rather than refused.
    return Filters(
        kinds=[k for k in params.kinds if k in known_kinds],
        audiences=[a for a in params.audiences if a in known_audiences],
        topics=[t for t in params.topics if t in known_topics],
    )


def filter_pairs(filters):
    return [
        *(("kind", k) for k in filters.kinds),
        *(("audience", a) for a in filters.audiences),
        *(("topic", t) for t in filters.topics),
    ]


def search_url(query, filters, page=1, as_typed=False):
    params = [("q", query)] if query else []
    typed = [("as_typed", "1")] if as_typed else []
    return page_url(reverse("search:index"), [*params, *filter_pairs(filters), *typed], page)


def browse_url(model, *, audiences=(), topics=()):
    """Search with no words: every readable item of one kind, for these audiences and topics.
    Where a page shows the first few of a long list, this is its link to the rest."""
    return search_url("", Filters(kinds=[kind_of(model)], audiences=list(audiences), topics=list(topics)))


def best_bets_for(query_text, now):
    """Pages shown first: editors' best bets for the query, then the registered pages it asks for."""
    key = normalise_for_matching(query_text)
    if not key:
        return []
    results = editors_best_bets(key, now)
    shown = {result.url for result in results}
    return results + [result for result in recommended_pages_for(key) if result.url not in shown]


def recommended_pages_for(key):
    """Landing pages registered with recommend=True (the tools) that have a phrase in the query."""
    padded = f" {key} "
    return [
        BestBetResult(page.get_absolute_url(), page.title, page.summary, page.label)
        for page in recommended_pages()
        if any(f" {normalise_for_matching(phrase)} " in padded for phrase in page.phrases)
    ]


def editors_best_bets(key, now):
    bets = [bet for bet in BestBet.objects.filter(active=True) if key in bet.query_list()]
    if not bets:
        return []
    linked = [(bet.content_type_id, bet.object_id) for bet in bets if bet.content_type_id]
    entries = {}
    if linked:
        # Only a readable item may be shown: a withdrawn, unpublished or scheduled page simply drops out.
        for entry in SearchEntry.objects.filter(
            content_type_id__in={ct for ct, _ in linked}, object_id__in={pk for _, pk in linked}, visible_from__lte=now
        ).only("content_type_id", "object_id", "url", "title", "summary", "kind_label"):
            entries[(entry.content_type_id, entry.object_id)] = entry
    results = []
    for bet in bets:
        entry = entries.get((bet.content_type_id, bet.object_id)) if bet.content_type_id else None
        if entry:
            results.append(BestBetResult(entry.url, entry.title, bet.description or entry.summary, entry.kind_label))
        elif not bet.content_type_id and bet.url and bet.title:
            results.append(BestBetResult(bet.url, bet.title, bet.description))
    return results


def corrected_query(text, corrections, joins=None):
    """The text with two words typed apart joined where the index has them as one, then misspelt words replaced."""
    for (first, second), joined in (joins or {}).items():
        text = re.sub(rf"(?<![^\W_]){re.escape(first)}[\W_]+{re.escape(second)}(?![^\W_])", joined, text, flags=re.I)
    return WORD.sub(lambda m: corrections.get(m.group(0).lower(), m.group(0)), text)


def typed_apart(parsed):
    """Neighbouring words of the query, as typed, that may be one word typed apart: both words the reader's own
    (not a synonym's or a phrase synonym's), neither a stop word."""
    typed = [word.lower() for word in WORD.findall(parsed.text)]
    spellable = set(parsed.spellable)
    return [(a, b) for a, b in itertools.pairwise(typed) if a in spellable and b in spellable]


def search_run(*, params, now=None):
    """Everything the search page shows for these parameters: results, counts, facets, suggestions, best bets."""
    now = now or timezone.now()
    topics = list(Topic.objects.all())
    filters = valid_filters(params, topics)
    synonyms = synonym_table()
    parsed = parse_query(params.q, synonyms)
    outcome = SearchOutcome(query=parsed.text, truncated=parsed.truncated)
    outcome.filters_applied = bool(filters.kinds or filters.audiences or filters.topics)
    outcome.clear_filters_url = search_url(parsed.text, Filters())
    outcome.only_common_words = parsed.is_empty and bool(parsed.text)
    if parsed.is_empty and not outcome.filters_applied:
        return outcome

    outcome.searched = True
    if get_backend().supports_suggestions and parsed.spellable:
        pairs = typed_apart(parsed)
        joins = get_backend().joined_suggestions(pairs=pairs, now=now) if pairs else {}
        joined_words = {word for pair in joins for word in pair}
        words = [word for word in parsed.spellable if word not in joined_words]
        corrections = get_backend().suggestions(words=words, now=now) if words else {}
        if corrections or joins:
            outcome.suggestion = corrected_query(parsed.text, corrections, joins)
    if outcome.suggestion and not params.as_typed:
        parsed, found = search_corrected(outcome, parsed, synonyms, filters, params.page, now)
    else:
        found, outcome.mode = ranked_results(parsed, filters, params.page, now)
    record_results(outcome, found)
    if outcome.page == 1 and not parsed.is_empty:
        # For what the reader typed: a correction must not make a page recommended for other words.
        outcome.best_bets = best_bets_for(outcome.typed_query or parsed.text, now)
    outcome.kind_options, outcome.audience_options, outcome.topic_options = facet_options(found.facets, filters, topics)
    outcome.pagination = pagination_for(
        outcome.page, outcome.pages, lambda number: search_url(parsed.text, filters, number, params.as_typed)
    )
    return outcome


def finds_more(found, mode, other, other_mode):
    """Whether one search finds more than another: pages with all its words where the other found only
    pages with some of them, or more pages in the same way."""
    if not other.total:
        return bool(found.total)
    if mode != other_mode:
        return mode == ALL
    return found.total > other.total


def search_corrected(outcome, parsed, synonyms, filters, page, now):
    """A search with a word the index does not have (so it can match only through stemming, if at all):
    search the correction first, and use it if it finds pages with all its words; otherwise search the
    words as typed too and keep what finds more. Say when the correction is used, with a link to search
    for the words as typed. Returns (the query searched, its results)."""
    corrected = parse_query(outcome.suggestion, synonyms)
    better, mode = ranked_results(corrected, filters, page, now)
    if not (better.total and mode == ALL):
        found, outcome.mode = ranked_results(parsed, filters, page, now)
        if not finds_more(better, mode, found, outcome.mode):
            return parsed, found
    outcome.mode = mode
    outcome.typed_query = parsed.text
    outcome.typed_query_url = search_url(parsed.text, filters, as_typed=True)
    outcome.query, outcome.suggestion = corrected.text, ""
    outcome.clear_filters_url = search_url(corrected.text, Filters())
    return corrected, better


def ranked_results(parsed, filters, page, now):
    """One page of results, best first, and whether some page holds every word (see SearchBackend.ranked)."""
    return get_backend().ranked(parsed=parsed, filters=filters, now=now, page=page, per_page=PER_PAGE)


def record_results(outcome, found):
    """Put one page of results, with its counts and paging limits, on the outcome."""
    outcome.total, outcome.page, outcome.pages = found.total, found.page, found.pages
    outcome.approximate, outcome.capped = found.facets.approximate, found.capped
    outcome.exact_total = not found.capped
    outcome.shown_limit = found.pages * PER_PAGE
    entries = SearchEntry.objects.defer("keywords", "body_text", "extra_text").in_bulk([pk for pk, _ in found.rows])
    outcome.results = [Result(entries[pk], snippet) for pk, snippet in found.rows if pk in entries]


def facet_options(facets, filters, topics):
    """The kind, audience and topic checkboxes, each with its count of results."""

    def options(choices, counts, chosen, always=False):
        # An estimated count of 0 only means the sample missed it: offer the option, without a number.
        return [
            Option(
                value,
                label,
                counts.get(value) or (None if facets.approximate else 0),
                value in chosen,
                facets.approximate,
            )
            for value, label in choices
            if always or facets.approximate or counts.get(value) or value in chosen
        ]

    return (
        options(kinds(), facets.kinds, filters.kinds),
        options(AUDIENCES, facets.audiences, filters.audiences, always=True),
        options([(t.slug, t.title) for t in topics], facets.topics, filters.topics),
    )


def content_type_choices():
    """Readable items, for choosing a best bet's page in the admin."""
    entries = (
        SearchEntry.objects.filter(content_type__isnull=False)
        .order_by("kind_label", "title")
        .only("content_type_id", "object_id", "kind_label", "title")
    )
    return [(f"{e.content_type_id}:{e.object_id}", f"{e.kind_label}: {e.title}") for e in entries]


def entry_for_bet(bet):
    if not bet.content_type_id:
        return None
    return SearchEntry.objects.filter(content_type_id=bet.content_type_id, object_id=bet.object_id).first()
