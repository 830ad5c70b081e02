"""SQLite FTS5 search, for the zero-set-up local default.

search_fts is an FTS5 table (porter stemming over unicode61) holding each entry's
title, summary, body plus extra text, and the words readers search with, under the entry's id; triggers on
search_searchentry keep it in step. Migration 0002 creates both on SQLite, and
ensure_engine_objects() re-creates the triggers after a migration that rebuilds
the table. See https://www.sqlite.org/fts5.html.

Every word goes into the MATCH expression as a double-quoted string, so no input
is ever read as FTS5 syntax. Spelling suggestions come from the index's vocabulary
(search_searchword): the words of about the same length and first letter, the one
with the fewest typing mistakes that finds a readable item.
"""

# ruff: noqa: S608 - SQL here is joined from constant fragments and %s placeholders; every value is bound.

import itertools
import math

from search.backends.base import (
    ALL,
    COVERAGE_WEIGHT,
    MARK_END,
    MARK_START,
    NAME_IN_QUERY_WEIGHT,
    NEAR_MIN_GROUPS,
    NEAR_WEIGHT,
    NEAR_WORDS,
    PAGES_COUNTED,
    SUMMARY_COVERAGE_WEIGHT,
    TITLE_COVERAGE_WEIGHT,
    SearchBackend,
    all_of,
    edit_distance,
    highlight,
    max_mistakes,
    names_in_query,
    vocabulary,
)

FTS_TABLE_SQL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5("
    "title, summary, body, keywords, tokenize = 'porter unicode61 remove_diacritics 2')"
)
FTS_COLUMNS = "rowid, title, summary, body, keywords"
FTS_VALUES = "new.id, new.title, new.summary, new.body_text || ' ' || new.extra_text, new.keywords"
TRIGGERS_SQL = [
    "CREATE TRIGGER IF NOT EXISTS search_fts_insert AFTER INSERT ON search_searchentry BEGIN "
    f"INSERT INTO search_fts ({FTS_COLUMNS}) VALUES ({FTS_VALUES}); END",
    "CREATE TRIGGER IF NOT EXISTS search_fts_delete AFTER DELETE ON search_searchentry BEGIN "
    "DELETE FROM search_fts WHERE rowid = old.id; END",
    "CREATE TRIGGER IF NOT EXISTS search_fts_update AFTER UPDATE ON search_searchentry BEGIN "
    "DELETE FROM search_fts WHERE rowid = old.id; "
    f"INSERT INTO search_fts ({FTS_COLUMNS}) VALUES ({FTS_VALUES}); END",
]
# Column weights for bm25: title, summary, body, keywords (the words readers search with count like the summary).
BM25 = "bm25(search_fts, 10.0, 4.0, 1.0, 4.0)"
# Among titles that hold every word, the shorter title is more about the query ("Moving to a shared service"
# before "Will we lose control if we move to a shared service?"), whatever the length of the body, which bm25
# counts against a long guide. Pages whose title does not hold every word are left in bm25's order.
TITLE_FOCUS = "CASE WHEN e.id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s) THEN length(e.title) END"
SNIPPET_WORDS = 24
# Pairs of alternatives tried for each pair of neighbouring groups (a group with synonyms has several).
NEAR_COMBINATIONS = 16


def _quoted(word):
    return '"' + word.replace('"', '""') + '"'


def _alternative(alternative):
    if alternative.phrase:
        return _quoted(alternative.text)
    if len(alternative.words) == 1:
        return _quoted(alternative.words[0])
    return "(" + " AND ".join(_quoted(w) for w in alternative.words) + ")"


def _group(group):
    return "(" + " OR ".join(_alternative(a) for a in group.alternatives) + ")"


def match_expression(parsed, mode, with_exclusions=True):
    groups = [_group(group) for group in parsed.groups]
    expression = (" AND " if mode == ALL else " OR ").join(groups)
    if with_exclusions and parsed.excluded:
        expression = f"({expression}) NOT (" + " OR ".join(_alternative(a) for a in parsed.excluded) + ")"
    return expression


def summary_coverage_sql(parsed):
    """How many of the query's groups the title or summary holds, as SQL with its parameters: a page whose
    summary answers the query is about it, while the same words scattered through a long body may only
    mention it."""
    tests = ["(e.id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s))" for _ in parsed.groups]
    params = ["{title summary keywords} : " + _group(group) for group in parsed.groups]
    return " + ".join(tests), params


