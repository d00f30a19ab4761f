"""A small, safe evaluator for the XLSForm expressions real forms use in `relevant` and `constraint`.

Supported: `${field}` references, `.` (the answer being checked), numbers, 'strings' and "strings",
`=` `!=` `<` `<=` `>` `>=`, `and`, `or`, `+` `-` `*` `div` `mod`, unary minus, parentheses and the
functions in `FUNCTIONS` (`not`, `selected`, `count-selected`, `string-length`, `today`, ...).
Expressions are parsed by hand into a small tree and walked; nothing is ever passed to `eval`.
Values follow XPath 1.0 as ODK applies it: an unanswered question is the empty string, a comparison
with a number compares numbers (an empty or non-numeric answer is NaN, so `${age} > 18` is false),
dates compare as dates (as numbers they count days since 1970-01-01), and a select-multiple answer is
its choices separated by spaces.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

MAX_LENGTH = 2000
MAX_DEPTH = 40
EPOCH = date(1970, 1, 1)


class ExpressionError(ValueError):
    """The expression cannot be parsed (or uses something we do not support)."""

    def __init__(self, message: str, position: int = 0) -> None:
        super().__init__(f"{message} (at character {position + 1})")
        self.reason = message
        self.position = position


@dataclass(frozen=True)
class Number:
    value: float


@dataclass(frozen=True)
class String:
    value: str


@dataclass(frozen=True)
class Ref:
    name: str


@dataclass(frozen=True)
class Current:
    pass


@dataclass(frozen=True)
class Negate:
    operand: Node


@dataclass(frozen=True)
class Binary:
    operator: str
    left: Node
    right: Node


@dataclass(frozen=True)
class Call:
    name: str
    args: tuple[Node, ...]


Node = Number | String | Ref | Current | Negate | Binary | Call

_TOKEN = re.compile(r"""
    (?P<space>\s+)
  | (?P<ref>\$\{\s*(?P<refname>[A-Za-z_][A-Za-z0-9_.-]*)\s*\})
  | (?P<number>\d+(?:\.\d*)?|\.\d+)
  | (?P<string>'[^']*'|"[^"]*")
  | (?P<op><=|>=|!=|=|<|>|\+|-|\*)
  | (?P<paren>[(),])
  | (?P<dot>\.)
  | (?P<name>[A-Za-z_][A-Za-z0-9_-]*)
