"""Spreadsheet formulas from template sources: parsed once, written for Excel and OpenDocument.

A source formula uses A1 references, ranges such as B4:B8, numbers, + - * /,
brackets and a few functions. Parsing (rather than rewriting text) refuses
anything else, and lets the generator work out each formula's value so the
file shows the right figure before the reader's program recalculates.
"""

import re
from dataclasses import dataclass

TOKEN = re.compile(
    r"\s*(?:(?P<number>\d+(?:\.\d+)?)"
    r"|(?P<range>\$?[A-Z]{1,3}\$?\d+:\$?[A-Z]{1,3}\$?\d+)"
    r"|(?P<ref>\$?[A-Z]{1,3}\$?\d+)"
    r"|(?P<function>[A-Z][A-Z0-9.]*)\("
    r"|(?P<op>[-+*/(),]))"
)
REFERENCE = re.compile(r"(\$?)([A-Z]{1,3})(\$?)(\d+)")
MAX_COLUMN = 16384
MAX_ROW = 1048576


class FormulaError(ValueError):
    pass


@dataclass(frozen=True)
class Ref:
    text: str  # as written, e.g. "$B$4"
    column: int  # 1-based
    row: int  # 1-based


def column_number(letters):
    number = 0
    for letter in letters:
        number = number * 26 + (ord(letter) - 64)
    return number


def parse_ref(text):
    match = REFERENCE.fullmatch(text)
    column, row = column_number(match.group(2)), int(match.group(4))
    if not (1 <= column <= MAX_COLUMN and 1 <= row <= MAX_ROW):
        raise FormulaError(f"{text} is outside a spreadsheet")
    return Ref(text, column, row)


def tokenize(text):
    tokens, position = [], 0
    text = text.rstrip()
    while position < len(text):
        match = TOKEN.match(text, position)
        if not match:
            raise FormulaError(f"cannot read the formula from {text[position:].strip()!r}")
        kind = match.lastgroup
        tokens.append((kind, match.group(kind)))
        position = match.end()
    return tokens


class Formula:
    """A parsed formula: ``Formula("=SUM(B4:B8)*0.2")``."""

    def __init__(self, source):
        if not isinstance(source, str) or not source.startswith("="):
            raise FormulaError("a formula starts with '='")
        self.source = source
        self._tokens = tokenize(source[1:].upper())
        self._position = 0
        if not self._tokens:
            raise FormulaError("the formula is empty")
        self.tree = self._expression()
        if self._position != len(self._tokens):
            raise FormulaError(f"unexpected {self._tokens[self._position][1]!r} in {source}")

    # Recursive descent: expression := term (+|- term)*, term := factor (*|/ factor)*.
    def _peek(self):
        return self._tokens[self._position] if self._position < len(self._tokens) else (None, None)

    def _take(self):
        token = self._peek()
        self._position += 1
        return token

    def _expression(self):
        node = self._term()
        while self._peek() in (("op", "+"), ("op", "-")):
            node = ("binary", self._take()[1], node, self._term())
        return node

    def _term(self):
        node = self._factor()
        while self._peek() in (("op", "*"), ("op", "/")):
            node = ("binary", self._take()[1], node, self._factor())
        return node

    def _factor(self):
        kind, value = self._take()
        if kind == "number":
            return ("number", value)
        if kind == "ref":
            return ("ref", parse_ref(value))
        if kind == "op" and value in "+-":
            return ("sign", value, self._factor())
        if kind == "op" and value == "(":
            node = self._expression()
            self._expect(")")
            return ("group", node)
        if kind == "function":
            if value not in FUNCTIONS:
                raise FormulaError(f"the function {value} is not supported (use {', '.join(sorted(FUNCTIONS))})")
            arguments = []
            if self._peek() != ("op", ")"):
                arguments.append(self._argument())
                while self._peek() == ("op", ","):
                    self._take()
                    arguments.append(self._argument())
            self._expect(")")
            return ("function", value, arguments)
        if kind == "range":
            raise FormulaError(f"a range such as {value} can only be used inside a function like SUM")
        raise FormulaError(f"unexpected {value or 'end of formula'!r} in {self.source}")

    def _argument(self):
        kind, value = self._peek()
        if kind == "range":
            self._take()
            first, last = value.split(":")
            return ("range", parse_ref(first), parse_ref(last))
        return self._expression()

    def _expect(self, symbol):
        if self._take() != ("op", symbol):
            raise FormulaError(f"missing '{symbol}' in {self.source}")

    # Output -------------------------------------------------------------------

    def excel(self):
        return "=" + _render(self.tree, excel=True)

    def opendocument(self):
        """OpenFormula, as ODF spreadsheets store it: of:=[.B4]*0.2, of:=SUM([.B4:.B8])."""
        return "of:=" + _render(self.tree, excel=False)

    def references(self):
        return list(_references(self.tree))

    def evaluate(self, value_of):
        """The formula's value; value_of(column, row) gives a referenced cell's value.

        Empty cells count as 0 and text is skipped by functions, as spreadsheets do.
        Returns None where a spreadsheet would show an error (text in a sum, division by zero).
        """
        try:
            return _evaluate(self.tree, value_of)
        except (ArithmeticError, TypeError, ValueError):
            return None


