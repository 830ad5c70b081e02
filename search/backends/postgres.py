"""PostgreSQL full-text search over search_searchentry.

The table has stored generated columns search_vector (title weight A, summary B,
body and extra text C, 'english' configuration) and title_vector, with GIN indexes;
search_searchword has a trigram GIN index for "Did you mean …". They come from
migrations that run only on PostgreSQL.

Each alternative of the parsed query goes through websearch_to_tsquery as a bound
parameter and the results are combined with the tsquery operators, so no input can
produce a syntax error.

Work per request is bounded. A query matching at most EXACT_LIMIT items (every
query on a site this size) is counted and ranked exactly. Beyond that, counting
and ranking every match would take time in proportion to the whole index, so:
the counts are estimated from a random sample of about SAMPLE_ROWS rows and shown
as "about"; the ranking is exact over a pool of candidates (titles equal to the
query, then the TITLE_POOL_SIZE most recent title matches and POOL_SIZE most recent matches, each found by
walking the index on last_updated or by sorting the GIN index's matches, whichever the sample says is cheaper); and
only the pages of that pool are offered.
"""

# ruff: noqa: S608 - SQL here is joined from constant fragments and %s placeholders; every value is bound.

import json
from contextlib import contextmanager

from django.db import transaction

from search.backends.base import (
    ALL,
    ANY,
    COVERAGE_WEIGHT,
    EXACT_TITLE_TIER,
    MARK_END,
    MARK_START,
    NAME_IN_QUERY_WEIGHT,
    NAME_KEY_TIER,
    NEAR_MIN_GROUPS,
    NEAR_WEIGHT,
    NEAR_WORDS,
    PAGES_COUNTED,
    SUMMARY_COVERAGE_WEIGHT,
    TITLE_COVERAGE_WEIGHT,
    Filters,
    SearchBackend,
    SearchPage,
    all_of,
    edit_distance,
    highlight,
    max_mistakes,
    names_in_query,
    pages_for,
    vocabulary,
)
from search.query import ParsedQuery

# Spelling: of the words alike by trigrams (pg_trgm's similarity threshold, 0.3), the most alike considered.
SPELLING_CANDIDATES = 8
EXACT_LIMIT = 400
SAMPLE_ROWS = 600
POOL_SIZE = 100
# Recent titles holding the query: fewer are needed, as they rank above everything else.
TITLE_POOL_SIZE = 50
# Reading a row's search_vector (to test a match while walking the index on last_updated) costs
# about this many times as much as visiting a row the GIN index already says matches.
VECTOR_READ_COST = 3.5
# A title's vector is short and kept in the row, so testing it while walking costs about as much as a visit.
TITLE_READ_COST = 1.0

# What the sample counts besides the facets, without the filters: the rows sampled, the matches, and the matches
# whose title holds the query.
SAMPLE_ONLY = ("sampled", "matched", "titled")


def walk_is_cheaper(share, unfiltered_share, rows_in_table, wanted, read_cost):
    """Whether to find the `wanted` newest rows matching the query and the filters (their `share` of the table) by
    walking the index on last_updated and testing each row (about wanted / share rows read, each costing
    `read_cost` visits), rather than by sorting every match the GIN index finds, which cannot apply the filters
    (unfiltered_share * rows_in_table rows visited)."""
    return share * unfiltered_share * rows_in_table >= read_cost * wanted


