"""What every search backend offers, and the pieces they share."""

import itertools
import re
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import mark_safe

from search.query import STOP_WORDS

MARK_START, MARK_END = "\ue000", "\ue001"
HIGHLIGHT = re.compile(f"{MARK_START}([^{MARK_START}{MARK_END}]*){MARK_END}")
VOCABULARY_WORD = re.compile(r"[^\W\d_]{3,40}")

ALL, ANY = "all", "any"

# How much a page's share of the query's weight counts when ranking (each group of the query weighted by how
# rare it is in the index): in its whole text, in its title, and in its title and summary with the words readers
# search with. Both engines use them, so both rank the same page first.
COVERAGE_WEIGHT = 10.0
TITLE_COVERAGE_WEIGHT = 6.0
SUMMARY_COVERAGE_WEIGHT = 3.0
# A group standing for a way of asking that an editor gave a meaning to (a phrase synonym: "why bother" means
# benefits) is what the reader asks for; the rest of the query says about what. So its weight is the sum of every
# group's rarity, as much as all the query's other words together ("why bother pooling back office functions":
# the benefits of pooling, not a page holding "back office functions"). Both engines weigh it so.
# Tiers above any rank the words can earn (about 30 at most, with every weight here): a page whose title is exactly
# the query first, then a page the query names another way, as one of the phrases readers search with for it or a
# part of its title with a colon (SearchEntry.name_keys). SQLite orders by the same two tests before anything else.
EXACT_TITLE_TIER = 100.0
NAME_KEY_TIER = 50.0
# A longer query holding one of a page's other names, its words in a row ("… will my team be made redundant" and
# the search phrase "made redundant"), counts like a summary holding every word of the query.
NAME_IN_QUERY_WEIGHT = SUMMARY_COVERAGE_WEIGHT
# In a query of three words or more, a page holding neighbouring words of the query close together (at most two
# words apart, either way round: "score each statement from 1 to 5" for "scoring statement 1 5") is more likely
# about what the query asks than one holding them scattered; the share of the query's neighbouring pairs so held
# (each pair weighted by its two words' rarity) counts this much. Two-word queries leave it out: there, the one
# pair close together outweighed a title match.
NEAR_WEIGHT = 6.0
NEAR_WORDS = 2
NEAR_MIN_GROUPS = 3
# Enough pages to tell a common word from a rare one, without counting every match of a very common word.
PAGES_COUNTED = 200
# Two words typed apart are tried as one ("bench marking") when the one word is this long.
JOINED_LENGTHS = (6, 40)
INFLECTIONS = ("s", "es", "ed", "d", "ing", "er", "ers", "ly")


def edit_distance(a, b):
    """Typing mistakes between two words: insertions, deletions, substitutions and two neighbouring letters
    swapped ("modle" for "model"), each one mistake (the optimal string alignment distance)."""
    rows = [list(range(len(b) + 1))]
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            best = min(rows[-1][j] + 1, current[j - 1] + 1, rows[-1][j - 1] + (char_a != char_b))
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                best = min(best, rows[-2][j - 2] + 1)
            current.append(best)
        rows.append(current)
    return rows[-1][-1]


def max_mistakes(word):
    """Typing mistakes a suggestion may correct: one in a short word, two in a longer one."""
    return 1 if len(word) <= 5 else 2


def is_inflection(word, other):
    short, long = sorted((word, other), key=len)
    return long.startswith(short) and long[len(short) :] in INFLECTIONS


def names_in_query(words):
    """Each run of two or more of the query's words, short of the whole query: the keys of names of pages
    (SearchEntry.name_keys) it may hold."""
    return [
        " ".join(words[start:end])
        for start in range(len(words))
        for end in range(start + 2, len(words) + 1)
        if end - start < len(words)
    ]


def all_of(conditions):
    """[(SQL, params), …] -> (the conditions joined with AND, their params in order)."""
    return " AND ".join(sql for sql, _ in conditions), [p for _, params in conditions for p in params]


@dataclass
class Filters:
    kinds: list = field(default_factory=list)
    audiences: list = field(default_factory=list)
    topics: list = field(default_factory=list)

    def audience_values(self):
        # An item for everyone is for providers and for customers too.
        return [*self.audiences, "everyone"] if self.audiences else []


@dataclass
class Facets:
    total: int = 0
    kinds: dict = field(default_factory=dict)
    audiences: dict = field(default_factory=dict)
    topics: dict = field(default_factory=dict)
    # Estimated from a sample when the query matches too many items to count in time.
    approximate: bool = False


@dataclass
class SearchPage:
    """One page of results: (entry id, snippet HTML) rows, best first, and the counts."""

    facets: Facets
    total: int
    rows: list
    page: int
    pages: int
    # True when there are more results than can be ranked exactly; only the first pages are offered.
    capped: bool = False


