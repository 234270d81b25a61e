"""The rule language of clauses: rule-engine for parsing and type checks, our compiler for speed.

A clause's eligibility rule (``研发费用 >= 100 and 是否高企``) and award formula
(``研发费用增长额 * 0.1 > 50 ? 50 : 研发费用增长额 * 0.1``) are rule-engine expressions over the
field catalogue (``catalogue.py``). Chinese field names are replaced by their ASCII keys
before parsing (rule-engine's lexer reads ASCII symbols only); string literals are left alone.
rule-engine parses with typed symbols, so an unknown field, a type error or a syntax error is
caught on save; we then walk its tree and refuse every node outside a small whitelist
(attribute access, item access, function calls and built-ins ``$…``, comprehensions, regular
expressions), input over 2,000 characters and nesting deeper than 20 levels.

Evaluation does not use rule-engine's ``Rule.matches`` (≈40 µs per firm and rule: 2 million
evaluations would take 80 s). The checked tree is compiled once per clause into Python closures
that work on columns (one list per field, one item per firm): a comparison is one list
comprehension over 10,000 firms. Unknown values (``None``) make a comparison or an operation
unknown, and unknown counts as not met. The top-level ``and`` of a rule is split into its
criteria, each compiled on its own, so a firm's explanation is criterion by criterion.
Formulas are compiled into per-firm closures (only the qualifying firms are computed): a
division by zero, a missing value or a negative result is an error for that firm, never a
payment. Amounts are Decimal 万元, rounded half up to 0.01 万元 (ROUND_HALF_UP).
"""

from __future__ import annotations

import operator
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, DivisionByZero, InvalidOperation

import rule_engine
import rule_engine.ast as ast
from django.core.exceptions import ValidationError

from .catalogue import BOOL, DATETIME, FLOAT, STR, Catalogue

MAX_LENGTH = 2000
MAX_DEPTH = 20
CENT = Decimal("0.01")

RE_TYPES = {
    FLOAT: rule_engine.DataType.FLOAT,
    STR: rule_engine.DataType.STRING,
    BOOL: rule_engine.DataType.BOOLEAN,
    DATETIME: rule_engine.DataType.DATETIME,
}
TOKEN = re.compile(r"\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*'|[^\W\d]\w*")
WORDS = {"且": "and", "并且": "and", "或": "or", "或者": "or", "非": "not", "是": "true", "否": "false"}


class RuleError(ValidationError):
    """A rule or formula refused on save (the message names the problem, in Chinese)."""


def to_symbols(text: str, cat: Catalogue) -> str:
    """``text`` with every Chinese field name replaced by its ASCII key; an unknown Chinese
    name is refused here (rule-engine would only say "illegal character")."""
    by_name = cat.by_name

    def replace(match: re.Match) -> str:
        token = match.group(0)
        if token[0] in "\"'" or token.isascii():
            return token
        if token in by_name:
            return by_name[token].key
        if token in WORDS:
            return WORDS[token]
        raise RuleError(f"未知字段“{token}”：字段目录中没有这个名称。")

    return TOKEN.sub(replace, text)


def paren_depth(text: str) -> int:
    depth = deepest = 0
    for char in text:
        if char in "([":
            depth += 1
            deepest = max(deepest, depth)
        elif char in ")]":
            depth -= 1
    return deepest


ALLOWED = (
    ast.LogicExpression,
    ast.ComparisonExpression,
    ast.ArithmeticComparisonExpression,
    ast.ArithmeticExpression,
    ast.AddExpression,
    ast.SubtractExpression,
    ast.UnaryExpression,
    ast.SymbolExpression,
    ast.FloatExpression,
    ast.StringExpression,
    ast.BooleanExpression,
    ast.NullExpression,
    ast.DatetimeExpression,
    ast.TernaryExpression,
    ast.ContainsExpression,
    ast.ArrayExpression,
)
REFUSED = {
    ast.GetAttributeExpression: "不允许访问属性（“.”）",
    ast.GetItemExpression: "不允许取下标（“[ ]”）",
    ast.GetSliceExpression: "不允许切片",
    ast.FunctionCallExpression: "不允许调用函数",
    ast.ComprehensionExpression: "不允许推导式",
    ast.FuzzyComparisonExpression: "不允许正则表达式",
    ast.MappingExpression: "不允许映射",
    ast.SetExpression: "不允许集合",
    ast.BytesExpression: "不允许字节串",
}
CHILDREN = ("left", "right", "expression", "container", "member", "condition", "case_true", "case_false")