# The share of the query's weight that a vector holds.
COVERED = (
    "(SELECT coalesce(sum(g.weight), 0) / greatest(q.total_weight, 0.000001) "
    "FROM unnest(q.groups, q.weights) AS g(query, weight) WHERE {vector} @@ g.query)"
)
# A word's share of documents, from the statistics ANALYZE keeps on search_vector (most_common_elems,
# refreshed by autovacuum as the index changes and by a rebuild): a word not among them is rarer than the
# rarest that is; with no statistics yet every word counts the same. An alternative is as rare as its
# rarest word (all must match), a group as common as its commonest alternative (any may match), and a
# group's weight is log(1 / share); a phrase synonym's group weighs the sum of every group's (see base.py).
WEIGHTS_CTES = (
    "word_stats AS MATERIALIZED (SELECT most_common_elems::text::text[] AS elems, most_common_elem_freqs AS freqs "
    "FROM pg_stats WHERE schemaname = current_schema() AND tablename = 'search_searchentry' "
    "AND attname = 'search_vector' LIMIT 1), "
    "rarity AS MATERIALIZED (SELECT a.g, ln(1.0 / greatest(max(a.share), 0.000001)) AS weight FROM ("
    "SELECT u.g, u.alternative, min(coalesce(st.freqs[array_position(st.elems, x.lexeme)], "
    "st.freqs[array_length(st.elems, 1) + 1] / 2, 0.01)) AS share "
    "FROM unnest(%s::text[], %s::int[]) AS u(alternative, g) "
    "CROSS JOIN LATERAL unnest(to_tsvector('english', u.alternative)) AS x "
    "LEFT JOIN word_stats st ON TRUE GROUP BY u.g, u.alternative) AS a GROUP BY a.g), "
    "group_weights AS MATERIALIZED (SELECT g, CASE WHEN g = ANY(%s::int[]) THEN sum(weight) OVER () ELSE weight END "
    "AS weight FROM rarity)"
)
# A page's other names (SearchEntry.name_keys, |key|key|) as an array: the expression its GIN index is on.
NAME_KEYS = "string_to_array(btrim(e.name_keys, '|'), '|')"
# Each pair of neighbouring groups of a query of NEAR_MIN_GROUPS or more, as a tsquery matching them at most
# NEAR_WORDS words apart, either way round (positions count the stop words between them, as SQLite's NEAR does).
NEAR_PAIRS = (
    "ARRAY(SELECT "
    + " || ".join(
        f"tsquery_phrase(g.groups[{first}], g.groups[{second}], {apart})"
        for apart in range(1, NEAR_WORDS + 2)
        for first, second in (("i", "i + 1"), ("i + 1", "i"))
    )
    + f" FROM generate_series(1, cardinality(g.groups) - 1) AS i WHERE cardinality(g.groups) >= {NEAR_MIN_GROUPS})"
)
# The words of the title (weight A) and summary (weight B) only.
TITLE_AND_SUMMARY = "ts_filter(v.search_vector, '{a,b}')"
# Weights for D, C (body), B (summary), A (title); normalisation 1 divides by 1 + log(document length).
RANK_ALL = (
    # Phrases as plain words here (q.relaxed): cover density already rewards words close together,
    # and phrase operators make ranking and headlines several times slower.
    "ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', v.search_vector, q.relaxed, 1)"
    # A title holding every group of the query beats any match elsewhere…
    " + CASE WHEN e.title_vector @@ q.strict THEN 1.0 ELSE 0.0 END"
    # …the more of a (shorter) title the query covers, the better…
    " + 0.25 * ts_rank(e.title_vector, q.loose, 1)"
    # …the rarer the words its title holds, the better…
    f" + {TITLE_COVERAGE_WEIGHT} * {COVERED.format(vector='e.title_vector')}"
    # …and the rarer the words its title and summary hold, the better…
    f" + {SUMMARY_COVERAGE_WEIGHT} * {COVERED.format(vector=TITLE_AND_SUMMARY)}"
    # …and a title that is exactly the query comes first, then a page the query names another way.
    f" + CASE WHEN e.title_key = q.title_key THEN {EXACT_TITLE_TIER} ELSE 0.0 END"
    f" + CASE WHEN {NAME_KEYS} @> ARRAY[q.title_key] THEN {NAME_KEY_TIER} ELSE 0.0 END"
    # A longer query holding one of the page's other names counts too.
    f" + CASE WHEN {NAME_KEYS} && q.names_in_query THEN {NAME_IN_QUERY_WEIGHT} ELSE 0.0 END"
    # In a longer query, the more of its neighbouring words the page holds close together, the better, each pair
    # weighted by its two words' weights (two common words close together count for little).
    f" + {NEAR_WEIGHT} * (SELECT coalesce(sum(q.weights[i] + q.weights[i + 1]) "
    "FILTER (WHERE v.search_vector @@ q.pairs[i]), 0) / greatest(sum(q.weights[i] + q.weights[i + 1]), 0.000001) "
    "FROM generate_subscripts(q.pairs, 1) AS i)"
)
# When no page holds every group ("any of the words"), the rarer the words a page holds, the better.
# (With every group matched it would add the same to every page, so it is left out then.)
RANK_ANY = f"{RANK_ALL} + {COVERAGE_WEIGHT} * {COVERED.format(vector='v.search_vector')}"
RANKS = {ALL: RANK_ALL, ANY: RANK_ANY}
# The ranks read a page's search_vector (v.search_vector) once per word of the query and more. Stored compressed,
# it would be decompressed at every reading; concatenating it with an empty vector makes one decompressed copy per
# page (eight readings of 400 pages: 16 ms before, 6.6 ms after, at 100,000 items on this machine).
DECOMPRESSED = "CROSS JOIN LATERAL (SELECT e.search_vector || ''::tsvector AS search_vector OFFSET 0) AS v"
ORDER = "rank DESC, e.last_updated DESC, e.id"
HEADLINE_OPTIONS = (
    f'StartSel="{MARK_START}", StopSel="{MARK_END}", MaxWords=35, MinWords=15, ShortWord=3, '
    'MaxFragments=2, FragmentDelimiter=" … "'
)
# ts_headline reads the whole text it is given; a snippet from the first few thousand characters is enough.
HEADLINE_TEXT = "left(e.summary || ' ' || e.body_text || ' ' || e.extra_text, 1500)"
TSQUERY = "websearch_to_tsquery('english', %s)"


