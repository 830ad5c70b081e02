#!/usr/bin/env python3
"""Check the demo content against the measurable rules of the writing guide.

For every content file (Markdown bodies, front-matter prose and the template sources) it
reports sentence lengths, a Flesch reading-ease score and any problem it finds, then checks
the bars for the demo content as a whole. It exits with status 1 if any bar is broken.

    python scripts/content_check.py [--root content] [--quiet]

The bars, and what each rule means, are listed in the README's "Demo content" section.
Needs only the standard library, PyYAML and Markdown (both already project requirements).
"""

import argparse
import re
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import markdown
import yaml

ROOT = Path(__file__).resolve().parents[1]

# Sentence length, in words.
LONG_SENTENCE = 25  # reported; no more than LONG_SHARE_LIMIT of all sentences may be longer
MAX_SENTENCE = 35  # no sentence may be longer
LONG_SHARE_LIMIT = 0.05
# A unit of fewer words is a label (a table header, a cell, "Finance"), not a sentence: it is still
# checked for acronyms and dated names, but left out of sentence counts and reading ease.
MIN_SENTENCE_WORDS = 3
SUMMARY_LIMIT = 160
MAX_KEYWORD_WORDS = 6

# Acronyms readers never need spelled out. Everything else of 2 or more capitals is expanded on
# first use on each page: "Department for Work and Pensions (DWP)" or "DWP (Department for ...)".
ALLOWED_ACRONYMS = {
    "UK",
    "MP",
    "GOV",  # GOV.UK
    "HM",  # His Majesty's, as in HM Treasury: part of the name, never shortened on its own
    "VAT",
    "IBM",  # company names, not abbreviations readers would look up
    "SAP",
}

# Bodies that have since changed or ended, and figures that were true only at a date. A sentence
# naming one must give a four-digit year, or follow a sentence that does.
DATED_NAMES = {
    "National Offender Management Service": r"National Offender Management Service|\bNOMS\b",
    "Improvement and Development Agency": r"Improvement and Development Agency|\bIDeA\b",
    "Transformational Government": r"Transformational Government",
    "Pan Government Shared Services Group": r"Pan Government Shared Services Group",
    "CIO and CTO Councils": r"\b(?:CIO|CTO|Chief (?:Information|Technology) Officer)\b[^.]*?\bCouncils?\b",
    "Department for Business, Energy and Industrial Strategy": (
        r"Department for Business, Energy and Industrial Strategy|\bBEIS\b"
    ),
    "Department for Levelling Up, Housing and Communities": (
        r"Department for Levelling Up, Housing and Communities|\bDLUHC\b"
    ),
    "Department for International Trade": r"Department for International Trade|\bDIT\b",
    "Department for Communities and Local Government": r"Department for Communities and Local Government|\bDCLG\b",
    "Shared Services Connected Ltd": r"Shared Services Connected|\bSSCL\b",
    "Next Generation Shared Services": r"Next Generation Shared Services|\bISSC[12]\b",
    "Foreign and Commonwealth Office": r"Foreign and Commonwealth Office|\bFCO\b",
    "the £50m saving at DWP": r"£50m|£50 million",
    "the 20% to 40% savings range": r"\b20\s*%?(?:,\s*30\s*%?)?\s*(?:to|–|-|and)\s*40\s*%",
}
YEAR = re.compile(r"\b(?:19|20)\d{2}\b")

# One spelling of the toolkit's path, everywhere: "vision to operation" ("Vision to operation" at the
# start of a sentence or heading). Checked in content files, the project README and content/README.md.
PATH_SPELLING = re.compile(r"vision[\s-]+to[\s-]+operation", re.IGNORECASE)
CHOSEN_SPELLINGS = {"vision to operation", "Vision to operation"}

# Pages that say where things stand now; a page in history mode must link to at least one.
NOW_PAGES = {
    "/guidance/shared-services-today/",
    "/guidance/shared-services-strategy/",
    "/guidance/the-five-clusters/",
    "/guidance/what-happened-to-the-early-centres/",
    "/guidance/what-auditors-found/",
    "/guidance/joining-your-cluster/",
}

