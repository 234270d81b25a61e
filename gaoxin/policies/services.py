"""The 兑现 workflow (拟兑现 → 公示 → 审批 → 拨付) and the 体检报告 of one firm.

Every write is a keyword-only function that raises ``ValidationError``/``PermissionDenied``
with the reason (pages and the API answer them); nothing is written when it refuses. Stage
moves go through ``core.stages`` (dated, audited); 公示 deadlines through ``zone.workdays``.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gaoxin.core.stages import StageRules, stage_move, stage_record
from gaoxin.zone.models import evaluation_date
from gaoxin.zone.workdays import add_working_days

from . import ledger
from .matching import UNPAID, match
from .models import Clause, Disbursement, DisbursementStage, Objection, Policy

S = DisbursementStage


def disbursement_refusal(move) -> str:
    return _("Give the reason for this move.")


DISBURSEMENT_STAGES = StageRules(
    stages=DisbursementStage,
    order=(S.PROPOSED, S.NOTICE, S.APPROVED, S.PAID),
    paused=frozenset(),
    ended=frozenset({S.WITHDRAWN}),
    already=gettext_lazy("The disbursement is already in this stage."),
    refusal=disbursement_refusal,
)


def clause_result_for(clause: Clause, enterprise_id: int, year: int):
    """The clause's match for one firm (row 0), or None when the firm is unknown."""
    result = match([clause], year, enterprise_ids=[enterprise_id])[0]
    return result if result.values.ids else None


def committed(clause: Clause, year: int, exclude_pk=None) -> Decimal:
    """The clause's budget held for ``year``: every disbursement but withdrawn ones."""
    rows = Disbursement.objects.counted().filter(clause=clause, year=year)
    if exclude_pk:
        rows = rows.exclude(pk=exclude_pk)
    return rows.aggregate(s=Sum("amount"))["s"] or Decimal("0")


def check_qualifies(clause: Clause, enterprise_id: int, year: int) -> Decimal:
    """The firm's amount if it qualifies for the clause in ``year``, else the refusal."""
    result = clause_result_for(clause, enterprise_id, year)
    if result is None or not result.passed[0]:
        missed = [c["words"] for c in result.explain(0) if not c["met"]] if result else []
        raise ValidationError(
            _("The enterprise does not qualify for this clause in %(year)s: %(why)s")
            % {"year": year, "why": "；".join(missed) or _("unknown enterprise")}
        )
    if 0 in result.errors:
        raise ValidationError(_("The award cannot be computed: %(e)s.") % {"e": result.errors[0]})
    return result.amounts[0]


def check_not_twice(clause: Clause, enterprise_id: int, year: int) -> None:
    """One award per firm and clause: once only, or once a year when the clause is repeatable."""
    rows = Disbursement.objects.counted().filter(clause=clause, enterprise_id=enterprise_id)
    if clause.repeatable:
        rows = rows.filter(year=year)
    if rows.exists():
        if clause.repeatable:
            raise ValidationError(
                _("This enterprise already has a disbursement of this clause for %(y)s.") % {"y": year}
            )
        raise ValidationError(
            _("This clause pays an enterprise once only, and this enterprise already has one.")
        )


def check_budget(clause: Clause, year: int, amount: Decimal, exclude_pk=None) -> None:
    held = committed(clause, year, exclude_pk)
    remaining = clause.budget_amount - held
    if amount > remaining:
        raise ValidationError(
            _("The amount %(a)s (10k yuan) is over the clause's remaining budget of %(r)s for %(y)s.")
            % {"a": amount, "r": remaining.quantize(Decimal("0.01")), "y": year}
        )


@transaction.atomic
def disbursement_propose(*, clause: Clause, enterprise_id: int, year: int, user, date=None) -> Disbursement:
    """拟兑现: a firm that qualifies, with the amount its formula gives, within the budget."""
    if clause.policy.status != Policy.Status.PUBLISHED:
        raise ValidationError(_("Only clauses of a published policy are paid."))
    if not (clause.budget_line or "").strip():
        raise ValidationError(_("A clause needs the budget line it is paid from."))
    amount = check_qualifies(clause, enterprise_id, year)
    check_not_twice(clause, enterprise_id, year)
    check_budget(clause, year, amount)
    return Disbursement.objects.create(
        clause=clause,
        enterprise_id=enterprise_id,
        year=year,
        amount=amount,
        budget_line=clause.budget_line,
        stage_since=date or evaluation_date(),
        eligible_since=date or evaluation_date(),
        proposed_by=user,
    )


def move(disbursement, *, to_stage, user, date, reason="", fields=None):
    step = stage_move(
        DISBURSEMENT_STAGES,
        disbursement,
        to_stage=to_stage,
        date=date,
        reason=reason,
        as_of=evaluation_date(),
    )
    return stage_record(DISBURSEMENT_STAGES, disbursement, step, user=user, fields=fields)


def expect(disbursement, stage) -> None:
    if disbursement.stage != stage:
        raise ValidationError(
            _("This step needs a disbursement in stage “%(s)s”; it is “%(c)s”.")
            % {"s": S(stage).label, "c": disbursement.get_stage_display()}
        )