def _alternative(alternative, relaxed=False):
    return f'"{alternative.text}"' if alternative.phrase and not relaxed else alternative.text


def tsquery_sql(parsed, mode, with_exclusions=True, relaxed=False):
    """SQL for the query as a tsquery, and its parameters. Relaxed: phrases as all their words, anywhere
    (a superset of the matches that the GIN index answers without reading any row's vector)."""
    params, groups = [], []
    for group in parsed.groups:
        # Relaxing can make alternatives the same ("shared service centre" with and without quotes).
        texts = list(dict.fromkeys(_alternative(a, relaxed) for a in group.alternatives))
        groups.append("(" + " || ".join(TSQUERY for _ in texts) + ")")
        params.extend(texts)
    sql = (" && " if mode == ALL else " || ").join(groups)
    if with_exclusions and parsed.excluded:
        sql = f"({sql}) && !!(" + " || ".join(TSQUERY for _ in parsed.excluded) + ")"
        params.extend(_alternative(a) for a in parsed.excluded)
    return sql, params


def filter_sql(filters):
    """(kind ok, audience ok, topic ok) as SQL with their parameters."""
    kind = ("e.kind = ANY(%s::text[])", [filters.kinds]) if filters.kinds else ("TRUE", [])
    audience = ("e.audience = ANY(%s::text[])", [filters.audience_values()]) if filters.audiences else ("TRUE", [])
    topic = ("e.topics ?| %s::text[]", [filters.topics]) if filters.topics else ("TRUE", [])
    return kind, audience, topic


def all_filters_sql(filters):
    return all_of(filter_sql(filters))


def about(count):
    """A count rounded to two significant figures, for estimates."""
    if count < 100:
        return count
    digits = len(str(count)) - 2
    return round(count, -digits)


