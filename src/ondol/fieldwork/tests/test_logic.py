"""The XLSForm expression evaluator: parsing, XPath's conversions, and properties over many inputs."""

from __future__ import annotations

import math
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ondol.fieldwork.surveys.logic import (
    Binary,
    Call,
    Current,
    ExpressionError,
    Negate,
    Node,
    Number,
    Ref,
    String,
    evaluate,
    holds,
    parse,
    references,
    uses_current,
)

TODAY = date(2026, 12, 6)
ANSWERS = {"age": 72, "health": "poor", "income": ["none"], "help": ["food", "company"], "rent": 3,
           "name": "Lan", "moved_in": date(2026, 11, 1), "empty": ""}


@pytest.mark.parametrize(("expression", "expected"), [
    ("${age} >= 65", True),
    ("${age} > 80", False),
    ("${health} = 'poor'", True),
    ('${health} != "good"', True),
    ("${health} = 'poor' and ${age} < 65", False),
    ("${health} = 'good' or ${age} >= 65", True),
    ("not(${health} = 'poor')", False),
    ("selected(${income}, 'none')", True),
    ("selected(${help}, 'money')", False),
    ("count-selected(${help}) = 2", True),
    ("string-length(${name}) = 3", True),
    ("${empty} = ''", True),
    ("${unanswered} = ''", True),
    ("${unanswered} > 3", False),  # empty is NaN as a number: every comparison but != is false
    ("${rent} * 2 + 1 = 7", True),
    ("10 div 4 = 2.5", True),
    ("10 mod 4 = 2", True),
    ("-${rent} < 0", True),
    ("(1 + 2) * 3 = 9", True),
    ("1 + 2 * 3 = 7", True),
    ("today() > ${moved_in}", True),
    ("today() - ${moved_in} = 35", True),
    ("${moved_in} = '2026-11-01'", True),
    ("if(${age} > 65, 'old', 'young') = 'old'", True),
    ("true() and not(false())", True),
    ("${rent} = '3'", True),  # a number against a string compares as numbers
])
def test_expressions_real_forms_use_evaluate_as_odk_does(expression, expected):
    assert holds(expression, values=ANSWERS, today=TODAY) is expected


@pytest.mark.parametrize(("constraint", "answer", "expected"), [
    (". >= 0 and . <= 60", 3, True),
    (". >= 0 and . <= 60", 61, False),
    ("string-length(.) <= 5", "hello!", False),
    ("string-length() <= 5", "hello", True),
    ("not(selected(., 'none')) or count-selected(.) = 1", ["none", "work"], False),
    ("not(selected(., 'none')) or count-selected(.) = 1", ["none"], True),
    (". <= today()", date(2027, 1, 1), False),
])
def test_dot_is_the_answer_being_checked(constraint, answer, expected):
    assert holds(constraint, values=ANSWERS, current=answer, today=TODAY) is expected


@pytest.mark.parametrize("expression", [
    "", "1 +", "${age", "${age} >", "(1", "1)", "foo(1)", "not()", "selected(${a})", "'open", "1 2", "a = 1",
    "${age} == 3", "__import__('os')", "${a}[0]", "../x", "1 +" + "(" * 60 + "1" + ")" * 60,
])
def test_anything_outside_the_subset_is_refused_with_a_position(expression):
    with pytest.raises(ExpressionError) as error:
        parse(expression)
    assert 0 <= error.value.position <= len(expression)


def test_references_and_the_current_answer_are_found():
    node = parse("selected(${income}, 'none') and ${age} > 65 or string-length(.) > 0")
    assert references(node) == {"income", "age"}
    assert uses_current(node)
    assert not uses_current(parse("${age} > 1"))


def test_division_by_zero_follows_xpath():
    assert evaluate("1 div 0", values={}) == math.inf
    assert evaluate("-1 div 0", values={}) == -math.inf
    assert math.isnan(evaluate("0 div 0", values={}))
    assert math.isnan(evaluate("5 mod 0", values={}))


# Properties.

numbers = st.integers(min_value=-10_000, max_value=10_000)
words = st.text(alphabet=st.characters(codec="utf-8", exclude_characters="'\x00"), max_size=20)


