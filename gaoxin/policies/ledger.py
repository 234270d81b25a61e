"""The one payout ledger (科技奖励, 积分奖励, policy awards): where a paid disbursement lands.

``gaoxin.payouts`` (Programme, BudgetLine, Payout) is being built on branch ``points`` and is
not in this tree; until it is merged, ``record_payout`` is the single call the 拨付 step
makes, and the paid state is read from our own ``Disbursement`` rows (stage 拨付). At merge
the lead wires this function to the ledger as committed on ``points`` (8abaa63):
``payouts.Programme`` one per policy (name = the policy's title, kind award),
``payouts.BudgetLine`` one per clause and year (code = ``Clause.budget_line``, amount = the
clause's budget: the ledger then refuses a payout over the line as our ``check_budget``
does), ``payouts.Payout`` (enterprise, programme, budget_line, amount, paid_on,
document_number, subject = the disbursement through its generic link); ``paid_keys`` then
also reads the payouts whose subject is a disbursement. Nothing else calls the ledger.
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
    """Write the paid amount into the payout ledger (no-op until ``gaoxin.payouts`` exists:
    the ``Disbursement`` row in stage 拨付 is then the record)."""
    if not ledger_installed():
        return
    raise NotImplementedError("wire gaoxin.payouts.Payout here at merge")  # pragma: no cover


def paid_keys(clause_ids, year: int) -> set[tuple[int, int]]:
    """(clause id, enterprise id) pairs paid for ``year``: a disbursement in stage 拨付."""
    from .models import Disbursement, DisbursementStage

    rows = Disbursement.objects.filter(
        clause_id__in=list(clause_ids), year=year, stage=DisbursementStage.PAID
    )
    return set(rows.values_list("clause_id", "enterprise_id"))