def children(node) -> list:
    found = [
        getattr(node, name) for name in CHILDREN if isinstance(getattr(node, name, None), ast.ExpressionBase)
    ]
    if isinstance(node, ast.ArrayExpression):
        found += list(node.value)
    return found


def check_tree(node, depth: int = 0) -> None:
    if depth > MAX_DEPTH:
        raise RuleError(f"表达式嵌套过深（超过{MAX_DEPTH}层）。")
    for kind, words in REFUSED.items():
        if isinstance(node, kind):
            raise RuleError(f"{words}：规则只能使用字段目录中的字段、数字、文字和运算符。")
    if not isinstance(node, ALLOWED):
        raise RuleError(f"不支持的写法：{type(node).__name__}。")
    if isinstance(node, ast.SymbolExpression) and node.scope:
        raise RuleError(f"不允许使用内置符号“${node.name}”。")
    for child in children(node):
        check_tree(child, depth + 1)


_CONTEXTS: dict[tuple, rule_engine.Context] = {}


def context(cat: Catalogue) -> rule_engine.Context:
    """rule-engine's typed context of the catalogue (built once per catalogue: it is half
    the cost of parsing a rule)."""
    import zoneinfo

    from django.conf import settings

    signature = cat.signature()
    if signature not in _CONTEXTS:
        types = {key: RE_TYPES[kind] for key, kind, _name in signature}
        _CONTEXTS[signature] = rule_engine.Context(
            type_resolver=rule_engine.type_resolver_from_dict(types),
            default_timezone=zoneinfo.ZoneInfo(settings.TIME_ZONE),
        )
    return _CONTEXTS[signature]


def parse(text: str, cat: Catalogue, *, what: str = "规则"):
    """The checked rule-engine tree of ``text``, else a ``RuleError`` naming the problem."""
    text = (text or "").strip()
    if not text:
        raise RuleError(f"{what}不能为空。")
    if len(text) > MAX_LENGTH:
        raise RuleError(f"{what}过长：{len(text)}个字符，最多{MAX_LENGTH}个。")
    if paren_depth(text) > MAX_DEPTH:
        raise RuleError(f"表达式嵌套过深（超过{MAX_DEPTH}层）。")
    source = to_symbols(text, cat)
    names = {f.key: f.name for f in cat.fields}
    try:
        rule = rule_engine.Rule(source, context=context(cat))
    except rule_engine.errors.SymbolResolutionError as error:
        raise RuleError(f"未知字段“{error.symbol_name}”：字段目录中没有这个字段。") from None
    except rule_engine.errors.AttributeResolutionError:
        raise RuleError("不允许访问属性（“.”）：规则只能使用字段目录中的字段。") from None
    except rule_engine.errors.RuleSyntaxError as error:
        token = getattr(error.token, "value", None)
        near = f"，在“{names.get(token, token)}”附近" if token else "，表达式不完整"
        raise RuleError(f"{what}语法错误{near}。") from None
    except rule_engine.errors.EvaluationError as error:
        raise RuleError(f"{what}类型错误：{type_words(str(error))}。") from None
    except (rule_engine.errors.EngineError, RecursionError, ValueError, TypeError) as error:
        raise RuleError(f"{what}无法解析：{error}。") from None
    check_tree(rule.statement.expression)
    return rule.statement.expression


def type_words(message: str) -> str:
    if "data type mismatch" in message:
        return "运算两边的类型不一致（如数值与文本比较，或对是/否字段做算术）"
    return message