# Front-matter prose, in the order a page shows it around the body.
PROSE_BEFORE_BODY = ["title", "summary", "organisation", "purpose", "activities", "outputs"]
PROSE_AFTER_BODY = ["decision", "checklist"]
SOURCE_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
CITATION = re.compile(r"^#source-(\d+)$")
# Abbreviations that never end a sentence; any other full stop followed by a capital does.
ABBREVIATIONS = re.compile(r"\b(e\.g|i\.e|vs|cf|Mr|Mrs|Ms|Dr)\.", re.IGNORECASE)
SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[^\sa-z])")
EMPTY_BRACKETS = re.compile(r"\(\s*[,;\s]*\)")
WORD = re.compile(r"[^\W_](?:[\w'’%£.,/-]*[^\W_%])?%?|£[\d.,]+\w*")
TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9]*")
BLOCK_TAGS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "blockquote", "dt", "dd"}
HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


@dataclass
class Unit:
    """One block of text as a reader meets it: a heading, paragraph, list item, cell or field."""

    text: str
    heading: bool = False


@dataclass
class Page:
    path: str
    units: list = field(default_factory=list)
    links: list = field(default_factory=list)
    meta: dict = field(default_factory=dict)
    has_front_matter: bool = False


@dataclass
class Problem:
    rule: str
    message: str

    def __str__(self):
        return f"{self.rule}: {self.message}"


@dataclass
class Report:
    path: str
    sentences: list
    problems: list
    keywords: list = field(default_factory=list)  # the page's words readers search with

    @property
    def long_sentences(self):
        return [s for s in self.sentences if word_count(s) > LONG_SENTENCE]


# --- Reading the files -------------------------------------------------------------------------


