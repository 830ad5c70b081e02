"""scripts/content_check.py: each rule with a passing and a failing example, and the demo content meeting every bar."""

import pytest
import yaml

from scripts import content_check

TODAY = "/guidance/shared-services-today/"


def item(body="", **meta):
    """A content file's text: front matter (a title and a short summary unless given) and a Markdown body."""
    meta = {"title": "A page", "summary": "A short summary.", **meta}
    return f"---\n{yaml.safe_dump(meta, sort_keys=False)}---\n{body}\n"


def problems(text, name="page.md", rule=None):
    found = content_check.check_page(name, text).problems
    return [p for p in found if rule is None or p.rule == rule]


def words(n):
    """A sentence of n words."""
    return " ".join(["Word"] + ["word"] * (n - 2) + ["end."])


# Sentence length


def test_a_sentence_of_35_words_is_allowed_and_one_of_36_breaks_the_bar():
    assert problems(item(words(35)), rule="sentence-length") == []
    assert len(problems(item(words(36)), rule="sentence-length")) == 1


def test_sentences_over_25_words_are_reported_but_do_not_break_the_bar_alone():
    report = content_check.check_page("page.md", item(f"{words(30)} {words(10)}"))
    assert [content_check.word_count(s) for s in report.long_sentences] == [30]
    assert report.problems == []


def test_list_items_and_headings_are_measured_on_their_own():
    body = f"## {' '.join(['Heading'] * 40)}\n\n- {words(20)}\n- {words(20)}\n"
    report = content_check.check_page("page.md", item(body))
    assert report.problems == []
    assert [content_check.word_count(s) for s in report.sentences][-2:] == [20, 20]


def test_citations_are_left_out_of_a_sentence_length():
    source = {"title": "T", "publisher": "P", "date": "2022", "url": "https://example.org/report"}
    body = f"{words(34)[:-1]} ([National Audit Office, 22 November 2022](#source-1))."
    assert problems(item(body, sources=[source])) == []


def write_tree(root, texts):
    for number, text in enumerate(texts):
        path = root / "faq" / "questions" / f"page-{number}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def test_five_percent_of_sentences_over_25_words_breaks_the_bar(tmp_path):
    write_tree(tmp_path, [item(" ".join([words(10)] * 18 + [words(26)]))])
    result = content_check.check_tree(tmp_path, base=tmp_path)
    assert result.long_share == pytest.approx(1 / 20)  # the summary, 18 short sentences and the long one
    assert [p.rule for p in result.failures] == ["sentence-length"]


def test_under_five_percent_of_sentences_over_25_words_passes(tmp_path):
    write_tree(tmp_path, [item(" ".join([words(10)] * 19 + [words(26)]))])
    result = content_check.check_tree(tmp_path, base=tmp_path)
    assert result.long_share < 0.05
    assert result.passed


# Acronyms


def test_acronym_spelled_out_on_first_use_passes():
    body = "The Department for Work and Pensions (DWP) ran a centre. DWP still leads Synergy."
    assert problems(item(body), rule="acronym") == []


def test_acronym_followed_by_its_full_name_passes():
    assert problems(item("The NAO (National Audit Office) reported. The NAO then waited."), rule="acronym") == []


@pytest.mark.parametrize("acronym", ["DWP", "HR", "IT", "CIO", "CTO"])
def test_acronym_not_spelled_out_on_first_use_breaks_the_bar(acronym):
    found = problems(item(f"The {acronym} work changed. Later the full name appeared."), rule="acronym")
    assert [p.message.split()[0] for p in found] == [acronym]


def test_acronym_in_the_title_must_be_spelled_out_there():
    found = problems(item("Human resources (HR) explained.", title="How HR works"), rule="acronym")
    assert len(found) == 1


def test_acronyms_on_the_allow_list_need_no_full_name():
    assert problems(item("The UK pays VAT. An MP asked."), rule="acronym") == []