def check_rule(text: str, cat: Catalogue):
    node = parse(text, cat, what="资格条件")
    if node.result_type not in (rule_engine.DataType.BOOLEAN, rule_engine.DataType.UNDEFINED):
        raise RuleError("资格条件的结果必须是“是/否”（例如：研发费用 >= 100）。")
    return node


def check_formula(text: str, cat: Catalogue):
    node = parse(text, cat, what="奖励公式")
    if node.result_type not in (rule_engine.DataType.FLOAT, rule_engine.DataType.UNDEFINED):
        raise RuleError("奖励公式的结果必须是数值（万元），例如：20 或 研发费用增长额 * 0.1。")
    return node


# --- rendering a criterion back to text (the explanation) ------------------------------------

OPS = {
    "eq": "=",
    "ne": "≠",
    "gt": ">",
    "ge": "≥",
    "lt": "<",
    "le": "≤",
    "add": "+",
    "sub": "-",
    "mul": "×",
    "tdiv": "÷",
    "fdiv": "÷",
    "mod": "%",
    "and": "且",
    "or": "或",
}


def render(node, names: dict[str, str]) -> str:
    if isinstance(node, ast.SymbolExpression):
        return names.get(node.name, node.name)
    if isinstance(node, ast.BooleanExpression):
        return "是" if node.value else "否"
    if isinstance(node, ast.NullExpression):
        return "空"
    if isinstance(node, ast.StringExpression):
        return f"“{node.value}”"
    if isinstance(node, ast.FloatExpression | ast.DatetimeExpression):
        return plain(node.value)
    if isinstance(node, ast.ArrayExpression):
        return "［" + "、".join(render(m, names) for m in node.value) + "］"
    if isinstance(node, ast.UnaryExpression):
        return ("非" if node.type == "not" else "-") + render(node.right, names)
    if isinstance(node, ast.ContainsExpression):
        return f"{render(node.member, names)} 属于 {render(node.container, names)}"
    if isinstance(node, ast.TernaryExpression):
        parts = (render(node.condition, names), render(node.case_true, names), render(node.case_false, names))
        return "（{} 时 {}，否则 {}）".format(*parts)
    left, right = render(node.left, names), render(node.right, names)
    if isinstance(node, ast.LogicExpression):
        return f"（{left} {OPS[node.type]} {right}）"
    return f"{left} {OPS.get(node.type, node.type)} {right}"


def plain(value) -> str:
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        return text
    if hasattr(value, "date"):
        return value.date().isoformat()
    return str(value)


def symbols(node) -> list[str]:
    found = [node.name] if isinstance(node, ast.SymbolExpression) else []
    for child in children(node):
        found += [s for s in symbols(child) if s not in found]
    return found


def split_and(node) -> list:
    """The criteria of a rule: the operands of its top-level ``and`` chain."""
    if isinstance(node, ast.LogicExpression) and node.type == "and":
        return split_and(node.left) + split_and(node.right)
    return [node]


# --- the column compiler -------------------------------------------------------------------


@dataclass(frozen=True)
class Vec:
    """A compiled node: a constant, or ``fn(columns, n) -> list`` of one value per firm."""

    const: bool
    value: object = None
    fn: object = None


def const(value) -> Vec:
    return Vec(True, value)


def column(fn) -> Vec:
    return Vec(False, None, fn)


def materialise(vec: Vec):
    if vec.const:
        value = vec.value
        return lambda cols, n: [value] * n
    return vec.fn


def safe_div(a, b):
    try:
        return a / b if b else None
    except (DivisionByZero, InvalidOperation):
        return None


def safe_fdiv(a, b):
    return a // b if b else None


def safe_mod(a, b):
    return a % b if b else None


# The types are checked on save (a number is never compared with a text), so Python's
# equality is the language's; an unknown value equals only null.
eq, ne = operator.eq, operator.ne


BINARY = {
    "gt": operator.gt,
    "ge": operator.ge,
    "lt": operator.lt,
    "le": operator.le,
    "add": operator.add,
    "sub": operator.sub,
    "mul": operator.mul,
    "tdiv": safe_div,
    "fdiv": safe_fdiv,
    "mod": safe_mod,
    "pow": operator.pow,
}


