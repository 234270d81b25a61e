"""The payout import (.xlsx template with a 填写说明 sheet, row errors as everywhere):
matched on credit code + programme + payment date + document number. Each row's amount must
fit its budget line's remaining amount, counted with the rows above it in the same file."""

from decimal import Decimal

from django.db.models import Sum
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gaoxin.core.imports import Column, ImportSpec, lookup_parser, register
from gaoxin.core.imports.columns import clean_text, normalize_header
from gaoxin.enterprises.imports import EnterpriseLookupMixin, stored_records

from .models import BudgetLine, Payout, Programme, may_pay_from, payout_errors


@register
class PayoutImport(EnterpriseLookupMixin, ImportSpec):
    kind = "payouts"
    label = _("Payouts")
    sheet_name = _("Payouts")
    description = _(
        "Payments to enterprises (科技奖励资金, 创新积分奖励 …), matched on credit code + programme + "
        "payment date + document number; each must fit its budget line's remaining amount."
    )
    model = Payout
    key = ("enterprise", "programme", "paid_on", "document_number")

    def get_columns(self):
        return [
            *self.enterprise_columns(),
            Column(
                "programme",
                _("Programme"),
                required=True,
                aliases=("资金项目", "项目名称", "资金名称"),
                parse=lookup_parser(
                    self.programmes,
                    _("programme"),
                    lambda: list(Programme.objects.values_list("name", flat=True)),
                ),
                export=lambda p: p.programme.name,
                width=20,
                help=_("The programme's name or code."),
            ),
            Column(
                "amount", _("Amount (10k yuan)"), required=True, aliases=("金额", "拨付金额", "金额（万元）")
            ),
            Column(
                "paid_on", _("Paid on"), required=True, aliases=("拨付日期", "支付日期"), example="2024-06-30"
            ),
            Column(
                "document_number",
                _("Document number"),
                aliases=("文号", "文件编号"),
                width=24,
                text_format=True,
            ),
            Column(
                "budget_line",
                _("Budget code"),
                aliases=("预算科目", "预算编码"),
                parse=lambda value: clean_text(value) or None,
                export=lambda p: p.budget_line.code if p.budget_line_id else "",
                help=_("The code of the programme's budget line for the payment's year."),
                text_format=True,
            ),
            Column("note", _("Note"), aliases=("备注",)),
        ]

    def prepare(self):
        self.prepare_enterprises()
        self.all_programmes = list(Programme.objects.select_related("department"))
        self.programmes.clear()
        for programme in self.all_programmes:
            self.programmes[normalize_header(programme.code)] = programme
            self.programmes[normalize_header(programme.name)] = programme
        self.lines = {(b.programme_id, b.year, b.code): b for b in BudgetLine.objects.all()}
        self.paid = {
            row["budget_line_id"]: row["total"]
            for row in Payout.objects.values("budget_line_id").annotate(total=Sum("amount"))
        }
        self.stored = dict(Payout.objects.values_list("pk", "amount"))

    def __init__(self, *args, **kwargs):
        self.programmes = {}
        super().__init__(*args, **kwargs)

    def clean_row(self, values, row):
        self.check_name(values, row)
        programme = values.get("programme")
        if programme is not None and not may_pay_from(self.user, programme):
            row.error("programme", gettext("Only the programme's department may record its payouts."))
        code = values.get("budget_line")
        if code and programme is not None and values.get("paid_on"):
            line = self.lines.get((programme.pk, values["paid_on"].year, code))
            if line is None:
                message = gettext("%(programme)s has no budget line %(code)s in %(year)s.")
                row.error(
                    "budget_line",
                    message % {"programme": programme, "code": code, "year": values["paid_on"].year},
                )
            values["budget_line"] = line

    def clean_merged(self, values, row):
        draft = Payout(pk=values.get("id"))
        for name in ("programme", "budget_line", "amount", "paid_on"):
            setattr(draft, name, values.get(name))
        line = draft.budget_line
        stored = self.stored.get(draft.pk, Decimal(0)) if draft.pk and line is not None else Decimal(0)
        paid_before = (self.paid.get(line.pk, Decimal(0)) - stored) if line is not None else None
        errors = payout_errors(draft, paid_before=paid_before)
        for field, message in errors:
            row.error(field, message)
        if not errors and line is not None:
            self.paid[line.pk] = paid_before + draft.amount

    def existing(self, keys):
        base = self.locked(
            Payout.objects.visible_to(self.user).select_related("enterprise", "programme", "budget_line")
        )
        return stored_records(
            base,
            "enterprise_id",
            {k[0].pk for k in keys},
            lambda p: (p.enterprise, p.programme, p.paid_on, p.document_number),
        )

    def export_queryset(self):
        return Payout.objects.visible_to(self.user).select_related("enterprise", "programme", "budget_line")
