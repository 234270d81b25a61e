"""The one payout ledger (科技奖励, 积分奖励, policy awards): where a paid disbursement lands.

A 拨付 writes one ``payouts.Payout`` (docs/payouts.md) in the same transaction:
``payouts.Programme`` one per policy (code ``policy-<id>``, kind 政策兑现, named after the
policy), ``payouts.BudgetLine`` one per clause budget code and eligibility year, filed under
the year of payment (the ledger's years are years of payment) with the clause's budget as its
amount, and ``Payout`` (enterprise, programme, line, amount, paid_on, 文号, subject = the
disbursement). The ledger's own rules (a positive amount, the line's remaining amount) are
checked there too: a refusal undoes the 拨付. The paid state of a clause and year is read from
our ``Disbursement`` rows in stage 拨付, each of which has its payout.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.apps import apps


def ledger_installed() -> bool:
    return apps.is_installed("gaoxin.payouts")


def record_payout(
    *,
    enterprise_id: int,
    programme: str,
    year: int,
    amount: Decimal,
    paid_on: datetime.date,
    document_no: str,
    budget_line: str,
    source,
) -> None:
    """Write the paid amount into the payout ledger (see the module's docstring)."""
    if not ledger_installed():
        return
    from django.core.exceptions import ValidationError

    from gaoxin.payouts.models import BudgetLine, Payout, Programme, payout_errors

    policy = source.clause.policy
    name = programme[:90]
    if Programme.objects.filter(name=name).exclude(code=f"policy-{policy.pk}").exists():
        name = f"{programme[:80]}（政策{policy.pk}）"
    fund, _ = Programme.objects.get_or_create(
        code=f"policy-{policy.pk}",
        defaults={"name": name, "kind": Programme.Kind.POLICY, "description": policy.number or ""},
    )
    line, _ = BudgetLine.objects.get_or_create(
        programme=fund,
        year=paid_on.year,
        code=f"{budget_line[:32]}-{year}",
        defaults={"amount": source.clause.budget_amount, "note": f"{year}年度"},
    )
    payout = Payout(
        enterprise_id=enterprise_id,
        programme=fund,
        budget_line=line,
        amount=amount,
        paid_on=paid_on,
        document_number=document_no,
        subject=source,
    )
    errors = payout_errors(payout)
    if errors:
        raise ValidationError(errors[0][1])
    payout.save()


def paid_keys(clause_ids, year: int) -> set[tuple[int, int]]:
    """(clause id, enterprise id) pairs paid for ``year``: a disbursement in stage 拨付."""
    from .models import Disbursement, DisbursementStage

    rows = Disbursement.objects.filter(
        clause_id__in=list(clause_ids), year=year, stage=DisbursementStage.PAID
    )
    return set(rows.values_list("clause_id", "enterprise_id"))