class PostgresBackend(SearchBackend):
    vendor = "postgresql"
    supports_suggestions = True
    _planning = False  # inside _planned_for_search(): its settings hold, no second transaction is needed

    def __init__(self, connection):
        super().__init__(connection)
        # _is_small's answer for each match this backend has sized: ranked() asks before run() asks again.
        self._sizes = {}

    @contextmanager
    def _planned_for_search(self):
        if self._planning:
            yield
            return
        with transaction.atomic(using=self.connection.alias):
            # For this transaction only. JIT compilation costs more than it saves on queries this short.
            # Finding matches through the GIN index never reads a row's long search_vector; a sequential
            # scan reads (and decompresses) it for every row, which costs far more than the planner thinks.
            self.fetch("SELECT set_config('jit', 'off', true), set_config('enable_seqscan', 'off', true)", [])
            self._planning = True
            try:
                yield
            finally:
                self._planning = False

    def ranked(self, **search):
        with self._planned_for_search():
            return super().ranked(**search)

    def ranks_every_match(self, parsed, now):
        with self._planned_for_search():
            return self._is_small(parsed, ANY, now)

    def holds_every_word(self, parsed, filters, now):
        with self._planned_for_search():
            return self._count_upto(parsed, ALL, filters, now, 1) > 0

    def run(self, *, parsed, mode, filters, now, page, per_page):
        with self._planned_for_search():
            if self._is_small(parsed, mode, now):
                return super().run(parsed=parsed, mode=mode, filters=filters, now=now, page=page, per_page=per_page)
            return self._run_large(parsed, mode, filters, now, page, per_page)

    def _is_small(self, parsed, mode, now):
        """Whether every match can be counted and ranked in time. When the planner's estimate (from the
        column statistics ANALYZE keeps) is far above the limit, believe it: counting up to the limit
        through the GIN index costs most for the commonest words. Otherwise count: a low estimate can
        be wrong (a word missing from the statistics), and counting a few matches is cheap."""
        match, params = self._match_sql(parsed, mode, now, relaxed=True)
        key = (match, *params)
        if key not in self._sizes:
            plan = self.fetch(f"EXPLAIN (FORMAT JSON) SELECT 1 FROM search_searchentry e WHERE {match}", params)[0][0]
            estimate = (json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"]["Plan Rows"]
            self._sizes[key] = estimate <= EXACT_LIMIT * 4 and (
                self._count_upto(parsed, mode, Filters(), now, EXACT_LIMIT + 1, relaxed=True) <= EXACT_LIMIT
            )
        return self._sizes[key]

    def _run_large(self, parsed, mode, filters, now, page, per_page):
        facets, rows_in_table, shares = self._sampled_facets(parsed, mode, filters, now)
        if facets.total <= EXACT_LIMIT // 2 and filters == Filters():
            # Only the relaxed query matched too many (a phrase, say): the real one can be done exactly.
            return super().run(parsed=parsed, mode=mode, filters=filters, now=now, page=page, per_page=per_page)
        filtered = None
        if filters != Filters() and facets.total <= 3 * EXACT_LIMIT:
            # The estimate says the filters may narrow it down to what can be counted and ranked exactly.
            filtered = self._count_upto(parsed, mode, filters, now, EXACT_LIMIT + 1)
        if filtered is not None and filtered <= EXACT_LIMIT:
            # The filters narrow it down to what can be ranked exactly.
            pages = pages_for(filtered, per_page)
            page = min(page, pages)
            rows = self.page(
                parsed=parsed, mode=mode, filters=filters, now=now, offset=(page - 1) * per_page, limit=per_page
            )
            return SearchPage(facets=facets, total=filtered, rows=rows, page=page, pages=pages)
        total = max(facets.total, EXACT_LIMIT + 1)
        facets.total = total
        pages = min(pages_for(total, per_page), POOL_SIZE // per_page)
        page = min(page, pages)
        offset = (page - 1) * per_page
        if parsed.is_empty:
            rows = self.page(parsed=parsed, mode=mode, filters=filters, now=now, offset=offset, limit=per_page)
        else:
            # The newest matches, and the newest titles holding the query, each found the cheaper way.
            share = facets.total / rows_in_table
            walk = walk_is_cheaper(share, shares["matched"], rows_in_table, POOL_SIZE, VECTOR_READ_COST)
            # Few sampled rows have the query in their title, fewer still pass the filters too: the filters are
            # taken to keep as many of the title matches as of all the matches.
            kept = min(share / shares["matched"], 1.0) if shares["matched"] else 1.0
            titled = shares["titled"]
            walk_titles = walk_is_cheaper(titled * kept, titled, rows_in_table, TITLE_POOL_SIZE, TITLE_READ_COST)
            rows = self._pool_page(parsed, mode, filters, now, offset, per_page, walk=walk, walk_titles=walk_titles)
        return SearchPage(facets=facets, total=total, rows=rows, page=page, pages=pages, capped=True)

    def _match_sql(self, parsed, mode, now, relaxed=False):
        """WHERE clause (tsquery written out, so the planner can estimate it) for readable matches."""
        if parsed.is_empty:
            return "e.visible_from <= %s", [self.db_now(now)]
        query, params = tsquery_sql(parsed, mode, relaxed=relaxed)
        # Cheap tests first: PostgreSQL keeps the written order, and @@ has to read the whole vector.
        return f"e.visible_from <= %s AND e.search_vector @@ ({query})", [self.db_now(now), *params]

    def _count_upto(self, parsed, mode, filters, now, limit, relaxed=False):
        match, match_params = self._match_sql(parsed, mode, now, relaxed=relaxed)
        where, filter_params = all_filters_sql(filters)
        sql = f"SELECT count(*) FROM (SELECT 1 FROM search_searchentry e WHERE {where} AND {match} LIMIT %s) AS found"
        return self.fetch(sql, [*filter_params, *match_params, limit])[0][0]

    def _query_cte(self, parsed, mode):
        """The q CTE (the query, relaxed for ranking and headlines, strict and loose for titles, the title
        key, the names the query holds, each group with its weight, and each pair of neighbouring groups as a
        tsquery for finding them close together), the CTEs it reads, and their parameters."""
        query, query_params = tsquery_sql(parsed, mode)
        relaxed, relaxed_params = tsquery_sql(parsed, mode, with_exclusions=False, relaxed=True)
        strict, strict_params = tsquery_sql(parsed, ALL, with_exclusions=False)
        loose, loose_params = tsquery_sql(parsed, ANY, with_exclusions=False)
        groups, group_params = [], []
        for group in parsed.groups:
            one, one_params = tsquery_sql(ParsedQuery(groups=[group]), ALL, with_exclusions=False, relaxed=True)
            groups.append(one)
            group_params.extend(one_params)
        alternatives = [(a.text, number) for number, g in enumerate(parsed.groups, 1) for a in g.alternatives]
        sql = (
            f"{WEIGHTS_CTES}, "
            f"q AS MATERIALIZED (SELECT {query} AS query, {relaxed} AS relaxed, {strict} AS strict, "
            f"{loose} AS loose, %s::text AS title_key, %s::text[] AS names_in_query, g.groups, {NEAR_PAIRS} AS pairs, "
            "ARRAY(SELECT coalesce(w.weight, 0) FROM generate_series(1, %s) AS i(g) "
            "LEFT JOIN group_weights w ON w.g = i.g ORDER BY i.g) AS weights, "
            "(SELECT coalesce(sum(weight), 0) FROM group_weights) AS total_weight "
            f"FROM (SELECT ARRAY[{', '.join(groups)}]::tsquery[] AS groups) AS g)"
        )
        params = [
            [text for text, _ in alternatives],
            [number for _, number in alternatives],
            [number for number, g in enumerate(parsed.groups, 1) if g.intent],
            *query_params,
            *relaxed_params,
            *strict_params,
            *loose_params,
            " ".join(parsed.words),
            names_in_query(parsed.words),
            len(parsed.groups),
            *group_params,
        ]
        return sql, params

    def _matching(self, parsed, mode, now):
        """The rows that match the query and are readable now: (CTEs, their params, FROM, WHERE, its params)."""
        now_params = [self.db_now(now)]
        if parsed.is_empty:
            return [], [], "search_searchentry e", "e.visible_from <= %s", now_params
        cte, cte_params = self._query_cte(parsed, mode)
        where = "e.visible_from <= %s AND e.search_vector @@ q.query"
        return [cte], cte_params, "search_searchentry e CROSS JOIN q", where, now_params

    def facets(self, *, parsed, mode, filters, now):
        ctes, cte_params, source, where, where_params = self._matching(parsed, mode, now)
        (kind_sql, kind_params), (aud_sql, aud_params), (topic_sql, topic_params) = filter_sql(filters)
        ctes.append(
            f"m AS MATERIALIZED (SELECT e.kind, e.audience, e.topics, {kind_sql} AS k_ok, {aud_sql} AS a_ok, "
            f"{topic_sql} AS t_ok FROM {source} WHERE {where})"
        )
        sql = "WITH " + ", ".join(ctes) + " " + self._facet_counts_sql("m", "TRUE")
        rows = self.fetch(sql, [*cte_params, *kind_params, *aud_params, *topic_params, *where_params])
        return self.facets_from_rows(rows)

    @staticmethod
    def _facet_counts_sql(source, matched):
        return (
            f"SELECT 'total', '', count(*) FROM {source} WHERE {matched} AND k_ok AND a_ok AND t_ok "
            f"UNION ALL SELECT 'kind', kind, count(*) FROM {source} WHERE {matched} AND a_ok AND t_ok GROUP BY kind "
            f"UNION ALL SELECT 'audience', audience, count(*) FROM {source} WHERE {matched} AND k_ok AND t_ok "
            "GROUP BY audience "
            f"UNION ALL SELECT 'topic', t.slug, count(*) FROM {source} "
            f"CROSS JOIN LATERAL jsonb_array_elements_text({source}.topics) AS t(slug) "
            f"WHERE {matched} AND k_ok AND a_ok GROUP BY t.slug"
        )

    def _sampled_facets(self, parsed, mode, filters, now):
        """Counts estimated from a random sample of the index's pages, scaled up to the whole index."""
        rows_in_table = self.fetch(
            "SELECT greatest(reltuples, 1)::bigint FROM pg_class WHERE oid = 'search_searchentry'::regclass", []
        )[0][0]
        percent = min(100.0, 100.0 * SAMPLE_ROWS / rows_in_table)
        (kind_sql, kind_params), (aud_sql, aud_params), (topic_sql, topic_params) = filter_sql(filters)
        if parsed.is_empty:
            ctes, cte_params, join, matched, titled = [], [], "", "e.visible_from <= %s", "FALSE"
        else:
            cte, cte_params = self._query_cte(parsed, mode)
            ctes, join = [cte], " CROSS JOIN q"
            matched, titled = "e.visible_from <= %s AND e.search_vector @@ q.query", "e.title_vector @@ q.strict"
        ctes.append(
            f"s AS MATERIALIZED (SELECT e.kind, e.audience, e.topics, ({matched}) AS matched, {titled} AS titled, "
            f"{kind_sql} AS k_ok, {aud_sql} AS a_ok, {topic_sql} AS t_ok "
            f"FROM search_searchentry e TABLESAMPLE SYSTEM (%s) REPEATABLE (7){join})"
        )
        sql = (
            "WITH "
            + ", ".join(ctes)
            + " SELECT 'sampled', '', count(*) FROM s UNION ALL SELECT 'matched', '', count(*) FROM s WHERE matched "
            + "UNION ALL SELECT 'titled', '', count(*) FROM s WHERE matched AND titled UNION ALL "
            + self._facet_counts_sql("s", "matched")
        )
        params = [*cte_params, self.db_now(now), *kind_params, *aud_params, *topic_params, percent]
        rows = self.fetch(sql, params)
        counted = {facet: count for facet, _, count in rows if facet in SAMPLE_ONLY}
        sampled = counted.get("sampled") or 1
        scale = max(rows_in_table / sampled, 1.0)
        facets = self.facets_from_rows(
            [(facet, value, about(round(count * scale))) for facet, value, count in rows if facet not in SAMPLE_ONLY]
        )
        facets.approximate = True
        shares = {name: counted.get(name, 0) / sampled for name in SAMPLE_ONLY}
        return facets, rows_in_table, shares

    def page(self, *, parsed, mode, filters, now, offset, limit):
        ctes, cte_params, source, where, where_params = self._matching(parsed, mode, now)
        filters_where, filter_params = all_filters_sql(filters)
        where = f"{where} AND {filters_where}"
        params = [*cte_params, *where_params, *filter_params, limit, offset]
        if parsed.is_empty:
            sql = (
                f"SELECT e.id, e.summary FROM {source} WHERE {where} "
                "ORDER BY e.last_updated DESC, e.title, e.id LIMIT %s OFFSET %s"
            )
            return [(pk, highlight(summary)) for pk, summary in self.fetch(sql, params)]
        # Rank every match, but make headlines only for the rows on this page.
        ranked = (
            f"ranked AS (SELECT e.id, {RANKS[mode]} AS rank, e.last_updated FROM {source} {DECOMPRESSED} WHERE {where} "
            f"ORDER BY {ORDER} LIMIT %s OFFSET %s)"
        )
        return self._with_headlines(ctes + [ranked], [*params, HEADLINE_OPTIONS])

    def _pool_page(self, parsed, mode, filters, now, offset, limit, walk, walk_titles):
        """Exact ranking over a bounded pool of candidates, for queries that match too much to rank it all."""
        cte, cte_params = self._query_cte(parsed, mode)
        match, match_params = self._match_sql(parsed, mode, now)
        strict, strict_params = tsquery_sql(parsed, ALL, with_exclusions=False)
        filters_where, filter_params = all_filters_sql(filters)
        select = f"SELECT e.id FROM search_searchentry e WHERE {filters_where} AND"
        base, base_params = f"{select} {match}", [*filter_params, *match_params]
        newest_walked = "ORDER BY e.last_updated DESC LIMIT %s"
        # An expression no index provides, so the matches come from the GIN index and are sorted.
        newest_sorted = "ORDER BY e.last_updated + interval '0 seconds' DESC LIMIT %s"
        # A title holding every group matches the whole query too (so its long vector need not be read),
        # unless the query excludes words.
        title = f"{select} e.visible_from <= %s AND e.title_vector @@ ({strict})"
        title_params = [*filter_params, self.db_now(now), *strict_params]
        if parsed.excluded:
            title, title_params = f"{base} AND e.title_vector @@ ({strict})", [*base_params, *strict_params]
        # Titles that are exactly the query and pages it names another way, however old.
        named = f"{base} AND (e.title_key = %s OR {NAME_KEYS} @> ARRAY[%s]::text[])"
        newest_titles = newest_walked if walk_titles else newest_sorted
        newest_matches = newest_walked if walk else newest_sorted
        pool = f"pool AS ({named} UNION ({title} {newest_titles}) UNION ({base} {newest_matches}))"
        pool_params = [
            *base_params, " ".join(parsed.words), " ".join(parsed.words),
            *title_params, TITLE_POOL_SIZE,
            *base_params, POOL_SIZE,
        ]  # fmt: skip
        ranked = (
            f"ranked AS (SELECT e.id, {RANKS[mode]} AS rank, e.last_updated FROM pool "
            f"JOIN search_searchentry e ON e.id = pool.id CROSS JOIN q {DECOMPRESSED} "
            f"ORDER BY {ORDER} LIMIT %s OFFSET %s)"
        )
        params = [*cte_params, *pool_params, limit, offset, HEADLINE_OPTIONS]
        return self._with_headlines([cte, pool, ranked], params)

    def _with_headlines(self, ctes, params):
        sql = (
            "WITH " + ", ".join(ctes) + " "
            f"SELECT e.id, ts_headline('english', {HEADLINE_TEXT}, q.relaxed, %s) "
            "FROM ranked JOIN search_searchentry e ON e.id = ranked.id CROSS JOIN q "
            "ORDER BY ranked.rank DESC, ranked.last_updated DESC, ranked.id"
        )
        return [(pk, highlight(snippet)) for pk, snippet in self.fetch(sql, params)]

    def suggestions(self, *, words, now):
        """For each word that is not in the index's vocabulary, the most similar word that finds a
        readable item (so a word only a withdrawn or scheduled page uses is never offered)."""
        candidates = sorted({w for w in words if 3 <= len(w) <= 40 and not w.isdigit()})
        if not candidates:
            return {}
        sql = (
            "WITH w AS MATERIALIZED (SELECT u.word FROM unnest(%s::text[]) AS u(word) "
            "  WHERE NOT EXISTS (SELECT 1 FROM search_searchword s WHERE s.word = u.word)) "
            "SELECT w.word, c.word FROM w CROSS JOIN LATERAL ("
            "  SELECT s.word FROM search_searchword s WHERE s.word %% w.word AND s.word <> w.word"
            f"  ORDER BY similarity(s.word, w.word) DESC, s.word LIMIT {SPELLING_CANDIDATES}"
            ") AS c ORDER BY w.word"
        )
        by_word = {}
        for word, candidate in self.fetch(sql, [candidates]):
            by_word.setdefault(word, []).append(candidate)
        suggestions = {}
        for word, options in by_word.items():
            # Trigram similarity finds the candidates; those within a few typing mistakes are kept, as on SQLite,
            # and the fewest mistakes decide (a stable sort keeps the most alike first among equals).
            close = [option for option in options if edit_distance(word, option) <= max_mistakes(word)]
            ranked = sorted(close, key=lambda option: edit_distance(word, option))
            if found := self.first_that_finds(word, ranked, now):
                suggestions[word] = found
        return suggestions

    def _pages_using(self, words, now):
        sql = (
            "SELECT count(*) FROM (SELECT 1 FROM search_searchentry e "
            "WHERE e.visible_from <= %s AND e.search_vector @@ phraseto_tsquery('english', %s) LIMIT %s) AS found"
        )
        return self.fetch(sql, [self.db_now(now), words, PAGES_COUNTED])[0][0]

    def entries_indexed(self, entries):
        words = vocabulary(entries)
        if words:
            with self.connection.cursor() as cursor:
                cursor.execute(
                    "INSERT INTO search_searchword (word) SELECT unnest(%s::text[]) ON CONFLICT DO NOTHING", [words]
                )

    def before_rebuild(self):
        with self.connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_searchword")

    def after_rebuild(self):
        # Fresh statistics, so that ranking knows at once which words are rare in the new index.
        with self.connection.cursor() as cursor:
            cursor.execute("ANALYZE search_searchentry")

    def index_size(self):
        sql = (
            "SELECT c.relname, pg_total_relation_size(c.oid) FROM pg_class c "
            "WHERE c.relname IN ('search_searchentry', 'search_searchword', "
            "'searchentry_vector_idx', 'searchentry_title_vector_idx', 'searchword_trgm_idx')"
        )
        return dict(self.fetch(sql, []))
