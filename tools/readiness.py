"""The readiness self-assessment: its definition, a reader's answers and how they are scored.

The definition (tools/readiness.yaml) is the one source of the questions, answers and scoring:
the online tool reads it, and the downloadable template's sheets are generated from it
(tools/readiness_sheets.py). Answers are never stored: they travel in the reader's form, or
in an answer code the reader keeps.
"""

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

DEFINITION_FILE = Path(__file__).with_name("readiness.yaml")
# Form fields the flow uses for itself, so no question may be called by one of these names.
RESERVED_NAMES = {"question", "checking", "go", "code"}
GAP_SCORE = 2  # an answer scored this or lower is a gap to close


class DefinitionError(ValueError):
    """The definition file is malformed; the message says where."""


class CodeError(ValueError):
    """An answer code that does not match the questions; the message is for the reader."""


@dataclass(frozen=True)
class Answer:
    value: str  # what the form sends: the answer's position among the question's answers, from "1"
    label: str
    hint: str
    score: int
    says: str = ""  # for a question with its own answers: what the result page says about this one


@dataclass(frozen=True)
class Question:
    key: str
    number: int  # 1 for the first question of the whole assessment
    text: str
    hint: str
    answers: tuple
    own_answers: bool  # False: it uses the shared scale

    def answer(self, value):
        return next((answer for answer in self.answers if answer.value == value), None)

    @property
    def maximum(self):
        return max(answer.score for answer in self.answers)


@dataclass(frozen=True)
class Link:
    title: str
    url: str


@dataclass(frozen=True)
class Rating:
    key: str
    label: str
    lowest: tuple  # the lowest scores that give this rating
    meaning: str


@dataclass(frozen=True)
class Factor:
    key: str
    number: int
    name: str
    why: str
    questions: tuple
    advice: dict  # rating key -> what to do next
    links: tuple

    @property
    def maximum(self):
        return sum(question.maximum for question in self.questions)


@dataclass(frozen=True)
class Definition:
    title: str
    summary: str
    scale: tuple
    ratings: tuple  # worst first
    overall: dict  # rating key -> what to do next
    overall_links: tuple
    factors: tuple
    questions: tuple = field(init=False)

    def __post_init__(self):
        object.__setattr__(self, "questions", tuple(q for factor in self.factors for q in factor.questions))

    @property
    def maximum(self):
        return sum(factor.maximum for factor in self.factors)

    def question(self, key):
        return next((question for question in self.questions if question.key == key), None)

    def factor_of(self, question):
        return next(factor for factor in self.factors if question in factor.questions)

    def neighbour(self, question, step):
        """The question `step` places after (or, when negative, before) this one; None past either end."""
        index = self.questions.index(question) + step
        return self.questions[index] if 0 <= index < len(self.questions) else None

    def rating_for(self, lowest_score):
        return next(rating for rating in self.ratings if lowest_score in rating.lowest)


# Reading the definition --------------------------------------------------------------------------------------


def _text(data, key, where):
    value = data.get(key) if isinstance(data, dict) else None
    if not isinstance(value, str) or not value.strip():
        raise DefinitionError(f"{where}: '{key}' must be some text")
    return " ".join(value.split())


def _links(items, where):
    if not isinstance(items, list):
        raise DefinitionError(f"{where}: 'links' must be a list")
    return tuple(Link(_text(item, "title", where), _text(item, "url", where)) for item in items)


def _answers(items, where, scored):
    if not isinstance(items, list) or len(items) < 2:
        raise DefinitionError(f"{where}: give at least 2 answers")
    answers = []
    for position, item in enumerate(items, start=1):
        score = item.get("score", position) if scored else position
        if not isinstance(score, int) or isinstance(score, bool) or not 1 <= score <= 5:
            raise DefinitionError(f"{where}, answer {position}: 'score' must be a whole number from 1 to 5")
        says = " ".join(str(item.get("says") or "").split())
        answers.append(Answer(str(position), _text(item, "label", where), _text(item, "hint", where), score, says))
    return tuple(answers)


def _question(data, number, scale, where):
    key = _text(data, "key", where)
    if key in RESERVED_NAMES or not re.fullmatch(r"[a-z][a-z0-9-]*", key):
        raise DefinitionError(f"{where}: the key '{key}' must be lower-case words joined by hyphens, not a form name")
    own = "answers" in data
    answers = _answers(data["answers"], f"{where} ({key})", scored=True) if own else scale
    return Question(key, number, _text(data, "question", where), _text(data, "hint", where), answers, own)


def _ratings(items):
    ratings = tuple(
        Rating(
            _text(item, "key", "ratings"),
            _text(item, "label", "ratings"),
            tuple(item.get("lowest") or ()),
            _text(item, "meaning", "ratings"),
        )
        for item in items or ()
    )
    covered = sorted(score for rating in ratings for score in rating.lowest)
    if covered != [1, 2, 3, 4, 5]:
        raise DefinitionError("ratings: each lowest score from 1 to 5 must give exactly one rating")
    return ratings


def _advice(data, ratings, where):
    advice = data.get("advice" if where != "overall" else "overall") or {}
    if not isinstance(advice, dict) or set(advice) != {rating.key for rating in ratings}:
        raise DefinitionError(f"{where}: give advice for each rating ({', '.join(r.key for r in ratings)})")
    return {key: " ".join(str(text).split()) for key, text in advice.items()}


