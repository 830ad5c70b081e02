"""What the reader typed, made safe and turned into a small, engine-neutral query.

A query is a list of groups that must all match (or, in "any" mode, at least one);
each group is a set of alternatives (the reader's words, their synonyms, words
joined by OR); excluded alternatives (-word) must not match. Each backend turns
this into its own syntax, so no reader input is ever spliced into SQL or into an
FTS expression unquoted.
"""

import re
import unicodedata
from dataclasses import dataclass, field

MAX_QUERY_LENGTH = 200
MAX_GROUPS = 10
MAX_ALTERNATIVES = 8
MAX_EXCLUDED = 5

# PostgreSQL's 'english' stop words (tsearch_data/english.stop), so both engines drop the same words.
STOP_WORDS_TEXT = """i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her
    hers herself it its itself they them their theirs themselves what which who whom this that these those am
    is are was were be been being have has had having do does did doing a an the and but if or because as until
    while of at by for with about against between into through during before after above below to from up down
    in out on off over under again further then once here there when where why how all any both each few more
    most other some such no nor not only own same so than too very s t can will just don should now"""
STOP_WORDS = frozenset(STOP_WORDS_TEXT.split())

# How a question starts, not what it asks about: removed from the start of a query before matching
# (most of these words are stop words anyway; "define", "explain", "tell me about" are not).
QUESTION_SCAFFOLDING_TEXT = """what is, what are, what s, whats, what does, what do, what should, what happens,
    how do i, how do we, how do i know, how do we know, how does, how can i, how can we, how should we, how should i,
    how will, can we, can i, can you, will we, will i, will our, will my, do we, do i, does, should we,
    should i, is there, are there, is it, are we, who is, who are, where can i find, where do i find, where is,
    tell me about, tell me, explain, define, definition of, meaning of, what is meant by, i want to know, i want to,
    i need to, we need to, please"""
QUESTION_SCAFFOLDING = sorted(
    (tuple(phrase.split()) for phrase in " ".join(QUESTION_SCAFFOLDING_TEXT.split()).split(", ")),
    key=len,
    reverse=True,
)
WORD = re.compile(r"[^\W_]+")
# A quoted phrase (closing quote optional: an unbalanced quote runs to the end), or a bare token.
TOKEN = re.compile(r'(?P<neg>-?)"(?P<phrase>[^"]*)"?|(?P<bare>[^\s"]+)')
QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "＂": '"'})


def clean_query(raw):
    """Return (text, was_truncated): control, format, private-use and unpaired surrogate
    characters removed, spaces collapsed, at most MAX_QUERY_LENGTH characters."""
    text = "".join(" " if ch.isspace() else ch for ch in (raw or "") if unicodedata.category(ch)[0] != "C")
    text = " ".join(text.translate(QUOTES).split())
    truncated = len(text) > MAX_QUERY_LENGTH
    if truncated:
        text = text[:MAX_QUERY_LENGTH].rstrip()
    return text, truncated


def words_of(text):
    return [w.lower() for w in WORD.findall(text or "")]


def _normal(word):
    """Singular of a plural, roughly: lets "job loss" match a synonym written "job losses"."""
    if len(word) <= 3 or not word.endswith("s") or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("sses"):
        return word[:-2]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    return word[:-1]


@dataclass(frozen=True)
class Alternative:
    """One way a group can match: all of words (anywhere), or words as a phrase."""

    words: tuple
    phrase: bool = False

    @property
    def text(self):
        return " ".join(self.words)


@dataclass
class Group:
    alternatives: list = field(default_factory=list)
    # Stands for a way of asking an editor gave a meaning to (a phrase synonym): the reader's intent.
    intent: bool = False

    def add(self, alternative):
        if alternative.words and alternative not in self.alternatives and len(self.alternatives) < MAX_ALTERNATIVES:
            self.alternatives.append(alternative)