def near_sql(parsed, weights, weight):
    """`weight` times the share of the query's neighbouring pairs of groups that the page holds at most NEAR_WORDS
    words apart (FTS5's NEAR, either way round), each pair weighted by its two groups' weights (so two common
    words close together count for little), for queries of NEAR_MIN_GROUPS groups or more: SQL to add to a
    coverage score, with its parameters. Each pair tries at most NEAR_COMBINATIONS pairs of alternatives, the
    reader's own words first."""
    if len(parsed.groups) < NEAR_MIN_GROUPS:
        return "", []
    pair_weights = [a + b for a, b in itertools.pairwise(weights)]
    total = sum(pair_weights) or 1.0
    terms, params = [], []
    for (first, second), pair_weight in zip(itertools.pairwise(parsed.groups), pair_weights, strict=True):
        combinations = itertools.islice(itertools.product(first.alternatives, second.alternatives), NEAR_COMBINATIONS)
        terms.append("%s * (e.id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s))")
        params += [
            weight * pair_weight / total,
            " OR ".join(f"NEAR({_quoted(a.text)} {_quoted(b.text)}, {NEAR_WORDS})" for a, b in combinations),
        ]
    return " + " + " + ".join(terms), params


def names_in_query_sql(parsed, weight):
    """`weight` when the query holds one of the page's other names (a run of its words), as SQL to add to a
    coverage score, with its parameters."""
    names = names_in_query(parsed.words)
    if not names:
        return "", []
    return f" + %s * ({' OR '.join('instr(e.name_keys, %s) > 0' for _ in names)})", [weight, *(f"|{n}|" for n in names)]


def _in(column, values):
    return f"{column} IN ({', '.join(['%s'] * len(values))})", list(values)


def filter_sql(filters):
    kind = _in("e.kind", filters.kinds) if filters.kinds else ("1", [])
    audience = _in("e.audience", filters.audience_values()) if filters.audiences else ("1", [])
    if filters.topics:
        inside, params = _in("t.value", filters.topics)
        topic = (f"EXISTS (SELECT 1 FROM json_each(e.topics) AS t WHERE {inside})", params)
    else:
        topic = ("1", [])
    return kind, audience, topic