""", re.VERBOSE)


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    position: int


def tokenize(text: str) -> list[Token]:
    """The tokens of `text`; an unknown character or an unclosed string or `${` is an error."""
    tokens: list[Token] = []
    position = 0
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None:
            raise ExpressionError(f"unexpected character {text[position]!r}", position)
        kind = match.lastgroup or ""
        if kind == "ref":
            tokens.append(Token("ref", match.group("refname"), position))
        elif kind == "string":
            tokens.append(Token("string", match.group()[1:-1], position))
        elif kind != "space":
            tokens.append(Token(kind, match.group(), position))
        position = match.end()
    tokens.append(Token("end", "", len(text)))
    return tokens


# name: (fewest arguments, most arguments or None for any number)
FUNCTIONS: dict[str, tuple[int, int | None]] = {
    "not": (1, 1), "true": (0, 0), "false": (0, 0), "selected": (2, 2), "count-selected": (1, 1),
    "string-length": (0, 1), "today": (0, 0), "if": (3, 3), "number": (1, 1), "int": (1, 1),
    "string": (1, 1), "coalesce": (2, 2), "boolean": (1, 1),
}
_EQUALITY, _RELATIONAL, _ADDITIVE = ("=", "!="), ("<", "<=", ">", ">="), ("+", "-")
_MULTIPLICATIVE = ("*", "div", "mod")


class _Parser:
    """Recursive descent over XPath's precedence: or < and < equality < relational < + - < * div mod."""

    def __init__(self, text: str) -> None:
        self.tokens = tokenize(text)
        self.index = 0
        self.depth = 0

    @property
    def token(self) -> Token:
        return self.tokens[self.index]

    def advance(self) -> Token:
        token = self.token
        self.index += 1
        return token

    def is_operator(self, *operators: str) -> bool:
        token = self.token
        return token.kind in {"op", "name"} and token.text in operators

    def parse(self) -> Node:
        if self.token.kind == "end":
            raise ExpressionError("the expression is empty", 0)
        node = self.expression()
        if self.token.kind != "end":
            raise ExpressionError(f"unexpected {self.token.text!r}", self.token.position)
        return node

    def expression(self) -> Node:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExpressionError("the expression is nested too deeply", self.token.position)
        node = self.binary(0)
        self.depth -= 1
        return node

    def binary(self, level: int) -> Node:
        levels = (("or",), ("and",), _EQUALITY, _RELATIONAL, _ADDITIVE, _MULTIPLICATIVE)
        if level == len(levels):
            return self.unary()
        node = self.binary(level + 1)
        while self.is_operator(*levels[level]):
            operator = self.advance().text
            node = Binary(operator, node, self.binary(level + 1))
        return node

    def unary(self) -> Node:
        if self.is_operator("-") and self.token.kind == "op":
            self.advance()
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise ExpressionError("the expression is nested too deeply", self.token.position)
            node = Negate(self.unary())
            self.depth -= 1
            return node
        return self.primary()

    def primary(self) -> Node:
        token = self.advance()
        if token.kind == "number":
            return Number(float(token.text))
        if token.kind == "string":
            return String(token.text)
        if token.kind == "ref":
            return Ref(token.text)
        if token.kind == "dot":
            return Current()
        if token.kind == "paren" and token.text == "(":
            node = self.expression()
            self.expect(")")
            return node
        if token.kind == "name" and self.token.text == "(":
            return self.call(token)
        if token.kind == "end":
            raise ExpressionError("the expression ends too early", token.position)
        raise ExpressionError(f"unexpected {token.text!r}", token.position)

    def call(self, name: Token) -> Call:
        if name.text not in FUNCTIONS:
            raise ExpressionError(f"unknown function {name.text}()", name.position)
        self.expect("(")
        args: list[Node] = []
        if not (self.token.kind == "paren" and self.token.text == ")"):
            args.append(self.expression())
            while self.token.kind == "paren" and self.token.text == ",":
                self.advance()
                args.append(self.expression())
        self.expect(")")
        fewest, most = FUNCTIONS[name.text]
        if len(args) < fewest or (most is not None and len(args) > most):
            raise ExpressionError(f"{name.text}() takes {fewest}" + ("" if most == fewest else f" to {most}")
                                  + " arguments", name.position)
        return Call(name.text, tuple(args))

    def expect(self, text: str) -> None:
        token = self.advance()
        if token.kind != "paren" or token.text != text:
            raise ExpressionError(f"expected {text!r}", token.position)


@lru_cache(maxsize=1024)
def parse(text: str) -> Node:
    """The tree of an expression (ExpressionError if it is not one we can evaluate)."""
    if len(text) > MAX_LENGTH:
        raise ExpressionError("the expression is too long", MAX_LENGTH)
    return _Parser(text).parse()


def references(node: Node) -> set[str]:
    """The `${names}` an expression reads."""
    if isinstance(node, Ref):
        return {node.name}
    if isinstance(node, Negate):
        return references(node.operand)
    if isinstance(node, Binary):
        return references(node.left) | references(node.right)
    if isinstance(node, Call):
        return set().union(*(references(arg) for arg in node.args)) if node.args else set()
    return set()


def uses_current(node: Node) -> bool:
    """Whether the expression reads `.` (a constraint always should)."""
    if isinstance(node, Current):
        return True
    if isinstance(node, Negate):
        return uses_current(node.operand)
    if isinstance(node, Binary):
        return uses_current(node.left) or uses_current(node.right)
    if isinstance(node, Call):
        return any(uses_current(arg) for arg in node.args)
    return False


# Conversions (XPath 1.0 with ODK's dates).

def to_string(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return " ".join(str(item) for item in value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int | float):
        number = float(value)
        if math.isnan(number):
            return "NaN"
        if math.isinf(number):
            return "Infinity" if number > 0 else "-Infinity"
        return str(int(number)) if number == int(number) else repr(number)
    return "" if value is None else str(value)


def to_number(value: Any) -> float:
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, date):
        return float((value - EPOCH).days)
    text = to_string(value).strip()
    if not re.fullmatch(r"-?(\d+(\.\d*)?|\.\d+)", text):
        return math.nan
    return float(text)


def to_boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return not math.isnan(value) and value != 0
    if isinstance(value, date):
        return True
    return bool(to_string(value))