def binary(op, left: Vec, right: Vec, *, null_aware: bool = False) -> Vec:
    """``op`` per firm; a ``None`` operand gives ``None`` (unknown) unless ``null_aware``."""
    if null_aware:
        call = op
    else:

        def call(a, b):
            return None if a is None or b is None else op(a, b)

    if left.const and right.const:
        return const(call(left.value, right.value))
    if right.const:
        c, f = right.value, left.fn
        if c is None and not null_aware:
            return const(None)
        if null_aware:
            return column(lambda cols, n: [op(a, c) for a in f(cols, n)])
        return column(lambda cols, n: [None if a is None else op(a, c) for a in f(cols, n)])
    if left.const:
        c, f = left.value, right.fn
        if null_aware:
            return column(lambda cols, n: [op(c, b) for b in f(cols, n)])
        return column(lambda cols, n: [None if b is None else op(c, b) for b in f(cols, n)])
    fl, fr = left.fn, right.fn
    return column(lambda cols, n: [call(a, b) for a, b in zip(fl(cols, n), fr(cols, n), strict=True)])


def logic_and(a, b):
    return bool(a) and bool(b)


def logic_or(a, b):
    return bool(a) or bool(b)


def compile_vec(node) -> Vec:
    """The column closure of a checked node."""
    if isinstance(node, ast.SymbolExpression):
        key = node.name
        return column(lambda cols, n: cols[key])
    if isinstance(
        node, ast.FloatExpression | ast.StringExpression | ast.BooleanExpression | ast.DatetimeExpression
    ):
        return const(node.value)
    if isinstance(node, ast.NullExpression):
        return const(None)
    if isinstance(node, ast.ArrayExpression):
        return const(tuple(compile_vec(m).value for m in node.value))
    if isinstance(node, ast.LogicExpression):
        op = logic_and if node.type == "and" else logic_or
        return binary(op, compile_vec(node.left), compile_vec(node.right), null_aware=True)
    if type(node) is ast.ComparisonExpression:
        op = eq if node.type == "eq" else ne
        return binary(op, compile_vec(node.left), compile_vec(node.right), null_aware=True)
    if isinstance(node, ast.ArithmeticComparisonExpression | ast.ArithmeticExpression):
        return binary(BINARY[node.type], compile_vec(node.left), compile_vec(node.right))
    if isinstance(node, ast.AddExpression | ast.SubtractExpression):
        return binary(BINARY[node.type], compile_vec(node.left), compile_vec(node.right))
    if isinstance(node, ast.ContainsExpression):
        return binary(
            lambda member, items: member in items, compile_vec(node.member), compile_vec(node.container)
        )
    if isinstance(node, ast.UnaryExpression):
        inner = compile_vec(node.right)
        if node.type == "not":
            if inner.const:
                return const(not inner.value)
            f = inner.fn
            return column(lambda cols, n: [not a for a in f(cols, n)])
        if inner.const:
            return const(None if inner.value is None else -inner.value)
        f = inner.fn
        return column(lambda cols, n: [None if a is None else -a for a in f(cols, n)])
    if isinstance(node, ast.TernaryExpression):
        cond, yes, no = (
            materialise(compile_vec(x)) for x in (node.condition, node.case_true, node.case_false)
        )
        return column(
            lambda cols, n: [
                y if c else z for c, y, z in zip(cond(cols, n), yes(cols, n), no(cols, n), strict=True)
            ]
        )
    raise RuleError(f"不支持的写法：{type(node).__name__}。")


# --- the per-firm formula compiler ----------------------------------------------------------


class FormulaError(Exception):
    """A formula that cannot give this firm an amount (the message says why, in Chinese)."""


