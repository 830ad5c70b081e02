"""Turning what a reader typed into a safe, engine-neutral query (no database needed)."""

import pytest

from search.query import MAX_QUERY_LENGTH, Alternative, SynonymTable, clean_query, normalise_for_matching, parse_query

SYNONYMS = SynonymTable(
    [
        ["hr", "human resources"],
        ["redundancy", "job losses", "lose my job"],
        ["buying", "procurement"],
        ["it", "information technology"],
    ]
)


def groups(parsed):
    return [[(a.text, a.phrase) for a in group.alternatives] for group in parsed.groups]


def test_stop_words_are_dropped_and_the_rest_must_all_match():
    parsed = parse_query("much of it we can save")
    assert groups(parsed) == [[("much", False)], [("save", False)]]
    assert parsed.dropped_words


def test_a_query_of_only_stop_words_is_empty():
    assert parse_query("will it be").is_empty


def test_quoted_phrase_is_kept_as_a_phrase():
    assert groups(parse_query('"service level" agreement')) == [[("service level", True)], [("agreement", False)]]


def test_an_unbalanced_quote_runs_to_the_end():
    assert groups(parse_query('"service level')) == [[("service level", True)]]


def test_or_joins_neighbours_into_one_group():
    assert groups(parse_query("pension OR pensions leave")) == [
        [("pension", False), ("pensions", False)],
        [("leave", False)],
    ]


@pytest.mark.parametrize("query", ["-", "OR", '"', "- OR -", '""', "-OR", "OR OR"])
def test_lone_operators_give_an_empty_query(query):
    parsed = parse_query(query)
    assert parsed.is_empty and not parsed.excluded


def test_minus_excludes_a_word_or_phrase():
    parsed = parse_query('savings -"local government" -offshore')
    assert groups(parsed) == [[("savings", False)]]
    assert parsed.excluded == [Alternative(("local", "government"), True), Alternative(("offshore",))]


def test_a_hyphenated_word_is_not_an_exclusion():
    assert groups(parse_query("front-line")) == [[("front", False)], [("line", False)]]


def test_synonyms_add_alternatives_to_the_readers_word():
    assert groups(parse_query("HR finance", SYNONYMS)) == [
        [("hr", False), ("human resources", True)],
        [("finance", False)],
    ]


def test_a_multi_word_synonym_is_matched_as_one_group():
    assert groups(parse_query("will I lose my job", SYNONYMS)) == [
        [("lose job", False), ("redundancy", False), ("job losses", True)]
    ]


def test_synonyms_match_plural_and_singular():
    assert groups(parse_query("job loss", SYNONYMS))[0][0:2] == [("job loss", False), ("redundancy", False)]


def test_a_synonym_made_of_stop_words_is_ignored():
    assert groups(parse_query("is it an it project", SYNONYMS)) == [[("project", False)]]


def test_a_quoted_phrase_that_is_a_synonym_gets_its_alternatives():
    assert groups(parse_query('"human resources"', SYNONYMS)) == [[("human resources", True), ("hr", False)]]


def test_the_readers_own_words_are_kept_for_spelling_suggestions():
    assert parse_query("HR finance procurment", SYNONYMS).words == ["hr", "finance", "procurment"]


def test_nul_bytes_and_control_characters_are_removed():
    assert clean_query("pen\x00sion\x07 \u202eplan\u200b")[0] == "pension plan"


def test_unpaired_surrogates_and_private_use_characters_are_removed():
    assert clean_query("pension\ud800\ue000")[0] == "pension"


def test_a_very_long_query_is_cut_to_the_limit():
    text, truncated = clean_query("pension " * 2000)
    assert truncated and len(text) <= MAX_QUERY_LENGTH


def test_the_number_of_groups_is_capped():
    parsed = parse_query(" ".join(f"word{n}" for n in range(40)))
    assert len(parsed.groups) == 10 and parsed.truncated


@pytest.mark.parametrize(
    "query",
    [
        "'; DROP TABLE search_searchentry; --",
        "{{ request }} {% debug %}",
        "<script>alert(1)</script>",
        "a:* & !b | (c <-> d)",
        'title : ("x" OR NEAR(y z))',
        "😀 🎉",
        "שירותים משותפים",
        "الخدمات المشتركة",
    ],
)
def test_any_input_parses_into_plain_words(query):
    parsed = parse_query(query, SYNONYMS)
    for group in parsed.groups:
        for alternative in group.alternatives:
            assert all(word.isalnum() for word in alternative.words)


def test_emoji_alone_is_an_empty_query():
    assert parse_query("😀🎉").is_empty


def test_best_bet_matching_ignores_case_and_punctuation():
    assert normalise_for_matching("  Will I lose my JOB?? ") == "will i lose my job"