def _factors(data, scale, ratings):
    factors, number = [], 0
    for position, item in enumerate(data.get("factors") or [], start=1):
        where = f"factor {position}"
        questions = []
        for raw in item.get("questions") or []:
            number += 1
            questions.append(_question(raw, number, scale, f"{where}, question {len(questions) + 1}"))
        if not questions:
            raise DefinitionError(f"{where}: give at least one question")
        factors.append(
            Factor(
                _text(item, "key", where),
                position,
                _text(item, "name", where),
                _text(item, "why", where),
                tuple(questions),
                _advice(item, ratings, where),
                _links(item.get("links") or [], where),
            )
        )
    if not factors:
        raise DefinitionError("give at least one factor")
    return tuple(factors)


def parse_definition(text):
    """The Definition in a YAML text, or DefinitionError saying what is wrong."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise DefinitionError(f"not valid YAML ({getattr(error, 'problem', None) or error})") from None
    if not isinstance(data, dict):
        raise DefinitionError("the definition must be a mapping")
    scale = _answers(data.get("scale"), "scale", scored=False)
    ratings = _ratings(data.get("ratings"))
    factors = _factors(data, scale, ratings)
    keys = [question.key for factor in factors for question in factor.questions]
    if len(set(keys)) != len(keys):
        raise DefinitionError("two questions have the same key")
    return Definition(
        title=_text(data, "title", "the definition"),
        summary=_text(data, "summary", "the definition"),
        scale=scale,
        ratings=ratings,
        overall=_advice(data, ratings, "overall"),
        overall_links=_links(data.get("overall_links") or [], "overall_links"),
        factors=factors,
    )


@functools.cache
def definition():
    """The self-assessment as tools/readiness.yaml defines it (read once per process)."""
    return parse_definition(DEFINITION_FILE.read_text(encoding="utf-8"))


# Answers and scores ------------------------------------------------------------------------------------------


def answers_from(data, assessment):
    """{question key: Answer} for every question `data` (a form's fields) answers with a known answer.

    Anything else is left out, so a changed or made-up hidden field is simply asked again.
    """
    answers = {}
    for question in assessment.questions:
        answer = question.answer(str(data.get(question.key, "")))
        if answer is not None:
            answers[question.key] = answer
    return answers


def first_unanswered(answers, assessment):
    return next((question for question in assessment.questions if question.key not in answers), None)


@dataclass(frozen=True)
class FactorResult:
    factor: Factor
    total: int
    lowest: int
    rating: Rating
    gaps: tuple  # (question, answer) pairs scored GAP_SCORE or lower
    notes: tuple  # what the factor's own-answer questions say about the answers given

    @property
    def advice(self):
        return self.factor.advice[self.rating.key]


@dataclass(frozen=True)
class Result:
    factors: tuple
    total: int
    maximum: int
    rating: Rating  # the worst of the factors' ratings
    advice: str  # what to do next, for that rating


def score(answers, assessment):
    """Each factor's total, lowest score and rating, and the overall result, for a complete set of answers."""
    missing = first_unanswered(answers, assessment)
    if missing is not None:
        raise ValueError(f"question {missing.key} has no answer")
    results = []
    for factor in assessment.factors:
        given = [(question, answers[question.key]) for question in factor.questions]
        lowest = min(answer.score for _, answer in given)
        results.append(
            FactorResult(
                factor=factor,
                total=sum(answer.score for _, answer in given),
                lowest=lowest,
                rating=assessment.rating_for(lowest),
                gaps=tuple((question, answer) for question, answer in given if answer.score <= GAP_SCORE),
                notes=tuple(answer.says for question, answer in given if question.own_answers and answer.says),
            )
        )
    worst = assessment.ratings[min(assessment.ratings.index(result.rating) for result in results)]
    return Result(
        factors=tuple(results),
        total=sum(result.total for result in results),
        maximum=assessment.maximum,
        rating=worst,
        advice=assessment.overall[worst.key],
    )


# Answer codes: a reader's way back to their answers, without anything kept on the server ---------------------

CODE_GROUP = 4


def answer_code(answers, assessment):
    """Each answer's position, in question order, in groups of 4 digits: "3524 4452 3344 223"."""
    digits = "".join(answers[question.key].value for question in assessment.questions)
    return " ".join(digits[i : i + CODE_GROUP] for i in range(0, len(digits), CODE_GROUP))


def answers_from_code(text, assessment):
    """The answers an answer code stands for, or CodeError with a message for the reader."""
    digits = re.sub(r"[\s-]", "", text or "")
    count = len(assessment.questions)
    example = answer_code({q.key: q.answers[0] for q in assessment.questions}, assessment)
    if not digits:
        raise CodeError("Enter your answer code")
    if not digits.isdigit() or len(digits) != count:
        raise CodeError(f"Enter an answer code of {count} numbers, like {example}")
    answers = {}
    for question, digit in zip(assessment.questions, digits, strict=True):
        answer = question.answer(digit)
        if answer is None:
            raise CodeError(f"Enter the answer code exactly as it was given to you, like {example}")
        answers[question.key] = answer
    return answers