@dataclass
class ParsedQuery:
    text: str = ""
    groups: list = field(default_factory=list)
    excluded: list = field(default_factory=list)
    # The reader's own significant words (not synonyms): the title key, and spelling suggestions.
    words: list = field(default_factory=list)
    # Those of them that may be misspelt: not part of a synonym or phrase synonym an editor wrote.
    spellable: list = field(default_factory=list)
    truncated: bool = False
    dropped_words: bool = False

    @property
    def is_empty(self):
        return not self.groups


class SynonymTable:
    """Editor-kept groups of equivalent terms, looked up by the words of a term, and phrase synonyms:
    ways of asking that stand for other words ("what's in it for" means benefits)."""

    def __init__(self, term_groups=(), phrase_meanings=()):
        self._by_key = {}
        self.longest = 1
        self._phrases = {}
        self.longest_phrase = 0
        for phrases, meanings in phrase_meanings:
            for phrase in phrases:
                key = tuple(_normal(w) for w in phrase.split())
                if key and meanings:
                    self._phrases[key] = list(meanings)
                    self.longest_phrase = max(self.longest_phrase, len(key))
        for terms in term_groups:
            for term in terms:
                key = tuple(_normal(w) for w in term.split())
                if not key or all(w in STOP_WORDS for w in term.split()):
                    # A term made only of stop words ("it") can never be searched for.
                    continue
                others = self._by_key.setdefault(key, [])
                others.extend(
                    t for t in terms if t != term and t not in others and not all(w in STOP_WORDS for w in t.split())
                )
                self.longest = max(self.longest, len(key))

    def match(self, words, start):
        """Longest term starting at words[start]: (length, other terms) or (0, [])."""
        for length in range(min(self.longest, len(words) - start), 0, -1):
            key = tuple(_normal(w) for w in words[start : start + length])
            if key in self._by_key:
                return length, self._by_key[key]
        return 0, []

    def others(self, words):
        return self._by_key.get(tuple(_normal(w) for w in words), [])

    def phrase_match(self, words, start=0):
        """Longest phrase synonym starting at words[start]: (length, what it means) or (0, [])."""
        for length in range(min(self.longest_phrase, len(words) - start), 0, -1):
            key = tuple(_normal(w) for w in words[start : start + length])
            if key in self._phrases:
                return length, self._phrases[key]
        return 0, []


def _grouped_number(word):
    """Both engines read "20,000" in a text as the words 20 and 000: let "20000" find it."""
    if word.isdigit() and len(word) >= 4 and not word.startswith("0"):
        return Alternative(tuple(f"{int(word):,}".split(",")), phrase=True)
    return Alternative(())


def _alternative_for_term(term):
    words = tuple(term.split())
    return Alternative(words, phrase=len(words) > 1)


def _atoms(text):
    """Words, phrases and OR markers, in order. Each atom: (kind, words, negated)."""
    atoms = []
    for match in TOKEN.finditer(text):
        if match.group("bare") is not None:
            bare = match.group("bare")
            if bare == "OR":
                atoms.append(("or", (), False))
                continue
            negated = bare.startswith("-") and len(bare) > 1
            words = words_of(bare)
            if not words:
                continue
            if negated:
                atoms.append(("exclude_words", tuple(words), True))
            else:
                atoms.extend(("word", (w,), False) for w in words)
        else:
            words = tuple(words_of(match.group("phrase")))
            if words:
                atoms.append(("exclude_phrase" if match.group("neg") else "phrase", words, bool(match.group("neg"))))
    return atoms


def parse_query(raw, synonyms=None):
    """Parse reader input (any string at all) into a ParsedQuery. Never raises."""
    text, truncated = clean_query(raw)
    return QueryParser(_atoms(text), synonyms or SynonymTable()).parse(ParsedQuery(text=text, truncated=truncated))