def test_a_plural_acronym_counts_as_the_same_acronym():
    body = "Arm's-length bodies (ALBs) joined. Each ALB kept its board."
    assert problems(item(body), rule="acronym") == []


def test_acronym_in_a_spreadsheet_cell_is_checked():
    sheet = yaml.safe_dump({"sheets": [{"name": "Plan", "rows": [["Total", "=SUM(B1:B4)"], ["Ask the SSC"]]}]})
    found = problems(sheet, name="plan.sheets.yaml", rule="acronym")
    assert [p.message.split()[0] for p in found] == ["SSC"]


# Dated names and figures


def test_dated_body_with_a_year_in_the_same_sentence_passes():
    assert problems(item("In 2010 the National Offender Management Service ran a centre."), rule="dated-name") == []


def test_dated_body_with_a_year_in_the_sentence_before_passes():
    assert problems(item("This was the position in 2010. NOMS ran a centre."), rule="dated-name") == []


def test_dated_body_without_a_year_nearby_breaks_the_bar():
    found = problems(item("This was the position in 2010. It changed later. NOMS ran a centre."), rule="dated-name")
    assert len(found) == 1 and "National Offender Management Service" in found[0].message


@pytest.mark.parametrize(
    "sentence",
    [
        "The IDeA has information.",
        "We are part of the Transformational Government Unit.",
        "We run the Pan Government Shared Services Group.",
        "BEIS led Matrix.",
        "SSCL runs the centre.",
        "DWP has saved £50m so far.",
        "Savings of 20% to 40% are expected.",
    ],
)
def test_every_configured_name_or_figure_needs_a_year(sentence):
    assert len(problems(item(sentence), rule="dated-name")) == 1
    assert problems(item(f"In 2010: {sentence}"), rule="dated-name") == []


# Outside links and sources

SOURCE = {"title": "Government shared services", "publisher": "National Audit Office", "date": "2022-11-30",
          "url": "https://www.nao.org.uk/reports/government-shared-services/"}  # fmt: skip


def test_outside_link_listed_in_sources_passes():
    body = "Read [the report](https://www.nao.org.uk/reports/government-shared-services) ([NAO, 2022](#source-1))."
    assert problems(item(body, sources=[SOURCE])) == []


def test_outside_link_not_in_sources_breaks_the_bar():
    found = problems(item("Read [this blog](https://example.org/blog)."), rule="outside-link")
    assert len(found) == 1 and "https://example.org/blog" in found[0].message


def test_outside_link_in_a_text_template_source_breaks_the_bar():
    found = problems("# Plan\n\nSee [a site](https://example.org).\n", name="plan.document.md", rule="outside-link")
    assert len(found) == 1


def test_links_inside_the_portal_need_no_source():
    assert problems(item("Read [the guidance](/guidance/).")) == []


def test_citing_a_source_that_is_not_listed_breaks_the_bar():
    found = problems(item("A fact ([NAO, 2022](#source-2)). Another ([NAO, 2022](#source-1))."), rule="sources")
    assert any("#source-2" in p.message for p in found)


def test_a_listed_source_that_is_never_cited_breaks_the_bar():
    found = problems(item("A fact without its citation.", sources=[SOURCE]), rule="sources")
    assert [p.message for p in found] == ["source 1 is never cited in the body (#source-1)"]


def test_a_source_needs_a_title_publisher_date_and_url_in_the_right_form():
    bad = {"title": "T", "date": "30 November 2022", "url": "www.nao.org.uk"}
    found = problems(item("A fact ([NAO, 2022](#source-1)).", sources=[bad]), rule="sources")
    assert len(found) == 3


# Spelling of the toolkit's path


@pytest.mark.parametrize("spelling", ["vision to operation", "Vision to operation"])
def test_the_chosen_spelling_passes(spelling):
    assert problems(item(f"{spelling} works."), rule="spelling") == []