@transaction.atomic
def disbursement_notice(*, disbursement, user, start: datetime.date, days: int | None = None):
    """公示: from the day after ``start`` for ``days`` working days (the clause's minimum by
    default, never fewer)."""
    expect(disbursement, S.PROPOSED)
    minimum = disbursement.clause.min_notice_days
    days = minimum if days is None else days
    if days < minimum:
        raise ValidationError(
            {
                "days": _("The public notice must last at least %(n)s working days for this clause.")
                % {"n": minimum}
            }
        )
    end = add_working_days(start, days)
    fields = {"notice_start": start, "notice_end": end}
    return move(disbursement, to_stage=S.NOTICE, user=user, date=start, fields=fields)


@transaction.atomic
def disbursement_approve(*, disbursement, user, date: datetime.date):
    """审批: after the 公示 has ended, every objection resolved, by someone other than the proposer."""
    expect(disbursement, S.NOTICE)
    if disbursement.proposed_by_id and disbursement.proposed_by_id == user.pk:
        raise PermissionDenied(_("A clerk cannot approve a payout they proposed."))
    if date <= disbursement.notice_end:
        raise ValidationError(
            {
                "date": _("The public notice runs until %(d)s; approve after it.")
                % {"d": disbursement.notice_end}
            }
        )
    if disbursement.objections.filter(resolved_on__isnull=True).exists():
        raise ValidationError(_("An objection raised during the public notice is not resolved yet."))
    return move(disbursement, to_stage=S.APPROVED, user=user, date=date, fields={"approved_by": user})


@transaction.atomic
def disbursement_pay(*, disbursement, user, date: datetime.date, bank_ref: str, document_no: str):
    """拨付: the firm still qualifies and the budget still holds; the amount goes to the ledger."""
    expect(disbursement, S.APPROVED)
    if not bank_ref.strip() or not document_no.strip():
        raise ValidationError(_("Give the bank reference and the document number of the payment."))
    clause = disbursement.clause
    check_qualifies(clause, disbursement.enterprise_id, disbursement.year)
    check_budget(clause, disbursement.year, disbursement.amount, exclude_pk=disbursement.pk)
    fields = {"paid_on": date, "bank_ref": bank_ref.strip(), "document_no": document_no.strip()}
    change = move(disbursement, to_stage=S.PAID, user=user, date=date, fields=fields)
    ledger.record_payout(
        enterprise_id=disbursement.enterprise_id,
        programme=clause.policy.title,
        year=disbursement.year,
        amount=disbursement.amount,
        paid_on=date,
        document_no=disbursement.document_no,
        budget_line=disbursement.budget_line,
        source=disbursement,
    )
    return change


@transaction.atomic
def disbursement_withdraw(*, disbursement, user, date: datetime.date, reason: str):
    if disbursement.stage == S.PAID:
        raise ValidationError(_("A paid disbursement cannot be withdrawn."))
    return move(disbursement, to_stage=S.WITHDRAWN, user=user, date=date, reason=reason)


def objection_raise(*, disbursement, raised_on: datetime.date, raised_by: str, content: str) -> Objection:
    """An objection during the 公示 (between its first and last day)."""
    expect(disbursement, S.NOTICE)
    if not (disbursement.notice_start < raised_on <= disbursement.notice_end):
        raise ValidationError(
            {
                "raised_on": _("Objections are taken during the public notice (%(a)s to %(b)s).")
                % {"a": disbursement.notice_start + datetime.timedelta(days=1), "b": disbursement.notice_end}
            }
        )
    objection = Objection(
        disbursement=disbursement, raised_on=raised_on, raised_by=raised_by, content=content
    )
    objection.full_clean()
    objection.save()
    return objection


def objection_resolve(*, objection: Objection, resolved_on: datetime.date, resolution: str) -> Objection:
    if not resolution.strip():
        raise ValidationError({"resolution": _("Say how the objection was resolved.")})
    if resolved_on < objection.raised_on:
        raise ValidationError({"resolved_on": _("An objection cannot be resolved before it was raised.")})
    objection.snapshot()
    objection.resolved_on, objection.resolution = resolved_on, resolution.strip()
    objection.save()
    return objection


# --- the 体检报告 -----------------------------------------------------------------------------


def policy_check(*, enterprise_id: int, year: int) -> dict:
    """Every published clause for one firm: met or not, criterion by criterion with the
    numbers, the amount, what is missing, and whether it has been paid."""
    clauses = list(Clause.objects.published().select_related("policy").order_by("policy__title", "code"))
    results = match(clauses, year, enterprise_ids=[enterprise_id])
    items = []
    for result in results:
        if not result.values.ids:
            break
        firm = result.firm(0)
        firm["clause"] = result.clause
        firm["missing"] = sorted({m for c in firm["criteria"] for m in c["missing"]})
        items.append(firm)
    qualifying = [i for i in items if i["status"] in (UNPAID, "paid")]
    return {
        "year": year,
        "items": items,
        "qualifying": len(qualifying),
        "total": sum((i["amount"] or Decimal("0") for i in qualifying), Decimal("0.00")),
        "unpaid": sum((i["amount"] or Decimal("0") for i in items if i["status"] == UNPAID), Decimal("0.00")),
    }