def _render(node, excel):
    kind = node[0]
    if kind == "number":
        return node[1]
    if kind == "ref":
        return node[1].text if excel else f"[.{node[1].text}]"
    if kind == "range":
        return f"{node[1].text}:{node[2].text}" if excel else f"[.{node[1].text}:.{node[2].text}]"
    if kind == "sign":
        return node[1] + _render(node[2], excel)
    if kind == "group":
        return f"({_render(node[1], excel)})"
    if kind == "binary":
        return _render(node[2], excel) + node[1] + _render(node[3], excel)
    separator = "," if excel else ";"
    return f"{node[1]}({separator.join(_render(argument, excel) for argument in node[2])})"


def _references(node):
    kind = node[0]
    if kind == "ref":
        yield (node[1].column, node[1].row)
    elif kind == "range":
        for column in range(min(node[1].column, node[2].column), max(node[1].column, node[2].column) + 1):
            for row in range(min(node[1].row, node[2].row), max(node[1].row, node[2].row) + 1):
                yield (column, row)
    elif kind in ("sign", "group"):
        yield from _references(node[-1])
    elif kind == "binary":
        yield from _references(node[2])
        yield from _references(node[3])
    elif kind == "function":
        for argument in node[2]:
            yield from _references(argument)


def _number(value):
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError("text in a calculation")
    return value


FUNCTIONS = {
    "SUM": sum,
    "MIN": lambda values: min(values, default=0),
    "MAX": lambda values: max(values, default=0),
    "AVERAGE": lambda values: sum(values) / len(values),
    "ABS": lambda values: abs(values[0]),
    "ROUND": lambda values: round(values[0], int(values[1]) if len(values) > 1 else 0),
}
OPERATORS = {
    "+": lambda left, right: left + right,
    "-": lambda left, right: left - right,
    "*": lambda left, right: left * right,
    "/": lambda left, right: left / right,
}


def _evaluate(node, value_of):
    kind = node[0]
    if kind == "number":
        return float(node[1]) if "." in node[1] else int(node[1])
    if kind == "ref":
        return _number(value_of(node[1].column, node[1].row))
    if kind == "sign":
        value = _evaluate(node[2], value_of)
        return -value if node[1] == "-" else value
    if kind == "group":
        return _evaluate(node[1], value_of)
    if kind == "binary":
        return OPERATORS[node[1]](_evaluate(node[2], value_of), _evaluate(node[3], value_of))
    return FUNCTIONS[node[1]](_arguments(node[2], value_of))


def _arguments(arguments, value_of):
    """A function's argument values; a range contributes the numbers in its cells (text and blanks are skipped)."""
    values = []
    for argument in arguments:
        if argument[0] == "range":
            cells = [value_of(column, row) for column, row in _references(argument)]
            values += [v for v in cells if isinstance(v, int | float) and not isinstance(v, bool)]
        else:
            values.append(_evaluate(argument, value_of))
    return values