class BlockText(HTMLParser):
    """Splits rendered Markdown into blocks of text, and collects every link's address.

    Citations (links to #source-N) are kept as links but left out of the text: they are not
    part of a sentence's length, and a year in a citation does not date the sentence."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.units, self.links = [], []
        self._buffer, self._heading, self._in_citation = [], False, False

    def _flush(self):
        text = EMPTY_BRACKETS.sub("", " ".join("".join(self._buffer).split()))
        text = re.sub(r"\s+([.,;:!?])", r"\1", text).strip()
        if text:
            self.units.append(Unit(text, heading=self._heading))
        self._buffer = []

    def handle_starttag(self, tag, attrs):
        if tag in BLOCK_TAGS or tag in {"ul", "ol", "table", "tr"}:
            self._flush()
            self._heading = tag in HEADING_TAGS
        if tag == "a":
            href = dict(attrs).get("href") or ""
            self.links.append(href)
            self._in_citation = bool(CITATION.match(href))
        if tag == "br":
            self._buffer.append(" ")

    def handle_endtag(self, tag):
        if tag == "a":
            self._in_citation = False
        if tag in BLOCK_TAGS:
            self._flush()
            self._heading = False

    def handle_data(self, data):
        if not self._in_citation:
            self._buffer.append(data)

    def close(self):
        super().close()
        self._flush()


def markdown_blocks(text):
    parser = BlockText()
    parser.feed(markdown.markdown(text or "", extensions=["tables", "sane_lists"]))
    parser.close()
    return parser.units, parser.links


class FrontMatterError(Exception):
    pass


def split_front_matter(text):
    """(meta, body) of a file with front matter, or (None, text) for a file without any."""
    if not text.startswith("---"):
        return None, text
    header, closed, body = text[3:].partition("\n---")
    if not closed:
        raise FrontMatterError("the front matter is not closed by a '---' line")
    try:
        meta = yaml.safe_load(header) or {}
    except yaml.YAMLError as error:
        raise FrontMatterError(f"the front matter is not valid YAML ({error})") from None
    if not isinstance(meta, dict):
        raise FrontMatterError("the front matter must be a set of 'key: value' lines")
    return meta, body.split("\n", 1)[1] if "\n" in body else ""


def prose_units(meta, keys):
    units = []
    for key in keys:
        value = meta.get(key)
        values = value if isinstance(value, list) else [value]
        units += [Unit(str(v).strip(), heading=key == "title") for v in values if isinstance(v, str) and v.strip()]
    return units


def read_page(path, text, label=None):
    """A content file as a page a reader sees, whatever kind of file it is."""
    label = label or str(path)
    name = Path(path).name
    if name.endswith(".sheets.yaml"):
        data = yaml.safe_load(text) or {}
        units = []
        for sheet in data.get("sheets") or []:
            units.append(Unit(str(sheet.get("name", "")), heading=True))
            for row in sheet.get("rows") or []:
                # Text cells only: numbers and formulas ("=SUM(B4:B7)") are not prose.
                units += [Unit(c.strip()) for c in row or [] if isinstance(c, str) and c.strip() and c[0] != "="]
        return Page(label, units=units)
    meta, body = split_front_matter(text)
    if meta is None:  # a text template's source: Markdown without front matter
        units, links = markdown_blocks(text)
        return Page(label, units=units, links=links)
    units, links = markdown_blocks(body)
    units = prose_units(meta, PROSE_BEFORE_BODY) + units + prose_units(meta, PROSE_AFTER_BODY)
    return Page(label, units=units, links=links, meta=meta, has_front_matter=True)


# --- Measuring ----------------------------------------------------------------------------------


def split_sentences(text):
    protected = ABBREVIATIONS.sub(lambda m: m.group(1) + "\0", text)
    return [s.replace("\0", ".").strip() for s in SENTENCE_END.split(protected) if s.strip()]


def words(sentence):
    return WORD.findall(sentence)


def word_count(sentence):
    return len(words(sentence))


def syllables(word):
    """Syllables in one word, by the usual vowel-group rule; good enough for a reading-ease score."""
    letters = re.sub(r"[^A-Za-z]", "", word)
    if not letters:
        return 1  # a number or symbol: read as at least one syllable
    if letters.isupper() and len(letters) > 1:
        return len(letters)  # an acronym is spelled out letter by letter
    word = letters.lower()
    count = len(re.findall(r"[aeiouy]+", word))
    if word.endswith("e") and not word.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1
    if re.search(r"[^aeiouy](es|ed)$", word) and not re.search(r"(t|d|s|x|z|ch|sh|c|g)(es|ed)$", word):
        count -= 1
    return max(count, 1)


def reading_ease(sentences):
    """Flesch reading ease: higher is easier; 60 to 70 is plain English."""
    counted = [words(s) for s in sentences]
    total_words = sum(len(w) for w in counted)
    if not total_words:
        return None
    total_syllables = sum(syllables(w) for ws in counted for w in ws)
    return 206.835 - 1.015 * (total_words / len(counted)) - 84.6 * (total_syllables / total_words)


def page_sentences(page):
    """Every sentence on the page in reading order, with whether it counts as prose."""
    found = []
    for unit in page.units:
        for sentence in split_sentences(unit.text):
            found.append((sentence, not unit.heading and word_count(sentence) >= MIN_SENTENCE_WORDS))
    return found


# --- Rules --------------------------------------------------------------------------------------


def excerpt(text, length=70):
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def is_acronym(token):
    letters = [c for c in token if c.isalpha()]
    capitals = sum(c.isupper() for c in letters)
    return capitals >= 2 and capitals * 2 >= len(letters)


def acronym_name(token):
    # "ALBs" is the plural of ALB.
    return token[:-1] if token.endswith("s") and is_acronym(token[:-1]) and token[-2].isupper() else token


def expanded_here(text, start, end):
    """True where the acronym at text[start:end] is given with its full name beside it."""
    before, after = text[:start], text[end:]
    if before.endswith("(") and before[:-1].strip():
        return True  # Full Name (ACR)
    inside = re.match(r"\s*\(([^()]*)\)", after)
    return bool(inside and len(inside.group(1).split()) >= 2)  # ACR (full name)


def unexpanded_acronyms(page):
    seen, problems = set(), []
    for unit in page.units:
        for match in TOKEN.finditer(unit.text):
            token = match.group()
            if not is_acronym(token):
                continue
            name = acronym_name(token)
            if name in seen or name in ALLOWED_ACRONYMS:
                continue
            seen.add(name)
            if not expanded_here(unit.text, match.start(), match.end()):
                problems.append(
                    Problem("acronym", f"{name} is not spelled out on first use: \u201c{excerpt(unit.text)}\u201d")
                )
    return problems


def undated_names(sentences):
    problems = []
    previous = ""
    for sentence, _ in sentences:
        if not YEAR.search(sentence) and not YEAR.search(previous):
            for name, pattern in DATED_NAMES.items():
                if re.search(pattern, sentence):
                    problems.append(
                        Problem("dated-name", f"{name} without a year nearby: \u201c{excerpt(sentence)}\u201d")
                    )
        previous = sentence
    return problems


def long_sentences(sentences):
    return [
        Problem("sentence-length", f"{word_count(s)} words (limit {MAX_SENTENCE}): \u201c{excerpt(s)}\u201d")
        for s, prose in sentences
        if prose and word_count(s) > MAX_SENTENCE
    ]


def normalised_url(url):
    return url.strip().rstrip("/")


def source_problems(page):
    """Outside links must be cited sources; citations must point at a listed source, and every
    listed source must be cited."""
    problems = []
    sources = page.meta.get("sources") or []
    if not isinstance(sources, list):
        return [Problem("sources", "'sources' must be a list")]
    listed = set()
    for number, source in enumerate(sources, 1):
        if not isinstance(source, dict):
            problems.append(Problem("sources", f"source {number} must have title, publisher, date and url"))
            continue
        missing = [key for key in ("title", "publisher", "date", "url") if not str(source.get(key) or "").strip()]
        if missing:
            problems.append(Problem("sources", f"source {number} has no {', '.join(missing)}"))
        if source.get("date") and not SOURCE_DATE.match(str(source["date"])):
            problems.append(Problem("sources", f"source {number}'s date must be YYYY-MM-DD, YYYY-MM or YYYY"))
        if source.get("url") and not str(source["url"]).startswith(("https://", "http://")):
            problems.append(Problem("sources", f"source {number}'s url must start with https:// or http://"))
        listed.add(normalised_url(str(source.get("url") or "")))
    cited = set()
    for link in page.links:
        citation = CITATION.match(link)
        if citation:
            number = int(citation.group(1))
            cited.add(number)
            if not 1 <= number <= len(sources):
                problems.append(Problem("sources", f"{link} cites a source that is not in 'sources'"))
        elif re.match(r"(https?:)?//", link) and normalised_url(link) not in listed:
            problems.append(Problem("outside-link", f"{link} is not one of the page's sources"))
    for number in range(1, len(sources) + 1):
        if number not in cited:
            problems.append(Problem("sources", f"source {number} is never cited in the body (#source-{number})"))
    return problems


def summary_problems(page):
    summary = page.meta.get("summary")
    if summary is None:
        return []
    summary = str(summary).strip()
    problems = []
    if len(summary) >= SUMMARY_LIMIT:
        problems.append(Problem("summary", f"{len(summary)} characters (keep it under {SUMMARY_LIMIT})"))
    if re.search(r"[<>*_`#]|\]\(", summary):
        problems.append(Problem("summary", "must be plain text, without Markdown or HTML"))
    return problems


def keyword_phrases(page):
    raw = page.meta.get("search_keywords") or []
    return [str(phrase).strip() for phrase in raw] if isinstance(raw, list) else [str(raw)]


def keyword_problems(page):
    """Words readers search with: short phrases, each saying something the title and summary do not."""
    if not isinstance(page.meta.get("search_keywords") or [], list):
        return [Problem("keywords", "'search_keywords' must be a list of phrases")]
    problems = []
    known = {" ".join(words(str(page.meta.get(key) or ""))).lower() for key in ("title", "summary")}
    seen = set()
    for phrase in keyword_phrases(page):
        key = phrase.lower()
        if not phrase or len(phrase.split()) > MAX_KEYWORD_WORDS:
            problems.append(Problem("keywords", f"\u201c{phrase}\u201d: give 1 to {MAX_KEYWORD_WORDS} words"))
        elif key in seen:
            problems.append(Problem("keywords", f"\u201c{phrase}\u201d is given twice"))
        elif " ".join(words(phrase)).lower() in known:
            problems.append(Problem("keywords", f"\u201c{phrase}\u201d only repeats the title or summary"))
        seen.add(key)
    return problems


def history_problems(page):
    history = page.meta.get("history")
    if history is None:
        return []
    if not isinstance(history, dict) or not str(history.get("period") or "").strip():
        return [Problem("history", "'history' must give the 'period' the page describes")]
    if not any(link.split("#")[0] in NOW_PAGES for link in page.links):
        return [Problem("history", "a page in history mode must link to where things stand now")]
    return []


def spelling_problems(text):
    return [
        Problem("spelling", f"\u201c{match.group()}\u201d: write \u201cvision to operation\u201d")
        for match in PATH_SPELLING.finditer(text)
        if " ".join(match.group().split()) not in CHOSEN_SPELLINGS  # a line break is just a space
    ]


def check_page(path, text, label=None):
    """Every rule that applies to one file, and the sentences it contributes to the totals."""
    try:
        page = read_page(path, text, label)
    except (FrontMatterError, yaml.YAMLError) as error:
        return Report(label or str(path), [], [Problem("file", str(error))])
    sentences = page_sentences(page)
    problems = long_sentences(sentences) + unexpanded_acronyms(page) + undated_names(sentences)
    problems += spelling_problems(text)
    if page.has_front_matter:
        problems += source_problems(page) + summary_problems(page) + keyword_problems(page) + history_problems(page)
    else:
        problems += [
            Problem("outside-link", f"{link} in a file that cannot list sources")
            for link in page.links
            if re.match(r"(https?:)?//", link)
        ]
    keywords = keyword_phrases(page) if page.has_front_matter else []
    return Report(page.path, [s for s, prose in sentences if prose], problems, keywords)


# --- The whole demo content --------------------------------------------------------------------


def content_files(root):
    return sorted(
        path for pattern in ("**/*.md", "**/*.sheets.yaml") for path in root.glob(pattern) if path.name != "README.md"
    )


@dataclass
class Result:
    reports: list
    problems: list  # problems with the content as a whole

    @property
    def sentences(self):
        return [s for report in self.reports for s in report.sentences]

    @property
    def long_share(self):
        sentences = self.sentences
        return sum(word_count(s) > LONG_SENTENCE for s in sentences) / len(sentences) if sentences else 0.0

    @property
    def failures(self):
        return self.problems + [problem for report in self.reports for problem in report.problems]

    @property
    def passed(self):
        return not self.failures


def shared_keyword_problems(reports):
    """A phrase readers search with belongs to the one page that answers it best, not to several."""
    pages = {}
    for report in reports:
        for phrase in report.keywords:
            pages.setdefault(phrase.lower(), []).append(report.path)
    return [
        Problem("keywords", f"\u201c{phrase}\u201d is a search keyword of {', '.join(paths)}: keep it on one")
        for phrase, paths in sorted(pages.items())
        if len(paths) > 1
    ]


def check_tree(root, base=None):
    """Check every content file under root, and the READMEs (base is the project folder: root's parent)."""
    root = Path(root).resolve()
    base = Path(base).resolve() if base else root.parent
    reports = []
    for path in content_files(root):
        label = str(path.relative_to(base)) if path.is_relative_to(base) else str(path)
        reports.append(check_page(path, path.read_text(encoding="utf-8"), label))
    problems = []
    for readme in sorted({base / "README.md", root / "README.md"}):
        if readme.exists():
            name = readme.relative_to(base)
            problems += [Problem(p.rule, f"{name}: {p.message}") for p in spelling_problems(readme.read_text())]
    problems += shared_keyword_problems(reports)
    result = Result(reports, problems)
    if result.long_share >= LONG_SHARE_LIMIT:
        result.problems.append(
            Problem(
                "sentence-length",
                f"{result.long_share:.1%} of sentences are over {LONG_SENTENCE} words "
                f"(keep it under {LONG_SHARE_LIMIT:.0%})",
            )
        )
    return result


def describe(report):
    sentences = report.sentences
    ease = reading_ease(sentences)
    longest = max((word_count(s) for s in sentences), default=0)
    return (
        f"{report.path}: {len(sentences)} sentences, {len(report.long_sentences)} over {LONG_SENTENCE} words "
        f"(longest {longest}), reading ease {'n/a' if ease is None else round(ease)}"
    )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", default=str(ROOT / "content"), help="the content folder (default: content/)")
    parser.add_argument("--quiet", action="store_true", help="list only files with problems")
    args = parser.parse_args(argv)
    result = check_tree(args.root)
    for report in result.reports:
        if args.quiet and not report.problems:
            continue
        print(describe(report))
        for sentence in report.long_sentences:
            if word_count(sentence) <= MAX_SENTENCE:
                print(f"  note: {word_count(sentence)} words: \u201c{excerpt(sentence)}\u201d")
        for problem in report.problems:
            print(f"  {problem}")
    for problem in result.problems:
        print(problem)
    sentences = result.sentences
    ease = reading_ease(sentences)
    print(
        f"\n{len(result.reports)} files, {len(sentences)} sentences, {result.long_share:.1%} over {LONG_SENTENCE} "
        f"words, longest {max((word_count(s) for s in sentences), default=0)}, reading ease "
        f"{'n/a' if ease is None else round(ease)}."
    )
    failures = result.failures
    if failures:
        print(f"content-check: {len(failures)} problem(s) break the bars.")
        return 1
    print("content-check: the demo content meets every bar.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