@given(numbers, numbers, numbers)
def test_arithmetic_matches_python(a, b, c):
    assert evaluate(f"{a} + {b} * {c}", values={}) == a + b * c
    assert evaluate(f"({a} - {b}) * {c}", values={}) == (a - b) * c
    assert evaluate("${a} - -${b}", values={"a": a, "b": b}) == a + b


@given(numbers, st.integers(min_value=1, max_value=1000))
def test_div_and_mod_match_xpath(a, b):
    assert evaluate(f"{a} div {b}", values={}) == pytest.approx(a / b)
    assert evaluate(f"{a} mod {b}", values={}) == math.fmod(a, b)


@given(numbers, numbers, st.sampled_from(["=", "!=", "<", "<=", ">", ">="]))
def test_comparisons_match_python_for_numbers_and_answers_given_as_text(a, b, operator):
    python = {"=": a == b, "!=": a != b, "<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b}[operator]
    assert holds(f"${{a}} {operator} {b}", values={"a": str(a)}) is python
    assert holds(f"{a} {operator} ${{b}}", values={"b": b}) is python


@given(st.booleans(), st.booleans(), st.booleans())
def test_and_or_not_follow_boolean_algebra(p, q, r):
    values = {"p": "yes" if p else "", "q": "yes" if q else "", "r": "yes" if r else ""}
    assert holds("${p} or ${q} and ${r}", values=values) is (p or (q and r))
    assert holds("not(${p} and ${q}) = (not(${p}) or not(${q}))", values=values)
    assert holds("not(not(${p}))", values=values) is p


@given(words, words)
def test_strings_compare_as_written(a, b):
    assert holds(f"${{a}} = '{b}'", values={"a": a}) is (a == b)
    assert evaluate("string-length(${a})", values={"a": a}) == len(a)


@given(st.lists(st.sampled_from(["food", "health", "housing", "jobs", "money"]), unique=True),
       st.sampled_from(["food", "health", "housing", "jobs", "money"]))
def test_selected_and_count_selected_match_the_choices(chosen, choice):
    assert holds(f"selected(${{x}}, '{choice}')", values={"x": chosen}) is (choice in chosen)
    assert holds(f"selected(${{x}}, '{choice}')", values={"x": " ".join(chosen)}) is (choice in chosen)
    assert evaluate("count-selected(${x})", values={"x": chosen}) == len(chosen)


@given(st.text(max_size=60))
def test_any_text_either_parses_or_is_refused_cleanly(text):
    try:
        node = parse(text)
    except ExpressionError:
        return
    evaluate(node, values={}, today=TODAY)  # and whatever parses, evaluates without crashing


def _render(node: Node) -> str:
    if isinstance(node, Number):
        return repr(node.value)
    if isinstance(node, String):
        return f"'{node.value}'"
    if isinstance(node, Ref):
        return f"${{{node.name}}}"
    if isinstance(node, Current):
        return "."
    if isinstance(node, Negate):
        return f"-({_render(node.operand)})"
    if isinstance(node, Call):
        return f"{node.name}({', '.join(_render(arg) for arg in node.args)})"
    assert isinstance(node, Binary)
    return f"({_render(node.left)}) {node.operator} ({_render(node.right)})"


leaves = st.one_of(
    st.integers(min_value=0, max_value=10**6).map(lambda n: Number(n / 4)),
    st.text(alphabet="abc xyz가나다", max_size=5).map(String),
    st.sampled_from(["age", "health", "income"]).map(Ref),
    st.just(Current()),
)
trees = st.recursive(leaves, lambda inner: st.one_of(
    st.builds(Binary, st.sampled_from(["or", "and", "=", "!=", "<", "<=", ">", ">=", "+", "-", "*", "div", "mod"]),
              inner, inner),
    st.builds(Negate, inner),
    inner.map(lambda arg: Call("not", (arg,))),
    st.tuples(inner, inner).map(lambda args: Call("selected", args)),
), max_leaves=8)


@given(trees)
def test_a_written_out_tree_parses_back_to_the_same_tree_and_evaluates(tree):
    assert parse(_render(tree)) == tree
    evaluate(tree, values=ANSWERS, current=3, today=TODAY)