def compile_scalar(node, names: dict[str, str]):
    """``fn(row: dict) -> value`` of a checked node, raising ``FormulaError`` on a division
    by zero or a missing value (a formula never pays on a guess)."""
    if isinstance(node, ast.SymbolExpression):
        key, label = node.name, names.get(node.name, node.name)

        def symbol(row):
            value = row.get(key)
            if value is None:
                raise FormulaError(f"缺少“{label}”")
            return value

        return symbol
    vec = compile_vec(node) if not children(node) else None
    if vec is not None and vec.const:
        value = vec.value
        return lambda row: value
    if isinstance(node, ast.TernaryExpression):
        c, y, z = (compile_scalar(x, names) for x in (node.condition, node.case_true, node.case_false))
        return lambda row: y(row) if c(row) else z(row)
    if isinstance(node, ast.UnaryExpression):
        inner = compile_scalar(node.right, names)
        return (lambda row: not inner(row)) if node.type == "not" else (lambda row: -inner(row))
    if isinstance(node, ast.LogicExpression):
        left, right = compile_scalar(node.left, names), compile_scalar(node.right, names)
        if node.type == "and":
            return lambda row: bool(left(row)) and bool(right(row))
        return lambda row: bool(left(row)) or bool(right(row))
    if isinstance(node, ast.ContainsExpression):
        member, items = compile_scalar(node.member, names), compile_vec(node.container).value
        return lambda row: member(row) in items
    left, right = compile_scalar(node.left, names), compile_scalar(node.right, names)
    if type(node) is ast.ComparisonExpression:
        op = eq if node.type == "eq" else ne
        return lambda row: op(left(row), right(row))
    op = BINARY[node.type]
    if node.type in ("tdiv", "fdiv", "mod"):

        def divide(row):
            divisor = right(row)
            if not divisor:
                raise FormulaError(f"除数为零（{render(node.right, names)} = 0）")
            return op(left(row), divisor)

        return divide
    return lambda row: op(left(row), right(row))


# --- a compiled clause -----------------------------------------------------------------------


@dataclass
class Criterion:
    text: str  # in Chinese names
    symbols: list[str]
    fn: object  # columns → list of True/False/None


@dataclass
class Compiled:
    """A clause's rule split into criteria and its formula, compiled once."""

    criteria: list[Criterion]
    formula: object
    names: dict[str, str] = field(default_factory=dict)
    formula_symbols: list[str] = field(default_factory=list)
    formula_columns: object = None  # columns → one value per firm, None where it cannot be computed

    def verdicts(self, columns: dict, n: int) -> list[list]:
        return [c.fn(columns, n) for c in self.criteria]

    def amount(self, row: dict) -> Decimal:
        """The award for one firm, rounded half up to 0.01 万元; ``FormulaError`` if none."""
        try:
            value = self.formula(row)
        except (ZeroDivisionError, DivisionByZero, InvalidOperation):
            raise FormulaError("除数为零") from None
        return self.rounded(value)

    @staticmethod
    def rounded(value) -> Decimal:
        """An amount of 万元 rounded half up to 0.01; a negative one is an error."""
        if value is None:
            raise FormulaError("公式结果为空")
        amount = Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)
        if amount < 0:
            raise FormulaError(f"金额为负（{amount}万元）")
        return amount


_COMPILED: dict[tuple, Compiled] = {}
CACHE_SIZE = 5000


def compile_clause(rule: str, formula: str, cat: Catalogue) -> Compiled:
    """The compiled clause, kept per (rule, formula, catalogue) in the process: a report of
    one firm over every clause then costs its queries and evaluation, not 200 parses."""
    key = (rule, formula, cat.signature())
    if key not in _COMPILED:
        if len(_COMPILED) >= CACHE_SIZE:
            _COMPILED.clear()
        _COMPILED[key] = compile_fresh(rule, formula, cat)
    return _COMPILED[key]


def clear_cache() -> None:
    _COMPILED.clear()
    _CONTEXTS.clear()


def compile_fresh(rule: str, formula: str, cat: Catalogue) -> Compiled:
    names = {f.key: f.name for f in cat.fields}
    criteria = []
    for node in split_and(check_rule(rule, cat)):
        fn = materialise(compile_vec(node))
        criteria.append(Criterion(render(node, names), symbols(node), fn))
    node = check_formula(formula, cat)
    vector = materialise(compile_vec(node))
    return Compiled(criteria, compile_scalar(node, names), names, symbols(node), vector)