def _as_date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(to_string(value).strip()[:10])
    except ValueError:
        return None


def _compare(operator: str, left: Any, right: Any) -> bool:
    if isinstance(left, date) or isinstance(right, date):
        first, second = _as_date(left), _as_date(right)
        if first is not None and second is not None:
            left, right = first, second
        else:
            left, right = to_number(left), to_number(right)
    elif operator in _EQUALITY:
        if isinstance(left, bool) or isinstance(right, bool):
            left, right = to_boolean(left), to_boolean(right)
        elif isinstance(left, int | float) or isinstance(right, int | float):
            left, right = to_number(left), to_number(right)
        else:
            left, right = to_string(left), to_string(right)
    else:
        left, right = to_number(left), to_number(right)
    if operator == "=":
        return bool(left == right)
    if operator == "!=":
        return bool(left != right)
    return bool({"<": left < right, "<=": left <= right, ">": left > right, ">=": left >= right}[operator])


def _arithmetic(operator: str, left: float, right: float) -> float:
    if operator == "+":
        return left + right
    if operator == "-":
        return left - right
    if operator == "*":
        return left * right
    if operator == "div":
        if right == 0:
            return math.nan if left == 0 or math.isnan(left) else math.copysign(math.inf, left)
        return left / right
    if right == 0 or math.isinf(left) or math.isnan(left) or math.isnan(right):
        return math.nan
    return math.fmod(left, right)


def _choices(value: Any) -> list[str]:
    if isinstance(value, list | tuple):
        return [str(item) for item in value]
    return to_string(value).split()


@dataclass
class Context:
    values: Mapping[str, Any]
    current: Any = ""
    today: date | None = None


def _call(node: Call, context: Context) -> Any:
    name, args = node.name, node.args
    if name == "if":  # only the branch taken is evaluated
        return _eval(args[1] if to_boolean(_eval(args[0], context)) else args[2], context)
    if name == "coalesce":
        first = _eval(args[0], context)
        return first if to_string(first) != "" else _eval(args[1], context)
    values = [_eval(arg, context) for arg in args]
    functions: dict[str, Callable[[], Any]] = {
        "not": lambda: not to_boolean(values[0]),
        "true": lambda: True,
        "false": lambda: False,
        "boolean": lambda: to_boolean(values[0]),
        "selected": lambda: to_string(values[1]).strip() in _choices(values[0]),
        "count-selected": lambda: float(len(_choices(values[0]))),
        "string-length": lambda: float(len(to_string(values[0] if values else context.current))),
        "today": lambda: context.today or date.today(),
        "number": lambda: to_number(values[0]),
        "int": lambda: _truncate(to_number(values[0])),
        "string": lambda: to_string(values[0]),
    }
    return functions[name]()


def _truncate(number: float) -> float:
    return number if math.isnan(number) or math.isinf(number) else float(math.trunc(number))


def _eval(node: Node, context: Context) -> Any:
    if isinstance(node, Number | String):
        return node.value
    if isinstance(node, Ref):
        value = context.values.get(node.name, "")
        return "" if value is None else value
    if isinstance(node, Current):
        return "" if context.current is None else context.current
    if isinstance(node, Negate):
        return -to_number(_eval(node.operand, context))
    if isinstance(node, Call):
        return _call(node, context)
    operator = node.operator
    if operator == "or":
        return to_boolean(_eval(node.left, context)) or to_boolean(_eval(node.right, context))
    if operator == "and":
        return to_boolean(_eval(node.left, context)) and to_boolean(_eval(node.right, context))
    left, right = _eval(node.left, context), _eval(node.right, context)
    if operator in _EQUALITY or operator in _RELATIONAL:
        return _compare(operator, left, right)
    return _arithmetic(operator, to_number(left), to_number(right))


def evaluate(expression: str | Node, *, values: Mapping[str, Any], current: Any = "",
             today: date | None = None) -> Any:
    """The value of an expression, given the answers so far and (for constraints) the answer `current`."""
    node = parse(expression) if isinstance(expression, str) else expression
    return _eval(node, Context(values=values, current=current, today=today))


def holds(expression: str | Node, *, values: Mapping[str, Any], current: Any = "",
          today: date | None = None) -> bool:
    """Whether a `relevant` or `constraint` expression is true."""
    return to_boolean(evaluate(expression, values=values, current=current, today=today))
