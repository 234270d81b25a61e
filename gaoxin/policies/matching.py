"""Matching (免申即享): every published clause against every firm for a year, in bulk.

``load_values`` reads the catalogue's values for all firms in a constant number of queries;
each clause's rule is compiled once (``rules.compile_clause``) and its criteria evaluated over
the columns; only qualifying firms have their amount computed. The result keeps every
criterion's verdict per firm, so the explanation of any firm (why it misses, with the
numbers) is built when it is shown, not stored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from .catalogue import Values, load_values
from .ledger import paid_keys
from .rules import Compiled, FormulaError, compile_clause, plain

QUALIFIES, UNPAID, PAID, MISSES, ERROR = "qualifies", "unpaid", "paid", "misses", "error"
STATUS_LABELS = {
    QUALIFIES: "符合（免申即享）",
    UNPAID: "应享未享",
    PAID: "已兑现",
    MISSES: "不符合",
    ERROR: "符合但无法计算金额",
}


@dataclass
class ClauseResult:
    """One clause and year over the firms of ``values``."""

    clause: object
    values: Values
    compiled: Compiled
    verdicts: list[list]
    passed: list[bool]
    amounts: dict[int, Decimal] = field(default_factory=dict)  # row index → amount
    errors: dict[int, str] = field(default_factory=dict)
    paid: set[int] = field(default_factory=set)  # enterprise ids

    qualifying: list[int] = field(default_factory=list)  # row indexes of the firms that qualify

    @property
    def total(self) -> Decimal:
        return sum(self.amounts.values(), Decimal("0.00"))

    @property
    def unpaid_total(self) -> Decimal:
        ids = self.values.ids
        return sum((a for i, a in self.amounts.items() if ids[i] not in self.paid), Decimal("0.00"))

    @property
    def over_budget(self) -> bool:
        budget = self.clause.budget_amount
        return budget is not None and self.total > budget

    def status(self, i: int) -> str:
        if not self.passed[i]:
            return MISSES
        if i in self.errors:
            return ERROR
        return PAID if self.values.ids[i] in self.paid else UNPAID

    def rows(self, status: str | None = None) -> list[int]:
        """Row indexes of ``status``: ``qualifies`` = every qualifying firm (paid or not)."""
        if status is None:
            return list(range(len(self.passed)))
        if status == QUALIFIES:
            return self.qualifying
        return [i for i in range(len(self.passed)) if self.status(i) == status]

    def explain(self, i: int) -> list[dict]:
        """Criterion by criterion for firm row ``i``: the criterion, whether it is met, the
        values it read, and the facts missing (a recognition never granted is not missing
        data: its first year reads 无)."""
        names, out = self.compiled.names, []
        granted = self.values.catalogue.recognition_keys()
        for criterion, verdicts in zip(self.compiled.criteria, self.verdicts, strict=True):
            read = [(s, names.get(s, s), self.values.columns[s][i]) for s in criterion.symbols]
            missing = [name for key, name, value in read if value is None and key not in granted]
            values = [(name, "无" if value is None else value) for _key, name, value in read]
            met = bool(verdicts[i]) and not missing
            out.append(
                {
                    "criterion": criterion.text,
                    "met": met,
                    "missing": missing,
                    "values": {name: shown(value) for name, value in values},
                    "words": words(criterion.text, values, met, missing),
                }
            )
        return out

    def firm(self, i: int) -> dict:
        status = self.status(i)
        return {
            "enterprise": self.values.ids[i],
            "enterprise_name": self.values.names[i],
            "status": status,
            "status_label": STATUS_LABELS[status],
            "amount": self.amounts.get(i),
            "error": self.errors.get(i, ""),
            "criteria": self.explain(i),
        }


def shown(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Decimal):
        return plain(value.quantize(Decimal("0.01")) if value.as_tuple().exponent < -2 else value)
    return plain(value)


def words(text: str, values: list, met: bool, missing: list[str]) -> str:
    if missing:
        return f"{text}：缺少{'、'.join(missing)}的数据"
    facts = "，".join(f"{name}为{shown(value)}" for name, value in values)
    return (
        f"{text}：{facts}，{'满足' if met else '未满足'}"
        if facts
        else f"{text}：{'满足' if met else '未满足'}"
    )


def evaluate(
    clause, values: Values, compiled: Compiled | None = None, paid: set | None = None
) -> ClauseResult:
    compiled = compiled or compile_clause(clause.rule, clause.formula, values.catalogue)
    n = len(values.ids)
    verdicts = compiled.verdicts(values.columns, n)
    passed = list(map(all, zip(*verdicts, strict=True))) if verdicts else [True] * n
    result = ClauseResult(clause, values, compiled, verdicts, passed, paid=paid or set())
    result.qualifying = [i for i, ok in enumerate(passed) if ok]
    amounts(result, compiled, values)
    return result


def amounts(result: ClauseResult, compiled: Compiled, values: Values) -> None:
    """The qualifying firms' amounts: the formula over the columns at once; a firm whose
    value is unknown there (a missing fact, a division by zero) is computed again on its own
    to name the reason, and never paid."""
    try:
        vector = compiled.formula_columns(values.columns, len(values.ids))
    except (ArithmeticError, TypeError):
        vector = [None] * len(values.ids)
    rounded: dict = {}  # value → amount: a fixed award is rounded once
    for i in result.qualifying:
        try:
            value = vector[i]
            if value is None:
                value = compiled.amount({key: values.columns[key][i] for key in compiled.formula_symbols})
            if value not in rounded:
                rounded[value] = compiled.rounded(value)
            result.amounts[i] = rounded[value]
        except FormulaError as error:
            result.errors[i] = str(error)


def match(clauses, year: int, *, enterprise_ids=None, values: Values | None = None) -> list[ClauseResult]:
    """Every clause of ``clauses`` for ``year`` over all active firms (or ``enterprise_ids``)."""
    clauses = list(clauses)
    values = values or load_values(year, enterprise_ids)
    paid = paid_keys([c.pk for c in clauses], year)
    results = []
    for clause in clauses:
        mine = {eid for cid, eid in paid if cid == clause.pk}
        results.append(evaluate(clause, values, paid=mine))
    return results


def trial(clause, year: int) -> dict:
    """试算: how many firms qualify, the total amount, five examples (before 发布)."""
    result = match([clause], year)[0]
    rows = result.qualifying
    return {
        "clause": clause.pk,
        "year": year,
        "firms": len(result.values.ids),
        "qualifying": len(rows),
        "total": result.total,
        "budget": clause.budget_amount,
        "over_budget": result.over_budget,
        "errors": [{"enterprise_name": result.values.names[i], "error": e} for i, e in result.errors.items()][
            :20
        ],
        "examples": [result.firm(i) for i in rows[:5]],
    }