def pages_for(total, per_page):
    return max(1, -(-total // per_page))


def highlight(marked_text):
    """Escape text that the engine marked with MARK_START/MARK_END; only <mark> survives as HTML."""
    escaped = escape(marked_text or "")
    marked = HIGHLIGHT.sub(r"<mark>\1</mark>", escaped)
    return mark_safe(marked.replace(MARK_START, "").replace(MARK_END, ""))  # noqa: S308 - escaped above


def vocabulary(entries):
    words = set()
    for entry in entries:
        for text in (entry.title, entry.summary, entry.keywords, entry.body_text, entry.extra_text):
            words.update(w.lower() for w in VOCABULARY_WORD.findall(text or ""))
    return sorted(words - STOP_WORDS)


class SearchBackend:
    vendor = ""
    supports_suggestions = False

    def __init__(self, connection):
        self.connection = connection

    def db_now(self, now):
        return self.connection.ops.adapt_datetimefield_value(now)

    # Reading -----------------------------------------------------------------
    def run(self, *, parsed, mode, filters, now, page, per_page):
        """Counts and one page of results. Exact: every match is counted and ranked."""
        facets = self.facets(parsed=parsed, mode=mode, filters=filters, now=now)
        pages = pages_for(facets.total, per_page)
        page = min(page, pages)
        rows = []
        if facets.total:
            rows = self.page(
                parsed=parsed, mode=mode, filters=filters, now=now, offset=(page - 1) * per_page, limit=per_page
            )
        return SearchPage(facets=facets, total=facets.total, rows=rows, page=page, pages=pages)

    def ranked(self, *, parsed, filters, now, page, per_page):
        """Pages ranked by how much of the query they hold, its rarer words counting more, and the mode: "all"
        when some page holds every word, "any" when none does (and the results page says so). A page need not
        hold every word of a longer query: the page that answers "what's in it for my department" may never say
        "department". Only when too many pages hold some of the words to rank them all are the pages holding
        every word ranked alone."""
        several_words = len(parsed.groups) > 1
        if several_words and self.ranks_every_match(parsed, now):
            found = self.run(parsed=parsed, mode=ANY, filters=filters, now=now, page=page, per_page=per_page)
            some_only = found.total and not self.holds_every_word(parsed, filters, now)
            return found, ANY if some_only else ALL
        found = self.run(parsed=parsed, mode=ALL, filters=filters, now=now, page=page, per_page=per_page)
        if several_words and not found.total:
            loose = self.run(parsed=parsed, mode=ANY, filters=filters, now=now, page=page, per_page=per_page)
            if loose.total:
                return loose, ANY
        return found, ALL

    def ranks_every_match(self, parsed, now):
        """Whether every page holding any of the query's words can be counted and ranked exactly (so a query
        can be ranked over all of them rather than only over the pages holding every word)."""
        return True

    def holds_every_word(self, parsed, filters, now):
        """Whether a readable page that the filters allow holds every group of the query."""
        raise NotImplementedError

    def facets(self, *, parsed, mode, filters, now):
        """Matches with all filters applied (total), and per filter value the count with the
        other kinds of filter applied (so a reader sees what each tick would give)."""
        raise NotImplementedError

    def page(self, *, parsed, mode, filters, now, offset, limit):
        """[(entry id, snippet HTML)] for one page of results, best first."""
        raise NotImplementedError

    def suggestions(self, *, words, now):
        """{misspelt word: replacement} for words not in the index, if the engine can tell."""
        return {}

    def first_that_finds(self, word, options, now):
        """The best of the options (given fewest typing mistakes first) that finds a readable item, or None.
        Among options with as few mistakes as each other, the one more pages use is the likelier meant
        ("model" rather than "mode" for "modle"). Stops at another form of the word: "saving" when the text
        says "savings" is a right word, not a misspelling."""
        for _, group in itertools.groupby(options, key=lambda option: edit_distance(word, option)):
            group = list(group)
            if any(is_inflection(word, option) for option in group):
                return None
            pages = {option: self._pages_using(option, now) for option in group}
            if found := [option for option in group if pages[option]]:
                return max(found, key=pages.get)
        return None

    def joined_suggestions(self, *, pairs, now):
        """{(first, second): one word} for neighbouring words typed apart that the index has as one word ("bench
        marking" → benchmarking): the joined word is in the vocabulary and finds a readable item, and the two words
        side by side find none ("set up" stays as it is wherever the text says "set up")."""
        joined = {pair: "".join(pair) for pair in pairs if JOINED_LENGTHS[0] <= len("".join(pair)) <= JOINED_LENGTHS[1]}
        if not joined:
            return {}
        from search.models import SearchWord  # here: the backends are imported while models may still be loading

        known = set(SearchWord.objects.filter(word__in=set(joined.values())).values_list("word", flat=True))
        return {
            pair: word
            for pair, word in joined.items()
            if word in known and self._pages_using(word, now) and not self._pages_using(" ".join(pair), now)
        }

    def _pages_using(self, words, now):
        """How many readable items hold the word (or the words side by side), counted up to PAGES_COUNTED."""
        raise NotImplementedError

    # Writing -----------------------------------------------------------------
    def entries_indexed(self, entries):
        """Called after rows are added or changed."""

    def before_rebuild(self):
        pass

    def after_rebuild(self):
        pass

    def ensure_engine_objects(self):
        """Re-create engine objects a table rebuild may have dropped (idempotent)."""

    def index_size(self):
        """{name: bytes} of the index's tables and indexes."""
        return {}

    # Helpers -----------------------------------------------------------------
    def fetch(self, sql, params):
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    @staticmethod
    def facets_from_rows(rows):
        facets = Facets()
        for facet, value, count in rows:
            if facet == "total":
                facets.total = count
            elif facet == "kind":
                facets.kinds[value] = count
            elif facet == "audience":
                facets.audiences[value] = count
            elif facet == "topic":
                facets.topics[value] = count
        everyone = facets.audiences.pop("everyone", 0)
        facets.audiences = {
            audience: facets.audiences.get(audience, 0) + everyone for audience in ("providers", "customers")
        }
        return facets