class QueryParser:
    """Turns atoms into groups: each word (or synonym term, or phrase) one group; OR joins two groups."""

    def __init__(self, atoms, synonyms):
        self.atoms, self.synonyms = atoms, synonyms
        self.position = 0

    def parse(self, parsed):
        self.strip_scaffolding()
        pending_or = False
        while self.position < len(self.atoms):
            kind, words, _ = self.atoms[self.position]
            self.position += 1
            if kind == "or":
                pending_or = bool(parsed.groups)
                continue
            if kind.startswith("exclude"):
                self.exclude(parsed, kind, words)
            else:
                group = self.phrase_group(parsed, words) if kind == "phrase" else self.word_group(parsed, words)
                if not group.alternatives:
                    continue
                self.add_group(parsed, group, pending_or)
            pending_or = False
        return parsed

    def strip_scaffolding(self):
        """Drop how a question starts ("what is", "how do I", "define") when words remain after it,
        unless a phrase synonym starts there ("what's in it for")."""
        leading = []
        for kind, words, _ in self.atoms:
            if kind != "word":
                break
            leading.append(words[0])
        if self.synonyms.phrase_match(leading)[0]:
            return
        for scaffolding in QUESTION_SCAFFOLDING:
            if tuple(leading[: len(scaffolding)]) == scaffolding and len(self.atoms) > len(scaffolding):
                self.atoms = self.atoms[len(scaffolding) :]
                return

    def exclude(self, parsed, kind, words):
        phrase = kind == "exclude_phrase"
        kept = words if phrase else tuple(w for w in words if w not in STOP_WORDS)
        if kept and len(parsed.excluded) < MAX_EXCLUDED:
            parsed.excluded.append(Alternative(kept, phrase=len(kept) > 1))

    def phrase_group(self, parsed, words):
        group = Group()
        group.add(Alternative(words, phrase=len(words) > 1))
        for term in self.synonyms.others(words):
            group.add(_alternative_for_term(term))
        parsed.words.extend(w for w in words if w not in STOP_WORDS)
        if not self.synonyms.others(words):
            parsed.spellable.extend(w for w in words if w not in STOP_WORDS)
        return group

    def word_group(self, parsed, words):
        """A run of plain words from here: the longest synonym term that starts at this word, or the word."""
        group = Group()
        run = self.word_run(words[0])
        phrase_length, meanings = self.synonyms.phrase_match(run)
        if phrase_length:
            self.position += phrase_length - 1
            group.intent = True
            for term in meanings:
                group.add(_alternative_for_term(term))
                for other in self.synonyms.others(term.split()):
                    group.add(_alternative_for_term(other))
            parsed.words.extend(w for w in meanings[0].split() if w not in STOP_WORDS)
            return group
        length, others = self.synonyms.match(run, 0)
        if length:
            matched = run[:length]
            self.position += length - 1
            significant = tuple(w for w in matched if w not in STOP_WORDS)
            group.add(Alternative(significant))
            for term in others:
                group.add(_alternative_for_term(term))
            parsed.words.extend(significant)
        elif words[0] in STOP_WORDS:
            parsed.dropped_words = True
        else:
            group.add(Alternative(words))
            group.add(_grouped_number(words[0]))
            parsed.words.append(words[0])
            parsed.spellable.append(words[0])
        return group

    def word_run(self, first):
        """The plain words starting with first (up to 8), where a synonym term may start."""
        run = [first]
        while self.position + len(run) - 1 < len(self.atoms) and len(run) < 8:
            kind, words, _ = self.atoms[self.position + len(run) - 1]
            if kind != "word":
                break
            run.append(words[0])
        return run

    def add_group(self, parsed, group, joined_by_or):
        if joined_by_or and parsed.groups:
            for alternative in group.alternatives:
                parsed.groups[-1].add(alternative)
        elif len(parsed.groups) < MAX_GROUPS:
            parsed.groups.append(group)
        else:
            parsed.truncated = True


def normalise_for_matching(text):
    """How best-bet queries are compared: lower case words only."""
    return " ".join(words_of(clean_query(text)[0]))