class SqliteBackend(SearchBackend):
    vendor = "sqlite"
    supports_suggestions = True

    def _matching(self, parsed, mode, now):
        if parsed.is_empty:
            return "e.visible_from <= %s", [self.db_now(now)]
        return (
            "e.id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s) AND e.visible_from <= %s",
            [match_expression(parsed, mode), self.db_now(now)],
        )

    def holds_every_word(self, parsed, filters, now):
        where, where_params = self._matching(parsed, ALL, now)
        allowed, allowed_params = all_of(filter_sql(filters))
        sql = f"SELECT EXISTS (SELECT 1 FROM search_searchentry e WHERE {where} AND {allowed})"
        return bool(self.fetch(sql, [*where_params, *allowed_params])[0][0])

    def facets(self, *, parsed, mode, filters, now):
        where, where_params = self._matching(parsed, mode, now)
        (kind_sql, kind_params), (aud_sql, aud_params), (topic_sql, topic_params) = filter_sql(filters)
        sql = (
            f"WITH m AS MATERIALIZED (SELECT e.kind, e.audience, e.topics, {kind_sql} AS k_ok, {aud_sql} AS a_ok, "
            f"{topic_sql} AS t_ok FROM search_searchentry e WHERE {where}) "
            "SELECT 'total', '', count(*) FROM m WHERE k_ok AND a_ok AND t_ok "
            "UNION ALL SELECT 'kind', kind, count(*) FROM m WHERE a_ok AND t_ok GROUP BY kind "
            "UNION ALL SELECT 'audience', audience, count(*) FROM m WHERE k_ok AND t_ok GROUP BY audience "
            "UNION ALL SELECT 'topic', j.value, count(*) FROM m, json_each(m.topics) AS j "
            "WHERE k_ok AND a_ok GROUP BY j.value"
        )
        rows = self.fetch(sql, [*kind_params, *aud_params, *topic_params, *where_params])
        return self.facets_from_rows(rows)

    def page(self, *, parsed, mode, filters, now, offset, limit):
        filter_where, filter_params = all_of(filter_sql(filters))
        if parsed.is_empty:
            where, where_params = self._matching(parsed, mode, now)
            sql = (
                f"SELECT e.id, e.summary FROM search_searchentry e WHERE {where} AND {filter_where} "
                "ORDER BY e.last_updated DESC NULLS LAST, e.title, e.id LIMIT %s OFFSET %s"
            )
            rows = self.fetch(sql, [*where_params, *filter_params, limit, offset])
            return [(pk, highlight(summary)) for pk, summary in rows]
        expression = match_expression(parsed, mode)
        title_expression = "title : (" + match_expression(parsed, ALL, with_exclusions=False) + ")"
        scored, scored_params = self._score_sql(parsed, mode)
        # A title that is exactly the query first, then a page the query names another way (name_keys), then titles
        # holding every group, then bm25 (title weighted most).
        sql = (
            "SELECT e.id FROM search_fts JOIN search_searchentry e ON e.id = search_fts.rowid "
            f"WHERE search_fts MATCH %s AND e.visible_from <= %s AND {filter_where} "
            "ORDER BY (e.title_key = %s) DESC, (instr(e.name_keys, %s) > 0) DESC, "
            "(e.id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s)) DESC, "
            f"{scored} DESC, {TITLE_FOCUS}, {BM25}, e.last_updated DESC NULLS LAST, e.id LIMIT %s OFFSET %s"
        )
        params = [
            expression, self.db_now(now), *filter_params, " ".join(parsed.words), f"|{' '.join(parsed.words)}|",
            title_expression, *scored_params, title_expression,
        ]  # fmt: skip
        ids = [row[0] for row in self.fetch(sql, [*params, limit, offset])]
        snippets = self._snippets(ids, expression) if ids else {}
        return [(pk, highlight(snippets.get(pk, ""))) for pk in ids]

    def _score_sql(self, parsed, mode):
        """What tells apart pages that tie on the title tests, as SQL for ORDER BY with its parameters. With every
        group matched somewhere, those matched in the title or summary tell pages apart; with only some matched,
        the rarer the groups a page holds, the better (a plain count would favour common words). A name of the
        page in the query, and neighbouring words of the query close together, count as on PostgreSQL: with every
        group matched, the coverage counts groups, so their weights are in those units."""
        if mode == ALL:
            covered, covered_params = summary_coverage_sql(parsed)
            unit, weights = len(parsed.groups) / SUMMARY_COVERAGE_WEIGHT, [1.0] * len(parsed.groups)
        else:
            weights = self.group_weights(parsed)
            covered, covered_params = self.weighted_coverage_sql(parsed, weights)
            unit = 1.0
        named, named_params = names_in_query_sql(parsed, NAME_IN_QUERY_WEIGHT * unit)
        near, near_params = near_sql(parsed, weights, NEAR_WEIGHT * unit)
        return f"({covered}{named}{near})", [*covered_params, *named_params, *near_params]

    def group_weights(self, parsed):
        """Each group's weight: how rare it is in the index (bm25's inverse document frequency); a way of asking
        an editor gave a meaning to weighs the sum of every group's rarity (see search.backends.base)."""
        groups = [_group(group) for group in parsed.groups]
        counts = self.fetch(
            "SELECT (SELECT count(*) FROM search_fts), "
            + ", ".join("(SELECT count(*) FROM search_fts WHERE search_fts MATCH %s)" for _ in groups),
            groups,
        )[0]
        pages, holding = counts[0], counts[1:]
        rarity = [math.log(1 + (pages - n + 0.5) / (n + 0.5)) for n in holding]
        return [sum(rarity) if group.intent else weight for group, weight in zip(parsed.groups, rarity, strict=True)]

    @staticmethod
    def weighted_coverage_sql(parsed, weights):
        """For pages holding only some of the query: the share of the query's weight a page holds in its whole
        text, its title, and its title and summary with the words readers search with, each group weighted by
        how rare it is in the index, in the proportions PostgreSQL ranks by. As SQL for ORDER BY, with its
        parameters."""
        groups = [_group(group) for group in parsed.groups]
        total = sum(weights) or 1.0
        terms, params = [], []
        for share, columns in (
            (COVERAGE_WEIGHT, ""),
            (TITLE_COVERAGE_WEIGHT, "title : "),
            (SUMMARY_COVERAGE_WEIGHT, "{title summary keywords} : "),
        ):
            for weight, group in zip(weights, groups, strict=True):
                terms.append("%s * (e.id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s))")
                params += [share * weight / total, columns + group]
        return " + ".join(terms), params

    def _snippets(self, ids, expression):
        """Snippets only for the rows on this page: prefer the summary when it matches, else the body."""
        snippet_sql = (
            f"SELECT rowid, snippet(search_fts, 1, %s, %s, ' … ', {SNIPPET_WORDS}), "
            f"snippet(search_fts, 2, %s, %s, ' … ', {SNIPPET_WORDS}), summary FROM search_fts "
            f"WHERE search_fts MATCH %s AND rowid IN ({', '.join(['%s'] * len(ids))})"
        )
        marks = [MARK_START, MARK_END]
        snippets = {}
        for pk, summary_snippet, body_snippet, summary in self.fetch(snippet_sql, [*marks, *marks, expression, *ids]):
            if MARK_START in (summary_snippet or ""):
                snippets[pk] = summary_snippet
            elif MARK_START in (body_snippet or ""):
                snippets[pk] = body_snippet
            else:
                snippets[pk] = summary
        return snippets

    def suggestions(self, *, words, now):
        """For each word not in the vocabulary, the closest word (fewest mistakes, then the shortest
        and first in the alphabet) of about its length and with its first letter that finds a readable item."""
        candidates = sorted({w for w in words if 3 <= len(w) <= 40 and not w.isdigit()})
        if not candidates:
            return {}
        marks = ", ".join(["%s"] * len(candidates))
        known_sql = f"SELECT word FROM search_searchword WHERE word IN ({marks})"
        known = {row[0] for row in self.fetch(known_sql, candidates)}
        suggestions = {}
        for word in (w for w in candidates if w not in known):
            rows = self.fetch(
                "SELECT word FROM search_searchword WHERE substr(word, 1, 1) = %s AND length(word) BETWEEN %s AND %s",
                [word[0], len(word) - 2, len(word) + 2],
            )
            options = sorted(
                (distance, len(option), option)
                for (option,) in rows
                if (distance := edit_distance(word, option)) <= max_mistakes(word)
            )
            if found := self.first_that_finds(word, [option for _, _, option in options[:3]], now):
                suggestions[word] = found
        return suggestions

    def _pages_using(self, words, now):
        sql = (
            "SELECT count(*) FROM (SELECT 1 FROM search_fts JOIN search_searchentry e ON e.id = search_fts.rowid "
            "WHERE search_fts MATCH %s AND e.visible_from <= %s LIMIT %s)"
        )
        return self.fetch(sql, [_quoted(words), self.db_now(now), PAGES_COUNTED])[0][0]

    def entries_indexed(self, entries):
        words = vocabulary(entries)
        if words:
            with self.connection.cursor() as cursor:
                cursor.executemany("INSERT OR IGNORE INTO search_searchword (word) VALUES (%s)", [(w,) for w in words])

    def before_rebuild(self):
        with self.connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_fts")
            cursor.execute("DELETE FROM search_searchword")

    def after_rebuild(self):
        with self.connection.cursor() as cursor:
            cursor.execute("INSERT INTO search_fts (search_fts) VALUES ('optimize')")

    def ensure_engine_objects(self):
        with self.connection.cursor() as cursor:
            tables = self.connection.introspection.table_names(cursor)
            if "search_searchentry" not in tables:
                return
            created = "search_fts" not in tables
            cursor.execute(FTS_TABLE_SQL)
            for statement in TRIGGERS_SQL:
                cursor.execute(statement)
            if created:
                cursor.execute(
                    f"INSERT INTO search_fts ({FTS_COLUMNS}) "
                    "SELECT id, title, summary, body_text || ' ' || extra_text, keywords FROM search_searchentry"
                )

    def index_size(self):
        try:
            rows = self.fetch("SELECT name, SUM(pgsize) FROM dbstat WHERE name LIKE 'search_%%' GROUP BY name", [])
        except Exception:  # noqa: BLE001 - dbstat is an optional SQLite build feature
            return {}
        return dict(rows)