@pytest.mark.parametrize("spelling", ["Vision-to-Operation", "Vision to Operation", "vision-to-operation"])
def test_any_other_spelling_breaks_the_bar(spelling):
    assert len(problems(item(f"Use the {spelling} toolkit."), rule="spelling")) == 1


def test_the_readmes_are_checked_for_the_spelling_too(tmp_path):
    write_tree(tmp_path, [item("Fine.")])
    (tmp_path / "README.md").write_text("The Vision-to-Operation toolkit.\n")
    result = content_check.check_tree(tmp_path, base=tmp_path)
    assert [p.rule for p in result.failures] == ["spelling"]


# Summaries, history mode and malformed files


def test_summary_must_be_short_plain_text():
    assert problems(item(summary="x" * 159), rule="summary") == []
    assert len(problems(item(summary="x" * 160), rule="summary")) == 1
    assert len(problems(item(summary="See [the guide](/guidance/)."), rule="summary")) == 1


def test_history_page_must_give_its_period_and_link_to_where_things_stand_now():
    history = {"period": "2005 to 2010"}
    assert problems(item(f"Read [today]({TODAY}).", history=history), rule="history") == []
    assert len(problems(item("No link.", history=history), rule="history")) == 1
    assert len(problems(item(f"Read [today]({TODAY}).", history={"period": ""}), rule="history")) == 1


def test_search_keywords_are_short_phrases_that_add_to_the_title_and_summary():
    assert problems(item(search_keywords=["made redundant", "job cuts"]), rule="keywords") == []
    assert len(problems(item(search_keywords=["one two three four five six seven"]), rule="keywords")) == 1
    assert len(problems(item(search_keywords=["job cuts", "Job cuts"]), rule="keywords")) == 1
    assert len(problems(item(search_keywords=["a page"]), rule="keywords")) == 1
    assert len(problems(item(search_keywords="made redundant"), rule="keywords")) == 1


def test_a_search_keyword_on_two_pages_breaks_the_bar(tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "one.md").write_text(item("Words here.", search_keywords=["job cuts"]))
    (tmp_path / "content" / "two.md").write_text(item("Words here.", search_keywords=["Job cuts", "payroll"]))
    result = content_check.check_tree(tmp_path / "content")
    assert [p.rule for p in result.problems] == ["keywords"]
    assert "one.md" in result.problems[0].message and "two.md" in result.problems[0].message


def test_unclosed_front_matter_is_reported_instead_of_read_as_prose():
    found = problems("---\ntitle: A page\nsummary: Short.\n\nBody text.\n")
    assert [p.rule for p in found] == ["file"]


# Reading ease


def test_syllables_are_counted_by_vowel_groups():
    assert [content_check.syllables(w) for w in ["the", "shared", "service", "information", "DWP", "2010"]] == [
        1, 1, 2, 4, 3, 1,
    ]  # fmt: skip


def test_plain_sentences_read_more_easily_than_long_words():
    plain = content_check.reading_ease(["We pay staff on time.", "You can ask us for help."])
    dense = content_check.reading_ease(["Organisational transformation necessitates comprehensive standardisation."])
    assert plain > 80 > dense


# The demo content and the command


def test_demo_content_meets_every_bar():
    result = content_check.check_tree(content_check.ROOT / "content")
    assert [str(p) for p in result.failures] == []
    assert result.long_share < content_check.LONG_SHARE_LIMIT


def test_command_exits_non_zero_when_a_bar_is_broken_and_zero_when_none_is(tmp_path, capsys):
    write_tree(tmp_path, [item("The IDeA has information.")])
    assert content_check.main(["--root", str(tmp_path)]) == 1
    assert "dated-name" in capsys.readouterr().out
    (tmp_path / "faq" / "questions" / "page-0.md").write_text(item("In 2010 an agency had information."))
    assert content_check.main(["--root", str(tmp_path), "--quiet"]) == 0
